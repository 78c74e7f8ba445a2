package i18n

import (
	"fmt"
	"testing"
	"time"

	"termbook/store"
	"termbook/store/exchange"
)

func TestExchangeSummary(t *testing.T) {
	tests := []struct {
		lang Lang
		sum  exchange.Summary
		want string
	}{
		{Zh, exchange.Summary{MergeResult: store.MergeResult{Added: 3, Updated: 2, Unchanged: 10, Conflicts: 1}},
			"导入完成：新增 3 条，更新 2 条，未变 10 条，解决冲突 1 条。"},
		{En, exchange.Summary{MergeResult: store.MergeResult{Added: 3, Updated: 2, Unchanged: 10, Conflicts: 1}},
			"Imported: added 3, updated 2, unchanged 10, conflicts resolved 1."},
		{Zh, exchange.Summary{MergeResult: store.MergeResult{Added: 1, Waiting: 2}},
			"导入完成：新增 1 条，更新 0 条，未变 0 条，解决冲突 0 条；2 条记录所引用的记录尚未收到，暂存待下次导入。"},
		{Zh, exchange.Summary{MergeResult: store.MergeResult{Added: 4, LetGo: 3, Ahead: 2, AheadUntil: time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC)}},
			"导入完成：新增 4 条，更新 0 条，未变 0 条，解决冲突 0 条；3 条记录等待的记录一直没有收到（等待超过一年或超过两万条），已放弃，需要时请对方做一次完整导出（不带 --partner）；" +
				"2 条记录的修改时间晚于本机时钟（最晚 2027-03-01），已按原时间导入，对方或本机的时钟可能不准。"},
		{En, exchange.Summary{MergeResult: store.MergeResult{Updated: 1, Ahead: 1, AheadUntil: time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC)}},
			"Imported: added 0, updated 1, unchanged 0, conflicts resolved 0; 1 records are dated after this computer's clock (the latest 2027-03-01) and were taken as dated: the partner's clock or this one may be wrong."},
	}
	for _, tt := range tests {
		if got := tt.lang.ExchangeSummary(tt.sum); got != tt.want {
			t.Errorf("%v: got %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestExchangeError(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("x: %w", exchange.ErrDamaged), "交换文件“f.tbx”已损坏或不完整（可能没有拷贝完），没有导入任何内容；请让对方重新导出。"},
		{exchange.ErrNotExchange, "“f.tbx”不是 termbook 交换文件，没有导入任何内容。"},
		{exchange.ErrNewer, "交换文件“f.tbx”由更新版本的 termbook 导出，没有导入任何内容；请升级 termbook。"},
		{fmt.Errorf("merge: %w", store.ErrDiskFull), "没有导入任何内容：磁盘已满，修改没有保存；请腾出空间后再试。"},
		{fmt.Errorf("export: %w: permission denied", exchange.ErrCantWrite), "无法写入交换文件“f.tbx”；请检查路径、U 盘是否写保护或已满。"},
	}
	for _, tt := range tests {
		if got := Zh.ExchangeError(tt.err, "f.tbx"); got != tt.want {
			t.Errorf("%v: got %q, want %q", tt.err, got, tt.want)
		}
	}
}

// TestExchangedColumnsNamed: a received record can be refused for any of its columns, and
// each has a name in both languages; a column added to the exchange needs one here.
func TestExchangedColumnsNamed(t *testing.T) {
	for _, table := range store.SyncTables() {
		if _, ok := tableNames[table]; !ok {
			t.Errorf("table %s has no name", table)
		}
		cols, _ := store.SyncColumns(table)
		for _, c := range cols {
			if _, ok := fieldNames[c]; !ok {
				t.Errorf("%s.%s has no name", table, c)
			}
		}
	}
}
