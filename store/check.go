package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Check runs SQLite's three checks on the open database: quick_check, integrity_check (which
// also compares every index with its table) and foreign_key_check. It returns what they found,
// one line each in SQLite's words; none means the file is sound. An error means the checks
// could not run, which for a damaged file is itself a finding (ErrDamaged).
func (s *Store) Check(ctx context.Context) ([]string, error) {
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
