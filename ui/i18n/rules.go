package i18n

import "termbook/store"

// The words of the review's rules (考核细则), shared by `termbook targets` and the targets
// screen.
var (
	msgScopeWord = map[store.Scope]Msg{
		store.ScopeMentorPair: {Zh: "师徒结对", En: "mentor pair"},
		store.ScopeTeacher:    {Zh: "教师", En: "teacher"},
		store.ScopeSchoolPair: {Zh: "校际结对", En: "school pair"},
	}
	msgEveryTeacher = Msg{Zh: "全体教师", En: "every teacher"}
	msgRoleWord     = map[string]Msg{
		store.RoleMentor: {Zh: "师傅", En: "mentors"},
		store.RoleMentee: {Zh: "徒弟", En: "mentees"},
	}
	msgRecordsOf = map[string]Msg{
		"":               {Zh: "计徒弟的", En: "the mentee's"},
		store.RoleMentee: {Zh: "计徒弟的", En: "the mentee's"},
		store.RoleMentor: {Zh: "计师傅的", En: "the mentor's"},
	}
	msgEachSchoolPair = Msg{Zh: "每对学校", En: "each pair"}
	msgEachPair       = Msg{Zh: "每对师徒", En: "each pair"}
	msgCountsWord     = map[store.Measure]Msg{
		store.CountObservationsMade:     {Zh: "听课", En: "lessons observed"},
		store.CountObservationsReceived: {Zh: "上课被听", En: "lessons taught, observed"},
		store.CountObservesMentor:       {Zh: "听师傅课", En: "the mentor's lessons observed"},
		store.CountGuidance:             {Zh: "指导记录", En: "guidance entries"},
		store.CountHandins:              {Zh: "材料：%s", En: "hand-ins: %s"},
		store.CountActivities:           {Zh: "活动：%s", En: "activities: %s"},
	}
	msgAnyType    = Msg{Zh: "任何类型", En: "any type"}
	msgBothSchool = Msg{Zh: "%s（两校参加）", En: "%s (both schools)"}
)

// ScopeName says whose target it is: 师徒结对, 教师, 校际结对.
func (l Lang) ScopeName(s store.Scope) string { return l.T(msgScopeWord[s]) }

// RoleName names a role in a mentor pair, in the plural: 师傅, 徒弟.
func (l Lang) RoleName(role string) string { return l.T(msgRoleWord[role]) }

// EveryTeacher is what a teacher target without a group applies to: 全体教师.
func (l Lang) EveryTeacher() string { return l.T(msgEveryTeacher) }

// RecordsOf says, for a mentor pair's target, whose records count: 计徒弟的, 计师傅的.
func (l Lang) RecordsOf(role string) string { return l.T(msgRecordsOf[role]) }

// AppliesTo says whom a target applies to, or for a pair whose records it counts.
func (l Lang) AppliesTo(t store.Target) string {
	switch {
	case t.Scope == store.ScopeMentorPair && (t.Counts == store.CountGuidance || t.Counts == store.CountObservesMentor):
		return l.T(msgEachPair)
	case t.Scope == store.ScopeMentorPair:
		return l.RecordsOf(t.AppliesTo)
	case t.Scope == store.ScopeSchoolPair:
		return l.T(msgEachSchoolPair)
	}
	if m, ok := msgRoleWord[t.AppliesTo]; ok {
		return l.T(m)
	}
	if t.AppliesTo == "" {
		return l.EveryTeacher()
	}
	return t.AppliesTo
}

// MeasureName says what a target counts, without naming a kind or type: 听课, 材料, 活动.
func (l Lang) MeasureName(m store.Measure) string {
	switch m {
	case store.CountHandins, store.CountActivities:
		return l.T(msgCountsWord[m], "…")
	}
	return l.T(msgCountsWord[m])
}

// Counts says what a target counts: 听课, 材料：教案, 活动：联席会议（两校参加）.
func (l Lang) Counts(t store.Target, kinds []store.HandinKind, types []store.ActivityType) string {
	switch t.Counts {
	case store.CountHandins:
		name := t.KindID
		for _, k := range kinds {
			if k.ID == t.KindID {
				name = l.KindName(k)
			}
		}
		return l.T(msgCountsWord[t.Counts], name)
	case store.CountActivities:
		name := l.T(msgAnyType)
		for _, ty := range types {
			if ty.ID == t.TypeID {
				name = l.TypeName(ty)
			}
		}
		text := l.T(msgCountsWord[t.Counts], name)
		if t.BothSchools {
			text = l.T(msgBothSchool, text)
		}
		return text
	}
	return l.T(msgCountsWord[t.Counts])
}

// AnyType is what a target counting activities of no one type counts: 任何类型.
func (l Lang) AnyType() string { return l.T(msgAnyType) }
