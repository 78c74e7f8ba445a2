package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"termbook/store"
	"termbook/store/storetest"
	"termbook/ui/i18n"
	"termbook/ui/width"
)

// The review follows the school's own rules, kept from the program: hand-ins entered on 师徒
// and 考核, the targets edited on their screen, the report's words written there.

// rulesBook is a new database (not the sample): a term, two paired schools, a mentor and a
// new teacher who is her mentee.
type rulesBook struct {
	s              *store.Store
	path           string
	term           store.Term
	mentor, mentee store.Teacher
	pair           store.MentorPair
}

func newRulesBook(t *testing.T) rulesBook {
	t.Helper()
	s, path := openStore(t)
	b := writeRulesBook(t, s)
	b.path = path
	return b
}

// writeRulesBook writes the rules book's records into s.
func writeRulesBook(t *testing.T, s *store.Store) rulesBook {
	t.Helper()
	ctx := context.Background()
	term, five, hou := termAndSchools(t, s, "2026-09-07")
	b := rulesBook{s: s, term: term}
	var err error
	b.mentor, err = s.CreateTeacher(ctx, store.Teacher{SchoolID: five.ID, Name: "王晓梅", Subjects: []string{"语文"}, Honour: "骨干教师"})
	noErr(t, err)
	b.mentee, err = s.CreateTeacher(ctx, store.Teacher{SchoolID: hou.ID, Name: "张伟", Subjects: []string{"语文"}, Rank: "新任教师"})
	noErr(t, err)
	b.pair, err = s.CreateMentorPair(ctx, store.MentorPair{TermID: term.ID, MentorID: b.mentor.ID, MenteeID: b.mentee.ID, Subject: "语文"})
	noErr(t, err)
	_, err = s.CreateSchoolPair(ctx, store.SchoolPair{SupportingID: five.ID, SupportedID: hou.ID, AgreedOn: storetest.Date("2026-09-01"), CycleYears: 3})
	noErr(t, err)
	return b
}

// target is the term's live target titled title.
func (b rulesBook) target(t *testing.T, title string) store.Target {
	t.Helper()
	ts, err := b.s.Targets(context.Background(), b.term.ID)
	noErr(t, err)
	return only(t, ts, "target "+title, func(x store.Target) bool { return x.Title == title })
}

// lineWith is the first line of screen holding every one of texts, or "".
func lineWith(screen string, texts ...string) string {
	lines := strings.Split(screen, "\n")
	missing := func(l string) func(string) bool { return func(s string) bool { return !strings.Contains(l, s) } }
	if i := slices.IndexFunc(lines, func(l string) bool { return !slices.ContainsFunc(texts, missing(l)) }); i >= 0 {
		return lines[i]
	}
	return ""
}

// TestRulesJourney is a new office's term end, through keys only in a terminal: three 教案
// handed in by the mentee make 交教案 met; 联席会议 set to once a term on the rules screen
// counts 0/1; a quota of -1 is refused with its sentence; the report's narrative, typed in
// Chinese, is kept.
func TestRulesJourney(t *testing.T) {
	b := newRulesBook(t)
	m := newModel(context.Background(), b.s, Options{Lang: i18n.Zh, Today: today}, testStyles(false))
	m.sh.draftDelay = -1
	vt := newVTTerm(t, m, 80, 24)
	vt.screenShows(t, "今天 第6周")
	vt.keys("4")
	vt.screenShows(t, "交教案 每学期", "0/3")

	// Three lesson plans: m on the pair is a hand-in of the mentee, a 教案, today; only
	// the title is left to type.
	for i, title := range []string{"《春》", "《济南的冬天》", "《雨的四季》"} {
		vt.keys("m")
		vt.screenShows(t, "登记上交材料", "张伟（侯庄）", "教案")
		vt.keys("text:" + title)
		vt.cursorAfter(t, title)
		vt.keys("ctrl+s")
		vt.screenShows(t, "已登记：张伟 教案"+title)
		if i < 2 {
			vt.screenShows(t, "交教案 每学期")
		}
	}
	vt.waitFor(t, "交教案 3/3 达标", func(screen string, _, _ int, _ bool) bool {
		return lineWith(screen, "交教案", "3/3", "达标") != ""
	})

	// 联席会议 from twice to once a term, in place on the rules screen.
	vt.keys("l", "l") // the school pairs
	vt.screenShows(t, "[校际结对 1")
	vt.waitFor(t, "联席会议 0/2", func(screen string, _, _ int, _ bool) bool { return lineWith(screen, "联席会议", "0/2") != "" })
	vt.keys("t")
	vt.screenShows(t, "考核细则：", "联席会议")
	for range 6 { // the defaults' seventh
		vt.keys("j")
	}
	vt.waitFor(t, "the cursor on 联席会议", func(screen string, _, _ int, _ bool) bool {
		return lineWith(screen, "▸ 联席会议", "≥2") != ""
	})
	vt.keys("-")
	vt.screenShows(t, "已修改：联席会议（校际结对）")
	vt.waitFor(t, "联席会议 ≥1", func(screen string, _, _ int, _ bool) bool {
		return lineWith(screen, "联席会议", "≥1 每学期") != ""
	})

	// A quota of -1 in the form: the store's sentence, and nothing written.
	vt.keys("enter")
	vt.screenShows(t, "考核指标：联席会议")
	vt.keys("tab", "text:-1", "ctrl+s") // 适用 is no school pair's: the quota is next
	vt.screenShows(t, "要求数量", "-1")
	vt.keys("esc", "y", "esc")
	vt.waitFor(t, "联席会议 0/1 on 考核", func(screen string, _, _ int, _ bool) bool {
		return lineWith(screen, "联席会议", "0/1") != "" && strings.Contains(screen, "[校际结对")
	})

	// The report's narrative, in Chinese.
	vt.keys("r")
	vt.screenShows(t, "上报材料：2026—2027学年第一学期")
	vt.keys("text:定边县教研室", "tab", "text:李主任", "tab", "tab", "tab", "text:本学期开展结对活动", "alt+enter", "text:共计十二次")
	vt.cursorAfter(t, "共计十二次")
	vt.keys("tab", "text:青年教师成长明显", "ctrl+s")
	vt.screenShows(t, "已保存上报材料")
	vt.keys("q")
	vt.tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	ctx := context.Background()
	plans, err := b.s.Handins(ctx, store.HandinFilter{TermID: b.term.ID, TeacherID: b.mentee.ID, KindID: store.BuiltinHandinKindID(store.KindLessonPlan)})
	noErr(t, err)
	if len(plans) != 3 {
		t.Errorf("the mentee has %d lesson plans, want 3", len(plans))
	}
	if joint := b.target(t, "联席会议"); joint.Required != 1 {
		t.Errorf("联席会议 asks for %d, want 1", joint.Required)
	}
	rep, err := b.s.Report(ctx, b.term.ID, 0)
	noErr(t, err)
	if rep.Unit != "定边县教研室" || rep.FilledBy != "李主任" || rep.Progress != "本学期开展结对活动\n共计十二次" || rep.Results != "青年教师成长明显" {
		t.Errorf("report = %+v", rep)
	}
}

// rulesModel opens the program on the rules book's database, on 考核.
func rulesModel(t *testing.T, lang i18n.Lang) (*Model, rulesBook) {
	t.Helper()
	b := newRulesBook(t)
	m := newTest(t, b.s, lang, false, 80, 24)
	press(t, m, "4")
	return m, b
}

func TestQuotaRefusedInPlace(t *testing.T) {
	m, b := rulesModel(t, i18n.Zh)
	press(t, m, "t")
	// 听课 (observations made) is no default: a quota of 0 to go below.
	joint := b.target(t, "联席会议")
	_, err := b.s.UpdateTarget(context.Background(), func() store.Target { joint.Required = 0; return joint }())
	noErr(t, err)
	press(t, m, "esc", "t")
	for range 6 {
		press(t, m, "j")
	}
	press(t, m, "-")
	screen := shown(t, m)
	if !strings.Contains(screen, "要求数量") || !strings.Contains(screen, "-1") {
		t.Fatalf("a quota of -1 was not refused on the status line:\n%s", screen)
	}
	if got := b.target(t, "联席会议").Required; got != 0 {
		t.Errorf("the refused quota wrote %d", got)
	}
	if lineWith(screen, "联席会议", "≥0") == "" {
		t.Errorf("the list does not show the quota kept:\n%s", screen)
	}
}

func TestWeightsOver100Refused(t *testing.T) {
	m, b := rulesModel(t, i18n.En)
	// 读书笔记 is the teachers' one rule, weighing 50: a new teacher target weighing 60
	// makes 110, which is refused, and nothing is added.
	notes := b.target(t, "读书笔记")
	notes.Weight = 50
	_, err := b.s.UpdateTarget(context.Background(), notes)
	noErr(t, err)
	before, err := b.s.Targets(context.Background(), b.term.ID)
	noErr(t, err)
	press(t, m, "t")
	if !strings.Contains(shown(t, m), "teachers 50") {
		t.Errorf("the weights' sums are not shown:\n%s", shown(t, m))
	}
	press(t, m, "n", "text:Lessons observed", "tab", "tab", "tab", "tab", "text:10", "tab", "tab", "tab", "text:60", "ctrl+s")
	screen := oneLine(shown(t, m))
	if !strings.Contains(screen, "the weights together") || !strings.Contains(screen, "110") {
		t.Fatalf("weights adding up to 110 were not refused:\n%s", shown(t, m))
	}
	after, err := b.s.Targets(context.Background(), b.term.ID)
	noErr(t, err)
	if len(after) != len(before) {
		t.Errorf("%d targets after the refusal, %d before", len(after), len(before))
	}
}

func TestTargetAddedRetiredRestoredAndUndone(t *testing.T) {
	m, b := rulesModel(t, i18n.Zh)
	press(t, m, "t", "n", "text:教研组听课", "tab", "tab", "tab", "right", "right", "right", "tab", "text:20", "ctrl+s")
	added := b.target(t, "教研组听课")
	if added.Scope != store.ScopeTeacher || added.Counts != store.CountObservationsMade || added.AppliesTo == "" || added.Required != 20 {
		t.Fatalf("added %+v, want a teacher target of 20 observations for one group", added)
	}
	if !strings.Contains(shown(t, m), "已添加：教研组听课") {
		t.Errorf("the status line does not say it was added:\n%s", shown(t, m))
	}
	press(t, m, "x")
	retired, err := b.s.RetiredTargets(context.Background(), b.term.ID)
	noErr(t, err)
	if len(retired) != 1 || retired[0].ID != added.ID {
		t.Fatalf("retired %v, want the new target", retired)
	}
	for _, k := range []string{"enter", "+"} { // a retired target is restored before it is changed
		press(t, m, k)
		if tg := m.screens[tabReview].(*reviewScreen).targets; !m.isErr || !strings.Contains(m.status, "先按 x 恢复") || tg.list.form != nil {
			t.Errorf("%s on a retired target: %q", k, m.status)
		}
	}
	press(t, m, "x") // restored: the cursor stays on it
	if len(b.target(t, "教研组听课").ID) == 0 {
		t.Fatal("not restored")
	}
	press(t, m, "u", "u", "u") // the restore, the retirement, the adding
	if ts, _ := b.s.Targets(context.Background(), b.term.ID); len(ts) != len(store.DefaultTargets(b.term.ID)) {
		t.Errorf("after undoing all, %d targets; want the defaults", len(ts))
	}
}

func TestHandinRegisterCheckAndDelete(t *testing.T) {
	m, b := rulesModel(t, i18n.Zh)
	ctx := context.Background()
	press(t, m, "m", "text:《春》", "ctrl+s")
	press(t, m, "M")
	screen := shown(t, m)
	if !strings.Contains(screen, "材料台账：张伟、王晓梅（1 份）") || lineWith(screen, "《春》", "未查阅") == "" {
		t.Fatalf("the register does not show the hand-in:\n%s", screen)
	}
	press(t, m, "c", "text:wxm", "enter", "ctrl+s") // 查阅人 王晓梅
	hs, err := b.s.Handins(ctx, store.HandinFilter{TermID: b.term.ID})
	noErr(t, err)
	if len(hs) != 1 || hs[0].CheckedBy != "王晓梅" || hs[0].CheckedOn.IsZero() {
		t.Fatalf("hand-ins after the check: %+v", hs)
	}
	if lineWith(shown(t, m), "《春》", "王晓梅") == "" {
		t.Errorf("the register does not show who checked it:\n%s", shown(t, m))
	}
	press(t, m, "d")
	if hs, _ := b.s.Handins(ctx, store.HandinFilter{TermID: b.term.ID}); len(hs) != 0 {
		t.Fatalf("%d hand-ins after d", len(hs))
	}
	press(t, m, "u")
	if hs, _ := b.s.Handins(ctx, store.HandinFilter{TermID: b.term.ID}); len(hs) != 1 {
		t.Fatalf("%d hand-ins after u", len(hs))
	}
	press(t, m, "esc")
	if lineWith(shown(t, m), "教案", "已查 1") == "" {
		t.Errorf("the checklist does not say the 教案 was checked:\n%s", shown(t, m))
	}
	// enter on the checklist's item shows the register too.
	for lineWith(shown(t, m), "▸", "教案", "已查") == "" {
		press(t, m, "j")
		if lineWith(shown(t, m), "▸", "学期评定") != "" {
			t.Fatalf("no checklist line for 教案:\n%s", shown(t, m))
		}
	}
	press(t, m, "enter")
	if !strings.Contains(shown(t, m), "材料台账：张伟、王晓梅（1 份）") {
		t.Errorf("enter on the checklist item does not show the register:\n%s", shown(t, m))
	}
}

func TestHandinFileOutsideRefused(t *testing.T) {
	m, b := rulesModel(t, i18n.En)
	press(t, m, "3", "m", "text:Spring", "tab", "tab", "tab", "tab", "text:/etc/passwd", "ctrl+s")
	screen := oneLine(shown(t, m))
	if !strings.Contains(screen, "/etc/passwd is outside the data folder") {
		t.Fatalf("a file outside the data folder was not refused:\n%s", screen)
	}
	if hs, _ := b.s.Handins(context.Background(), store.HandinFilter{TermID: b.term.ID}); len(hs) != 0 {
		t.Errorf("the refused hand-in was written: %+v", hs)
	}
}

// The kinds a teacher's role hands in come first: a mentor's 书面总结 …, a mentee's 教案 ….
func TestHandinKindsByRole(t *testing.T) {
	m, _ := rulesModel(t, i18n.Zh)
	press(t, m, "3", "m")
	if f := m.screens[tabMentoring].(*mentoring).handins.form; f == nil || f.field("kind").in.View() != "教案" {
		t.Fatalf("a mentee's hand-in does not start at 教案:\n%s", shown(t, m))
	}
	press(t, m, "shift+tab", "shift+tab", "text:wxm", "enter") // the teacher: the mentor
	if got := plain(m.screens[tabMentoring].(*mentoring).handins.form.field("kind").in.View()); !strings.HasPrefix(got, "读书笔记") && !strings.HasPrefix(got, "书面总结") {
		t.Errorf("a mentor's hand-in offers %q first, want a kind on the mentors' checklist", got)
	}
}

// The hint lines fit 80 columns in either language: no key is cut off.
func TestHintLinesFit(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.Zh, i18n.En} {
		for _, ascii := range []bool{false, true} {
			b := newRulesBook(t)
			m := newTest(t, b.s, lang, ascii, 80, 24)
			for _, step := range []struct {
				where string
				keys  []string
			}{
				{"the calendar", nil},
				{"师徒", []string{"3"}},
				{"the guidance log", []string{"n", "text:说课", "ctrl+s", "l"}},
				{"a hand-in", []string{"esc", "m"}},
				{"the register", []string{"esc", "M"}},
				{"考核", []string{"esc", "4"}},
				{"the rules", []string{"t"}},
				{"a target", []string{"enter"}},
				{"the report", []string{"esc", "esc", "r"}},
			} {
				press(t, m, step.keys...)
				lines := strings.Split(shown(t, m), "\n")
				hint := lines[len(lines)-3]
				if strings.Contains(hint, m.sh.st.g.ellipsis) || width.Narrow.String(hint) > 80 {
					t.Errorf("%v ascii=%v, %s: the hint line is cut: %q", lang, ascii, step.where, hint)
				}
			}
		}
	}
}

// The new forms put the terminal's cursor at the caret of the field typed into, in either
// width mode: a hand-in's title, file and comment and its 查阅人 picker, a target's name and
// quota, the report's header and narrative.
func TestCaretRulesForms(t *testing.T) {
	setup := func(t *testing.T, s *store.Store) { writeRulesBook(t, s) }
	inEachModeOn(t, setup, func(t *testing.T, mode width.Mode, m *Model) {
		press(t, m, "4")
		caretHidden(t, m, "考核")
		press(t, m, "m", "text:"+typedText)
		caretAfter(t, m, mode, typedText)
		press(t, m, "tab", "tab", "tab", "tab", "text:材料/“教案”.docx")
		caretAfter(t, m, mode, "材料/“教案”.docx")
		press(t, m, "shift+tab", "shift+tab", "text:王晓") // 查阅人: the picker opens on the name
		caretAfter(t, m, mode, "王晓")
		press(t, m, "esc", "tab", "tab", "tab", "text:评语"+typedText)
		caretAfter(t, m, mode, "评语"+typedText)
		press(t, m, "esc", "y")
		caretHidden(t, m, "考核 after the hand-in")

		press(t, m, "t", "enter", "text:"+typedText)
		caretAfter(t, m, mode, "徒弟听课"+typedText)
		press(t, m, "tab", "tab", "text:12")
		caretAfter(t, m, mode, "12")
		press(t, m, "esc", "y", "esc")
		caretHidden(t, m, "考核 after the rules")

		press(t, m, "r", "text:"+typedText)
		caretAfter(t, m, mode, typedText)
		press(t, m, "tab", "tab", "tab", "tab", "text:开展"+typedText, "alt+enter", "text:第二行")
		caretAfter(t, m, mode, "第二行")
		press(t, m, "esc", "y")
		caretHidden(t, m, "考核 after the report")
	})
}

// R on 考核 writes the term's report beside the database: the figures counted now, the
// narrative as saved.
func TestReportWrittenFromTheProgram(t *testing.T) {
	m, b := rulesModel(t, i18n.Zh)
	press(t, m, "r", "tab", "tab", "tab", "tab", "text:结对活动按计划开展", "ctrl+s", "R")
	if m.asking == nil || !strings.HasSuffix(m.input.Value(), ".xlsx") {
		t.Fatalf("R did not offer a workbook beside the database: %q", m.input.Value())
	}
	press(t, m, "backspace", "backspace", "backspace", "backspace", "m", "d", "enter")
	path := filepath.Join(filepath.Dir(b.path), "上报材料-2026—2027学年第一学期.md")
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v\n%s", err, shown(t, m))
	}
	for _, want := range []string{"结对活动按计划开展", "开展情况", "王晓梅"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the report does not hold %q:\n%s", want, text)
		}
	}
	if !strings.Contains(m.status, "已导出到 "+path) {
		t.Errorf("the status line does not say where it went: %q", m.status)
	}
	// The path offered with an x after it is no report's file; the line is cut, being long.
	press(t, m, "R", "text:x", "enter")
	if !m.isErr || !strings.Contains(m.status, "只能写成 .xlsx 或 .md 文件") {
		t.Errorf("a wrong extension was not refused: %q", m.status)
	}
}

// The report's words typed and not saved come back as a draft at the next start.
func TestReportDraftComesBack(t *testing.T) {
	m, b := rulesModel(t, i18n.Zh)
	press(t, m, "r", "tab", "tab", "tab", "tab", "text:青年教师成长")
	run(t, m, m.quit())
	m2 := newTest(t, b.s, i18n.Zh, false, 80, 24)
	if !strings.Contains(shown(t, m2), "上报材料 2026—2027学年第一学期") {
		t.Fatalf("the report's draft is not offered:\n%s", shown(t, m2))
	}
	press(t, m2, "enter")
	f := m2.screens[tabReview].(*reviewScreen).form
	if f == nil || f.field(string(store.SectionProgress)).value() != "青年教师成长" || m2.active != tabReview {
		t.Fatalf("the draft did not come back into the report:\n%s", shown(t, m2))
	}
	press(t, m2, "ctrl+s")
	rep, err := b.s.Report(context.Background(), b.term.ID, 0)
	noErr(t, err)
	if rep.Progress != "青年教师成长" {
		t.Errorf("saved %q", rep.Progress)
	}
}

// A hand-in typed and not saved comes back as a draft at the next start, on 考核.
func TestHandinDraftComesBack(t *testing.T) {
	m, b := rulesModel(t, i18n.Zh)
	press(t, m, "3", "m", "text:《春》", "tab", "tab", "tab", "tab", "tab", "text:教学目标明确")
	run(t, m, m.quit())
	m2 := newTest(t, b.s, i18n.Zh, false, 80, 24)
	if !strings.Contains(shown(t, m2), "上交材料 张伟 教案《春》") {
		t.Fatalf("the hand-in's draft is not offered:\n%s", shown(t, m2))
	}
	press(t, m2, "enter")
	f := m2.screens[tabReview].(*reviewScreen).shownForm()
	if f == nil || f.str("title") != "《春》" || f.str("comment") != "教学目标明确" || f.str("teacher") != b.mentee.ID {
		t.Fatalf("the draft did not come back into the hand-in:\n%s", shown(t, m2))
	}
	press(t, m2, "ctrl+s")
	hs, err := b.s.TermHandins(context.Background(), b.term.ID)
	noErr(t, err)
	if len(hs) != 1 || hs[0].Comment != "教学目标明确" {
		t.Errorf("saved %+v", hs)
	}
	if ds, _ := b.s.Drafts(context.Background()); len(ds) != 0 {
		t.Errorf("the draft is kept after the save: %+v", ds)
	}
}
