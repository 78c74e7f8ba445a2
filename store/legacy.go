package store

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Records as termbook carried them before hand-ins replaced the term-end checklist (exchange
// files of version 1, and of version 2 before schema 5): a teacher's one 称号, a hand-in's
// kind by code, a target by its metric alone, and the checklist kept by hand. A partner that
// has not upgraded yet still sends them; they are read into today's shape, as migration 0005
// turned the same records in this database.

// legacyCols are the own columns of the older tables whose shape differs from today's.
var legacyCols = map[string][]string{
	"teachers":        {"school_id", "name", "pinyin", "initials", "subjects", "grade", "title", "active"},
	"handins":         {"term_id", "teacher_id", "kind", "title", "handed_on"},
	"targets":         {"term_id", "metric", "scope", "required", "per"},
	"checklist_items": {"term_id", "owner_kind", "owner_id", "item", "state", "note"},
}

// LegacyColumns are the columns in which an older file carries table's records when their
// shape differs from today's, read with ParseLegacyRow; nil for a table whose records travel
// as today's or lacking only columns added since (CompatibleColumns).
func LegacyColumns(table string) []string {
	if _, ok := legacyCols[table]; !ok {
		return nil
	}
	return append([]string{"id", "created_at", "updated_at", "updated_by", "deleted_at"}, legacyCols[table]...)
}

// Titles an older teacher's 称号 may hold that are a rank (职称) or a post (职务); any other
// is an honour (荣誉/骨干级别). Migration 0005 sorts the same words the same way.
var (
	legacyRanks = []string{"正高级教师", "高级教师", "一级教师", "二级教师", "三级教师", "未定级", "新任教师"}
	legacyPosts = []string{"校长", "副校长", "书记", "教导主任", "教务主任", "教研室主任", "教研组长", "年级组长", "班主任", "行政"}
)

// legacyKinds are an older hand-in kind code's kind today.
var legacyKinds = map[string]string{
	"lesson_plan": KindLessonPlan, "reading_notes": KindReadingNotes, "reflection": KindReflection,
	"lecture": KindLecture, "other": KindOtherHandin,
}

// legacyItems are a checklist item's kind of hand-in today, and whether it was the mentor's.
var legacyItems = map[string]struct {
	kind   string
	mentor bool
}{
	"observation_notes": {KindObservationNotes, false}, "lecture_materials": {KindLecture, true},
	"demo_lesson_plan": {KindDemoPlan, true}, "review_reflection": {KindReviewReflection, false},
	"reading_notes": {KindReadingNotes, false},
}

// LegacyChecked is who a checklist item marked checked says checked its hand-in.
const LegacyChecked = "（原考核项：已查）"

// PairTeachers finds the mentor and mentee of a mentor pair.
type PairTeachers func(pairID string) (mentor, mentee string, ok bool)

// ParseLegacyRow reads one record of an older exchange table (LegacyColumns) into today's
// shape: the table it belongs to now and the record, checked as ParseSyncRowFrom checks one;
// what the old shape has no word for (who checked a hand-in, a target's weight) is absent,
// and a merge keeps it as it is here. A checklist
// item becomes a hand-in of its kind (the mentor's or the mentee's, found with pairs); keep
// is false for one that was never handed in or whose pair is not known, which has no place.
func ParseLegacyRow(table string, raw []byte, pairs PairTeachers) (newTable string, row SyncRow, keep bool, err error) {
	_, changed := legacyCols[table]
	if !changed {
		row, err := ParseSyncRow(table, raw)
		return table, row, err == nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var vals []any
	if err := dec.Decode(&vals); err != nil {
		return table, nil, false, fmt.Errorf("%s: %w: %v", table, ErrBadRecord, err)
	}
	cols := LegacyColumns(table)
	if len(vals) != len(cols) {
		return table, nil, false, fmt.Errorf("%s: %d values for %d columns: %w", table, len(vals), len(cols), ErrBadRecord)
	}
	v := map[string]any{}
	for i, c := range cols {
		v[c] = vals[i]
	}
	str := func(c string) string { s, _ := v[c].(string); return s }
	newTable = table
	switch table {
	case "teachers":
		title := str("title")
		v["rank"], v["post"], v["honour"] = "", "", title
		for _, list := range []struct {
			words []string
			col   string
		}{{legacyRanks, "rank"}, {legacyPosts, "post"}} {
			for _, w := range list.words {
				if w == title {
					v[list.col], v["honour"] = title, ""
				}
			}
		}
	case "handins":
		v["kind_id"] = BuiltinHandinKindID(legacyKinds[str("kind")])
	case "targets":
		var def Target
		for _, d := range DefaultTargets("") {
			if string(d.Metric) == str("metric") {
				def = d
			}
		}
		v["title"], v["applies_to"], v["counts"], v["position"] = def.Title, def.AppliesTo, string(def.Counts), def.Pos
		v["type_id"], v["kind_id"] = nullString(def.TypeID), nullString(def.KindID)
		v["both_schools"] = boolInt(def.BothSchools)
	case "checklist_items":
		if str("state") != "handed_in" && str("state") != "checked" {
			return table, nil, false, nil
		}
		item, ok := legacyItems[str("item")]
		if !ok {
			return table, nil, false, fmt.Errorf("%s %s: item %q: %w", table, str("id"), str("item"), ErrBadRecord)
		}
		teacher := str("owner_id")
		if str("owner_kind") == string(ScopeMentorPair) {
			mentor, mentee, found := pairs(teacher)
			if !found {
				return table, nil, false, nil
			}
			teacher = mentee
			if item.mentor {
				teacher = mentor
			}
		}
		newTable = "handins"
		kindID := BuiltinHandinKindID(item.kind)
		title := ""
		for _, k := range BuiltinHandinKinds() {
			if k.ID == kindID {
				title = k.Name
			}
		}
		checked := ""
		if str("state") == "checked" {
			checked = LegacyChecked
		}
		updated := str("updated_at")
		v["teacher_id"], v["kind_id"], v["title"], v["handed_on"] = teacher, kindID, title, updated[:min(10, len(updated))]
		v["checked_by"], v["comment"] = checked, v["note"]
	}
	t, _ := syncTableNamed(newTable)
	var has []string
	var out []any
	for _, c := range t.columns() {
		if x, ok := v[c]; ok {
			has, out = append(has, c), append(out, x)
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		return newTable, nil, false, fmt.Errorf("%s: %w: %v", table, ErrBadRecord, err)
	}
	row, err = ParseSyncRowFrom(newTable, has, b)
	return newTable, row, err == nil, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
