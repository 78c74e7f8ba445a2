package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// statusLine is the sentence a screen has to say. Standing alone the screen shows it on its
// own last line; as a tab of the program it hands it to the program's status line.
type statusLine struct {
	message string
	msgErr  bool
}

// say puts a sentence on the screen's message line (the program's status line when the
// screen is one of its tabs).
func (l *statusLine) say(text string, isErr bool) { l.message, l.msgErr = text, isErr }

// takeMessage returns and clears the sentence to show, for the program's status line.
func (l *statusLine) takeMessage() (string, bool) {
	text, isErr := l.message, l.msgErr
	l.message, l.msgErr = "", false
	return text, isErr
}

// passOn adds to cmd, the command of the screen's update, what the screen has to say, for
// the program's status line.
func (l *statusLine) passOn(cmd tea.Cmd) tea.Cmd {
	if text, isErr := l.takeMessage(); text != "" {
		return tea.Batch(cmd, status(text, isErr))
	}
	return cmd
}

// frame pads a standalone screen's lines to h-1 and ends them with the sentence to say,
// or else the screen's keys, fitted to w.
func (l *statusLine) frame(st *styles, lines []string, keys string, w, h int) string {
	for len(lines) < h-1 {
		lines = append(lines, "")
	}
	msg := st.dim.Render(keys)
	switch {
	case l.message != "" && l.msgErr:
		msg = st.err.Render(l.message)
	case l.message != "":
		msg = st.info.Render(l.message)
	}
	return strings.Join(append(lines, st.cut(msg, w)), "\n")
}
