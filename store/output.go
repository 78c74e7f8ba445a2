package store

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Beside the database live files that belong to it: SQLite's rollback journal, write-ahead
// log and shared memory, termbook's holder file, and the backup folder. A report, export or
// copy written over any of them destroys the database or the way back to it, so every
// command that writes a file asks CheckOutput first.

// ErrOwnFile means a file to be written is the database itself, one of the files kept beside
// it, or in its backup folder; errors.As an *OwnFileError for which.
var ErrOwnFile = errors.New("the database's own file")

// Own says which of the database's files a path names.
type Own string

// The database's own files.
const (
	OwnDatabase  Own = "database"  // the file itself
	OwnCompanion Own = "companion" // its journal, write-ahead log, shared memory, holder or damage note
	OwnBackups   Own = "backups"   // its backup folder, or a file in it
)

// companions are the suffixes of the files SQLite and termbook keep beside the database.
var companions = []string{"-journal", "-wal", "-shm", "-holder", "-holder.tmp", "-damaged"}

// OwnFileError is a refused output path: Path names the database's Own file.
type OwnFileError struct {
	Path string
	Own  Own
}

func (e *OwnFileError) Error() string {
	return e.Path + " is the " + string(e.Own) + " of the database"
}
func (e *OwnFileError) Unwrap() error { return ErrOwnFile }

// CheckOutput refuses out, a file or folder about to be written, when it is the database at
// db, one of the files kept beside it, or its backup folder or anything in it. Paths are
// compared as the file system sees them, not as they are spelt: a relative path, "..", a
// symbolic link or a second hard link to the same file, and on Windows and macOS another
// case of the same name, are all caught. A file that does not exist yet is compared by its
// folder and name.
func CheckOutput(db, out string) error { return checkOutput(db, out, foldCase) }

// checkOutput is CheckOutput, ignoring the case of names when fold is set.
func checkOutput(db, out string, fold bool) error {
	if out == "" {
		return nil
	}
	switch {
	case samePath(out, db, fold):
		return &OwnFileError{Path: out, Own: OwnDatabase}
	case under(out, BackupDir(db), fold):
		return &OwnFileError{Path: out, Own: OwnBackups}
	}
	for _, suffix := range companions {
		if samePath(out, db+suffix, fold) {
			return &OwnFileError{Path: out, Own: OwnCompanion}
		}
	}
	return nil
}

// samePath reports whether a and b name one file, whether or not it exists; fold ignores the
// case of names.
func samePath(a, b string, fold bool) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	// One or neither exists yet: the same name in the same folder is the same file.
	a, b = absPath(a), absPath(b)
	if !sameName(filepath.Base(a), filepath.Base(b), fold) {
		return false
	}
	da, errA := os.Stat(filepath.Dir(a))
	db, errB := os.Stat(filepath.Dir(b))
	if errA == nil && errB == nil {
		return os.SameFile(da, db)
	}
	return sameName(filepath.Dir(a), filepath.Dir(b), fold)
}

// under reports whether path is dir or lies inside it.
func under(path, dir string, fold bool) bool {
	for p := absPath(path); ; {
		if samePath(p, dir, fold) {
			return true
		}
		parent := filepath.Dir(p)
		if parent == p {
			return false
		}
		p = parent
	}
}

// foldCase is whether the file systems termbook meets here ignore the case of names: NTFS
// and FAT on Windows and APFS and HFS+ as macOS formats them do; Linux's do not.
const foldCase = runtime.GOOS == "windows" || runtime.GOOS == "darwin"

// sameName compares two names, ignoring case when fold is set.
func sameName(a, b string, fold bool) bool {
	if fold {
		return strings.EqualFold(a, b)
	}
	return a == b
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return filepath.Clean(a)
	}
	return filepath.Clean(p)
}
