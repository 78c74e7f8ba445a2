package exchange_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"termbook/store"
	"termbook/store/exchange"
	"termbook/store/storetest"
)

// BenchmarkExchange measures a first, full exchange of a busy term: 600 activities and 2,000
// observations with a page of Chinese notes each, written on one side and merged into a copy
// that has none of them.
func BenchmarkExchange(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	bs := makeBase(b, dir)
	clk := &clock{t: start.Add(time.Hour)}
	src := copyDB(b, bs, filepath.Join(dir, "src.db"), clk, true)
	defer src.Close()
	types, err := src.ActivityTypes(ctx)
	must(b, err)
	notes := strings.Repeat("教师引导学生自主探究，小组合作充分，板书清晰，提问有层次。", 15)
	for i := range 600 {
		clk.advance(time.Second)
		_, err := src.CreateActivity(ctx, store.Activity{TermID: bs.termID, TypeID: types[i%len(types)].ID,
			Title: fmt.Sprintf("第%d次教研活动", i), Sched: store.InWeek(1 + i%20), SchoolIDs: bs.schools})
		must(b, err)
	}
	for i := range 2000 {
		clk.advance(time.Second)
		_, err := src.CreateObservation(ctx, store.Observation{TermID: bs.termID, SchoolID: bs.schools[i%2],
			TeacherID: bs.teachers[i%4], ObserverID: bs.teachers[(i+1)%4], On: storetest.Date("2026-09-15").AddDays(i % 100),
			Scores: []float64{9, 13, 13, 18, 13, 13, 9}, Texts: store.ObservationTexts{Process: notes, Comments: notes[:60]}})
		must(b, err)
	}
	file := filepath.Join(dir, "all.tbx")
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		start := time.Now()
		res, err := exchange.Export(ctx, src, file, "")
		must(b, err)
		exported := time.Since(start)
		dst := copyDB(b, bs, filepath.Join(dir, fmt.Sprintf("dst%d.db", n)), clk, true)
		start = time.Now()
		sum, err := exchange.Import(ctx, dst, file)
		must(b, err)
		imported := time.Since(start)
		dst.Close()
		st, _ := os.Stat(file)
		b.ReportMetric(float64(res.Records), "records")
		b.ReportMetric(float64(st.Size())/1024, "KiB-file")
		b.ReportMetric(float64(exported.Milliseconds()), "ms-export")
		b.ReportMetric(float64(imported.Milliseconds()), "ms-import")
		if sum.Added != res.Records {
			b.Fatalf("added %d of %d", sum.Added, res.Records)
		}
	}
}
