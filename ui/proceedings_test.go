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
	"termbook/ui/i18n"
	"termbook/ui/width"
)

// procTest opens the fixture's program and selects the activity titled title on the
// calendar.
func procTest(t *testing.T, lang i18n.Lang, title string) (*Model, *store.Store, store.Activity) {
	t.Helper()
	s, _ := openStore(t)
	fixture(t, s)
	m := newTest(t, s, lang, false, 80, 24)
	return m, s, selectActivity(t, m, title)
}

// selectActivity selects, on the calendar, the activity titled title.
func selectActivity(t *testing.T, m *Model, title string) store.Activity {
	t.Helper()
	a := only(t, m.sh.data.acts, "activity "+title, func(a store.Activity) bool { return a.Title == title })
	calendarOf(m).focus(a.ID)
	return a
}

func calendarOf(m *Model) *calendar { return m.screens[tabCalendar].(*calendar) }

func TestProceedingsRecordedFromTheCalendar(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m, s, a := procTest(t, i18n.Zh, "结对工作联席会议")
	c := calendarOf(m)
	press(t, m, "r")
	if c.form == nil || !strings.Contains(shown(t, m), "活动留痕：结对工作联席会议") {
		t.Fatalf("r did not open the record:\n%s", shown(t, m))
	}
	// Chair and recorder by initials; the picker moves on to the attendance.
	press(t, m, "text:wxm", "enter", "text:ljg", "enter")
	if f := c.form.focused(); f.name != procAttendees {
		t.Fatalf("focus on %s after the recorder, want the attendance", f.name)
	}
	press(t, m, "enter", "text:张伟", "enter", "enter")
	v := shown(t, m)
	if !strings.Contains(v, "到 3/4 人  缺席 1 人：张薇") {
		t.Errorf("the attendance does not name the absentee:\n%s", v)
	}
	press(t, m, "tab", "text:一、交流结对进展", "enter", "text:二、布置期末工作", "tab")
	paste(t, m, strings.Repeat("结对工作扎实有效。", 40))
	press(t, m, "ctrl+s")
	if c.form != nil {
		t.Fatalf("the record was not saved:\n%s", shown(t, m))
	}
	got, err := s.Activity(ctx, a.ID)
	noErr(t, err)
	p := got.Proceedings
	wang, li, zhang := byName(t, m, "王晓梅"), byName(t, m, "李建国"), byName(t, m, "张伟")
	if p.ChairID != wang.ID || p.RecorderID != li.ID || !slices.Equal(p.Attendees, []string{zhang.ID}) {
		t.Errorf("chair, recorder, attendees = %q, %q, %q", p.ChairID, p.RecorderID, p.Attendees)
	}
	if p.Minutes != "一、交流结对进展\n二、布置期末工作" || p.Summary != strings.Repeat("结对工作扎实有效。", 40) {
		t.Errorf("minutes %q, summary %q", p.Minutes, p.Summary)
	}
	if absent := got.Absentees(m.sh.data.teachers); len(absent) != 1 || absent[0].Name != "张薇" {
		t.Errorf("absentees = %v", absent)
	}
	// The calendar marks the activity and shows its record under the list.
	v = shown(t, m)
	if !strings.Contains(v, "✎ 结对工作联席会议") || !strings.Contains(v, "留痕：主持 王晓梅 · 到 3/4 人") {
		t.Errorf("the calendar does not show the record:\n%s", v)
	}
	// u takes it back, whole.
	press(t, m, "u")
	got, err = s.Activity(ctx, a.ID)
	noErr(t, err)
	if !got.Proceedings.IsZero() {
		t.Errorf("after u the record is %+v", got.Proceedings)
	}
	if strings.Contains(shown(t, m), "✎") {
		t.Errorf("after u the calendar still marks a record:\n%s", shown(t, m))
	}
}

func TestProceedingsOfAGroupPrep(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, _ := openStore(t)
	term := fixture(t, s)
	types, err := s.ActivityTypes(ctx)
	noErr(t, err)
	prepType := only(t, types, "集体备课", func(x store.ActivityType) bool { return x.Code == store.TypeGroupPrep })
	schools, err := s.Schools(ctx)
	noErr(t, err)
	prep, err := s.CreateActivity(ctx, store.Activity{TermID: term.ID, TypeID: prepType.ID, Title: "三年级语文集体备课",
		Subject: "语文", Sched: store.InWeek(6), SchoolIDs: []string{schools[0].ID, schools[1].ID}})
	noErr(t, err)
	m := newTest(t, s, i18n.En, false, 80, 24)
	selectActivity(t, m, prep.Title)
	press(t, m, "r")
	v := shown(t, m)
	for _, label := range []string{"Lead preparer", "Unit/lesson", "Taking part", "First draft", "Discussion", "Revised plan"} {
		if !strings.Contains(v, label) {
			t.Errorf("the record of a 集体备课 has no %q:\n%s", label, v)
		}
	}
	f := calendarOf(m).form
	f.setFocus(slices.IndexFunc(f.fields, func(fl *field) bool { return fl.name == procLead }))
	press(t, m, "text:王晓梅", "enter") // the lead; on to the unit
	press(t, m, "text:第三单元《荷花》", "enter")
	press(t, m, "enter", "ctrl+a", "enter") // everyone expected took part
	press(t, m, "tab", "text:初案：读中感悟", "tab", "text:建议增加小练笔", "tab", "text:复案：读写结合", "ctrl+s")
	if calendarOf(m).form != nil {
		t.Fatalf("not saved:\n%s", shown(t, m))
	}
	got, err := s.Activity(ctx, prep.ID)
	noErr(t, err)
	p := got.Proceedings
	want := store.GroupPrep{LeadID: byName(t, m, "王晓梅").ID, Unit: "第三单元《荷花》", Draft: "初案：读中感悟",
		Discussion: "建议增加小练笔", Revision: "复案：读写结合"}
	if p.Prep != want {
		t.Errorf("prep = %+v, want %+v", p.Prep, want)
	}
	// The 语文 teachers of both schools were expected; ctrl+a ticked them.
	if len(p.Attendees) != 2 || len(got.Absentees(m.sh.data.teachers)) != 0 {
		t.Errorf("attendees %v, absentees %v", p.Attendees, got.Absentees(m.sh.data.teachers))
	}
}

func TestProceedingsRefuseAFileOutsideTheFolder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m, s, a := procTest(t, i18n.Zh, "结对工作联席会议")
	outside := filepath.Join(t.TempDir(), "签到表.jpg")
	noErr(t, os.WriteFile(outside, []byte("jpg"), 0o644))
	inside := filepath.Join(s.FilesDir(), "2026-10", "签到表.jpg")
	noErr(t, os.MkdirAll(filepath.Dir(inside), 0o755))
	noErr(t, os.WriteFile(inside, []byte("jpg"), 0o644))

	press(t, m, "r")
	f := calendarOf(m).form
	f.setFocus(slices.IndexFunc(f.fields, func(fl *field) bool { return fl.name == procFiles }))
	press(t, m, "text:"+outside, "ctrl+s")
	if calendarOf(m).form == nil {
		t.Fatal("a file outside the folder was saved")
	}
	if v := shown(t, m); !strings.Contains(v, "在数据文件夹") || !strings.Contains(v, "用 termbook files add 复制进去") {
		t.Errorf("no sentence naming the file outside the folder:\n%s", v)
	}
	got, err := s.Activity(ctx, a.ID)
	noErr(t, err)
	if !got.Proceedings.IsZero() {
		t.Errorf("a refused record was written: %+v", got.Proceedings)
	}
	press(t, m, "ctrl+u") // clear the line
	f.field(procFiles).in.SetValue("2026-10/签到表.jpg｜签到表\n" + "2026-10/没有这个.jpg")
	press(t, m, "ctrl+s")
	if v := shown(t, m); calendarOf(m).form == nil || !strings.Contains(v, "没有文件“2026-10/没有这个.jpg”") {
		t.Errorf("a file that is not there was not refused:\n%s", v)
	}
	f.field(procFiles).in.SetValue("2026-10/签到表.jpg｜签到表")
	press(t, m, "ctrl+s")
	if calendarOf(m).form != nil {
		t.Fatalf("the file inside the folder was refused:\n%s", shown(t, m))
	}
	got, err = s.Activity(ctx, a.ID)
	noErr(t, err)
	if want := []store.FileRef{{Path: "2026-10/签到表.jpg", Caption: "签到表"}}; !slices.Equal(got.Proceedings.Files, want) {
		t.Errorf("files = %+v, want %+v", got.Proceedings.Files, want)
	}
}

func TestCaretInTheProceedings(t *testing.T) {
	inEachMode(t, func(t *testing.T, mode width.Mode, m *Model) {
		selectActivity(t, m, "结对工作联席会议")
		press(t, m, "r")
		if m.View().Cursor == nil {
			t.Fatal("no cursor at the chair, where typing a name opens the picker")
		}
		press(t, m, "tab", "tab", "enter", "text:张")
		caretAfter(t, m, mode, "张")
		press(t, m, "esc", "tab", "text:"+typedText)
		caretAfter(t, m, mode, typedText)
		press(t, m, "shift+enter", "text:第二行")
		caretAfter(t, m, mode, "第二行")
		press(t, m, "tab", "text:小结"+typedText)
		caretAfter(t, m, mode, "小结"+typedText)
		press(t, m, "esc", "y")
		caretHidden(t, m, "the calendar after the record")
	})
}

// offeredTypes are the type names the new-activity form offers.
func offeredTypes(t *testing.T, m *Model) []string {
	t.Helper()
	press(t, m, "n", "enter") // an empty quick add opens the full form
	f := calendarOf(m).form
	if f == nil {
		t.Fatalf("no activity form:\n%s", shown(t, m))
	}
	var names []string
	for _, c := range f.field("type").in.(*choiceField).choices {
		names = append(names, c.label)
	}
	press(t, m, "esc")
	return names
}

func TestActivityTypesAddedRenamedRetired(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, _ := openStore(t)
	fixture(t, s)
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	c := calendarOf(m)
	press(t, m, "y", "n", "text:学术沙龙", "tab", "text:Academic salon", "ctrl+s")
	if c.types == nil || c.types.form != nil {
		t.Fatalf("the type was not added:\n%s", shown(t, m))
	}
	if v := shown(t, m); !strings.Contains(v, "▸ 学术沙龙") || !strings.Contains(v, "Academic salon") {
		t.Errorf("the new type is not selected in the list:\n%s", v)
	}
	// A second 公开课 is refused with the store's sentence, and nothing is written.
	press(t, m, "n", "text:公开课", "ctrl+s")
	if c.types.form == nil || !strings.Contains(shown(t, m), "“类型名称”重复：已有“公开课”") {
		t.Errorf("a duplicate type was not refused:\n%s", shown(t, m))
	}
	press(t, m, "esc", "y", "esc")
	if !slices.Contains(offeredTypes(t, m), "学术沙龙") {
		t.Errorf("the activity form does not offer the new type: %v", offeredTypes(t, m))
	}
	// Renamed, in both languages.
	press(t, m, "y", "G", "enter", "ctrl+u", "text:集中教研", "tab", "ctrl+u", "text:Joint study", "ctrl+s")
	types, err := s.ActivityTypes(ctx)
	noErr(t, err)
	mine := only(t, types, "the school's type", func(x store.ActivityType) bool { return x.Code == "" })
	if mine.Name != "集中教研" || mine.NameEn != "Joint study" || !mine.Active {
		t.Errorf("renamed type = %+v", mine)
	}
	// Retired: no longer offered; u reinstates it.
	press(t, m, "x", "esc")
	if offered := offeredTypes(t, m); slices.Contains(offered, "集中教研") {
		t.Errorf("a retired type is offered: %v", offered)
	}
	press(t, m, "y", "u", "esc")
	if offered := offeredTypes(t, m); !slices.Contains(offered, "集中教研") {
		t.Errorf("u did not reinstate the type: %v", offered)
	}
}

func TestRubricsAddedRefusedAndRetired(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m, st := obsTest(t, i18n.Zh)
	s := m.screens[tabObservations].(*observations)
	press(t, m, "2", "r")
	if s.rubrics == nil || !strings.Contains(shown(t, m), "默认评课量表") {
		t.Fatalf("r did not list the rubrics:\n%s", shown(t, m))
	}
	// A 说课 rubric for 语文, out of 90, though its dimensions (the default's) add up to 100.
	press(t, m, "n", "text:说课评价表", "tab", "text:语文", "tab", "tab", "text:90", "ctrl+s")
	if s.rubrics.form == nil || !strings.Contains(shown(t, m), "各维度满分合计 100，与“满分” 90 不符") {
		t.Fatalf("a rubric whose points do not add up was not refused:\n%s", shown(t, m))
	}
	list, err := st.Rubrics(ctx)
	noErr(t, err)
	if len(list) != 1 {
		t.Fatalf("a refused rubric was written: %d rubrics", len(list))
	}
	// The refusal focuses the full marks; the first dimension's 10 points go with it, and the
	// next says what earns its points.
	if f := s.rubrics.form; f.focused().name != "full" {
		t.Errorf("focus on %s after the refusal, want the full marks", f.focused().name)
	}
	press(t, m, "tab", "ctrl+d", "tab", "tab", "text:教材分析透彻", "ctrl+s")
	if s.rubrics.form != nil {
		t.Fatalf("the rubric was not saved:\n%s", shown(t, m))
	}
	list, err = st.Rubrics(ctx)
	noErr(t, err)
	talk := only(t, list, "说课评价表", func(r store.Rubric) bool { return r.Name == "说课评价表" })
	if talk.Subject != "语文" || talk.Spec.Total() != 90 || talk.IsDefault || !talk.Active {
		t.Errorf("rubric = %+v", talk)
	}
	if d := talk.Spec.Dimensions[0]; d.Name != "教学内容" || d.Max != 15 || d.Points != "教材分析透彻" {
		t.Errorf("first dimension = %+v", d)
	}
	if r, err := st.RubricFor(ctx, "语文"); err != nil || r.ID != talk.ID {
		t.Errorf("语文 observations are not scored with the new rubric: %+v, %v", r, err)
	}
	// Retired: the default cannot be; the new one can, and u reinstates it.
	press(t, m, "g", "x")
	if !strings.Contains(shown(t, m), "是默认的评课量表，不能停用") {
		t.Errorf("retiring the default was not refused:\n%s", shown(t, m))
	}
	press(t, m, "G", "x")
	if r, _ := st.Rubric(ctx, talk.ID); r.Active {
		t.Error("x did not retire the rubric")
	}
	press(t, m, "u")
	if r, _ := st.Rubric(ctx, talk.ID); !r.Active {
		t.Error("u did not reinstate the rubric")
	}
}

func TestCaretInTheCatalogues(t *testing.T) {
	inEachMode(t, func(t *testing.T, mode width.Mode, m *Model) {
		press(t, m, "y", "n", "text:"+typedText)
		caretAfter(t, m, mode, typedText)
		press(t, m, "esc", "y", "esc")
		caretHidden(t, m, "the calendar after the types")
		press(t, m, "2", "r", "n", "text:说课"+typedText)
		caretAfter(t, m, mode, "说课"+typedText)
		press(t, m, "tab", "tab", "tab", "tab", "tab", "tab", "text:教材"+typedText) // the first 评价要点
		caretAfter(t, m, mode, "教材"+typedText)
		press(t, m, "esc", "y", "esc")
		caretHidden(t, m, "the 听课 list after the rubrics")
	})
}

// TestProceedingsInTheProgram records a meeting through the running program, as a clerk
// would: the record reaches the database, and what is typed into a record left open when
// the program is closed comes back as a draft.
func TestProceedingsInTheProgram(t *testing.T) {
	ctx := context.Background()
	s, path := openStore(t)
	fixture(t, s)
	m := newModel(ctx, s, Options{Lang: i18n.Zh, Today: today}, testStyles(false))
	vterm := newVTTerm(t, m, 80, 24)
	vterm.screenShows(t, "今天 第")
	vterm.keys("h") // week 5, its first activity the joint meeting in October
	vterm.screenShows(t, "第5周")
	vterm.keys("r")
	vterm.screenShows(t, "活动留痕：结对工作联席会议")
	vterm.keys("text:wxm", "enter", "text:ljg", "enter", "enter", "text:张伟", "enter", "enter")
	vterm.screenShows(t, "到 3/4 人  缺席 1 人：张薇")
	vterm.keys("tab", "text:交流结对进展")
	vterm.cursorAfter(t, "交流结对进展")
	vterm.keys("ctrl+s")
	vterm.screenShows(t, "已保存活动留痕：结对工作联席会议")
	vterm.screenShows(t, "✎ 结对工作联席会议")
	// Opened again and typed into, then the program is closed with ctrl+c.
	vterm.keys("r", "tab", "tab", "tab", "tab", "text:小结未保存")
	vterm.cursorAfter(t, "小结未保存")
	vterm.keys("ctrl+c")
	vterm.tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	noErr(t, s.Close())

	s2, err := store.Open(ctx, path, store.Options{})
	noErr(t, err)
	t.Cleanup(func() { s2.Close() })
	acts, err := s2.Activities(ctx, m.sh.data.term.ID, store.Date{}, store.Date{})
	noErr(t, err)
	noErr(t, s2.LoadProceedings(ctx, acts))
	a := only(t, acts, "the joint meeting", func(a store.Activity) bool { return a.Title == "结对工作联席会议" })
	if p := a.Proceedings; p.Minutes != "交流结对进展" || p.Summary != "" || len(p.Attendees) != 1 || p.ChairID == "" || p.RecorderID == "" {
		t.Errorf("record = %+v", p)
	}
	m2 := newTest(t, s2, i18n.Zh, false, 80, 24)
	if !strings.Contains(shown(t, m2), "活动留痕 结对工作联席会议") {
		t.Fatalf("the record's draft is not offered:\n%s", shown(t, m2))
	}
	press(t, m2, "enter")
	f := calendarOf(m2).form
	if f == nil || f.field(procSummary).value() != "小结未保存" || f.field(procMinutes).value() != "交流结对进展" {
		t.Fatalf("the draft did not come back into the record:\n%s", shown(t, m2))
	}
}
