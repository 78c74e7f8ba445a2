package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/user"
	"strings"
	"time"
)

// A holder file beside the database ("termbook.db-holder") says who has it open for writing:
// user@host and process id. It is written when a program opens the file for writing (unless
// another live program already holds it) and removed when that program closes it. It only
// informs: on a local disk SQLite's own locks let two programs share the file, and the holder
// names the other one when a write had to wait too long; on a network share or removable drive,
// where those locks cannot be trusted, a second program opens read-only while a live holder
// exists.

// Holder is a program that has the database open for writing.
type Holder struct {
	User  string    `json:"user"`
	Host  string    `json:"host"`
	PID   int       `json:"pid"`
	Since time.Time `json:"since"`
}

// String is "user@host (process 1234)".
func (h Holder) String() string {
	return fmt.Sprintf("%s@%s (pid %d)", h.User, h.Host, h.PID)
}

// InUseError says who holds the database: a write waited too long for it (Err is ErrBusy), or
// it opened read-only because another program on a network share or removable drive is
// writing to it (Err is ErrInUse).
type InUseError struct {
	Holder Holder
	File   string // the holder file: if its program is in fact gone, deleting it frees the database
	Err    error
}

func (e *InUseError) Error() string { return e.Err.Error() + ": held by " + e.Holder.String() }
func (e *InUseError) Unwrap() error { return e.Err }

// ErrInUse means another program is writing to the database, so this one only reads it.
var ErrInUse = errors.New("database is in use by another program")

func holderPath(db string) string { return db + "-holder" }

// me is this program as a holder.
func me(now time.Time) Holder {
	h := Holder{PID: os.Getpid(), Since: now.UTC().Truncate(time.Second)}
	h.Host, _ = os.Hostname()
	if u, err := user.Current(); err == nil {
		h.User = u.Username
		if i := strings.LastIndexAny(h.User, `\`); i >= 0 {
			h.User = h.User[i+1:] // DOMAIN\name on Windows
		}
	}
	if h.User == "" {
		h.User = "?"
	}
	return h
}

// same reports whether h is the same program as o.
func (h Holder) same(o Holder) bool { return h.PID == o.PID && h.Host == o.Host && h.User == o.User }

// alive reports whether the holder may still be running: on this computer, whether its process
// exists; on another, it is taken to be.
func (h Holder) alive() bool {
	host, _ := os.Hostname()
	if h.Host != host {
		return true
	}
	return h.PID == os.Getpid() || processAlive(h.PID)
}

// readHolder reads the holder file of the database at db; false when there is none or it
// cannot be read.
func readHolder(db string) (Holder, bool) {
	b, err := os.ReadFile(holderPath(db))
	if err != nil {
		return Holder{}, false
	}
	var h Holder
	if json.Unmarshal(b, &h) != nil || h.PID == 0 {
		return Holder{}, false
	}
	return h, true
}

// otherHolder is the live program other than this one that holds the database, if any.
func otherHolder(db string) (Holder, bool) {
	h, ok := readHolder(db)
	if !ok || h.same(me(time.Time{})) || !h.alive() {
		return Holder{}, false
	}
	return h, true
}

// claim writes this program into the holder file unless another live program is there; it
// reports whether it did. A stale file (its program is gone) is replaced. Failing to write
// the file is not an error: it only informs.
func claim(db string, now time.Time) bool {
	if _, ok := otherHolder(db); ok {
		return false
	}
	b, _ := json.Marshal(me(now))
	tmp := holderPath(db) + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		os.Remove(tmp) // a full disk leaves an empty one
		return false
	}
	if err := os.Rename(tmp, holderPath(db)); err != nil {
		os.Remove(tmp)
		return false
	}
	return true
}

// release removes the holder file if it is still this program's.
func release(db string) {
	if h, ok := readHolder(db); ok && h.same(me(time.Time{})) {
		os.Remove(holderPath(db))
	}
}

// busy names the program that holds the database when err says a write waited too long.
func (s *Store) busy(err error) error {
	if errors.Is(err, ErrBusy) {
		if h, ok := otherHolder(s.path); ok {
			return &InUseError{Holder: h, File: holderPath(s.path), Err: err}
		}
	}
	return err
}
