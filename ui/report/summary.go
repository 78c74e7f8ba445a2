package report

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"termbook/store"
	"termbook/store/review"
	"termbook/ui/i18n"
)

// Summary is the report that goes up to the district (上报材料) for a term or a school year:
// the header and the narrative the office wrote (store.Report), and the figures counted from
// the records — per school, per activity type, the outreach teaching, the mentor and school
// pairs with their results, and the hand-ins still outstanding. A district office holding
// several schools' records gets a row per school and per pair.
type Summary struct {
	Title  string       // 2026—2027学年第一学期 教研与结对帮扶工作总结
	Report store.Report // header and narrative
	Dated  store.Date   // the report's date: the one written, else today
	Tables []Table      // the figures, in the order they are printed
}

// LoadSummary counts the figures of terms (one term, or a school year's) from s, as of today,
// beside what the office wrote in rep; title names the term or year.
func LoadSummary(ctx context.Context, s *store.Store, l i18n.Lang, title string, terms []store.Term, rep store.Report, today store.Date) (Summary, error) {
	sum := Summary{Title: l.T(msgSummaryTitle, title), Report: rep, Dated: rep.Dated}
	if sum.Dated.IsZero() {
		sum.Dated = today
	}
	teachers, err := s.Teachers(ctx)
	if err != nil {
		return sum, err
	}
	schools, err := s.Schools(ctx)
	if err != nil {
		return sum, err
	}
	types, err := s.ActivityTypes(ctx)
	if err != nil {
		return sum, err
	}
	year := len(terms) > 1
	teacherByID := map[string]store.Teacher{}
	for _, t := range teachers {
		teacherByID[t.ID] = t
	}
	schoolName := names(schools, func(x store.School) (string, string) { return x.ID, x.Label() })
	outreachType := ""
	for _, ty := range types {
		if ty.Code == store.TypeOutreach {
			outreachType = ty.ID
		}
	}

	// Per school: one row each, in the order of the school list.
	type schoolRow struct {
		teachers, given, received, across, planned, done, outreach, pairs, pairsMet, missing int
	}
	per := map[string]*schoolRow{}
	for _, sc := range schools {
		per[sc.ID] = &schoolRow{}
	}
	for _, t := range teachers {
		if r := per[t.SchoolID]; r != nil && t.Active {
			r.teachers++
		}
	}
	byType := map[string]*review.ActivityTally{}
	var typeOrder []string
	termCol := func(head []string) []string {
		if year {
			return append([]string{l.T(msgColTerm)}, head...)
		}
		return head
	}
	termCell := func(t store.Term, row []any) []any {
		if year {
			return append([]any{t.Name}, row...)
		}
		return row
	}
	outreach := Table{Name: l.T(msgSumOutreach), Title: l.T(msgSumOutreachTitle),
		Header: termCol([]string{l.T(msgColDate), l.T(msgColTitle), l.T(msgColHost), l.T(msgColSchools), l.T(msgColStatus)})}
	var pairRows, schoolPairRows, outstanding Table
	outstanding = Table{Name: l.T(msgSumOutstanding), Title: l.T(msgSumOutstandingTitle),
		Header: termCol([]string{l.T(msgColTeacherRole), l.T(msgColSchool), l.T(msgSumMissing), l.T(msgSumUnchecked)})}

	var reviews []review.Review
	for _, t := range terms {
		rv, err := review.Compute(ctx, s, t, today)
		if err != nil {
			return sum, err
		}
		reviews = append(reviews, rv)
		for _, x := range rv.ByType {
			if byType[x.Type.ID] == nil {
				byType[x.Type.ID] = &review.ActivityTally{Type: x.Type}
				typeOrder = append(typeOrder, x.Type.ID)
			}
			b := byType[x.Type.ID]
			b.Planned, b.Done, b.Overdue, b.Cancelled = b.Planned+x.Planned, b.Done+x.Done, b.Overdue+x.Overdue, b.Cancelled+x.Cancelled
		}
		obs, err := s.Observations(ctx, store.ObservationFilter{TermID: t.ID})
		if err != nil {
			return sum, err
		}
		for _, o := range obs {
			from := teacherByID[o.ObserverID].SchoolID
			if r := per[from]; r != nil {
				r.given++
				if from != o.SchoolID {
					r.across++
				}
			}
			if r := per[o.SchoolID]; r != nil {
				r.received++
			}
		}
		acts, err := s.Activities(ctx, t.ID, store.Date{}, store.Date{})
		if err != nil {
			return sum, err
		}
		for _, a := range acts {
			for _, id := range a.SchoolIDs {
				r := per[id]
				if r == nil || a.Status == store.Cancelled {
					continue
				}
				r.planned++
				if a.Status == store.Done {
					r.done++
					if a.TypeID == outreachType {
						r.outreach++
					}
				}
			}
			if a.TypeID == outreachType && a.Status != store.Cancelled {
				var sch []string
				for _, id := range a.SchoolIDs {
					sch = append(sch, schoolName[id])
				}
				when := a.DoneOn.String()
				if when == "" {
					when = a.First.String()
				}
				status := l.Status(a.Status)
				if a.Overdue(today) {
					status = l.Overdue()
				}
				outreach.Rows = append(outreach.Rows, termCell(t, []any{when, a.Title, teacherByID[a.HostID].Name, strings.Join(sch, "、"), status}))
			}
		}
		for _, p := range rv.Pairs {
			if r := per[p.Mentee.SchoolID]; r != nil {
				r.pairs++
				if p.Status == review.Met {
					r.pairsMet++
				}
			}
		}
		for _, tr := range rv.Teachers {
			var missing, unchecked []string
			for _, e := range tr.Checklist {
				switch e.State {
				case store.Missing:
					missing = append(missing, l.KindName(e.Kind))
				case store.HandedIn:
					unchecked = append(unchecked, l.KindName(e.Kind))
				}
			}
			if r := per[tr.Teacher.SchoolID]; r != nil {
				r.missing += len(missing)
			}
			if len(missing)+len(unchecked) > 0 {
				outstanding.Rows = append(outstanding.Rows, termCell(t, []any{TeacherLabel(l, tr), tr.School.Label(),
					strings.Join(missing, "、"), strings.Join(unchecked, "、")}))
			}
		}
	}
	pairRows, schoolPairRows = summaryPairs(l, reviews, year)

	bySchool := Table{Name: l.T(msgSumSchools), Title: l.T(msgSumSchoolsTitle), Header: []string{l.T(msgColSchool), l.T(msgSumTeachers),
		l.T(msgSumGiven), l.T(msgSumReceived), l.T(msgSumAcross), l.T(msgSumActivities), l.T(msgSumOutreachN), l.T(msgSumPairs), l.T(msgSumMissingN)}}
	for _, sc := range schools {
		r := per[sc.ID]
		if !sc.Active && r.given+r.received+r.planned+r.pairs == 0 {
			continue
		}
		bySchool.Rows = append(bySchool.Rows, []any{sc.Name, r.teachers, r.given, r.received, r.across,
			fmt.Sprintf("%d/%d", r.done, r.planned), r.outreach, fmt.Sprintf("%d/%d", r.pairsMet, r.pairs), r.missing})
	}
	activities := Table{Name: l.T(msgSumTypes), Title: l.T(msgSumTypesTitle), Header: []string{l.T(msgColType), l.T(msgColPlanned),
		l.T(msgColDone), l.T(msgColOverdue), l.T(msgColCancelled), l.T(msgColRate)}}
	for _, id := range typeOrder {
		x := byType[id]
		activities.Rows = append(activities.Rows, []any{l.TypeName(x.Type), x.Planned, x.Done, x.Overdue, x.Cancelled, rate(x.Done, x.Planned)})
	}
	sum.Tables = []Table{bySchool, activities, outreach, pairRows, schoolPairRows, outstanding}
	return sum, nil
}

// summaryPairs lays out the mentor pairs and the school pairs of every review with their
// results: a column per rule (the rules of all the terms, in order), then score and grades.
func summaryPairs(l i18n.Lang, reviews []review.Review, year bool) (pairs, schoolPairs Table) {
	var all []store.Target
	for _, rv := range reviews {
		all = append(all, rv.Targets...)
	}
	build := func(scope store.Scope, name, title string, head []string) (Table, []rule) {
		rules := rulesOf(l, all, scope)
		t := Table{Name: name, Title: title}
		if year {
			t.Header = append(t.Header, l.T(msgColTerm))
		}
		t.Header = append(t.Header, head...)
		for _, ru := range rules {
			t.Header = append(t.Header, ru.header)
		}
		t.Header = append(t.Header, GradeHeaders(l)...)
		return t, rules
	}
	pairs, prules := build(store.ScopeMentorPair, l.T(msgSheetPairs), l.T(msgSumPairsTitle),
		[]string{l.T(msgColMentor), l.T(msgColMentee), l.T(msgColSchool), l.T(msgColSubject), l.T(msgColStatus)})
	schoolPairs, srules := build(store.ScopeSchoolPair, l.T(msgSheetSchoolPairs), l.T(msgSumSchoolPairsTitle),
		[]string{l.T(msgColSupporting), l.T(msgColSupported), l.T(msgColStatus)})
	for _, rv := range reviews {
		lead := func(row ...any) []any {
			if year {
				return append([]any{rv.Term.Name}, row...)
			}
			return row
		}
		// A report lists pairs as registered, not worst first.
		ps := slices.Clone(rv.Pairs)
		slices.SortStableFunc(ps, func(a, b review.PairReview) int { return a.Pair.CreatedAt.Compare(b.Pair.CreatedAt) })
		for _, p := range ps {
			row := lead(p.Mentor.Name, p.Mentee.Name, schoolOf(rv, p.Mentee), p.Pair.Subject, StatusWord(l, p.Status))
			row = append(append(row, ruleCells(l, prules, p.Results)...), GradeCells(l, p.Scoring)...)
			pairs.Rows = append(pairs.Rows, row)
		}
		for _, sp := range rv.SchoolPairs {
			row := lead(sp.Supporting.Label(), sp.Supported.Label(), StatusWord(l, sp.Status))
			row = append(append(row, ruleCells(l, srules, sp.Results)...), GradeCells(l, sp.Scoring)...)
			schoolPairs.Rows = append(schoolPairs.Rows, row)
		}
	}
	return pairs, schoolPairs
}

// schoolOf is the label of a teacher's school, as the review has it.
func schoolOf(rv review.Review, t store.Teacher) string {
	for _, tr := range rv.Teachers {
		if tr.Teacher.ID == t.ID {
			return tr.School.Label()
		}
	}
	return ""
}

// SectionTitle names a narrative section: 开展情况, 主要成效, 存在问题, 下步打算.
func SectionTitle(l i18n.Lang, sec store.Section) string { return l.T(msgSection[sec]) }

// headerLine is the report's header in one line: 单位：… 填报人：… 审核人：… 日期：…
func (sum Summary) headerCells(l i18n.Lang) [][2]string {
	return [][2]string{
		{l.T(msgSumUnit), sum.Report.Unit}, {l.T(msgSumFilledBy), sum.Report.FilledBy},
		{l.T(msgSumApprovedBy), sum.Report.ApprovedBy}, {l.T(msgColDate), sum.Dated.String()},
	}
}

// sectionText is a narrative section's text, or a note that it is yet to be written.
func (sum Summary) sectionText(l i18n.Lang, sec store.Section) string {
	if t := strings.TrimSpace(sum.Report.Text(sec)); t != "" {
		return t
	}
	return l.T(msgSumNotWritten)
}
