package store

import (
	"context"
	"database/sql"
)

// HandinRow is one row of a hand-in list being imported, already read against the term's
// teachers and kinds: Line is its row in the file (the header is row 1).
type HandinRow struct {
	Line   int
	Handin Handin
}

// HandinImport is the plan for one row: a new hand-in, an existing one (same teacher, kind,
// day and title) given what the row adds — who checked it, when, the grade, the comment, the
// file — or one the row does not change.
type HandinImport struct {
	Line   int
	Action ImportAction
	Handin Handin
}

// HandinPlan is what importing a hand-in list would do, and the rows that are wrong. Nothing
// is written while Errors is not empty.
type HandinPlan struct {
	Handins []HandinImport
	Errors  []RowError
}

// Count returns how many rows have the action.
func (p HandinPlan) Count(a ImportAction) int {
	n := 0
	for _, h := range p.Handins {
		if h.Action == a {
			n++
		}
	}
	return n
}

// PlanHandinImport says what ImportHandins would do with rows, without writing anything.
func (s *Store) PlanHandinImport(ctx context.Context, rows []HandinRow) (HandinPlan, error) {
	return planHandins(ctx, s.r, rows)
}

// ImportHandins imports a hand-in list in one transaction, all or nothing: a row naming a
// hand-in already recorded (same teacher, kind, day and title) adds to it what it says, any
// other is a new hand-in. When any row is wrong nothing is written and the plan's Errors say
// why, with ErrInvalid.
func (s *Store) ImportHandins(ctx context.Context, rows []HandinRow) (HandinPlan, error) {
	var plan HandinPlan
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var err error
		if plan, err = planHandins(ctx, tx, rows); err != nil {
			return err
		}
		if len(plan.Errors) > 0 {
			return ErrInvalid
		}
		for i := range plan.Handins {
			hi := &plan.Handins[i]
			if hi.Action == ImportSame {
				continue
			}
			s.touch(&hi.Handin.Record)
			if err := s.writeHandin(ctx, tx, &hi.Handin, hi.Action == ImportCreate); err != nil {
				return err
			}
		}
		return nil
	})
	return plan, err
}

// planHandins checks rows and matches them against the hand-ins recorded, read through q.
func planHandins(ctx context.Context, q querier, rows []HandinRow) (HandinPlan, error) {
	var plan HandinPlan
	type key struct{ term, teacher, kind, day, title string }
	keyOf := func(h Handin) key { return key{h.TermID, h.TeacherID, h.KindID, h.On.String(), h.Title} }
	existing := map[key]Handin{}
	terms := map[string]bool{}
	seen := map[key]int{}
	for _, r := range rows {
		h := r.Handin
		if err := h.Validate(); err != nil {
			plan.Errors = append(plan.Errors, RowError{Line: r.Line, Err: err})
			continue
		}
		if err := refsExist(ctx, q, h); err != nil {
			plan.Errors = append(plan.Errors, RowError{Line: r.Line, Err: err})
			continue
		}
		if !terms[h.TermID] {
			terms[h.TermID] = true
			list, err := queryWith(ctx, q, scanHandin, "SELECT "+handinFullCols+`
				FROM handins h LEFT JOIN handin_texts x ON x.handin_id = h.id WHERE h.term_id = ? AND h.deleted_at IS NULL`, h.TermID)
			if err != nil {
				return plan, err
			}
			for _, e := range list {
				existing[keyOf(e)] = e
			}
		}
		k := keyOf(h)
		if first, dup := seen[k]; dup {
			plan.Errors = append(plan.Errors, RowError{Line: r.Line, DupOf: first, Err: ErrDuplicateRow})
			continue
		}
		seen[k] = r.Line
		hi := HandinImport{Line: r.Line, Action: ImportCreate, Handin: h}
		if old, ok := existing[k]; ok {
			hi.Handin, hi.Action = mergeHandin(old, h), ImportUpdate
			if hi.Handin == old {
				hi.Action = ImportSame
			}
		}
		plan.Handins = append(plan.Handins, hi)
	}
	return plan, nil
}

// refsExist checks that what a hand-in names is live.
func refsExist(ctx context.Context, q querier, h Handin) error {
	for _, ref := range []struct{ table, field, id string }{
		{"terms", "term", h.TermID}, {"teachers", "teacher", h.TeacherID}, {"handin_kinds", "kind", h.KindID},
	} {
		if err := mustExist(ctx, q, ref.table, ref.field, ref.id); err != nil {
			return err
		}
	}
	return nil
}

// mergeHandin gives a recorded hand-in what a row adds to it: a blank cell keeps what is there.
func mergeHandin(old, row Handin) Handin {
	h := old
	for _, f := range []struct{ from, to *string }{{&row.CheckedBy, &h.CheckedBy}, {&row.Comment, &h.Comment}, {&row.File, &h.File}} {
		if *f.from != "" {
			*f.to = *f.from
		}
	}
	if !row.CheckedOn.IsZero() {
		h.CheckedOn = row.CheckedOn
	}
	if row.Grade != "" {
		h.Grade = row.Grade
	}
	return h
}
