package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// MaxWeeks is the most weeks a term may have.
const MaxWeeks = 30

// Term is one school term (学期): its name, the Monday of 第1周 and how many weeks it runs.
type Term struct {
	Record
	Name  string // 2026—2027学年第一学期
	Week1 Date   // Monday of 第1周
	Weeks int
}

// Validate checks the term.
func (t Term) Validate() error {
	c := checker{record: "term"}
	c.text("name", t.Name, MaxShort, true, false)
	c.date("week1", t.Week1, true)
	if t.Week1.Valid() && t.Week1.Weekday() != time.Monday {
		c.add(FieldError{Field: "week1", Problem: NotMonday, Value: t.Week1.String()})
	}
	c.rangeInt("weeks", t.Weeks, 1, MaxWeeks)
	return c.err()
}

// known reports whether t is a term, not the zero Term that stands for one not known yet.
func (t Term) known() bool { return t.Weeks > 0 }

// WeekOf returns the week (1-based) that d falls in, and false when d is outside the term.
func (t Term) WeekOf(d Date) (int, bool) {
	days := d.Sub(t.Week1)
	if days < 0 {
		return 0, false
	}
	w := days/7 + 1
	return w, w <= t.Weeks
}

// WeekRange returns the Monday and Sunday of week n.
func (t Term) WeekRange(n int) (Date, Date) {
	mon := t.Week1.AddDays(7 * (n - 1))
	return mon, mon.AddDays(6)
}

// Start is the term's first day; End its last (the Sunday of the last week).
func (t Term) Start() Date { return t.Week1 }

// End is the Sunday of the term's last week.
func (t Term) End() Date { return t.Week1.AddDays(7*t.Weeks - 1) }

// Contains reports whether d falls within the term's weeks.
func (t Term) Contains(d Date) bool { _, ok := t.WeekOf(d); return ok }

// Months lists the calendar months the term's weeks touch, in order.
func (t Term) Months() []Month {
	var ms []Month
	for m := t.Start().MonthOf(); !m.First().After(t.End()); m = m.Next() {
		ms = append(ms, m)
	}
	return ms
}

// ClampWeek returns the week of d within the term: 1 before it starts, the last week after.
func (t Term) ClampWeek(d Date) int {
	if d.Before(t.Week1) {
		return 1
	}
	w, ok := t.WeekOf(d)
	if !ok {
		return t.Weeks
	}
	return w
}

const termCols = "name, week1, weeks, " + recordCols

func scanTerm(sc scanner) (Term, error) {
	var t Term
	rec, fill := recordDest(&t.Record)
	err := sc.Scan(append([]any{&t.Name, dateCol{&t.Week1}, &t.Weeks}, rec...)...)
	fill()
	return t, err
}

// CreateTerm adds a term with its targets: a copy of the previous term's, or the defaults of
// SPEC §2 for a first term.
func (s *Store) CreateTerm(ctx context.Context, t Term) (Term, error) {
	t.Record = Record{}
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.createTerm(ctx, tx, &t) })
	return t, err
}

func (s *Store) createTerm(ctx context.Context, tx dbtx, t *Term) error {
	if err := t.Validate(); err != nil {
		return err
	}
	s.touch(&t.Record)
	if err := s.insertTerm(ctx, tx, *t); err != nil {
		return err
	}
	return s.insertTermTargets(ctx, tx, *t)
}

func (s *Store) insertTerm(ctx context.Context, tx dbtx, t Term) error {
	return putRow(ctx, tx, true, "terms", []string{"name", "week1", "weeks"},
		[]any{t.Name, t.Week1.String(), t.Weeks}, t.Record)
}

// UpdateTerm saves a term's name, first week and length.
func (s *Store) UpdateTerm(ctx context.Context, t Term) (Term, error) {
	if t.ID == "" {
		return t, fmt.Errorf("update term: %w", ErrNotFound)
	}
	if err := t.Validate(); err != nil {
		return t, err
	}
	s.touch(&t.Record)
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		return putRow(ctx, tx, false, "terms", []string{"name", "week1", "weeks"},
			[]any{t.Name, t.Week1.String(), t.Weeks}, t.Record)
	})
	return t, err
}

// Term returns one term.
func (s *Store) Term(ctx context.Context, id string) (Term, error) {
	t, err := scanTerm(s.r.QueryRowContext(ctx, "SELECT "+termCols+" FROM terms WHERE id = ?", id))
	return t, notFound("term", err)
}

// TermByName returns the live term with that name.
func (s *Store) TermByName(ctx context.Context, name string) (Term, error) {
	t, err := scanTerm(s.r.QueryRowContext(ctx, "SELECT "+termCols+" FROM terms WHERE name = ? AND deleted_at IS NULL", name))
	return t, notFound(fmt.Sprintf("term %q", name), err)
}

// Terms returns the live terms, newest first.
func (s *Store) Terms(ctx context.Context) ([]Term, error) {
	return queryAll(ctx, s.r, scanTerm, "SELECT "+termCols+" FROM terms WHERE deleted_at IS NULL ORDER BY week1 DESC")
}

// CurrentTerm returns the term that contains day, else the latest term that started before
// it, else the first one after it. It returns ErrNotFound when there are no terms.
func (s *Store) CurrentTerm(ctx context.Context, day Date) (Term, error) {
	t, err := scanTerm(s.r.QueryRowContext(ctx, "SELECT "+termCols+` FROM terms
		WHERE deleted_at IS NULL AND week1 <= ? ORDER BY week1 DESC LIMIT 1`, day.String()))
	if errors.Is(err, sql.ErrNoRows) {
		t, err = scanTerm(s.r.QueryRowContext(ctx, "SELECT "+termCols+` FROM terms
			WHERE deleted_at IS NULL ORDER BY week1 LIMIT 1`))
	}
	return t, notFound("current term", err)
}
