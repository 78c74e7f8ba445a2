package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
)

// BackupTo writes a complete, consistent copy of the database to dest: VACUUM INTO a
// temporary file beside dest, fsync it, integrity-check it, then rename it into place, so dest
// is either the old file or a whole good copy, never half of one.
func (s *Store) BackupTo(ctx context.Context, dest string) error {
	return s.backupTo(ctx, dest, false)
}

// backupTo is BackupTo; with own, the copy is read through a connection of its own even when
// the store can write, so that in write-ahead-log mode it does not hold up the writer.
func (s *Store) backupTo(ctx context.Context, dest string, own bool) error {
	// The backup folder is where backups belong; the database and the files beside it never are.
	var mine *OwnFileError
	if err := CheckOutput(s.path, dest); errors.As(err, &mine) && mine.Own != OwnBackups {
		return fmt.Errorf("backup: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".tmp-*")
	if err != nil {
		return fmt.Errorf("backup: %w: %w", ErrCantOpen, err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	os.Remove(tmpName) // VACUUM INTO wants to create the file itself
	defer os.Remove(tmpName)

	// The readers are query_only, which VACUUM INTO refuses; use the writer, or for a
	// read-only store a connection of its own that opens the file read-only.
	db := s.w
	if db == nil || own {
		ro, err := sql.Open("sqlite", "file:"+(&url.URL{Path: s.path}).EscapedPath()+"?mode=ro")
		if err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		defer ro.Close()
		db = ro
	}
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", tmpName); err != nil {
		return fmt.Errorf("backup: %w", mapErr(err))
	}
	if err := syncFile(tmpName); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := checkCopy(ctx, tmpName); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := os.Rename(tmpName, dest); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return syncDir(filepath.Dir(dest))
}

// checkCopy opens a copy read-only and runs integrity_check on it.
func checkCopy(ctx context.Context, path string) error {
	c, err := Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer c.closeAll()
	var res string
	if err := c.r.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return mapErr(err)
	}
	if res != "ok" {
		return fmt.Errorf("%s: %s: %w", path, res, ErrDamaged)
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncDir makes a rename durable; it is a no-op where directories cannot be synced (Windows).
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	d.Sync()
	return nil
}
