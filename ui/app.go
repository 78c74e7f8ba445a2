// Package ui is termbook's full-screen program (Bubble Tea): the root model, its five
// screens, keys and styles.
//
// The root model (Model) owns the window: the top line (term, today's week, tabs), the footer
// (key hints, a status line, the input line) and the term's data, loaded once. Each tab is a
// screen (see screen.go): one file, drawing only its body and handling the keys the root
// passes on. Database work happens only in tea.Cmd functions that return typed messages
// (data.go); View never touches the database.
package ui

import (
	"context"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"termbook/store"
	"termbook/ui/i18n"
)

// Options are the command line's choices for the program.
type Options struct {
	Lang   i18n.Lang
	ASCII  bool                // --ascii: borders and charts in ASCII only
	Getenv func(string) string // the environment (RUNEWIDTH_EASTASIAN, NO_COLOR …)
	// Today is the day the program treats as today; zero means the store's clock.
	Today store.Date
	// Loaded, if set, is called once, when the term is first read and the frame showing it
	// is on its way: the command line starts the day's backup then, so that the backup does
	// not compete with the start for the disk and the processor.
	Loaded func()
}

// Prepare starts, in the background, the work the first frame would otherwise wait for:
// Bubble Tea's renderer measures text with go-runewidth, which builds a table of every code
// point (2 MB; about 10 ms here) the first time it meets a character above U+02FF. The
// command line calls it before opening the database, so that the two go on side by side.
func Prepare() { go ansi.StringWidthWc("中") }

// Run runs the program on s until the user quits. Extra options (the terminal's input and
// output, in tests) go to Bubble Tea.
func Run(ctx context.Context, s *store.Store, opt Options, extra ...tea.ProgramOption) error {
	m := New(ctx, s, opt)
	// Bubble Tea v2 runs Init's commands only once it has drawn the first frame (the
	// "loading" one), so the term is read from now on, beside the terminal's set-up and
	// that frame, rather than after them.
	m.firstLoad = started(load(m.sh))
	opts := []tea.ProgramOption{tea.WithContext(ctx)}
	if m.sh.st.disp.noColor {
		// colorprofile reads NO_COLOR only as a boolean; NO_COLOR asks for no colour when
		// it is set at all.
		opts = append(opts, tea.WithColorProfile(colorprofile.ASCII))
	}
	_, err := tea.NewProgram(m, append(opts, extra...)...).Run()
	return err
}

// The smallest window the screens are laid out for.
const (
	minWidth  = 80
	minHeight = 24
)

// Words of the shell.
var (
	msgTooSmall   = i18n.Msg{Zh: "窗口太小：至少需要 %d×%d，现在是 %d×%d。请放大窗口。", En: "The window is too small: it needs at least %d×%d and is %d×%d. Please enlarge it."}
	msgLoading    = i18n.Msg{Zh: "正在读取数据", En: "Loading"}
	msgToday      = i18n.Msg{Zh: "今天 %s", En: "today %s"}
	msgBeforeTerm = i18n.Msg{Zh: "学期未开始", En: "before term"}
	msgAfterTerm  = i18n.Msg{Zh: "学期已结束", En: "term over"}
	msgHelpTitle  = i18n.Msg{Zh: "按键帮助（按任意键返回）", En: "Keys (press any key to go back)"}
	msgLineLong   = i18n.Msg{Zh: "太长了：%d 个字，最多 %d 个字；请删减后再按回车。", En: "Too long: %d characters, at most %d. Shorten it and press Enter again."}
	msgInputIdle  = i18n.Msg{Zh: "n 新建活动   / 筛选   ? 帮助", En: "n new activity   / filter   ? help"}
)

// shared is what every screen reads: the store, the language, the styles and keys, today,
// and the term's data (loaded once, updated after each write).
type shared struct {
	ctx   context.Context
	store *store.Store
	lang  i18n.Lang
	st    *styles
	keys  keyMap
	today store.Date
	// termID is the term chosen to show (a term just started); empty shows the one around today.
	termID string
	data   *termData // nil until loaded, or when the database has no term yet
	undo   []undoStep

	question *askMsg // asked by a screen, for the root to put on the input line
	tab      int     // the tab showing: a hidden screen leaves its loads until it is shown

	// draftDelay is how long typing may go unwritten (draftDelay in the program; tests
	// shorten it, and a negative one keeps no drafts while typing).
	draftDelay time.Duration
}

// T is the shared language's T, for brevity in screens.
func (sh *shared) T(m i18n.Msg, args ...any) string { return sh.lang.T(m, args...) }

// hint is a message that names keys, with the arrows spelled out in ASCII mode.
func (sh *shared) hint(m i18n.Msg, args ...any) string {
	s := sh.lang.T(m, args...)
	if sh.st.disp.ascii {
		s = asciiArrows.Replace(s)
	}
	return s
}

// Model is the root model of the program.
type Model struct {
	sh        *shared
	screens   []screen
	active    int
	welcome   *welcome  // the welcome screen, while the database has no term
	starting  *form     // the new-term form, over the calendar
	switching *termMenu // the term switcher, over the calendar
	loaded    bool
	loadErr   error
	firstLoad tea.Cmd // the first load, when Run has started it; nil: Init starts it
	onLoaded  func()  // Options.Loaded, until the first load is in

	width, height int
	help          help.Model
	showHelp      bool

	offer draftOffer // form drafts kept from last time, offered at start

	input  *lineInput
	asking *askMsg // the question on the input line, or nil
	status string
	isErr  bool
}

// New makes the root model for s.
func New(ctx context.Context, s *store.Store, opt Options) *Model {
	getenv := opt.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	return newModel(ctx, s, opt, newStyles(detectDisplay(getenv, opt.ASCII), true))
}

func newModel(ctx context.Context, s *store.Store, opt Options, st *styles) *Model {
	today := opt.Today
	if today.IsZero() {
		today = s.Today()
	}
	sh := &shared{ctx: ctx, store: s, lang: opt.Lang, st: st, keys: newKeys(opt.Lang, st.disp.ascii), today: today,
		draftDelay: draftDelay}
	m := &Model{sh: sh, input: newInput(st, 10), onLoaded: opt.Loaded}
	m.screens = []screen{
		newCalendar(sh),
		newObservations(sh),
		newMentoring(sh),
		newReview(sh),
		newPeople(sh),
	}
	m.help = help.New()
	m.styleHelp()
	return m
}

// styleHelp gives the key help the program's styles.
func (m *Model) styleHelp() {
	st := m.sh.st
	m.help.ShortSeparator = st.g.sep
	m.help.Ellipsis = st.g.ellipsis
	m.help.Styles = help.Styles{
		ShortKey: st.key, ShortDesc: st.desc, ShortSeparator: st.dim, Ellipsis: st.dim,
		FullKey: st.key, FullDesc: st.desc, FullSeparator: st.dim,
	}
}

// newInput makes a one-line text input w cells wide in the program's width mode. It takes
// whatever is typed or pasted: an answer too long for any note is refused on enter (answer),
// where it can still be shortened, not cut while it is typed.
func newInput(st *styles, w int) *lineInput { return newLineInput(st.disp.mode, w, 0) }

// Init loads the term and asks the terminal for its background colour. The answer comes as
// a message when it comes: a terminal that never answers delays nothing.
func (m *Model) Init() tea.Cmd {
	first := m.firstLoad
	if first == nil {
		first = load(m.sh)
	}
	return tea.Batch(first, tea.RequestBackgroundColor)
}

// Update handles global keys, resizes, loads and the input line, and passes the rest on to
// the active screen.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := m.update(msg)
	if q := m.sh.question; q != nil {
		m.sh.question = nil
		_, focus := m.update(*q)
		cmd = tea.Batch(cmd, focus)
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, ok := m.draftMsg(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		m.input.SetWidth(max(10, msg.Width-m.sh.st.width(m.promptLabel())))
		return m, nil
	case tea.BackgroundColorMsg:
		*m.sh.st = *newStyles(m.sh.st.disp, msg.IsDark())
		m.styleHelp()
		return m, nil
	case tea.KeyboardEnhancementsMsg:
		m.sh.keys.setNewLine(msg.SupportsKeyDisambiguation())
		return m, nil
	case loadedMsg:
		if loaded := m.onLoaded; loaded != nil {
			m.onLoaded = nil
			loaded()
		}
		if msg.err != nil && m.welcome != nil {
			m.welcome.busy = false
			m.setStatus(m.sh.lang.Error(msg.err), true)
			return m, m.welcome.update(msg)
		}
		m.loaded, m.loadErr = true, msg.err
		m.sh.data = msg.data
		if msg.err == nil && msg.data == nil {
			m.welcome = newWelcome(m.sh)
			return m, nil
		}
		m.welcome = nil
		return m, tea.Batch(m.broadcast(msg), loadDrafts(m.sh.store))
	case startedMsg:
		return m, m.started(msg)
	case termsMsg:
		if msg.err != nil {
			m.setStatus(m.sh.lang.Error(msg.err), true)
			return m, nil
		}
		if len(msg.terms) > 0 && m.active == 0 && m.starting == nil {
			m.switching = newTermMenu(m.sh, msg)
		}
		return m, nil
	case changedMsg:
		if msg.err != nil {
			m.setStatus(m.sh.lang.Error(msg.err), true)
			return m, m.screens[m.active].update(msg)
		}
		m.sh.data.apply(msg)
		if msg.undo != nil {
			m.sh.pushUndo(*msg.undo)
		}
		m.setStatus(msg.status, false)
		return m, m.broadcast(msg)
	case undoneMsg:
		return m, m.undone(msg)
	case peopleMsg:
		if msg.err != nil {
			m.setStatus(m.sh.lang.Error(msg.err), true)
			return m, m.screens[m.active].update(msg)
		}
		m.sh.data.setPeople(msg.schools, msg.teachers)
		if msg.undo != nil {
			m.sh.pushUndo(*msg.undo)
		}
		m.setStatus(msg.status, false)
		return m, m.broadcast(msg)
	case statusMsg:
		m.setStatus(msg.text, msg.isErr)
		return m, nil
	case progressMsg:
		m.setStatus(msg.text, false)
		return m, msg.next
	case tabMsg:
		return m, m.screens[msg.tab].update(msg.msg) // likewise, for the other tabs' own results
	case switchMsg:
		m.active, m.sh.tab = msg.tab, msg.tab
		return m, tea.Batch(m.screens[msg.tab].update(shownMsg{}), m.screens[msg.tab].update(msg.msg))
	case askMsg:
		m.asking = &msg
		m.input.SetValue(msg.value)
		m.input.SetWidth(max(10, m.width-m.sh.st.width(m.promptLabel())))
		return m, m.input.Focus()
	case tea.KeyPressMsg:
		return m, m.key(msg)
	case tea.PasteMsg:
		return m, m.paste(msg)
	}
	if m.welcome != nil {
		return m, m.welcome.update(msg)
	}
	return m, m.screens[m.active].update(msg)
}

// paste hands pasted text to what has focus: the input line, or a screen's text field.
// Pasted text is never taken for keys.
func (m *Model) paste(msg tea.PasteMsg) tea.Cmd {
	switch {
	case m.asking != nil:
		return m.answer(msg)
	case m.welcome != nil:
		return m.welcome.update(msg)
	case m.starting != nil:
		return m.starting.update(msg)
	case m.loaded && m.screens[m.active].capturing():
		return m.screens[m.active].update(msg)
	}
	return nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.sh.keys
	if msg.String() == "ctrl+c" {
		return m.quit()
	}
	if m.asking != nil {
		return m.answer(msg)
	}
	if m.showHelp {
		m.showHelp = false
		return nil
	}
	if m.width < minWidth || m.height < minHeight {
		if key.Matches(msg, k.Quit) {
			return tea.Quit
		}
		return nil
	}
	if m.welcome != nil {
		if !m.welcome.capturing() && key.Matches(msg, k.Quit) {
			return tea.Quit
		}
		return m.welcome.update(msg)
	}
	if !m.loaded {
		return nil
	}
	if m.offer.Active() {
		if key.Matches(msg, k.Quit) {
			return m.quit()
		}
		return m.offer.Update(msg)
	}
	if m.starting != nil {
		if m.refuseEdit(msg, true) {
			return nil
		}
		return m.starting.update(msg)
	}
	if m.switching != nil {
		return m.switchTermKey(msg)
	}
	scr := m.screens[m.active]
	if m.refuseEdit(msg, scr.capturing()) {
		return nil
	}
	if scr.capturing() {
		return scr.update(msg)
	}
	m.isErr, m.status = false, ""
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return nil
	case m.active == 0 && key.Matches(msg, k.NewTerm):
		m.startNextTerm()
		return nil
	case m.active == 0 && key.Matches(msg, k.SwitchTerm):
		return loadTerms(m.sh)
	case key.Matches(msg, k.NextTab):
		return m.switchTo((m.active + 1) % len(m.screens))
	case key.Matches(msg, k.PrevTab):
		return m.switchTo((m.active + len(m.screens) - 1) % len(m.screens))
	}
	for i, b := range k.Tab {
		if key.Matches(msg, b) && i < len(m.screens) {
			return m.switchTo(i)
		}
	}
	return scr.update(msg)
}

func (m *Model) switchTo(i int) tea.Cmd {
	m.active, m.sh.tab = i, i
	return m.screens[i].update(shownMsg{})
}

// answer handles a key or a paste while the input line has a question: enter answers, esc
// gives up, everything else is typing (letters are text, never commands).
func (m *Model) answer(msg tea.Msg) tea.Cmd {
	q := *m.asking
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "enter":
			// The line takes whatever is pasted; an answer too long for any note is
			// refused here, where it can still be shortened, rather than lost with the line.
			if n := utf8.RuneCountInString(m.input.Value()); n > store.MaxNote {
				m.setStatus(m.sh.T(msgLineLong, n, store.MaxNote), true)
				return nil
			}
			m.asking = nil
			text := m.input.Value()
			m.input.Blur()
			m.input.SetValue("")
			return m.toAsker(answerMsg{kind: q.kind, text: text})
		case "esc":
			m.asking = nil
			m.input.Blur()
			m.input.SetValue("")
			return m.toAsker(answerMsg{kind: q.kind, cancelled: true})
		}
	}
	before := m.input.Value()
	m.input.Update(msg)
	if q.live && m.input.Value() != before {
		return m.toAsker(typingMsg{kind: q.kind, text: m.input.Value()})
	}
	return nil
}

func (m *Model) toAsker(msg tea.Msg) tea.Cmd {
	if m.welcome != nil {
		return m.welcome.update(msg)
	}
	return m.screens[m.active].update(msg)
}

// broadcast tells every screen that the data changed.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, len(m.screens))
	for i, s := range m.screens {
		cmds[i] = s.update(msg)
	}
	return tea.Batch(cmds...)
}

// setStatus puts a sentence on the status line; whatever it quotes of a record or a file is
// made safe to draw there.
func (m *Model) setStatus(text string, isErr bool) { m.status, m.isErr = i18n.Printable(text), isErr }

// View draws the window in the alternate screen, with the terminal's cursor at the caret of
// the text field that has focus and hidden when none has.
func (m *Model) View() tea.View {
	frame, cursor := placeCaret(m.frame(), m.sh.st.disp.mode)
	v := tea.NewView(m.sh.st.disp.mode.Show(frame))
	v.AltScreen = true
	v.Cursor = cursor
	return v
}

// frame draws the window: exactly height lines, none wider than the window.
func (m *Model) frame() string {
	w, h := m.width, m.height
	if w == 0 || h == 0 {
		return ""
	}
	st := m.sh.st
	if w < minWidth || h < minHeight {
		return m.tooSmall(w, h)
	}
	lines := make([]string, 0, h)
	lines = append(lines, m.topLine(w))
	bodyH := h - 4
	var body string
	switch {
	case m.showHelp:
		body = m.fullHelp(w, bodyH)
	case !m.loaded:
		body = st.dim.Render(m.sh.T(msgLoading))
	case m.loadErr != nil:
		body = st.err.Render(st.cut(m.sh.lang.Error(m.loadErr), w))
	case m.welcome != nil:
		body = m.welcome.view(w, bodyH)
	case m.starting != nil:
		body = m.starting.view(w, bodyH)
	case m.switching != nil:
		body = m.switching.view(w, bodyH)
	case m.offer.Active():
		body = m.offer.View()
	default:
		body = m.screens[m.active].view(w, bodyH)
	}
	lines = append(lines, st.block(body, w, bodyH)...)
	lines = append(lines, st.cut(m.help.ShortHelpView(m.hints()), w))
	if m.isErr {
		lines = append(lines, st.err.Render(st.cut(m.status, w)))
	} else {
		lines = append(lines, st.info.Render(st.cut(m.status, w)))
	}
	lines = append(lines, m.inputLine(w))
	return strings.Join(lines, "\n")
}

// block cuts or pads s to exactly h lines of at most w cells.
func (st *styles) block(s string, w, h int) []string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = st.cut(l, w)
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines
}

func (m *Model) tooSmall(w, h int) string {
	st := m.sh.st
	msg := st.disp.mode.Show(m.sh.T(msgTooSmall, minWidth, minHeight, w, h))
	wrapped := ansi.Wrap(msg, max(1, w), "")
	return strings.Join(st.block(wrapped, w, h), "\n")
}

// todayWeek is "第5周 周二" ("5周 周二" short), or where today stands outside the term.
func (m *Model) todayWeek(short bool) string {
	t, day := m.sh.data.term, m.sh.today
	wd := m.sh.lang.Weekday(day.Weekday())
	switch {
	case day.Before(t.Start()):
		return m.sh.T(msgBeforeTerm)
	case day.After(t.End()):
		return m.sh.T(msgAfterTerm)
	}
	n, _ := t.WeekOf(day)
	if short {
		return m.sh.lang.WeekShort(n) + " " + wd
	}
	return m.sh.lang.Week(n) + " " + wd
}

// hints are the keys shown on the hint line: the screen's, or the input line's.
func (m *Model) hints() []key.Binding {
	k := m.sh.keys
	switch {
	case m.asking != nil:
		return []key.Binding{k.Submit, k.Leave}
	case m.showHelp:
		return []key.Binding{k.Leave}
	case m.welcome != nil:
		return m.welcome.shortHelp()
	case m.starting != nil:
		return m.starting.shortHelp()
	case m.switching != nil:
		return []key.Binding{k.upDown, k.Submit, k.Leave}
	case !m.loaded:
		return []key.Binding{k.Quit}
	case m.offer.Active():
		return []key.Binding{k.upDown, k.Restore, k.Discard, k.Later}
	}
	scr := m.screens[m.active]
	if scr.capturing() {
		return scr.shortHelp()
	}
	return append(scr.shortHelp(), k.Help, k.Quit)
}

func (m *Model) promptLabel() string {
	if m.asking == nil {
		return ""
	}
	return m.asking.label + " "
}

// inputLine is the bottom line, where quick add, filters and notes are typed (an IME's
// candidate window opens near it).
func (m *Model) inputLine(w int) string {
	st := m.sh.st
	if m.asking == nil {
		if m.welcome != nil || !m.loaded || m.active != 0 {
			return "" // quick add and the filter belong to the calendar
		}
		return st.dim.Render(st.cut("> "+m.sh.T(msgInputIdle), w))
	}
	label := st.bold.Render(st.cut(m.promptLabel(), w/2))
	return label + st.cut(m.input.View(), w-st.width(label))
}

// fullHelp shows every key: the active screen's groups and the global ones.
func (m *Model) fullHelp(w, h int) string {
	st := m.sh.st
	var groups [][]key.Binding
	if m.welcome == nil && m.loaded {
		groups = append(groups, m.screens[m.active].fullHelp()...)
	}
	out := st.bold.Render(m.sh.T(msgHelpTitle)) + "\n\n"
	if len(groups) > 0 {
		out += m.help.FullHelpView(groups) + "\n\n"
	}
	return out + m.help.ShortHelpView(m.sh.keys.global())
}
