package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// Once a check has found damage, nothing more is written to the file: a write through a
// damaged index can spread the damage to the records. The check leaves a note beside the
// database, "termbook.db-damaged", saying when and what it found, so every later program
// opens the file read-only too, whichever check found it (the open's quick_check, the day's
// integrity_check, termbook check). A restore removes the note with the file it replaces;
// termbook check removes it when it finds the file sound again (repaired by other means).

func damagedPath(db string) string { return db + "-damaged" }

// markedDamaged reports whether a check has found the database at db damaged.
func markedDamaged(db string) bool {
	_, err := os.Stat(damagedPath(db))
	return err == nil
}

// markDamaged leaves the note. Failing to write it (read-only media) is not an error: the
// program that found the damage stops writing either way.
func markDamaged(db string, findings []string, now time.Time) {
	note := now.UTC().Format(stamp) + "\n" + strings.Join(findings, "\n") + "\n"
	os.WriteFile(damagedPath(db), []byte(note), 0o644)
}

// foundDamage stops this store's writes and leaves the note; it returns the damage as an
// error.
func (s *Store) foundDamage(findings []string) error {
	s.damaged.Store(true)
	markDamaged(s.path, findings, s.Now())
	return &FileError{Path: s.path, Err: fmt.Errorf("check %s: %s: %w", s.path, findings[0], ErrDamaged)}
}

// checkWhole runs integrity_check, which besides what quick_check reads compares every index
// with its table: the check of the day's first start, run beside the day's backup. In
// rollback-journal mode it goes through the writer's connection, so that it waits between
// writes rather than holding them up with a long read lock.
func (s *Store) checkWhole(ctx context.Context) error {
	db := s.r
	if !s.wal && s.w != nil {
		db = s.w
	}
	lines, err := pragmaLines(ctx, db, "PRAGMA integrity_check")
	if errors.Is(err, ErrDamaged) {
		return s.foundDamage([]string{err.Error()})
	}
	if err != nil {
		return fmt.Errorf("check %s: %w", s.path, err)
	}
	var found []string
	for _, l := range lines {
		if l != "ok" {
			found = append(found, "integrity_check: "+l)
		}
	}
	if len(found) > 0 {
		return s.foundDamage(found)
	}
	return nil
}

// Check runs SQLite's three checks on the open database: quick_check, integrity_check (which
// also compares every index with its table) and foreign_key_check. It returns what they found,
// one line each in SQLite's words; none means the file is sound. An error means the checks
// could not run, which for a damaged file is itself a finding (ErrDamaged). What it finds
// stops writes, here and in every later program, until the file is restored or a check
// finds it sound.
func (s *Store) Check(ctx context.Context) ([]string, error) {
	found, err := s.check3(ctx)
	switch {
	case errors.Is(err, ErrDamaged):
		s.foundDamage([]string{err.Error()})
	case err != nil:
	case len(found) > 0:
		s.foundDamage(found)
	default:
		os.Remove(damagedPath(s.path))
	}
	return found, err
}

func (s *Store) check3(ctx context.Context) ([]string, error) {
	var found []string
	for _, pragma := range []string{"quick_check", "integrity_check"} {
		lines, err := pragmaLines(ctx, s.r, "PRAGMA "+pragma)
		if err != nil {
			return nil, fmt.Errorf("check %s: %w", s.path, err)
		}
		for _, l := range lines {
			if l != "ok" {
				found = append(found, pragma+": "+l)
			}
		}
	}
	rows, err := s.r.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", s.path, mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return nil, fmt.Errorf("check %s: %w", s.path, mapErr(err))
		}
		found = append(found, fmt.Sprintf("foreign_key_check: %s row %d refers to a missing %s", table, rowid.Int64, parent))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("check %s: %w", s.path, mapErr(err))
	}
	return found, nil
}

// pragmaLines runs a pragma that answers in lines of text.
func pragmaLines(ctx context.Context, db *sql.DB, pragma string) ([]string, error) {
	rows, err := db.QueryContext(ctx, pragma)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return nil, mapErr(err)
		}
		lines = append(lines, strings.TrimSpace(l))
	}
	return lines, mapErr(rows.Err())
}
