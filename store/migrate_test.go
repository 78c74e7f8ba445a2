package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// fileAtVersion makes a termbook file as a build whose newest migration was version v left
// it, holding a school, a teacher, a term with an activity and an observation, and a
// partner's activity waiting for its term, kept in exchange format version 1's columns.
func fileAtVersion(t *testing.T, v int, p *partner, waiting tableRow) (path string, ids map[string]string) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "termbook.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := &Store{path: path, Now: func() time.Time { return testNow }}
	exec := func(tx *sql.Tx, q string, args ...any) {
		t.Helper()
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("version %d: %s: %v", v, q, err)
		}
	}
	for _, m := range migrations() {
		if m.version > v {
			break
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		exec(tx, m.sql)
		if m.version == 1 {
			if err := s.initFile(ctx, tx); err != nil {
				t.Fatal(err)
			}
		}
		exec(tx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	ids = map[string]string{"school": newID(), "teacher": newID(), "term": newID(), "activity": newID(), "observation": newID()}
	at, by := s.stamp(), s.installID
	spec, _ := json.Marshal(DefaultRubricSpec())
	snap := snapshotID(spec)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	rec := "?, ?, ?"
	exec(tx, "INSERT INTO schools (id, name, created_at, updated_at, updated_by) VALUES (?, '青山路小学', "+rec+")", ids["school"], at, at, by)
	exec(tx, "INSERT INTO teachers (id, school_id, name, subjects, created_at, updated_at, updated_by) VALUES (?, ?, '王老师', '语文', "+rec+")",
		ids["teacher"], ids["school"], at, at, by)
	exec(tx, "INSERT INTO terms (id, name, week1, weeks, created_at, updated_at, updated_by) VALUES (?, '2026秋', '2026-08-31', 20, "+rec+")",
		ids["term"], at, at, by)
	exec(tx, `INSERT INTO activities (id, term_id, type_id, title, sched, week, first_day, last_day, created_at, updated_at, updated_by)
		VALUES (?, ?, ?, '教研活动', 'week', 3, '2026-09-14', '2026-09-20', `+rec+")", ids["activity"], ids["term"], BuiltinTypes()[0].ID, at, at, by)
	exec(tx, "INSERT INTO rubric_snapshots (id, spec) VALUES (?, ?)", snap, string(spec))
	exec(tx, `INSERT INTO observations (id, term_id, school_id, teacher_id, observer_id, observed_on, week, rubric_id, created_at, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?, '2026-09-16', 3, ?, `+rec+")", ids["observation"], ids["term"], ids["school"], ids["teacher"], ids["teacher"], snap, at, at, by)
	exec(tx, "INSERT INTO observation_texts (observation_id, comments) VALUES (?, '节奏好')", ids["observation"])
	tbl, _ := syncTableNamed(waiting.table)
	row := SyncRow{}
	for i, c := range tbl.columns() {
		if _, added := tbl.added[c]; !added {
			row = append(row, waiting.row[i])
		}
	}
	if v >= 3 {
		exec(tx, "INSERT INTO exchange_pending (tbl, record_id, row, since, waits_tbl, waits_for) VALUES (?, ?, ?, ?, 'terms', ?)",
			waiting.table, waiting.row[colID], string(row.canonical()), at, waiting.row[nRecordCols])
	} else {
		exec(tx, "INSERT INTO exchange_pending (tbl, record_id, row) VALUES (?, ?, ?)", waiting.table, waiting.row[colID], string(row.canonical()))
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return path, ids
}

// TestUpgrade: a file of schema version 2 or 3 opens in this termbook, migrated, with what it
// held as it was: every type and rubric in use, observations without 课时 or 总评, activities
// without a record, and a record waiting for a partner's term, kept in version 1's columns,
// placed when the term comes.
func TestUpgrade(t *testing.T) {
	t.Parallel()
	for _, v := range []int{2, 3} {
		t.Run(fmt.Sprintf("version %d", v), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			p := newPartner()
			term := p.record("terms", map[string]any{"name": "2027春", "week1": "2027-03-01", "weeks": int64(18)})
			waiting := p.record("activities", map[string]any{"term_id": term.row[colID], "type_id": BuiltinTypes()[2].ID,
				"title": "公开课", "subject": "", "place": "", "at_time": "", "sched": "week", "week": int64(3),
				"first_day": "2027-03-15", "last_day": "2027-03-21", "status": "planned", "note": "", SchoolsColumn: []string{}})
			path, ids := fileAtVersion(t, v, p, waiting)

			from := 0
			s := mustOpenAt(t, path, Options{BeforeMigrate: func(_ context.Context, _ *Store, v int) error { from = v; return nil }})
			if from != v || s.Version() != LatestVersion() {
				t.Fatalf("migrated from %d to %d, want from %d to %d", from, s.Version(), v, LatestVersion())
			}
			types, err := s.ActivityTypes(ctx)
			if err != nil || len(types) != len(BuiltinTypes()) {
				t.Fatalf("types %d, %v", len(types), err)
			}
			for _, ty := range types {
				if !ty.Active {
					t.Errorf("type %s retired by the upgrade", ty.Name)
				}
			}
			if r, err := s.DefaultRubric(ctx); err != nil || !r.Active || r.Subject != "" || r.Full != 100 {
				t.Errorf("default rubric %+v, %v", r, err)
			}
			a, err := s.Activity(ctx, ids["activity"])
			if err != nil || a.Title != "教研活动" || a.Proceedings == nil || !a.Proceedings.IsZero() {
				t.Errorf("activity %+v, %v: want it as it was, nothing recorded", a, err)
			}
			o, err := s.Observation(ctx, ids["observation"])
			if err != nil || o.Texts.Comments != "节奏好" || o.LessonNo != 0 || o.Unit != "" || o.Texts.Overall != "" || o.RubricID != "" {
				t.Errorf("observation %+v, %v: want it as it was", o, err)
			}
			// The new fields are there to fill.
			o.LessonNo, o.Texts.Overall = 2, "扎实"
			if o, err = s.UpdateObservation(ctx, o); err != nil || o.LessonNo != 2 {
				t.Errorf("update after the upgrade: %+v, %v", o, err)
			}
			if res := p.merge(t, s, term); res.Added != 2 || res.Waiting != 0 || res.LetGo != 0 {
				t.Errorf("the term the waiting activity needs arrives: %+v, want both added", res)
			}
			if got, err := s.Activity(ctx, waiting.row[colID].(string)); err != nil || got.Title != "公开课" {
				t.Errorf("the activity that waited: %+v, %v", got, err)
			}
		})
	}
}
