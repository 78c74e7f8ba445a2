package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"termbook/store"
	"termbook/store/storetest"
)

// rulesDB writes a new database as a school starts one: a term from Monday 2026-08-31, two
// paired schools, a mentor pair (王晓梅 → 李小红) whose mentee observed the mentor in weeks 1,
// 3 and twice in week 7 (none in weeks 5–6), and two teachers who share the initials "wl".
func rulesDB(t *testing.T) (path string, term store.Term) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "rules.db")
	s := openDB(t, path, store.Options{})
	defer s.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	term, err := s.CreateTerm(ctx, store.Term{Name: "2026—2027学年第一学期", Week1: storetest.Date("2026-08-31"), Weeks: 20})
	must(err)
	five, err := s.CreateSchool(ctx, store.School{Name: "定边第五小学", ShortName: "五小"})
	must(err)
	hz, err := s.CreateSchool(ctx, store.School{Name: "侯庄小学", ShortName: "侯庄"})
	must(err)
	_, err = s.CreateSchoolPair(ctx, store.SchoolPair{SupportingID: five.ID, SupportedID: hz.ID, AgreedOn: storetest.Date("2026-08-01"), CycleYears: 3})
	must(err)
	teacher := func(school store.School, name string) store.Teacher {
		te, err := s.CreateTeacher(ctx, store.Teacher{SchoolID: school.ID, Name: name, Subjects: []string{"语文"}})
		must(err)
		return te
	}
	mentor, mentee := teacher(five, "王晓梅"), teacher(hz, "李小红")
	teacher(five, "王丽")
	teacher(hz, "吴磊")
	pair, err := s.CreateMentorPair(ctx, store.MentorPair{TermID: term.ID, MentorID: mentor.ID, MenteeID: mentee.ID, Subject: "语文"})
	must(err)
	for _, day := range []string{"2026-09-05", "2026-10-08"} {
		_, err := s.CreateGuidance(ctx, store.Guidance{MentorPairID: pair.ID, On: storetest.Date(day), Form: store.FormTalk, Content: "谈教案"})
		must(err)
	}
	for _, day := range []string{"2026-09-02", "2026-09-16", "2026-10-13", "2026-10-15"} {
		_, err := s.CreateObservation(ctx, store.Observation{TermID: term.ID, SchoolID: five.ID, TeacherID: mentor.ID,
			ObserverID: mentee.ID, On: storetest.Date(day)})
		must(err)
	}
	return path, term
}

// startSpring starts the spring term after term, copying its plan, as the program's T does.
func startSpring(t *testing.T, db string, term store.Term) {
	t.Helper()
	ctx := context.Background()
	s := openDB(t, db, store.Options{})
	defer s.Close()
	if _, _, err := s.StartTerm(ctx, store.Term{Name: "2026—2027学年第二学期", Week1: storetest.Date("2027-02-22"), Weeks: 20}, term.ID, nil, nil); err != nil {
		t.Fatal(err)
	}
}

// rulesEnv is a test environment whose today is Sunday 2026-10-18, in week 7.
func rulesEnv(t *testing.T) *testEnv {
	te := newTestEnv(t)
	te.now = func() time.Time { return time.Date(2026, 10, 18, 10, 0, 0, 0, time.Local) }
	return te
}

// lineWith returns the first line of out that contains every word, or "".
func lineWith(out string, words ...string) string {
	for _, line := range strings.Split(out, "\n") {
		all := true
		for _, w := range words {
			all = all && strings.Contains(line, w)
		}
		if all {
			return line
		}
	}
	return ""
}

// writeFile writes data to name in dir, making the folders on its way, and returns its path.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRulesFromTheShell is what the school does from the shell on a new database: three
// lesson plans handed in meet 交教案; 联席会议 set to one a term reads 0/1; a mentee who
// missed a fortnight and made it up reads made up once making up is allowed; the next term
// carries the changed rules.
func TestRulesFromTheShell(t *testing.T) {
	t.Parallel()
	db, term := rulesDB(t)
	te := rulesEnv(t)
	review := func() string { return te.mustRun(t, "--db", db, "--lang", "zh", "review") }

	before := review()
	if pair := lineWith(before, "王晓梅", "李小红"); !strings.Contains(pair, "0/3") {
		t.Fatalf("before any lesson plan, the pair reads %q, want 交教案 0/3\n%s", pair, before)
	}
	for _, day := range []string{"2026-09-10", "9/24", "10月12日"} {
		out := te.mustRun(t, "--db", db, "handin", "add", "lxh", "教案", "《观潮》", "--date", day)
		if !strings.Contains(out, "已登记：李小红 教案") {
			t.Errorf("handin add said %q", out)
		}
	}
	out := review()
	if pair := lineWith(out, "王晓梅", "李小红"); !strings.Contains(pair, "3/3 达标") {
		t.Errorf("after three lesson plans the pair reads %q, want 交教案 3/3 达标\n%s", pair, out)
	}

	if sp := lineWith(out, "五小", "侯庄", "0/2"); sp == "" {
		t.Fatalf("the school pair does not read 联席会议 0/2:\n%s", out)
	}
	te.mustRun(t, "--db", db, "targets", "set", "联席会议", "--quota", "1")
	out = review()
	if sp := lineWith(out, "五小", "侯庄"); !strings.Contains(sp, "0/1") || strings.Contains(sp, "0/2") {
		t.Errorf("after setting 联席会议 to 1 the school pair reads %q, want 0/1", sp)
	}

	// Weeks 5–6 went by without a lesson: not met, until making up is allowed; the second
	// lesson of week 7 then covers them.
	if pair := lineWith(out, "王晓梅", "李小红"); !strings.Contains(pair, "3/10 未达标") {
		t.Errorf("with a missed fortnight and no making up, the pair reads %q, want 徒弟听课 3/10 未达标", pair)
	}
	te.mustRun(t, "--db", db, "targets", "set", "徒弟听课", "--make-up", "yes")
	out = review()
	if pair := lineWith(out, "王晓梅", "李小红"); strings.Contains(pair, "未达标") || !strings.Contains(pair, "4/10 补1") {
		t.Errorf("made up, the pair reads %q, want 徒弟听课 4/10 补1 and nothing 未达标", pair)
	}

	// The next term starts with the rules as they are now.
	startSpring(t, db, term)
	list := te.mustRun(t, "--db", db, "targets", "list", "--term", "2026—2027学年第二学期")
	if l := lineWith(list, "联席会议"); !strings.Contains(l, "≥1 每学期") {
		t.Errorf("the next term's 联席会议: %q\n%s", l, list)
	}
	if l := lineWith(list, "徒弟听课"); !strings.Contains(l, "允许") {
		t.Errorf("the next term's 徒弟听课 does not allow making up: %q", l)
	}
}

// refused runs termbook with args and fails unless it is refused with one sentence saying
// each of want.
func refused(t *testing.T, te *testEnv, args []string, want ...string) {
	t.Helper()
	_, err := te.run(t, args...)
	if err == nil {
		t.Fatalf("termbook %s was accepted", strings.Join(args, " "))
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || strings.Count(msg, "。") > 1 {
		t.Errorf("not one sentence: %q", msg)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("%q does not say %q", msg, w)
		}
	}
}

// countLive returns the number of live rows of a store list.
func countLive[T any](t *testing.T, db string, list func(context.Context, *store.Store) ([]T, error)) int {
	t.Helper()
	ctx := context.Background()
	s := openDB(t, db, store.Options{ReadOnly: true})
	defer s.Close()
	got, err := list(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	return len(got)
}

// TestHandinRefused checks that every wrong hand-in is refused with one sentence that names
// what is wrong, and that nothing is written.
func TestHandinRefused(t *testing.T) {
	t.Parallel()
	db, term := rulesDB(t)
	te := rulesEnv(t)
	outside := writeFile(t, t.TempDir(), "教案.docx", []byte("x"))
	handins := func(ctx context.Context, s *store.Store) ([]store.Handin, error) {
		return s.Handins(ctx, store.HandinFilter{TermID: term.ID})
	}
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"an unknown teacher", []string{"add", "qq", "教案"}, []string{"找不到教师“qq”"}},
		{"two teachers", []string{"add", "wl", "教案"}, []string{"王丽", "吴磊"}},
		{"an unknown kind", []string{"add", "lxh", "作文"}, []string{"没有“作文”这类材料", "教案"}},
		{"a bad grade", []string{"add", "lxh", "教案", "--grade", "很好"}, []string{"等次“很好”无效"}},
		{"a file outside the folder", []string{"add", "lxh", "教案", "--file", outside}, []string{"不在数据文件夹", "rules-files"}},
		{"a file that is not there", []string{"add", "lxh", "教案", "--file", "没有.docx"}, []string{"没有文件"}},
		{"no such day", []string{"add", "lxh", "教案", "--date", "2026-02-30"}, []string{"不是有效的日期"}},
		{"a day outside the term", []string{"add", "lxh", "教案", "--date", "2027-03-01"}, []string{"不在本学期内"}},
		{"a title too long", []string{"add", "lxh", "教案", strings.Repeat("长", store.MaxShort+1)}, []string{"太长"}},
		{"checked before handed in", []string{"add", "lxh", "教案", "--date", "2026-10-12", "--checked-by", "黄德明", "--checked-on", "2026-10-01"}, []string{"查阅日期"}},
		{"nobody checked", []string{"check", "lxh", "教案"}, []string{"--by"}},
		{"nothing to check", []string{"check", "lxh", "教案", "--by", "黄德明"}, []string{"没有未查阅的教案"}},
		{"no teacher at all", []string{"add"}, []string{"请写出教师和材料类别"}},
		{"an unknown ref", []string{"delete", "abcdef"}, []string{"没有编号为“abcdef”的材料"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			refused(t, te, append([]string{"--db", db, "--lang", "zh", "handin"}, tc.args...), tc.want...)
		})
	}
	if n := countLive(t, db, handins); n != 0 {
		t.Errorf("%d hand-ins written by refused commands", n)
	}
}

func TestHandinAddCheckListDelete(t *testing.T) {
	t.Parallel()
	db, _ := rulesDB(t)
	te := rulesEnv(t)
	inside := writeFile(t, filepath.Dir(db), filepath.Join("rules-files", "教案", "观潮.docx"), []byte("x"))
	run := func(args ...string) string {
		return te.mustRun(t, append([]string{"--db", db, "--lang", "zh", "handin"}, args...)...)
	}
	run("add", "李小红", "教案", "《观潮》", "--date", "2026-10-12", "--file", inside, "--comment", "环节完整")
	run("add", "lixiaohong", "reading-notes", "--date", "10/14")
	run("add", "王晓梅", "讲座资料", "朗读指导", "--date", "10/15", "--checked-by", "黄德明", "--grade", "优秀")
	out := run("check", "lxh", "--by", "黄德明", "--grade", "良好")
	if strings.Count(out, "已记录查阅（黄德明）") != 2 {
		t.Errorf("check: %q, want both of 李小红's hand-ins checked", out)
	}
	list := run("list")
	if !strings.Contains(list, "材料台账：3 条") || lineWith(list, "李小红", "教案", "《观潮》", "黄德明", "良好") == "" ||
		lineWith(list, "王晓梅", "讲座资料", "朗读指导", "黄德明", "优秀") == "" {
		t.Errorf("list:\n%s", list)
	}
	if mine := run("list", "wxm"); strings.Contains(mine, "李小红") || !strings.Contains(mine, "1 条") {
		t.Errorf("list of 王晓梅:\n%s", mine)
	}
	ref := strings.Fields(lineWith(list, "朗读指导"))[0]
	if out := run("delete", ref); !strings.Contains(out, "已删除") {
		t.Errorf("delete: %q", out)
	}
	if list := run("list"); strings.Contains(list, "朗读指导") {
		t.Errorf("the deleted hand-in is still listed:\n%s", list)
	}
	run("restore", ref)
	if list := run("list", "--unchecked"); !strings.Contains(list, "没有符合条件") {
		t.Errorf("nothing is unchecked, but:\n%s", list)
	}
	// The review's materials: 李小红 a mentee (教案 checked), 王晓梅 a mentor (讲座资料 checked).
	review := te.mustRun(t, "--db", db, "--lang", "zh", "review")
	if l := lineWith(review, "李小红（徒弟）"); !strings.Contains(l, "已查 1") || !strings.Contains(l, "未交") {
		t.Errorf("李小红's materials: %q", l)
	}
	// A school's own kind, on every teacher's checklist.
	run("kinds", "add", "课题报告", "--en", "Research report", "--checklist", "all")
	if kinds := run("kinds"); lineWith(kinds, "课题报告", "Research report", "每位教师") == "" {
		t.Errorf("kinds:\n%s", kinds)
	}
	if _, err := te.run(t, "--db", db, "handin", "kinds", "add", "教案"); err == nil || !strings.Contains(err.Error(), "重复") {
		t.Errorf("a second 教案 kind: %v", err)
	}
}

// TestTargetsRefused checks every wrong rule: refused with one sentence, nothing written.
func TestTargetsRefused(t *testing.T) {
	t.Parallel()
	db, term := rulesDB(t)
	te := rulesEnv(t)
	te.mustRun(t, "--db", db, "targets", "set", "交教案", "--weight", "60")
	snapshot := func() string { return te.mustRun(t, "--db", db, "--lang", "zh", "targets", "list") }
	before := snapshot()
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"a quota of -1", []string{"set", "联席会议", "--quota", "-1"}, []string{"要求数量", "0 到 1000", "-1"}},
		{"a quota that is no number", []string{"set", "联席会议", "--quota", "两次"}, []string{"--quota 要写一个整数"}},
		{"weights over 100", []string{"set", "听师傅课", "--weight", "50"}, []string{"权重合计", "110"}},
		{"a weight over 100", []string{"set", "听师傅课", "--weight", "101"}, []string{"权重", "101"}},
		{"an unknown title", []string{"set", "听课数", "--quota", "3"}, []string{"没有名为“听课数”的考核指标", "联席会议"}},
		{"an unknown period", []string{"set", "联席会议", "--per", "每周"}, []string{"周期“每周”无效"}},
		{"a period that does not fit", []string{"set", "交教案", "--make-up", "yes"}, []string{"允许补足", "每学期", "不相配"}},
		{"a period that does not fit making up", []string{"set", "徒弟听课", "--make-up", "yes", "--per", "学年"}, []string{"允许补足", "每学年"}},
		{"an unknown activity type", []string{"add", "说课", "--scope", "教师", "--counts", "活动", "--type", "说课大赛", "--quota", "1"}, []string{"没有“说课大赛”这种活动类型"}},
		{"an unknown hand-in kind", []string{"add", "交反思", "--counts", "材料", "--kind", "作文", "--quota", "2"}, []string{"没有“作文”这类材料"}},
		{"hand-ins of no kind", []string{"add", "交材料", "--counts", "材料", "--quota", "2"}, []string{"材料类别", "不能为空"}},
		{"unknown counts", []string{"add", "微笑", "--counts", "笑容", "--quota", "2"}, []string{"统计内容“笑容”无效"}},
		{"a new rule without counts", []string{"add", "新规则", "--quota", "2"}, []string{"--counts"}},
		{"a rule twice", []string{"add", "读书笔记", "--quota", "2"}, []string{"重复"}},
		{"observing the mentor for teachers", []string{"add", "听师", "--counts", "听师傅课", "--quota", "2"}, []string{"统计内容", "教师", "不相配"}},
		{"nothing to change", []string{"set", "联席会议"}, []string{"没有要修改的内容"}},
		{"an unknown scope", []string{"add", "x", "--scope", "全校", "--counts", "听课", "--quota", "1"}, []string{"对象“全校”无效"}},
		{"no retired one", []string{"restore", "联席会议"}, []string{"没有停用的“联席会议”"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			refused(t, te, append([]string{"--db", db, "--lang", "zh", "targets"}, tc.args...), tc.want...)
		})
	}
	if after := snapshot(); after != before {
		t.Errorf("refused commands changed the rules:\n%s\nwas\n%s", after, before)
	}
	targets := func(ctx context.Context, s *store.Store) ([]store.Target, error) { return s.Targets(ctx, term.ID) }
	if n := countLive(t, db, targets); n != len(store.DefaultTargets("")) {
		t.Errorf("%d targets after refused commands", n)
	}
}

// TestTargetsAddRetireRestore adds a narrower target of a rule and a new rule, retires one
// and brings it back.
func TestTargetsAddRetireRestore(t *testing.T) {
	t.Parallel()
	db, _ := rulesDB(t)
	te := rulesEnv(t)
	run := func(args ...string) string {
		return te.mustRun(t, append([]string{"--db", db, "--lang", "zh", "targets"}, args...)...)
	}
	run("add", "听课", "--scope", "教师", "--counts", "听课", "--quota", "10")
	run("add", "听课", "--for", "新任教师", "--quota", "20")
	run("add", "听课", "--for", "行政", "--quota", "20")
	run("add", "见面会", "--scope", "校际结对", "--counts", "活动", "--type", "师徒座谈会", "--quota", "1", "--per", "每学年")
	list := run("list")
	for _, want := range [][]string{{"听课", "全体教师", "≥10 每学期"}, {"听课", "新任教师", "≥20"}, {"听课", "行政", "≥20"},
		{"见面会", "校际结对", "活动：师徒座谈会", "≥1 每学年"}} {
		if lineWith(list, want...) == "" {
			t.Errorf("list lacks %v:\n%s", want, list)
		}
	}
	// Without --for, the rule's target for every teacher.
	if out := run("set", "听课", "--quota", "11"); !strings.Contains(out, "全体教师") {
		t.Errorf("set without --for changed %q", out)
	}
	run("set", "听课", "--for", "全体", "--quota", "12")
	run("retire", "听课", "--for", "行政")
	if lineWith(run("list"), "听课", "行政") != "" {
		t.Error("the retired target is still listed")
	}
	run("restore", "听课", "--for", "行政")
	list = run("list")
	if lineWith(list, "听课", "行政", "≥20") == "" || lineWith(list, "听课", "全体教师", "≥12") == "" {
		t.Errorf("after restore:\n%s", list)
	}
	// The review judges each teacher by the narrowest target: 王丽 is made a new teacher.
	ctx := context.Background()
	s := openDB(t, db, store.Options{})
	ts, _ := s.Teachers(ctx)
	for _, x := range ts {
		if x.Name == "王丽" {
			x.Rank = "新任教师"
			if _, err := s.UpdateTeacher(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
	}
	s.Close()
	review := te.mustRun(t, "--db", db, "--lang", "zh", "review")
	if l := lineWith(review, "王丽", "五小"); !strings.Contains(l, "0/20") {
		t.Errorf("王丽, a new teacher: %q, want 听课 0/20", l)
	}
	if l := lineWith(review, "王晓梅", "五小", "进度"); !strings.Contains(l, "0/12") {
		t.Errorf("王晓梅: %q, want 听课 0/12", l)
	}
}

// TestImportHandins imports a hand-in list: previewed, written whole, again without a change;
// a list with a wrong row is refused row by row and nothing of it is written.
func TestImportHandins(t *testing.T) {
	t.Parallel()
	db, term := rulesDB(t)
	te := rulesEnv(t)
	dir := t.TempDir()
	write := func(name string, data []byte) string { return writeFile(t, dir, name, data) }
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("教师,学校,类别,名称,日期,查阅人,等次\n" +
		"李小红,侯庄小学,教案,《观潮》,2026-10-12,黄德明,优秀\n" +
		"王晓梅,,讲座资料,朗读指导,10/15,,\n")
	if err != nil {
		t.Fatal(err)
	}
	good := write("台账.csv", []byte(gbk))
	out := te.mustRun(t, "--db", db, "--lang", "zh", "import", "handins", good, "--yes")
	if !strings.Contains(out, "（GB18030）") || !strings.Contains(out, "已导入：新登记 2 条材料") {
		t.Errorf("import said:\n%s", out)
	}
	out = te.mustRun(t, "--db", db, "--lang", "zh", "import", "handins", good, "--yes")
	if !strings.Contains(out, "都已登记") {
		t.Errorf("the same list again:\n%s", out)
	}
	handins := func(ctx context.Context, s *store.Store) ([]store.Handin, error) {
		return s.Handins(ctx, store.HandinFilter{TermID: term.ID})
	}
	if n := countLive(t, db, handins); n != 2 {
		t.Fatalf("%d hand-ins, want 2", n)
	}

	// An XLSX list that completes one hand-in and has wrong rows.
	f := excelize.NewFile()
	for i, row := range [][]any{
		{"teacher", "kind", "date", "checked by", "grade"},
		{"王晓梅", "讲座资料", "2026-10-15", "黄德明", "良好"},
		{"wl", "教案", "2026-10-13"},
		{"李小红", "作文", "2026-10-13"},
		{"李小红", "教案", "2026-02-30"},
		{"李小红", "教案", ""},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	bad := filepath.Join(dir, "台账.xlsx")
	if err := f.SaveAs(bad); err != nil {
		t.Fatal(err)
	}
	te.errOut.Reset()
	err = run(context.Background(), []string{"--db", db, "--lang", "zh", "import", "handins", bad, "--yes"}, te.env)
	if err == nil || !strings.Contains(err.Error(), "有 4 行有误") {
		t.Fatalf("a list with four wrong rows: %v", err)
	}
	for _, want := range []string{"第3行：“wl”可能是", "王丽", "第4行：没有“作文”这类材料", "第5行：“2026-02-30”不是有效的日期", "第6行：“日期”不能为空"} {
		if !strings.Contains(te.errOut.String(), want) {
			t.Errorf("the rows' problems lack %q:\n%s", want, te.errOut)
		}
	}
	if n := countLive(t, db, handins); n != 2 {
		t.Errorf("%d hand-ins after a refused list, want 2", n)
	}
	noDate := write("缺列.csv", []byte("教师,类别\n李小红,教案\n"))
	refused(t, te, []string{"--db", db, "--lang", "zh", "import", "handins", noDate}, "缺少“日期”列", "表头应包含 教师、类别、日期")
	// A list is read as strictly as a teacher list: a stray quote is named by row and column.
	quote := write("引号.csv", []byte("教师,类别,日期\n李小红,教案\"初稿,2026-10-12\n"))
	refused(t, te, []string{"--db", db, "--lang", "zh", "import", "handins", quote}, "第 2 行 B 列", "双引号")
	if n := countLive(t, db, handins); n != 2 {
		t.Errorf("%d hand-ins after refused lists, want 2", n)
	}
}
