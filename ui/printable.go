package ui

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"termbook/store"

	"termbook/ui/i18n"
)

// printable returns records read from the store with every string in them — fields, nested
// records, slices, maps — made safe to draw (i18n.Printable). It is applied once, where
// records enter the program (the loads and the results of writes), so that no view and no
// form has to think of it: text from an old or hand-edited file, or received from a partner
// school, may hold escape sequences that would act on the terminal. What it changes it
// copies, so the store's own values (a cached rubric) stay as they are; a record without
// such text comes back untouched, without a copy.
func printable[T any](v T) T {
	if c, changed := cleaned(reflect.ValueOf(&v).Elem()); changed {
		return c.Interface().(T)
	}
	return v
}

// cleaned returns v with its strings made printable, and whether anything changed; only
// exported fields are looked at (the store's records keep their text in no others).
func cleaned(v reflect.Value) (reflect.Value, bool) {
	switch v.Kind() {
	case reflect.String:
		if s := i18n.Printable(v.String()); s != v.String() {
			out := reflect.New(v.Type()).Elem()
			out.SetString(s)
			return out, true
		}
	case reflect.Struct:
		var out reflect.Value
		for i := range v.NumField() {
			field := v.Field(i)
			if !field.CanInterface() { // unexported
				continue
			}
			if f, changed := cleaned(field); changed {
				if !out.IsValid() {
					out = reflect.New(v.Type()).Elem()
					out.Set(v)
				}
				out.Field(i).Set(f)
			}
		}
		return out, out.IsValid()
	case reflect.Slice:
		var out reflect.Value
		for i := range v.Len() {
			if e, changed := cleaned(v.Index(i)); changed {
				if !out.IsValid() {
					out = reflect.MakeSlice(v.Type(), v.Len(), v.Len())
					reflect.Copy(out, v)
				}
				out.Index(i).Set(e)
			}
		}
		return out, out.IsValid()
	case reflect.Pointer:
		if v.IsNil() {
			break
		}
		if e, changed := cleaned(v.Elem()); changed {
			out := reflect.New(v.Type().Elem())
			out.Elem().Set(e)
			return out, true
		}
	case reflect.Interface:
		if v.IsNil() {
			break
		}
		if e, changed := cleaned(v.Elem()); changed {
			out := reflect.New(v.Type()).Elem()
			out.Set(e)
			return out, true
		}
	case reflect.Map:
		changed := false
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for iter := v.MapRange(); iter.Next(); {
			k, kc := cleaned(iter.Key())
			e, ec := cleaned(iter.Value())
			if !kc {
				k = iter.Key()
			}
			if !ec {
				e = iter.Value()
			}
			changed = changed || kc || ec
			out.SetMapIndex(k, e)
		}
		if changed {
			return out, true
		}
	}
	return v, false
}

// printableDrafts makes the text in kept drafts printable. A draft's payload is JSON, whose
// escapes (\u001b) the form that restores it would turn back into the characters themselves,
// so the payload is read, made printable and written again when it holds any.
func printableDrafts(ds []store.Draft) []store.Draft {
	ds = printable(ds)
	var out []store.Draft
	for i, d := range ds {
		dec := json.NewDecoder(strings.NewReader(d.Payload))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			continue // not ours to read; the form that owns it says so
		}
		c, changed := cleaned(reflect.ValueOf(&v).Elem())
		if !changed {
			continue
		}
		b, err := json.Marshal(c.Interface())
		if err != nil {
			continue
		}
		if out == nil {
			out = slices.Clone(ds)
		}
		out[i].Payload = string(b)
	}
	if out == nil {
		return ds
	}
	return out
}
