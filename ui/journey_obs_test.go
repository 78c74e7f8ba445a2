package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"termbook/store"
	"termbook/store/storetest"
	"termbook/ui/i18n"
)

// TestObservationJourney records an observation the way a teacher would, through the whole
// program: the calendar's 第3周 公开课, o, both panes typed in Chinese, the scores, ctrl+s;
// the list shows it with its total and grade; a new observation of the same teacher shows
// the follow-up agreed in the first.
func TestObservationJourney(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir()+"/journey.db", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.Now = func() time.Time { return time.Date(2026, 9, 16, 10, 0, 0, 0, time.Local) } // 第3周 周三
	term, err := st.CreateTerm(ctx, store.Term{Name: "2026—2027学年第一学期", Week1: storetest.Date("2026-08-31"), Weeks: 20})
	if err != nil {
		t.Fatal(err)
	}
	five, _ := st.CreateSchool(ctx, store.School{Name: "定边第五小学", ShortName: "五小"})
	zhang, _ := st.CreateTeacher(ctx, store.Teacher{SchoolID: five.ID, Name: "张三", Subjects: []string{"语文"}})
	if _, err := st.CreateTeacher(ctx, store.Teacher{SchoolID: five.ID, Name: "李四", Subjects: []string{"数学"}}); err != nil {
		t.Fatal(err)
	}
	types, _ := st.ActivityTypes(ctx)
	var open store.ActivityType
	for _, ty := range types {
		if ty.Code == store.TypeOpenLesson {
			open = ty
		}
	}
	if _, err := st.CreateActivity(ctx, store.Activity{TermID: term.ID, TypeID: open.ID, Title: "《春》", Subject: "语文",
		HostID: zhang.ID, Sched: store.OnDate(storetest.Date("2026-09-15")), SchoolIDs: []string{five.ID}}); err != nil {
		t.Fatal(err)
	}

	m := newModel(ctx, st, Options{Lang: i18n.Zh}, testStyles(false))
	// No drafts while typing (TestDraftSurvivesKill tests them): a draft timer firing on a
	// slow machine would write one that the discard below deletes in a command the quit
	// right after need not wait for.
	m.sh.draftDelay = -1
	term80 := newVTTerm(t, m, 80, 24)
	typeKeys := func(script ...string) {
		for _, k := range keys(script...) {
			term80.tm.Send(k)
		}
	}

	// The calendar opens on today's week, 第3周, with the 公开课 selected; no field has
	// focus, so the cursor is hidden.
	term80.screenShows(t, "第3周", "公开课", "《春》")
	term80.cursorHidden(t, "the calendar")
	typeKeys("o")
	term80.screenShows(t, "教学过程实录", "随堂点评", "张三（五小）")
	// The header came from the activity; the observer is asked for first, then enter goes
	// from one empty box to the next: the period, the class, 课时, 教材/单元, the lesson
	// type, the record.
	typeKeys("lisi", "<enter>", "<enter>", "三(2)班")
	term80.cursorAfter(t, "班级 三(2)班") // the IME's window opens where the class is typed
	typeKeys("<enter>", "1", "<enter>", "部编版三下第一单元")
	term80.cursorAfter(t, "部编版三下第一单元")
	typeKeys("<enter>", "<down>", "<enter>")
	typeKeys("导入：出示春天的图片，学生说印象。", "<enter>", "初读课文，圈出生字。")
	term80.cursorAfter(t, "初读课文，圈出生字。")
	typeKeys("<tab>", "导入自然，朗读指导扎实。")
	typeKeys("<tab>", "9", "<space>", "13", "<space>", "12", "<space>", "18", "<space>", "13", "<space>", "14", "<space>", "9")
	term80.screenShows(t, "合计 88 良")
	typeKeys("<tab>", "朗读指导到位", "<tab>", "板书零散", "<tab>", "课前设计板书")
	term80.cursorAfter(t, "改进建议 课前设计板书")
	typeKeys("<tab>", "朗读教学扎实的一课")
	term80.cursorAfter(t, "朗读教学扎实的一课")
	typeKeys("<tab>", "板书设计", "<tab>", "9-30")
	typeKeys("<ctrl+s>")
	term80.screenShows(t, "已保存", "88 良", "公开课", "李四听")
	term80.cursorHidden(t, "the 听课 list")

	// A new observation of the same teacher shows the open follow-up.
	typeKeys("n", "zhangsan", "<enter>")
	term80.screenShows(t, "待跟进", "板书设计（9月30日前，9月15日听课）")
	typeKeys("<esc>") // nothing typed but the teacher: leaving asks
	term80.screenShows(t, "放弃已输入的内容？")
	typeKeys("y")
	term80.quit(t)

	list, err := st.Observations(ctx, store.ObservationFilter{TermID: term.ID})
	if err != nil || len(list) != 1 {
		t.Fatalf("observations = %+v, %v", list, err)
	}
	o, err := st.Observation(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if o.Total != 88 || o.Grade != "良" || o.Week != 3 || o.Kind != "公开课" || o.Topic != "《春》" || o.ClassName != "三(2)班" ||
		o.LessonType != "新授" || o.ActivityID == "" || !strings.HasPrefix(o.Texts.Process, "导入：") || o.Texts.Comments != "导入自然，朗读指导扎实。" {
		t.Errorf("saved %+v", o)
	}
	if ds, _ := st.Drafts(ctx); len(ds) != 0 {
		t.Errorf("%d drafts left after saving and discarding", len(ds))
	}
}
