package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Automatic backups live in a folder beside the database, named after it: termbook.db keeps
// them in termbook-backups/. Every file is named by the local date and time it was taken, so
// the folder reads as a calendar:
//
//	termbook-2026-11-28.db                  the day's backup, taken at the first start
//	termbook-2026-11-28-153012.db           one taken on request, or before a restore
//	termbook-2026-11-28-153012-before-v2.db one taken before moving the file to schema 2
//	termbook-2026-11-28-153012-saved.db     a damaged or newer file, copied as it was before a restore
//
// Once a day the folder is thinned out: of the backups without a note, the newest of each of
// the last 7 days that have one and the newest of each of the last 8 weeks that have one stay
// (at most 15 files), the rest are removed. Backups with a note are never removed.

// Rotation limits: how many days and weeks keep a backup.
const (
	KeepDaily  = 7
	KeepWeekly = 8
)

// Notes on backups taken out of turn.
const (
	noteSaved = "saved" // the file as it was, copied byte for byte
)

// Backup is one file in the backup folder.
type Backup struct {
	Path  string
	Taken time.Time // from the name, in local time
	Note  string    // "", "before-v2", "saved"
	Daily bool      // the day's backup, named by the date alone
}

// Day is the calendar day the backup was taken.
func (b Backup) Day() Date { return DateOf(b.Taken) }

// BackupDir is the folder of backups beside the database at db.
func BackupDir(db string) string {
	base := filepath.Base(db)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	return filepath.Join(filepath.Dir(db), stem+"-backups")
}

func backupStem(db string) string {
	base := filepath.Base(db)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// backupPath names a backup of db taken at t: the day's backup when daily, else one with the
// time of day and an optional note.
func backupPath(db string, t time.Time, daily bool, note string) string {
	name := backupStem(db) + "-" + t.Format("2006-01-02")
	if !daily {
		name += "-" + t.Format("150405")
		if note != "" {
			name += "-" + note
		}
	}
	return filepath.Join(BackupDir(db), name+".db")
}

// parseBackup reads a backup's name; false for any other file.
func parseBackup(db, name string) (Backup, bool) {
	rest, ok := strings.CutPrefix(name, backupStem(db)+"-")
	if !ok {
		return Backup{}, false
	}
	rest, ok = strings.CutSuffix(rest, ".db")
	if !ok || len(rest) < 10 {
		return Backup{}, false
	}
	layout, note := "2006-01-02", ""
	switch {
	case len(rest) == 10:
	case len(rest) >= 17 && rest[10] == '-':
		layout = "2006-01-02-150405"
		if len(rest) > 17 {
			if rest[17] != '-' || len(rest) == 18 {
				return Backup{}, false
			}
			note = rest[18:]
		}
		rest = rest[:17]
	default:
		return Backup{}, false
	}
	t, err := time.ParseInLocation(layout, rest, time.Local)
	if err != nil {
		return Backup{}, false
	}
	return Backup{Taken: t, Note: note, Daily: layout == "2006-01-02"}, true
}

// Backups lists the backups of the database at db, newest first; none when the folder does
// not exist.
func Backups(db string) ([]Backup, error) {
	dir := BackupDir(db)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w: %w", ErrCantOpen, err)
	}
	var bs []Backup
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		if b, ok := parseBackup(db, e.Name()); ok {
			b.Path = filepath.Join(dir, e.Name())
			bs = append(bs, b)
		}
	}
	sort.SliceStable(bs, func(i, j int) bool { return bs[i].Taken.After(bs[j].Taken) })
	return bs, nil
}

// BackupNow writes a backup into the backup folder, named by now and note ("" for an ordinary
// backup, which takes part in rotation).
func (s *Store) BackupNow(ctx context.Context, now time.Time, note string) (Backup, error) {
	return s.backupNow(ctx, now, note, false)
}

func (s *Store) backupNow(ctx context.Context, now time.Time, note string, own bool) (Backup, error) {
	// Names go by the second: a second backup within one is named by the next free second,
	// never over the first.
	for i := 0; ; i++ {
		t := now.Add(time.Duration(i) * time.Second)
		path := backupPath(s.path, t, false, note)
		if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) || i == 60 {
			return s.backupInto(ctx, path, t, note, own)
		}
	}
}

// BackupDaily writes the day's backup unless the folder already holds one from today (by
// now), then thins the folder out. It reports whether it wrote one.
func (s *Store) BackupDaily(ctx context.Context, now time.Time) (Backup, bool, error) {
	return s.backupDaily(ctx, now, false)
}

// StartDailyBackup runs BackupDaily while the caller goes on, and returns a function that
// waits for it and gives its result. On a local disk the copy is read through a connection of
// its own, so writes go on meanwhile; with the rollback journal it queues with them. Close
// waits for it too; cancelling ctx abandons it, leaving no partial file.
func (s *Store) StartDailyBackup(ctx context.Context, now time.Time) (wait func() (Backup, bool, error)) {
	var b Backup
	var made bool
	var err error
	done := make(chan struct{})
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		defer close(done)
		b, made, err = s.backupDaily(ctx, now, s.wal)
	}()
	return func() (Backup, bool, error) {
		<-done
		return b, made, err
	}
}

func (s *Store) backupDaily(ctx context.Context, now time.Time, own bool) (Backup, bool, error) {
	if b, ok, err := dailyBackup(s.path, DateOf(now)); err != nil || ok {
		return b, false, err
	}
	b, err := s.backupInto(ctx, backupPath(s.path, now, true, ""), now, "", own)
	if err != nil {
		return Backup{}, false, err
	}
	b.Daily = true
	if _, err := Rotate(s.path); err != nil {
		return b, true, err
	}
	return b, true, nil
}

// DailyBackupTaken reports whether the day's backup of the database at db has been taken:
// whether a start that day has already read the whole file.
func DailyBackupTaken(db string, day Date) (bool, error) {
	_, ok, err := dailyBackup(db, day)
	return ok, err
}

func dailyBackup(db string, day Date) (Backup, bool, error) {
	bs, err := Backups(db)
	if err != nil {
		return Backup{}, false, err
	}
	for _, b := range bs {
		if b.Day() == day && b.Note == "" {
			return b, true, nil
		}
	}
	return Backup{}, false, nil
}

// backupInto writes a backup into the folder and, beside it, checks the whole database
// (checkWhole): the open checked only its pages, and an index that disagrees with its table
// is found only so. A backup in the folder marks the day's file as read whole (a later
// start of the day skips the check), so a damaged file gets none; nor does rotation run,
// which could remove the good backups that are the way back.
func (s *Store) backupInto(ctx context.Context, path string, now time.Time, note string, own bool) (Backup, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return Backup{}, fmt.Errorf("backup: %w: %w", ErrCantOpen, err)
	}
	checked := make(chan error, 1)
	go func() { checked <- s.checkWhole(ctx) }()
	err := s.backupTo(ctx, path, own)
	if cerr := <-checked; cerr != nil {
		if err == nil {
			os.Remove(path)
		}
		return Backup{}, cerr
	}
	if err != nil {
		return Backup{}, err
	}
	return Backup{Path: path, Taken: now, Note: note}, nil
}

// Rotate thins out the backups of the database at db (see KeepDaily and KeepWeekly) and
// returns the files it removed.
func Rotate(db string) ([]string, error) {
	bs, err := Backups(db)
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, b := range expired(bs) {
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return removed, fmt.Errorf("rotate backups: %w", err)
		}
		removed = append(removed, b.Path)
	}
	return removed, nil
}

// expired picks the backups rotation removes from bs (newest first): of those without a note,
// all but the newest of each of the last KeepDaily days and of each of the last KeepWeekly
// ISO weeks. A backup kept as a day's may also be its week's.
func expired(bs []Backup) []Backup {
	days := map[Date]bool{}
	weeks := map[[2]int]bool{}
	var out []Backup
	for _, b := range bs {
		if b.Note != "" {
			continue
		}
		keep := false
		if d := b.Day(); !days[d] && len(days) < KeepDaily {
			days[d] = true
			keep = true
		}
		y, w := b.Taken.ISOWeek()
		if wk := [2]int{y, w}; !weeks[wk] && len(weeks) < KeepWeekly {
			weeks[wk] = true
			keep = true
		}
		if !keep {
			out = append(out, b)
		}
	}
	return out
}

// LatestGoodBackup is the newest backup of the database at db that CheckFile passes; it
// returns ErrNotFound when there is none.
func LatestGoodBackup(ctx context.Context, db string) (Backup, error) {
	bs, err := Backups(db)
	if err != nil {
		return Backup{}, err
	}
	for _, b := range bs {
		if CheckFile(ctx, b.Path) == nil {
			return b, nil
		}
	}
	return Backup{}, fmt.Errorf("no good backup in %s: %w", BackupDir(db), ErrNotFound)
}

// CheckFile checks that the file at path can stand in for the database: a termbook database,
// not from a newer version, and whole by integrity_check. It never writes to the file.
func CheckFile(ctx context.Context, path string) error {
	head, err := readHeader(path)
	if err != nil {
		return err
	}
	if head.empty || head.appID != ApplicationID {
		return fmt.Errorf("%s: %w", path, ErrNotTermbook)
	}
	if head.userVersion > latestVersion() {
		return fmt.Errorf("%s: %w", path, ErrNewerVersion)
	}
	return checkCopy(ctx, path)
}

// IsTermbook reports whether the file at path is a termbook database by its header (it may
// still be damaged or from a newer version). It never writes to the file.
func IsTermbook(path string) bool {
	head, err := readHeader(path)
	return err == nil && !head.empty && head.appID == ApplicationID
}
