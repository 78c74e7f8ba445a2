package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"termbook/store"
	"termbook/ui/i18n"
)

func TestPeopleUndoManySteps(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	fixture(t, s)
	ctx := context.Background()
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	p := m.screens[4].(*people)
	teacherNamed := func(name string) store.Teacher {
		t.Helper()
		for _, tc := range m.sh.data.teachers {
			if tc.Name == name {
				return tc
			}
		}
		return store.Teacher{}
	}
	// Add a teacher, rename them, deactivate them; rename a school.
	press(t, m, "5", "n", "text:赵丽", "ctrl+s")
	zhao := teacherNamed("赵丽")
	if zhao.ID == "" {
		t.Fatalf("not added: %s", m.status)
	}
	press(t, m, "/", "text:赵丽", "enter", "enter", "text:华", "ctrl+s")
	press(t, m, "x")
	if tc, _ := s.Teacher(ctx, zhao.ID); tc.Name != "赵丽华" || tc.Active {
		t.Fatalf("after edit and deactivate: %+v", tc)
	}
	press(t, m, "left", "left", "g", "enter", "text:（新）", "ctrl+s")
	school := m.sh.data.schools[p.school]
	if school.Name == "" || school.Name[len(school.Name)-len("（新）"):] != "（新）" {
		t.Fatalf("school not renamed: %+v", school)
	}
	first := school.Name[:len(school.Name)-len("（新）")]

	// Four undos take back all four, newest first.
	press(t, m, "u")
	if sc, _ := s.School(ctx, school.ID); sc.Name != first {
		t.Errorf("undo 1: school %q, want %q", sc.Name, first)
	}
	press(t, m, "u")
	if tc, _ := s.Teacher(ctx, zhao.ID); !tc.Active || tc.Name != "赵丽华" {
		t.Errorf("undo 2: %+v, want active 赵丽华", tc)
	}
	press(t, m, "u")
	if tc, _ := s.Teacher(ctx, zhao.ID); tc.Name != "赵丽" {
		t.Errorf("undo 3: %q, want 赵丽", tc.Name)
	}
	press(t, m, "u")
	if tc, err := s.Teacher(ctx, zhao.ID); err == nil && tc.DeletedAt.IsZero() {
		t.Errorf("undo 4: the added teacher is still there: %+v", tc)
	} else if err != nil && !errors.Is(err, store.ErrNotFound) {
		t.Fatal(err)
	}
	if teacherNamed("赵丽").ID != "" {
		t.Error("undo 4: the roster still lists the added teacher")
	}
	press(t, m, "u")
	if m.status != m.sh.T(msgNoUndo) {
		t.Errorf("a fifth undo: status %q", m.status)
	}
}

// x on a school deactivates it: the roster keeps it, marked and dimmed, its teachers stay,
// and neither it nor its teachers are offered for new records; x again and undo bring it back.
func TestPeopleSchoolDeactivate(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	fixture(t, s)
	ctx := context.Background()
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	p := m.screens[4].(*people)
	press(t, m, "5", "left", "left", "g")
	hou := m.sh.data.schools[p.school]
	if hou.Name != "侯庄小学" || !hou.Active {
		t.Fatalf("school under the cursor = %+v, want the active 侯庄小学", hou)
	}
	active := func() bool {
		t.Helper()
		sc, err := s.School(ctx, hou.ID)
		if err != nil {
			t.Fatal(err)
		}
		return sc.Active
	}

	press(t, m, "x")
	if active() {
		t.Fatalf("x did not deactivate the school; status %q", m.status)
	}
	if want := m.sh.T(msgSDeactivated, hou.Name); m.status != want {
		t.Errorf("status %q, want %q", m.status, want)
	}
	if view := shown(t, m); !strings.Contains(view, "侯庄小学") || !strings.Contains(view, "已停用") || !strings.Contains(view, "张伟") {
		t.Errorf("the roster should keep the school, marked 已停用, and its teachers:\n%s", view)
	}

	// Left out of what new records offer: the teacher picker, a new teacher's schools, an
	// activity's schools.
	for _, tc := range m.sh.data.activeTeachers() {
		if tc.SchoolID == hou.ID {
			t.Errorf("the picker offers %s of the deactivated school", tc.Name)
		}
	}
	press(t, m, "right", "n")
	if p.form != nil || m.status != m.sh.T(msgNeedTwo) {
		t.Errorf("n on pairs with one active school: form %v, status %q", p.form != nil, m.status)
	}
	press(t, m, "right", "n")
	if p.form == nil {
		t.Fatalf("n opened no form; status %q", m.status)
	}
	for _, c := range p.form.field("school").in.(*choiceField).choices {
		if c.value == hou.ID {
			t.Error("a new teacher's form offers the deactivated school")
		}
	}
	press(t, m, "esc")
	if p.form != nil {
		press(t, m, "esc")
	}
	press(t, m, "1", "n", "enter") // an empty quick add opens the full form
	c := m.screens[0].(*calendar)
	if c.form == nil {
		t.Fatalf("n on the calendar opened no form; status %q", m.status)
	}
	offered := c.form.field("schools").in.(*schoolsField).offered
	if len(offered) != 1 || offered[0].ID == hou.ID {
		t.Errorf("a new activity offers schools %v, want only 定边第五小学", offered)
	}
	press(t, m, "esc")
	if c.form != nil {
		press(t, m, "esc")
	}

	// Quick add reads @侯庄小学 as a place, not the school.
	press(t, m, "n", "text:联席会议 @侯庄小学", "enter")
	acts, err := s.Activities(ctx, m.sh.data.term.ID, store.Date{}, store.Date{})
	if err != nil {
		t.Fatal(err)
	}
	var added store.Activity
	for _, a := range acts {
		if a.Title == "联席会议" && a.Place == "侯庄小学" {
			added = a
		}
	}
	if added.ID == "" || len(added.SchoolIDs) != 0 {
		t.Errorf("quick add naming the deactivated school added %+v; status %q", added, m.status)
	}

	// x again makes it active; two undos take back both steps, newest first.
	press(t, m, "5", "left", "left", "g", "x")
	if !active() {
		t.Fatalf("x again did not make the school active; status %q", m.status)
	}
	press(t, m, "u")
	if active() {
		t.Errorf("undo 1: the school is active, want inactive again")
	}
	press(t, m, "u")
	if !active() {
		t.Errorf("undo 2: the school is inactive, want active as at the start")
	}
	if !m.sh.data.schoolByID[hou.ID].Active {
		t.Error("undo 2: the roster still shows the school inactive")
	}
}
