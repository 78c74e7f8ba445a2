package ui

import (
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"termbook/ui/width"
)

// caretMark marks, in a drawn frame, where the focused text field's caret is. It is an
// escape sequence that takes no cells (an application program command, which terminals
// ignore), so it survives every layout step — padding, cutting, styling — and the root
// model turns it into the terminal's real cursor (see caret.go): an input method opens its
// candidate window there.
const caretMark = "\x1b_termbook:caret\x1b\\"

// lineInput is a one-line text field. It measures in the program's width mode, scrolls
// sideways to keep the caret in view, and marks the caret for the real cursor. (bubbles'
// textinput counts its cursor's column in characters, not cells, which after Chinese text
// puts the cursor, and an input method's window, in the wrong place.)
type lineInput struct {
	mode    width.Mode
	value   []rune
	pos     int // the caret, as an index into value
	offset  int // the first rune shown
	width   int // cells shown, the caret's cell included; 0 shows everything
	limit   int // the most runes the field takes; 0 for no limit
	focused bool
	// cutShort counts the runes the last paste or typing could not add (the limit).
	cutShort int
}

func newLineInput(mode width.Mode, w, limit int) *lineInput {
	return &lineInput{mode: mode, width: w, limit: limit}
}

// Value is the text as typed.
func (in *lineInput) Value() string { return string(in.value) }

// SetValue replaces the text (cut to the limit) and puts the caret at its end.
func (in *lineInput) SetValue(s string) {
	in.value = nil
	in.pos, in.offset = 0, 0
	in.insert(s)
	in.cutShort = 0
	in.scroll()
}

// Position is the caret's index in runes.
func (in *lineInput) Position() int { return in.pos }

// SetCursor moves the caret to rune index i.
func (in *lineInput) SetCursor(i int) {
	in.pos = max(0, min(i, len(in.value)))
	in.scroll()
}

// CursorStart and CursorEnd move the caret to the start or the end.
func (in *lineInput) CursorStart() { in.SetCursor(0) }
func (in *lineInput) CursorEnd()   { in.SetCursor(len(in.value)) }

func (in *lineInput) Focus() tea.Cmd { in.focused = true; return nil }
func (in *lineInput) Blur()          { in.focused = false }
func (in *lineInput) Focused() bool  { return in.focused }

// SetWidth sets the cells the field shows.
func (in *lineInput) SetWidth(w int) {
	in.width = max(0, w)
	in.scroll()
}

// insert puts s at the caret: line breaks and tabs become spaces, other control characters
// are dropped, and what goes past the limit is counted in cutShort.
func (in *lineInput) insert(s string) {
	rs := []rune(strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s))
	if in.limit > 0 && len(in.value)+len(rs) > in.limit {
		room := max(0, in.limit-len(in.value))
		in.cutShort = len(rs) - room
		rs = rs[:room]
	}
	in.value = append(in.value[:in.pos], append(rs, in.value[in.pos:]...)...)
	in.pos += len(rs)
}

// Update handles a key or a paste while the field has focus. The keys are the usual ones
// of a shell's line: ←/→ (ctrl+b/f), home/end (ctrl+a/e), backspace (or ctrl+h, which some
// terminals send for it), delete (ctrl+d), a word back and forth with alt or ctrl and the
// arrows, ctrl+w (alt+backspace, ctrl+backspace) and alt+d delete a word, ctrl+u and ctrl+k
// delete to the start and to the end.
func (in *lineInput) Update(msg tea.Msg) {
	if !in.focused {
		return
	}
	in.cutShort = 0
	switch msg := msg.(type) {
	case tea.PasteMsg:
		in.insert(msg.Content)
	case tea.KeyPressMsg:
		switch msg.String() {
		case "left", "ctrl+b":
			in.pos = max(0, in.pos-1)
		case "right", "ctrl+f":
			in.pos = min(len(in.value), in.pos+1)
		case "home", "ctrl+a":
			in.pos = 0
		case "end", "ctrl+e":
			in.pos = len(in.value)
		case "alt+left", "ctrl+left", "alt+b":
			in.pos = in.wordStart()
		case "alt+right", "ctrl+right", "alt+f":
			in.pos = in.wordEnd()
		case "backspace", "ctrl+h":
			if in.pos > 0 {
				in.value = append(in.value[:in.pos-1], in.value[in.pos:]...)
				in.pos--
			}
		case "delete", "ctrl+d":
			if in.pos < len(in.value) {
				in.value = append(in.value[:in.pos], in.value[in.pos+1:]...)
			}
		case "ctrl+w", "alt+backspace", "ctrl+backspace":
			start := in.wordStart()
			in.value = append(in.value[:start], in.value[in.pos:]...)
			in.pos = start
		case "alt+d", "alt+delete", "ctrl+delete":
			in.value = append(in.value[:in.pos], in.value[in.wordEnd():]...)
		case "ctrl+u":
			in.value = in.value[in.pos:]
			in.pos = 0
		case "ctrl+k":
			in.value = in.value[:in.pos]
		default:
			if typed(msg) {
				in.insert(msg.Text)
			}
		}
	}
	in.scroll()
}

// typed reports whether a key press is text to insert: it carries text and no ctrl or alt.
func typed(msg tea.KeyPressMsg) bool {
	return msg.Text != "" && msg.Mod&(tea.ModCtrl|tea.ModAlt) == 0
}

// wordStart is where the word before the caret starts (spaces before it skipped).
func (in *lineInput) wordStart() int {
	i := in.pos
	for i > 0 && unicode.IsSpace(in.value[i-1]) {
		i--
	}
	for i > 0 && !unicode.IsSpace(in.value[i-1]) {
		i--
	}
	return i
}

// wordEnd is where the word after the caret ends.
func (in *lineInput) wordEnd() int {
	i := in.pos
	for i < len(in.value) && unicode.IsSpace(in.value[i]) {
		i++
	}
	for i < len(in.value) && !unicode.IsSpace(in.value[i]) {
		i++
	}
	return i
}

// View draws the visible part of the text, padded to the field's width, with the caret
// marked while the field has focus. A field without focus shows its start.
func (in *lineInput) View() string {
	first := in.offset
	if !in.focused {
		first = 0
	}
	end := len(in.value)
	if in.width > 0 {
		used := 0
		for end = first; end < len(in.value); end++ {
			w := in.mode.String(string(in.value[end]))
			if used+w > in.width {
				break
			}
			used += w
		}
	}
	var s string
	if in.focused {
		s = in.mode.Show(string(in.value[first:in.pos])) + caretMark + in.mode.Show(string(in.value[in.pos:end]))
	} else {
		s = in.mode.Show(string(in.value[first:end]))
	}
	if in.width > 0 {
		s = in.mode.Pad(s, in.width)
	}
	return s
}

// scroll moves the first rune shown so that the caret, and its cell, fit the width.
func (in *lineInput) scroll() {
	in.offset = min(in.offset, in.pos)
	if in.width <= 0 {
		in.offset = 0
		return
	}
	for in.offset < in.pos && in.mode.String(string(in.value[in.offset:in.pos]))+1 > in.width {
		in.offset++
	}
}
