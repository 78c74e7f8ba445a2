// Package sample writes termbook's sample data: one complete term in the spirit of a real
// pairing plan, placed around a given day so that "this week", "done" and "overdue" mean
// something at once, plus optional years of generated history at a realistic scale.
//
// Everything is drawn from fixed seeds: for the same day and number of years the content is
// the same (only the ids differ).
package sample

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"termbook/store"
)

// ErrNotEmpty means the database already has terms: the sample goes only into a new file, so
// that it never mixes with a school's own records.
var ErrNotEmpty = errors.New("the database already has terms")

// Write adds the sample term around today and, before it, `years` years of history (two
// terms a year) to s, then checkpoints the file. Each term is one transaction.
func Write(ctx context.Context, s *store.Store, today store.Date, years int) error {
	if terms, err := s.Terms(ctx); err != nil || len(terms) > 0 {
		if err == nil {
			err = ErrNotEmpty
		}
		return fmt.Errorf("sample: %w", err)
	}
	types, err := s.ActivityTypes(ctx)
	if err != nil {
		return fmt.Errorf("sample: %w", err)
	}
	typeIDs := make(map[string]string, len(types))
	for _, t := range types {
		if t.Code != "" {
			typeIDs[t.Code] = t.ID
		}
	}
	var cur *current
	err = s.Batch(ctx, func(b *store.Batch) error {
		cur = &current{b: b, r: rand.New(rand.NewPCG(20151001, 1)), today: today, types: typeIDs}
		return cur.write()
	})
	if err != nil {
		return fmt.Errorf("sample: %w", err)
	}
	if years > 0 {
		if err := writeHistory(ctx, s, cur, years); err != nil {
			return fmt.Errorf("sample history: %w", err)
		}
	}
	return s.Checkpoint(ctx)
}

// TermAround returns the first Monday and the number of weeks of the sample term that contains
// today: the autumn term (第一学期) from the start of September to the end of January, the
// spring term (第二学期) from late February to the end of July. A day in the summer or winter
// holiday before a term starts opens that term early, so today is always inside it.
func TermAround(today store.Date) (week1 store.Date, weeks int) {
	var start, end store.Date
	switch {
	case today.Month >= time.August:
		start = store.Date{Year: today.Year, Month: time.September, Day: 1}
		end = store.Date{Year: today.Year + 1, Month: time.January, Day: 31}
	case today.Month == time.January:
		start = store.Date{Year: today.Year - 1, Month: time.September, Day: 1}
		end = store.Date{Year: today.Year, Month: time.January, Day: 31}
	default:
		start = store.Date{Year: today.Year, Month: time.February, Day: 20}
		end = store.Date{Year: today.Year, Month: time.July, Day: 31}
	}
	week1 = mondayOf(start)
	if today.Before(week1) {
		week1 = mondayOf(today)
	}
	weeks = end.Sub(week1)/7 + 1
	return week1, weeks
}

// mondayOf is the Monday of d's week.
func mondayOf(d store.Date) store.Date {
	return d.AddDays(-((int(d.Weekday()) + 6) % 7))
}

// termName is the name a school gives the term starting at week1: 2026—2027学年第一学期.
func termName(week1 store.Date) string {
	if autumn(week1) {
		return fmt.Sprintf("%d—%d学年第一学期", week1.Year, week1.Year+1)
	}
	return fmt.Sprintf("%d—%d学年第二学期", week1.Year-1, week1.Year)
}

func autumn(week1 store.Date) bool { return week1.Month >= time.July }

// dayIn is the given weekday of week w (Monday = 1 … Friday = 5).
func dayIn(t store.Term, w int, weekday time.Weekday) store.Date {
	mon, _ := t.WeekRange(w)
	return mon.AddDays(int(weekday) - 1)
}

// schoolDay moves d to the nearest school day within first..last: forward first, then back;
// d itself when the span has none.
func schoolDay(d, first, last store.Date) store.Date {
	for x := d; !x.After(last); x = x.AddDays(1) {
		if isSchoolDay(x) {
			return x
		}
	}
	for x := d; !x.Before(first); x = x.AddDays(-1) {
		if isSchoolDay(x) {
			return x
		}
	}
	return d
}

// isSchoolDay reports whether d is a weekday outside the fixed public holidays.
func isSchoolDay(d store.Date) bool {
	return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday && holiday(d) == ""
}

// holiday names the public holiday d falls in, or "". The holidays that move with the lunar
// calendar are left out; Qingming is taken as 4–6 April.
func holiday(d store.Date) string {
	switch {
	case d.Month == time.January && d.Day == 1:
		return "元旦"
	case d.Month == time.April && d.Day >= 4 && d.Day <= 6:
		return "清明"
	case d.Month == time.May && d.Day <= 5:
		return "劳动节"
	case d.Month == time.October && d.Day <= 7:
		return "国庆"
	}
	return ""
}

func minDate(a, b store.Date) store.Date {
	if a.Before(b) {
		return a
	}
	return b
}
