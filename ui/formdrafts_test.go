package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// reopenFile closes s and opens the same file again, as the next start would.
func reopenFile(t *testing.T, s *store.Store, path string) *store.Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Now = fixedClock
	t.Cleanup(func() { s.Close() })
	return s
}

// quit presses ctrl+c and runs what it returns; it must end in quitting.
func quit(t *testing.T, m *Model) {
	t.Helper()
	_, cmd := m.Update(keyMsg("ctrl+c"))
	if cmd == nil {
		t.Fatal("ctrl+c returned nothing")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("ctrl+c did not quit")
	}
}

func TestActivityFormDraftSurvivesQuit(t *testing.T) {
	t.Parallel()
	s, path := openStore(t)
	fixture(t, s)
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	cal := m.screens[0].(*calendar)
	press(t, m, "n", "enter") // an empty quick add opens the full form
	if cal.form == nil {
		t.Fatal("n then enter should open the activity form")
	}
	press(t, m, "tab", "text:期中复习研讨", "tab", "text:语文")
	// The draft timer (zero here) has written what was typed before any quit.
	if ds, err := s.Drafts(context.Background()); err != nil || len(ds) != 1 || !strings.Contains(ds[0].Payload, "期中复习研讨") {
		t.Fatalf("drafts while typing: %v, %v", ds, err)
	}
	quit(t, m)

	s = reopenFile(t, s, path)
	m = newTest(t, s, i18n.Zh, false, 80, 24)
	if !m.offer.Active() {
		t.Fatal("the next start does not offer the kept draft")
	}
	if m.active != 0 {
		t.Errorf("an activity draft moved the start to tab %d", m.active+1)
	}
	if v := shown(t, m); !strings.Contains(v, "期中复习研讨") {
		t.Errorf("the offer does not name the draft:\n%s", v)
	}
	press(t, m, "enter")
	cal = m.screens[0].(*calendar)
	if m.active != 0 || cal.form == nil {
		t.Fatal("restoring should open the activity form on the calendar")
	}
	if got := cal.form.field("title").value(); got != "期中复习研讨" {
		t.Errorf("title = %q, want the typed text", got)
	}
	if got := cal.form.field("subject").value(); got != "语文" {
		t.Errorf("subject = %q", got)
	}
	// Saving it deletes the draft: the start after that offers nothing.
	press(t, m, "tab", "tab", "tab", "tab", "tab", "tab", "text:5", "ctrl+s")
	if cal.form != nil {
		t.Fatalf("save failed: %s", cal.form.problem)
	}
	find(t, m, "期中复习研讨")
	if ds, err := s.Drafts(context.Background()); err != nil || len(ds) != 0 {
		t.Errorf("drafts after saving: %v, %v", ds, err)
	}
}

func TestPeopleFormDraftKeptAndDiscarded(t *testing.T) {
	t.Parallel()
	s, path := openStore(t)
	fixture(t, s)
	m := newTest(t, s, i18n.En, false, 80, 24)
	press(t, m, "5", "N", "text:青山路小学")
	quit(t, m)

	s = reopenFile(t, s, path)
	m = newTest(t, s, i18n.En, false, 80, 24)
	press(t, m, "enter")
	p := m.screens[4].(*people)
	if m.active != 4 || p.form == nil || p.form.field("name").value() != "青山路小学" {
		t.Fatalf("the school form was not restored: active %d, form %v", m.active, p.form)
	}
	// Leaving with esc (and y) throws the draft away.
	press(t, m, "esc", "y")
	if ds, err := s.Drafts(context.Background()); err != nil || len(ds) != 0 {
		t.Errorf("drafts after leaving: %v, %v", ds, err)
	}
}

// Quitting with an untouched form, or none, keeps nothing.
func TestQuitWithoutTypingKeepsNoDraft(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	fixture(t, s)
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	press(t, m, "5", "N")
	quit(t, m)
	if ds, err := s.Drafts(context.Background()); err != nil || len(ds) != 0 {
		t.Errorf("drafts: %v, %v", ds, err)
	}
}
