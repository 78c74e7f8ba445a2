package store

import (
	"context"
	"errors"
	"testing"
)

func TestStartTermWritesTermAndPlanTogether(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openPlanStore(t)
	office, _ := PlanTemplateNamed("research-office")
	pairing, _ := PlanTemplateNamed("school-pairing")
	autumn, res, err := s.StartTerm(ctx, Term{Name: "秋", Week1: MustDate("2026-08-31"), Weeks: 20}, "",
		[]PlanTemplate{office, pairing}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 27 office activities; the pairing months of an autumn term: 10月 2, 11月 2, 12月 1, 1月 1.
	if got, want := len(res.Created), 27+6; got != want {
		t.Errorf("created %d, want %d", got, want)
	}

	spring, res, err := s.StartTerm(ctx, Term{Name: "春", Week1: MustDate("2027-02-22"), Weeks: 18}, autumn.ID, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	acts, err := s.Activities(ctx, spring.ID, Date{}, Date{})
	if err != nil {
		t.Fatal(err)
	}
	// The 18 weekly meetings and the week items come across; months spring has not are skipped.
	if got, want := len(acts), 18+7; got != want || len(res.Created) != want {
		t.Errorf("spring has %d activities (created %d), want %d", got, len(res.Created), want)
	}

	// A bad source term leaves nothing behind, not even the term.
	_, _, err = s.StartTerm(ctx, Term{Name: "夏", Week1: MustDate("2027-07-05"), Weeks: 6}, "no-such-term", nil, nil)
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("copy from a missing term: %v, want ErrNotFound", err)
	}
	if _, err := s.TermByName(ctx, "夏"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the term was written although its plan failed: %v", err)
	}

	// Starting a term over weeks another term has is refused, naming that term.
	_, _, err = s.StartTerm(ctx, Term{Name: "春（重复）", Week1: MustDate("2027-06-21"), Weeks: 2}, "", nil, nil)
	var inv *InvalidError
	if !errors.As(err, &inv) || len(inv.Fields) != 1 || inv.Fields[0].Problem != Overlaps || inv.Fields[0].Value != "春" {
		t.Fatalf("an overlapping term: %v, want an Overlaps error naming 春", err)
	}
	if terms, _ := s.Terms(ctx); len(terms) != 2 {
		t.Errorf("%d terms after a refused start, want 2", len(terms))
	}
	// The week after spring ends is free.
	if _, _, err := s.StartTerm(ctx, Term{Name: "暑期", Week1: MustDate("2027-06-28"), Weeks: 2}, "", nil, nil); err != nil {
		t.Errorf("a term right after spring: %v", err)
	}
}
