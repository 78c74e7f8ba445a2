package store

import (
	"context"
	"database/sql"
)

// ownerTable is the table that holds the owners of a scope: term grades name their owner by
// id without a foreign key, so writes check it here.
func ownerTable(scope Scope) string {
	switch scope {
	case ScopeMentorPair:
		return "mentor_pairs"
	case ScopeSchoolPair:
		return "school_pairs"
	}
	return "teachers"
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
