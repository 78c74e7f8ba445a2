package main

import (
	"context"
	"errors"
	"os"
	"strings"

	"termbook/store"
	"termbook/ui/i18n"
)

var (
	msgUsageRestore   = i18n.Msg{Zh: "文件 | --latest         用备份替换数据文件（先检查备份，并把当前文件另存）", En: "FILE | --latest         replace the database with a backup (checked first; the current file is kept)"}
	msgFlagLatest     = i18n.Msg{Zh: "用备份文件夹里最新的完好备份", En: "use the newest good backup in the backup folder"}
	msgRestoreWhich   = i18n.Msg{Zh: "请指定要恢复的备份文件，或用 --latest。", En: "Name the backup file to restore, or use --latest."}
	msgNoGoodBackup   = i18n.Msg{Zh: "备份文件夹 %s 里没有完好的备份。", En: "There is no good backup in %s."}
	msgRestoreMissing = i18n.Msg{Zh: "找不到备份文件“%s”。", En: "The backup file %s does not exist."}
)

// runRestore replaces the database with a backup: `termbook restore FILE | --latest`.
func runRestore(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("restore")
	latest := fs.Bool("latest", false, m.lang.T(msgFlagLatest))
	files, err := m.parseArgs(fs, args, msgUsageRestore)
	if err != nil {
		return err
	}
	if len(files) > 1 {
		return errors.New(m.lang.T(msgExtraArgs, strings.Join(files[1:], " ")))
	}
	if len(files) == 1 == *latest {
		return errors.New(m.lang.T(msgRestoreWhich))
	}
	path, err := m.dbPath()
	if err != nil {
		return err
	}
	var from string
	if *latest {
		b, err := store.LatestGoodBackup(ctx, path)
		if err != nil {
			return errors.New(m.lang.T(msgNoGoodBackup, store.BackupDir(path)))
		}
		from = b.Path
	} else {
		from = files[0]
		if _, err := os.Stat(from); err != nil {
			return errors.New(m.lang.T(msgRestoreMissing, from))
		}
	}
	return m.restore(ctx, path, from)
}
