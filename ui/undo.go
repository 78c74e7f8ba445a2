package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// Undo, on every screen: each change that can be taken back leaves a step on one stack, and
// u takes back the last step taken on the screen showing, many steps deep. A step is one
// store call, so the store applies it in one transaction: a weekly series comes back or goes
// whole. A step that fails stays on the stack to be tried again. Starting or switching a term
// and merging an exchange file clear the stack: the steps belong to what was showing.

var (
	msgUndone   = i18n.Msg{Zh: "已撤销：%s", En: "Undone: %s"}
	msgNoUndo   = i18n.Msg{Zh: "没有可以撤销的操作。", En: "Nothing to undo."}
	msgUndoHint = i18n.Msg{Zh: "%s（按 u 撤销）", En: "%s (u to undo)"}
)

// undoStep takes back one change.
type undoStep struct {
	tab  int    // the screen the change was made on: u there takes it back
	what string // the change, for the status line ("已完成：《春》")
	// back puts things as they were, in one store call, and returns the message that shows
	// the result (the screens' data read again, or what to select).
	back func(ctx context.Context, s *store.Store) (tea.Msg, error)
}

// undoneMsg reports a step taken back: msg updates the screens; err puts the step back on
// the stack.
type undoneMsg struct {
	step undoStep
	msg  tea.Msg
	err  error
}

// pushUndo records a change that u can take back.
func (sh *shared) pushUndo(step undoStep) { sh.undo = append(sh.undo, step) }

// takeBack takes back the last change made on screen tab.
func (sh *shared) takeBack(tab int) tea.Cmd {
	for i := len(sh.undo) - 1; i >= 0; i-- {
		step := sh.undo[i]
		if step.tab != tab {
			continue
		}
		sh.undo = append(sh.undo[:i], sh.undo[i+1:]...)
		ctx, s := sh.ctx, sh.store
		return func() tea.Msg {
			msg, err := step.back(ctx, s)
			return undoneMsg{step: step, msg: msg, err: err}
		}
	}
	return status(sh.T(msgNoUndo), false)
}

// undone takes the result of a step taken back: the status line says so, and the result
// goes to the screens as any other.
func (m *Model) undone(msg undoneMsg) tea.Cmd {
	if msg.err != nil {
		m.sh.pushUndo(msg.step)
		m.setStatus(m.sh.lang.Error(msg.err), true)
		return nil
	}
	_, cmd := m.update(msg.msg)
	m.setStatus(m.sh.T(msgUndone, msg.step.what), false)
	return cmd
}
