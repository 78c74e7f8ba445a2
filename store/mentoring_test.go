package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestMentorPairs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	p, err := s.CreateMentorPair(ctx, MentorPair{TermID: f.term.ID, MentorID: f.mentor.ID, MenteeID: f.mentee.ID,
		Subject: "语文", Goals: "站稳讲台"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.MentorPair(ctx, p.ID)
	if err != nil || got.MentorID != f.mentor.ID || got.MenteeID != f.mentee.ID || got.Goals != "站稳讲台" {
		t.Fatalf("MentorPair() = %+v, %v", got, err)
	}
	got.Goals = "站稳讲台，上好过关课"
	if _, err := s.UpdateMentorPair(ctx, got); err != nil {
		t.Fatal(err)
	}
	list, err := s.MentorPairs(ctx, f.term.ID)
	if err != nil || len(list) != 1 || list[0].Goals != "站稳讲台，上好过关课" {
		t.Errorf("MentorPairs() = %+v, %v", list, err)
	}
	if _, err := s.UpdateMentorPair(ctx, MentorPair{TermID: f.term.ID}); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateMentorPair without id: %v", err)
	}
	if _, err := s.MentorPair(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("MentorPair(nope): %v", err)
	}

	tests := []struct {
		name    string
		p       MentorPair
		field   string
		problem Problem
	}{
		{"self", MentorPair{TermID: f.term.ID, MentorID: f.mentor.ID, MenteeID: f.mentor.ID}, "mentee", Same},
		{"no mentor", MentorPair{TermID: f.term.ID, MenteeID: f.mentee.ID}, "mentor", Required},
		{"unknown mentee", MentorPair{TermID: f.term.ID, MentorID: f.mentor.ID, MenteeID: "nope"}, "mentee", Unknown},
		{"unknown term", MentorPair{TermID: "nope", MentorID: f.mentor.ID, MenteeID: f.mentee.ID}, "term", Unknown},
		{"long goals", MentorPair{TermID: f.term.ID, MentorID: f.mentor.ID, MenteeID: f.mentee.ID, Goals: strings.Repeat("标", MaxNote+1)}, "goals", TooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreateMentorPair(ctx, tt.p)
			wantField(t, err, tt.field, tt.problem)
		})
	}
}

func TestGuidance(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	p := f.pair(t)
	o, err := s.CreateObservation(ctx, f.observation())
	if err != nil {
		t.Fatal(err)
	}
	g1, err := s.CreateGuidance(ctx, Guidance{MentorPairID: p.ID, On: MustDate("2026-09-10"), Form: FormPrep,
		Content: "研读教材，修改教学设计。", Reflection: "备课要备学生。"})
	if err != nil {
		t.Fatal(err)
	}
	g2, err := s.CreateGuidance(ctx, Guidance{MentorPairID: p.ID, On: MustDate("2026-11-17"), Form: FormReview,
		Content: "评《观潮》一课。", ObservationID: o.ID})
	if err != nil {
		t.Fatal(err)
	}
	log, err := s.GuidanceLog(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 || log[0].ID != g2.ID || log[1].ID != g1.ID {
		t.Fatalf("GuidanceLog() not newest first: %+v", log)
	}
	if log[1].Content != "研读教材，修改教学设计。" || log[1].Reflection != "备课要备学生。" || log[0].ObservationID != o.ID || log[0].Form != FormReview {
		t.Errorf("GuidanceLog() = %+v", log)
	}
	g1.Reflection = "备课不仅要备教材，更要备学生。"
	if _, err := s.UpdateGuidance(ctx, g1); err != nil {
		t.Fatal(err)
	}
	if log, _ = s.GuidanceLog(ctx, p.ID); log[1].Reflection != "备课不仅要备教材，更要备学生。" {
		t.Errorf("after update: %q", log[1].Reflection)
	}
	if _, err := s.UpdateGuidance(ctx, Guidance{MentorPairID: p.ID}); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateGuidance without id: %v", err)
	}
	if err := s.Delete(ctx, KindGuidance, g2.ID); err != nil {
		t.Fatal(err)
	}
	if log, _ = s.GuidanceLog(ctx, p.ID); len(log) != 1 {
		t.Errorf("GuidanceLog() after delete has %d", len(log))
	}

	ok := Guidance{MentorPairID: p.ID, On: MustDate("2026-09-10"), Form: FormTalk, Content: "谈班级管理"}
	tests := []struct {
		name    string
		change  func(g *Guidance)
		field   string
		problem Problem
	}{
		{"no content", func(g *Guidance) { g.Content = " \n" }, "content", Required},
		{"bad form", func(g *Guidance) { g.Form = "chat" }, "form", BadValue},
		{"no date", func(g *Guidance) { g.On = Date{} }, "date", Required},
		{"unknown pair", func(g *Guidance) { g.MentorPairID = "nope" }, "mentor_pair", Unknown},
		{"unknown observation", func(g *Guidance) { g.ObservationID = "nope" }, "observation", Unknown},
		{"long reflection", func(g *Guidance) { g.Reflection = strings.Repeat("体", MaxLong+1) }, "reflection", TooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := ok
			tt.change(&g)
			_, err := s.CreateGuidance(ctx, g)
			wantField(t, err, tt.field, tt.problem)
		})
	}
	if len(GuidanceForms()) != 6 {
		t.Errorf("GuidanceForms() has %d forms, want 6", len(GuidanceForms()))
	}
}

func TestTermGrades(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	p := f.pair(t)
	sp, err := s.CreateSchoolPair(ctx, SchoolPair{SupportingID: f.school.ID, SupportedID: f.paired.ID, AgreedOn: MustDate("2025-10-14"), CycleYears: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []TermGrade{
		{TermID: f.term.ID, OwnerKind: ScopeMentorPair, OwnerID: p.ID, Grade: Good},
		{TermID: f.term.ID, OwnerKind: ScopeMentorPair, OwnerID: p.ID, Grade: Excellent},
		{TermID: f.term.ID, OwnerKind: ScopeSchoolPair, OwnerID: sp.ID, Grade: Pass},
	} {
		if _, err := s.SetTermGrade(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.TermGrades(ctx, f.term.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("TermGrades() = %+v, %v", list, err)
	}
	got := map[Scope]TermGradeValue{}
	for _, g := range list {
		got[g.OwnerKind] = g.Grade
	}
	if got[ScopeMentorPair] != Excellent || got[ScopeSchoolPair] != Pass {
		t.Errorf("grades = %v", got)
	}
	_, err = s.SetTermGrade(ctx, TermGrade{TermID: f.term.ID, OwnerKind: ScopeMentorPair, OwnerID: p.ID, Grade: "A+"})
	wantField(t, err, "grade", BadValue)
	_, err = s.SetTermGrade(ctx, TermGrade{TermID: f.term.ID, OwnerKind: ScopeSchoolPair, OwnerID: p.ID, Grade: Good})
	wantField(t, err, "owner", Unknown)

	// Undoing a first grade takes it away; the other owner keeps its grade.
	if err := s.DeleteTermGrade(ctx, f.term.ID, ScopeMentorPair, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteTermGrade(ctx, f.term.ID, ScopeMentorPair, p.ID); err != nil {
		t.Errorf("deleting a grade that is gone: %v", err)
	}
	if list, err := s.TermGrades(ctx, f.term.ID); err != nil || len(list) != 1 || list[0].OwnerKind != ScopeSchoolPair {
		t.Errorf("after deleting the pair's grade: %+v, %v", list, err)
	}
}

func TestDrafts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := MustOpen(t)
	if err := s.SaveDraft(ctx, Draft{Key: "observation:new", Form: "observation", Payload: `{"topic":"《观潮》"}`}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(ctx, Draft{Key: "observation:new", Form: "observation", Payload: `{"topic":"《观潮》二"}`}); err != nil {
		t.Fatal(err)
	}
	list, err := s.Drafts(ctx)
	if err != nil || len(list) != 1 || list[0].Payload != `{"topic":"《观潮》二"}` || !list[0].UpdatedAt.Equal(testNow) {
		t.Fatalf("Drafts() = %+v, %v", list, err)
	}
	if err := s.DeleteDraft(ctx, "observation:new"); err != nil {
		t.Fatal(err)
	}
	if list, _ = s.Drafts(ctx); len(list) != 0 {
		t.Errorf("Drafts() after delete = %+v", list)
	}
	wantField(t, s.SaveDraft(ctx, Draft{Payload: "{}"}), "key", Required)
	wantField(t, s.SaveDraft(ctx, Draft{Key: "k", Payload: strings.Repeat("x", 4*MaxLong+1)}), "payload", TooLong)
}

// pair registers the fixture's mentor and mentee as a pair for its term.
func (f *fixture) pair(t *testing.T) MentorPair {
	t.Helper()
	p, err := f.s.CreateMentorPair(context.Background(), MentorPair{TermID: f.term.ID, MentorID: f.mentor.ID, MenteeID: f.mentee.ID})
	if err != nil {
		t.Fatal(err)
	}
	return p
}
