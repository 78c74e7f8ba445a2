package quickadd

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"termbook/store"
)

// whenKind says what a schedule word gives.
type whenKind int

const (
	notWhen        whenKind = iota
	whenDay                 // a whole date: 2016-03-15, 3/15, 明天
	whenWeek                // a week of the term: w3, 第3周, 下周
	whenMonth               // a month: 11月, nov, 2016-11
	whenWeekday             // a day of the week: 周二, tue
	whenWeekAndDay          // a week and a day of it: 下周二
)

// when is what a schedule word says, already checked against the term.
type when struct {
	kind    whenKind
	date    store.Date
	week    int
	month   store.Month
	weekday time.Weekday
}

// The words quick add reads as dates and weeks, compiled when a line is first read rather
// than at every start of the program.
var (
	reWeek   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:w|wk|week)(\d+)$`) })
	reWeekZh = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^第?([0-9一二三四五六七八九十两]{1,4})周$`)
	})
	reFullDate  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`) })
	reFullDateZ = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$`) })
	reDayMonth  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})$`) })
	reDayMonthZ = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{1,2})月(\d{1,2})[日号]?$`) })
	reMonthZh   = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([0-9一二三四五六七八九十]{1,3})月份?$`)
	})
	reYearMonth = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})(?:-|/|年)(\d{1,2})月?份?$`) })
	// A word made only of digits and separators, which a person meant as a date or time.
	reDateLike = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d+(?:[-/.]\d+)+$`) })
)

var (
	relativeDays = map[string]int{
		"今天": 0, "今日": 0, "today": 0,
		"明天": 1, "明日": 1, "tomorrow": 1, "tmr": 1,
		"后天": 2,
		"昨天": -1, "yesterday": -1,
		"前天": -2,
	}
	relativeWeeks = map[string]int{"本周": 0, "这周": 0, "this-week": 0, "下周": 1, "next-week": 1, "上周": -1, "last-week": -1}
	weekPrefixes  = map[string]int{"本": 0, "这": 0, "下": 1, "上": -1} // 下周二, 下星期二
	weekdayWords  = map[string]time.Weekday{
		"mon": time.Monday, "monday": time.Monday,
		"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday,
		"wed": time.Wednesday, "wednesday": time.Wednesday,
		"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
		"fri": time.Friday, "friday": time.Friday,
		"sat": time.Saturday, "saturday": time.Saturday,
		"sun": time.Sunday, "sunday": time.Sunday,
	}
	weekdayZh = map[string]time.Weekday{
		"一": time.Monday, "二": time.Tuesday, "三": time.Wednesday, "四": time.Thursday,
		"五": time.Friday, "六": time.Saturday, "日": time.Sunday, "天": time.Sunday,
	}
	monthWords = map[string]time.Month{
		"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
		"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
		"sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
		"dec": 12, "december": 12,
	}
)

// parseWhen reads a schedule word (lower-cased). It returns notWhen for a word that is not
// one, and an *Error for one that is but does not fit the term.
func (p *parser) parseWhen(word, raw string) (when, error) {
	t := p.c.Term
	outside := func(d store.Date) error {
		if t.Contains(d) || p.anyDay {
			return nil
		}
		return &Error{Kind: DateOutsideTerm, Token: raw, First: t.Start(), Last: t.End()}
	}
	day := func(d store.Date) (when, error) { return when{kind: whenDay, date: d}, outside(d) }
	week := func(n int) (when, error) {
		if n < 1 || n > t.Weeks {
			return when{}, &Error{Kind: WeekOutOfRange, Token: raw, Min: 1, Max: t.Weeks}
		}
		return when{kind: whenWeek, week: n}, nil
	}

	if n, ok := relativeDays[word]; ok {
		return day(p.c.Today.AddDays(n))
	}
	if n, ok := relativeWeeks[word]; ok {
		return week(p.thisWeek() + n)
	}
	if wd, ok := weekdayOf(word); ok {
		return when{kind: whenWeekday, weekday: wd}, nil
	}
	for prefix, n := range weekPrefixes {
		rest, ok := strings.CutPrefix(word, prefix)
		if wd, isDay := weekdayOf(rest); ok && isDay {
			w, err := week(p.thisWeek() + n)
			w.kind, w.weekday = whenWeekAndDay, wd
			return w, err
		}
	}
	if m := reWeek().FindStringSubmatch(word); m != nil {
		n, _ := strconv.Atoi(m[1])
		return week(n)
	}
	if m := reWeekZh().FindStringSubmatch(word); m != nil {
		if n, ok := number(m[1]); ok {
			return week(n)
		}
	}
	if m := firstMatch(word, reFullDate(), reFullDateZ()); m != nil {
		d, ok := dateOf(m[1], m[2], m[3])
		if !ok {
			return when{}, &Error{Kind: BadDate, Token: raw}
		}
		return day(d)
	}
	if m := firstMatch(word, reDayMonth(), reDayMonthZ()); m != nil {
		mon, _ := strconv.Atoi(m[1])
		dd, _ := strconv.Atoi(m[2])
		return p.dayInTerm(mon, dd, raw)
	}
	if m := reYearMonth().FindStringSubmatch(word); m != nil {
		y, _ := strconv.Atoi(m[1])
		mon, _ := strconv.Atoi(m[2])
		if mon < 1 || mon > 12 {
			return when{}, &Error{Kind: BadMonth, Token: raw}
		}
		return p.month(store.Month{Year: y, Month: time.Month(mon)}, raw)
	}
	if m := reMonthZh().FindStringSubmatch(word); m != nil {
		n, ok := number(m[1])
		if !ok || n < 1 || n > 12 {
			return when{}, &Error{Kind: BadMonth, Token: raw}
		}
		return p.monthInTerm(time.Month(n), raw)
	}
	if mon, ok := monthWords[word]; ok {
		return p.monthInTerm(mon, raw)
	}
	if reDateLike().MatchString(word) {
		return when{}, &Error{Kind: BadDate, Token: raw}
	}
	return when{}, nil
}

// thisWeek is the week a line without a week means: Context.Week, else the week of today
// (the first or last week when today is outside the term).
func (p *parser) thisWeek() int {
	if p.c.Week > 0 {
		return p.c.Week
	}
	return p.c.Term.ClampWeek(p.c.Today)
}

// dayInTerm finds month/day in whichever year puts it inside the term.
func (p *parser) dayInTerm(mon, dd int, raw string) (when, error) {
	t := p.c.Term
	valid := false
	for _, y := range []int{t.Start().Year, t.End().Year} {
		d := store.Date{Year: y, Month: time.Month(mon), Day: dd}
		if !d.Valid() {
			continue
		}
		valid = true
		if t.Contains(d) {
			return when{kind: whenDay, date: d}, nil
		}
	}
	if !valid {
		return when{}, &Error{Kind: BadDate, Token: raw}
	}
	if p.anyDay {
		// Outside the term: the year that puts the day nearest to it.
		var best store.Date
		for y := t.Start().Year - 1; y <= t.End().Year+1; y++ {
			d := store.Date{Year: y, Month: time.Month(mon), Day: dd}
			if d.Valid() && (best.IsZero() || p.distance(d) < p.distance(best)) {
				best = d
			}
		}
		if !best.IsZero() {
			return when{kind: whenDay, date: best}, nil
		}
		return when{}, &Error{Kind: BadDate, Token: raw}
	}
	return when{}, &Error{Kind: DateOutsideTerm, Token: raw, First: t.Start(), Last: t.End()}
}

// distance is how many days d lies outside the term.
func (p *parser) distance(d store.Date) int {
	t := p.c.Term
	switch {
	case d.Before(t.Start()):
		return t.Start().Sub(d)
	case d.After(t.End()):
		return d.Sub(t.End())
	}
	return 0
}

// monthInTerm finds the month of that number among the months the term touches.
func (p *parser) monthInTerm(mon time.Month, raw string) (when, error) {
	for _, m := range p.c.Term.Months() {
		if m.Month == mon {
			return when{kind: whenMonth, month: m}, nil
		}
	}
	return p.month(store.Month{Year: p.c.Term.Start().Year, Month: mon}, raw)
}

func (p *parser) month(m store.Month, raw string) (when, error) {
	t := p.c.Term
	if m.Last().Before(t.Start()) || m.First().After(t.End()) {
		return when{}, &Error{Kind: MonthOutsideTerm, Token: raw, First: t.Start(), Last: t.End()}
	}
	return when{kind: whenMonth, month: m}, nil
}

// weekdayOf reads 周二, 星期二, 礼拜二, tue, tuesday.
func weekdayOf(word string) (time.Weekday, bool) {
	if wd, ok := weekdayWords[word]; ok {
		return wd, true
	}
	for _, p := range []string{"周", "星期", "礼拜"} {
		if rest, ok := strings.CutPrefix(word, p); ok {
			wd, ok := weekdayZh[rest]
			return wd, ok
		}
	}
	return 0, false
}

func firstMatch(s string, res ...*regexp.Regexp) []string {
	for _, re := range res {
		if m := re.FindStringSubmatch(s); m != nil {
			return m
		}
	}
	return nil
}

func dateOf(y, m, d string) (store.Date, bool) {
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	date := store.Date{Year: yy, Month: time.Month(mm), Day: dd}
	return date, date.Valid()
}

// number reads 1 to 99 written in digits or in Chinese (三, 十一, 二十, 两).
func number(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	digit := map[rune]int{'一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10, true
	case len(rs) == 1:
		n, ok := digit[rs[0]]
		return n, ok
	case len(rs) == 2 && rs[0] == '十':
		n, ok := digit[rs[1]]
		return 10 + n, ok
	case len(rs) == 2 && rs[1] == '十':
		n, ok := digit[rs[0]]
		return 10 * n, ok
	case len(rs) == 3 && rs[1] == '十':
		a, ok1 := digit[rs[0]]
		b, ok2 := digit[rs[2]]
		return 10*a + b, ok1 && ok2
	}
	return 0, false
}
