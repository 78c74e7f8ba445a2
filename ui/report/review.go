package report

import (
	"fmt"

	"termbook/store"
	"termbook/store/review"
	"termbook/ui/i18n"
)

// StatusWord names a review status: 达标, 进度正常, 进度落后, 未达标.
func StatusWord(l i18n.Lang, s review.Status) string { return l.T(msgReviewStatus[s]) }

// MetricName names a built-in default target's metric: 徒弟听课, 读书笔记 …
func MetricName(l i18n.Lang, m store.Metric) string {
	if msg, ok := msgMetric[m]; ok {
		return l.T(msg)
	}
	return string(m)
}

// TargetName names a target: a built-in default by its metric (in the user's language), a
// school's own by its title.
func TargetName(l i18n.Lang, t store.Target) string {
	if _, ok := msgMetric[t.Metric]; ok && t.Metric != "" {
		return MetricName(l, t.Metric)
	}
	return t.Title
}

// PerName says a target's period: 每学期, 每学年, 每月, 每两周.
func PerName(l i18n.Lang, p store.Per) string { return l.T(msgPer[p]) }

// resultCell is one target in a row: "3/8", "2/8 进度落后，应3", "4/10 未达标", "3/3 达标".
func resultCell(l i18n.Lang, r review.Result) string {
	if note := ResultNote(l, r); note != "" {
		return ResultCount(r) + " " + note
	}
	return ResultCount(r)
}

// ResultCount is a target's "actual/required": "3/5" is 3 of 5 — items for a term or year
// quota, periods for a monthly or two-weekly one.
func ResultCount(r review.Result) string { return fmt.Sprintf("%d/%d", r.Actual, r.Required) }

// ResultNote says how a target stands beside its count: "进度落后，应3", "未达标", "达标", ""
// while it is on track, and how many periods were made up: "达标，补1", "补1".
func ResultNote(l i18n.Lang, r review.Result) string {
	var note string
	switch r.Status {
	case review.Behind:
		note = l.T(msgBehindCell, r.Expected)
	case review.OnTrack:
	default:
		note = StatusWord(l, r.Status)
	}
	if r.MadeUp > 0 {
		if note != "" {
			note += l.T(msgNoteSep)
		}
		note += l.T(msgMadeUpCell, r.MadeUp)
	}
	return note
}

// ResultHeader names a target in a heading: its name, with its period when it is not the
// term.
func ResultHeader(l i18n.Lang, r review.Result) string { return TargetHeader(l, r.Target) }

// TargetHeader names a target in a heading: its name, with its period when it is not the
// term.
func TargetHeader(l i18n.Lang, t store.Target) string {
	h := TargetName(l, t)
	if t.Per != store.PerTerm {
		h += l.T(msgPerShort[t.Per])
	}
	return h
}

// ReviewTitle is the review's heading: the term, the day and how much of the term has passed.
func ReviewTitle(l i18n.Lang, r review.Review) string {
	week := r.Term.ClampWeek(r.Today)
	return l.T(msgReviewTitle, r.Term.Name, r.Today.String(), l.Week(week), int(r.Elapsed*100+0.5))
}

// rule is one column of targets in a review table: the targets of one title, of which each
// owner has at most one.
type rule struct {
	title  string
	header string
}

// rulesOf lists the rules of a scope's targets in the targets' order.
func rulesOf(l i18n.Lang, targets []store.Target, scope store.Scope) []rule {
	var rules []rule
	seen := map[string]bool{}
	for _, t := range targets {
		if t.Scope != scope || seen[t.Title] {
			continue
		}
		seen[t.Title] = true
		rules = append(rules, rule{title: t.Title, header: TargetHeader(l, t)})
	}
	return rules
}

// ruleCells are an owner's results under the rules' columns; a rule that does not apply to
// the owner has an empty cell.
func ruleCells(l i18n.Lang, rules []rule, results []review.Result) []any {
	cells := make([]any, len(rules))
	for i, ru := range rules {
		cells[i] = ""
		for _, x := range results {
			if x.Target.Title == ru.title {
				cells[i] = resultCell(l, x)
			}
		}
	}
	return cells
}

// weighted reports whether any target of the scope has a weight: then the tables show scores.
func weighted(targets []store.Target, scope store.Scope) bool {
	for _, t := range targets {
		if t.Scope == scope && t.Weight > 0 {
			return true
		}
	}
	return false
}

// ObservationHeaders are the columns of a teacher's observations made and received.
func ObservationHeaders(l i18n.Lang) (given, received string) {
	return l.T(msgColGiven), l.T(msgColReceived)
}

// GradeHeaders are the columns of an owner's score and grades.
func GradeHeaders(l i18n.Lang) []string {
	return []string{l.T(msgColScore), l.T(msgColSuggested), l.T(msgColGrade)}
}

// GradeCells are an owner's score, suggested grade and the grade a person gave, each "" when
// there is none.
func GradeCells(l i18n.Lang, g review.Grade) []any {
	cells := []any{"", "", ""}
	if g.Scored {
		cells[0], cells[1] = g.Score, l.TermGrade(g.Suggested)
	}
	if g.Given != "" {
		cells[2] = l.TermGrade(g.Given)
	}
	return cells
}

// ReviewTables lays the review out as tables: mentor pairs, teachers and school pairs (each
// worst first, as the review sorts them) with their scores and grades when the targets have
// weights, the teachers' term-end materials, and activities per month and per type.
func ReviewTables(l i18n.Lang, r review.Review) []Table {
	var tables []Table
	owners := func(scope store.Scope, name, title string, head []string, extra []string) (Table, []rule, bool) {
		rules := rulesOf(l, r.Targets, scope)
		t := Table{Name: name, Title: title, Header: head}
		for _, ru := range rules {
			t.Header = append(t.Header, ru.header)
		}
		t.Header = append(t.Header, extra...)
		w := weighted(r.Targets, scope)
		if w {
			t.Header = append(t.Header, GradeHeaders(l)...)
		}
		return t, rules, w
	}

	pairs, rules, w := owners(store.ScopeMentorPair, l.T(msgSheetPairs), l.T(msgTitlePairs),
		[]string{l.T(msgColMentor), l.T(msgColMentee), l.T(msgColSubject), l.T(msgColStatus)}, nil)
	for _, p := range r.Pairs {
		row := append([]any{p.Mentor.Name, p.Mentee.Name, p.Pair.Subject, StatusWord(l, p.Status)}, ruleCells(l, rules, p.Results)...)
		if w {
			row = append(row, GradeCells(l, p.Scoring)...)
		}
		pairs.Rows = append(pairs.Rows, row)
	}
	tables = append(tables, pairs)

	teachers, rules, w := owners(store.ScopeTeacher, l.T(msgSheetTeachers), l.T(msgTitleTeachers),
		[]string{l.T(msgColName), l.T(msgColSchool), l.T(msgColStatus)}, []string{l.T(msgColGiven), l.T(msgColReceived)})
	for _, t := range r.Teachers {
		row := append([]any{t.Teacher.Name, t.School.Label(), StatusWord(l, t.Status)}, ruleCells(l, rules, t.Results)...)
		row = append(row, t.Given, t.Received)
		if w {
			row = append(row, GradeCells(l, t.Scoring)...)
		}
		teachers.Rows = append(teachers.Rows, row)
	}
	tables = append(tables, teachers)

	schools, rules, w := owners(store.ScopeSchoolPair, l.T(msgSheetSchoolPairs), l.T(msgTitleSchoolPairs),
		[]string{l.T(msgColSupporting), l.T(msgColSupported), l.T(msgColStatus)}, nil)
	for _, sp := range r.SchoolPairs {
		row := append([]any{sp.Supporting.Label(), sp.Supported.Label(), StatusWord(l, sp.Status)}, ruleCells(l, rules, sp.Results)...)
		if w {
			row = append(row, GradeCells(l, sp.Scoring)...)
		}
		schools.Rows = append(schools.Rows, row)
	}
	tables = append(tables, schools, ChecklistTable(l, r))

	activityHeader := func(first string) []string {
		return []string{first, l.T(msgColPlanned), l.T(msgColDone), l.T(msgColOverdue), l.T(msgColCancelled), l.T(msgColRate)}
	}
	activityRow := func(label string, a review.ActivityTally) []any {
		return []any{label, a.Planned, a.Done, a.Overdue, a.Cancelled, rate(a.Done, a.Planned)}
	}
	months := Table{Name: l.T(msgSheetMonths), Title: l.T(msgTitleMonths), Header: activityHeader(l.T(msgColMonth))}
	for _, m := range r.ByMonth {
		months.Rows = append(months.Rows, activityRow(l.MonthYear(m.Month), m))
	}
	types := Table{Name: l.T(msgSheetTypes), Title: l.T(msgTitleTypes), Header: activityHeader(l.T(msgColType))}
	for _, t := range r.ByType {
		types.Rows = append(types.Rows, activityRow(l.TypeName(t.Type), t))
	}
	return append(tables, months, types)
}

// rate is done out of planned as a whole percentage, "" when nothing is planned.
func rate(done, planned int) string {
	if planned <= 0 {
		return ""
	}
	return fmt.Sprintf("%d%%", (done*100+planned/2)/planned)
}

// EvidenceCell says how one checklist item stands: 未交, 已查 3, 已交 2（已查 1）.
func EvidenceCell(l i18n.Lang, e review.Evidence) string {
	switch e.State {
	case store.Missing:
		return l.Evidence(store.Missing)
	case store.Checked:
		return l.T(msgEvidenceN, l.Evidence(store.Checked), e.Checked)
	}
	return l.T(msgEvidencePart, e.HandedIn, e.Checked)
}

// TeacherLabel is a teacher's name with their part in the term's mentor pairs: 李春燕（徒弟）.
func TeacherLabel(l i18n.Lang, t review.TeacherReview) string {
	switch {
	case t.Mentor:
		return l.T(msgRoleMentor, t.Teacher.Name)
	case t.Mentee:
		return l.T(msgRoleMentee, t.Teacher.Name)
	}
	return t.Teacher.Name
}

// ChecklistTable is every teacher's term-end materials, read from the hand-ins: a column per
// kind on a checklist (a mentor's, a mentee's, everyone's), empty where the kind is not on
// the teacher's checklist.
func ChecklistTable(l i18n.Lang, r review.Review) Table {
	t := Table{Name: l.T(msgSheetChecklist), Title: l.T(msgTitleChecklist), Header: []string{l.T(msgColTeacherRole)}}
	var kinds []store.HandinKind
	for _, k := range r.Kinds {
		if k.Checklist != store.ChecklistNone {
			kinds = append(kinds, k)
			t.Header = append(t.Header, l.KindName(k))
		}
	}
	for _, tr := range r.Teachers {
		row := []any{TeacherLabel(l, tr)}
		for _, k := range kinds {
			cell := ""
			for _, e := range tr.Checklist {
				if e.Kind.ID == k.ID {
					cell = EvidenceCell(l, e)
				}
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// ReviewFlat is the review as one long table, a row per owner and target with every number,
// for CSV and for sorting and filtering in a spreadsheet.
func ReviewFlat(l i18n.Lang, r review.Review) Table {
	t := Table{Name: l.T(msgSheetReview), Header: []string{l.T(msgColScope), l.T(msgColOwner), l.T(msgColTarget),
		l.T(msgColPer), l.T(msgColActual), l.T(msgColRequired), l.T(msgColExpected), l.T(msgColCount), l.T(msgColMadeUp), l.T(msgColStatus)}}
	add := func(scope, owner string, results []review.Result) {
		for _, x := range results {
			t.Rows = append(t.Rows, []any{scope, owner, TargetName(l, x.Target), PerName(l, x.Target.Per),
				x.Actual, x.Required, x.Expected, x.Count, x.MadeUp, StatusWord(l, x.Status)})
		}
	}
	for _, p := range r.Pairs {
		add(l.T(msgScopePair), p.Mentor.Name+"→"+p.Mentee.Name, p.Results)
	}
	for _, x := range r.Teachers {
		add(l.T(msgScopeTeacher), x.Teacher.Name, x.Results)
	}
	for _, sp := range r.SchoolPairs {
		add(l.T(msgScopeSchoolPair), sp.Supporting.Label()+"—"+sp.Supported.Label(), sp.Results)
	}
	return t
}
