package ui

import (
	"context"
	"strings"
	"testing"

	"termbook/store"
	"termbook/store/storetest"
	"termbook/ui/i18n"
)

func TestDeleteObservationAndUndo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m, st := obsTest(t, i18n.Zh)
	zhang, li := byName(t, m, "张三"), byName(t, m, "李四")
	for _, topic := range []string{"秋天的雨", "春"} {
		_, err := st.CreateObservation(ctx, store.Observation{TermID: m.sh.data.term.ID, SchoolID: zhang.SchoolID, TeacherID: zhang.ID,
			ObserverID: li.ID, On: storetest.Date("2026-09-08"), Topic: topic, FollowUp: store.FollowUp{Action: "板书设计 " + topic}})
		if err != nil {
			t.Fatal(err)
		}
	}
	s := m.screens[tabObservations].(*observations)
	press(t, m, "2")
	if len(s.list) != 2 {
		t.Fatalf("%d observations listed, want 2", len(s.list))
	}
	open := func() int {
		f, err := st.OpenFollowUps(ctx, zhang.ID)
		if err != nil {
			t.Fatal(err)
		}
		return len(f)
	}

	first, second := s.list[0].Topic, s.list[1].Topic
	press(t, m, "d", "d")
	if len(s.list) != 0 || !strings.Contains(shown(t, m), "还没有听课记录") {
		t.Fatalf("after deleting both: %d listed\n%s", len(s.list), shown(t, m))
	}
	if want := "已删除：张三 9月8日 周二 " + second + "（按 u 撤销）"; m.status != want {
		t.Errorf("status %q, want %q", m.status, want)
	}
	if n := open(); n != 0 {
		t.Errorf("%d follow-ups open while their observations are deleted", n)
	}

	press(t, m, "u")
	if len(s.list) != 1 || s.list[0].Topic != second || m.status != "已撤销：已删除：张三 9月8日 周二 "+second {
		t.Errorf("after one undo: %+v, status %q", s.list, m.status)
	}
	press(t, m, "u")
	if len(s.list) != 2 || s.list[s.cur].Topic != first {
		t.Errorf("after two undos: %d listed, selected %q; want 2 and %q", len(s.list), s.list[s.cur].Topic, first)
	}
	if n := open(); n != 2 {
		t.Errorf("%d follow-ups open after undoing, want 2", n)
	}
	press(t, m, "u")
	if m.status != "没有可以撤销的操作。" {
		t.Errorf("undo with nothing left: %q", m.status)
	}
	// Undo belongs to the screen it was done on: the calendar has nothing to take back.
	press(t, m, "d", "1", "u")
	if m.status != "没有可以撤销的操作。" {
		t.Errorf("u on the calendar after a deletion on 听课: %q", m.status)
	}
	press(t, m, "2", "u")
	if len(s.list) != 2 {
		t.Errorf("u back on 听课 did not restore: %d listed", len(s.list))
	}
}
