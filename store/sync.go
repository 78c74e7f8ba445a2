package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// This file holds the SQL for exchanging records between paired installations: what one
// sends (Changes) and how the other merges it (Merge). Package store/exchange owns the file
// that carries a ChangeSet from one machine to the other.

// syncTable is one record table as installations exchange it. A record travels whole: its
// row, the row of its long texts, and for an activity the schools taking part, the teachers
// present and the files kept with it.
type syncTable struct {
	name     string
	record   string      // what its Validate calls a record of it ("teacher")
	receive  receiveFunc // scans a received row into the record's type and validates it (receive.go)
	cols     []string    // its own columns, after the record columns
	texts    string      // the table of its long texts (textCols, keyed by textKey), or ""
	textKey  string
	textCols []string
	// textRefs are the text columns that refer to another table's records (column → table):
	// NULL, not "", when empty.
	textRefs map[string]string
	// textsOptional: no row of texts is kept while they are all empty (an activity's record).
	textsOptional bool
	lists         []syncList // an activity's schools and attendees
	files         bool       // an activity's files, travelling as FilesColumn
	rubric        bool       // an observation: its "rubric" travels as the spec, stored as a snapshot
	unique        [][]string // column sets unique among live records
	// added are the columns exchanged since the table first travelled (format version 1, or
	// version 2 before hand-ins and targets took today's shape), with the value a record new
	// here takes when an older file does not carry them.
	added map[string]any
}

// syncList is a list of ids that travels with a record as one column: the rows of table
// (key, value) of the record, value referring to the records of parent.
type syncList struct {
	column, table, key, value, parent string
}

// The lists of an activity: the schools taking part and the teachers present.
var (
	schoolsList   = syncList{column: SchoolsColumn, table: "activity_schools", key: "activity_id", value: "school_id", parent: "schools"}
	attendeesList = syncList{column: AttendeesColumn, table: "activity_attendees", key: "activity_id", value: "teacher_id", parent: "teachers"}
)

// syncTables lists the exchanged tables, every table after the tables it refers to, so a
// merge that goes down the list places parents before their children.
var syncTables = []syncTable{
	{name: "schools", record: "school", receive: validated(schoolCols, scanSchool),
		cols: []string{"name", "short_name", "district", "active"}, unique: [][]string{{"name"}}},
	{name: "teachers", record: "teacher", receive: validated(teacherCols, scanTeacher),
		cols: []string{"school_id", "name", "pinyin", "initials", "subjects", "grade", "rank", "post", "honour", "active"}},
	{name: "terms", record: "term", receive: validated(termCols, scanTerm), cols: []string{"name", "week1", "weeks"}},
	{name: "school_pairs", record: "school_pair", receive: validated(schoolPairCols, scanSchoolPair),
		cols: []string{"supporting_id", "supported_id", "agreed_on", "cycle_years", "note"}},
	{name: "mentor_pairs", record: "mentor_pair", receive: validated(mentorPairCols, scanMentorPair),
		cols: []string{"term_id", "mentor_id", "mentee_id", "subject", "goals"}},
	{name: "activity_types", record: "activity_type", receive: validated(activityTypeCols, scanActivityType),
		cols: []string{"code", "name", "name_en", "position", "active"}, added: map[string]any{"active": int64(1)}},
	{name: "activities", record: "activity", receive: receiveActivity,
		cols: []string{"term_id", "type_id", "title", "subject", "host_id", "place", "at_time",
			"sched", "on_date", "week", "month", "first_day", "last_day", "status", "done_on", "note", "series_id"},
		texts: "activity_records", textKey: "activity_id", textCols: strings.Split(proceedingsCols, ", "),
		textRefs:      map[string]string{"chair_id": "teachers", "recorder_id": "teachers", "prep_lead_id": "teachers"},
		textsOptional: true,
		lists:         []syncList{schoolsList, attendeesList},
		files:         true,
		added: map[string]any{"chair_id": nil, "recorder_id": nil, "minutes": "", "summary": "", "prep_lead_id": nil,
			"prep_unit": "", "prep_draft": "", "prep_discussion": "", "prep_revision": "",
			AttendeesColumn: []string{}, FilesColumn: "[]"}},
	{name: "activity_moves", record: "move", receive: validated(moveCols, scanMove),
		cols: []string{"activity_id", "from_sched", "from_date", "from_week", "from_month", "reason"}},
	{name: "rubrics", record: "rubric", receive: validated(rubricCols, scanRubric),
		cols: []string{"name", "spec", "is_default", "subject", "active"}, added: map[string]any{"subject": "", "active": int64(1)}},
	{name: "observations", record: "observation", receive: receiveObservation,
		cols: []string{"term_id", "activity_id", "school_id", "teacher_id", "observer_id", "subject",
			"class_name", "topic", "lesson_type", "kind", "observed_on", "week", "period", "rubric", "scores", "grade_only", "total", "grade",
			"lesson_no", "unit", "rubric_ref"},
		texts: "observation_texts", textKey: "observation_id", textCols: []string{"process", "comments", "highlights", "problems", "suggestions", "overall"},
		added:  map[string]any{"lesson_no": int64(0), "unit": "", "rubric_ref": nil, "overall": ""},
		rubric: true},
	{name: "followups", record: "followup", receive: validated(followUpCols, scanFollowUp),
		cols: []string{"observation_id", "teacher_id", "action", "due_on", "closed_on", "closed_note"}, unique: [][]string{{"observation_id"}}},
	{name: "guidance", record: "guidance", receive: validated(guidanceTextCols, scanGuidanceTexts),
		cols:  []string{"mentor_pair_id", "given_on", "form", "observation_id"},
		texts: "guidance_texts", textKey: "guidance_id", textCols: []string{"content", "reflection"}},
	{name: "handin_kinds", record: "handin_kind", receive: validated(handinKindCols, scanHandinKind),
		cols: []string{"code", "name", "name_en", "checklist", "position"}},
	{name: "handins", record: "handin", receive: validated(handinReceivedCols, scanHandin),
		cols:  []string{"term_id", "teacher_id", "kind_id", "title", "handed_on", "checked_by", "checked_on", "grade", "file"},
		texts: "handin_texts", textKey: "handin_id", textCols: []string{"comment"},
		added: map[string]any{"checked_by": "", "checked_on": nil, "grade": "", "file": "", "comment": ""}},
	{name: "targets", record: "target", receive: validated(targetCols, scanTarget),
		cols: []string{"term_id", "title", "metric", "scope", "applies_to", "counts", "type_id", "kind_id",
			"both_schools", "required", "per", "make_up", "weight", "position"}, unique: [][]string{{"term_id", "scope", "title", "applies_to"}},
		added: map[string]any{"make_up": int64(0), "weight": int64(0)}},
	{name: "term_grades", record: "term_grade", receive: validated(termGradeCols, scanTermGrade),
		cols:   []string{"term_id", "owner_kind", "owner_id", "grade"},
		unique: [][]string{{"term_id", "owner_kind", "owner_id"}}},
	{name: "reports", record: "report", receive: validated(reportReceivedCols, scanReport),
		cols:  []string{"term_id", "school_year", "unit", "filled_by", "approved_by", "dated"},
		texts: "report_texts", textKey: "report_id", textCols: []string{"progress", "results", "problems", "plans"},
		unique: [][]string{{"term_id"}, {"school_year"}}},
}

// The record columns come first in every exchanged row, in this order.
const (
	colID = iota
	colCreatedAt
	colUpdatedAt
	colUpdatedBy
	colDeletedAt
	nRecordCols
)

// Builtin is the installation id of the records every database starts with (the built-in
// activity types, the default rubric): they carry the same id and version everywhere, so
// paired schools' copies agree until someone edits one, and no export carries them before.
const Builtin = "00000000-0000-7000-8000-000000000000"

// DefaultRubricID is the id of the rubric every database starts with.
const DefaultRubricID = "00000000-0000-7000-8000-100000000001"

// builtinRecord is the record of a built-in: its fixed id, the Builtin installation, and a
// time before any installation's.
func builtinRecord(id string) Record {
	at := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	return Record{ID: id, CreatedAt: at, UpdatedAt: at, UpdatedBy: Builtin}
}

// The exchanged columns of an activity that carry lists: the schools taking part, the
// teachers present, and the files kept with it as JSON, [["2026-09/签到表.jpg","签到表"], …].
const (
	SchoolsColumn   = "schools"
	AttendeesColumn = "attendees"
	FilesColumn     = "files"
)

func syncTableNamed(name string) (syncTable, bool) {
	for _, t := range syncTables {
		if t.name == name {
			return t, true
		}
	}
	return syncTable{}, false
}

// columns are the exchanged columns: the record columns, its own, its texts, its lists, its
// files.
func (t syncTable) columns() []string {
	cols := []string{"id", "created_at", "updated_at", "updated_by", "deleted_at"}
	cols = append(cols, t.cols...)
	cols = append(cols, t.textCols...)
	for _, l := range t.lists {
		cols = append(cols, l.column)
	}
	if t.files {
		cols = append(cols, FilesColumn)
	}
	return cols
}

// width is the number of exchanged columns, len(t.columns()).
func (t syncTable) width() int {
	n := nRecordCols + len(t.cols) + len(t.textCols) + len(t.lists)
	if t.files {
		n++
	}
	return n
}

// list is the list that travels in column col, if it is one.
func (t syncTable) list(col string) (syncList, bool) {
	for _, l := range t.lists {
		if l.column == col {
			return l, true
		}
	}
	return syncList{}, false
}

// at is the place of column col in the exchanged row (columns), -1 for none. A merge asks it
// for every record, so it does not build the list.
func (t syncTable) at(col string) int {
	i := 0
	for _, part := range [][]string{{"id", "created_at", "updated_at", "updated_by", "deleted_at"}, t.cols, t.textCols} {
		if j := slices.Index(part, col); j >= 0 {
			return i + j
		}
		i += len(part)
	}
	for _, l := range t.lists {
		if l.column == col {
			return i
		}
		i++
	}
	if t.files && col == FilesColumn {
		return i
	}
	return -1
}

// CompatibleColumns reports whether a file written by an older termbook may carry table's
// records in cols: the record columns and the others in their order, lacking only columns
// added since (syncTable.added). A merge keeps the value held here for a column a record
// lacks, or gives it its default.
func CompatibleColumns(table string, cols []string) bool {
	t, ok := syncTableNamed(table)
	if !ok {
		return false
	}
	i := 0
	for _, c := range t.columns() {
		if i < len(cols) && cols[i] == c {
			i++
			continue
		}
		if _, ok := t.added[c]; !ok {
			return false
		}
	}
	return i == len(cols)
}

// absent stands for a column that a record from an older termbook's file does not carry.
type absent struct{}

// MarshalJSON keeps the mark when a waiting record is set aside.
func (absent) MarshalJSON() ([]byte, error) { return []byte(`{"absent":true}`), nil }

// withLocal fills the columns r lacks with the version held here: what an older termbook did
// not send, it did not change.
func (r SyncRow) withLocal(local SyncRow) SyncRow {
	var out SyncRow
	for i, v := range r {
		if _, ok := v.(absent); ok {
			if out == nil {
				out = slices.Clone(r)
			}
			out[i] = local[i]
		}
	}
	if out == nil {
		return r
	}
	return out
}

// firstColumns are the columns in which exchange format version 1 carried the table's
// records.
func (t syncTable) firstColumns() []string {
	return slices.DeleteFunc(t.columns(), func(c string) bool { _, ok := t.added[c]; return ok })
}

// withDefaults fills the columns r lacks as a record new here has them.
func (r SyncRow) withDefaults(t syncTable) SyncRow {
	if !slices.ContainsFunc(r, func(v any) bool { _, ok := v.(absent); return ok }) {
		return r
	}
	return r.withLocal(t.defaults())
}

// defaults is a row holding, in each column added since version 1, its default value.
func (t syncTable) defaults() SyncRow {
	cols := t.columns()
	r := make(SyncRow, len(cols))
	for i, c := range cols {
		r[i] = t.added[c]
	}
	return r
}

// SyncTables lists the exchanged tables, each after the tables its records refer to.
func SyncTables() []string {
	names := make([]string, len(syncTables))
	for i, t := range syncTables {
		names[i] = t.name
	}
	return names
}

// SyncColumns lists the columns in which a record of table travels, and false for a table
// that is not exchanged.
func SyncColumns(table string) ([]string, bool) {
	t, ok := syncTableNamed(table)
	if !ok {
		return nil, false
	}
	return t.columns(), true
}

// SyncRow is one record as installations exchange it: a value per SyncColumns, each a
// string, an int64, a float64 or nil, and a []string for a list (SchoolsColumn,
// AttendeesColumn).
type SyncRow []any

// ChangeHeader describes a change set: who sends it and what it has seen.
type ChangeHeader struct {
	From string            // the sending installation
	Seq  int64             // the sender's last change it includes
	Seen map[string]string // per installation, the newest change of it the sender has seen
}

// ChangeWriter receives a change set as Changes reads it: the header, then the records,
// each table's after the tables it refers to (SyncTables order).
type ChangeWriter interface {
	Header(ChangeHeader) error
	Record(table string, r SyncRow) error
}

// ChangeReader gives Merge a change set: its header, then one record at a time in
// SyncTables order, and io.EOF after the last.
type ChangeReader interface {
	Header() ChangeHeader
	Next() (table string, r SyncRow, err error)
}

// ErrBadRecord means a received record does not have the shape of its table.
var ErrBadRecord = errors.New("malformed record")

// ParseSyncRow reads one exchanged record of table from its JSON array, checking its shape:
// the right number of values, each of a storable type, an id and well-formed timestamps.
// What the values say is checked by a RecordCheck, and again by Merge.
func ParseSyncRow(table string, raw []byte) (SyncRow, error) {
	cols, ok := SyncColumns(table)
	if !ok {
		return nil, fmt.Errorf("table %q: %w", table, ErrBadRecord)
	}
	return parseSyncRow(table, cols, raw, false)
}

// ParseSyncRowFrom reads a record of table written in the columns cols of an older file
// (CompatibleColumns): the columns it lacks are marked absent, and a merge leaves them as
// they are here.
func ParseSyncRowFrom(table string, cols []string, raw []byte) (SyncRow, error) {
	if !CompatibleColumns(table, cols) {
		return nil, fmt.Errorf("table %q columns %v: %w", table, cols, ErrBadRecord)
	}
	return parseSyncRow(table, cols, raw, false)
}

// parseSyncRow reads a record written in columns cols into the whole row of its table.
// withAbsent accepts the marks of absent columns, as a waiting record keeps them.
func parseSyncRow(table string, cols []string, raw []byte, withAbsent bool) (SyncRow, error) {
	t, ok := syncTableNamed(table)
	if !ok {
		return nil, fmt.Errorf("table %q: %w", table, ErrBadRecord)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var vals []any
	if err := dec.Decode(&vals); err != nil {
		return nil, fmt.Errorf("%s: %w: %v", table, ErrBadRecord, err)
	}
	if len(vals) != len(cols) {
		return nil, fmt.Errorf("%s: %d values for %d columns: %w", table, len(vals), len(cols), ErrBadRecord)
	}
	row := make(SyncRow, t.width())
	whole := len(cols) == len(row) // in this version's columns: each value in its place
	if !whole {
		for i := range row {
			row[i] = absent{}
		}
	}
	for i, v := range vals {
		j := i
		if !whole {
			j = t.at(cols[i])
		}
		if m, ok := v.(map[string]any); ok && withAbsent && m["absent"] == true {
			continue
		}
		if _, ok := t.list(cols[i]); ok {
			list, ok := v.([]any)
			if !ok {
				return nil, fmt.Errorf("%s.%s: %w", table, cols[i], ErrBadRecord)
			}
			ids := make([]string, len(list))
			for k, e := range list {
				if ids[k], ok = e.(string); !ok || ids[k] == "" {
					return nil, fmt.Errorf("%s.%s: %w", table, cols[i], ErrBadRecord)
				}
			}
			row[j] = ids
			continue
		}
		switch v := v.(type) {
		case nil, string:
			row[j] = v
		case json.Number:
			if n, err := v.Int64(); err == nil {
				row[j] = n
			} else if f, err := v.Float64(); err == nil {
				row[j] = f
			} else {
				return nil, fmt.Errorf("%s.%s: %w", table, cols[i], ErrBadRecord)
			}
		default:
			return nil, fmt.Errorf("%s.%s: %w", table, cols[i], ErrBadRecord)
		}
	}
	if err := t.check(row); err != nil {
		return nil, err
	}
	return row, nil
}

// check verifies a row's shape and record columns.
func (t syncTable) check(r SyncRow) error {
	if len(r) != t.width() {
		return fmt.Errorf("%s: %d values: %w", t.name, len(r), ErrBadRecord)
	}
	if id, ok := r[colID].(string); !ok || id == "" {
		return fmt.Errorf("%s: no id: %w", t.name, ErrBadRecord)
	}
	if by, ok := r[colUpdatedBy].(string); !ok || by == "" {
		return fmt.Errorf("%s %v: no updated_by: %w", t.name, r[colID], ErrBadRecord)
	}
	for _, i := range []int{colCreatedAt, colUpdatedAt, colDeletedAt} {
		if i == colDeletedAt && r[i] == nil {
			continue
		}
		s, ok := r[i].(string)
		if _, err := time.Parse(stamp, s); !ok || err != nil || len(s) != len(stamp) {
			return fmt.Errorf("%s %v: bad timestamp %v: %w", t.name, r[colID], r[i], ErrBadRecord)
		}
	}
	return nil
}

func (r SyncRow) str(i int) string { s, _ := r[i].(string); return s }

// canonical is the row's content as bytes, the last tie-break between two versions.
func (r SyncRow) canonical() []byte {
	b, _ := json.Marshal(r)
	return b
}

// compareVersions orders two versions of one record: the later change wins, then the higher
// installation id, then a deletion over a live record, then the content, so that every
// installation picks the same winner whatever order the versions arrive in.
func compareVersions(a, b SyncRow) int {
	if c := strings.Compare(a.str(colUpdatedAt), b.str(colUpdatedAt)); c != 0 {
		return c
	}
	if c := strings.Compare(a.str(colUpdatedBy), b.str(colUpdatedBy)); c != 0 {
		return c
	}
	if ad, bd := a[colDeletedAt] != nil, b[colDeletedAt] != nil; ad != bd {
		if ad {
			return 1
		}
		return -1
	}
	return bytes.Compare(a.canonical(), b.canonical())
}

// rubricColumn is the exchanged column of an observation that carries its rubric's spec; the
// row itself holds the id of the spec's snapshot (rubric_id).
const rubricColumn = "rubric"

// selectSQL reads the exchanged columns of the table's records, aliased r.
func (t syncTable) selectSQL() string {
	cols := []string{"r.id", "r.created_at", "r.updated_at", "r.updated_by", "r.deleted_at"}
	for _, c := range t.cols {
		if t.rubric && c == rubricColumn {
			cols = append(cols, "(SELECT spec FROM rubric_snapshots WHERE id = r.rubric_id)")
			continue
		}
		cols = append(cols, "r."+c)
	}
	for _, c := range t.textCols {
		if t.textRefs[c] != "" {
			cols = append(cols, "x."+c)
			continue
		}
		cols = append(cols, "COALESCE(x."+c+", '')")
	}
	q := "SELECT " + strings.Join(cols, ", ") + " FROM " + t.name + " r"
	if t.texts != "" {
		q += " LEFT JOIN " + t.texts + " x ON x." + t.textKey + " = r.id"
	}
	return q
}

// scanRow reads a row of a selectSQL query: every exchanged column but an activity's lists
// and files.
func (t syncTable) scanRow(rows *sql.Rows) (SyncRow, error) {
	r := make(SyncRow, nRecordCols+len(t.cols)+len(t.textCols))
	dest := make([]any, len(r))
	for i := range r {
		dest[i] = &r[i]
	}
	return r, rows.Scan(dest...)
}

// listOf reads the ids a record's list holds, in order.
func listOf(ctx context.Context, q querier, l syncList, id string) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+l.value+" FROM "+l.table+" WHERE "+l.key+" = ? ORDER BY "+l.value, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := []string{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		ids = append(ids, s)
	}
	return ids, rows.Err()
}

// filesOf reads an activity's files as they travel: JSON [[path, caption], …].
func filesOf(ctx context.Context, q querier, id string) (string, error) {
	rows, err := q.QueryContext(ctx, "SELECT path, caption FROM activity_files WHERE activity_id = ? ORDER BY position", id)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	files := [][2]string{}
	for rows.Next() {
		var f [2]string
		if err := rows.Scan(&f[0], &f[1]); err != nil {
			return "", err
		}
		files = append(files, f)
	}
	b, _ := json.Marshal(files)
	return string(b), rows.Err()
}

// parseFiles reads the files column of a received activity.
func parseFiles(v string) ([]FileRef, error) {
	var pairs [][2]string
	if err := json.Unmarshal([]byte(v), &pairs); err != nil {
		return nil, err
	}
	files := make([]FileRef, len(pairs))
	for i, p := range pairs {
		files[i] = FileRef{Path: p[0], Caption: p[1]}
	}
	return files, nil
}

// withLists adds to r, read by a selectSQL query, the lists and files of its record.
func (t syncTable) withLists(ctx context.Context, q querier, r SyncRow) (SyncRow, error) {
	for _, l := range t.lists {
		ids, err := listOf(ctx, q, l, r.str(colID))
		if err != nil {
			return nil, err
		}
		r = append(r, ids)
	}
	if t.files {
		files, err := filesOf(ctx, q, r.str(colID))
		if err != nil {
			return nil, err
		}
		r = append(r, files)
	}
	return r, nil
}

// seenSQL finds, per installation, its newest change among the records held.
func seenSQL() string {
	parts := make([]string, len(syncTables))
	for i, t := range syncTables {
		parts[i] = "SELECT updated_by, updated_at FROM " + t.name
	}
	parts = append(parts, "SELECT installation_id, newest FROM exchange_heard")
	return "SELECT updated_by, MAX(updated_at) FROM (" + strings.Join(parts, " UNION ALL ") + ") GROUP BY updated_by"
}

func seen(ctx context.Context, q querier) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, seenSQL())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var by, at string
		if err := rows.Scan(&by, &at); err != nil {
			return nil, err
		}
		m[by] = at
	}
	return m, rows.Err()
}

// Changes reads, as one consistent snapshot, the records this installation made or changed
// (deletions included) after its change number afterSeq (all of them for 0), and hands them
// to w one at a time, so that a decade of records never has to fit in memory.
func (s *Store) Changes(ctx context.Context, afterSeq int64, w ChangeWriter) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("changes: %w", mapErr(err))
	}
	defer tx.Rollback()
	h := ChangeHeader{From: s.installID}
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(seq), 0) FROM exchange_log").Scan(&h.Seq); err != nil {
		return fmt.Errorf("changes: %w", mapErr(err))
	}
	if h.Seen, err = seen(ctx, tx); err != nil {
		return fmt.Errorf("changes: %w", mapErr(err))
	}
	if err := w.Header(h); err != nil {
		return err
	}
	for _, t := range syncTables {
		if err := s.tableChanges(ctx, tx, t, afterSeq, h.Seq, w); err != nil {
			return err
		}
	}
	return nil
}

// tableChanges hands w the changed records of one table.
func (s *Store) tableChanges(ctx context.Context, tx *sql.Tx, t syncTable, after, upto int64, w ChangeWriter) error {
	changed := " JOIN exchange_log l ON l.tbl = '" + t.name + "' AND l.record_id = r.id" +
		" WHERE l.seq > ? AND l.seq <= ? AND r.updated_by = ?"
	// The lists of all the changed records, a query per list rather than one per record.
	lists := make([]map[string][]string, len(t.lists))
	for i, l := range t.lists {
		var err error
		if lists[i], err = changedList(ctx, tx, t, l, after, upto, s.installID); err != nil {
			return fmt.Errorf("changes: %s: %w", t.name, mapErr(err))
		}
	}
	var files map[string][][2]string
	if t.files {
		var err error
		if files, err = changedFiles(ctx, tx, after, upto, s.installID); err != nil {
			return fmt.Errorf("changes: %s: %w", t.name, mapErr(err))
		}
	}
	rows, err := tx.QueryContext(ctx, t.selectSQL()+changed+" ORDER BY l.seq", after, upto, s.installID)
	if err != nil {
		return fmt.Errorf("changes: %s: %w", t.name, mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		r, err := t.scanRow(rows)
		if err != nil {
			return fmt.Errorf("changes: %s: %w", t.name, mapErr(err))
		}
		for i := range t.lists {
			r = append(r, nonNil(lists[i][r.str(colID)]))
		}
		if t.files {
			b, _ := json.Marshal(nonNil(files[r.str(colID)]))
			r = append(r, string(b))
		}
		if err := w.Record(t.name, r); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

// changedList reads list l of the changed records of t, by record.
func changedList(ctx context.Context, tx *sql.Tx, t syncTable, l syncList, after, upto int64, by string) (map[string][]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT x.`+l.key+`, x.`+l.value+` FROM `+l.table+` x
		JOIN exchange_log g ON g.tbl = '`+t.name+`' AND g.record_id = x.`+l.key+`
		JOIN `+t.name+` r ON r.id = x.`+l.key+`
		WHERE g.seq > ? AND g.seq <= ? AND r.updated_by = ? ORDER BY x.`+l.key+`, x.`+l.value, after, upto, by)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string][]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		m[k] = append(m[k], v)
	}
	return m, rows.Err()
}

// changedFiles reads the files of the changed activities, by activity, in order.
func changedFiles(ctx context.Context, tx *sql.Tx, after, upto int64, by string) (map[string][][2]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT x.activity_id, x.path, x.caption FROM activity_files x
		JOIN exchange_log g ON g.tbl = 'activities' AND g.record_id = x.activity_id
		JOIN activities r ON r.id = x.activity_id
		WHERE g.seq > ? AND g.seq <= ? AND r.updated_by = ? ORDER BY x.activity_id, x.position`, after, upto, by)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string][][2]string{}
	for rows.Next() {
		var k string
		var f [2]string
		if err := rows.Scan(&k, &f[0], &f[1]); err != nil {
			return nil, err
		}
		m[k] = append(m[k], f)
	}
	return m, rows.Err()
}

// PartnerSent returns the change number of the last export to the named partner, 0 when
// nothing was sent to it yet.
func (s *Store) PartnerSent(ctx context.Context, partner string) (int64, error) {
	var seq int64
	err := s.r.QueryRowContext(ctx, "SELECT sent_seq FROM exchange_partners WHERE name = ?", partner).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return seq, mapErr(err)
}

// ValidatePartner checks a partner's name as people type it.
func ValidatePartner(name string) error {
	c := checker{record: "partner"}
	c.text("partner", name, MaxName, true, false)
	return c.err()
}

// SetPartnerSent records that everything up to change number seq has been exported to the
// named partner; the mark never moves back.
func (s *Store) SetPartnerSent(ctx context.Context, partner string, seq int64) error {
	if err := ValidatePartner(partner); err != nil {
		return err
	}
	return s.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO exchange_partners (name, sent_seq, sent_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET sent_seq = MAX(sent_seq, excluded.sent_seq), sent_at = excluded.sent_at`,
			partner, seq, s.stamp())
		return err
	})
}

// Reidentify gives this database a new installation id: what a copy of another installation's
// file needs before the two can exchange records. It forgets the copied exchange marks.
func (s *Store) Reidentify(ctx context.Context) error {
	id := newID()
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE meta SET value = ? WHERE key = 'installation_id'", id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM exchange_partners")
		return err
	})
	if err == nil {
		s.installID = id
	}
	return err
}
