package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Observation is one observed lesson (听课记录): the page of the paper 听课本.
type Observation struct {
	Record
	TermID     string
	ActivityID string // the calendar activity it came from, or ""
	SchoolID   string // may be the paired school
	TeacherID  string // who taught
	ObserverID string // who observed
	Subject    string
	ClassName  string // 三年级(2)班
	Topic      string // 课题
	LessonType string // 新授/复习/练习/实验/…
	Kind       string // 公开课/汇报课/常态课/…
	On         Date
	Week       int    // derived from On and the term
	Period     int    // 节次, 0 when not given
	LessonNo   int    // 课时: which lesson of the topic (第2课时), 0 when not given
	Unit       string // 教材/单元: 人教版三年级上册第二单元

	// RubricID is the rubric picked for it (Rubric), "" for observations scored before
	// rubrics were picked. A new observation without one, and without a spec, gets its
	// subject's rubric, else the school's default (RubricFor).
	RubricID  string
	Rubric    RubricSpec // the copy it was scored with
	GradeOnly bool       // scored 优/良/中/差 per dimension instead of points
	Scores    []float64  // one per dimension (points mode)
	Grades    []string   // one per dimension (grade-only mode)
	Total     float64    // computed on save
	Grade     string     // computed on save

	Texts    ObservationTexts // loaded by Observation, not by lists
	FollowUp FollowUp         // the one follow-up action; empty Action for none

	// Closing lists earlier follow-up actions of the same teacher that this observation
	// closes, on its date, in the same transaction as it is saved. Not stored with it.
	Closing []FollowUpClosing
}

// FollowUpClosing closes one earlier follow-up action with a note.
type FollowUpClosing struct {
	ID   string
	Note string
}

// ObservationTexts are an observation's long texts, stored apart from its row.
type ObservationTexts struct {
	Process     string // 教学过程实录
	Comments    string // 随堂点评
	Highlights  string // 亮点
	Problems    string // 存在问题
	Suggestions string // 改进建议
	Overall     string // 总评: the observer's overall judgement, on the printed form
}

// FollowUp is an action agreed after an observation, shown on the teacher's next observation
// until it is closed.
type FollowUp struct {
	Record
	ObservationID string
	TeacherID     string
	Action        string
	Due           Date
	ClosedOn      Date
	ClosedNote    string
	ObservedOn    Date // the day of the observation it came from; filled by OpenFollowUps
}

// Open reports whether the action still waits to be closed.
func (f FollowUp) Open() bool { return f.Action != "" && f.ClosedOn.IsZero() }

// Validate checks the action as it is stored: an observation's form saves it, and closing it
// adds the day and a note.
func (f FollowUp) Validate() error {
	c := checker{record: "followup"}
	c.ref("observation", f.ObservationID)
	c.ref("teacher", f.TeacherID)
	f.check(&c)
	checkClosing(&c, f.ClosedOn, f.ClosedNote, false)
	return c.err()
}

// checkClosing checks how an action was closed: the day (required when closing it) and the
// note.
func checkClosing(c *checker, on Date, note string, required bool) {
	c.date("closed_on", on, required)
	c.text("closed_note", note, MaxNote, false, true)
}

// check checks what the observation's form holds of the action.
func (f FollowUp) check(c *checker) {
	c.text("followup", f.Action, MaxNote, false, true)
	c.date("followup_due", f.Due, false)
}

// Lesson types and observation kinds offered by pickers (free text is allowed too).
var (
	LessonTypes      = []string{"新授", "复习", "练习", "实验", "讲评", "活动"}
	ObservationKinds = []string{"常态课", "公开课", "汇报课", "示范课", "过关课", "研讨课", "送教课"}
)

// gradeShare is the share of a dimension's points that a grade-only mark stands for, so a
// grade-only observation still has a total comparable with scored ones.
var gradeShare = map[string]float64{GradeExcellent: 0.95, GradeGood: 0.85, GradeFair: 0.70, GradePoor: 0.50}

// Score computes Total and Grade from the scores (or grades) and the rubric copy.
func (o *Observation) Score() {
	var total float64
	for i, d := range o.Rubric.Dimensions {
		switch {
		case o.GradeOnly && i < len(o.Grades):
			total += d.Max * gradeShare[o.Grades[i]]
		case !o.GradeOnly && i < len(o.Scores):
			total += o.Scores[i]
		}
	}
	o.Total = math.Round(total*10) / 10
	o.Grade = ""
	if o.scored() {
		o.Grade = o.Rubric.GradeFor(o.Total)
	}
}

// scored reports whether any dimension has a mark.
func (o Observation) scored() bool {
	if o.GradeOnly {
		for _, g := range o.Grades {
			if g != "" {
				return true
			}
		}
		return false
	}
	return len(o.Scores) > 0
}

// Validate checks an observation against its term, its week, total and grade as derive
// leaves them. A zero term (not known yet) checks all that does not depend on the term.
func (o Observation) Validate(t Term) error {
	c := checker{record: "observation"}
	c.ref("school", o.SchoolID)
	c.ref("teacher", o.TeacherID)
	c.ref("observer", o.ObserverID)
	c.text("subject", o.Subject, MaxName, false, false)
	c.text("class", o.ClassName, MaxName, false, false)
	c.text("topic", o.Topic, MaxShort, false, false)
	c.text("lesson_type", o.LessonType, MaxName, false, false)
	c.text("kind", o.Kind, MaxName, false, false)
	c.date("date", o.On, true)
	weeks := MaxWeeks
	if t.known() {
		weeks = t.Weeks
		if o.On.Valid() && !t.Contains(o.On) {
			c.add(FieldError{Field: "date", Problem: BadDate, Value: o.On.String()})
		}
	}
	c.rangeInt("week", o.Week, 0, weeks) // 0 until derived
	c.rangeInt("period", o.Period, 0, 12)
	c.rangeInt("lesson_no", o.LessonNo, 0, MaxLessonNo)
	c.text("unit", o.Unit, MaxShort, false, false)
	if o.RubricID != "" && !ValidID(o.RubricID) {
		c.add(FieldError{Field: "rubric_ref", Problem: BadValue, Value: o.RubricID})
	}
	// Scores are judged by the rubric they were given with: a rubric that fails cannot judge.
	if err := o.Rubric.Validate(); err != nil {
		c.fields = append(c.fields, err.(*InvalidError).Fields...)
	} else {
		o.checkScores(&c)
	}
	c.text("process", o.Texts.Process, MaxLong, false, true)
	c.text("comments", o.Texts.Comments, MaxLong, false, true)
	c.text("highlights", o.Texts.Highlights, MaxNote, false, true)
	c.text("problems", o.Texts.Problems, MaxNote, false, true)
	c.text("suggestions", o.Texts.Suggestions, MaxNote, false, true)
	c.text("overall", o.Texts.Overall, MaxNote, false, true)
	o.FollowUp.check(&c)
	for _, cl := range o.Closing {
		c.ref("followup", cl.ID)
		c.text("closed_note", cl.Note, MaxNote, false, true)
	}
	if err := c.err(); err != nil {
		return err
	}
	// The total and grade as Score leaves them; a partner's release may round or weigh
	// grades differently, so they are held to what any scoring of this rubric gives.
	if math.IsNaN(o.Total) || o.Total < 0 || o.Total > o.Rubric.Total() {
		c.add(FieldError{Field: "total", Problem: OutOfRange, Min: 0, Max: int(o.Rubric.Total()), Value: fmt.Sprint(o.Total)})
	}
	if o.Grade != "" && !slices.ContainsFunc(o.Rubric.Bands, func(b Band) bool { return b.Grade == o.Grade }) {
		c.add(FieldError{Field: "grade", Problem: BadValue, Value: o.Grade})
	}
	return c.err()
}

// checkScores checks the scores (or grades) against the rubric, a valid one.
func (o Observation) checkScores(c *checker) {
	dims := o.Rubric.Dimensions
	if o.GradeOnly {
		if len(o.Grades) > len(dims) {
			c.add(FieldError{Field: "scores", Problem: OutOfRange, Max: len(dims), Value: itoa(len(o.Grades))})
		}
		for _, g := range o.Grades {
			if _, ok := gradeShare[g]; !ok && g != "" {
				c.add(FieldError{Field: "scores", Problem: BadValue, Value: g})
			}
		}
		return
	}
	if len(o.Scores) > len(dims) {
		c.add(FieldError{Field: "scores", Problem: OutOfRange, Max: len(dims), Value: itoa(len(o.Scores))})
	}
	for i, sc := range o.Scores {
		if i < len(dims) && (sc < 0 || sc > dims[i].Max || math.IsNaN(sc)) {
			c.add(FieldError{Field: "score:" + dims[i].Name, Problem: OutOfRange, Min: 0, Max: int(dims[i].Max), Value: fmt.Sprint(sc)})
		}
	}
}

// derive fills what a save computes: the week of the date in the term, the total and the
// grade.
func (o *Observation) derive(t Term) {
	o.Week = 0
	if w, ok := t.WeekOf(o.On); ok {
		o.Week = w
	}
	o.Score()
}

// MaxLessonNo is the highest 课时 a lesson can be.
const MaxLessonNo = 20

const observationCols = "term_id, activity_id, school_id, teacher_id, observer_id, subject, class_name, topic, lesson_type, kind, observed_on, week, period, lesson_no, unit, rubric_ref, rubric_id, scores, grade_only, total, grade, " + recordCols

// observationRow is an observation as its row holds it: the rubric only by its snapshot's id.
type observationRow struct {
	Observation
	rubricID string
}

// scanObservationRow reads observationCols; fillRubrics then puts in the rubrics.
func scanObservationRow(sc scanner) (observationRow, error) {
	var r observationRow
	o := &r.Observation
	var activity, rubricRef sql.NullString
	var scores string
	rec, fill := recordDest(&o.Record)
	err := sc.Scan(append([]any{&o.TermID, &activity, &o.SchoolID, &o.TeacherID, &o.ObserverID, &o.Subject,
		&o.ClassName, &o.Topic, &o.LessonType, &o.Kind, dateCol{&o.On}, &o.Week, &o.Period, &o.LessonNo, &o.Unit, &rubricRef,
		&r.rubricID, &scores, &o.GradeOnly, &o.Total, &o.Grade}, rec...)...)
	if err != nil {
		return r, err
	}
	fill()
	o.ActivityID, o.RubricID = activity.String, rubricRef.String
	if o.GradeOnly {
		err = json.Unmarshal([]byte(scores), &o.Grades)
	} else {
		err = json.Unmarshal([]byte(scores), &o.Scores)
	}
	if err != nil {
		return r, fmt.Errorf("observation %s: %w: %w", o.ID, ErrDamaged, FieldError{Field: "scores", Problem: BadValue, Value: shown(scores)})
	}
	return r, nil
}

// queryObservations runs a query for observationCols and returns the observations with their
// rubrics.
func (s *Store) queryObservations(ctx context.Context, q string, args ...any) ([]Observation, error) {
	rows, err := queryAll(ctx, s.r, scanObservationRow, q, args...)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.rubricID
	}
	specs, err := s.rubricSnapshots(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Observation, len(rows))
	for i, r := range rows {
		out[i] = r.Observation
		out[i].Rubric = specs[r.rubricID].clone()
	}
	return out, nil
}

var observationWriteCols = []string{"term_id", "activity_id", "school_id", "teacher_id", "observer_id", "subject",
	"class_name", "topic", "lesson_type", "kind", "observed_on", "week", "period", "lesson_no", "unit", "rubric_ref",
	"rubric_id", "scores", "grade_only", "total", "grade"}

func observationArgs(o Observation, rubricID string) ([]any, error) {
	var scores []byte
	var err error
	if o.GradeOnly {
		scores, err = json.Marshal(nonNil(o.Grades))
	} else {
		scores, err = json.Marshal(nonNil(o.Scores))
	}
	if err != nil {
		return nil, err
	}
	return []any{o.TermID, nullString(o.ActivityID), o.SchoolID, o.TeacherID, o.ObserverID, o.Subject, o.ClassName,
		o.Topic, o.LessonType, o.Kind, o.On.String(), o.Week, o.Period, o.LessonNo, o.Unit, nullString(o.RubricID),
		rubricID, string(scores), o.GradeOnly, o.Total, o.Grade}, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// prepareObservation validates o against its term, fills the rubric, week and score, and
// checks its references.
func (s *Store) prepareObservation(ctx context.Context, tx dbtx, o *Observation, insert bool) error {
	t, err := scanTerm(tx.QueryRowContext(ctx, "SELECT "+termCols+" FROM terms WHERE id = ? AND deleted_at IS NULL", o.TermID))
	if err != nil {
		if err == sql.ErrNoRows {
			return &InvalidError{Record: "observation", Fields: []FieldError{{Field: "term", Problem: Unknown, Value: o.TermID}}}
		}
		return err
	}
	if err := pickRubric(ctx, tx, o, insert); err != nil {
		return err
	}
	o.derive(t)
	if err := o.Validate(t); err != nil {
		return err
	}
	for _, ref := range []struct{ table, field, id string }{
		{"schools", "school", o.SchoolID}, {"teachers", "teacher", o.TeacherID},
		{"teachers", "observer", o.ObserverID}, {"activities", "activity", o.ActivityID},
	} {
		if err := mustExist(ctx, tx, ref.table, ref.field, ref.id); err != nil {
			return err
		}
	}
	return nil
}

// pickRubric fills an observation's rubric: the one it names (which a new observation, or
// one that changes rubric, may not take once retired), else its subject's, else the
// school's default. A spec already given is the copy it is scored with and stays.
func pickRubric(ctx context.Context, tx dbtx, o *Observation, insert bool) error {
	var r Rubric
	var err error
	if o.RubricID == "" {
		if len(o.Rubric.Dimensions) > 0 {
			return nil
		}
		r, err = scanRubric(tx.QueryRowContext(ctx, rubricForQuery, strings.TrimSpace(o.Subject)))
		if errors.Is(err, sql.ErrNoRows) {
			o.Rubric = DefaultRubricSpec()
			return nil
		}
	} else {
		r, err = scanRubric(tx.QueryRowContext(ctx, "SELECT "+rubricCols+" FROM rubrics WHERE id = ?", o.RubricID))
		if errors.Is(err, sql.ErrNoRows) {
			return &InvalidError{Record: "observation", Fields: []FieldError{{Field: "rubric", Problem: Unknown, Value: o.RubricID}}}
		}
	}
	if err != nil {
		return err
	}
	if !r.Active || r.Deleted() {
		changed := insert
		if !insert {
			var had sql.NullString
			if err := tx.QueryRowContext(ctx, "SELECT rubric_ref FROM observations WHERE id = ?", o.ID).Scan(&had); err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			changed = had.String != r.ID
		}
		if changed {
			return &InvalidError{Record: "observation", Fields: []FieldError{{Field: "rubric", Problem: Retired, Value: r.Name}}}
		}
	}
	o.RubricID = r.ID
	if len(o.Rubric.Dimensions) == 0 {
		o.Rubric = r.Spec.clone()
	}
	return nil
}

func (s *Store) writeObservation(ctx context.Context, tx dbtx, o *Observation, insert bool) error {
	if err := s.prepareObservation(ctx, tx, o, insert); err != nil {
		return err
	}
	rubricID, err := s.snapshotRubric(ctx, tx, o.Rubric)
	if err != nil {
		return err
	}
	args, err := observationArgs(*o, rubricID)
	if err != nil {
		return err
	}
	if err := putRow(ctx, tx, insert, "observations", observationWriteCols, args, o.Record); err != nil {
		return err
	}
	t := o.Texts
	if _, err := tx.ExecContext(ctx, `INSERT INTO observation_texts (observation_id, process, comments, highlights, problems, suggestions, overall)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (observation_id) DO UPDATE SET process = excluded.process,
		comments = excluded.comments, highlights = excluded.highlights, problems = excluded.problems,
		suggestions = excluded.suggestions, overall = excluded.overall`, o.ID, t.Process, t.Comments, t.Highlights, t.Problems, t.Suggestions, t.Overall); err != nil {
		return err
	}
	if err := s.writeFollowUp(ctx, tx, o, insert); err != nil {
		return err
	}
	for _, cl := range o.Closing {
		if err := s.closeFollowUp(ctx, tx, cl.ID, o.On, cl.Note); err != nil {
			return err
		}
	}
	return nil
}

// writeFollowUp saves the observation's follow-up action, if it has one. An action cleared on
// edit is deleted, so that it stops waiting on the teacher's next observation.
func (s *Store) writeFollowUp(ctx context.Context, tx dbtx, o *Observation, insertObs bool) error {
	f := &o.FollowUp
	cleared := strings.TrimSpace(f.Action) == ""
	if cleared && f.ID == "" {
		return nil
	}
	f.ObservationID, f.TeacherID = o.ID, o.TeacherID
	if f.ID == "" && !insertObs {
		// An observation has one follow-up row for good; a cleared one is revived.
		err := tx.QueryRowContext(ctx, "SELECT id FROM followups WHERE observation_id = ?", o.ID).Scan(&f.ID)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
	}
	insert := f.ID == ""
	s.touch(&f.Record)
	f.DeletedAt = time.Time{}
	if cleared {
		f.DeletedAt = f.UpdatedAt
	}
	cols := []string{"observation_id", "teacher_id", "action", "due_on", "closed_on", "closed_note"}
	vals := []any{f.ObservationID, f.TeacherID, f.Action, nullDate(f.Due), nullDate(f.ClosedOn), f.ClosedNote}
	if !insert {
		cols, vals = append(cols, "deleted_at"), append(vals, fmtStamp(f.DeletedAt))
	}
	return putRow(ctx, tx, insert, "followups", cols, vals, f.Record)
}

// CreateObservation saves a new observation with its texts and follow-up action. Without a
// rubric it is scored with its subject's rubric, else the school's default.
func (s *Store) CreateObservation(ctx context.Context, o Observation) (Observation, error) {
	o.Record, o.FollowUp.Record = Record{}, Record{}
	s.touch(&o.Record)
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.writeObservation(ctx, tx, &o, true) })
	return o, err
}

// UpdateObservation saves every field of an existing observation.
func (s *Store) UpdateObservation(ctx context.Context, o Observation) (Observation, error) {
	if o.ID == "" {
		return o, fmt.Errorf("update observation: %w", ErrNotFound)
	}
	s.touch(&o.Record)
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.writeObservation(ctx, tx, &o, false) })
	return o, err
}

// Observation returns one observation with its texts and follow-up.
func (s *Store) Observation(ctx context.Context, id string) (Observation, error) {
	list, err := s.queryObservations(ctx, "SELECT "+observationCols+" FROM observations WHERE id = ?", id)
	if err != nil || len(list) == 0 {
		return Observation{}, notFound("observation", cmp.Or(err, sql.ErrNoRows))
	}
	o := list[0]
	t := &o.Texts
	err = s.r.QueryRowContext(ctx, "SELECT process, comments, highlights, problems, suggestions, overall FROM observation_texts WHERE observation_id = ?", id).
		Scan(&t.Process, &t.Comments, &t.Highlights, &t.Problems, &t.Suggestions, &t.Overall)
	if err != nil && err != sql.ErrNoRows {
		return o, mapErr(err)
	}
	f, err := scanFollowUp(s.r.QueryRowContext(ctx, "SELECT "+followUpCols+" FROM followups WHERE observation_id = ? AND deleted_at IS NULL", id))
	if err == nil {
		o.FollowUp = f
	} else if err != sql.ErrNoRows {
		return o, mapErr(err)
	}
	return o, nil
}

// ObservationFilter narrows a list of observations; zero fields match everything.
type ObservationFilter struct {
	TermID     string
	TeacherID  string
	ObserverID string
	Subject    string
	Week       int
	Kind       string
	SchoolID   string
	PairID     string // the observations a mentor pair's mentee taught or observed
	Limit      int    // 0 for no limit
}

// Observations lists observations without their long texts, newest first.
func (s *Store) Observations(ctx context.Context, f ObservationFilter) ([]Observation, error) {
	q, args := observationsQuery(f)
	return s.queryObservations(ctx, q, args...)
}

// observationsQuery is the SQL of Observations. A term's list (the usual one) reads
// observations_by_term_day in the list's order, so a page costs only its own rows.
func observationsQuery(f ObservationFilter) (string, []any) {
	q := "SELECT " + observationCols + " FROM observations WHERE deleted_at IS NULL"
	var args []any
	add := func(cond string, v any) {
		q += " AND " + cond
		args = append(args, v)
	}
	if f.TermID != "" {
		add("term_id = ?", f.TermID)
	}
	if f.TeacherID != "" {
		add("teacher_id = ?", f.TeacherID)
	}
	if f.ObserverID != "" {
		add("observer_id = ?", f.ObserverID)
	}
	if f.Subject != "" {
		add("subject = ?", f.Subject)
	}
	if f.Week != 0 {
		add("week = ?", f.Week)
	}
	if f.Kind != "" {
		add("kind = ?", f.Kind)
	}
	if f.SchoolID != "" {
		add("school_id = ?", f.SchoolID)
	}
	if f.PairID != "" {
		q += " AND (teacher_id = (SELECT mentee_id FROM mentor_pairs WHERE id = ?) OR observer_id = (SELECT mentee_id FROM mentor_pairs WHERE id = ?))"
		args = append(args, f.PairID, f.PairID)
	}
	q += " ORDER BY observed_on DESC, period DESC, id DESC"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	return q, args
}

const followUpCols = "observation_id, teacher_id, action, due_on, closed_on, closed_note, " + recordCols

func scanFollowUp(sc scanner) (FollowUp, error) {
	var f FollowUp
	rec, fill := recordDest(&f.Record)
	err := sc.Scan(append([]any{&f.ObservationID, &f.TeacherID, &f.Action, dateCol{&f.Due}, dateCol{&f.ClosedOn}, &f.ClosedNote}, rec...)...)
	fill()
	return f, err
}

const openFollowUpsQuery = `SELECT f.observation_id, f.teacher_id, f.action, f.due_on, f.closed_on, f.closed_note, o.observed_on,
	f.id, f.created_at, f.updated_at, f.updated_by, f.deleted_at
	FROM followups f JOIN observations o ON o.id = f.observation_id
	WHERE f.teacher_id = ? AND f.closed_on IS NULL AND f.deleted_at IS NULL AND o.deleted_at IS NULL
	ORDER BY f.due_on IS NULL, f.due_on, o.observed_on, f.created_at`

// OpenFollowUps returns a teacher's follow-up actions that are not yet closed, oldest due
// first: what a new observation of that teacher shows.
func (s *Store) OpenFollowUps(ctx context.Context, teacherID string) ([]FollowUp, error) {
	return queryAll(ctx, s.r, func(sc scanner) (FollowUp, error) {
		var f FollowUp
		var due, closed, observed sql.NullString
		rec, fill := recordDest(&f.Record)
		err := sc.Scan(append([]any{&f.ObservationID, &f.TeacherID, &f.Action, &due, &closed, &f.ClosedNote, &observed}, rec...)...)
		fill()
		f.Due, f.ClosedOn, f.ObservedOn = scanDate(due), scanDate(closed), scanDate(observed)
		return f, err
	}, openFollowUpsQuery, teacherID)
}

// CloseFollowUp closes a follow-up action on day `on` with a note.
func (s *Store) CloseFollowUp(ctx context.Context, id string, on Date, note string) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error { return s.closeFollowUp(ctx, tx, id, on, note) })
}

func (s *Store) closeFollowUp(ctx context.Context, tx dbtx, id string, on Date, note string) error {
	c := checker{record: "followup"}
	checkClosing(&c, on, note, true)
	if err := c.err(); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, "UPDATE followups SET closed_on = ?, closed_note = ?, updated_at = ?, updated_by = ? WHERE id = ? AND deleted_at IS NULL",
		on.String(), note, s.stamp(), s.installID, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("followup %s: %w", id, ErrNotFound)
	}
	return nil
}
