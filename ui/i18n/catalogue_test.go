package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"termbook/store"
)

var verb = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)

// TestCatalogue walks every Go file of the module and checks each Msg literal: both languages
// present, and the same format verbs in the same order (so a Sprintf never prints %!d).
func TestCatalogue(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	count := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || len(lit.Elts) != 2 || !isMsg(lit.Type) && lit.Type != nil {
				return true
			}
			var strs []string
			for _, e := range lit.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					e = kv.Value
				}
				b, ok := e.(*ast.BasicLit)
				if !ok || b.Kind != token.STRING {
					return true
				}
				s, _ := strconv.Unquote(b.Value)
				strs = append(strs, s)
			}
			if lit.Type == nil && !hasHan(strs[0]) {
				return true // an untyped pair that is not a message
			}
			count++
			pos := fset.Position(lit.Pos())
			if strings.TrimSpace(strs[0]) == "" || strings.TrimSpace(strs[1]) == "" {
				t.Errorf("%s: message without both languages: %q", pos, strs)
			}
			zv, ev := verb.FindAllString(strs[0], -1), verb.FindAllString(strs[1], -1)
			if !slices.Equal(normVerbs(zv), normVerbs(ev)) && !sameSet(zv, ev) {
				t.Errorf("%s: format verbs differ: %q has %v, %q has %v", pos, strs[0], zv, strs[1], ev)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if count < 50 {
		t.Fatalf("found only %d messages; is the walk broken?", count)
	}
}

func isMsg(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name == "Msg"
	case *ast.SelectorExpr:
		return x.Sel.Name == "Msg"
	}
	return false
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func normVerbs(v []string) []string { return v }

// sameSet allows explicit argument indexes (%[2]s) to reorder verbs between languages.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y) && strings.Contains(strings.Join(a, ""), "[")
}

func TestMonthYear(t *testing.T) {
	for _, tc := range []struct {
		l    Lang
		want string
	}{{Zh, "2026年11月"}, {En, "Nov 2026"}} {
		if got := tc.l.MonthYear(store.Month{Year: 2026, Month: 11}); got != tc.want {
			t.Errorf("%v: got %q, want %q", tc.l, got, tc.want)
		}
	}
}

// TestFieldNamesFollowTheRecord: the same field reads as the record's own word — a teacher's
// name is 姓名 and its title 职称, an activity's title 标题.
func TestFieldNamesFollowTheRecord(t *testing.T) {
	for _, tc := range []struct {
		record, field string
		want          string
	}{
		{"teacher", "name", "“姓名”不能为空。"},
		{"teacher", "title", "“职称”不能为空。"},
		{"activity", "title", "“标题”不能为空。"},
		{"school", "name", "“校名”不能为空。"},
	} {
		err := &store.InvalidError{Record: tc.record, Fields: []store.FieldError{{Field: tc.field, Problem: store.Required}}}
		if got := Zh.Error(err); got != tc.want {
			t.Errorf("%s.%s: got %q, want %q", tc.record, tc.field, got, tc.want)
		}
	}
}
