package ui

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
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
// It must never touch the database in update or view: it returns a tea.Cmd that does
// (sh.readTerm, toTab) and answers with a typed message. view draws the body only (the root
// draws the top line, the hint line, the status line and the input line) in at most
// width×height cells, rendering only the rows that are visible. What every screen shares:
//
//   - its keys are keyMap bindings (keys.go), so the hint line and ? help show them;
//   - what it has to say goes to the program's status line (status);
//   - a question or a filter is typed on the program's input line (sh.ask);
//   - a list moves and draws its cursor the one way (list.go);
//   - a record is edited in a form (form.go): the screen keeps it, hands it keys while
//     it is open (formOr) and, implementing formHolder, reopens its drafts;
//   - a change is taken back with u through the one undo stack (pushUndo, takeBack below);
//     a deletion is softDelete.
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

// readTerm runs a read of the term showing, for screen tab, in a command (never in
// Update): read gets the store, the term and today, and its message goes to the screen
// whichever tab is shown. Nothing is read before a term is loaded.
func (sh *shared) readTerm(tab int, read func(ctx context.Context, s *store.Store, t store.Term, today store.Date) tea.Msg) tea.Cmd {
	if sh.data == nil {
		return nil
	}
	ctx, s, t, today := sh.ctx, sh.store, sh.data.term, sh.today
	return toTab(tab, func() tea.Msg { return read(ctx, s, t, today) })
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
	askReportFile
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

// progressMsg puts how far a long piece of work has come on the status line; next waits for
// the next word from it, or its result.
type progressMsg struct {
	text string
	next tea.Cmd
}

// inBackground runs work (a file written for seconds) in the background: its command
// delivers what work says as it goes (progressMsg, for the status line; a word said while
// another waits to be shown replaces it), then the message work returns.
func inBackground(work func(say func(text string)) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		words := make(chan string, 1)
		done := make(chan tea.Msg, 1)
		go func() {
			done <- work(func(text string) {
				select {
				case <-words: // not shown yet: the newer word replaces it
				default:
				}
				words <- text // work alone sends, so there is room now
			})
		}()
		return nextWord(words, done)()
	}
}

// nextWord delivers the word waiting to be shown, else the next word or the result: a word
// said just before the result is still shown.
func nextWord(words <-chan string, done <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		select {
		case text := <-words:
			return progressMsg{text: text, next: nextWord(words, done)}
		default:
		}
		select {
		case text := <-words:
			return progressMsg{text: text, next: nextWord(words, done)}
		case msg := <-done:
			return msg
		}
	}
}

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

// deletion takes, for a list screen, a deletion's result (its step goes on the undo stack
// and the status line says what happened) or its undoing; reload reads the list again and
// selects focus ("" keeps the selection). It reports whether msg was either.
func (sh *shared) deletion(msg tea.Msg, reload func(focus string) tea.Cmd) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case deletedMsg:
		if msg.err != nil {
			return status(sh.lang.Error(msg.err), true), true
		}
		sh.pushUndo(*msg.undo)
		return tea.Batch(status(msg.status, false), reload("")), true
	case restoredMsg:
		return reload(msg.focus), true
	}
	return nil, false
}
