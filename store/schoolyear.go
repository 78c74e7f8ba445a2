package store

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"sync"
	"time"
)

// SchoolYear is a school year (学年), named by the calendar year it starts in: 2025 is
// 2025-2026, the autumn term from August and the spring term to July.
type SchoolYear int

// SchoolYearOf is the school year a day falls in: from 1 August to 31 July.
func SchoolYearOf(d Date) SchoolYear {
	if d.Month >= time.August {
		return SchoolYear(d.Year)
	}
	return SchoolYear(d.Year - 1)
}

// SchoolYear is the school year the term belongs to, by the day its first week starts.
func (t Term) SchoolYear() SchoolYear { return SchoolYearOf(t.Week1) }

// String is "2025-2026".
func (y SchoolYear) String() string { return fmt.Sprintf("%d-%d", int(y), int(y)+1) }

// First is 1 August of the year's start; Last is 31 July of its end.
func (y SchoolYear) First() Date { return Date{Year: int(y), Month: time.August, Day: 1} }

// Last is the school year's last day, 31 July.
func (y SchoolYear) Last() Date { return Date{Year: int(y) + 1, Month: time.July, Day: 31} }

// schoolYearPattern is compiled when first used, not at every start of the program.
var schoolYearPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(\d{4})\s*[-—–~至到]+\s*(\d{4})\s*(?:学年)?\s*$`)
})

// ParseSchoolYear reads "2025-2026" (also 2025—2026, 2025-2026学年). The second year must
// follow the first.
func ParseSchoolYear(s string) (SchoolYear, error) {
	m := schoolYearPattern().FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("parse school year %q: %w", s, ErrInvalid)
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	if b != a+1 || a < 1900 || a > 2200 {
		return 0, fmt.Errorf("parse school year %q: %w", s, ErrInvalid)
	}
	return SchoolYear(a), nil
}

// TermsOfYear returns the live terms of a school year (those whose first week starts within
// it), oldest first.
func (s *Store) TermsOfYear(ctx context.Context, y SchoolYear) ([]Term, error) {
	return queryAll(ctx, s.r, scanTerm, "SELECT "+termCols+" FROM terms WHERE deleted_at IS NULL AND week1 BETWEEN ? AND ? ORDER BY week1",
		y.First().String(), y.Last().String())
}
