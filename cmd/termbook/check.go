package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"termbook/store"
	"termbook/ui/i18n"
)

var (
	msgUsageCheck    = i18n.Msg{Zh: "                         检查数据文件是否完好", En: "                         check that the database is sound"}
	msgCheckNoFile   = i18n.Msg{Zh: "还没有数据文件“%s”。", En: "There is no database at %s yet."}
	msgCheckOK       = i18n.Msg{Zh: "数据文件“%s”完好（quick_check、integrity_check、foreign_key_check 均通过）。", En: "The database %s is sound (quick_check, integrity_check and foreign_key_check passed)."}
	msgCheckBad      = i18n.Msg{Zh: "数据文件“%s”已损坏（发现 %d 处问题）。", En: "The database %s is damaged (%d faults found)."}
	msgCheckOffer    = i18n.Msg{Zh: "最新的完好备份是 %s 的，可用 termbook restore --latest 恢复。", En: "The newest good backup is from %s: restore it with termbook restore --latest."}
	msgCheckNoBackup = i18n.Msg{Zh: "备份文件夹里没有完好的备份。", En: "There is no good backup in the backup folder."}
	msgCheckBackups  = i18n.Msg{Zh: "备份：%d 份，最新的是 %s 的，在 %s。", En: "Backups: %d, the newest from %s, in %s."}
	msgCheckNoneYet  = i18n.Msg{Zh: "备份：还没有（每天第一次打开时会自动备份一次）。", En: "Backups: none yet (one is taken automatically each day the database is opened)."}
	msgCheckReadOnly = i18n.Msg{Zh: "注意：%s", En: "Note: %s"}
)

// runCheck checks the database with SQLite's own checks: `termbook check`. A fault ends with
// a non-zero exit and the newest good backup to restore.
func runCheck(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("check")
	if err := m.parse(fs, args, msgUsageCheck); err != nil {
		return err
	}
	path, err := m.dbPath()
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return errors.New(m.lang.T(msgCheckNoFile, path))
	}
	s, err := store.Open(ctx, path, store.Options{ReadOnly: true})
	if err != nil {
		if errors.Is(err, store.ErrDamaged) {
			return m.damaged(ctx, path, 1)
		}
		return errors.New(m.lang.Error(err))
	}
	defer s.Close()
	faults, err := s.Check(ctx)
	if err != nil {
		faults = append(faults, err.Error())
	}
	if len(faults) > 0 {
		for _, f := range faults {
			fmt.Fprintln(m.env.stdout, "  "+f)
		}
		return m.damaged(ctx, path, len(faults))
	}
	fmt.Fprintln(m.env.stdout, m.lang.T(msgCheckOK, path))
	if ro := s.ReadOnlyReason(); ro != nil && !errors.Is(ro, store.ErrReadOnly) {
		fmt.Fprintln(m.env.stdout, m.lang.T(msgCheckReadOnly, m.lang.Error(&store.FileError{Path: path, Err: ro})))
	}
	bs, err := store.Backups(path)
	if err != nil || len(bs) == 0 {
		fmt.Fprintln(m.env.stdout, m.lang.T(msgCheckNoneYet))
		return nil
	}
	newest := bs[0]
	for _, b := range bs {
		if b.Note == "" { // not a copy saved as it was before a restore
			newest = b
			break
		}
	}
	fmt.Fprintln(m.env.stdout, m.lang.T(msgCheckBackups, len(bs), m.when(newest), store.BackupDir(path)))
	return nil
}

// damaged is the error for a damaged database: what is wrong and the backup that can replace it.
func (m *Main) damaged(ctx context.Context, path string, faults int) error {
	msg := m.lang.T(msgCheckBad, path, faults)
	if b, err := store.LatestGoodBackup(ctx, path); err == nil {
		msg += m.sep() + m.lang.T(msgCheckOffer, m.when(b))
	} else {
		msg += m.sep() + m.lang.T(msgCheckNoBackup)
	}
	return errors.New(msg)
}

// sep joins two sentences: nothing after a Chinese full stop, a space after an English one.
func (m *Main) sep() string {
	if m.lang == i18n.En {
		return " "
	}
	return ""
}
