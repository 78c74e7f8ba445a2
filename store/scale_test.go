package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"termbook/store"
	"termbook/store/sample/scale"
)

// The benchmarks in this file run on the ten-year database (package scale); the store's own
// tests never need it.

func TestMain(m *testing.M) { scale.Main(m) }

// currentTerm returns the term around scale.Today and the Monday..Sunday of today's week.
func currentTerm(b *testing.B, s *store.Store) (store.Term, store.Date, store.Date) {
	b.Helper()
	t, err := s.CurrentTerm(context.Background(), scale.Today())
	if err != nil {
		b.Fatal(err)
	}
	from, to := t.WeekRange(t.ClampWeek(scale.Today()))
	return t, from, to
}

// BenchmarkOpen opens the ten-year file as every start does, reads the current term and
// closes it again.
func BenchmarkOpen(b *testing.B) {
	path := scale.DB(b)
	ctx := context.Background()
	cpu := scale.StartCPU()
	for b.Loop() {
		s, err := store.Open(ctx, path, store.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.CurrentTerm(ctx, scale.Today()); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
	cpu.Report(b, b.N)
}

// BenchmarkWeekActivities reads one week of the current term: what the calendar and
// termbook agenda show.
func BenchmarkWeekActivities(b *testing.B) {
	s := scale.Open(b, scale.DB(b), false)
	t, from, to := currentTerm(b, s)
	ctx := context.Background()
	cpu := scale.StartCPU()
	for b.Loop() {
		acts, err := s.Activities(ctx, t.ID, from, to)
		if err != nil || len(acts) == 0 {
			b.Fatal(len(acts), err)
		}
	}
	cpu.Report(b, b.N)
}

// BenchmarkObservationPage reads the first screenful of a past term's observations, newest
// first: what the observation list shows.
func BenchmarkObservationPage(b *testing.B) {
	s := scale.Open(b, scale.DB(b), false)
	ctx := context.Background()
	terms, err := s.Terms(ctx)
	if err != nil || len(terms) < 3 {
		b.Fatal(len(terms), err)
	}
	past := terms[2]
	cpu := scale.StartCPU()
	for b.Loop() {
		obs, err := s.Observations(ctx, store.ObservationFilter{TermID: past.ID, Limit: 50})
		if err != nil || len(obs) != 50 {
			b.Fatal(len(obs), err)
		}
	}
	cpu.Report(b, b.N)
}

// BenchmarkOpenFollowUps reads one teacher's open follow-up actions, as a new observation
// of that teacher shows them.
func BenchmarkOpenFollowUps(b *testing.B) {
	s := scale.Open(b, scale.DB(b), false)
	ctx := context.Background()
	teachers, err := s.Teachers(ctx)
	if err != nil || len(teachers) == 0 {
		b.Fatal(err)
	}
	i := 0
	cpu := scale.StartCPU()
	for b.Loop() {
		if _, err := s.OpenFollowUps(ctx, teachers[i%len(teachers)].ID); err != nil {
			b.Fatal(err)
		}
		i++
	}
	cpu.Report(b, b.N)
}

// BenchmarkSave is one durable write on the ten-year file: an activity of this week marked
// done, then set back to planned, each one fsync'd transaction.
func BenchmarkSave(b *testing.B) {
	s := scale.Open(b, scale.Copy(b), true)
	t, from, to := currentTerm(b, s)
	ctx := context.Background()
	acts, err := s.Activities(ctx, t.ID, from, to)
	if err != nil {
		b.Fatal(err)
	}
	if len(acts) == 0 {
		b.Fatal("nothing planned this week")
	}
	id, done := acts[0].ID, acts[0].Status == store.Done
	cpu := scale.StartCPU()
	for b.Loop() {
		if done {
			_, err = s.Reopen(ctx, id)
		} else {
			_, err = s.MarkDone(ctx, id, scale.Today(), "")
		}
		if err != nil {
			b.Fatal(err)
		}
		done = !done
	}
	cpu.Report(b, b.N)
}

// BenchmarkFsync is the disk's own part of a durable write, for comparison with BenchmarkSave:
// 4 KiB written to a file in the folder BenchmarkSave's copy goes to, and flushed to the disk.
func BenchmarkFsync(b *testing.B) {
	f, err := os.Create(filepath.Join(b.TempDir(), "fsync"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	page := make([]byte, 4096)
	cpu := scale.StartCPU()
	for b.Loop() {
		if _, err := f.WriteAt(page, 0); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
	}
	cpu.Report(b, b.N)
}
