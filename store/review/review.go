// Package review computes a term's term-end review (期末考核): for every mentor pair, teacher
// and school pair, each target of the school's rules (store.Targets) that applies to it, with
// its actual count, what the term requires, what should be done by today and a status; a
// score and a suggested grade from the targets' weights; the term-end checklist, read from the
// hand-ins; and the term's activities planned against done, per month and per type. It owns
// the judging rules; the counting is store.TallyTerm's, a handful of grouped queries.
//
// # Which targets apply
//
// Every mentor pair has every mentor-pair target and every school pair every school-pair
// target. Teacher targets of one title form a rule: a teacher is judged by the rule's target
// for the narrowest group they belong to — mentors or mentees of the term, or a 职称, 职务 or
// 荣誉 — and, when several such targets fit, the highest quota; the target for every teacher
// only when none does. A rule without a target for every teacher leaves the others out.
//
// # How a target is judged
//
// A target asks for Required items per period: the whole term, the school year (its terms
// together), each calendar month the term touches, or each two weeks counted from 第1周
// (weeks 1–2, 3–4, …; an odd last week is a period of its own). Months are clipped to the
// term's days, and a first or last month the term covers for less than 15 days joins its
// neighbour. A school year runs over its terms, to the end of July while its spring term is
// not yet entered.
//
// For each period, expected-by-today is Required × the share of the period's days that have
// begun by today (today counts), rounded half up, so a quota of one is expected from the
// middle of its period and eight over a term are expected at one per eighth. A period has
// ended when today is after its last day.
//
// When the target allows making up (补听), a month or fortnight that ended short is met once a
// later period's count beyond its own quota covers it, the earliest first; until the term ends
// it is only behind, as it can still be made up.
//
// The target's status is then:
//   - Short (未达标): a period ended below its quota, and it cannot be made up any more;
//   - Met (达标): every period of the term has its quota (for a term target: the count has
//     reached Required, whenever that happens);
//   - Behind (进度落后, a forecast): the count is below expected-by-today, or an ended period
//     waits to be made up;
//   - On track: otherwise.
//
// For a term or year target, Actual is the count, Required the quota and Expected the
// expected count by today. For a monthly or two-weekly target the numbers count periods, which
// is how the office reads them ("guidance in 3 of 5 months"): Actual is the periods that have
// their quota, Required the periods of the term, and Expected the periods that should have it
// by today (every ended one, and the current one once its whole quota is expected); Count is
// then the raw count. An owner's status is its worst target's, worst first: short, behind, on
// track, met.
//
// # Score and grade
//
// A target with a weight scores its weight times the share of its quota reached (at most the
// whole weight; for a periodic target, the share of periods met); an owner's score is its
// targets' points out of their weights, scaled to 100. The suggested grade follows from the
// score (优秀 from 90, 良好 from 75, 合格 from 60); a grade a person gives is kept beside it
// and wins.
package review

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"termbook/store"
)

// Status is how a target stands.
type Status int

// Statuses, worst first (the order reviews sort by).
const (
	Short   Status = iota // a period ended below its quota, past making up
	Behind                // below what should be done by today: a forecast
	OnTrack               // at or above what should be done by today
	Met                   // every period has its quota
)

func (s Status) String() string {
	return [...]string{"short", "behind", "on_track", "met"}[s]
}

// Grade bands: the lowest score of each suggested grade.
const (
	ExcellentFrom = 90
	GoodFrom      = 75
	PassFrom      = 60
)

// Period is one stretch of a target: the term, the school year, a month, or two weeks.
type Period struct {
	First, Last store.Date
	Label       string // "2026-11", "w3-4", "2025-2026" or "" for the whole term
	Actual      int
	Required    int
	Expected    int  // by today
	Ended       bool // today is after Last
	MadeUp      bool // short in its own time, met by a later period's surplus (补)
}

// Met reports whether the period has its quota, in its own time or made up.
func (p Period) Met() bool { return p.Actual >= p.Required || p.MadeUp }

// Result is one target judged for one owner.
type Result struct {
	Target   store.Target
	Actual   int // the count, or for a periodic target the periods that have their quota
	Required int // over the whole term: the quota, or the number of periods
	Expected int // by today, in the same unit as Actual
	Count    int // the raw count over the term (or year)
	MadeUp   int // periods met by making up
	Status   Status
	Periods  []Period // one for a term or year target
}

// Periodic reports whether the target counts periods (a monthly or two-weekly quota).
func (r Result) Periodic() bool { return r.Target.Per.Periodic() }

// Share is how much of the target is reached, 0..1: the count (or periods met) out of what
// is required.
func (r Result) Share() float64 {
	if r.Required <= 0 {
		return 1
	}
	return math.Min(1, float64(r.Actual)/float64(r.Required))
}

// Evidence is one checklist line: a kind of material a teacher hands in, and how many of it
// are handed in and checked.
type Evidence struct {
	TeacherID string
	Kind      store.HandinKind
	HandedIn  int
	Checked   int
	State     store.EvidenceState
}

// Grade is an owner's term grade: the score its weighted targets give, the grade it
// suggests, and the grade a person gave, which wins.
type Grade struct {
	Scored    bool // some target with a weight applies
	Score     int  // out of 100
	Suggested store.TermGradeValue
	Given     store.TermGradeValue // "" when nobody has given one
}

// Final is the grade that stands: the one given, else the suggested one.
func (g Grade) Final() store.TermGradeValue {
	if g.Given != "" {
		return g.Given
	}
	return g.Suggested
}

// PairReview is the review of one mentor pair.
type PairReview struct {
	Pair      store.MentorPair
	Mentor    store.Teacher
	Mentee    store.Teacher
	Results   []Result
	Checklist []Evidence           // the mentor's items, then the mentee's
	Grade     store.TermGradeValue // the grade given, "" when not given yet
	Scoring   Grade
	Status    Status
}

// TeacherReview is the review of one teacher.
type TeacherReview struct {
	Teacher   store.Teacher
	School    store.School
	Mentor    bool // a mentor in a pair of the term
	Mentee    bool // a mentee in a pair of the term
	Results   []Result
	Given     int // observations made
	Received  int // lessons observed
	Checklist []Evidence
	Grade     store.TermGradeValue
	Scoring   Grade
	Status    Status
}

// SchoolPairReview is the review of one school pairing.
type SchoolPairReview struct {
	Pair       store.SchoolPair
	Supporting store.School
	Supported  store.School
	Results    []Result
	Grade      store.TermGradeValue
	Scoring    Grade
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
	Year    []store.Term // the school year's terms, oldest first
	Today   store.Date
	Elapsed float64 // share of the term's days begun by today, 0..1

	Targets     []store.Target     // the term's targets, in order
	Kinds       []store.HandinKind // the hand-in kinds, in order
	Pairs       []PairReview       // worst first
	Teachers    []TeacherReview    // worst first
	SchoolPairs []SchoolPairReview // worst first
	ByMonth     []ActivityTally    // every month of the term, in order
	ByType      []ActivityTally    // types with activities, in display order
}

// Calendar is what a target's periods are cut from: the term, and its school year's terms
// for a yearly target.
type Calendar struct {
	Term store.Term
	Year []store.Term
}

// Compute reviews term t as of day today.
func Compute(ctx context.Context, s *store.Store, t store.Term, today store.Date) (Review, error) {
	r := Review{Term: t, Today: today, Elapsed: share(t.Start(), t.End(), today)}
	targets, err := s.Targets(ctx, t.ID)
	if err != nil {
		return r, fmt.Errorf("review: %w", err)
	}
	var counts []store.Count
	for _, tg := range targets {
		counts = append(counts, store.CountFor(tg))
	}
	tally, err := s.TallyTerm(ctx, t, today, counts)
	if err != nil {
		return r, err
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
	grades, err := s.TermGrades(ctx, t.ID)
	if err != nil {
		return r, fmt.Errorf("review: %w", err)
	}
	types, err := s.ActivityTypes(ctx)
	if err != nil {
		return r, fmt.Errorf("review: %w", err)
	}
	kinds, err := s.HandinKinds(ctx)
	if err != nil {
		return r, fmt.Errorf("review: %w", err)
	}
	r.Targets, r.Kinds, r.Year = targets, kinds, tally.Year
	cal := Calendar{Term: t, Year: tally.Year}

	teacherByID := index(teachers, func(x store.Teacher) string { return x.ID })
	schoolByID := index(schools, func(x store.School) string { return x.ID })
	handins := map[string]map[string]store.HandinCount{}
	for _, h := range tally.Handins {
		if handins[h.TeacherID] == nil {
			handins[h.TeacherID] = map[string]store.HandinCount{}
		}
		handins[h.TeacherID][h.KindID] = h
	}
	evidence := func(teacherID string, on ...store.Checklist) []Evidence {
		var out []Evidence
		for _, k := range kinds {
			if !slices.Contains(on, k.Checklist) {
				continue
			}
			h := handins[teacherID][k.ID]
			out = append(out, Evidence{TeacherID: teacherID, Kind: k, HandedIn: h.N, Checked: h.Checked, State: store.EvidenceOf(h.N, h.Checked)})
		}
		return out
	}
	gradeOf := map[string]store.TermGradeValue{}
	for _, g := range grades {
		gradeOf[string(g.OwnerKind)+":"+g.OwnerID] = g.Grade
	}
	// Each target's counts and periods are found once; the owners share them.
	countsOf := map[string]map[string][]store.DayCount{}
	periodsFor := map[string][]Period{}
	for _, tg := range targets {
		countsOf[tg.ID] = tally.Counts[store.CountFor(tg)]
		periodsFor[tg.ID] = framePeriods(cal, tg, today)
	}
	judge := func(list []store.Target, owner string) ([]Result, Status) {
		res := make([]Result, 0, len(list))
		worst := Met
		for _, tg := range list {
			x := judgePeriods(slices.Clone(periodsFor[tg.ID]), tg, countsOf[tg.ID][owner], today)
			res = append(res, x)
			worst = min(worst, x.Status)
		}
		return res, worst
	}
	byScope := map[store.Scope][]store.Target{}
	for _, tg := range targets {
		byScope[tg.Scope] = append(byScope[tg.Scope], tg)
	}

	mentors, mentees := map[string]bool{}, map[string]bool{}
	for _, p := range pairs {
		mentors[p.MentorID], mentees[p.MenteeID] = true, true
	}
	for _, p := range pairs {
		pr := PairReview{Pair: p, Mentor: teacherByID[p.MentorID], Mentee: teacherByID[p.MenteeID]}
		pr.Results, pr.Status = judge(byScope[store.ScopeMentorPair], p.ID)
		pr.Checklist = append(evidence(p.MentorID, store.ChecklistMentor), evidence(p.MenteeID, store.ChecklistMentee)...)
		pr.Grade = gradeOf[string(store.ScopeMentorPair)+":"+p.ID]
		pr.Scoring = scoreOf(pr.Results, pr.Grade)
		r.Pairs = append(r.Pairs, pr)
	}
	for _, te := range teachers {
		if !te.Active {
			continue
		}
		tr := TeacherReview{Teacher: te, School: schoolByID[te.SchoolID], Mentor: mentors[te.ID], Mentee: mentees[te.ID],
			Given: tally.Given[te.ID], Received: tally.Received[te.ID]}
		tr.Results, tr.Status = judge(Applying(byScope[store.ScopeTeacher], te, tr.Mentor, tr.Mentee), te.ID)
		on := []store.Checklist{store.ChecklistAll}
		if tr.Mentor {
			on = append(on, store.ChecklistMentor)
		}
		if tr.Mentee {
			on = append(on, store.ChecklistMentee)
		}
		tr.Checklist = evidence(te.ID, on...)
		tr.Grade = gradeOf[string(store.ScopeTeacher)+":"+te.ID]
		tr.Scoring = scoreOf(tr.Results, tr.Grade)
		r.Teachers = append(r.Teachers, tr)
	}
	for _, sp := range schoolPairs {
		spr := SchoolPairReview{Pair: sp, Supporting: schoolByID[sp.SupportingID], Supported: schoolByID[sp.SupportedID]}
		spr.Results, spr.Status = judge(byScope[store.ScopeSchoolPair], sp.ID)
		spr.Grade = gradeOf[string(store.ScopeSchoolPair)+":"+sp.ID]
		spr.Scoring = scoreOf(spr.Results, spr.Grade)
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

// Applying returns the teacher targets that apply to teacher te (a mentor or mentee of the
// term as said), one per rule, in order: for each title, the target for the narrowest group
// te belongs to — a role or a 职称/职务/荣誉, the highest quota among several — else the one
// for every teacher.
func Applying(targets []store.Target, te store.Teacher, mentor, mentee bool) []store.Target {
	var out []store.Target
	chosen := map[string]int{} // title → index in out
	narrow := map[string]bool{}
	for _, tg := range targets {
		fits, specific := true, tg.AppliesTo != ""
		switch tg.AppliesTo {
		case "":
		case store.RoleMentor:
			fits = mentor
		case store.RoleMentee:
			fits = mentee
		default:
			fits = te.HasTag(tg.AppliesTo)
		}
		if !fits {
			continue
		}
		i, seen := chosen[tg.Title]
		switch {
		case !seen:
			chosen[tg.Title] = len(out)
			narrow[tg.Title] = specific
			out = append(out, tg)
		case specific && (!narrow[tg.Title] || tg.Required > out[i].Required):
			out[i], narrow[tg.Title] = tg, true
		}
	}
	return out
}

// scoreOf scores an owner's results by their targets' weights and suggests a grade.
func scoreOf(results []Result, given store.TermGradeValue) Grade {
	g := Grade{Given: given}
	var points, weights float64
	for _, x := range results {
		if x.Target.Weight <= 0 {
			continue
		}
		weights += float64(x.Target.Weight)
		points += float64(x.Target.Weight) * x.Share()
	}
	if weights == 0 {
		return g
	}
	g.Scored = true
	g.Score = roundHalfUp(100 * points / weights)
	switch {
	case g.Score >= ExcellentFrom:
		g.Suggested = store.Excellent
	case g.Score >= GoodFrom:
		g.Suggested = store.Good
	case g.Score >= PassFrom:
		g.Suggested = store.Pass
	default:
		g.Suggested = store.Fail
	}
	return g
}

// Judge judges one target for one owner from the owner's day counts (or totals, for a term
// or year target), as of today.
func Judge(c Calendar, tg store.Target, days []store.DayCount, today store.Date) Result {
	return judgePeriods(framePeriods(c, tg, today), tg, days, today)
}

// framePeriods are a target's periods with what each requires, whether it has ended and what
// is due in it by today: all an owner's periods but what the owner did.
func framePeriods(c Calendar, tg store.Target, today store.Date) []Period {
	periods := periodsOf(c, tg.Per)
	for i := range periods {
		p := &periods[i]
		p.Required = tg.Required
		p.Ended = today.After(p.Last)
		p.Expected = roundHalfUp(float64(tg.Required) * share(p.First, p.Last, today))
	}
	return periods
}

// judgePeriods is Judge on the target's framed periods, which it fills in with days.
func judgePeriods(periods []Period, tg store.Target, days []store.DayCount, today store.Date) Result {
	res := Result{Target: tg, Status: Met}
	termEnded := today.After(periods[len(periods)-1].Last)
	for i := range periods {
		p := &periods[i]
		for _, d := range days {
			// A term or year target counts everything counted for it, even a hand-in dated
			// before 第1周.
			if !tg.Per.Periodic() || (!d.Day.Before(p.First) && !d.Day.After(p.Last)) {
				p.Actual += d.N
			}
		}
		res.Count += p.Actual
	}
	if tg.MakeUp {
		makeUp(periods)
	}
	for _, p := range periods {
		var st Status
		switch {
		case p.Met():
			st = Met
		case p.Ended && (!tg.MakeUp || termEnded):
			st = Short
		case p.Ended, p.Actual < p.Expected:
			st = Behind
		default:
			st = OnTrack
		}
		res.Status = min(res.Status, st)
		if p.MadeUp {
			res.MadeUp++
		}
	}
	res.Periods = periods
	if !tg.Per.Periodic() {
		res.Actual, res.Required, res.Expected = periods[0].Actual, periods[0].Required, periods[0].Expected
		return res
	}
	res.Required = len(periods)
	for _, p := range periods {
		if p.Met() {
			res.Actual++
		}
		if p.Ended || p.Expected >= p.Required {
			res.Expected++
		}
	}
	return res
}

// makeUp lets each period's count beyond its own quota cover the earliest short periods
// before it.
func makeUp(periods []Period) {
	owed := map[int]int{} // period → what it still lacks
	var short []int
	for i, p := range periods {
		if p.Actual < p.Required {
			owed[i] = p.Required - p.Actual
			short = append(short, i)
			continue
		}
		spare := p.Actual - p.Required
		for spare > 0 && len(short) > 0 {
			j := short[0]
			take := min(spare, owed[j])
			owed[j] -= take
			spare -= take
			if owed[j] == 0 {
				periods[j].MadeUp = true
				short = short[1:]
			}
		}
	}
}

// minMonthDays is the fewest days of a month a term must cover for the month to have a
// quota of its own.
const minMonthDays = 15

// periodsOf splits the term (or the school year) into the periods of per.
func periodsOf(c Calendar, per store.Per) []Period {
	t := c.Term
	switch per {
	case store.PerYear:
		first, last := YearSpan(c)
		return []Period{{First: first, Last: last, Label: t.SchoolYear().String()}}
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

// YearSpan is the days of the term's school year: from its first term's first day to its
// last term's last, and to the end of July while no spring term is entered.
func YearSpan(c Calendar) (first, last store.Date) {
	first, last = c.Term.Start(), c.Term.End()
	spring := c.Term.Week1.Month < 8
	for _, t := range c.Year {
		first, last = minDate(first, t.Start()), maxDate(last, t.End())
		spring = spring || t.Week1.Month < 8
	}
	if !spring {
		last = maxDate(last, c.Term.SchoolYear().Last())
	}
	return first, last
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
