package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// HandinKind is a kind of material a teacher hands in (材料类别): 教案, 读书笔记 … The built-in
// kinds have fixed ids shared by every installation; a school adds its own.
type HandinKind struct {
	Record
	Code      string    // stable key of a built-in kind ("lesson_plan"); "" for a school's own
	Name      string    // 教案
	NameEn    string    // Lesson plan
	Checklist Checklist // whose term-end checklist the kind is on
	Pos       int
}

// Checklist says whose term-end checklist a hand-in kind is on.
type Checklist string

// The checklists: nobody's, every teacher's, or the mentors' or mentees' of the term.
const (
	ChecklistNone   Checklist = ""
	ChecklistAll    Checklist = "all"
	ChecklistMentor Checklist = "mentor"
	ChecklistMentee Checklist = "mentee"
)

// Built-in hand-in kind codes.
const (
	KindLessonPlan       = "lesson_plan"       // 教案
	KindReadingNotes     = "reading_notes"     // 读书笔记
	KindReflection       = "reflection"        // 教学反思
	KindInsights         = "insights"          // 心得体会
	KindSummary          = "summary"           // 书面总结
	KindLecture          = "lecture"           // 讲座资料
	KindDemoPlan         = "demo_plan"         // 示范课教案
	KindObservationNotes = "observation_notes" // 听课笔记
	KindReviewReflection = "review_reflection" // 评课反思
	KindOtherHandin      = "other"             // 其他
)

// BuiltinHandinKinds are the kinds every database has (migration 0005 seeds them), in
// display order: a mentor's checklist is 讲座资料, 示范课教案 and 书面总结, a mentee's 教案,
// 教学反思 and 心得体会, and every teacher's 读书笔记.
func BuiltinHandinKinds() []HandinKind {
	list := []struct {
		code, zh, en string
		for_         Checklist
	}{
		{KindLessonPlan, "教案", "Lesson plan", ChecklistMentee},
		{KindReadingNotes, "读书笔记", "Reading notes", ChecklistAll},
		{KindReflection, "教学反思", "Teaching reflection", ChecklistMentee},
		{KindInsights, "心得体会", "Insights", ChecklistMentee},
		{KindSummary, "书面总结", "Written summary", ChecklistMentor},
		{KindLecture, "讲座资料", "Lecture materials", ChecklistMentor},
		{KindDemoPlan, "示范课教案", "Demo lesson plan", ChecklistMentor},
		{KindObservationNotes, "听课笔记", "Observation notes", ChecklistNone},
		{KindReviewReflection, "评课反思", "Lesson review reflection", ChecklistNone},
		{KindOtherHandin, "其他", "Other", ChecklistNone},
	}
	kinds := make([]HandinKind, len(list))
	for i, l := range list {
		kinds[i] = HandinKind{Record: builtinRecord(BuiltinHandinKindID(l.code)), Code: l.code, Name: l.zh, NameEn: l.en,
			Checklist: l.for_, Pos: i + 1}
	}
	return kinds
}

var builtinHandinCodes = []string{KindLessonPlan, KindReadingNotes, KindReflection, KindInsights, KindSummary,
	KindLecture, KindDemoPlan, KindObservationNotes, KindReviewReflection, KindOtherHandin}

// BuiltinHandinKindID is the fixed id of the built-in kind with that code, or "".
func BuiltinHandinKindID(code string) string {
	for i, c := range builtinHandinCodes {
		if c == code {
			return fmt.Sprintf("00000000-0000-7000-8000-2%011d", i+1)
		}
	}
	return ""
}

// Validate checks a kind's names and checklist.
func (k HandinKind) Validate() error {
	c := checker{record: "handin_kind"}
	c.oneOf("code", k.Code, append([]string{""}, builtinHandinCodes...)...)
	c.text("name", k.Name, MaxName, true, false)
	c.text("name_en", k.NameEn, MaxName, false, false)
	c.oneOf("checklist", string(k.Checklist), "", string(ChecklistAll), string(ChecklistMentor), string(ChecklistMentee))
	return c.err()
}

const handinKindCols = "code, name, name_en, checklist, position, " + recordCols

func scanHandinKind(sc scanner) (HandinKind, error) {
	var k HandinKind
	rec, fill := recordDest(&k.Record)
	err := sc.Scan(append([]any{&k.Code, &k.Name, &k.NameEn, &k.Checklist, &k.Pos}, rec...)...)
	fill()
	return k, err
}

// HandinKinds returns the live hand-in kinds in display order.
func (s *Store) HandinKinds(ctx context.Context) ([]HandinKind, error) {
	return queryAll(ctx, s.r, scanHandinKind, "SELECT "+handinKindCols+" FROM handin_kinds WHERE deleted_at IS NULL ORDER BY position, name")
}

// CreateHandinKind adds a school's own hand-in kind after the others. A name already taken by
// a live kind is refused (field "name", Problem Taken).
func (s *Store) CreateHandinKind(ctx context.Context, k HandinKind) (HandinKind, error) {
	k.Record, k.Code = Record{}, ""
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(position), 0) + 1 FROM handin_kinds").Scan(&k.Pos); err != nil {
			return err
		}
		return s.putHandinKind(ctx, tx, &k, true)
	})
	return k, err
}

// UpdateHandinKind renames a kind or changes whose checklist it is on.
func (s *Store) UpdateHandinKind(ctx context.Context, k HandinKind) (HandinKind, error) {
	if k.ID == "" {
		return k, fmt.Errorf("update hand-in kind: %w", ErrNotFound)
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.putHandinKind(ctx, tx, &k, false) })
	return k, err
}

func (s *Store) putHandinKind(ctx context.Context, tx dbtx, k *HandinKind, insert bool) error {
	if err := k.Validate(); err != nil {
		return err
	}
	var other string
	err := tx.QueryRowContext(ctx, "SELECT id FROM handin_kinds WHERE name = ? AND id <> ? AND deleted_at IS NULL", k.Name, k.ID).Scan(&other)
	if err == nil {
		return &InvalidError{Record: "handin_kind", Fields: []FieldError{{Field: "name", Problem: Duplicate, Value: k.Name}}}
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	s.touch(&k.Record)
	return putRow(ctx, tx, insert, "handin_kinds", []string{"code", "name", "name_en", "checklist", "position"},
		[]any{k.Code, k.Name, k.NameEn, string(k.Checklist), k.Pos}, k.Record)
}

// FindHandinKind returns the live kind a word names: its Chinese name, its English name or
// its code, case aside, spaces and underscores written as hyphens or not (reading-notes).
func FindHandinKind(kinds []HandinKind, word string) (HandinKind, bool) {
	w := strings.ToLower(strings.TrimSpace(word))
	dashed := strings.NewReplacer(" ", "-", "_", "-")
	for _, k := range kinds {
		if w == "" {
			break
		}
		if w == strings.ToLower(k.Name) || dashed.Replace(w) == dashed.Replace(strings.ToLower(k.NameEn)) ||
			k.Code != "" && dashed.Replace(w) == dashed.Replace(k.Code) {
			return k, true
		}
	}
	return HandinKind{}, false
}

// Handin is one thing a teacher handed in (材料台账): a lesson plan, reading notes, a lecture's
// materials … in a term, with who checked it (查阅人), a grade and a comment, and optionally
// the file itself, kept in the files folder beside the database. Hand-ins are what targets
// and the term-end checklist count: handed in when the record exists, checked once CheckedBy
// is filled in.
type Handin struct {
	Record
	TermID    string
	TeacherID string
	KindID    string
	Title     string
	On        Date           // the day it was handed in
	CheckedBy string         // 查阅人, "" until checked
	CheckedOn Date           // optional
	Grade     TermGradeValue // 等次, "" for none
	Comment   string         // 评语
	File      string         // a path inside the files folder, "/"-separated; "" for none
}

// Checked reports whether someone has checked the hand-in.
func (h Handin) Checked() bool { return strings.TrimSpace(h.CheckedBy) != "" }

// Validate checks the hand-in.
func (h Handin) Validate() error {
	c := checker{record: "handin"}
	c.ref("term", h.TermID)
	c.ref("teacher", h.TeacherID)
	c.ref("kind", h.KindID)
	c.text("title", h.Title, MaxShort, false, false)
	c.date("date", h.On, true)
	c.text("checked_by", h.CheckedBy, MaxName, false, false)
	c.date("checked_on", h.CheckedOn, false)
	if !h.CheckedOn.IsZero() && h.CheckedOn.Valid() && h.On.Valid() && h.CheckedOn.Before(h.On) {
		c.add(FieldError{Field: "checked_on", Problem: BadDate, Value: h.CheckedOn.String()})
	}
	if !h.CheckedOn.IsZero() && !h.Checked() {
		c.add(FieldError{Field: "checked_by", Problem: Required})
	}
	c.oneOf("grade", string(h.Grade), "", string(Excellent), string(Good), string(Pass), string(Fail))
	c.text("comment", h.Comment, MaxNote, false, true)
	if h.File != "" {
		checkFileRef(&c, h.File)
	}
	return c.err()
}

// A hand-in's columns read as "h", its comment between handinColsBefore and handinColsAfter:
// read when the query joins handin_texts as "x" (handinFullCols), left out of a list (”).
// Constants, so that nothing is formatted when the program starts.
const (
	handinColsBefore = "h.term_id, h.teacher_id, h.kind_id, h.title, h.handed_on, h.checked_by, h.checked_on, h.grade, h.file, "
	handinColsAfter  = ", h.id, h.created_at, h.updated_at, h.updated_by, h.deleted_at"
	handinListCols   = handinColsBefore + "''" + handinColsAfter
	handinFullCols   = handinColsBefore + "COALESCE(x.comment, '')" + handinColsAfter
)

// handinReceivedCols are the columns scanHandin reads, as an exchanged hand-in names them.
const handinReceivedCols = "term_id, teacher_id, kind_id, title, handed_on, checked_by, checked_on, grade, file, comment, " + recordCols

func scanHandin(sc scanner) (Handin, error) {
	var h Handin
	rec, fill := recordDest(&h.Record)
	err := sc.Scan(append([]any{&h.TermID, &h.TeacherID, &h.KindID, &h.Title, dateCol{&h.On}, &h.CheckedBy, dateCol{&h.CheckedOn},
		&h.Grade, &h.File, &h.Comment}, rec...)...)
	fill()
	return h, err
}

func (s *Store) writeHandin(ctx context.Context, tx dbtx, h *Handin, insert bool) error {
	h.Title, h.CheckedBy = strings.TrimSpace(h.Title), strings.TrimSpace(h.CheckedBy)
	if err := h.Validate(); err != nil {
		return err
	}
	if err := refsExist(ctx, tx, *h); err != nil {
		return err
	}
	if err := putRow(ctx, tx, insert, "handins",
		[]string{"term_id", "teacher_id", "kind_id", "title", "handed_on", "checked_by", "checked_on", "grade", "file"},
		[]any{h.TermID, h.TeacherID, h.KindID, h.Title, h.On.String(), h.CheckedBy, nullDate(h.CheckedOn), string(h.Grade), h.File},
		h.Record); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO handin_texts (handin_id, comment) VALUES (?, ?)
		ON CONFLICT (handin_id) DO UPDATE SET comment = excluded.comment`, h.ID, h.Comment)
	return err
}

// CreateHandin records a hand-in.
func (s *Store) CreateHandin(ctx context.Context, h Handin) (Handin, error) {
	h.Record = Record{}
	s.touch(&h.Record)
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.writeHandin(ctx, tx, &h, true) })
	return h, err
}

// UpdateHandin saves a hand-in: a correction, or the check (查阅人, date, grade, comment).
func (s *Store) UpdateHandin(ctx context.Context, h Handin) (Handin, error) {
	if h.ID == "" {
		return h, fmt.Errorf("update hand-in: %w", ErrNotFound)
	}
	s.touch(&h.Record)
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.writeHandin(ctx, tx, &h, false) })
	return h, err
}

// HandinCheck is what the one who checks hand-ins records: who (查阅人), when, and optionally
// a grade and a comment.
type HandinCheck struct {
	By      string
	On      Date
	Grade   TermGradeValue // "" keeps each hand-in's own
	Comment string         // "" keeps each hand-in's own
}

// CheckHandins marks hand-ins checked, all in one transaction: each is saved with the check's
// fields, and if one of them fails its validation none is.
func (s *Store) CheckHandins(ctx context.Context, ids []string, c HandinCheck) ([]Handin, error) {
	if strings.TrimSpace(c.By) == "" {
		return nil, &InvalidError{Record: "handin", Fields: []FieldError{{Field: "checked_by", Problem: Required}}}
	}
	var out []Handin
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		for _, id := range ids {
			h, err := scanHandin(tx.QueryRowContext(ctx, "SELECT "+handinFullCols+`
				FROM handins h LEFT JOIN handin_texts x ON x.handin_id = h.id WHERE h.id = ? AND h.deleted_at IS NULL`, id))
			if err != nil {
				return notFound("hand-in", err)
			}
			h.CheckedBy, h.CheckedOn = c.By, c.On
			if c.Grade != "" {
				h.Grade = c.Grade
			}
			if c.Comment != "" {
				h.Comment = c.Comment
			}
			s.touch(&h.Record)
			if err := s.writeHandin(ctx, tx, &h, false); err != nil {
				return err
			}
			out = append(out, h)
		}
		return nil
	})
	return out, err
}

// Handin returns one hand-in with its comment, deleted or not.
func (s *Store) Handin(ctx context.Context, id string) (Handin, error) {
	h, err := scanHandin(s.r.QueryRowContext(ctx, "SELECT "+handinFullCols+`
		FROM handins h LEFT JOIN handin_texts x ON x.handin_id = h.id WHERE h.id = ?`, id))
	return h, notFound("hand-in", err)
}

// HandinFilter chooses hand-ins: those of a term, and of one teacher and one kind when given;
// the deleted ones too when WithDeleted (to bring one back).
type HandinFilter struct {
	TermID      string
	TeacherID   string
	KindID      string
	WithDeleted bool
}

// Handins returns the live hand-ins f chooses, by date, without their comments (Handin reads
// one with its comment).
func (s *Store) Handins(ctx context.Context, f HandinFilter) ([]Handin, error) {
	q := "SELECT " + handinListCols + " FROM handins h WHERE h.term_id = ?"
	if !f.WithDeleted {
		q += " AND h.deleted_at IS NULL"
	}
	args := []any{f.TermID}
	if f.TeacherID != "" {
		q += " AND h.teacher_id = ?"
		args = append(args, f.TeacherID)
	}
	if f.KindID != "" {
		q += " AND h.kind_id = ?"
		args = append(args, f.KindID)
	}
	return queryAll(ctx, s.r, scanHandin, q+" ORDER BY h.handed_on, h.id", args...)
}

// EvidenceState is where one item of the term-end checklist stands, as its hand-ins say.
type EvidenceState string

// Checklist states: no hand-in of the kind, handed in, or every one of them checked.
const (
	Missing  EvidenceState = "missing"
	HandedIn EvidenceState = "handed_in"
	Checked  EvidenceState = "checked"
)

// EvidenceOf is the checklist state of n hand-ins of which checked are checked.
func EvidenceOf(n, checked int) EvidenceState {
	switch {
	case n == 0:
		return Missing
	case checked >= n:
		return Checked
	}
	return HandedIn
}

// TermHandins returns a term's live hand-ins with their comments, by date: the whole
// register, for export (Handins leaves the comments out).
func (s *Store) TermHandins(ctx context.Context, termID string) ([]Handin, error) {
	return queryAll(ctx, s.r, scanHandin, "SELECT "+handinFullCols+`
		FROM handins h LEFT JOIN handin_texts x ON x.handin_id = h.id
		WHERE h.term_id = ? AND h.deleted_at IS NULL ORDER BY h.handed_on, h.id`, termID)
}
