package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestCheckOutput compares paths as the file system sees them: every spelling of the
// database, the files beside it and the backup folder is refused; names that only look alike
// are not.
func TestCheckOutput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "termbook.db")
	if err := os.WriteFile(db, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	linked := filepath.Join(t.TempDir(), "linked")
	if err := os.Symlink(dir, linked); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, c := range []struct {
		out  string
		fold bool
		want Own
	}{
		{db, false, OwnDatabase},
		{"termbook.db", false, OwnDatabase},
		{"./sub/../termbook.db", false, OwnDatabase},
		{filepath.Join(linked, "termbook.db"), false, OwnDatabase},
		{"termbook.db-wal", false, OwnCompanion},
		{filepath.Join(linked, "termbook.db-journal"), false, OwnCompanion},
		{"termbook.db-holder", false, OwnCompanion},
		{"termbook-backups", false, OwnBackups},
		{filepath.Join(linked, "termbook-backups", "a", "b.csv"), false, OwnBackups},
		// Windows and macOS ignore case: TERMBOOK.DB-WAL is the log there.
		{"TERMBOOK.DB-WAL", true, OwnCompanion},
		{"Termbook.db", true, OwnDatabase},
		{"TERMBOOK.DB-WAL", false, ""},
		{"termbook.db.xlsx", false, ""},
		{"termbook.db-wal.csv", false, ""},
		{"termbook-backups.xlsx", false, ""},
		{filepath.Join(t.TempDir(), "termbook.db"), false, ""},
	} {
		err := checkOutput(db, c.out, c.fold)
		var own *OwnFileError
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s (fold %v) refused: %v", c.out, c.fold, err)
		case c.want != "" && (!errors.As(err, &own) || own.Own != c.want || own.Path != c.out || !errors.Is(err, ErrOwnFile)):
			t.Errorf("%s (fold %v): %v, want the %s", c.out, c.fold, err, c.want)
		}
	}
}
