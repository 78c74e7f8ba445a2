package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// SchedKind says how precisely an activity is scheduled.
type SchedKind string

// An activity is planned on a date, only in a week (第3周), or only in a month (11月份).
const (
	ByDate  SchedKind = "date"
	ByWeek  SchedKind = "week"
	ByMonth SchedKind = "month"
)

// Schedule is when an activity is planned. Exactly one of Date, Week and Month is used,
// as Kind says.
type Schedule struct {
	Kind  SchedKind
	Date  Date
	Week  int
	Month Month
}

// OnDate schedules on a day.
func OnDate(d Date) Schedule { return Schedule{Kind: ByDate, Date: d} }

// InWeek schedules in a week of the term, day not yet fixed.
func InWeek(w int) Schedule { return Schedule{Kind: ByWeek, Week: w} }

// InMonth schedules in a month, week not yet fixed.
func InMonth(m Month) Schedule { return Schedule{Kind: ByMonth, Month: m} }

// Span returns the first and last day the activity may happen on within term t.
func (sc Schedule) Span(t Term) (first, last Date) {
	switch sc.Kind {
	case ByDate:
		return sc.Date, sc.Date
	case ByWeek:
		return t.WeekRange(sc.Week)
	default:
		return sc.Month.First(), sc.Month.Last()
	}
}

// String is a compact, language-neutral form: "2026-11-03", "w3" or "2026-11".
func (sc Schedule) String() string {
	switch sc.Kind {
	case ByDate:
		return sc.Date.String()
	case ByWeek:
		return fmt.Sprintf("w%d", sc.Week)
	case ByMonth:
		return sc.Month.String()
	}
	return ""
}

// check validates the schedule against the term it belongs to: the one field its kind uses
// set, and within the term. A zero term (not known yet: a received record waiting for it)
// checks all that does not depend on the term, a week against the longest term.
func (sc Schedule) check(c *checker, t Term) {
	weeks := t.Weeks
	if !t.known() {
		weeks = MaxWeeks
	}
	switch sc.Kind {
	case ByDate:
		c.date("date", sc.Date, true)
		if sc.Date.Valid() && t.known() && !t.Contains(sc.Date) {
			c.add(FieldError{Field: "date", Problem: BadDate, Value: sc.Date.String()})
		}
	case ByWeek:
		c.rangeInt("week", sc.Week, 1, weeks)
	case ByMonth:
		switch {
		case sc.Month.IsZero() || !sc.Month.First().Valid():
			c.add(FieldError{Field: "month", Problem: BadDate, Value: sc.Month.String()})
		case t.known() && (sc.Month.Last().Before(t.Start()) || sc.Month.First().After(t.End())):
			c.add(FieldError{Field: "month", Problem: BadDate, Value: sc.Month.String()})
		}
	case "":
		c.add(FieldError{Field: "schedule", Problem: Required})
		return
	default:
		c.add(FieldError{Field: "schedule", Problem: BadValue, Value: string(sc.Kind)})
		return
	}
	// A schedule holds one of date, week and month; a stored row with two is not one.
	if sc.Kind != ByDate && !sc.Date.IsZero() {
		c.add(FieldError{Field: "date", Problem: BadValue, Value: sc.Date.String()})
	}
	if sc.Kind != ByWeek && sc.Week != 0 {
		c.add(FieldError{Field: "week", Problem: BadValue, Value: itoa(sc.Week)})
	}
	if sc.Kind != ByMonth && !sc.Month.IsZero() {
		c.add(FieldError{Field: "month", Problem: BadValue, Value: sc.Month.String()})
	}
}

// Status is where an activity stands.
type Status string

// Activity statuses (SPEC §2): 计划, 完成, 延期 (moved, still to do), 取消.
const (
	Planned   Status = "planned"
	Done      Status = "done"
	Postponed Status = "postponed"
	Cancelled Status = "cancelled"
)

// Pending reports whether the activity is still to be done (planned or postponed).
func (s Status) Pending() bool { return s == Planned || s == Postponed }

// Activity is one planned item of the term.
type Activity struct {
	Record
	TermID    string
	TypeID    string
	Title     string
	Subject   string
	HostID    string // the teacher who gives it (speaker, teacher of the lesson); may be ""
	Place     string
	Time      string // "14:00", or ""
	Sched     Schedule
	Status    Status
	DoneOn    Date
	Note      string   // completion note
	SeriesID  string   // shared by one weekly repetition
	SchoolIDs []string // the schools taking part
	Moves     []Move   // earlier schedules, oldest first (filled by Activity, not lists)

	// Proceedings are what the activity left behind (活动留痕). Activity and LoadProceedings
	// fill them, lists do not; saving an activity whose Proceedings are nil leaves the
	// stored ones as they are.
	Proceedings *Proceedings

	// First and Last are the span of days it may happen on (derived from Sched and the term).
	First, Last Date
}

// Move is one postponement: where the activity was before.
type Move struct {
	Record
	ActivityID string
	From       Schedule
	Reason     string
}

// Validate checks a postponement: the schedule it moved from was a whole one of some term.
func (m Move) Validate() error {
	c := checker{record: "move"}
	c.ref("activity", m.ActivityID)
	m.From.check(&c, Term{})
	c.text("reason", m.Reason, MaxNote, false, true)
	return c.err()
}

const moveCols = "activity_id, from_sched, from_date, from_week, from_month, reason, " + recordCols

func scanMove(sc scanner) (Move, error) {
	var m Move
	var week sql.NullInt64
	rec, fill := recordDest(&m.Record)
	err := sc.Scan(append([]any{&m.ActivityID, &m.From.Kind, dateCol{&m.From.Date}, &week, monthCol{&m.From.Month}, &m.Reason}, rec...)...)
	fill()
	m.From.Week = int(week.Int64)
	return m, err
}

// clock is a time of day, "8:00" or "14:30"; compiled when first used, not at every start.
var clock = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([01]?\d|2[0-3]):[0-5]\d$`) })

// Validate checks an activity against its term, its span as derive leaves it. A zero term
// (not known yet) checks all that does not depend on the term.
func (a Activity) Validate(t Term) error {
	c := checker{record: "activity"}
	c.ref("type", a.TypeID)
	c.text("title", a.Title, MaxShort, true, false)
	c.text("subject", a.Subject, MaxName, false, false)
	c.text("place", a.Place, MaxShort, false, false)
	if a.Time != "" && !clock().MatchString(a.Time) {
		c.add(FieldError{Field: "time", Problem: BadValue, Value: a.Time})
	}
	before := len(c.fields)
	a.Sched.check(&c, t)
	if len(c.fields) == before {
		// The span is what the calendar's queries search by; none is longer than a month.
		c.date("first_day", a.First, false)
		c.date("last_day", a.Last, false)
		if a.First.Valid() && a.Last.Valid() && (a.Last.Before(a.First) || a.Last.Sub(a.First) > maxSpan) {
			c.add(FieldError{Field: "last_day", Problem: BadDate, Value: a.Last.String()})
		}
	}
	c.oneOf("status", string(a.Status), string(Planned), string(Done), string(Postponed), string(Cancelled))
	c.date("done_on", a.DoneOn, a.Status == Done)
	c.text("note", a.Note, MaxNote, false, true)
	return c.err()
}

// derive fills what a save computes from the schedule and the term: the span of days.
func (a *Activity) derive(t Term) { a.First, a.Last = a.Sched.Span(t) }

// Overdue reports whether the activity is still pending although its last day has passed.
func (a Activity) Overdue(today Date) bool { return a.Status.Pending() && a.Last.Before(today) }

// Progress counts activities by where they stand on a day: done, still to do in time, or
// overdue. A cancelled activity counts in none. The calendar and the agenda both count
// with it, so a week reads the same on the screen and on the command line.
type Progress struct{ Done, OnTime, Overdue int }

// Add counts a as it stands on today.
func (p *Progress) Add(a Activity, today Date) {
	switch {
	case a.Status == Done:
		p.Done++
	case a.Overdue(today):
		p.Overdue++
	case a.Status.Pending():
		p.OnTime++
	}
}

const activityCols = "term_id, type_id, title, subject, host_id, place, at_time, sched, on_date, week, month, first_day, last_day, status, done_on, note, series_id, " + recordCols

func scanActivity(sc scanner) (Activity, error) {
	var a Activity
	var host, series sql.NullString
	var week sql.NullInt64
	rec, fill := recordDest(&a.Record)
	err := sc.Scan(append([]any{&a.TermID, &a.TypeID, &a.Title, &a.Subject, &host, &a.Place, &a.Time,
		&a.Sched.Kind, dateCol{&a.Sched.Date}, &week, monthCol{&a.Sched.Month}, dateCol{&a.First}, dateCol{&a.Last},
		&a.Status, dateCol{&a.DoneOn}, &a.Note, &series}, rec...)...)
	fill()
	a.HostID, a.SeriesID = host.String, series.String
	a.Sched.Week = int(week.Int64)
	return a, err
}

// schedArgs are the stored schedule columns: sched, on_date, week, month.
func schedArgs(sc Schedule) []any {
	var week, month any
	if sc.Kind == ByWeek {
		week = sc.Week
	}
	if sc.Kind == ByMonth {
		month = sc.Month.String()
	}
	var date any
	if sc.Kind == ByDate {
		date = sc.Date.String()
	}
	return []any{string(sc.Kind), date, week, month}
}

var activityWriteCols = []string{"term_id", "type_id", "title", "subject", "host_id", "place", "at_time",
	"sched", "on_date", "week", "month", "first_day", "last_day", "status", "done_on", "note", "series_id", "deleted_at"}

func activityArgs(a Activity) []any {
	args := []any{a.TermID, a.TypeID, a.Title, a.Subject, nullString(a.HostID), a.Place, a.Time}
	args = append(args, schedArgs(a.Sched)...)
	return append(args, a.First.String(), a.Last.String(), string(a.Status), nullDate(a.DoneOn), a.Note,
		nullString(a.SeriesID), fmtStamp(a.DeletedAt))
}

// prepareActivity validates a against its term (read in tx), checks its references and fills
// the derived span.
func (s *Store) prepareActivity(ctx context.Context, tx dbtx, a *Activity, insert bool) error {
	t, err := scanTerm(tx.QueryRowContext(ctx, "SELECT "+termCols+" FROM terms WHERE id = ? AND deleted_at IS NULL", a.TermID))
	if err != nil {
		if err == sql.ErrNoRows {
			return &InvalidError{Record: "activity", Fields: []FieldError{{Field: "term", Problem: Unknown, Value: a.TermID}}}
		}
		return err
	}
	if a.Status == "" {
		a.Status = Planned
	}
	a.derive(t)
	if err := a.Validate(t); err != nil {
		return err
	}
	if err := checkActivityType(ctx, tx, a, insert); err != nil {
		return err
	}
	if err := mustExist(ctx, tx, "teachers", "host", a.HostID); err != nil {
		return err
	}
	for _, id := range a.SchoolIDs {
		if err := mustExist(ctx, tx, "schools", "schools", id); err != nil {
			return err
		}
	}
	if a.Proceedings != nil {
		if err := checkProceedings(ctx, tx, a.Proceedings); err != nil {
			return err
		}
	}
	return nil
}

// saveProceedings writes a's proceedings when it carries them.
func saveProceedings(ctx context.Context, tx dbtx, a *Activity) error {
	if a.Proceedings == nil {
		return nil
	}
	return writeProceedings(ctx, tx, a.ID, *a.Proceedings)
}

func (s *Store) insertActivity(ctx context.Context, tx dbtx, a *Activity) error {
	if err := s.prepareActivity(ctx, tx, a, true); err != nil {
		return err
	}
	if err := putRow(ctx, tx, true, "activities", activityWriteCols[:len(activityWriteCols)-1],
		activityArgs(*a)[:len(activityWriteCols)-1], a.Record); err != nil {
		return err
	}
	if err := setActivitySchools(ctx, tx, a.ID, a.SchoolIDs); err != nil {
		return err
	}
	return saveProceedings(ctx, tx, a)
}

func setActivitySchools(ctx context.Context, tx dbtx, id string, schools []string) error {
	return setList(ctx, tx, schoolsList, id, schools)
}

// setList replaces the ids a record's list holds.
func setList(ctx context.Context, tx dbtx, l syncList, id string, ids []string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM "+l.table+" WHERE "+l.key+" = ?", id); err != nil {
		return err
	}
	for _, v := range ids {
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO "+l.table+" ("+l.key+", "+l.value+") VALUES (?, ?)", id, v); err != nil {
			return err
		}
	}
	return nil
}

// CreateActivity adds one activity (status planned unless set) and returns it.
func (s *Store) CreateActivity(ctx context.Context, a Activity) (Activity, error) {
	a.Record = Record{}
	s.touch(&a.Record)
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.insertActivity(ctx, tx, &a) })
	return a, err
}

// CreateWeekly makes one activity per week from week `from` to week `to` (inclusive), copying
// a's type, title, host, place and time (三固定: fixed time, place and speaker). When a is
// scheduled on a date, each copy falls on the same weekday of its week; otherwise each is
// scheduled by week. All copies share a series id and are completed one by one.
func (s *Store) CreateWeekly(ctx context.Context, a Activity, from, to int) ([]Activity, error) {
	var out []Activity
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = s.createWeekly(ctx, tx, a, from, to)
		return err
	})
	return out, err
}

func (s *Store) createWeekly(ctx context.Context, tx dbtx, a Activity, from, to int) ([]Activity, error) {
	t, err := scanTerm(tx.QueryRowContext(ctx, "SELECT "+termCols+" FROM terms WHERE id = ? AND deleted_at IS NULL", a.TermID))
	if err == sql.ErrNoRows {
		return nil, &InvalidError{Record: "activity", Fields: []FieldError{{Field: "term", Problem: Unknown, Value: a.TermID}}}
	}
	if err != nil {
		return nil, err
	}
	c := checker{record: "activity"}
	c.rangeInt("from_week", from, 1, t.Weeks)
	c.rangeInt("to_week", to, from, t.Weeks)
	if err := c.err(); err != nil {
		return nil, err
	}
	offset := -1
	if a.Sched.Kind == ByDate {
		w, ok := t.WeekOf(a.Sched.Date)
		if ok {
			mon, _ := t.WeekRange(w)
			offset = a.Sched.Date.Sub(mon)
		}
	}
	series := newID()
	out := make([]Activity, 0, to-from+1)
	for w := from; w <= to; w++ {
		b := a
		b.Record, b.Proceedings = Record{}, nil
		b.SeriesID = series
		b.Status, b.DoneOn, b.Note = Planned, Date{}, ""
		if offset >= 0 {
			mon, _ := t.WeekRange(w)
			b.Sched = OnDate(mon.AddDays(offset))
		} else {
			b.Sched = InWeek(w)
		}
		s.touch(&b.Record)
		if err := s.insertActivity(ctx, tx, &b); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// UpdateActivity saves every field of an existing activity, including its status and
// deletion; it is also how an undo puts back a record as it was. Its schools are replaced.
func (s *Store) UpdateActivity(ctx context.Context, a Activity) (Activity, error) {
	if a.ID == "" {
		return a, fmt.Errorf("update activity: %w", ErrNotFound)
	}
	s.touch(&a.Record)
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		if err := s.prepareActivity(ctx, tx, &a, false); err != nil {
			return err
		}
		if err := putRow(ctx, tx, false, "activities", activityWriteCols, activityArgs(a), a.Record); err != nil {
			return err
		}
		if err := setActivitySchools(ctx, tx, a.ID, a.SchoolIDs); err != nil {
			return err
		}
		return saveProceedings(ctx, tx, &a)
	})
	return a, err
}

// RestoreActivity puts an activity back exactly as prev was (status, schedule, note,
// deletion), and forgets the postponements recorded after prev was saved: the undo of a
// mark-done, postponement, cancellation, edit or deletion.
func (s *Store) RestoreActivity(ctx context.Context, prev Activity) (Activity, error) {
	back, err := s.RevertActivities(ctx, []Activity{prev}, nil)
	if err != nil {
		return prev, err
	}
	return back[0], nil
}

// RevertActivities takes back one action on activities in one transaction: each of prev is
// put back exactly as it was (as RestoreActivity does), and the activities created are
// deleted again (one already gone is left so). A weekly series is undone whole or not at
// all.
func (s *Store) RevertActivities(ctx context.Context, prev []Activity, created []string) ([]Activity, error) {
	back := slices.Clone(prev)
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		for _, id := range created {
			err := s.markDeleted(ctx, tx, KindActivity, id, true)
			if err != nil && !errors.Is(err, ErrNotFound) {
				return err
			}
		}
		for i := range back {
			if err := s.restoreActivity(ctx, tx, &back[i]); err != nil {
				return err
			}
		}
		return nil
	})
	return back, err
}

func (s *Store) restoreActivity(ctx context.Context, tx *sql.Tx, prev *Activity) error {
	s.touch(&prev.Record)
	if err := s.prepareActivity(ctx, tx, prev, false); err != nil {
		return err
	}
	if err := putRow(ctx, tx, false, "activities", activityWriteCols, activityArgs(*prev), prev.Record); err != nil {
		return err
	}
	if err := setActivitySchools(ctx, tx, prev.ID, prev.SchoolIDs); err != nil {
		return err
	}
	if err := saveProceedings(ctx, tx, prev); err != nil {
		return err
	}
	keep := make([]any, 0, len(prev.Moves)+3)
	keep = append(keep, s.stamp(), s.installID, prev.ID)
	q := "UPDATE activity_moves SET deleted_at = ?1, updated_at = ?1, updated_by = ?2 WHERE activity_id = ?3 AND deleted_at IS NULL"
	if len(prev.Moves) > 0 {
		ids := make([]string, len(prev.Moves))
		for i, m := range prev.Moves {
			ids[i] = fmt.Sprintf("?%d", i+4)
			keep = append(keep, m.ID)
		}
		q += " AND id NOT IN (" + strings.Join(ids, ", ") + ")"
	}
	_, err := tx.ExecContext(ctx, q, keep...)
	return err
}

// MarkDone completes an activity on day `on` with an optional note.
func (s *Store) MarkDone(ctx context.Context, id string, on Date, note string) (Activity, error) {
	return s.changeActivity(ctx, id, markDone(on, note))
}

func markDone(on Date, note string) func(*Activity) {
	return func(a *Activity) { a.Status, a.DoneOn, a.Note = Done, on, note }
}

// Reopen sets a done or cancelled activity back to planned.
func (s *Store) Reopen(ctx context.Context, id string) (Activity, error) {
	return s.changeActivity(ctx, id, reopen)
}

func reopen(a *Activity) { a.Status, a.DoneOn = Planned, Date{} }

// Cancel cancels an activity, with an optional note saying why.
func (s *Store) Cancel(ctx context.Context, id, note string) (Activity, error) {
	return s.changeActivity(ctx, id, cancel(note))
}

func cancel(note string) func(*Activity) {
	return func(a *Activity) { a.Status, a.DoneOn, a.Note = Cancelled, Date{}, note }
}

// Postpone moves an activity to a new schedule, keeping where it was before as a Move.
func (s *Store) Postpone(ctx context.Context, id string, to Schedule, reason string) (Activity, error) {
	var a Activity
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var err error
		a, err = s.postpone(ctx, tx, id, to, reason)
		return err
	})
	return a, err
}

func (s *Store) postpone(ctx context.Context, tx dbtx, id string, to Schedule, reason string) (Activity, error) {
	a, err := s.activityTx(ctx, tx, id)
	if err != nil {
		return a, err
	}
	m := Move{ActivityID: a.ID, From: a.Sched, Reason: reason}
	if err := m.Validate(); err != nil {
		return a, err
	}
	s.touch(&m.Record)
	a.Sched, a.Status, a.DoneOn = to, Postponed, Date{}
	s.touch(&a.Record)
	if err := s.prepareActivity(ctx, tx, &a, false); err != nil {
		return a, err
	}
	if err := putRow(ctx, tx, true, "activity_moves",
		[]string{"activity_id", "from_sched", "from_date", "from_week", "from_month", "reason"},
		append(append([]any{a.ID}, schedArgs(m.From)...), m.Reason), m.Record); err != nil {
		return a, err
	}
	a.Moves = append(a.Moves, m)
	return a, putRow(ctx, tx, false, "activities", activityWriteCols, activityArgs(a), a.Record)
}

// changeActivity reads, changes and saves one activity in one transaction.
func (s *Store) changeActivity(ctx context.Context, id string, change func(*Activity)) (Activity, error) {
	var a Activity
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var err error
		a, err = s.changeActivityTx(ctx, tx, id, change)
		return err
	})
	return a, err
}

func (s *Store) changeActivityTx(ctx context.Context, tx dbtx, id string, change func(*Activity)) (Activity, error) {
	a, err := s.activityTx(ctx, tx, id)
	if err != nil {
		return a, err
	}
	change(&a)
	s.touch(&a.Record)
	if err := s.prepareActivity(ctx, tx, &a, false); err != nil {
		return a, err
	}
	if err := putRow(ctx, tx, false, "activities", activityWriteCols, activityArgs(a), a.Record); err != nil {
		return a, err
	}
	return a, saveProceedings(ctx, tx, &a)
}

// Activity returns one activity with its schools, postponements and proceedings.
func (s *Store) Activity(ctx context.Context, id string) (Activity, error) {
	a, err := scanActivity(s.r.QueryRowContext(ctx, "SELECT "+activityCols+" FROM activities WHERE id = ?", id))
	if err != nil {
		return a, notFound("activity", err)
	}
	if err := s.fillActivity(ctx, s.r, &a); err != nil {
		return a, err
	}
	one := []Activity{a}
	if err := loadProceedings(ctx, s.r, one, " WHERE a.id = ?", id); err != nil {
		return a, err
	}
	return one[0], nil
}

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func (s *Store) activityTx(ctx context.Context, tx dbtx, id string) (Activity, error) {
	a, err := scanActivity(tx.QueryRowContext(ctx, "SELECT "+activityCols+" FROM activities WHERE id = ? AND deleted_at IS NULL", id))
	if err != nil {
		return a, notFound("activity", err)
	}
	return a, s.fillActivity(ctx, tx, &a)
}

func (s *Store) fillActivity(ctx context.Context, q querier, a *Activity) error {
	rows, err := q.QueryContext(ctx, "SELECT school_id FROM activity_schools WHERE activity_id = ? ORDER BY school_id", a.ID)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return mapErr(err)
		}
		a.SchoolIDs = append(a.SchoolIDs, id)
	}
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}
	mrows, err := q.QueryContext(ctx, `SELECT `+moveCols+`
		FROM activity_moves WHERE activity_id = ? AND deleted_at IS NULL ORDER BY created_at, id`, a.ID)
	if err != nil {
		return mapErr(err)
	}
	defer mrows.Close()
	for mrows.Next() {
		m, err := scanMove(mrows)
		if err != nil {
			return mapErr(err)
		}
		a.Moves = append(a.Moves, m)
	}
	return mapErr(mrows.Err())
}

// Activities returns the live activities of a term whose span overlaps from..to (both
// inclusive; zero dates mean open-ended), ordered by first day, time and title, with their
// schools (not their postponements).
func (s *Store) Activities(ctx context.Context, termID string, from, to Date) ([]Activity, error) {
	where, args := activitiesWhere(termID, from, to)
	acts, err := queryAll(ctx, s.r, scanActivity, "SELECT "+activityCols+" FROM activities a"+where+activitiesOrder, args...)
	if err != nil || len(acts) == 0 {
		return acts, err
	}
	// The schools of all of them in one query, not one per row.
	idx := make(map[string]int, len(acts))
	for i, a := range acts {
		idx[a.ID] = i
	}
	rows, err := s.r.QueryContext(ctx, activitySchoolsQuery+where, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var aid, sid string
		if err := rows.Scan(&aid, &sid); err != nil {
			return nil, mapErr(err)
		}
		if i, ok := idx[aid]; ok {
			acts[i].SchoolIDs = append(acts[i].SchoolIDs, sid)
		}
	}
	return acts, mapErr(rows.Err())
}

// maxSpan is the most days an activity's span runs past its first day: a month-only one
// spans its whole month.
const maxSpan = 30

// activitiesWhere selects a term's live activities (as a) that overlap from..to. The span
// overlaps when it starts by `to` and ends from `from` on; since no span is longer than a
// month, it also starts at most maxSpan days before `from`, which turns the search into a
// range of activities_by_term_day instead of every activity since the term began.
func activitiesWhere(termID string, from, to Date) (string, []any) {
	where := " WHERE a.term_id = ? AND a.deleted_at IS NULL"
	args := []any{termID}
	if !to.IsZero() {
		where += " AND a.first_day <= ?"
		args = append(args, to.String())
	}
	if !from.IsZero() {
		where += " AND a.first_day >= ? AND a.last_day >= ?"
		args = append(args, from.AddDays(-maxSpan).String(), from.String())
	}
	return where, args
}

const (
	activitiesOrder      = " ORDER BY a.first_day, a.sched, a.at_time, a.title"
	activitySchoolsQuery = "SELECT s.activity_id, s.school_id FROM activities a JOIN activity_schools s ON s.activity_id = a.id"
)
