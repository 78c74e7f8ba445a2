package review_test

import (
	"context"
	"testing"

	"termbook/store/review"
	"termbook/store/sample/scale"
)

func TestMain(m *testing.M) { scale.Main(m) }

// BenchmarkComputeTenYears is the review of the current term on the ten-year database
// (package scale); SPEC §7 allows 10 ms.
func BenchmarkComputeTenYears(b *testing.B) {
	ctx := context.Background()
	s := scale.Open(b, scale.DB(b), false)
	term, err := s.CurrentTerm(ctx, scale.Today())
	if err != nil {
		b.Fatal(err)
	}
	today := term.Week1.AddDays(70)
	if _, err := review.Compute(ctx, s, term, today); err != nil { // warm the page cache
		b.Fatal(err)
	}
	cpu := scale.StartCPU()
	for b.Loop() {
		if _, err := review.Compute(ctx, s, term, today); err != nil {
			b.Fatal(err)
		}
	}
	cpu.Report(b, b.N)
}
