package report

import (
	"fmt"

	"termbook/store"
	"termbook/store/review"
	"termbook/ui/i18n"
)

// StatusWord names a review status: 达标, 正常, 落后, 逾期.
func StatusWord(l i18n.Lang, s review.Status) string { return l.T(msgReviewStatus[s]) }

// MetricName names a target's metric: 徒弟听课, 读书笔记 …
func MetricName(l i18n.Lang, m store.Metric) string {
	if msg, ok := msgMetric[m]; ok {
		return l.T(msg)
	}
	return string(m)
}

// PerName says a target's period: 每学期, 每月, 每两周.
func PerName(l i18n.Lang, p store.Per) string { return l.T(msgPer[p]) }

// resultCell is one target in a row: "3/8", "2/8 落后，应3", "4/10 逾期", "3/3 达标".
func resultCell(l i18n.Lang, r review.Result) string {
	if note := ResultNote(l, r); note != "" {
		return ResultCount(r) + " " + note
	}
	return ResultCount(r)
}

// ResultCount is a target's "actual/required": "3/5" is 3 of 5 — items for a term quota,
// periods for a monthly or two-weekly one.
func ResultCount(r review.Result) string { return fmt.Sprintf("%d/%d", r.Actual, r.Required) }

// ResultNote says how a target stands beside its count: "落后，应3", "逾期", "达标", or ""
// while it is on track.
func ResultNote(l i18n.Lang, r review.Result) string {
	switch r.Status {
	case review.Behind:
		return l.T(msgBehindCell, r.Expected)
	case review.OnTrack:
		return ""
	}
	return StatusWord(l, r.Status)
}

// ResultHeader names a target in a heading: the metric, with its period when it has one.
func ResultHeader(l i18n.Lang, r review.Result) string {
	h := MetricName(l, r.Target.Metric)
	if r.Periodic() {
		h += l.T(msgPerShort[r.Target.Per])
	}
	return h
}

func resultHeaders(l i18n.Lang, results []review.Result) []string {
	h := make([]string, len(results))
	for i, r := range results {
		h[i] = ResultHeader(l, r)
	}
	return h
}

// ReviewTitle is the review's heading: the term, the day and how much of the term has passed.
func ReviewTitle(l i18n.Lang, r review.Review) string {
	week := r.Term.ClampWeek(r.Today)
	return l.T(msgReviewTitle, r.Term.Name, r.Today.String(), l.Week(week), int(r.Elapsed*100+0.5))
}

// ReviewTables lays the review out as tables: mentor pairs, teachers and school pairs (each
// worst first, as the review sorts them), the checklist and grades, and activities per month
// and per type.
func ReviewTables(l i18n.Lang, r review.Review) []Table {
	var tables []Table

	pairs := Table{Name: l.T(msgSheetPairs), Title: l.T(msgTitlePairs),
		Header: []string{l.T(msgColMentor), l.T(msgColMentee), l.T(msgColSubject), l.T(msgColStatus)}}
	if len(r.Pairs) > 0 {
		pairs.Header = append(pairs.Header, resultHeaders(l, r.Pairs[0].Results)...)
	}
	for _, p := range r.Pairs {
		row := []any{p.Mentor.Name, p.Mentee.Name, p.Pair.Subject, StatusWord(l, p.Status)}
		for _, x := range p.Results {
			row = append(row, resultCell(l, x))
		}
		pairs.Rows = append(pairs.Rows, row)
	}
	tables = append(tables, pairs)

	teachers := Table{Name: l.T(msgSheetTeachers), Title: l.T(msgTitleTeachers),
		Header: []string{l.T(msgColName), l.T(msgColSchool), l.T(msgColStatus)}}
	if len(r.Teachers) > 0 {
		teachers.Header = append(teachers.Header, resultHeaders(l, r.Teachers[0].Results)...)
	}
	teachers.Header = append(teachers.Header, l.T(msgColGiven), l.T(msgColReceived))
	for _, t := range r.Teachers {
		row := []any{t.Teacher.Name, t.School.Label(), StatusWord(l, t.Status)}
		for _, x := range t.Results {
			row = append(row, resultCell(l, x))
		}
		teachers.Rows = append(teachers.Rows, append(row, t.Given, t.Received))
	}
	tables = append(tables, teachers)

	schools := Table{Name: l.T(msgSheetSchoolPairs), Title: l.T(msgTitleSchoolPairs),
		Header: []string{l.T(msgColSupporting), l.T(msgColSupported), l.T(msgColStatus)}}
	if len(r.SchoolPairs) > 0 {
		schools.Header = append(schools.Header, resultHeaders(l, r.SchoolPairs[0].Results)...)
	}
	for _, sp := range r.SchoolPairs {
		row := []any{sp.Supporting.Label(), sp.Supported.Label(), StatusWord(l, sp.Status)}
		for _, x := range sp.Results {
			row = append(row, resultCell(l, x))
		}
		schools.Rows = append(schools.Rows, row)
	}
	tables = append(tables, schools)

	checklist := Table{Name: l.T(msgSheetChecklist), Title: l.T(msgTitleChecklist), Header: []string{l.T(msgColOwner)}}
	for _, it := range store.EvidenceItems() {
		checklist.Header = append(checklist.Header, l.Item(it))
	}
	checklist.Header = append(checklist.Header, l.T(msgColGrade))
	addChecklist := func(owner string, ev []review.Evidence, g store.TermGradeValue) {
		row := []any{owner}
		for _, e := range ev {
			row = append(row, l.Evidence(e.State))
		}
		grade := ""
		if g != "" {
			grade = l.TermGrade(g)
		}
		checklist.Rows = append(checklist.Rows, append(row, grade))
	}
	for _, p := range r.Pairs {
		addChecklist(p.Mentor.Name+"→"+p.Mentee.Name, p.Checklist, p.Grade)
	}
	for _, t := range r.Teachers {
		addChecklist(t.Teacher.Name, t.Checklist, t.Grade)
	}
	tables = append(tables, checklist)

	activityHeader := func(first string) []string {
		return []string{first, l.T(msgColPlanned), l.T(msgColDone), l.T(msgColOverdue), l.T(msgColCancelled), l.T(msgColRate)}
	}
	activityRow := func(label string, a review.ActivityTally) []any {
		rate := ""
		if a.Planned > 0 {
			rate = fmt.Sprintf("%d%%", (a.Done*100+a.Planned/2)/a.Planned)
		}
		return []any{label, a.Planned, a.Done, a.Overdue, a.Cancelled, rate}
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

// ReviewFlat is the review as one long table, a row per owner and target with every number,
// for CSV and for sorting and filtering in a spreadsheet.
func ReviewFlat(l i18n.Lang, r review.Review) Table {
	t := Table{Name: l.T(msgSheetReview), Header: []string{l.T(msgColScope), l.T(msgColOwner), l.T(msgColTarget),
		l.T(msgColPer), l.T(msgColActual), l.T(msgColRequired), l.T(msgColExpected), l.T(msgColCount), l.T(msgColStatus)}}
	add := func(scope, owner string, results []review.Result) {
		for _, x := range results {
			t.Rows = append(t.Rows, []any{scope, owner, MetricName(l, x.Target.Metric), PerName(l, x.Target.Per),
				x.Actual, x.Required, x.Expected, x.Count, StatusWord(l, x.Status)})
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
