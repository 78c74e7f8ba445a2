package i18n

import (
	"time"

	"termbook/store"
)

// Words for the domain's values, used by every screen and command.
var (
	msgWeek      = Msg{"第%d周", "Week %d"}
	msgWeekShort = Msg{"%d周", "W%d"}
	msgStatus    = map[store.Status]Msg{
		store.Planned:   {"计划", "planned"},
		store.Done:      {"完成", "done"},
		store.Postponed: {"延期", "postponed"},
		store.Cancelled: {"取消", "cancelled"},
	}
	msgOverdue = Msg{"逾期", "overdue"}
	msgForm    = map[store.GuidanceForm]Msg{
		store.FormPrep:    {"备课", "lesson prep"},
		store.FormObserve: {"听课", "observation"},
		store.FormReview:  {"评课", "lesson review"},
		store.FormTalk:    {"谈话", "talk"},
		store.FormDemo:    {"示范课", "demo lesson"},
		store.FormOther:   {"其他", "other"},
	}
	msgWeekday = [7]Msg{
		{"周日", "Sun"}, {"周一", "Mon"}, {"周二", "Tue"}, {"周三", "Wed"},
		{"周四", "Thu"}, {"周五", "Fri"}, {"周六", "Sat"},
	}
	msgMonthYear = Msg{"%[2]d年%[1]d月", "%[3]s %[2]d"}
	msgEvidence  = map[store.EvidenceState]Msg{
		store.Missing:  {"未交", "missing"},
		store.HandedIn: {"已交", "handed in"},
		store.Checked:  {"已查", "checked"},
	}
	msgTermGrade = map[store.TermGradeValue]Msg{
		store.Excellent: {"优秀", "excellent"},
		store.Good:      {"良好", "good"},
		store.Pass:      {"合格", "pass"},
		store.Fail:      {"不合格", "fail"},
	}
	msgGradeLetter = map[string]Msg{
		store.GradeExcellent: {"优", "A"},
		store.GradeGood:      {"良", "B"},
		store.GradeFair:      {"中", "C"},
		store.GradePoor:      {"差", "D"},
	}
)

// Week is "第3周" or "Week 3".
func (l Lang) Week(n int) string { return l.T(msgWeek, n) }

// WeekShort is "3周" or "W3", for narrow columns.
func (l Lang) WeekShort(n int) string { return l.T(msgWeekShort, n) }

// Status names an activity status.
func (l Lang) Status(s store.Status) string { return l.T(msgStatus[s]) }

// Overdue is the word for a pending activity whose time has passed.
func (l Lang) Overdue() string { return l.T(msgOverdue) }

// Form names a guidance form.
func (l Lang) Form(f store.GuidanceForm) string { return l.T(msgForm[f]) }

// Weekday is "周二" or "Tue".
func (l Lang) Weekday(d time.Weekday) string { return l.T(msgWeekday[d]) }

// Month is "11月" or "Nov".
func (l Lang) Month(m time.Month) string {
	if l == En {
		return m.String()[:3]
	}
	return itoa(int(m)) + "月"
}

// MonthYear is "2026年11月" or "Nov 2026".
func (l Lang) MonthYear(m store.Month) string {
	return l.T(msgMonthYear, int(m.Month), m.Year, m.Month.String()[:3])
}

// Date is "11月3日 周二" or "Tue 3 Nov": a day as the calendar shows it.
func (l Lang) Date(d store.Date) string {
	if l == En {
		return l.Weekday(d.Weekday()) + " " + itoa(d.Day) + " " + d.Month.String()[:3]
	}
	return itoa(int(d.Month)) + "月" + itoa(d.Day) + "日 " + l.Weekday(d.Weekday())
}

// TypeName is an activity type's name in the language (a school's own type may have only a
// Chinese name).
func (l Lang) TypeName(t store.ActivityType) string {
	if l == En && t.NameEn != "" {
		return t.NameEn
	}
	return t.Name
}

// KindName is a hand-in kind's name in the language (a school's own kind may have only a
// Chinese name).
func (l Lang) KindName(k store.HandinKind) string {
	if l == En && k.NameEn != "" {
		return k.NameEn
	}
	return k.Name
}

// Evidence names a checklist state.
func (l Lang) Evidence(s store.EvidenceState) string { return l.T(msgEvidence[s]) }

// TermGrade names a term grade.
func (l Lang) TermGrade(g store.TermGradeValue) string { return l.T(msgTermGrade[g]) }

// GradeLetter shows an observation grade (优/良/中/差; A–D in English).
func (l Lang) GradeLetter(g string) string {
	if m, ok := msgGradeLetter[g]; ok {
		return l.T(m)
	}
	return g
}

func itoa(n int) string {
	if n < 10 && n >= 0 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
