package ui

import (
	"context"

	"termbook/store"
)

// loadPairRows reads the term's mentor pairs with their live counters.
func loadPairRows(ctx context.Context, st *store.Store, term store.Term, today store.Date) ([]pairRow, error) {
	pairs, err := st.MentorPairs(ctx, term.ID)
	if err != nil {
		return nil, err
	}
	rows := make([]pairRow, len(pairs))
	for i, p := range pairs {
		rows[i] = pairRow{pair: p, status: counterOnTrack}
	}
	return rows, nil
}
