package ui

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/store/review"
	"termbook/ui/i18n"
)

// The review screen's words.
var (
	msgReview     = i18n.Msg{Zh: "考核", En: "Review"}
	msgRvSections = [...]i18n.Msg{
		{Zh: "师徒结对", En: "Mentor pairs"},
		{Zh: "教师", En: "Teachers"},
		{Zh: "校际结对", En: "School pairs"},
		{Zh: "活动", En: "Activities"},
	}
	msgRvBehindN        = i18n.Msg{Zh: "（%d落后）", En: " (%d behind)"}
	msgRvByWorst        = i18n.Msg{Zh: "落后在前", En: "behind first"}
	msgRvByName         = i18n.Msg{Zh: "按姓名", En: "by name"}
	msgRvFilter         = i18n.Msg{Zh: "筛选“%s”", En: "filter \"%s\""}
	msgRvAskFilter      = i18n.Msg{Zh: "按姓名筛选：", En: "Filter by name:"}
	msgRvGrade          = i18n.Msg{Zh: "学期评定", En: "Term grade"}
	msgRvNoGrade        = i18n.Msg{Zh: "未评定", En: "not graded"}
	msgRvDue            = i18n.Msg{Zh: "应%d", En: "due %d"}
	msgRvChecked        = i18n.Msg{Zh: "考核项 %d/%d", En: "checklist %d/%d"}
	msgRvGiven          = i18n.Msg{Zh: "听课%d 被听%d", En: "observed %d, was %d"}
	msgRvLegend         = i18n.Msg{Zh: "%s已完成 %s截至今日应完成而未完成 %s其余   %s达标 %s进度正常 %s进度落后 %s未达标", En: "%s done %s due by today, not done %s rest   %s met %s on track %s behind %s not met"}
	msgRvEmpty          = i18n.Msg{Zh: "这里没有可考核的对象。", En: "Nothing to review here."}
	msgRvNoMatch        = i18n.Msg{Zh: "没有与“%s”匹配的对象（esc 清除筛选）。", En: "Nothing matches \"%s\" (esc clears the filter)."}
	msgRvMonths         = i18n.Msg{Zh: "各月活动：计划与完成", En: "Activities per month: planned and done"}
	msgRvTypes          = i18n.Msg{Zh: "各类活动：计划与完成", En: "Activities per type: planned and done"}
	msgRvActNums        = i18n.Msg{Zh: "完成 %d/%d", En: "done %d/%d"}
	msgRvActOver        = i18n.Msg{Zh: "逾期%d", En: "overdue %d"}
	msgRvActCancel      = i18n.Msg{Zh: "取消%d", En: "cancelled %d"}
	msgRvFromHandin     = i18n.Msg{Zh: "材料情况来自材料台账：交了就登记一条（termbook handin add），查阅后填上查阅人。", En: "Materials come from the hand-ins: record each one (termbook handin add) and fill in who checked it."}
	msgRvSuggested      = i18n.Msg{Zh: "建议%s（%d分）", En: "suggested %s (%d points)"}
	msgRvSuggestedShort = i18n.Msg{Zh: "建议%s", En: "suggested %s"}
	msgRvGivenBy        = i18n.Msg{Zh: "%s（人工评定）", En: "%s (given)"}
	msgRvGradeSet       = i18n.Msg{Zh: "%s：学期评定 %s", En: "%s: term grade %s"}
	msgRvNotHere        = i18n.Msg{Zh: "这一行不能修改：空格改的是学期评定。", En: "Nothing to change on this line: space changes the term grade."}
	msgRvNoRecords      = i18n.Msg{Zh: "没有记录。", En: "No records."}
	msgRvDrillHead      = i18n.Msg{Zh: "%s · %s：%d 条（只读，esc 返回）", En: "%s · %s: %d (read-only, esc goes back)"}
	msgRvObsRow         = i18n.Msg{Zh: "执教 %s  听课 %s", En: "taught %s, observed by %s"}
	msgRvNoDrill        = i18n.Msg{Zh: "回车在指标、材料、月份或活动类型上查看明细。", En: "Enter on a target, a material, a month or a type shows its records."}
	msgRvPeriods        = i18n.Msg{Zh: "各期", En: "periods"}
	msgRvPairName       = i18n.Msg{Zh: "%s%s%s", En: "%s%s%s"}
)

// Sections of the review.
const (
	secPairs = iota
	secTeachers
	secSchools
	secActivities
)

// rvOwner is one mentor pair, teacher or school pair under review, with what its rows show.
type rvOwner struct {
	scope     store.Scope
	id        string
	name      string
	detail    string // the subject, or the school
	sortKey   string // pinyin, for sorting by name
	status    review.Status
	results   []review.Result
	checklist []review.Evidence // nil for a school pair
	grade     store.TermGradeValue
	scoring   review.Grade
	given     int // a teacher's observations made and received
	received  int
	people    []store.Teacher  // for the name filter
	pair      store.MentorPair // a mentor pair's, for its records
	schools   [2]string        // a school pair's schools
	teacherID string           // a teacher's id
}

// rvRowKind is what one line of an owner's block shows.
type rvRowKind int

const (
	rowOwner rvRowKind = iota
	rowTarget
	rowItem
	rowGrade
)

// rvEdit is one grade change, kept for undo.
type rvEdit struct {
	scope store.Scope
	id    string
	name  string
	grade store.TermGradeValue // "" means no grade
}

// reviewScreen is the term-end review: every mentor pair, teacher and school pair with its
// targets against actuals, checklist and grade; and the activities per month and type.
type reviewScreen struct {
	sh     *shared
	rev    *review.Review
	err    error
	owners [3][]rvOwner // per section, in the review's worst-first order

	sec    int
	byName bool
	filter string
	shown  [3][]int // indexes into owners, sorted and filtered
	cur    [4]int   // the cursor: the owner's place in shown (or the activity row)
	sub    [3]int   // the line within the owner's block (0: the owner's own line)
	top    [4]int   // the first visible row

	drill *drillList
	g     rvGlyphs

	// Over the review: a teacher's hand-ins (m, M), the rules (t) or the report (r).
	handins *handinDesk
	targets *targetDesk
	form    *form // the report
}

func newReview(sh *shared) screen { return &reviewScreen{sh: sh, g: newRvGlyphs(sh.st.disp.ascii)} }

func (r *reviewScreen) title() i18n.Msg { return msgReview }

// capturing holds while something is shown over the review: its keys are its own.
func (r *reviewScreen) capturing() bool { return r.form != nil || r.handins != nil || r.targets != nil }

func (r *reviewScreen) shownForm() *form {
	if r.form != nil {
		return r.form
	}
	return r.handins.shownForm()
}

// pairs are the term's mentor pairs, as the review has them (none before it is counted).
func (r *reviewScreen) pairs() []store.MentorPair {
	var pairs []store.MentorPair
	if r.rev != nil {
		for _, p := range r.rev.Pairs {
			pairs = append(pairs, p.Pair)
		}
	}
	return pairs
}

// restore reopens the report's form, or a hand-in's, from its draft.
func (r *reviewScreen) restore(d store.Draft, fd formDraft) tea.Cmd {
	if d.Form != draftHandin {
		return openReport(r.sh, &d, fd)
	}
	var cmd tea.Cmd
	r.handins, cmd = openHandinDesk(r.sh, tabReview, []string{fd.Values["teacher"]}, "", r.pairs(), true, func() { r.handins = nil })
	if r.handins != nil {
		r.handins.draft, r.handins.fd = &d, fd
	}
	return cmd
}

func (r *reviewScreen) shortHelp() []key.Binding {
	k := r.sh.keys
	switch {
	case r.form != nil:
		return r.form.shortHelp()
	case r.handins != nil:
		return r.handins.shortHelp()
	case r.targets != nil:
		return r.targets.list.shortHelp()
	case r.drill != nil:
		return []key.Binding{k.upDown, k.Back}
	}
	return []key.Binding{k.sections, k.Handin, k.Targets, k.Report, k.grade}
}

func (r *reviewScreen) fullHelp() [][]key.Binding {
	k := r.sh.keys
	// Two columns: the sections' names are long in English.
	return [][]key.Binding{
		{k.Section, k.Up, k.Down, k.First, k.Last, k.Handin, k.Handins, k.Check},
		{k.Cycle, k.Undo, k.Detail, k.Back, k.Filter, k.Sort, k.Export, k.Targets, k.More, k.Less, k.Report, k.WriteReport},
	}
}

// rvLoadedMsg carries a computed review.
type rvLoadedMsg struct {
	rev review.Review
	err error
}

// rvEditedMsg reports a checklist or grade change written, with the step that takes it back
// (nil for a change that is itself an undo).
type rvEditedMsg struct {
	edit   rvEdit
	undo   *undoStep
	status string
	err    error
}

func (r *reviewScreen) compute() tea.Cmd {
	return r.sh.readTerm(tabReview, func(ctx context.Context, s *store.Store, t store.Term, today store.Date) tea.Msg {
		rev, err := review.Compute(ctx, s, t, today)
		return rvLoadedMsg{rev: printable(rev), err: err}
	})
}

func (r *reviewScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case loadedMsg:
		if r.sh.tab != tabReview {
			return nil // computed when shown; at start it would only delay the first screen
		}
		return r.compute()
	case shownMsg:
		// Every screen's writes count (observations, guidance, activities): the review is
		// taken afresh each time it is shown, in one read of counts only.
		return r.compute()
	case rvLoadedMsg:
		r.err = msg.err
		if msg.err == nil {
			r.setReview(msg.rev)
		}
		return nil
	case rvEditedMsg:
		if msg.err != nil {
			return status(r.sh.lang.Error(msg.err), true)
		}
		r.apply(msg.edit)
		if msg.undo == nil {
			return nil // an undo: the program says so
		}
		r.sh.pushUndo(*msg.undo)
		return status(msg.status, false)
	case drillMsg:
		if r.drill != nil && msg.drill == r.drill {
			r.drill.rows, r.drill.err, r.drill.loading = msg.rows, msg.err, false
		}
		return nil
	case answerMsg:
		return r.answer(msg)
	case typingMsg:
		if msg.kind == askReviewFilter {
			r.filter = strings.TrimSpace(msg.text)
			r.reshow()
		}
		return nil
	case handinsMsg:
		return handinsRead(r.handins, msg, r.compute)
	case targetsMsg:
		if r.targets == nil {
			return r.compute() // a change taken back after the rules were left
		}
		return r.targets.loaded(msg)
	case reportMsg:
		return r.reportRead(msg)
	case tea.PasteMsg:
		return r.over(msg)
	case tea.KeyPressMsg:
		if r.capturing() {
			return r.over(msg)
		}
		if r.drill != nil {
			if key.Matches(msg, r.sh.keys.Back) {
				r.drill = nil
				return nil
			}
			r.drill.key(r.sh.keys, msg)
			return nil
		}
		return r.key(msg)
	}
	return nil
}

// setReview takes a new review, keeping the cursor on the same owner and line.
func (r *reviewScreen) setReview(rev review.Review) {
	keep := [3]string{}
	for sec := range 3 {
		if o, ok := r.owner(sec); ok {
			keep[sec] = o.id
		}
	}
	r.rev = &rev
	l, st := r.sh.lang, r.sh.st
	r.owners = [3][]rvOwner{}
	for _, p := range rev.Pairs {
		r.owners[secPairs] = append(r.owners[secPairs], rvOwner{scope: store.ScopeMentorPair, id: p.Pair.ID,
			name: l.T(msgRvPairName, p.Mentor.Name, st.g.arrow, p.Mentee.Name), detail: p.Pair.Subject,
			sortKey: p.Mentor.Pinyin + " " + p.Mentee.Pinyin, status: p.Status, results: p.Results,
			checklist: p.Checklist, grade: p.Grade, scoring: p.Scoring, people: []store.Teacher{p.Mentor, p.Mentee}, pair: p.Pair})
	}
	for _, t := range rev.Teachers {
		r.owners[secTeachers] = append(r.owners[secTeachers], rvOwner{scope: store.ScopeTeacher, id: t.Teacher.ID,
			name: t.Teacher.Name, detail: t.School.Label(), sortKey: t.Teacher.Pinyin, status: t.Status, results: t.Results,
			checklist: t.Checklist, grade: t.Grade, scoring: t.Scoring, given: t.Given, received: t.Received,
			people: []store.Teacher{t.Teacher}, teacherID: t.Teacher.ID})
	}
	for _, sp := range rev.SchoolPairs {
		name := l.T(msgRvPairName, sp.Supporting.Label(), st.g.arrow, sp.Supported.Label())
		r.owners[secSchools] = append(r.owners[secSchools], rvOwner{scope: store.ScopeSchoolPair, id: sp.Pair.ID,
			name: name, sortKey: name, status: sp.Status, results: sp.Results, grade: sp.Grade, scoring: sp.Scoring,
			schools: [2]string{sp.Pair.SupportingID, sp.Pair.SupportedID}})
	}
	r.reshow()
	for sec := range 3 {
		for i, oi := range r.shown[sec] {
			if r.owners[sec][oi].id == keep[sec] {
				r.cur[sec] = i
			}
		}
		r.clamp(sec)
	}
	r.cur[secActivities] = min(r.cur[secActivities], max(0, len(r.activityRows())-1))
}

// reshow sorts and filters the owners of every section.
func (r *reviewScreen) reshow() {
	q := strings.ToLower(r.filter)
	for sec := range 3 {
		var ids []int
		for i, o := range r.owners[sec] {
			if q == "" || strings.Contains(strings.ToLower(o.name+" "+o.detail), q) ||
				slices.ContainsFunc(o.people, func(t store.Teacher) bool { return t.Match(q) != store.NoMatch }) {
				ids = append(ids, i)
			}
		}
		if r.byName {
			slices.SortStableFunc(ids, func(a, b int) int {
				return cmp.Compare(r.owners[sec][a].sortKey, r.owners[sec][b].sortKey)
			})
		}
		r.shown[sec] = ids
		r.clamp(sec)
	}
}

func (r *reviewScreen) clamp(sec int) {
	n := len(r.shown[sec])
	r.cur[sec] = max(0, min(r.cur[sec], n-1))
	if o, ok := r.owner(sec); ok {
		r.sub[sec] = min(r.sub[sec], r.blockLen(o)-1)
	} else {
		r.sub[sec] = 0
	}
}

// owner is the owner under the cursor in section sec.
func (r *reviewScreen) owner(sec int) (*rvOwner, bool) {
	if sec >= secActivities || r.cur[sec] >= len(r.shown[sec]) {
		return nil, false
	}
	return &r.owners[sec][r.shown[sec][r.cur[sec]]], true
}

// blockLen is the number of lines of an owner's open block: its own line, its targets, its
// checklist and its grade.
func (r *reviewScreen) blockLen(o *rvOwner) int {
	return 1 + len(o.results) + len(o.checklist) + 1
}

// line says what line i of an owner's block shows, and which target or item.
func (r *reviewScreen) line(o *rvOwner, i int) (rvRowKind, int) {
	switch {
	case i == 0:
		return rowOwner, 0
	case i <= len(o.results):
		return rowTarget, i - 1
	case i <= len(o.results)+len(o.checklist):
		return rowItem, i - 1 - len(o.results)
	}
	return rowGrade, 0
}

func (r *reviewScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := r.sh.keys
	switch {
	case key.Matches(msg, k.Section):
		step := 1
		if key.Matches(msg, k.Left) {
			step = 3
		}
		r.sec = (r.sec + step) % 4
	case key.Matches(msg, k.Down):
		r.move(1)
	case key.Matches(msg, k.Up):
		r.move(-1)
	case key.Matches(msg, k.First):
		r.cur[r.sec] = 0
		if r.sec < secActivities {
			r.sub[r.sec] = 0
		}
	case key.Matches(msg, k.Last):
		if r.sec == secActivities {
			r.cur[r.sec] = max(0, len(r.activityRows())-1)
		} else {
			r.cur[r.sec] = max(0, len(r.shown[r.sec])-1)
			r.sub[r.sec] = 0
		}
	case key.Matches(msg, k.Cycle):
		return r.cycle()
	case key.Matches(msg, k.Undo):
		return r.sh.takeBack(tabReview)
	case key.Matches(msg, k.Detail):
		return r.openDrill()
	case key.Matches(msg, k.Filter):
		return r.sh.ask(askReviewFilter, r.sh.T(msgRvAskFilter), r.filter, true)
	case key.Matches(msg, k.Back):
		if r.filter != "" {
			r.filter = ""
			r.reshow()
		}
	case key.Matches(msg, k.Sort):
		r.byName = !r.byName
		r.reshow()
	case key.Matches(msg, k.Export):
		if r.rev == nil {
			return nil
		}
		return r.sh.ask(askReviewExport, r.sh.T(msgRvAskExport), defaultExportPath(r.sh), false)
	case key.Matches(msg, k.Handin), key.Matches(msg, k.Handins):
		return r.openHandins(key.Matches(msg, k.Handin))
	case key.Matches(msg, k.Targets):
		if r.sh.data == nil {
			return status(r.sh.T(msgTgNoTerm), true)
		}
		r.targets = newTargetDesk(r.sh, func() { r.targets = nil })
		return openTargets(r.sh)
	case key.Matches(msg, k.Report), key.Matches(msg, k.WriteReport):
		switch {
		case r.sh.data == nil:
			return status(r.sh.T(msgTgNoTerm), true)
		case key.Matches(msg, k.WriteReport):
			return askReportPath(r.sh)
		}
		return openReport(r.sh, nil, formDraft{})
	}
	return nil
}

// over hands a key or a paste to what is shown over the review; leaving the rules counts
// the review again.
func (r *reviewScreen) over(msg tea.Msg) tea.Cmd {
	switch {
	case r.form != nil:
		return r.form.update(msg)
	case r.handins != nil:
		return r.handins.update(msg)
	case r.targets != nil:
		cmd := r.targets.list.update(msg)
		if r.targets == nil {
			return tea.Batch(cmd, r.compute())
		}
		return cmd
	}
	return nil
}

// handinOwner is whose hand-ins the line under the cursor means, that teacher first: a
// pair's mentee, or its mentor on a line of the mentor's (a target counting the mentor's
// records, the mentor's checklist item); and the kind it is about, if any.
func (r *reviewScreen) handinOwner() (who []string, kind string) {
	o, ok := r.owner(r.sec)
	if !ok || o.scope == store.ScopeSchoolPair {
		return nil, ""
	}
	if o.scope == store.ScopeTeacher {
		who = []string{o.teacherID}
	} else {
		who = []string{o.pair.MenteeID, o.pair.MentorID}
	}
	line, j := r.line(o, r.sub[r.sec])
	switch line {
	case rowTarget:
		tg := o.results[j].Target
		if tg.Counts == store.CountHandins {
			kind = tg.KindID
		}
		if o.scope == store.ScopeMentorPair && tg.AppliesTo == store.RoleMentor {
			who[0], who[1] = who[1], who[0]
		}
	case rowItem:
		e := o.checklist[j]
		kind = e.Kind.ID
		if o.scope == store.ScopeMentorPair && e.TeacherID == o.pair.MentorID {
			who[0], who[1] = who[1], who[0]
		}
	}
	return who, kind
}

// openHandins reads what the hand-ins desk of the line's teacher needs: the form for a new
// one (formOnly, m) or the register (M).
func (r *reviewScreen) openHandins(formOnly bool) tea.Cmd {
	who, kind := r.handinOwner()
	if len(who) == 0 || r.sh.data == nil {
		return status(r.sh.T(msgHandinNoOwner), true)
	}
	var cmd tea.Cmd
	r.handins, cmd = openHandinDesk(r.sh, tabReview, who, kind, r.pairs(), formOnly, func() { r.handins = nil })
	return cmd
}

// reportRead opens the report's form on the report read, or settles a save.
func (r *reviewScreen) reportRead(msg reportMsg) tea.Cmd {
	switch {
	case msg.saved || msg.err != nil && r.form != nil:
		if r.form == nil || !r.form.settled(msg.err) {
			return nil
		}
		r.sh.pushUndo(*msg.undo)
		return status(r.sh.T(msgRepSaved), false)
	case msg.err != nil:
		return status(r.sh.lang.Error(msg.err), true)
	}
	r.form = reportForm(r.sh, msg.rep)
	r.form.onClose = func() { r.form = nil }
	if msg.draft != nil {
		r.form.restore(*msg.draft, msg.fd)
	}
	return nil
}

// move moves the cursor one line: through the open owner's block, then on to the next owner
// (whose block opens) or back to the previous one's last line.
func (r *reviewScreen) move(step int) {
	sec := r.sec
	if sec == secActivities {
		r.cur[sec] = max(0, min(len(r.activityRows())-1, r.cur[sec]+step))
		return
	}
	o, ok := r.owner(sec)
	if !ok {
		return
	}
	switch {
	case step > 0 && r.sub[sec] < r.blockLen(o)-1:
		r.sub[sec]++
	case step > 0 && r.cur[sec] < len(r.shown[sec])-1:
		r.cur[sec]++
		r.sub[sec] = 0
	case step < 0 && r.sub[sec] > 0:
		r.sub[sec]--
	case step < 0 && r.cur[sec] > 0:
		r.cur[sec]--
		prev, _ := r.owner(sec)
		r.sub[sec] = r.blockLen(prev) - 1
	}
}

func (r *reviewScreen) answer(msg answerMsg) tea.Cmd {
	switch msg.kind {
	case askReviewFilter:
		if msg.cancelled {
			r.filter = ""
		} else {
			r.filter = strings.TrimSpace(msg.text)
		}
		r.reshow()
	case askReviewExport:
		path := strings.TrimSpace(msg.text)
		if msg.cancelled || path == "" || r.rev == nil {
			return nil
		}
		return exportReview(r.sh, *r.rev, path)
	case askReportFile:
		if path := strings.TrimSpace(msg.text); !msg.cancelled && path != "" {
			return writeReport(r.sh, path)
		}
	}
	return nil
}

// cycle moves the term grade under the cursor on to its next value. A checklist item is what
// the hand-ins say, so it is not changed here.
func (r *reviewScreen) cycle() tea.Cmd {
	o, ok := r.owner(r.sec)
	if !ok {
		return status(r.sh.T(msgRvNotHere), true)
	}
	kind, _ := r.line(o, r.sub[r.sec])
	before := rvEdit{scope: o.scope, id: o.id, name: o.name}
	switch kind {
	case rowItem:
		return status(r.sh.T(msgRvFromHandin), false)
	case rowGrade:
		before.grade = o.grade
		after := before
		after.grade = nextGrade(o.grade)
		return r.change(after, before)
	}
	return status(r.sh.T(msgRvNotHere), true)
}

// nextGrade goes 优秀 → 良好 → 合格 → 不合格 → 优秀; an owner without a grade starts at 优秀.
func nextGrade(g store.TermGradeValue) store.TermGradeValue {
	order := []store.TermGradeValue{store.Excellent, store.Good, store.Pass, store.Fail}
	i := slices.Index(order, g)
	return order[(i+1)%len(order)]
}

// change saves one checklist item or grade (one store call, one transaction) with the step
// that puts back before.
func (r *reviewScreen) change(e, before rvEdit) tea.Cmd {
	ctx, s, l, termID := r.sh.ctx, r.sh.store, r.sh.lang, r.rev.Term.ID
	return toTab(tabReview, func() tea.Msg {
		text, err := writeEdit(ctx, s, l, termID, e)
		if err != nil {
			return rvEditedMsg{err: err}
		}
		return rvEditedMsg{edit: e, status: text, undo: &undoStep{tab: tabReview, what: text,
			back: func(ctx context.Context, s *store.Store) (tea.Msg, error) {
				if _, err := writeEdit(ctx, s, l, termID, before); err != nil {
					return nil, err
				}
				return tabMsg{tab: tabReview, msg: rvEditedMsg{edit: before}}, nil
			}}}
	})
}

// writeEdit writes a grade, or the taking back of a grade, and says what it did.
func writeEdit(ctx context.Context, s *store.Store, l i18n.Lang, termID string, e rvEdit) (string, error) {
	switch {
	case e.grade != "":
		_, err := s.SetTermGrade(ctx, store.TermGrade{TermID: termID, OwnerKind: e.scope, OwnerID: e.id, Grade: e.grade})
		return l.T(msgRvGradeSet, e.name, l.TermGrade(e.grade)), err
	}
	return l.T(msgRvGradeSet, e.name, l.T(msgRvNoGrade)), s.DeleteTermGrade(ctx, termID, e.scope, e.id)
}

// apply shows a saved change without reading the review again (a grade does not change any
// count).
func (r *reviewScreen) apply(e rvEdit) {
	for sec := range 3 {
		for i := range r.owners[sec] {
			o := &r.owners[sec][i]
			if o.scope != e.scope || o.id != e.id {
				continue
			}
			o.grade, o.scoring.Given = e.grade, e.grade
		}
	}
}

// rvActRow is one line of the activities section: a heading, a month or a type.
type rvActRow struct {
	head  i18n.Msg
	tally *review.ActivityTally
	month bool
}

func (r *reviewScreen) activityRows() []rvActRow {
	if r.rev == nil {
		return nil
	}
	rows := []rvActRow{{head: msgRvMonths}}
	for i := range r.rev.ByMonth {
		rows = append(rows, rvActRow{tally: &r.rev.ByMonth[i], month: true})
	}
	rows = append(rows, rvActRow{head: msgRvTypes})
	for i := range r.rev.ByType {
		rows = append(rows, rvActRow{tally: &r.rev.ByType[i]})
	}
	return rows
}
