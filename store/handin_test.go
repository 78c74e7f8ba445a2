package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuiltinHandinKindsMatchTheSchema(t *testing.T) {
	t.Parallel()
	s := MustOpen(t)
	got, err := s.HandinKinds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := BuiltinHandinKinds()
	if len(got) != len(want) {
		t.Fatalf("%d kinds in a new database, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.ID != w.ID || g.Code != w.Code || g.Name != w.Name || g.NameEn != w.NameEn || g.Checklist != w.Checklist ||
			g.Pos != w.Pos || g.UpdatedBy != Builtin || !g.UpdatedAt.Equal(w.UpdatedAt) {
			t.Errorf("kind %d = %+v, want %+v", i, g, w)
		}
	}
	if BuiltinHandinKindID("essay") != "" {
		t.Error("an unknown code has an id")
	}
}

func TestHandinKinds(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := MustOpen(t)
	k, err := s.CreateHandinKind(ctx, HandinKind{Name: "课题研究报告", NameEn: "Research report", Checklist: ChecklistAll})
	if err != nil {
		t.Fatal(err)
	}
	if k.Code != "" || k.Pos != len(BuiltinHandinKinds())+1 {
		t.Errorf("a school's kind = %+v", k)
	}
	kinds, _ := s.HandinKinds(ctx)
	for _, word := range []string{"课题研究报告", "research report", "教案", "Lesson plan", "lesson_plan"} {
		if _, ok := FindHandinKind(kinds, word); !ok {
			t.Errorf("FindHandinKind(%q) found nothing", word)
		}
	}
	if _, ok := FindHandinKind(kinds, "作文"); ok {
		t.Error("FindHandinKind(作文) found a kind")
	}
	_, err = s.CreateHandinKind(ctx, HandinKind{Name: "教案"})
	wantField(t, err, "name", Duplicate)
	_, err = s.CreateHandinKind(ctx, HandinKind{Name: "x", Checklist: "boss"})
	wantField(t, err, "checklist", BadValue)
	_, err = s.CreateHandinKind(ctx, HandinKind{Name: " "})
	wantField(t, err, "name", Required)

	// Retired and brought back.
	if err := s.Delete(ctx, KindHandinKind, k.ID); err != nil {
		t.Fatal(err)
	}
	if kinds, _ := s.HandinKinds(ctx); len(kinds) != len(BuiltinHandinKinds()) {
		t.Errorf("%d kinds after retiring one", len(kinds))
	}
	if err := s.Restore(ctx, KindHandinKind, k.ID); err != nil {
		t.Fatal(err)
	}
	k.Name = "课题报告"
	if _, err := s.UpdateHandinKind(ctx, k); err != nil {
		t.Fatal(err)
	}
	if kinds, _ := s.HandinKinds(ctx); kinds[len(kinds)-1].Name != "课题报告" {
		t.Errorf("after rename: %+v", kinds[len(kinds)-1])
	}
}

func TestHandins(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	plan, notes := BuiltinHandinKindID(KindLessonPlan), BuiltinHandinKindID(KindReadingNotes)
	for _, h := range []Handin{
		{TermID: f.term.ID, TeacherID: f.mentee.ID, KindID: notes, Title: "《给教师的建议》读书笔记", On: MustDate("2026-11-02")},
		{TermID: f.term.ID, TeacherID: f.mentee.ID, KindID: plan, Title: " 教案《观潮》 ", On: MustDate("2026-10-12")},
		{TermID: f.term.ID, TeacherID: f.zs.ID, KindID: plan, Title: "教案《秋天》", On: MustDate("2026-10-13")},
	} {
		if _, err := s.CreateHandin(ctx, h); err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.Handins(ctx, HandinFilter{TermID: f.term.ID})
	if err != nil || len(list) != 3 || list[0].KindID != plan || list[0].Title != "教案《观潮》" || list[2].KindID != notes {
		t.Fatalf("Handins() by date = %+v, %v", list, err)
	}
	if mine, _ := s.Handins(ctx, HandinFilter{TermID: f.term.ID, TeacherID: f.mentee.ID, KindID: plan}); len(mine) != 1 {
		t.Errorf("the mentee's lesson plans: %+v", mine)
	}

	// Checked: who, when, the grade and the comment.
	h := list[0]
	h.CheckedBy, h.CheckedOn, h.Grade, h.Comment = "黄德明", MustDate("2026-10-20"), Good, "环节完整。\n作业可分层。"
	if _, err := s.UpdateHandin(ctx, h); err != nil {
		t.Fatal(err)
	}
	got, err := s.Handin(ctx, h.ID)
	if err != nil || !got.Checked() || got.Grade != Good || got.Comment != h.Comment || got.CheckedOn != h.CheckedOn {
		t.Errorf("after the check: %+v, %v", got, err)
	}
	if all, _ := s.TermHandins(ctx, f.term.ID); len(all) != 3 || all[0].Comment != h.Comment {
		t.Errorf("TermHandins() = %+v", all)
	}
	// Deleted and brought back.
	if err := s.Delete(ctx, KindHandin, h.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Handins(ctx, HandinFilter{TermID: f.term.ID}); len(list) != 2 {
		t.Errorf("%d hand-ins after a delete", len(list))
	}
	if err := s.Restore(ctx, KindHandin, h.ID); err != nil {
		t.Fatal(err)
	}

	ok := Handin{TermID: f.term.ID, TeacherID: f.mentee.ID, KindID: plan, On: MustDate("2026-10-12")}
	refusedWrites(t, s, "handins", ok, func(h Handin) error { _, err := s.CreateHandin(ctx, h); return err }, []refusal[Handin]{
		{"unknown kind", func(h *Handin) { h.KindID = "essay" }, "kind", Unknown},
		{"no kind", func(h *Handin) { h.KindID = "" }, "kind", Required},
		{"no date", func(h *Handin) { h.On = Date{} }, "date", Required},
		{"no such day", func(h *Handin) { h.On = Date{2026, 2, 30} }, "date", BadDate},
		{"unknown teacher", func(h *Handin) { h.TeacherID = "nope" }, "teacher", Unknown},
		{"unknown term", func(h *Handin) { h.TermID = "nope" }, "term", Unknown},
		{"no teacher", func(h *Handin) { h.TeacherID = "" }, "teacher", Required},
		{"checked before handed in", func(h *Handin) { h.CheckedBy, h.CheckedOn = "黄德明", MustDate("2026-10-01") }, "checked_on", BadDate},
		{"checked by nobody", func(h *Handin) { h.CheckedOn = MustDate("2026-10-20") }, "checked_by", Required},
		{"a name too long", func(h *Handin) { h.CheckedBy = strings.Repeat("黄", MaxName+1) }, "checked_by", TooLong},
		{"bad grade", func(h *Handin) { h.Grade = "A+" }, "grade", BadValue},
		{"a comment too long", func(h *Handin) { h.Comment = strings.Repeat("好", MaxNote+1) }, "comment", TooLong},
		{"a file above the folder", func(h *Handin) { h.File = "../secret.doc" }, "file", Outside},
		{"an absolute file", func(h *Handin) { h.File = "/etc/passwd" }, "file", Outside},
		{"a Windows path", func(h *Handin) { h.File = `C:\教案.doc` }, "file", Outside},
		{"an unclean path", func(h *Handin) { h.File = "a/../../b.doc" }, "file", Outside},
	})
}

// TestHandinFileRef checks the file a hand-in refers to: one inside the folder beside the
// database is kept as its path there; one outside, or one that is not there, is refused.
func TestHandinFileRef(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	dir := FilesDir(s.Path())
	if filepath.Dir(dir) != filepath.Dir(s.Path()) || filepath.Base(dir) != "termbook-files" {
		t.Errorf("FilesDir = %s", dir)
	}
	inside := filepath.Join(dir, "教案", "第3周.docx")
	outside := filepath.Join(filepath.Dir(s.Path()), "别处.docx")
	for _, p := range []string{inside, outside} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ref, err := s.FileRefFor(inside)
	if err != nil || ref != "教案/第3周.docx" {
		t.Fatalf("FileRefFor(inside) = %q, %v", ref, err)
	}
	h, err := s.CreateHandin(ctx, Handin{TermID: f.term.ID, TeacherID: f.mentee.ID, KindID: BuiltinHandinKindID(KindLessonPlan),
		On: MustDate("2026-09-16"), File: ref})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Handin(ctx, h.ID); got.File != ref || s.FilePath(got.File) != inside {
		t.Errorf("the hand-in's file = %q at %s", got.File, s.FilePath(got.File))
	}
	_, err = s.FileRefFor(outside)
	wantField(t, err, "file", Outside)
	var ie *InvalidError
	if errors.As(err, &ie) && (ie.Fields[0].Value != outside || ie.Fields[0].Other == "") {
		t.Errorf("the error does not name the file and the folder: %+v", ie.Fields[0])
	}
	_, err = s.FileRefFor(filepath.Join(dir, "没有.docx"))
	wantField(t, err, "file", NoFile)
}

// refusal is one wrong change of a record that a write must refuse, naming field with problem.
type refusal[T any] struct {
	name    string
	change  func(*T)
	field   string
	problem Problem
}

// refusedWrites makes each change to a copy of ok and writes it with write: each must be
// refused naming its field, and nothing written to table.
func refusedWrites[T any](t *testing.T, s *Store, table string, ok T, write func(T) error, tests []refusal[T]) {
	t.Helper()
	before := count(t, s, table)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := ok
			tt.change(&v)
			wantField(t, write(v), tt.field, tt.problem)
		})
	}
	if got := count(t, s, table); got != before {
		t.Errorf("%d %s written by refused calls", got-before, table)
	}
}
