package ui

import (
	"strings"
	"testing"

	"termbook/store"
	"termbook/store/storetest"
	"termbook/ui/i18n"
)

// One grammar for when, in every field that asks: the words quick add reads (第三周, 下周二,
// 11月3日, 明天), and a bare number for a week where only a week or a schedule is asked.

func TestWhenWordsInEveryField(t *testing.T) {
	s, _ := openStore(t)
	fixture(t, s)
	m := newTest(t, s, i18n.Zh, false, 80, 24) // today: Wednesday 2026-10-14, week 6

	// The postponement prompt: 第三周 in Chinese numerals, and a day of next week.
	press(t, m, "g") // week 1: the first weekly meeting
	a := m.screens[0].(*calendar)
	first, _ := a.selected()
	press(t, m, "p", "text:第九周 与期中考试冲突", "enter")
	if !hasSched(m, first.ID, store.InWeek(9)) {
		t.Fatalf("not postponed to 第九周 (status %q)", m.status)
	}

	// The activity form: a week as 第十二周, a date as 下周二 (after the week in focus, as
	// in quick add: today's).
	if f := activityForm(t, m, "每周读书会", store.ByWeek, "week", "第十二周"); f != nil {
		t.Fatalf("the form did not save 第十二周: %s", f.problem)
	}
	if !hasTitleSched(m, "每周读书会", store.InWeek(12)) {
		t.Errorf("每周读书会 is not in week 12")
	}
	if f := activityForm(t, m, "听评课", store.ByDate, "date", "下周二"); f != nil {
		t.Fatalf("the form did not save 下周二: %s", f.problem)
	}
	if !hasTitleSched(m, "听评课", store.OnDate(storetest.Date("2026-10-20"))) {
		for _, x := range m.sh.data.acts {
			if x.Title == "听评课" {
				t.Errorf("听评课 is %+v, not on next Tuesday, 2026-10-20", x.Sched)
			}
		}
	}

	// A word that says no week is named in the field's words.
	if f := activityForm(t, m, "读书会", store.ByWeek, "week", "下下周"); f == nil || !strings.Contains(f.problem, "周次：“下下周”不是周次") {
		t.Errorf("a week that is none should be named with its field; the form: %+v", f)
	}
	press(t, m, "esc", "y")

	// The 听课 filter: 第三周.
	press(t, m, "2", "/", "text:第三周", "enter")
	obs := m.screens[tabObservations].(*observations)
	if obs.filter.by.Week != 3 {
		t.Errorf("the 听课 filter read 第三周 as week %d", obs.filter.by.Week)
	}
}

// activityForm opens the form for a new activity from today's week, writes title and a
// schedule of kind with value in its field, and saves: it returns the form if it stayed open.
func activityForm(t *testing.T, m *Model, title string, kind store.SchedKind, field, value string) *form {
	t.Helper()
	press(t, m, "t", "n", "enter") // an empty quick add opens the full form
	c := m.screens[tabCalendar].(*calendar)
	c.form.field("title").in.SetValue(title)
	setChoice(t, c.form, "schedule", string(kind))
	c.form.field(field).in.SetValue(value)
	press(t, m, "ctrl+s")
	return c.form
}

func setChoice(t *testing.T, f *form, name, value string) {
	t.Helper()
	f.field(name).in.SetValue(value)
	if f.field(name).value() != value {
		t.Fatalf("%s has no choice %s", name, value)
	}
}

func hasSched(m *Model, id string, want store.Schedule) bool {
	for _, a := range m.sh.data.acts {
		if a.ID == id {
			return a.Sched == want
		}
	}
	return false
}

func hasTitleSched(m *Model, title string, want store.Schedule) bool {
	for _, a := range m.sh.data.acts {
		if a.Title == title && a.Sched == want {
			return true
		}
	}
	return false
}
