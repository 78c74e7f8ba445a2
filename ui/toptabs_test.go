package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"termbook/ui/i18n"
)

// At every width from 80 up, in both languages, the top line keeps the whole term name,
// today's week and every tab, within the window.
func TestTopLineFits(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	term := fixture(t, s)
	for _, lang := range []i18n.Lang{i18n.Zh, i18n.En} {
		for _, ascii := range []bool{false, true} {
			for _, w := range []int{80, 90, 100, 120, 160} {
				m := newTest(t, s, lang, ascii, w, 24)
				top := strings.Split(shown(t, m), "\n")[0]
				if got := ansi.StringWidth(top); got > w {
					t.Errorf("%v %d: top line is %d cells: %q", lang, w, got, top)
				}
				if !strings.Contains(top, lang.Week(6)) && !strings.Contains(top, lang.WeekShort(6)) {
					t.Errorf("%v %d: top line %q lacks the week", lang, w, top)
				}
				for _, want := range []string{term.Name, "1 ", "5 "} {
					if !strings.Contains(top, want) {
						t.Errorf("%v ascii=%v %d: top line %q lacks %q", lang, ascii, w, top, want)
					}
				}
			}
		}
	}
}
