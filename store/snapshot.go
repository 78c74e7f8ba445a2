package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// rubricCache holds the rubric snapshots read so far. A snapshot's id is derived from its
// spec, so an entry can never go stale.
type rubricCache struct {
	mu    sync.Mutex
	specs map[string]RubricSpec
}

func (c *rubricCache) get(id string) (RubricSpec, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	spec, ok := c.specs[id]
	return spec, ok
}

func (c *rubricCache) put(id string, spec RubricSpec) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.specs == nil {
		c.specs = map[string]RubricSpec{}
	}
	c.specs[id] = spec
}

// clone copies the spec so that an observation's rubric never shares memory with another's.
func (r RubricSpec) clone() RubricSpec {
	return RubricSpec{Dimensions: slices.Clone(r.Dimensions), Bands: slices.Clone(r.Bands)}
}

// snapshotID is the id of the snapshot of a spec: the first 128 bits of the SHA-256 of its
// JSON, in hex.
func snapshotID(spec []byte) string {
	sum := sha256.Sum256(spec)
	return hex.EncodeToString(sum[:16])
}

// snapshotRubric stores the spec an observation is scored with, once per distinct spec, and
// returns the snapshot's id.
func (s *Store) snapshotRubric(ctx context.Context, tx dbtx, spec RubricSpec) (string, error) {
	b, err := json.Marshal(spec)
	if err != nil {
		return "", err
	}
	id := snapshotID(b)
	// The cache holds only snapshots read back from the file, so a snapshot written by a
	// transaction that then rolled back is written again by the next save that needs it.
	if _, ok := s.rubrics.get(id); ok {
		return id, nil
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO rubric_snapshots (id, spec) VALUES (?, ?) ON CONFLICT (id) DO NOTHING", id, string(b))
	return id, err
}

// rubricSnapshots returns the specs of the snapshots with the given ids (repeats allowed),
// reading only those not yet cached.
func (s *Store) rubricSnapshots(ctx context.Context, ids []string) (map[string]RubricSpec, error) {
	specs := make(map[string]RubricSpec)
	var missing []any
	for _, id := range ids {
		if _, done := specs[id]; done {
			continue
		}
		if spec, ok := s.rubrics.get(id); ok {
			specs[id] = spec
			continue
		}
		specs[id] = RubricSpec{}
		missing = append(missing, id)
	}
	if len(missing) == 0 {
		return specs, nil
	}
	q := "SELECT id, spec FROM rubric_snapshots WHERE id IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(missing)), ", ") + ")"
	rows, err := s.r.QueryContext(ctx, q, missing...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	found := 0
	for rows.Next() {
		var id, text string
		if err := rows.Scan(&id, &text); err != nil {
			return nil, mapErr(err)
		}
		var spec RubricSpec
		if err := json.Unmarshal([]byte(text), &spec); err != nil {
			return nil, fmt.Errorf("rubric snapshot %s: %w: %w", id, ErrDamaged, err)
		}
		s.rubrics.put(id, spec)
		specs[id] = spec
		found++
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	if found < len(missing) {
		return nil, fmt.Errorf("rubric snapshot missing: %w", ErrDamaged)
	}
	return specs, nil
}
