package store

import (
	"database/sql"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Record is what every stored record carries: a stable global id, when it was made and last
// changed (UTC), which installation changed it last, and when it was deleted (soft deletion:
// undo and merging two schools' copies need the record to stay).
type Record struct {
	ID        string
	CreatedAt time.Time
	UpdatedAt time.Time
	UpdatedBy string
	DeletedAt time.Time // zero while the record is live
}

// Deleted reports whether the record is soft-deleted.
func (r Record) Deleted() bool { return !r.DeletedAt.IsZero() }

// Text limits, in characters (runes), for the fields people type.
const (
	MaxName  = 40    // a person's, school's or term's name
	MaxShort = 80    // titles, places, subjects, topics
	MaxNote  = 2000  // one-line notes and summaries
	MaxLong  = 50000 // the free-text panes of an observation or guidance entry
)

// checkText validates a typed text: valid UTF-8, no control characters (newlines and tabs
// allowed where multiline), at most max characters, and present when required.
func (c *checker) text(field, v string, max int, required, multiline bool) {
	switch {
	case !utf8.ValidString(v):
		c.add(FieldError{Field: field, Problem: BadText})
	case required && strings.TrimSpace(v) == "":
		c.add(FieldError{Field: field, Problem: Required})
	case utf8.RuneCountInString(v) > max:
		c.add(FieldError{Field: field, Problem: TooLong, Max: max, Value: strconv.Itoa(utf8.RuneCountInString(v))})
	case hasControl(v, multiline):
		c.add(FieldError{Field: field, Problem: ControlChars})
	}
}

func hasControl(s string, multiline bool) bool {
	for _, r := range s {
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return true
		}
	}
	return false
}

// rangeInt checks min <= v <= max.
func (c *checker) rangeInt(field string, v, min, max int) {
	if v < min || v > max {
		c.add(FieldError{Field: field, Problem: OutOfRange, Min: min, Max: max, Value: itoa(v)})
	}
}

// oneOf checks that v is one of the allowed values.
func (c *checker) oneOf(field, v string, allowed ...string) {
	for _, a := range allowed {
		if v == a {
			return
		}
	}
	c.add(FieldError{Field: field, Problem: BadValue, Value: v})
}

// date checks that a date is set (when required) and real.
func (c *checker) date(field string, d Date, required bool) {
	if d.IsZero() {
		if required {
			c.add(FieldError{Field: field, Problem: Required})
		}
		return
	}
	if !d.Valid() {
		c.add(FieldError{Field: field, Problem: BadDate, Value: d.String()})
	}
}

// ref checks that a reference to another record is given.
func (c *checker) ref(field, id string) {
	if id == "" {
		c.add(FieldError{Field: field, Problem: Required})
	}
}

// derived checks a column termbook fills on save from what people typed (a teacher's pinyin
// and its initials): letters and digits only, at most max characters. A file from a partner
// brings it as the partner's termbook derived it, which another release may do differently,
// so it is held to what any derivation gives rather than to this release's.
func (c *checker) derived(field, v string, max int) {
	switch {
	case !utf8.ValidString(v):
		c.add(FieldError{Field: field, Problem: BadText})
	case utf8.RuneCountInString(v) > max:
		c.add(FieldError{Field: field, Problem: TooLong, Max: max})
	case strings.ContainsFunc(v, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }):
		c.add(FieldError{Field: field, Problem: BadValue, Value: v})
	}
}

// ValidID reports whether id has the form of a record id: a UUID in lower-case hex with its
// four hyphens ("0196d2c4-…"), as every installation makes them and the built-in records
// carry them.
func ValidID(id string) bool {
	if len(id) != 36 {
		return false
	}
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return false
			}
		case '0' <= c && c <= '9', 'a' <= c && c <= 'f':
		default:
			return false
		}
	}
	return true
}

// shownMax is how many characters of a value an error message quotes.
const shownMax = 40

// shown is a value as an error message may quote it: control characters, line breaks and
// broken bytes written as Go escapes (\x1b, \n), so that a record from outside can never send
// the terminal an escape sequence through a message, and cut to shownMax characters.
func shown(v string) string {
	if utf8.RuneCountInString(v) > shownMax {
		v = string([]rune(v)[:shownMax]) + "…"
	}
	if utf8.ValidString(v) && !hasControl(v, false) {
		return v
	}
	q := strconv.Quote(v)
	return q[1 : len(q)-1]
}

func itoa(v int) string { return strconv.Itoa(v) }

// scanner is what *sql.Row and *sql.Rows share.
type scanner interface{ Scan(dest ...any) error }

// parseStamp reads a stored timestamp; the zero time for NULL or "".
func parseStamp(s sql.NullString) time.Time {
	if !s.Valid || s.String == "" {
		return time.Time{}
	}
	t, err := time.Parse(stamp, s.String)
	if err != nil {
		return time.Time{}
	}
	return t
}

// nullDate stores a Date, NULL for the zero Date.
func nullDate(d Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// dateCol is a scan destination for a stored date: NULL and "" are the zero Date. Read from
// the database a date that does not parse is the zero Date too (scanDate); a received
// record's dates are parsed strictly (receivedRow).
type dateCol struct{ d *Date }

// Scan implements sql.Scanner.
func (c dateCol) Scan(src any) error {
	*c.d = scanDate(sql.NullString{String: storedText(src), Valid: src != nil})
	return nil
}

// monthCol is dateCol for a stored month ("2026-11").
type monthCol struct{ m *Month }

// Scan implements sql.Scanner.
func (c monthCol) Scan(src any) error {
	m, err := ParseMonth(storedText(src))
	if err != nil {
		m = Month{}
	}
	*c.m = m
	return nil
}

// storedText is a stored text value as the driver hands it over; "" for anything else.
func storedText(src any) string {
	switch v := src.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	}
	return ""
}

// scanDate reads a stored date; the zero Date for NULL.
func scanDate(s sql.NullString) Date {
	if !s.Valid || s.String == "" {
		return Date{}
	}
	d, err := ParseDate(s.String)
	if err != nil {
		return Date{}
	}
	return d
}

// nullString stores "" as NULL, for optional references.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// recordCols are the columns every record table ends with, in scan order.
const recordCols = "id, created_at, updated_at, updated_by, deleted_at"

// recordDest returns scan destinations for recordCols and a func that fills r from them.
func recordDest(r *Record) ([]any, func()) {
	var created, updated, deleted sql.NullString
	dest := []any{&r.ID, &created, &updated, &r.UpdatedBy, &deleted}
	return dest, func() {
		r.CreatedAt = parseStamp(created)
		r.UpdatedAt = parseStamp(updated)
		r.DeletedAt = parseStamp(deleted)
	}
}

// touch fills a record's bookkeeping for a write at now by this installation: a new id and
// creation time when it has none.
func (s *Store) touch(r *Record) {
	now := s.Now().UTC().Truncate(time.Millisecond)
	if r.ID == "" {
		r.ID = newID()
	}
	if r.CreatedAt.IsZero() {
		r.CreatedAt = now
	}
	r.UpdatedAt = now
	r.UpdatedBy = s.installID
}

func fmtStamp(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(stamp)
}
