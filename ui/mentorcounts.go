package ui

import (
	"context"

	"termbook/store"
	"termbook/store/review"
)

// loadPairRows reads the term's mentor pairs with their live counters: the term-end review's
// judgement of each pair's targets as of today, worst first.
func loadPairRows(ctx context.Context, st *store.Store, term store.Term, today store.Date) ([]pairRow, error) {
	r, err := review.Compute(ctx, st, term, today)
	if err != nil {
		return nil, err
	}
	r = printable(r)
	rows := make([]pairRow, len(r.Pairs))
	for i, p := range r.Pairs {
		row := pairRow{pair: p.Pair, status: p.Status}
		for _, res := range p.Results {
			row.counters = append(row.counters, pairCounter{metric: res.Target.Metric, actual: res.Actual,
				required: res.Required, status: res.Status})
		}
		rows[i] = row
	}
	return rows, nil
}
