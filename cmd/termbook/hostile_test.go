package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"termbook/store"
)

// TestOutputNeverOverwritesDatabase names the database, the files beside it and its backup
// folder, spelt every way a person might, as the output of every command that writes a file:
// each is refused with one sentence, and the database and its backups stay as they were.
func TestOutputNeverOverwritesDatabase(t *testing.T) {
	db := sampleDB(t)
	dir := filepath.Dir(db)
	if _, err := runArgs(t, "--db", db, "backup"); err != nil {
		t.Fatal(err)
	}
	backups, err := store.Backups(db)
	if err != nil || len(backups) != 1 {
		t.Fatalf("backups: %v, %v", backups, err)
	}
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	linkedDir := filepath.Join(t.TempDir(), "folder")
	if err := os.Symlink(dir, linkedDir); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	before, _ := os.ReadFile(db)
	backupBefore, _ := os.ReadFile(backups[0].Path)

	targets := []struct{ name, path, want string }{
		{"itself", db, "is the database itself"},
		{"relative", "termbook.db", "is the database itself"},
		{"dotted", filepath.Join(dir, "..", filepath.Base(dir), ".", "termbook.db"), "is the database itself"},
		{"symlink", link, "is the database itself"},
		{"hard link", hard, "is the database itself"},
		{"through a linked folder", filepath.Join(linkedDir, "termbook.db"), "is the database itself"},
		{"journal", "termbook.db-journal", "one of the database's own files"},
		{"wal", db + "-wal", "one of the database's own files"},
		{"shm", filepath.Join(linkedDir, "termbook.db-shm"), "one of the database's own files"},
		{"holder", "./termbook.db-holder", "one of the database's own files"},
		{"backup folder", store.BackupDir(db), "in the database's backup folder"},
		{"a backup", backups[0].Path, "in the database's backup folder"},
		{"in the backup folder", filepath.Join("termbook-backups", "review.xlsx"), "in the database's backup folder"},
	}
	commands := [][]string{
		{"review", "--format", "xlsx", "-o"},
		{"review", "--format", "csv", "-o"},
		{"review", "-o"},
		{"export", "--format", "xlsx", "-o"},
		{"export", "--format", "csv", "-o"},
		{"exchange", "export", "-o"},
		{"exchange", "export", "--partner", "侯庄小学", "-o"},
		{"backup", "-o"},
		{"report", "-o"},
		{"report", "--year", "2026-2027", "-o"},
	}
	for _, c := range commands {
		for _, tg := range targets {
			args := append(append([]string{"--lang", "en", "--db", db}, c...), tg.path)
			_, err := runArgs(t, args...)
			if err == nil || !strings.Contains(err.Error(), tg.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("%s to the %s: %v, want one sentence saying %q", strings.Join(c, " "), tg.name, err, tg.want)
			}
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(after, before) {
		t.Error("the database changed")
	}
	if after, _ := os.ReadFile(backups[0].Path); !bytes.Equal(after, backupBefore) {
		t.Error("the backup changed")
	}
	for _, suffix := range []string{"-journal", "-wal", "-shm", "-holder"} {
		if _, err := os.Stat(db + suffix); err == nil {
			t.Errorf("%s was written", filepath.Base(db+suffix))
		}
	}
	if entries, _ := os.ReadDir(store.BackupDir(db)); len(entries) != 1 {
		t.Errorf("the backup folder holds %d files, want the one backup", len(entries))
	}
	// A file beside the database is fine.
	if err := run(t.Context(), []string{"--db", db, "review", "--format", "csv", "-o", "termbook.db.csv"}, newTestEnv(t).env); err != nil {
		t.Errorf("review beside the database: %v", err)
	}
}

// damageIndex changes one key in the leaf page of an index of the closed database at db, so
// that the index no longer agrees with its table: quick_check, which the open runs, still
// passes; integrity_check finds it.
func damageIndex(t *testing.T, db string) {
	t.Helper()
	query := func(q string) []string {
		t.Helper()
		c, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		rows, err := c.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			rows.Scan(&s)
			out = append(out, s)
		}
		return out
	}
	root, err := strconv.Atoi(query("SELECT rootpage FROM sqlite_schema WHERE name = 'activities_by_day'")[0])
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	page := b[(root-1)*4096 : root*4096]
	i := bytes.LastIndex(page, []byte("-"))
	if page[0] != 0x0a || i < 0 {
		t.Fatalf("page %d is not an index leaf with dates", root)
	}
	page[i-1] ^= 1 // a digit of a year, still a digit
	if err := os.WriteFile(db, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if q, ic := query("PRAGMA quick_check"), query("PRAGMA integrity_check"); q[0] != "ok" || ic[0] == "ok" {
		t.Fatalf("after the damage quick_check says %q, integrity_check %q", q, ic)
	}
}

// TestIndexDamageStopsWrites damages an index, which the open's quick_check does not see:
// the day's first start finds it and writes nothing, and neither does any program after it
// or after termbook check found it, until a restore.
func TestIndexDamageStopsWrites(t *testing.T) {
	count := func(db string) int {
		t.Helper()
		c, _ := sql.Open("sqlite", "file:"+db+"?mode=ro")
		defer c.Close()
		var n int
		if err := c.QueryRow("SELECT count(*) FROM activities").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	other := sampleDB(t)
	tbx := filepath.Join(t.TempDir(), "partner.tbx")
	if _, err := runArgs(t, "--db", other, "exchange", "export", "-o", tbx); err != nil {
		t.Fatal(err)
	}
	csv := filepath.Join(t.TempDir(), "teachers.csv")
	os.WriteFile(csv, []byte("姓名,学校\n新老师,定边第五小学\n"), 0o644)

	// The day's first start finds the damage; so does termbook check, after the day's
	// backup was taken by a start before the damage.
	for _, found := range []string{"first start", "check"} {
		t.Run(found, func(t *testing.T) {
			db := sampleDB(t)
			te := newTestEnv(t)
			if found == "check" {
				te.mustRun(t, "--db", db, "add", "w5 公开课 测试课") // takes the day's backup
			}
			good := filepath.Join(t.TempDir(), "good.db")
			te.mustRun(t, "--db", db, "backup", "-o", good)
			damageIndex(t, db)
			if found == "check" {
				if _, err := te.run(t, "--lang", "en", "--db", db, "check"); err == nil || !strings.Contains(err.Error(), "is damaged") {
					t.Fatalf("check: %v", err)
				}
			}
			before := count(db)
			for _, args := range [][]string{
				{"add", "w6 公开课 测试课"},
				{"add", "w7 公开课 又一节课"},
				{"exchange", "import", tbx},
				{"import", "teachers", csv, "--yes"},
			} {
				te.out.Reset()
				te.errOut.Reset()
				err := run(context.Background(), append([]string{"--lang", "en", "--db", db}, args...), te.env)
				if err == nil || !strings.Contains(err.Error(), "damaged") {
					t.Errorf("%v on a damaged file: %v", args, err)
				}
			}
			if n := count(db); n != before {
				t.Errorf("%d activities after the refused writes, want %d", n, before)
			}
			te.mustRun(t, "--db", db, "restore", good)
			te.mustRun(t, "--db", db, "add", "w6 公开课 测试课")
			if n := count(db); n != before+1 {
				t.Errorf("%d activities after the restore and an add, want %d", n, before+1)
			}
		})
	}
}

// TestAddOnEmptyFileRefused: an empty file is not a database yet; add and agenda leave it
// empty rather than write a schema into it.
func TestAddOnEmptyFileRefused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(db, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	csv := filepath.Join(t.TempDir(), "teachers.csv")
	os.WriteFile(csv, []byte("姓名,学校\n新老师,定边第五小学\n"), 0o644)
	for _, args := range [][]string{{"add", "w3 公开课 测试课"}, {"agenda"}, {"import", "teachers", csv, "--yes"}} {
		_, err := runArgs(t, append([]string{"--lang", "en", "--db", db}, args...)...)
		if err == nil || !strings.Contains(err.Error(), "is an empty file, not a database yet; nothing was written") {
			t.Errorf("%v on an empty file: %v", args, err)
		}
	}
	if st, err := os.Stat(db); err != nil || st.Size() != 0 {
		t.Errorf("the empty file now holds %d bytes", st.Size())
	}
}

// TestRefusedRestoreWritesNothing: a restore refused because another program has the file
// open leaves the backup folder as it was.
func TestRefusedRestoreWritesNothing(t *testing.T) {
	db := sampleDB(t)
	good := filepath.Join(t.TempDir(), "good.db")
	if _, err := runArgs(t, "--db", db, "backup", "-o", good); err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(context.Background(), db, store.Options{}) // the other program
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Schools(context.Background()); err != nil {
		t.Fatal(err)
	}
	before, _ := store.Backups(db)
	if _, err := runArgs(t, "--lang", "en", "--db", db, "restore", good); err == nil || !strings.Contains(err.Error(), "quit it first") {
		t.Fatalf("restore while in use: %v", err)
	}
	if after, _ := store.Backups(db); len(after) != len(before) {
		t.Errorf("the refused restore left %d backups, there were %d", len(after), len(before))
	}
}

// TestRosterCSVFaultsNamed: a quote inside an unquoted cell, as a hand-made formula leaves it,
// is refused naming its row and column the way a spreadsheet shows them, with what to do;
// rows are never run together, and the preview counts the rows the file has.
func TestRosterCSVFaultsNamed(t *testing.T) {
	db := sampleDB(t)
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o644)
		return p
	}
	for _, c := range []struct{ file, text, lang, want string }{
		{"formula.csv", "姓名,学校,学科\n=HYPERLINK(\"a\",\"b\"),青山路小学,语文\n李小红,侯庄小学,语文\n", "zh",
			"“" + filepath.Join(dir, "formula.csv") + "”第 2 行 A 列有一个英文双引号 \"，而这一格没有整个用双引号括起来"},
		{"school.csv", "name,school\n王晓梅,青山\"路\"小学\n", "en", "row 2, column B: a double quote \" inside a cell that is not itself in quotes"},
		{"open.csv", "姓名,学校\n王晓梅,\"五小\n李小红,侯庄小学\n", "en", "row 2, column B: the cell starts with a double quote \" that is not closed"},
	} {
		_, err := runArgs(t, "--lang", c.lang, "--db", db, "import", "teachers", write(c.file, c.text), "--dry-run")
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "控制字符") {
			t.Errorf("%s: %v, want %q", c.file, err, c.want)
		}
	}
	// A cell over two lines, quoted as Excel writes it, is one cell of one row.
	out, err := runArgs(t, "--lang", "en", "--db", db, "import", "teachers", write("notes.csv",
		"姓名,学校,备注\n王晓梅,五小,\"新任\n教师\"\n李小红,侯庄小学,\"他说\"\"好\"\"\"\n张伟,侯庄小学,\n"), "--dry-run")
	if err != nil || !strings.Contains(out, "3 teacher rows") || !strings.Contains(out, "row 5") {
		t.Errorf("a quoted cell over two lines: %v\n%s", err, out)
	}
}

// TestSignalEndsAStuckRun: after a signal the program ends within the grace period even
// when the run cannot notice it, and a second signal (stop) ends it the default way.
func TestSignalEndsAStuckRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	stopped, exited := make(chan bool, 1), make(chan int, 1)
	go endAfterSignal(ctx, func() { stopped <- true }, 50*time.Millisecond, func(code int) { exited <- code })
	select {
	case <-exited:
		t.Fatal("ended before any signal")
	case <-time.After(100 * time.Millisecond):
	}
	cancel() // the signal
	select {
	case code := <-exited:
		if code == 0 || len(stopped) != 1 {
			t.Errorf("exit %d, signal handling stopped %v", code, len(stopped) == 1)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a stuck run did not end after the signal")
	}
}
