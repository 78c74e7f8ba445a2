package ui

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
)

// Undo on the People screen: every add, edit, deactivation and reactivation of a school or a
// teacher can be taken back, many steps deep, as on the calendar. A step remembers the record
// as it was (or that it was new) and puts it back.

// peopleStep takes back one write to the roster.
type peopleStep struct {
	what string // the action, for the status line
	back func(ctx context.Context, s *store.Store) (focus string, err error)
}

// undoable adds an undo step to what cmd writes. kind and id name the record written; prev
// is it as it was (nil for a new record, which undo deletes again).
func undoable[T any](cmd tea.Cmd, kind store.Kind, prev *T, update func(context.Context, *store.Store, T) (string, error)) tea.Cmd {
	return func() tea.Msg {
		msg := cmd()
		pm, ok := msg.(peopleMsg)
		if !ok || pm.err != nil {
			return msg
		}
		step := &peopleStep{what: pm.status}
		if prev == nil {
			id := pm.focus
			step.back = func(ctx context.Context, s *store.Store) (string, error) {
				err := s.Delete(ctx, kind, id)
				if errors.Is(err, store.ErrNotFound) {
					err = nil // already gone
				}
				return "", err
			}
		} else {
			was := *prev
			step.back = func(ctx context.Context, s *store.Store) (string, error) { return update(ctx, s, was) }
		}
		pm.undo = step
		return pm
	}
}

func putTeacherBack(ctx context.Context, s *store.Store, t store.Teacher) (string, error) {
	_, err := s.UpdateTeacher(ctx, t)
	return t.ID, err
}

func putSchoolBack(ctx context.Context, s *store.Store, sc store.School) (string, error) {
	_, err := s.UpdateSchool(ctx, sc)
	return sc.ID, err
}

// undoPeople takes back the last roster step; a step that fails stays to be tried again.
func (p *people) undoPeople() tea.Cmd {
	if len(p.undo) == 0 {
		return status(p.sh.T(msgNoUndo), false)
	}
	step := p.undo[len(p.undo)-1]
	p.undo = p.undo[:len(p.undo)-1]
	ctx, s, l := p.sh.ctx, p.sh.store, p.sh.lang
	return func() tea.Msg {
		focus, err := step.back(ctx, s)
		if err != nil {
			return peopleMsg{err: err, retry: &step}
		}
		schools, err := s.Schools(ctx)
		if err != nil {
			return peopleMsg{err: err}
		}
		teachers, err := s.Teachers(ctx)
		return peopleMsg{schools: schools, teachers: teachers, err: err, focus: focus, status: l.T(msgUndone, step.what)}
	}
}
