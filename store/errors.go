package store

import (
	"errors"
	"fmt"
	"strings"

	"modernc.org/sqlite"
)

// Errors a caller can test for with errors.Is. The UI turns each into one sentence in the
// user's language; the store never words messages for people.
var (
	// ErrNotFound means the record asked for does not exist (or was deleted).
	ErrNotFound = errors.New("not found")
	// ErrInvalid means a record failed validation; errors.As an *InvalidError for the fields.
	ErrInvalid = errors.New("invalid")
	// ErrConflict means the change collides with another record (a unique name, a reference).
	ErrConflict = errors.New("conflict")
	// ErrReadOnly means the database was opened read-only (a newer version, a damaged file,
	// a read-only file) and refuses writes.
	ErrReadOnly = errors.New("database is read-only")
	// ErrNotTermbook means the file is not a termbook database; it is never written to.
	ErrNotTermbook = errors.New("not a termbook database")
	// ErrNewerVersion means the file was written by a newer termbook.
	ErrNewerVersion = errors.New("database is from a newer version")
	// ErrDamaged means SQLite found the file corrupt.
	ErrDamaged = errors.New("database is damaged")
	// ErrBusy means another program held the database longer than the busy timeout.
	ErrBusy = errors.New("database is busy")
	// ErrDiskFull means the disk (or the file system's quota) is full.
	ErrDiskFull = errors.New("disk is full")
	// ErrCantOpen means the file or its folder could not be opened or created.
	ErrCantOpen = errors.New("cannot open database file")
)

// Problem says what is wrong with one field.
type Problem string

// The problems a field can have.
const (
	Required     Problem = "required"      // empty but needed
	TooLong      Problem = "too_long"      // longer than Max characters
	OutOfRange   Problem = "out_of_range"  // a number outside Min..Max
	BadDate      Problem = "bad_date"      // not a valid date, or outside the term
	BadValue     Problem = "bad_value"     // not one of the allowed values
	ControlChars Problem = "control_chars" // contains control characters
	BadText      Problem = "bad_text"      // not valid UTF-8
	Unknown      Problem = "unknown"       // names a record that does not exist
	NotMonday    Problem = "not_monday"    // a term's first week must start on a Monday
	Overlaps     Problem = "overlaps"      // a term's weeks overlap another term's (Value names it)
	Same         Problem = "same"          // two fields that must differ are equal
	Duplicate    Problem = "duplicate"     // another live record already has it (Value names that record)
	Outside      Problem = "outside"       // a file reference outside the files folder (Value is the path, Other the folder)
	NoFile       Problem = "no_file"       // a file that is not there (Value is the path)
	DoesNotFit   Problem = "does_not_fit"  // a value that does not fit with another field (Value says which)
	InUse        Problem = "in_use"        // still used by Value records, so it cannot be deleted
	Retired      Problem = "retired"       // a retired type or rubric, not to be used for new records
	IsBuiltin    Problem = "builtin"       // a built-in record: it can be renamed or retired, not deleted
	IsDefault    Problem = "is_default"    // the default rubric cannot be retired or deleted
	Mismatch     Problem = "mismatch"      // the dimensions' points add up to Value, not to Max
	Future       Problem = "future"        // a received change dated too far after this machine's clock (Value: its day)
	ThisMachine  Problem = "this_machine"  // a received record claims a change made here, which this machine never sent
)

// FieldError is one field's problem. Min and Max carry the limits where the problem has them
// (characters for TooLong, the range for OutOfRange).
type FieldError struct {
	Field   string
	Problem Problem
	Min     int
	Max     int
	Value   string
	Other   string // a second thing the problem names: the folder a file must be in
}

func (f FieldError) Error() string {
	switch f.Problem {
	case TooLong:
		return fmt.Sprintf("%s: longer than %d characters", f.Field, f.Max)
	case OutOfRange:
		return fmt.Sprintf("%s: %s is outside %d..%d", f.Field, f.Value, f.Min, f.Max)
	}
	if f.Value != "" {
		return fmt.Sprintf("%s: %s (%q)", f.Field, f.Problem, f.Value)
	}
	return fmt.Sprintf("%s: %s", f.Field, f.Problem)
}

// InvalidError lists the fields of a record that failed validation. It matches ErrInvalid.
type InvalidError struct {
	Record string // "activity", "teacher", …
	Fields []FieldError
}

func (e *InvalidError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Error()
	}
	return fmt.Sprintf("invalid %s: %s", e.Record, strings.Join(parts, "; "))
}

// Is makes errors.Is(err, ErrInvalid) true.
func (e *InvalidError) Is(target error) bool { return target == ErrInvalid }

// checker collects field errors while a Validate method walks a record.
type checker struct {
	record string
	fields []FieldError
}

// add notes a field's problem; the value it quotes is made safe to show (see shown).
func (c *checker) add(f FieldError) {
	f.Value = shown(f.Value)
	c.fields = append(c.fields, f)
}

func (c *checker) err() error {
	if len(c.fields) == 0 {
		return nil
	}
	return &InvalidError{Record: c.record, Fields: c.fields}
}

// SQLite primary result codes (https://sqlite.org/rescode.html); extended codes carry the
// primary code in their low byte.
const (
	sqliteBusy       = 5
	sqliteLocked     = 6
	sqliteReadOnly   = 8
	sqliteIOErr      = 10
	sqliteCorrupt    = 11
	sqliteFull       = 13
	sqliteCantOpen   = 14
	sqliteConstraint = 19
	sqliteNotADB     = 26
)

// mapErr turns a SQLite error into one of the store's errors by its result code, keeping the
// original in the chain. Other errors pass through unchanged.
func mapErr(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	var kind error
	switch se.Code() & 0xff {
	case sqliteConstraint:
		kind = ErrConflict
	case sqliteBusy, sqliteLocked:
		kind = ErrBusy
	case sqliteReadOnly:
		kind = ErrReadOnly
	case sqliteCorrupt, sqliteNotADB:
		kind = ErrDamaged
	case sqliteFull:
		kind = ErrDiskFull
	case sqliteCantOpen:
		kind = ErrCantOpen
	case sqliteIOErr:
		// A full disk often surfaces as an I/O error on write; the extended code says which.
		kind = errIO
	default:
		return err
	}
	return &codedError{kind: kind, err: err}
}

// errIO is an I/O error reading or writing the file.
var errIO = errors.New("disk input/output error")

// ErrIO is returned when reading or writing the file fails at the disk.
var ErrIO = errIO

type codedError struct {
	kind error
	err  error
}

func (e *codedError) Error() string { return e.kind.Error() + ": " + e.err.Error() }
func (e *codedError) Unwrap() []error {
	return []error{e.kind, e.err}
}
