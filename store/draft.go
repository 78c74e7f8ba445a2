package store

import (
	"context"
	"database/sql"
	"time"
)

// Draft is the unsaved content of a form, kept so that a crash or a closed window loses at
// most a few seconds of typing.
type Draft struct {
	Key       string // which form and record: "observation:new", "guidance:<id>" …
	Form      string // the form's kind, for the offer to restore it
	Payload   string // the form's fields as JSON, owned by the UI
	UpdatedAt time.Time
}

// SaveDraft stores (or replaces) a draft.
func (s *Store) SaveDraft(ctx context.Context, d Draft) error {
	c := checker{record: "draft"}
	c.text("key", d.Key, MaxShort, true, false)
	c.text("payload", d.Payload, 4*MaxLong, false, true)
	if err := c.err(); err != nil {
		return err
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO drafts (key, form, payload, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET form = excluded.form, payload = excluded.payload, updated_at = excluded.updated_at`,
			d.Key, d.Form, d.Payload, s.stamp())
		return err
	})
}

// DeleteDraft forgets a draft, once its form is saved or discarded.
func (s *Store) DeleteDraft(ctx context.Context, key string) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM drafts WHERE key = ?", key)
		return err
	})
}

// Drafts returns the kept drafts, newest first.
func (s *Store) Drafts(ctx context.Context) ([]Draft, error) {
	return queryAll(ctx, s.r, func(sc scanner) (Draft, error) {
		var d Draft
		var at sql.NullString
		err := sc.Scan(&d.Key, &d.Form, &d.Payload, &at)
		d.UpdatedAt = parseStamp(at)
		return d, err
	}, "SELECT key, form, payload, updated_at FROM drafts ORDER BY updated_at DESC")
}
