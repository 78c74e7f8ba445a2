package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"time"
)

// A received record is held to what termbook holds typed input to, by the same code: its row
// is scanned into the record's domain type by the scan helper that reads it from the
// database, strictly (a flag is 0 or 1, a date a real day, a number of the right kind), and
// the type's Validate checks it. What a save derives (an activity's span, an observation's
// week) must be what this termbook derives. Around that, every received row's bookkeeping is
// checked: well-formed ids, a change that does not claim to be this machine's, and a date
// that is not far in this machine's future.
//
// A record kind joins the exchange with its table in syncTables and, as its receive, the
// scan helper and column list of its type: validated(handinCols, scanHandin) for a type with
// Validate() error. A kind that belongs to a term has Validate(Term) instead, implements
// termRecord and calls checkInTerm, as receiveActivity does. The tests hold a new kind to all
// of it: everyKind must make one (TestEveryColumnReceived says so), its scan must read every
// column it travels in, and an escape sequence or a value of the wrong kind in any of them
// must be refused (TestHostileValuesRefused).
//
// A column that joins a kind already exchanged goes in its table's cols (or textCols), with a
// name in ui/i18n (TestExchangedColumnsNamed); since a file of an older format does not carry
// it, it goes in the table's added too, with the value a record new here takes, and the
// exchange format's version goes up. A record of such a file is checked with that value and
// merged keeping what is held here (placing it fills its row first: withLocal, withDefaults).

// RecordError is a received record that fails its checks. It matches ErrInvalid.
type RecordError struct {
	Table string // the exchanged table, "teachers"
	ID    string // the record's id, made safe to show
	Err   *InvalidError
}

func (e *RecordError) Error() string { return fmt.Sprintf("%s %s: %v", e.Table, e.ID, e.Err) }

// Unwrap gives the field errors.
func (e *RecordError) Unwrap() error { return e.Err }

// How far a received change may lie after this machine's clock. A partner's clock a few days
// or months wrong is common (a flat BIOS battery, a year typed wrong) and its records are
// taken as dated, the summary saying so; a change dated more than a year ahead is refused,
// for it would win every edit made here for that long (a file from the year 9999, forever).
const (
	aheadNoted   = 24 * time.Hour
	aheadRefused = 365 * 24 * time.Hour
)

// receiveFunc scans a received row into its record's type and validates it.
type receiveFunc func(r receivedRow, in *receiving) error

// termLookup finds a term by id; the zero Term when it is not known.
type termLookup func(id string) (Term, error)

// validated is the receive of a record type read by scan from the columns cols (its scan
// helper's list, "name, short_name, …, "+recordCols) and checked by its Validate.
func validated[T interface{ Validate() error }](cols string, scan func(scanner) (T, error)) receiveFunc {
	names := strings.Split(cols, ", ")
	return func(r receivedRow, _ *receiving) error {
		v, err := scan(r.reading(names))
		if err != nil {
			return err
		}
		return v.Validate()
	}
}

var activityNames = strings.Split(activityCols, ", ")

// receiveActivity reads an activity with its schools and what it left behind, and checks
// them: the proceedings by their Validate, the activity against its term.
func receiveActivity(r receivedRow, in *receiving) error {
	a, err := scanActivity(r.reading(activityNames))
	if err != nil {
		return err
	}
	a.SchoolIDs, _ = r.value(SchoolsColumn).([]string)
	p, err := scanProceedings(r.reading(r.t.textCols))
	if err != nil {
		return err
	}
	p.Attendees, _ = r.value(AttendeesColumn).([]string)
	files, ok := r.value(FilesColumn).(string)
	if p.Files, err = parseFiles(files); !ok || err != nil {
		return FieldError{Field: FilesColumn, Problem: BadValue, Value: shown(fmt.Sprint(r.value(FilesColumn)))}
	}
	if err := p.Validate(); err != nil {
		return err
	}
	return checkInTerm(a, a.TermID, in.termOf)
}

// termRecord is a record that belongs to a term: checked against it, and holding what a
// save derives from it.
type termRecord interface {
	Validate(Term) error
	derivedFrom(Term) *FieldError // the first derived field that is not what t gives, or nil
}

// checkInTerm checks v against the term of that id, if it is known.
func checkInTerm(v termRecord, termID string, termOf termLookup) error {
	t, err := termOf(termID)
	if err != nil {
		return err
	}
	if err := v.Validate(t); err != nil || !t.known() {
		return err
	}
	if f := v.derivedFrom(t); f != nil {
		return *f
	}
	return nil
}

func (a Activity) derivedFrom(t Term) *FieldError {
	want := a
	want.derive(t)
	if want.First != a.First || want.Last != a.Last {
		return &FieldError{Field: "first_day", Problem: BadDate, Value: a.First.String()}
	}
	return nil
}

// derivedFrom holds the week to the term; the total and grade Validate holds to the rubric.
func (o Observation) derivedFrom(t Term) *FieldError {
	want := o
	want.derive(t)
	if want.Week != o.Week {
		return &FieldError{Field: "week", Problem: BadValue, Value: itoa(o.Week)}
	}
	return nil
}

var observationNames = strings.Split(observationCols, ", ")

// receiveObservation reads an observation with the rubric it was scored with and its texts,
// and checks it against its term.
func receiveObservation(r receivedRow, in *receiving) error {
	spec, ok := r.value(rubricColumn).(string)
	if !ok {
		return FieldError{Field: rubricColumn, Problem: Required}
	}
	id := snapshotID([]byte(spec))
	r.virtual = map[string]any{"rubric_id": id}
	row, err := scanObservationRow(r.reading(observationNames))
	if err != nil {
		return err
	}
	o := row.Observation
	if o.Rubric, err = in.rubric(id, spec); err != nil {
		return FieldError{Field: rubricColumn, Problem: BadValue, Value: shown(spec)}
	}
	tx := &o.Texts
	err = r.reading(r.t.textCols).Scan(&tx.Process, &tx.Comments, &tx.Highlights, &tx.Problems, &tx.Suggestions, &tx.Overall)
	if err != nil {
		return err
	}
	return checkInTerm(o, o.TermID, in.termOf)
}

// receivedRow is a received record as the scan helpers read a row: Scan hands each
// destination the value of the column of that name. It converts as strictly as a STRICT
// table stores and a scan reads: text only into text, a whole number that fits 32 bits into
// an integer, 0 or 1 into a flag, a real day into a date. What does not fit is a FieldError
// naming the column.
type receivedRow struct {
	t       syncTable
	row     SyncRow
	cols    []string       // the exchanged columns, t.columns()
	virtual map[string]any // columns a scan reads that the row carries in another form
	names   []string       // the columns the next Scan reads, in order
	read    []bool         // per exchanged column, whether a scan read it (for tests); or nil
}

// reading returns r set to scan the named columns.
func (r receivedRow) reading(names []string) receivedRow {
	r.names = names
	return r
}

// value is the value of the exchanged column named col, nil when there is none.
func (r receivedRow) value(col string) any {
	for i, c := range r.cols {
		if c == col {
			if r.read != nil {
				r.read[i] = true
			}
			return r.row[i]
		}
	}
	if v, ok := r.virtual[col]; ok {
		return v
	}
	return nil
}

// Scan implements scanner.
func (r receivedRow) Scan(dest ...any) error {
	if len(dest) != len(r.names) {
		return fmt.Errorf("%s: %d destinations for %d columns: %w", r.t.name, len(dest), len(r.names), ErrBadRecord)
	}
	for i, d := range dest {
		if err := assign(d, r.value(r.names[i])); err != nil {
			var fe FieldError
			if errors.As(err, &fe) {
				fe.Field = r.names[i]
				return fe
			}
			return fmt.Errorf("%s.%s: %w", r.t.name, r.names[i], err)
		}
	}
	return nil
}

// assign stores a received value v in the scan destination d, or says why it does not fit.
func assign(d any, v any) error {
	bad := func(p Problem) error { return FieldError{Problem: p, Value: shown(fmt.Sprint(v))} }
	switch d := d.(type) {
	case dateCol:
		day, err := receivedDay(v, ParseDate)
		if err != nil || (!day.IsZero() && !day.Valid()) {
			return bad(BadDate)
		}
		*d.d = day
		return nil
	case monthCol:
		m, err := receivedDay(v, ParseMonth)
		if err != nil || (!m.IsZero() && !m.First().Valid()) {
			return bad(BadDate)
		}
		*d.m = m
		return nil
	case *sql.NullString:
		*d = sql.NullString{}
		if v == nil {
			return nil
		}
		d.Valid = true
		return assign(&d.String, v)
	case *sql.NullInt64:
		*d = sql.NullInt64{}
		if v == nil {
			return nil
		}
		d.Valid = true
		return assign(&d.Int64, v)
	}
	if v == nil {
		return FieldError{Problem: Required}
	}
	// The destination's kind, so that the named types (Status, Metric …) are text too.
	rv := reflect.ValueOf(d).Elem()
	switch rv.Kind() {
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return bad(BadValue)
		}
		rv.SetString(s)
	case reflect.Bool:
		n, ok := v.(int64)
		if !ok || (n != 0 && n != 1) {
			return bad(BadValue)
		}
		rv.SetBool(n == 1)
	case reflect.Int, reflect.Int64:
		n, ok := v.(int64)
		if !ok || n < math.MinInt32 || n > math.MaxInt32 {
			return bad(BadValue)
		}
		rv.SetInt(n)
	case reflect.Float64:
		switch n := v.(type) {
		case int64:
			rv.SetFloat(float64(n))
		case float64:
			if math.IsNaN(n) || math.IsInf(n, 0) {
				return bad(BadValue)
			}
			rv.SetFloat(n)
		default:
			return bad(BadValue)
		}
	default:
		return fmt.Errorf("cannot scan into %T", d)
	}
	return nil
}

// receivedDay parses a received date or month: NULL and "" are none.
func receivedDay[T any](v any, parse func(string) (T, error)) (T, error) {
	var zero T
	if v == nil {
		return zero, nil
	}
	s, ok := v.(string)
	if !ok {
		return zero, ErrBadRecord
	}
	if s == "" {
		return zero, nil
	}
	return parse(s)
}

// receiving is what the records of one change set are checked against, and what their
// checks share.
type receiving struct {
	self    string     // this installation
	now     time.Time  // this machine's clock
	termOf  termLookup // the term a record belongs to
	rubrics map[string]RubricSpec
}

// rubric reads the rubric spec of snapshot id; a change set scores its observations with a
// handful, read once each.
func (in *receiving) rubric(id, spec string) (RubricSpec, error) {
	if r, ok := in.rubrics[id]; ok {
		return r, nil
	}
	var r RubricSpec
	if err := json.Unmarshal([]byte(spec), &r); err != nil {
		return r, err
	}
	if in.rubrics == nil {
		in.rubrics = map[string]RubricSpec{}
	}
	in.rubrics[id] = r
	return r, nil
}

// checkReceived checks a received row whose shape check has passed: its bookkeeping, its
// references' form, and its content through its type. It returns a *RecordError naming the
// record and every field that fails, or an ErrBadRecord for a row no type can hold.
func (t syncTable) checkReceived(r SyncRow, in *receiving) error {
	cols := t.columns()
	var fields []FieldError
	record := t.record
	err := t.receive(receivedRow{t: t, row: r, cols: cols}, in)
	var inv *InvalidError
	var fe FieldError
	switch {
	case err == nil:
	case errors.As(err, &inv):
		record, fields = inv.Record, inv.Fields
	case errors.As(err, &fe):
		fields = []FieldError{fe}
	default:
		return fmt.Errorf("%s %s: %w: %v", t.name, shown(r.str(colID)), ErrBadRecord, err)
	}
	c := checker{record: record, fields: fields}
	in.checkBookkeeping(&c, r)
	for i, col := range cols {
		named := slices.ContainsFunc(c.fields, func(f FieldError) bool { return f.Field == col })
		if col != "id" && strings.HasSuffix(col, "_id") && r[i] != nil && !named && !ValidID(r.str(i)) {
			c.add(FieldError{Field: col, Problem: BadValue, Value: fmt.Sprint(r[i])})
		}
	}
	for _, l := range t.lists {
		ids, _ := r[t.at(l.column)].([]string)
		for i, id := range ids {
			switch {
			case !ValidID(id):
				c.add(FieldError{Field: l.column, Problem: BadValue, Value: id})
			case slices.Contains(ids[:i], id):
				c.add(FieldError{Field: l.column, Problem: Duplicate, Value: id})
			}
		}
	}
	if err := c.err(); err != nil {
		return &RecordError{Table: t.name, ID: shown(r.str(colID)), Err: err.(*InvalidError)}
	}
	return nil
}

// checkBookkeeping checks the record columns: a well-formed id; a change made by another
// installation, never this one or the built-in records (this machine never sent it the one,
// and nobody sends the other); and no date more than aheadRefused after this machine's clock.
func (in *receiving) checkBookkeeping(c *checker, r SyncRow) {
	if id := r.str(colID); !ValidID(id) {
		c.add(FieldError{Field: "id", Problem: BadValue, Value: id})
	}
	switch by := r.str(colUpdatedBy); {
	case by == in.self:
		c.add(FieldError{Field: "updated_by", Problem: ThisMachine, Value: by})
	case by == Builtin || !ValidID(by):
		c.add(FieldError{Field: "updated_by", Problem: BadValue, Value: by})
	}
	for _, col := range []struct {
		name string
		i    int
	}{{"created_at", colCreatedAt}, {"updated_at", colUpdatedAt}, {"deleted_at", colDeletedAt}} {
		at, err := time.Parse(stamp, r.str(col.i))
		if err == nil && at.Sub(in.now) > aheadRefused {
			c.add(FieldError{Field: col.name, Problem: Future, Value: at.Format(time.DateOnly)})
		}
	}
}

// ahead reports whether a received change is dated noticeably after this machine's clock.
func (in *receiving) ahead(r SyncRow) bool {
	at, err := time.Parse(stamp, r.str(colUpdatedAt))
	return err == nil && at.Sub(in.now) > aheadNoted
}

// RecordCheck checks the records of a change set as they are read, before any is merged, as
// Merge checks them: the file is refused whole, before a backup is taken, when one fails. It
// knows this database's terms and those the change set brings, so an activity or an
// observation is checked against its term; one whose term is neither here nor in the set yet
// is checked for all that does not depend on it, and in full when it is merged.
type RecordCheck struct {
	in     receiving
	terms  map[string]SyncRow // the version of each term that a merge would keep
	parsed map[string]Term    // those read so far
}

// NewRecordCheck prepares the check of one change set.
func (s *Store) NewRecordCheck(ctx context.Context) (*RecordCheck, error) {
	rc := &RecordCheck{in: receiving{self: s.installID, now: s.Now()}, terms: map[string]SyncRow{}, parsed: map[string]Term{}}
	rc.in.termOf = rc.term
	t, _ := syncTableNamed("terms")
	rows, err := s.r.QueryContext(ctx, t.selectSQL())
	if err != nil {
		return nil, fmt.Errorf("check records: %w", mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		r, err := t.scanRow(rows)
		if err != nil {
			return nil, fmt.Errorf("check records: %w", mapErr(err))
		}
		rc.terms[r.str(colID)] = r
	}
	return rc, mapErr(rows.Err())
}

// Check checks one record of table as read from a change set: its shape, then as Merge will.
// It returns a *RecordError for a record that fails, an ErrBadRecord for one of the wrong
// shape.
func (rc *RecordCheck) Check(table string, r SyncRow) error {
	t, ok := syncTableNamed(table)
	if !ok {
		return fmt.Errorf("table %q: %w", table, ErrBadRecord)
	}
	if err := t.check(r); err != nil {
		return err
	}
	// A column an older file does not carry is checked as a record new here takes it; a
	// merge fills it with what is held here, which passed when it was saved.
	if err := t.checkReceived(r.withDefaults(t), &rc.in); err != nil {
		return err
	}
	if id := r.str(colID); t.name == "terms" {
		if prev, ok := rc.terms[id]; !ok || compareVersions(r, prev) > 0 {
			rc.terms[id] = r
			delete(rc.parsed, id)
		}
	}
	return nil
}

// term is the term of that id as a merge of the set would leave it.
func (rc *RecordCheck) term(id string) (Term, error) {
	if t, ok := rc.parsed[id]; ok {
		return t, nil
	}
	r, ok := rc.terms[id]
	if !ok {
		return Term{}, nil
	}
	t, err := receivedTerm(r)
	if err == nil {
		rc.parsed[id] = t
	}
	return t, err
}

// receivedTerm reads a term's exchanged row.
func receivedTerm(r SyncRow) (Term, error) {
	t, _ := syncTableNamed("terms")
	return scanTerm(receivedRow{t: t, row: r, cols: t.columns(), names: termNames})
}

var termNames = strings.Split(termCols, ", ")
