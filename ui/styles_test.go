package ui

import (
	"testing"

	"github.com/mattn/go-runewidth"
	"github.com/rivo/uniseg"

	"termbook/ui/width"
)

func TestDetectDisplay(t *testing.T) {
	// detectDisplay sets the libraries' global width modes: this test is not parallel, and
	// puts them back before the parallel tests, which measure with them, resume.
	savedRW, savedVar, savedUS := runewidth.DefaultCondition.EastAsianWidth, runewidth.EastAsianWidth, uniseg.EastAsianAmbiguousWidth
	t.Cleanup(func() {
		runewidth.DefaultCondition.EastAsianWidth, runewidth.EastAsianWidth, uniseg.EastAsianAmbiguousWidth = savedRW, savedVar, savedUS
	})
	for _, tc := range []struct {
		name  string
		env   map[string]string
		ascii bool
		want  display
	}{
		{"a Chinese locale is still one cell", map[string]string{"LANG": "zh_CN.UTF-8"}, false, display{}},
		{"RUNEWIDTH_EASTASIAN=1 is two cells, drawn in ASCII", map[string]string{"LANG": "zh_CN.UTF-8", "RUNEWIDTH_EASTASIAN": "1"}, false, display{mode: width.Wide, ascii: true}},
		{"RUNEWIDTH_EASTASIAN=0 is one cell", map[string]string{"RUNEWIDTH_EASTASIAN": "0"}, false, display{}},
		{"--ascii", nil, true, display{ascii: true}},
		{"NO_COLOR", map[string]string{"NO_COLOR": "1"}, false, display{noColor: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := detectDisplay(func(k string) string { return tc.env[k] }, tc.ascii)
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
			// bubbles' text fields measure with go-runewidth and uniseg: both must agree
			// with the mode.
			want := map[bool]int{false: 1, true: 2}[tc.want.mode.IsWide()]
			if w := runewidth.StringWidth("─"); w != want {
				t.Errorf("go-runewidth counts ─ as %d cells, want %d", w, want)
			}
			if w := uniseg.StringWidth("“"); w != want {
				t.Errorf("uniseg counts “ as %d cells, want %d", w, want)
			}
		})
	}
}
