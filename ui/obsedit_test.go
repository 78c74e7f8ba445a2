package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// obsTestEnv is a database with a term (第1周 from 2026-08-31), two paired schools and their
// teachers, opened on 2026-09-16 (第3周).
func obsTestEnv(t *testing.T) obsEnv {
	t.Helper()
	return obsTestEnvAt(t, t.TempDir()+"/ui.db")
}

func obsTestEnvAt(t *testing.T, path string) obsEnv {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.Now = func() time.Time { return time.Date(2026, 9, 16, 10, 0, 0, 0, time.Local) }
	env, err := loadObsEnv(ctx, st, i18n.Zh)
	if err != nil {
		t.Fatal(err)
	}
	if env.term.ID != "" {
		return env
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err = st.CreateTerm(ctx, store.Term{Name: "2026—2027学年第一学期", Week1: store.MustDate("2026-08-31"), Weeks: 20})
	must(err)
	five, err := st.CreateSchool(ctx, store.School{Name: "定边第五小学", ShortName: "五小"})
	must(err)
	hou, err := st.CreateSchool(ctx, store.School{Name: "侯庄小学", ShortName: "侯庄"})
	must(err)
	for _, p := range []struct {
		school store.School
		name   string
		subj   string
	}{{five, "张三", "语文"}, {five, "李四", "数学"}, {hou, "王五", "语文"}, {hou, "张珊", "音乐"}, {hou, "赵六", "体育"}} {
		_, err := st.CreateTeacher(ctx, store.Teacher{SchoolID: p.school.ID, Name: p.name, Subjects: []string{p.subj}})
		must(err)
	}
	env, err = loadObsEnv(ctx, st, i18n.Zh)
	must(err)
	return env
}

// loadObsEnv reads the term and people as the program does at start, and gives the screens
// what the program would.
func loadObsEnv(ctx context.Context, st *store.Store, lang i18n.Lang) (obsEnv, error) {
	today := st.Today()
	d, err := readTerm(ctx, st, today, "")
	if err != nil {
		return obsEnv{}, err
	}
	sh := &shared{ctx: ctx, store: st, lang: lang, st: newStyles(display{}, true), keys: newKeys(lang, false), today: today, data: d}
	rubric, err := st.DefaultRubric(ctx)
	if err != nil {
		return obsEnv{}, err
	}
	env := newObsEnv(sh, rubric)
	env.draftDelay = -1 // drafts are tested on their own, by a real program (drafts_test.go)
	return env, nil
}

func (env obsEnv) byName(t *testing.T, name string) store.Teacher {
	t.Helper()
	for _, te := range env.teachers {
		if te.Name == name {
			return te
		}
	}
	t.Fatalf("no teacher %s", name)
	return store.Teacher{}
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

// drive sends keys to the editor and runs the commands they return (but not timers), feeding
// their messages back, as the program would.
func drive(t *testing.T, e *obsEditor, script ...string) {
	t.Helper()
	for _, k := range keys(script...) {
		runEditor(e, e.Update(k))
	}
}

func runEditor(e *obsEditor, cmd tea.Cmd) { pump(e.Update, cmd) }

// pump runs cmd and hands its messages to update, and so on until nothing is left.
func pump(update func(tea.Msg) tea.Cmd, cmd tea.Cmd) {
	for _, m := range runCmd(cmd) {
		pump(update, update(m))
	}
}

// runCmd runs a command and its batches and returns the messages.
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(10 * time.Second):
		panic("a command did not finish") // the tests keep no timers (no drafts, no blinking)
	}
	switch m := msg.(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range m {
			out = append(out, runCmd(c)...)
		}
		return out
	case nil:
		return nil
	}
	return []tea.Msg{msg}
}

func newTestEditor(t *testing.T, env obsEnv) *obsEditor {
	t.Helper()
	e := newObsEditor(env, store.Observation{})
	e.SetSize(80, 20)
	runEditor(e, e.Init())
	return e
}

func TestScoreOverMaximumRefused(t *testing.T) {
	env := obsTestEnv(t)
	e := newTestEditor(t, env)
	e.setFocus(stopScores)
	e.grid.First()
	drive(t, e, "1", "2") // 教学目标 is out of 10
	if got := e.grid.points[0]; got != "1" {
		t.Errorf("cell after typing 12 = %q, want the 2 refused", got)
	}
	want := "“教学目标”满分 10 分，不能打 12 分"
	if e.message != want {
		t.Errorf("message = %q, want %q", e.message, want)
	}
	if !strings.Contains(plain(e.View()), want) {
		t.Errorf("the refusal is not on screen:\n%s", plain(e.View()))
	}
	drive(t, e, "0", "<space>", "16")
	if e.grid.points[0] != "10" || e.grid.points[1] != "1" || !strings.Contains(e.message, "“教学内容”满分 15 分，不能打 16 分") {
		t.Errorf("points = %q, message = %q", e.grid.points, e.message)
	}
	drive(t, e, "a")
	if e.message != "评分只能填数字（可带一位小数）" {
		t.Errorf("a letter in a score: message = %q", e.message)
	}
	// In English the message names the dimension the English way.
	enEnv, err := loadObsEnv(context.Background(), env.db, i18n.En)
	if err != nil {
		t.Fatal(err)
	}
	en := newTestEditor(t, enEnv)
	en.setFocus(stopScores)
	en.grid.First()
	drive(t, en, "11")
	if want := "Objectives is out of 10 points; 11 is too many"; en.message != want {
		t.Errorf("English message = %q, want %q", en.message, want)
	}
}

func TestTotalAndGradeAtBandEdges(t *testing.T) {
	env := obsTestEnv(t)
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
		e := newTestEditor(t, env)
		e.setFocus(stopScores)
		e.grid.First()
		// Typed the way people type: numbers separated by spaces, sent key by key.
		for _, r := range tt.scores {
			if r == ' ' {
				drive(t, e, "<space>")
			} else {
				drive(t, e, string(r))
			}
		}
		total, grade, missing := e.grid.Result()
		if total != tt.total || grade != tt.grade || missing != 0 {
			t.Errorf("%s: total, grade, missing = %v, %q, %d; want %v, %q, 0", tt.scores, total, grade, missing, tt.total, tt.grade)
		}
		want := "合计 " + formatPoints(tt.total) + " " + tt.grade
		if !strings.Contains(plain(e.View()), want) {
			t.Errorf("%s: %q not on screen:\n%s", tt.scores, want, plain(e.View()))
		}
	}
}

func TestGradeOnlyMode(t *testing.T) {
	env := obsTestEnv(t)
	e := newTestEditor(t, env)
	e.setFocus(stopScores)
	e.grid.First()
	drive(t, e, "<ctrl+g>", "y", "l", "2", "优", "良", "z", "c")
	want := []string{"优", "良", "良", "优", "良", "中", "差"}
	for i, g := range e.grid.grades {
		if g != want[i] {
			t.Errorf("grade %d = %q, want %q", i, g, want[i])
		}
	}
	if _, grade, missing := e.grid.Result(); grade == "" || missing != 0 {
		t.Errorf("grade-only result: grade %q, missing %d", grade, missing)
	}
	drive(t, e, "<shift+tab>", "q")
	if !strings.Contains(e.message, "y优 l良 z中 c差") {
		t.Errorf("an unknown grade key: message = %q", e.message)
	}
}

func TestEscAsksOnlyWhenSomethingWouldBeLost(t *testing.T) {
	env := obsTestEnv(t)
	e := newTestEditor(t, env)
	drive(t, e, "<esc>")
	if !e.Done || e.asking {
		t.Fatalf("esc on an untouched form: done %v, asking %v; want it to leave without asking", e.Done, e.asking)
	}

	e = newTestEditor(t, env)
	e.setFocus(stopProcess)
	drive(t, e, "导入：出示春天的图片")
	drive(t, e, "<esc>")
	if e.Done || !e.asking || !strings.Contains(plain(e.View()), "放弃未保存的内容？") {
		t.Fatalf("esc with typed text: done %v, asking %v\n%s", e.Done, e.asking, plain(e.View()))
	}
	drive(t, e, "n")
	if e.Done || e.asking || e.process.Value() != "导入：出示春天的图片" {
		t.Fatalf("n keeps editing: done %v, asking %v, text %q", e.Done, e.asking, e.process.Value())
	}
	drive(t, e, "<esc>", "y")
	if !e.Done || e.Saved != nil {
		t.Fatalf("y discards: done %v, saved %v", e.Done, e.Saved)
	}
}

func TestLettersAreTextInTextFields(t *testing.T) {
	env := obsTestEnv(t)
	e := newTestEditor(t, env)
	e.setFocus(stopProcess)
	drive(t, e, "q", "j", "k", "n", "d", "x", "?", "<enter>", "第二行")
	if got, want := e.process.Value(), "qjkndx?\n第二行"; got != want {
		t.Errorf("process = %q, want %q", got, want)
	}
	if e.Done {
		t.Error("a letter closed the editor")
	}
}

func TestTeacherChosenWithThePicker(t *testing.T) {
	env := obsTestEnv(t)
	e := newTestEditor(t, env)
	drive(t, e, "zs") // 张三 and 张珊 share the initials: both are offered, nothing is guessed
	v := plain(e.View())
	if e.teacher.Value() != "" || !e.teacher.Picking() || !strings.Contains(v, "张三") || !strings.Contains(v, "张珊") {
		t.Fatalf("zs: chose %q, picking %v\n%s", e.teacher.Value(), e.teacher.Picking(), v)
	}
	drive(t, e, "<down>", "<enter>")
	if got := env.teacher(e.teacher.Value()).Name; got != "张珊" || e.focus != stopObserver {
		t.Fatalf("↓ enter chose %q, focus %d; want 张珊 and the observer next", got, e.focus)
	}
	if e.subject.Value() != "音乐" {
		t.Errorf("subject after choosing 张珊 = %q, want her subject 音乐", e.subject.Value())
	}
	drive(t, e, "<shift+tab>", "zhangsan", "<enter>")
	if got := env.teacher(e.teacher.Value()).Name; got != "张三" {
		t.Errorf("zhangsan chose %q", got)
	}
	drive(t, e, "ww", "<enter>")
	if got := env.teacher(e.observer.Value()).Name; got != "王五" || e.focus != stopPeriod {
		t.Errorf("observer ww chose %q, focus %d", got, e.focus)
	}
	// esc in the picker gives up choosing, not the form.
	e.setFocus(stopObserver)
	drive(t, e, "li", "<esc>")
	if e.Done || e.observer.Picking() || env.teacher(e.observer.Value()).Name != "王五" {
		t.Errorf("esc in the picker: done %v, picking %v, observer %q", e.Done, e.observer.Picking(), env.teacher(e.observer.Value()).Name)
	}
}

func TestSaveObservation(t *testing.T) {
	env := obsTestEnv(t)
	e := newTestEditor(t, env)
	// enter goes to the next empty header field: after the two people, the period (the date
	// is today's, the subject the teacher's); shift+tab goes back to the date.
	drive(t, e, "zhangsan", "<enter>", "lisi", "<enter>")
	if e.focus != stopPeriod || e.subject.Value() != "语文" {
		t.Fatalf("after the people: focus %d, subject %q; want the period and 语文", e.focus, e.subject.Value())
	}
	drive(t, e, "x")
	if e.period.Value() != "" || e.message != "节次应是 0 到 12 的数字" {
		t.Errorf("a letter in the period: %q, message %q", e.period.Value(), e.message)
	}
	drive(t, e, "<shift+tab>", "9-15", "<enter>", "2", "<enter>", "三(2)班", "<enter>", "春",
		"<enter>", "<down>", "<enter>", "<down>", "<down>", "<enter>")
	if e.focus != stopProcess {
		t.Fatalf("enter after the header: focus %d, want the record of the lesson", e.focus)
	}
	drive(t, e, "导入：图片", "<tab>", "朗读到位",
		"<tab>", "9", "<space>", "13", "<space>", "12", "<space>", "18", "<space>", "13", "<space>", "14", "<space>", "9",
		"<tab>", "朗读指导", "<tab>", "板书乱", "<tab>", "设计板书", "<tab>", "板书设计", "<tab>", "10-10", "<ctrl+s>")
	if !e.Done || e.Saved == nil {
		t.Fatalf("not saved: message %q\n%s", e.message, plain(e.View()))
	}
	got, err := env.db.Observation(context.Background(), e.Saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.On != store.MustDate("2026-09-15") || got.Week != 3 || got.Period != 2 || got.ClassName != "三(2)班" ||
		got.Topic != "春" || got.LessonType != "新授" || got.Kind != "公开课" || got.Total != 88 || got.Grade != "良" ||
		got.Texts.Process != "导入：图片" || got.Texts.Comments != "朗读到位" || got.FollowUp.Due != store.MustDate("2026-10-10") {
		t.Errorf("saved %+v", got)
	}
	if ds, _ := env.db.Drafts(context.Background()); len(ds) != 0 {
		t.Errorf("a saved form left %d drafts", len(ds))
	}

	// A partly scored rubric is refused, naming the first dimension without a score.
	e = newTestEditor(t, env)
	drive(t, e, "zhangsan", "<enter>", "lisi", "<enter>")
	e.setFocus(stopScores)
	e.grid.First()
	drive(t, e, "9", "<ctrl+s>")
	if e.Done || !strings.Contains(e.message, "“教学内容”还没有评分") || e.focus != stopScores || e.grid.cur != 1 {
		t.Errorf("partly scored: done %v, message %q, focus %d cell %d", e.Done, e.message, e.focus, e.grid.cur)
	}
	// A date outside the term comes back from the store as one sentence naming the field.
	drive(t, e, "<shift+tab>", "<bs>")
	e.setFocus(stopDate)
	drive(t, e, "<bs>", "<bs>", "<bs>", "<bs>", "<bs>", "<bs>", "<bs>", "<bs>", "<bs>", "<bs>", "2027-03-01", "<ctrl+s>")
	if e.Done || !strings.Contains(e.message, "“日期”不是有效日期，或不在本学期内") {
		t.Errorf("outside the term: done %v, message %q", e.Done, e.message)
	}
}

func TestFollowUpShownAndClosedOnNextObservation(t *testing.T) {
	ctx := context.Background()
	env := obsTestEnv(t)
	zhang, li := env.byName(t, "张三"), env.byName(t, "李四")
	_, err := env.db.CreateObservation(ctx, store.Observation{TermID: env.term.ID, SchoolID: zhang.SchoolID, TeacherID: zhang.ID,
		ObserverID: li.ID, On: store.MustDate("2026-09-08"), FollowUp: store.FollowUp{Action: "板书设计", Due: store.MustDate("2026-09-30")}})
	if err != nil {
		t.Fatal(err)
	}
	e := newObsEditor(env, store.Observation{TeacherID: zhang.ID, ObserverID: li.ID})
	e.SetSize(80, 20)
	runEditor(e, e.Init())
	if !strings.Contains(plain(e.View()), "待跟进 板书设计（9月30日前，9月8日听课）") {
		t.Fatalf("open follow-up not shown:\n%s", plain(e.View()))
	}
	e.setFocus(stopOpenFollowUps)
	drive(t, e, "c", "已改进", "<enter>", "<ctrl+s>")
	if !e.Done {
		t.Fatalf("not saved: %q", e.message)
	}
	if open, _ := env.db.OpenFollowUps(ctx, zhang.ID); len(open) != 0 {
		t.Errorf("still open: %+v", open)
	}
}

// The summary fields are small panes: a long 亮点 wraps by display width within the screen,
// enter starts a new line (as in the big panes), tab moves on, and all of it is saved and
// kept in a draft.
func TestSummaryFieldsWrap(t *testing.T) {
	env := obsTestEnv(t)
	e := newTestEditor(t, env)
	long := "学生朗读充分，教师范读有感情，板书设计清晰；小组合作时每个学生都有发言机会，课堂气氛活跃。"
	drive(t, e, "zhangsan", "<enter>", "lisi", "<enter>")
	e.setFocus(stopHighlights)
	// In the summary fields enter moves on, as tab does; shift+enter starts a new line.
	drive(t, e, long, "<shift+enter>", "第二行", "<enter>", "板书乱", "<tab>", "设计板书", "<enter>")
	if e.focus != stopFollowUp {
		t.Fatalf("after enter, tab and enter from 亮点: focus %d, want the follow-up", e.focus)
	}
	want := long + "\n第二行"
	if got := e.highlights.Value(); got != want {
		t.Errorf("亮点 = %q, want %q", got, want)
	}
	view := plain(e.View())
	if n := strings.Count(view, "\n") + 1; n > 20 {
		t.Errorf("the editor draws %d lines in 80×20:\n%s", n, view)
	}
	lines := strings.Split(view, "\n")
	shown := ""
	for i, l := range lines {
		if w := lipgloss.Width(l); w > 80 {
			t.Errorf("a line %d cells wide: %q", w, l)
		}
		if strings.HasPrefix(l, "亮点") && i+1 < len(lines) {
			shown = strings.TrimSpace(strings.TrimPrefix(l, "亮点")) + strings.TrimSpace(lines[i+1])
		}
	}
	// Two lines of 亮点 show, the text wrapped at the screen's edge and lined up under itself.
	if len([]rune(shown)) < 40 || !strings.Contains(long+"第二行", shown) {
		t.Errorf("亮点 shows %q:\n%s", shown, view)
	}

	d := store.Draft{Key: e.drafts.key, Form: draftObservation, Payload: e.payload()}
	back, err := newObsEditorFromDraft(env, d)
	if err != nil {
		t.Fatal(err)
	}
	if back.highlights.Value() != want || back.problems.Value() != "板书乱" || back.suggestions.Value() != "设计板书" {
		t.Errorf("from the draft: %q / %q / %q", back.highlights.Value(), back.problems.Value(), back.suggestions.Value())
	}

	e.setFocus(stopScores)
	e.grid.First()
	drive(t, e, "9", "<space>", "13", "<space>", "12", "<space>", "18", "<space>", "13", "<space>", "14", "<space>", "9")
	e.setFocus(stopSuggestions)
	drive(t, e, "<enter>", "<ctrl+s>") // a last enter is no part of what is saved
	if !e.Done || e.Saved == nil {
		t.Fatalf("not saved: %q", e.message)
	}
	got, err := env.db.Observation(context.Background(), e.Saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Texts.Highlights != want || got.Texts.Problems != "板书乱" || got.Texts.Suggestions != "设计板书" {
		t.Errorf("saved %q / %q / %q", got.Texts.Highlights, got.Texts.Problems, got.Texts.Suggestions)
	}
}

// The summary fields grow on a taller screen, and a screen too short for everything keeps
// the focused field in sight.
func TestSummaryHeights(t *testing.T) {
	e := newTestEditor(t, obsTestEnv(t))
	for _, c := range []struct{ h, want int }{{20, 2}, {38, 4}, {12, 1}} {
		e.SetSize(80, c.h)
		if e.summaryH != c.want {
			t.Errorf("at 80×%d each summary field shows %d lines, want %d", c.h, e.summaryH, c.want)
		}
	}
	// The open follow-ups listed take their lines from the summary before the panes.
	e.openFU = make([]store.FollowUp, 3)
	e.SetSize(80, 20)
	e.setFocus(stopOpenFollowUps)
	if n := strings.Count(plain(e.View()), "\n") + 1; n > 20 || e.process.ta.Height() < minPane {
		t.Errorf("80×20 with the open follow-ups listed: %d lines, panes %d high:\n%s", n, e.process.ta.Height(), plain(e.View()))
	}
	e.openFU = nil
	e.SetSize(80, 12)
	e.setFocus(stopSuggestions)
	view := plain(e.View())
	if n := strings.Count(view, "\n") + 1; n > 12 || !strings.Contains(view, "改进建议") {
		t.Errorf("80×12 with 改进建议 focused (%d lines):\n%s", n, view)
	}
}
