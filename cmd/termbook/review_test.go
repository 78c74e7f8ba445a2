package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"termbook/store"
	"termbook/store/storetest"
)

// runAt runs termbook with args at a fixed time and returns its stdout and error; stdin,
// when given, is what a person types at the terminal.
func runAt(t *testing.T, now time.Time, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, stdinTTY: stdin != "",
		getenv: func(string) string { return "" }, now: func() time.Time { return now }}
	err := run(context.Background(), args, e)
	return out.String(), err
}

// pairStatuses returns the status column of the mentor-pair table of a text review.
func pairStatuses(t *testing.T, text string) []string {
	t.Helper()
	lines := strings.Split(text, "\n")
	var statuses []string
	for i, l := range lines {
		if !strings.HasPrefix(l, "师徒结对") {
			continue
		}
		for _, row := range lines[i+3:] {
			if strings.TrimSpace(row) == "" {
				break
			}
			// The first status word of the row is the pair's own (the targets' cells follow).
			for _, f := range strings.Fields(row) {
				if _, ok := statusRank[f]; ok {
					statuses = append(statuses, f)
					break
				}
			}
		}
	}
	return statuses
}

var statusRank = map[string]int{"未达标": 0, "进度落后": 1, "进度正常": 2, "达标": 3}

// worstFirst reports whether statuses run from not met and behind to on track and met.
func worstFirst(statuses []string) bool {
	for i := 1; i < len(statuses); i++ {
		if statusRank[statuses[i]] < statusRank[statuses[i-1]] {
			return false
		}
	}
	return true
}

func TestReviewTextOnSamplePutsBehindFirst(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.Local)
	db := filepath.Join(t.TempDir(), "sample.db")
	if _, err := runAt(t, now, "", "--db", db, "sample"); err != nil {
		t.Fatal(err)
	}
	out, err := runAt(t, now, "", "--db", db, "--lang", "zh", "review", "--format", "text")
	if err != nil {
		t.Fatal(err)
	}
	statuses := pairStatuses(t, out)
	if len(statuses) == 0 {
		t.Fatalf("the sample review shows no mentor pairs:\n%s", out)
	}
	if statuses[0] != "未达标" && statuses[0] != "进度落后" {
		t.Errorf("first pair is %s, want a pair behind pace or short first:\n%s", statuses[0], out)
	}
	if !worstFirst(statuses) {
		t.Errorf("pairs not worst first: %v\n%s", statuses, out)
	}
}

func TestReviewSortsPairsWorstFirst(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 10, 18, 10, 0, 0, 0, time.Local)
	db := filepath.Join(t.TempDir(), "r.db")
	s := openDB(t, db, store.Options{})
	term, _ := s.CreateTerm(ctx, store.Term{Name: "秋季学期", Week1: storetest.Date("2026-08-31"), Weeks: 20})
	sc, _ := s.CreateSchool(ctx, store.School{Name: "一小"})
	var ts []store.Teacher
	for _, n := range []string{"甲老师", "乙老师", "丙老师", "丁老师"} {
		te, _ := s.CreateTeacher(ctx, store.Teacher{SchoolID: sc.ID, Name: n})
		ts = append(ts, te)
	}
	good, _ := s.CreateMentorPair(ctx, store.MentorPair{TermID: term.ID, MentorID: ts[0].ID, MenteeID: ts[1].ID})
	s.CreateMentorPair(ctx, store.MentorPair{TermID: term.ID, MentorID: ts[2].ID, MenteeID: ts[3].ID})
	// The first pair registered keeps up: every fortnight and month so far has its quota.
	for d := storetest.Date("2026-08-31"); !d.After(storetest.Date("2026-10-18")); d = d.AddDays(7) {
		if _, err := s.CreateObservation(ctx, store.Observation{TermID: term.ID, SchoolID: sc.ID, TeacherID: ts[0].ID, ObserverID: ts[1].ID, On: d}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateObservation(ctx, store.Observation{TermID: term.ID, SchoolID: sc.ID, TeacherID: ts[1].ID, ObserverID: ts[0].ID, On: d}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateGuidance(ctx, store.Guidance{MentorPairID: good.ID, On: d, Form: store.FormTalk, Content: "谈话"}); err != nil {
			t.Fatal(err)
		}
	}
	for range 3 {
		s.CreateHandin(ctx, store.Handin{TermID: term.ID, TeacherID: ts[1].ID, KindID: store.BuiltinHandinKindID(store.KindLessonPlan), On: storetest.Date("2026-09-10")})
	}
	s.Close()

	out, err := runAt(t, now, "", "--db", db, "--lang", "zh", "review")
	if err != nil {
		t.Fatal(err)
	}
	got := pairStatuses(t, out)
	if len(got) != 2 || got[0] != "未达标" || got[1] != "进度正常" {
		t.Errorf("pair statuses %v, want [未达标 进度正常] (the pair registered second, which is short, first)\n%s", got, out)
	}
	if !strings.Contains(out, "丙老师  丁老师") {
		t.Errorf("the overdue pair's names are missing:\n%s", out)
	}

	// Markdown and CSV carry the same review; xlsx needs a file.
	if md, err := runAt(t, now, "", "--db", db, "review", "--format", "md", "--lang", "en"); err != nil || !strings.Contains(md, "| Mentor | Mentee |") {
		t.Errorf("markdown review: %v\n%s", err, md)
	}
	if csvOut, err := runAt(t, now, "", "--db", db, "review", "--format", "csv"); err != nil || !strings.HasPrefix(csvOut, "\ufeff范围,对象,指标") {
		t.Errorf("csv review: %v\n%.80s", err, csvOut)
	}
	if _, err := runAt(t, now, "", "--db", db, "review", "--format", "xlsx"); err == nil || !strings.Contains(err.Error(), "-o") {
		t.Errorf("xlsx to the terminal: %v, want a request for -o", err)
	}
	if _, err := runAt(t, now, "", "--db", db, "review", "--format", "pdf"); err == nil || !strings.Contains(err.Error(), "pdf") {
		t.Errorf("unknown format: %v", err)
	}
	if _, err := runAt(t, now, "", "--db", db, "review", "--term", "没有这个学期"); err == nil || !strings.Contains(err.Error(), "没有这个学期") {
		t.Errorf("unknown term: %v", err)
	}

	// Export: a workbook, and a folder of CSV files.
	dir := t.TempDir()
	if _, err := runAt(t, now, "", "--db", db, "export", "--format", "xlsx", "-o", filepath.Join(dir, "登记表.xlsx")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(filepath.Join(dir, "登记表.xlsx")); err != nil || st.Size() == 0 {
		t.Errorf("export xlsx: %v", err)
	}
	if _, err := runAt(t, now, "", "--db", db, "--lang", "zh", "export", "--format", "csv", "-o", filepath.Join(dir, "csv")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"活动.csv", "听课记录.csv", "指导记录.csv", "材料台账.csv", "师徒结对.csv", "校际结对.csv", "考核项.csv", "教师名册.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, "csv", name))
		if err != nil || !bytes.HasPrefix(b, []byte("\ufeff")) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestExportProgress: on a terminal a workbook export that takes more than a second says how
// far it has come, in place, then where it wrote; piped, only where it wrote.
func TestExportProgress(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	if _, err := termbook(t, "sample", "--db", db); err != nil {
		t.Fatal(err)
	}
	for _, tty := range []bool{true, false} {
		out := filepath.Join(dir, "登记表.xlsx")
		// A clock that moves a second each time it is read: a slow machine.
		at := time.Date(2026, 10, 12, 9, 0, 0, 0, time.Local)
		var stdout, stderr bytes.Buffer
		e := env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, stderrTTY: tty,
			now: func() time.Time { at = at.Add(time.Second); return at }}
		if err := run(context.Background(), []string{"--lang", "zh", "--db", db, "export", "--format", "xlsx", "-o", out}, e); err != nil {
			t.Fatal(err)
		}
		got := stderr.String()
		lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		if last := lines[len(lines)-1]; last != "已写入 "+out+"。" {
			t.Errorf("tty %v: stderr ends %q, want where it wrote", tty, last)
		}
		if !tty && len(lines) != 1 {
			t.Errorf("piped: stderr %q, want only where it wrote", got)
		}
		if tty && (!strings.Contains(got, "\r已写入 1 / ") || !strings.Contains(got, "\r正在压缩、写入文件…")) {
			t.Errorf("terminal: stderr %q, want sheets counted in place, then packing", got)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(f.GetSheetList()); n < 7 {
			t.Errorf("tty %v: the workbook has %d sheets", tty, n)
		}
		f.Close()
		if entries, _ := os.ReadDir(dir); len(entries) != 2 { // the database and the workbook
			t.Errorf("tty %v: the folder holds %d entries, want no temporary file left", tty, len(entries))
		}
	}
}
