// Package store owns termbook's domain: the records of SPEC §2, their validation, and all SQL.
//
// A Store is one SQLite file. Every change is one method call and one immediate transaction;
// reads go through a separate pool of read-only connections so that a screen can load while a
// write is committing.
package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ApplicationID is stamped into every termbook file (PRAGMA application_id): "TMBK".
const ApplicationID = 0x544d424b

// Store is an open termbook database.
type Store struct {
	w *sql.DB // the one writer connection; nil when read-only
	r *sql.DB // readers

	path       string
	installID  string
	version    int
	readOnly   error       // why writes are refused, or nil
	damaged    atomic.Bool // a check while the store was open found damage: writes stop
	createdNew bool
	holds      bool // this program wrote the holder file
	wal        bool // the file is in write-ahead-log mode

	bg sync.WaitGroup // work going on beside the caller's: the day's backup, the open's check

	// checked, when Open left the check to go on beside the caller (Options.CheckBeside), is
	// closed when it ends; writes wait for it. startCheck starts it, once.
	checked    chan struct{}
	startCheck func()

	beforeMigrate func(ctx context.Context, s *Store, from int) error
	rubrics       rubricCache // the rubric snapshots read so far

	reads  preparedStmts // read statements prepared on the reader pool (tally.go)
	writes preparedStmts // write statements prepared on the writer connection (batch.go)
	refs   refCache      // what each exchanged table refers to (merge.go)

	maxWaiting int // MaxWaiting, unless a test sets fewer

	// Now is the clock; tests replace it. It is read at each write for timestamps and by
	// Today for "today".
	Now func() time.Time
}

// Options change how Open treats the file.
type Options struct {
	// ReadOnly opens without ever writing, even to create or migrate.
	ReadOnly bool
	// BusyTimeout is how long a write waits for another program's write; 5 s if zero.
	BusyTimeout time.Duration
	// Journal is "wal" (the default) or "delete" (the rollback journal, for network shares and
	// removable drives where WAL's shared memory does not work).
	Journal string
	// BeforeMigrate, if set, is called on an existing file that is about to be migrated to a
	// newer schema, with the file's current version: the place to take a backup.
	BeforeMigrate func(ctx context.Context, s *Store, from int) error
	// CheckOnlyAfterCrash leaves out the full check of the file (about a second on ten years
	// of records) unless the last program to write it did not close it: a write-ahead log or
	// a rollback journal left behind. For a start when the file was checked earlier the same
	// day; the cheap check for a file cut short runs always.
	CheckOnlyAfterCrash bool
	// CheckBeside leaves the full check to run beside the caller instead of before Open
	// returns, for the full-screen program, whose first frame would otherwise wait the second
	// it takes: Open reads the schema only, the check starts with StartCheck (or the first
	// write), and every write waits until it is done, so that a damaged file is still found
	// before anything is written to it. A file left open by a crash, or about to be migrated,
	// is checked before Open returns all the same.
	CheckBeside bool
}

// Open opens the termbook database at path, creating it (and migrating it to the current
// schema) if needed. A file that is not a termbook database is refused untouched with
// ErrNotTermbook. A file from a newer version opens read-only: ReadOnlyReason then returns
// ErrNewerVersion and every write returns ErrReadOnly.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	s, err := open(ctx, path, opt)
	if err != nil {
		return nil, &FileError{Path: path, Err: err}
	}
	return s, nil
}

// FileError is an error opening the database file at Path.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

func open(ctx context.Context, path string, opt Options) (*Store, error) {
	head, err := readHeader(path)
	if err != nil {
		return nil, err
	}
	s := &Store{path: path, Now: time.Now, beforeMigrate: opt.BeforeMigrate}
	if head.empty {
		s.createdNew = true
	}
	if !head.empty && head.appID != ApplicationID && !(head.appID == 0 && head.userVersion == 0 && head.pages <= 1) {
		return nil, fmt.Errorf("open %s: %w", path, ErrNotTermbook)
	}
	journal := opt.Journal
	if journal == "" {
		journal = PlaceOf(path).Journal()
	}
	switch {
	case head.userVersion > latestVersion():
		s.readOnly = ErrNewerVersion
	case opt.ReadOnly:
		s.readOnly = ErrReadOnly
	case !head.empty && markedDamaged(path):
		// An earlier check found damage; only a restore (or a check that finds none) clears it.
		s.readOnly = ErrDamaged
	case !head.empty && markedReadOnly(path):
		// Respected even where the system would let this user write (an administrator).
		s.readOnly = ErrReadOnly
	case journal == "delete":
		// On a network share or removable drive SQLite's locks cannot be trusted, so one
		// program writes at a time.
		if h, ok := otherHolder(path); ok {
			s.readOnly = &InUseError{Holder: h, File: holderPath(path), Err: ErrInUse}
		}
	}
	if s.readOnly != nil && head.empty {
		return nil, fmt.Errorf("open %s: %w", path, ErrNotFound)
	}

	busy := opt.BusyTimeout
	if busy == 0 {
		busy = 5 * time.Second
	}
	if !head.empty && s.readOnly == nil {
		writableLogs(path)
	}
	checkBeside := false
	s.r, err = sql.Open("sqlite", dsn(path, busy, true))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s.r.SetMaxOpenConns(4)
	if !head.empty {
		if err := s.readFromReadOnlyFolder(ctx, busy); err != nil {
			s.closeAll()
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		// A damaged file is found before anything writes to it, and then only read. The full
		// check reads the whole file, about a second for ten years of records, so a store
		// that will not write skips it: reading cannot make damage worse, and a damaged page
		// is reported by the read that meets it. The cheap check for a file cut short runs
		// always.
		err := head.truncated(path)
		switch {
		case err != nil || s.readOnly != nil:
		case opt.CheckOnlyAfterCrash && !leftOpen(path):
			err = s.checkSchema(ctx)
		case opt.CheckBeside && !leftOpen(path) && head.userVersion == latestVersion():
			err = s.checkSchema(ctx)
			checkBeside = true
		default:
			err = s.check(ctx)
		}
		if errors.Is(err, ErrDamaged) {
			s.readOnly = ErrDamaged
			markDamaged(path, []string{err.Error()}, s.Now())
		} else if err != nil {
			s.closeAll()
			return nil, err
		}
	}
	if s.readOnly == nil {
		if !head.wal || journal != "wal" {
			// Let go of the checking connection first: changing the journal mode (to the
			// rollback journal, or to the log from it) needs the file to itself. A file
			// staying in the log's mode keeps it: the reads that follow the open need not
			// open the file and read its schema again.
			s.r.SetMaxIdleConns(0)
			s.r.SetMaxIdleConns(2)
		}
		if err := s.openWriter(ctx, busy, journal); err != nil {
			s.closeAll()
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
	}
	if s.w != nil {
		if err := s.migrate(ctx); err != nil {
			s.closeAll()
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
	}
	if err := s.readIdentity(ctx); err != nil && !errors.Is(s.readOnly, ErrDamaged) {
		s.closeAll()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if s.w != nil {
		s.holds = claim(path, s.Now())
		if checkBeside {
			s.checkLater(ctx)
		}
	}
	return s, nil
}

// checkLater readies the check Open left out (Options.CheckBeside) to run, with ctx, while
// the caller goes on; writes wait for it (writeTx), and damage found stops them as the day's
// check does.
func (s *Store) checkLater(ctx context.Context) {
	s.checked = make(chan struct{})
	s.startCheck = sync.OnceFunc(func() {
		s.bg.Add(1)
		go func() {
			defer s.bg.Done()
			defer close(s.checked)
			if err := s.check(ctx); errors.Is(err, ErrDamaged) {
				s.foundDamage([]string{err.Error()})
			}
		}()
	})
}

// StartCheck starts the check an open with Options.CheckBeside left out, unless it has
// started; the full-screen program starts it once its first frame is drawn. It does nothing
// for a store opened otherwise.
func (s *Store) StartCheck() {
	if s.startCheck != nil {
		s.startCheck()
	}
}

// readIdentity reads the schema version and the installation id. In a damaged file either may
// be unreadable; the store then still opens for whatever can be read.
func (s *Store) readIdentity(ctx context.Context) error {
	if err := s.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&s.version); err != nil {
		return mapErr(err)
	}
	if s.version > 0 {
		err := s.r.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'installation_id'").Scan(&s.installID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read installation id: %w", mapErr(err))
		}
	}
	return nil
}

// openWriter opens the one writer connection and sets the journal mode. A file or folder the
// system will not let us write leaves the store read-only instead.
func (s *Store) openWriter(ctx context.Context, busy time.Duration, journal string) error {
	w, err := sql.Open("sqlite", dsn(s.path, busy, false))
	if err != nil {
		return err
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	var mode string
	if err := w.QueryRowContext(ctx, "PRAGMA journal_mode = "+journal).Scan(&mode); err != nil {
		switch err = mapErr(err); {
		case errors.Is(err, ErrBusy):
			// Another program has the file open and the mode cannot change under it;
			// keep the one it uses, which that program chose for the same place.
		case errors.Is(err, ErrReadOnly) || errors.Is(err, ErrCantOpen):
			w.Close()
			s.readOnly = ErrReadOnly
			return nil
		default:
			w.Close()
			return err
		}
	}
	s.w = w
	s.wal = strings.EqualFold(mode, "wal")
	return nil
}

// readFromReadOnlyFolder makes the readers work in a folder that cannot be written (a
// write-protected stick, a read-only share): SQLite wants to create a shared-memory file
// beside a database in write-ahead-log mode, and even a read-only connection fails at its
// first read without one. When no log or journal is left beside the file, nothing can be
// writing to it there, and readers that take it as it is (immutable: no locks, no
// shared memory) read it whole; the store then does not write. Only then: such a reader
// would not see a log a crash left, nor a change another program made meanwhile.
func (s *Store) readFromReadOnlyFolder(ctx context.Context, busy time.Duration) error {
	var n int
	err := mapErr(s.r.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n))
	if !errors.Is(err, ErrReadOnly) && !errors.Is(err, ErrCantOpen) || leftOpen(s.path) {
		return nil // readable, or a fault the checks report
	}
	s.r.Close()
	r, oerr := sql.Open("sqlite", dsn(s.path, busy, true)+"&mode=ro&immutable=1")
	if oerr != nil {
		return oerr
	}
	if rerr := r.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); rerr != nil {
		r.Close()
		return err
	}
	r.SetMaxOpenConns(4)
	s.r = r
	if s.readOnly == nil {
		s.readOnly = ErrReadOnly
	}
	return nil
}

// writableLogs gives the write-ahead log and its shared memory the database file's own
// permissions when they lack the owner's write permission the file has: SQLite creates them
// with the file's mode, so a program that read the file while it was marked read-only left
// them read-only, and they would keep the file read-only after it was made writable again.
func writableLogs(path string) {
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm()&0o200 == 0 {
		return
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if lst, err := os.Stat(path + suffix); err == nil && lst.Mode().Perm()&0o200 == 0 {
			os.Chmod(path+suffix, st.Mode().Perm()) // not ours to change: SQLite then says read-only
		}
	}
}

// dsn builds the connection string: busy_timeout first so that even the other pragmas wait
// for a busy file, then foreign keys and full synchronous commits; writers take the write
// lock when a transaction begins (immediate), so two programs never deadlock upgrading.
//
// The writer keeps its temporary storage in memory. What it puts there is mostly statement
// journals: each write that fires a trigger (every record's change log) saves the pages it
// touches, and once one statement of a transaction saves more than 64 KiB the journal
// becomes a temporary file that every later statement of that transaction writes to, tens
// of thousands of system calls in an import. They are a few pages a statement, freed at its
// end; the backup (VACUUM INTO) writes straight into its file, and the readers, which sort
// for the reports, keep the default.
func dsn(path string, busy time.Duration, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "temp_store(2)")
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// check runs quick_check: a damaged file is reported before anything trusts it.
func (s *Store) check(ctx context.Context) error {
	lines, err := pragmaLines(ctx, s.r, "PRAGMA quick_check")
	if err != nil {
		return fmt.Errorf("check %s: %w", s.path, err)
	}
	for _, l := range lines {
		if l != "ok" {
			return fmt.Errorf("check %s: %s: %w", s.path, l, ErrDamaged)
		}
	}
	return nil
}

// Close checkpoints the write-ahead log into the main file and closes the database, so that the
// single .db file is complete for copying. When the log cannot be folded in because the disk
// is full or another program is reading, it stays beside the file, whole, and the next start
// folds it in: every committed change is kept, so that is not an error.
func (s *Store) Close() error {
	s.bg.Wait()
	var err error
	if cerr := s.Checkpoint(context.Background()); cerr != nil {
		err = fmt.Errorf("close: checkpoint: %w", cerr)
	}
	if cerr := s.closeAll(); cerr != nil && err == nil {
		err = cerr
	}
	if s.holds {
		release(s.path)
		s.holds = false
	}
	return err
}

func (s *Store) closeAll() error {
	s.reads.close()
	s.writes.close()
	var err error
	if s.r != nil {
		err = s.r.Close()
	}
	if s.w != nil {
		if werr := s.w.Close(); werr != nil {
			err = werr
		}
	}
	return err
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// InstallationID is this database's own global id, made when the file was created.
func (s *Store) InstallationID() string { return s.installID }

// Version is the schema version of the file (PRAGMA user_version).
func (s *Store) Version() int { return s.version }

// CreatedNew reports whether Open created the file (it was missing or empty).
func (s *Store) CreatedNew() bool { return s.createdNew }

// ReadOnlyReason is nil for a writable store, or why it refuses writes: ErrNewerVersion,
// ErrDamaged (a check found faults, at open, since, or in an earlier program), an
// *InUseError (another program writes to a file on a network share or removable drive) or
// ErrReadOnly (asked for, or the file is read-only).
func (s *Store) ReadOnlyReason() error {
	if s.readOnly == nil && s.damaged.Load() {
		return ErrDamaged
	}
	return s.readOnly
}

// Today is the current calendar day by the store's clock, in local time.
func (s *Store) Today() Date { return DateOf(s.Now()) }

// stamp is the store's timestamp format: fixed width, so text order is time order.
const stamp = "2006-01-02T15:04:05.000Z"

func (s *Store) stamp() string { return s.Now().UTC().Format(stamp) }

// newID returns a new global id: a UUID v7, whose text order is creation order.
func newID() string { return uuid.Must(uuid.NewV7()).String() }

// header is what Open needs from the first 100 bytes of a file, read without SQLite so that a
// foreign file is never touched.
type header struct {
	empty       bool
	appID       uint32
	userVersion int
	pages       uint32
	pageSize    int64
	sizeValid   bool  // pages is the file's size (SQLite's "version-valid-for" matches its change counter)
	fileSize    int64 // as the file system reports it
	wal         bool  // in write-ahead-log mode
}

// checkSchema reads what every start reads first, the schema and the installation id: the
// cheap check that stands in for the full one (see Options.CheckOnlyAfterCrash).
func (s *Store) checkSchema(ctx context.Context) error {
	var n, version int
	if err := s.r.QueryRowContext(ctx, "SELECT count(*), (SELECT user_version FROM pragma_user_version) FROM sqlite_schema").Scan(&n, &version); err != nil {
		return fmt.Errorf("check %s: %w", s.path, mapErr(err))
	}
	if version == 0 {
		return nil // not yet a termbook file: nothing of ours to read
	}
	var id string
	err := s.r.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'installation_id'").Scan(&id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("check %s: %w", s.path, mapErr(err))
	}
	return nil
}

// leftOpen reports whether the last program to write the file did not close it: it left a
// write-ahead log or a rollback journal with something in it.
func leftOpen(path string) bool {
	for _, suffix := range []string{"-wal", "-journal"} {
		if st, err := os.Stat(path + suffix); err == nil && st.Size() > 0 {
			return true
		}
	}
	return false
}

// truncated reports a file shorter than its header says, as a copy cut short or a removable
// drive pulled out leaves it: a cheap check that does not read the file. A write-ahead log
// beside the file may still hold the pages, so then the header is not to be trusted.
func (h header) truncated(path string) error {
	if h.empty || !h.sizeValid {
		return nil
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		return nil
	}
	if h.fileSize < int64(h.pages)*h.pageSize {
		return fmt.Errorf("open %s: %d of %d bytes: %w", path, h.fileSize, int64(h.pages)*h.pageSize, ErrDamaged)
	}
	return nil
}

func readHeader(path string) (header, error) {
	// Only a regular file is opened: opening a named pipe waits for a writer, for ever, and
	// SQLite would put its journal beside a device (/dev/null-journal).
	switch st, err := os.Stat(path); {
	case errors.Is(err, os.ErrNotExist):
		return header{empty: true}, nil
	case err == nil && st.IsDir():
		return header{}, fmt.Errorf("open %s: is a folder: %w", path, ErrNotTermbook)
	case err == nil && !st.Mode().IsRegular():
		return header{}, fmt.Errorf("open %s: not a regular file (%s): %w", path, st.Mode().Type(), ErrNotTermbook)
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return header{empty: true}, nil
	}
	if err != nil {
		return header{}, fmt.Errorf("open %s: %w: %w", path, ErrCantOpen, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return header{}, fmt.Errorf("open %s: %w: %w", path, ErrCantOpen, err)
	}
	if st.IsDir() {
		return header{}, fmt.Errorf("open %s: is a folder: %w", path, ErrNotTermbook)
	}
	var b [100]byte
	n, err := io.ReadFull(f, b[:])
	if n == 0 && (err == io.EOF) {
		return header{empty: true}, nil
	}
	if err != nil || string(b[:16]) != "SQLite format 3\x00" {
		return header{}, fmt.Errorf("open %s: %w", path, ErrNotTermbook)
	}
	pageSize := int64(binary.BigEndian.Uint16(b[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	return header{
		appID:       binary.BigEndian.Uint32(b[68:72]),
		userVersion: int(int32(binary.BigEndian.Uint32(b[60:64]))),
		pages:       binary.BigEndian.Uint32(b[28:32]),
		pageSize:    pageSize,
		sizeValid:   binary.BigEndian.Uint32(b[24:28]) == binary.BigEndian.Uint32(b[92:96]),
		fileSize:    st.Size(),
		wal:         b[18] == 2 && b[19] == 2,
	}, nil
}

// writeTx runs fn in one immediate transaction on the writer connection and commits.
func (s *Store) writeTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.checked != nil {
		s.StartCheck()
		select {
		case <-s.checked:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if s.damaged.Load() {
		return fmt.Errorf("%w: %w", ErrReadOnly, &FileError{Path: s.path, Err: ErrDamaged})
	}
	if s.w == nil {
		if s.readOnly != nil && s.readOnly != ErrReadOnly {
			return fmt.Errorf("%w: %w", ErrReadOnly, s.readOnly)
		}
		return ErrReadOnly
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return s.busy(mapErr(err))
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return s.busy(mapErr(err))
	}
	if err := tx.Commit(); err != nil {
		return s.busy(mapErr(err))
	}
	return nil
}

// Checkpoint copies the write-ahead log into the main file; bulk writers call it when done.
// Like Close, it leaves the log in place without an error when the disk is full or another
// program is reading: the committed changes are safe in it either way.
func (s *Store) Checkpoint(ctx context.Context) error {
	if s.w == nil {
		return nil
	}
	_, err := s.w.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	if err = mapErr(err); errors.Is(err, ErrDiskFull) || errors.Is(err, ErrBusy) {
		return nil
	}
	return err
}
