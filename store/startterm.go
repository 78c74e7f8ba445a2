package store

import (
	"context"
	"database/sql"
)

// StartTerm creates term t and lays its plan in one transaction: the plan of term copyFrom
// when it is not empty, then each of templates (pairing items name pairSchools). Either the
// term and its whole plan are written, or nothing is. A term whose weeks overlap a live
// term's is refused, so starting the same term twice does not make two.
func (s *Store) StartTerm(ctx context.Context, t Term, copyFrom string, templates []PlanTemplate, pairSchools []string) (Term, PlanResult, error) {
	t.Record = Record{}
	var res PlanResult
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		res = PlanResult{}
		if err := t.Validate(); err != nil {
			return err
		}
		terms, err := queryWith(ctx, tx, scanTerm, "SELECT "+termCols+" FROM terms WHERE deleted_at IS NULL")
		if err != nil {
			return err
		}
		for _, o := range terms {
			if o.Start().Compare(t.End()) <= 0 && t.Start().Compare(o.End()) <= 0 {
				return &InvalidError{Record: "term", Fields: []FieldError{{Field: "week1", Problem: Overlaps, Value: o.Name}}}
			}
		}
		if err := s.createTerm(ctx, tx, &t); err != nil {
			return err
		}
		if copyFrom != "" {
			if err := s.copyPlan(ctx, tx, copyFrom, t.ID, &res); err != nil {
				return err
			}
		}
		for _, tp := range templates {
			if err := s.applyTemplate(ctx, tx, t.ID, tp, pairSchools, &res); err != nil {
				return err
			}
		}
		return nil
	})
	return t, res, err
}
