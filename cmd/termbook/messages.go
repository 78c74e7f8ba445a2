package main

import "termbook/ui/i18n"

// The command line's own words.
var (
	msgAbout          = i18n.Msg{Zh: "termbook 学期手册：结对帮扶与师徒结对的学期日历、听课记录、指导记录与期末考核。", En: "termbook, the term handbook: calendar, lesson observations, mentor guidance and term-end review for pairing programmes."}
	msgUsage          = i18n.Msg{Zh: "用法", En: "Usage"}
	msgUsageTUI       = i18n.Msg{Zh: "打开全屏界面", En: "open the full-screen program"}
	msgFlagDB         = i18n.Msg{Zh: "数据文件路径（也可用环境变量 TERMBOOK_DB）", En: "database file (or set TERMBOOK_DB)"}
	msgFlagLang       = i18n.Msg{Zh: "界面语言：zh 或 en（默认按系统区域设置）", En: "language: zh or en (default: the system locale)"}
	msgFlagASCII      = i18n.Msg{Zh: "只用 ASCII 字符画边框和图表", En: "draw borders and charts with ASCII only"}
	msgFlagDemo       = i18n.Msg{Zh: "在一份新的示例数据上打开（除非 --db 指定，否则用临时文件）", En: "open on fresh sample data (a temporary file unless --db names one)"}
	msgFlagVersion    = i18n.Msg{Zh: "显示版本", En: "print the version"}
	msgBadLang        = i18n.Msg{Zh: "不认识的语言“%s”：请用 zh 或 en。", En: `Unknown language "%s": use zh or en.`}
	msgBadFlag        = i18n.Msg{Zh: "命令行参数有误：%s。用 --help 查看用法。", En: "Bad command line: %s. See --help."}
	msgUnknownFlag    = i18n.Msg{Zh: "没有 --%s 这个选项。用 --help 查看用法。", En: "There is no option --%s. See --help."}
	msgFlagNeedsValue = i18n.Msg{Zh: "--%s 后面要写一个值。用 --help 查看用法。", En: "--%s needs a value. See --help."}
	msgFlagBadValue   = i18n.Msg{Zh: "--%s 的值“%s”无效。用 --help 查看用法。", En: `--%s cannot be "%s". See --help.`}
	msgExtraArgs      = i18n.Msg{Zh: "多余的参数：%s。用 --help 查看用法。", En: "Unexpected arguments: %s. See --help."}
	msgUnknownCommand = i18n.Msg{Zh: "没有“%s”这个命令。用 --help 查看全部命令。", En: `There is no command "%s". See --help for the commands.`}
	msgUsageSample    = i18n.Msg{Zh: "--db 路径 [--years N]    写入示例学期（加 N 年历史数据）", En: "--db PATH [--years N]    write the sample term (plus N years of history)"}
)

var (
	msgNoDatabase      = i18n.Msg{Zh: "数据文件“%s”不存在：请用 --db 指定，或先运行 termbook 创建。", En: "There is no database at %s: name one with --db, or run termbook to create it."}
	msgEmptyDatabase   = i18n.Msg{Zh: "“%s”是空文件，还不是数据文件；没有写入。请用 --db 指定数据文件，或先运行 termbook 创建。", En: "%s is an empty file, not a database yet; nothing was written. Name the database with --db, or run termbook to create it."}
	msgNoDataDir       = i18n.Msg{Zh: "找不到存放数据的用户文件夹；请用 --db 指定数据文件。", En: "Cannot find a per-user data folder; name the database with --db."}
	msgCantMakeDir     = i18n.Msg{Zh: "无法创建数据文件夹“%s”；请用 --db 指定数据文件。", En: "Cannot create the data folder %s; name the database with --db."}
	msgNeedDBFlag      = i18n.Msg{Zh: "请用 --db 指定要写入示例数据的文件。", En: "Name the file to write the sample into with --db."}
	msgFlagYearsText   = i18n.Msg{Zh: "另外生成 N 年的历史数据（用于性能测试）", En: "also generate N years of history (for benchmarks)"}
	msgSampleWroteText = i18n.Msg{Zh: "示例数据已写入 %s。", En: "Sample written to %s."}
	msgYearsRange      = i18n.Msg{Zh: "--years 应在 0 到 30 之间（现在是 %d）。", En: "--years must be from 0 to 30 (it is %d)."}
)
