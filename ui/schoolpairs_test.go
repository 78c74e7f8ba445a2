package ui

import (
	"context"
	"strings"
	"testing"

	"termbook/ui/i18n"
)

func TestSchoolPairsAddEdit(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	fixture(t, s)
	ctx := context.Background()
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	p := m.screens[4].(*people)
	press(t, m, "5", "left") // teachers → pairs
	if p.pane != panePairs {
		t.Fatalf("pane %d, want the pairs", p.pane)
	}
	if !strings.Contains(shown(t, m), "还没有结对学校") {
		t.Errorf("no pairs yet should say so:\n%s", shown(t, m))
	}
	// A bad date is refused naming the field; the form stays with the typing.
	press(t, m, "n", "tab", "tab")
	for range 10 {
		press(t, m, "backspace")
	}
	press(t, m, "text:2025-13-40", "ctrl+s")
	if p.form == nil || !strings.Contains(p.form.problem, "协议日期") {
		t.Fatalf("a bad date should name the field, got %+v", p.form)
	}
	for range 10 {
		press(t, m, "backspace")
	}
	press(t, m, "text:2025-09-01", "ctrl+s")
	if p.form != nil {
		t.Fatalf("save failed: %s", p.form.problem)
	}
	pairs, err := s.SchoolPairs(ctx)
	if err != nil || len(pairs) != 1 || pairs[0].AgreedOn.String() != "2025-09-01" || pairs[0].CycleYears != 3 {
		t.Fatalf("pairs: %+v, %v", pairs, err)
	}
	v := shown(t, m)
	if !strings.Contains(v, "结对学校（1）") || !strings.Contains(v, "周期 3 年") {
		t.Errorf("the new pair is not shown:\n%s", v)
	}
	// Edit: the cycle becomes 5 years.
	press(t, m, "enter", "tab", "tab", "tab", "backspace", "text:5", "ctrl+s")
	if pairs, _ = s.SchoolPairs(ctx); len(pairs) != 1 || pairs[0].CycleYears != 5 {
		t.Fatalf("after edit: %+v (%v)", pairs, p.form)
	}
	if !strings.Contains(shown(t, m), "周期 5 年") {
		t.Errorf("the edit is not shown:\n%s", shown(t, m))
	}
}
