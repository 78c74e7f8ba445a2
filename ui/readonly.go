package ui

import (
	"errors"
	"path/filepath"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// A database that cannot be changed (written by a newer termbook, damaged, a read-only file,
// or held by a program elsewhere) is still worth reading. The top line says so, and every key
// that would change something answers at once with why, instead of failing in the write.

var msgReadOnlyMark = i18n.Msg{Zh: "只读", En: "read-only"}

// readOnly is why the database cannot be changed, or nil; the reason names the file.
func (sh *shared) readOnly() error {
	reason := sh.store.ReadOnlyReason()
	var fe *store.FileError
	if reason == nil || errors.As(reason, &fe) {
		return reason
	}
	return &store.FileError{Path: filepath.Base(sh.store.Path()), Err: reason}
}

// refuseEdit reports whether msg would change the database while it is read-only, and if so
// puts the reason on the status line. While a form has focus only saving is refused: its
// other keys are typing, and reading a record through its form is allowed.
func (m *Model) refuseEdit(msg tea.KeyPressMsg, capturing bool) bool {
	reason := m.sh.readOnly()
	if reason == nil || !m.isEdit(msg, capturing) {
		return false
	}
	m.setStatus(m.sh.lang.Error(reason), true)
	return true
}

func (m *Model) isEdit(msg tea.KeyPressMsg, capturing bool) bool {
	k := m.sh.keys
	if capturing {
		return key.Matches(msg, k.Save)
	}
	return key.Matches(msg, k.New, k.NewSchool, k.Done, k.Postpone, k.Cancel, k.Delete, k.Undo, k.Observe,
		k.Deactivate, k.ExchangeIn, k.ExchangeOut, k.NewTerm, k.NewPair, k.Rubric, k.Record, k.Types)
}
