package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"termbook/store"
	"termbook/store/exchange"
	"termbook/ui/i18n"
)

var (
	msgUsageExchange   = i18n.Msg{Zh: "export|import|new-id …  与结对学校交换记录（用 U 盘传文件）", En: "export|import|new-id …  exchange records with a paired school (by file)"}
	msgExchUsageExport = i18n.Msg{Zh: "[--partner 名称] -o 文件    导出本机新建或修改的记录（给该学校：只导出上次导出后的改动）", En: "[--partner NAME] -o FILE    write the records made or changed here (for a partner: only those since the last export to it)"}
	msgExchUsageImport = i18n.Msg{Zh: "文件    导入结对学校的交换文件（先自动备份）", En: "FILE    merge a paired school's exchange file (after a backup)"}
	msgUsageNewID      = i18n.Msg{Zh: "    给从别处复制来的数据文件一个自己的身份（开始交换前运行一次）", En: "    give a database copied from elsewhere its own identity (once, before exchanging)"}
	msgFlagPartner     = i18n.Msg{Zh: "结对学校的名称；记住导出到哪里，下次只导出新的改动", En: "the paired school's name; the next export to it carries only newer changes"}
	msgExchFlagOut     = i18n.Msg{Zh: "要写入的交换文件", En: "the exchange file to write"}
	msgNeedSub         = i18n.Msg{Zh: "请说明要做什么：termbook exchange export、import 或 new-id。", En: "Say what to do: termbook exchange export, import or new-id."}
	msgUnknownSub      = i18n.Msg{Zh: "exchange 没有“%s”这个命令；请用 export、import 或 new-id。", En: "exchange has no command \"%s\"; use export, import or new-id."}
	msgExchNeedOut     = i18n.Msg{Zh: "请用 -o 指定要写入的交换文件，例如 -o 五小-11月.tbx。", En: "Name the file to write with -o, for example -o school5-november.tbx."}
	msgNeedFile        = i18n.Msg{Zh: "请指定要导入的交换文件，例如 termbook exchange import 五小-11月.tbx。", En: "Name the file to import, for example termbook exchange import school5-november.tbx."}
	msgExported        = i18n.Msg{Zh: "已导出 %d 条记录到 %s。", En: "Wrote %d records to %s."}
	msgExportedTo      = i18n.Msg{Zh: "已导出 %d 条记录到 %s（给“%s”，上次导出后的改动）。", En: "Wrote %d records to %s (for %s: changes since the last export)."}
	msgExportedFirst   = i18n.Msg{Zh: "已导出 %d 条记录到 %s（给“%s”的第一次导出：全部记录）。", En: "Wrote %d records to %s (the first export for %s: every record)."}
	msgBackedUp        = i18n.Msg{Zh: "导入前的备份：%s", En: "Backup taken before the import: %s"}
	msgChecking        = i18n.Msg{Zh: "已检查 %d 条…", En: "Checked %d records…"}
	msgMerging         = i18n.Msg{Zh: "已合并 %d / %d 条…", En: "Merged %d of %d records…"}
	msgNewID           = i18n.Msg{Zh: "这个数据文件有了自己的身份，可以与结对学校交换记录了。", En: "This database has its own identity now and can exchange records with a paired school."}
)

// runExchange dispatches `termbook exchange export|import|new-id`.
func runExchange(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 {
		return errors.New(m.lang.T(msgNeedSub))
	}
	switch args[0] {
	case "export":
		return runExchangeExport(ctx, m, args[1:])
	case "import":
		return runExchangeImport(ctx, m, args[1:])
	case "new-id":
		return runExchangeNewID(ctx, m, args[1:])
	case "-h", "--help", "-help":
		fmt.Fprintf(m.env.stdout, "%s:\n", m.lang.T(msgUsage))
		m.printCommand("exchange", msgUsageExchange)
		for _, u := range []struct {
			name string
			msg  i18n.Msg
		}{{"export", msgExchUsageExport}, {"import", msgExchUsageImport}, {"new-id", msgUsageNewID}} {
			m.printCommand("exchange "+u.name, u.msg)
		}
		fmt.Fprintln(m.env.stdout)
		m.printFlags(m.flagSet("exchange"))
		return errHelp
	}
	return errors.New(m.lang.T(msgUnknownSub, args[0]))
}

// runExchangeExport: `termbook exchange export [--partner NAME] -o FILE`.
func runExchangeExport(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("exchange export")
	partner := fs.String("partner", "", m.lang.T(msgFlagPartner))
	out := fs.String("o", "", m.lang.T(msgExchFlagOut))
	if err := m.parse(fs, args, msgExchUsageExport); err != nil {
		return err
	}
	if *out == "" {
		return errors.New(m.lang.T(msgExchNeedOut))
	}
	if *partner != "" {
		if err := store.ValidatePartner(*partner); err != nil {
			return errors.New(m.lang.Error(err))
		}
	}
	if err := m.checkOutput(*out); err != nil {
		return err
	}
	s, err := m.openExisting(ctx, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := exchange.Export(ctx, s, *out, *partner)
	if errors.Is(err, exchange.ErrCantWrite) {
		return errors.New(m.lang.ExchangeError(err, *out))
	}
	if err != nil {
		return errors.New(m.lang.Error(err))
	}
	switch {
	case res.Partner == "":
		fmt.Fprintln(m.env.stdout, m.lang.T(msgExported, res.Records, res.Path))
	case res.Since:
		fmt.Fprintln(m.env.stdout, m.lang.T(msgExportedTo, res.Records, res.Path, res.Partner))
	default:
		fmt.Fprintln(m.env.stdout, m.lang.T(msgExportedFirst, res.Records, res.Path, res.Partner))
	}
	return nil
}

// runExchangeImport: `termbook exchange import FILE`, the flags before or after the file.
func runExchangeImport(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("exchange import")
	files, err := m.parseArgs(fs, args, msgExchUsageImport)
	switch {
	case err != nil:
		return err
	case len(files) == 0:
		return errors.New(m.lang.T(msgNeedFile))
	case len(files) > 1:
		return errors.New(m.lang.T(msgExtraArgs, strings.Join(files[1:], " ")))
	}
	file := files[0]
	s, err := m.openExisting(ctx, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	p := m.progress()
	sum, err := exchange.ImportReporting(ctx, s, file, func(at exchange.Progress) {
		p.show(func() string {
			if at.Total > 0 {
				return m.lang.T(msgMerging, at.Merged, at.Total)
			}
			return m.lang.T(msgChecking, at.Checked)
		})
	})
	p.end()
	if err != nil {
		return errors.New(m.lang.ExchangeError(err, file))
	}
	fmt.Fprintln(m.env.stdout, m.lang.ExchangeSummary(sum))
	fmt.Fprintln(m.env.stdout, m.lang.T(msgBackedUp, sum.Backup))
	return nil
}

// runExchangeNewID: `termbook exchange new-id`.
func runExchangeNewID(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("exchange new-id")
	if err := m.parse(fs, args, msgUsageNewID); err != nil {
		return err
	}
	s, err := m.openExisting(ctx, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Reidentify(ctx); err != nil {
		return errors.New(m.lang.Error(err))
	}
	fmt.Fprintln(m.env.stdout, m.lang.T(msgNewID))
	return nil
}
