package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/store/storetest"
	"termbook/ui/i18n"
)

// obsTest opens the program on a database with a term (第1周 from 2026-08-31), two paired
// schools and their teachers, on 2026-09-16 (第3周), at 80×24: a form shows in 80×20.
func obsTest(t *testing.T, lang i18n.Lang) (*Model, *store.Store) {
	t.Helper()
	return obsTestAt(t, t.TempDir()+"/ui.db", lang)
}

func obsTestAt(t *testing.T, path string, lang i18n.Lang) (*Model, *store.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.Now = func() time.Time { return time.Date(2026, 9, 16, 10, 0, 0, 0, time.Local) }
	if _, err := st.CurrentTerm(ctx, st.Today()); err != nil {
		obsFixture(t, st)
	}
	m := newModel(ctx, st, Options{Lang: lang}, testStyles(false))
	m.sh.draftDelay = -1 // drafts are tested on their own (drafts_test.go)
	run(t, m, m.Init())
	run(t, m, func() tea.Msg { return windowSize(80, 24) })
	return m, st
}

func obsFixture(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	_, five, hou := termAndSchools(t, st, "2026-08-31")
	for _, p := range []struct {
		school store.School
		name   string
		subj   string
	}{{five, "张三", "语文"}, {five, "李四", "数学"}, {hou, "王五", "语文"}, {hou, "张珊", "音乐"}, {hou, "赵六", "体育"}} {
		_, err := st.CreateTeacher(ctx, store.Teacher{SchoolID: p.school.ID, Name: p.name, Subjects: []string{p.subj}})
		noErr(t, err)
	}
}

// byName is the teacher called name.
func byName(t *testing.T, m *Model, name string) store.Teacher {
	t.Helper()
	return only(t, m.sh.data.teachers, "teacher "+name, func(x store.Teacher) bool { return x.Name == name })
}

// keys turns a script into key messages: "<tab>", "<shift+tab>", "<enter>", "<esc>",
// "<ctrl+s>", "<ctrl+g>", "<space>", "<bs>", "<up>", "<down>"; anything else is typed as
// whole runes (as an IME sends Chinese).
func keys(script ...string) []tea.KeyPressMsg {
	var out []tea.KeyPressMsg
	for _, s := range script {
		if name, ok := strings.CutPrefix(s, "<"); ok && strings.HasSuffix(s, ">") {
			name = strings.TrimSuffix(name, ">")
			if name == "bs" {
				name = "backspace"
			}
			out = append(out, keyMsg(name))
			continue
		}
		out = append(out, keyMsg("text:"+s))
	}
	return out
}

// drive sends a script of keys to the program, as press does.
func drive(t *testing.T, m *Model, script ...string) {
	t.Helper()
	for _, k := range keys(script...) {
		_, cmd := m.Update(k)
		run(t, m, cmd)
	}
}

// openEditor opens a new observation on the 听课 tab.
func openEditor(t *testing.T, m *Model) *obsForm {
	t.Helper()
	press(t, m, "2", "n")
	return editorOf(t, m)
}

// editorOf is the observation form open on the 听课 tab.
func editorOf(t *testing.T, m *Model) *obsForm {
	t.Helper()
	e := m.screens[tabObservations].(*observations).editor
	if e == nil {
		t.Fatalf("no observation form open:\n%s", shown(t, m))
	}
	return e
}

// closed reports whether the 听课 tab's form has closed.
func closed(m *Model) bool { return m.screens[tabObservations].(*observations).editor == nil }

// scoring puts the focus on the rubric's first cell.
func scoring(e *obsForm) {
	e.focusOn("scores")
	e.grid.enter(true)
}

func TestScoreOverMaximumRefused(t *testing.T) {
	m, st := obsTest(t, i18n.Zh)
	e := openEditor(t, m)
	scoring(e)
	drive(t, m, "1", "2") // 教学目标 is out of 10
	if got := e.grid.points[0]; got != "1" {
		t.Errorf("cell after typing 12 = %q, want the 2 refused", got)
	}
	want := "“教学目标”满分 10 分，不能打 12 分"
	if e.problem != want {
		t.Errorf("message = %q, want %q", e.problem, want)
	}
	if !strings.Contains(shown(t, m), want) {
		t.Errorf("the refusal is not on screen:\n%s", shown(t, m))
	}
	drive(t, m, "0", "<space>", "16")
	if e.grid.points[0] != "10" || e.grid.points[1] != "1" || !strings.Contains(e.problem, "“教学内容”满分 15 分，不能打 16 分") {
		t.Errorf("points = %q, message = %q", e.grid.points, e.problem)
	}
	drive(t, m, "a")
	if e.problem != "评分只能填数字（可带一位小数）" {
		t.Errorf("a letter in a score: message = %q", e.problem)
	}
	// In English the message names the dimension the English way.
	st.Close()
	en, _ := obsTestAt(t, st.Path(), i18n.En)
	e = openEditor(t, en)
	scoring(e)
	drive(t, en, "11")
	if want := "Objectives is out of 10 points; 11 is too many"; e.problem != want {
		t.Errorf("English message = %q, want %q", e.problem, want)
	}
}

func TestTotalAndGradeAtBandEdges(t *testing.T) {
	m, _ := obsTest(t, i18n.Zh)
	tests := []struct {
		scores string
		total  float64
		grade  string
	}{
		{"10 15 15 20 15 15 10", 100, "优"},
		{"10 15 15 20 15 10 5", 90, "优"},
		{"10 15 15 20 15 10 4.9", 89.9, "良"},
		{"10 15 15 20 15 5 0", 80, "良"},
		{"10 15 15 20 15 4.9 0", 79.9, "中"},
		{"10 15 15 20 15 4 0", 79, "中"},
		{"10 15 15 20 0 0 0", 60, "中"},
		{"10 15 15 19.9 0 0 0", 59.9, "差"},
		{"10 15 15 19 0 0 0", 59, "差"},
		{"0 0 0 0 0 0 0", 0, "差"},
	}
	for _, tt := range tests {
		e := openEditor(t, m)
		scoring(e)
		// Typed the way people type: numbers separated by spaces, sent key by key.
		for _, r := range tt.scores {
			if r == ' ' {
				drive(t, m, "<space>")
			} else {
				drive(t, m, string(r))
			}
		}
		total, grade, missing := e.grid.Result()
		if total != tt.total || grade != tt.grade || missing != 0 {
			t.Errorf("%s: total, grade, missing = %v, %q, %d; want %v, %q, 0", tt.scores, total, grade, missing, tt.total, tt.grade)
		}
		want := "合计 " + formatPoints(tt.total) + " " + tt.grade
		if !strings.Contains(shown(t, m), want) {
			t.Errorf("%s: %q not on screen:\n%s", tt.scores, want, shown(t, m))
		}
		drive(t, m, "<esc>", "y")
	}
}

func TestGradeOnlyMode(t *testing.T) {
	m, _ := obsTest(t, i18n.Zh)
	e := openEditor(t, m)
	scoring(e)
	drive(t, m, "<ctrl+g>", "y", "l", "2", "优", "良", "z", "c")
	want := []string{"优", "良", "良", "优", "良", "中", "差"}
	for i, g := range e.grid.grades {
		if g != want[i] {
			t.Errorf("grade %d = %q, want %q", i, g, want[i])
		}
	}
	if _, grade, missing := e.grid.Result(); grade == "" || missing != 0 {
		t.Errorf("grade-only result: grade %q, missing %d", grade, missing)
	}
	drive(t, m, "<shift+tab>", "q")
	if !strings.Contains(e.problem, "y优 l良 z中 c差") {
		t.Errorf("an unknown grade key: message = %q", e.problem)
	}
}

func TestEscAsksOnlyWhenSomethingWouldBeLost(t *testing.T) {
	m, _ := obsTest(t, i18n.Zh)
	openEditor(t, m)
	drive(t, m, "<esc>")
	if !closed(m) {
		t.Fatal("esc on an untouched form should leave without asking")
	}
	e := openEditor(t, m)
	e.focusOn("process")
	drive(t, m, "导入：出示春天的图片", "<esc>")
	if closed(m) || !e.asking || !strings.Contains(shown(t, m), "放弃已输入的内容？") {
		t.Fatalf("esc with typed text: asking %v\n%s", e.asking, shown(t, m))
	}
	drive(t, m, "n")
	if closed(m) || e.asking || e.process.Value() != "导入：出示春天的图片" {
		t.Fatalf("n keeps editing: asking %v, text %q", e.asking, e.process.Value())
	}
	drive(t, m, "<esc>", "y")
	if !closed(m) {
		t.Fatal("y discards")
	}
}

func TestLettersAreTextInTextFields(t *testing.T) {
	m, _ := obsTest(t, i18n.Zh)
	e := openEditor(t, m)
	e.focusOn("process")
	drive(t, m, "q", "j", "k", "n", "d", "x", "?", "1", "<enter>", "第二行")
	if got, want := e.process.Value(), "qjkndx?1\n第二行"; got != want {
		t.Errorf("process = %q, want %q", got, want)
	}
	if closed(m) || m.active != tabObservations {
		t.Error("a letter closed the form or changed screens")
	}
}

func TestTeacherChosenWithThePicker(t *testing.T) {
	m, _ := obsTest(t, i18n.Zh)
	e := openEditor(t, m)
	drive(t, m, "zs") // 张三 and 张珊 share the initials: both are offered, nothing is guessed
	v := shown(t, m)
	if e.teacher.Value() != "" || !e.teacher.busy() || !strings.Contains(v, "张三") || !strings.Contains(v, "张珊") {
		t.Fatalf("zs: chose %q, picking %v\n%s", e.teacher.Value(), e.teacher.busy(), v)
	}
	drive(t, m, "<down>", "<enter>")
	if got := m.sh.teacher(e.teacher.Value()).Name; got != "张珊" || e.focused().name != "observer" {
		t.Fatalf("↓ enter chose %q, focus %s; want 张珊 and the observer next", got, e.focused().name)
	}
	if e.subject.Value() != "音乐" {
		t.Errorf("subject after choosing 张珊 = %q, want her subject 音乐", e.subject.Value())
	}
	drive(t, m, "<shift+tab>", "zhangsan", "<enter>")
	if got := m.sh.teacher(e.teacher.Value()).Name; got != "张三" {
		t.Errorf("zhangsan chose %q", got)
	}
	drive(t, m, "ww", "<enter>")
	if got := m.sh.teacher(e.observer.Value()).Name; got != "王五" || e.focused().name != "period" {
		t.Errorf("observer ww chose %q, focus %s", got, e.focused().name)
	}
	// esc in the picker gives up choosing, not the form.
	e.focusOn("observer")
	drive(t, m, "li", "<esc>")
	if closed(m) || e.observer.busy() || m.sh.teacher(e.observer.Value()).Name != "王五" {
		t.Errorf("esc in the picker: closed %v, picking %v, observer %q", closed(m), e.observer.busy(), m.sh.teacher(e.observer.Value()).Name)
	}
}

// savedObservation is the one observation of the term.
func savedObservation(t *testing.T, m *Model, st *store.Store) store.Observation {
	t.Helper()
	ctx := context.Background()
	list, err := st.Observations(ctx, store.ObservationFilter{TermID: m.sh.data.term.ID})
	if err != nil || len(list) != 1 {
		t.Fatalf("observations = %d, %v; want 1", len(list), err)
	}
	o, err := st.Observation(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestSaveObservation(t *testing.T) {
	m, st := obsTest(t, i18n.Zh)
	e := openEditor(t, m)
	// enter goes to the next empty header field: after the two people, the period (the date
	// is today's, the subject the teacher's); shift+tab goes back to the date.
	drive(t, m, "zhangsan", "<enter>", "lisi", "<enter>")
	if e.focused().name != "period" || e.subject.Value() != "语文" {
		t.Fatalf("after the people: focus %s, subject %q; want the period and 语文", e.focused().name, e.subject.Value())
	}
	drive(t, m, "x")
	if e.period.Value() != "" || e.problem != "这里只能填数字" {
		t.Errorf("a letter in the period: %q, message %q", e.period.Value(), e.problem)
	}
	drive(t, m, "<shift+tab>", "9-15", "<enter>", "２", "<enter>", "三(2)班", "<enter>", "春",
		"<enter>", "x")
	if e.focused().name != "lesson_no" || e.lessonNo.Value() != "" {
		t.Fatalf("after the topic: focus %s, 课时 %q; want an empty 课时", e.focused().name, e.lessonNo.Value())
	}
	drive(t, m, "21", "<enter>", "人教版三年级下册第一单元", "<enter>", "<down>", "<enter>", "<down>", "<down>", "<enter>")
	if e.focused().name != "process" {
		t.Fatalf("enter after the header: focus %s, want the record of the lesson", e.focused().name)
	}
	drive(t, m, "导入：图片", "<tab>", "朗读到位",
		"<tab>", "9", "<space>", "13", "<space>", "12", "<space>", "18", "<space>", "13", "<space>", "14", "<space>", "9",
		"<tab>", "朗读指导", "<tab>", "板书乱", "<tab>", "设计板书", "<tab>", "一堂扎实的常态课。", "<tab>", "板书设计",
		"<tab>", "10-10", "<ctrl+s>")
	// 课时 21 is past the most a topic has: refused with its sentence, the focus on it.
	if closed(m) || e.focused().name != "lesson_no" || !strings.Contains(e.problem, "课时应是 1 到 20 的数字") {
		t.Fatalf("课时 21: message %q, focus %s", e.problem, e.focused().name)
	}
	drive(t, m, "2", "<ctrl+s>")
	if !closed(m) {
		t.Fatalf("not saved: message %q\n%s", e.problem, shown(t, m))
	}
	got := savedObservation(t, m, st)
	if got.On != storetest.Date("2026-09-15") || got.Week != 3 || got.Period != 2 || got.ClassName != "三(2)班" ||
		got.Topic != "春" || got.LessonType != "新授" || got.Kind != "公开课" || got.Total != 88 || got.Grade != "良" ||
		got.Texts.Process != "导入：图片" || got.Texts.Comments != "朗读到位" || got.FollowUp.Due != storetest.Date("2026-10-10") ||
		got.LessonNo != 2 || got.Unit != "人教版三年级下册第一单元" || got.Texts.Overall != "一堂扎实的常态课。" {
		t.Errorf("saved %+v", got)
	}
	if !strings.Contains(m.status, "已保存：张三 春") {
		t.Errorf("status %q", m.status)
	}

	// A partly scored rubric is refused, naming the first dimension without a score.
	e = openEditor(t, m)
	drive(t, m, "zhangsan", "<enter>", "lisi", "<enter>")
	scoring(e)
	drive(t, m, "9", "<ctrl+s>")
	if closed(m) || !strings.Contains(e.problem, "“教学内容”还没有评分") || e.focused().name != "scores" || e.grid.cur != 1 {
		t.Errorf("partly scored: message %q, focus %s cell %d", e.problem, e.focused().name, e.grid.cur)
	}
	// A date outside the term comes back from the store as one sentence naming the field.
	drive(t, m, "<shift+tab>", "<bs>")
	e.focusOn("date")
	drive(t, m, "2027-03-01", "<ctrl+s>")
	if closed(m) || !strings.Contains(e.problem, "“日期”不是有效日期，或不在本学期内") || e.focused().name != "date" {
		t.Errorf("outside the term: message %q, focus %s", e.problem, e.focused().name)
	}
}

// followingUp writes an observation of teacher by observer on day on, agreeing follow-up fu,
// and opens a new observation of the same teacher on the 听课 tab, which shows fu as open.
func followingUp(t *testing.T, m *Model, teacher, observer store.Teacher, on store.Date, fu store.FollowUp) *obsForm {
	t.Helper()
	if _, err := m.sh.store.CreateObservation(context.Background(), store.Observation{TermID: m.sh.data.term.ID,
		SchoolID: teacher.SchoolID, TeacherID: teacher.ID, ObserverID: observer.ID, On: on, FollowUp: fu}); err != nil {
		t.Fatal(err)
	}
	press(t, m, "2")
	run(t, m, m.screens[tabObservations].(*observations).open(store.Observation{TeacherID: teacher.ID, ObserverID: observer.ID}, nil))
	return editorOf(t, m)
}

func TestFollowUpShownAndClosedOnNextObservation(t *testing.T) {
	ctx := context.Background()
	m, st := obsTest(t, i18n.Zh)
	zhang := byName(t, m, "张三")
	e := followingUp(t, m, zhang, byName(t, m, "李四"), storetest.Date("2026-09-08"),
		store.FollowUp{Action: "板书设计", Due: storetest.Date("2026-09-30")})
	if !strings.Contains(shown(t, m), "待跟进 板书设计（9月30日前，9月8日听课）") {
		t.Fatalf("open follow-up not shown:\n%s", shown(t, m))
	}
	e.focusOn("closing")
	drive(t, m, "c", "已改进", "<enter>", "<ctrl+s>")
	if !closed(m) {
		t.Fatalf("not saved: %q", e.problem)
	}
	if open, _ := st.OpenFollowUps(ctx, zhang.ID); len(open) != 0 {
		t.Errorf("still open: %+v", open)
	}
}

// The summary fields are small panes: a long 亮点 wraps by display width within the screen;
// enter moves on, as in the header, and shift+enter starts a new line; all of it is saved
// and kept in a draft.
func TestSummaryFieldsWrap(t *testing.T) {
	m, st := obsTest(t, i18n.Zh)
	e := openEditor(t, m)
	long := "学生朗读充分，教师范读有感情，板书设计清晰；小组合作时每个学生都有发言机会，课堂气氛活跃。"
	drive(t, m, "zhangsan", "<enter>", "lisi", "<enter>")
	e.focusOn("highlights")
	drive(t, m, long)
	lines := checkFrame(t, shown(t, m), 80, 24)
	got := ""
	for i, l := range lines {
		if strings.HasPrefix(l, "亮点") && i+1 < len(lines) {
			got = strings.TrimSpace(strings.TrimPrefix(l, "亮点")) + strings.TrimSpace(lines[i+1])
		}
	}
	// Two lines of 亮点 show while it has focus, the text wrapped at the screen's edge and
	// lined up under itself.
	if got != long {
		t.Errorf("亮点 shows %q:\n%s", got, shown(t, m))
	}
	drive(t, m, "<shift+enter>", "第二行", "<enter>", "板书乱", "<tab>", "设计板书", "<enter>", "<enter>")
	if e.focused().name != "followup" {
		t.Fatalf("after enter, tab and two enters from 亮点: focus %s, want the follow-up", e.focused().name)
	}
	want := long + "\n第二行"
	if got := e.highlights.Value(); got != want {
		t.Errorf("亮点 = %q, want %q", got, want)
	}
	// Without focus at 80×24 each summary field is one line, and the record keeps its room.
	shown(t, m)
	if e.highlights.ta.Height() != 1 || e.process.ta.Height() < roomyPane {
		t.Errorf("亮点 without focus: %d lines, the record %d", e.highlights.ta.Height(), e.process.ta.Height())
	}

	// A draft brings every field back.
	d := store.Draft{Key: e.drafts.key, Form: draftObservation, Payload: e.payload()}
	fd, err := readDraft(d)
	if err != nil {
		t.Fatal(err)
	}
	back := newObsForm(m.sh, store.Observation{}, store.Rubric{Spec: store.DefaultRubricSpec()})
	back.restore(d, fd)
	if back.highlights.Value() != want || back.problems.Value() != "板书乱" || back.suggestions.Value() != "设计板书" ||
		m.sh.teacher(back.teacher.Value()).Name != "张三" {
		t.Errorf("from the draft: %q / %q / %q", back.highlights.Value(), back.problems.Value(), back.suggestions.Value())
	}

	scoring(e)
	drive(t, m, "9", "<space>", "13", "<space>", "12", "<space>", "18", "<space>", "13", "<space>", "14", "<space>", "9")
	e.focusOn("suggestions")
	drive(t, m, "<shift+enter>", "<ctrl+s>") // a last new line is no part of what is saved
	if !closed(m) {
		t.Fatalf("not saved: %q", e.problem)
	}
	o := savedObservation(t, m, st)
	if o.Texts.Highlights != want || o.Texts.Problems != "板书乱" || o.Texts.Suggestions != "设计板书" {
		t.Errorf("saved %q / %q / %q", o.Texts.Highlights, o.Texts.Problems, o.Texts.Suggestions)
	}
}

// The summary fields grow on a taller screen, and a screen too short for everything keeps
// the focused field in sight.
func TestSummaryHeights(t *testing.T) {
	m, _ := obsTest(t, i18n.Zh)
	e := openEditor(t, m)
	for _, c := range []struct{ h, want int }{{20, 2}, {38, 4}, {12, 1}} {
		e.view(80, c.h)
		if e.summaryH != c.want {
			t.Errorf("at 80×%d each summary field shows %d lines, want %d", c.h, e.summaryH, c.want)
		}
	}
	// The open follow-ups listed take their lines from the summary before the panes.
	e.open.set(make([]store.FollowUp, 3))
	e.focusOn("closing")
	view := plain(e.view(80, 20))
	if n := strings.Count(view, "\n") + 1; n > 20 || e.process.ta.Height() < minPane {
		t.Errorf("80×20 with the open follow-ups listed: %d lines, panes %d high:\n%s", n, e.process.ta.Height(), view)
	}
	e.open.set(nil)
	e.focusOn("suggestions")
	view = plain(e.view(80, 12))
	if n := strings.Count(view, "\n") + 1; n > 12 || !strings.Contains(view, "改进建议") {
		t.Errorf("80×12 with 改进建议 focused (%d lines):\n%s", n, view)
	}
}
