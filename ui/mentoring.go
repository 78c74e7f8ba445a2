package ui

import (
	"context"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/store/review"
	"termbook/ui/i18n"
	"termbook/ui/report"
)

var (
	msgMentTitle   = i18n.Msg{Zh: "师徒结对 %d 对", En: "%d mentor pairs"}
	msgMentNone    = i18n.Msg{Zh: "本学期还没有师徒结对。按 a 登记一对。", En: "No mentor pairs this term. Press a to register one."}
	msgMentKeys    = i18n.Msg{Zh: "n 新增指导  a 新增结对  ↑↓ 选择  enter 修改  → 指导记录  d 删除  u 撤销", En: "n add guidance  a add a pair  ↑↓ choose  enter edit  → guidance log  d delete  u undo"}
	msgMentLog     = i18n.Msg{Zh: "指导记录：%s %s %s（%d条）", En: "Guidance: %s %s %s (%d)"}
	msgMentLogNone = i18n.Msg{Zh: "还没有指导记录。按 n 新增。", En: "No guidance yet. Press n to add some."}
	msgMentSaved   = i18n.Msg{Zh: "已保存。", En: "Saved."}
	msgMentReflect = i18n.Msg{Zh: "体会：", En: "reflection: "}
	msgCountObs    = i18n.Msg{Zh: "听课", En: "obs"}
	msgCountMentor = i18n.Msg{Zh: "听师", En: "mentor"}
	msgCountTaught = i18n.Msg{Zh: "上课", En: "taught"}
	msgCountPlans  = i18n.Msg{Zh: "教案", En: "plans"}
	msgCountGuide  = i18n.Msg{Zh: "指导", En: "guide"}
)

// pairCounter is one live counter of a mentor pair: how many against how many, and whether
// that is on time. Periodic targets (one every two weeks, one a month) count periods.
type pairCounter struct {
	metric   store.Metric
	actual   int
	required int
	status   review.Status
}

// pairRow is a mentor pair with its counters.
type pairRow struct {
	pair     store.MentorPair
	counters []pairCounter
	status   review.Status // the worst counter's
}

var counterLabels = map[store.Metric]i18n.Msg{
	store.MetricMenteeObservations: msgCountObs,
	store.MetricObservesMentor:     msgCountMentor,
	store.MetricTaughtObserved:     msgCountTaught,
	store.MetricLessonPlans:        msgCountPlans,
	store.MetricGuidanceMonthly:    msgCountGuide,
}

// mentScreen is the 师徒 screen: the term's mentor pairs with live counters against their
// targets, and the guidance log of the chosen pair.
type mentScreen struct {
	env    obsEnv
	rows   []pairRow
	cur    int
	log    []store.Guidance
	logFor string
	inLog  bool // the guidance log has focus: ↑↓ choose an entry
	logCur int
	undo   softDeletes
	// focusPair is the pair to choose once the pairs are loaded.
	focusPair string
	form      *recordForm
	offer     draftOffer
	pending   *store.Draft // a guidance draft to reopen once the pairs are loaded
	w, h      int
	// embedded is set when the screen is a tab of the program: its hint and status lines
	// speak for the screen.
	embedded bool
	loaded   bool
	statusLine
}

func newMentScreen(env obsEnv) *mentScreen {
	return &mentScreen{env: env, w: 80, h: 20, offer: draftOffer{lang: env.lang, st: env.st, db: env.db},
		undo: softDeletes{owner: mentOwner}}
}

type pairRowsMsg struct {
	rows []pairRow
	err  error
}

type guidanceLogMsg struct {
	pairID string
	log    []store.Guidance
	err    error
}

func (s *mentScreen) Init() tea.Cmd { return s.load() }

func (s *mentScreen) load() tea.Cmd {
	env := s.env
	return func() tea.Msg {
		rows, err := loadPairRows(context.Background(), env.db, env.term, env.today)
		return pairRowsMsg{rows: rows, err: err}
	}
}

func (s *mentScreen) loadLog() tea.Cmd {
	if len(s.rows) == 0 {
		return nil
	}
	id, st := s.rows[s.cur].pair.ID, s.env.db
	s.logFor = id
	return func() tea.Msg {
		log, err := st.GuidanceLog(context.Background(), id)
		return guidanceLogMsg{pairID: id, log: log, err: err}
	}
}

// SetSize gives the screen its share of the terminal.
func (s *mentScreen) SetSize(w, h int) {
	if w == s.w && h == s.h {
		return
	}
	s.w, s.h = w, h
	if s.form != nil {
		s.form.SetSize(w, h)
	}
}

// Typing reports whether a form has focus, so the program keeps its own keys away.
func (s *mentScreen) Typing() bool { return s.form != nil || s.offer.Active() }

// OpenDraft reopens a guidance or mentor pair form from a kept draft.
func (s *mentScreen) OpenDraft(d store.Draft) tea.Cmd {
	var f *recordForm
	switch d.Form {
	case draftMentorPair:
		var was *store.MentorPair
		if id := strings.TrimPrefix(d.Key, "mentor_pair:"); id != "new" {
			for _, r := range s.rows {
				if r.pair.ID == id {
					was = &r.pair
				}
			}
			if was == nil {
				return nil
			}
		}
		f = newPairForm(s.env, was)
	case draftGuidance:
		pairID, entryID := draftTarget(d)
		for _, r := range s.rows {
			if r.pair.ID == pairID {
				return s.openGuidance(r.pair, entryID, &d)
			}
		}
	}
	if f == nil {
		return nil
	}
	if err := f.Restore(d); err != nil {
		s.say(s.env.lang.Error(err), true)
		return nil
	}
	return s.openForm(f)
}

func (s *mentScreen) openForm(f *recordForm) tea.Cmd {
	s.form = f
	f.SetSize(s.w, s.h)
	return f.Init()
}

type guidanceLinksMsg struct {
	pair  store.MentorPair
	links []store.Observation
	edit  *store.Guidance // the entry to edit; nil for a new one
	draft *store.Draft    // a kept draft to fill the form from
	err   error
}

func (s *mentScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pairRowsMsg:
		s.loaded = true
		if msg.err != nil {
			s.say(s.env.lang.Error(msg.err), true)
			return nil
		}
		s.rows = msg.rows
		s.cur = min(s.cur, max(0, len(s.rows)-1))
		for i, r := range s.rows {
			if r.pair.ID == s.focusPair {
				s.cur = i
			}
		}
		s.focusPair = ""
		cmd := s.loadLog()
		if d := s.pending; d != nil && s.form == nil {
			s.pending = nil
			return tea.Batch(cmd, s.OpenDraft(*d))
		}
		return cmd
	case draftsLoadedMsg:
		s.offer.drafts = nil
		for _, d := range msg.drafts {
			if d.Form == draftGuidance || d.Form == draftMentorPair {
				s.offer.drafts = append(s.offer.drafts, d)
			}
		}
		return nil
	case restoreDraftMsg:
		if !s.loaded {
			s.pending = &msg.draft
			return nil
		}
		return s.OpenDraft(msg.draft)
	case guidanceLogMsg:
		if msg.err != nil {
			s.say(s.env.lang.Error(msg.err), true)
		} else if msg.pairID == s.logFor {
			s.log = msg.log
			s.logCur = min(s.logCur, max(0, len(s.log)-1))
			s.inLog = s.inLog && len(s.log) > 0
		}
		return nil
	case deletionMsg:
		if msg.owner == mentOwner {
			return s.deleted(msg)
		}
	case guidanceLinksMsg:
		if msg.err != nil {
			s.say(s.env.lang.Error(msg.err), true)
			return nil
		}
		f := newGuidanceForm(s.env, msg.pair, msg.links, msg.edit)
		if msg.draft != nil {
			if err := f.Restore(*msg.draft); err != nil {
				s.say(s.env.lang.Error(err), true)
				return nil
			}
		}
		return s.openForm(f)
	case tea.WindowSizeMsg:
		s.SetSize(msg.Width, msg.Height)
		return nil
	}
	if s.form != nil {
		cmd := s.form.Update(msg)
		if s.form.Done {
			if s.form.Saved != nil {
				s.say(s.env.lang.T(msgMentSaved), false)
			}
			s.form = nil
			return tea.Batch(cmd, s.load())
		}
		return cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if s.offer.Active() {
		return s.offer.Update(k)
	}
	s.say("", false)
	if s.inLog {
		if cmd, ok := s.logKey(k); ok {
			return cmd
		}
	}
	switch k.String() {
	case "up", "k":
		if s.cur > 0 {
			s.cur--
			s.logCur = 0
			return s.loadLog()
		}
	case "down", "j":
		if s.cur < len(s.rows)-1 {
			s.cur++
			s.logCur = 0
			return s.loadLog()
		}
	case "right", "l":
		if len(s.log) > 0 {
			s.inLog = true
		}
	case "enter":
		if len(s.rows) > 0 {
			p := s.rows[s.cur].pair
			return s.openForm(newPairForm(s.env, &p))
		}
	case "d":
		return s.deleteCurrent()
	case "u":
		return s.undoDelete()
	case "a":
		if s.env.term.ID == "" {
			s.say(s.env.lang.T(msgObsNoTerm), true)
			return nil
		}
		return s.openForm(newPairForm(s.env, nil))
	case "n":
		if len(s.rows) == 0 {
			return nil
		}
		return s.openGuidance(s.rows[s.cur].pair, "", nil)
	}
	return nil
}

// View draws the form when one is open, else the pairs and the chosen pair's log.
func (s *mentScreen) View() string {
	if s.form != nil {
		return s.form.View()
	}
	lang := s.env.lang
	lines := []string{s.env.st.bold.Render(lang.T(msgMentTitle, len(s.rows)))}
	if s.offer.Active() {
		lines = append(lines, s.offer.View())
	}
	if s.loaded && len(s.rows) == 0 {
		lines = append(lines, lang.T(msgMentNone))
	}
	pairRows := min(len(s.rows), max(3, (s.h-4)/2))
	top := max(0, min(s.cur-pairRows+1, len(s.rows)-pairRows))
	for i := top; i < len(s.rows) && i < top+pairRows; i++ {
		line := s.pairLine(s.rows[i])
		if i == s.cur {
			line = "> " + line
		} else {
			line = "  " + line
		}
		lines = append(lines, s.env.st.cut(line, s.w))
	}
	if len(s.rows) > 0 {
		r := s.rows[s.cur]
		lines = append(lines, "", s.env.st.bold.Render(lang.T(msgMentLog,
			s.env.teacher(r.pair.MentorID).Name, s.env.st.g.arrow, s.env.teacher(r.pair.MenteeID).Name, len(s.log))))
		if len(s.log) == 0 {
			lines = append(lines, s.env.st.dim.Render(lang.T(msgMentLogNone)))
		}
		room := s.h - len(lines)
		if !s.embedded {
			room--
		}
		first := 0
		if s.inLog && room > 0 {
			first = max(0, s.logCur-room+1)
		}
		for i := first; i < len(s.log) && i < first+room; i++ {
			g := s.log[i]
			text := oneLine(g.Content)
			if g.Reflection != "" {
				text += "  " + lang.T(msgMentReflect) + oneLine(g.Reflection)
			}
			line := s.env.st.cut(s.env.st.pad(lang.Date(g.On), 12)+" "+s.env.st.pad(lang.Form(g.Form), 6)+" "+text, s.w)
			if s.inLog && i == s.logCur {
				line = s.env.st.sel.Render(s.env.st.pad(line, s.w))
			}
			lines = append(lines, line)
		}
	}
	if s.embedded {
		return strings.Join(lines, "\n")
	}
	return s.frame(s.env.st, lines, lang.T(msgMentKeys), s.w, s.h)
}

// pairLine is "张三→王五 语文  听课 3/9 听师 2/8 … 落后", each counter coloured by its status.
func (s *mentScreen) pairLine(r pairRow) string {
	lang := s.env.lang
	name := s.env.st.pad(s.env.teacher(r.pair.MentorID).Name+s.env.st.g.arrow+s.env.teacher(r.pair.MenteeID).Name, 12)
	parts := []string{name, s.env.st.pad(r.pair.Subject, 4)}
	for _, c := range r.counters {
		label, ok := counterLabels[c.metric]
		if !ok {
			continue
		}
		v := lang.T(label) + " " + strconv.Itoa(c.actual) + "/" + strconv.Itoa(c.required)
		switch c.status {
		case review.Overdue:
			v = s.env.st.err.Render(v + "!!")
		case review.Behind:
			v = s.env.st.moved.Render(v + "!")
		case review.Met:
			v = s.env.st.info.Render(v)
		}
		parts = append(parts, v)
	}
	parts = append(parts, statusWord(lang, s.env.st, r.status))
	return strings.Join(parts, " ")
}

// statusWord is the review's word for a status (the export's, so that screen and paper
// agree), coloured by how urgent it is.
func statusWord(lang i18n.Lang, st *styles, s review.Status) string {
	word := report.StatusWord(lang, s)
	switch s {
	case review.Overdue:
		return st.err.Render(word)
	case review.Behind:
		return st.moved.Render(word)
	case review.Met:
		return st.info.Render(word)
	}
	return word
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
