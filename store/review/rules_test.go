package review_test

import (
	"context"
	"testing"

	"termbook/store"
	"termbook/store/review"
	"termbook/store/storetest"
)

// target returns the fixture term's target made from metric.
func (f *fixture) target(t *testing.T, m store.Metric) store.Target {
	t.Helper()
	for _, tg := range must[[]store.Target](t)(f.s.Targets(context.Background(), f.term.ID)) {
		if tg.Metric == m {
			return tg
		}
	}
	t.Fatalf("no target %s", m)
	return store.Target{}
}

func resultOf(t *testing.T, results []review.Result, title string) review.Result {
	t.Helper()
	for _, x := range results {
		if x.Target.Title == title {
			return x
		}
	}
	t.Fatalf("no result %q among %d", title, len(results))
	return review.Result{}
}

// TestTeacherRules checks which of a rule's targets judges a teacher: the one for the
// narrowest group the teacher belongs to, the highest quota among several, the one for every
// teacher otherwise, and none when the rule has no target for every teacher.
func TestTeacherRules(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.s
	// 孙丽 is a new teacher; 赵刚 is in the office (行政) and a mentor; 王晓梅 is a mentor.
	sun := must[[]store.Teacher](t)(s.Teachers(ctx))
	for _, te := range sun {
		switch te.Name {
		case "孙丽":
			te.Rank = "新任教师"
		case "赵刚":
			te.Post = "教导主任、行政"
		default:
			continue
		}
		must[store.Teacher](t)(s.UpdateTeacher(ctx, te))
	}
	for _, tg := range []store.Target{
		{Title: "听课", Counts: store.CountObservationsMade, Required: 10},
		{Title: "听课", AppliesTo: "新任教师", Counts: store.CountObservationsMade, Required: 20},
		{Title: "听课", AppliesTo: "行政", Counts: store.CountObservationsMade, Required: 20},
		{Title: "听课", AppliesTo: store.RoleMentor, Counts: store.CountObservationsMade, Required: 12},
		{Title: "教学反思", AppliesTo: store.RoleMentee, Counts: store.CountHandins, KindID: kindID(store.KindReflection), Required: 2},
	} {
		tg.TermID, tg.Scope, tg.Per = f.term.ID, store.ScopeTeacher, store.PerTerm
		must[store.Target](t)(s.CreateTarget(ctx, tg))
	}
	r := f.review(t, "2026-10-18")
	for _, tc := range []struct {
		who        store.Teacher
		required   int
		actual     int
		reflection bool // the mentees' rule applies
	}{
		{f.x, 20, 2, false},      // 行政 (20) beats mentor (12) and everybody (10)
		{f.mentor, 12, 0, false}, // a mentor
		{f.mentee, 10, 4, true},  // a mentee: only the rule for everybody on 听课
	} {
		tr := teacherReview(t, r, tc.who.ID)
		x := resultOf(t, tr.Results, "听课")
		if x.Required != tc.required || x.Actual != tc.actual {
			t.Errorf("%s: 听课 %d/%d, want %d/%d", tc.who.Name, x.Actual, x.Required, tc.actual, tc.required)
		}
		has := false
		for _, y := range tr.Results {
			has = has || y.Target.Title == "教学反思"
		}
		if has != tc.reflection {
			t.Errorf("%s: the mentees' 教学反思 applies: %v, want %v", tc.who.Name, has, tc.reflection)
		}
	}
	for _, tr := range r.Teachers {
		if tr.Teacher.Name == "孙丽" {
			if x := resultOf(t, tr.Results, "听课"); x.Required != 20 {
				t.Errorf("孙丽 (新任教师, a mentee): 听课 quota %d, want 20", x.Required)
			}
		}
	}
}

// TestMakingUp checks that a fortnight missed and made up later reads met when the school
// allows making up, and not met when it does not.
func TestMakingUp(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	// Weeks 1–2: 2, 3–4: 1, 5–6: none, 7–8: 1 so far. A second lesson in weeks 7–8 makes up
	// weeks 5–6.
	must[store.Observation](t)(f.s.CreateObservation(ctx, store.Observation{TermID: f.term.ID, SchoolID: f.x.SchoolID,
		TeacherID: f.x.ID, ObserverID: f.mentee.ID, On: storetest.Date("2026-10-16")}))

	strict := resultOf(t, pairReview(t, f.review(t, "2026-10-18"), f.pair1.ID).Results, "徒弟听课")
	if strict.Status != review.Short || strict.Actual != 3 || strict.MadeUp != 0 {
		t.Errorf("without making up: %d/%d %s, %d made up; want 3/10 short", strict.Actual, strict.Required, strict.Status, strict.MadeUp)
	}

	tg := f.target(t, store.MetricMenteeObservations)
	tg.MakeUp = true
	must[store.Target](t)(f.s.UpdateTarget(ctx, tg))
	x := resultOf(t, pairReview(t, f.review(t, "2026-10-18"), f.pair1.ID).Results, "徒弟听课")
	if x.Status == review.Short || x.Actual != 4 || x.MadeUp != 1 || !x.Periods[2].MadeUp || !x.Periods[2].Met() {
		t.Errorf("made up: %d/%d %s, %d made up, weeks 5–6 %+v; want 4/10, weeks 5–6 made up", x.Actual, x.Required, x.Status, x.MadeUp, x.Periods[2])
	}

	// The pair with nothing done: while the term runs, an empty fortnight can still be made
	// up (behind pace); once the term is over it cannot (not met).
	if y := resultOf(t, pairReview(t, f.review(t, "2026-10-18"), f.pair2.ID).Results, "徒弟听课"); y.Status != review.Behind {
		t.Errorf("pair2 mid-term with making up: %s, want behind", y.Status)
	}
	if y := resultOf(t, pairReview(t, f.review(t, "2027-01-20"), f.pair2.ID).Results, "徒弟听课"); y.Status != review.Short {
		t.Errorf("pair2 after the term: %s, want short", y.Status)
	}
}

func TestJudgeMakeUp(t *testing.T) {
	t.Parallel()
	term := store.Term{Name: "t", Week1: storetest.Date("2026-08-31"), Weeks: 8}
	tg := store.Target{Title: "徒弟听课", Scope: store.ScopeMentorPair, Counts: store.CountObservationsMade, Required: 1, Per: store.PerTwoWeeks, MakeUp: true}
	day := func(s string, n int) store.DayCount { return store.DayCount{Day: storetest.Date(s), N: n} }
	tests := []struct {
		name    string
		days    []store.DayCount
		today   string
		status  review.Status
		actual  int
		madeUp  int
		periods []bool // which fortnights are met
	}{
		// A surplus before a short fortnight does not pay for it: making up comes after.
		{"early surplus", []store.DayCount{day("2026-09-01", 2)}, "2026-09-21", review.Behind, 1, 0, []bool{true, false, false, false}},
		{"caught up", []store.DayCount{day("2026-09-01", 1), day("2026-09-29", 2)}, "2026-09-30", review.OnTrack, 3, 1, []bool{true, true, true, false}},
		{"two made up by one fortnight", []store.DayCount{day("2026-09-29", 3)}, "2026-10-12", review.OnTrack, 3, 2, []bool{true, true, true, false}},
		{"the term over, one still short", []store.DayCount{day("2026-09-01", 1), day("2026-10-20", 2)}, "2026-10-26", review.Short, 3, 1, []bool{true, true, false, true}},
	}
	for _, tt := range tests {
		x := review.Judge(review.Calendar{Term: term}, tg, tt.days, storetest.Date(tt.today))
		var met []bool
		for _, p := range x.Periods {
			met = append(met, p.Met())
		}
		if x.Status != tt.status || x.Actual != tt.actual || x.MadeUp != tt.madeUp || len(met) != len(tt.periods) {
			t.Errorf("%s: %s %d met, %d made up; want %s %d, %d", tt.name, x.Status, x.Actual, x.MadeUp, tt.status, tt.actual, tt.madeUp)
			continue
		}
		for i := range met {
			if met[i] != tt.periods[i] {
				t.Errorf("%s: fortnights met %v, want %v", tt.name, met, tt.periods)
				break
			}
		}
	}
}

// TestYearlyTargets checks a target per school year: counted over the year's two terms,
// never short before the year ends.
func TestYearlyTargets(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.s
	meeting := f.typeByCode[store.TypeMentorMeeting]
	for _, tg := range []store.Target{
		{Title: "见面会", Scope: store.ScopeSchoolPair, Counts: store.CountActivities, TypeID: meeting.ID, Required: 1, Per: store.PerYear},
		{Title: "例会", Scope: store.ScopeSchoolPair, Counts: store.CountActivities, TypeID: f.typeByCode[store.TypeJointMeeting].ID, Required: 3, Per: store.PerYear},
		{Title: "全年指导", Scope: store.ScopeMentorPair, Counts: store.CountGuidance, Required: 3, Per: store.PerYear},
	} {
		tg.TermID = f.term.ID
		must[store.Target](t)(s.CreateTarget(ctx, tg))
	}
	a := must[store.Activity](t)(s.CreateActivity(ctx, store.Activity{TermID: f.term.ID, TypeID: meeting.ID, Title: "结对见面会",
		Sched: store.OnDate(storetest.Date("2026-10-20")), SchoolIDs: []string{f.schoolA.ID, f.schoolB.ID}}))
	must[store.Activity](t)(s.MarkDone(ctx, a.ID, storetest.Date("2026-10-20"), ""))

	autumn := f.review(t, "2026-12-01")
	sp := autumn.SchoolPairs[0]
	if x := resultOf(t, sp.Results, "见面会"); x.Status != review.Met || x.Actual != 1 || x.Periods[0].Label != "2026-2027" {
		t.Errorf("见面会 in the autumn: %d/%d %s %q", x.Actual, x.Required, x.Status, x.Periods[0].Label)
	}
	if x := resultOf(t, sp.Results, "例会"); x.Status == review.Short || x.Actual != 1 || x.Periods[0].Last != storetest.Date("2027-07-31") {
		t.Errorf("例会 in the autumn, without a spring term: %d/%d %s until %s", x.Actual, x.Required, x.Status, x.Periods[0].Last)
	}

	// The spring term copies the rules; its year counts the autumn's records too.
	spring := must[store.Term](t)(s.CreateTerm(ctx, store.Term{Name: "2026—2027学年第二学期", Week1: storetest.Date("2027-02-22"), Weeks: 20}))
	pair := must[store.MentorPair](t)(s.CreateMentorPair(ctx, store.MentorPair{TermID: spring.ID, MentorID: f.mentor.ID, MenteeID: f.mentee.ID}))
	must[store.Guidance](t)(s.CreateGuidance(ctx, store.Guidance{MentorPairID: pair.ID, On: storetest.Date("2027-03-02"), Form: store.FormTalk, Content: "谈话"}))
	j := must[store.Activity](t)(s.CreateActivity(ctx, store.Activity{TermID: spring.ID, TypeID: f.typeByCode[store.TypeJointMeeting].ID,
		Title: "联席会议", Sched: store.OnDate(storetest.Date("2027-03-10")), SchoolIDs: []string{f.schoolA.ID, f.schoolB.ID}}))
	must[store.Activity](t)(s.MarkDone(ctx, j.ID, storetest.Date("2027-03-10"), ""))

	r := must[review.Review](t)(review.Compute(ctx, s, spring, storetest.Date("2027-08-02")))
	if len(r.Year) != 2 {
		t.Fatalf("the school year has %d terms, want 2", len(r.Year))
	}
	sp = r.SchoolPairs[0]
	if x := resultOf(t, sp.Results, "见面会"); x.Status != review.Met || x.Actual != 1 {
		t.Errorf("见面会 in the spring: %d/%d %s, want the autumn's meeting met", x.Actual, x.Required, x.Status)
	}
	if x := resultOf(t, sp.Results, "例会"); x.Status != review.Short || x.Actual != 2 || x.Periods[0].Last != spring.End() {
		t.Errorf("例会 after the year: %d/%d %s until %s, want 2/3 short until %s", x.Actual, x.Required, x.Status, x.Periods[0].Last, spring.End())
	}
	// The same mentor and mentee, paired again in the spring: the autumn's two guidance
	// entries and the spring's one.
	if x := resultOf(t, pairReview(t, r, pair.ID).Results, "全年指导"); x.Actual != 3 || x.Status != review.Met {
		t.Errorf("全年指导: %d/%d %s, want 3/3 met", x.Actual, x.Required, x.Status)
	}
}

// TestScoreAndGrade checks the score the weights give, the grade it suggests, and that a
// grade a person gives stands beside it.
func TestScoreAndGrade(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	weights := map[store.Metric]int{store.MetricObservesMentor: 40, store.MetricLessonPlans: 60}
	for m, w := range weights {
		tg := f.target(t, m)
		tg.Weight = w
		must[store.Target](t)(f.s.UpdateTarget(ctx, tg))
	}
	// After the term: observes the mentor 3 of 8, lesson plans 1 of 3:
	// 40 × 3/8 + 60 × 1/3 = 15 + 20 = 35.
	p1 := pairReview(t, f.review(t, "2027-01-20"), f.pair1.ID)
	if g := p1.Scoring; !g.Scored || g.Score != 35 || g.Suggested != store.Fail || g.Given != store.Good || g.Final() != store.Good {
		t.Errorf("pair1 scoring = %+v, want 35, suggested fail, given good", g)
	}
	for _, day := range []string{"2026-09-22", "2026-10-05"} {
		must[store.Handin](t)(f.s.CreateHandin(ctx, store.Handin{TermID: f.term.ID, TeacherID: f.mentee.ID, KindID: kindID(store.KindLessonPlan), On: storetest.Date(day)}))
	}
	for _, day := range []string{"2026-10-21", "2026-11-04", "2026-11-18", "2026-12-02", "2026-12-16"} {
		must[store.Observation](t)(f.s.CreateObservation(ctx, store.Observation{TermID: f.term.ID, SchoolID: f.mentor.SchoolID,
			TeacherID: f.mentor.ID, ObserverID: f.mentee.ID, On: storetest.Date(day)}))
	}
	p1 = pairReview(t, f.review(t, "2027-01-20"), f.pair1.ID)
	if g := p1.Scoring; g.Score != 100 || g.Suggested != store.Excellent {
		t.Errorf("pair1 with everything done: %+v, want 100, excellent", g)
	}
	// Teachers have no weighted target: no score.
	if g := teacherReview(t, f.review(t, "2027-01-20"), f.x.ID).Scoring; g.Scored {
		t.Errorf("a teacher without weighted targets is scored: %+v", g)
	}
}

// TestActivityTargets checks targets counting activities: a teacher's hosted lessons of a
// type, and a school pair's activities that must name both schools.
func TestActivityTargets(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	s := f.s
	open := f.typeByCode[store.TypeOpenLesson]
	for _, tg := range []store.Target{
		{Title: "上公开课", Scope: store.ScopeTeacher, Counts: store.CountActivities, TypeID: open.ID, Required: 1, Per: store.PerTerm},
		{Title: "师傅示范", Scope: store.ScopeMentorPair, AppliesTo: store.RoleMentor, Counts: store.CountActivities, TypeID: open.ID, Required: 1, Per: store.PerTerm},
		{Title: "两校教研", Scope: store.ScopeSchoolPair, Counts: store.CountActivities, TypeID: f.typeByCode[store.TypeResearchMeeting].ID, BothSchools: true, Required: 1, Per: store.PerTerm},
		{Title: "各校教研", Scope: store.ScopeSchoolPair, Counts: store.CountActivities, TypeID: f.typeByCode[store.TypeResearchMeeting].ID, Required: 1, Per: store.PerTerm},
	} {
		tg.TermID = f.term.ID
		must[store.Target](t)(s.CreateTarget(ctx, tg))
	}
	a := f.openLesson
	a.HostID = f.mentor.ID
	a = must[store.Activity](t)(s.UpdateActivity(ctx, a))
	must[store.Activity](t)(s.MarkDone(ctx, a.ID, storetest.Date("2026-09-16"), ""))
	r := f.review(t, "2026-10-18")
	if x := resultOf(t, teacherReview(t, r, f.mentor.ID).Results, "上公开课"); x.Actual != 1 || x.Status != review.Met {
		t.Errorf("the mentor's open lessons: %d %s", x.Actual, x.Status)
	}
	if x := resultOf(t, teacherReview(t, r, f.x.ID).Results, "上公开课"); x.Actual != 0 {
		t.Errorf("赵刚 hosted none, counted %d", x.Actual)
	}
	if x := resultOf(t, pairReview(t, r, f.pair1.ID).Results, "师傅示范"); x.Actual != 1 {
		t.Errorf("pair1's mentor hosted one, counted %d", x.Actual)
	}
	if x := resultOf(t, pairReview(t, r, f.pair2.ID).Results, "师傅示范"); x.Actual != 0 {
		t.Errorf("pair2's mentor hosted none, counted %d", x.Actual)
	}
	// The research meeting names only the supporting school.
	sp := r.SchoolPairs[0]
	if both, one := resultOf(t, sp.Results, "两校教研"), resultOf(t, sp.Results, "各校教研"); both.Actual != 0 || one.Actual != 1 {
		t.Errorf("a one-school research meeting counts %d where both must take part and %d where one may", both.Actual, one.Actual)
	}
}
