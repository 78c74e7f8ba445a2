package ui

import (
	"context"
	"strings"
	"testing"

	"termbook/store"
	"termbook/store/storetest"
	"termbook/ui/i18n"
)

// weekView shows week n of the calendar and returns the screen.
func weekView(t *testing.T, m *Model, n int) string {
	t.Helper()
	press(t, m, "g")
	for range n - 1 {
		press(t, m, "l")
	}
	return shown(t, m)
}

func TestWelcomeStartsTermWithTemplate(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	press(t, m, "1")
	if m.welcome == nil || m.welcome.form == nil {
		t.Fatal("1 should open the new-term form")
	}
	checkFrame(t, shown(t, m), 80, 24)
	if !strings.Contains(shown(t, m), "两个模板都用") {
		t.Errorf("the plan field should offer the templates:\n%s", shown(t, m))
	}
	// To the plan field, one step right of "both templates": the research office's plan.
	press(t, m, "tab", "tab", "tab", "right", "ctrl+s")
	if m.welcome != nil || m.sh.data == nil {
		t.Fatalf("the term should be created and shown; status %q", m.status)
	}
	if got, want := len(m.sh.data.acts), 27; got != want {
		t.Errorf("the new term has %d activities, want %d (the research office's plan)", got, want)
	}
	screen := weekView(t, m, 3)
	checkFrame(t, screen, 80, 24)
	for _, want := range []string{"第3周", "语文公开课", "数学公开课", "教研活动"} {
		if !strings.Contains(screen, want) {
			t.Errorf("week 3 should show %q:\n%s", want, screen)
		}
	}
}

func TestWelcomeStartsEmptyTerm(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	m := newTest(t, s, i18n.En, false, 80, 24)
	press(t, m, "1", "tab", "tab", "tab", "left", "ctrl+s") // left of the first choice wraps to "empty"
	if m.sh.data == nil {
		t.Fatalf("the term should be created; status %q", m.status)
	}
	if n := len(m.sh.data.acts); n != 0 {
		t.Errorf("an empty start made %d activities", n)
	}
}

func TestNextTermCopiesPlan(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	ctx := context.Background()
	office, _ := store.PlanTemplateNamed("research-office")
	autumn, _, err := s.StartTerm(ctx, store.Term{Name: "2026—2027学年第一学期", Week1: storetest.Date("2026-09-07"), Weeks: 20}, "",
		[]store.PlanTemplate{office}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	press(t, m, "?")
	if !strings.Contains(shown(t, m), "开始新学期") {
		t.Errorf("the calendar's help should list T:\n%s", shown(t, m))
	}
	press(t, m, "esc", "T")
	if m.starting == nil {
		t.Fatal("T should open the new-term form")
	}
	screen := shown(t, m)
	checkFrame(t, screen, 80, 24)
	for _, want := range []string{"2027-02-22", "2026—2027学年第二学期", "复制上学期（2026—2027学年第一学期）的计划"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the form should suggest %q:\n%s", want, screen)
		}
	}

	// A bad length is one sentence, and nothing is written.
	press(t, m, "tab", "tab", "backspace", "backspace", "0", "ctrl+s")
	if m.starting == nil || !strings.Contains(m.starting.problem, "周数") || !strings.Contains(shown(t, m), m.starting.problem) {
		t.Fatalf("0 weeks should be refused in the form, naming the field:\n%s", shown(t, m))
	}
	t.Log(m.starting.problem)
	if terms, _ := s.Terms(ctx); len(terms) != 1 {
		t.Fatalf("a refused term was written: %d terms", len(terms))
	}

	press(t, m, "backspace", "1", "8", "ctrl+s")
	if m.starting != nil {
		t.Fatalf("the term should be started; form still open:\n%s", shown(t, m))
	}
	d := m.sh.data
	if d.term.ID == autumn.ID || d.term.Week1 != storetest.Date("2027-02-22") || d.term.Weeks != 18 {
		t.Fatalf("showing %s from %s, %d weeks; want the new term from 2027-02-22, 18 weeks", d.term.Name, d.term.Week1, d.term.Weeks)
	}
	if got, want := len(d.acts), 18+7; got != want {
		t.Errorf("the copied plan has %d activities, want %d", got, want)
	}
	if !strings.Contains(m.status, "计划 25 项活动") {
		t.Errorf("status %q should count the activities", m.status)
	}
	if len(m.sh.undo) != 0 {
		t.Error("the last term's undo steps should be dropped")
	}
	screen = weekView(t, m, 3)
	for _, want := range []string{"2026—2027学年第二学期", "第3周", "语文公开课", "体育公开课"} {
		if !strings.Contains(screen, want) {
			t.Errorf("week 3 of the new term should show %q:\n%s", want, screen)
		}
	}
	// Starting the same term again is one sentence naming the term it would overlap.
	press(t, m, "T", "tab")
	for range 10 {
		press(t, m, "backspace")
	}
	press(t, m, "text:2027-03-01", "ctrl+s")
	if m.starting == nil || !strings.Contains(m.starting.problem, "与学期“2026—2027学年第二学期”的周重叠") {
		t.Fatalf("a second start of the same term should be refused:\n%s", shown(t, m))
	}
	press(t, m, "esc")
	if terms, _ := s.Terms(ctx); len(terms) != 2 {
		t.Fatalf("%d terms, want 2", len(terms))
	}
	// Reloading (after an import, say) keeps showing the chosen term, not the one around today.
	run(t, m, load(m.sh))
	if m.sh.data.term.ID != d.term.ID {
		t.Errorf("a reload went back to %s", m.sh.data.term.Name)
	}
}
