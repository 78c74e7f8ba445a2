package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Files kept with activities — photos, scanned sign-in sheets — live in a folder beside the
// database, named after it ("termbook-files" beside "termbook.db"), so that the folder goes
// with the database onto a USB stick and every reference stays true. A reference is the
// file's path inside that folder, written with "/" on every system.

// FilesDir is the folder of the files kept with the activities of database db.
func FilesDir(db string) string {
	return filepath.Join(filepath.Dir(db), backupStem(db)+"-files")
}

// FilesDir is the folder of the files kept with this database's activities.
func (s *Store) FilesDir() string { return FilesDir(s.path) }

// checkFileRef checks a stored reference: a relative path that stays inside the folder.
func checkFileRef(c *checker, ref string) {
	switch {
	case !utf8.ValidString(ref):
		c.add(FieldError{Field: "file", Problem: BadText})
	case strings.TrimSpace(ref) == "":
		c.add(FieldError{Field: "file", Problem: Required})
	case utf8.RuneCountInString(ref) > MaxPath:
		c.add(FieldError{Field: "file", Problem: TooLong, Max: MaxPath})
	case hasControl(ref, false):
		c.add(FieldError{Field: "file", Problem: ControlChars})
	case !insideRef(ref):
		c.add(FieldError{Field: "file", Problem: Outside, Value: ref})
	}
}

// insideRef reports whether ref is a clean relative path with "/" that does not leave the
// folder: no "..", no drive or root, no backslash.
func insideRef(ref string) bool {
	drive := len(ref) >= 2 && ref[1] == ':' // C:x on Windows
	if strings.Contains(ref, `\`) || drive || path.IsAbs(ref) || path.Clean(ref) != ref || ref == "." {
		return false
	}
	return ref != ".." && !strings.HasPrefix(ref, "../")
}

// FileRefFor turns a path a person typed — absolute, relative to the current folder, or
// relative to the files folder — into
// the reference stored for it, when it names a file inside the files folder. A path outside
// the folder is refused with an Outside problem naming the folder, and a file that is not
// there with NoFile.
func (s *Store) FileRefFor(p string) (string, error) {
	dir, err := filepath.Abs(s.FilesDir())
	if err != nil {
		return "", err
	}
	full, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	if _, serr := os.Stat(full); serr != nil && !filepath.IsAbs(p) {
		// Not a file here: a path relative to the files folder.
		full = filepath.Join(dir, p)
	}
	rel, err := filepath.Rel(dir, full)
	ref := filepath.ToSlash(rel)
	invalid := func(f FieldError) error {
		return &InvalidError{Record: "activity", Fields: []FieldError{f}}
	}
	if err != nil || !insideRef(ref) {
		return "", invalid(FieldError{Field: "file", Problem: Outside, Value: p, Other: dir})
	}
	st, err := os.Stat(full)
	if err != nil || st.IsDir() {
		return "", invalid(FieldError{Field: "file", Problem: NoFile, Value: p})
	}
	c := checker{record: "activity"}
	checkFileRef(&c, ref)
	return ref, c.err()
}

// FilePath is where the file of a stored reference is on this machine.
func (s *Store) FilePath(ref string) string {
	return filepath.Join(s.FilesDir(), filepath.FromSlash(ref))
}

// AddFile copies the file at src into the files folder, under sub ("2026-10", the month of
// the activity, say), and returns its reference. A file already inside the folder is not
// copied; a different file of the same name gets a number ("签到表-2.jpg"), and the same file
// copied twice is kept once. The copy is written beside its place, flushed to the disk and
// then renamed, so it is never half there.
func (s *Store) AddFile(src, sub string) (string, error) {
	if ref, err := s.FileRefFor(src); err == nil {
		return ref, nil
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return "", &InvalidError{Record: "activity", Fields: []FieldError{{Field: "file", Problem: NoFile, Value: src}}}
	}
	dir, err := filepath.Abs(filepath.Join(s.FilesDir(), filepath.FromSlash(sub)))
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("add file: %w: %w", ErrCantOpen, err)
	}
	base := filepath.Base(src)
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	for n := 1; ; n++ {
		name := base
		if n > 1 {
			name = fmt.Sprintf("%s-%d%s", stem, n, ext)
		}
		dest := filepath.Join(dir, name)
		have, err := os.ReadFile(dest)
		if errors.Is(err, os.ErrNotExist) {
			if err := writeWhole(dest, data); err != nil {
				return "", fmt.Errorf("add file: %w", diskErr(err))
			}
			return s.FileRefFor(dest)
		}
		if err == nil && bytes.Equal(have, data) {
			return s.FileRefFor(dest)
		}
	}
}

// writeWhole writes data to a temporary file beside dest, syncs it and renames it into place.
func writeWhole(dest string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	_, err = io.Copy(f, bytes.NewReader(data))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), dest)
	}
	return err
}
