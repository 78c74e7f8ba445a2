package store

import (
	"fmt"
	"strconv"
)

// A received record is checked field by field before anything is merged: a file that is
// intact but was written by a faulty or altered program must not put into the database
// what the screens would refuse to save.

// RecordError is a received record that fails its table's checks. It matches ErrInvalid.
type RecordError struct {
	Table string // the exchanged table, "teachers"
	ID    string
	Err   *InvalidError
}

func (e *RecordError) Error() string { return fmt.Sprintf("%s %s: %v", e.Table, e.ID, e.Err) }

// Unwrap gives the field errors.
func (e *RecordError) Unwrap() error { return e.Err }

// fieldRule is how one exchanged column is checked, as the record's Validate checks the
// field it is read into.
type fieldRule struct {
	col       string
	field     string // the field's name in validation errors
	kind      ruleKind
	max       int // text: characters; number: the largest
	min       int // number: the smallest
	required  bool
	multiline bool
	values    []string // oneOf
}

type ruleKind int

const (
	ruleText ruleKind = iota
	ruleDate
	ruleOneOf
	ruleInt
	ruleList  // a list of ids, at most max
	ruleFiles // an activity's files: references inside the files folder, with captions
)

func txt(col, field string, max int, required, multiline bool) fieldRule {
	return fieldRule{col: col, field: field, kind: ruleText, max: max, required: required, multiline: multiline}
}

func day(col, field string, required bool) fieldRule {
	return fieldRule{col: col, field: field, kind: ruleDate, required: required}
}

func oneOf(col, field string, values ...string) fieldRule {
	return fieldRule{col: col, field: field, kind: ruleOneOf, values: values}
}

func num(col, field string, min, max int) fieldRule {
	return fieldRule{col: col, field: field, kind: ruleInt, min: min, max: max}
}

func list(col, field string, max int) fieldRule {
	return fieldRule{col: col, field: field, kind: ruleList, max: max}
}

// syncRules are the checks of each exchanged table, with the record name its Validate uses.
var syncRules = map[string]struct {
	record string
	rules  []fieldRule
}{
	"schools": {"school", []fieldRule{
		txt("name", "name", MaxName, true, false), txt("short_name", "short_name", MaxName, false, false),
		txt("district", "district", MaxName, false, false)}},
	"teachers": {"teacher", []fieldRule{
		txt("name", "name", MaxName, true, false), txt("subjects", "subjects", MaxShort, false, false),
		txt("grade", "grade", MaxName, false, false), txt("title", "title", MaxName, false, false)}},
	"terms": {"term", []fieldRule{
		txt("name", "name", MaxShort, true, false), day("week1", "week1", true), num("weeks", "weeks", 1, MaxWeeks)}},
	"school_pairs": {"school_pair", []fieldRule{
		day("agreed_on", "agreed_on", true), num("cycle_years", "cycle_years", 1, 10), txt("note", "note", MaxNote, false, true)}},
	"mentor_pairs": {"mentor_pair", []fieldRule{
		txt("subject", "subject", MaxName, false, false), txt("goals", "goals", MaxNote, false, true)}},
	"activity_types": {"activity_type", []fieldRule{
		txt("name", "name", MaxName, true, false), txt("name_en", "name_en", MaxName, false, false), num("active", "active", 0, 1)}},
	"rubrics": {"rubric", []fieldRule{
		txt("name", "name", MaxShort, true, false), txt("subject", "subject", MaxName, false, false),
		num("is_default", "is_default", 0, 1), num("active", "active", 0, 1)}},
	"activities": {"activity", []fieldRule{
		txt("title", "title", MaxShort, true, false), txt("subject", "subject", MaxName, false, false),
		txt("place", "place", MaxShort, false, false), txt("at_time", "time", MaxName, false, false),
		oneOf("sched", "schedule", string(ByDate), string(ByWeek), string(ByMonth)),
		day("on_date", "date", false), day("first_day", "date", false), day("last_day", "date", false),
		oneOf("status", "status", string(Planned), string(Done), string(Postponed), string(Cancelled)),
		day("done_on", "done_on", false), txt("note", "note", MaxNote, false, true),
		txt("minutes", "minutes", MaxLong, false, true), txt("summary", "summary", MaxLong, false, true),
		txt("prep_unit", "prep_unit", MaxShort, false, false), txt("prep_draft", "prep_draft", MaxLong, false, true),
		txt("prep_discussion", "prep_discussion", MaxLong, false, true), txt("prep_revision", "prep_revision", MaxLong, false, true),
		list(AttendeesColumn, "attendees", MaxAttendees), {col: FilesColumn, field: "files", kind: ruleFiles}}},
	"activity_moves": {"move", []fieldRule{
		day("from_date", "date", false), txt("reason", "reason", MaxNote, false, true)}},
	"observations": {"observation", []fieldRule{
		txt("subject", "subject", MaxName, false, false), txt("class_name", "class", MaxName, false, false),
		txt("topic", "topic", MaxShort, false, false), txt("lesson_type", "lesson_type", MaxName, false, false),
		txt("kind", "kind", MaxName, false, false), day("observed_on", "date", true), num("period", "period", 0, 12),
		txt("process", "process", MaxLong, false, true), txt("comments", "comments", MaxLong, false, true),
		txt("highlights", "highlights", MaxNote, false, true), txt("problems", "problems", MaxNote, false, true),
		txt("suggestions", "suggestions", MaxNote, false, true), txt("overall", "overall", MaxNote, false, true),
		num("lesson_no", "lesson_no", 0, MaxLessonNo), txt("unit", "unit", MaxShort, false, false)}},
	"followups": {"followup", []fieldRule{
		txt("action", "followup", MaxNote, false, true), day("due_on", "followup_due", false),
		day("closed_on", "date", false), txt("closed_note", "closed_note", MaxNote, false, true)}},
	"guidance": {"guidance", []fieldRule{
		day("given_on", "date", true),
		oneOf("form", "form", string(FormPrep), string(FormObserve), string(FormReview), string(FormTalk), string(FormDemo), string(FormOther)),
		txt("content", "content", MaxLong, true, true), txt("reflection", "reflection", MaxLong, false, true)}},
	"handins": {"handin", []fieldRule{
		oneOf("kind", "kind", "lesson_plan", "reading_notes", "reflection", "lecture", "other"),
		txt("title", "title", MaxShort, false, false), day("handed_on", "date", true)}},
	"targets": {"target", []fieldRule{
		oneOf("metric", "metric", string(MetricMenteeObservations), string(MetricObservesMentor),
			string(MetricTaughtObserved), string(MetricLessonPlans), string(MetricGuidanceMonthly),
			string(MetricReadingNotes), string(MetricJointMeetings), string(MetricPairingMonthly)),
		oneOf("scope", "scope", string(ScopeMentorPair), string(ScopeTeacher), string(ScopeSchoolPair)),
		num("required", "required", 0, 1000), oneOf("per", "per", string(PerTerm), string(PerMonth), string(PerTwoWeeks))}},
	"checklist_items": {"checklist_item", []fieldRule{
		oneOf("owner_kind", "owner_kind", string(ScopeMentorPair), string(ScopeTeacher)),
		oneOf("item", "item", string(ItemObservationNotes), string(ItemLectureMaterials),
			string(ItemDemoLessonPlan), string(ItemReviewReflection), string(ItemReadingNotes)),
		oneOf("state", "state", string(Missing), string(HandedIn), string(Checked)),
		txt("note", "note", MaxNote, false, true)}},
	"term_grades": {"term_grade", []fieldRule{
		oneOf("owner_kind", "owner_kind", string(ScopeMentorPair), string(ScopeTeacher), string(ScopeSchoolPair)),
		oneOf("grade", "grade", string(Excellent), string(Good), string(Pass), string(Fail))}},
}

// validate checks a received record's fields as the screens check what people type. A
// deleted record is checked too: it carries its last content, which a restore brings back.
func (t syncTable) validate(r SyncRow) error {
	spec, ok := syncRules[t.name]
	if !ok {
		return nil
	}
	cols := t.columns()
	c := checker{record: spec.record}
	for _, rule := range spec.rules {
		i := -1
		for j, col := range cols {
			if col == rule.col {
				i = j
			}
		}
		if i < 0 {
			continue
		}
		rule.check(&c, r[i])
	}
	if err := c.err(); err != nil {
		return &RecordError{Table: t.name, ID: r.str(colID), Err: err.(*InvalidError)}
	}
	return nil
}

// check adds the problem of value v, if it has one. A column an older file does not carry
// has nothing to check.
func (rule fieldRule) check(c *checker, v any) {
	if _, ok := v.(absent); ok {
		return
	}
	if rule.kind == ruleList {
		if ids, _ := v.([]string); len(ids) > rule.max {
			c.add(FieldError{Field: rule.field, Problem: OutOfRange, Max: rule.max, Value: itoa(len(ids))})
		}
		return
	}
	if v == nil {
		if rule.required {
			c.add(FieldError{Field: rule.field, Problem: Required})
		}
		return
	}
	if rule.kind == ruleInt {
		n, ok := v.(int64)
		if !ok {
			c.add(FieldError{Field: rule.field, Problem: BadValue, Value: fmt.Sprint(v)})
			return
		}
		if n < int64(rule.min) || n > int64(rule.max) {
			c.add(FieldError{Field: rule.field, Problem: OutOfRange, Min: rule.min, Max: rule.max, Value: strconv.FormatInt(n, 10)})
		}
		return
	}
	s, ok := v.(string)
	if !ok {
		c.add(FieldError{Field: rule.field, Problem: BadValue, Value: fmt.Sprint(v)})
		return
	}
	switch rule.kind {
	case ruleText:
		c.text(rule.field, s, rule.max, rule.required, rule.multiline)
	case ruleOneOf:
		c.oneOf(rule.field, s, rule.values...)
	case ruleFiles:
		files, err := parseFiles(s)
		if err != nil {
			c.add(FieldError{Field: rule.field, Problem: BadValue, Value: s})
			return
		}
		Proceedings{Files: files}.check(c)
	case ruleDate:
		if s == "" {
			if rule.required {
				c.add(FieldError{Field: rule.field, Problem: Required})
			}
			return
		}
		if d, err := ParseDate(s); err != nil || !d.Valid() {
			c.add(FieldError{Field: rule.field, Problem: BadDate, Value: s})
		}
	}
}
