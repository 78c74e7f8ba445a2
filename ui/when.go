package ui

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"termbook/store"
	"termbook/ui/i18n"
)

// Words for schedules.
var (
	msgInWeek  = i18n.Msg{Zh: "本周内", En: "this week"}
	msgInMonth = i18n.Msg{Zh: "%s份", En: "in %s"}
)

// schedText says when an activity is planned: "11月3日 周二", "第5周" or "2026年11月".
func schedText(l i18n.Lang, sc store.Schedule) string {
	switch sc.Kind {
	case store.ByDate:
		return l.Date(sc.Date)
	case store.ByWeek:
		return l.Week(sc.Week)
	case store.ByMonth:
		return l.MonthYear(sc.Month)
	}
	return ""
}

// dayColumn is the calendar's date column: the day, or that it is only fixed to a week or
// a month.
func dayColumn(l i18n.Lang, sc store.Schedule) string {
	switch sc.Kind {
	case store.ByDate:
		return l.Date(sc.Date)
	case store.ByWeek:
		return l.T(msgInWeek)
	case store.ByMonth:
		return l.T(msgInMonth, l.Month(sc.Month.Month))
	}
	return ""
}

// rangeText is a week's dates: "9月15日-9月21日" or "15 Sep-21 Sep".
func rangeText(l i18n.Lang, from, to store.Date) string {
	return dayMonth(l, from) + "-" + dayMonth(l, to)
}

// dayMonth is "9月15日" or "15 Sep".
func dayMonth(l i18n.Lang, d store.Date) string {
	if l == i18n.En {
		return strconv.Itoa(d.Day) + " " + d.Month.String()[:3]
	}
	return strconv.Itoa(int(d.Month)) + "月" + strconv.Itoa(d.Day) + "日"
}

// weekOf is the calendar week an activity is listed in: its day's week, its week, or for a
// month-only activity the first week that lies mostly in that month.
func weekOf(t store.Term, a store.Activity) int {
	switch a.Sched.Kind {
	case store.ByDate:
		return t.ClampWeek(a.Sched.Date)
	case store.ByWeek:
		return a.Sched.Week
	}
	w := t.ClampWeek(a.Sched.Month.First())
	if mid := midweek(t, w); mid.Before(a.Sched.Month.First()) && w < t.Weeks {
		w++
	}
	return w
}

// monthOf is the month an activity is listed in: its day's month, the month holding most of
// its week, or its month.
func monthOf(t store.Term, a store.Activity) store.Month {
	switch a.Sched.Kind {
	case store.ByDate:
		return a.Sched.Date.MonthOf()
	case store.ByWeek:
		return midweek(t, a.Sched.Week).MonthOf()
	}
	return a.Sched.Month
}

// midweek is the Wednesday of week w: the day that decides which month a week belongs to.
func midweek(t store.Term, w int) store.Date {
	mon, _ := t.WeekRange(w)
	return mon.AddDays(2)
}

// The words parseWhen reads, compiled when first used rather than at every start.
var (
	reWeek  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?i:w|第)?(\d{1,2})(?:周)?$`) })
	reMD    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{1,2})[-/月.](\d{1,2})日?$`) })
	reMonth = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:(\d{4})[-年])?(\d{1,2})月份?$`) })
)

// parseWhen reads where an activity moves to, from the input line: a week ("5", "w5",
// "第5周"), a date ("2026-11-03", "11-3", "11月3日") or a month ("11月", "2026-11"). What
// follows the first word is the reason. Days and months without a year take the year that
// puts them inside the term.
func parseWhen(text string, t store.Term) (sc store.Schedule, reason string, ok bool) {
	text = strings.TrimSpace(text)
	word, rest, _ := strings.Cut(text, " ")
	reason = strings.TrimSpace(rest)
	if m := reWeek().FindStringSubmatch(word); m != nil {
		n, _ := strconv.Atoi(m[1])
		return store.InWeek(n), reason, true
	}
	if d, err := store.ParseDate(word); err == nil {
		return store.OnDate(d), reason, true
	}
	if mo, err := store.ParseMonth(word); err == nil {
		return store.InMonth(mo), reason, true
	}
	if m := reMD().FindStringSubmatch(word); m != nil {
		mo, _ := strconv.Atoi(m[1])
		day, _ := strconv.Atoi(m[2])
		for _, y := range []int{t.Start().Year, t.End().Year} {
			d := store.Date{Year: y, Month: time.Month(mo), Day: day}
			if d.Valid() && t.Contains(d) {
				return store.OnDate(d), reason, true
			}
		}
		return store.OnDate(store.Date{Year: t.Start().Year, Month: time.Month(mo), Day: day}), reason, true
	}
	if m := reMonth().FindStringSubmatch(word); m != nil {
		mo, _ := strconv.Atoi(m[2])
		if m[1] != "" {
			y, _ := strconv.Atoi(m[1])
			return store.InMonth(store.Month{Year: y, Month: time.Month(mo)}), reason, true
		}
		for _, y := range []int{t.Start().Year, t.End().Year} {
			mm := store.Month{Year: y, Month: time.Month(mo)}
			if !mm.Last().Before(t.Start()) && !mm.First().After(t.End()) {
				return store.InMonth(mm), reason, true
			}
		}
		return store.InMonth(store.Month{Year: t.Start().Year, Month: time.Month(mo)}), reason, true
	}
	return store.Schedule{}, reason, false
}
