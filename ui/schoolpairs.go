package ui

import (
	"context"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/quickadd"
)

// School pairs (结对帮扶) on the People screen: 支援校 → 受援校, with the agreement's date and
// the cycle in years, between the schools and the teachers. → and ← move from schools to
// pairs to teachers; n adds a pair and enter edits one, in the same kind of form.

const panePairs = 2

var (
	msgPairsHead   = i18n.Msg{Zh: "结对学校（%d）", En: "School pairs (%d)"}
	msgNoPairsYet  = i18n.Msg{Zh: "还没有结对学校：按 n 新建。", En: "No school pairs yet: n adds one."}
	msgPairRow     = i18n.Msg{Zh: "%s 签订  周期 %d 年", En: "agreed %s  cycle %d years"}
	msgNewPair     = i18n.Msg{Zh: "新建结对学校", En: "New school pair"}
	msgEditPair    = i18n.Msg{Zh: "结对：%s", En: "Pair: %s"}
	msgFSupporting = i18n.Msg{Zh: "支援校", En: "Supporting school"}
	msgFSupported  = i18n.Msg{Zh: "受援校", En: "Supported school"}
	msgFAgreed     = i18n.Msg{Zh: "协议日期", En: "Agreement date"}
	msgFCycle      = i18n.Msg{Zh: "帮扶周期（年）", En: "Cycle (years)"}
	msgFPairNote   = i18n.Msg{Zh: "备注", En: "Note"}
	msgNeedTwo     = i18n.Msg{Zh: "结对需要两所在用的学校：按 N 新建，或在停用的学校上按 x 启用。", En: "A pair needs two active schools: N adds one, x on an inactive school makes it active."}
)

// pairsMsg carries the school pairs, read when the screen is shown and after each write.
type pairsMsg struct {
	pairs  []store.SchoolPair
	focus  string
	status string
	err    error
}

func (p *people) loadPairs(focus, status string, write func(ctx context.Context, s *store.Store) (string, error)) tea.Cmd {
	ctx, s := p.sh.ctx, p.sh.store
	return func() tea.Msg {
		if write != nil {
			id, err := write(ctx, s)
			if err != nil {
				return pairsMsg{err: err}
			}
			focus = id
		}
		pairs, err := s.SchoolPairs(ctx)
		return pairsMsg{pairs: printable(pairs), focus: focus, status: status, err: err}
	}
}

// pairsUpdate handles the pairs' messages; false for any other.
func (p *people) pairsUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case shownMsg:
		return p.loadPairs("", "", nil), true
	case pairsMsg:
		if msg.err != nil {
			if p.form != nil {
				p.form.failed(msg.err)
				return nil, true
			}
			return status(p.sh.lang.Error(msg.err), true), true
		}
		p.pairs = msg.pairs
		for i, sp := range p.pairs {
			if sp.ID == msg.focus {
				p.pair, p.pane = i, panePairs
			}
		}
		p.pair = min(p.pair, max(0, len(p.pairs)-1))
		if msg.focus != "" {
			p.form = nil
		}
		if msg.status != "" {
			return status(msg.status, false), true
		}
		return nil, true
	}
	return nil, false
}

// nextPane moves between schools, pairs and teachers in the order they are shown.
func (p *people) nextPane(d int) {
	order := []int{0, panePairs, 1}
	for i, pane := range order {
		if pane == p.pane {
			p.pane = order[(i+d+len(order))%len(order)]
			return
		}
	}
}

// pairKey handles a key while the pairs have focus; false for keys it leaves to the screen.
func (p *people) pairKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := p.sh.keys
	switch {
	case k.moveIn(msg, &p.pair, len(p.pairs)):
	case key.Matches(msg, k.New):
		offered := p.sh.data.activeSchools()
		if len(offered) < 2 {
			return status(p.sh.T(msgNeedTwo), true), true
		}
		p.form = p.pairForm(store.SchoolPair{SupportingID: offered[0].ID, SupportedID: offered[1].ID, AgreedOn: p.sh.today, CycleYears: 3})
	case key.Matches(msg, k.Open):
		if p.pair < len(p.pairs) {
			p.form = p.pairForm(p.pairs[p.pair])
		}
	default:
		return nil, false
	}
	return nil, true
}

// pairForm is the form for a school pair (new when sp.ID is "").
func (p *people) pairForm(sp store.SchoolPair) *form {
	sh, d := p.sh, p.sh.data
	f := newForm(sh, sh.titled(sp.ID == "", msgNewPair, msgEditPair, p.pairName(sp)))
	var schools []choice
	for _, s := range d.activeSchools(sp.SupportingID, sp.SupportedID) {
		schools = append(schools, choice{s.ID, s.Name})
	}
	f.choose("supporting", msgFSupporting, schools, sp.SupportingID)
	f.choose("supported", msgFSupported, schools, sp.SupportedID)
	f.text("agreed_on", msgFAgreed, sp.AgreedOn.String(), maxWhenText)
	f.text("cycle_years", msgFCycle, strconv.Itoa(sp.CycleYears), 2)
	f.text("note", msgFPairNote, sp.Note, store.MaxNote)
	f.ready()
	f.onClose = func() { p.form = nil }
	f.save = func() (tea.Cmd, error) {
		u := sp
		u.SupportingID = f.str("supporting")
		u.SupportedID = f.str("supported")
		u.Note = f.str("note")
		bad := func(field, v string, pr store.Problem) error {
			return &store.InvalidError{Record: "school_pair", Fields: []store.FieldError{{Field: field, Problem: pr, Value: v}}}
		}
		on, err := quickadd.Day(f.str("agreed_on"), sh.whenContext(0))
		if err == nil && on.IsZero() {
			err = &quickadd.Error{Kind: quickadd.NotDay}
		}
		if err != nil {
			return nil, fieldError{field: "agreed_on", text: sh.whenError(err)}
		}
		u.AgreedOn = on
		c := f.str("cycle_years")
		if u.CycleYears, err = strconv.Atoi(c); err != nil {
			return nil, bad("cycle_years", c, store.BadValue)
		}
		if err := u.Validate(); err != nil {
			return nil, err
		}
		what := sh.T(msgPSaved, p.pairName(u))
		return p.loadPairs("", what, func(ctx context.Context, s *store.Store) (string, error) {
			u, err := saveRecord(ctx, u.ID == "", u, s.CreateSchoolPair, s.UpdateSchoolPair)
			return u.ID, err
		}), nil
	}
	return f
}

// pairName is "五小 → 侯庄".
func (p *people) pairName(sp store.SchoolPair) string {
	return p.schoolLabel(sp.SupportingID) + " " + p.sh.st.g.arrow + " " + p.schoolLabel(sp.SupportedID)
}

func (p *people) schoolLabel(id string) string {
	if s, ok := p.sh.data.schoolByID[id]; ok {
		return s.Label()
	}
	return "?"
}

// pairLines are the pairs' section of the screen: a heading and at most rows pairs.
func (p *people) pairLines(w, rows int) []string {
	st, l := p.sh.st, p.sh.lang
	on := p.pane == panePairs
	head := st.head.Render(l.T(msgPairsHead, len(p.pairs)))
	if on {
		head = st.headOn.Render(l.T(msgPairsHead, len(p.pairs)))
	}
	lines := []string{"", head}
	if len(p.pairs) == 0 {
		return append(lines, st.dim.Render("  "+st.cut(l.T(msgNoPairsYet), w-2)))
	}
	rows = max(1, rows)
	top := firstShown(p.pair, rows, len(p.pairs))
	for i := top; i < len(p.pairs) && i < top+rows; i++ {
		sp := p.pairs[i]
		names := st.text(p.pairName(sp))
		row := st.fit(names, 30) + " " + st.cut(l.T(msgPairRow, sp.AgreedOn.String(), sp.CycleYears), max(1, w-34))
		lines = append(lines, st.pointed(row, on && i == p.pair))
	}
	return lines
}
