package store

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
)

func (f *fixture) observation() Observation {
	return Observation{TermID: f.term.ID, SchoolID: f.school.ID, TeacherID: f.mentee.ID, ObserverID: f.mentor.ID,
		Subject: "语文", ClassName: "四年级(2)班", Topic: "《观潮》", LessonType: "新授", Kind: "常态课",
		On: MustDate("2026-11-17"), Period: 3}
}

func TestObservations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	in := f.observation()
	in.Scores = []float64{9, 13, 13.5, 18, 13, 13, 9}
	in.Texts = ObservationTexts{Process: "一、导入\n教师出示图片。", Comments: "目标明确。", Highlights: "导入新颖",
		Problems: "练习不足", Suggestions: "精简讲解"}
	in.FollowUp = FollowUp{Action: "重新设计练习", Due: MustDate("2026-12-01")}
	o, err := s.CreateObservation(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if o.Total != 88.5 || o.Grade != GradeGood || o.Week != 12 || o.FollowUp.ID == "" {
		t.Errorf("created: total %v grade %q week %d followup %q", o.Total, o.Grade, o.Week, o.FollowUp.ID)
	}
	got, err := s.Observation(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Texts != in.Texts || got.Topic != "《观潮》" || got.ClassName != "四年级(2)班" || got.Period != 3 ||
		got.Total != 88.5 || len(got.Scores) != 7 || got.Rubric.Total() != 100 || got.FollowUp.Action != "重新设计练习" ||
		got.FollowUp.Due != MustDate("2026-12-01") || got.FollowUp.TeacherID != f.mentee.ID || !got.FollowUp.Open() {
		t.Errorf("Observation() = %+v", got)
	}

	// Lists leave the long texts out.
	list, err := s.Observations(ctx, ObservationFilter{TermID: f.term.ID})
	if err != nil || len(list) != 1 {
		t.Fatalf("Observations() = %v, %v", list, err)
	}
	if list[0].Texts != (ObservationTexts{}) {
		t.Errorf("a list carries texts: %+v", list[0].Texts)
	}

	got.Scores[6] = 10
	got.Texts.Comments = "目标明确，评价到位。"
	got.FollowUp.Action = "重新设计练习，交师傅审阅"
	upd, err := s.UpdateObservation(ctx, got)
	if err != nil {
		t.Fatal(err)
	}
	if upd.Total != 89.5 {
		t.Errorf("total after update = %v", upd.Total)
	}
	got, _ = s.Observation(ctx, o.ID)
	if got.Texts.Comments != "目标明确，评价到位。" || got.FollowUp.Action != "重新设计练习，交师傅审阅" || got.FollowUp.ID != o.FollowUp.ID {
		t.Errorf("after update: %+v", got)
	}
	if n := count(t, s, "followups"); n != 1 {
		t.Errorf("%d follow-ups after an update, want 1", n)
	}
	// Clearing the action takes the follow-up away; a new action brings it back.
	got.FollowUp.Action = ""
	if _, err := s.UpdateObservation(ctx, got); err != nil {
		t.Fatal(err)
	}
	if open, _ := s.OpenFollowUps(ctx, f.mentee.ID); len(open) != 0 {
		t.Errorf("a cleared action is still open: %+v", open)
	}
	if got, _ = s.Observation(ctx, o.ID); got.FollowUp.Action != "" {
		t.Errorf("a cleared action is still on the observation: %+v", got.FollowUp)
	}
	got.FollowUp.Action = "观看名师课堂实录"
	if _, err := s.UpdateObservation(ctx, got); err != nil {
		t.Fatal(err)
	}
	if open, _ := s.OpenFollowUps(ctx, f.mentee.ID); len(open) != 1 || open[0].Action != "观看名师课堂实录" {
		t.Errorf("a new action after clearing: %+v", open)
	}
	if _, err := s.UpdateObservation(ctx, Observation{TermID: f.term.ID}); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateObservation without id: %v", err)
	}
	if _, err := s.Observation(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Observation(nope): %v", err)
	}
}

func TestObservationFilter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	for _, o := range []struct {
		teacher, observer Teacher
		on, subject, kind string
	}{
		{f.mentee, f.mentor, "2026-09-15", "语文", "常态课"},
		{f.mentor, f.mentee, "2026-09-16", "语文", "示范课"},
		{f.mentee, f.zs, "2026-11-17", "数学", "公开课"},
	} {
		in := f.observation()
		in.TeacherID, in.ObserverID, in.On, in.Subject, in.Kind = o.teacher.ID, o.observer.ID, MustDate(o.on), o.subject, o.kind
		if _, err := f.s.CreateObservation(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name   string
		filter ObservationFilter
		want   string // dates, newest first
	}{
		{"all", ObservationFilter{}, "2026-11-17 2026-09-16 2026-09-15"},
		{"teacher", ObservationFilter{TeacherID: f.mentee.ID}, "2026-11-17 2026-09-15"},
		{"observer", ObservationFilter{ObserverID: f.mentee.ID}, "2026-09-16"},
		{"subject", ObservationFilter{Subject: "数学"}, "2026-11-17"},
		{"week", ObservationFilter{TermID: f.term.ID, Week: 3}, "2026-09-16 2026-09-15"},
		{"kind", ObservationFilter{Kind: "示范课"}, "2026-09-16"},
		{"school", ObservationFilter{SchoolID: f.paired.ID}, ""},
		{"limit", ObservationFilter{Limit: 1}, "2026-11-17"},
	}
	for _, tt := range tests {
		list, err := f.s.Observations(ctx, tt.filter)
		if err != nil {
			t.Fatal(err)
		}
		var days []string
		for _, o := range list {
			days = append(days, o.On.String())
		}
		if got := strings.Join(days, " "); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestObservationValidate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	tests := []struct {
		name    string
		change  func(o *Observation)
		field   string
		problem Problem
	}{
		{"no teacher", func(o *Observation) { o.TeacherID = "" }, "teacher", Required},
		{"unknown teacher", func(o *Observation) { o.TeacherID = "nope" }, "teacher", Unknown},
		{"unknown observer", func(o *Observation) { o.ObserverID = "nope" }, "observer", Unknown},
		{"unknown school", func(o *Observation) { o.SchoolID = "nope" }, "school", Unknown},
		{"unknown activity", func(o *Observation) { o.ActivityID = "nope" }, "activity", Unknown},
		{"unknown term", func(o *Observation) { o.TermID = "nope" }, "term", Unknown},
		{"no date", func(o *Observation) { o.On = Date{} }, "date", Required},
		{"date outside term", func(o *Observation) { o.On = MustDate("2027-03-01") }, "date", BadDate},
		{"period", func(o *Observation) { o.Period = 13 }, "period", OutOfRange},
		{"score over max", func(o *Observation) { o.Scores = []float64{11} }, "score:教学目标", OutOfRange},
		{"negative score", func(o *Observation) { o.Scores = []float64{10, -1} }, "score:教学内容", OutOfRange},
		{"NaN score", func(o *Observation) { o.Scores = []float64{math.NaN()} }, "score:教学目标", OutOfRange},
		{"too many scores", func(o *Observation) { o.Scores = make([]float64, 8) }, "scores", OutOfRange},
		{"bad grade", func(o *Observation) { o.GradeOnly, o.Grades = true, []string{"A"} }, "scores", BadValue},
		{"long topic", func(o *Observation) { o.Topic = strings.Repeat("题", MaxShort+1) }, "topic", TooLong},
		{"long process", func(o *Observation) { o.Texts.Process = strings.Repeat("记", MaxLong+1) }, "process", TooLong},
		{"control in comments", func(o *Observation) { o.Texts.Comments = "好\x1b[31m" }, "comments", ControlChars},
		{"bad follow-up date", func(o *Observation) { o.FollowUp = FollowUp{Action: "x", Due: Date{2026, 2, 31}} }, "followup_due", BadDate},
		{"bad rubric", func(o *Observation) {
			o.Rubric = RubricSpec{Dimensions: []Dimension{{Name: "x", Max: 0}}, Bands: []Band{{"优", 0}}}
		}, "max", OutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := f.observation()
			tt.change(&o)
			_, err := f.s.CreateObservation(ctx, o)
			wantField(t, err, tt.field, tt.problem)
		})
	}
	for _, table := range []string{"observations", "observation_texts", "followups"} {
		if n := count(t, f.s, table); n != 0 {
			t.Errorf("invalid observations wrote %d rows to %s", n, table)
		}
	}
	// Multi-line texts keep their newlines and tabs.
	o := f.observation()
	o.Texts.Process = "一、导入\n\t出示图片"
	if _, err := f.s.CreateObservation(ctx, o); err != nil {
		t.Errorf("newlines in the process pane: %v", err)
	}
}

func TestObservationScore(t *testing.T) {
	t.Parallel()
	spec := DefaultRubricSpec()
	tests := []struct {
		name   string
		o      Observation
		total  float64
		grade  string
		scored bool
	}{
		{"full marks", Observation{Scores: []float64{10, 15, 15, 20, 15, 15, 10}}, 100, GradeExcellent, true},
		{"90 is 优", Observation{Scores: []float64{9, 13.5, 13.5, 18, 13.5, 13.5, 9}}, 90, GradeExcellent, true},
		{"89.5 is 良", Observation{Scores: []float64{9, 13.5, 13.5, 18, 13.5, 13, 9}}, 89.5, GradeGood, true},
		{"60 is 中", Observation{Scores: []float64{6, 9, 9, 12, 9, 9, 6}}, 60, GradeFair, true},
		{"59 is 差", Observation{Scores: []float64{6, 9, 9, 12, 9, 9, 5}}, 59, GradePoor, true},
		{"partial", Observation{Scores: []float64{10, 15}}, 25, GradePoor, true},
		{"unscored", Observation{}, 0, "", false},
		{"grades", Observation{GradeOnly: true, Grades: []string{"优", "优", "优", "优", "优", "优", "优"}}, 95, GradeExcellent, true},
		{"mixed grades", Observation{GradeOnly: true, Grades: []string{"良", "良", "良", "良", "良", "良", "良"}}, 85, GradeGood, true},
		{"no grades", Observation{GradeOnly: true, Grades: []string{"", ""}}, 0, "", false},
	}
	for _, tt := range tests {
		o := tt.o
		o.Rubric = spec
		o.Score()
		if o.Total != tt.total || o.Grade != tt.grade {
			t.Errorf("%s: total %v grade %q, want %v %q", tt.name, o.Total, o.Grade, tt.total, tt.grade)
		}
	}
}

func TestGradeForBands(t *testing.T) {
	t.Parallel()
	lenient := DefaultRubricSpec()
	lenient.Bands = []Band{{"优", 90}, {"良", 75}, {"中", 60}, {"差", 0}}
	half := RubricSpec{Dimensions: []Dimension{{Name: "a", Max: 25}, {Name: "b", Max: 25}}, Bands: DefaultRubricSpec().Bands}
	tests := []struct {
		spec  RubricSpec
		total float64
		want  string
	}{
		{DefaultRubricSpec(), 76, GradeFair},
		{lenient, 76, GradeGood},
		{half, 45, GradeExcellent}, // 90 % of a 50-point rubric
		{half, 44.5, GradeGood},
		{RubricSpec{}, 50, ""},
	}
	for _, tt := range tests {
		if got := tt.spec.GradeFor(tt.total); got != tt.want {
			t.Errorf("GradeFor(%v) on %v = %q, want %q", tt.total, tt.spec.Bands, got, tt.want)
		}
	}
}

func TestFollowUps(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	first := f.observation()
	first.On = MustDate("2026-10-13")
	first.FollowUp = FollowUp{Action: "写教学反思", Due: MustDate("2026-10-27")}
	o1, err := s.CreateObservation(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	second := f.observation()
	second.FollowUp = FollowUp{Action: "重新设计练习", Due: MustDate("2026-12-01")}
	secondSaved, err := s.CreateObservation(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	none := f.observation()
	none.TeacherID = f.zs.ID
	if _, err := s.CreateObservation(ctx, none); err != nil {
		t.Fatal(err)
	}
	open, err := s.OpenFollowUps(ctx, f.mentee.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 2 || open[0].Action != "写教学反思" || open[1].Action != "重新设计练习" {
		t.Fatalf("OpenFollowUps = %+v", open)
	}
	if zs, _ := s.OpenFollowUps(ctx, f.zs.ID); len(zs) != 0 {
		t.Errorf("an observation without an action made a follow-up: %+v", zs)
	}
	if err := s.CloseFollowUp(ctx, o1.FollowUp.ID, MustDate("2026-10-25"), "反思已交"); err != nil {
		t.Fatal(err)
	}
	open, _ = s.OpenFollowUps(ctx, f.mentee.ID)
	if len(open) != 1 || open[0].Action != "重新设计练习" {
		t.Errorf("after closing one: %+v", open)
	}
	// A deleted observation's action is not open while it is deleted, and is again once restored.
	if err := s.Delete(ctx, KindObservation, secondSaved.ID); err != nil {
		t.Fatal(err)
	}
	if open, _ = s.OpenFollowUps(ctx, f.mentee.ID); len(open) != 0 {
		t.Errorf("a deleted observation's action is open: %+v", open)
	}
	if err := s.Restore(ctx, KindObservation, secondSaved.ID); err != nil {
		t.Fatal(err)
	}
	if open, _ = s.OpenFollowUps(ctx, f.mentee.ID); len(open) != 1 || open[0].Action != "重新设计练习" {
		t.Errorf("after restoring: %+v", open)
	}
	got, _ := s.Observation(ctx, o1.ID)
	if got.FollowUp.Open() || got.FollowUp.ClosedOn != MustDate("2026-10-25") || got.FollowUp.ClosedNote != "反思已交" {
		t.Errorf("closed follow-up = %+v", got.FollowUp)
	}
	if err := s.CloseFollowUp(ctx, "nope", MustDate("2026-10-25"), ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("CloseFollowUp(nope): %v", err)
	}
	wantField(t, s.CloseFollowUp(ctx, o1.FollowUp.ID, Date{}, ""), "closed_on", Required)
	wantField(t, s.CloseFollowUp(ctx, o1.FollowUp.ID, MustDate("2026-10-25"), strings.Repeat("x", MaxNote+1)), "closed_note", TooLong)
}

func TestRubrics(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := MustOpen(t)
	spec := RubricSpec{
		Dimensions: []Dimension{{Name: "教学设计", Max: 50}, {Name: "课堂实施", Max: 50}},
		Bands:      []Band{{"优", 90}, {"良", 75}, {"中", 60}, {"差", 0}},
	}
	r, err := s.CreateRubric(ctx, Rubric{Name: "说课评分表", Spec: spec, IsDefault: true, Full: 100})
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.Rubrics(ctx)
	if err != nil || len(list) != 2 || list[0].ID != r.ID || !list[0].IsDefault || list[1].IsDefault {
		t.Fatalf("Rubrics() after a new default = %+v, %v", list, err)
	}
	old := list[1]
	if def, _ := s.DefaultRubric(ctx); def.ID != r.ID {
		t.Errorf("DefaultRubric() = %s, want the new one", def.Name)
	}
	// Making the old one default again takes the mark off the new one.
	old.IsDefault = true
	old.Name = "默认评课量表（修订）"
	if _, err := s.UpdateRubric(ctx, old); err != nil {
		t.Fatal(err)
	}
	list, _ = s.Rubrics(ctx)
	defaults := 0
	for _, x := range list {
		if x.IsDefault {
			defaults++
		}
	}
	if defaults != 1 || list[0].ID != old.ID || list[0].Name != "默认评课量表（修订）" {
		t.Errorf("after UpdateRubric: %d defaults, first %s", defaults, list[0].Name)
	}
	if _, err := s.UpdateRubric(ctx, Rubric{Name: "x", Spec: spec, Full: 100}); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateRubric without id: %v", err)
	}

	tests := []struct {
		name    string
		r       Rubric
		field   string
		problem Problem
	}{
		{"no name", Rubric{Spec: spec, Full: 100}, "name", Required},
		{"no dimensions", Rubric{Name: "x", Spec: RubricSpec{Bands: spec.Bands}, Full: 100}, "dimensions", OutOfRange},
		{"unnamed dimension", Rubric{Name: "x", Spec: RubricSpec{Dimensions: []Dimension{{Max: 10}}, Bands: spec.Bands}, Full: 10}, "dimension", Required},
		{"max over 100", Rubric{Name: "x", Spec: RubricSpec{Dimensions: []Dimension{{Name: "a", Max: 101}}, Bands: spec.Bands}, Full: 101}, "max", OutOfRange},
		{"no bands", Rubric{Name: "x", Spec: RubricSpec{Dimensions: spec.Dimensions}, Full: 100}, "bands", Required},
		{"bands not descending", Rubric{Name: "x", Spec: RubricSpec{Dimensions: spec.Dimensions, Bands: []Band{{"优", 60}, {"良", 80}}}, Full: 100}, "band_min", OutOfRange},
		{"maxima not adding up", Rubric{Name: "x", Spec: spec, Full: 90}, "full", Mismatch},
		{"no full marks", Rubric{Name: "x", Spec: spec}, "full", OutOfRange},
		{"a dimension twice", Rubric{Name: "x", Spec: RubricSpec{Dimensions: []Dimension{{Name: "a", Max: 50}, {Name: "a", Max: 50}}, Bands: spec.Bands}, Full: 100}, "dimension", Duplicate},
		{"overlong points", Rubric{Name: "x", Spec: RubricSpec{Dimensions: []Dimension{{Name: "a", Max: 100, Points: strings.Repeat("要", MaxNote+1)}}, Bands: spec.Bands}, Full: 100}, "points", TooLong},
		{"a name taken", Rubric{Name: "说课评分表", Spec: spec, Full: 100}, "name", Duplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreateRubric(ctx, tt.r)
			wantField(t, err, tt.field, tt.problem)
		})
	}
}
