package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Restore replaces the database at db with the backup at from. The backup is checked first
// (CheckFile) and copied beside the database; the current file is then kept in the backup
// folder (a backup of it, or for a file that cannot be opened for writing a byte-for-byte copy
// noted "saved"); its journal files are removed, so that a stale write-ahead log cannot be
// replayed into the restored file; and the copy is renamed into place. It returns where the
// current file was kept ("" when there was none). A file that is not a termbook database is
// never replaced, and neither is one another program is using.
func Restore(ctx context.Context, db, from string, now time.Time) (kept string, err error) {
	if err := CheckFile(ctx, from); err != nil {
		return "", &FileError{Path: from, Err: err}
	}
	tmp, err := copyBeside(from, db)
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	defer os.Remove(tmp)
	// The restored file keeps the permissions of the one it replaces (a temporary file is
	// made for its owner alone), so that whoever could use it still can.
	mode := os.FileMode(0o644)
	if st, err := os.Stat(db); err == nil {
		mode = st.Mode().Perm()
	}
	if err := os.Chmod(tmp, mode); err != nil {
		return "", fmt.Errorf("restore: %w: %w", ErrCantOpen, err)
	}
	if err := checkCopy(ctx, tmp); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	kept, err = keepCurrent(ctx, db, now)
	if err != nil {
		return "", &FileError{Path: db, Err: err}
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal", "-damaged"} {
		if err := os.Remove(db + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return kept, fmt.Errorf("restore: %w: %w", ErrCantOpen, err)
		}
	}
	if err := os.Rename(tmp, db); err != nil {
		return kept, fmt.Errorf("restore: %w: %w", ErrCantOpen, err)
	}
	return kept, syncDir(filepath.Dir(db))
}

// keepCurrent keeps the database at db in its backup folder before it is replaced, and makes
// sure no other program has it open.
func keepCurrent(ctx context.Context, db string, now time.Time) (string, error) {
	head, err := readHeader(db)
	if err != nil {
		return "", err
	}
	if head.empty {
		return "", nil
	}
	if head.appID != ApplicationID {
		return "", ErrNotTermbook
	}
	s, err := Open(ctx, db, Options{BusyTimeout: 2 * time.Second})
	if err != nil {
		if errors.Is(err, ErrNotTermbook) || errors.Is(err, ErrBusy) || errors.Is(err, ErrCantOpen) {
			return "", err
		}
		return saveBytes(db, now)
	}
	var inUse *InUseError
	switch ro := s.ReadOnlyReason(); {
	case errors.As(ro, &inUse), ro == ErrReadOnly:
		s.Close()
		return "", ro
	case ro != nil: // damaged, or from a newer version: keep it exactly as it is
		s.Close()
		return saveBytes(db, now)
	}
	kept, err := leave(ctx, s, now)
	if cerr := s.Close(); err == nil && cerr != nil {
		return "", cerr
	}
	if errors.Is(err, ErrDamaged) { // found while backing it up: keep it exactly as it is
		return saveBytes(db, now)
	}
	return kept, err
}

// leave takes the open store out of write-ahead-log mode, which SQLite allows only while no
// other program has the file open (it must not be replaced under one), then backs it up: a
// restore refused because the file is in use writes nothing.
func leave(ctx context.Context, s *Store, now time.Time) (string, error) {
	s.r.SetMaxIdleConns(0) // our own readers count as other users of the log
	var mode string
	err := s.w.QueryRowContext(ctx, "PRAGMA journal_mode = delete").Scan(&mode)
	if err = mapErr(err); err != nil && !errors.Is(err, ErrBusy) {
		return "", err
	}
	if err != nil || mode != "delete" {
		if h, ok := otherHolder(s.path); ok {
			return "", &InUseError{Holder: h, File: holderPath(s.path), Err: ErrInUse}
		}
		return "", ErrInUse
	}
	b, err := s.BackupNow(ctx, now, "")
	if err != nil {
		return "", err
	}
	return b.Path, nil
}

// saveBytes copies the database file (and its write-ahead log, if any) into the backup folder
// as it is.
func saveBytes(db string, now time.Time) (string, error) {
	dest := backupPath(db, now, false, noteSaved)
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return "", fmt.Errorf("%w: %w", ErrCantOpen, err)
	}
	if err := copyFile(db, dest); err != nil {
		return "", err
	}
	if _, err := os.Stat(db + "-wal"); err == nil {
		if err := copyFile(db+"-wal", dest+"-wal"); err != nil {
			return "", err
		}
	}
	return dest, nil
}

// copyBeside copies src to a new temporary file in dest's folder, synced, and returns its name.
func copyBeside(src, dest string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".restore-*")
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrCantOpen, err)
	}
	name := f.Name()
	f.Close()
	if err := copyFile(src, name); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// copyFile copies src over dest and syncs it.
func copyFile(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrCantOpen, err)
	}
	defer in.Close()
	out, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrCantOpen, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, diskErr(err))
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, diskErr(err))
	}
	return diskErr(out.Close())
}
