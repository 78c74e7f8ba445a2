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

// mentoringOf is the 师徒 screen.
func mentoringOf(m *Model) *mentoring { return m.screens[tabMentoring].(*mentoring) }

func TestPairAndGuidanceForms(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m, st := obsTest(t, i18n.Zh)
	s := mentoringOf(m)
	press(t, m, "3", "a")
	if s.form == nil {
		t.Fatal("a did not open the pair form")
	}
	drive(t, m, "<ctrl+s>")
	if s.form == nil || !strings.Contains(shown(t, m), "请填写师傅") {
		t.Fatalf("a pair without a mentor:\n%s", shown(t, m))
	}
	drive(t, m, "zhangsan", "<enter>", "zhangsan", "<enter>", "<ctrl+s>")
	if s.form == nil || !strings.Contains(shown(t, m), "“徒弟”不能与另一方相同") {
		t.Fatalf("a teacher paired with themself:\n%s", shown(t, m))
	}
	// The store's refusal focuses the mentee.
	drive(t, m, "ww", "<enter>", "<tab>", "站稳讲台", "<ctrl+s>")
	if s.form != nil {
		t.Fatalf("pair not saved:\n%s", shown(t, m))
	}
	pairs, err := st.MentorPairs(ctx, m.sh.data.term.ID)
	if err != nil || len(pairs) != 1 {
		t.Fatalf("pairs = %+v, %v", pairs, err)
	}
	p := pairs[0]
	if p.Subject != "语文" || p.Goals != "站稳讲台" || m.sh.teacher(p.MenteeID).Name != "王五" {
		t.Errorf("pair = %+v", p)
	}

	press(t, m, "n")
	if s.form == nil {
		t.Fatal("n did not open the guidance form")
	}
	drive(t, m, "<ctrl+s>")
	if s.form == nil || !strings.Contains(shown(t, m), "请填写指导内容") {
		t.Fatalf("guidance without content:\n%s", shown(t, m))
	}
	drive(t, m, "帮助分析教材", "<enter>", "确定重难点", "<tab>", "明白了要先读懂学生",
		"<shift+tab>", "<shift+tab>", "<shift+tab>", "评", "<ctrl+s>")
	if s.form != nil {
		t.Fatalf("guidance not saved:\n%s", shown(t, m))
	}
	log, err := st.GuidanceLog(ctx, p.ID)
	if err != nil || len(log) != 1 {
		t.Fatalf("log = %+v, %v", log, err)
	}
	if e := log[0]; e.Form != store.FormReview || e.Content != "帮助分析教材\n确定重难点" || e.Reflection != "明白了要先读懂学生" || e.On != m.sh.today {
		t.Errorf("guidance = %+v", e)
	}
	// The mentoring screen lists the pair and its log.
	if v := shown(t, m); !strings.Contains(v, "张三→王五") || !strings.Contains(v, "帮助分析教材 确定重难点") {
		t.Errorf("mentoring screen:\n%s", v)
	}
}

func TestRubricEditorChangesNewObservationsOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m, st := obsTest(t, i18n.Zh)
	zhang, li := byName(t, m, "张三"), byName(t, m, "李四")
	rubric, err := st.DefaultRubric(ctx)
	if err != nil {
		t.Fatal(err)
	}
	old, err := st.CreateObservation(ctx, store.Observation{TermID: m.sh.data.term.ID, SchoolID: zhang.SchoolID, TeacherID: zhang.ID,
		ObserverID: li.ID, On: storetest.Date("2026-09-08"), Rubric: rubric.Spec, Scores: []float64{8, 12, 12, 16, 12, 12, 8}})
	if err != nil {
		t.Fatal(err)
	}
	s := m.screens[tabObservations].(*observations)
	press(t, m, "2", "r", "enter")
	if s.shownForm() == nil {
		t.Fatalf("r and enter did not open the rubric form:\n%s", shown(t, m))
	}
	// 教学目标 → 目标达成, out of 20, so the rubric is out of 110; the 良 band down to 75.
	drive(t, m, "<tab>", "<tab>", "<tab>", "110", "<tab>")
	drive(t, m, "<bs>", "<bs>", "<bs>", "<bs>", "目标达成", "<tab>", "20")
	for range 1 + 3*6 + 2 + 2 { // from 教学目标's points to 良's threshold
		drive(t, m, "<tab>")
	}
	drive(t, m, "75", "<ctrl+s>")
	if s.shownForm() != nil {
		t.Fatalf("rubric not saved:\n%s", shown(t, m))
	}
	r, err := st.DefaultRubric(ctx)
	if err != nil || r.Spec.Dimensions[0] != (store.Dimension{Name: "目标达成", NameEn: "", Max: 20}) || r.Spec.Bands[1].Min != 75 {
		t.Fatalf("rubric = %+v, %v", r.Spec, err)
	}
	got, _ := st.Observation(ctx, old.ID)
	if got.Rubric.Dimensions[0].Name != "教学目标" || got.Grade != "良" {
		t.Errorf("the old observation changed: %+v %q", got.Rubric.Dimensions[0], got.Grade)
	}
	press(t, m, "esc", "n") // back to the list of observations, and a new one
	if s.editor == nil || s.editor.grid.spec.Dimensions[0].Name != "目标达成" {
		t.Fatal("a new observation is not scored on the edited rubric")
	}
	// A score over the new maximum is refused by it.
	scoring(s.editor)
	drive(t, m, "21")
	if !strings.Contains(s.editor.problem, "“目标达成”满分 20 分，不能打 21 分") {
		t.Errorf("message = %q", s.editor.problem)
	}
}

// TestMentoringCountersThroughTheTerm shows one pair's counters on the first day of the
// term, a week in, in the middle and at the end, with nothing done but three lesson plans.
func TestMentoringCountersThroughTheTerm(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m, st := obsTest(t, i18n.Zh)
	zhang, wang := byName(t, m, "张三"), byName(t, m, "王五")
	term := m.sh.data.term
	p, err := st.CreateMentorPair(ctx, store.MentorPair{TermID: term.ID, MentorID: zhang.ID, MenteeID: wang.ID, Subject: "语文"})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := st.CreateHandin(ctx, store.Handin{TermID: term.ID, TeacherID: wang.ID, KindID: store.BuiltinHandinKindID(store.KindLessonPlan), On: storetest.Date("2026-08-31")}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		today string
		want  []string // on the pair's line
		not   []string
	}{
		{"2026-08-31", []string{"张三→王五", "教案 3/3", "进度正常"}, []string{"!", "落后", "未达标"}},          // nothing is due yet
		{"2026-09-08", []string{"听课 0/10!", "听师 0/8!", "教案 3/3", "进度落后"}, []string{"!!", "未达标"}}, // due, not yet late
		{"2026-11-02", []string{"听课 0/10!!", "指导 0/5!!", "教案 3/3", "未达标"}, []string{"正常"}},       // weeks and months ran out
		{"2027-01-17", []string{"听课 0/10!!", "听师 0/8!", "上课 0/8!", "未达标"}, []string{"正常"}},       // the last day
	}
	for _, tt := range tests {
		st.Now = func() time.Time { return storetest.Date(tt.today).Time() }
		m := newModel(ctx, st, Options{Lang: i18n.Zh, Today: storetest.Date(tt.today)}, testStyles(false))
		run(t, m, m.Init())
		run(t, m, func() tea.Msg { return windowSize(100, 24) })
		press(t, m, "3")
		s := mentoringOf(m)
		if len(s.rows) != 1 || s.rows[0].pair.ID != p.ID {
			t.Fatalf("%s: rows = %+v", tt.today, s.rows)
		}
		line := strings.Split(shown(t, m), "\n")[2]
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
	t.Parallel()
	ctx := context.Background()
	m, st := obsTest(t, i18n.Zh)
	zhang, li, wang := byName(t, m, "张三"), byName(t, m, "李四"), byName(t, m, "王五")
	term := m.sh.data.term
	if _, err := st.CreateMentorPair(ctx, store.MentorPair{TermID: term.ID, MentorID: zhang.ID, MenteeID: wang.ID}); err != nil {
		t.Fatal(err)
	}
	add := func(teacher, observer store.Teacher, on, kind, subject string) {
		if _, err := st.CreateObservation(ctx, store.Observation{TermID: term.ID, SchoolID: teacher.SchoolID,
			TeacherID: teacher.ID, ObserverID: observer.ID, On: storetest.Date(on), Kind: kind, Subject: subject, Topic: on}); err != nil {
			t.Fatal(err)
		}
	}
	add(zhang, li, "2026-09-14", "公开课", "语文")
	add(zhang, wang, "2026-09-02", "常态课", "语文")
	add(li, zhang, "2026-09-15", "公开课", "数学")
	add(wang, zhang, "2026-09-16", "汇报课", "语文")
	s := m.screens[tabObservations].(*observations)
	press(t, m, "2")
	tests := []struct {
		words string
		want  []string // topics (the dates), newest first
		chips string
	}{
		{"zhangsan w3", []string{"2026-09-14"}, "执教 张三 · 第3周"},
		{"公开课", []string{"2026-09-15", "2026-09-14"}, "公开课"},
		{"听:zhangsan", []string{"2026-09-16", "2026-09-15"}, "听课 张三"},
		{"徒:ww", []string{"2026-09-16", "2026-09-02"}, "师徒 王五"},
		{"侯庄", []string{"2026-09-16"}, "侯庄"},
		{"数学", []string{"2026-09-15"}, "数学"},
		{"第三周 语文", []string{"2026-09-16", "2026-09-14"}, "第3周 · 语文"},
	}
	for _, tt := range tests {
		press(t, m, "esc", "/", "text:"+tt.words, "enter")
		var got []string
		for _, o := range s.list {
			got = append(got, o.Topic)
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%q: %v, want %v", tt.words, got, tt.want)
		}
		if strings.Join(s.filter.chips, " · ") != tt.chips {
			t.Errorf("%q: chips %q, want %q", tt.words, strings.Join(s.filter.chips, " · "), tt.chips)
		}
	}
	press(t, m, "esc")
	if len(s.list) != 4 {
		t.Errorf("esc clears the filter: %d listed, want 4", len(s.list))
	}
	// zs names 张三 and 张珊: the filter asks rather than guesses, and the line is offered
	// again as typed.
	press(t, m, "/", "text:zs", "enter")
	if !m.isErr || !strings.Contains(m.status, "对应多位教师") || m.asking == nil || m.input.Value() != "zs" {
		t.Errorf("ambiguous filter: %q, %v, asking again %v", m.status, m.isErr, m.asking != nil)
	}
}
