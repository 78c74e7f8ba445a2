package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
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
	migrateTo(t, db, s, v)
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

// TestUpgrade: a file of schema version 2, 3 or 4 opens in this termbook, migrated, with what it
// held as it was: every type and rubric in use, observations without 课时 or 总评, activities
// without a record, and a record waiting for a partner's term, kept in version 1's columns,
// placed when the term comes.
func TestUpgrade(t *testing.T) {
	t.Parallel()
	for _, v := range []int{2, 3, 4} {
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

// rawFileAtVersion writes a new database at schema version v, as a termbook of that version
// made it, and returns it open for the test to add rows the old way.
func rawFileAtVersion(t *testing.T, path string, v int) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, 5*time.Second, false))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	migrateTo(t, db, &Store{w: db, Now: func() time.Time { return testNow }}, v)
	return db
}

// migrateTo runs the migrations up to version v on db, as a termbook whose newest was v did.
func migrateTo(t *testing.T, db *sql.DB, s *Store, v int) {
	t.Helper()
	ctx := context.Background()
	for _, m := range migrations() {
		if m.version > v {
			break
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			t.Fatalf("version %d: %v", m.version, err)
		}
		if m.version == 1 {
			if err := s.initFile(ctx, tx); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMigrateFromVersion2 opens a file a version-2 termbook wrote — teachers with one 称号,
// hand-ins of the old kinds, a checklist kept by hand, the old targets — and checks what
// versions 3 to 5 make of it (migration 0005 turns the checklist into hand-ins).
func TestMigrateFromVersion2(t *testing.T) {
	t.Parallel()
	// A version-4 file (activity records, still the checklist) holds the same tables so.
	for _, v := range []int{2, 4} {
		t.Run(fmt.Sprintf("version %d", v), func(t *testing.T) {
			t.Parallel()
			migrateChecklist(t, v)
		})
	}
}

func migrateChecklist(t *testing.T, v int) {
	path := filepath.Join(t.TempDir(), "old.db")
	db := rawFileAtVersion(t, path, v)
	const at = "2026-10-01T08:00:00.000Z"
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	rec := func(id string) []any { return []any{id, at, at, "old-install"} }
	exec("INSERT INTO terms (name, week1, weeks, id, created_at, updated_at, updated_by) VALUES ('2026秋', '2026-08-31', 20, ?, ?, ?, ?)", rec("term")...)
	exec("INSERT INTO schools (name, id, created_at, updated_at, updated_by) VALUES ('青山路小学', ?, ?, ?, ?)", rec("school")...)
	for _, x := range [][2]string{{"mentor", "学科带头人"}, {"mentee", "新任教师"}, {"head", "教导主任"}, {"plain", ""}} {
		exec("INSERT INTO teachers (school_id, name, title, id, created_at, updated_at, updated_by) VALUES ('school', ?, ?, ?, ?, ?, ?)",
			append([]any{x[0], x[1]}, rec(x[0])...)...)
	}
	exec("INSERT INTO mentor_pairs (term_id, mentor_id, mentee_id, id, created_at, updated_at, updated_by) VALUES ('term', 'mentor', 'mentee', ?, ?, ?, ?)", rec("pair")...)
	exec("INSERT INTO handins (term_id, teacher_id, kind, title, handed_on, id, created_at, updated_at, updated_by) VALUES ('term', 'mentee', 'lesson_plan', '教案', '2026-09-10', ?, ?, ?, ?)", rec("plan")...)
	exec("INSERT INTO handins (term_id, teacher_id, kind, title, handed_on, id, created_at, updated_at, updated_by) VALUES ('term', 'plain', 'reading_notes', '读书笔记', '2026-09-12', ?, ?, ?, ?)", rec("notes")...)
	checklist := func(id, kind, owner, item, state, note string) {
		exec("INSERT INTO checklist_items (term_id, owner_kind, owner_id, item, state, note, id, created_at, updated_at, updated_by) VALUES ('term', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			append([]any{kind, owner, item, state, note}, rec(id)...)...)
	}
	checklist("c1", "mentor_pair", "pair", "lecture_materials", "checked", "讲得好") // → the mentor's lecture, checked
	checklist("c2", "mentor_pair", "pair", "observation_notes", "handed_in", "")  // → the mentee's notes
	checklist("c3", "mentor_pair", "pair", "demo_lesson_plan", "missing", "")     // nothing
	checklist("c4", "teacher", "plain", "reading_notes", "checked", "")           // the notes already there, now checked
	checklist("c5", "mentor_pair", "pair", "reading_notes", "handed_in", "")      // the mentee's notes
	checklist("c6", "teacher", "mentee", "reading_notes", "handed_in", "")        // the same again: one hand-in
	for i, m := range []struct {
		metric, scope, per string
		required           int
	}{{"mentee_observations", "mentor_pair", "two_weeks", 1}, {"lesson_plans", "mentor_pair", "term", 4},
		{"reading_notes", "teacher", "term", 1}, {"joint_meetings", "school_pair", "term", 1}, {"pairing_monthly", "school_pair", "month", 1}} {
		exec("INSERT INTO targets (term_id, metric, scope, required, per, id, created_at, updated_at, updated_by) VALUES ('term', ?, ?, ?, ?, ?, ?, ?, ?)",
			append([]any{m.metric, m.scope, m.required, m.per}, rec("t"+itoa(i))...)...)
	}
	// Records received and waiting for what they refer to, in the columns they travelled in.
	for _, p := range [][2]string{
		{"teachers", `["wt","` + at + `","` + at + `","partner",null,"far-school","孙丽","sunli","sl","语文","","新任教师",1]`},
		{"handins", `["wh","` + at + `","` + at + `","partner",null,"far-term","far-teacher","reflection","反思","2026-09-01"]`},
		{"targets", `["wg","` + at + `","` + at + `","partner",null,"far-term","reading_notes","teacher",2,"term"]`},
		{"checklist_items", `["wc","` + at + `","` + at + `","partner",null,"far-term","teacher","x","reading_notes","checked",""]`},
	} {
		exec("INSERT INTO exchange_pending (tbl, record_id, row) VALUES (?, ?, ?)", p[0], p[1][2:4], p[1])
	}
	db.Close()

	ctx := context.Background()
	migrated := 0
	s := mustOpenAt(t, path, Options{BeforeMigrate: func(_ context.Context, _ *Store, from int) error { migrated = from; return nil }})
	if migrated != v || s.Version() != LatestVersion() {
		t.Fatalf("migrated from %d to %d, want %d to %d", migrated, s.Version(), v, LatestVersion())
	}
	teachers, _ := s.Teachers(ctx)
	by := map[string]Teacher{}
	for _, te := range teachers {
		by[te.Name] = te
	}
	if m := by["mentor"]; m.Honour != "学科带头人" || m.Rank != "" || m.Post != "" {
		t.Errorf("mentor = %+v", m)
	}
	if m := by["mentee"]; m.Rank != "新任教师" || m.Honour != "" {
		t.Errorf("mentee = %+v", m)
	}
	if m := by["head"]; m.Post != "教导主任" || m.Honour != "" {
		t.Errorf("head = %+v", m)
	}

	handins, _ := s.TermHandins(ctx, "term")
	type key struct{ teacher, kind string }
	got := map[key]Handin{}
	for _, h := range handins {
		if _, dup := got[key{h.TeacherID, h.KindID}]; dup {
			t.Errorf("two hand-ins of %s by %s", h.KindID, h.TeacherID)
		}
		got[key{h.TeacherID, h.KindID}] = h
	}
	if len(handins) != 5 {
		t.Errorf("%d hand-ins after the migration, want 5: %+v", len(handins), handins)
	}
	lecture := got[key{"mentor", BuiltinHandinKindID(KindLecture)}]
	if lecture.ID != "c1" || !lecture.Checked() || lecture.Comment != "讲得好" || lecture.Title != "讲座资料" || lecture.On != MustDate("2026-10-01") {
		t.Errorf("the lecture materials = %+v", lecture)
	}
	if h := got[key{"mentee", BuiltinHandinKindID(KindObservationNotes)}]; h.ID != "c2" || h.Checked() {
		t.Errorf("the observation notes = %+v", h)
	}
	if h := got[key{"plain", BuiltinHandinKindID(KindReadingNotes)}]; h.ID != "notes" || !h.Checked() {
		t.Errorf("the reading notes handed in before = %+v, want them checked", h)
	}
	if h := got[key{"mentee", BuiltinHandinKindID(KindLessonPlan)}]; h.ID != "plan" || h.Checked() {
		t.Errorf("the lesson plan = %+v", h)
	}
	if h, ok := got[key{"mentee", BuiltinHandinKindID(KindReadingNotes)}]; !ok || h.Checked() {
		t.Errorf("the mentee's reading notes = %+v", h)
	}
	if _, ok := got[key{"mentor", BuiltinHandinKindID(KindDemoPlan)}]; ok {
		t.Error("a missing item became a hand-in")
	}

	targets, _ := s.Targets(ctx, "term")
	if len(targets) != 5 {
		t.Fatalf("%d targets", len(targets))
	}
	for _, tg := range targets {
		if err := tg.Validate(); err != nil {
			t.Errorf("migrated target %s does not validate: %v", tg.Title, err)
		}
	}
	want := []string{"徒弟听课 observations_made mentee 1 two_weeks", "交教案 handins mentee 4 term",
		"读书笔记 handins  1 term", "联席会议 activities  1 term", "结对活动 activities  1 month"}
	for i, tg := range targets {
		if got := tg.Title + " " + string(tg.Counts) + " " + tg.AppliesTo + " " + itoa(tg.Required) + " " + string(tg.Per); got != want[i] {
			t.Errorf("target %d = %q, want %q", i, got, want[i])
		}
	}
	if targets[1].KindID != BuiltinHandinKindID(KindLessonPlan) || targets[3].TypeID == "" || !targets[4].BothSchools {
		t.Errorf("what the targets count: %+v", targets)
	}
	// The waiting records take today's shape.
	rows, err := s.r.Query("SELECT tbl, row FROM exchange_pending ORDER BY tbl")
	if err != nil {
		t.Fatal(err)
	}
	var waiting []string
	for rows.Next() {
		var tbl string
		var raw []byte
		if err := rows.Scan(&tbl, &raw); err != nil {
			t.Fatal(err)
		}
		r, err := ParseSyncRow(tbl, raw)
		if err != nil {
			t.Errorf("waiting %s %s: %v", tbl, raw, err)
			continue
		}
		waiting = append(waiting, tbl)
		cols, _ := SyncColumns(tbl)
		val := func(c string) any {
			for i, x := range cols {
				if x == c {
					return r[i]
				}
			}
			return nil
		}
		switch tbl {
		case "teachers":
			if val("rank") != "新任教师" || val("honour") != "" {
				t.Errorf("the waiting teacher: %v", r)
			}
		case "handins":
			if val("kind_id") != BuiltinHandinKindID(KindReflection) {
				t.Errorf("the waiting hand-in: %v", r)
			}
		case "targets":
			if val("title") != "读书笔记" || val("counts") != string(CountHandins) || val("required") != int64(2) {
				t.Errorf("the waiting target: %v", r)
			}
		}
	}
	rows.Close()
	if strings.Join(waiting, " ") != "handins targets teachers" {
		t.Errorf("waiting after the migration: %v, want the hand-in, the target and the teacher (not the checklist item)", waiting)
	}

	// The old checklist is gone, also from what the next exchange would send.
	var n int
	if err := s.r.QueryRow("SELECT COUNT(*) FROM exchange_log WHERE tbl = 'checklist_items'").Scan(&n); err != nil || n != 0 {
		t.Errorf("%d checklist rows left to exchange, %v", n, err)
	}
	if err := s.r.QueryRow("SELECT COUNT(*) FROM exchange_log WHERE tbl = 'handins'").Scan(&n); err != nil || n != 5 {
		t.Errorf("%d hand-ins to exchange, want 5, %v", n, err)
	}
}
