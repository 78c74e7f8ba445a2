package exchange_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"termbook/store"
	"termbook/store/exchange"
	"termbook/ui/i18n"
)

// TestInvalidRecordsRefused: an intact, correctly checksummed file whose records hold what
// termbook would not save is refused whole, naming the table, the record and the field,
// before a backup is taken or anything is written.
func TestInvalidRecordsRefused(t *testing.T) {
	ctx := context.Background()
	_, _, bb, _, dir := pair(t)
	header := `{"format":"termbook-exchange","version":1}` + "\n" + `{"from":"x","created_at":"2030-01-01T00:00:00Z"}`
	const at = "2030-01-01T00:00:00.000Z"
	// table gives the table line and one record of it, every column "" but those given.
	table := func(name string, vals map[string]any) []string {
		cols, ok := store.SyncColumns(name)
		if !ok {
			t.Fatalf("no table %s", name)
		}
		row := make([]any, len(cols))
		for i, c := range cols {
			row[i] = ""
			switch c {
			case "id":
				row[i] = "bad-1"
			case "created_at", "updated_at":
				row[i] = at
			case "updated_by":
				row[i] = "x"
			case "deleted_at":
				row[i] = nil
			case store.SchoolsColumn, store.AttendeesColumn:
				row[i] = []string{}
			case store.FilesColumn:
				row[i] = "[]"
			case "chair_id", "recorder_id", "prep_lead_id":
				row[i] = nil
			}
			if v, ok := vals[c]; ok {
				row[i] = v
			}
		}
		tl, err := json.Marshal(map[string]any{"table": name, "columns": cols})
		must(t, err)
		rl, err := json.Marshal(row)
		must(t, err)
		return []string{string(tl), string(rl)}
	}
	activity := map[string]any{"title": "公开课", "sched": "date", "on_date": "2030-01-07", "first_day": "2030-01-07",
		"last_day": "2030-01-07", "status": "planned", "week": nil, "month": nil, "done_on": nil, "series_id": nil, "host_id": nil}
	with := func(m map[string]any, k string, v any) map[string]any {
		c := map[string]any{}
		for kk, vv := range m {
			c[kk] = vv
		}
		c[k] = v
		return c
	}
	tests := []struct {
		name  string
		lines []string
		field string
		want  string // in the Chinese sentence
	}{
		{"overlong teacher name", table("teachers", map[string]any{"name": strings.Repeat("张", store.MaxName+1), "active": 1}),
			"name", "交换文件“bad.tbx”中的教师记录 bad-1 的“姓名”太长（最多 40 个字），没有导入任何内容"},
		{"control character in a school name", table("schools", map[string]any{"name": "一小\x07", "active": 1}),
			"name", "“校名”含有控制字符"},
		{"bad date", table("activities", with(activity, "on_date", "2030-02-30")), "date", "“日期”不是有效日期"},
		{"unknown status", table("activities", with(activity, "status", "finished")), "status", "“状态”的值无效：finished"},
		{"overlong minutes", table("activities", with(activity, "minutes", strings.Repeat("纪", store.MaxLong+1))), "minutes", "“纪要”太长（最多 50000 个字）"},
		{"a file outside the data folder", table("activities", with(activity, "files", `[["../../termbook.db",""]]`)), "file", "文件“../../termbook.db”不在数据文件旁的文件夹里"},
		{"overlong 总评", table("observations", map[string]any{"observed_on": "2030-01-07", "overall": strings.Repeat("评", store.MaxNote+1),
			"activity_id": nil, "rubric_ref": nil, "period": 0, "week": 1, "lesson_no": 0, "grade_only": 0, "total": 0.0,
			"rubric": `{"dimensions":[{"name":"a","max":100}],"bands":[{"grade":"优","min":0}]}`, "scores": "[]"}), "overall", "“总评”太长"},
		{"unknown guidance form", table("guidance", map[string]any{"given_on": "2030-01-07", "form": "lunch", "content": "说课",
			"observation_id": nil}), "form", "指导记录"},
		{"unknown term grade", table("term_grades", map[string]any{"owner_kind": "teacher", "grade": "A+"}), "grade", "A+"},
		{"term without weeks", table("terms", map[string]any{"name": "2030春", "week1": "2030-01-07", "weeks": 0}), "weeks", "“周数”应在"},
	}
	before := dump(t, bb.Path())
	// Damage reads as anything: a record that fails its checks in a file whose checksum does
	// not match is damage, not the sender's record.
	damaged := filepath.Join(dir, "damaged.tbx")
	must(t, os.WriteFile(damaged, exFile(t, header, false, tests[0].lines...), 0o644))
	if _, err := exchange.Import(ctx, bb, damaged); !errors.Is(err, exchange.ErrDamaged) {
		t.Errorf("a bad record in a damaged file: %v, want %v", err, exchange.ErrDamaged)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "bad.tbx")
			must(t, os.WriteFile(path, exFile(t, header, true, tt.lines...), 0o644))
			_, err := exchange.Import(ctx, bb, path)
			var bad *store.RecordError
			if !errors.As(err, &bad) {
				t.Fatalf("import: %v, want a RecordError", err)
			}
			if bad.ID != "bad-1" || len(bad.Err.Fields) == 0 || bad.Err.Fields[0].Field != tt.field {
				t.Errorf("import: %#v, want record bad-1, field %s", bad, tt.field)
			}
			if errors.Is(err, exchange.ErrDamaged) {
				t.Error("an intact file reported as damaged")
			}
			if got := i18n.Zh.ExchangeError(err, "bad.tbx"); !strings.Contains(got, tt.want) || strings.Count(got, "。") != 1 {
				t.Errorf("message %q, want one sentence holding %q", got, tt.want)
			}
			if got := i18n.En.ExchangeError(err, "bad.tbx"); !strings.Contains(got, "nothing was imported") {
				t.Errorf("English message %q", got)
			}
			if got := dump(t, bb.Path()); got != before {
				t.Error("the refused file changed the database")
			}
			if _, err := os.Stat(store.BackupDir(bb.Path())); !errors.Is(err, os.ErrNotExist) {
				t.Error("a backup was taken for a refused file")
			}
		})
	}
}
