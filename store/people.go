package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// School is a school taking part in a pairing.
type School struct {
	Record
	Name      string // 定边第五小学
	ShortName string // 五小
	District  string
	Active    bool // false once deactivated: kept on old records, left out of pickers
}

// Validate checks the fields people type.
func (s School) Validate() error {
	c := checker{record: "school"}
	c.text("name", s.Name, MaxName, true, false)
	c.text("short_name", s.ShortName, MaxName, false, false)
	c.text("district", s.District, MaxName, false, false)
	return c.err()
}

// Label is the short name if there is one, else the name.
func (s School) Label() string {
	if s.ShortName != "" {
		return s.ShortName
	}
	return s.Name
}

// Teacher is a teacher at one school.
type Teacher struct {
	Record
	SchoolID string
	Name     string
	Pinyin   string // "zhangsan", filled on save
	Initials string // "zs", filled on save
	Subjects []string
	Grade    string // 三年级, 初二 …
	Rank     string // 职称: 一级教师, 高级教师, 新任教师 …
	Post     string // 职务: 教导主任, 教研组长, 行政 …
	Honour   string // 荣誉/骨干级别: 骨干教师, 学科带头人, 教学能手 …
	Active   bool
}

// Validate checks the fields people type.
func (t Teacher) Validate() error {
	c := checker{record: "teacher"}
	c.ref("school", t.SchoolID)
	c.text("name", t.Name, MaxName, true, false)
	for _, s := range t.Subjects {
		c.text("subjects", s, MaxName, true, false)
	}
	c.text("subjects", strings.Join(t.Subjects, ","), MaxShort, false, false)
	c.text("grade", t.Grade, MaxName, false, false)
	c.text("rank", t.Rank, MaxName, false, false)
	c.text("post", t.Post, MaxName, false, false)
	c.text("honour", t.Honour, MaxName, false, false)
	c.derived("pinyin", t.Pinyin, maxPinyin)
	c.derived("initials", t.Initials, MaxName)
	return c.err()
}

// maxPinyin is the longest pinyin of a name: six letters a character ("zhuang").
const maxPinyin = 6 * MaxName

// Tags are the words of a teacher's 职称, 职务 and 荣誉 (several in one field may be separated by
// 、 , ， / ; or spaces): what a target's "applies to" matches.
func (t Teacher) Tags() []string {
	var tags []string
	for _, f := range []string{t.Rank, t.Post, t.Honour} {
		tags = append(tags, SplitWords(f)...)
	}
	return tags
}

// HasTag reports whether tag is one of the teacher's 职称, 职务 or 荣誉.
func (t Teacher) HasTag(tag string) bool {
	for _, x := range t.Tags() {
		if x == tag {
			return true
		}
	}
	return false
}

// SplitWords splits a cell that may list several values: 语文、数学; 教导主任/语文教研组长.
func SplitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == '、' || r == ',' || r == '，' || r == '/' || r == ' ' || r == '　' || r == ';' || r == '；'
	})
}

// PinyinOf returns the pinyin of a name without tones ("zhangsan") and its initials ("zs").
// Latin letters and digits pass through lower-cased, so "Li Na" gives "lina" and "ln".
func PinyinOf(name string) (full, initials string) {
	var f, in strings.Builder
	word := false
	for _, r := range name {
		switch {
		case unicode.Is(unicode.Han, r):
			if py := pinyinOf(r); py != "" {
				f.WriteString(py)
				in.WriteByte(py[0])
			}
			word = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			lr := unicode.ToLower(r)
			f.WriteRune(lr)
			if !word {
				in.WriteRune(lr)
			}
			word = true
		default:
			word = false
		}
	}
	return f.String(), in.String()
}

//go:generate go run pinyin_gen.go

// pinyinBlock is a run of code points in the pinyin table: from first to last, whose
// entries start at the at-th of pinyinIndex.
type pinyinBlock struct {
	first, last rune
	at          int
}

// pinyinOf is a character's first reading without tones, as github.com/mozillazg/go-pinyin
// gives it, or "" for a character it does not know. The reading comes from a table generated
// from the library's data (pinyin_gen.go), read where it lies in the binary: linking the
// library would build its map of 41,923 readings at every start, 6 ms before main, for the
// few names written in a term.
func pinyinOf(r rune) string {
	i, _ := slices.BinarySearchFunc(pinyinBlocks[:], r, func(b pinyinBlock, r rune) int {
		switch {
		case b.last < r:
			return -1
		case b.first > r:
			return 1
		}
		return 0
	})
	if i == len(pinyinBlocks) || r < pinyinBlocks[i].first {
		return ""
	}
	at := 2 * (pinyinBlocks[i].at + int(r-pinyinBlocks[i].first))
	n := int(pinyinIndex[at])<<8 | int(pinyinIndex[at+1])
	if n == 0xffff {
		return ""
	}
	return strings.TrimRight(pinyinSyllables[n*pinyinWidth:(n+1)*pinyinWidth], " ")
}

// MatchKind says how a query matched a teacher's name; lower is closer.
type MatchKind int

// How a query can match a name, closest first.
const (
	NoMatch MatchKind = iota
	MatchExact
	MatchPinyin
	MatchInitials
	MatchPrefix
)

// Match reports how q matches the teacher: the exact name, the whole pinyin, the initials,
// or (for type-ahead) a prefix of any of them.
func (t Teacher) Match(q string) MatchKind {
	q = strings.ToLower(strings.TrimSpace(q))
	q = strings.ReplaceAll(q, " ", "")
	switch {
	case q == "":
		return NoMatch
	case q == strings.ToLower(t.Name):
		return MatchExact
	case q == t.Pinyin:
		return MatchPinyin
	case q == t.Initials:
		return MatchInitials
	case strings.HasPrefix(strings.ToLower(t.Name), q), strings.HasPrefix(t.Pinyin, q), strings.HasPrefix(t.Initials, q):
		return MatchPrefix
	}
	return NoMatch
}

// FindTeachers returns the teachers that q names, keeping only the closest kind of match: an
// exact name beats pinyin, pinyin beats initials, initials beat a prefix. Several results mean
// the query is ambiguous and the caller must ask which one.
func FindTeachers(all []Teacher, q string) []Teacher {
	best := NoMatch
	var found []Teacher
	for _, t := range all {
		k := t.Match(q)
		if k == NoMatch {
			continue
		}
		if best == NoMatch || k < best {
			best, found = k, found[:0]
		}
		if k == best {
			found = append(found, t)
		}
	}
	return found
}

const schoolCols = "name, short_name, district, active, " + recordCols

func scanSchool(sc scanner) (School, error) {
	var s School
	rec, fill := recordDest(&s.Record)
	err := sc.Scan(append([]any{&s.Name, &s.ShortName, &s.District, &s.Active}, rec...)...)
	fill()
	return s, err
}

// CreateSchool adds a school (active) and returns it with its id.
func (s *Store) CreateSchool(ctx context.Context, sc School) (School, error) {
	sc.Record = Record{}
	sc.Active = true
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.putSchool(ctx, tx, &sc) })
	return sc, err
}

// UpdateSchool saves changes to an existing school, including Active (deactivation keeps
// the school's records but leaves it out of pickers).
func (s *Store) UpdateSchool(ctx context.Context, sc School) (School, error) {
	if sc.ID == "" {
		return sc, fmt.Errorf("update school: %w", ErrNotFound)
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.putSchool(ctx, tx, &sc) })
	return sc, err
}

// putSchool validates and writes a school: a new one when it has no id yet.
func (s *Store) putSchool(ctx context.Context, tx dbtx, sc *School) error {
	if err := sc.Validate(); err != nil {
		return err
	}
	isNew := sc.ID == ""
	s.touch(&sc.Record)
	return putRow(ctx, tx, isNew, "schools", []string{"name", "short_name", "district", "active"},
		[]any{sc.Name, sc.ShortName, sc.District, sc.Active}, sc.Record)
}

// School returns one school, deleted or not.
func (s *Store) School(ctx context.Context, id string) (School, error) {
	sc, err := scanSchool(s.r.QueryRowContext(ctx, "SELECT "+schoolCols+" FROM schools WHERE id = ?", id))
	return sc, notFound("school", err)
}

// Schools returns the live schools (active and not) by name.
func (s *Store) Schools(ctx context.Context) ([]School, error) {
	return queryAll(ctx, s.r, scanSchool, "SELECT "+schoolCols+" FROM schools WHERE deleted_at IS NULL ORDER BY name")
}

const teacherCols = "school_id, name, pinyin, initials, subjects, grade, rank, post, honour, active, " + recordCols

// teacherWriteCols are a teacher's own columns, in the order teacherValues gives them.
var teacherWriteCols = []string{"school_id", "name", "pinyin", "initials", "subjects", "grade", "rank", "post", "honour", "active"}

func teacherValues(t *Teacher) []any {
	return []any{t.SchoolID, t.Name, t.Pinyin, t.Initials, strings.Join(t.Subjects, ","), t.Grade, t.Rank, t.Post, t.Honour, t.Active}
}

func scanTeacher(sc scanner) (Teacher, error) {
	var t Teacher
	var subjects string
	rec, fill := recordDest(&t.Record)
	err := sc.Scan(append([]any{&t.SchoolID, &t.Name, &t.Pinyin, &t.Initials, &subjects, &t.Grade, &t.Rank, &t.Post, &t.Honour, &t.Active}, rec...)...)
	fill()
	t.Subjects = splitList(subjects)
	return t, err
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// CreateTeacher adds a teacher (active) and returns it with its id.
func (s *Store) CreateTeacher(ctx context.Context, t Teacher) (Teacher, error) {
	t.Record = Record{}
	t.Active = true
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.putTeacher(ctx, tx, &t) })
	return t, err
}

// UpdateTeacher saves changes to an existing teacher, including Active (deactivation keeps
// the teacher's records but leaves them out of pickers).
func (s *Store) UpdateTeacher(ctx context.Context, t Teacher) (Teacher, error) {
	if t.ID == "" {
		return t, fmt.Errorf("update teacher: %w", ErrNotFound)
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.putTeacher(ctx, tx, &t) })
	return t, err
}

// putTeacher fills the pinyin used for matching, validates the teacher and writes it: a new
// one when it has no id yet.
func (s *Store) putTeacher(ctx context.Context, tx dbtx, t *Teacher) error {
	t.Pinyin, t.Initials = PinyinOf(t.Name)
	if err := t.Validate(); err != nil {
		return err
	}
	isNew := t.ID == ""
	s.touch(&t.Record)
	if err := mustExist(ctx, tx, "schools", "school", t.SchoolID); err != nil {
		return err
	}
	return putRow(ctx, tx, isNew, "teachers", teacherWriteCols, teacherValues(t), t.Record)
}

// Teacher returns one teacher, deleted or not.
func (s *Store) Teacher(ctx context.Context, id string) (Teacher, error) {
	t, err := scanTeacher(s.r.QueryRowContext(ctx, "SELECT "+teacherCols+" FROM teachers WHERE id = ?", id))
	return t, notFound("teacher", err)
}

// Teachers returns the live teachers (active and not) of every school, by pinyin.
func (s *Store) Teachers(ctx context.Context) ([]Teacher, error) {
	return queryAll(ctx, s.r, scanTeacher, "SELECT "+teacherCols+" FROM teachers WHERE deleted_at IS NULL ORDER BY pinyin, name")
}

// TeachersByID returns the live teachers among ids (in no particular order): the few a
// page names, without reading every teacher of ten years.
func (s *Store) TeachersByID(ctx context.Context, ids []string) ([]Teacher, error) {
	return s.teachersWhere(ctx, "id", ids)
}

// TeachersAt returns the live teachers of the schools schoolIDs: those an activity of these
// schools expects, without reading the teachers of every other school.
func (s *Store) TeachersAt(ctx context.Context, schoolIDs []string) ([]Teacher, error) {
	return s.teachersWhere(ctx, "school_id", schoolIDs)
}

// teachersWhere reads the live teachers whose column col is one of ids.
func (s *Store) teachersWhere(ctx context.Context, col string, ids []string) ([]Teacher, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return queryAll(ctx, s.r, scanTeacher, "SELECT "+teacherCols+" FROM teachers WHERE "+col+" IN ("+placeholders(len(ids))+") AND deleted_at IS NULL", args...)
}

// Delete soft-deletes a record of the given kind; Restore undoes it.
func (s *Store) Delete(ctx context.Context, kind Kind, id string) error {
	return s.setDeleted(ctx, kind, id, true)
}

// Restore brings back a soft-deleted record.
func (s *Store) Restore(ctx context.Context, kind Kind, id string) error {
	return s.setDeleted(ctx, kind, id, false)
}

// Kind names a record table for Delete and Restore.
type Kind string

// The kinds of record that can be deleted and restored.
const (
	KindSchool      Kind = "schools"
	KindTeacher     Kind = "teachers"
	KindTerm        Kind = "terms"
	KindSchoolPair  Kind = "school_pairs"
	KindMentorPair  Kind = "mentor_pairs"
	KindActivity    Kind = "activities"
	KindObservation Kind = "observations"
	KindGuidance    Kind = "guidance"
	KindHandin      Kind = "handins"
	KindRubric      Kind = "rubrics"
	KindTermGrade   Kind = "term_grades"
	KindTarget      Kind = "targets"
	KindHandinKind  Kind = "handin_kinds"
	KindReport      Kind = "reports"
	// KindActivityType deletes only a school's own type that no activity has; retire the
	// others (UpdateActivityType).
	KindActivityType Kind = "activity_types"
)

func (s *Store) setDeleted(ctx context.Context, kind Kind, id string, deleted bool) error {
	return s.writeTx(ctx, func(tx *sql.Tx) error { return s.markDeleted(ctx, tx, kind, id, deleted) })
}

func (s *Store) markDeleted(ctx context.Context, tx dbtx, kind Kind, id string, deleted bool) error {
	switch kind {
	case KindSchool, KindTeacher, KindTerm, KindSchoolPair, KindMentorPair, KindActivity,
		KindObservation, KindGuidance, KindHandin, KindRubric, KindTermGrade, KindTarget, KindHandinKind, KindReport, KindActivityType:
	default:
		return fmt.Errorf("delete: unknown kind %q: %w", kind, ErrInvalid)
	}
	now := s.stamp()
	var del any
	if deleted {
		del = now
	}
	if err := deletable(ctx, tx, kind, id, deleted); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, "UPDATE "+string(kind)+" SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?",
		del, now, s.installID, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s %s: %w", kind, id, ErrNotFound)
	}
	return nil
}

// deletable checks the kinds whose deletion or restoration has conditions: a type that is
// built in or still used, the default rubric, and a type or rubric whose name was taken
// meanwhile by another.
func deletable(ctx context.Context, tx dbtx, kind Kind, id string, deleted bool) error {
	switch {
	case kind == KindActivityType && deleted:
		return typeDeletable(ctx, tx, id)
	case kind == KindActivityType:
		t, err := scanActivityType(tx.QueryRowContext(ctx, "SELECT "+activityTypeCols+" FROM activity_types WHERE id = ?", id))
		if err != nil {
			return notFound("activity type", err)
		}
		return uniqueTypeName(ctx, tx, t)
	case kind == KindRubric && deleted:
		return rubricDeletable(ctx, tx, id)
	case kind == KindRubric:
		r, err := scanRubric(tx.QueryRowContext(ctx, "SELECT "+rubricCols+" FROM rubrics WHERE id = ?", id))
		if err != nil {
			return notFound("rubric", err)
		}
		return uniqueRubric(ctx, tx, r)
	}
	return nil
}

// SchoolPair is a supporting school paired with a supported one (结对帮扶).
type SchoolPair struct {
	Record
	SupportingID string // 支援校
	SupportedID  string // 受援校
	AgreedOn     Date   // the agreement was signed
	CycleYears   int    // e.g. 3
	Note         string
}

// Validate checks the pair.
func (p SchoolPair) Validate() error {
	c := checker{record: "school_pair"}
	c.ref("supporting", p.SupportingID)
	c.ref("supported", p.SupportedID)
	if p.SupportingID != "" && p.SupportingID == p.SupportedID {
		c.add(FieldError{Field: "supported", Problem: Same})
	}
	c.date("agreed_on", p.AgreedOn, true)
	c.rangeInt("cycle_years", p.CycleYears, 1, 10)
	c.text("note", p.Note, MaxNote, false, true)
	return c.err()
}

const schoolPairCols = "supporting_id, supported_id, agreed_on, cycle_years, note, " + recordCols

func scanSchoolPair(sc scanner) (SchoolPair, error) {
	var p SchoolPair
	rec, fill := recordDest(&p.Record)
	err := sc.Scan(append([]any{&p.SupportingID, &p.SupportedID, dateCol{&p.AgreedOn}, &p.CycleYears, &p.Note}, rec...)...)
	fill()
	return p, err
}

// CreateSchoolPair adds a school pairing.
func (s *Store) CreateSchoolPair(ctx context.Context, p SchoolPair) (SchoolPair, error) {
	p.Record = Record{}
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.insertSchoolPair(ctx, tx, &p) })
	return p, err
}

func (s *Store) insertSchoolPair(ctx context.Context, tx dbtx, p *SchoolPair) error {
	if err := p.Validate(); err != nil {
		return err
	}
	s.touch(&p.Record)
	if err := mustExist(ctx, tx, "schools", "supporting", p.SupportingID); err != nil {
		return err
	}
	if err := mustExist(ctx, tx, "schools", "supported", p.SupportedID); err != nil {
		return err
	}
	return putRow(ctx, tx, true, "school_pairs",
		[]string{"supporting_id", "supported_id", "agreed_on", "cycle_years", "note"},
		[]any{p.SupportingID, p.SupportedID, p.AgreedOn.String(), p.CycleYears, p.Note}, p.Record)
}

// UpdateSchoolPair saves changes to an existing school pairing.
func (s *Store) UpdateSchoolPair(ctx context.Context, p SchoolPair) (SchoolPair, error) {
	if p.ID == "" {
		return p, fmt.Errorf("update school pair: %w", ErrNotFound)
	}
	if err := p.Validate(); err != nil {
		return p, err
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		s.touch(&p.Record)
		if err := mustExist(ctx, tx, "schools", "supporting", p.SupportingID); err != nil {
			return err
		}
		if err := mustExist(ctx, tx, "schools", "supported", p.SupportedID); err != nil {
			return err
		}
		return putRow(ctx, tx, false, "school_pairs",
			[]string{"supporting_id", "supported_id", "agreed_on", "cycle_years", "note"},
			[]any{p.SupportingID, p.SupportedID, p.AgreedOn.String(), p.CycleYears, p.Note}, p.Record)
	})
	return p, err
}

// SchoolPairs returns the live school pairings.
func (s *Store) SchoolPairs(ctx context.Context) ([]SchoolPair, error) {
	return queryAll(ctx, s.r, scanSchoolPair, "SELECT "+schoolPairCols+" FROM school_pairs WHERE deleted_at IS NULL ORDER BY agreed_on")
}

// putRow inserts or updates one record row: cols and vals are the record's own columns, the
// bookkeeping columns are added from rec.
func putRow(ctx context.Context, tx dbtx, insert bool, table string, cols []string, vals []any, rec Record) error {
	if insert {
		allCols := append(append([]string{}, cols...), "id", "created_at", "updated_at", "updated_by", "deleted_at")
		allVals := append(append([]any{}, vals...), rec.ID, fmtStamp(rec.CreatedAt), fmtStamp(rec.UpdatedAt), rec.UpdatedBy, fmtStamp(rec.DeletedAt))
		q := "INSERT INTO " + table + " (" + strings.Join(allCols, ", ") + ") VALUES (" + placeholders(len(allCols)) + ")"
		_, err := tx.ExecContext(ctx, q, allVals...)
		return err
	}
	set := make([]string, 0, len(cols)+2)
	for _, c := range cols {
		set = append(set, c+" = ?")
	}
	set = append(set, "updated_at = ?", "updated_by = ?")
	args := append(append([]any{}, vals...), fmtStamp(rec.UpdatedAt), rec.UpdatedBy, rec.ID)
	res, err := tx.ExecContext(ctx, "UPDATE "+table+" SET "+strings.Join(set, ", ")+" WHERE id = ?", args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s %s: %w", table, rec.ID, ErrNotFound)
	}
	return nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// mustExist returns a field error naming field when id is not a live row of table.
func mustExist(ctx context.Context, tx querier, table, field, id string) error {
	if id == "" {
		return nil
	}
	var one int
	err := tx.QueryRowContext(ctx, "SELECT 1 FROM "+table+" WHERE id = ? AND deleted_at IS NULL", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return &InvalidError{Record: strings.TrimSuffix(table, "s"), Fields: []FieldError{{Field: field, Problem: Unknown, Value: id}}}
	}
	return err
}

// notFound turns sql.ErrNoRows into ErrNotFound, naming what was looked for.
func notFound(what string, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", what, mapErr(err))
	}
	return nil
}

// queryAll runs a query and scans every row with scan.
func queryAll[T any](ctx context.Context, db *sql.DB, scan func(scanner) (T, error), q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, mapErr(err)
		}
		out = append(out, v)
	}
	return out, mapErr(rows.Err())
}
