package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// Soft deletion with undo, for the screens that delete records of their own (听课, 师徒):
// d deletes (the record stays in the file, hidden) and u brings deletions back, many steps
// deep. The calendar and the people screen undo more than deletions and keep their own.

// deletion is one deletion to take back: the record, what to select again after undo, and
// how the status line names it.
type deletion struct {
	kind  store.Kind
	id    string
	focus string
	what  string
}

// deletionMsg reports a deletion (undo false) or its undoing (undo true) to the screen that
// owns the stack.
type deletionMsg struct {
	owner string
	step  deletion
	undo  bool
	err   error
}

// The owners of deletion stacks: a deletionMsg goes to the screen that sent it.
const (
	obsOwner  = "observations"
	mentOwner = "mentoring"
)

// softDeletes is one screen's stack of deletions.
type softDeletes struct {
	owner string // which screen the messages belong to
	steps []deletion
}

// remove deletes the record in a command.
func (d *softDeletes) remove(db *store.Store, step deletion) tea.Cmd {
	owner := d.owner
	return func() tea.Msg {
		return deletionMsg{owner: owner, step: step, err: db.Delete(context.Background(), step.kind, step.id)}
	}
}

// undo restores the last deletion in a command; false when there is nothing to undo.
func (d *softDeletes) undo(db *store.Store) (tea.Cmd, bool) {
	if len(d.steps) == 0 {
		return nil, false
	}
	step := d.steps[len(d.steps)-1]
	d.steps = d.steps[:len(d.steps)-1]
	owner := d.owner
	return func() tea.Msg {
		return deletionMsg{owner: owner, step: step, undo: true, err: db.Restore(context.Background(), step.kind, step.id)}
	}, true
}

// settle takes a deletion's result: it returns the status line's sentence, whether it is an
// error, and the record to select again (after an undo). A failed undo stays to be tried
// again; a deletion joins the stack.
func (d *softDeletes) settle(lang i18n.Lang, msg deletionMsg) (text string, isErr bool, focus string) {
	switch {
	case msg.err != nil:
		if msg.undo {
			d.steps = append(d.steps, msg.step)
		}
		return lang.Error(msg.err), true, ""
	case msg.undo:
		return lang.T(msgUndone, msg.step.what), false, msg.step.focus
	default:
		d.steps = append(d.steps, msg.step)
		return lang.T(msgUndoHint, lang.T(msgDeleted, msg.step.what)), false, ""
	}
}
