package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"termbook/store"
	"termbook/store/storetest"
	"termbook/ui/i18n"
)

// today is the fixed day of every test: a Wednesday in week 6 of the fixture's term.
var today = store.Date{Year: 2026, Month: time.October, Day: 14}

func fixedClock() time.Time { return time.Date(2026, 10, 14, 9, 30, 0, 0, time.Local) }

// openStore opens a fresh database in the test's folder with the fixed clock.
func openStore(t *testing.T) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	s := storetest.Create(t, path)
	s.Now = fixedClock
	t.Cleanup(func() { s.Close() })
	return s, path
}

// testStyles draws in Unicode or ASCII glyphs, ambiguous characters one cell wide.
func testStyles(ascii bool) *styles { return newStyles(display{ascii: ascii, noColor: true}, true) }

// shown is what the terminal shows of m's frame, without styles. The frame must carry no
// caret mark: the root turns it into the terminal's cursor.
func shown(t *testing.T, m *Model) string {
	t.Helper()
	v := m.View()
	if strings.Contains(v.Content, caretMark) {
		t.Errorf("the frame still carries the caret mark: %q", v.Content)
	}
	return ansi.Strip(v.Content)
}

// newTest makes a model on s, loads it and sizes the window. Drafts are written as soon as
// typing changes a form, so that a test need not wait for them.
func newTest(t *testing.T, s *store.Store, lang i18n.Lang, ascii bool, w, h int) *Model {
	t.Helper()
	m := newModel(context.Background(), s, Options{Lang: lang, Today: today}, testStyles(ascii))
	m.sh.draftDelay = 0
	run(t, m, m.Init())
	run(t, m, func() tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} })
	return m
}

// run feeds the message a command returns (a batch's one by one) to the model, and so on
// with the commands it returns, as the program would, synchronously, until none is left.
// Every message is delivered, timers' too: a timer's command waits out its delay, so tests
// set the draft delay to zero (newTest) or turn drafts off.
func run(tb testing.TB, m *Model, cmd tea.Cmd) {
	tb.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			tb.Fatal("commands do not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, tea.QuitMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// press sends keys: single characters, names like "enter", "esc", "ctrl+s", "space",
// "left", or "text:中文" for whole runes.
func press(t *testing.T, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		run(t, m, cmd)
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	if text, ok := strings.CutPrefix(k, "text:"); ok {
		code, _ := utf8.DecodeRuneInString(text)
		if utf8.RuneCountInString(text) > 1 {
			code = tea.KeyExtended
		}
		return tea.KeyPressMsg{Code: code, Text: text}
	}
	named := map[string]tea.KeyPressMsg{
		"enter":       {Code: tea.KeyEnter},
		"shift+enter": {Code: tea.KeyEnter, Mod: tea.ModShift},
		"alt+enter":   {Code: tea.KeyEnter, Mod: tea.ModAlt},
		"esc":         {Code: tea.KeyEscape},
		"tab":         {Code: tea.KeyTab},
		"shift+tab":   {Code: tea.KeyTab, Mod: tea.ModShift},
		"space":       {Code: tea.KeySpace, Text: " "},
		"up":          {Code: tea.KeyUp},
		"down":        {Code: tea.KeyDown},
		"left":        {Code: tea.KeyLeft},
		"right":       {Code: tea.KeyRight},
		"home":        {Code: tea.KeyHome},
		"end":         {Code: tea.KeyEnd},
		"backspace":   {Code: tea.KeyBackspace},
		"delete":      {Code: tea.KeyDelete},
		"pgdown":      {Code: tea.KeyPgDown},
		"pgup":        {Code: tea.KeyPgUp},
	}
	if m, ok := named[k]; ok {
		return m
	}
	if c, ok := strings.CutPrefix(k, "ctrl+"); ok {
		r, _ := utf8.DecodeRuneInString(c)
		return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl}
	}
	r, _ := utf8.DecodeRuneInString(k)
	return tea.KeyPressMsg{Code: r, Text: k}
}

// paste sends text as the terminal sends a paste (bracketed paste).
func paste(t *testing.T, m *Model, text string) {
	t.Helper()
	_, cmd := m.Update(tea.PasteMsg{Content: text})
	run(t, m, cmd)
}

// termAndSchools writes a 20-week term from week1 and two paired schools, 五小 and 侯庄.
func termAndSchools(t *testing.T, s *store.Store, week1 string) (term store.Term, five, hou store.School) {
	t.Helper()
	ctx := context.Background()
	var err error
	for _, write := range []func() error{
		func() error {
			term, err = s.CreateTerm(ctx, store.Term{Name: "2026—2027学年第一学期", Week1: storetest.Date(week1), Weeks: 20})
			return err
		},
		func() error {
			five, err = s.CreateSchool(ctx, store.School{Name: "定边第五小学", ShortName: "五小", District: "定边县"})
			return err
		},
		func() error {
			hou, err = s.CreateSchool(ctx, store.School{Name: "侯庄小学", ShortName: "侯庄", District: "定边县"})
			return err
		},
	} {
		if err := write(); err != nil {
			t.Fatal(err)
		}
	}
	return term, five, hou
}

// only is the one element of list that match accepts, named what in the failure.
func only[T any](t *testing.T, list []T, what string, match func(T) bool) T {
	t.Helper()
	for _, x := range list {
		if match(x) {
			return x
		}
	}
	t.Fatalf("no %s", what)
	var zero T
	return zero
}

// fixture writes a term with activities of every kind, status and width of text.
func fixture(t *testing.T, s *store.Store) store.Term {
	t.Helper()
	ctx := context.Background()
	term, five, hou := termAndSchools(t, s, "2026-09-07")
	teacher := func(school, name, subject, title string) store.Teacher {
		tc, err := s.CreateTeacher(ctx, store.Teacher{SchoolID: school, Name: name, Subjects: []string{subject}, Honour: title})
		noErr(t, err)
		return tc
	}
	wang := teacher(five.ID, "王晓梅", "语文", "骨干教师")
	li := teacher(five.ID, "李建国", "数学", "学科带头人")
	zhang := teacher(hou.ID, "张伟", "语文", "新任教师")
	teacher(hou.ID, "张薇", "音乐", "")
	types, err := s.ActivityTypes(ctx)
	noErr(t, err)
	ty := map[string]string{}
	for _, x := range types {
		ty[x.Code] = x.ID
	}
	add := func(a store.Activity) store.Activity {
		a.TermID = term.ID
		b, err := s.CreateActivity(ctx, a)
		noErr(t, err)
		return b
	}
	weekly, err := s.CreateWeekly(ctx, store.Activity{TermID: term.ID, TypeID: ty[store.TypeResearchMeeting], Title: "语文组教研活动",
		Subject: "语文", HostID: wang.ID, Place: "三楼会议室", Time: "14:30", Sched: store.OnDate(storetest.Date("2026-09-09"))}, 1, 8)
	noErr(t, err)
	for _, a := range weekly[:4] {
		_, err := s.MarkDone(ctx, a.ID, a.Sched.Date, "按时完成")
		noErr(t, err)
	}
	spring := add(store.Activity{TypeID: ty[store.TypeOpenLesson], Title: "《春》", Subject: "语文", HostID: wang.ID, Place: "多媒体教室", Sched: store.InWeek(3)})
	_, err = s.MarkDone(ctx, spring.ID, storetest.Date("2026-09-24"), "效果很好")
	noErr(t, err)
	add(store.Activity{TypeID: ty[store.TypeOpenLesson], Title: "分数的初步认识", Subject: "数学", HostID: li.ID, Place: "Room 204", Time: "10:00", Sched: store.OnDate(storetest.Date("2026-09-23"))})
	report := add(store.Activity{TypeID: ty[store.TypeReportLesson], Title: "新教师汇报课", Subject: "语文", HostID: zhang.ID, Place: "侯庄小学", Sched: store.InWeek(4)})
	_, err = s.Postpone(ctx, report.ID, store.InWeek(7), "与期中考试冲突")
	noErr(t, err)
	add(store.Activity{TypeID: ty[store.TypeJointMeeting], Title: "结对工作联席会议", Place: "侯庄小学", Sched: store.InMonth(store.Month{Year: 2026, Month: time.October}), SchoolIDs: []string{five.ID, hou.ID}})
	add(store.Activity{TypeID: ty[store.TypeOutreach], Title: "送教下乡", Sched: store.InMonth(store.Month{Year: 2026, Month: time.November}), SchoolIDs: []string{five.ID, hou.ID}})
	add(store.Activity{TypeID: ty[store.TypeLecture], Title: "关于提高课堂教学有效性的专题研讨与经验交流会（第一次）", HostID: li.ID, Place: "五小报告厅", Time: "15:00", Sched: store.OnDate(storetest.Date("2026-10-15"))})
	talk := add(store.Activity{TypeID: ty[store.TypeTalkContest], Title: "说课比赛", Sched: store.InWeek(11)})
	_, err = s.Cancel(ctx, talk.ID, "改到下学期")
	noErr(t, err)
	add(store.Activity{TypeID: ty[store.TypeQualifying], Title: "Qualifying lesson: reading", Subject: "English", Sched: store.InWeek(16)})
	return term
}

func windowSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// plain is a component's drawing as the terminal shows it: without styles or the caret
// mark.
func plain(view string) string { return ansi.Strip(strings.ReplaceAll(view, caretMark, "")) }
