package quickadd

import (
	"errors"
	"reflect"
	"testing"

	"termbook/ui/i18n"
)

// FuzzQuickAdd checks that Parse never panics, that every refusal is an *Error with a
// message in both languages, and that whatever it accepts round-trips: format writes a line
// that parses back to the same activity. The seed corpus is in testdata/fuzz/FuzzQuickAdd.
func FuzzQuickAdd(f *testing.F) {
	c := fixture()
	f.Fuzz(func(t *testing.T, text string) {
		a, err := Parse(text, c)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q) failed with %T %v, not a *quickadd.Error", text, err, err)
			}
			if e.Message(i18n.Zh) == "" || e.Message(i18n.En) == "" {
				t.Fatalf("Parse(%q): error %+v has no message", text, e)
			}
			return
		}
		line := format(a, c)
		back, err := Parse(line, c)
		if err != nil {
			t.Fatalf("Parse(%q) = %+v\nformat gave %q, which fails: %v", text, a, line, err)
		}
		if !reflect.DeepEqual(back, a) {
			t.Fatalf("Parse(%q) = %+v\nformat gave %q, which parses to %+v", text, a, line, back)
		}
	})
}
