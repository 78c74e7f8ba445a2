package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"termbook/store"
)

func fixture(name string) string {
	return filepath.Join("..", "..", "store", "roster", "testdata", name)
}

func teacherCount(t *testing.T, db string) int {
	t.Helper()
	s := openDB(t, db, store.Options{ReadOnly: true})
	defer s.Close()
	all, err := s.Teachers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(all)
}

// emptyDB makes a new database with nothing in it.
func emptyDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "i.db")
	s := openDB(t, db, store.Options{})
	s.Close()
	return db
}

func TestImportTeachersCommand(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 10, 18, 10, 0, 0, 0, time.Local)
	db := emptyDB(t)
	before := teacherCount(t, db)

	// A dry run and a "no" write nothing; the preview names every row and the new school.
	out, err := runAt(t, now, "", "--db", db, "--lang", "zh", "import", "teachers", fixture("teachers-gbk.csv"), "--dry-run")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"GB18030", "第3行", "新建", "李小红（侯庄小学）", "将新建学校：定边第五小学、侯庄小学", "试运行"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if out, err := runAt(t, now, "n\n", "--db", db, "--lang", "zh", "import", "teachers", fixture("teachers.xlsx")); err == nil ||
		err.Error() != "已取消，没有写入；要不询问直接导入，请加 --yes。" || !strings.Contains(out, "确认导入？") {
		t.Errorf("answering no: %v\n%s", err, out)
	}
	// A script (no terminal on standard input) is not asked: it is told to add --yes.
	if _, err := runAt(t, now, "", "--db", db, "--lang", "en", "import", "teachers", fixture("teachers.xlsx")); err == nil ||
		!strings.Contains(err.Error(), "Standard input is not a terminal") || !strings.Contains(err.Error(), "add --yes") {
		t.Errorf("no terminal and no --yes: %v", err)
	}
	if n := teacherCount(t, db); n != before {
		t.Fatalf("%d teachers after a dry run and a no, want %d", n, before)
	}

	// Yes imports; importing the same list again doubles nobody.
	if out, err := runAt(t, now, "y\n", "--db", db, "--lang", "en", "import", "teachers", fixture("teachers-utf8.csv")); err != nil || !strings.Contains(out, "Imported: 4 teachers added") {
		t.Errorf("answering yes: %v\n%s", err, out)
	}
	if out, err := runAt(t, now, "", "--db", db, "--lang", "en", "import", "teachers", fixture("teachers-bom.csv"), "--yes"); err != nil || !strings.Contains(out, "nothing to write") {
		t.Errorf("importing again: %v\n%s", err, out)
	}
	if n := teacherCount(t, db); n != before+4 {
		t.Errorf("%d teachers, want %d", n, before+4)
	}

	// Bad files: one sentence each, nothing written.
	bad := []struct{ file, want string }{
		{"bad-rows.csv", "有 3 行有误，没有导入任何数据"},
		{"empty.csv", "是空的"},
		{"binary.bin", "不是 CSV 或 XLSX 文件"},
		{"missing.csv", "找不到文件"},
	}
	for _, b := range bad {
		_, err := runAt(t, now, "y\n", "--db", db, "--lang", "zh", "import", "teachers", fixture(b.file), "--yes")
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%s: %v, want an error saying %q", b.file, err, b.want)
		}
	}
	if n := teacherCount(t, db); n != before+4 {
		t.Errorf("bad files changed the teachers: %d, want %d", n, before+4)
	}
	if _, err := runAt(t, now, "", "--db", db, "import", "pupils", "x.csv"); err == nil || !strings.Contains(err.Error(), "teachers") {
		t.Errorf("import of something else: %v", err)
	}
}

func TestImportRowErrorsNameTheRows(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 10, 18, 10, 0, 0, 0, time.Local)
	db := emptyDB(t)
	var errOut strings.Builder
	e := env{stdin: strings.NewReader(""), stdout: &strings.Builder{}, stderr: &errOut,
		getenv: func(string) string { return "" }, now: func() time.Time { return now }}
	err := run(context.Background(), []string{"--db", db, "--lang", "zh", "import", "teachers", fixture("bad-rows.csv"), "--yes"}, e)
	if err == nil {
		t.Fatal("bad rows imported")
	}
	want := "第3行：“姓名”不能为空。\n第5行：“姓名”太长（42 个字，最多 40 个字）。\n第6行：“学校”不能为空。\n"
	if errOut.String() != want {
		t.Errorf("stderr\n%s\nwant\n%s", errOut.String(), want)
	}
}
