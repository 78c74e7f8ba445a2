package ui

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"termbook/ui/i18n"
)

// updating reports the -update flag (defined by teatest's golden package, which this
// package's tests link): rewrite the golden files under testdata.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updating() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui -update to write it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

// checkFrame checks that a view has exactly h lines, none wider than w, and no escape codes
// (the tests draw with the NO_COLOR profile).
func checkFrame(t *testing.T, view string, w, h int) []string {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got > w {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, got, w, l)
		}
		if strings.Contains(l, "\x1b") {
			t.Errorf("line %d has an escape code under NO_COLOR: %q", i+1, l)
		}
	}
	return lines
}

// cells splits a line into terminal cells: a wide character fills its first cell and
// leaves "" in the second.
func cells(line string) []string {
	var out []string
	for _, r := range line {
		s := string(r)
		out = append(out, s)
		for range ansi.StringWidth(s) - 1 {
			out = append(out, "")
		}
	}
	return out
}

// columnStarts finds where each heading word of the calendar's header line begins, in cells.
func columnStarts(t *testing.T, header string, words []string) []int {
	t.Helper()
	var starts []int
	for _, w := range words {
		i := strings.Index(header, w)
		if i < 0 {
			t.Fatalf("header %q lacks %q", header, w)
		}
		starts = append(starts, ansi.StringWidth(header[:i]))
	}
	return starts
}

// checkAligned checks that every activity row has a column boundary at each column start:
// a blank just before and the first cell of a character (never the middle of a Chinese
// one) at the start; and that the status word begins exactly at the status column.
func checkAligned(t *testing.T, lines []string, l i18n.Lang) int {
	t.Helper()
	words := []string{l.T(msgColTime), l.T(msgColType), l.T(msgColTitle), l.T(msgColHost), l.T(msgColPlace), l.T(msgColStatus)}
	header := -1
	for i, ln := range lines {
		if strings.Contains(ln, words[0]) && strings.Contains(ln, words[len(words)-1]) {
			header = i
			break
		}
	}
	if header < 0 {
		t.Fatalf("no column header in view:\n%s", strings.Join(lines, "\n"))
	}
	starts := columnStarts(t, lines[header], words)
	statusWords := []string{l.Status("planned"), l.Status("done"), l.Status("postponed"), l.Status("cancelled"), l.Overdue()}
	rows := 0
	for i, ln := range lines[header+1:] {
		c := cells(ln)
		isRow := false
		for _, sw := range statusWords {
			if len(c) > starts[len(starts)-1] && strings.HasPrefix(strings.Join(c[starts[len(starts)-1]:], ""), sw) {
				isRow = true
			}
		}
		if !isRow {
			continue // a week's heading
		}
		rows++
		for j, s := range starts {
			if s >= len(c) {
				t.Errorf("row %d ends before column %q: %q", header+2+i, words[j], ln)
				continue
			}
			if c[s-1] != " " || c[s] == "" {
				t.Errorf("row %d breaks column %q at cell %d: %q", header+2+i, words[j], s, ln)
			}
		}
	}
	return rows
}

// unicodeGlyphs are the marks, bars, arrows and borders of the Unicode glyph set: all
// ambiguous width, so never drawn in ASCII mode.
const unicodeGlyphs = "●○→←↑↓×·…█▒░─│╭╮╰╯▸"

func TestCalendarViews(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, lang := range []i18n.Lang{i18n.Zh, i18n.En} {
			for _, ascii := range []bool{false, true} {
				glyphs := "unicode"
				if ascii {
					glyphs = "ascii"
				}
				name := fmt.Sprintf("calendar_%dx%d_%s_%s.txt", size[0], size[1], lang, glyphs)
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					s, _ := openStore(t)
					fixture(t, s)
					m := newTest(t, s, lang, ascii, size[0], size[1])
					press(t, m, "h", "h", "h") // week 3: lessons with Chinese and English text
					view := shown(t, m)
					lines := checkFrame(t, view, size[0], size[1])
					if n := checkAligned(t, lines, lang); n < 3 {
						t.Errorf("only %d activity rows checked for alignment:\n%s", n, view)
					}
					if ascii {
						if i := strings.IndexAny(view, unicodeGlyphs); i >= 0 {
							t.Errorf("ASCII view draws %q, which some terminals draw two cells wide", []rune(view[i:])[0])
						}
					}
					golden(t, name, view)
				})
			}
		}
	}
}

func TestOtherViews(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		keys []string
	}{
		{"month", []string{"m"}},
		{"help", []string{"?"}},
		{"people", []string{"5"}},
		{"form", []string{"h", "h", "h", "j", "enter"}},
		{"new_form", []string{"n", "enter"}}, // a note after a value: 每周重复 needs both weeks
		{"postpone_prompt", []string{"h", "h", "h", "j", "p"}},
		{"presets", []string{"f"}},
	} {
		for _, lang := range []i18n.Lang{i18n.Zh, i18n.En} {
			name := fmt.Sprintf("%s_80x24_%s.txt", tc.name, lang)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				s, _ := openStore(t)
				fixture(t, s)
				m := newTest(t, s, lang, false, 80, 24)
				press(t, m, tc.keys...)
				view := shown(t, m)
				checkFrame(t, view, 80, 24)
				golden(t, name, view)
			})
		}
	}
}

func TestTooSmall(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	fixture(t, s)
	m := newTest(t, s, i18n.Zh, false, 60, 20)
	lines := checkFrame(t, shown(t, m), 60, 20)
	if !strings.Contains(strings.Join(lines, ""), "80×24") {
		t.Errorf("a small window should say what it needs:\n%s", shown(t, m))
	}
	run(t, m, nil)
	m.Update(windowSize(100, 30))
	checkFrame(t, shown(t, m), 100, 30)
	m.Update(windowSize(79, 24))
	checkFrame(t, shown(t, m), 79, 24)
}
