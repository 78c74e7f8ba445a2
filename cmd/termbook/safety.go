package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"termbook/store"
	"termbook/ui/i18n"
)

// What every start says about the file's safety.
var (
	msgBackupFailed  = i18n.Msg{Zh: "注意：今天的自动备份没有做成：%s", En: "Note: today's automatic backup failed: %s"}
	msgRestoreInUse  = i18n.Msg{Zh: "%s 正在使用这个数据文件；请先在那里退出 termbook，再恢复。", En: "%s is using the database; quit termbook there first, then restore."}
	msgRestoreBusy   = i18n.Msg{Zh: "另一个程序正在使用这个数据文件；请先退出它，再恢复。", En: "Another program is using the database; quit it first, then restore."}
	msgPressEnter    = i18n.Msg{Zh: "按回车键继续……", En: "Press Enter to continue…"}
	msgBackupNoRoom  = i18n.Msg{Zh: "磁盘已满，没有写成备份；请腾出空间后再试。", En: "The disk is full, so no backup was written; free some space and try again."}
	msgDamagedOffer  = i18n.Msg{Zh: "数据文件“%s”已损坏。要用 %s 的备份恢复吗？当前文件会先另存到备份文件夹。[y/N] ", En: "The database %s is damaged. Restore the backup of %s? The current file is kept in the backup folder first. [y/N] "}
	msgDamagedNoBack = i18n.Msg{Zh: "数据文件“%s”已损坏，而且没有完好的备份；现在只能查看，不能修改。", En: "The database %s is damaged and there is no good backup; it opens for reading only."}
	msgDamagedRO     = i18n.Msg{Zh: "数据文件已损坏，现在只能查看，不能修改；以后可用 termbook restore --latest 恢复。", En: "The database is damaged: it opens for reading only. Restore it later with termbook restore --latest."}
	msgRestored      = i18n.Msg{Zh: "已用 %s 恢复数据文件“%s”。", En: "Restored the backup %s into %s."}
	msgKeptAs        = i18n.Msg{Zh: "原来的文件另存为 %s。", En: "The file it replaced is kept as %s."}
)

// openAt opens the database at path for a command: a backup is taken before the file is moved
// to a newer schema, and, when daily is set, the day's backup at the first start of the day.
// The first start of a day also checks the whole file; once the day's backup is taken, later
// starts check it only after a crash, so that they open at once. Errors are the store's, for
// the caller to word.
func (m *Main) openAt(ctx context.Context, path string, opt store.Options, daily bool) (*store.Store, error) {
	// A store that will not write is never checked whole (see store.Open), so only a
	// writer needs to know whether today's check is done.
	if !opt.ReadOnly {
		taken, err := store.DailyBackupTaken(path, store.DateOf(m.env.now()))
		opt.CheckOnlyAfterCrash = taken && err == nil
	}
	if opt.BeforeMigrate == nil {
		opt.BeforeMigrate = func(ctx context.Context, s *store.Store, from int) error {
			_, err := s.BackupNow(ctx, m.env.now(), fmt.Sprintf("before-v%d", store.LatestVersion()))
			return err
		}
	}
	s, err := store.Open(ctx, path, opt)
	if err != nil {
		return nil, err
	}
	s.Now = m.env.now
	if daily {
		m.startDailyBackup(ctx, s)()
	}
	return s, nil
}

// startDailyBackup starts the day's backup unless the file has one from today (or cannot be
// written, or was just created), and returns a function that waits for it and reports a
// failure on stderr. The full-screen program runs meanwhile; a command waits at once.
func (m *Main) startDailyBackup(ctx context.Context, s *store.Store) (wait func()) {
	if s.ReadOnlyReason() != nil || s.CreatedNew() {
		return func() {}
	}
	done := s.StartDailyBackup(ctx, m.env.now())
	return func() {
		_, _, err := done()
		switch {
		case err == nil || ctx.Err() != nil:
		case errors.Is(err, store.ErrDamaged): // the day's check found it: nothing more is written
			fmt.Fprintln(m.env.stderr, m.lang.T(msgDamagedRO))
		default:
			fmt.Fprintln(m.env.stderr, m.lang.T(msgBackupFailed, m.backupError(err)))
		}
	}
}

// openForTUI opens the database for the full-screen program, which starts the day's backup
// itself so as not to wait for it, and checks the file at the first start of the day beside
// the program rather than before its first frame (the first write waits for the check). A
// damaged file that the open finds is offered its newest good backup, asked on the plain
// terminal before the program starts; a file that opens read-only for any other reason gets
// a notice saying why.
func (m *Main) openForTUI(ctx context.Context) (*store.Store, error) {
	path, err := m.dbPath()
	if err != nil {
		return nil, err
	}
	s, err := m.openAt(ctx, path, store.Options{CheckBeside: true}, false)
	damaged := errors.Is(err, store.ErrDamaged) || (err == nil && errors.Is(s.ReadOnlyReason(), store.ErrDamaged))
	if !damaged {
		if err != nil {
			return nil, errors.New(m.lang.Error(err))
		}
		if ro := s.ReadOnlyReason(); ro != nil {
			fmt.Fprintln(m.env.stderr, m.lang.Error(&store.FileError{Path: path, Err: ro}))
			m.pause()
		}
		return s, nil
	}
	if s != nil {
		s.Close() // the file is replaced only while nothing has it open (Windows insists)
	}
	if restored, rerr := m.offerRestore(ctx, path); rerr != nil {
		fmt.Fprintln(m.env.stderr, rerr)
		m.pause()
	} else if !restored {
		fmt.Fprintln(m.env.stderr, m.lang.T(msgDamagedRO))
		m.pause()
	}
	s, err = m.openAt(ctx, path, store.Options{}, false)
	if err != nil {
		return nil, errors.New(m.lang.Error(err))
	}
	return s, nil
}

// offerRestore asks whether to restore the damaged database at path from its newest good
// backup, and does so on yes. It reports whether it restored.
func (m *Main) offerRestore(ctx context.Context, path string) (bool, error) {
	b, err := store.LatestGoodBackup(ctx, path)
	if err != nil {
		return false, errors.New(m.lang.T(msgDamagedNoBack, path))
	}
	fmt.Fprint(m.env.stdout, m.lang.T(msgDamagedOffer, path, m.when(b)))
	if !m.yes() {
		return false, nil
	}
	return true, m.restore(ctx, path, b.Path)
}

// restore replaces the database at path with the file from and says what it did.
func (m *Main) restore(ctx context.Context, path, from string) error {
	kept, err := store.Restore(ctx, path, from, m.env.now())
	var inUse *store.InUseError
	switch {
	case errors.As(err, &inUse):
		return errors.New(m.lang.T(msgRestoreInUse, inUse.Holder))
	case errors.Is(err, store.ErrInUse), errors.Is(err, store.ErrBusy):
		return errors.New(m.lang.T(msgRestoreBusy))
	case err != nil:
		return errors.New(m.lang.Error(err))
	}
	fmt.Fprintln(m.env.stdout, m.lang.T(msgRestored, from, path))
	if kept != "" {
		fmt.Fprintln(m.env.stdout, m.lang.T(msgKeptAs, kept))
	}
	return nil
}

// pause lets a notice be read before the full-screen program covers it: it waits for Enter.
func (m *Main) pause() {
	fmt.Fprint(m.env.stdout, m.lang.T(msgPressEnter))
	m.readLine()
}

// yes reads one answer line from stdin: true for y, yes, 是, 好, 是的 or 确认.
func (m *Main) yes() bool {
	switch strings.ToLower(strings.TrimSpace(m.readLine())) {
	case "y", "yes", "是", "好", "是的", "确认":
		return true
	}
	return false
}

// when is a backup's date and time, "2026-11-27 08:05" (the date alone for the day's
// backup, whose name has no time), the same in both languages.
func (m *Main) when(b store.Backup) string {
	if b.Daily {
		return b.Taken.Format("2006-01-02")
	}
	return b.Taken.Format("2006-01-02 15:04")
}

// backupError words a failed backup: the store's sentences speak of changes not saved, which
// would mislead here.
func (m *Main) backupError(err error) string {
	if errors.Is(err, store.ErrDiskFull) {
		return m.lang.T(msgBackupNoRoom)
	}
	return m.lang.Error(err)
}

// readLine reads one line typed on stdin ("" at its end). It reads a byte at a time, so that
// nothing typed after the line is taken from the full-screen program.
func (m *Main) readLine() string {
	if m.env.stdin == nil {
		return ""
	}
	var line []byte
	b := make([]byte, 1)
	for {
		n, err := m.env.stdin.Read(b)
		if n == 1 {
			if b[0] == '\n' {
				break
			}
			line = append(line, b[0])
		}
		if err != nil {
			break
		}
	}
	return string(line)
}
