package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Target is one rule of the school's 考核细则 for a term: a quota of things counted from what
// is recorded, per period, for the mentor pairs, teachers or school pairs it applies to.
//
// Targets of one title and scope form one rule: "听课 ≥ 10 a term for every teacher, ≥ 20 for
// 新任教师". A teacher is judged by the target of the rule for the narrowest group they belong
// to (a role or a 职称/职务/荣誉 beats everybody; among several, the highest quota).
type Target struct {
	Record
	TermID string
	Title  string // 交教案, 联席会议, 听课 … what the school's rules call it
	Metric Metric // the built-in default the target was made from; "" for the school's own
	Scope  Scope  // whose target: each mentor pair, teacher or school pair
	// AppliesTo narrows a teacher target to RoleMentor or RoleMentee (teachers in a mentor
	// pair of the term) or to teachers with that 职称, 职务 or 荣誉; "" is every teacher. For a
	// mentor pair it says whose records count: the mentee's ("" or RoleMentee) or the mentor's.
	AppliesTo   string
	Counts      Measure
	TypeID      string // Counts activities: of this type, "" for any type
	KindID      string // Counts hand-ins: of this kind
	BothSchools bool   // a school pair's activities must name both schools
	Required    int    // the quota per period
	Per         Per
	MakeUp      bool // a short month or fortnight is met once the count catches up (补听)
	Weight      int  // points out of 100 in the score; 0 leaves the target out of it
	Pos         int  // display order
}

// Metric names a built-in default target (SPEC §2); a school's own targets have none.
type Metric string

// The built-in default targets.
const (
	MetricMenteeObservations Metric = "mentee_observations" // the mentee observes lessons (one every two weeks)
	MetricObservesMentor     Metric = "observes_mentor"     // the mentee observes the mentor (≥8)
	MetricTaughtObserved     Metric = "taught_observed"     // the mentee teaches observed lessons (≥8)
	MetricLessonPlans        Metric = "lesson_plans"        // lesson plans handed in (≥3)
	MetricGuidanceMonthly    Metric = "guidance_monthly"    // guidance entries (≥1 a month)
	MetricReadingNotes       Metric = "reading_notes"       // each teacher hands in reading notes (≥1)
	MetricJointMeetings      Metric = "joint_meetings"      // paired schools hold joint meetings (≥2)
	MetricPairingMonthly     Metric = "pairing_monthly"     // paired schools hold a pairing activity (≥1 a month)
)

// Measure is what a target counts.
type Measure string

// What targets count, all from records already kept.
const (
	CountObservationsMade     Measure = "observations_made"     // lessons the teacher observed (听课)
	CountObservationsReceived Measure = "observations_received" // the teacher's lessons observed (上课被听)
	CountObservesMentor       Measure = "observes_mentor"       // the mentee observing the mentor's lessons
	CountGuidance             Measure = "guidance"              // guidance entries of the pair (of the teacher's pairs)
	CountHandins              Measure = "handins"               // hand-ins of a kind
	CountActivities           Measure = "activities"            // activities done, of a type or any: hosted by the teacher, or naming the pair's schools
)

// Measures lists what targets count, in display order.
func Measures() []Measure {
	return []Measure{CountObservationsMade, CountObservationsReceived, CountObservesMentor, CountGuidance, CountHandins, CountActivities}
}

// Scope is what a target counts for.
type Scope string

// Target scopes.
const (
	ScopeMentorPair Scope = "mentor_pair"
	ScopeTeacher    Scope = "teacher"
	ScopeSchoolPair Scope = "school_pair"
)

// Role is a teacher's part in a mentor pair.
type Role = string

// The roles in a mentor pair.
const (
	RoleMentor Role = "mentor" // 师傅
	RoleMentee Role = "mentee" // 徒弟
)

// Per is the period a target's Required applies to.
type Per string

// Target periods: 学期, 学年 (the school year's terms together), 每月, 每两周.
const (
	PerTerm     Per = "term"
	PerYear     Per = "year"
	PerMonth    Per = "month"
	PerTwoWeeks Per = "two_weeks"
)

// Periodic reports whether the quota is per month or fortnight, counted period by period.
func (p Per) Periodic() bool { return p == PerMonth || p == PerTwoWeeks }

// Limits of a target's numbers.
const (
	MaxRequired = 1000 // the largest quota
	MaxWeight   = 100  // the score is out of 100
)

// Validate checks the target on its own; the store checks what it names, the rule's place
// and the weights against the term's other targets.
func (t Target) Validate() error {
	c := checker{record: "target"}
	c.ref("term", t.TermID)
	c.text("title", t.Title, MaxName, true, false)
	c.oneOf("metric", string(t.Metric), "", string(MetricMenteeObservations), string(MetricObservesMentor),
		string(MetricTaughtObserved), string(MetricLessonPlans), string(MetricGuidanceMonthly),
		string(MetricReadingNotes), string(MetricJointMeetings), string(MetricPairingMonthly))
	c.oneOf("scope", string(t.Scope), string(ScopeMentorPair), string(ScopeTeacher), string(ScopeSchoolPair))
	c.oneOf("counts", string(t.Counts), string(CountObservationsMade), string(CountObservationsReceived),
		string(CountObservesMentor), string(CountGuidance), string(CountHandins), string(CountActivities))
	c.text("applies_to", t.AppliesTo, MaxName, false, false)
	c.rangeInt("required", t.Required, 0, MaxRequired)
	c.oneOf("per", string(t.Per), string(PerTerm), string(PerYear), string(PerMonth), string(PerTwoWeeks))
	c.rangeInt("weight", t.Weight, 0, MaxWeight)
	if len(c.fields) > 0 {
		return c.err()
	}
	// What is counted must fit whom it is counted for.
	misfit := func(field, with string) { c.add(FieldError{Field: field, Problem: DoesNotFit, Value: with}) }
	switch {
	case t.Scope == ScopeSchoolPair && t.Counts != CountActivities:
		misfit("counts", string(t.Scope))
	case t.Counts == CountObservesMentor && t.Scope != ScopeMentorPair:
		misfit("counts", string(t.Scope))
	}
	switch {
	case t.Counts == CountHandins && t.KindID == "":
		c.add(FieldError{Field: "kind", Problem: Required})
	case t.Counts != CountHandins && t.KindID != "":
		misfit("kind", string(t.Counts))
	}
	if t.Counts != CountActivities && t.TypeID != "" {
		misfit("type", string(t.Counts))
	}
	if t.BothSchools && (t.Scope != ScopeSchoolPair || t.Counts != CountActivities) {
		misfit("both_schools", string(t.Scope))
	}
	switch t.Scope {
	case ScopeMentorPair:
		if t.AppliesTo != "" && t.AppliesTo != RoleMentee && t.AppliesTo != RoleMentor {
			misfit("applies_to", string(t.Scope))
		}
	case ScopeSchoolPair:
		if t.AppliesTo != "" {
			misfit("applies_to", string(t.Scope))
		}
	}
	if t.MakeUp && !t.Per.Periodic() {
		misfit("make_up", string(t.Per))
	}
	return c.err()
}

// DefaultTargets are SPEC §2's defaults, where a first term starts.
func DefaultTargets(termID string) []Target {
	lessonPlan, readingNotes := BuiltinHandinKindID(KindLessonPlan), BuiltinHandinKindID(KindReadingNotes)
	joint := ""
	for _, ty := range BuiltinTypes() {
		if ty.Code == TypeJointMeeting {
			joint = ty.ID
		}
	}
	ts := []Target{
		{Title: "徒弟听课", Metric: MetricMenteeObservations, Scope: ScopeMentorPair, AppliesTo: RoleMentee, Counts: CountObservationsMade, Required: 1, Per: PerTwoWeeks},
		{Title: "听师傅课", Metric: MetricObservesMentor, Scope: ScopeMentorPair, AppliesTo: RoleMentee, Counts: CountObservesMentor, Required: 8, Per: PerTerm},
		{Title: "上课被听", Metric: MetricTaughtObserved, Scope: ScopeMentorPair, AppliesTo: RoleMentee, Counts: CountObservationsReceived, Required: 8, Per: PerTerm},
		{Title: "交教案", Metric: MetricLessonPlans, Scope: ScopeMentorPair, AppliesTo: RoleMentee, Counts: CountHandins, KindID: lessonPlan, Required: 3, Per: PerTerm},
		{Title: "师傅指导", Metric: MetricGuidanceMonthly, Scope: ScopeMentorPair, Counts: CountGuidance, Required: 1, Per: PerMonth},
		{Title: "读书笔记", Metric: MetricReadingNotes, Scope: ScopeTeacher, Counts: CountHandins, KindID: readingNotes, Required: 1, Per: PerTerm},
		{Title: "联席会议", Metric: MetricJointMeetings, Scope: ScopeSchoolPair, Counts: CountActivities, TypeID: joint, Required: 2, Per: PerTerm},
		{Title: "结对活动", Metric: MetricPairingMonthly, Scope: ScopeSchoolPair, Counts: CountActivities, BothSchools: true, Required: 1, Per: PerMonth},
	}
	for i := range ts {
		ts[i].TermID, ts[i].Pos = termID, i+1
	}
	return ts
}

// targetWriteCols are a target's own columns, in the order targetValues gives them.
var targetWriteCols = []string{"term_id", "title", "metric", "scope", "applies_to", "counts", "type_id", "kind_id",
	"both_schools", "required", "per", "make_up", "weight", "position"}

func targetValues(t *Target) []any {
	return []any{t.TermID, t.Title, string(t.Metric), string(t.Scope), t.AppliesTo, string(t.Counts), nullString(t.TypeID),
		nullString(t.KindID), t.BothSchools, t.Required, string(t.Per), t.MakeUp, t.Weight, t.Pos}
}

const targetCols = "term_id, title, metric, scope, applies_to, counts, type_id, kind_id, both_schools, required, per, make_up, weight, position, " + recordCols

func scanTarget(sc scanner) (Target, error) {
	var t Target
	var typeID, kindID sql.NullString
	rec, fill := recordDest(&t.Record)
	err := sc.Scan(append([]any{&t.TermID, &t.Title, &t.Metric, &t.Scope, &t.AppliesTo, &t.Counts, &typeID, &kindID,
		&t.BothSchools, &t.Required, &t.Per, &t.MakeUp, &t.Weight, &t.Pos}, rec...)...)
	fill()
	t.TypeID, t.KindID = typeID.String, kindID.String
	return t, err
}

// Targets returns a term's live targets in display order.
func (s *Store) Targets(ctx context.Context, termID string) ([]Target, error) {
	return targetsOf(ctx, s.r, termID)
}

// RetiredTargets returns a term's retired targets, the latest retired first: what Restore can
// bring back.
func (s *Store) RetiredTargets(ctx context.Context, termID string) ([]Target, error) {
	return queryAll(ctx, s.r, scanTarget, "SELECT "+targetCols+" FROM targets WHERE term_id = ? AND deleted_at IS NOT NULL ORDER BY deleted_at DESC", termID)
}

// Target returns one target, retired or not.
func (s *Store) Target(ctx context.Context, id string) (Target, error) {
	t, err := scanTarget(s.r.QueryRowContext(ctx, "SELECT "+targetCols+" FROM targets WHERE id = ?", id))
	return t, notFound("target", err)
}

// CreateTarget adds a target to its term, after the others.
func (s *Store) CreateTarget(ctx context.Context, t Target) (Target, error) {
	t.Record = Record{}
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.createTarget(ctx, tx, &t) })
	return t, err
}

func (s *Store) createTarget(ctx context.Context, tx dbtx, t *Target) error {
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(position), 0) + 1 FROM targets WHERE term_id = ?", t.TermID).Scan(&t.Pos); err != nil {
		return err
	}
	return s.putTarget(ctx, tx, t, true)
}

// targetsOf reads a term's live targets through q, in display order.
func targetsOf(ctx context.Context, q querier, termID string) ([]Target, error) {
	return queryWith(ctx, q, scanTarget, "SELECT "+targetCols+" FROM targets WHERE term_id = ? AND deleted_at IS NULL ORDER BY position, id", termID)
}

// UpdateTarget saves a target: its quota, period, whom it applies to, making up and weight.
func (s *Store) UpdateTarget(ctx context.Context, t Target) (Target, error) {
	if t.ID == "" {
		return t, fmt.Errorf("update target: %w", ErrNotFound)
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.putTarget(ctx, tx, &t, false) })
	return t, err
}

// putTarget validates t against the term's other live targets and writes it: what it names
// must exist, its rule (title and whom it applies to) must be free, and the weights of the
// scope's rules may add up to 100 at most (a rule weighs as its heaviest target).
func (s *Store) putTarget(ctx context.Context, tx dbtx, t *Target, insert bool) error {
	t.Title, t.AppliesTo = strings.TrimSpace(t.Title), strings.TrimSpace(t.AppliesTo)
	if err := t.Validate(); err != nil {
		return err
	}
	if !insert {
		var one int
		err := tx.QueryRowContext(ctx, "SELECT 1 FROM targets WHERE id = ? AND deleted_at IS NULL", t.ID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("target %s: %w", t.ID, ErrNotFound)
		}
		if err != nil {
			return err
		}
	}
	if err := fitTarget(ctx, tx, *t); err != nil {
		return err
	}
	s.touch(&t.Record)
	return putRow(ctx, tx, insert, "targets", targetWriteCols, targetValues(t), t.Record)
}

// fitTarget checks a valid target against the database: what it names exists, its rule is
// free, and the weights of its scope's rules, with it, add up to 100 at most.
func fitTarget(ctx context.Context, tx dbtx, t Target) error {
	for _, ref := range []struct{ table, field, id string }{
		{"terms", "term", t.TermID}, {"activity_types", "type", t.TypeID}, {"handin_kinds", "kind", t.KindID},
	} {
		if err := mustExist(ctx, tx, ref.table, ref.field, ref.id); err != nil {
			return err
		}
	}
	others, err := queryWith(ctx, tx, scanTarget, "SELECT "+targetCols+" FROM targets WHERE term_id = ? AND scope = ? AND id <> ? AND deleted_at IS NULL",
		t.TermID, string(t.Scope), t.ID)
	if err != nil {
		return err
	}
	rules := map[string]int{t.Title: t.Weight}
	for _, o := range others {
		if o.Title == t.Title && o.AppliesTo == t.AppliesTo {
			return &InvalidError{Record: "target", Fields: []FieldError{{Field: "title", Problem: Duplicate, Value: t.Title}}}
		}
		rules[o.Title] = max(rules[o.Title], o.Weight)
	}
	sum := 0
	for _, w := range rules {
		sum += w
	}
	if sum > MaxWeight {
		return &InvalidError{Record: "target", Fields: []FieldError{{Field: "weights", Problem: OutOfRange, Min: 0, Max: MaxWeight, Value: itoa(sum)}}}
	}
	return nil
}

// RestoreTarget brings back a retired target, checked as a new one would be: its rule must
// be free and the weights must still fit.
func (s *Store) RestoreTarget(ctx context.Context, id string) (Target, error) {
	var t Target
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var err error
		t, err = scanTarget(tx.QueryRowContext(ctx, "SELECT "+targetCols+" FROM targets WHERE id = ? AND deleted_at IS NOT NULL", id))
		if err != nil {
			return notFound("retired target", err)
		}
		if err := fitTarget(ctx, tx, t); err != nil {
			return err
		}
		t.DeletedAt = time.Time{}
		s.touch(&t.Record)
		_, err = tx.ExecContext(ctx, "UPDATE targets SET deleted_at = NULL, updated_at = ?, updated_by = ? WHERE id = ?",
			fmtStamp(t.UpdatedAt), t.UpdatedBy, t.ID)
		return err
	})
	return t, err
}

// insertTermTargets gives a new term its targets: a copy of the targets of the latest term
// that starts before it, so the school's rules carry over; the defaults for a first term.
func (s *Store) insertTermTargets(ctx context.Context, tx dbtx, t Term) error {
	var prev string
	err := tx.QueryRowContext(ctx, `SELECT id FROM terms WHERE deleted_at IS NULL AND week1 < ? AND id <> ?
		ORDER BY week1 DESC LIMIT 1`, t.Week1.String(), t.ID).Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	targets := DefaultTargets(t.ID)
	if prev != "" {
		copied, err := targetsOf(ctx, tx, prev)
		if err != nil {
			return err
		}
		if len(copied) > 0 {
			targets = copied
		}
	}
	for _, tg := range targets {
		tg.Record, tg.TermID = Record{}, t.ID
		s.touch(&tg.Record)
		if err := putRow(ctx, tx, true, "targets", targetWriteCols, targetValues(&tg), tg.Record); err != nil {
			return err
		}
	}
	return nil
}
