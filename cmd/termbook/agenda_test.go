package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"

	"termbook/store"
	"termbook/store/storetest"
)

func TestAgendaOnTheSample(t *testing.T) {
	t.Parallel()
	te := newTestEnv(t)
	db := filepath.Join(t.TempDir(), "sample.db")
	te.mustRun(t, "sample", "--db", db)
	zh := te.mustRun(t, "agenda", "--db", db, "--week", "3")
	if !strings.Contains(zh, "第3周") || !strings.Contains(zh, "公开课") {
		t.Errorf("the sample's 第3周 shows no open lessons:\n%s", zh)
	}
	en := te.mustRun(t, "--lang", "en", "agenda", "--db", db, "--week", "3")
	if !strings.Contains(en, "Week 3") || !strings.Contains(en, "Open lesson") ||
		strings.Contains(en, "第3周") || strings.Contains(en, "完成") || strings.Contains(en, "逾期") {
		// Titles, names and places are the school's own data and stay Chinese; the
		// program's own words must not.
		t.Errorf("the English agenda is not in English:\n%s", en)
	}
	checkTable(t, zh)
	checkTable(t, en)
	js := te.mustRun(t, "agenda", "--db", db, "--week", "3", "--json")
	var got agendaJSON
	if err := json.Unmarshal([]byte(js), &got); err != nil {
		t.Fatalf("--json is not JSON: %v\n%s", err, js)
	}
	open := 0
	for _, a := range got.Activities {
		if a.Type == store.TypeOpenLesson {
			open++
		}
	}
	if got.Week != 3 || open == 0 {
		t.Errorf("--json: week %d with %d open lessons", got.Week, open)
	}
}

// TestAgendaFitsTheTerminal checks that on an 80-column terminal the lines are cut to fit
// and stay aligned, and that piped output is never cut.
func TestAgendaFitsTheTerminal(t *testing.T) {
	t.Parallel()
	te := newTestEnv(t)
	db := filepath.Join(t.TempDir(), "sample.db")
	te.mustRun(t, "sample", "--db", db)
	piped := te.mustRun(t, "agenda", "--db", db, "--week", "3")
	te.width = func() int { return 80 }
	for _, lang := range []string{"zh", "en"} {
		out := te.mustRun(t, "--lang", lang, "agenda", "--db", db, "--week", "3")
		for _, line := range strings.Split(out, "\n") {
			if w := ansi.StringWidth(line); w > 80 {
				t.Errorf("a line %d cells wide:\n%s", w, line)
			}
		}
		rows := checkTable(t, out)
		if len(rows) < 2 || !strings.Contains(out, "..") {
			t.Errorf("nothing was cut to fit:\n%s", out)
		}
	}
	if strings.Contains(piped, "..") || ansi.StringWidth(strings.Split(piped, "\n")[2]) <= 80 {
		t.Errorf("piped output was cut, or the sample's week 3 is too narrow to test this:\n%s", piped)
	}
}

func TestAgendaColumns(t *testing.T) {
	t.Parallel()
	te := newTestEnv(t)
	db := fixtureDB(t)
	zh := te.mustRun(t, "agenda", "--db", db)
	rows := checkTable(t, zh)
	want := [][]string{
		{"日期", "时间", "类型", "标题", "学科", "教师", "地点", "状态"},
		{"9月21日 周一", "", "其他", "过期的事", "", "", "", "!逾期"},
		{"9月22日 周二", "14:00", "公开课", "《春》", "语文", "王晓梅", "多媒体教室", "完成"},
		{"9月24日 周四", "09:30", "公开课", "Fractions and decimals", "数学", "李娜", "Room 2", "计划"},
		{"本周内", "", "教研活动", "教研活动：期初计划", "", "", "*", "计划"},
		{"2026年9月份", "", "联席会议", "联席会议", "", "", "侯庄小学会议室", "计划"},
	}
	compareRows(t, rows, want)
	if !strings.HasPrefix(zh, "2026—2027学年第一学期  第3周  9月21日 周一 至 9月27日 周日\n") {
		t.Errorf("header:\n%s", zh)
	}
	if !strings.Contains(zh, "共 5 项：完成 1，待办 4，逾期 1。") {
		t.Errorf("summary:\n%s", zh)
	}
	if len(rows) > 4 && (!strings.Contains(rows[4][6], "五小") || !strings.Contains(rows[4][6], "侯庄小学")) {
		t.Errorf("the schools taking part are missing: %q", rows[4][6])
	}

	en := te.mustRun(t, "--lang", "en", "agenda", "--db", db)
	compareRows(t, checkTable(t, en), [][]string{
		{"Date", "Time", "Type", "Title", "Subject", "Teacher", "Place", "Status"},
		{"Mon 21 Sep", "", "Other", "过期的事", "", "", "", "!overdue"},
		{"Tue 22 Sep", "14:00", "Open lesson", "《春》", "Chinese", "王晓梅", "多媒体教室", "done"},
	})
}

// TestAgendaEastAsianWidth checks the columns where “ ” and … take two cells (a Chinese
// Windows console, or RUNEWIDTH_EASTASIAN=1) and where they take one.
func TestAgendaEastAsianWidth(t *testing.T) {
	t.Parallel()
	te := newTestEnv(t)
	db := fixtureDB(t)
	te.mustRun(t, "add", "--db", db, "w3 专题讲座 《“双减”下的作业设计…》 @一楼“阶梯”报告厅")
	wide := runewidth.NewCondition()
	wide.EastAsianWidth = true
	te.vars["RUNEWIDTH_EASTASIAN"] = "1"
	rows := checkTableWidths(t, te.mustRun(t, "agenda", "--db", db), wide.StringWidth)
	if !slices.ContainsFunc(rows, func(r []string) bool {
		return r[3] == "《“双减”下的作业设计…》" && r[6] == "一楼“阶梯”报告厅"
	}) {
		t.Errorf("the lecture is not in its columns: %q", rows)
	}
	te.vars["RUNEWIDTH_EASTASIAN"] = "0"
	checkTable(t, te.mustRun(t, "agenda", "--db", db))
}

func TestAgendaWeeks(t *testing.T) {
	t.Parallel()
	te := newTestEnv(t)
	db := fixtureDB(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"agenda", "--db", db, "--week", "99"}, "没有第99周：2026—2027学年第一学期是第1周到第20周。"},
		{[]string{"agenda", "--db", db, "--week", "0"}, "没有第0周：2026—2027学年第一学期是第1周到第20周。"},
		{[]string{"--lang", "en", "agenda", "--db", db, "--week", "99"}, "There is no week 99: 2026—2027学年第一学期 runs from week 1 to week 20."},
	} {
		if _, err := te.run(t, tt.args...); err == nil || err.Error() != tt.want {
			t.Errorf("termbook %s: %v; want %q", strings.Join(tt.args, " "), err, tt.want)
		}
	}
	if out := te.mustRun(t, "agenda", "--db", db, "--week", "10"); !strings.HasSuffix(out, "\n第10周没有安排活动。\n") {
		t.Errorf("an empty week:\n%s", out)
	}
	if out := te.mustRun(t, "--lang", "en", "agenda", "--db", db, "--week", "10"); !strings.HasSuffix(out, "\nNothing is planned in Week 10.\n") {
		t.Errorf("an empty week:\n%s", out)
	}
	out := te.mustRun(t, "agenda", "--db", db, "--week", "4")
	if !strings.Contains(out, "第4周的课") || strings.Contains(out, "《春》") {
		t.Errorf("week 4:\n%s", out)
	}
	// Today is Wednesday 23 September: nothing is dated today, the week's and the month's
	// undated activities may still happen today.
	out = te.mustRun(t, "agenda", "--db", db, "--today")
	if strings.Contains(out, "《春》") || strings.Contains(out, "Fractions") || !strings.Contains(out, "期初计划") || !strings.Contains(out, "9月23日 周三（今天）") {
		t.Errorf("--today:\n%s", out)
	}
}

func TestAgendaJSON(t *testing.T) {
	t.Parallel()
	te := newTestEnv(t)
	db := fixtureDB(t)
	recordMeeting(t, db)
	out := te.mustRun(t, "agenda", "--db", db, "--json")
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"term", "week", "from", "to", "today", "activities"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("no %q key in %s", k, out)
		}
	}
	var got agendaJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Week != 3 || got.From != "2026-09-21" || got.To != "2026-09-27" || len(got.Activities) != 5 {
		t.Fatalf("got %+v", got)
	}
	spring := got.Activities[1]
	if spring.Title != "《春》" || spring.Type != store.TypeOpenLesson || spring.Status != "done" || spring.DoneOn != "2026-09-22" ||
		spring.Host != "王晓梅" || spring.Date != "2026-09-22" || spring.Schedule != "date" || spring.Note != "顺利" {
		t.Errorf("《春》 is %+v", spring)
	}
	if !got.Activities[0].Overdue || got.Activities[3].Schedule != "week" || len(got.Activities[3].Schools) != 2 {
		t.Errorf("activities %+v", got.Activities)
	}
	// The meeting's record: 王晓梅 chaired, 李娜 recorded; 王晓梅 was there and the teacher of
	// the second school who was expected was not.
	m := got.Activities[3]
	if m.Chair != "王晓梅" || m.Recorder != "李娜" || !slices.Equal(m.Attendees, []string{"王晓梅"}) ||
		!slices.Equal(m.Absent, []string{"赵强"}) || m.Minutes != "一、学期计划。\n二、分工。" || m.Summary != "按时完成" ||
		len(m.Files) != 1 || m.Files[0].Path != "2026-09/签到表.jpg" || m.Files[0].Caption != "签到表" || m.GroupPrep != nil {
		t.Errorf("the meeting's record is %+v", m)
	}
	if a := got.Activities[1]; a.Attendees == nil || a.Absent == nil || a.Files == nil || a.Minutes != "" {
		t.Errorf("an activity without a record: lists should be empty, not null: %+v", a)
	}
	// The keys do not change with the language.
	if en := te.mustRun(t, "--lang", "en", "agenda", "--db", db, "--json"); en != out {
		t.Errorf("--json differs in English:\n%s", en)
	}
}

func TestAddThenAgenda(t *testing.T) {
	t.Parallel()
	te := newTestEnv(t)
	db := fixtureDB(t)
	out := te.mustRun(t, "add", "--db", db, "w5 公开课 数学 测试课 wxm")
	if out != "已添加：第5周  公开课  测试课  数学  王晓梅\n" {
		t.Errorf("add printed %q", out)
	}
	// Flags may follow the text, and the words may come unquoted.
	te.mustRun(t, "--lang", "en", "add", "2026-10-08", "open-lesson", "english", `"Unit 3"`, "ln", "--db", db)
	agenda := te.mustRun(t, "agenda", "--db", db, "--week", "5")
	for _, want := range []string{"测试课", "王晓梅", "数学", "Unit 3", "李娜", "10月8日 周四"} {
		if !strings.Contains(agenda, want) {
			t.Errorf("week 5 does not show %s:\n%s", want, agenda)
		}
	}
	checkTable(t, agenda)
}

func TestAddRefused(t *testing.T) {
	t.Parallel()
	te := newTestEnv(t)
	db := fixtureDB(t)
	ctx := context.Background()
	s := openDB(t, db, store.Options{})
	schools, _ := s.Schools(ctx)
	five := slices.IndexFunc(schools, func(x store.School) bool { return x.ShortName == "五小" })
	if _, err := s.CreateTeacher(ctx, store.Teacher{SchoolID: schools[five].ID, Name: "李纳"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	count := func() int {
		s, err := store.Open(ctx, db, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		term, _ := s.CurrentTerm(ctx, store.DateOf(now))
		acts, err := s.Activities(ctx, term.ID, store.Date{}, store.Date{})
		if err != nil {
			t.Fatal(err)
		}
		return len(acts)
	}
	before := count()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"add", "--db", db, "w5 公开课 数学 测试课 qq"}, "找不到教师“qq”；如果它是标题的一部分，请把标题放进引号或书名号。"},
		{[]string{"--lang", "en", "add", "--db", db, "w5 open-lesson math Test qq"}, `No teacher is called "qq"; if it is part of the title, put the title in quotes.`},
		{[]string{"add", "--db", db, "w5 公开课 测试课 ln"}, "“ln”可能是这几位教师：李娜（侯庄小学，写作“李娜”）、李纳（五小，写作“李纳”）；请写得更具体些。"},
		{[]string{"add", "--db", db, "w99 公开课 测试课"}, "没有“w99”这一周：本学期是第1周到第20周。"},
		{[]string{"add", "--db", db, "2026-02-30 公开课 测试课"}, "“2026-02-30”不是有效的日期。"},
		{[]string{"add", "--db", db, "w5 @教室"}, "活动缺少标题：请写上标题或活动类型（如 公开课）。"},
		{[]string{"add", "--db", db, "w5 公开课 " + strings.Repeat("长", 100)}, "“标题”太长（100 个字，最多 80 个字）。"},
		{[]string{"add", "--db", db, "  "}, `请写出要添加的活动，例如：termbook add "w3 公开课 语文 《春》 张三 周二 14:00"。`},
	} {
		out, err := te.run(t, tt.args...)
		if err == nil || err.Error() != tt.want || out != "" {
			t.Errorf("termbook %q: printed %q, error %v; want %q", tt.args, out, err, tt.want)
		}
	}
	if after := count(); after != before {
		t.Errorf("%d activities before, %d after refused adds", before, after)
	}
}

// checkTable finds the table in an agenda's output (after the first blank line, up to the
// next), checks that every row's cells start at the display columns of the header's, and
// returns the rows split into cells.
func checkTable(t *testing.T, out string) [][]string {
	t.Helper()
	return checkTableWidths(t, out, ansi.StringWidth)
}

// checkTableWidths is checkTable for a terminal whose character widths are width's.
func checkTableWidths(t *testing.T, out string, width func(string) int) [][]string {
	t.Helper()
	lines := strings.Split(out, "\n")
	i := 0
	for i < len(lines) && lines[i] != "" {
		i++
	}
	var table []string
	for i++; i < len(lines) && lines[i] != ""; i++ {
		table = append(table, lines[i])
	}
	if len(table) < 2 {
		t.Fatalf("no table in:\n%s", out)
	}
	var starts []int
	head := displayCells(table[0], width)
	for c := range head {
		if head[c] != " " && (c == 0 || head[c-1] == " ") {
			starts = append(starts, c)
		}
	}
	var rows [][]string
	for _, line := range table {
		cells := displayCells(line, width)
		row := make([]string, len(starts))
		for k, st := range starts {
			end := len(cells)
			if k+1 < len(starts) {
				end = min(starts[k+1], len(cells))
			}
			if st >= len(cells) {
				continue
			}
			cell := strings.Join(cells[st:end], "")
			row[k] = strings.TrimSpace(cell)
			if row[k] == "" {
				continue
			}
			if cells[st] == " " || cells[st] == "" || (st >= 2 && (cells[st-1] != " " || cells[st-2] != " ")) {
				t.Errorf("column %d does not start at display column %d in\n%s\n%s", k, st, table[0], line)
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// displayCells splits a line into terminal cells: a wide character fills its first cell and
// leaves "" in the second.
func displayCells(s string, width func(string) int) []string {
	var cells []string
	for _, r := range s {
		cells = append(cells, string(r))
		for range width(string(r)) - 1 {
			cells = append(cells, "")
		}
	}
	return cells
}

// compareRows compares the first rows of got with want; "*" in want matches any cell.
func compareRows(t *testing.T, got, want [][]string) {
	t.Helper()
	if len(got) < len(want) {
		t.Fatalf("%d rows, want at least %d: %q", len(got), len(want), got)
	}
	for i, w := range want {
		for k, cell := range w {
			if cell != "*" && got[i][k] != cell {
				t.Errorf("row %d column %d = %q, want %q", i, k, got[i][k], cell)
			}
		}
	}
}

// recordMeeting writes the proceedings of the fixture's week-3 meeting, with a third teacher
// at the second school who did not come.
func recordMeeting(t *testing.T, db string) {
	t.Helper()
	ctx := context.Background()
	s := openDB(t, db, store.Options{})
	defer s.Close()
	term, _ := s.CurrentTerm(ctx, storetest.Date("2026-09-23"))
	acts, _ := s.Activities(ctx, term.ID, store.Date{}, store.Date{})
	teachers, _ := s.Teachers(ctx)
	byName := map[string]store.Teacher{}
	for _, x := range teachers {
		byName[x.Name] = x
	}
	if _, err := s.CreateTeacher(ctx, store.Teacher{SchoolID: byName["李娜"].SchoolID, Name: "赵强", Subjects: []string{"数学"}}); err != nil {
		t.Fatal(err)
	}
	for _, a := range acts {
		if a.Title != "教研活动：期初计划" {
			continue
		}
		_, err := s.SetProceedings(ctx, a.ID, store.Proceedings{ChairID: byName["王晓梅"].ID, RecorderID: byName["李娜"].ID,
			Attendees: []string{byName["王晓梅"].ID}, Minutes: "一、学期计划。\n二、分工。", Summary: "按时完成",
			Files: []store.FileRef{{Path: "2026-09/签到表.jpg", Caption: "签到表"}}})
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("no meeting in the fixture")
}
