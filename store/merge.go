package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
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
	// LetGo counts records that waited in vain and were given up: for longer than
	// MaxWaitingAge, beyond MaxWaiting, or no longer passing the checks once what they
	// waited for came. A full export from the partner (no --partner) sends them again.
	LetGo int
	// Ahead counts records dated more than a day after this machine's clock, taken as
	// dated: a clock set wrong on one side. AheadUntil is the latest of those dates.
	Ahead      int
	AheadUntil time.Time
}

// How many received records may wait for the records they refer to, and how long. A record
// waits when the file with what it refers to was lost, or comes later: a month's file in a
// drawer, a stick left at the other school over the holidays. The records of a term are a
// few thousand (the ten-year sample averages about 6,000); twenty thousand is several
// terms' worth, more than one lost file can leave waiting, and small enough that a merge's
// look at them costs little. A school year covers any file found late; a record that waited
// longer is from a term long reviewed, and its partner's full export sends it again.
const (
	MaxWaiting    = 20000
	MaxWaitingAge = 365 * 24 * time.Hour
)

// waitingLimit is how many received records may wait.
func (s *Store) waitingLimit() int {
	if s.maxWaiting > 0 {
		return s.maxWaiting
	}
	return MaxWaiting
}

// waitingBatch bounds how many waiting records a merge reads at once: a count, and bytes
// (a record with its notes runs to 100 KB, a hostile one to maxLine).
const (
	waitingBatchRows  = 256
	waitingBatchBytes = 4 << 20
)

// Merge adds a change set from another installation in one transaction: per record, the
// later change wins (the installation id breaks a tie), so merging in any order, or twice,
// ends the same. Every record is checked as it is placed, as a RecordCheck checks it; one
// that fails fails the merge. A record whose references are missing waits, kept aside, for a
// later merge. Any error from cr rolls the whole merge back.
func (s *Store) Merge(ctx context.Context, cr ChangeReader) (MergeResult, error) {
	var res MergeResult
	h := cr.Header()
	if h.From == "" {
		return res, fmt.Errorf("merge: change set without a sender: %w", ErrBadRecord)
	}
	err := s.inWriteTx(ctx, func(_ *sql.Tx, cache *stmtCache) error {
		// Every row's references are checked before it is written, and a record's own rows
		// (texts, lists, files, its rubric's snapshot) are written in the order their keys
		// need, so the foreign keys hold after every statement. They are not deferred to the
		// commit: PRAGMA defer_foreign_keys, like every flag pragma, makes SQLite throw away
		// the connection's prepared statements, which the merge keeps from one to the next.
		if _, err := cache.ExecContext(ctx, "INSERT INTO exchange_merging (one) VALUES (1)"); err != nil {
			return err
		}
		m := &merger{s: s, tx: cache, fileSeen: h.Seen, res: &res, newest: map[string]string{},
			in: receiving{self: s.installID, now: s.Now()}, terms: map[string]Term{}}
		m.in.termOf = func(id string) (Term, error) { return m.term(ctx, id) }
		var err error
		if m.localSeen, err = seen(ctx, cache); err != nil {
			return err
		}
		if err := m.expireWaiting(ctx); err != nil {
			return err
		}
		// Records that waited are placed just before the received ones of their table.
		due := 0
		placeWaiting := func(upto int) error {
			for ; due <= upto; due++ {
				if err := m.placeWaiting(ctx, syncTables[due]); err != nil {
					return err
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
			if err := m.place(ctx, t, r, false); err != nil {
				return fmt.Errorf("%s %s: %w", t.name, shown(r.str(colID)), err)
			}
		}
		if err := placeWaiting(len(syncTables) - 1); err != nil {
			return err
		}
		if err := m.hear(ctx); err != nil {
			return err
		}
		if _, err := cache.ExecContext(ctx, "DELETE FROM exchange_merging"); err != nil {
			return err
		}
		return cache.QueryRowContext(ctx, "SELECT COUNT(*) FROM exchange_pending").Scan(&res.Waiting)
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
	in        receiving         // what received records are checked against; its termOf is m.term
	terms     map[string]Term   // the terms read so far, by id
	localSeen map[string]string // newest change per installation here, before the merge
	fileSeen  map[string]string // the same, as the sender held it
	newest    map[string]string // per installation, its newest change received
	res       *MergeResult
	waiting   int // records waiting now
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

// term reads the term a record being placed belongs to; the zero Term if there is none.
func (m *merger) term(ctx context.Context, id string) (Term, error) {
	if t, ok := m.terms[id]; ok {
		return t, nil
	}
	t, err := scanTerm(m.tx.QueryRowContext(ctx, "SELECT "+termCols+" FROM terms WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Term{}, nil
	}
	if err != nil {
		return Term{}, err
	}
	m.terms[id] = t
	return t, nil
}

// expireWaiting gives up the records that have waited longer than MaxWaitingAge, and counts
// those left.
func (m *merger) expireWaiting(ctx context.Context) error {
	cutoff := m.in.now.Add(-MaxWaitingAge).UTC().Format(stamp)
	res, err := m.tx.ExecContext(ctx, "DELETE FROM exchange_pending WHERE since < ?", cutoff)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	m.res.LetGo += int(n)
	return m.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM exchange_pending").Scan(&m.waiting)
}

// waitingRecord is a waiting record as exchange_pending keeps it.
type waitingRecord struct{ id, row string }

// parseWaiting reads a waiting record as park kept it: in every column of its table, those
// that an older file did not carry marked absent; or, kept by a termbook of exchange format
// version 1, in the columns that version had.
func parseWaiting(table, raw string) (SyncRow, error) {
	t, ok := syncTableNamed(table)
	if !ok {
		return nil, fmt.Errorf("table %q: %w", table, ErrBadRecord)
	}
	r, err := parseSyncRow(table, t.columns(), []byte(raw), true)
	if err != nil && len(t.added) > 0 {
		if old, oerr := parseSyncRow(table, t.firstColumns(), []byte(raw), false); oerr == nil {
			return old, nil
		}
	}
	return r, err
}

// placeWaiting places the waiting records of table t whose awaited record is here now, a
// batch at a time: however many wait, a merge holds one batch, and the records still waiting
// for what has not come are never read.
func (m *merger) placeWaiting(ctx context.Context, t syncTable) error {
	q, err := m.waitingQuery(ctx, t)
	if err != nil {
		return err
	}
	after := ""
	for {
		batch, err := m.waitingBatch(ctx, q, t.name, after)
		if err != nil || len(batch) == 0 {
			return err
		}
		for _, w := range batch {
			after = w.id
			r, err := parseWaiting(t.name, w.row)
			if err != nil || r.str(colID) != w.id {
				// Kept by an older termbook in a form this one does not read.
				if err := m.letGo(ctx, t, w.id); err != nil {
					return err
				}
				continue
			}
			if err := m.place(ctx, t, r, true); err != nil {
				return fmt.Errorf("%s %s: %w", t.name, shown(w.id), err)
			}
		}
	}
}

// waitingQuery selects, after a record id, the next waiting records of a table whose awaited
// record is here, or that do not say what they await (kept before termbook noted it).
func (m *merger) waitingQuery(ctx context.Context, t syncTable) (string, error) {
	refs, err := m.refsOf(ctx, t)
	if err != nil {
		return "", err
	}
	parents := make([]string, 0, len(refs)+1)
	for _, f := range refs {
		parents = append(parents, f.parent)
	}
	for _, l := range t.lists {
		parents = append(parents, l.parent)
	}
	slices.Sort(parents)
	cond := []string{"waits_tbl = ''"}
	for _, p := range slices.Compact(parents) {
		cond = append(cond, "(waits_tbl = '"+p+"' AND EXISTS (SELECT 1 FROM "+p+" WHERE id = waits_for))")
	}
	return "SELECT record_id, row FROM exchange_pending WHERE tbl = ? AND record_id > ? AND (" +
		strings.Join(cond, " OR ") + ") ORDER BY record_id LIMIT " + strconv.Itoa(waitingBatchRows), nil
}

// waitingBatch reads the next batch of waitingQuery q, bounded in count and bytes.
func (m *merger) waitingBatch(ctx context.Context, q, table, after string) ([]waitingRecord, error) {
	rows, err := m.tx.QueryContext(ctx, q, table, after)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var batch []waitingRecord
	size := 0
	for size < waitingBatchBytes && rows.Next() {
		var w waitingRecord
		if err := rows.Scan(&w.id, &w.row); err != nil {
			return nil, err
		}
		batch = append(batch, w)
		size += len(w.row)
	}
	return batch, rows.Err()
}

// letGo gives up a waiting record.
func (m *merger) letGo(ctx context.Context, t syncTable, id string) error {
	if _, err := m.tx.ExecContext(ctx, "DELETE FROM exchange_pending WHERE tbl = ? AND record_id = ?", t.name, id); err != nil {
		return err
	}
	m.waiting--
	m.res.LetGo++
	return nil
}

// place merges one record: received now, or waited is true for one that waited.
func (m *merger) place(ctx context.Context, t syncTable, r SyncRow, waited bool) error {
	parent, parentID, err := m.missingRef(ctx, t, r)
	if err != nil {
		return err
	}
	if parent != "" {
		return m.park(ctx, t, r, parent, parentID, waited)
	}
	local, found, err := m.load(ctx, t, r.str(colID))
	if err != nil {
		return err
	}
	// What an older termbook's file does not carry, it did not change: the version here
	// keeps it, and a record new here takes the default.
	if found {
		r = r.withLocal(local)
	} else {
		r = r.withDefaults(t)
	}
	if err := t.checkReceived(r, &m.in); err != nil {
		var bad *RecordError
		if waited && (errors.As(err, &bad) || errors.Is(err, ErrBadRecord)) {
			// It passed the checks it could when it came; now its term is here, or a newer
			// termbook checks more.
			return m.letGo(ctx, t, r.str(colID))
		}
		return err
	}
	if waited {
		if _, err := m.tx.ExecContext(ctx, "DELETE FROM exchange_pending WHERE tbl = ? AND record_id = ?", t.name, r.str(colID)); err != nil {
			return err
		}
		m.waiting--
	} else if m.in.ahead(r) {
		m.res.Ahead++
		if at, _ := time.Parse(stamp, r.str(colUpdatedAt)); at.After(m.res.AheadUntil) {
			m.res.AheadUntil = at
		}
	}
	if t.name == "terms" {
		delete(m.terms, r.str(colID))
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

// missingRef returns the first record r refers to that is not here, as its table and id;
// "" when all are here.
func (m *merger) missingRef(ctx context.Context, t syncTable, r SyncRow) (parent, id string, err error) {
	refs, err := m.refsOf(ctx, t)
	if err != nil {
		return "", "", err
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
		v, ok := r[f.col].(string)
		if !ok {
			continue
		}
		if ok, err := exists(f.parent, v); !ok || err != nil {
			return f.parent, v, err
		}
	}
	for _, l := range t.lists {
		ids, _ := r[t.at(l.column)].([]string)
		for _, id := range ids {
			if ok, err := exists(l.parent, id); !ok || err != nil {
				return l.parent, id, err
			}
		}
	}
	return "", "", nil
}

// refsOf reads the table's references from the schema, once per store: the schema does not
// change while it is open, and reading it for every merge was a tenth of a small one's cost.
func (m *merger) refsOf(ctx context.Context, t syncTable) ([]ref, error) {
	rc := &m.s.refs
	rc.mu.Lock()
	refs, ok := rc.m[t.name]
	rc.mu.Unlock()
	if ok {
		return refs, nil
	}
	rows, err := m.tx.QueryContext(ctx, "SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)", t.name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols := t.columns()
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
	for _, c := range t.textCols {
		if parent := t.textRefs[c]; parent != "" {
			refs = append(refs, ref{col: t.at(c), parent: parent})
		}
	}
	rc.mu.Lock()
	if rc.m == nil {
		rc.m = map[string][]ref{}
	}
	rc.m[t.name] = refs
	rc.mu.Unlock()
	return refs, nil
}

// refCache holds the references of each exchanged table (merge.go).
type refCache struct {
	mu sync.Mutex
	m  map[string][]ref
}

// park keeps r aside until the record it refers to (parent, parentID) arrives, unless a
// later version of it already waits. A waiting record that still waits notes what for now.
// A new one is let go when MaxWaiting wait already.
func (m *merger) park(ctx context.Context, t syncTable, r SyncRow, parent, parentID string, waited bool) error {
	id := r.str(colID)
	if waited {
		_, err := m.tx.ExecContext(ctx, "UPDATE exchange_pending SET waits_tbl = ?, waits_for = ? WHERE tbl = ? AND record_id = ?",
			parent, parentID, t.name, id)
		return err
	}
	var raw string
	err := m.tx.QueryRowContext(ctx, "SELECT row FROM exchange_pending WHERE tbl = ? AND record_id = ?", t.name, id).Scan(&raw)
	switch {
	case err == nil:
		if prev, err := parseWaiting(t.name, raw); err == nil && compareVersions(prev, r) >= 0 {
			return nil
		}
		_, err = m.tx.ExecContext(ctx, "UPDATE exchange_pending SET row = ?, waits_tbl = ?, waits_for = ? WHERE tbl = ? AND record_id = ?",
			string(r.canonical()), parent, parentID, t.name, id)
		return err
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	if m.waiting >= m.s.waitingLimit() {
		m.res.LetGo++
		return nil
	}
	_, err = m.tx.ExecContext(ctx, `INSERT INTO exchange_pending (tbl, record_id, row, since, waits_tbl, waits_for)
		VALUES (?, ?, ?, ?, ?, ?)`, t.name, id, string(r.canonical()), m.in.now.UTC().Format(stamp), parent, parentID)
	if err == nil {
		m.waiting++
	}
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

// write stores r, its texts, its lists and its files: every column, as place fills in what
// an older file does not carry.
func (m *merger) write(ctx context.Context, t syncTable, r SyncRow, insert bool) error {
	cols := t.columns()
	n := nRecordCols + len(t.cols)
	if t.rubric {
		var err error
		if cols, r, err = m.snapshotRubric(ctx, cols, r); err != nil {
			return err
		}
	}
	var err error
	if insert {
		_, err = m.tx.ExecContext(ctx, "INSERT INTO "+t.name+" ("+strings.Join(cols[:n], ", ")+") VALUES ("+placeholders(n)+")", r[:n]...)
	} else {
		set := make([]string, n-1)
		for i, c := range cols[1:n] {
			set[i] = c + " = ?"
		}
		args := append(append([]any{}, r[1:n]...), r[colID])
		_, err = m.tx.ExecContext(ctx, "UPDATE "+t.name+" SET "+strings.Join(set, ", ")+" WHERE id = ?", args...)
	}
	if err != nil {
		return err
	}
	if err := m.writeTexts(ctx, t, r[n:n+len(t.textCols)], r[colID], insert); err != nil {
		return err
	}
	// A record new here has no rows of its lists yet: an empty list writes none.
	for _, l := range t.lists {
		if ids := r[t.at(l.column)].([]string); len(ids) > 0 || !insert {
			if err := setList(ctx, m.tx, l, r.str(colID), ids); err != nil {
				return err
			}
		}
	}
	if !t.files {
		return nil
	}
	files, err := parseFiles(r.str(t.at(FilesColumn)))
	if err != nil {
		return fmt.Errorf("%s %v: files: %w", t.name, r[colID], ErrBadRecord)
	}
	if len(files) > 0 || !insert {
		return setFiles(ctx, m.tx, r.str(colID), files)
	}
	return nil
}

// writeTexts stores the texts of record id; optional texts, all empty, leave no row.
func (m *merger) writeTexts(ctx context.Context, t syncTable, texts []any, id any, insert bool) error {
	if t.texts == "" {
		return nil
	}
	if t.textsOptional && !slices.ContainsFunc(texts, func(v any) bool { return v != nil && v != "" }) {
		if insert {
			return nil
		}
		_, err := m.tx.ExecContext(ctx, "DELETE FROM "+t.texts+" WHERE "+t.textKey+" = ?", id)
		return err
	}
	set := make([]string, len(t.textCols))
	for i, c := range t.textCols {
		set[i] = c + " = excluded." + c
	}
	q := "INSERT INTO " + t.texts + " (" + t.textKey + ", " + strings.Join(t.textCols, ", ") + ") VALUES (" +
		placeholders(len(t.textCols)+1) + ") ON CONFLICT (" + t.textKey + ") DO UPDATE SET " + strings.Join(set, ", ")
	_, err := m.tx.ExecContext(ctx, q, append([]any{id}, texts...)...)
	return err
}
