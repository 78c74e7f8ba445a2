package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered .sql file.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded files in version order. Their names start with the version
// they bring the file to: 0001_init.sql, 0002_….sql.
func migrations() []migration {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		panic(err) // embedded at build time; cannot fail
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic("store: migration file without a number: " + e.Name())
		}
		b, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms
}

// latestVersion is the schema version this program writes: the highest number among the
// migrations' names (their SQL is not read: --version asks for this).
func latestVersion() int {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		panic(err) // embedded at build time; cannot fail
	}
	latest := 0
	for _, e := range entries {
		num, _, _ := strings.Cut(e.Name(), "_")
		if v, err := strconv.Atoi(num); err == nil {
			latest = max(latest, v)
		}
	}
	return latest
}

// LatestVersion is the schema version this build of termbook knows.
func LatestVersion() int { return latestVersion() }

// migrate brings the file to the latest schema, one transaction per migration; each sets
// user_version in the same transaction, so a crash leaves the file at a whole version. A new
// file is stamped with the application id and given its installation id in the first one.
func (s *Store) migrate(ctx context.Context) error {
	var current int
	if err := s.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("migrate: %w", mapErr(err))
	}
	if current > 0 && current < latestVersion() && s.beforeMigrate != nil {
		if err := s.beforeMigrate(ctx, s, current); err != nil {
			return fmt.Errorf("before migrating from version %d: %w", current, err)
		}
	}
	for _, m := range migrations() {
		if m.version <= current {
			continue
		}
		err := s.writeTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("%s: %w", m.name, err)
			}
			if m.version == 1 {
				if err := s.initFile(ctx, tx); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate to version %d: %w", m.version, err)
		}
	}
	return nil
}

// initFile stamps a new file and seeds what every database has: its installation id, the
// built-in activity types and the default rubric.
func (s *Store) initFile(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		return err
	}
	id := newID()
	if _, err := tx.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES ('installation_id', ?), ('created_at', ?)", id, s.stamp()); err != nil {
		return err
	}
	s.installID = id
	if err := s.seedActivityTypes(ctx, tx); err != nil {
		return err
	}
	return s.seedDefaultRubric(ctx, tx)
}
