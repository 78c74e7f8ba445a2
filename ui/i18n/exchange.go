package i18n

import (
	"errors"
	"strings"
	"time"

	"termbook/store"
	"termbook/store/exchange"
)

// Words for exchanging records with a paired school.
var (
	msgImported     = Msg{"导入完成：新增 %d 条，更新 %d 条，未变 %d 条，解决冲突 %d 条", "Imported: added %d, updated %d, unchanged %d, conflicts resolved %d"}
	msgWaiting      = Msg{"；%d 条记录所引用的记录尚未收到，暂存待下次导入", "; %d records wait for records they refer to, until a later import"}
	msgLetGo        = Msg{"；%d 条记录等待的记录一直没有收到（等待超过一年或超过两万条），已放弃，需要时请对方做一次完整导出（不带 --partner）", "; %d records that waited in vain (over a year, or beyond 20,000) were given up: if they are needed, ask the partner for a full export (without --partner)"}
	msgAhead        = Msg{"；%d 条记录的修改时间晚于本机时钟（最晚 %s），已按原时间导入，对方或本机的时钟可能不准", "; %d records are dated after this computer's clock (the latest %s) and were taken as dated: the partner's clock or this one may be wrong"}
	msgNotExchange  = Msg{"“%s”不是 termbook 交换文件，没有导入任何内容。", "%s is not a termbook exchange file; nothing was imported."}
	msgDamagedFile  = Msg{"交换文件“%s”已损坏或不完整（可能没有拷贝完），没有导入任何内容；请让对方重新导出。", "The exchange file %s is damaged or incomplete (perhaps not fully copied); nothing was imported. Ask for a new export."}
	msgNewerFile    = Msg{"交换文件“%s”由更新版本的 termbook 导出，没有导入任何内容；请升级 termbook。", "The exchange file %s was written by a newer termbook; nothing was imported. Upgrade termbook."}
	msgOwnFile      = Msg{"交换文件“%s”是本数据文件（或它的副本）导出的，没有导入任何内容。若对方的数据文件是从这里复制过去的，请在对方电脑上先运行 termbook exchange new-id。", "The exchange file %s came from this database or a copy of it; nothing was imported. If the partner's database was copied from this one, run termbook exchange new-id on the partner's machine first."}
	msgCantReadFile = Msg{"无法打开交换文件“%s”；请检查路径。", "Cannot open the exchange file %s; check the path."}
	msgCantWrite    = Msg{"无法写入交换文件“%s”；请检查路径、U 盘是否写保护或已满。", "Cannot write the exchange file %s; check the path, and that the USB stick is not write-protected or full."}
	msgNotImported  = Msg{"没有导入任何内容：%s", "Nothing was imported: %s"}
	msgBadRecord    = Msg{"交换文件“%s”中的%s记录 %s 的%s，没有导入任何内容；请让对方检查这条记录后重新导出。", "In the exchange file %s, the %s record %s: %s; nothing was imported. Ask the partner to check that record and export again."}
)

// tableNames name the exchanged tables' records.
var tableNames = map[string]Msg{
	"schools":        {"学校", "school"},
	"teachers":       {"教师", "teacher"},
	"terms":          {"学期", "term"},
	"school_pairs":   {"结对学校", "school pairing"},
	"mentor_pairs":   {"师徒结对", "mentor pairing"},
	"activity_types": {"活动类型", "activity type"},
	"activities":     {"活动", "activity"},
	"activity_moves": {"活动调整", "activity move"},
	"rubrics":        {"评课量表", "rubric"},
	"observations":   {"听课", "observation"},
	"followups":      {"跟进事项", "follow-up"},
	"guidance":       {"指导", "guidance"},
	"handin_kinds":   {"材料类别", "kind of hand-in"},
	"handins":        {"上交材料", "hand-in"},
	"targets":        {"考核指标", "target"},
	"term_grades":    {"学期等级", "term grade"},
	"reports":        {"上报材料", "report"},
}

// ExchangeSummary is one line saying what an import did.
func (l Lang) ExchangeSummary(s exchange.Summary) string {
	line := l.T(msgImported, s.Added, s.Updated, s.Unchanged, s.Conflicts)
	if s.Waiting > 0 {
		line += l.T(msgWaiting, s.Waiting)
	}
	if s.LetGo > 0 {
		line += l.T(msgLetGo, s.LetGo)
	}
	if s.Ahead > 0 {
		line += l.T(msgAhead, s.Ahead, s.AheadUntil.Format(time.DateOnly))
	}
	return line + l.stop()
}

// ExchangeError is one sentence saying why the exchange file at path was refused, could not
// be imported, or could not be written.
func (l Lang) ExchangeError(err error, path string) string {
	switch {
	case errors.Is(err, exchange.ErrNotExchange):
		return l.T(msgNotExchange, path)
	case errors.Is(err, exchange.ErrDamaged):
		return l.T(msgDamagedFile, path)
	case errors.Is(err, exchange.ErrNewer):
		return l.T(msgNewerFile, path)
	case errors.Is(err, exchange.ErrOwnFile):
		return l.T(msgOwnFile, path)
	case errors.Is(err, exchange.ErrCantRead):
		return l.T(msgCantReadFile, path)
	case errors.Is(err, exchange.ErrCantWrite):
		return l.T(msgCantWrite, path)
	}
	var bad *store.RecordError
	if errors.As(err, &bad) {
		table := bad.Table
		if m, ok := tableNames[table]; ok {
			table = l.T(m)
		}
		what := strings.TrimSuffix(l.Error(bad.Err), l.stop())
		return l.T(msgBadRecord, path, table, bad.ID, what)
	}
	return l.T(msgNotImported, l.Error(err))
}
