package ui

import (
	"context"
	"errors"
	"testing"

	"termbook/store"
	"termbook/ui/i18n"
)

func TestPeopleUndoManySteps(t *testing.T) {
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
