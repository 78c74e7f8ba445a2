package ui

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
)

// Undo on the People screen: every add, edit, deactivation and reactivation of a school or a
// teacher can be taken back. A step remembers the record as it was (or that it was new) and
// puts it back.

// undoable adds an undo step to what cmd writes. kind names the record written; prev is it
// as it was (nil for a new record, which undo deletes again).
func undoable[T any](cmd tea.Cmd, kind store.Kind, prev *T, update func(context.Context, *store.Store, T) (string, error)) tea.Cmd {
	return func() tea.Msg {
		msg := cmd()
		pm, ok := msg.(peopleMsg)
		if !ok || pm.err != nil {
			return msg
		}
		var back func(ctx context.Context, s *store.Store) (string, error)
		if prev == nil {
			id := pm.focus
			back = func(ctx context.Context, s *store.Store) (string, error) {
				err := s.Delete(ctx, kind, id)
				if errors.Is(err, store.ErrNotFound) {
					err = nil // already gone
				}
				return "", err
			}
		} else {
			was := *prev
			back = func(ctx context.Context, s *store.Store) (string, error) { return update(ctx, s, was) }
		}
		pm.undo = &undoStep{tab: tabPeople, what: pm.status, back: func(ctx context.Context, s *store.Store) (tea.Msg, error) {
			focus, err := back(ctx, s)
			if err != nil {
				return nil, err
			}
			return readPeople(ctx, s, focus), nil
		}}
		return pm
	}
}

// readPeople reads the schools and teachers after a write, to select focus.
func readPeople(ctx context.Context, s *store.Store, focus string) peopleMsg {
	schools, err := s.Schools(ctx)
	if err != nil {
		return peopleMsg{err: err}
	}
	teachers, err := s.Teachers(ctx)
	return peopleMsg{schools: schools, teachers: teachers, err: err, focus: focus}
}

func putTeacherBack(ctx context.Context, s *store.Store, t store.Teacher) (string, error) {
	_, err := s.UpdateTeacher(ctx, t)
	return t.ID, err
}

func putSchoolBack(ctx context.Context, s *store.Store, sc store.School) (string, error) {
	_, err := s.UpdateSchool(ctx, sc)
	return sc.ID, err
}
