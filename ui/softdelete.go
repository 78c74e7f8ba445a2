package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
)

// Soft deletion on the screens that list records of their own (听课, 师徒): d deletes (the
// record stays in the file, hidden) and u brings it back, through the one undo stack.

// deletedMsg reports a deletion to the screen that asked for it: the sentence to say and the
// step that brings the record back, or why it failed.
type deletedMsg struct {
	status string
	undo   *undoStep
	err    error
}

// restoredMsg tells a screen that a deletion was taken back: it reads its list again and
// selects focus.
type restoredMsg struct{ focus string }

// softDelete deletes record id of kind, in one store call. what names it on the status line;
// focus is what its screen (tab) selects when it comes back.
func softDelete(sh *shared, tab int, kind store.Kind, id, focus, what string) tea.Cmd {
	ctx, s, l := sh.ctx, sh.store, sh.lang
	return toTab(tab, func() tea.Msg {
		if err := s.Delete(ctx, kind, id); err != nil {
			return deletedMsg{err: err}
		}
		text := l.T(msgDeleted, what)
		return deletedMsg{status: l.T(msgUndoHint, text), undo: &undoStep{tab: tab, what: text,
			back: func(ctx context.Context, s *store.Store) (tea.Msg, error) {
				if err := s.Restore(ctx, kind, id); err != nil {
					return nil, err
				}
				return tabMsg{tab: tab, msg: restoredMsg{focus: focus}}, nil
			}}}
	})
}

// deleted takes a deletion's result: the step goes on the undo stack and the status line
// says what happened; reload reads the screen's list again.
func (sh *shared) deleted(msg deletedMsg, reload tea.Cmd) tea.Cmd {
	if msg.err != nil {
		return status(sh.lang.Error(msg.err), true)
	}
	sh.pushUndo(*msg.undo)
	return tea.Batch(status(msg.status, false), reload)
}
