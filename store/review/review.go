// Package review computes a term's term-end review (期末考核): for every mentor pair, teacher
// and school pair, each target of store.Targets with its actual count, what the whole term
// requires, what should be done by today, and a status; the evidence checklist and term
// grades; and the term's activities planned against done, per month and per type. It owns
// the judging rules; the counting is store.TallyTerm's, a handful of grouped queries.
//
// # How a target is judged
//
// A target asks for Required items per period: the whole term, each calendar month the term
// touches, or each two weeks counted from 第1周 (weeks 1–2, 3–4, …; an odd last week is a
// period of its own). Months are clipped to the term's days, and a first or last month the
// term covers for less than 15 days joins its neighbour.
//
// For each period, expected-by-today is Required × the share of the period's days that have
// begun by today (today counts), rounded half up, so a quota of one is expected from the
// middle of its period and eight over a term are expected at one per eighth. A period has
// ended when today is after its last day.
//
// The target's status is then:
//   - Overdue: some ended period is below its quota (its time ran out unmet);
//   - Met: every period of the term has its quota (for a term target: the count has reached
//     Required, whenever that happens);
//   - Behind: the count is below expected-by-today in the current period;
//   - On track: otherwise.
//
// For a term target, Actual is the count, Required the quota and Expected the expected count
// by today. For a monthly or two-weekly target the numbers count periods, which is how the
// office reads them ("guidance in 3 of 5 months"): Actual is the periods that have their
// quota, Required the periods of the term, and Expected the periods that should have it by
// today (every ended one, and the current one once its whole quota is expected); Count is
// then the raw count. An owner's status is its worst target's, worst first: overdue, behind,
// on track, met.
package review

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"termbook/store"
)

// Status is how a target stands.
type Status int

// Statuses, worst first (the order reviews sort by).
const (
	Overdue Status = iota // a period ended below its quota
	Behind                // below what should be done by today
	OnTrack               // at or above what should be done by today
	Met                   // every period has its quota
)

func (s Status) String() string {
	return [...]string{"overdue", "behind", "on_track", "met"}[s]
}

// Period is one stretch of a target: the term, a month, or two weeks.
type Period struct {
	First, Last store.Date
	Label       string // "2026-11", "w3-4" or "" for the whole term
	Actual      int
	Required    int
	Expected    int  // by today
	Ended       bool // today is after Last
}

// Result is one target judged for one owner.
type Result struct {
	Target   store.Target
	Actual   int // the count, or for a periodic target the periods that have their quota
	Required int // over the whole term: the quota, or the number of periods
	Expected int // by today, in the same unit as Actual
	Count    int // the raw count over the term
	Status   Status
	Periods  []Period // one for a term target
}

// Periodic reports whether the target counts periods (a monthly or two-weekly quota).
func (r Result) Periodic() bool { return r.Target.Per != store.PerTerm }

// Evidence is one checklist line.
type Evidence struct {
	Item  store.EvidenceItem
	State store.EvidenceState
	Note  string
}

// PairReview is the review of one mentor pair.
type PairReview struct {
	Pair      store.MentorPair
	Mentor    store.Teacher
	Mentee    store.Teacher
	Results   []Result
	Checklist []Evidence
	Grade     store.TermGradeValue // "" when not given yet
	Status    Status
}

// TeacherReview is the review of one teacher.
type TeacherReview struct {
	Teacher   store.Teacher
	School    store.School
	Results   []Result
	Given     int // observations made
	Received  int // lessons observed
	Checklist []Evidence
	Grade     store.TermGradeValue
	Status    Status
}

// SchoolPairReview is the review of one school pairing.
type SchoolPairReview struct {
	Pair       store.SchoolPair
	Supporting store.School
	Supported  store.School
	Results    []Result
	Grade      store.TermGradeValue
	Status     Status
}

// ActivityTally is planned against done for one month or one type.
type ActivityTally struct {
	Month     store.Month        // for the per-month tally
	Type      store.ActivityType // for the per-type tally
	Planned   int                // all but cancelled
	Done      int
	Overdue   int // still pending after their last day
	Cancelled int
}

// Review is a term's review as of one day.
type Review struct {
	Term    store.Term
	Today   store.Date
	Elapsed float64 // share of the term's days begun by today, 0..1

	Pairs       []PairReview       // worst first
	Teachers    []TeacherReview    // worst first
	SchoolPairs []SchoolPairReview // worst first
	ByMonth     []ActivityTally    // every month of the term, in order
	ByType      []ActivityTally    // types with activities, in display order
}

// Compute reviews term t as of day today.
func Compute(ctx context.Context, s *store.Store, t store.Term, today store.Date) (Review, error) {
	r := Review{Term: t, Today: today, Elapsed: share(t.Start(), t.End(), today)}
	tally, err := s.TallyTerm(ctx, t, today)
	if err != nil {
		return r, err
	}
	targets, err := s.Targets(ctx, t.ID)
	if err != nil {
		return r, fmt.Errorf("review: %w", err)
	}
	pairs, err := s.MentorPairs(ctx, t.ID)
	if err != nil {
		return r, fmt.Errorf("review: %w", err)
	}
	teachers, err := s.Teachers(ctx)
	if err != nil {
		return r, fmt.Errorf("review: %w", err)
	}
	schools, err := s.Schools(ctx)
	if err != nil {
		return r, fmt.Errorf("review: %w", err)
	}
	schoolPairs, err := s.SchoolPairs(ctx)
	if err != nil {
		return r, fmt.Errorf("review: %w", err)
	}
	checklist, err := s.Checklist(ctx, t.ID)
	if err != nil {
		return r, fmt.Errorf("review: %w", err)
	}
	grades, err := s.TermGrades(ctx, t.ID)
	if err != nil {
		return r, fmt.Errorf("review: %w", err)
	}
	types, err := s.ActivityTypes(ctx)
	if err != nil {
		return r, fmt.Errorf("review: %w", err)
	}

	teacherByID := index(teachers, func(x store.Teacher) string { return x.ID })
	schoolByID := index(schools, func(x store.School) string { return x.ID })
	counts := bucketByOwner(tally.Metrics)
	evidence := map[string]map[store.EvidenceItem]store.ChecklistItem{}
	for _, c := range checklist {
		key := string(c.OwnerKind) + ":" + c.OwnerID
		if evidence[key] == nil {
			evidence[key] = map[store.EvidenceItem]store.ChecklistItem{}
		}
		evidence[key][c.Item] = c
	}
	gradeOf := map[string]store.TermGradeValue{}
	for _, g := range grades {
		gradeOf[string(g.OwnerKind)+":"+g.OwnerID] = g.Grade
	}
	judgeAll := func(scope store.Scope, owner string) ([]Result, Status) {
		var res []Result
		worst := Met
		for _, tg := range targets {
			if tg.Scope != scope {
				continue
			}
			x := Judge(t, tg, counts[tg.Metric][owner], today)
			res = append(res, x)
			worst = min(worst, x.Status)
		}
		return res, worst
	}

	for _, p := range pairs {
		pr := PairReview{Pair: p, Mentor: teacherByID[p.MentorID], Mentee: teacherByID[p.MenteeID]}
		pr.Results, pr.Status = judgeAll(store.ScopeMentorPair, p.ID)
		pr.Checklist = checklistOf(evidence[string(store.ScopeMentorPair)+":"+p.ID])
		pr.Grade = gradeOf[string(store.ScopeMentorPair)+":"+p.ID]
		r.Pairs = append(r.Pairs, pr)
	}
	for _, te := range teachers {
		if !te.Active {
			continue
		}
		tr := TeacherReview{Teacher: te, School: schoolByID[te.SchoolID], Given: tally.Given[te.ID], Received: tally.Received[te.ID]}
		tr.Results, tr.Status = judgeAll(store.ScopeTeacher, te.ID)
		tr.Checklist = checklistOf(evidence[string(store.ScopeTeacher)+":"+te.ID])
		tr.Grade = gradeOf[string(store.ScopeTeacher)+":"+te.ID]
		r.Teachers = append(r.Teachers, tr)
	}
	for _, sp := range schoolPairs {
		spr := SchoolPairReview{Pair: sp, Supporting: schoolByID[sp.SupportingID], Supported: schoolByID[sp.SupportedID]}
		spr.Results, spr.Status = judgeAll(store.ScopeSchoolPair, sp.ID)
		spr.Grade = gradeOf[string(store.ScopeSchoolPair)+":"+sp.ID]
		r.SchoolPairs = append(r.SchoolPairs, spr)
	}
	// Worst first; the stable sort keeps each list's own order (pairs as registered, teachers
	// by pinyin) within a status.
	slices.SortStableFunc(r.Pairs, func(a, b PairReview) int { return cmp.Compare(a.Status, b.Status) })
	slices.SortStableFunc(r.Teachers, func(a, b TeacherReview) int { return cmp.Compare(a.Status, b.Status) })
	slices.SortStableFunc(r.SchoolPairs, func(a, b SchoolPairReview) int { return cmp.Compare(a.Status, b.Status) })

	r.ByMonth, r.ByType = activityTallies(t, types, tally.Activities)
	return r, nil
}

// Judge judges one target for one owner from the owner's day counts, as of today.
func Judge(t store.Term, tg store.Target, days []store.DayCount, today store.Date) Result {
	res := Result{Target: tg, Status: Met}
	periods := periodsOf(t, tg.Per)
	for i := range periods {
		p := &periods[i]
		p.Required = tg.Required
		p.Ended = today.After(p.Last)
		p.Expected = roundHalfUp(float64(tg.Required) * share(p.First, p.Last, today))
		for _, d := range days {
			// A term target counts everything of the term, even a hand-in dated before 第1周.
			if tg.Per == store.PerTerm || (!d.Day.Before(p.First) && !d.Day.After(p.Last)) {
				p.Actual += d.N
			}
		}
		res.Count += p.Actual
		var st Status
		switch {
		case p.Actual >= p.Required:
			st = Met
		case p.Ended:
			st = Overdue
		case p.Actual < p.Expected:
			st = Behind
		default:
			st = OnTrack
		}
		res.Status = min(res.Status, st)
	}
	res.Periods = periods
	if tg.Per == store.PerTerm {
		res.Actual, res.Required, res.Expected = periods[0].Actual, periods[0].Required, periods[0].Expected
		return res
	}
	res.Required = len(periods)
	for _, p := range periods {
		if p.Actual >= p.Required {
			res.Actual++
		}
		if p.Ended || p.Expected >= p.Required {
			res.Expected++
		}
	}
	return res
}

// minMonthDays is the fewest days of a month a term must cover for the month to have a
// quota of its own.
const minMonthDays = 15

// periodsOf splits the term into the periods of per.
func periodsOf(t store.Term, per store.Per) []Period {
	switch per {
	case store.PerMonth:
		var ps []Period
		for _, m := range t.Months() {
			first, last := m.First(), m.Last()
			first, last = maxDate(first, t.Start()), minDate(last, t.End())
			ps = append(ps, Period{First: first, Last: last, Label: m.String()})
		}
		// A month the term barely touches joins its neighbour: a term that starts on Monday
		// 31 August has no August quota of its own.
		if len(ps) > 1 && ps[0].Last.Sub(ps[0].First)+1 < minMonthDays {
			ps[1].First, ps = ps[0].First, ps[1:]
		}
		if n := len(ps); n > 1 && ps[n-1].Last.Sub(ps[n-1].First)+1 < minMonthDays {
			ps[n-2].Last, ps = ps[n-1].Last, ps[:n-1]
		}
		return ps
	case store.PerTwoWeeks:
		var ps []Period
		for w := 1; w <= t.Weeks; w += 2 {
			first, _ := t.WeekRange(w)
			lastWeek := min(w+1, t.Weeks)
			_, last := t.WeekRange(lastWeek)
			label := fmt.Sprintf("w%d-%d", w, lastWeek)
			if lastWeek == w {
				label = fmt.Sprintf("w%d", w)
			}
			ps = append(ps, Period{First: first, Last: last, Label: label})
		}
		return ps
	default:
		return []Period{{First: t.Start(), Last: t.End()}}
	}
}

// share is the part of first..last (inclusive) that has begun by today (today included).
func share(first, last, today store.Date) float64 {
	total := last.Sub(first) + 1
	switch {
	case today.Before(first):
		return 0
	case today.After(last):
		return 1
	}
	return float64(today.Sub(first)+1) / float64(total)
}

func roundHalfUp(x float64) int { return int(x + 0.5) }

func minDate(a, b store.Date) store.Date {
	if a.Before(b) {
		return a
	}
	return b
}

func maxDate(a, b store.Date) store.Date {
	if a.After(b) {
		return a
	}
	return b
}

func index[T any](list []T, key func(T) string) map[string]T {
	m := make(map[string]T, len(list))
	for _, x := range list {
		m[key(x)] = x
	}
	return m
}

// bucketByOwner regroups the tally's day counts by metric and owner.
func bucketByOwner(metrics map[store.Metric][]store.DayCount) map[store.Metric]map[string][]store.DayCount {
	out := make(map[store.Metric]map[string][]store.DayCount, len(metrics))
	for m, list := range metrics {
		by := map[string][]store.DayCount{}
		for _, d := range list {
			by[d.Owner] = append(by[d.Owner], d)
		}
		out[m] = by
	}
	return out
}

// checklistOf lists every checklist item in order, missing unless recorded.
func checklistOf(recorded map[store.EvidenceItem]store.ChecklistItem) []Evidence {
	items := store.EvidenceItems()
	out := make([]Evidence, len(items))
	for i, it := range items {
		out[i] = Evidence{Item: it, State: store.Missing}
		if c, ok := recorded[it]; ok {
			out[i].State, out[i].Note = c.State, c.Note
		}
	}
	return out
}

// activityTallies sums the activity counts per month (every month of the term) and per type
// (types that have activities, in display order).
func activityTallies(t store.Term, types []store.ActivityType, counts []store.ActivityCount) (byMonth, byType []ActivityTally) {
	for _, m := range t.Months() {
		byMonth = append(byMonth, ActivityTally{Month: m})
	}
	monthIdx := map[store.Month]int{}
	for i, m := range byMonth {
		monthIdx[m.Month] = i
	}
	typeIdx := map[string]int{}
	for _, ty := range types {
		typeIdx[ty.ID] = len(byType)
		byType = append(byType, ActivityTally{Type: ty})
	}
	add := func(x *ActivityTally, c store.ActivityCount) {
		switch c.Status {
		case store.Cancelled:
			x.Cancelled += c.N
			return
		case store.Done:
			x.Done += c.N
		default:
			x.Overdue += c.Past
		}
		x.Planned += c.N
	}
	for _, c := range counts {
		if i, ok := monthIdx[c.Month]; ok {
			add(&byMonth[i], c)
		}
		if i, ok := typeIdx[c.TypeID]; ok {
			add(&byType[i], c)
		}
	}
	byType = slices.DeleteFunc(byType, func(x ActivityTally) bool { return x.Planned+x.Cancelled == 0 })
	return byMonth, byType
}
