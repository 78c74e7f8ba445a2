package store

import (
	"context"
	"regexp"
	"strconv"
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
	t.Parallel()
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

// growing are the tables that grow with every term: a query may scan the others (schools,
// teachers, school pairs, types), whose size a school's staff bounds, but never these.
var growing = map[string]bool{"activities": true, "activity_schools": true, "activity_moves": true,
	"observations": true, "observation_texts": true, "followups": true, "guidance": true, "guidance_texts": true,
	"handins": true, "handin_texts": true, "term_grades": true, "mentor_pairs": true, "targets": true,
	"terms": true, "reports": true, "report_texts": true}

// TestReviewQueriesUseIndexes runs the term-end review's counts and checks the plan of every
// query they ran: none may scan a table that grows with the years.
func TestReviewQueriesUseIndexes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// Every count a target can ask for, for every owner, over the term and over its year.
	var counts []Count
	for _, scope := range []Scope{ScopeMentorPair, ScopeTeacher, ScopeSchoolPair} {
		for _, m := range Measures() {
			for _, year := range []bool{false, true} {
				c := Count{Scope: scope, Counts: m, Year: year, ByDay: !year}
				counts = append(counts, c)
				if scope == ScopeMentorPair {
					c.Role = RoleMentor
					counts = append(counts, c)
				}
			}
		}
	}
	if _, err := f.s.TallyTerm(context.Background(), f.term, MustDate("2026-11-18"), counts); err != nil {
		t.Fatal(err)
	}
	if len(f.s.reads.m) < 5 {
		t.Fatalf("the review ran %d queries; the test no longer sees them", len(f.s.reads.m))
	}
	for q := range f.s.reads.m {
		plan := explain(t, f.s, q, make([]any, paramCount(q))...)
		for _, line := range plan {
			// A total per owner reads an index in its order; a sort of all the rows first
			// (grouping by a constant day as well did that) costs milliseconds.
			if strings.Contains(q, "NULL, COUNT(*)") && strings.Contains(q, "FROM observations") && strings.Contains(line, "TEMP B-TREE FOR GROUP BY") {
				t.Errorf("a total sorts its rows: %s\n%s\n%s", line, q, strings.Join(plan, "\n"))
			}
			name, ok := strings.CutPrefix(line, "SCAN ")
			if !ok {
				continue
			}
			name, _, _ = strings.Cut(name, " ")
			if table := tableOf(q, name); growing[table] {
				t.Errorf("the review scans all of %s: %s\n%s\n%s", table, line, q, strings.Join(plan, "\n"))
			}
		}
	}
}

// paramCount is how many arguments a query takes: its "?" and its highest "?N".
func paramCount(q string) int {
	n := strings.Count(q, "?") - len(regexp.MustCompile(`\?\d`).FindAllString(q, -1))
	for _, m := range regexp.MustCompile(`\?(\d+)`).FindAllStringSubmatch(q, -1) {
		if k, _ := strconv.Atoi(m[1]); k > n {
			n = k
		}
	}
	return n
}

// tableOf is the table that a name in a query's plan stands for: the name itself, or the
// table it is an alias of.
func tableOf(q, name string) string {
	m := regexp.MustCompile(`(?i)(?:FROM|JOIN)\s+(\w+)\s+(?:AS\s+)?` + regexp.QuoteMeta(name) + `\b`).FindStringSubmatch(q)
	if m == nil {
		return name
	}
	return m[1]
}

// explain returns the detail lines of a query's plan; parameters left unbound are NULL.
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
