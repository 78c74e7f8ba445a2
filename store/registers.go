package store

import (
	"context"
	"database/sql"
	"strings"
)

// TermObservations returns a term's live observations in date order with their long texts and
// follow-up actions: the full register, for export (lists use Observations, which leaves the
// texts out). Three queries: the rows, the texts, the follow-ups.
func (s *Store) TermObservations(ctx context.Context, termID string) ([]Observation, error) {
	obs, err := s.queryObservations(ctx, "SELECT "+observationCols+
		" FROM observations WHERE term_id = ? AND deleted_at IS NULL ORDER BY observed_on, period, id", termID)
	if err != nil || len(obs) == 0 {
		return obs, err
	}
	idx := make(map[string]*Observation, len(obs))
	for i := range obs {
		idx[obs[i].ID] = &obs[i]
	}
	rows, err := s.r.QueryContext(ctx, `SELECT x.observation_id, x.process, x.comments, x.highlights, x.problems, x.suggestions, x.overall
		FROM observations o JOIN observation_texts x ON x.observation_id = o.id
		WHERE o.term_id = ? AND o.deleted_at IS NULL`, termID)
	if err != nil {
		return nil, mapErr(err)
	}
	err = scanRows(rows, func(rows *sql.Rows) error {
		var id string
		var t ObservationTexts
		if err := rows.Scan(&id, &t.Process, &t.Comments, &t.Highlights, &t.Problems, &t.Suggestions, &t.Overall); err != nil {
			return err
		}
		if o := idx[id]; o != nil {
			o.Texts = t
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	fcols := "f." + strings.ReplaceAll(followUpCols, ", ", ", f.")
	rows, err = s.r.QueryContext(ctx, "SELECT "+fcols+` FROM observations o JOIN followups f ON f.observation_id = o.id
		WHERE o.term_id = ? AND o.deleted_at IS NULL AND f.deleted_at IS NULL`, termID)
	if err != nil {
		return nil, mapErr(err)
	}
	err = scanRows(rows, func(rows *sql.Rows) error {
		f, err := scanFollowUp(rows)
		if err != nil {
			return err
		}
		if o := idx[f.ObservationID]; o != nil {
			o.FollowUp = f
		}
		return nil
	})
	return obs, err
}

// TermGuidance returns the guidance entries of a term's mentor pairs with their texts, by date.
func (s *Store) TermGuidance(ctx context.Context, termID string) ([]Guidance, error) {
	return queryAll(ctx, s.r, scanGuidanceTexts, `SELECT g.mentor_pair_id, g.given_on, g.form, g.observation_id, COALESCE(t.content, ''), COALESCE(t.reflection, ''),
		g.id, g.created_at, g.updated_at, g.updated_by, g.deleted_at
		FROM mentor_pairs p JOIN guidance g ON g.mentor_pair_id = p.id AND g.deleted_at IS NULL
		LEFT JOIN guidance_texts t ON t.guidance_id = g.id
		WHERE p.term_id = ? AND p.deleted_at IS NULL ORDER BY g.given_on, g.id`, termID)
}
