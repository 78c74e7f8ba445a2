package exchange_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"termbook/store"
	"termbook/store/exchange"
	"termbook/ui/i18n"
)

// tamper rewrites the first record of table in an exchange file as a faulty or hostile
// program would, and makes the checksum match again, so that only the checks of the record
// stand between it and the database. change gets the record's values by column name.
func tamper(t tb, file []byte, table string, change func(rec map[string]any)) []byte {
	t.Helper()
	return tamperSum(t, file, table, change, true)
}

// tamperSum is tamper ending the file with a checksum that matches, or with one that does not.
func tamperSum(t tb, file []byte, table string, change func(rec map[string]any), sumMatches bool) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(file))
	must(t, err)
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 16<<20)
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	must(t, sc.Err())
	cols, _ := store.SyncColumns(table)
	current, done := "", false
	for i, l := range lines[:len(lines)-1] {
		if strings.HasPrefix(l, `{"table":`) {
			var tl struct{ Table string }
			must(t, json.Unmarshal([]byte(l), &tl))
			current = tl.Table
			continue
		}
		if current != table || !strings.HasPrefix(l, "[") || done {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(l))
		dec.UseNumber()
		var vals []any
		must(t, dec.Decode(&vals))
		rec := map[string]any{}
		for j, c := range cols {
			rec[c] = vals[j]
		}
		change(rec)
		for j, c := range cols {
			vals[j] = rec[c]
		}
		b, err := json.Marshal(vals)
		must(t, err)
		lines[i], done = string(b), true
	}
	if !done {
		t.Fatalf("no %s record in the file", table)
	}
	body := strings.Join(lines[:len(lines)-1], "\n") + "\n"
	sum := sha256.Sum256([]byte(body))
	if !sumMatches {
		sum[0] ^= 1
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err = zw.Write([]byte(body + `{"sha256":"` + hex.EncodeToString(sum[:]) + `"}` + "\n"))
	must(t, err)
	must(t, zw.Close())
	return buf.Bytes()
}

// refused imports data into s and checks that it is refused, before a backup and without a
// change, for a record of table whose fields include field; it returns the refusal in both
// languages.
func refused(t *testing.T, s *store.Store, dir string, data []byte, table, field string) (zh, en string) {
	t.Helper()
	before := dump(t, s.Path())
	path := filepath.Join(dir, "bad.tbx")
	must(t, os.WriteFile(path, data, 0o644))
	_, err := exchange.Import(context.Background(), s, path)
	var bad *store.RecordError
	if !errors.As(err, &bad) {
		t.Fatalf("import: %v, want a refused record", err)
	}
	if errors.Is(err, exchange.ErrDamaged) {
		t.Error("an intact file reported as damaged")
	}
	if bad.Table != table || !slices.ContainsFunc(bad.Err.Fields, func(f store.FieldError) bool { return f.Field == field }) {
		t.Errorf("refused %s %s for %+v, want %s for %s", bad.Table, bad.ID, bad.Err.Fields, table, field)
	}
	if got := dump(t, s.Path()); got != before {
		t.Error("the refused file changed the database")
	}
	if _, err := os.Stat(store.BackupDir(s.Path())); !errors.Is(err, os.ErrNotExist) {
		t.Error("a backup was taken for a refused file")
	}
	zh, en = i18n.Zh.ExchangeError(err, "bad.tbx"), i18n.En.ExchangeError(err, "bad.tbx")
	for _, msg := range []string{zh, en} {
		if strings.ContainsFunc(msg, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			t.Errorf("the message carries a control character to the terminal: %q", msg)
		}
	}
	if strings.Count(zh, "。") != 1 || !strings.Contains(zh, "没有导入任何内容") || !strings.Contains(en, "nothing was imported") {
		t.Errorf("messages %q / %q, want one sentence saying nothing was imported", zh, en)
	}
	return zh, en
}

// TestHostileRecordsRefused: an intact, correctly checksummed file whose records hold what
// termbook would not save (issue 16's list: flags of 999 or 7, garbage or NaN scores and
// rubrics, escape sequences in derived columns and ids, absurd weeks) is refused whole,
// naming the table, the record and the field, before a backup is taken or anything is
// written; and no message echoes an escape sequence.
func TestHostileRecordsRefused(t *testing.T) {
	_, a, bb, _, dir := pair(t)
	file := readAll(t, exportTo(t, a, dir, "", 1)) // everything the sample has, as a sends it
	const osc52 = "\x1b]52;c;aGk=\x07"             // sets the clipboard of many terminals
	set := func(col string, v any) func(map[string]any) { return func(r map[string]any) { r[col] = v } }
	const twice = "01966f5e-3c1a-7000-8000-000000000001"
	tests := []struct {
		name, table string
		change      func(map[string]any)
		field, want string // want: in the Chinese sentence
	}{
		{"overlong teacher name", "teachers", set("name", strings.Repeat("张", store.MaxName+1)), "name", "的“姓名”太长（41 个字，最多 40 个字），没有导入任何内容"},
		{"a flag of 999", "schools", set("active", 999), "active", "“在用标记”的值无效：999"},
		{"grade-only 7", "observations", set("grade_only", 7), "grade_only", "“只评等级标记”的值无效：7"},
		{"scores not numbers", "observations", set("scores", "[NaN]"), "scores", "“评分”的值无效"},
		{"a score above its maximum", "observations", set("scores", "[99,13,13,18,13,13,9]"), "score:教学目标", "“教学目标得分”应在 0 到 10 之间"},
		{"garbage rubric", "observations", set("rubric", "量表"), "rubric", "“评课量表”的值无效"},
		{"empty rubric", "observations", set("rubric", `{"dimensions":[],"bands":[]}`), "dimensions", "评价维度"},
		{"a rubric of 1e9 points", "observations", set("rubric", `{"dimensions":[{"name":"目标","max":1e9}],"bands":[{"grade":"优","min":0}]}`), "max", "满分"},
		{"a total beyond the rubric", "observations", set("total", 1e6), "total", "“总分”应在 0 到 100 之间"},
		{"OSC 52 in the grade", "observations", set("grade", osc52), "grade", "“等级”的值无效"},
		{"an absurd week", "observations", set("week", 99), "week", "“周次”"},
		{"a week not of the date", "observations", set("week", 2), "week", "“周次”"},
		{"escape in the pinyin", "teachers", set("pinyin", "wangxiaomei\x1b[2J"), "pinyin", "“拼音”的值无效"},
		{"OSC 52 in the initials", "teachers", set("initials", osc52), "initials", "“拼音首字母”"},
		{"escape in a teacher's grade", "teachers", set("grade", "\x1b[31m三年级"), "grade", "“年级”含有控制字符"},
		{"OSC 52 as an id", "teachers", set("id", osc52), "id", "“编号”的值无效"},
		{"a reference that is no id", "teachers", set("school_id", "../../etc"), "school_id", "“学校”的值无效"},
		{"an activity in week 99", "activities", set("week", 99), "week", "“周次”应在 1 到 20 之间"},
		{"a span that is not the week's", "activities", set("first_day", "2026-09-01"), "first_day", "“起始日”"},
		{"a week schedule with a date", "activities", set("on_date", "2026-09-15"), "date", "“日期”的值无效"},
		{"a school that is no id", "activities", set(store.SchoolsColumn, []string{osc52}), "schools", "“学校”的值无效"},
		{"a term without weeks", "terms", set("weeks", 0), "weeks", "“周数”应在"},
		{"an unknown guidance form", "guidance", set("form", "lunch"), "form", "“指导形式”的值无效：lunch"},
		{"overlong minutes", "activities", set("minutes", strings.Repeat("纪", store.MaxLong+1)), "minutes", "“纪要”太长（50001 个字，最多 50000 个字）"},
		{"a file outside the data folder", "activities", set(store.FilesColumn, `[["../../termbook.db","签到表"]]`), "file", "文件“../../termbook.db”不在数据文件旁的文件夹里"},
		{"files that are no list", "activities", set(store.FilesColumn, "签到表.jpg"), "files", "“文件”的值无效"},
		{"an attendee that is no id", "activities", set(store.AttendeesColumn, []string{osc52}), "attendees", "“参加人员”的值无效"},
		{"a chair that is no id", "activities", set("chair_id", osc52), "chair_id", "“主持人”的值无效"},
		{"an attendee twice", "activities", set(store.AttendeesColumn, []string{twice, twice}), "attendees", "“参加人员”重复"},
		{"overlong 总评", "observations", set("overall", strings.Repeat("评", store.MaxNote+1)), "overall", "“总评”太长"},
		{"a 课时 of 99", "observations", set("lesson_no", 99), "lesson_no", "“课时”应在 0 到 20 之间"},
		{"a rubric picked that is no id", "observations", set("rubric_ref", osc52), "rubric_ref", "“所选评课量表”的值无效"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			zh, en := refused(t, bb, dir, tamper(t, file, tt.table, tt.change), tt.table, tt.field)
			t.Logf("%s\n%s", zh, en)
			if !strings.Contains(zh, tt.want) {
				t.Errorf("message %q, want it to hold %q", zh, tt.want)
			}
		})
	}
	// Damage reads as anything: a record that fails its checks in a file whose checksum does
	// not match is damage, not the sender's record.
	damaged := tamperSum(t, file, "schools", set("active", 999), false)
	path := filepath.Join(dir, "damaged.tbx")
	must(t, os.WriteFile(path, damaged, 0o644))
	if _, err := exchange.Import(context.Background(), bb, path); !errors.Is(err, exchange.ErrDamaged) {
		t.Errorf("a bad record in a damaged file: %v, want %v", err, exchange.ErrDamaged)
	}
}

// TestFarFutureRefused: a record dated the year 9999 (or more than a year after this
// machine's clock) is refused with the file, saying so, before the backup: it would win
// every later edit of the record, here and at every school it is passed on to.
func TestFarFutureRefused(t *testing.T) {
	_, a, bb, clk, dir := pair(t)
	file := readAll(t, exportTo(t, a, dir, "", 1))
	for _, at := range []string{"9999-12-31T23:59:59.999Z", clk.now().AddDate(1, 0, 2).Format("2006-01-02T15:04:05.000Z")} {
		zh, en := refused(t, bb, dir, tamper(t, file, "teachers", func(r map[string]any) { r["updated_at"] = at }), "teachers", "updated_at")
		if day := at[:10]; !strings.Contains(zh, "“修改时间”是 "+day+"，比本机时钟晚一年以上") || !strings.Contains(en, day) {
			t.Errorf("messages %q / %q, want the date and that it is far ahead", zh, en)
		}
	}
}

// TestClockAheadTakenAsDated: a partner whose clock runs three months ahead sends records
// dated in this machine's future. They are taken as dated and the summary says so; an edit
// made here afterwards is still later, and wins at both schools.
func TestClockAheadTakenAsDated(t *testing.T) {
	ctx := context.Background()
	b, a, bb, clk, dir := pair(t)
	ahead := &clock{t: clk.now().AddDate(0, 3, 0)}
	a.Now = ahead.now
	te, err := a.Teacher(ctx, b.teachers[2])
	must(t, err)
	te.Honour = "骨干教师"
	_, err = a.UpdateTeacher(ctx, te)
	must(t, err)

	sum, err := exchange.Import(ctx, bb, exportTo(t, a, dir, "to-b", 1))
	must(t, err)
	if sum.Updated != 1 || sum.Ahead != 1 || !sum.AheadUntil.Equal(ahead.now()) {
		t.Fatalf("import: %+v, want the edit taken and noted as ahead, until %v", sum.MergeResult, ahead.now())
	}
	if got := i18n.Zh.ExchangeSummary(sum); !strings.Contains(got, "1 条记录的修改时间晚于本机时钟（最晚 "+ahead.now().Format(time.DateOnly)+"），已按原时间导入") {
		t.Errorf("summary %q does not say a record was dated ahead", got)
	}

	clk.advance(time.Minute) // still three months before a's edit, by this clock
	te, err = bb.Teacher(ctx, b.teachers[2])
	must(t, err)
	te.Honour = "学科带头人"
	_, err = bb.UpdateTeacher(ctx, te)
	must(t, err)
	sum, err = exchange.Import(ctx, a, exportTo(t, bb, dir, "to-a", 1))
	must(t, err)
	if sum.Updated != 1 {
		t.Errorf("a, the later edit arriving: %+v, want it taken", sum.MergeResult)
	}
	for _, s := range []*store.Store{a, bb} {
		if te, err := s.Teacher(ctx, b.teachers[2]); err != nil || te.Honour != "学科带头人" {
			t.Errorf("%s: honour %q (%v), want the edit made after the one dated ahead", s.Path(), te.Honour, err)
		}
	}
}

// TestClaimingThisMachine: a record that says this installation made it, which this
// installation never sent, is refused with its file, and so never exported as its own.
func TestClaimingThisMachine(t *testing.T) {
	ctx := context.Background()
	_, a, bb, _, dir := pair(t)
	file := readAll(t, exportTo(t, a, dir, "", 1))
	zh, _ := refused(t, bb, dir, tamper(t, file, "schools", func(r map[string]any) {
		r["name"], r["updated_at"], r["updated_by"] = "冒名小学", "2026-10-12T09:00:00.000Z", bb.InstallationID()
	}), "schools", "updated_by")
	if !strings.Contains(zh, "“修改者”说这条记录是本机修改的，但本机从未发出过它") {
		t.Errorf("message %q", zh)
	}
	path := exportTo(t, bb, dir, "", 1)
	_, recs, err := exchange.ReadAll(bytes.NewReader(readAll(t, path)))
	must(t, err)
	if len(recs) != 0 {
		t.Errorf("b exports %d records as its own after refusing the file, want none: %q", len(recs), recs)
	}
	// The same from a file whose sender is this database (a copy that kept its identity).
	if _, err := exchange.Import(ctx, bb, path); !errors.Is(err, exchange.ErrOwnFile) {
		t.Errorf("own file: %v, want ErrOwnFile", err)
	}
}
