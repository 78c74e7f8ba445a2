package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"termbook/store"
	"termbook/ui/i18n"
)

// testMain is a Main on the test clock with captured output, for the database at db, whose
// stdin answers with the given text.
func testMain(t *testing.T, db, stdin string, lang i18n.Lang) (*Main, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	te := newTestEnv(t)
	te.stdin = strings.NewReader(stdin)
	return &Main{env: te.env, lang: lang, db: db}, te.out, te.errOut
}

// runArgs runs the command line on the test clock and returns its output and error.
func runArgs(t *testing.T, args ...string) (string, error) {
	t.Helper()
	return newTestEnv(t).run(t, args...)
}

// sampleDB writes the sample into a new database and returns its path.
func sampleDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "termbook.db")
	if _, err := runArgs(t, "sample", "--db", db); err != nil {
		t.Fatal(err)
	}
	return db
}

// corruptPages overwrites pages 3 and 4 of a closed database with noise.
func corruptPages(t *testing.T, db string) {
	t.Helper()
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for i := 2 * 4096; i < 4*4096 && i < len(b); i++ {
		b[i] = byte(i * 31)
	}
	if err := os.WriteFile(db, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func countSchools(t *testing.T, db string) int {
	t.Helper()
	s := openDB(t, db, store.Options{ReadOnly: true})
	defer s.Close()
	got, err := s.Schools(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(got)
}

func TestCheckSound(t *testing.T) {
	t.Parallel()
	db := sampleDB(t)
	out, err := runArgs(t, "--lang", "en", "check", "--db", db)
	if err != nil {
		t.Fatalf("check on a sound file: %v", err)
	}
	if !strings.Contains(out, "is sound") || !strings.Contains(out, "Backups: none yet") {
		t.Errorf("check said:\n%s", out)
	}
}

func TestCheckDamagedOffersBackup(t *testing.T) {
	t.Parallel()
	db := sampleDB(t)
	if out, err := runArgs(t, "--lang", "en", "backup", "--db", db); err != nil {
		t.Fatalf("backup: %v %s", err, out)
	}
	corruptPages(t, db)

	out, err := runArgs(t, "--lang", "en", "check", "--db", db)
	if err == nil {
		t.Fatalf("check on a damaged file succeeded:\n%s", out)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.Contains(msg, "is damaged") || !strings.Contains(msg, "termbook restore --latest") || !strings.Contains(msg, "2026-09-23 10:00") {
		t.Errorf("check's error = %q", msg)
	}
	if _, err := runArgs(t, "restore", "--latest", "--db", db); err != nil {
		t.Fatalf("restore --latest: %v", err)
	}
	if out, err := runArgs(t, "check", "--db", db); err != nil {
		t.Fatalf("check after restore: %v\n%s", err, out)
	}
}

func TestCheckDamagedNoBackup(t *testing.T) {
	t.Parallel()
	db := sampleDB(t)
	corruptPages(t, db)
	_, err := runArgs(t, "--lang", "zh", "check", "--db", db)
	if err == nil || !strings.Contains(err.Error(), "已损坏") || !strings.Contains(err.Error(), "没有完好的备份") {
		t.Fatalf("check = %v", err)
	}
}

func TestTUIStartOffersRestore(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		answer   string
		restored bool
	}{{"y\n", true}, {"是\n", true}, {"n\n", false}, {"", false}} {
		db := sampleDB(t)
		if _, err := runArgs(t, "backup", "--db", db); err != nil {
			t.Fatal(err)
		}
		corruptPages(t, db)
		m, out, errOut := testMain(t, db, c.answer, i18n.Zh)
		s, err := m.openForTUI(context.Background())
		if err != nil {
			t.Fatalf("answer %q: %v", c.answer, err)
		}
		ro := s.ReadOnlyReason()
		s.Close()
		if !strings.Contains(out.String(), "已损坏。要用 2026-09-23 10:00 的备份恢复吗？") {
			t.Errorf("answer %q: the prompt was %q", c.answer, out.String())
		}
		if c.restored != (ro == nil) {
			t.Errorf("answer %q: read-only reason after start = %v", c.answer, ro)
		}
		if !c.restored && !strings.Contains(errOut.String(), "只能查看") {
			t.Errorf("answer %q: no read-only notice, stderr %q", c.answer, errOut.String())
		}
		if c.restored && countSchools(t, db) == 0 {
			t.Errorf("answer %q: restored file has no schools", c.answer)
		}
	}
}

func TestTUIStartNewerNotice(t *testing.T) {
	t.Parallel()
	db := sampleDB(t)
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", store.LatestVersion()+1))
	raw.Close()
	m, _, errOut := testMain(t, db, "", i18n.En)
	s, err := m.openForTUI(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.Contains(errOut.String(), "written by a newer termbook") {
		t.Errorf("notice = %q", errOut.String())
	}
}

func TestReadOnlyFileMessage(t *testing.T) {
	t.Parallel()
	db := sampleDB(t)
	os.Chmod(db, 0o444)
	_, err := runArgs(t, "--lang", "en", "add", "--db", db, "w3 公开课 测试课")
	if err == nil || err.Error() != "The database is read-only; changes cannot be saved." {
		t.Fatalf("writing to a read-only file: %v", err)
	}
	m, _, errOut := testMain(t, db, "", i18n.Zh)
	s, err := m.openForTUI(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if !strings.Contains(errOut.String(), "只读") {
		t.Errorf("TUI start notice = %q", errOut.String())
	}
}

func TestDailyBackupAtFirstStart(t *testing.T) {
	t.Parallel()
	db := sampleDB(t)
	for range 3 {
		m, _, _ := testMain(t, db, "", i18n.En)
		s, err := m.open(context.Background(), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	bs, err := store.Backups(db)
	if err != nil || len(bs) != 1 || filepath.Base(bs[0].Path) != "termbook-2026-09-23.db" {
		t.Fatalf("backups after three starts: %+v, %v", bs, err)
	}
}

func TestBackupRefusals(t *testing.T) {
	t.Parallel()
	db := sampleDB(t)
	foreign := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(foreign, []byte("mine"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"backup", "-o", db}, "is the database itself"},
		{[]string{"backup", "-o", foreign}, "is not a termbook database; it was not overwritten"},
		{[]string{"restore", foreign}, "is not a termbook database"},
		{[]string{"restore"}, "Name the backup file"},
		{[]string{"restore", "a.db", "b.db"}, "Unexpected arguments: b.db"},
		{[]string{"restore", filepath.Join(t.TempDir(), "none.db")}, "does not exist"},
		{[]string{"restore", "--latest"}, "There is no good backup"},
	} {
		_, err := runArgs(t, append([]string{"--lang", "en", "--db", db}, c.args...)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v = %v, want %q", c.args, err, c.want)
		}
	}
	if b, _ := os.ReadFile(foreign); string(b) != "mine" {
		t.Error("the foreign file was changed")
	}
}

// TestDiskFullMessage adds activities on a tiny real file system until it is full: the add
// that does not fit gets one sentence saying so, and everything added before it stays.
func TestDiskFullMessage(t *testing.T) {
	t.Parallel()
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	db := filepath.Join(dir, "termbook.db")
	if _, err := runArgs(t, "sample", "--db", db); err != nil {
		t.Fatalf("sample on the small disk: %v", err)
	}
	// Leave only a little room, so the disk fills after a few adds.
	filler, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	for _, werr := filler.Write(make([]byte, 4096)); werr == nil; _, werr = filler.Write(make([]byte, 4096)) {
	}
	if st, err := filler.Stat(); err == nil {
		filler.Truncate(max(st.Size()-96<<10, 0))
	}
	filler.Close()
	added := 0
	for added < 5000 {
		te := newTestEnv(t)
		if err = run(context.Background(), []string{"--lang", "en", "add", "--db", db, fmt.Sprintf("w3 公开课 第%d课", added)}, te.env); err != nil {
			break
		}
		added++
	}
	if err == nil || err.Error() != "The disk is full; the change was not saved. Free some space and try again." {
		t.Fatalf("after %d adds: %v", added, err)
	}
	t.Logf("%d adds before the disk was full", added)
	out, err := runArgs(t, "--lang", "en", "agenda", "--db", db, "--week", "3")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < added; i++ {
		if !strings.Contains(out, fmt.Sprintf("第%d课", i)) {
			t.Fatalf("activity %d of %d is missing after the disk filled", i, added)
		}
	}
	if out, err := runArgs(t, "check", "--db", db); err != nil {
		t.Fatalf("check after the disk filled: %v %s", err, out)
	}
}
