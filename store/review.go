package store

import (
	"context"
	"database/sql"
)

// Metric names a countable quota.
type Metric string

// The metrics of SPEC §2's default targets.
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

// Scope is what a target counts for.
type Scope string

// Target scopes.
const (
	ScopeMentorPair Scope = "mentor_pair"
	ScopeTeacher    Scope = "teacher"
	ScopeSchoolPair Scope = "school_pair"
)

// Per is the period a target's Required applies to.
type Per string

// Target periods.
const (
	PerTerm     Per = "term"
	PerMonth    Per = "month"
	PerTwoWeeks Per = "two_weeks"
)

// Target is a countable quota for a term (考核指标): Required items per Per.
type Target struct {
	Record
	TermID   string
	Metric   Metric
	Scope    Scope
	Required int
	Per      Per
}

// Validate checks the target.
func (t Target) Validate() error {
	c := checker{record: "target"}
	c.ref("term", t.TermID)
	c.oneOf("metric", string(t.Metric), string(MetricMenteeObservations), string(MetricObservesMentor),
		string(MetricTaughtObserved), string(MetricLessonPlans), string(MetricGuidanceMonthly),
		string(MetricReadingNotes), string(MetricJointMeetings), string(MetricPairingMonthly))
	c.oneOf("scope", string(t.Scope), string(ScopeMentorPair), string(ScopeTeacher), string(ScopeSchoolPair))
	c.rangeInt("required", t.Required, 0, 1000)
	c.oneOf("per", string(t.Per), string(PerTerm), string(PerMonth), string(PerTwoWeeks))
	return c.err()
}

// DefaultTargets are SPEC §2's defaults for a new term.
func DefaultTargets(termID string) []Target {
	return []Target{
		{TermID: termID, Metric: MetricMenteeObservations, Scope: ScopeMentorPair, Required: 1, Per: PerTwoWeeks},
		{TermID: termID, Metric: MetricObservesMentor, Scope: ScopeMentorPair, Required: 8, Per: PerTerm},
		{TermID: termID, Metric: MetricTaughtObserved, Scope: ScopeMentorPair, Required: 8, Per: PerTerm},
		{TermID: termID, Metric: MetricLessonPlans, Scope: ScopeMentorPair, Required: 3, Per: PerTerm},
		{TermID: termID, Metric: MetricGuidanceMonthly, Scope: ScopeMentorPair, Required: 1, Per: PerMonth},
		{TermID: termID, Metric: MetricReadingNotes, Scope: ScopeTeacher, Required: 1, Per: PerTerm},
		{TermID: termID, Metric: MetricJointMeetings, Scope: ScopeSchoolPair, Required: 2, Per: PerTerm},
		{TermID: termID, Metric: MetricPairingMonthly, Scope: ScopeSchoolPair, Required: 1, Per: PerMonth},
	}
}

func (s *Store) insertDefaultTargets(ctx context.Context, tx dbtx, termID string) error {
	for _, t := range DefaultTargets(termID) {
		s.touch(&t.Record)
		if err := putRow(ctx, tx, true, "targets", []string{"term_id", "metric", "scope", "required", "per"},
			[]any{t.TermID, string(t.Metric), string(t.Scope), t.Required, string(t.Per)}, t.Record); err != nil {
			return err
		}
	}
	return nil
}

const targetCols = "term_id, metric, scope, required, per, " + recordCols

func scanTarget(sc scanner) (Target, error) {
	var t Target
	rec, fill := recordDest(&t.Record)
	err := sc.Scan(append([]any{&t.TermID, &t.Metric, &t.Scope, &t.Required, &t.Per}, rec...)...)
	fill()
	return t, err
}

// Targets returns a term's live targets.
func (s *Store) Targets(ctx context.Context, termID string) ([]Target, error) {
	return queryAll(ctx, s.r, scanTarget, "SELECT "+targetCols+" FROM targets WHERE term_id = ? AND deleted_at IS NULL ORDER BY rowid", termID)
}

// UpdateTarget changes a target's required count and period.
func (s *Store) UpdateTarget(ctx context.Context, t Target) (Target, error) {
	if err := t.Validate(); err != nil {
		return t, err
	}
	s.touch(&t.Record)
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		return putRow(ctx, tx, false, "targets", []string{"required", "per"}, []any{t.Required, string(t.Per)}, t.Record)
	})
	return t, err
}

// EvidenceItem is one kind of term-end evidence (考核项).
type EvidenceItem string

// The checklist of SPEC §2.
const (
	ItemObservationNotes EvidenceItem = "observation_notes" // 听课笔记
	ItemLectureMaterials EvidenceItem = "lecture_materials" // 讲座资料
	ItemDemoLessonPlan   EvidenceItem = "demo_lesson_plan"  // 示范课教案
	ItemReviewReflection EvidenceItem = "review_reflection" // 评课反思
	ItemReadingNotes     EvidenceItem = "reading_notes"     // 读书笔记
)

// EvidenceItems lists the checklist in display order.
func EvidenceItems() []EvidenceItem {
	return []EvidenceItem{ItemObservationNotes, ItemLectureMaterials, ItemDemoLessonPlan, ItemReviewReflection, ItemReadingNotes}
}

// EvidenceState is where one checklist item stands.
type EvidenceState string

// Checklist states.
const (
	Missing  EvidenceState = "missing"
	HandedIn EvidenceState = "handed_in"
	Checked  EvidenceState = "checked"
)

// ChecklistItem is one item of a mentor pair's or teacher's term-end checklist.
type ChecklistItem struct {
	Record
	TermID    string
	OwnerKind Scope // mentor_pair or teacher
	OwnerID   string
	Item      EvidenceItem
	State     EvidenceState
	Note      string
}

// Validate checks the item.
func (c0 ChecklistItem) Validate() error {
	c := checker{record: "checklist_item"}
	c.ref("term", c0.TermID)
	c.oneOf("owner_kind", string(c0.OwnerKind), string(ScopeMentorPair), string(ScopeTeacher))
	c.ref("owner", c0.OwnerID)
	c.oneOf("item", string(c0.Item), string(ItemObservationNotes), string(ItemLectureMaterials),
		string(ItemDemoLessonPlan), string(ItemReviewReflection), string(ItemReadingNotes))
	c.oneOf("state", string(c0.State), string(Missing), string(HandedIn), string(Checked))
	c.text("note", c0.Note, MaxNote, false, true)
	return c.err()
}

const checklistCols = "term_id, owner_kind, owner_id, item, state, note, " + recordCols

func scanChecklistItem(sc scanner) (ChecklistItem, error) {
	var c ChecklistItem
	rec, fill := recordDest(&c.Record)
	err := sc.Scan(append([]any{&c.TermID, &c.OwnerKind, &c.OwnerID, &c.Item, &c.State, &c.Note}, rec...)...)
	fill()
	return c, err
}

// SetChecklistItem records the state of one checklist item, creating it on first use.
func (s *Store) SetChecklistItem(ctx context.Context, item ChecklistItem) (ChecklistItem, error) {
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.setChecklistItem(ctx, tx, &item) })
	return item, err
}

func (s *Store) setChecklistItem(ctx context.Context, tx dbtx, item *ChecklistItem) error {
	if err := item.Validate(); err != nil {
		return err
	}
	if err := mustExist(ctx, tx, "terms", "term", item.TermID); err != nil {
		return err
	}
	if err := mustExist(ctx, tx, ownerTable(item.OwnerKind), "owner", item.OwnerID); err != nil {
		return err
	}
	existing, err := scanChecklistItem(tx.QueryRowContext(ctx, "SELECT "+checklistCols+` FROM checklist_items
		WHERE term_id = ? AND owner_kind = ? AND owner_id = ? AND item = ? AND deleted_at IS NULL`,
		item.TermID, string(item.OwnerKind), item.OwnerID, string(item.Item)))
	insert := err == sql.ErrNoRows
	if err != nil && !insert {
		return err
	}
	if !insert {
		item.Record = existing.Record
	}
	s.touch(&item.Record)
	return putRow(ctx, tx, insert, "checklist_items", []string{"term_id", "owner_kind", "owner_id", "item", "state", "note"},
		[]any{item.TermID, string(item.OwnerKind), item.OwnerID, string(item.Item), string(item.State), item.Note}, item.Record)
}

// ownerTable is the table that holds the owners of a scope: checklist items and term grades
// name their owner by id without a foreign key, so writes check it here.
func ownerTable(scope Scope) string {
	switch scope {
	case ScopeMentorPair:
		return "mentor_pairs"
	case ScopeSchoolPair:
		return "school_pairs"
	}
	return "teachers"
}

// Checklist returns a term's recorded checklist items (items never set are Missing).
func (s *Store) Checklist(ctx context.Context, termID string) ([]ChecklistItem, error) {
	return queryAll(ctx, s.r, scanChecklistItem, "SELECT "+checklistCols+" FROM checklist_items WHERE term_id = ? AND deleted_at IS NULL ORDER BY owner_kind, owner_id, item", termID)
}

// TermGradeValue is a term grade: 优秀, 良好, 合格, 不合格.
type TermGradeValue string

// Term grades.
const (
	Excellent TermGradeValue = "excellent"
	Good      TermGradeValue = "good"
	Pass      TermGradeValue = "pass"
	Fail      TermGradeValue = "fail"
)

// TermGrade is the grade given to a mentor pair, teacher or school pair at term end.
type TermGrade struct {
	Record
	TermID    string
	OwnerKind Scope
	OwnerID   string
	Grade     TermGradeValue
}

// Validate checks the grade.
func (g TermGrade) Validate() error {
	c := checker{record: "term_grade"}
	c.ref("term", g.TermID)
	c.oneOf("owner_kind", string(g.OwnerKind), string(ScopeMentorPair), string(ScopeTeacher), string(ScopeSchoolPair))
	c.ref("owner", g.OwnerID)
	c.oneOf("grade", string(g.Grade), string(Excellent), string(Good), string(Pass), string(Fail))
	return c.err()
}

const termGradeCols = "term_id, owner_kind, owner_id, grade, " + recordCols

func scanTermGrade(sc scanner) (TermGrade, error) {
	var g TermGrade
	rec, fill := recordDest(&g.Record)
	err := sc.Scan(append([]any{&g.TermID, &g.OwnerKind, &g.OwnerID, &g.Grade}, rec...)...)
	fill()
	return g, err
}

// SetTermGrade records a term grade, replacing an earlier one for the same owner.
func (s *Store) SetTermGrade(ctx context.Context, g TermGrade) (TermGrade, error) {
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.setTermGrade(ctx, tx, &g) })
	return g, err
}

func (s *Store) setTermGrade(ctx context.Context, tx dbtx, g *TermGrade) error {
	if err := g.Validate(); err != nil {
		return err
	}
	if err := mustExist(ctx, tx, "terms", "term", g.TermID); err != nil {
		return err
	}
	if err := mustExist(ctx, tx, ownerTable(g.OwnerKind), "owner", g.OwnerID); err != nil {
		return err
	}
	existing, err := scanTermGrade(tx.QueryRowContext(ctx, "SELECT "+termGradeCols+` FROM term_grades
		WHERE term_id = ? AND owner_kind = ? AND owner_id = ? AND deleted_at IS NULL`, g.TermID, string(g.OwnerKind), g.OwnerID))
	insert := err == sql.ErrNoRows
	if err != nil && !insert {
		return err
	}
	if !insert {
		g.Record = existing.Record
	}
	s.touch(&g.Record)
	return putRow(ctx, tx, insert, "term_grades", []string{"term_id", "owner_kind", "owner_id", "grade"},
		[]any{g.TermID, string(g.OwnerKind), g.OwnerID, string(g.Grade)}, g.Record)
}

// DeleteTermGrade takes back an owner's term grade (a first grade undone), in one
// transaction; an owner without a grade is left so.
func (s *Store) DeleteTermGrade(ctx context.Context, termID string, owner Scope, ownerID string) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE term_grades SET deleted_at = ?1, updated_at = ?1, updated_by = ?2
			WHERE term_id = ?3 AND owner_kind = ?4 AND owner_id = ?5 AND deleted_at IS NULL`,
			s.stamp(), s.installID, termID, string(owner), ownerID)
		return err
	})
}

// TermGrades returns a term's recorded grades.
func (s *Store) TermGrades(ctx context.Context, termID string) ([]TermGrade, error) {
	return queryAll(ctx, s.r, scanTermGrade, "SELECT "+termGradeCols+" FROM term_grades WHERE term_id = ? AND deleted_at IS NULL", termID)
}
