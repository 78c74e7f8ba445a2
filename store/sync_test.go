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
		for _, l := range st.lists {
			if got := columns(l.table); !slices.Equal(got, []string{l.key, l.value}) {
				t.Errorf("%s: list %s is %v, exchange carries %s, %s", st.name, l.table, got, l.key, l.value)
			}
		}
		for c, parent := range st.textRefs {
			if !slices.Contains(st.textCols, c) || parent == "" {
				t.Errorf("%s: text reference %s is not one of its texts", st.name, c)
			}
		}
	}
	// Every table that belongs to a record travels with it: the record tables, their texts,
	// their lists and the files.
	travels := map[string]bool{"activity_files": true}
	for _, st := range syncTables {
		travels[st.name], travels[st.texts] = true, true
		for _, l := range st.lists {
			travels[l.table] = true
		}
	}
	if got := columns("activity_files"); !slices.Equal(got, []string{"activity_id", "position", "path", "caption"}) {
		t.Errorf("activity_files is %v, exchange carries activity_id, position, path, caption", got)
	}
	all, err := s.r.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'exchange%'
		AND name NOT LIKE 'sqlite%' AND name NOT IN ('meta', 'drafts', 'rubric_snapshots') ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer all.Close()
	for all.Next() {
		var n string
		all.Scan(&n)
		if !travels[n] {
			t.Errorf("table %s does not travel with any exchanged record", n)
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

// TestCompatibleColumns: a file of format version 1 may carry a table's records without the
// columns added since, and without no other; in the order of this termbook's.
func TestCompatibleColumns(t *testing.T) {
	t.Parallel()
	acts, _ := syncTableNamed("activities")
	all := acts.columns()
	without := func(col string) []string {
		return slices.DeleteFunc(slices.Clone(all), func(c string) bool { return c == col })
	}
	swapped := slices.Clone(all)
	swapped[6], swapped[7] = swapped[7], swapped[6]
	tests := []struct {
		name string
		cols []string
		want bool
	}{
		{"this version's", all, true},
		{"version 1's", acts.firstColumns(), true},
		{"without the minutes", without("minutes"), true},
		{"without the title", without("title"), false},
		{"without the id", without("id"), false},
		{"in another order", swapped, false},
		{"with a column of no version", append(slices.Clone(all), "mood"), false},
	}
	for _, tt := range tests {
		if got := CompatibleColumns("activities", tt.cols); got != tt.want {
			t.Errorf("%s: CompatibleColumns = %v, want %v", tt.name, got, tt.want)
		}
	}
	if CompatibleColumns("moods", all) {
		t.Error("a table that is not exchanged")
	}
	for _, st := range syncTables {
		for c := range st.added {
			if !slices.Contains(st.columns(), c) {
				t.Errorf("%s: added column %s is not exchanged", st.name, c)
			}
		}
	}
}

// TestColumnPlaces: at finds every exchanged column where columns has it.
func TestColumnPlaces(t *testing.T) {
	t.Parallel()
	for _, st := range syncTables {
		for i, c := range st.columns() {
			if got := st.at(c); got != i {
				t.Errorf("%s.%s at %d, want %d", st.name, c, got, i)
			}
		}
		if st.at("mood") != -1 {
			t.Errorf("%s: a column it does not have has a place", st.name)
		}
	}
}

// TestColumnWidth: width counts the exchanged columns of every table.
func TestColumnWidth(t *testing.T) {
	t.Parallel()
	for _, st := range syncTables {
		if st.width() != len(st.columns()) {
			t.Errorf("%s: width %d, %d columns", st.name, st.width(), len(st.columns()))
		}
	}
}
