package store

import (
	"context"
	"strings"
	"testing"
)

// hotQuery is a query that runs on every screen or keystroke, with arguments for its plan.
type hotQuery struct {
	name string
	sql  string
	args []any
	// sorted says the rows must come in index order: a page of a long list must not sort
	// the whole list first.
	sorted bool
}

// hotQueries are the queries whose cost must not grow with the years of history: each must
// search an index, never scan a whole table or index.
func hotQueries(f *fixture) []hotQuery {
	from, to := f.term.WeekRange(12)
	weekWhere, weekArgs := activitiesWhere(f.term.ID, from, to)
	termPage, termArgs := observationsQuery(ObservationFilter{TermID: f.term.ID, Limit: 50})
	teacherList, teacherArgs := observationsQuery(ObservationFilter{TeacherID: f.mentee.ID, Limit: 50})
	return []hotQuery{
		{"a week's activities", "SELECT " + activityCols + " FROM activities a" + weekWhere + activitiesOrder, weekArgs, false},
		{"the schools of a week's activities", activitySchoolsQuery + weekWhere, weekArgs, false},
		{"a page of a term's observations", termPage, termArgs, true},
		{"a page of a teacher's observations", teacherList, teacherArgs, true},
		{"a teacher's open follow-ups", openFollowUpsQuery, []any{f.mentee.ID}, false},
		{"an observation's rubric", "SELECT id, spec FROM rubric_snapshots WHERE id IN (?)", []any{"x"}, false},
	}
}

// TestHotQueriesUseIndexes runs EXPLAIN QUERY PLAN on the hot queries and fails on a full
// scan, or on a sort of a whole list that is read a page at a time.
func TestHotQueriesUseIndexes(t *testing.T) {
	f := newFixture(t)
	for _, q := range hotQueries(f) {
		plan := explain(t, f.s, q.sql, q.args...)
		for _, line := range plan {
			if strings.HasPrefix(line, "SCAN ") {
				t.Errorf("%s scans a whole table or index: %s\n%s", q.name, line, strings.Join(plan, "\n"))
			}
			if q.sorted && strings.Contains(line, "TEMP B-TREE") {
				t.Errorf("%s sorts all its rows before the first page: %s\n%s", q.name, line, strings.Join(plan, "\n"))
			}
		}
	}
}

// explain returns the detail lines of a query's plan.
func explain(t *testing.T, s *Store, q string, args ...any) []string {
	t.Helper()
	rows, err := s.r.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatalf("explain %s: %v", q, err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}
