package quickadd

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"termbook/store"
	"termbook/store/storetest"
	"termbook/ui/i18n"
)

// The fixture: a 20-week term from Monday 2026-09-07 (so it ends 2027-01-24), today
// Wednesday 2026-09-16 (week 2), two schools and teachers whose names and initials collide.
var (
	fiveSchool   = store.School{Record: store.Record{ID: "s-five"}, Name: "定边第五小学", ShortName: "五小", Active: true}
	houzhuang    = store.School{Record: store.Record{ID: "s-hz"}, Name: "侯庄小学", Active: true}
	zhangSan     = teacher("t-zs", "张三", fiveSchool)
	zhangShan    = teacher("t-zsh", "张山", houzhuang)
	wangWeiFive  = teacher("t-ww5", "王伟", fiveSchool)
	wangWeiHZ    = teacher("t-wwh", "王伟", houzhuang)
	liNa         = teacher("t-ln", "李娜", fiveSchool)
	wangXiaomei  = teacher("t-wxm", "王晓梅", houzhuang)
	fixtureTypes = store.BuiltinTypes()
)

func teacher(id, name string, s store.School) store.Teacher {
	py, in := store.PinyinOf(name)
	return store.Teacher{Record: store.Record{ID: id}, SchoolID: s.ID, Name: name, Pinyin: py, Initials: in, Active: true}
}

func typeID(code string) string {
	for _, t := range fixtureTypes {
		if t.Code == code {
			return t.ID
		}
	}
	panic(code)
}

func fixture() Context {
	return Context{
		Term:     store.Term{Record: store.Record{ID: "term"}, Name: "2026—2027学年第一学期", Week1: storetest.Date("2026-09-07"), Weeks: 20},
		Today:    storetest.Date("2026-09-16"),
		Teachers: []store.Teacher{zhangSan, zhangShan, wangWeiFive, wangWeiHZ, liNa, wangXiaomei},
		Schools:  []store.School{fiveSchool, houzhuang},
		Types:    fixtureTypes,
	}
}

func on(s string) store.Schedule { return store.OnDate(storetest.Date(s)) }

func TestParse(t *testing.T) {
	open, other := typeID(store.TypeOpenLesson), typeID(store.TypeOther)
	tests := []struct {
		text string
		ctx  func(*Context)
		want store.Activity
	}{
		{text: "w3 公开课 语文 《春》 张三 @多媒体教室 周二 14:00", want: store.Activity{
			TypeID: open, Subject: "语文", Title: "《春》", HostID: zhangSan.ID, Place: "多媒体教室", Time: "14:00", Sched: on("2026-09-22")}},
		{text: "11月 联席会议 @侯庄小学", want: store.Activity{
			TypeID: typeID(store.TypeJointMeeting), Title: "联席会议", Sched: store.InMonth(store.Month{Year: 2026, Month: time.November}), SchoolIDs: []string{houzhuang.ID}}},
		{text: `2026-10-13 open-lesson math "Fractions" ln`, want: store.Activity{
			TypeID: open, Subject: "数学", Title: "Fractions", HostID: liNa.ID, Sched: on("2026-10-13")}},
		{text: "w5 公开课 数学 测试课 wxm", want: store.Activity{
			TypeID: open, Subject: "数学", Title: "测试课", HostID: wangXiaomei.ID, Sched: store.InWeek(5)}},
		{text: "第三周 说课比赛", want: store.Activity{TypeID: typeID(store.TypeTalkContest), Title: "说课比赛", Sched: store.InWeek(3)}},
		{text: "第12周 过关课 lina", want: store.Activity{TypeID: typeID(store.TypeQualifying), Title: "过关课", HostID: liNa.ID, Sched: store.InWeek(12)}},
		{text: "10/13 公开课 x", want: store.Activity{TypeID: open, Title: "x", Sched: on("2026-10-13")}},
		{text: "1/5 公开课 x", want: store.Activity{TypeID: open, Title: "x", Sched: on("2027-01-05")}},
		{text: "10月13日 公开课 x", want: store.Activity{TypeID: open, Title: "x", Sched: on("2026-10-13")}},
		{text: "2026年10月13号 公开课 x", want: store.Activity{TypeID: open, Title: "x", Sched: on("2026-10-13")}},
		{text: "明天 教研活动", want: store.Activity{TypeID: typeID(store.TypeResearchMeeting), Title: "教研活动", Sched: on("2026-09-17")}},
		{text: "Tomorrow research-meeting", want: store.Activity{TypeID: typeID(store.TypeResearchMeeting), Title: "Research meeting", Sched: on("2026-09-17")}},
		{text: "today reading Chapter one", want: store.Activity{TypeID: typeID(store.TypeReading), Title: "Chapter one", Sched: on("2026-09-16")}},
		{text: "周五 读书活动 《教育的情调》", want: store.Activity{TypeID: typeID(store.TypeReading), Title: "《教育的情调》", Sched: on("2026-09-18")}},
		{text: "下周二 集体备课 数学", want: store.Activity{TypeID: typeID(store.TypeGroupPrep), Subject: "数学", Title: "集体备课", Sched: on("2026-09-22")}},
		{text: "w4 fri outreach", want: store.Activity{TypeID: typeID(store.TypeOutreach), Title: "Outreach teaching", Sched: on("2026-10-02")}},
		{text: "周日 其他 整理资料", ctx: func(c *Context) { c.Week = 7 }, want: store.Activity{TypeID: other, Title: "整理资料", Sched: on("2026-10-25")}},
		{text: "整理 听课 笔记", want: store.Activity{TypeID: other, Title: "整理 听课 笔记", Sched: store.InWeek(2)}},
		{text: "整理资料", ctx: func(c *Context) { c.Week = 9 }, want: store.Activity{TypeID: other, Title: "整理资料", Sched: store.InWeek(9)}},
		{text: "nov joint-meeting", want: store.Activity{TypeID: typeID(store.TypeJointMeeting), Title: "Joint meeting", Sched: store.InMonth(store.Month{Year: 2026, Month: time.November})}},
		{text: "2027-01 讲座", want: store.Activity{TypeID: other, Title: "讲座", Sched: store.InMonth(store.Month{Year: 2027, Month: time.January})}},
		{text: "9:30 教研活动", want: store.Activity{TypeID: typeID(store.TypeResearchMeeting), Title: "教研活动", Time: "09:30", Sched: store.InWeek(2)}},
		{text: "9：30 教研活动", want: store.Activity{TypeID: typeID(store.TypeResearchMeeting), Title: "教研活动", Time: "09:30", Sched: store.InWeek(2)}},
		{text: `公开课 "Unit 3 ""Hello""" english`, want: store.Activity{TypeID: open, Subject: "英语", Title: `Unit 3 "Hello"`, Sched: store.InWeek(2)}},
		{text: "公开课 “春 晓” ＠五小", want: store.Activity{TypeID: open, Title: "春 晓", SchoolIDs: []string{fiveSchool.ID}, Sched: store.InWeek(2)}},
		{text: "公开课 《春 晓》第二课时", want: store.Activity{TypeID: open, Title: "《春 晓》第二课时", Sched: store.InWeek(2)}},
		{text: `教研活动 @"五小"`, want: store.Activity{TypeID: typeID(store.TypeResearchMeeting), Title: "教研活动", Place: "五小", Sched: store.InWeek(2)}},
		{text: "教研活动 @五小 @侯庄小学 @五小 @三楼会议室", want: store.Activity{TypeID: typeID(store.TypeResearchMeeting), Title: "教研活动",
			Place: "三楼会议室", SchoolIDs: []string{fiveSchool.ID, houzhuang.ID}, Sched: store.InWeek(2)}},
		{text: "联席会议 @五小 @侯庄小学", ctx: func(c *Context) {
			inactive := houzhuang
			inactive.Active = false
			c.Schools = []store.School{fiveSchool, inactive}
		}, want: store.Activity{TypeID: typeID(store.TypeJointMeeting), Title: "联席会议", Place: "侯庄小学",
			SchoolIDs: []string{fiveSchool.ID}, Sched: store.InWeek(2)}},
		{text: "王伟/五小 公开课 x", want: store.Activity{TypeID: open, Title: "x", HostID: wangWeiFive.ID, Sched: store.InWeek(2)}},
		{text: "zs 公开课 x", ctx: func(c *Context) { c.Resolve = map[string]string{"zs": zhangShan.ID} },
			want: store.Activity{TypeID: open, Title: "x", HostID: zhangShan.ID, Sched: store.InWeek(2)}},
		{text: "#舞蹈 公开课 x", want: store.Activity{TypeID: open, Subject: "舞蹈", Title: "x", Sched: store.InWeek(2)}},
		{text: "公开课 示范课 语文 数学", want: store.Activity{TypeID: open, Subject: "语文", Title: "示范课 数学", Sched: store.InWeek(2)}},
		{text: "2026-10-13 周二 公开课", want: store.Activity{TypeID: open, Title: "公开课", Sched: on("2026-10-13")}},
		{text: "a @ b", want: store.Activity{TypeID: other, Title: "a @ b", Sched: store.InWeek(2)}},
		{text: "2026-09-22 公开课 语文 《春》 张三 @多媒体教室 14:00", want: store.Activity{TypeID: open, Subject: "语文", Title: "《春》",
			HostID: zhangSan.ID, Place: "多媒体教室", Time: "14:00", Sched: on("2026-09-22")}},
		{text: `2026-11 联席会议 "联席会议" @侯庄小学`, want: store.Activity{TypeID: typeID(store.TypeJointMeeting), Title: "联席会议",
			Sched: store.InMonth(store.Month{Year: 2026, Month: time.November}), SchoolIDs: []string{houzhuang.ID}}},
		{text: `w3 其他 #舞蹈 "数学" 王伟/侯庄小学 @"五小"`, want: store.Activity{TypeID: other, Subject: "舞蹈", Title: "数学",
			HostID: wangWeiHZ.ID, Place: "五小", Sched: store.InWeek(3)}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			c := fixture()
			if tt.ctx != nil {
				tt.ctx(&c)
			}
			got, err := Parse(tt.text, c)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			want := tt.want
			want.TermID = c.Term.ID
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", tt.text, got, want)
			}
			line := format(got, c)
			back, err := Parse(line, c)
			if err != nil || !reflect.DeepEqual(back, got) {
				t.Errorf("format gave %q, which parses to %+v, %v", line, back, err)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		text string
		ctx  func(*Context)
		want Error
	}{
		{text: "", want: Error{Kind: EmptyText}},
		{text: " \u3000 ", want: Error{Kind: EmptyText}},
		{text: "w3 公开课 \xff", want: Error{Kind: BadText}},
		{text: "w3 公开课", ctx: func(c *Context) { c.Term = store.Term{} }, want: Error{Kind: NoTerm}},
		{text: "w3 @教室 语文", want: Error{Kind: EmptyTitle}},
		{text: `w3 "" 14:00`, want: Error{Kind: EmptyTitle}},
		{text: "x", ctx: func(c *Context) { c.Types = fixtureTypes[:3] }, want: Error{Kind: NoType}},
		{text: "w5 公开课 数学 测试课 qq", want: Error{Kind: UnknownTeacher, Token: "qq"}},
		{text: "w3 公开课 《春》 张小", want: Error{Kind: UnknownTeacher, Token: "张小"}},
		{text: "w3 公开课 x 王伟/七小", want: Error{Kind: UnknownTeacher, Token: "王伟/七小"}},
		{text: "w3 公开课 x zs", want: Error{Kind: AmbiguousTeacher, Token: "zs",
			Candidates: []store.Teacher{zhangSan, zhangShan}, Spellings: []string{"张三", "张山"}}},
		{text: "w3 公开课 x 王伟", want: Error{Kind: AmbiguousTeacher, Token: "王伟",
			Candidates: []store.Teacher{wangWeiFive, wangWeiHZ}, Spellings: []string{"王伟/五小", "王伟/侯庄小学"}}},
		{text: "w99 公开课", want: Error{Kind: WeekOutOfRange, Token: "w99", Min: 1, Max: 20}},
		{text: "第0周 公开课", want: Error{Kind: WeekOutOfRange, Token: "第0周", Min: 1, Max: 20}},
		{text: "W123456789012345678901234567890 x", want: Error{Kind: WeekOutOfRange, Token: "W123456789012345678901234567890", Min: 1, Max: 20}},
		{text: "2026-02-30 x", want: Error{Kind: BadDate, Token: "2026-02-30"}},
		{text: "2/30 x", want: Error{Kind: BadDate, Token: "2/30"}},
		{text: "1.2.3 x", want: Error{Kind: BadDate, Token: "1.2.3"}},
		{text: "2025-10-10 x", want: Error{Kind: DateOutsideTerm, Token: "2025-10-10", First: storetest.Date("2026-09-07"), Last: storetest.Date("2027-01-24")}},
		{text: "7/1 x", want: Error{Kind: DateOutsideTerm, Token: "7/1", First: storetest.Date("2026-09-07"), Last: storetest.Date("2027-01-24")}},
		{text: "昨天 x", ctx: func(c *Context) { c.Today = c.Term.Week1 }, want: Error{Kind: DateOutsideTerm, Token: "昨天", First: storetest.Date("2026-09-07"), Last: storetest.Date("2027-01-24")}},
		{text: "13月 x", want: Error{Kind: BadMonth, Token: "13月"}},
		{text: "7月 x", want: Error{Kind: MonthOutsideTerm, Token: "7月", First: storetest.Date("2026-09-07"), Last: storetest.Date("2027-01-24")}},
		{text: "25:00 x", want: Error{Kind: BadTime, Token: "25:00"}},
		{text: "14:5 x", want: Error{Kind: BadTime, Token: "14:5"}},
		{text: `"abc x`, want: Error{Kind: UnclosedQuote, Token: `"abc x`}},
		{text: "w3 《春 x", want: Error{Kind: UnclosedQuote, Token: "《春 x"}},
		{text: "w3 w4 x", want: Error{Kind: TwoSchedules, Token: "w4", Other: "w3"}},
		{text: "w3 11月 x", want: Error{Kind: TwoSchedules, Token: "11月", Other: "w3"}},
		{text: "2026-10-13 周三 x", want: Error{Kind: TwoSchedules, Token: "周三", Other: "2026-10-13"}},
		{text: "周二 tue x", want: Error{Kind: TwoSchedules, Token: "tue", Other: "周二"}},
		{text: "14:00 15:00 x", want: Error{Kind: TwoTimes, Token: "15:00", Other: "14:00"}},
		{text: "张三 ln x", want: Error{Kind: TwoHosts, Token: "ln", Other: "张三"}},
		{text: "@a @b x", want: Error{Kind: TwoPlaces, Token: "@b", Other: "@a"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			c := fixture()
			if tt.ctx != nil {
				tt.ctx(&c)
			}
			a, err := Parse(tt.text, c)
			var got *Error
			if !errors.As(err, &got) {
				t.Fatalf("Parse(%q) = %+v, %v; want a *quickadd.Error", tt.text, a, err)
			}
			got.schools = nil
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("Parse(%q) error\n got %+v\nwant %+v", tt.text, *got, tt.want)
			}
			for _, l := range []i18n.Lang{i18n.Zh, i18n.En} {
				if msg := got.Message(l); msg == "" || (tt.want.Token != "" && !strings.Contains(msg, tt.want.Token)) {
					t.Errorf("Message(%v) = %q; want a sentence naming %q", l, msg, tt.want.Token)
				}
			}
		})
	}
}

func TestMessages(t *testing.T) {
	c := fixture()
	tests := []struct {
		text   string
		lang   i18n.Lang
		wanted string
	}{
		{"w99 公开课", i18n.Zh, "没有“w99”这一周：本学期是第1周到第20周。"},
		{"w99 open-lesson", i18n.En, `There is no week "w99": this term runs from week 1 to week 20.`},
		{"w3 公开课 x qq", i18n.Zh, "找不到教师“qq”；如果它是标题的一部分，请把标题放进引号或书名号。"},
		{"w3 公开课 x zs", i18n.Zh, "“zs”可能是这几位教师：张三（五小，写作“张三”）、张山（侯庄小学，写作“张山”）；请写得更具体些。"},
		{"w3 open-lesson x 王伟", i18n.En, `"王伟" could be any of these teachers: 王伟 (五小, write 王伟/五小), 王伟 (侯庄小学, write 王伟/侯庄小学); be more specific.`},
		{"2025-10-10 x", i18n.En, `"2025-10-10" is outside this term (2026-09-07 to 2027-01-24).`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.text, c)
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("Parse(%q): %v", tt.text, err)
		}
		if got := e.Message(tt.lang); got != tt.wanted {
			t.Errorf("Message(%q)\n got %s\nwant %s", tt.text, got, tt.wanted)
		}
	}
}

func TestTeacherAndDay(t *testing.T) {
	t.Parallel()
	c := fixture()
	for _, tc := range []struct {
		word string
		want string
		kind ErrorKind
	}{
		{"张三", "张三", 0}, {"zhangsan", "张三", 0}, {"LN", "李娜", 0}, {"王伟/侯庄小学", "王伟", 0}, {"zs", "", AmbiguousTeacher},
		{"qq", "", UnknownTeacher}, {"张", "", UnknownTeacher}, // a prefix is not a name
		{"王伟", "", AmbiguousTeacher},
	} {
		got, err := Teacher(tc.word, c)
		var qe *Error
		switch {
		case tc.kind == 0 && (err != nil || got.Name != tc.want):
			t.Errorf("Teacher(%q) = %s, %v; want %s", tc.word, got.Name, err, tc.want)
		case tc.kind != 0 && (!errors.As(err, &qe) || qe.Kind != tc.kind):
			t.Errorf("Teacher(%q) = %s, %v; want error kind %d", tc.word, got.Name, err, tc.kind)
		}
		if tc.kind == AmbiguousTeacher && qe != nil && len(qe.Candidates) != 2 {
			t.Errorf("Teacher(%q) candidates %+v", tc.word, qe.Candidates)
		}
	}
	for _, tc := range []struct {
		word string
		want string
		kind ErrorKind
	}{
		{"2026-10-13", "2026-10-13", 0}, {"10/13", "2026-10-13", 0}, {"10月13日", "2026-10-13", 0},
		{"今天", "2026-09-16", 0}, {"周一", "2026-09-14", 0}, {"下周一", "2026-09-21", 0},
		{"2026-02-30", "", BadDate}, {"w3", "", NotDay}, {"11月", "", NotDay}, {"abc", "", NotDay}, {"", "", NotDay},
		{"2027-06-01", "", DateOutsideTerm}, {"2026-09-01", "", DateOutsideTerm},
	} {
		got, err := TermDay(tc.word, c)
		var qe *Error
		switch {
		case tc.kind == 0 && (err != nil || got.String() != tc.want):
			t.Errorf("TermDay(%q) = %s, %v; want %s", tc.word, got, err, tc.want)
		case tc.kind != 0 && (!errors.As(err, &qe) || qe.Kind != tc.kind):
			t.Errorf("TermDay(%q) = %s, %v; want error kind %d", tc.word, got, err, tc.kind)
		}
	}
}
