package ui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"termbook/store"
)

// Deleting an observation from the 听课 list, and taking the deletions back with u, many steps
// deep. A deletion is soft: the record stays in the file, hidden, until undo restores it.

// obsDeleted is one deletion to take back: the observation and how the status line named it.
type obsDeleted struct{ id, what string }

// obsDeleteMsg reports a deletion (undo false) or its undoing (undo true).
type obsDeleteMsg struct {
	step obsDeleted
	undo bool
	err  error
}

// deleteCurrent deletes the selected observation.
func (s *obsScreen) deleteCurrent() tea.Cmd {
	if len(s.list) == 0 {
		return nil
	}
	o := s.list[s.cur]
	step := obsDeleted{id: o.ID, what: s.obsName(o)}
	db := s.env.db
	return func() tea.Msg {
		return obsDeleteMsg{step: step, err: db.Delete(context.Background(), store.KindObservation, step.id)}
	}
}

// undoDelete restores the last observation deleted.
func (s *obsScreen) undoDelete() tea.Cmd {
	if len(s.undo) == 0 {
		s.say(s.env.lang.T(msgNoUndo), false)
		return nil
	}
	step := s.undo[len(s.undo)-1]
	s.undo = s.undo[:len(s.undo)-1]
	db := s.env.db
	return func() tea.Msg {
		return obsDeleteMsg{step: step, undo: true, err: db.Restore(context.Background(), store.KindObservation, step.id)}
	}
}

// deleted takes the result of a deletion or its undoing: the status line says what happened
// and the list is read again; a failed undo stays to be tried again.
func (s *obsScreen) deleted(msg obsDeleteMsg) tea.Cmd {
	lang := s.env.lang
	switch {
	case msg.err != nil:
		if msg.undo {
			s.undo = append(s.undo, msg.step)
		}
		s.say(lang.Error(msg.err), true)
		return nil
	case msg.undo:
		s.focusID = msg.step.id
		s.say(lang.T(msgUndone, msg.step.what), false)
	default:
		s.undo = append(s.undo, msg.step)
		s.say(lang.T(msgUndoHint, lang.T(msgDeleted, msg.step.what)), false)
	}
	return s.load()
}

// obsName names an observation for the status line: the teacher, the day and the lesson.
func (s *obsScreen) obsName(o store.Observation) string {
	name := s.env.teacher(o.TeacherID).Name + " " + s.env.lang.Date(o.On)
	if o.Topic != "" {
		name += " " + o.Topic
	}
	return name
}
