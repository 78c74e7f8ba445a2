package ui

import (
	"errors"
	"strconv"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/quickadd"
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

// maxWhenText is the most a field saying when takes: 2026年10月20日 周二 fits.
const maxWhenText = 20

// whenContext is what a field saying when is read against: the term showing, today, and
// the week a day of the week alone falls in (0: today's).
func (sh *shared) whenContext(week int) quickadd.Context {
	c := quickadd.Context{Today: sh.today, Week: week}
	if sh.data != nil {
		c.Term, c.Types = sh.data.term, sh.data.types
	}
	return c
}

// whenError is the sentence for a field's when-words that cannot be read, in the user's
// language.
func (sh *shared) whenError(err error) string {
	var qe *quickadd.Error
	if errors.As(err, &qe) {
		return qe.Message(sh.lang)
	}
	return sh.lang.Error(err)
}
