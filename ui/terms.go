package ui

import (
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/quickadd"
)

// Starting a term: its name, first Monday and length, and its plan — last term's copied,
// built-in templates, or nothing — written together in one step.

var (
	msgNextTerm     = i18n.Msg{Zh: "开始新学期", En: "Start a new term"}
	msgTermPlan     = i18n.Msg{Zh: "学期计划", En: "Plan"}
	msgPlanCopyLast = i18n.Msg{Zh: "复制上学期（%s）的计划", En: "Copy last term's plan (%s)"}
	msgPlanOffice   = i18n.Msg{Zh: "模板：教研室学期工作安排", En: "Template: research office term plan"}
	msgPlanPairing  = i18n.Msg{Zh: "模板：结对帮扶月度安排", En: "Template: school pairing monthly plan"}
	msgPlanBoth     = i18n.Msg{Zh: "两个模板都用", En: "Both templates"}
	msgPlanEmpty    = i18n.Msg{Zh: "空白，不建活动", En: "Empty, no activities"}
	msgTermStarted  = i18n.Msg{Zh: "已创建学期：%s，计划 %d 项活动", En: "Created %s: %d activities"}
	msgPlanSkippedN = i18n.Msg{Zh: "（%d 项超出本学期，未添加）", En: " (%d outside the term, not added)"}
	msgPlanRetiredN = i18n.Msg{Zh: "（%d 项的类型已停用，未添加）", En: " (%d of a retired type, not added)"}
)

// The plan choices of the term form.
const (
	planCopy    = "copy"
	planOffice  = "research-office"
	planPairing = "school-pairing"
	planBoth    = "both"
	planEmpty   = "empty"
)

// startedMsg reports a term started with its plan: the new term's data, ready to show.
type startedMsg struct {
	data   *termData
	status string
	err    error
}

// newTermForm asks for a new term and its plan. prev is the term showing now, whose plan can
// be copied, or nil on an empty database.
func newTermForm(sh *shared, prev *store.Term) *form {
	week1 := suggestWeek1(sh.today)
	title := msgNewTerm
	var plans []choice
	def := planBoth
	if prev != nil {
		week1 = nextWeek1(*prev)
		title = msgNextTerm
		plans = append(plans, choice{planCopy, sh.T(msgPlanCopyLast, prev.Name)})
		def = planCopy
	}
	plans = append(plans,
		choice{planBoth, sh.T(msgPlanBoth)},
		choice{planOffice, sh.T(msgPlanOffice)},
		choice{planPairing, sh.T(msgPlanPairing)},
		choice{planEmpty, sh.T(msgPlanEmpty)})

	f := newForm(sh, sh.T(title))
	f.text("name", msgTermName, suggestTermName(week1), store.MaxShort)
	f.text("week1", msgTermWeek1, week1.String(), maxWhenText)
	f.text("weeks", msgTermWeeks, "20", 2)
	f.choose("plan", msgTermPlan, plans, def)
	f.ready()
	f.save = func() (tea.Cmd, error) {
		t, err := termFromForm(f)
		if err != nil {
			return nil, err
		}
		var from string
		var tps []store.PlanTemplate
		switch plan := f.str("plan"); plan {
		case planCopy:
			from = prev.ID
		case planBoth:
			tps = store.PlanTemplates()
		case planOffice, planPairing:
			tp, _ := store.PlanTemplateNamed(plan)
			tps = []store.PlanTemplate{tp}
		}
		return startTerm(sh, t, from, tps), nil
	}
	return f
}

// termFromForm reads and checks the term the form describes.
func termFromForm(f *form) (store.Term, error) {
	t := store.Term{Name: f.str("name")}
	d, err := quickadd.Day(f.str("week1"), f.sh.whenContext(0))
	if err == nil && d.IsZero() {
		err = &quickadd.Error{Kind: quickadd.NotDay}
	}
	if err != nil {
		return t, fieldError{field: "week1", text: f.sh.whenError(err)}
	}
	t.Week1 = d
	n := f.str("weeks")
	if t.Weeks, err = strconv.Atoi(n); err != nil {
		return t, &store.InvalidError{Record: "term", Fields: []store.FieldError{{Field: "weeks", Problem: store.OutOfRange, Min: 1, Max: store.MaxWeeks, Value: n}}}
	}
	return t, t.Validate()
}

// startTerm writes the term and its plan in one store call, then reads the new term to show.
// Pairing items name the two schools when the database has exactly one school pair.
func startTerm(sh *shared, t store.Term, copyFrom string, tps []store.PlanTemplate) tea.Cmd {
	ctx, s, l, today := sh.ctx, sh.store, sh.lang, sh.today
	return func() tea.Msg {
		var schools []string
		if pairs, err := s.SchoolPairs(ctx); err == nil && len(pairs) == 1 {
			schools = []string{pairs[0].SupportingID, pairs[0].SupportedID}
		}
		t, res, err := s.StartTerm(ctx, t, copyFrom, tps, schools)
		if err != nil {
			return startedMsg{err: err}
		}
		d, err := readTerm(ctx, s, today, t.ID)
		if err != nil {
			return startedMsg{err: err}
		}
		text := l.T(msgTermStarted, t.Name, len(res.Created))
		if res.Retired > 0 {
			text += l.T(msgPlanRetiredN, res.Retired)
		}
		if res.Skipped > 0 {
			text += l.T(msgPlanSkippedN, res.Skipped)
		}
		return startedMsg{data: d, status: text}
	}
}

// started shows the term just started: it becomes the term the program shows, whatever
// today is, and the undo steps of the last term are dropped.
func (m *Model) started(msg startedMsg) tea.Cmd {
	if msg.err != nil {
		m.setStatus(m.sh.lang.Error(msg.err), true)
		switch {
		case m.welcome != nil && m.welcome.form != nil:
			m.welcome.form.failed(msg.err)
		case m.starting != nil:
			m.starting.failed(msg.err)
		}
		return nil
	}
	first := m.welcome != nil
	m.sh.termID, m.sh.undo = msg.data.term.ID, nil
	m.loaded, m.loadErr, m.sh.data = true, nil, msg.data
	m.welcome, m.starting = nil, nil
	m.setStatus(msg.status, false)
	cmd := m.broadcast(loadedMsg{data: msg.data})
	if first {
		cmd = tea.Batch(cmd, loadDrafts(m.sh.store))
	}
	return cmd
}

// startNextTerm opens the new-term form over the calendar.
func (m *Model) startNextTerm() {
	var prev *store.Term
	if d := m.sh.data; d != nil {
		prev = &d.term
	}
	f := newTermForm(m.sh, prev)
	f.onClose = func() { m.starting = nil }
	m.starting = f
}

// nextWeek1 suggests the first Monday of the term after prev: on or after 20 February or
// 1 September, whichever comes first after prev ends.
func nextWeek1(prev store.Term) store.Date {
	end := prev.End()
	for _, d := range []store.Date{
		{Year: end.Year, Month: time.February, Day: 20},
		{Year: end.Year, Month: time.September, Day: 1},
		{Year: end.Year + 1, Month: time.February, Day: 20},
	} {
		if d.Compare(end) > 0 {
			for d.Weekday() != time.Monday {
				d = d.AddDays(1)
			}
			return d
		}
	}
	return end.AddDays(1)
}

// Switching terms: S on the calendar lists the terms, newest first, and enter shows the one
// chosen; choosing the term around today goes back to following today.

var (
	msgSwitchTerm  = i18n.Msg{Zh: "切换学期（回车打开，Esc 返回）", En: "Switch term (enter opens, esc goes back)"}
	msgTermToday   = i18n.Msg{Zh: "（今天所在学期）", En: " (today's term)"}
	msgTermWeeksOf = i18n.Msg{Zh: "%s 起，%d 周", En: "from %s, %d weeks"}
	msgTermSwitch  = i18n.Msg{Zh: "正在查看：%s", En: "Showing %s"}
)

// termsMsg carries the terms for the switcher and the id of the one around today.
type termsMsg struct {
	terms []store.Term
	today string
	err   error
}

// loadTerms reads the terms to offer.
func loadTerms(sh *shared) tea.Cmd {
	ctx, s, today := sh.ctx, sh.store, sh.today
	return func() tea.Msg {
		terms, err := s.Terms(ctx)
		if err != nil {
			return termsMsg{err: err}
		}
		var id string
		if t, err := s.CurrentTerm(ctx, today); err == nil {
			id = t.ID
		}
		return termsMsg{terms: printable(terms), today: id}
	}
}

// termMenu lists the terms; the cursor starts on the term showing.
type termMenu struct {
	sh    *shared
	terms []store.Term
	today string // the term around today
	cur   int
}

func newTermMenu(sh *shared, msg termsMsg) *termMenu {
	tm := &termMenu{sh: sh, terms: msg.terms, today: msg.today}
	for i, t := range msg.terms {
		if sh.data != nil && t.ID == sh.data.term.ID {
			tm.cur = i
		}
	}
	return tm
}

// switchTermKey moves in the term list; enter shows the term chosen.
func (m *Model) switchTermKey(msg tea.KeyPressMsg) tea.Cmd {
	tm, k := m.switching, m.sh.keys
	switch {
	case key.Matches(msg, k.Quit) && msg.String() == "ctrl+c":
		return m.quit()
	case key.Matches(msg, k.Leave):
		m.switching = nil
	case k.moveIn(msg, &tm.cur, len(tm.terms)):
	case key.Matches(msg, k.Submit):
		t := tm.terms[tm.cur]
		m.switching = nil
		if m.sh.data != nil && t.ID == m.sh.data.term.ID {
			return nil
		}
		id := t.ID
		if id == tm.today {
			id = ""
		}
		// Undo steps belong to the term they were taken in.
		m.sh.termID, m.sh.undo = id, nil
		m.setStatus(m.sh.T(msgTermSwitch, t.Name), false)
		return load(m.sh)
	}
	return nil
}

func (tm *termMenu) view(w, h int) string {
	st, l := tm.sh.st, tm.sh.lang
	lines := []string{st.bold.Render(st.cut(l.T(msgSwitchTerm), w))}
	rows := h - 1
	top := max(0, min(tm.cur-rows/2, len(tm.terms)-rows))
	for i := top; i < len(tm.terms) && len(lines) < h; i++ {
		t := tm.terms[i]
		text := st.text(t.Name) + "  " + st.dim.Render(l.T(msgTermWeeksOf, t.Week1.String(), t.Weeks))
		if t.ID == tm.today {
			text += l.T(msgTermToday)
		}
		lines = append(lines, st.pointed(st.cut(text, w-2), i == tm.cur))
	}
	return strings.Join(lines, "\n")
}
