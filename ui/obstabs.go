package ui

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// The 听课 and 师徒 tabs: the observations and mentoring screens plugged into the program.

// The tabs' places in the program (see newModel).
const (
	tabObservations = 1
	tabMentoring    = 2
)

var (
	msgObservations = i18n.Msg{Zh: "听课", En: "Observations"}
	msgMentoring    = i18n.Msg{Zh: "师徒", En: "Mentoring"}
	hObsRubric      = i18n.Msg{Zh: "评课量表", En: "rubric"}
	hGuidance       = i18n.Msg{Zh: "新增指导", En: "add guidance"}
	hPair           = i18n.Msg{Zh: "新增结对", En: "add a pair"}
	hGradeMode      = i18n.Msg{Zh: "等级/分数", En: "grades/points"}
	hRestore        = i18n.Msg{Zh: "恢复", En: "restore"}
	hDiscard        = i18n.Msg{Zh: "丢弃", En: "discard"}
	hLater          = i18n.Msg{Zh: "稍后", En: "later"}
	msgDraftsAt     = i18n.Msg{Zh: "有上次未保存的内容，可恢复或丢弃。", En: "There is unsaved work from last time: restore or discard it."}
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

// switchMsg shows tab and hands its screen msg: a calendar activity to observe, the drafts
// kept from last time.
type switchMsg struct {
	tab int
	msg tea.Msg
}

// observe opens a new observation of a calendar activity on the 听课 tab.
func observe(a store.Activity) tea.Cmd {
	return func() tea.Msg { return switchMsg{tab: tabObservations, msg: newObservationMsg{activity: a}} }
}

// newObsEnv is what the observation and mentoring screens read from the program.
func newObsEnv(sh *shared, rubric store.Rubric) obsEnv {
	env := obsEnv{sh: sh, st: sh.st, db: sh.store, lang: sh.lang, today: sh.today, ascii: sh.st.disp.ascii,
		rubric: rubric, schools: map[string]store.School{}}
	if d := sh.data; d != nil {
		env.term, env.teachers, env.schools = d.term, d.teachers, d.schoolByID
	}
	return env
}

// offerDrafts looks for drafts kept from last time and, when there are some, shows the tab
// whose forms they belong to, where they are offered back.
func offerDrafts(db *store.Store) tea.Cmd {
	return func() tea.Msg {
		all, err := db.Drafts(context.Background())
		if err != nil {
			return nil
		}
		var ds []store.Draft
		for _, d := range all {
			if formDraftName(d.Form) == (i18n.Msg{}) { // the calendar's and People's are offered by the root
				ds = append(ds, d)
			}
		}
		if len(ds) == 0 {
			return nil
		}
		tab := tabMentoring
		for _, d := range ds {
			if d.Form == draftObservation {
				tab = tabObservations
			}
		}
		return switchMsg{tab: tab, msg: draftsLoadedMsg{drafts: ds}}
	}
}

// observations is the 听课 tab.
type observations struct {
	sh      *shared
	s       *obsScreen
	started bool
}

func newObservations(sh *shared) screen {
	s := newObsScreen(newObsEnv(sh, store.Rubric{}))
	s.embedded = true
	return &observations{sh: sh, s: s}
}

func (o *observations) title() i18n.Msg { return msgObservations }
func (o *observations) capturing() bool { return o.s.Typing() }

func (o *observations) shortHelp() []key.Binding {
	k := o.sh.keys
	if o.s.offer.Active() {
		return draftOfferKeys(o.sh)
	}
	if o.s.Typing() {
		return []key.Binding{k.Save, k.Leave, hintKey(o.sh, hNextField, "tab"), hintKey(o.sh, hGradeMode, "ctrl+g")}
	}
	return []key.Binding{k.upDown, k.New, k.Open, k.Delete, k.Undo, k.Filter, hintKey(o.sh, hObsRubric, "r")}
}

func (o *observations) fullHelp() [][]key.Binding {
	k := o.sh.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom},
		{k.New, k.Open, k.Delete, k.Undo, k.Filter, k.Clear, hintKey(o.sh, hObsRubric, "r")},
		{k.Save, k.Leave, hintKey(o.sh, hGradeMode, "ctrl+g")},
	}
}

func (o *observations) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case loadedMsg, peopleMsg:
		o.s.setEnv(newObsEnv(o.sh, o.s.env.rubric))
		if o.sh.data == nil {
			return nil
		}
		load := toTab(tabObservations, o.s.load())
		if _, ok := msg.(loadedMsg); ok && !o.started {
			o.started = true
			return tea.Batch(load, offerDrafts(o.sh.store))
		}
		return load
	case changedMsg:
		return nil
	case shownMsg:
		return o.s.load()
	case draftsLoadedMsg:
		return tea.Batch(o.s.Update(msg), status(o.sh.T(msgDraftsAt), false))
	}
	return o.s.passOn(o.s.Update(msg))
}

func (o *observations) view(w, h int) string {
	o.s.SetSize(w, h)
	return o.s.View()
}

// mentoring is the 师徒 tab.
type mentoring struct {
	sh *shared
	s  *mentScreen
}

func newMentoring(sh *shared) screen {
	s := newMentScreen(newObsEnv(sh, store.Rubric{}))
	s.embedded = true
	return &mentoring{sh: sh, s: s}
}

func (m *mentoring) title() i18n.Msg { return msgMentoring }
func (m *mentoring) capturing() bool { return m.s.Typing() }

func (m *mentoring) shortHelp() []key.Binding {
	k := m.sh.keys
	if m.s.offer.Active() {
		return draftOfferKeys(m.sh)
	}
	if m.s.Typing() {
		return []key.Binding{k.Save, k.Leave, hintKey(m.sh, hNextField, "tab")}
	}
	if m.s.inLog {
		return []key.Binding{k.upDown, k.Edit, k.Delete, k.Undo, k.OutOfLog, hintKey(m.sh, hGuidance, "n")}
	}
	return []key.Binding{hintKey(m.sh, hGuidance, "n"), hintKey(m.sh, hPair, "a"), k.IntoLog, k.Delete, k.Undo, k.Edit, k.upDown}
}

func (m *mentoring) fullHelp() [][]key.Binding {
	k := m.sh.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.IntoLog, k.OutOfLog},
		{hintKey(m.sh, hGuidance, "n"), hintKey(m.sh, hPair, "a"), k.Edit, k.Delete, k.Undo},
		{k.Save, k.Leave},
	}
}

func (m *mentoring) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case loadedMsg, peopleMsg:
		m.s.env = newObsEnv(m.sh, m.s.env.rubric)
		if m.sh.data == nil || m.sh.tab != tabMentoring {
			return nil // loaded when shown; at start it would only delay the first screen
		}
		return toTab(tabMentoring, m.s.load())
	case changedMsg:
		return nil
	case shownMsg:
		return m.s.load()
	case draftsLoadedMsg:
		return tea.Batch(m.s.Update(msg), status(m.sh.T(msgDraftsAt), false))
	}
	return m.s.passOn(m.s.Update(msg))
}

func (m *mentoring) view(w, h int) string {
	m.s.SetSize(w, h)
	return m.s.View()
}

// draftOfferKeys are the hints while drafts from last time are offered.
func draftOfferKeys(sh *shared) []key.Binding {
	return []key.Binding{sh.keys.upDown, hintKey(sh, hRestore, "enter"), hintKey(sh, hDiscard, "d"), hintKey(sh, hLater, "esc")}
}

// hintKey is a key of these tabs' own, for the hint line and the help.
func hintKey(sh *shared, m i18n.Msg, k string) key.Binding {
	return key.NewBinding(key.WithKeys(k), key.WithHelp(k, sh.T(m)))
}
