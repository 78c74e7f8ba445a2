package exchange_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"termbook/store"
	"termbook/store/exchange"
	"termbook/store/storetest"
)

// TestChecklistFileImports reads a file a termbook before hand-ins wrote — of exchange
// format 1, or of format 2 with activity records but still the old shapes: a teacher with one
// 称号, a hand-in of an old kind, a target by its metric alone, a checklist kept by hand —
// into a new database, in today's shape.
func TestChecklistFileImports(t *testing.T) {
	t.Parallel()
	for _, version := range []int{1, 2} {
		t.Run(fmt.Sprintf("version %d", version), func(t *testing.T) {
			t.Parallel()
			checklistFileImports(t, version)
		})
	}
}

func checklistFileImports(t *testing.T, version int) {
	ctx := context.Background()
	const at = "2026-10-01T08:00:00.000Z"
	const partner = "01a24600-0000-7000-8000-0000000000ff"
	var lines []string
	table := func(name string, rows ...[]any) {
		cols := store.LegacyColumns(name)
		if cols == nil {
			cols, _ = store.SyncColumns(name) // the tables used here gained no column since version 1
		}
		tl, _ := json.Marshal(map[string]any{"table": name, "columns": cols})
		lines = append(lines, string(tl))
		for _, r := range rows {
			if len(r)+4 != len(cols) {
				t.Fatalf("%s: %d values for %d columns", name, len(r)+4, len(cols))
			}
			rl, _ := json.Marshal(append([]any{r[0], at, at, partner}, append([]any{nil}, r[1:]...)...))
			lines = append(lines, string(rl))
		}
	}
	// The records' ids, and the partner that wrote them.
	const (
		s1, t1, t2, t3 = "01a24600-0000-7000-8000-000000000001", "01a24600-0000-7000-8000-000000000002", "01a24600-0000-7000-8000-000000000003", "01a24600-0000-7000-8000-000000000004"
		term, p1, h1   = "01a24600-0000-7000-8000-000000000005", "01a24600-0000-7000-8000-000000000006", "01a24600-0000-7000-8000-000000000007"
		g1, g2, r1     = "01a24600-0000-7000-8000-000000000008", "01a24600-0000-7000-8000-000000000009", "01a24600-0000-7000-8000-000000000010"
		c1, c2, c3, c4 = "01a24600-0000-7000-8000-000000000011", "01a24600-0000-7000-8000-000000000012", "01a24600-0000-7000-8000-000000000013", "01a24600-0000-7000-8000-000000000014"
		unknownPair    = "01a24600-0000-7000-8000-000000000015"
	)
	table("schools", []any{s1, "侯庄小学", "", "", 1})
	table("teachers", []any{t1, s1, "王晓梅", "wangxiaomei", "wxm", "语文", "", "学科带头人", 1},
		[]any{t2, s1, "李小红", "lixiaohong", "lxh", "语文", "", "新任教师", 1},
		[]any{t3, s1, "赵刚", "zhaogang", "zg", "数学", "", "教导主任", 1})
	table("terms", []any{term, "2026—2027学年第一学期", "2026-08-31", 20})
	table("mentor_pairs", []any{p1, term, t1, t2, "语文", ""})
	table("handins", []any{h1, term, t2, "lesson_plan", "《观潮》", "2026-09-20"})
	table("targets", []any{g1, term, "joint_meetings", "school_pair", 1, "term"},
		[]any{g2, term, "lesson_plans", "mentor_pair", 4, "term"})
	table("checklist_items", []any{c1, term, "mentor_pair", p1, "lecture_materials", "checked", "讲得好"},
		[]any{c2, term, "teacher", t3, "reading_notes", "handed_in", ""},
		[]any{c3, term, "mentor_pair", p1, "demo_lesson_plan", "missing", ""},
		[]any{c4, term, "mentor_pair", unknownPair, "reading_notes", "handed_in", ""})
	table("term_grades", []any{r1, term, "mentor_pair", p1, "good"})
	data := exFile(t, fmt.Sprintf(`{"format":"termbook-exchange","version":%d}`, version)+"\n"+`{"from":"`+partner+`","created_at":"2026-10-20T08:00:00Z"}`, true, lines...)
	dir := t.TempDir()
	path := filepath.Join(dir, "old.tbx")
	must(t, os.WriteFile(path, data, 0o644))

	s, err := store.Open(ctx, filepath.Join(dir, "new.db"), store.Options{})
	must(t, err)
	defer s.Close()
	sum, err := exchange.Import(ctx, s, path)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 12 || sum.Waiting != 0 {
		t.Errorf("import: %+v, want 12 records added (the missing item and the unknown pair's have no place)", sum.MergeResult)
	}
	teachers, _ := s.Teachers(ctx)
	by := map[string]store.Teacher{}
	for _, te := range teachers {
		by[te.Name] = te
	}
	if by["王晓梅"].Honour != "学科带头人" || by["李小红"].Rank != "新任教师" || by["赵刚"].Post != "教导主任" {
		t.Errorf("teachers: %+v", teachers)
	}
	handins, _ := s.TermHandins(ctx, term)
	got := map[string]store.Handin{}
	for _, h := range handins {
		got[h.ID] = h
	}
	if h := got[h1]; h.KindID != store.BuiltinHandinKindID(store.KindLessonPlan) || h.Checked() {
		t.Errorf("the lesson plan: %+v", h)
	}
	if h := got[c1]; h.TeacherID != t1 || h.KindID != store.BuiltinHandinKindID(store.KindLecture) || h.CheckedBy != store.LegacyChecked || h.Comment != "讲得好" {
		t.Errorf("the mentor's lecture materials, checked: %+v", h)
	}
	if h := got[c2]; h.TeacherID != t3 || h.KindID != store.BuiltinHandinKindID(store.KindReadingNotes) || h.Checked() {
		t.Errorf("赵刚's reading notes: %+v", h)
	}
	if len(handins) != 3 {
		t.Errorf("%d hand-ins, want 3: %+v", len(handins), handins)
	}
	targets, _ := s.Targets(ctx, term)
	var titles []string
	for _, tg := range targets {
		titles = append(titles, tg.Title)
		if err := tg.Validate(); err != nil {
			t.Errorf("target %s: %v", tg.Title, err)
		}
	}
	if strings.Join(titles, " ") != "交教案 联席会议" || targets[0].Required != 4 || targets[1].Required != 1 || targets[1].Counts != store.CountActivities {
		t.Errorf("targets: %+v", targets)
	}
	grades, _ := s.TermGrades(ctx, term)
	if len(grades) != 1 || grades[0].Grade != store.Good {
		t.Errorf("grades: %+v", grades)
	}
	// What this termbook writes is version 2.
	zr, err := gzip.NewReader(bytes.NewReader(readAll(t, exportTo(t, s, dir, "to-partner", 1))))
	must(t, err)
	first, err := bufio.NewReader(zr).ReadString('\n')
	if err != nil || !strings.Contains(first, `"version":2`) {
		t.Errorf("the export begins %q, %v", first, err)
	}
}

// TestNewRecordsTravel sends what version 2 added — a hand-in checked with a comment, a
// school's own kind, a changed and a new target, a teacher's 职称, 职务 and 荣誉, a report's
// header and narrative — and finds it all at the partner.
func TestNewRecordsTravel(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b, a, bb, _, dir := pair(t)
	kind, err := a.CreateHandinKind(ctx, store.HandinKind{Name: "课题报告", Checklist: store.ChecklistAll})
	must(t, err)
	h, err := a.CreateHandin(ctx, store.Handin{TermID: b.termID, TeacherID: b.teachers[1], KindID: kind.ID, Title: "课题中期报告",
		On: storetest.Date("2026-10-08"), CheckedBy: "黄德明", CheckedOn: storetest.Date("2026-10-09"), Grade: store.Good, Comment: "数据翔实"})
	must(t, err)
	targets, err := a.Targets(ctx, b.termID)
	must(t, err)
	joint := targets[6]
	joint.Required, joint.Weight = 1, 30
	_, err = a.UpdateTarget(ctx, joint)
	must(t, err)
	_, err = a.CreateTarget(ctx, store.Target{TermID: b.termID, Title: "听课", Scope: store.ScopeTeacher, AppliesTo: "新任教师",
		Counts: store.CountObservationsMade, Required: 20, Per: store.PerTerm})
	must(t, err)
	te, err := a.Teacher(ctx, b.teachers[0])
	must(t, err)
	te.Rank, te.Post, te.Honour = "高级教师", "教导主任", "学科带头人"
	_, err = a.UpdateTeacher(ctx, te)
	must(t, err)
	_, err = a.SaveReport(ctx, store.Report{TermID: b.termID, Unit: "定边第五小学", FilledBy: "王晓梅",
		Narrative: store.Narrative{Progress: "开展教研活动二十次。", Plans: "继续结对。"}})
	must(t, err)

	if _, err := exchange.Import(ctx, bb, exportTo(t, a, dir, "to-b", 1)); err != nil {
		t.Fatal(err)
	}
	got, err := bb.Handin(ctx, h.ID)
	if err != nil || got.CheckedBy != "黄德明" || got.Grade != store.Good || got.Comment != "数据翔实" || got.KindID != kind.ID {
		t.Errorf("the hand-in at the partner: %+v, %v", got, err)
	}
	if kinds, _ := bb.HandinKinds(ctx); kinds[len(kinds)-1].Name != "课题报告" {
		t.Errorf("the school's own kind did not travel: %+v", kinds)
	}
	theirs, _ := bb.Targets(ctx, b.termID)
	if len(theirs) != len(targets)+1 || theirs[6].Required != 1 || theirs[6].Weight != 30 || theirs[len(theirs)-1].AppliesTo != "新任教师" {
		t.Errorf("the rules at the partner: %+v", theirs)
	}
	if te, _ := bb.Teacher(ctx, b.teachers[0]); te.Rank != "高级教师" || te.Post != "教导主任" || te.Honour != "学科带头人" {
		t.Errorf("the teacher at the partner: %+v", te)
	}
	if r, _ := bb.Report(ctx, b.termID, 0); r.Unit != "定边第五小学" || r.Progress != "开展教研活动二十次。" || r.Plans != "继续结对。" {
		t.Errorf("the report at the partner: %+v", r)
	}
	// And back: nothing changes at the sender.
	before := dump(t, a.Path())
	if _, err := exchange.Import(ctx, a, exportTo(t, bb, dir, "to-a", 1)); err != nil {
		t.Fatal(err)
	}
	if after := dump(t, a.Path()); after != before {
		t.Error("the records came back changed")
	}
}
