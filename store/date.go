package store

import (
	"fmt"
	"time"
)

// Date is a day in the school's calendar, without time or zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads "2006-01-02".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("parse date %q: %w", s, err)
	}
	return DateOf(t), nil
}

// Time is midnight UTC of the day.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d == Date{} }

// String is "2006-01-02", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// AddDays returns the day n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// Weekday is the day of the week.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Sub is the number of days from o to d.
func (d Date) Sub(o Date) int { return int(d.Time().Sub(o.Time()).Hours() / 24) }

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is later than o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Compare returns -1, 0 or +1.
func (d Date) Compare(o Date) int { return d.Time().Compare(o.Time()) }

// MonthOf is the month d falls in.
func (d Date) MonthOf() Month { return Month{d.Year, d.Month} }

// Valid reports whether d is a real calendar day within years a school could mean.
func (d Date) Valid() bool {
	return d.Year >= 1900 && d.Year <= 2200 && DateOf(d.Time()) == d
}

// Month is a calendar month, for activities planned only by month ("11月份").
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth reads "2006-01".
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return Month{}, fmt.Errorf("parse month %q: %w", s, err)
	}
	return Month{t.Year(), t.Month()}, nil
}

// String is "2006-01", or "" for the zero Month.
func (m Month) String() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month))
}

// IsZero reports whether m is the zero Month.
func (m Month) IsZero() bool { return m == Month{} }

// First is the month's first day.
func (m Month) First() Date { return Date{m.Year, m.Month, 1} }

// Last is the month's last day.
func (m Month) Last() Date { return Date{m.Year, m.Month + 1, 1}.norm().AddDays(-1) }

// Next is the following month.
func (m Month) Next() Month { return Date{m.Year, m.Month + 1, 1}.norm().MonthOf() }

func (d Date) norm() Date { return DateOf(d.Time()) }
