package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// testNow is the fixed clock of the tests: a Wednesday in the autumn term.
var testNow = time.Date(2026, time.November, 18, 8, 30, 0, 0, time.UTC)

// MustOpen opens a new database in a temporary folder with the fixed clock, closed when the
// test ends.
func MustOpen(t testing.TB) *Store {
	t.Helper()
	return mustOpenAt(t, filepath.Join(t.TempDir(), "termbook.db"), Options{})
}

// MustDate is the day s, written "2006-01-02" as a literal in a test; it panics on a bad one.
// Tests in other packages have storetest.Date, which imports this package and so cannot
// serve its own tests.
func MustDate(s string) Date {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return DateOf(t)
}

func mustOpenAt(t testing.TB, path string, opt Options) *Store {
	t.Helper()
	s, err := Open(context.Background(), path, opt)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	s.Now = func() time.Time { return testNow }
	t.Cleanup(func() { s.Close() })
	return s
}

// wantField fails unless err is an *InvalidError naming field with problem.
func wantField(t testing.TB, err error, field string, problem Problem) {
	t.Helper()
	var ie *InvalidError
	if !errors.As(err, &ie) {
		t.Fatalf("got error %v, want an invalid %s (%s)", err, field, problem)
	}
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("errors.Is(%v, ErrInvalid) = false", err)
	}
	for _, f := range ie.Fields {
		if f.Field == field && f.Problem == problem {
			return
		}
	}
	t.Fatalf("got fields %+v, want %s: %s", ie.Fields, field, problem)
}

// count returns the number of rows of a table, live or not.
func count(t testing.TB, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.r.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOpenNewFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := MustOpen(t)
	if !s.CreatedNew() {
		t.Error("CreatedNew() = false for a new file")
	}
	if got, want := s.Version(), LatestVersion(); got != want {
		t.Errorf("Version() = %d, want %d", got, want)
	}
	var appID int64
	if err := s.r.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		t.Fatal(err)
	}
	if appID != ApplicationID {
		t.Errorf("application_id = %#x, want %#x", appID, ApplicationID)
	}
	if len(s.InstallationID()) != 36 {
		t.Errorf("InstallationID() = %q, want a UUID", s.InstallationID())
	}
	types, err := s.ActivityTypes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	builtin := BuiltinTypes()
	if len(types) != len(builtin) {
		t.Fatalf("got %d activity types, want %d", len(types), len(builtin))
	}
	for i, typ := range types {
		if typ.ID != builtin[i].ID || typ.Code != builtin[i].Code || typ.Name != builtin[i].Name {
			t.Errorf("type %d = %s %s %s, want %s %s %s", i, typ.ID, typ.Code, typ.Name, builtin[i].ID, builtin[i].Code, builtin[i].Name)
		}
	}
	r, err := s.DefaultRubric(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !r.IsDefault || r.Spec.Total() != 100 || len(r.Spec.Dimensions) != 7 {
		t.Errorf("default rubric = %+v, want the 100-point rubric of seven dimensions", r)
	}
	if s.ReadOnlyReason() != nil {
		t.Errorf("ReadOnlyReason() = %v, want nil", s.ReadOnlyReason())
	}
}

func TestOpenEmptyFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s := mustOpenAt(t, path, Options{})
	if !s.CreatedNew() || s.Version() != LatestVersion() {
		t.Errorf("empty file: CreatedNew %v, version %d; want true, %d", s.CreatedNew(), s.Version(), LatestVersion())
	}
}

func TestReopenChangesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "termbook.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateSchool(ctx, School{Name: "青山路小学"}); err != nil {
		t.Fatal(err)
	}
	id := s.InstallationID()
	tables := []string{"meta", "activity_types", "rubrics", "schools"}
	rows := map[string]int{}
	for _, tb := range tables {
		rows[tb] = count(t, s, tb)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := again.Close(); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("opening and closing a current file changed its bytes")
	}
	migrated := false
	s2 := mustOpenAt(t, path, Options{BeforeMigrate: func(context.Context, *Store, int) error { migrated = true; return nil }})
	if s2.CreatedNew() {
		t.Error("CreatedNew() = true on reopening")
	}
	if migrated {
		t.Error("BeforeMigrate called for a file at the latest version")
	}
	if s2.InstallationID() != id {
		t.Errorf("installation id %q, want %q", s2.InstallationID(), id)
	}
	for _, tb := range tables {
		if got := count(t, s2, tb); got != rows[tb] {
			t.Errorf("%s has %d rows after reopening, want %d", tb, got, rows[tb])
		}
	}
}

// raiseVersion makes a termbook file that a newer program wrote.
func raiseVersion(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
}

func TestNewerVersionOpensReadOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := fileWithSchools(t, 1)
	raiseVersion(t, path)

	ro := mustOpenAt(t, path, Options{})
	if !errors.Is(ro.ReadOnlyReason(), ErrNewerVersion) {
		t.Errorf("ReadOnlyReason() = %v, want ErrNewerVersion", ro.ReadOnlyReason())
	}
	if ro.Version() != 99 {
		t.Errorf("Version() = %d, want 99", ro.Version())
	}
	schools, err := ro.Schools(ctx)
	if err != nil || len(schools) != 1 {
		t.Fatalf("reading a newer file: %v schools, %v", len(schools), err)
	}
	writes := map[string]func() error{
		"CreateSchool": func() error { _, err := ro.CreateSchool(ctx, School{Name: "新学校"}); return err },
		"Delete":       func() error { return ro.Delete(ctx, KindSchool, schools[0].ID) },
		"SaveDraft":    func() error { return ro.SaveDraft(ctx, Draft{Key: "k", Payload: "{}"}) },
		"Batch":        func() error { return ro.Batch(ctx, func(*Batch) error { return nil }) },
	}
	for name, write := range writes {
		err := write()
		if !errors.Is(err, ErrReadOnly) || !errors.Is(err, ErrNewerVersion) {
			t.Errorf("%s on a newer file: %v, want ErrReadOnly and ErrNewerVersion", name, err)
		}
	}
}

func TestReadOnlyOption(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "termbook.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro := mustOpenAt(t, path, Options{ReadOnly: true})
	if _, err := ro.CreateSchool(ctx, School{Name: "x"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("CreateSchool read-only: %v, want ErrReadOnly", err)
	}
	if _, err := Open(ctx, filepath.Join(t.TempDir(), "missing.db"), Options{ReadOnly: true}); !errors.Is(err, ErrNotFound) {
		t.Errorf("open a missing file read-only: %v, want ErrNotFound", err)
	}
}

func TestOpenRefusesForeignFiles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()

	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", "file:"+other)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"PRAGMA application_id = 1234", "CREATE TABLE notes (body TEXT)", "INSERT INTO notes VALUES ('keep me')"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	plain := filepath.Join(dir, "plain.db") // another program's SQLite file without an id
	db, err = sql.Open("sqlite", "file:"+plain)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("学期计划\n第3周 公开课\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(dir, "short.db")
	if err := os.WriteFile(short, []byte("SQLite"), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, path := range []string{other, plain, text, short, dir} {
		before, _ := os.ReadFile(path)
		s, err := Open(ctx, path, Options{})
		if err == nil {
			s.Close()
			t.Errorf("Open(%s) succeeded, want ErrNotTermbook", filepath.Base(path))
			continue
		}
		if !errors.Is(err, ErrNotTermbook) {
			t.Errorf("Open(%s) = %v, want ErrNotTermbook", filepath.Base(path), err)
		}
		var fe *FileError
		if !errors.As(err, &fe) || fe.Path != path {
			t.Errorf("Open(%s) error %v does not name the file", filepath.Base(path), err)
		}
		after, _ := os.ReadFile(path)
		if !bytes.Equal(before, after) {
			t.Errorf("Open(%s) changed the file", filepath.Base(path))
		}
		for _, suffix := range []string{"-wal", "-shm", "-journal"} {
			if _, err := os.Stat(path + suffix); err == nil {
				t.Errorf("Open(%s) left %s behind", filepath.Base(path), suffix)
			}
		}
	}
}

func TestCheckpointAndClose(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "termbook.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateSchool(ctx, School{Name: "青山路小学"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() != 0 {
		t.Errorf("write-ahead log has %d bytes after Checkpoint, want 0", st.Size())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
}

// TestTodayFollowsTheClock: Today is the calendar day where the store's clock stands (a
// school at UTC+8 starts its day eight hours before UTC does), read at each call rather than
// once at Open.
func TestTodayFollowsTheClock(t *testing.T) {
	t.Parallel()
	s := MustOpen(t)
	var now time.Time
	s.Now = func() time.Time { return now }
	east, west := time.FixedZone("UTC+8", 8*3600), time.FixedZone("UTC-5", -5*3600)
	for _, tt := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 11, 19, 0, 30, 0, 0, east), "2026-11-19"}, // 2026-11-18 16:30 UTC
		{time.Date(2026, 11, 18, 23, 59, 0, 0, east), "2026-11-18"},
		{time.Date(2026, 11, 18, 23, 30, 0, 0, west), "2026-11-18"}, // 2026-11-19 04:30 UTC
		{time.Date(2027, 3, 1, 0, 0, 0, 0, east), "2027-03-01"},
	} {
		now = tt.now
		if got := s.Today(); got != MustDate(tt.want) {
			t.Errorf("clock at %v: Today() = %v, want %s", tt.now, got, tt.want)
		}
	}
}

func TestBackupTo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := MustOpen(t)
	if _, err := s.CreateSchool(ctx, School{Name: "一小"}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "copy.db")
	if err := s.BackupTo(ctx, dest); err != nil {
		t.Fatal(err)
	}
	c := mustOpenAt(t, dest, Options{ReadOnly: true})
	got, err := c.Schools(ctx)
	if err != nil || len(got) != 1 || got[0].Name != "一小" {
		t.Fatalf("copy has %+v, %v", got, err)
	}
}

func TestOpenDamagedFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := fileWithSchools(t, 50)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Scribble over every page after the schema's first ones, keeping the header.
	for i := 4096 * 3; i < len(b); i++ {
		b[i] = 0xa5
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	// It opens for reading what can still be read, refuses writes and is never written to.
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("Open(damaged) = %v, want it open read-only", err)
	}
	if !errors.Is(s.ReadOnlyReason(), ErrDamaged) {
		t.Errorf("ReadOnlyReason() = %v, want ErrDamaged", s.ReadOnlyReason())
	}
	if _, err := s.CreateSchool(ctx, School{Name: "新学校"}); !errors.Is(err, ErrReadOnly) || !errors.Is(err, ErrDamaged) {
		t.Errorf("writing to a damaged file: %v, want ErrReadOnly and ErrDamaged", err)
	}
	if faults, err := s.Check(ctx); err == nil && len(faults) == 0 {
		t.Error("Check found nothing wrong with a damaged file")
	}
	s.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(after, b) {
		t.Error("opening a damaged file changed it")
	}
}

func TestBackupOfReadOnlyStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := fileWithSchools(t, 1)
	raiseVersion(t, path)
	ro := mustOpenAt(t, path, Options{})
	dest := filepath.Join(t.TempDir(), "copy.db")
	if err := ro.BackupTo(ctx, dest); err != nil {
		t.Fatalf("backing up a newer file: %v", err)
	}
	c := mustOpenAt(t, dest, Options{ReadOnly: true})
	if c.Version() != 99 {
		t.Errorf("the copy is at version %d, want 99", c.Version())
	}
}

func TestErrorText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want string
	}{
		{FieldError{Field: "title", Problem: TooLong, Max: 80}, "title: longer than 80 characters"},
		{FieldError{Field: "week", Problem: OutOfRange, Min: 1, Max: 20, Value: "21"}, "week: 21 is outside 1..20"},
		{FieldError{Field: "status", Problem: BadValue, Value: "later"}, `status: bad_value ("later")`},
		{FieldError{Field: "name", Problem: Required}, "name: required"},
		{&InvalidError{Record: "school", Fields: []FieldError{{Field: "name", Problem: Required}, {Field: "district", Problem: TooLong, Max: 40}}},
			"invalid school: name: required; district: longer than 40 characters"},
		{&FileError{Path: "/x.db", Err: ErrNotTermbook}, "not a termbook database"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

// fileWithSchools writes a closed database holding n schools, for tests that damage a file.
func fileWithSchools(t *testing.T, n int) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "termbook.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if _, err := s.CreateSchool(ctx, School{Name: "学校" + itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}
