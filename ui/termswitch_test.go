package ui

import (
	"context"
	"strings"
	"testing"

	"termbook/store"
	"termbook/store/storetest"
	"termbook/ui/i18n"
)

func TestSwitchTermAndBack(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	ctx := context.Background()
	office, _ := store.PlanTemplateNamed("research-office")
	autumn, _, err := s.StartTerm(ctx, store.Term{Name: "2026—2027学年第一学期", Week1: storetest.Date("2026-09-07"), Weeks: 20}, "",
		[]store.PlanTemplate{office}, nil)
	if err != nil {
		t.Fatal(err)
	}
	spring, _, err := s.StartTerm(ctx, store.Term{Name: "2026—2027学年第二学期", Week1: storetest.Date("2027-02-22"), Weeks: 18}, "",
		[]store.PlanTemplate{office}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	if m.sh.data.term.ID != autumn.ID {
		t.Fatalf("showing %s at start, want today's term", m.sh.data.term.Name)
	}
	press(t, m, "?")
	if !strings.Contains(shown(t, m), "切换学期") {
		t.Errorf("the calendar's help should list S:\n%s", shown(t, m))
	}
	press(t, m, "esc", "S")
	if m.switching == nil {
		t.Fatal("S should open the term switcher")
	}
	screen := shown(t, m)
	checkFrame(t, screen, 80, 24)
	_, list, _ := strings.Cut(screen, "切换学期")
	newer, older := strings.Index(list, spring.Name), strings.Index(list, autumn.Name)
	if newer < 0 || older < 0 || newer > older {
		t.Errorf("the switcher should list both terms, newest first:\n%s", screen)
	}
	if !strings.Contains(screen, autumn.Name+"  2026-09-07 起，20 周（今天所在学期）") {
		t.Errorf("the switcher should mark today's term:\n%s", screen)
	}

	press(t, m, "esc")
	if m.switching != nil || m.sh.data.term.ID != autumn.ID {
		t.Fatal("esc should leave the switcher, keeping the term")
	}

	press(t, m, "S", "k", "enter")
	if m.switching != nil {
		t.Fatal("enter should close the switcher")
	}
	if m.sh.data.term.ID != spring.ID || m.sh.termID != spring.ID {
		t.Fatalf("showing %s, want %s", m.sh.data.term.Name, spring.Name)
	}
	screen = weekView(t, m, 3)
	checkFrame(t, screen, 80, 24)
	for _, want := range []string{spring.Name, "第3周", "3月8日"} {
		if !strings.Contains(screen, want) {
			t.Errorf("week 3 of the spring term should show %q:\n%s", want, screen)
		}
	}

	press(t, m, "S", "j", "enter")
	if m.sh.data.term.ID != autumn.ID || m.sh.termID != "" {
		t.Fatalf("showing %s (chosen %q), want today's term followed again", m.sh.data.term.Name, m.sh.termID)
	}
	screen = weekView(t, m, 3)
	for _, want := range []string{autumn.Name, "第3周", "9月21日"} {
		if !strings.Contains(screen, want) {
			t.Errorf("week 3 of the autumn term should show %q:\n%s", want, screen)
		}
	}
}

// Switching reads, it does not write: a read-only database may switch.
func TestSwitchTermReadOnly(t *testing.T) {
	t.Parallel()
	s, path := openStore(t)
	ctx := context.Background()
	for _, tm := range []store.Term{
		{Name: "秋季", Week1: storetest.Date("2026-09-07"), Weeks: 20},
		{Name: "春季", Week1: storetest.Date("2027-02-22"), Weeks: 18},
	} {
		if _, _, err := s.StartTerm(ctx, tm, "", nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := store.Open(ctx, path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	m := newTest(t, ro, i18n.En, false, 80, 24)
	if m.sh.readOnly() == nil {
		t.Fatal("the database should be read-only")
	}
	press(t, m, "S", "k", "enter")
	if m.sh.data.term.Name != "春季" {
		t.Fatalf("a read-only database should switch; showing %s, status %q", m.sh.data.term.Name, m.status)
	}
}
