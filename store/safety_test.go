package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

// fill writes records of every kind a term has, so a copy can be compared table by table.
func fill(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	term, err := s.CreateTerm(ctx, Term{Name: "2026—2027学年第一学期", Week1: MustDate("2026-08-31"), Weeks: 20})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := s.CreateSchool(ctx, School{Name: "一小"})
	if err != nil {
		t.Fatal(err)
	}
	te, err := s.CreateTeacher(ctx, Teacher{SchoolID: sc.ID, Name: "张三"})
	if err != nil {
		t.Fatal(err)
	}
	types, err := s.ActivityTypes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for w := 1; w <= 5; w++ {
		if _, err := s.CreateActivity(ctx, Activity{TermID: term.ID, TypeID: types[0].ID, Title: fmt.Sprintf("教研活动 %d", w), HostID: te.ID, Sched: InWeek(w), SchoolIDs: []string{sc.ID}}); err != nil {
			t.Fatal(err)
		}
	}
	_, err = s.CreateObservation(ctx, Observation{TermID: term.ID, SchoolID: sc.ID, TeacherID: te.ID, ObserverID: te.ID,
		On: MustDate("2026-09-15"), Scores: []float64{10, 15, 15, 20, 15, 15, 9},
		Texts:    ObservationTexts{Process: strings.Repeat("导入新课。", 200), Comments: "好"},
		FollowUp: FollowUp{Action: "板书", Due: MustDate("2026-09-30")}})
	if err != nil {
		t.Fatal(err)
	}
}

// dump reads every row of every table of the file at path as text, table by table.
func dump(t *testing.T, path string) map[string][]string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	names, err := db.Query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for names.Next() {
		var n string
		names.Scan(&n)
		tables = append(tables, n)
	}
	names.Close()
	out := map[string][]string{}
	for _, table := range tables {
		rows, err := db.Query("SELECT * FROM " + table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out[table] = append(out[table], fmt.Sprint(vals...))
		}
		rows.Close()
		sort.Strings(out[table])
	}
	return out
}

func integrity(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check = %q, %v", res, err)
	}
}

// TestForeignFileNeverReplaced checks that another program's SQLite file is neither taken for
// a backup nor replaced by a restore (Open's refusal is TestOpenRefusesForeignFiles).
func TestForeignFileNeverReplaced(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"PRAGMA application_id = 1234", "CREATE TABLE notes (x TEXT)", "INSERT INTO notes VALUES ('mine')"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	before, _ := os.ReadFile(path)
	ctx := context.Background()

	if _, err := Open(ctx, path, Options{Journal: "delete"}); !errors.Is(err, ErrNotTermbook) {
		t.Fatalf("Open = %v, want ErrNotTermbook", err)
	}
	if err := CheckFile(ctx, path); !errors.Is(err, ErrNotTermbook) {
		t.Fatalf("CheckFile = %v, want ErrNotTermbook", err)
	}
	good := filepath.Join(dir, "good.db")
	s := mustOpenAt(t, good, Options{})
	fill(t, s)
	s.Close()
	if _, err := Restore(ctx, path, good, time.Now()); !errors.Is(err, ErrNotTermbook) {
		t.Fatalf("Restore over a foreign file = %v, want ErrNotTermbook", err)
	}

	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("the foreign file changed")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, "other") && n != "other.db" {
			t.Errorf("left %s beside the foreign file", n)
		}
	}
}

// corrupt overwrites pages of a closed database file with noise, leaving the header page.
func corrupt(t *testing.T, path string, pages ...int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const pageSize = 4096
	for _, p := range pages {
		off := (p - 1) * pageSize
		if off+pageSize > len(b) {
			t.Fatalf("page %d beyond the file (%d bytes)", p, len(b))
		}
		for i := off; i < off+pageSize; i++ {
			b[i] = byte(i*7 + 13)
		}
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "termbook.db")
	s := mustOpenAt(t, path, Options{})
	fill(t, s)
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.Local)
	b, made, err := s.BackupDaily(ctx, now)
	if err != nil || !made {
		t.Fatalf("BackupDaily = %v, %v", made, err)
	}
	if want := filepath.Join(dir, "termbook-backups", "termbook-2026-11-28.db"); b.Path != want {
		t.Errorf("daily backup at %s, want %s", b.Path, want)
	}
	if _, made, _ := s.BackupDaily(ctx, now.Add(time.Hour)); made {
		t.Error("a second daily backup on the same day")
	}
	s.Close()
	want := dump(t, path)

	// Change everything: more records, a deletion, then a half-finished write-ahead log.
	s = mustOpenAt(t, path, Options{})
	schools, _ := s.Schools(ctx)
	if err := s.Delete(ctx, KindSchool, schools[0].ID); err != nil {
		t.Fatal(err)
	}
	fill2, err := s.CreateSchool(ctx, School{Name: "新学校"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	kept, err := Restore(ctx, path, b.Path, now.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if got := dump(t, path); !reflect.DeepEqual(got, want) {
		t.Fatalf("restored file differs from the backup:\n got %v\nwant %v", got, want)
	}
	integrity(t, path)
	// The replaced file was kept and still has the change.
	k := mustOpenAt(t, kept, Options{ReadOnly: true})
	if _, err := k.School(ctx, fill2.ID); err != nil {
		t.Fatalf("the kept file lost the newer record: %v", err)
	}
	// The restored file opens for writing.
	s = mustOpenAt(t, path, Options{})
	if _, err := s.CreateSchool(ctx, School{Name: "三小"}); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreRefusesBadBackups(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "termbook.db")
	s := mustOpenAt(t, path, Options{})
	fill(t, s)
	s.Close()
	before, _ := os.ReadFile(path)

	newer := filepath.Join(dir, "newer.db")
	n := mustOpenAt(t, newer, Options{})
	n.w.Exec("PRAGMA user_version = 999")
	n.Close()
	damaged := filepath.Join(dir, "damaged.db")
	d := mustOpenAt(t, damaged, Options{})
	fill(t, d)
	d.Close()
	corrupt(t, damaged, 3, 4)
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("hello"), 0o644)

	for _, c := range []struct {
		from string
		want error
	}{{newer, ErrNewerVersion}, {damaged, ErrDamaged}, {text, ErrNotTermbook}, {filepath.Join(dir, "none.db"), ErrNotTermbook}} {
		if _, err := Restore(ctx, path, c.from, time.Now()); !errors.Is(err, c.want) {
			t.Errorf("Restore from %s = %v, want %v", filepath.Base(c.from), err, c.want)
		}
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a refused restore changed the database")
	}
}

func TestRestoreOverDamaged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "termbook.db")
	s := mustOpenAt(t, path, Options{})
	fill(t, s)
	b, err := s.BackupNow(ctx, time.Now(), "")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	corrupt(t, path, 3, 4)
	damagedBytes, _ := os.ReadFile(path)

	got, err := LatestGoodBackup(ctx, path)
	if err != nil || got.Path != b.Path {
		t.Fatalf("LatestGoodBackup = %v, %v; want %s", got.Path, err, b.Path)
	}
	kept, err := Restore(ctx, path, got.Path, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(kept, "-saved.db") {
		t.Errorf("damaged file kept as %s, want a -saved copy", kept)
	}
	if k, _ := os.ReadFile(kept); !bytes.Equal(k, damagedBytes) {
		t.Error("the kept copy of the damaged file is not byte-identical")
	}
	if got, want := dump(t, path), dump(t, b.Path); !reflect.DeepEqual(got, want) {
		t.Fatal("restored file differs from the backup")
	}
	// The saved damaged copy is never offered as the latest good backup.
	if lb, err := LatestGoodBackup(ctx, path); err != nil || lb.Path == kept {
		t.Fatalf("LatestGoodBackup after restore = %v, %v", lb.Path, err)
	}
}

func TestRotation(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "termbook.db")
	os.MkdirAll(BackupDir(db), 0o755)
	// 120 days of daily backups up to Saturday 2026-11-28, two on some days, and notes.
	last := time.Date(2026, 11, 28, 8, 0, 0, 0, time.Local)
	touch := func(name string) {
		if err := os.WriteFile(filepath.Join(BackupDir(db), name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 120; i++ {
		d := last.AddDate(0, 0, -i)
		touch("termbook-" + d.Format("2006-01-02") + ".db")
		if i%10 == 0 {
			touch("termbook-" + d.Format("2006-01-02") + "-170000.db")
		}
	}
	touch("termbook-2026-01-05-101010-before-v2.db")
	touch("termbook-2026-01-06-101010-saved.db")
	touch("notes.txt")

	if _, err := Rotate(db); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(BackupDir(db))
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := []string{
		// the weeks' newest: Sundays (ISO weeks end on Sunday) of the 7 weeks before this one
		"termbook-2026-10-11.db", "termbook-2026-10-18.db", "termbook-2026-10-25.db",
		"termbook-2026-11-01.db", "termbook-2026-11-08-170000.db", "termbook-2026-11-15.db",
		// the last 7 days (the 22nd is also its week's newest; the 28th is this week's, taken twice)
		"termbook-2026-11-22.db", "termbook-2026-11-23.db", "termbook-2026-11-24.db", "termbook-2026-11-25.db",
		"termbook-2026-11-26.db", "termbook-2026-11-27.db", "termbook-2026-11-28-170000.db",
		// never rotated
		"notes.txt", "termbook-2026-01-05-101010-before-v2.db", "termbook-2026-01-06-101010-saved.db",
	}
	sort.Strings(got)
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("after rotation:\n got %v\nwant %v", got, want)
	}
	// 7 days + 8 weeks, sharing 2.
	if n := len(want) - 3; n != KeepDaily+KeepWeekly-2 {
		t.Fatalf("kept %d", n)
	}
}

func TestBackupNames(t *testing.T) {
	t.Parallel()
	db := filepath.Join("data", "termbook.db")
	at := time.Date(2026, 11, 28, 15, 30, 12, 0, time.Local)
	for _, c := range []struct {
		daily bool
		note  string
		want  string
	}{
		{true, "", "termbook-2026-11-28.db"},
		{false, "", "termbook-2026-11-28-153012.db"},
		{false, "before-v2", "termbook-2026-11-28-153012-before-v2.db"},
	} {
		p := backupPath(db, at, c.daily, c.note)
		if filepath.Base(p) != c.want || filepath.Dir(p) != filepath.Join("data", "termbook-backups") {
			t.Errorf("backupPath(%v, %q) = %s, want %s", c.daily, c.note, p, c.want)
		}
		b, ok := parseBackup(db, filepath.Base(p))
		wantT := at
		if c.daily {
			wantT = time.Date(2026, 11, 28, 0, 0, 0, 0, time.Local)
		}
		if !ok || !b.Taken.Equal(wantT) || b.Note != c.note {
			t.Errorf("parseBackup(%s) = %+v, %v", c.want, b, ok)
		}
	}
	for _, bad := range []string{"termbook.db", "termbook-2026-13-01.db", "termbook-2026-11-28-.db", "termbook-2026-11-28x.db", "other-2026-11-28.db", "termbook-2026-11-28-1530.db"} {
		if _, ok := parseBackup(db, bad); ok {
			t.Errorf("parseBackup(%s) accepted", bad)
		}
	}
}

// someoneElse writes a holder file for a live program that is not this one: the test's parent.
func someoneElse(t *testing.T, path string) Holder {
	t.Helper()
	h := me(time.Now())
	h.PID, h.User = os.Getppid(), "colleague"
	b, _ := json.Marshal(h)
	if err := os.WriteFile(holderPath(path), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return h
}

func TestHolder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	s := mustOpenAt(t, path, Options{})
	if h, ok := readHolder(path); !ok || !h.same(me(time.Time{})) {
		t.Fatalf("holder while open = %+v, %v; want this program", h, ok)
	}
	s.Close()
	if _, err := os.Stat(holderPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("holder file left after Close")
	}

	// Where the rollback journal is used (a network share, a USB stick), a live holder makes
	// a second program read-only, and says who.
	other := someoneElse(t, path)
	s = mustOpenAt(t, path, Options{Journal: "delete"})
	var inUse *InUseError
	if !errors.As(s.ReadOnlyReason(), &inUse) || inUse.Holder.User != "colleague" || !errors.Is(inUse, ErrInUse) {
		t.Fatalf("ReadOnlyReason = %v, want in use by the colleague", s.ReadOnlyReason())
	}
	s.Close()
	if h, _ := readHolder(path); !h.same(other) {
		t.Fatal("the other program's holder file was overwritten")
	}

	// On a local disk the two share the file; a write that waits too long names the holder.
	s = mustOpenAt(t, path, Options{Journal: "wal", BusyTimeout: 50 * time.Millisecond})
	if s.ReadOnlyReason() != nil {
		t.Fatalf("ReadOnlyReason = %v, want writable", s.ReadOnlyReason())
	}
	lock, err := sql.Open("sqlite", "file:"+path+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	tx, err := lock.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec("INSERT INTO meta (key, value) VALUES ('x', 'y')"); err != nil {
		t.Fatal(err)
	}
	_, err = s.CreateSchool(ctx, School{Name: "一小"})
	if !errors.As(err, &inUse) || !errors.Is(err, ErrBusy) || inUse.Holder.User != "colleague" {
		t.Fatalf("busy write = %v, want ErrBusy naming the colleague", err)
	}

	// A holder whose program has gone is stale and replaced.
	tx.Rollback()
	lock.Close()
	s.Close()
	h := me(time.Now())
	h.PID = 1 << 30
	b, _ := json.Marshal(h)
	os.WriteFile(holderPath(path), b, 0o644)
	s = mustOpenAt(t, path, Options{Journal: "delete"})
	if s.ReadOnlyReason() != nil {
		t.Fatalf("a stale holder made the file read-only: %v", s.ReadOnlyReason())
	}
}

// TestCloseLeavesOneFile checks that after Close the .db file alone holds everything, so it
// can be copied to a USB stick or mailed as it is.
func TestCloseLeavesOneFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "termbook.db")
	s := mustOpenAt(t, path, Options{Journal: "wal"})
	fill(t, s)
	want := dump(t, path)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal", "-holder"} {
		if st, err := os.Stat(path + suffix); err == nil && st.Size() > 0 {
			t.Errorf("%s left with %d bytes after Close", suffix, st.Size())
		}
	}
	copyDir := t.TempDir()
	b, _ := os.ReadFile(path)
	os.WriteFile(filepath.Join(copyDir, "termbook.db"), b, 0o644)
	if got := dump(t, filepath.Join(copyDir, "termbook.db")); !reflect.DeepEqual(got, want) {
		t.Fatal("the .db file alone does not hold every record")
	}
}

// TestDailyBackupBesideWrites takes the day's backup while writes go on: on a local disk the
// copy is read through its own connection, so the writes neither wait for it nor fail, and
// the backup holds what was there when it began or later.
func TestDailyBackupBesideWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "termbook.db")
	s := mustOpenAt(t, path, Options{Journal: "wal"})
	fill(t, s)
	now := time.Date(2026, 11, 28, 8, 0, 0, 0, time.Local)
	wait := s.StartDailyBackup(ctx, now)
	for i := range 20 {
		if _, err := s.CreateSchool(ctx, School{Name: fmt.Sprintf("学校%d", i)}); err != nil {
			t.Fatalf("write during the backup: %v", err)
		}
	}
	b, made, err := wait()
	if err != nil || !made || !b.Daily {
		t.Fatalf("daily backup = %+v, %v, %v", b, made, err)
	}
	if err := CheckFile(ctx, b.Path); err != nil {
		t.Fatal(err)
	}
	c := mustOpenAt(t, b.Path, Options{ReadOnly: true})
	if got, err := c.Schools(ctx); err != nil || len(got) < 1 {
		t.Fatalf("backup holds %d schools, %v", len(got), err)
	}
}

// TestRestoreRefusedWhileInUse: a file another program has open is not replaced under it.
func TestRestoreRefusedWhileInUse(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "termbook.db")
	s := mustOpenAt(t, path, Options{})
	fill(t, s)
	b, err := s.BackupNow(ctx, time.Now(), "")
	if err != nil {
		t.Fatal(err)
	}
	other := mustOpenAt(t, path, Options{}) // the other program, still open
	if _, err := other.Schools(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Restore(ctx, path, b.Path, time.Now().Add(time.Minute))
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("Restore while in use = %v, want ErrInUse", err)
	}
	if _, err := other.CreateSchool(ctx, School{Name: "还在用"}); err != nil {
		t.Fatalf("the other program can no longer write: %v", err)
	}
}
