package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
)

func driveForm(f interface{ Update(tea.Msg) tea.Cmd }, script ...string) {
	for _, k := range keys(script...) {
		pump(f.Update, f.Update(k))
	}
}

func TestPairAndGuidanceForms(t *testing.T) {
	ctx := context.Background()
	env := obsTestEnv(t)
	f := newPairForm(env, nil)
	f.SetSize(80, 20)
	pump(f.Update, f.Init())
	driveForm(f, "<ctrl+s>")
	if f.Done || !strings.Contains(plain(f.View()), "请填写师傅") {
		t.Fatalf("a pair without a mentor: done %v\n%s", f.Done, plain(f.View()))
	}
	driveForm(f, "zhangsan", "<enter>", "zhangsan", "<enter>", "<ctrl+s>")
	if f.Done || !strings.Contains(plain(f.View()), "“徒弟”不能与另一方相同") {
		t.Fatalf("a teacher paired with themself: done %v\n%s", f.Done, plain(f.View()))
	}
	driveForm(f, "<shift+tab>", "ww", "<enter>", "<tab>", "站稳讲台", "<ctrl+s>")
	if !f.Done || f.Saved == nil {
		t.Fatalf("pair not saved:\n%s", plain(f.View()))
	}
	p := f.Saved.(store.MentorPair)
	if p.Subject != "语文" || p.Goals != "站稳讲台" || env.teacher(p.MenteeID).Name != "王五" {
		t.Errorf("pair = %+v", p)
	}

	g := newGuidanceForm(env, p, nil, nil)
	g.SetSize(80, 20)
	pump(g.Update, g.Init())
	driveForm(g, "<ctrl+s>")
	if g.Done || !strings.Contains(plain(g.View()), "请填写指导内容") {
		t.Fatalf("guidance without content: done %v\n%s", g.Done, plain(g.View()))
	}
	driveForm(g, "帮助分析教材", "<enter>", "确定重难点", "<tab>", "明白了要先读懂学生", "<shift+tab>", "<shift+tab>", "<shift+tab>", "评", "<ctrl+s>")
	if !g.Done {
		t.Fatalf("guidance not saved:\n%s", plain(g.View()))
	}
	log, err := env.db.GuidanceLog(ctx, p.ID)
	if err != nil || len(log) != 1 {
		t.Fatalf("log = %+v, %v", log, err)
	}
	if e := log[0]; e.Form != store.FormReview || e.Content != "帮助分析教材\n确定重难点" || e.Reflection != "明白了要先读懂学生" || e.On != env.today {
		t.Errorf("guidance = %+v", e)
	}

	// The mentoring screen lists the pair and its log.
	m := newMentScreen(env)
	m.SetSize(80, 20)
	pump(m.Update, m.Init())
	if v := plain(m.View()); !strings.Contains(v, "张三→王五") || !strings.Contains(v, "帮助分析教材 确定重难点") {
		t.Errorf("mentoring screen:\n%s", v)
	}
}

func TestRubricEditorChangesNewObservationsOnly(t *testing.T) {
	ctx := context.Background()
	env := obsTestEnv(t)
	zhang, li := env.byName(t, "张三"), env.byName(t, "李四")
	old, err := env.db.CreateObservation(ctx, store.Observation{TermID: env.term.ID, SchoolID: zhang.SchoolID, TeacherID: zhang.ID,
		ObserverID: li.ID, On: store.MustDate("2026-09-08"), Rubric: env.rubric.Spec, Scores: []float64{8, 12, 12, 16, 12, 12, 8}})
	if err != nil {
		t.Fatal(err)
	}
	s := newObsScreen(env)
	s.SetSize(80, 20)
	pump(s.Update, s.Init())
	pump(s.Update, s.Update(keys("r")[0]))
	if s.rubric == nil {
		t.Fatal("r did not open the rubric editor")
	}
	// 教学目标 → 目标达成, out of 20; the 良 band down to 75.
	for _, k := range keys("<bs>", "<bs>", "<bs>", "<bs>", "目标达成", "<tab>", "20") {
		pump(s.Update, s.Update(k))
	}
	for range 2*(7+1) + 1 - 1 { // from 教学目标's points to 良's threshold
		pump(s.Update, s.Update(keys("<tab>")[0]))
	}
	for _, k := range keys("75", "<ctrl+s>") {
		pump(s.Update, s.Update(k))
	}
	if s.rubric != nil {
		t.Fatalf("rubric not saved:\n%s", plain(s.View()))
	}
	r, err := env.db.DefaultRubric(ctx)
	if err != nil || r.Spec.Dimensions[0] != (store.Dimension{Name: "目标达成", NameEn: "", Max: 20}) || r.Spec.Bands[1].Min != 75 {
		t.Fatalf("rubric = %+v, %v", r.Spec, err)
	}
	got, _ := env.db.Observation(ctx, old.ID)
	if got.Rubric.Dimensions[0].Name != "教学目标" || got.Grade != "良" {
		t.Errorf("the old observation changed: %+v %q", got.Rubric.Dimensions[0], got.Grade)
	}
	pump(s.Update, s.Update(keys("n")[0]))
	if s.editor == nil || s.editor.grid.spec.Dimensions[0].Name != "目标达成" {
		t.Errorf("a new observation is not scored on the edited rubric")
	}
	// A score over the new maximum is refused by it.
	s.editor.setFocus(stopScores)
	s.editor.grid.First()
	for _, k := range keys("21") {
		pump(s.Update, s.Update(k))
	}
	if !strings.Contains(s.editor.message, "“目标达成”满分 20 分，不能打 21 分") {
		t.Errorf("message = %q", s.editor.message)
	}
}

// TestMentoringCountersThroughTheTerm shows one pair's counters on the first day of the
// term, a week in, in the middle and at the end, with nothing done but three lesson plans.
func TestMentoringCountersThroughTheTerm(t *testing.T) {
	ctx := context.Background()
	env := obsTestEnv(t)
	zhang, wang := env.byName(t, "张三"), env.byName(t, "王五")
	p, err := env.db.CreateMentorPair(ctx, store.MentorPair{TermID: env.term.ID, MentorID: zhang.ID, MenteeID: wang.ID, Subject: "语文"})
	if err != nil {
		t.Fatal(err)
	}
	for _, on := range []string{"2026-08-31", "2026-08-31", "2026-08-31"} {
		if _, err := env.db.CreateHandin(ctx, store.Handin{TermID: env.term.ID, TeacherID: wang.ID, Kind: store.HandinLessonPlan, On: store.MustDate(on)}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		today string
		want  []string // on the pair's line
		not   []string
	}{
		{"2026-08-31", []string{"张三→王五", "教案 3/3", "正常"}, []string{"!", "落后", "逾期"}},          // nothing is due yet
		{"2026-09-08", []string{"听课 0/10!", "听师 0/8!", "教案 3/3", "落后"}, []string{"!!", "逾期"}}, // due, not yet late
		{"2026-11-02", []string{"听课 0/10!!", "指导 0/5!!", "教案 3/3", "逾期"}, []string{"正常"}},     // weeks and months ran out
		{"2027-01-17", []string{"听课 0/10!!", "听师 0/8!", "上课 0/8!", "逾期"}, []string{"正常"}},     // the last day
	}
	for _, tt := range tests {
		env.today = store.MustDate(tt.today)
		m := newMentScreen(env)
		m.SetSize(100, 20)
		pump(m.Update, m.Init())
		if len(m.rows) != 1 || m.rows[0].pair.ID != p.ID {
			t.Fatalf("%s: rows = %+v", tt.today, m.rows)
		}
		line := strings.Split(plain(m.View()), "\n")[1]
		for _, w := range tt.want {
			if !strings.Contains(line, w) {
				t.Errorf("%s: %q not in %q", tt.today, w, line)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(line, w) {
				t.Errorf("%s: %q in %q", tt.today, w, line)
			}
		}
	}
}

func TestObservationListFilter(t *testing.T) {
	ctx := context.Background()
	env := obsTestEnv(t)
	zhang, li, wang := env.byName(t, "张三"), env.byName(t, "李四"), env.byName(t, "王五")
	if _, err := env.db.CreateMentorPair(ctx, store.MentorPair{TermID: env.term.ID, MentorID: zhang.ID, MenteeID: wang.ID}); err != nil {
		t.Fatal(err)
	}
	add := func(teacher, observer store.Teacher, on, kind, subject string) {
		if _, err := env.db.CreateObservation(ctx, store.Observation{TermID: env.term.ID, SchoolID: teacher.SchoolID,
			TeacherID: teacher.ID, ObserverID: observer.ID, On: store.MustDate(on), Kind: kind, Subject: subject, Topic: on}); err != nil {
			t.Fatal(err)
		}
	}
	add(zhang, li, "2026-09-14", "公开课", "语文")
	add(zhang, wang, "2026-09-02", "常态课", "语文")
	add(li, zhang, "2026-09-15", "公开课", "数学")
	add(wang, zhang, "2026-09-16", "汇报课", "语文")
	s := newObsScreen(env)
	s.SetSize(100, 20)
	pump(s.Update, s.Init())
	tests := []struct {
		words string
		want  []string // topics (the dates), newest first
		chips string
	}{
		{"", []string{"2026-09-16", "2026-09-15", "2026-09-14", "2026-09-02"}, ""},
		{"zhangsan w3", []string{"2026-09-14"}, "执教 张三 · 第3周"},
		{"公开课", []string{"2026-09-15", "2026-09-14"}, "公开课"},
		{"听:zhangsan", []string{"2026-09-16", "2026-09-15"}, "听课 张三"},
		{"徒:ww", []string{"2026-09-16", "2026-09-02"}, "师徒 王五"},
		{"侯庄", []string{"2026-09-16"}, "侯庄"},
		{"数学", []string{"2026-09-15"}, "数学"},
	}
	for _, tt := range tests {
		s.input.SetValue(tt.words)
		pump(s.Update, s.applyFilter(tt.words))
		var got []string
		for _, o := range s.list {
			got = append(got, o.Topic)
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%q: %v, want %v", tt.words, got, tt.want)
		}
		if strings.Join(s.chips, " · ") != tt.chips {
			t.Errorf("%q: chips %q, want %q", tt.words, strings.Join(s.chips, " · "), tt.chips)
		}
	}
	// zs names 张三 and 张珊: the filter asks rather than guesses.
	pump(s.Update, s.applyFilter("zs"))
	if text, isErr := s.takeMessage(); !isErr || !strings.Contains(text, "对应多位教师") {
		t.Errorf("ambiguous filter: %q, %v", text, isErr)
	}
}
