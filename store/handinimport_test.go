package store

import (
	"context"
	"errors"
	"testing"
)

func TestImportHandins(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	plan := BuiltinHandinKindID(KindLessonPlan)
	notes := BuiltinHandinKindID(KindReadingNotes)
	have, err := s.CreateHandin(ctx, Handin{TermID: f.term.ID, TeacherID: f.mentee.ID, KindID: plan, Title: "《观潮》", On: MustDate("2026-10-12")})
	if err != nil {
		t.Fatal(err)
	}
	row := func(line int, teacher Teacher, kind, title, day string) HandinRow {
		return HandinRow{Line: line, Handin: Handin{TermID: f.term.ID, TeacherID: teacher.ID, KindID: kind, Title: title, On: MustDate(day)}}
	}
	checked := row(2, f.mentee, plan, "《观潮》", "2026-10-12")
	checked.Handin.CheckedBy, checked.Handin.Grade = "黄德明", Good
	rows := []HandinRow{checked, row(3, f.mentee, notes, "读书笔记", "2026-10-14"), row(4, f.zs, plan, "《秋天》", "2026-10-13")}

	p, err := s.PlanHandinImport(ctx, rows)
	if err != nil || len(p.Errors) != 0 {
		t.Fatalf("plan: %+v, %v", p, err)
	}
	if got := [3]int{p.Count(ImportCreate), p.Count(ImportUpdate), p.Count(ImportSame)}; got != [3]int{2, 1, 0} {
		t.Errorf("create/update/same = %v, want [2 1 0]", got)
	}
	if n, _ := s.Handins(ctx, HandinFilter{TermID: f.term.ID}); len(n) != 1 {
		t.Fatalf("the plan wrote: %d hand-ins", len(n))
	}
	if _, err := s.ImportHandins(ctx, rows); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Handin(ctx, have.ID)
	if !got.Checked() || got.Grade != Good {
		t.Errorf("the hand-in the list checked: %+v", got)
	}
	if n, _ := s.Handins(ctx, HandinFilter{TermID: f.term.ID}); len(n) != 3 {
		t.Errorf("%d hand-ins after the import, want 3", len(n))
	}
	// The same list again changes nothing.
	if p, err := s.ImportHandins(ctx, rows); err != nil || p.Count(ImportSame) != 3 {
		t.Errorf("again: %+v, %v", p, err)
	}

	// A list with one wrong row writes nothing.
	bad := []HandinRow{row(2, f.zs, notes, "读书笔记", "2026-11-02"), row(3, f.zs, notes, "读书笔记", "2026-11-02"),
		row(4, f.zs, "nope", "x", "2026-11-03"), {Line: 5, Handin: Handin{TermID: f.term.ID, TeacherID: f.zs.ID, KindID: plan}}}
	p, err = s.ImportHandins(ctx, bad)
	if !errors.Is(err, ErrInvalid) || len(p.Errors) != 3 {
		t.Fatalf("a list with wrong rows: %+v, %v", p.Errors, err)
	}
	if e := p.Errors[0]; e.Line != 3 || e.DupOf != 2 || !errors.Is(e.Err, ErrDuplicateRow) {
		t.Errorf("the duplicate row: %+v", e)
	}
	wantField(t, p.Errors[1].Err, "kind", Unknown)
	wantField(t, p.Errors[2].Err, "date", Required)
	if n, _ := s.Handins(ctx, HandinFilter{TermID: f.term.ID}); len(n) != 3 {
		t.Errorf("%d hand-ins after a refused import, want 3", len(n))
	}
}
