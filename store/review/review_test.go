package review_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"termbook/store"
	"termbook/store/review"
	"termbook/store/storetest"
)

// fixture is a term (第1周 from Monday 2026-08-31, 20 weeks, ending 2027-01-17) with two
// schools in a pairing, a pair whose mentee has done some of the work and a pair with nothing.
type fixture struct {
	s                  *store.Store
	term               store.Term
	pair1, pair2       store.MentorPair
	mentor, mentee, x  store.Teacher
	schoolPair         store.SchoolPair
	schoolA, schoolB   store.School
	typeByCode         map[string]store.ActivityType
	openLesson, joint  store.Activity
	outreach, research store.Activity
}

func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func newFixture(t testing.TB) *fixture {
	ctx := context.Background()
	s, err := store.Open(ctx, t.TempDir()+"/review.db", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := &fixture{s: s, typeByCode: map[string]store.ActivityType{}}
	f.term = must[store.Term](t)(s.CreateTerm(ctx, store.Term{Name: "2026—2027学年第一学期", Week1: storetest.Date("2026-08-31"), Weeks: 20}))
	f.schoolA = must[store.School](t)(s.CreateSchool(ctx, store.School{Name: "定边第五小学"}))
	f.schoolB = must[store.School](t)(s.CreateSchool(ctx, store.School{Name: "侯庄小学"}))
	f.schoolPair = must[store.SchoolPair](t)(s.CreateSchoolPair(ctx, store.SchoolPair{SupportingID: f.schoolA.ID, SupportedID: f.schoolB.ID, AgreedOn: storetest.Date("2026-09-01"), CycleYears: 3}))
	teacher := func(name string, school store.School) store.Teacher {
		return must[store.Teacher](t)(s.CreateTeacher(ctx, store.Teacher{SchoolID: school.ID, Name: name, Subjects: []string{"语文"}}))
	}
	f.mentor, f.mentee, f.x = teacher("王晓梅", f.schoolA), teacher("李小红", f.schoolB), teacher("赵刚", f.schoolA)
	y := teacher("孙丽", f.schoolB)
	f.pair1 = must[store.MentorPair](t)(s.CreateMentorPair(ctx, store.MentorPair{TermID: f.term.ID, MentorID: f.mentor.ID, MenteeID: f.mentee.ID, Subject: "语文"}))
	f.pair2 = must[store.MentorPair](t)(s.CreateMentorPair(ctx, store.MentorPair{TermID: f.term.ID, MentorID: f.x.ID, MenteeID: y.ID, Subject: "语文"}))

	observe := func(day string, observer, taught store.Teacher) {
		must[store.Observation](t)(s.CreateObservation(ctx, store.Observation{TermID: f.term.ID, SchoolID: taught.SchoolID,
			TeacherID: taught.ID, ObserverID: observer.ID, On: storetest.Date(day)}))
	}
	observe("2026-09-02", f.mentee, f.mentor)
	observe("2026-09-09", f.mentee, f.x)
	observe("2026-09-16", f.mentee, f.mentor)
	observe("2026-10-14", f.mentee, f.mentor)
	observe("2026-09-10", f.x, f.mentee)
	observe("2026-10-20", f.x, f.mentee)
	for _, day := range []string{"2026-09-05", "2026-10-08"} {
		must[store.Guidance](t)(s.CreateGuidance(ctx, store.Guidance{MentorPairID: f.pair1.ID, On: storetest.Date(day), Form: store.FormTalk, Content: "谈教案"}))
	}
	must[store.Handin](t)(s.CreateHandin(ctx, store.Handin{TermID: f.term.ID, TeacherID: f.mentee.ID, KindID: kindID(store.KindLessonPlan), On: storetest.Date("2026-09-20")}))
	must[store.Handin](t)(s.CreateHandin(ctx, store.Handin{TermID: f.term.ID, TeacherID: f.x.ID, KindID: kindID(store.KindReadingNotes), On: storetest.Date("2026-10-10")}))
	// The mentor's lecture materials, handed in and checked; the mentee's reflection, not yet.
	must[store.Handin](t)(s.CreateHandin(ctx, store.Handin{TermID: f.term.ID, TeacherID: f.mentor.ID, KindID: kindID(store.KindLecture),
		On: storetest.Date("2026-10-09"), CheckedBy: "黄德明"}))
	must[store.Handin](t)(s.CreateHandin(ctx, store.Handin{TermID: f.term.ID, TeacherID: f.mentee.ID, KindID: kindID(store.KindReflection),
		On: storetest.Date("2026-10-09")}))

	types := must[[]store.ActivityType](t)(s.ActivityTypes(ctx))
	for _, ty := range types {
		f.typeByCode[ty.Code] = ty
	}
	activity := func(code string, sched store.Schedule, done string, schools ...store.School) store.Activity {
		a := store.Activity{TermID: f.term.ID, TypeID: f.typeByCode[code].ID, Title: f.typeByCode[code].Name, Sched: sched}
		for _, sc := range schools {
			a.SchoolIDs = append(a.SchoolIDs, sc.ID)
		}
		a = must[store.Activity](t)(s.CreateActivity(ctx, a))
		if done != "" {
			a = must[store.Activity](t)(s.MarkDone(ctx, a.ID, storetest.Date(done), ""))
		}
		return a
	}
	f.joint = activity(store.TypeJointMeeting, store.OnDate(storetest.Date("2026-09-25")), "2026-09-25", f.schoolA, f.schoolB)
	f.outreach = activity(store.TypeOutreach, store.InMonth(store.Month{Year: 2026, Month: 10}), "2026-10-15", f.schoolB)
	f.research = activity(store.TypeResearchMeeting, store.OnDate(storetest.Date("2026-09-07")), "2026-09-07", f.schoolA)
	f.openLesson = activity(store.TypeOpenLesson, store.InWeek(3), "", f.schoolA)

	must[store.TermGrade](t)(s.SetTermGrade(ctx, store.TermGrade{TermID: f.term.ID, OwnerKind: store.ScopeMentorPair, OwnerID: f.pair1.ID, Grade: store.Good}))
	return f
}

func kindID(code string) string { return store.BuiltinHandinKindID(code) }

func (f *fixture) review(t *testing.T, day string) review.Review {
	t.Helper()
	r, err := review.Compute(context.Background(), f.s, f.term, storetest.Date(day))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// want is one target's expected numbers.
type want struct {
	actual, required, expected int
	status                     review.Status
}

func checkResults(t *testing.T, who string, got []review.Result, wants map[store.Metric]want) {
	t.Helper()
	if len(got) != len(wants) {
		t.Errorf("%s: %d results, want %d", who, len(got), len(wants))
	}
	for _, r := range got {
		w, ok := wants[r.Target.Metric]
		if !ok {
			t.Errorf("%s: unexpected target %s", who, r.Target.Metric)
			continue
		}
		g := want{r.Actual, r.Required, r.Expected, r.Status}
		if g != w {
			t.Errorf("%s %s: got actual/required/expected/status %d/%d/%d/%s, want %d/%d/%d/%s",
				who, r.Target.Metric, g.actual, g.required, g.expected, g.status, w.actual, w.required, w.expected, w.status)
		}
	}
}

func pairReview(t *testing.T, r review.Review, id string) review.PairReview {
	t.Helper()
	for _, p := range r.Pairs {
		if p.Pair.ID == id {
			return p
		}
	}
	t.Fatalf("pair %s missing from the review", id)
	return review.PairReview{}
}

func teacherReview(t *testing.T, r review.Review, id string) review.TeacherReview {
	t.Helper()
	for _, x := range r.Teachers {
		if x.Teacher.ID == id {
			return x
		}
	}
	t.Fatalf("teacher %s missing from the review", id)
	return review.TeacherReview{}
}

func TestReviewAtTermStart(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.review(t, "2026-08-31")
	if r.Elapsed != 1.0/140 {
		t.Errorf("elapsed %v, want 1/140", r.Elapsed)
	}
	// Nothing is expected yet on the first day, so the empty pair is on track.
	p2 := pairReview(t, r, f.pair2.ID)
	checkResults(t, "pair2", p2.Results, map[store.Metric]want{
		store.MetricMenteeObservations: {0, 10, 0, review.OnTrack},
		store.MetricObservesMentor:     {0, 8, 0, review.OnTrack},
		store.MetricTaughtObserved:     {0, 8, 0, review.OnTrack},
		store.MetricLessonPlans:        {0, 3, 0, review.OnTrack},
		store.MetricGuidanceMonthly:    {0, 5, 0, review.OnTrack},
	})
	if p2.Status != review.OnTrack {
		t.Errorf("pair2 status %s, want on_track", p2.Status)
	}
	sp := r.SchoolPairs[0]
	checkResults(t, "school pair", sp.Results, map[store.Metric]want{
		store.MetricJointMeetings:  {1, 2, 0, review.OnTrack},
		store.MetricPairingMonthly: {2, 5, 0, review.OnTrack}, // already entered for September and October
	})
}

func TestReviewMidTerm(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// Sunday of 第7周: 49 of the term's 140 days have begun.
	r := f.review(t, "2026-10-18")
	if r.Elapsed != 49.0/140 {
		t.Errorf("elapsed %v, want 49/140", r.Elapsed)
	}
	p1 := pairReview(t, r, f.pair1.ID)
	checkResults(t, "pair1", p1.Results, map[store.Metric]want{
		// Weeks 1–2: 2, 3–4: 1, 5–6: none (ended: not met), 7–8: 1, so 3 of 10 fortnights
		// have theirs; 4 should by today (3 ended, and half of weeks 7–8 has passed).
		store.MetricMenteeObservations: {3, 10, 4, review.Short},
		store.MetricObservesMentor:     {3, 8, 3, review.OnTrack}, // 8 × 0.35 = 2.8 → 3
		store.MetricTaughtObserved:     {2, 8, 3, review.Behind},
		store.MetricLessonPlans:        {1, 3, 1, review.OnTrack},
		// August's single day joins September; September and October each have one.
		store.MetricGuidanceMonthly: {2, 5, 2, review.OnTrack},
	})
	if p1.Status != review.Short {
		t.Errorf("pair1 status %s, want short", p1.Status)
	}
	if p1.Grade != store.Good {
		t.Errorf("pair1 grade %q, want good", p1.Grade)
	}
	// The pair's checklist: the mentor's 书面总结, 讲座资料, 示范课教案, then the mentee's 教案,
	// 教学反思, 心得体会, each as the hand-ins say.
	var got []string
	for _, e := range p1.Checklist {
		who := "mentee"
		if e.TeacherID == f.mentor.ID {
			who = "mentor"
		}
		got = append(got, fmt.Sprintf("%s %s %s %d/%d", who, e.Kind.Code, e.State, e.Checked, e.HandedIn))
	}
	wantItems := []string{"mentee lesson_plan handed_in 0/1", "mentee reflection handed_in 0/1", "mentee insights missing 0/0",
		"mentor summary missing 0/0", "mentor lecture checked 1/1", "mentor demo_plan missing 0/0"}
	slices.Sort(got)
	slices.Sort(wantItems)
	if !slices.Equal(got, wantItems) {
		t.Errorf("pair1 checklist = %q, want %q", got, wantItems)
	}
	if e := teacherReview(t, r, f.mentor.ID); !e.Mentor || e.Mentee || len(e.Checklist) != 4 {
		t.Errorf("the mentor's own checklist = %+v (mentor %v, mentee %v), want reading notes and the three of a mentor", e.Checklist, e.Mentor, e.Mentee)
	}
	if p1.Results[0].Count != 4 {
		t.Errorf("pair1 mentee observations count %d, want 4", p1.Results[0].Count)
	}
	periods := p1.Results[0].Periods
	if len(periods) != 10 || periods[2].Label != "w5-6" || !periods[2].Ended || periods[2].Actual != 0 || periods[3].Ended {
		t.Errorf("mentee observation periods = %+v", periods)
	}

	x := teacherReview(t, r, f.x.ID)
	checkResults(t, "赵刚", x.Results, map[store.Metric]want{store.MetricReadingNotes: {1, 1, 0, review.Met}})
	if x.Given != 2 || x.Received != 1 {
		t.Errorf("赵刚 gave %d and received %d observations, want 2 and 1", x.Given, x.Received)
	}
	e := teacherReview(t, r, f.mentee.ID)
	checkResults(t, "李小红", e.Results, map[store.Metric]want{store.MetricReadingNotes: {0, 1, 0, review.OnTrack}})

	sp := r.SchoolPairs[0]
	checkResults(t, "school pair", sp.Results, map[store.Metric]want{
		store.MetricJointMeetings:  {1, 2, 1, review.OnTrack}, // 2 × 0.35 = 0.7 → 1
		store.MetricPairingMonthly: {2, 5, 2, review.OnTrack}, // the research meeting names one school only
	})

	// Both pairs are short; a pair with nothing done sorts with them, worst first.
	if r.Pairs[0].Status != review.Short || r.Pairs[1].Status != review.Short {
		t.Errorf("pair statuses %s, %s; want both short", r.Pairs[0].Status, r.Pairs[1].Status)
	}

	// Activities per month: August (1 day), September: 3 planned (the open lesson of 第3周
	// is overdue), 2 done; October: the outreach, done.
	months := map[string]review.ActivityTally{}
	for _, m := range r.ByMonth {
		months[m.Month.String()] = m
	}
	if len(r.ByMonth) != 6 {
		t.Errorf("%d months, want 6 (Aug–Jan)", len(r.ByMonth))
	}
	for month, w := range map[string][3]int{"2026-09": {3, 2, 1}, "2026-10": {1, 1, 0}, "2026-11": {0, 0, 0}} {
		m := months[month]
		if got := [3]int{m.Planned, m.Done, m.Overdue}; got != w {
			t.Errorf("%s planned/done/overdue = %v, want %v", month, got, w)
		}
	}
	types := map[string]review.ActivityTally{}
	for _, ty := range r.ByType {
		types[ty.Type.Code] = ty
	}
	if len(r.ByType) != 4 || types[store.TypeOpenLesson].Overdue != 1 || types[store.TypeJointMeeting].Done != 1 {
		t.Errorf("by type = %+v", r.ByType)
	}
}

func TestReviewAfterTermEnd(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.review(t, "2027-01-20")
	if r.Elapsed != 1 {
		t.Errorf("elapsed %v, want 1", r.Elapsed)
	}
	p1 := pairReview(t, r, f.pair1.ID)
	checkResults(t, "pair1", p1.Results, map[store.Metric]want{
		store.MetricMenteeObservations: {3, 10, 10, review.Short},
		store.MetricObservesMentor:     {3, 8, 8, review.Short},
		store.MetricTaughtObserved:     {2, 8, 8, review.Short},
		store.MetricLessonPlans:        {1, 3, 3, review.Short},
		store.MetricGuidanceMonthly:    {2, 5, 5, review.Short},
	})
	x := teacherReview(t, r, f.x.ID)
	checkResults(t, "赵刚", x.Results, map[store.Metric]want{store.MetricReadingNotes: {1, 1, 1, review.Met}})
	e := teacherReview(t, r, f.mentee.ID)
	checkResults(t, "李小红", e.Results, map[store.Metric]want{store.MetricReadingNotes: {0, 1, 1, review.Short}})
	// Teachers sort worst first: the ones without reading notes before 赵刚.
	if last := r.Teachers[len(r.Teachers)-1]; last.Teacher.ID != f.x.ID {
		t.Errorf("last teacher %s, want 赵刚 (the only one met)", last.Teacher.Name)
	}
	checkResults(t, "school pair", r.SchoolPairs[0].Results, map[store.Metric]want{
		store.MetricJointMeetings:  {1, 2, 2, review.Short},
		store.MetricPairingMonthly: {2, 5, 5, review.Short},
	})
}

func TestTargetsAreConfigurable(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	targets := must[[]store.Target](t)(f.s.Targets(ctx, f.term.ID))
	changed := 0
	for _, tg := range targets {
		if tg.Metric == store.MetricObservesMentor {
			if tg.Required == 3 {
				t.Fatalf("the default already requires 3: %+v", tg)
			}
			tg.Required = 3
			must[store.Target](t)(f.s.UpdateTarget(ctx, tg))
			changed++
		}
	}
	if changed != 1 {
		t.Fatalf("%d targets count observing the mentor, want 1", changed)
	}
	p1 := pairReview(t, f.review(t, "2026-10-18"), f.pair1.ID)
	judged := 0
	for _, r := range p1.Results {
		if r.Target.Metric == store.MetricObservesMentor {
			judged++
			if r.Required != 3 || r.Status != review.Met {
				t.Errorf("observes mentor with 3 required: %+v", r)
			}
		}
	}
	if judged != 1 {
		t.Errorf("the pair's review judges observing the mentor %d times, want once", judged)
	}
}

func TestJudgeTwoWeekBoundaries(t *testing.T) {
	t.Parallel()
	term := store.Term{Name: "t", Week1: storetest.Date("2026-08-31"), Weeks: 3}
	tg := store.Target{Metric: store.MetricMenteeObservations, Scope: store.ScopeMentorPair, Required: 1, Per: store.PerTwoWeeks}
	tests := []struct {
		today string
		days  []string
		want  review.Status
		exp   int
	}{
		{"2026-09-06", nil, review.Behind, 1},                               // day 7 of 14: half a quota rounds up to one
		{"2026-09-05", nil, review.OnTrack, 0},                              // day 6 of 14
		{"2026-09-13", []string{"2026-09-13"}, review.OnTrack, 1},           // first period met, second not begun
		{"2026-09-14", []string{"2026-09-13"}, review.OnTrack, 1},           // the odd last week has just begun
		{"2026-09-14", nil, review.Short, 1},                                // weeks 1–2 ended empty
		{"2026-09-21", []string{"2026-09-01", "2026-09-20"}, review.Met, 2}, // after the term, all met
	}
	for _, tt := range tests {
		var days []store.DayCount
		for _, d := range tt.days {
			days = append(days, store.DayCount{Day: storetest.Date(d), N: 1})
		}
		got := review.Judge(review.Calendar{Term: term}, tg, days, storetest.Date(tt.today))
		if got.Status != tt.want || got.Expected != tt.exp {
			t.Errorf("today %s with %v: status %s expected %d, want %s %d", tt.today, tt.days, got.Status, got.Expected, tt.want, tt.exp)
		}
		if len(got.Periods) != 2 || got.Periods[1].Label != "w3" || got.Required != 2 {
			t.Errorf("periods %+v, required %d", got.Periods, got.Required)
		}
	}
}
