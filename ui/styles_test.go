package ui

import (
	"testing"

	"github.com/mattn/go-runewidth"
)

func TestDetectDisplay(t *testing.T) {
	// detectDisplay sets go-runewidth's global mode: this test is not parallel, and puts the
	// mode back before the parallel tests, which measure with it, resume.
	saved, savedVar := runewidth.DefaultCondition.EastAsianWidth, runewidth.EastAsianWidth
	t.Cleanup(func() { runewidth.DefaultCondition.EastAsianWidth, runewidth.EastAsianWidth = saved, savedVar })
	for _, tc := range []struct {
		name  string
		env   map[string]string
		ascii bool
		want  display
	}{
		{"a Chinese locale is still one cell", map[string]string{"LANG": "zh_CN.UTF-8"}, false, display{}},
		{"RUNEWIDTH_EASTASIAN=1 is two cells, drawn in ASCII", map[string]string{"LANG": "zh_CN.UTF-8", "RUNEWIDTH_EASTASIAN": "1"}, false, display{wide: true, ascii: true}},
		{"RUNEWIDTH_EASTASIAN=0 is one cell", map[string]string{"RUNEWIDTH_EASTASIAN": "0"}, false, display{}},
		{"--ascii", nil, true, display{ascii: true}},
		{"NO_COLOR", map[string]string{"NO_COLOR": "1"}, false, display{noColor: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := detectDisplay(func(k string) string { return tc.env[k] }, tc.ascii)
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
			// bubbles' inputs measure with go-runewidth: it must agree with the mode.
			if w := runewidth.StringWidth("─"); w != map[bool]int{false: 1, true: 2}[tc.want.wide] {
				t.Errorf("go-runewidth counts ─ as %d cells", w)
			}
		})
	}
}
