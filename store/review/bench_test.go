package review_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"termbook/store"
	"termbook/store/review"
)

// tenYears builds a database at the scale of SPEC §7 (20 terms, 60,000 observations with
// 2 KB of notes each, 20,000 activities, guidance and hand-ins) and returns the latest term.
// The bulk rows go in through plain SQL in one transaction; the store makes the file, the
// terms and the people, so the schema and ids are its own.
func tenYears(b *testing.B) (*store.Store, store.Term) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "ten.db")
	s, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	sc1, _ := s.CreateSchool(ctx, store.School{Name: "一小"})
	sc2, _ := s.CreateSchool(ctx, store.School{Name: "二小"})
	s.CreateSchoolPair(ctx, store.SchoolPair{SupportingID: sc1.ID, SupportedID: sc2.ID, AgreedOn: store.MustDate("2016-03-01"), CycleYears: 3})
	var teachers []store.Teacher
	for i := range 60 {
		sc := sc1
		if i%2 == 1 {
			sc = sc2
		}
		t, err := s.CreateTeacher(ctx, store.Teacher{SchoolID: sc.ID, Name: fmt.Sprintf("教师%02d", i)})
		if err != nil {
			b.Fatal(err)
		}
		teachers = append(teachers, t)
	}
	types, _ := s.ActivityTypes(ctx)
	var terms []store.Term
	week1 := store.MustDate("2016-08-29")
	for i := range 20 {
		t, err := s.CreateTerm(ctx, store.Term{Name: fmt.Sprintf("学期%02d", i), Week1: week1, Weeks: 20})
		if err != nil {
			b.Fatal(err)
		}
		terms = append(terms, t)
		week1 = week1.AddDays(26 * 7)
	}
	s.Close()

	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=synchronous(OFF)")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	rubric := `{"dimensions":[{"name":"教学目标","max":10},{"name":"教学内容","max":15},{"name":"教学方法与手段","max":15},{"name":"教学过程","max":20},{"name":"学生活动","max":15},{"name":"教学效果","max":15},{"name":"教师素养","max":10}],"bands":[{"grade":"优","min":90},{"grade":"良","min":80},{"grade":"中","min":60},{"grade":"差","min":0}]}`
	note := strings.Repeat("教师导入自然，学生兴趣高，小组合作有序。", 40)
	rng := rand.New(rand.NewPCG(1, 2))
	n := 0
	id := func() string { n++; return fmt.Sprintf("bench-%09d", n) }
	const stamp = "2026-01-01T00:00:00.000Z"
	exec := func(q string, args ...any) {
		if _, err := tx.Exec(q, args...); err != nil {
			b.Fatal(err)
		}
	}
	for _, t := range terms {
		var pairs []string
		for p := range 12 {
			pid := id()
			pairs = append(pairs, pid)
			exec(`INSERT INTO mentor_pairs (id, term_id, mentor_id, mentee_id, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, '')`,
				pid, t.ID, teachers[2*p].ID, teachers[2*p+1].ID, stamp, stamp)
		}
		for range 3000 {
			day := t.Week1.AddDays(rng.IntN(t.Weeks * 7))
			w, _ := t.WeekOf(day)
			oid := id()
			exec(`INSERT INTO observations (id, term_id, school_id, teacher_id, observer_id, observed_on, week, rubric, scores, total, grade, created_at, updated_at, updated_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[9,13,13,18,13,13,9]', 88, '良', ?, ?, '')`,
				oid, t.ID, sc1.ID, teachers[rng.IntN(60)].ID, teachers[rng.IntN(60)].ID, day.String(), w, rubric, stamp, stamp)
			exec(`INSERT INTO observation_texts (observation_id, process, comments, highlights, problems, suggestions) VALUES (?, ?, ?, '', '', '')`, oid, note, note)
		}
		for range 1000 {
			wk := 1 + rng.IntN(t.Weeks)
			first, last := t.WeekRange(wk)
			status := []string{"planned", "done", "done", "cancelled"}[rng.IntN(4)]
			var done any
			if status == "done" {
				done = first.String()
			}
			aid := id()
			exec(`INSERT INTO activities (id, term_id, type_id, title, sched, week, first_day, last_day, status, done_on, created_at, updated_at, updated_by)
				VALUES (?, ?, ?, '活动', 'week', ?, ?, ?, ?, ?, ?, ?, '')`, aid, t.ID, types[rng.IntN(len(types))].ID, wk, first.String(), last.String(), status, done, stamp, stamp)
			exec(`INSERT INTO activity_schools (activity_id, school_id) VALUES (?, ?), (?, ?)`, aid, sc1.ID, aid, sc2.ID)
		}
		for _, p := range pairs {
			for range 12 {
				gid := id()
				exec(`INSERT INTO guidance (id, mentor_pair_id, given_on, form, created_at, updated_at, updated_by) VALUES (?, ?, ?, 'talk', ?, ?, '')`,
					gid, p, t.Week1.AddDays(rng.IntN(t.Weeks*7)).String(), stamp, stamp)
				exec(`INSERT INTO guidance_texts (guidance_id, content, reflection) VALUES (?, ?, ?)`, gid, note, note)
			}
		}
		for i := range 120 {
			exec(`INSERT INTO handins (id, term_id, teacher_id, kind, handed_on, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, '')`,
				id(), t.ID, teachers[i%60].ID, []string{"lesson_plan", "reading_notes"}[i%2], t.Week1.AddDays(i).String(), stamp, stamp)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	s, err = store.Open(ctx, path, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s, terms[len(terms)-1]
}

// BenchmarkComputeTenYears is the review of one term on a ten-year database; SPEC §7 allows
// 10 ms.
//
// TERMBOOK_BENCH_DB names an existing database to use instead (e.g. one written by
// `termbook sample --years 10`); its latest term is reviewed.
func BenchmarkComputeTenYears(b *testing.B) {
	ctx := context.Background()
	var s *store.Store
	var term store.Term
	if path := os.Getenv("TERMBOOK_BENCH_DB"); path != "" {
		var err error
		if s, err = store.Open(ctx, path, store.Options{ReadOnly: true}); err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		terms, err := s.Terms(ctx)
		if err != nil || len(terms) == 0 {
			b.Fatalf("no terms in %s: %v", path, err)
		}
		term = terms[0]
	} else {
		s, term = tenYears(b)
	}
	today := term.Week1.AddDays(70)
	if _, err := review.Compute(ctx, s, term, today); err != nil { // warm the page cache
		b.Fatal(err)
	}
	// CPU time is reported beside wall time: on a busy machine the wall clock measures the
	// other programs too.
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := review.Compute(ctx, s, term, today); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}
