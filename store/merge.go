package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// This file merges a ChangeSet received from another installation; sync.go says what travels.

// MergeResult counts what a merge did with the records it received.
type MergeResult struct {
	Added     int // records new here
	Updated   int // records replaced by a later version
	Unchanged int // records already here in this version or a later one
	Conflicts int // records changed on both sides, each unaware of the other, and settled
	Waiting   int // records kept aside until the records they refer to arrive
}

// Merge adds a change set from another installation in one transaction: per record, the
// later change wins (the installation id breaks a tie), so merging in any order, or twice,
// ends the same. A record whose references are missing waits, kept aside, for a later merge.
// Any error from cr rolls the whole merge back.
func (s *Store) Merge(ctx context.Context, cr ChangeReader) (MergeResult, error) {
	var res MergeResult
	h := cr.Header()
	if h.From == "" {
		return res, fmt.Errorf("merge: change set without a sender: %w", ErrBadRecord)
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		// Every row's references are checked before it is written; deferring the foreign
		// keys to the commit covers the order of a record's own rows.
		if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO exchange_merging (one) VALUES (1)"); err != nil {
			return err
		}
		// A merge runs the same few dozen statements for every record: prepare them once.
		cache := &stmtCache{tx: tx, stmts: map[string]*sql.Stmt{}}
		defer cache.close()
		m := &merger{s: s, tx: cache, fileSeen: h.Seen, res: &res, refs: map[string][]ref{}, newest: map[string]string{}}
		var err error
		if m.localSeen, err = seen(ctx, cache); err != nil {
			return err
		}
		waiting, err := m.takePending(ctx)
		if err != nil {
			return err
		}
		// Records that waited are placed just before the received ones of their table.
		due := 0
		placeWaiting := func(upto int) error {
			for ; due <= upto; due++ {
				t := syncTables[due]
				for _, r := range waiting[t.name] {
					if err := m.place(ctx, t, r); err != nil {
						return fmt.Errorf("%s %s: %w", t.name, r.str(colID), err)
					}
				}
			}
			return nil
		}
		current := 0
		for {
			table, r, err := cr.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
			i := tableIndex(table)
			if i < current {
				return fmt.Errorf("%s after %s: %w", table, syncTables[current].name, ErrBadRecord)
			}
			current = i
			t := syncTables[i]
			if err := t.check(r); err != nil {
				return err
			}
			if err := placeWaiting(i); err != nil {
				return err
			}
			if by, at := r.str(colUpdatedBy), r.str(colUpdatedAt); at > m.newest[by] {
				m.newest[by] = at
			}
			if err := m.place(ctx, t, r); err != nil {
				return fmt.Errorf("%s %s: %w", t.name, r.str(colID), err)
			}
		}
		if err := placeWaiting(len(syncTables) - 1); err != nil {
			return err
		}
		if err := m.hear(ctx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM exchange_merging"); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM exchange_pending").Scan(&res.Waiting)
	})
	if err != nil {
		return MergeResult{}, fmt.Errorf("merge: %w", err)
	}
	return res, nil
}

// tableIndex is the place of an exchanged table in SyncTables, -1 for another name.
func tableIndex(name string) int {
	for i, t := range syncTables {
		if t.name == name {
			return i
		}
	}
	return -1
}

// merger is one Merge in progress.
type merger struct {
	s         *Store
	tx        dbtx
	localSeen map[string]string // newest change per installation here, before the merge
	fileSeen  map[string]string // the same, as the sender held it
	newest    map[string]string // per installation, its newest change received
	res       *MergeResult
	refs      map[string][]ref
}

// ref is a column that refers to a record of another table.
type ref struct {
	col    int
	parent string
}

// hear notes the newest change of each installation that the merge received.
func (m *merger) hear(ctx context.Context) error {
	for by, at := range m.newest {
		if _, err := m.tx.ExecContext(ctx, `INSERT INTO exchange_heard (installation_id, newest) VALUES (?, ?)
			ON CONFLICT (installation_id) DO UPDATE SET newest = MAX(newest, excluded.newest)`, by, at); err != nil {
			return err
		}
	}
	return nil
}

// takePending takes the records that waited for their references out of waiting, by table.
func (m *merger) takePending(ctx context.Context) (map[string][]SyncRow, error) {
	rows, err := m.tx.QueryContext(ctx, "SELECT tbl, row FROM exchange_pending ORDER BY tbl, record_id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	waiting := map[string][]SyncRow{}
	for rows.Next() {
		var tbl string
		var raw []byte
		if err := rows.Scan(&tbl, &raw); err != nil {
			return nil, err
		}
		cols, _ := SyncColumns(tbl)
		r, err := parseSyncRow(tbl, cols, raw, true)
		if err != nil {
			return nil, err
		}
		waiting[tbl] = append(waiting[tbl], r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	_, err = m.tx.ExecContext(ctx, "DELETE FROM exchange_pending")
	return waiting, err
}

// place merges one received record.
func (m *merger) place(ctx context.Context, t syncTable, r SyncRow) error {
	missing, err := m.missingRef(ctx, t, r)
	if err != nil {
		return err
	}
	if missing {
		return m.park(ctx, t, r)
	}
	local, found, err := m.load(ctx, t, r.str(colID))
	if err != nil {
		return err
	}
	if found {
		r = r.withLocal(local)
	}
	if !found {
		if r, err = m.settleUnique(ctx, t, r); err != nil {
			return err
		}
		m.res.Added++
		return m.write(ctx, t, r, true)
	}
	switch c := compareVersions(r, local); {
	case c == 0:
		m.res.Unchanged++
	case c < 0:
		m.res.Unchanged++
		if r.str(colUpdatedAt) > m.localSeen[r.str(colUpdatedBy)] {
			m.res.Conflicts++ // a change made there without knowing of the later one here
		}
	default:
		if local.str(colUpdatedAt) > m.fileSeen[local.str(colUpdatedBy)] {
			m.res.Conflicts++ // the sender changed it without knowing of the change here
		}
		if r, err = m.settleUnique(ctx, t, r); err != nil {
			return err
		}
		m.res.Updated++
		return m.write(ctx, t, r, false)
	}
	return nil
}

// missingRef reports whether r refers to a record that is not here.
func (m *merger) missingRef(ctx context.Context, t syncTable, r SyncRow) (bool, error) {
	refs, err := m.refsOf(ctx, t)
	if err != nil {
		return false, err
	}
	exists := func(table string, id any) (bool, error) {
		var one int
		err := m.tx.QueryRowContext(ctx, "SELECT 1 FROM "+table+" WHERE id = ?", id).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		return err == nil, err
	}
	for _, f := range refs {
		if v, ok := r[f.col].(string); ok {
			if ok, err := exists(f.parent, v); !ok || err != nil {
				return true, err
			}
		}
	}
	for _, l := range t.lists {
		ids, _ := r[t.at(l.column)].([]string)
		for _, id := range ids {
			if ok, err := exists(l.parent, id); !ok || err != nil {
				return true, err
			}
		}
	}
	return false, nil
}

// refsOf reads the table's references from the schema, once per merge.
func (m *merger) refsOf(ctx context.Context, t syncTable) ([]ref, error) {
	if refs, ok := m.refs[t.name]; ok {
		return refs, nil
	}
	rows, err := m.tx.QueryContext(ctx, "SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)", t.name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols := t.columns()
	var refs []ref
	for rows.Next() {
		var from, parent string
		if err := rows.Scan(&from, &parent); err != nil {
			return nil, err
		}
		for i, c := range cols {
			if c == from {
				refs = append(refs, ref{col: i, parent: parent})
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// The record's texts may refer to others too: an activity's chair and recorder.
	for c, parent := range t.textRefs {
		refs = append(refs, ref{col: t.at(c), parent: parent})
	}
	m.refs[t.name] = refs
	return refs, nil
}

// park keeps r aside until what it refers to arrives, unless a later version already waits.
func (m *merger) park(ctx context.Context, t syncTable, r SyncRow) error {
	var raw []byte
	err := m.tx.QueryRowContext(ctx, "SELECT row FROM exchange_pending WHERE tbl = ? AND record_id = ?", t.name, r.str(colID)).Scan(&raw)
	if err == nil {
		prev, perr := parseSyncRow(t.name, t.columns(), raw, true)
		if perr == nil && compareVersions(prev, r) >= 0 {
			return nil
		}
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = m.tx.ExecContext(ctx, `INSERT INTO exchange_pending (tbl, record_id, row) VALUES (?, ?, ?)
		ON CONFLICT (tbl, record_id) DO UPDATE SET row = excluded.row`, t.name, r.str(colID), string(r.canonical()))
	return err
}

// load reads the version of a record held here.
func (m *merger) load(ctx context.Context, t syncTable, id string) (SyncRow, bool, error) {
	rows, err := m.tx.QueryContext(ctx, t.selectSQL()+" WHERE r.id = ?", id)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, false, rows.Err()
	}
	r, err := t.scanRow(rows)
	if err != nil {
		return nil, false, err
	}
	rows.Close()
	r, err = t.withLists(ctx, m.tx, r)
	return r, err == nil, err
}

// settleUnique keeps a column set unique among live records (one school of a name, one grade
// per owner …) when both sides made such a record: the later one stays and the other is
// deleted, by a new change of this installation that the next exchange carries back. It
// returns r, deleted if r is the one to go.
func (m *merger) settleUnique(ctx context.Context, t syncTable, r SyncRow) (SyncRow, error) {
	if r[colDeletedAt] != nil || len(t.unique) == 0 {
		return r, nil
	}
	cols := t.columns()
	for _, key := range t.unique {
		where := make([]string, len(key))
		args := make([]any, len(key), len(key)+1)
		for i, k := range key {
			where[i] = k + " = ?"
			for j, c := range cols {
				if c == k {
					args[i] = r[j]
				}
			}
		}
		args = append(args, r.str(colID))
		var otherID string
		err := m.tx.QueryRowContext(ctx, "SELECT id FROM "+t.name+" WHERE "+strings.Join(where, " AND ")+
			" AND deleted_at IS NULL AND id <> ?", args...).Scan(&otherID)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return r, err
		}
		other, _, err := m.load(ctx, t, otherID)
		if err != nil {
			return r, err
		}
		m.res.Conflicts++
		if compareVersions(r, other) < 0 {
			at := m.after(r.str(colUpdatedAt))
			r = append(SyncRow{}, r...)
			r[colDeletedAt], r[colUpdatedAt], r[colUpdatedBy] = at, at, m.s.installID
			return r, nil
		}
		at := m.after(other.str(colUpdatedAt))
		if _, err := m.tx.ExecContext(ctx, "UPDATE "+t.name+" SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?",
			at, at, m.s.installID, otherID); err != nil {
			return r, err
		}
	}
	return r, nil
}

// after is a timestamp for a change made now that is later than prev even if this
// machine's clock is behind.
func (m *merger) after(prev string) string {
	now := m.s.stamp()
	if now > prev {
		return now
	}
	t, err := time.Parse(stamp, prev)
	if err != nil {
		return now
	}
	return t.Add(time.Millisecond).UTC().Format(stamp)
}

// snapshotRubric stores the spec an observation arrived with as a snapshot, and returns the
// columns and row to write with the snapshot's id in place of the spec.
func (m *merger) snapshotRubric(ctx context.Context, cols []string, r SyncRow) ([]string, SyncRow, error) {
	i := slices.Index(cols, rubricColumn)
	spec, ok := r[i].(string)
	if !ok {
		return nil, nil, fmt.Errorf("observations %v: no rubric: %w", r[colID], ErrBadRecord)
	}
	id := snapshotID([]byte(spec))
	if _, err := m.tx.ExecContext(ctx, "INSERT INTO rubric_snapshots (id, spec) VALUES (?, ?) ON CONFLICT (id) DO NOTHING", id, spec); err != nil {
		return nil, nil, err
	}
	cols, r = slices.Clone(cols), slices.Clone(r)
	cols[i], r[i] = "rubric_id", id
	return cols, r, nil
}

// write stores r, its texts, its lists and its files. A column r lacks (from an older
// termbook's file) is left out: a new record takes its default.
func (m *merger) write(ctx context.Context, t syncTable, r SyncRow, insert bool) error {
	cols := t.columns()
	n := nRecordCols + len(t.cols)
	if t.rubric {
		var err error
		if cols, r, err = m.snapshotRubric(ctx, cols, r); err != nil {
			return err
		}
	}
	var names []string
	var vals []any
	for i := range n {
		if _, ok := r[i].(absent); !ok && (insert || i != colID) {
			names, vals = append(names, cols[i]), append(vals, r[i])
		}
	}
	var err error
	if insert {
		_, err = m.tx.ExecContext(ctx, "INSERT INTO "+t.name+" ("+strings.Join(names, ", ")+") VALUES ("+placeholders(len(names))+")", vals...)
	} else {
		set := make([]string, len(names))
		for i, c := range names {
			set[i] = c + " = ?"
		}
		_, err = m.tx.ExecContext(ctx, "UPDATE "+t.name+" SET "+strings.Join(set, ", ")+" WHERE id = ?", append(vals, r[colID])...)
	}
	if err != nil {
		return err
	}
	if err := m.writeTexts(ctx, t, r[n:n+len(t.textCols)], r[colID], insert); err != nil {
		return err
	}
	// A record new here has no rows of its lists yet: only what it carries is written.
	for _, l := range t.lists {
		if ids, ok := r[t.at(l.column)].([]string); ok && (len(ids) > 0 || !insert) {
			if err := setList(ctx, m.tx, l, r.str(colID), ids); err != nil {
				return err
			}
		}
	}
	if !t.files {
		return nil
	}
	if v, ok := r[t.at(FilesColumn)].(string); ok {
		files, err := parseFiles(v)
		if err != nil {
			return fmt.Errorf("%s %v: files: %w", t.name, r[colID], ErrBadRecord)
		}
		if len(files) > 0 || !insert {
			return setFiles(ctx, m.tx, r.str(colID), files)
		}
	}
	return nil
}

// writeTexts stores the texts of record id, those it carries; optional texts all empty leave
// no row.
func (m *merger) writeTexts(ctx context.Context, t syncTable, texts []any, id any, insert bool) error {
	if t.texts == "" {
		return nil
	}
	var names, set []string
	args := []any{id}
	empty := true
	for i, c := range t.textCols {
		if _, ok := texts[i].(absent); ok {
			continue
		}
		names, set, args = append(names, c), append(set, c+" = excluded."+c), append(args, texts[i])
		if texts[i] != nil && texts[i] != "" {
			empty = false
		}
	}
	switch {
	case len(names) == 0:
		return nil
	case t.textsOptional && empty && len(names) == len(t.textCols):
		if insert {
			return nil
		}
		_, err := m.tx.ExecContext(ctx, "DELETE FROM "+t.texts+" WHERE "+t.textKey+" = ?", id)
		return err
	}
	_, err := m.tx.ExecContext(ctx, "INSERT INTO "+t.texts+" ("+t.textKey+", "+strings.Join(names, ", ")+") VALUES ("+
		placeholders(len(names)+1)+") ON CONFLICT ("+t.textKey+") DO UPDATE SET "+strings.Join(set, ", "), args...)
	return err
}
