package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestTerms(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := MustOpen(t)
	autumn, err := s.CreateTerm(ctx, Term{Name: "2026—2027学年第一学期", Week1: MustDate("2026-08-31"), Weeks: 22})
	if err != nil {
		t.Fatal(err)
	}
	spring, err := s.CreateTerm(ctx, Term{Name: "2025—2026学年第二学期", Week1: MustDate("2026-02-23"), Weeks: 20})
	if err != nil {
		t.Fatal(err)
	}
	targets, err := s.Targets(ctx, autumn.ID)
	if err != nil || len(targets) != len(DefaultTargets("")) {
		t.Fatalf("a new term has %d targets (%v), want the %d defaults", len(targets), err, len(DefaultTargets("")))
	}
	list, err := s.Terms(ctx)
	if err != nil || len(list) != 2 || list[0].ID != autumn.ID {
		t.Fatalf("Terms() = %+v, %v; want newest first", list, err)
	}
	if got, err := s.TermByName(ctx, "2025—2026学年第二学期"); err != nil || got.ID != spring.ID {
		t.Errorf("TermByName = %+v, %v", got, err)
	}
	if _, err := s.TermByName(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("TermByName(nope): %v", err)
	}
	if _, err := s.Term(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Term(nope): %v", err)
	}
	for _, tt := range []struct {
		day  string
		want string
	}{
		{"2026-11-18", autumn.ID},
		{"2026-07-01", spring.ID}, // summer: the latest term that started
		{"2027-03-01", autumn.ID},
		{"2020-01-01", spring.ID}, // before all terms: the first one
	} {
		got, err := s.CurrentTerm(ctx, MustDate(tt.day))
		if err != nil || got.ID != tt.want {
			t.Errorf("CurrentTerm(%s) = %s, %v; want %s", tt.day, got.Name, err, tt.want)
		}
	}

	autumn.Weeks = 21
	if _, err := s.UpdateTerm(ctx, autumn); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Term(ctx, autumn.ID); got.Weeks != 21 {
		t.Errorf("Weeks after update = %d", got.Weeks)
	}
	if _, err := s.UpdateTerm(ctx, Term{Name: "x", Week1: MustDate("2026-08-31"), Weeks: 20}); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateTerm without id: %v", err)
	}

	empty := MustOpen(t)
	if _, err := empty.CurrentTerm(ctx, MustDate("2026-11-18")); !errors.Is(err, ErrNotFound) {
		t.Errorf("CurrentTerm with no terms: %v", err)
	}
}

func TestTermValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		term    Term
		field   string
		problem Problem
	}{
		{"no name", Term{Week1: MustDate("2026-08-31"), Weeks: 20}, "name", Required},
		{"no monday", Term{Name: "t", Weeks: 20}, "week1", Required},
		{"tuesday", Term{Name: "t", Week1: MustDate("2026-09-01"), Weeks: 20}, "week1", NotMonday},
		{"no weeks", Term{Name: "t", Week1: MustDate("2026-08-31")}, "weeks", OutOfRange},
		{"too many weeks", Term{Name: "t", Week1: MustDate("2026-08-31"), Weeks: MaxWeeks + 1}, "weeks", OutOfRange},
		{"bad date", Term{Name: "t", Week1: Date{2026, 2, 29}, Weeks: 20}, "week1", BadDate},
	}
	s := MustOpen(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreateTerm(context.Background(), tt.term)
			wantField(t, err, tt.field, tt.problem)
		})
	}
}

func TestTermWeeks(t *testing.T) {
	t.Parallel()
	term := Term{Week1: MustDate("2026-08-31"), Weeks: 22}
	tests := []struct {
		day  string
		week int
		in   bool
	}{
		{"2026-08-31", 1, true},
		{"2026-09-06", 1, true},
		{"2026-09-07", 2, true},
		{"2026-11-18", 12, true},
		{"2027-01-31", 22, true},
		{"2027-02-01", 23, false},
		{"2026-08-30", 0, false},
	}
	for _, tt := range tests {
		w, in := term.WeekOf(MustDate(tt.day))
		if w != tt.week || in != tt.in || term.Contains(MustDate(tt.day)) != tt.in {
			t.Errorf("WeekOf(%s) = %d, %v; want %d, %v", tt.day, w, in, tt.week, tt.in)
		}
	}
	if mon, sun := term.WeekRange(3); mon != MustDate("2026-09-14") || sun != MustDate("2026-09-20") {
		t.Errorf("WeekRange(3) = %v..%v", mon, sun)
	}
	if term.End() != MustDate("2027-01-31") {
		t.Errorf("End() = %v", term.End())
	}
	var months []string
	for _, m := range term.Months() {
		months = append(months, m.String())
	}
	if got := strings.Join(months, " "); got != "2026-08 2026-09 2026-10 2026-11 2026-12 2027-01" {
		t.Errorf("Months() = %s", got)
	}
	for day, want := range map[string]int{"2026-01-01": 1, "2026-10-01": 5, "2027-06-01": 22} {
		if got := term.ClampWeek(MustDate(day)); got != want {
			t.Errorf("ClampWeek(%s) = %d, want %d", day, got, want)
		}
	}
}

func TestActivities(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	open := Activity{TermID: f.term.ID, TypeID: f.types[TypeOpenLesson], Title: "语文公开课《秋天的雨》", Subject: "语文",
		HostID: f.mentor.ID, Place: "多媒体教室", Time: "14:00", Sched: OnDate(MustDate("2026-09-15")),
		SchoolIDs: []string{f.school.ID, f.paired.ID}}
	a, err := s.CreateActivity(ctx, open)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != Planned || a.First != MustDate("2026-09-15") || a.Last != MustDate("2026-09-15") {
		t.Errorf("created = status %s, span %v..%v", a.Status, a.First, a.Last)
	}
	byWeek, err := s.CreateActivity(ctx, Activity{TermID: f.term.ID, TypeID: f.types[TypeTalkContest], Title: "说课比赛", Sched: InWeek(11)})
	if err != nil {
		t.Fatal(err)
	}
	if byWeek.First != MustDate("2026-11-09") || byWeek.Last != MustDate("2026-11-15") {
		t.Errorf("week 11 span = %v..%v", byWeek.First, byWeek.Last)
	}
	byMonth, err := s.CreateActivity(ctx, Activity{TermID: f.term.ID, TypeID: f.types[TypeJointMeeting], Title: "联席会议",
		Sched: InMonth(Month{2026, time.November})})
	if err != nil {
		t.Fatal(err)
	}
	if byMonth.First != MustDate("2026-11-01") || byMonth.Last != MustDate("2026-11-30") {
		t.Errorf("November span = %v..%v", byMonth.First, byMonth.Last)
	}

	got, err := s.Activity(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != open.Title || got.HostID != f.mentor.ID || got.Time != "14:00" || got.Sched != open.Sched ||
		len(got.SchoolIDs) != 2 || got.Place != "多媒体教室" {
		t.Errorf("Activity() = %+v", got)
	}

	tests := []struct {
		name       string
		from, to   string
		wantTitles string
	}{
		{"week 3", "2026-09-14", "2026-09-20", "语文公开课《秋天的雨》"},
		{"week 11", "2026-11-09", "2026-11-15", "联席会议 说课比赛"},
		{"November", "2026-11-01", "2026-11-30", "联席会议 说课比赛"},
		{"whole term", "", "", "语文公开课《秋天的雨》 联席会议 说课比赛"},
		{"week 1", "2026-08-31", "2026-09-06", ""},
	}
	for _, tt := range tests {
		var from, to Date
		if tt.from != "" {
			from, to = MustDate(tt.from), MustDate(tt.to)
		}
		list, err := s.Activities(ctx, f.term.ID, from, to)
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, a := range list {
			titles = append(titles, a.Title)
		}
		if got := strings.Join(titles, " "); got != tt.wantTitles {
			t.Errorf("%s: Activities() = %q, want %q", tt.name, got, tt.wantTitles)
		}
		if tt.name == "week 3" && len(list[0].SchoolIDs) != 2 {
			t.Errorf("Activities() leaves out the schools: %v", list[0].SchoolIDs)
		}
	}

	got.Title, got.SchoolIDs = "语文公开课《秋天的雨》（改）", []string{f.paired.ID}
	if _, err := s.UpdateActivity(ctx, got); err != nil {
		t.Fatal(err)
	}
	if got, _ = s.Activity(ctx, a.ID); !strings.HasSuffix(got.Title, "（改）") || len(got.SchoolIDs) != 1 || got.SchoolIDs[0] != f.paired.ID {
		t.Errorf("after update: %q %v", got.Title, got.SchoolIDs)
	}
	if _, err := s.UpdateActivity(ctx, Activity{TermID: f.term.ID}); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateActivity without id: %v", err)
	}
	if _, err := s.Activity(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Activity(nope): %v", err)
	}
}

func TestActivityValidate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	ok := Activity{TermID: f.term.ID, TypeID: f.types[TypeOpenLesson], Title: "公开课", Sched: InWeek(3)}
	tests := []struct {
		name    string
		change  func(a *Activity)
		field   string
		problem Problem
	}{
		{"no title", func(a *Activity) { a.Title = "" }, "title", Required},
		{"long title", func(a *Activity) { a.Title = strings.Repeat("课", MaxShort+1) }, "title", TooLong},
		{"no type", func(a *Activity) { a.TypeID = "" }, "type", Required},
		{"unknown type", func(a *Activity) { a.TypeID = "nope" }, "type", Unknown},
		{"unknown host", func(a *Activity) { a.HostID = "nope" }, "host", Unknown},
		{"unknown school", func(a *Activity) { a.SchoolIDs = []string{"nope"} }, "schools", Unknown},
		{"unknown term", func(a *Activity) { a.TermID = "nope" }, "term", Unknown},
		{"bad time", func(a *Activity) { a.Time = "25:00" }, "time", BadValue},
		{"week 0", func(a *Activity) { a.Sched = InWeek(0) }, "week", OutOfRange},
		{"week 21", func(a *Activity) { a.Sched = InWeek(21) }, "week", OutOfRange},
		{"date outside", func(a *Activity) { a.Sched = OnDate(MustDate("2026-08-30")) }, "date", BadDate},
		{"no date", func(a *Activity) { a.Sched = Schedule{Kind: ByDate} }, "date", Required},
		{"month outside", func(a *Activity) { a.Sched = InMonth(Month{2026, time.March}) }, "month", BadDate},
		{"no schedule", func(a *Activity) { a.Sched = Schedule{} }, "schedule", Required},
		{"bad status", func(a *Activity) { a.Status = "later" }, "status", BadValue},
		{"done without date", func(a *Activity) { a.Status = Done }, "done_on", Required},
		{"long note", func(a *Activity) { a.Note = strings.Repeat("记", MaxNote+1) }, "note", TooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ok
			tt.change(&a)
			_, err := f.s.CreateActivity(ctx, a)
			wantField(t, err, tt.field, tt.problem)
		})
	}
	if got := count(t, f.s, "activities"); got != 0 {
		t.Errorf("%d activities written by invalid calls", got)
	}
}

func TestCreateWeekly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	base := Activity{TermID: f.term.ID, TypeID: f.types[TypeResearchMeeting], Title: "语文组教研活动", HostID: f.mentor.ID,
		Place: "三楼会议室", Time: "15:40", Sched: OnDate(MustDate("2026-09-09")), SchoolIDs: []string{f.school.ID}}
	list, err := f.s.CreateWeekly(ctx, base, 2, 18)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 17 {
		t.Fatalf("CreateWeekly made %d, want 17", len(list))
	}
	for i, a := range list {
		w, _ := f.term.WeekOf(a.Sched.Date)
		if w != i+2 || a.Sched.Date.Weekday() != time.Wednesday || a.SeriesID == "" || a.SeriesID != list[0].SeriesID ||
			a.Time != "15:40" || a.Place != "三楼会议室" || a.HostID != f.mentor.ID || a.Status != Planned {
			t.Errorf("copy %d = week %d %v %+v", i, w, a.Sched.Date.Weekday(), a)
		}
	}
	// Each is completed on its own.
	if _, err := f.s.MarkDone(ctx, list[0].ID, list[0].Sched.Date, "12人参加"); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.Activity(ctx, list[1].ID); got.Status != Planned {
		t.Errorf("marking one done changed another: %s", got.Status)
	}

	byWeek := base
	byWeek.Sched = InWeek(5)
	list, err = f.s.CreateWeekly(ctx, byWeek, 19, 20)
	if err != nil || len(list) != 2 || list[0].Sched != InWeek(19) || list[1].Sched != InWeek(20) {
		t.Fatalf("weekly by week = %+v, %v", list, err)
	}

	before := count(t, f.s, "activities")
	tests := []struct {
		name     string
		a        Activity
		from, to int
		field    string
		problem  Problem
	}{
		{"from 0", base, 0, 3, "from_week", OutOfRange},
		{"to before from", base, 5, 4, "to_week", OutOfRange},
		{"past the term", base, 2, 21, "to_week", OutOfRange},
		{"unknown term", Activity{TermID: "nope", TypeID: base.TypeID, Title: "x"}, 2, 3, "term", Unknown},
		{"no title", Activity{TermID: f.term.ID, TypeID: base.TypeID}, 2, 3, "title", Required},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.s.CreateWeekly(ctx, tt.a, tt.from, tt.to)
			wantField(t, err, tt.field, tt.problem)
		})
	}
	if got := count(t, f.s, "activities"); got != before {
		t.Errorf("failed CreateWeekly calls wrote %d activities", got-before)
	}
}

func TestActivityStatus(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	a, err := s.CreateActivity(ctx, Activity{TermID: f.term.ID, TypeID: f.types[TypeOutreach], Title: "送教下乡",
		Sched: OnDate(MustDate("2026-11-11")), SchoolIDs: []string{f.paired.ID}})
	if err != nil {
		t.Fatal(err)
	}
	today := MustDate("2026-11-18")
	if !a.Overdue(today) {
		t.Error("a planned activity last week is not overdue")
	}
	done, err := s.MarkDone(ctx, a.ID, MustDate("2026-11-11"), "送课两节")
	if err != nil {
		t.Fatal(err)
	}
	if done.Status != Done || done.DoneOn != MustDate("2026-11-11") || done.Note != "送课两节" || done.Overdue(today) {
		t.Errorf("MarkDone = %+v", done)
	}
	if got, _ := s.Activity(ctx, a.ID); got.Status != Done || got.Note != "送课两节" || len(got.SchoolIDs) != 1 {
		t.Errorf("stored after MarkDone = %+v", got)
	}
	re, err := s.Reopen(ctx, a.ID)
	if err != nil || re.Status != Planned || !re.DoneOn.IsZero() {
		t.Errorf("Reopen = %+v, %v", re, err)
	}
	c, err := s.Cancel(ctx, a.ID, "下雪")
	if err != nil || c.Status != Cancelled || c.Note != "下雪" || c.Overdue(today) {
		t.Errorf("Cancel = %+v, %v", c, err)
	}
	_, err = s.MarkDone(ctx, a.ID, Date{}, "")
	wantField(t, err, "done_on", Required)
	for name, call := range map[string]func() error{
		"MarkDone": func() error { _, err := s.MarkDone(ctx, "nope", today, ""); return err },
		"Cancel":   func() error { _, err := s.Cancel(ctx, "nope", ""); return err },
		"Reopen":   func() error { _, err := s.Reopen(ctx, "nope"); return err },
		"Postpone": func() error { _, err := s.Postpone(ctx, "nope", InWeek(3), ""); return err },
	} {
		if err := call(); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s(nope): %v, want ErrNotFound", name, err)
		}
	}
	if err := s.Delete(ctx, KindActivity, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkDone(ctx, a.ID, today, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("MarkDone of a deleted activity: %v", err)
	}
}

func TestPostponeAndRestore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	a, err := s.CreateActivity(ctx, Activity{TermID: f.term.ID, TypeID: f.types[TypeLecture], Title: "名师讲座",
		Sched: OnDate(MustDate("2026-12-09"))})
	if err != nil {
		t.Fatal(err)
	}
	prev, _ := s.Activity(ctx, a.ID)
	p1, err := s.Postpone(ctx, a.ID, InWeek(16), "专家行程调整")
	if err != nil {
		t.Fatal(err)
	}
	if p1.Status != Postponed || p1.Sched != InWeek(16) || len(p1.Moves) != 1 {
		t.Errorf("Postpone = %+v", p1)
	}
	after1, _ := s.Activity(ctx, a.ID)
	if _, err := s.Postpone(ctx, a.ID, InMonth(Month{2027, time.January}), "再次延期"); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Activity(ctx, a.ID)
	wantMoves := []Schedule{OnDate(MustDate("2026-12-09")), InWeek(16)}
	if len(got.Moves) != 2 || got.Moves[0].From != wantMoves[0] || got.Moves[1].From != wantMoves[1] ||
		got.Moves[0].Reason != "专家行程调整" || got.First != MustDate("2027-01-01") {
		t.Errorf("after two postponements: sched %v, moves %+v", got.Sched, got.Moves)
	}

	// Undo the second postponement, then the first.
	if _, err := s.RestoreActivity(ctx, after1); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Activity(ctx, a.ID)
	if got.Sched != InWeek(16) || len(got.Moves) != 1 {
		t.Errorf("after undoing one: sched %v, %d moves", got.Sched, len(got.Moves))
	}
	if _, err := s.RestoreActivity(ctx, prev); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Activity(ctx, a.ID)
	if got.Status != Planned || got.Sched != prev.Sched || len(got.Moves) != 0 {
		t.Errorf("after undoing both: %s %v, %d moves", got.Status, got.Sched, len(got.Moves))
	}

	_, err = s.Postpone(ctx, a.ID, InWeek(25), "")
	wantField(t, err, "week", OutOfRange)
	_, err = s.Postpone(ctx, a.ID, InWeek(5), "理由\x00")
	wantField(t, err, "reason", ControlChars)
	if got, _ := s.Activity(ctx, a.ID); got.Sched != prev.Sched || len(got.Moves) != 0 {
		t.Error("a refused postponement changed the activity")
	}
	// Undo of a deletion.
	if err := s.Delete(ctx, KindActivity, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RestoreActivity(ctx, prev); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Activity(ctx, a.ID); got.Deleted() {
		t.Error("RestoreActivity did not undo the deletion")
	}
}

func TestActivityTypes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := MustOpen(t)
	ty, err := s.CreateActivityType(ctx, ActivityType{Code: "sneaky", Name: "家长开放日", NameEn: "Parents' day"})
	if err != nil {
		t.Fatal(err)
	}
	if ty.Code != "" || ty.Pos != len(BuiltinTypes())+1 {
		t.Errorf("CreateActivityType = code %q pos %d, want no code and position %d", ty.Code, ty.Pos, len(BuiltinTypes())+1)
	}
	list, _ := s.ActivityTypes(ctx)
	if last := list[len(list)-1]; last.ID != ty.ID || last.Name != "家长开放日" {
		t.Errorf("the school's own type is not last: %+v", last)
	}
	_, err = s.CreateActivityType(ctx, ActivityType{Name: ""})
	wantField(t, err, "name", Required)
}

func TestScheduleString(t *testing.T) {
	t.Parallel()
	for sc, want := range map[Schedule]string{
		OnDate(MustDate("2026-11-03")): "2026-11-03",
		InWeek(3):                      "w3",
		InMonth(Month{2026, 11}):       "2026-11",
		{}:                             "",
	} {
		if got := sc.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", sc, got, want)
		}
	}
}

func TestProgress(t *testing.T) {
	t.Parallel()
	today := MustDate("2026-11-11")
	act := func(st Status, last string) Activity { return Activity{Status: st, Last: MustDate(last)} }
	var got Progress
	for _, a := range []Activity{
		act(Done, "2026-11-01"),      // done, although its day has passed
		act(Done, "2026-11-20"),      // done early
		act(Planned, "2026-11-10"),   // overdue
		act(Postponed, "2026-11-10"), // overdue
		act(Planned, "2026-11-11"),   // today: still in time
		act(Postponed, "2026-12-01"), // in time
		act(Cancelled, "2026-11-01"), // in none
	} {
		got.Add(a, today)
	}
	if want := (Progress{Done: 2, OnTime: 2, Overdue: 2}); got != want {
		t.Errorf("Progress = %+v, want %+v", got, want)
	}
}

// TestRevertActivities undoes a weekly series and an edit in one transaction: all of it, or,
// when one part is refused, none of it.
func TestRevertActivities(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	base := Activity{TermID: f.term.ID, TypeID: f.types[TypeResearchMeeting], Title: "数学组教研活动",
		Sched: OnDate(MustDate("2026-09-10"))}
	series, err := f.s.CreateWeekly(ctx, base, 1, 8)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(series))
	for i, a := range series {
		ids[i] = a.ID
	}
	other, err := f.s.CreateActivity(ctx, Activity{TermID: f.term.ID, TypeID: f.types[TypeOpenLesson], Title: "《春》", Sched: InWeek(3)})
	if err != nil {
		t.Fatal(err)
	}
	prev, _ := f.s.Activity(ctx, other.ID)
	if _, err := f.s.MarkDone(ctx, other.ID, MustDate("2026-09-23"), "好"); err != nil {
		t.Fatal(err)
	}

	// A part refused (an activity of no term) leaves everything as it was.
	bad := prev
	bad.TermID = "no-such-term"
	if _, err := f.s.RevertActivities(ctx, []Activity{bad}, ids); err == nil {
		t.Fatal("a revert naming no term was taken")
	}
	if n := count(t, f.s, "activities WHERE deleted_at IS NULL"); n != len(series)+1 {
		t.Fatalf("a refused revert deleted part of the series: %d live activities", n)
	}

	back, err := f.s.RevertActivities(ctx, []Activity{prev}, append(ids, "already-gone"))
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != 1 || back[0].Status != Planned {
		t.Errorf("reverted = %+v", back)
	}
	for _, id := range ids {
		if a, err := f.s.Activity(ctx, id); err != nil || !a.Deleted() {
			t.Errorf("%s of the series is still there (%v)", id, err)
		}
	}
	if got, _ := f.s.Activity(ctx, other.ID); got.Status != Planned || got.Note != prev.Note {
		t.Errorf("the edit was not taken back: %+v", got)
	}
}
