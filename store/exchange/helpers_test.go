package exchange_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"termbook/store"
	"termbook/store/exchange"
	"termbook/store/storetest"
)

// clock is a controllable store clock: it moves only when told to, so that two changes can
// share a timestamp, on one installation or on both.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

var start = time.Date(2026, 10, 12, 8, 0, 0, 0, time.UTC)

// base is one sample database: a term, two paired schools, teachers, a mentor pair, an
// activity with its schools, an observation with its texts and a guidance entry.
type base struct {
	path     string
	termID   string
	schools  []string
	teachers []string
	pairID   string
}

// makeBase puts the sample database in dir: a copy of one written once per test binary, its
// records always the same.
func makeBase(t tb, dir string) base {
	t.Helper()
	path := filepath.Join(dir, "base.db")
	baseFile.CopyTo(t, path)
	b := baseIDs
	b.path = path
	return b
}

var (
	baseFile = storetest.NewFile(func(t storetest.TB, path string) { baseIDs = writeBase(t, path) })
	baseIDs  base // what baseFile holds, once it is written
)

func writeBase(t tb, path string) base {
	ctx := context.Background()
	b := base{path: path}
	s, err := store.Open(ctx, b.path, store.Options{})
	must(t, err)
	clk := &clock{t: start}
	s.Now = func() time.Time { clk.advance(time.Millisecond); return clk.t } // each record later than the last
	term, err := s.CreateTerm(ctx, store.Term{Name: "2026—2027学年第一学期", Week1: storetest.Date("2026-08-31"), Weeks: 20})
	must(t, err)
	b.termID = term.ID
	for _, name := range []string{"定边第五小学", "侯庄小学"} {
		sc, err := s.CreateSchool(ctx, store.School{Name: name})
		must(t, err)
		b.schools = append(b.schools, sc.ID)
	}
	for i, name := range []string{"王晓梅", "李娜", "张三", "赵敏"} {
		te, err := s.CreateTeacher(ctx, store.Teacher{SchoolID: b.schools[i%2], Name: name, Subjects: []string{"语文"}})
		must(t, err)
		b.teachers = append(b.teachers, te.ID)
	}
	p, err := s.CreateMentorPair(ctx, store.MentorPair{TermID: term.ID, MentorID: b.teachers[0], MenteeID: b.teachers[1], Subject: "语文"})
	must(t, err)
	b.pairID = p.ID
	types, err := s.ActivityTypes(ctx)
	must(t, err)
	_, err = s.CreateActivity(ctx, store.Activity{TermID: term.ID, TypeID: types[2].ID, Title: "《春》", HostID: b.teachers[0],
		Sched: store.InWeek(3), SchoolIDs: b.schools})
	must(t, err)
	o, err := s.CreateObservation(ctx, store.Observation{TermID: term.ID, SchoolID: b.schools[0], TeacherID: b.teachers[1],
		ObserverID: b.teachers[0], On: storetest.Date("2026-09-15"), Scores: []float64{9, 13, 13, 18, 13, 13, 9},
		Texts: store.ObservationTexts{Process: "导入新课", Comments: "节奏好"}})
	must(t, err)
	_, err = s.CreateGuidance(ctx, store.Guidance{MentorPairID: p.ID, On: storetest.Date("2026-09-16"), Form: store.FormReview,
		Content: "评《春》", ObservationID: o.ID})
	must(t, err)
	must(t, s.Close())
	return b
}

// copyDB copies the base file to path, and with newID gives the copy its own installation
// id, as a partner school starting from a copy of the other's file does.
func copyDB(t tb, b base, path string, clk *clock, newID bool) *store.Store {
	ctx := context.Background()
	data, err := os.ReadFile(b.path)
	must(t, err)
	must(t, os.MkdirAll(filepath.Dir(path), 0o755))
	must(t, os.WriteFile(path, data, 0o644))
	// The copy was closed cleanly: it is opened as a later start of the day opens a file,
	// without the full check of every page (the store's own tests cover that check).
	s, err := store.Open(ctx, path, store.Options{CheckOnlyAfterCrash: true})
	must(t, err)
	s.Now = clk.now
	if newID {
		must(t, s.Reidentify(ctx))
	}
	return s
}

// dump is a canonical text of every record table and the tables that travel with them,
// deleted records included, in id order.
func dump(t tb, path string) string {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	must(t, err)
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN
		('meta', 'drafts', 'sqlite_sequence') AND name NOT LIKE 'exchange%' ORDER BY name`)
	must(t, err)
	var tables []string
	for rows.Next() {
		var n string
		must(t, rows.Scan(&n))
		tables = append(tables, n)
	}
	must(t, rows.Err())
	rows.Close()
	var out strings.Builder
	for _, tbl := range tables {
		rows, err := db.Query("SELECT * FROM " + tbl)
		must(t, err)
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			must(t, rows.Scan(ptrs...))
			lines = append(lines, fmt.Sprintf("%q", vals))
		}
		must(t, rows.Err())
		rows.Close()
		sort.Strings(lines)
		fmt.Fprintf(&out, "== %s (%d)\n%s\n", tbl, len(lines), strings.Join(lines, "\n"))
	}
	return out.String()
}

// pending counts the records waiting for their references.
func pending(t tb, path string) int {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	must(t, err)
	defer db.Close()
	var n int
	must(t, db.QueryRow("SELECT COUNT(*) FROM exchange_pending").Scan(&n))
	return n
}

// exportTo writes s's changes for partner into a new file in dir and returns its path.
func exportTo(t tb, s *store.Store, dir, partner string, n int) string {
	path := filepath.Join(dir, fmt.Sprintf("%s-%d.tbx", partner, n))
	_, err := exchange.Export(context.Background(), s, path, partner)
	must(t, err)
	return path
}

func must(t tb, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func readAll(t tb, path string) []byte {
	f, err := os.Open(path)
	must(t, err)
	defer f.Close()
	b, err := io.ReadAll(f)
	must(t, err)
	return b
}

// tb is what the helpers need of a *testing.T or a *rapid.T.
type tb interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}
