package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"termbook/store"
	"termbook/store/exchange"
	"termbook/store/review"
	"termbook/store/storetest"
	"termbook/ui/i18n"
)

// reviewFixture adds to the fixture a mentor pair (王晓梅 → 张伟), three lessons the mentee
// observed (two of them the mentor's), a guidance entry and a lesson plan handed in.
func reviewFixture(t *testing.T, s *store.Store) store.MentorPair {
	t.Helper()
	ctx := context.Background()
	term := fixture(t, s)
	teachers, err := s.Teachers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]store.Teacher{}
	for _, x := range teachers {
		by[x.Name] = x
	}
	wang, zhang, li := by["王晓梅"], by["张伟"], by["李建国"]
	p, err := s.CreateMentorPair(ctx, store.MentorPair{TermID: term.ID, MentorID: wang.ID, MenteeID: zhang.ID, Subject: "语文"})
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range []struct {
		teacher store.Teacher
		day     string
		topic   string
	}{{wang, "2026-09-15", "《春》"}, {wang, "2026-09-29", "《济南的冬天》"}, {li, "2026-10-13", "分数的初步认识"}} {
		_, err := s.CreateObservation(ctx, store.Observation{TermID: term.ID, SchoolID: o.teacher.SchoolID, TeacherID: o.teacher.ID,
			ObserverID: zhang.ID, Subject: "语文", Topic: o.topic, On: storetest.Date(o.day), Period: i + 1, Rubric: store.DefaultRubricSpec()})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.CreateGuidance(ctx, store.Guidance{MentorPairID: p.ID, On: storetest.Date("2026-09-20"), Form: store.FormPrep, Content: "一起备《春》"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateHandin(ctx, store.Handin{TermID: term.ID, TeacherID: zhang.ID, KindID: store.BuiltinHandinKindID(store.KindLessonPlan), Title: "《春》教案", On: storetest.Date("2026-09-21")}); err != nil {
		t.Fatal(err)
	}
	return p
}

func reviewOf(m *Model) *reviewScreen { return m.screens[3].(*reviewScreen) }

// moveTo presses j until the cursor's line is of kind (and, for a target or item, index i).
func moveTo(t *testing.T, m *Model, kind rvRowKind, i int) {
	t.Helper()
	r := reviewOf(m)
	for range 40 {
		o, ok := r.owner(r.sec)
		if ok {
			if k, j := r.line(o, r.sub[r.sec]); k == kind && j == i {
				return
			}
		}
		press(t, m, "j")
	}
	t.Fatalf("no line of kind %d/%d in section %d", kind, i, r.sec)
}

// TestReviewChecklistFromHandins checks that a checklist line is what the hand-ins say, and
// that the key which once set it by hand now says where materials are recorded and writes
// nothing.
func TestReviewChecklistFromHandins(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	p := reviewFixture(t, s)
	ctx := context.Background()
	lecture := store.BuiltinHandinKindID(store.KindLecture)
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	press(t, m, "4")
	o, _ := reviewOf(m).owner(secPairs)
	i := slices.IndexFunc(o.checklist, func(e review.Evidence) bool { return e.Kind.ID == lecture })
	if i < 0 || o.checklist[i].TeacherID != p.MentorID || o.checklist[i].State != store.Missing {
		t.Fatalf("the pair's checklist lacks the mentor's missing lecture materials: %+v", o.checklist)
	}
	moveTo(t, m, rowItem, i)
	press(t, m, "x")
	if !strings.Contains(m.status, "材料台账") {
		t.Errorf("status after x on a checklist line: %q", m.status)
	}
	if hs, _ := s.Handins(ctx, store.HandinFilter{TermID: p.TermID, KindID: lecture}); len(hs) != 0 {
		t.Errorf("x wrote hand-ins: %+v", hs)
	}
	if _, err := s.CreateHandin(ctx, store.Handin{TermID: p.TermID, TeacherID: p.MentorID, KindID: lecture, Title: "朗读指导讲座",
		On: storetest.Date("2026-10-09"), CheckedBy: "黄德明"}); err != nil {
		t.Fatal(err)
	}
	m = newTest(t, s, i18n.Zh, false, 80, 24)
	press(t, m, "4")
	o, _ = reviewOf(m).owner(secPairs)
	if got := o.checklist[i]; got.State != store.Checked || got.HandedIn != 1 {
		t.Errorf("after a checked hand-in the line is %+v", got)
	}
}

func TestReviewGradeUndo(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	p := reviewFixture(t, s)
	ctx := context.Background()
	m := newTest(t, s, i18n.En, false, 80, 24)
	press(t, m, "4")
	moveTo(t, m, rowGrade, 0)
	grade := func() store.TermGradeValue {
		t.Helper()
		gs, err := s.TermGrades(ctx, p.TermID)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range gs {
			if g.OwnerID == p.ID {
				return g.Grade
			}
		}
		return ""
	}
	for i, st := range []struct {
		key  string
		want store.TermGradeValue
	}{{"x", store.Excellent}, {"x", store.Good}, {"u", store.Excellent}, {"u", ""}, {"x", store.Excellent}} {
		press(t, m, st.key)
		if got := grade(); got != st.want {
			t.Fatalf("step %d (%s): grade %q, want %q", i, st.key, got, st.want)
		}
	}
	if !strings.Contains(shown(t, m), "excellent") {
		t.Errorf("the grade is not shown:\n%s", shown(t, m))
	}
}

func TestReviewDrillDown(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	reviewFixture(t, s)
	cases := []struct {
		metric store.Metric
		want   []string
	}{
		{store.MetricMenteeObservations, []string{"《春》", "《济南的冬天》", "分数的初步认识"}},
		{store.MetricObservesMentor, []string{"《春》", "《济南的冬天》"}},
		{store.MetricGuidanceMonthly, []string{"一起备《春》"}},
		{store.MetricLessonPlans, []string{"《春》教案"}},
	}
	for _, tc := range cases {
		t.Run(string(tc.metric), func(t *testing.T) {
			m := newTest(t, s, i18n.Zh, false, 80, 24)
			press(t, m, "4")
			r := reviewOf(m)
			o, _ := r.owner(secPairs)
			i := slices.IndexFunc(o.results, func(x review.Result) bool { return x.Target.Metric == tc.metric })
			moveTo(t, m, rowTarget, i)
			press(t, m, "enter")
			if r.drill == nil {
				t.Fatal("enter opened nothing")
			}
			if len(r.drill.rows) != len(tc.want) {
				t.Fatalf("%d rows, want %d: %q", len(r.drill.rows), len(tc.want), r.drill.rows)
			}
			view := shown(t, m)
			checkFrame(t, view, 80, 24)
			for _, w := range tc.want {
				if !strings.Contains(view, w) {
					t.Errorf("the drill-down lacks %q:\n%s", w, view)
				}
			}
			press(t, m, "esc")
			if r.drill != nil {
				t.Error("esc did not go back")
			}
		})
	}
}

func TestReviewViews(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, lang := range []i18n.Lang{i18n.Zh, i18n.En} {
			for _, ascii := range []bool{false, true} {
				glyphs := "unicode"
				if ascii {
					glyphs = "ascii"
				}
				for _, tc := range []struct {
					name string
					keys []string
				}{
					{"review", []string{"4", "j", "j"}},
					{"review_teachers", []string{"4", "l"}},
					{"review_activities", []string{"4", "h", "j"}},
				} {
					name := fmt.Sprintf("%s_%dx%d_%s_%s.txt", tc.name, size[0], size[1], lang, glyphs)
					t.Run(name, func(t *testing.T) {
						t.Parallel()
						s, _ := openStore(t)
						reviewFixture(t, s)
						m := newTest(t, s, lang, ascii, size[0], size[1])
						press(t, m, tc.keys...)
						view := shown(t, m)
						checkFrame(t, view, size[0], size[1])
						if ascii {
							if i := strings.IndexAny(view, unicodeGlyphs+"▼▏▎▍▌▋▊▉"); i >= 0 {
								t.Errorf("ASCII view draws %q", []rune(view[i:])[0])
							}
						}
						golden(t, name, view)
					})
				}
			}
		}
	}
}

func TestReviewFilterAndSort(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	reviewFixture(t, s)
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	press(t, m, "4", "l") // teachers
	r := reviewOf(m)
	press(t, m, "/", "text:zw")
	if got := len(r.shown[secTeachers]); got != 2 { // 张伟 and 张薇, by initials
		t.Errorf("filter zw: %d teachers, want 2", got)
	}
	press(t, m, "enter")
	press(t, m, "esc")
	if got := len(r.shown[secTeachers]); got != 4 {
		t.Errorf("after esc: %d teachers, want 4", got)
	}
	// Worst first: a teacher without reading notes is behind; by name, 李建国 (li) leads.
	press(t, m, "s")
	first := r.owners[secTeachers][r.shown[secTeachers][0]]
	if first.name != "李建国" {
		t.Errorf("by name the first is %s", first.name)
	}
}

func TestReviewExport(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ ext, magic string }{{".xlsx", "PK"}, {".csv", "\xef\xbb\xbf"}, {"", ""}} {
		t.Run(tc.ext, func(t *testing.T) {
			t.Parallel()
			s, path := openStore(t)
			reviewFixture(t, s)
			m := newTest(t, s, i18n.Zh, false, 80, 24)
			press(t, m, "4", "e")
			def := m.input.Value()
			if want := filepath.Join(filepath.Dir(path), "考核-2026—2027学年第一学期.xlsx"); def != want {
				t.Errorf("default file %q, want %q", def, want)
			}
			out := filepath.Join(t.TempDir(), "考核"+tc.ext)
			m.input.SetValue(out)
			press(t, m, "enter")
			if !strings.Contains(m.status, out) || m.isErr {
				t.Fatalf("status %q", m.status)
			}
			if tc.ext == "" {
				files, err := os.ReadDir(out)
				if err != nil || len(files) < 8 {
					t.Fatalf("folder: %d files, %v", len(files), err)
				}
				return
			}
			data, err := os.ReadFile(out)
			if err != nil || !strings.HasPrefix(string(data), tc.magic) {
				t.Fatalf("%s: %v, starts %q", out, err, data[:min(4, len(data))])
			}
			if tc.ext == ".xlsx" {
				f, err := excelize.OpenFile(out)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				sheets := f.GetSheetList()
				for _, want := range []string{"考核明细", "师徒结对", "考核项", "听课记录", "指导记录"} {
					if !slices.Contains(sheets, want) {
						t.Errorf("sheets %q lack %q", sheets, want)
					}
				}
				if n := len(sheets); n < 10+3 { // review, registers and a form per observation
					t.Errorf("only %d sheets: %q", n, sheets)
				}
			}
		})
	}
}

func TestReviewExportFails(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	reviewFixture(t, s)
	m := newTest(t, s, i18n.En, false, 80, 24)
	press(t, m, "4", "e")
	m.input.SetValue(filepath.Join(t.TempDir(), "no", "such", "folder", "r.xlsx"))
	press(t, m, "enter")
	if !m.isErr || !strings.HasPrefix(m.status, "Cannot write") || !strings.HasSuffix(m.status, "there is no such folder.") {
		t.Errorf("status %q (error %v)", m.status, m.isErr)
	}
}

// TestExchangeRoundTrip exchanges records between two databases through the People screen:
// a new activity made on one shows in the other's calendar after the import.
func TestExchangeRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, _ := openStore(t)
	fixture(t, a)
	b, _ := openStore(t)
	base := filepath.Join(t.TempDir(), "base.tbx")
	if _, err := exchange.Export(ctx, a, base, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.Import(ctx, b, base); err != nil {
		t.Fatal(err)
	}

	ma := newTest(t, a, i18n.Zh, false, 80, 24)
	mb := newTest(t, b, i18n.Zh, false, 80, 24)
	press(t, ma, "n", "text:w9 公开课 语文 《背影》 @多媒体教室", "enter")
	find(t, ma, "《背影》")

	press(t, ma, "5", "E", "text:侯庄小学", "enter")
	file := filepath.Join(t.TempDir(), "to-hou.tbx")
	ma.input.SetValue(file)
	press(t, ma, "enter")
	if ma.isErr || !strings.Contains(ma.status, file) {
		t.Fatalf("export status %q", ma.status)
	}

	press(t, mb, "5", "I")
	mb.input.SetValue(file)
	press(t, mb, "enter")
	if mb.isErr || !strings.Contains(mb.status, "导入完成") {
		t.Fatalf("import status %q", mb.status)
	}
	find(t, mb, "《背影》") // the calendar's data was reloaded
	press(t, mb, "1")
	if !strings.Contains(shown(t, mb), "《背影》") && !strings.Contains(fmt.Sprint(mb.sh.data.acts), "《背影》") {
		t.Error("the merged activity is not in the calendar")
	}

	// Importing the same file again changes nothing; a file that is not an exchange file is
	// refused in one sentence.
	press(t, mb, "5", "I")
	mb.input.SetValue(file)
	press(t, mb, "enter")
	if !strings.Contains(mb.status, "新增 0 条，更新 0 条") {
		t.Errorf("second import: %q", mb.status)
	}
	junk := filepath.Join(t.TempDir(), "junk.tbx")
	os.WriteFile(junk, []byte("hello"), 0o644)
	press(t, mb, "I")
	mb.input.SetValue(junk)
	press(t, mb, "enter")
	if !mb.isErr || !strings.Contains(mb.status, "不是 termbook 交换文件") {
		t.Errorf("junk import: %q", mb.status)
	}
}

func TestReviewDrillTeacher(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	reviewFixture(t, s)
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	press(t, m, "4", "l", "/", "text:张伟", "enter", "enter")
	r := reviewOf(m)
	if r.drill == nil || len(r.drill.rows) != 3 {
		t.Fatalf("drill-down of 张伟: %+v", r.drill)
	}
	if !strings.HasPrefix(r.drill.rows[0], "2026-10-13") {
		t.Errorf("not newest first: %q", r.drill.rows)
	}
	// Behind a checklist line are the teacher's hand-ins: their register.
	press(t, m, "esc", "j", "j", "enter")
	if r.handins == nil || !strings.Contains(shown(t, m), "材料台账：张伟") {
		t.Errorf("enter on a checklist line does not show the hand-ins:\n%s", shown(t, m))
	}
	// On the grade line there is nothing behind: one sentence says where enter works.
	press(t, m, "esc")
	for i := 0; lineWith(shown(t, m), "▸", "学期评定") == ""; i++ {
		if i > 10 {
			t.Fatalf("no grade line:\n%s", shown(t, m))
		}
		press(t, m, "j")
	}
	press(t, m, "enter")
	if r.drill != nil || r.handins != nil || !m.isErr || !strings.Contains(m.status, "回车") {
		t.Errorf("enter on the grade line: drill %v, status %q\n%s", r.drill != nil, m.status, shown(t, m))
	}
}

func TestReviewReadOnly(t *testing.T) {
	t.Parallel()
	s, path := openStore(t)
	reviewFixture(t, s)
	s.Close()
	ro, err := store.Open(context.Background(), path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	m := newTest(t, ro, i18n.En, false, 80, 24)
	press(t, m, "4")
	moveTo(t, m, rowItem, 0)
	press(t, m, "x")
	o, _ := reviewOf(m).owner(secPairs)
	if !m.isErr || o.checklist[0].State != store.Missing {
		t.Errorf("a read-only database: status %q, shown %s", m.status, o.checklist[0].State)
	}
}

// TestReviewExportProgress follows an XLSX export's command as the program does: how far it
// has come reaches the status line while the workbook is written, then the result does.
func TestReviewExportProgress(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	reviewFixture(t, s)
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	press(t, m, "4")
	r := m.screens[tabReview].(*reviewScreen)
	if r.rev == nil {
		t.Fatal("the review is not loaded")
	}
	out := filepath.Join(t.TempDir(), "考核.xlsx")
	var said []string
	msg := exportReview(m.sh, *r.rev, out)()
	for {
		p, ok := msg.(progressMsg)
		if !ok {
			break
		}
		said = append(said, p.text)
		_, cmd := m.Update(p)
		if m.status != p.text || m.isErr {
			t.Errorf("the status line says %q (error %v) while the export says %q", m.status, m.isErr, p.text)
		}
		msg = cmd()
	}
	if len(said) == 0 {
		t.Error("the export said nothing while it wrote")
	}
	for _, w := range said {
		if !strings.HasPrefix(w, "正在") {
			t.Errorf("progress %q", w)
		}
	}
	if st, ok := msg.(statusMsg); !ok || st.isErr || !strings.Contains(st.text, "已导出到 "+out) {
		t.Errorf("the export ended with %#v", msg)
	}
	if _, err := os.Stat(out); err != nil {
		t.Error(err)
	}
}
