package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// DayCount is how many counted items one owner (a mentor pair, teacher or school pair) has on
// one day. The term-end review buckets them into whatever period a target uses.
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

// Tally is the raw material of a term's review: counts only, taken by a handful of grouped,
// index-covered queries, never a row's long texts.
type Tally struct {
	// Metrics holds, for each target metric, the day counts of the owners it scores: mentor
	// pair ids for the mentor-pair metrics, teacher ids for reading notes, school pair ids for
	// the school-pair ones.
	Metrics map[Metric][]DayCount
	// Given and Received are each teacher's observations made and lessons observed in the term.
	Given, Received map[string]int
	// Activities are the term's activities by type, month and status.
	Activities []ActivityCount
}

// crossSchoolTypes are the activity types that count for a school pair when they name only
// one of its schools: a joint meeting or outreach teaching is by nature between the two.
var crossSchoolTypes = []string{TypeJointMeeting, TypeOutreach}

// TallyTerm counts what the review of term t needs, as of day today (for Past), in one
// consistent read.
//
// Observations and hand-ins are found by their date range within the term through the
// (teacher, day) and (observer, day) indexes, so a count reads index entries, not rows. A done
// activity counts for a school pair when it names both of the pair's schools, or names one of
// them and is a joint meeting or outreach teaching.
func (s *Store) TallyTerm(ctx context.Context, t Term, today Date) (Tally, error) {
	tl := Tally{Metrics: map[Metric][]DayCount{}, Given: map[string]int{}, Received: map[string]int{}}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return tl, fmt.Errorf("tally term: %w", mapErr(err))
	}
	defer tx.Rollback()
	from, to := t.Start().String(), t.End().String()

	pairArgs := []any{t.ID, from, to}

	// What each mentee observed, and how much of it was the mentor's teaching, in one pass
	// over the (observer, day, teacher) index.
	rows, err := s.queryTx(ctx, tx, `SELECT p.id, o.observed_on, COUNT(*), SUM(o.teacher_id = p.mentor_id) FROM mentor_pairs p
		JOIN observations o ON o.observer_id = p.mentee_id AND o.observed_on BETWEEN ?2 AND ?3 AND o.deleted_at IS NULL
		WHERE p.term_id = ?1 AND p.deleted_at IS NULL GROUP BY p.id, o.observed_on`, pairArgs...)
	if err != nil {
		return tl, fmt.Errorf("tally mentee observations: %w", mapErr(err))
	}
	err = scanSplit(rows, tl.Metrics, MetricMenteeObservations, MetricObservesMentor)
	if err != nil {
		return tl, fmt.Errorf("tally mentee observations: %w", err)
	}
	dayCounts := []struct {
		metric Metric
		q      string
		args   []any
	}{
		{MetricTaughtObserved, `SELECT p.id, o.observed_on, COUNT(*) FROM mentor_pairs p
			JOIN observations o ON o.teacher_id = p.mentee_id AND o.observed_on BETWEEN ?2 AND ?3 AND o.deleted_at IS NULL
			WHERE p.term_id = ?1 AND p.deleted_at IS NULL GROUP BY p.id, o.observed_on`, pairArgs},
		{MetricLessonPlans, `SELECT p.id, h.handed_on, COUNT(*) FROM mentor_pairs p
			JOIN handins h ON h.term_id = p.term_id AND h.teacher_id = p.mentee_id AND h.kind = 'lesson_plan' AND h.deleted_at IS NULL
			WHERE p.term_id = ? AND p.deleted_at IS NULL GROUP BY p.id, h.handed_on`, []any{t.ID}},
		{MetricGuidanceMonthly, `SELECT p.id, g.given_on, COUNT(*) FROM mentor_pairs p
			JOIN guidance g ON g.mentor_pair_id = p.id AND g.deleted_at IS NULL
			WHERE p.term_id = ? AND p.deleted_at IS NULL GROUP BY p.id, g.given_on`, []any{t.ID}},
		{MetricReadingNotes, `SELECT teacher_id, handed_on, COUNT(*) FROM handins
			WHERE term_id = ? AND kind = 'reading_notes' AND deleted_at IS NULL GROUP BY teacher_id, handed_on`, []any{t.ID}},
	}
	for _, dc := range dayCounts {
		rows, err := s.queryTx(ctx, tx, dc.q, dc.args...)
		if err != nil {
			return tl, fmt.Errorf("tally %s: %w", dc.metric, mapErr(err))
		}
		var list []DayCount
		err = scanRows(rows, func(rows *sql.Rows) error {
			var c DayCount
			var day sql.NullString
			if err := rows.Scan(&c.Owner, &day, &c.N); err != nil {
				return err
			}
			c.Day = scanDate(day)
			list = append(list, c)
			return nil
		})
		if err != nil {
			return tl, fmt.Errorf("tally %s: %w", dc.metric, err)
		}
		tl.Metrics[dc.metric] = list
	}

	for _, per := range []struct {
		into map[string]int
		col  string
	}{{tl.Given, "observer_id"}, {tl.Received, "teacher_id"}} {
		// The IN list over teachers lets SQLite walk the (teacher, day) index once per
		// teacher, reading index entries only.
		rows, err := s.queryTx(ctx, tx, `SELECT `+per.col+`, COUNT(*) FROM observations
			WHERE `+per.col+` IN (SELECT id FROM teachers) AND observed_on BETWEEN ? AND ? AND deleted_at IS NULL
			GROUP BY `+per.col, from, to)
		if err != nil {
			return tl, fmt.Errorf("tally observations: %w", mapErr(err))
		}
		err = scanRows(rows, func(rows *sql.Rows) error {
			var id string
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				return err
			}
			per.into[id] = n
			return nil
		})
		if err != nil {
			return tl, fmt.Errorf("tally observations: %w", err)
		}
	}

	// The school pairs' activities and, among them, the joint meetings, in one pass.
	rows, err = s.queryTx(ctx, tx, schoolPairActivities, TypeJointMeeting, t.ID, crossSchoolTypes[0], crossSchoolTypes[1])
	if err != nil {
		return tl, fmt.Errorf("tally school pairs: %w", mapErr(err))
	}
	err = scanSplit(rows, tl.Metrics, MetricPairingMonthly, MetricJointMeetings)
	if err != nil {
		return tl, fmt.Errorf("tally school pairs: %w", err)
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

// schoolPairActivities selects the done activities of a term that count for each school pair
// (see TallyTerm), with how many of them are joint meetings; its arguments are the joint
// meeting's type code, the term and the two cross-school type codes.
const schoolPairActivities = `SELECT p.id, a.done_on, COUNT(*), SUM(ty.code = ?) FROM school_pairs p
	JOIN activities a ON a.term_id = ? AND a.status = 'done' AND a.deleted_at IS NULL
	JOIN activity_types ty ON ty.id = a.type_id
	WHERE p.deleted_at IS NULL
	AND EXISTS (SELECT 1 FROM activity_schools s WHERE s.activity_id = a.id AND s.school_id = p.supporting_id)
		+ EXISTS (SELECT 1 FROM activity_schools s WHERE s.activity_id = a.id AND s.school_id = p.supported_id)
		>= CASE WHEN ty.code IN (?, ?) THEN 1 ELSE 2 END
	GROUP BY p.id, a.done_on`

// scanSplit reads rows of (owner, day, count, count of a part) into the day counts of two
// metrics: the whole and the part (what a mentee observed and how much of it was the mentor).
func scanSplit(rows *sql.Rows, into map[Metric][]DayCount, whole, part Metric) error {
	return scanRows(rows, func(rows *sql.Rows) error {
		var all, some DayCount
		var day sql.NullString
		if err := rows.Scan(&all.Owner, &day, &all.N, &some.N); err != nil {
			return err
		}
		all.Day = scanDate(day)
		some.Owner, some.Day = all.Owner, all.Day
		into[whole] = append(into[whole], all)
		if some.N > 0 {
			into[part] = append(into[part], some)
		}
		return nil
	})
}

// readStmts holds the reader pool's prepared statements. The review's queries run again and
// again on the same few connections; parsing them each time was a fifth of its cost.
type readStmts struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// queryTx runs a read query in tx through a statement prepared once on the reader pool.
func (s *Store) queryTx(ctx context.Context, tx *sql.Tx, q string, args ...any) (*sql.Rows, error) {
	s.reads.mu.Lock()
	st, ok := s.reads.m[q]
	if !ok {
		var err error
		if st, err = s.r.PrepareContext(ctx, q); err != nil {
			s.reads.mu.Unlock()
			return nil, err
		}
		if s.reads.m == nil {
			s.reads.m = map[string]*sql.Stmt{}
		}
		s.reads.m[q] = st
	}
	s.reads.mu.Unlock()
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
