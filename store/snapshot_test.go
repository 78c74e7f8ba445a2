package store

import (
	"context"
	"testing"
)

// An observation keeps the rubric it was scored with, stored once however many observations
// share it, and a later edit of the rubric never reaches it.
func TestRubricSnapshots(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	for range 3 {
		o := f.observation()
		o.Scores = []float64{9, 13, 13, 18, 13, 13, 9}
		if _, err := s.CreateObservation(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	if n := count(t, s, "rubric_snapshots"); n != 1 {
		t.Errorf("%d snapshots for three observations on one rubric, want 1", n)
	}

	half := RubricSpec{Dimensions: []Dimension{{Name: "教学目标", Max: 20}, {Name: "教学过程", Max: 30}},
		Bands: DefaultRubricSpec().Bands}
	o := f.observation()
	o.Rubric, o.Scores = half, []float64{18, 27}
	o, err := s.CreateObservation(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "rubric_snapshots"); n != 2 {
		t.Errorf("%d snapshots for two rubrics, want 2", n)
	}

	// A fresh store reads the snapshots from the file, not from what it wrote.
	again := mustOpenAt(t, s.Path(), Options{})
	list, err := again.Observations(ctx, ObservationFilter{TermID: f.term.ID})
	if err != nil || len(list) != 4 {
		t.Fatalf("Observations() = %d, %v", len(list), err)
	}
	totals := map[float64]int{}
	for _, x := range list {
		totals[x.Rubric.Total()]++
	}
	if totals[100] != 3 || totals[50] != 1 {
		t.Errorf("rubric totals %v, want three of 100 and one of 50", totals)
	}
	got, err := again.Observation(ctx, o.ID)
	if err != nil || got.Rubric.Total() != 50 || got.Grade != GradeExcellent {
		t.Errorf("Observation() = rubric %+v grade %q, %v", got.Rubric, got.Grade, err)
	}

	// Observations share no memory: changing one's rubric leaves the others and the cache alone.
	var hundred []Observation
	for _, x := range list {
		if x.Rubric.Total() == 100 {
			hundred = append(hundred, x)
		}
	}
	hundred[0].Rubric.Dimensions[0].Max = 1
	if hundred[1].Rubric.Total() != 100 {
		t.Error("two listed observations share one rubric's dimensions")
	}
	fresh, _ := again.Observations(ctx, ObservationFilter{TermID: f.term.ID})
	for _, x := range fresh {
		if x.Rubric.Dimensions[0].Max == 1 {
			t.Error("changing a listed observation's rubric changed the cached snapshot")
		}
	}
}
