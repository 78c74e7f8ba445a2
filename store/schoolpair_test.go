package store

import (
	"context"
	"errors"
	"testing"
)

func TestUpdateSchoolPair(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	p, err := f.s.CreateSchoolPair(ctx, SchoolPair{SupportingID: f.school.ID, SupportedID: f.paired.ID, AgreedOn: MustDate("2025-10-14"), CycleYears: 3})
	if err != nil {
		t.Fatal(err)
	}
	p.CycleYears, p.Note = 5, "续签"
	if _, err := f.s.UpdateSchoolPair(ctx, p); err != nil {
		t.Fatal(err)
	}
	all, err := f.s.SchoolPairs(ctx)
	if err != nil || len(all) != 1 || all[0].CycleYears != 5 || all[0].Note != "续签" || all[0].CreatedAt != p.CreatedAt {
		t.Fatalf("after update: %+v, %v", all, err)
	}
	// A pair of a school with itself is refused, naming the field, and nothing changes.
	bad := p
	bad.SupportedID = bad.SupportingID
	var inv *InvalidError
	if _, err := f.s.UpdateSchoolPair(ctx, bad); !errors.As(err, &inv) || inv.Fields[0].Field != "supported" {
		t.Errorf("same school: %v", err)
	}
	gone := p
	gone.ID = newID()
	if _, err := f.s.UpdateSchoolPair(ctx, gone); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown pair: %v, want ErrNotFound", err)
	}
}
