package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/report"
)

// 考核细则 in the program: t on 考核 shows the term's targets — each one's quota, period, whom
// it applies to, making up (补听) and weight — where + and - change a quota in place, enter
// edits a target in its form, n adds one counted from what is recorded, x retires or
// restores one and u takes a change back. Every change is one store call; what the store
// refuses (a quota of -1, weights over 100) is its one sentence and nothing is written.
// Leaving with esc, 考核 counts again by the new rules.

var (
	msgTgTitle        = i18n.Msg{Zh: "考核细则：%s", En: "Rules: %s"}
	msgTgWeights      = i18n.Msg{Zh: "权重合计：师徒结对 %d，教师 %d，校际结对 %d（满分 100）", En: "Weights: mentor pairs %d, teachers %d, school pairs %d (out of 100)"}
	msgTgNew          = i18n.Msg{Zh: "新增考核指标", En: "New target"}
	msgTgEdit         = i18n.Msg{Zh: "考核指标：%s", En: "Target: %s"}
	msgTgName         = i18n.Msg{Zh: "名称", En: "Name"}
	msgTgScope        = i18n.Msg{Zh: "对象", En: "For"}
	msgTgCounts       = i18n.Msg{Zh: "统计", En: "Counts"}
	msgTgKind         = i18n.Msg{Zh: "材料类别", En: "Kind"}
	msgTgType         = i18n.Msg{Zh: "活动类型", En: "Activity type"}
	msgTgBoth         = i18n.Msg{Zh: "两校都参加", En: "Both schools"}
	msgTgApplies      = i18n.Msg{Zh: "适用", En: "Applies to"}
	msgTgQuota        = i18n.Msg{Zh: "要求数量", En: "Quota"}
	msgTgPer          = i18n.Msg{Zh: "周期", En: "Period"}
	msgTgMakeUp       = i18n.Msg{Zh: "允许补足", En: "Making up"}
	msgTgWeight       = i18n.Msg{Zh: "权重", En: "Weight"}
	msgTgNumber       = i18n.Msg{Zh: "要写一个整数", En: "write a whole number"}
	msgTgYes          = i18n.Msg{Zh: "允许（补听）", En: "allowed"}
	msgTgNo           = i18n.Msg{Zh: "不允许", En: "no"}
	msgTgBothYes      = i18n.Msg{Zh: "须两校都参加", En: "must name both"}
	msgTgBothNo       = i18n.Msg{Zh: "一校即可", En: "either school"}
	msgTgQuotaIs      = i18n.Msg{Zh: "≥%d %s", En: "≥%d %s"}
	msgTgWeightIs     = i18n.Msg{Zh: "权%d", En: "w%d"}
	msgTgMakeUpIs     = i18n.Msg{Zh: "可补", En: "make-up"}
	msgTgSaved        = i18n.Msg{Zh: "已修改：%s", En: "Changed: %s"}
	msgTgAdded        = i18n.Msg{Zh: "已添加：%s", En: "Added: %s"}
	msgTgRetired      = i18n.Msg{Zh: "已停用：%s", En: "Retired: %s"}
	msgTgRestored     = i18n.Msg{Zh: "已恢复：%s", En: "Restored: %s"}
	msgTgRetiredIs    = i18n.Msg{Zh: "已停用", En: "retired"}
	msgTgRetiredFirst = i18n.Msg{Zh: "这项指标已停用：先按 x 恢复，再修改。", En: "This target is retired: x restores it, then it can be changed."}
	msgTgNoTerm       = i18n.Msg{Zh: "还没有学期，没有考核细则。", En: "There is no term yet, so no rules."}
)

// targetDesk is the term's targets shown over 考核.
type targetDesk struct {
	sh      *shared
	live    []store.Target
	retired []store.Target
	kinds   []store.HandinKind
	types   []store.ActivityType
	list    *catalog
	close   func()
}

// targetsMsg carries a term's targets, live and retired, read to open the desk or after a
// write.
type targetsMsg struct {
	live, retired []store.Target
	kinds         []store.HandinKind
	types         []store.ActivityType
	focus         string
	status        string
	undo          *undoStep
	err           error
}

func (m targetsMsg) failure() error { return m.err }

func readTargets(ctx context.Context, s *store.Store, termID, focus, text string, undo *undoStep) targetsMsg {
	msg := targetsMsg{focus: focus, status: text, undo: undo}
	if msg.live, msg.err = s.Targets(ctx, termID); msg.err != nil {
		return msg
	}
	if msg.retired, msg.err = s.RetiredTargets(ctx, termID); msg.err != nil {
		return msg
	}
	if msg.kinds, msg.err = s.HandinKinds(ctx); msg.err != nil {
		return msg
	}
	msg.types, msg.err = s.ActivityTypes(ctx)
	return printable(msg)
}

// openTargets reads the term's targets for the desk.
func openTargets(sh *shared) tea.Cmd {
	if sh.data == nil {
		return status(sh.T(msgTgNoTerm), true)
	}
	ctx, s, termID := sh.ctx, sh.store, sh.data.term.ID
	return toTab(tabReview, func() tea.Msg { return readTargets(ctx, s, termID, "", "", nil) })
}

func newTargetDesk(sh *shared, close func()) *targetDesk {
	d := &targetDesk{sh: sh, close: close}
	k := sh.keys
	c := &catalog{sh: sh, tab: tabReview,
		title: i18n.Msg{Zh: sh.T(msgTgTitle, sh.data.term.Name), En: sh.T(msgTgTitle, sh.data.term.Name)},
		hints: []key.Binding{k.quota, k.Edit, k.New, k.Retire, k.Undo, k.Back}}
	c.newForm = func() *form {
		return d.targetForm(store.Target{TermID: sh.data.term.ID, Scope: store.ScopeTeacher, Per: store.PerTerm})
	}
	c.editForm = func(i int) *form {
		t, _ := d.at(i) // a retired one is refused before (own)
		return d.targetForm(t)
	}
	c.toggle = func(i int) tea.Cmd {
		t, live := d.at(i)
		if live {
			return d.retire(t)
		}
		return d.restore(t)
	}
	c.own = func(km tea.KeyPressMsg) (tea.Cmd, bool) {
		step := 0
		switch {
		case key.Matches(km, k.More):
			step = 1
		case key.Matches(km, k.Less):
			step = -1
		case !key.Matches(km, k.Edit):
			return nil, false
		}
		t, live := d.at(c.cur)
		switch {
		case !live && t.ID != "":
			return status(sh.T(msgTgRetiredFirst), true), true
		case step == 0:
			return nil, false // enter on a live target: its form
		}
		u := t
		u.Required += step
		return d.write(t, u), true
	}
	c.onClose = close
	d.list = c
	return d
}

// at is the target on row i: the live ones first, then the retired.
func (d *targetDesk) at(i int) (store.Target, bool) {
	if i < len(d.live) {
		return d.live[i], true
	}
	if j := i - len(d.live); j >= 0 && j < len(d.retired) {
		return d.retired[j], false
	}
	return store.Target{}, false
}

// loaded takes the targets read: a write's refusal stays on its form, or goes to the status
// line when the change was made in place.
func (d *targetDesk) loaded(msg targetsMsg) tea.Cmd {
	if msg.err != nil {
		if d.list.form != nil {
			d.list.form.failed(msg.err)
			return nil
		}
		return status(d.sh.lang.Error(msg.err), true)
	}
	if f := d.list.form; f != nil && f.saving {
		f.close()
	}
	d.live, d.retired, d.kinds, d.types = msg.live, msg.retired, msg.kinds, msg.types
	d.list.setItems(d.items(), msg.focus)
	note := d.sh.T(msgTgWeights, d.weights(store.ScopeMentorPair), d.weights(store.ScopeTeacher), d.weights(store.ScopeSchoolPair))
	d.list.note = i18n.Msg{Zh: note, En: note}
	if msg.undo != nil {
		d.sh.pushUndo(*msg.undo)
	}
	if msg.status != "" {
		return status(d.sh.T(msgUndoHint, msg.status), false)
	}
	return nil
}

// weights is what the weights of scope's rules add up to, a rule weighing as its heaviest
// target (as the store counts them).
func (d *targetDesk) weights(scope store.Scope) int {
	rules := map[string]int{}
	for _, t := range d.live {
		if t.Scope == scope {
			rules[t.Title] = max(rules[t.Title], t.Weight)
		}
	}
	sum := 0
	for _, w := range rules {
		sum += w
	}
	return sum
}

// items are the rows: name, whom, what it counts, quota and period, making up and weight.
func (d *targetDesk) items() []catalogItem {
	l := d.sh.lang
	var items []catalogItem
	row := func(t store.Target, retired bool) {
		var more []string
		if t.MakeUp {
			more = append(more, l.T(msgTgMakeUpIs))
		}
		if t.Weight > 0 {
			more = append(more, l.T(msgTgWeightIs, t.Weight))
		}
		if retired {
			more = append(more, l.T(msgTgRetiredIs))
		}
		quota := l.T(msgTgQuotaIs, t.Required, report.PerName(l, t.Per))
		if l == i18n.En {
			// English words are long: whom in one word or two, and no column of what is
			// counted (the name says it; the form shows it).
			items = append(items, catalogItem{id: t.ID, retired: retired, widths: []int{17, 20, 17},
				cells: []string{report.TargetName(l, t), d.whom(t), quota, strings.Join(more, " ")}})
			return
		}
		items = append(items, catalogItem{id: t.ID, retired: retired, widths: []int{10, 18, 11, 18},
			cells: []string{report.TargetName(l, t), l.ScopeName(t.Scope) + " " + l.AppliesTo(t),
				quota, l.Counts(t, d.kinds, d.types), strings.Join(more, " ")}})
	}
	for _, t := range d.live {
		row(t, false)
	}
	for _, t := range d.retired {
		row(t, true)
	}
	return items
}

// whom says briefly whose target it is: a teacher target's group, else the scope (and a
// pair's mentor when the mentor's records count).
func (d *targetDesk) whom(t store.Target) string {
	l := d.sh.lang
	switch {
	case t.Scope == store.ScopeTeacher:
		return l.AppliesTo(t)
	case t.Scope == store.ScopeMentorPair && t.AppliesTo == store.RoleMentor:
		return l.ScopeName(t.Scope) + " " + l.RecordsOf(t.AppliesTo)
	}
	return l.ScopeName(t.Scope)
}

// name is a target as the status line names it: 联席会议（校际结对）.
func (d *targetDesk) name(t store.Target) string {
	return report.TargetName(d.sh.lang, t) + "（" + d.sh.lang.ScopeName(t.Scope) + "）"
}

// write saves u over was in one store call; u puts was back.
func (d *targetDesk) write(was, u store.Target) tea.Cmd {
	ctx, s, l, termID := d.sh.ctx, d.sh.store, d.sh.lang, d.sh.data.term.ID
	isNew := was.ID == ""
	text := l.T(msgTgSaved, d.name(u))
	if isNew {
		text = l.T(msgTgAdded, d.name(u))
	}
	return toTab(tabReview, func() tea.Msg {
		saved, err := saveRecord(ctx, isNew, u, s.CreateTarget, s.UpdateTarget)
		if err != nil {
			return targetsMsg{err: err}
		}
		back := func(ctx context.Context, s *store.Store) (tea.Msg, error) {
			var err error
			if isNew {
				err = s.Delete(ctx, store.KindTarget, saved.ID)
			} else {
				_, err = s.UpdateTarget(ctx, was)
			}
			return tabMsg{tab: tabReview, msg: readTargets(ctx, s, termID, was.ID, "", nil)}, err
		}
		return readTargets(ctx, s, termID, saved.ID, text, &undoStep{tab: tabReview, what: text, back: back})
	})
}

// retire retires t (its results leave the review); u restores it.
func (d *targetDesk) retire(t store.Target) tea.Cmd {
	ctx, s, termID := d.sh.ctx, d.sh.store, d.sh.data.term.ID
	text := d.sh.T(msgTgRetired, d.name(t))
	return toTab(tabReview, func() tea.Msg {
		if err := s.Delete(ctx, store.KindTarget, t.ID); err != nil {
			return targetsMsg{err: err}
		}
		return readTargets(ctx, s, termID, t.ID, text, &undoStep{tab: tabReview, what: text,
			back: func(ctx context.Context, s *store.Store) (tea.Msg, error) {
				_, err := s.RestoreTarget(ctx, t.ID)
				return tabMsg{tab: tabReview, msg: readTargets(ctx, s, termID, t.ID, "", nil)}, err
			}})
	})
}

// restore brings retired t back, checked as a new target would be; u retires it again.
func (d *targetDesk) restore(t store.Target) tea.Cmd {
	ctx, s, termID := d.sh.ctx, d.sh.store, d.sh.data.term.ID
	text := d.sh.T(msgTgRestored, d.name(t))
	return toTab(tabReview, func() tea.Msg {
		if _, err := s.RestoreTarget(ctx, t.ID); err != nil {
			return targetsMsg{err: err}
		}
		return readTargets(ctx, s, termID, t.ID, text, &undoStep{tab: tabReview, what: text,
			back: func(ctx context.Context, s *store.Store) (tea.Msg, error) {
				err := s.Delete(ctx, store.KindTarget, t.ID)
				return tabMsg{tab: tabReview, msg: readTargets(ctx, s, termID, t.ID, "", nil)}, err
			}})
	})
}

// targetForm edits target t, or adds one (t.ID ""): a new one says what it counts and for
// whom; a target's quota, period, group, making up and weight change either way.
func (d *targetDesk) targetForm(t store.Target) *form {
	sh, l := d.sh, d.sh.lang
	isNew := t.ID == ""
	f := newForm(sh, sh.titled(isNew, msgTgNew, msgTgEdit, report.TargetName(l, t)))
	f.text("title", msgTgName, t.Title, store.MaxName)
	if isNew {
		var scopes, counts []choice
		for _, sc := range []store.Scope{store.ScopeMentorPair, store.ScopeTeacher, store.ScopeSchoolPair} {
			scopes = append(scopes, choice{string(sc), l.ScopeName(sc)})
		}
		f.choose("scope", msgTgScope, scopes, string(t.Scope)).hint = msgChoiceKeys
		for _, m := range store.Measures() {
			counts = append(counts, choice{string(m), l.MeasureName(m)})
		}
		f.choose("counts", msgTgCounts, counts, string(t.Counts)).hint = msgChoiceKeys
		var kinds []choice
		for _, k := range d.kinds {
			kinds = append(kinds, choice{k.ID, l.KindName(k)})
		}
		f.choose("kind", msgTgKind, kinds, t.KindID).hidden = func() bool { return f.str("counts") != string(store.CountHandins) }
		types := []choice{{"", l.AnyType()}}
		for _, ty := range d.types {
			if ty.Active {
				types = append(types, choice{ty.ID, l.TypeName(ty)})
			}
		}
		f.choose("type", msgTgType, types, t.TypeID).hidden = func() bool { return f.str("counts") != string(store.CountActivities) }
		both := []choice{{"", l.T(msgTgBothNo)}, {"yes", l.T(msgTgBothYes)}}
		f.choose("both_schools", msgTgBoth, both, "").hidden = func() bool {
			return f.str("scope") != string(store.ScopeSchoolPair) || f.str("counts") != string(store.CountActivities)
		}
	}
	scope := func() store.Scope {
		if isNew {
			return store.Scope(f.str("scope"))
		}
		return t.Scope
	}
	applies := newChoiceField(sh, d.appliesChoices(t.Scope, t.AppliesTo), t.AppliesTo)
	if isNew {
		// Whom a target may apply to follows whose target it is.
		was := t.Scope
		f.changed = func() {
			if scope() != was {
				was = scope()
				applies.setChoices(d.appliesChoices(was, ""), false)
			}
		}
	}
	fl := f.add("applies_to", msgTgApplies, applies)
	fl.hint = msgChoiceKeys
	fl.hidden = func() bool {
		counts := t.Counts
		if isNew {
			counts = store.Measure(f.str("counts"))
		}
		// A pair's guidance and its observing the mentor are the pair's, not one teacher's.
		return scope() == store.ScopeSchoolPair ||
			scope() == store.ScopeMentorPair && (counts == store.CountGuidance || counts == store.CountObservesMentor)
	}
	number := func(name string, label i18n.Msg, n int) {
		in := f.text(name, label, strconv.Itoa(n), store.MaxName).in.(*lineField)
		in.replace = true // the first digit typed replaces the number shown
	}
	number("required", msgTgQuota, t.Required)
	var pers []choice
	for _, p := range []store.Per{store.PerTerm, store.PerYear, store.PerMonth, store.PerTwoWeeks} {
		pers = append(pers, choice{string(p), report.PerName(l, p)})
	}
	f.choose("per", msgTgPer, pers, string(t.Per)).hint = msgChoiceKeys
	makeUp := ""
	if t.MakeUp {
		makeUp = "yes"
	}
	f.choose("make_up", msgTgMakeUp, []choice{{"", l.T(msgTgNo)}, {"yes", l.T(msgTgYes)}}, makeUp).hint = msgChoiceKeys
	number("weight", msgTgWeight, t.Weight)
	f.ready()
	f.save = func() (tea.Cmd, error) {
		u := t
		u.Title = f.str("title")
		if u.Title != t.Title {
			u.Metric = "" // renamed, it is the school's own
		}
		if isNew {
			u.Scope, u.Counts = store.Scope(f.str("scope")), store.Measure(f.str("counts"))
			u.KindID, u.TypeID, u.BothSchools = "", "", false
			switch u.Counts {
			case store.CountHandins:
				u.KindID = f.str("kind")
			case store.CountActivities:
				u.TypeID = f.str("type")
				u.BothSchools = u.Scope == store.ScopeSchoolPair && f.str("both_schools") != ""
			}
		}
		if !fl.hidden() {
			u.AppliesTo = f.str("applies_to")
		} else if isNew {
			u.AppliesTo = ""
		}
		u.Per, u.MakeUp = store.Per(f.str("per")), f.str("make_up") != ""
		for _, n := range []struct {
			field string
			into  *int
		}{{"required", &u.Required}, {"weight", &u.Weight}} {
			v, err := strconv.Atoi(halfWidthDigits(f.str(n.field)))
			if err != nil {
				return nil, fieldError{field: n.field, text: l.T(msgTgNumber)}
			}
			*n.into = v
		}
		if err := u.Validate(); err != nil {
			return nil, err
		}
		return d.write(t, u), nil
	}
	return f
}

// halfWidthDigits turns the full-width digits and minus an input method may send into
// ASCII.
func halfWidthDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '－' {
			return '-'
		}
		return halfWidth(r)
	}, s)
}

// appliesChoices are whom a target of scope may apply to: for a mentor pair whose records
// count; for a teacher everybody, a role, or a 职称, 职务 or 荣誉 someone on the roster has
// (and keep, the target's own, though nobody has it now).
func (d *targetDesk) appliesChoices(scope store.Scope, keep string) []choice {
	l := d.sh.lang
	if scope == store.ScopeMentorPair {
		mentee := store.RoleMentee
		if keep == "" {
			mentee = ""
		}
		return []choice{{mentee, l.RecordsOf(mentee)}, {store.RoleMentor, l.RecordsOf(store.RoleMentor)}}
	}
	out := []choice{{"", l.EveryTeacher()}, {store.RoleMentor, l.RoleName(store.RoleMentor)}, {store.RoleMentee, l.RoleName(store.RoleMentee)}}
	groups := []string{}
	if keep != "" && keep != store.RoleMentor && keep != store.RoleMentee {
		groups = append(groups, keep)
	}
	for _, t := range d.sh.data.teachers {
		for _, g := range []string{t.Rank, t.Post, t.Honour} {
			if g != "" && !slices.Contains(groups, g) {
				groups = append(groups, g)
			}
		}
	}
	slices.Sort(groups)
	for _, g := range groups {
		out = append(out, choice{g, g})
	}
	return out
}
