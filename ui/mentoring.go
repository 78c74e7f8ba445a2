package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/store/review"
	"termbook/ui/i18n"
	"termbook/ui/report"
)

var (
	msgMentoring     = i18n.Msg{Zh: "师徒", En: "Mentoring"}
	msgMentTitle     = i18n.Msg{Zh: "师徒结对 %d 对", En: "%d mentor pairs"}
	msgMentNone      = i18n.Msg{Zh: "本学期还没有师徒结对。按 a 登记一对。", En: "No mentor pairs this term. Press a to register one."}
	msgMentLog       = i18n.Msg{Zh: "指导记录：%s %s %s（%d条）", En: "Guidance: %s %s %s (%d)"}
	msgMentLogNone   = i18n.Msg{Zh: "还没有指导记录。按 n 新增。", En: "No guidance yet. Press n to add some."}
	msgMentSaved     = i18n.Msg{Zh: "已保存。", En: "Saved."}
	msgMentReflect   = i18n.Msg{Zh: "体会：", En: "reflection: "}
	msgCountObs      = i18n.Msg{Zh: "听课", En: "obs"}
	msgCountMentor   = i18n.Msg{Zh: "听师", En: "mentor"}
	msgCountTaught   = i18n.Msg{Zh: "上课", En: "taught"}
	msgCountPlans    = i18n.Msg{Zh: "教案", En: "plans"}
	msgCountGuide    = i18n.Msg{Zh: "指导", En: "guide"}
	msgGuiTitle      = i18n.Msg{Zh: "指导记录：%s %s %s", En: "Guidance: %s %s %s"}
	msgGuiDate       = i18n.Msg{Zh: "日期", En: "Date"}
	msgGuiForm       = i18n.Msg{Zh: "形式", En: "Form"}
	msgGuiLink       = i18n.Msg{Zh: "关联听课", En: "Observation"}
	msgGuiContent    = i18n.Msg{Zh: "指导内容", En: "Guidance given"}
	msgGuiReflection = i18n.Msg{Zh: "徒弟体会", En: "Mentee's reflection"}
	msgGuiNoLink     = i18n.Msg{Zh: "无", En: "none"}
	msgGuiObsLabel   = i18n.Msg{Zh: "%s %s%s", En: "%s %s %s"}
	msgGuiNeedText   = i18n.Msg{Zh: "请填写指导内容", En: "Write what the guidance was"}
	msgPairTitle     = i18n.Msg{Zh: "师徒结对（%s）", En: "Mentor pair (%s)"}
	msgPairMentor    = i18n.Msg{Zh: "师傅", En: "Mentor"}
	msgPairMentee    = i18n.Msg{Zh: "徒弟", En: "Mentee"}
	msgPairSubject   = i18n.Msg{Zh: "学科", En: "Subject"}
	msgPairGoals     = i18n.Msg{Zh: "目标", En: "Goals"}
	msgPairNeed      = i18n.Msg{Zh: "请填写%s（姓名、拼音或首字母）", En: "Choose the %s (name, pinyin or initials)"}
	msgPairTeachHint = i18n.Msg{Zh: "输入姓名、拼音或首字母，↑↓ 在同名中选择", En: "type a name, pinyin or initials; ↑↓ among several"}
	msgChoiceKeys    = i18n.Msg{Zh: "←→ 或数字选择", En: "←→ or a number to choose"}
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

// mentoring is the 师徒 screen: the term's mentor pairs with live counters against their
// targets, and the guidance log of the chosen pair; the guidance and pair forms over it.
type mentoring struct {
	sh     *shared
	rows   []pairRow
	cur    int
	log    []store.Guidance
	logFor string
	inLog  bool // the guidance log has focus: ↑↓ choose an entry
	logCur int
	// focusPair is the pair to choose once the pairs are loaded.
	focusPair string
	form      *form
	pending   *store.Draft // a draft to reopen once the pairs are loaded
	loaded    bool
	handins   *handinDesk // the chosen pair's hand-ins (m, M)
}

func newMentoring(sh *shared) screen { return &mentoring{sh: sh} }

func (s *mentoring) title() i18n.Msg { return msgMentoring }
func (s *mentoring) capturing() bool { return s.form != nil || s.handins != nil }
func (s *mentoring) shownForm() *form {
	if s.form != nil {
		return s.form
	}
	return s.handins.shownForm()
}

func (s *mentoring) shortHelp() []key.Binding {
	k := s.sh.keys
	switch {
	case s.form != nil:
		return s.form.shortHelp()
	case s.handins != nil:
		return s.handins.shortHelp()
	case s.inLog:
		return []key.Binding{k.Edit, k.Delete, k.OutOfLog, k.NewGuidance}
	}
	return []key.Binding{k.NewGuidance, k.NewPair, k.Handin, k.IntoLog}
}

func (s *mentoring) fullHelp() [][]key.Binding {
	k := s.sh.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.IntoLog, k.OutOfLog},
		{k.NewGuidance, k.NewPair, k.Edit, k.Delete, k.Undo},
		{k.Handin, k.Handins, k.Check},
		{k.Save, k.Leave, k.NextField, k.NewLine},
	}
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

// load reads the pairs with their counters.
func (s *mentoring) load() tea.Cmd {
	return s.sh.readTerm(tabMentoring, func(ctx context.Context, st *store.Store, t store.Term, today store.Date) tea.Msg {
		rows, err := loadPairRows(ctx, st, t, today)
		return pairRowsMsg{rows: rows, err: err}
	})
}

// loadAt reads the pairs again and chooses the pair focus once they come.
func (s *mentoring) loadAt(focus string) tea.Cmd {
	if focus != "" {
		s.focusPair = focus
	}
	return s.load()
}

func (s *mentoring) loadLog() tea.Cmd {
	if len(s.rows) == 0 {
		return nil
	}
	ctx, id, st := s.sh.ctx, s.rows[s.cur].pair.ID, s.sh.store
	s.logFor = id
	return toTab(tabMentoring, func() tea.Msg {
		log, err := st.GuidanceLog(ctx, id)
		return guidanceLogMsg{pairID: id, log: printable(log), err: err}
	})
}

func (s *mentoring) update(msg tea.Msg) tea.Cmd {
	if cmd, ok := s.sh.deletion(msg, s.loadAt); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case loadedMsg, peopleMsg, shownMsg:
		if _, shown := msg.(shownMsg); !shown && s.sh.tab != tabMentoring {
			return nil // read when shown; at start it would only delay the first screen
		}
		return s.load()
	case pairRowsMsg:
		return s.listed(msg)
	case guidanceLogMsg:
		if msg.err != nil {
			return status(s.sh.lang.Error(msg.err), true)
		}
		if msg.pairID == s.logFor {
			s.log = msg.log
			s.logCur = min(s.logCur, max(0, len(s.log)-1))
			s.inLog = s.inLog && len(s.log) > 0
		}
		return nil
	case guidanceLinksMsg:
		if msg.err != nil {
			return status(s.sh.lang.Error(msg.err), true)
		}
		s.open(newGuidanceForm(s.sh, msg.pair, msg.links, msg.edit))
		if msg.draft != nil {
			s.form.restore(*msg.draft, msg.fd)
		}
		return nil
	case recordSavedMsg:
		if s.form == nil || !s.form.settled(msg.err) {
			return nil
		}
		return tea.Batch(status(s.sh.T(msgMentSaved), false), s.load())
	case handinsMsg:
		return handinsRead(s.handins, msg, s.load)
	case tea.KeyPressMsg, tea.PasteMsg:
		if s.handins != nil {
			return s.handins.update(msg)
		}
		return formOr(s.form, msg, s.key)
	}
	return nil
}

// listed takes the pairs read, keeps the chosen one, and opens a draft waiting for them.
func (s *mentoring) listed(msg pairRowsMsg) tea.Cmd {
	s.loaded = true
	if msg.err != nil {
		return status(s.sh.lang.Error(msg.err), true)
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
		fd, err := readDraft(*d)
		if err != nil {
			return status(s.sh.lang.Error(err), true)
		}
		return tea.Batch(cmd, s.restore(*d, fd))
	}
	return cmd
}

func (s *mentoring) open(f *form) {
	f.onClose = func() { s.form = nil }
	s.form = f
}

// restore reopens a guidance or mentor pair form from a kept draft, once the pairs are read.
func (s *mentoring) restore(d store.Draft, fd formDraft) tea.Cmd {
	if !s.loaded {
		s.pending = &d
		return s.load()
	}
	switch d.Form {
	case draftMentorPair:
		var was *store.MentorPair
		if fd.ID != "" {
			for _, r := range s.rows {
				if r.pair.ID == fd.ID {
					was = &r.pair
				}
			}
		}
		s.open(newPairForm(s.sh, was))
		s.form.restore(d, fd)
	case draftGuidance:
		for _, r := range s.rows {
			if r.pair.ID == fd.Parent {
				return s.openGuidance(r.pair, fd.ID, &d, fd)
			}
		}
	}
	return nil
}

func (s *mentoring) key(k tea.KeyPressMsg) tea.Cmd {
	keys := s.sh.keys
	if s.inLog {
		if cmd, ok := s.logKey(k); ok {
			return cmd
		}
	}
	switch {
	case key.Matches(k, keys.Up):
		if s.cur > 0 {
			s.cur--
			s.logCur = 0
			return s.loadLog()
		}
	case key.Matches(k, keys.Down):
		if s.cur < len(s.rows)-1 {
			s.cur++
			s.logCur = 0
			return s.loadLog()
		}
	case key.Matches(k, keys.IntoLog):
		s.inLog = len(s.log) > 0
	case key.Matches(k, keys.Edit):
		if len(s.rows) > 0 {
			p := s.rows[s.cur].pair
			s.open(newPairForm(s.sh, &p))
		}
	case key.Matches(k, keys.Delete):
		return s.deleteCurrent()
	case key.Matches(k, keys.Undo):
		return s.sh.takeBack(tabMentoring)
	case key.Matches(k, keys.NewPair):
		if s.sh.data == nil {
			return status(s.sh.T(msgObsNoTerm), true)
		}
		s.open(newPairForm(s.sh, nil))
	case key.Matches(k, keys.NewGuidance):
		if len(s.rows) > 0 {
			return s.openGuidance(s.rows[s.cur].pair, "", nil, formDraft{})
		}
	case key.Matches(k, keys.Handin), key.Matches(k, keys.Handins):
		if len(s.rows) > 0 {
			pairs := make([]store.MentorPair, len(s.rows))
			for i, r := range s.rows {
				pairs[i] = r.pair
			}
			p := s.rows[s.cur].pair
			var cmd tea.Cmd
			s.handins, cmd = openHandinDesk(s.sh, tabMentoring, []string{p.MenteeID, p.MentorID}, "", pairs,
				key.Matches(k, keys.Handin), func() { s.handins = nil })
			return cmd
		}
	}
	return nil
}

// view draws the form when one is open, else the pairs and the chosen pair's log.
func (s *mentoring) view(w, h int) string {
	if s.form != nil {
		return s.form.view(w, h)
	}
	if s.handins != nil && s.handins.showing() {
		return s.handins.view(w, h)
	}
	st, l := s.sh.st, s.sh.lang
	lines := []string{st.bold.Render(l.T(msgMentTitle, len(s.rows)))}
	if s.loaded && len(s.rows) == 0 {
		lines = append(lines, l.T(msgMentNone))
	}
	pairRows := min(len(s.rows), max(3, (h-4)/2))
	top := firstShown(s.cur, pairRows, len(s.rows))
	for i := top; i < len(s.rows) && i < top+pairRows; i++ {
		line := "  " + s.pairLine(s.rows[i])
		if i == s.cur {
			line = st.g.cursor + " " + s.pairLine(s.rows[i])
		}
		lines = append(lines, st.cut(line, w))
	}
	if len(s.rows) > 0 {
		r := s.rows[s.cur]
		lines = append(lines, "", st.bold.Render(st.cut(st.text(l.T(msgMentLog,
			s.sh.teacher(r.pair.MentorID).Name, st.g.arrow, s.sh.teacher(r.pair.MenteeID).Name, len(s.log))), w)))
		if len(s.log) == 0 {
			lines = append(lines, st.dim.Render(l.T(msgMentLogNone)))
		}
		room := h - len(lines)
		first := 0
		if s.inLog && room > 0 {
			first = max(0, s.logCur-room+1)
		}
		for i := first; i < len(s.log) && i < first+room; i++ {
			g := s.log[i]
			text := oneLine(g.Content)
			if g.Reflection != "" {
				text += "  " + l.T(msgMentReflect) + oneLine(g.Reflection)
			}
			line := st.cut(st.pad(l.Date(g.On), 12)+" "+st.pad(l.Form(g.Form), 6)+" "+st.text(text), w)
			if s.inLog && i == s.logCur {
				line = st.sel.Render(st.pad(line, w))
			}
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

// pairLine is "张三→王五 语文  听课 3/9 听师 2/8 … 落后", each counter coloured by its status.
func (s *mentoring) pairLine(r pairRow) string {
	st, l := s.sh.st, s.sh.lang
	name := st.pad(st.text(s.sh.teacher(r.pair.MentorID).Name+st.g.arrow+s.sh.teacher(r.pair.MenteeID).Name), 12)
	parts := []string{name, st.pad(st.text(r.pair.Subject), 4)}
	for _, c := range r.counters {
		label, ok := counterLabels[c.metric]
		if !ok {
			continue
		}
		v := l.T(label) + " " + strconv.Itoa(c.actual) + "/" + strconv.Itoa(c.required)
		switch c.status {
		case review.Short:
			v = st.err.Render(v + "!!")
		case review.Behind:
			v = st.moved.Render(v + "!")
		case review.Met:
			v = st.info.Render(v)
		}
		parts = append(parts, v)
	}
	parts = append(parts, statusWord(l, st, r.status))
	return strings.Join(parts, " ")
}

// statusWord is the review's word for a status (the export's, so that screen and paper
// agree), coloured by how urgent it is.
func statusWord(lang i18n.Lang, st *styles, s review.Status) string {
	word := report.StatusWord(lang, s)
	switch s {
	case review.Short:
		return st.err.Render(word)
	case review.Behind:
		return st.moved.Render(word)
	case review.Met:
		return st.info.Render(word)
	}
	return word
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// loadPairRows reads the term's mentor pairs with their live counters: the term-end review's
// judgement of each pair's targets as of today, worst first.
func loadPairRows(ctx context.Context, st *store.Store, term store.Term, today store.Date) ([]pairRow, error) {
	r, err := review.Compute(ctx, st, term, today)
	if err != nil {
		return nil, err
	}
	r = printable(r)
	rows := make([]pairRow, len(r.Pairs))
	for i, p := range r.Pairs {
		row := pairRow{pair: p.Pair, status: p.Status}
		for _, res := range p.Results {
			row.counters = append(row.counters, pairCounter{metric: res.Target.Metric, actual: res.Actual,
				required: res.Required, status: res.Status})
		}
		rows[i] = row
	}
	return rows, nil
}

// Editing and deleting on the 师徒 screen. enter on a pair opens it in the pair form; → moves
// into the chosen pair's guidance log, where ↑↓ choose an entry and enter opens it in the
// guidance form. d deletes the pair or the entry (softly: it stays in the file, hidden) and
// u brings deletions back.

type guidanceLinksMsg struct {
	pair  store.MentorPair
	links []store.Observation
	edit  *store.Guidance // the entry to edit; nil for a new one
	draft *store.Draft    // a kept draft to fill the form from
	fd    formDraft
	err   error
}

// openGuidance loads what the guidance form of pair p needs: the observations it may link
// to and, to edit an entry, the entry (with the observation it links to, however old).
// editID names the entry; empty for a new one.
func (s *mentoring) openGuidance(p store.MentorPair, editID string, draft *store.Draft, fd formDraft) tea.Cmd {
	ctx, st := s.sh.ctx, s.sh.store
	return toTab(tabMentoring, func() tea.Msg {
		msg := guidanceLinksMsg{pair: p, draft: draft, fd: fd}
		msg.links, msg.err = st.Observations(ctx, store.ObservationFilter{PairID: p.ID, TermID: p.TermID, Limit: 20})
		msg.links = printable(msg.links)
		if msg.err != nil || editID == "" {
			return msg
		}
		log, err := st.GuidanceLog(ctx, p.ID)
		if err != nil {
			msg.err = err
			return msg
		}
		log = printable(log)
		i := slices.IndexFunc(log, func(g store.Guidance) bool { return g.ID == editID })
		if i < 0 {
			msg.err = store.ErrNotFound
			return msg
		}
		msg.edit = &log[i]
		if id := msg.edit.ObservationID; id != "" && !slices.ContainsFunc(msg.links, func(o store.Observation) bool { return o.ID == id }) {
			o, err := st.Observation(ctx, id)
			if err == nil {
				msg.links = append(msg.links, printable(o))
			} else if !errors.Is(err, store.ErrNotFound) {
				msg.err = err
			}
		}
		return msg
	})
}

// deleteCurrent deletes the chosen guidance entry (in the log) or the chosen pair.
func (s *mentoring) deleteCurrent() tea.Cmd {
	if len(s.rows) == 0 {
		return nil
	}
	p := s.rows[s.cur].pair
	if !s.inLog {
		return softDelete(s.sh, tabMentoring, store.KindMentorPair, p.ID, p.ID, s.pairName(p))
	}
	if len(s.log) == 0 {
		return nil
	}
	g, l := s.log[s.logCur], s.sh.lang
	return softDelete(s.sh, tabMentoring, store.KindGuidance, g.ID, p.ID,
		l.Date(g.On)+" "+l.Form(g.Form)+" "+s.sh.st.cut(oneLine(g.Content), 20))
}

// pairName names a pair for the status line: "张三→王五 语文".
func (s *mentoring) pairName(p store.MentorPair) string {
	name := s.sh.teacher(p.MentorID).Name + s.sh.st.g.arrow + s.sh.teacher(p.MenteeID).Name
	if p.Subject != "" {
		name += " " + p.Subject
	}
	return name
}

// logKey handles a key while the guidance log has focus; false leaves it to the pairs.
func (s *mentoring) logKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := s.sh.keys
	switch {
	case keys.moveIn(k, &s.logCur, len(s.log)):
	case key.Matches(k, keys.OutOfLog):
		s.inLog = false
	case key.Matches(k, keys.Edit):
		if len(s.log) == 0 {
			return nil, true
		}
		return s.openGuidance(s.rows[s.cur].pair, s.log[s.logCur].ID, nil, formDraft{}), true
	default:
		return nil, false
	}
	return nil, true
}

// The 师徒 screen's forms: a guidance entry (指导记录) and a mentor pair.

// recordSavedMsg reports a guidance entry or a mentor pair written.
type recordSavedMsg struct{ err error }

func (m recordSavedMsg) failure() error { return m.err }

// newGuidanceForm opens a new guidance entry for pair p, or was, an entry of p, to edit;
// links lists the observations it may be linked to (the mentee's, newest first).
func newGuidanceForm(sh *shared, p store.MentorPair, links []store.Observation, was *store.Guidance) *form {
	l := sh.lang
	mentor, mentee := sh.teacher(p.MentorID), sh.teacher(p.MenteeID)
	f := newForm(sh, l.T(msgGuiTitle, mentor.Name, sh.st.g.arrow, mentee.Name))
	var g store.Guidance
	if was != nil {
		g = *was
	} else {
		g = store.Guidance{MentorPairID: p.ID, On: sh.today, Form: store.GuidanceForms()[0]}
	}
	date := newDateField(sh)
	date.SetDate(g.On)
	f.add("date", msgGuiDate, date)
	var forms []choice
	for _, fm := range store.GuidanceForms() {
		forms = append(forms, choice{string(fm), l.Form(fm)})
	}
	f.choose("form", msgGuiForm, forms, string(g.Form)).hint = msgChoiceKeys
	linked := []choice{{"", l.T(msgGuiNoLink)}}
	for _, o := range links {
		linked = append(linked, choice{o.ID, l.T(msgGuiObsLabel, l.Date(o.On), sh.teacher(o.TeacherID).Name, o.Topic)})
	}
	f.choose("observation", msgGuiLink, linked, g.ObservationID).hint = msgChoiceKeys
	f.pane("content", msgGuiContent, g.Content, store.MaxLong)
	f.pane("reflection", msgGuiReflection, g.Reflection, store.MaxLong)
	f.save = func() (tea.Cmd, error) {
		on, err := date.Date()
		if err != nil {
			return nil, fieldError{field: "date", text: err.Error()}
		}
		e := g
		e.MentorPairID, e.On, e.Form = p.ID, on, store.GuidanceForm(f.str("form"))
		e.ObservationID = f.str("observation")
		e.Content, e.Reflection = f.str("content"), f.str("reflection")
		if e.Content == "" {
			return nil, fieldError{field: "content", text: l.T(msgGuiNeedText), named: true}
		}
		return writeRecord(sh, func(ctx context.Context, s *store.Store) error {
			_, err := saveRecord(ctx, was == nil, e, s.CreateGuidance, s.UpdateGuidance)
			return err
		}), nil
	}
	f.labelDraft = func() string { return mentor.Name + sh.st.g.arrow + mentee.Name }
	f.ready()
	f.setFocus(3) // what the guidance was
	f.keep(draftGuidance, g.ID, p.ID)
	return f
}

// writeRecord runs one write of the 师徒 screen and reports it there.
func writeRecord(sh *shared, write func(ctx context.Context, s *store.Store) error) tea.Cmd {
	ctx, s := sh.ctx, sh.store
	return toTab(tabMentoring, func() tea.Msg { return recordSavedMsg{err: write(ctx, s)} })
}

// newPairForm registers a mentor pair for the term showing, or edits was.
func newPairForm(sh *shared, was *store.MentorPair) *form {
	l := sh.lang
	f := newForm(sh, l.T(msgPairTitle, sh.data.term.Name))
	var p store.MentorPair
	if was != nil {
		p = *was
	}
	person := func(name string, label i18n.Msg, id string) {
		in := newPersonField(sh, l.T(msgPickTeacher), false)
		in.SetValue(id)
		f.add(name, label, in).hint = msgPairTeachHint
	}
	person("mentor", msgPairMentor, p.MentorID)
	person("mentee", msgPairMentee, p.MenteeID)
	f.text("subject", msgPairSubject, p.Subject, store.MaxName)
	f.pane("goals", msgPairGoals, p.Goals, store.MaxNote)
	f.save = func() (tea.Cmd, error) {
		u := p
		u.MentorID, u.MenteeID = f.str("mentor"), f.str("mentee")
		u.Subject, u.Goals = f.str("subject"), f.str("goals")
		switch {
		case u.MentorID == "":
			return nil, fieldError{field: "mentor", text: l.T(msgPairNeed, l.FieldName("mentor")), named: true}
		case u.MenteeID == "":
			return nil, fieldError{field: "mentee", text: l.T(msgPairNeed, l.FieldName("mentee")), named: true}
		}
		if u.Subject == "" {
			if t := sh.teacher(u.MenteeID); len(t.Subjects) > 0 {
				u.Subject = t.Subjects[0]
			}
		}
		if was == nil {
			u.TermID = sh.data.term.ID
		}
		return writeRecord(sh, func(ctx context.Context, s *store.Store) error {
			_, err := saveRecord(ctx, was == nil, u, s.CreateMentorPair, s.UpdateMentorPair)
			return err
		}), nil
	}
	f.labelDraft = func() string {
		return sh.teacher(f.str("mentor")).Name + sh.st.g.arrow + sh.teacher(f.str("mentee")).Name
	}
	f.ready()
	f.keep(draftMentorPair, p.ID, "")
	return f
}
