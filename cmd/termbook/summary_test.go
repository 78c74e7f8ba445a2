package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"termbook/store"
)

// TestReportOfATermAndAYear writes the report that goes up for a term and for its school
// year, with the header and narrative the office saved from a file, and reads them back.
func TestReportOfATermAndAYear(t *testing.T) {
	t.Parallel()
	db, term := rulesDB(t)
	te := rulesEnv(t)
	te.mustRun(t, "--db", db, "handin", "add", "lxh", "教案", "--date", "2026-09-10")
	text := "一、开展情况\n本学期师徒结对一对，每两周听课一节。\n\n二、主要成效：\n徒弟进步明显。\n【存在问题】\n听课次数偏少。\n## 下步打算\n继续结对。\n"
	narrative := writeFile(t, t.TempDir(), "总结.txt", []byte(text))
	out := te.mustRun(t, "--db", db, "report", "set", "--unit", "定边第五小学教研室", "--filled-by", "黄德明",
		"--approved-by", "王校长", "--date", "2027-01-20", "--from", narrative)
	if !strings.Contains(out, "开展情况、主要成效、存在问题、下步打算") {
		t.Errorf("report set said %q", out)
	}

	md := te.mustRun(t, "--db", db, "--lang", "zh", "report")
	for _, want := range []string{"# 2026—2027学年第一学期 教研与结对帮扶工作总结", "单位：定边第五小学教研室", "填报人：黄德明",
		"审核人：王校长", "日期：2027-01-20", "## 一、开展情况", "本学期师徒结对一对", "## 三、存在问题", "听课次数偏少。",
		"## 四、下步打算", "**表1 各校情况**", "**表4 师徒结对及考核结果**", "**表6 考核材料未交、未查阅**"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown report lacks %q:\n%s", want, md)
		}
	}
	// One row per school: 五小 observed (the mentee is at 侯庄, observing across).
	if l := lineWith(md, "| 侯庄小学 |"); !strings.Contains(l, "| 4 | 0 | 4 |") {
		t.Errorf("侯庄小学's row: %q, want 4 lessons observed, all at the other school", l)
	}
	if l := lineWith(md, "| 王晓梅 | 李小红 |"); !strings.Contains(l, "1/3") {
		t.Errorf("the pair's row: %q", l)
	}
	// A table with nothing to count says so in a paragraph, not as a row of the table.
	if !strings.Contains(md, "| --- | --- | --- | --- | --- |\n\n（无）\n") {
		t.Errorf("the empty outreach table:\n%s", md)
	}
	if l := lineWith(md, "李小红（徒弟）"); !strings.Contains(l, "读书笔记") || !strings.Contains(l, "教案") {
		t.Errorf("李小红's outstanding materials: %q (the lesson plan is handed in but not checked)", l)
	}

	dir := t.TempDir()
	xlsx := filepath.Join(dir, "上报.xlsx")
	if err := run(context.Background(), []string{"--db", db, "report", "-o", xlsx}, te.env); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(te.errOut.String(), "已写入") {
		t.Errorf("no word of the file written: %q", te.errOut)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 7 || sheets[0] != "上报材料" || sheets[1] != "各校情况" {
		t.Errorf("sheets %q", sheets)
	}
	rows, _ := f.GetRows("上报材料")
	joined := ""
	for _, r := range rows {
		joined += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{"2026—2027学年第一学期 教研与结对帮扶工作总结", "单位|定边第五小学教研室", "一、开展情况",
		"本学期师徒结对一对", "表1 各校情况", "二、主要成效", "徒弟进步明显。"} {
		if !strings.Contains(joined, want) {
			t.Errorf("the report sheet lacks %q:\n%s", want, joined)
		}
	}
	if v, _ := f.GetCellValue("各校情况", "A1"); v != "学校" {
		t.Errorf("各校情况!A1 = %q", v)
	}

	// The school year: the spring term joins; the year's report has its own words.
	startSpring(t, db, term)
	year := te.mustRun(t, "--db", db, "--lang", "zh", "report", "--year", "2026-2027")
	for _, want := range []string{"# 2026-2027学年 教研与结对帮扶工作总结", "| 学期 | 师傅 |", "| 2026—2027学年第一学期 | 王晓梅 |", "（尚未填写）"} {
		if !strings.Contains(year, want) {
			t.Errorf("the year's report lacks %q:\n%s", want, year)
		}
	}
	te.mustRun(t, "--db", db, "report", "set", "--year", "2026-2027", "--unit", "定边第五小学")
	if year := te.mustRun(t, "--db", db, "report", "--year", "2026—2027学年"); !strings.Contains(year, "单位：定边第五小学　") {
		t.Errorf("the year's unit:\n%.300s", year)
	}
}

// TestReportRefused checks every wrong report command: one sentence, nothing saved.
func TestReportRefused(t *testing.T) {
	t.Parallel()
	db, term := rulesDB(t)
	te := rulesEnv(t)
	dir := t.TempDir()
	file := func(name, text string) string { return writeFile(t, dir, name, []byte(text)) }
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"a bad year", []string{"--year", "2026-2028"}, []string{"学年“2026-2028”无效"}},
		{"a year without terms", []string{"--year", "2020-2021"}, []string{"2020-2021学年还没有学期"}},
		{"term and year", []string{"--year", "2026-2027", "--term", "x"}, []string{"只能用一个"}},
		{"a pdf", []string{"-o", filepath.Join(dir, "r.pdf")}, []string{"只能写成 .xlsx 或 .md"}},
		{"an unknown term", []string{"--term", "没有"}, []string{"没有名为“没有”的学期"}},
		{"nothing to save", []string{"set"}, []string{"没有要保存的内容"}},
		{"a bad date", []string{"set", "--date", "2027-02-30"}, []string{"日期“2027-02-30”无效"}},
		{"text before a heading", []string{"set", "--from", file("a.txt", "总结如下\n开展情况\n好\n")}, []string{"第 1 行", "不在任何小标题下"}},
		{"an unknown heading", []string{"set", "--from", file("b.txt", "开展情况\n好\n## 附件\n无\n")}, []string{"第 3 行", "“附件”"}},
		{"a heading twice", []string{"set", "--from", file("c.txt", "存在问题\n一\n存在问题\n二\n")}, []string{"第 3 行", "两次"}},
		{"no file", []string{"set", "--from", filepath.Join(dir, "没有.txt")}, []string{"找不到文件"}},
		{"a unit too long", []string{"set", "--unit", strings.Repeat("长", store.MaxShort+1)}, []string{"单位", "太长"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			refused(t, te, append([]string{"--db", db, "--lang", "zh", "report"}, tc.args...), tc.want...)
		})
	}
	ctx := context.Background()
	s := openDB(t, db, store.Options{ReadOnly: true})
	defer s.Close()
	if r, _ := s.Report(ctx, term.ID, 0); r.ID != "" {
		t.Errorf("a refused command saved a report: %+v", r)
	}
}
