package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"termbook/store"
	"termbook/store/storetest"
)

// The school's own activity types from the shell: added, refused twice, retired (and then
// refused for a new activity), reinstated and deleted.
func TestTypesCommand(t *testing.T) {
	t.Parallel()
	te := newTestEnv(t)
	db := fixtureDB(t)
	if out := te.mustRun(t, "types", "add", "学术沙龙", "--en", "Salon", "--db", db); out != "已添加活动类型“学术沙龙”。\n" {
		t.Errorf("add printed %q", out)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"types", "add", "公开课"}, "“类型名称”重复：已有“公开课”。"},
		{[]string{"types", "delete", "公开课"}, "活动类型“公开课”是内置的，不能删除，可以改名或停用。"},
		{[]string{"types", "retire", "没有"}, "没有名为“没有”的活动类型。"},
		{[]string{"types", "rename"}, "用法：termbook types [list] | add 名称 | rename 名称 新名称 | retire 名称 | reinstate 名称 | delete 名称"},
	} {
		_, err := te.run(t, append(tc.args, "--db", db)...)
		if err == nil || err.Error() != tc.want {
			t.Errorf("termbook %s: %v, want %q", strings.Join(tc.args, " "), err, tc.want)
		}
	}
	te.mustRun(t, "types", "retire", "Salon", "--db", db)
	if _, err := te.run(t, "add", "w5 学术沙龙 第一次沙龙", "--db", db); err == nil || !strings.Contains(err.Error(), "已停用") {
		t.Errorf("a new activity of a retired type: %v", err)
	}
	list := te.mustRun(t, "types", "--db", db)
	if !strings.Contains(list, "学术沙龙") || !strings.Contains(list, "已停用") {
		t.Errorf("types list:\n%s", list)
	}
	te.mustRun(t, "types", "reinstate", "学术沙龙", "--db", db)
	te.mustRun(t, "add", "w5 学术沙龙 第一次沙龙", "--db", db)
	if _, err := te.run(t, "types", "delete", "学术沙龙", "--db", db); err == nil || !strings.Contains(err.Error(), "还用在 1 项记录上") {
		t.Errorf("deleting a type in use: %v", err)
	}
	te.mustRun(t, "types", "rename", "学术沙龙", "教师沙龙", "--db", db)
	if list := te.mustRun(t, "--lang", "en", "types", "--db", db); !hasRow(list, "教师沙龙", "Salon", "the", "school's", "own") {
		t.Errorf("after the rename:\n%s", list)
	}
}

// Rubrics from the shell: a 说课 rubric with its 评价要点 is added and shown; points that do
// not add up, an unnamed dimension and retiring the default are refused with a sentence.
func TestRubricsCommand(t *testing.T) {
	t.Parallel()
	te := newTestEnv(t)
	db := fixtureDB(t)
	out := te.mustRun(t, "rubrics", "add", "说课评价表", "说教材:30:目标具体、可检测", "说学情:20", "说教法：20", "说过程:30:设计意图明确", "--full", "100", "--db", db)
	if out != "评课量表“说课评价表”已保存（满分 100，4 个维度）。\n" {
		t.Errorf("add printed %q", out)
	}
	show := te.mustRun(t, "rubrics", "show", "说课评价表", "--db", db)
	if !strings.HasPrefix(show, "说课评价表（满分 100）\n") || !hasRow(show, "说教材", "30", "目标具体、可检测") ||
		!hasRow(show, "说学情", "20") || !hasRow(show, "说过程", "30", "设计意图明确") || !strings.Contains(show, "优 ≥90%") {
		t.Errorf("show:\n%s", show)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"rubrics", "add", "x", "a:50", "b:40", "--full", "100"}, "各维度满分合计 90，与“满分” 100 不符。"},
		{[]string{"rubrics", "add", "x", ":100", "--full", "100"}, "“维度名称”不能为空。"},
		{[]string{"rubrics", "add", "x", "a", "--full", "100"}, "“a”不是“维度:满分[:评价要点]”的写法，例如 \"说教材:25:目标具体、可检测\"。"},
		{[]string{"rubrics", "retire", "默认评课量表"}, "“默认评课量表”是默认的评课量表，不能停用或删除；请先把另一个量表设为默认。"},
		{[]string{"rubrics", "add", "说课评价表", "a:100", "--full", "100"}, "“量表名称”重复：已有“说课评价表”。"},
	} {
		_, err := te.run(t, append(tc.args, "--db", db)...)
		if err == nil || err.Error() != tc.want {
			t.Errorf("termbook %s: %v, want %q", strings.Join(tc.args, " "), err, tc.want)
		}
	}
	te.mustRun(t, "rubrics", "subject", "说课评价表", "语文", "--db", db)
	if list := te.mustRun(t, "rubrics", "--db", db); !hasRow(list, "说课评价表", "语文", "100", "4") {
		t.Errorf("list:\n%s", list)
	}
}

// 活动留痕 from the shell: a photo copied into the data folder, then the meeting's chair,
// recorder, who came, minutes and the photo recorded; a teacher who is not on the roster and
// a file outside the data folder are refused with a sentence, and nothing changes.
func TestRecordCommand(t *testing.T) {
	t.Parallel()
	te := newTestEnv(t)
	db := fixtureDB(t)
	photo := filepath.Join(t.TempDir(), "签到表.jpg")
	if err := os.WriteFile(photo, []byte("jpeg"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := te.mustRun(t, "files", "add", photo, "--into", "2026-09", "--db", db); out != photo+" → 2026-09/签到表.jpg\n" {
		t.Errorf("files add printed %q", out)
	}
	minutes := filepath.Join(t.TempDir(), "纪要.txt")
	if err := os.WriteFile(minutes, []byte("一、学期计划。\n二、分工。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := te.mustRun(t, "record", "教研活动：期初计划", "--chair", "wxm", "--recorder", "李娜", "--present", "王晓梅",
		"--minutes-file", minutes, "--summary", "按时完成", "--file", "2026-09/签到表.jpg=签到表", "--db", db)
	if out != "已记录“教研活动：期初计划”：1 人参加，0 人缺席，1 个文件。\n" {
		t.Errorf("record printed %q", out)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--present", "王晓梅,赵强"}, "找不到教师“赵强”。"},
		{[]string{"--file", photo}, "文件“" + photo + "”不在数据文件夹 " + filepath.Join(filepath.Dir(db), "fixture-files") + " 里；请先把它放进去，或用 termbook files add 复制进去。"},
		{[]string{"--file", "2026-09/没有.jpg"}, "没有文件“2026-09/没有.jpg”。"},
		{[]string{"--minutes", strings.Repeat("纪", store.MaxLong+1)}, "“纪要”太长（50001 个字，最多 50000 个字）。"},
	} {
		_, err := te.run(t, append([]string{"record", "教研活动：期初计划", "--db", db}, tc.args...)...)
		if err == nil || err.Error() != tc.want {
			t.Errorf("record %s: %v, want %q", strings.Join(tc.args, " "), err, tc.want)
		}
	}
	if _, err := te.run(t, "record", "没有的活动", "--db", db); err == nil || err.Error() != "本学期没有“没有的活动”这项活动。" {
		t.Errorf("an unknown activity: %v", err)
	}
	ctx := context.Background()
	s := openDB(t, db, store.Options{ReadOnly: true})
	defer s.Close()
	term, _ := s.CurrentTerm(ctx, storetest.Date("2026-09-23"))
	acts, _ := s.Activities(ctx, term.ID, store.Date{}, store.Date{})
	if err := s.LoadProceedings(ctx, acts); err != nil {
		t.Fatal(err)
	}
	for _, a := range acts {
		if a.Title != "教研活动：期初计划" {
			continue
		}
		p := a.Proceedings
		if p.Minutes != "一、学期计划。\n二、分工。" || p.Summary != "按时完成" || len(p.Attendees) != 1 || p.ChairID == "" ||
			p.RecorderID == "" || len(p.Files) != 1 || p.Files[0].Caption != "签到表" {
			t.Errorf("recorded %+v", p)
		}
	}
}

// hasRow reports whether a line of out holds exactly these words.
func hasRow(out string, words ...string) bool {
	for _, line := range strings.Split(out, "\n") {
		if slices.Equal(strings.Fields(line), words) {
			return true
		}
	}
	return false
}

// The must-show, from the shell: an activity with 参加人员 and 纪要 recorded, exported,
// exchanged to the partner and back unchanged.
func TestRecordExportedAndExchanged(t *testing.T) {
	t.Parallel()
	te := newTestEnv(t)
	dir := t.TempDir()
	home, partner := filepath.Join(dir, "青山路.db"), filepath.Join(dir, "柳河.db")
	a := fixtureDB(t)
	data, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{home, partner} {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	te.mustRun(t, "exchange", "new-id", "--db", partner)
	te.mustRun(t, "record", "教研活动：期初计划", "--chair", "王晓梅", "--recorder", "李娜", "--present", "王晓梅,李娜",
		"--minutes", "一、学期计划。\n二、分工。", "--summary", "按时完成", "--db", home)
	before := te.mustRun(t, "agenda", "--json", "--db", home)

	// Exported: the register carries them.
	csvDir := filepath.Join(dir, "登记表")
	te.mustRun(t, "export", "--format", "csv", "-o", csvDir, "--db", home)
	register, err := os.ReadFile(filepath.Join(csvDir, "活动.csv"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(register), "\r\n", "\n") // Excel's line ends, inside a cell too
	if !strings.Contains(text, "王晓梅、李娜") || !strings.Contains(text, "一、学期计划。\n二、分工。") {
		t.Errorf("the register lacks the record:\n%s", register)
	}

	// Exchanged to the partner.
	toPartner, toHome := filepath.Join(dir, "to-柳河.tbx"), filepath.Join(dir, "to-青山路.tbx")
	te.mustRun(t, "exchange", "export", "--partner", "柳河镇中心小学", "-o", toPartner, "--db", home)
	te.mustRun(t, "exchange", "import", toPartner, "--db", partner)
	there := te.mustRun(t, "agenda", "--json", "--db", partner)
	var got agendaJSON
	if err := json.Unmarshal([]byte(there), &got); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, x := range got.Activities {
		if x.Title == "教研活动：期初计划" {
			found = true
			if !slices.Equal(x.Attendees, []string{"王晓梅", "李娜"}) || x.Minutes != "一、学期计划。\n二、分工。" || x.Chair != "王晓梅" || x.Summary != "按时完成" {
				t.Errorf("at the partner: %+v", x)
			}
		}
	}
	if !found {
		t.Fatal("the activity is not at the partner")
	}

	// And back: the partner plans a joint meeting and sends what it changed; home's record is unchanged.
	te.mustRun(t, "add", "w5 联席会议 两校联席会", "--db", partner)
	te.mustRun(t, "exchange", "export", "--partner", "青山路小学", "-o", toHome, "--db", partner)
	te.mustRun(t, "exchange", "import", toHome, "--db", home)
	after := te.mustRun(t, "agenda", "--json", "--db", home)
	if after != before {
		t.Errorf("home's week changed on the way back:\n%s\nwant\n%s", after, before)
	}
	if there != te.mustRun(t, "agenda", "--json", "--db", partner) {
		t.Error("the partner's week changed when it sent its own change")
	}
}
