package report_test

import (
	"context"
	"io"
	"testing"

	"termbook/store/sample/scale"
	"termbook/ui/i18n"
	"termbook/ui/report"
)

// The benchmarks in this file run on the ten-year database (package scale).

func TestMain(m *testing.M) { scale.Main(m) }

// BenchmarkExportXLSX is the XLSX export of a whole past term of the ten-year database
// (about a thousand activities and three thousand observations, each with its form): read
// the registers, write the workbook. It reports the heap's peak beside the allocations.
func BenchmarkExportXLSX(b *testing.B) {
	ctx := context.Background()
	s := scale.Open(b, scale.DB(b), false)
	terms, err := s.Terms(ctx)
	if err != nil || len(terms) < 3 {
		b.Fatal(len(terms), err)
	}
	term := terms[2] // the last whole term before the current one's predecessor
	cpu, peak := scale.StartCPU(), watchHeap()
	for b.Loop() {
		reg, err := report.Load(ctx, s, i18n.Zh, term, scale.Today())
		if err != nil {
			b.Fatal(err)
		}
		if len(reg.Observations) < 1000 {
			b.Fatalf("%d observations in a past term", len(reg.Observations))
		}
		if err := report.WriteXLSX(io.Discard, i18n.Zh, reg.Tables, reg.Observations); err != nil {
			b.Fatal(err)
		}
	}
	cpu.Report(b, b.N)
	b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MiB")
}
