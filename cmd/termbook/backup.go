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
	msgUsageBackup   = i18n.Msg{Zh: "[-o 文件]                备份数据文件（默认放进数据文件旁的备份文件夹）", En: "[-o FILE]                back up the database (into the backup folder beside it unless -o)"}
	msgFlagBackupOut = i18n.Msg{Zh: "把备份写到这个文件", En: "write the backup to this file"}
	msgBackupWrote   = i18n.Msg{Zh: "已备份到 %s。", En: "Backed up to %s."}
	msgBackupForeign = i18n.Msg{Zh: "“%s”已存在，而且不是 termbook 数据文件；没有覆盖它。", En: "%s already exists and is not a termbook database; it was not overwritten."}
)

// runBackup writes a checked copy of the database: `termbook backup [-o FILE]`.
func runBackup(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("backup")
	out := fs.String("o", "", m.lang.T(msgFlagBackupOut))
	if err := m.parse(fs, args, msgUsageBackup); err != nil {
		return err
	}
	if err := m.checkOutput(*out); err != nil {
		return err
	}
	if *out != "" {
		if _, err := os.Stat(*out); err == nil && !store.IsTermbook(*out) {
			return errors.New(m.lang.T(msgBackupForeign, *out))
		}
	}
	path, err := m.dbPath()
	if err != nil {
		return err
	}
	s, err := m.openAt(ctx, path, store.Options{ReadOnly: true}, false)
	if err != nil {
		return errors.New(m.lang.Error(err))
	}
	defer s.Close()
	dest := *out
	if dest == "" {
		b, err := s.BackupNow(ctx, m.env.now(), "")
		if err != nil {
			return errors.New(m.backupError(err))
		}
		dest = b.Path
	} else if err := s.BackupTo(ctx, dest); err != nil {
		return errors.New(m.backupError(err))
	}
	fmt.Fprintln(m.env.stdout, m.lang.T(msgBackupWrote, dest))
	return nil
}
