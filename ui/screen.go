package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/ui/i18n"
)

// screen is one tab of the program. A new screen is one file: a type implementing screen,
// made by a newX(sh *shared) function listed in newModel. The root gives it:
//
//   - every key the root does not use itself (tab, 1–5, ?, q), and every key at all while
//     capturing() is true (a form, a picker or a text field has focus: letters are text);
//   - the answer to a question it asked on the input line (askMsg → answerMsg, and
//     typingMsg for each change of a live question such as a filter);
//   - loadedMsg, changedMsg and peopleMsg after the shared data (sh.data) changed, so it can
//     rebuild what it shows; shownMsg when its tab is chosen;
//   - the results of its own commands.
//
// It must never touch the database in update or view: it returns a tea.Cmd that does and
// answers with a typed message. view draws the body only (the root draws the top line and
// the footer) in at most width×height cells, rendering only the rows that are visible.
type screen interface {
	title() i18n.Msg
	update(msg tea.Msg) tea.Cmd
	view(width, height int) string
	shortHelp() []key.Binding  // the hint line
	fullHelp() [][]key.Binding // the ? help, in columns
	capturing() bool           // keys must all come here (a text field has focus)
}

// The tabs, in their order on the top line (see newModel).
const (
	tabCalendar = iota
	tabObservations
	tabMentoring
	tabReview
	tabPeople
)

// tabMsg is a screen's own result, delivered to it while another tab may be shown.
type tabMsg struct {
	tab int
	msg tea.Msg
}

// toTab wraps a screen's command so that its result reaches that screen whichever tab is
// shown.
func toTab(tab int, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		msg := cmd()
		if msg == nil {
			return nil
		}
		return tabMsg{tab: tab, msg: msg}
	}
}

// switchMsg shows tab and hands its screen msg (a calendar activity to observe).
type switchMsg struct {
	tab int
	msg tea.Msg
}

// shownMsg tells a screen that its tab was chosen.
type shownMsg struct{}

// askKind says which question the input line is answering.
type askKind int

const (
	askQuickAdd askKind = iota + 1
	askFilter
	askDoneNote
	askPostpone
	askCancelNote
	askPeopleFind
	askObsFilter
	askReviewFilter
	askReviewExport
	askExchangePartner
	askExchangeFile
	askExchangeImport
)

// askMsg is a question for the input line. A live question also reports each change.
type askMsg struct {
	kind  askKind
	label string
	value string
	live  bool
}

// ask puts a question on the input line. It takes effect as soon as the screen's update
// returns, not through a command, so that keys typed right after (a paste, a fast typist)
// land in the input line and never in the screen.
func (sh *shared) ask(kind askKind, label, value string, live bool) tea.Cmd {
	sh.question = &askMsg{kind: kind, label: label, value: value, live: live}
	return nil
}

// answerMsg is what was typed on the input line (or that the question was given up).
type answerMsg struct {
	kind      askKind
	text      string
	cancelled bool
}

// typingMsg is the input line's text after a change, for live questions.
type typingMsg struct {
	kind askKind
	text string
}

// statusMsg puts a sentence on the status line.
type statusMsg struct {
	text  string
	isErr bool
}

func status(text string, isErr bool) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text, isErr: isErr} }
}
