package ui

import (
	tea "charm.land/bubbletea/v2"

	"termbook/store"
)

// Deleting an observation from the 听课 list, and taking the deletions back with u, many steps
// deep. A deletion is soft: the record stays in the file, hidden, until undo restores it.

// deleteCurrent deletes the selected observation.
func (s *obsScreen) deleteCurrent() tea.Cmd {
	if len(s.list) == 0 {
		return nil
	}
	o := s.list[s.cur]
	return s.undo.remove(s.env.db, deletion{kind: store.KindObservation, id: o.ID, focus: o.ID, what: s.obsName(o)})
}

// undoDelete restores the last observation deleted.
func (s *obsScreen) undoDelete() tea.Cmd {
	cmd, ok := s.undo.undo(s.env.db)
	if !ok {
		s.say(s.env.lang.T(msgNoUndo), false)
	}
	return cmd
}

// deleted takes the result of a deletion or its undoing: the status line says what happened
// and the list is read again.
func (s *obsScreen) deleted(msg deletionMsg) tea.Cmd {
	text, isErr, focus := s.undo.settle(s.env.lang, msg)
	s.say(text, isErr)
	if isErr {
		return nil
	}
	if focus != "" {
		s.focusID = focus
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
