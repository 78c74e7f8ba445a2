package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// talkRubric is a 说课 rubric: four dimensions with their 评价要点, 100 points.
func talkRubric(subject string) Rubric {
	return Rubric{Name: "说课评价表", Subject: subject, Full: 100, Spec: RubricSpec{
		Dimensions: []Dimension{
			{Name: "说教材", Max: 25, Points: "教材地位作用分析准确；目标具体、可检测；重难点把握恰当"},
			{Name: "说学情", Max: 15, Points: "了解学生已有知识和经验"},
			{Name: "说教法学法", Max: 25, Points: "方法得当，体现学生主体"},
			{Name: "说教学过程", Max: 35, Points: "环节清楚，设计意图明确，板书合理"},
		},
		Bands: DefaultRubricSpec().Bands,
	}}
}

// A subject's own rubric scores that subject's observations unless another is picked; the
// school's default scores the rest; a retired rubric is picked no more, while the
// observations scored with it keep it.
func TestRubricPerSubject(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	def, err := s.DefaultRubric(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if def.Full != 100 || !def.Active || def.Name != DefaultRubricName {
		t.Errorf("default rubric = %+v", def)
	}
	chinese, err := s.CreateRubric(ctx, talkRubric("语文"))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.RubricFor(ctx, "语文"); got.ID != chinese.ID {
		t.Errorf("RubricFor(语文) = %s, want the subject's own", got.Name)
	}
	if got, _ := s.RubricFor(ctx, "数学"); got.ID != def.ID {
		t.Errorf("RubricFor(数学) = %s, want the default", got.Name)
	}

	// An observation without a rubric gets its subject's, with the 评价要点.
	o, err := s.CreateObservation(ctx, f.observation())
	if err != nil {
		t.Fatal(err)
	}
	if o.RubricID != chinese.ID || len(o.Rubric.Dimensions) != 4 || o.Rubric.Dimensions[0].Points == "" {
		t.Errorf("observation of 语文 scored with %s %+v", o.RubricID, o.Rubric)
	}
	// One of another subject gets the default; one that picks a rubric keeps its pick.
	m := f.observation()
	m.Subject = "数学"
	if m, err = s.CreateObservation(ctx, m); err != nil || m.RubricID != def.ID || m.Rubric.Total() != 100 || len(m.Rubric.Dimensions) != 7 {
		t.Errorf("observation of 数学: rubric %s, %v", m.RubricID, err)
	}
	p := f.observation()
	p.RubricID = def.ID
	if p, err = s.CreateObservation(ctx, p); err != nil || p.RubricID != def.ID || len(p.Rubric.Dimensions) != 7 {
		t.Errorf("observation that picked the default: rubric %s, %v", p.RubricID, err)
	}
	got, err := s.Observation(ctx, o.ID)
	if err != nil || got.RubricID != chinese.ID || got.Rubric.Dimensions[3].Points != "环节清楚，设计意图明确，板书合理" {
		t.Errorf("read back: rubric %s %+v, %v", got.RubricID, got.Rubric.Dimensions, err)
	}

	// Retired, the subject's rubric is no longer picked nor offered to new observations.
	chinese.Active = false
	if chinese, err = s.UpdateRubric(ctx, chinese); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.RubricFor(ctx, "语文"); got.ID != def.ID {
		t.Errorf("RubricFor(语文) after retiring = %s, want the default", got.Name)
	}
	q := f.observation()
	q.RubricID = chinese.ID
	_, err = s.CreateObservation(ctx, q)
	wantField(t, err, "rubric", Retired)
	// The observation scored with it is edited as before, with its copy.
	got.Topic = "《观潮》第二课时"
	if got, err = s.UpdateObservation(ctx, got); err != nil || got.RubricID != chinese.ID || len(got.Rubric.Dimensions) != 4 {
		t.Errorf("editing an observation of a retired rubric: %v", err)
	}
	// A second 语文 rubric may be made now the first is retired; reinstating the first would
	// then give the subject two.
	second, err := s.CreateRubric(ctx, Rubric{Name: "语文课堂评价表", Subject: "语文", Full: 100, Spec: DefaultRubricSpec()})
	if err != nil {
		t.Fatal(err)
	}
	chinese.Active = true
	_, err = s.UpdateRubric(ctx, chinese)
	wantField(t, err, "subject", Duplicate)
	if got, _ := s.RubricFor(ctx, "语文"); got.ID != second.ID {
		t.Errorf("RubricFor(语文) = %s, want %s", got.Name, second.Name)
	}
	// An unknown rubric is refused.
	q.RubricID = "nope"
	_, err = s.CreateObservation(ctx, q)
	wantField(t, err, "rubric", Unknown)
}

// The default rubric stays: it cannot be retired or deleted, and stops being the default
// only when another becomes it.
func TestDefaultRubricStays(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := MustOpen(t)
	def, err := s.DefaultRubric(ctx)
	if err != nil {
		t.Fatal(err)
	}
	retired := def
	retired.Active = false
	_, err = s.UpdateRubric(ctx, retired)
	wantField(t, err, "rubric", IsDefault)
	unmarked := def
	unmarked.IsDefault = false
	_, err = s.UpdateRubric(ctx, unmarked)
	wantField(t, err, "rubric", IsDefault)
	wantField(t, s.Delete(ctx, KindRubric, def.ID), "rubric", IsDefault)

	talk, err := s.CreateRubric(ctx, talkRubric(""))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, KindRubric, talk.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Rubrics(ctx); len(list) != 1 {
		t.Errorf("%d rubrics after deleting one, want 1", len(list))
	}
	if err := s.Restore(ctx, KindRubric, talk.ID); err != nil {
		t.Fatal(err)
	}
	// Renamed and with new 评价要点, its maxima still adding up.
	talk.Name = "说课比赛评分表"
	talk.Spec.Dimensions[0].Points = "教材分析透彻"
	talk.Spec.Dimensions[0].Max, talk.Spec.Dimensions[1].Max = 20, 20
	if _, err := s.UpdateRubric(ctx, talk); err != nil {
		t.Fatal(err)
	}
	got, err := s.Rubric(ctx, talk.ID)
	if err != nil || got.Name != "说课比赛评分表" || got.Spec.Dimensions[0].Points != "教材分析透彻" || got.Full != 100 {
		t.Errorf("Rubric() = %+v, %v", got, err)
	}
	// Points that no longer add up are refused, and nothing changes.
	got.Spec.Dimensions[0].Max = 30
	_, err = s.UpdateRubric(ctx, got)
	wantField(t, err, "full", Mismatch)
	if again, _ := s.Rubric(ctx, talk.ID); again.Spec.Dimensions[0].Max != 20 {
		t.Errorf("a refused edit changed the rubric: %+v", again.Spec.Dimensions[0])
	}
	if _, err := s.Rubric(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Rubric(nope): %v", err)
	}
}

// The printed 听课记录表's fields: 课时, 教材/单元 and 总评, checked and kept.
func TestObservationFormFields(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	o := f.observation()
	o.LessonNo, o.Unit, o.Texts.Overall = 2, "人教版四年级上册第一单元", "目标达成较好，建议增加学生练习的时间。"
	o, err := f.s.CreateObservation(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Observation(ctx, o.ID)
	if err != nil || got.LessonNo != 2 || got.Unit != "人教版四年级上册第一单元" || got.Texts.Overall != o.Texts.Overall {
		t.Errorf("read back 课时 %d, 单元 %q, 总评 %q, %v", got.LessonNo, got.Unit, got.Texts.Overall, err)
	}
	list, err := f.s.TermObservations(ctx, f.term.ID)
	if err != nil || len(list) != 1 || list[0].Texts.Overall != o.Texts.Overall || list[0].Unit != o.Unit {
		t.Errorf("TermObservations() = %+v, %v", list, err)
	}
	for _, tt := range []struct {
		name    string
		change  func(*Observation)
		field   string
		problem Problem
	}{
		{"课时 below 0", func(o *Observation) { o.LessonNo = -1 }, "lesson_no", OutOfRange},
		{"课时 too high", func(o *Observation) { o.LessonNo = MaxLessonNo + 1 }, "lesson_no", OutOfRange},
		{"单元 too long", func(o *Observation) { o.Unit = strings.Repeat("单", MaxShort+1) }, "unit", TooLong},
		{"总评 too long", func(o *Observation) { o.Texts.Overall = strings.Repeat("评", MaxNote+1) }, "overall", TooLong},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bad := got
			tt.change(&bad)
			_, err := f.s.UpdateObservation(ctx, bad)
			wantField(t, err, tt.field, tt.problem)
			if again, _ := f.s.Observation(ctx, o.ID); again.LessonNo != 2 || again.Texts.Overall != o.Texts.Overall {
				t.Errorf("a refused edit changed the observation")
			}
		})
	}
}
