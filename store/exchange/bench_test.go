package exchange_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

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

// orphanFile writes an exchange file of n teachers of a school that is never sent, from a
// partner that is not s: each of them waits.
func orphanFile(b *testing.B, dir string, n int) string {
	cols, _ := store.SyncColumns("teachers")
	header, err := json.Marshal(map[string]any{"table": "teachers", "columns": cols})
	must(b, err)
	lines := []string{string(header)}
	from, school, at := uuid.Must(uuid.NewV7()).String(), uuid.Must(uuid.NewV7()).String(), start.Format("2006-01-02T15:04:05.000Z")
	for i := range n {
		row, err := json.Marshal([]any{uuid.Must(uuid.NewV7()).String(), at, at, from, nil, school,
			fmt.Sprintf("教师%d", i), "", "", "", "", "", 1})
		must(b, err)
		lines = append(lines, string(row))
	}
	path := filepath.Join(dir, fmt.Sprintf("orphans-%d.tbx", n))
	first := `{"format":"termbook-exchange","version":1}` + "\n" + `{"from":"` + from + `","created_at":"2026-10-12T08:00:00Z"}`
	must(b, os.WriteFile(path, exFile(b, first, true, lines...), 0o644))
	return path
}

// peakHeap runs fn and returns the most heap in use seen, sampled as an import reports its
// progress (every 5,000 records).
func peakHeap(fn func(report func(exchange.Progress))) float64 {
	var peak uint64
	sample := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}
	n := 0
	fn(func(exchange.Progress) {
		if n++; n%5000 == 0 {
			sample()
		}
	})
	sample()
	return float64(peak) / (1 << 20)
}

// BenchmarkWaiting measures records that wait for records never sent (a lost file, or a
// hostile one: issue 16 found 600,000 orphans in a 1.8 MB file making a later 24 KB import
// take 850 MB). orphans: the import of 100,000 of them, of which MaxWaiting are kept; later:
// a small import beside the 20,000 waiting, which reads none of them.
func BenchmarkWaiting(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	bs := makeBase(b, dir)
	clk := &clock{t: start.Add(time.Hour)}
	orphans := orphanFile(b, dir, 100_000)
	b.Run("orphans", func(b *testing.B) {
		for i := range b.N {
			dst := copyDB(b, bs, filepath.Join(dir, fmt.Sprintf("orphans%d", i), "termbook.db"), clk, true)
			var sum exchange.Summary
			peak := peakHeap(func(report func(exchange.Progress)) {
				var err error
				sum, err = exchange.ImportReporting(ctx, dst, orphans, report)
				must(b, err)
			})
			dst.Close()
			if sum.Waiting != store.MaxWaiting || sum.LetGo != 100_000-store.MaxWaiting {
				b.Fatalf("orphans: %+v", sum.MergeResult)
			}
			b.ReportMetric(peak, "peak-heap-MiB")
		}
	})
	b.Run("later", func(b *testing.B) {
		dst := copyDB(b, bs, filepath.Join(dir, "later", "termbook.db"), clk, true)
		defer dst.Close()
		_, err := exchange.MergeFile(ctx, dst, orphans)
		must(b, err)
		src := copyDB(b, bs, filepath.Join(dir, "src", "termbook.db"), clk, true)
		_, err = src.CreateSchool(ctx, store.School{Name: "三小"})
		must(b, err)
		small := exportTo(b, src, dir, "", 1)
		src.Close()
		b.ReportAllocs()
		b.ResetTimer()
		var peak float64
		for range b.N {
			peak = peakHeap(func(report func(exchange.Progress)) {
				sum, err := exchange.MergeFile(ctx, dst, small)
				must(b, err)
				if sum.Waiting != store.MaxWaiting {
					b.Fatalf("later: %+v", sum.MergeResult)
				}
			})
		}
		b.ReportMetric(peak, "peak-heap-MiB")
	})
}

// BenchmarkSmallMerge measures the merge of a small file into a store that has merged files
// before: a week's few records, as most files between two schools are. What it costs is
// mostly fixed per merge (the statements every record runs, the look at waiting records),
// not per record; the two files alternate, so every merge after the first two finds its
// records already here. The files live in memory: a commit's wait for the disk (see
// store's BenchmarkFsync) would hide what the merge itself costs.
func BenchmarkSmallMerge(b *testing.B) {
	ctx := context.Background()
	dir := storetest.MemoryDir(b)
	bs := makeBase(b, dir)
	clk := &clock{t: start.Add(time.Hour)}
	src := copyDB(b, bs, filepath.Join(dir, "src.db"), clk, true)
	defer src.Close()
	dst := copyDB(b, bs, filepath.Join(dir, "dst.db"), clk, true)
	defer dst.Close()
	types, err := src.ActivityTypes(ctx)
	must(b, err)
	files := make([]string, 2)
	for i := range files {
		clk.advance(time.Minute)
		te, err := src.CreateTeacher(ctx, store.Teacher{SchoolID: bs.schools[i], Name: fmt.Sprint("新教师", i)})
		must(b, err)
		_, err = src.CreateActivity(ctx, store.Activity{TermID: bs.termID, TypeID: types[i].ID, Title: fmt.Sprint("第", i+5, "周教研活动"),
			HostID: te.ID, Sched: store.InWeek(5 + i), SchoolIDs: bs.schools})
		must(b, err)
		_, err = src.CreateObservation(ctx, store.Observation{TermID: bs.termID, SchoolID: bs.schools[i], TeacherID: te.ID,
			ObserverID: bs.teachers[0], On: storetest.Date("2026-10-08").AddDays(i), Scores: []float64{9, 13, 13, 18, 13, 13, 9},
			Texts: store.ObservationTexts{Process: "导入新课", Comments: "节奏好"}})
		must(b, err)
		_, err = src.CreateGuidance(ctx, store.Guidance{MentorPairID: bs.pairID, On: storetest.Date("2026-10-09").AddDays(i),
			Form: store.FormTalk, Content: "谈备课"})
		must(b, err)
		files[i] = exportTo(b, src, dir, "侯庄小学", i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for n := range b.N {
		sum, err := exchange.MergeFile(ctx, dst, files[n%2])
		must(b, err)
		if sum.Waiting != 0 || (n < 2 && sum.Added == 0) {
			b.Fatalf("merge %d: %+v", n, sum.MergeResult)
		}
	}
}
