package store

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSyncTablesMatchSchema keeps the exchange in step with the schema: every table with
// records is exchanged, with every column, its texts, and its keys unique among live records.
// A migration that adds a table or a column fails here until the exchange carries it.
func TestSyncTablesMatchSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, err := Open(ctx, t.TempDir()+"/x.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	columns := func(table string) []string {
		rows, err := s.r.QueryContext(ctx, "SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var cols []string
		for rows.Next() {
			var c string
			rows.Scan(&c)
			cols = append(cols, c)
		}
		return cols
	}
	var records []string
	rows, err := s.r.QueryContext(ctx, `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
		WHERE m.type = 'table' AND c.name = 'updated_by' ORDER BY m.name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		records = append(records, n)
	}
	rows.Close()
	exchanged := SyncTables()
	slices.Sort(exchanged)
	if !slices.Equal(records, exchanged) {
		t.Errorf("record tables %v, exchanged %v", records, exchanged)
	}

	for _, st := range syncTables {
		got := columns(st.name)
		slices.Sort(got)
		want := append([]string{"id", "created_at", "updated_at", "updated_by", "deleted_at"}, st.cols...)
		if st.rubric {
			// The rubric travels as its spec and is held as the id of its snapshot.
			want[slices.Index(want, rubricColumn)] = "rubric_id"
		}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: schema has %v, exchange carries %v", st.name, got, want)
		}
		if st.texts != "" {
			got := columns(st.texts)
			want := append([]string{st.textKey}, st.textCols...)
			if !slices.Equal(got, want) {
				t.Errorf("%s: schema has %v, exchange carries %v", st.texts, got, want)
			}
		}
		// The unique indexes: each must be listed, as the columns kept unique among live records.
		rows, err := s.r.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?
			AND sql LIKE 'CREATE UNIQUE INDEX%'`, st.name)
		if err != nil {
			t.Fatal(err)
		}
		var unique [][]string
		for rows.Next() {
			var name, sql string
			rows.Scan(&name, &sql)
			if !strings.Contains(sql, "WHERE deleted_at IS NULL") {
				t.Errorf("%s: unique index %s also counts deleted records, which a merge cannot settle", st.name, name)
			}
			var cols []string
			for _, c := range strings.Split(sql[strings.Index(sql, "(")+1:strings.Index(sql, ")")], ",") {
				cols = append(cols, strings.TrimSpace(c))
			}
			unique = append(unique, cols)
		}
		rows.Close()
		if !slices.EqualFunc(unique, st.unique, slices.Equal[[]string]) {
			t.Errorf("%s: unique among live records %v, exchange settles %v", st.name, unique, st.unique)
		}
	}
}

// TestLocalChangeIsLater: a change made here is later than the version it replaces even when
// the clock stands still or has gone back, so partners agree which is newest.
func TestLocalChangeIsLater(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, err := Open(ctx, t.TempDir()+"/x.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := MustDate("2026-10-12").Time()
	s.Now = func() time.Time { return now }
	sc, err := s.CreateSchool(ctx, School{Name: "一小"})
	if err != nil {
		t.Fatal(err)
	}
	stamps := []string{}
	for i, step := range []time.Duration{0, -time.Hour, time.Millisecond} {
		now = now.Add(step)
		sc.District = strings.Repeat("区", i+1)
		if _, err := s.UpdateSchool(ctx, sc); err != nil {
			t.Fatal(err)
		}
		got, err := s.School(ctx, sc.ID)
		if err != nil {
			t.Fatal(err)
		}
		stamps = append(stamps, got.UpdatedAt.Format(stamp))
	}
	want := []string{"2026-10-12T00:00:00.001Z", "2026-10-12T00:00:00.002Z", "2026-10-12T00:00:00.003Z"}
	if !slices.Equal(stamps, want) {
		t.Errorf("updated_at %v, want %v", stamps, want)
	}
}
