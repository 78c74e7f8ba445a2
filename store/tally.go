package store

import (
	"context"
	"database/sql"
	"fmt"
)

// DayCount is how many counted items one owner (a mentor pair, teacher or school pair) has on
// one day. The term-end review buckets them into whatever period a target uses. A count taken
// as a total has no day.
type DayCount struct {
	Owner string
	Day   Date
	N     int
}

// ActivityCount is how many of a term's activities of one type, first due in one month, stand
// at one status; Past of them have a last day before the day the tally was taken for.
type ActivityCount struct {
	TypeID string
	Month  Month
	Status Status
	N      int
	Past   int
}

// HandinCount is how many hand-ins of one kind a teacher has in a term, and how many of them
// are checked: the term-end checklist.
type HandinCount struct {
	TeacherID string
	KindID    string
	N         int
	Checked   int
}

// Count asks how many records of one measure each owner of a scope has: what one target
// counts, for every owner at once.
type Count struct {
	Scope       Scope
	Counts      Measure
	Role        string // a mentor pair's: whose records, the mentee's ("") or RoleMentor
	TypeID      string
	KindID      string
	BothSchools bool
	Year        bool // over the school year's terms, not only the term
	ByDay       bool // day by day (for a monthly or two-weekly quota), else one total per owner
}

// CountFor is what target t needs counted.
func CountFor(t Target) Count {
	c := Count{Scope: t.Scope, Counts: t.Counts, TypeID: t.TypeID, KindID: t.KindID, BothSchools: t.BothSchools,
		Year: t.Per == PerYear, ByDay: t.Per.Periodic()}
	if t.Scope == ScopeMentorPair && t.AppliesTo == RoleMentor {
		c.Role = RoleMentor
	}
	switch c.Counts {
	case CountObservesMentor:
		c.Role = ""
	case CountGuidance:
		if t.Scope == ScopeMentorPair {
			c.Role = ""
		}
	}
	return c
}

// Tally is the raw material of a term's review: counts only, taken by a handful of grouped,
// index-covered queries, never a row's long texts.
type Tally struct {
	// Counts holds, for each Count asked for, the day counts (or totals) of each owner: mentor
	// pair ids, teacher ids or school pair ids.
	Counts map[Count]map[string][]DayCount
	// Given and Received are each teacher's observations made and lessons observed in the term.
	Given, Received map[string]int
	// Activities are the term's activities by type, month and status.
	Activities []ActivityCount
	// Handins are the term's hand-ins of the kinds on a checklist, per teacher.
	Handins []HandinCount
	// Year is the school year's live terms, oldest first (the term itself among them).
	Year []Term
}

// crossSchoolTypes are the activity types that count for a school pair when they name only
// one of its schools: a joint meeting or outreach teaching is by nature between the two.
var crossSchoolTypes = []string{TypeJointMeeting, TypeOutreach}

// TallyTerm counts what the review of term t needs, as of day today (for Past), in one
// consistent read: each of counts, each teacher's observations made and received, the
// activities by type, month and status, and the checklist's hand-ins.
//
// Observations are found by their date range through the (observer, day) and (teacher, day)
// indexes, hand-ins by their term through the (term, kind, teacher) index, so a count reads
// index entries, not rows. A done activity counts for a school pair when it names both of the
// pair's schools, or one of them when the count does not ask for both or it is a joint
// meeting or outreach teaching; for a teacher, when the teacher hosted it.
func (s *Store) TallyTerm(ctx context.Context, t Term, today Date, counts []Count) (Tally, error) {
	tl := Tally{Counts: map[Count]map[string][]DayCount{}, Given: map[string]int{}, Received: map[string]int{}}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return tl, fmt.Errorf("tally term: %w", mapErr(err))
	}
	defer tx.Rollback()

	year := t.SchoolYear()
	rows, err := s.queryTx(ctx, tx, "SELECT "+termCols+" FROM terms WHERE deleted_at IS NULL AND week1 BETWEEN ? AND ? ORDER BY week1",
		year.First().String(), year.Last().String())
	if err != nil {
		return tl, fmt.Errorf("tally terms: %w", mapErr(err))
	}
	if err := scanRows(rows, func(rows *sql.Rows) error {
		yt, err := scanTerm(rows)
		tl.Year = append(tl.Year, yt)
		return err
	}); err != nil {
		return tl, fmt.Errorf("tally terms: %w", err)
	}

	for _, per := range []struct {
		into    map[string]int
		measure Measure
	}{{tl.Given, CountObservationsMade}, {tl.Received, CountObservationsReceived}} {
		c := Count{Scope: ScopeTeacher, Counts: per.measure}
		got, err := s.count(ctx, tx, t, tl.Year, c)
		if err != nil {
			return tl, err
		}
		tl.Counts[c] = got
		for id, days := range got {
			for _, d := range days {
				per.into[id] += d.N
			}
		}
	}
	for _, c := range counts {
		if _, done := tl.Counts[c]; done {
			continue
		}
		got, err := s.count(ctx, tx, t, tl.Year, c)
		if err != nil {
			return tl, err
		}
		tl.Counts[c] = got
	}

	rows, err = s.queryTx(ctx, tx, `SELECT teacher_id, kind_id, COUNT(*), SUM(checked_by <> '') FROM handins
		WHERE term_id = ? AND kind_id IN (SELECT id FROM handin_kinds WHERE checklist <> '' AND deleted_at IS NULL) AND deleted_at IS NULL
		GROUP BY kind_id, teacher_id`, t.ID)
	if err != nil {
		return tl, fmt.Errorf("tally hand-ins: %w", mapErr(err))
	}
	err = scanRows(rows, func(rows *sql.Rows) error {
		var h HandinCount
		if err := rows.Scan(&h.TeacherID, &h.KindID, &h.N, &h.Checked); err != nil {
			return err
		}
		tl.Handins = append(tl.Handins, h)
		return nil
	})
	if err != nil {
		return tl, fmt.Errorf("tally hand-ins: %w", err)
	}

	rows, err = s.queryTx(ctx, tx, `SELECT type_id, substr(first_day, 1, 7), status, COUNT(*), SUM(last_day < ?)
		FROM activities WHERE term_id = ? AND deleted_at IS NULL GROUP BY status, type_id, 2`, today.String(), t.ID)
	if err != nil {
		return tl, fmt.Errorf("tally activities: %w", mapErr(err))
	}
	err = scanRows(rows, func(rows *sql.Rows) error {
		var c ActivityCount
		var month string
		if err := rows.Scan(&c.TypeID, &month, &c.Status, &c.N, &c.Past); err != nil {
			return err
		}
		c.Month, _ = ParseMonth(month)
		tl.Activities = append(tl.Activities, c)
		return nil
	})
	if err != nil {
		return tl, fmt.Errorf("tally activities: %w", err)
	}
	return tl, nil
}

// count runs one Count for term t: over t, or over the school year's terms.
func (s *Store) count(ctx context.Context, tx *sql.Tx, t Term, year []Term, c Count) (map[string][]DayCount, error) {
	terms := []Term{t}
	if c.Year && len(year) > 0 {
		terms = year
	}
	ids := make([]any, len(terms))
	from, to := terms[0].Start(), terms[0].End()
	for i, x := range terms {
		ids[i] = x.ID
		from, to = minDate(from, x.Start()), maxDate(to, x.End())
	}
	q, args := countQuery(c, t.ID, ids, from, to)
	rows, err := s.queryTx(ctx, tx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("tally %s: %w", c.Counts, mapErr(err))
	}
	out := map[string][]DayCount{}
	err = scanRows(rows, func(rows *sql.Rows) error {
		var d DayCount
		var day sql.NullString
		var also sql.NullString
		dest := []any{&d.Owner, &day, &d.N}
		if c.Scope == ScopeTeacher && c.Counts == CountGuidance {
			dest = []any{&d.Owner, &also, &day, &d.N}
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		d.Day = scanDate(day)
		out[d.Owner] = append(out[d.Owner], d)
		if also.Valid { // a pair's guidance counts for its mentee as well as its mentor
			d.Owner = also.String
			out[d.Owner] = append(out[d.Owner], d)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("tally %s: %w", c.Counts, err)
	}
	return out, nil
}

// countQuery builds the query of one Count: rows of (owner, day, count), the day NULL for a
// total; a teacher's guidance has (mentor, mentee, day, count). term is the term whose mentor
// pairs own a pair's counts, terms the terms counted, from..to their days.
func countQuery(c Count, term string, terms []any, from, to Date) (string, []any) {
	in := "(" + placeholders(len(terms)) + ")"
	day := func(col string) string {
		if c.ByDay {
			return col
		}
		return "NULL"
	}
	// A total groups by its owner alone: grouping by the NULL day too would make SQLite sort
	// the rows it could read in the index's order.
	groupBy := " GROUP BY 1"
	if c.ByDay {
		groupBy = " GROUP BY 1, 2"
	}
	who := "p.mentee_id"
	if c.Role == RoleMentor {
		who = "p.mentor_id"
	}
	span := []any{from.String(), to.String()}
	// A pair's records are its mentor's or mentee's, of this term's pairs.
	pair := func(join string, joinArgs []any, dayCol string) (string, []any) {
		return "SELECT p.id, " + day(dayCol) + ", COUNT(*) FROM mentor_pairs p " + join +
			" WHERE p.term_id = ? AND p.deleted_at IS NULL" + groupBy, append(joinArgs, term)
	}
	switch c.Scope {
	case ScopeMentorPair:
		switch c.Counts {
		case CountObservationsMade:
			return pair("JOIN observations o ON o.observer_id = "+who+" AND o.observed_on BETWEEN ? AND ? AND o.deleted_at IS NULL", span, "o.observed_on")
		case CountObservationsReceived:
			return pair("JOIN observations o ON o.teacher_id = "+who+" AND o.observed_on BETWEEN ? AND ? AND o.deleted_at IS NULL", span, "o.observed_on")
		case CountObservesMentor:
			return pair("JOIN observations o ON o.observer_id = p.mentee_id AND o.observed_on BETWEEN ? AND ? AND o.teacher_id = p.mentor_id AND o.deleted_at IS NULL", span, "o.observed_on")
		case CountGuidance:
			// Over a school year, the same mentor and mentee paired in the other term count too.
			return pair("JOIN mentor_pairs q ON q.term_id IN "+in+" AND q.mentor_id = p.mentor_id AND q.mentee_id = p.mentee_id AND q.deleted_at IS NULL"+
				" JOIN guidance g ON g.mentor_pair_id = q.id AND g.deleted_at IS NULL", terms, "g.given_on")
		case CountHandins:
			return pair("JOIN handins h ON h.term_id IN "+in+" AND h.kind_id = ? AND h.teacher_id = "+who+" AND h.deleted_at IS NULL",
				append(append([]any{}, terms...), c.KindID), "h.handed_on")
		case CountActivities:
			return pair("JOIN activities a ON a.term_id IN "+in+" AND a.status = 'done' AND a.host_id = "+who+" AND a.deleted_at IS NULL AND (? = '' OR a.type_id = ?)",
				append(append([]any{}, terms...), c.TypeID, c.TypeID), "a.done_on")
		}
	case ScopeTeacher:
		switch c.Counts {
		case CountObservationsMade, CountObservationsReceived:
			col := "observer_id"
			if c.Counts == CountObservationsReceived {
				col = "teacher_id"
			}
			// The IN list over teachers lets SQLite walk the (teacher, day) index once per
			// teacher, reading index entries only.
			return "SELECT " + col + ", " + day("observed_on") + ", COUNT(*) FROM observations WHERE " + col +
				" IN (SELECT id FROM teachers) AND observed_on BETWEEN ? AND ? AND deleted_at IS NULL" + groupBy, span
		case CountGuidance:
			pairGroup := " GROUP BY 1, 2"
			if c.ByDay {
				pairGroup += ", 3"
			}
			return "SELECT p.mentor_id, p.mentee_id, " + day("g.given_on") + ", COUNT(*) FROM mentor_pairs p" +
				" JOIN guidance g ON g.mentor_pair_id = p.id AND g.deleted_at IS NULL WHERE p.term_id IN " + in +
				" AND p.deleted_at IS NULL" + pairGroup, terms
		case CountHandins:
			return "SELECT teacher_id, " + day("handed_on") + ", COUNT(*) FROM handins WHERE term_id IN " + in +
				" AND kind_id = ? AND deleted_at IS NULL" + groupBy, append(append([]any{}, terms...), c.KindID)
		case CountActivities:
			return "SELECT host_id, " + day("done_on") + ", COUNT(*) FROM activities WHERE term_id IN " + in +
					" AND status = 'done' AND host_id IS NOT NULL AND deleted_at IS NULL AND (? = '' OR type_id = ?)" + groupBy,
				append(append([]any{}, terms...), c.TypeID, c.TypeID)
		}
	case ScopeSchoolPair:
		both := 0
		if c.BothSchools {
			both = 1
		}
		return `SELECT p.id, ` + day("a.done_on") + `, COUNT(*) FROM school_pairs p
			JOIN activities a ON a.term_id IN ` + in + ` AND a.status = 'done' AND a.deleted_at IS NULL
			JOIN activity_types ty ON ty.id = a.type_id
			WHERE p.deleted_at IS NULL AND (? = '' OR a.type_id = ?)
			AND EXISTS (SELECT 1 FROM activity_schools s WHERE s.activity_id = a.id AND s.school_id = p.supporting_id)
				+ EXISTS (SELECT 1 FROM activity_schools s WHERE s.activity_id = a.id AND s.school_id = p.supported_id)
				>= CASE WHEN ? = 1 AND ty.code NOT IN (?, ?) THEN 2 ELSE 1 END` + groupBy, append(append([]any{}, terms...), c.TypeID, c.TypeID, both, crossSchoolTypes[0], crossSchoolTypes[1])
	}
	// Validate refuses every other combination; count nothing rather than guess.
	return "SELECT '', NULL, 0 WHERE 0", nil
}

func minDate(a, b Date) Date {
	if a.Before(b) {
		return a
	}
	return b
}

func maxDate(a, b Date) Date {
	if a.After(b) {
		return a
	}
	return b
}

// queryTx runs a read query in tx through a statement prepared once on the reader pool. The
// review's queries run again and again on the same few connections; parsing them each time
// was a fifth of its cost.
func (s *Store) queryTx(ctx context.Context, tx *sql.Tx, q string, args ...any) (*sql.Rows, error) {
	st, err := s.reads.prepare(ctx, s.r, q)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return tx.QueryContext(ctx, q, args...)
	}
	return tx.StmtContext(ctx, st).QueryContext(ctx, args...)
}

// scanRows calls scan for each row and closes rows, mapping SQLite errors.
func scanRows(rows *sql.Rows, scan func(*sql.Rows) error) error {
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return mapErr(err)
		}
	}
	return mapErr(rows.Err())
}
