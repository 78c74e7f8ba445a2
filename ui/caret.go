package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"termbook/ui/width"
)

// placeCaret takes the caret mark out of a drawn frame and returns the frame with the real
// cursor where the mark was, counted in cells as the terminal draws them; no mark (no text
// field has focus) hides the cursor. A mark cut off with the end of its line puts the cursor
// where the line ends.
func placeCaret(frame string, mode width.Mode) (string, *tea.Cursor) {
	i := strings.Index(frame, caretMark)
	if i < 0 {
		return frame, nil
	}
	lineStart := strings.LastIndexByte(frame[:i], '\n') + 1
	y := strings.Count(frame[:lineStart], "\n")
	x := mode.String(frame[lineStart:i])
	return strings.ReplaceAll(frame, caretMark, ""), tea.NewCursor(x, y)
}

// markCaret puts the caret mark into view at the cursor a bubbles component reports
// (relative to its own view); a nil cursor leaves the view as it is.
func markCaret(view string, c *tea.Cursor, mode width.Mode) string {
	if c == nil {
		return view
	}
	lines := strings.Split(view, "\n")
	if c.Y < 0 || c.Y >= len(lines) {
		return view
	}
	lines[c.Y] = mode.InsertAt(lines[c.Y], c.X, caretMark)
	return strings.Join(lines, "\n")
}
