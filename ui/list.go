package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// What every list of the program shares: the keys that move in it and the row that carries
// the cursor. A list screen keeps its rows and a cursor, moves it with moveIn, scrolls with
// firstShown, and draws each row through pointed.

// moveIn moves cur through n rows by the list keys: ↑↓ (jk) a row, g and G (home, end) to
// the ends. It reports whether msg was one of them.
func (k keyMap) moveIn(msg tea.KeyPressMsg, cur *int, n int) bool {
	switch {
	case key.Matches(msg, k.Up):
		*cur = max(0, *cur-1)
	case key.Matches(msg, k.Down):
		*cur = max(0, min(n-1, *cur+1))
	case key.Matches(msg, k.Top):
		*cur = 0
	case key.Matches(msg, k.Bottom):
		*cur = max(0, n-1)
	default:
		return false
	}
	return true
}

// firstShown is the first of n rows to show in rows lines so that cur is in sight, at the
// bottom when it must move.
func firstShown(cur, rows, n int) int { return max(0, min(cur-rows+1, n-rows)) }

// pointed is a list row: with the cursor mark and reversed when selected, indented to line
// up when not.
func (st *styles) pointed(row string, selected bool) string {
	if selected {
		return st.g.cursor + " " + st.sel.Render(row)
	}
	return "  " + row
}

// formOr hands a key or a paste to the form open, or else a key to the screen's own keys.
func formOr(f *form, msg tea.Msg, keys func(tea.KeyPressMsg) tea.Cmd) tea.Cmd {
	if f != nil {
		return f.update(msg)
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		return keys(k)
	}
	return nil
}
