package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// obsFixture is a database with one term, two schools and four teachers.
type obsFixture struct {
	s                     *Store
	term                  Term
	five, hou             School
	zhang, li, wang, zhao Teacher
}

func newObsFixture(t *testing.T) obsFixture {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, t.TempDir()+"/obs.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.Now = func() time.Time { return time.Date(2026, 9, 20, 10, 0, 0, 0, time.Local) }
	f := obsFixture{s: s}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f.term, err = s.CreateTerm(ctx, Term{Name: "2026—2027学年第一学期", Week1: MustDate("2026-08-31"), Weeks: 20})
	must(err)
	f.five, err = s.CreateSchool(ctx, School{Name: "定边第五小学", ShortName: "五小"})
	must(err)
	f.hou, err = s.CreateSchool(ctx, School{Name: "侯庄小学"})
	must(err)
	for _, p := range []struct {
		t    *Teacher
		sc   School
		name string
	}{{&f.zhang, f.five, "张三"}, {&f.li, f.five, "李四"}, {&f.wang, f.hou, "王五"}, {&f.zhao, f.hou, "赵六"}} {
		*p.t, err = s.CreateTeacher(ctx, Teacher{SchoolID: p.sc.ID, Name: p.name, Subjects: []string{"语文"}})
		must(err)
	}
	return f
}

func (f obsFixture) observation(teacher, observer Teacher, on string) Observation {
	return Observation{TermID: f.term.ID, SchoolID: teacher.SchoolID, TeacherID: teacher.ID, ObserverID: observer.ID,
		Subject: "语文", Topic: "《春》", Kind: "公开课", On: MustDate(on)}
}

func TestObservationRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newObsFixture(t)
	o := f.observation(f.zhang, f.li, "2026-09-15")
	o.Period = 2
	o.ClassName = "三年级(2)班"
	o.Scores = []float64{9, 13, 12.5, 18, 13, 14, 9}
	o.Texts = ObservationTexts{Process: "导入：图片\n朗读课文", Comments: "节奏紧凑", Highlights: "朗读指导", Problems: "板书乱", Suggestions: "设计板书"}
	o.FollowUp = FollowUp{Action: "板书设计", Due: MustDate("2026-10-10")}
	saved, err := f.s.CreateObservation(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Observation(ctx, saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Week != 3 || got.Total != 88.5 || got.Grade != GradeGood {
		t.Errorf("week, total, grade = %d, %v, %q; want 3, 88.5, 良", got.Week, got.Total, got.Grade)
	}
	if got.Texts != o.Texts {
		t.Errorf("texts = %+v, want %+v", got.Texts, o.Texts)
	}
	if got.FollowUp.Action != "板书设计" || got.FollowUp.Due != MustDate("2026-10-10") || !got.FollowUp.Open() {
		t.Errorf("follow-up = %+v", got.FollowUp)
	}
	if got.ClassName != o.ClassName || got.Period != 2 || got.Topic != "《春》" {
		t.Errorf("header = %+v", got)
	}

	// A date outside the term is refused, naming the date.
	bad := f.observation(f.zhang, f.li, "2027-03-01")
	_, err = f.s.CreateObservation(ctx, bad)
	var inv *InvalidError
	if !errors.As(err, &inv) || inv.Fields[0].Field != "date" {
		t.Errorf("outside the term: err = %v, want a date field error", err)
	}
	// A score over the dimension's maximum is refused, naming the dimension.
	bad = f.observation(f.zhang, f.li, "2026-09-16")
	bad.Scores = []float64{11}
	_, err = f.s.CreateObservation(ctx, bad)
	if !errors.As(err, &inv) || inv.Fields[0].Field != "score:教学目标" || inv.Fields[0].Max != 10 {
		t.Errorf("over the maximum: err = %v", err)
	}
}

func TestObservationFilters(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newObsFixture(t)
	pair, err := f.s.CreateMentorPair(ctx, MentorPair{TermID: f.term.ID, MentorID: f.zhang.ID, MenteeID: f.wang.ID, Subject: "语文"})
	if err != nil {
		t.Fatal(err)
	}
	add := func(teacher, observer Teacher, on, kind string) string {
		o := f.observation(teacher, observer, on)
		o.Kind = kind
		o, err := f.s.CreateObservation(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		return o.ID
	}
	a := add(f.zhang, f.wang, "2026-09-14", "公开课") // the mentee observes the mentor
	b := add(f.wang, f.zhang, "2026-09-22", "汇报课") // the mentor observes the mentee
	c := add(f.li, f.zhao, "2026-09-23", "常态课")
	d := add(f.li, f.wang, "2026-10-05", "常态课")
	tests := []struct {
		name string
		f    ObservationFilter
		want []string
	}{
		{"all, newest first", ObservationFilter{TermID: f.term.ID}, []string{d, c, b, a}},
		{"teacher", ObservationFilter{TeacherID: f.li.ID}, []string{d, c}},
		{"observer", ObservationFilter{ObserverID: f.wang.ID}, []string{d, a}},
		{"week", ObservationFilter{Week: 4}, []string{c, b}},
		{"kind", ObservationFilter{Kind: "汇报课"}, []string{b}},
		{"school", ObservationFilter{SchoolID: f.hou.ID}, []string{b}},
		{"pair", ObservationFilter{PairID: pair.ID}, []string{d, b, a}},
		{"limit", ObservationFilter{Limit: 1}, []string{d}},
	}
	for _, tt := range tests {
		got, err := f.s.Observations(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, o := range got {
			ids = append(ids, o.ID)
			if o.Texts != (ObservationTexts{}) {
				t.Errorf("%s: a list carries long texts", tt.name)
			}
		}
		if len(ids) != len(tt.want) {
			t.Errorf("%s: got %d observations, want %d", tt.name, len(ids), len(tt.want))
			continue
		}
		for i := range ids {
			if ids[i] != tt.want[i] {
				t.Errorf("%s: [%d] = %s, want %s", tt.name, i, ids[i], tt.want[i])
			}
		}
	}
}

func TestRubricSnapshotKeptAfterEdit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newObsFixture(t)
	r, err := f.s.DefaultRubric(ctx)
	if err != nil {
		t.Fatal(err)
	}
	o := f.observation(f.zhang, f.li, "2026-09-15")
	o.Rubric = r.Spec
	o.Scores = []float64{8, 12, 12, 16, 12, 12, 8} // 80: 良 with the default bands
	o, err = f.s.CreateObservation(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	// The school renames a dimension, raises its points and puts 良 at 75.
	r.Spec.Dimensions[0] = Dimension{Name: "目标达成", Max: 20}
	r.Spec.Bands = []Band{{GradeExcellent, 90}, {GradeGood, 75}, {GradeFair, 60}, {GradePoor, 0}}
	r.Full = 110
	if _, err := f.s.UpdateRubric(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Observation(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rubric.Dimensions[0] != (Dimension{Name: "教学目标", NameEn: "Objectives", Max: 10}) || got.Rubric.Bands[1].Min != 80 {
		t.Errorf("old observation's rubric changed: %+v", got.Rubric)
	}
	if got.Total != 80 || got.Grade != GradeGood {
		t.Errorf("total, grade = %v, %q; want 80, 良", got.Total, got.Grade)
	}
	again, err := f.s.DefaultRubric(ctx)
	if err != nil || again.Spec.Dimensions[0].Name != "目标达成" || again.Spec.Bands[1].Min != 75 {
		t.Errorf("rubric after edit = %+v, %v", again.Spec, err)
	}
	// A new observation scored 78 on the edited rubric (full marks 110) is 中 there.
	n := f.observation(f.zhang, f.li, "2026-09-16")
	n.Rubric = again.Spec
	n.Scores = []float64{18, 12, 12, 16, 12, 12, 8}
	n, err = f.s.CreateObservation(ctx, n)
	if err != nil {
		t.Fatal(err)
	}
	if n.Total != 90 || n.Grade != GradeGood { // 90/110 = 81.8%
		t.Errorf("new observation total, grade = %v, %q; want 90, 良", n.Total, n.Grade)
	}
	// A rubric whose bands do not fall is refused.
	r.Spec.Bands = []Band{{GradeExcellent, 60}, {GradeGood, 80}}
	if _, err := f.s.UpdateRubric(ctx, r); !errors.Is(err, ErrInvalid) {
		t.Errorf("rising bands: err = %v, want ErrInvalid", err)
	}
}

func TestGradeBandEdges(t *testing.T) {
	t.Parallel()
	spec := DefaultRubricSpec()
	tests := []struct {
		total float64
		want  string
	}{
		{100, GradeExcellent}, {90, GradeExcellent}, {89.9, GradeGood}, {80, GradeGood}, {79.9, GradeFair},
		{79, GradeFair}, {60, GradeFair}, {59.9, GradePoor}, {59, GradePoor}, {0, GradePoor},
	}
	for _, tt := range tests {
		if got := spec.GradeFor(tt.total); got != tt.want {
			t.Errorf("GradeFor(%v) = %q, want %q", tt.total, got, tt.want)
		}
	}
}

func TestFollowUpsCarryOver(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newObsFixture(t)
	first := f.observation(f.zhang, f.li, "2026-09-08")
	first.FollowUp = FollowUp{Action: "板书设计", Due: MustDate("2026-09-30")}
	first, err := f.s.CreateObservation(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	second := f.observation(f.zhang, f.wang, "2026-09-10")
	second.FollowUp = FollowUp{Action: "提问面向全体", Due: MustDate("2026-09-20")}
	if _, err := f.s.CreateObservation(ctx, second); err != nil {
		t.Fatal(err)
	}
	other := f.observation(f.li, f.zhang, "2026-09-10")
	other.FollowUp = FollowUp{Action: "别人的事"}
	if _, err := f.s.CreateObservation(ctx, other); err != nil {
		t.Fatal(err)
	}
	open, err := f.s.OpenFollowUps(ctx, f.zhang.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 2 || open[0].Action != "提问面向全体" || open[1].Action != "板书设计" {
		t.Fatalf("open follow-ups = %+v, want the two of 张三, soonest due first", open)
	}

	// The next observation closes one and keeps the other, in the same save.
	third := f.observation(f.zhang, f.li, "2026-09-17")
	third.Closing = []FollowUpClosing{{ID: open[1].ID, Note: "板书已改进"}}
	if _, err := f.s.CreateObservation(ctx, third); err != nil {
		t.Fatal(err)
	}
	open, err = f.s.OpenFollowUps(ctx, f.zhang.ID)
	if err != nil || len(open) != 1 || open[0].Action != "提问面向全体" {
		t.Fatalf("after closing: %+v, %v", open, err)
	}
	got, err := f.s.Observation(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.FollowUp.Open() || got.FollowUp.ClosedOn != MustDate("2026-09-17") || got.FollowUp.ClosedNote != "板书已改进" {
		t.Errorf("closed follow-up = %+v", got.FollowUp)
	}

	// Closing an unknown follow-up fails the whole save: the observation is not written.
	fourth := f.observation(f.zhang, f.li, "2026-09-18")
	fourth.Closing = []FollowUpClosing{{ID: "no-such-id"}}
	if _, err := f.s.CreateObservation(ctx, fourth); !errors.Is(err, ErrNotFound) {
		t.Errorf("closing an unknown follow-up: err = %v, want ErrNotFound", err)
	}
	if list, _ := f.s.Observations(ctx, ObservationFilter{TeacherID: f.zhang.ID}); len(list) != 3 {
		t.Errorf("after a failed save there are %d observations of 张三, want 3", len(list))
	}
	if err := f.s.CloseFollowUp(ctx, open[0].ID, MustDate("2026-09-19"), "已落实"); err != nil {
		t.Fatal(err)
	}
	if open, _ := f.s.OpenFollowUps(ctx, f.zhang.ID); len(open) != 0 {
		t.Errorf("after CloseFollowUp: %d open", len(open))
	}
}

func TestMentorPairsAndGuidance(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newObsFixture(t)
	p, err := f.s.CreateMentorPair(ctx, MentorPair{TermID: f.term.ID, MentorID: f.zhang.ID, MenteeID: f.wang.ID, Subject: "语文", Goals: "站稳讲台"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.CreateMentorPair(ctx, MentorPair{TermID: f.term.ID, MentorID: f.li.ID, MenteeID: f.li.ID}); !errors.Is(err, ErrInvalid) {
		t.Errorf("a teacher paired with themself: err = %v, want ErrInvalid", err)
	}
	pairs, err := f.s.MentorPairs(ctx, f.term.ID)
	if err != nil || len(pairs) != 1 || pairs[0].Goals != "站稳讲台" {
		t.Fatalf("pairs = %+v, %v", pairs, err)
	}
	o, err := f.s.CreateObservation(ctx, f.observation(f.wang, f.zhang, "2026-09-15"))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []Guidance{
		{MentorPairID: p.ID, On: MustDate("2026-09-15"), Form: FormReview, Content: "评《春》", Reflection: "要多放手", ObservationID: o.ID},
		{MentorPairID: p.ID, On: MustDate("2026-09-02"), Form: FormTalk, Content: "谈教学常规"},
	} {
		if _, err := f.s.CreateGuidance(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.s.CreateGuidance(ctx, Guidance{MentorPairID: p.ID, On: MustDate("2026-09-03"), Form: "lecture", Content: "x"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown form: err = %v, want ErrInvalid", err)
	}
	if _, err := f.s.CreateGuidance(ctx, Guidance{MentorPairID: p.ID, On: MustDate("2026-09-03"), Form: FormTalk}); !errors.Is(err, ErrInvalid) {
		t.Errorf("no content: err = %v, want ErrInvalid", err)
	}
	log, err := f.s.GuidanceLog(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 || log[0].Content != "评《春》" || log[0].Reflection != "要多放手" || log[0].ObservationID != o.ID || log[1].Form != FormTalk {
		t.Errorf("guidance log = %+v", log)
	}
}

func TestDraftReplacedAndDeleted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newObsFixture(t)
	if err := f.s.SaveDraft(ctx, Draft{Key: "observation:new", Form: "observation", Payload: `{"process":"导入"}`}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SaveDraft(ctx, Draft{Key: "observation:new", Form: "observation", Payload: `{"process":"导入：图片"}`}); err != nil {
		t.Fatal(err)
	}
	ds, err := f.s.Drafts(ctx)
	if err != nil || len(ds) != 1 || ds[0].Payload != `{"process":"导入：图片"}` {
		t.Fatalf("drafts = %+v, %v", ds, err)
	}
	if err := f.s.DeleteDraft(ctx, "observation:new"); err != nil {
		t.Fatal(err)
	}
	if ds, _ := f.s.Drafts(ctx); len(ds) != 0 {
		t.Errorf("after delete: %d drafts", len(ds))
	}
}
