package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// ActivityType is a kind of planned activity (公开课, 教研活动 …). The built-in types have fixed
// ids shared by every installation, so paired schools' records agree; schools add their own
// (学术沙龙, 集中教研 …). Any type can be renamed or retired: a retired type stays on the
// activities that have it, but is not offered for new ones. Only a school's own type that no
// activity uses can be deleted.
type ActivityType struct {
	Record
	Code   string // stable key of a built-in type ("open_lesson"); "" for a school's own
	Name   string // 公开课
	NameEn string // Open lesson
	Pos    int
	Active bool // false once retired
}

// Built-in activity type codes (SPEC §2).
const (
	TypeResearchMeeting = "research_meeting" // 教研活动
	TypeGroupPrep       = "group_prep"       // 集体备课
	TypeOpenLesson      = "open_lesson"      // 公开课
	TypeReportLesson    = "report_lesson"    // 汇报课
	TypeDemoLesson      = "demo_lesson"      // 示范课
	TypeTalkContest     = "talk_contest"     // 说课比赛
	TypeQualifying      = "qualifying"       // 过关课
	TypeLecture         = "lecture"          // 专题讲座
	TypeOutreach        = "outreach"         // 送教下乡
	TypeJointMeeting    = "joint_meeting"    // 联席会议
	TypeReading         = "reading"          // 读书活动
	TypeMentorMeeting   = "mentor_meeting"   // 师徒座谈会
	TypeOther           = "other"            // 其他
)

// BuiltinTypes are the activity types every database starts with, in display order.
func BuiltinTypes() []ActivityType {
	list := []struct{ code, zh, en string }{
		{TypeResearchMeeting, "教研活动", "Research meeting"},
		{TypeGroupPrep, "集体备课", "Group lesson prep"},
		{TypeOpenLesson, "公开课", "Open lesson"},
		{TypeReportLesson, "汇报课", "Report lesson"},
		{TypeDemoLesson, "示范课", "Demo lesson"},
		{TypeTalkContest, "说课比赛", "Lesson talk contest"},
		{TypeQualifying, "过关课", "Qualifying lesson"},
		{TypeLecture, "专题讲座", "Lecture"},
		{TypeOutreach, "送教下乡", "Outreach teaching"},
		{TypeJointMeeting, "联席会议", "Joint meeting"},
		{TypeReading, "读书活动", "Reading activity"},
		{TypeMentorMeeting, "师徒座谈会", "Mentor meeting"},
		{TypeOther, "其他", "Other"},
	}
	types := make([]ActivityType, len(list))
	for i, l := range list {
		types[i] = ActivityType{
			Record: Record{ID: fmt.Sprintf("00000000-0000-7000-8000-%012d", i+1)},
			Code:   l.code, Name: l.zh, NameEn: l.en, Pos: i + 1, Active: true,
		}
	}
	return types
}

// Validate checks a type's names.
func (t ActivityType) Validate() error {
	c := checker{record: "activity_type"}
	c.text("code", t.Code, MaxName, false, false)
	c.text("name", t.Name, MaxName, true, false)
	c.text("name_en", t.NameEn, MaxName, false, false)
	return c.err()
}

var activityTypeWriteCols = []string{"code", "name", "name_en", "position", "active"}

func activityTypeArgs(t ActivityType) []any { return []any{t.Code, t.Name, t.NameEn, t.Pos, t.Active} }

func (s *Store) seedActivityTypes(ctx context.Context, tx dbtx) error {
	for _, t := range BuiltinTypes() {
		t.Record = builtinRecord(t.ID)
		// The column "active" comes with a later migration; every type starts active.
		if err := putRow(ctx, tx, true, "activity_types", activityTypeWriteCols[:4], activityTypeArgs(t)[:4], t.Record); err != nil {
			return err
		}
	}
	return nil
}

const activityTypeCols = "code, name, name_en, position, active, " + recordCols

func scanActivityType(sc scanner) (ActivityType, error) {
	var t ActivityType
	rec, fill := recordDest(&t.Record)
	err := sc.Scan(append([]any{&t.Code, &t.Name, &t.NameEn, &t.Pos, &t.Active}, rec...)...)
	fill()
	return t, err
}

// ActivityTypes returns the live activity types, retired ones included (old activities still
// name them), in display order. Pickers offer only the active ones.
func (s *Store) ActivityTypes(ctx context.Context) ([]ActivityType, error) {
	return queryAll(ctx, s.r, scanActivityType, "SELECT "+activityTypeCols+" FROM activity_types WHERE deleted_at IS NULL ORDER BY position, name")
}

// ActivityType returns one activity type, deleted or not.
func (s *Store) ActivityType(ctx context.Context, id string) (ActivityType, error) {
	t, err := scanActivityType(s.r.QueryRowContext(ctx, "SELECT "+activityTypeCols+" FROM activity_types WHERE id = ?", id))
	return t, notFound("activity type", err)
}

// CreateActivityType adds a school's own activity type, active, after the others.
func (s *Store) CreateActivityType(ctx context.Context, t ActivityType) (ActivityType, error) {
	t.Record, t.Code, t.Active = Record{}, "", true
	if err := t.Validate(); err != nil {
		return t, err
	}
	s.touch(&t.Record)
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		if err := uniqueTypeName(ctx, tx, t); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(position), 0) + 1 FROM activity_types").Scan(&t.Pos); err != nil {
			return err
		}
		return putRow(ctx, tx, true, "activity_types", activityTypeWriteCols, activityTypeArgs(t), t.Record)
	})
	return t, err
}

// UpdateActivityType saves a type's names, place in the list and whether it is retired: a
// rename, a retirement, or the undo of either. A built-in type keeps its code, so the review
// still counts its activities (联席会议 …) under whatever name the school gives it.
func (s *Store) UpdateActivityType(ctx context.Context, t ActivityType) (ActivityType, error) {
	if t.ID == "" {
		return t, fmt.Errorf("update activity type: %w", ErrNotFound)
	}
	if err := t.Validate(); err != nil {
		return t, err
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		old, err := scanActivityType(tx.QueryRowContext(ctx, "SELECT "+activityTypeCols+" FROM activity_types WHERE id = ? AND deleted_at IS NULL", t.ID))
		if err != nil {
			return notFound("activity type", err)
		}
		t.Code, t.CreatedAt = old.Code, old.CreatedAt
		if err := uniqueTypeName(ctx, tx, t); err != nil {
			return err
		}
		s.touch(&t.Record)
		return putRow(ctx, tx, false, "activity_types", activityTypeWriteCols, activityTypeArgs(t), t.Record)
	})
	return t, err
}

// uniqueTypeName refuses a name another live type has: a quick add that names the type would
// not know which one is meant.
func uniqueTypeName(ctx context.Context, tx dbtx, t ActivityType) error {
	var other string
	err := tx.QueryRowContext(ctx, "SELECT name FROM activity_types WHERE deleted_at IS NULL AND id <> ? AND (name = ? OR (name_en <> '' AND lower(name_en) = lower(?)))",
		t.ID, strings.TrimSpace(t.Name), strings.TrimSpace(t.NameEn)).Scan(&other)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	field := "name"
	if other != strings.TrimSpace(t.Name) {
		field, other = "name_en", t.NameEn
	}
	return &InvalidError{Record: "activity_type", Fields: []FieldError{{Field: field, Problem: Duplicate, Value: other}}}
}

// checkActivityType checks that a's type exists and, for a new activity or a changed type,
// that it is not retired: old activities keep a retired type, new ones cannot take it.
func checkActivityType(ctx context.Context, tx dbtx, a *Activity, insert bool) error {
	var name string
	var active bool
	err := tx.QueryRowContext(ctx, "SELECT name, active FROM activity_types WHERE id = ? AND deleted_at IS NULL", a.TypeID).Scan(&name, &active)
	if errors.Is(err, sql.ErrNoRows) {
		return &InvalidError{Record: "activity", Fields: []FieldError{{Field: "type", Problem: Unknown, Value: a.TypeID}}}
	}
	if err != nil || active {
		return err
	}
	if !insert {
		var had string
		err := tx.QueryRowContext(ctx, "SELECT type_id FROM activities WHERE id = ?", a.ID).Scan(&had)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if had == a.TypeID {
			return nil
		}
	}
	return &InvalidError{Record: "activity", Fields: []FieldError{{Field: "type", Problem: Retired, Value: name}}}
}

// typeDeletable refuses to delete a built-in type or one that activities still have, deleted
// activities included (an undo brings them back, and must find their type).
func typeDeletable(ctx context.Context, tx dbtx, id string) error {
	var code, name string
	err := tx.QueryRowContext(ctx, "SELECT code, name FROM activity_types WHERE id = ?", id).Scan(&code, &name)
	if err != nil {
		return notFound("activity type", err)
	}
	if code != "" {
		return &InvalidError{Record: "activity_type", Fields: []FieldError{{Field: "type", Problem: IsBuiltin, Value: name}}}
	}
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM activities WHERE type_id = ?", id).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return &InvalidError{Record: "activity_type", Fields: []FieldError{{Field: "type", Problem: InUse, Value: itoa(n)}}}
	}
	return nil
}
