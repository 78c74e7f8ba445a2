package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func openPlanStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), t.TempDir()+"/plan.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// planKey is an activity reduced to what a plan test compares.
func planKey(a Activity) string { return a.Sched.String() + " " + a.Title }

func TestApplyTemplates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openPlanStore(t)
	autumn, err := s.CreateTerm(ctx, Term{Name: "2026—2027学年第一学期", Week1: MustDate("2026-08-31"), Weeks: 20})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.CreateSchool(ctx, School{Name: "一小"})
	b, _ := s.CreateSchool(ctx, School{Name: "二小"})

	office, _ := PlanTemplateNamed("research-office")
	res, err := s.ApplyTemplate(ctx, autumn.ID, office, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 20 weekly meetings, four open lessons, one report lesson, one contest, one qualifying.
	if len(res.Created) != 27 || res.Skipped != 0 {
		t.Fatalf("created %d, skipped %d; want 27, 0", len(res.Created), res.Skipped)
	}
	got := map[string]bool{}
	series := map[string]int{}
	for _, x := range res.Created {
		got[planKey(x)] = true
		if x.SeriesID != "" {
			series[x.SeriesID]++
		}
	}
	for _, want := range []string{"w1 教研活动", "w20 教研活动", "w3 语文公开课", "w3 体育公开课", "w4 新任教师汇报课", "w11 说课比赛", "w16 过关课"} {
		if !got[want] {
			t.Errorf("missing %q", want)
		}
	}
	if len(series) != 1 {
		t.Errorf("the weekly meetings form %d series, want 1", len(series))
	}

	pairing, _ := PlanTemplateNamed("school-pairing")
	res, err = s.ApplyTemplate(ctx, autumn.ID, pairing, []string{a.ID, b.ID})
	if err != nil {
		t.Fatal(err)
	}
	// An autumn term has October to January: 6 items; March to June are skipped (7 items).
	if len(res.Created) != 6 || res.Skipped != 7 {
		t.Fatalf("pairing: created %d, skipped %d; want 6, 7", len(res.Created), res.Skipped)
	}
	if k := planKey(res.Created[5]); k != "2027-01 期末评价方式改革研讨交流" {
		t.Errorf("last pairing item %q", k)
	}
	stored, err := s.Activity(ctx, res.Created[0].ID)
	if err != nil || len(stored.SchoolIDs) != 2 {
		t.Errorf("a pairing activity names %v schools, want both: %v", stored.SchoolIDs, err)
	}

	// A short term skips what it has no week for, and the whole step is one transaction: a
	// failure leaves nothing behind.
	short, _ := s.CreateTerm(ctx, Term{Name: "短学期", Week1: MustDate("2027-03-01"), Weeks: 10})
	res, err = s.ApplyTemplate(ctx, short.ID, office, nil)
	if err != nil || res.Skipped != 2 || len(res.Created) != 10+4+1 {
		t.Errorf("short term: created %d, skipped %d, %v", len(res.Created), res.Skipped, err)
	}
	broken := PlanTemplate{Name: "broken", Items: []PlanItem{{Type: TypeOther, Title: "好", Week: 1}, {Type: TypeOther, Title: "", Week: 2}}}
	before, _ := s.Activities(ctx, short.ID, Date{}, Date{})
	if _, err := s.ApplyTemplate(ctx, short.ID, broken, nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("a template with an empty title: %v, want ErrInvalid", err)
	}
	after, _ := s.Activities(ctx, short.ID, Date{}, Date{})
	if len(after) != len(before) {
		t.Errorf("a failed template left %d activities behind", len(after)-len(before))
	}
}

func TestCopyPlanMovesDatesToTheNewTermsWeeks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openPlanStore(t)
	last, _ := s.CreateTerm(ctx, Term{Name: "2025—2026学年第一学期", Week1: MustDate("2025-09-01"), Weeks: 20})
	next, _ := s.CreateTerm(ctx, Term{Name: "2026—2027学年第一学期", Week1: MustDate("2026-08-31"), Weeks: 18})
	sc, _ := s.CreateSchool(ctx, School{Name: "一小"})
	host, _ := s.CreateTeacher(ctx, Teacher{SchoolID: sc.ID, Name: "王晓梅"})
	types, _ := s.ActivityTypes(ctx)
	create := func(title string, sched Schedule) Activity {
		a, err := s.CreateActivity(ctx, Activity{TermID: last.ID, TypeID: types[2].ID, Title: title, HostID: host.ID, Place: "多媒体教室",
			Time: "14:00", Sched: sched, SchoolIDs: []string{sc.ID}})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	// Tuesday of week 3 last year; Tuesday of week 3 this year is 2026-09-15.
	done := create("《春》", OnDate(MustDate("2025-09-16")))
	s.MarkDone(ctx, done.ID, MustDate("2025-09-16"), "效果好")
	create("过关课", InWeek(16))
	create("送教下乡", InMonth(Month{2025, time.November}))
	create("期末展示", InWeek(20)) // the new term has only 18 weeks
	cancelled := create("取消的活动", InWeek(5))
	s.Cancel(ctx, cancelled.ID, "下雨")
	if _, err := s.CreateWeekly(ctx, Activity{TermID: last.ID, TypeID: types[0].ID, Title: "教研活动", Sched: OnDate(MustDate("2025-09-05"))}, 1, 3); err != nil {
		t.Fatal(err)
	}

	prev, err := s.PreviousTerm(ctx, next)
	if err != nil || prev.ID != last.ID {
		t.Fatalf("previous term %v, %v", prev.Name, err)
	}
	res, err := s.CopyPlan(ctx, last.ID, next.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res.Skipped != 1 || len(res.Created) != 6 {
		t.Fatalf("created %d, skipped %d; want 6, 1", len(res.Created), res.Skipped)
	}
	got, _ := s.Activities(ctx, next.ID, Date{}, Date{})
	want := map[string]string{
		"《春》":    "2026-09-15",
		"过关课":    "w16",
		"送教下乡":   "2026-11",
		"教研活动#1": "2026-09-04", // the Friday of each week
		"教研活动#3": "2026-09-18",
	}
	seen := map[string]int{}
	series := map[string]bool{}
	for _, a := range got {
		key := a.Title
		if a.Title == "教研活动" {
			seen[a.Title]++
			key += "#" + itoa(seen[a.Title])
			series[a.SeriesID] = true
		}
		if w, ok := want[key]; ok && a.Sched.String() != w {
			t.Errorf("%s scheduled %s, want %s", key, a.Sched, w)
		}
		if a.Status != Planned || !a.DoneOn.IsZero() || a.Note != "" {
			t.Errorf("%s copied as %s (done %s, note %q), want planned", a.Title, a.Status, a.DoneOn, a.Note)
		}
		if a.Title == "《春》" && (a.HostID != host.ID || a.Place != "多媒体教室" || a.Time != "14:00" || len(a.SchoolIDs) != 1) {
			t.Errorf("《春》 copied without its host, place, time or school: %+v", a)
		}
	}
	if len(series) != 1 {
		t.Errorf("the copied weekly meetings form %d series, want 1", len(series))
	}
}
