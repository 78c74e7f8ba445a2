package ui

import (
	"context"
	"strings"
	"testing"

	"termbook/store"
)

func TestDeleteObservationAndUndo(t *testing.T) {
	ctx := context.Background()
	env := obsTestEnv(t)
	zhang, li := env.byName(t, "张三"), env.byName(t, "李四")
	for _, topic := range []string{"秋天的雨", "春"} {
		_, err := env.db.CreateObservation(ctx, store.Observation{TermID: env.term.ID, SchoolID: zhang.SchoolID, TeacherID: zhang.ID,
			ObserverID: li.ID, On: store.MustDate("2026-09-08"), Topic: topic, FollowUp: store.FollowUp{Action: "板书设计 " + topic}})
		if err != nil {
			t.Fatal(err)
		}
	}
	s := newObsScreen(env)
	s.SetSize(80, 20)
	pump(s.Update, s.load())
	if len(s.list) != 2 {
		t.Fatalf("%d observations listed, want 2", len(s.list))
	}
	press := func(k string) {
		for _, m := range keys(k) {
			pump(s.Update, s.Update(m))
		}
	}
	open := func() int {
		f, err := env.db.OpenFollowUps(ctx, zhang.ID)
		if err != nil {
			t.Fatal(err)
		}
		return len(f)
	}

	first, second := s.list[0].Topic, s.list[1].Topic
	press("d")
	press("d")
	if len(s.list) != 0 || !strings.Contains(plain(s.View()), "还没有听课记录") {
		t.Fatalf("after deleting both: %d listed\n%s", len(s.list), plain(s.View()))
	}
	if want := "已删除：张三 9月8日 周二 " + second + "（按 u 撤销）"; s.message != want {
		t.Errorf("status %q, want %q", s.message, want)
	}
	if n := open(); n != 0 {
		t.Errorf("%d follow-ups open while their observations are deleted", n)
	}

	press("u")
	if len(s.list) != 1 || s.list[0].Topic != second || s.message != "已撤销：张三 9月8日 周二 "+second {
		t.Errorf("after one undo: %+v, status %q", s.list, s.message)
	}
	press("u")
	if len(s.list) != 2 || s.list[s.cur].Topic != first {
		t.Errorf("after two undos: %d listed, selected %q; want 2 and %q", len(s.list), s.list[s.cur].Topic, first)
	}
	if n := open(); n != 2 {
		t.Errorf("%d follow-ups open after undoing, want 2", n)
	}
	press("u")
	if s.message != "没有可以撤销的操作。" {
		t.Errorf("undo with nothing left: %q", s.message)
	}
}
