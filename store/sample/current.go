package sample

import (
	"math/rand/v2"
	"strconv"
	"time"

	"termbook/store"
)

// current writes the sample term: two paired schools, a dozen teachers, five mentor pairs
// and the term's plan after the 教研室 plan and the school-pairing plans the program serves,
// with what is done and what is overdue following from today.
type current struct {
	b     *store.Batch
	r     *rand.Rand
	today store.Date
	types map[string]string

	term               store.Term
	supporting, helped store.School
	teachers           map[string]store.Teacher // by name
	pairs              []mentorPair
	acts               []store.Activity        // in the order written
	rubrics            map[string]store.Rubric // by subject; "" for the default
	talk               store.Rubric            // the 说课 rubric
}

// mentorPair is a mentor pair and how keen it is: behind pairs meet less often than the
// targets ask.
type mentorPair struct {
	store.MentorPair
	mentor, mentee store.Teacher
	behind         bool
}

// people of the sample: fictional names. 王丽 and 吴磊 share the initials "wl", so a quick
// add that names "wl" has to ask which one.
var people = []struct {
	name, subject, grade string
	rank, post, honour   string // 职称, 职务, 荣誉/骨干级别
	helped               bool   // teaches at the supported school
}{
	{"陈秀梅", "语文", "六年级", "高级教师", "", "学科带头人", false},
	{"刘建国", "数学", "五年级", "一级教师", "", "骨干教师", false},
	{"赵雅琴", "音乐", "一至六年级", "一级教师", "", "教学能手", false},
	{"孙志强", "体育", "四年级", "一级教师", "", "骨干教师", false},
	{"黄德明", "数学", "六年级", "高级教师", "教研室主任", "", false},
	{"王丽", "语文", "三年级", "新任教师", "", "", false},
	{"吴磊", "数学", "三年级", "新任教师", "", "", true},
	{"李春燕", "语文", "四年级", "二级教师", "", "", true},
	{"何静", "英语", "五年级", "一级教师", "", "教学能手", true},
	{"郑晓东", "体育", "三至六年级", "新任教师", "", "", true},
	{"马红霞", "音乐", "一至六年级", "新任教师", "", "", true},
	{"周文博", "语文", "六年级", "高级教师", "语文教研组长", "骨干教师", true},
}

func (c *current) write() error {
	for _, step := range []func() error{c.writePeople, c.writeRules, c.writeRubrics, c.writePlan, c.settle, c.writeProceedings,
		c.writeObservations, c.writeHandins} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// writeRules makes the sample term's 考核细则 a school's own: the built-in targets with
// weights, making up allowed for the mentees' fortnightly observations (补听), a 听课 rule for
// every teacher with more for new teachers, and a yearly mentor meeting of the paired schools.
func (c *current) writeRules() error {
	targets, err := c.b.Targets(c.term.ID)
	if err != nil {
		return err
	}
	weights := map[store.Metric]int{
		store.MetricMenteeObservations: 20, store.MetricObservesMentor: 20, store.MetricTaughtObserved: 20,
		store.MetricLessonPlans: 20, store.MetricGuidanceMonthly: 20, store.MetricReadingNotes: 40,
		store.MetricJointMeetings: 40, store.MetricPairingMonthly: 40,
	}
	for _, tg := range targets {
		tg.Weight = weights[tg.Metric]
		tg.MakeUp = tg.Metric == store.MetricMenteeObservations
		if _, err := c.b.UpdateTarget(tg); err != nil {
			return err
		}
	}
	for _, tg := range []store.Target{
		{Title: "听课", Scope: store.ScopeTeacher, Counts: store.CountObservationsMade, Required: 8, Per: store.PerTerm, Weight: 60},
		{Title: "听课", Scope: store.ScopeTeacher, AppliesTo: "新任教师", Counts: store.CountObservationsMade, Required: 10, Per: store.PerTerm, Weight: 60},
		{Title: "师徒座谈会", Scope: store.ScopeSchoolPair, Counts: store.CountActivities, TypeID: c.types[store.TypeMentorMeeting], Required: 1, Per: store.PerYear, Weight: 20},
	} {
		tg.TermID = c.term.ID
		if _, err := c.b.CreateTarget(tg); err != nil {
			return err
		}
	}
	return nil
}

func (c *current) writePeople() error {
	var err error
	c.supporting, err = c.b.CreateSchool(store.School{Name: "青山路小学", ShortName: "青山路小", District: "云岭县"})
	if err != nil {
		return err
	}
	c.helped, err = c.b.CreateSchool(store.School{Name: "柳河镇中心小学", ShortName: "柳河小学", District: "云岭县"})
	if err != nil {
		return err
	}
	week1, weeks := TermAround(c.today)
	agreed := mondayOf(week1.AddDays(-330)).AddDays(1) // a Tuesday about a year before
	if _, err := c.b.CreateSchoolPair(store.SchoolPair{SupportingID: c.supporting.ID, SupportedID: c.helped.ID,
		AgreedOn: agreed, CycleYears: 3, Note: "第一轮帮扶三年，每学期两次联席会议，每月至少一次结对活动。"}); err != nil {
		return err
	}
	c.term, err = c.b.CreateTerm(store.Term{Name: termName(week1), Week1: week1, Weeks: weeks})
	if err != nil {
		return err
	}
	c.teachers = make(map[string]store.Teacher, len(people))
	for _, p := range people {
		school := c.supporting.ID
		if p.helped {
			school = c.helped.ID
		}
		t, err := c.b.CreateTeacher(store.Teacher{SchoolID: school, Name: p.name, Subjects: []string{p.subject}, Grade: p.grade,
			Rank: p.rank, Post: p.post, Honour: p.honour})
		if err != nil {
			return err
		}
		c.teachers[p.name] = t
	}
	for _, p := range []struct {
		mentor, mentee, subject, goals string
		behind                         bool
	}{
		{"陈秀梅", "李春燕", "语文", "一学期内能独立完成单元教学设计；朗读指导与课堂评价有明显进步。", false},
		{"刘建国", "吴磊", "数学", "站稳讲台：每两周听课一节，上好第4周汇报课和第16周过关课。", false},
		{"赵雅琴", "马红霞", "音乐", "掌握歌唱教学的基本环节，学期末能上一节校级公开课。", false},
		{"孙志强", "郑晓东", "体育", "规范课堂常规与队列口令，提高练习密度。", true},
		{"陈秀梅", "王丽", "语文", "熟悉低中段教材，写好每周教学反思，学期内读完一本教育专著。", false},
	} {
		mp, err := c.b.CreateMentorPair(store.MentorPair{TermID: c.term.ID, MentorID: c.teachers[p.mentor].ID,
			MenteeID: c.teachers[p.mentee].ID, Subject: p.subject, Goals: p.goals})
		if err != nil {
			return err
		}
		c.pairs = append(c.pairs, mentorPair{MentorPair: mp, mentor: c.teachers[p.mentor], mentee: c.teachers[p.mentee], behind: p.behind})
	}
	return nil
}

// add writes one planned activity.
func (c *current) add(typ, title, subject, host, place, at string, sched store.Schedule, both bool) error {
	a := store.Activity{TermID: c.term.ID, TypeID: c.types[typ], Title: title, Subject: subject,
		Place: place, Time: at, Sched: sched, SchoolIDs: []string{c.supporting.ID}}
	if host != "" {
		a.HostID = c.teachers[host].ID
	}
	if both {
		a.SchoolIDs = append(a.SchoolIDs, c.helped.ID)
	}
	a, err := c.b.CreateActivity(a)
	if err != nil {
		return err
	}
	c.acts = append(c.acts, a)
	return nil
}

// month is the calendar month m of the term (January belongs to the autumn term's second year).
func (c *current) month(m time.Month) store.Month {
	y := c.term.Week1.Year
	if m < c.term.Week1.Month {
		y++
	}
	return store.Month{Year: y, Month: m}
}

// inMonth returns the week of the term that holds day `day` of month m, and whether the
// term has that month at all.
func (c *current) weekInMonth(m time.Month, day int) (int, bool) {
	mo := c.month(m)
	d := store.Date{Year: mo.Year, Month: mo.Month, Day: day}
	return c.term.WeekOf(d)
}

// writePlan writes the term's plan: weekly research meetings, the plan's fixed weeks and the
// pairing plan's monthly activities.
func (c *current) writePlan() error {
	t := c.term
	last := t.Weeks - 2
	weekly := []struct {
		title, subject, host, place string
		day                         time.Weekday
	}{
		{"语文组教研活动", "语文", "陈秀梅", "三楼会议室", time.Wednesday},
		{"数学组教研活动", "数学", "刘建国", "二楼录播教室", time.Thursday},
	}
	for _, w := range weekly {
		a := store.Activity{TermID: t.ID, TypeID: c.types[store.TypeResearchMeeting], Title: w.title, Subject: w.subject,
			HostID: c.teachers[w.host].ID, Place: w.place, Time: "15:40", Sched: store.OnDate(dayIn(t, 2, w.day)),
			SchoolIDs: []string{c.supporting.ID}}
		list, err := c.b.CreateWeekly(a, 2, last)
		if err != nil {
			return err
		}
		c.acts = append(c.acts, list...)
	}

	autumnTerm := autumn(t.Week1)
	lessons := []struct{ subject, host, place, topic string }{
		{"语文", "陈秀梅", "三(2)班教室", "《秋天的雨》"},
		{"数学", "刘建国", "多媒体教室", "《分数的初步认识》"},
		{"音乐", "赵雅琴", "音乐教室", "《大海啊故乡》"},
		{"体育", "孙志强", "操场", "《立定跳远》"},
	}
	if !autumnTerm {
		lessons[0].topic, lessons[1].topic, lessons[2].topic, lessons[3].topic = "《找春天》", "《认识方向》", "《春晓》", "《障碍跑》"
	}
	steps := []func() error{
		func() error {
			return c.add(store.TypeOther, "制订教研组工作计划", "", "黄德明", "", "", store.InWeek(1), false)
		},
		func() error {
			for i, l := range lessons {
				err := c.add(store.TypeOpenLesson, l.subject+"公开课"+l.topic, l.subject, l.host, l.place,
					[]string{"09:00", "10:00", "14:30", "15:30"}[i], store.OnDate(dayIn(t, 3, time.Weekday(i+1))), false)
				if err != nil {
					return err
				}
			}
			return nil
		},
		func() error {
			report := []struct {
				name, subject, topic string
				sched                store.Schedule
			}{
				{"王丽", "语文", "《搭船的鸟》", store.OnDate(dayIn(t, 4, time.Tuesday))},
				{"吴磊", "数学", "《倍的认识》", store.OnDate(dayIn(t, 4, time.Wednesday))},
				{"马红霞", "音乐", "《采山》", store.OnDate(dayIn(t, 4, time.Thursday))},
				{"郑晓东", "体育", "《跳短绳》", store.InWeek(4)},
			}
			for _, r := range report {
				if err := c.add(store.TypeReportLesson, "汇报课"+r.topic+r.name, r.subject, r.name, "", "", r.sched, true); err != nil {
					return err
				}
			}
			return nil
		},
		c.writeGroupPreps,
		func() error {
			return c.add(store.TypeTalkContest, "青年教师说课比赛", "", "黄德明", "二楼录播教室", "14:30", store.InWeek(min(11, t.Weeks)), true)
		},
		func() error {
			for _, n := range []string{"王丽", "吴磊", "马红霞", "郑晓东"} {
				if err := c.add(store.TypeQualifying, "新任教师过关课（"+n+"）", "", n, "", "", store.InWeek(min(16, t.Weeks)), false); err != nil {
					return err
				}
			}
			return nil
		},
		func() error {
			if w, ok := c.weekInMonth(c.midMonth(), 1); ok {
				return c.add(store.TypeOther, "期中教学质量分析会", "", "黄德明", "三楼会议室", "15:40", store.InWeek(w+1), false)
			}
			return nil
		},
		c.writePairing,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// midMonth is the month halfway through the term.
func (c *current) midMonth() time.Month {
	if autumn(c.term.Week1) {
		return time.November
	}
	return time.April
}

// writePairing writes the school-pairing plan's monthly activities, some on a date, some only
// in a week, some only in a month.
func (c *current) writePairing() error {
	const helpedPlace = "柳河镇中心小学"
	type item struct {
		month        time.Month
		typ, title   string
		host, place  string
		day, weekday int // day of month picks the week; weekday 0 schedules by week only
		byMonth      bool
		at           string
	}
	autumnPlan := []item{
		{month: time.October, typ: store.TypeOther, title: "制订结对帮扶计划", byMonth: true},
		{month: time.October, typ: store.TypeJointMeeting, title: "签订结对帮扶协议", host: "黄德明", place: helpedPlace + "会议室", day: 15, weekday: 2, at: "09:30"},
		{month: time.November, typ: store.TypeMentorMeeting, title: "师徒结对座谈会", host: "陈秀梅", place: "三楼会议室", day: 6, weekday: 4, at: "15:40"},
		{month: time.November, typ: store.TypeOutreach, title: "送教下乡（柳河小学）", host: "刘建国", place: helpedPlace, day: 20, weekday: 3, at: "08:30"},
		{month: time.December, typ: store.TypeLecture, title: "名师讲座：课堂教学", host: "陈秀梅", place: "二楼录播教室", day: 10},
		{month: time.January, typ: store.TypeJointMeeting, title: "期末评价方式改革研讨", byMonth: true},
		{month: time.December, typ: store.TypeReading, title: "教师读书交流会", byMonth: true},
	}
	springPlan := []item{
		{month: time.March, typ: store.TypeJointMeeting, title: "两校领导联席会议", host: "黄德明", place: helpedPlace + "会议室", day: 12, weekday: 2, at: "09:30"},
		{month: time.March, typ: store.TypeOther, title: "学校工作计划交流", byMonth: true},
		{month: time.April, typ: store.TypeOther, title: "教学交流研讨", host: "周文博", place: helpedPlace, day: 10},
		{month: time.April, typ: store.TypeMentorMeeting, title: "师傅点评徒弟教学设计", byMonth: true},
		{month: time.May, typ: store.TypeLecture, title: "名师讲座：教育科研", host: "陈秀梅", place: "二楼录播教室", day: 14, weekday: 4, at: "14:30"},
		{month: time.June, typ: store.TypeGroupPrep, title: "集体备课教案共享", byMonth: true},
		{month: time.June, typ: store.TypeJointMeeting, title: "上半年结对帮扶小结", host: "黄德明", place: "三楼会议室", day: 24, weekday: 3, at: "15:40"},
		{month: time.May, typ: store.TypeReading, title: "教师读书交流会", byMonth: true},
	}
	plan := autumnPlan
	if !autumn(c.term.Week1) {
		plan = springPlan
	}
	for _, it := range plan {
		mo := c.month(it.month)
		var sched store.Schedule
		switch {
		case it.byMonth:
			if mo.Last().Before(c.term.Start()) || mo.First().After(c.term.End()) {
				continue
			}
			sched = store.InMonth(mo)
		default:
			w, ok := c.weekInMonth(it.month, it.day)
			if !ok {
				continue
			}
			sched = store.InWeek(w)
			if it.weekday > 0 {
				sched = store.OnDate(dayIn(c.term, w, time.Weekday(it.weekday)))
			}
		}
		if err := c.add(it.typ, it.title, "", it.host, it.place, it.at, sched, true); err != nil {
			return err
		}
	}
	return nil
}

// settle decides, from today, what is done: most past activities are done with a short note,
// a few are left overdue; the weekly meetings that fall on a public holiday are cancelled, and
// one meeting near today is postponed (keeping where it was).
func (c *current) settle() error {
	cancelled := c.cancelHolidays()
	postponed := c.postponedMeeting(cancelled)
	overdue := false
	for i, a := range c.acts {
		if note, ok := cancelled[i]; ok {
			if _, err := c.b.Cancel(a.ID, note); err != nil {
				return err
			}
			continue
		}
		if i == postponed {
			to, reason := c.postponeTo(a.Sched.Date)
			if _, err := c.b.Postpone(a.ID, store.OnDate(to), reason); err != nil {
				return err
			}
			continue
		}
		if !a.Last.Before(c.today) {
			continue
		}
		// Past: done, except about one in ten left undone (overdue).
		if c.r.IntN(10) == 0 {
			overdue = true
			continue
		}
		on := c.doneDay(a)
		if _, err := c.b.MarkDone(a.ID, on, c.doneNote(a)); err != nil {
			return err
		}
		c.acts[i].Status, c.acts[i].DoneOn = store.Done, on
	}
	if !overdue {
		// Keep the most recent past non-weekly activity open, so there is always something
		// overdue to show once the term is under way.
		for i := len(c.acts) - 1; i >= 0; i-- {
			a := c.acts[i]
			if a.SeriesID == "" && a.Status == store.Done && a.Last.Before(c.today) {
				if _, err := c.b.Reopen(a.ID); err != nil {
					return err
				}
				c.acts[i].Status = store.Planned
				break
			}
		}
	}
	return nil
}

// cancelHolidays returns the weekly meetings that fall on a public holiday, by index, with
// the note that cancels them; when none does, the Chinese group's meeting of the middle week
// gives way to the county's quality test.
func (c *current) cancelHolidays() map[int]string {
	out := map[int]string{}
	for i, a := range c.acts {
		if a.SeriesID == "" {
			continue
		}
		if h := holiday(a.Sched.Date); h != "" {
			out[i] = h + "放假，本周教研活动取消"
		}
	}
	if len(out) > 0 {
		return out
	}
	mid := c.term.Weeks / 2
	for i, a := range c.acts {
		if w, _ := c.term.WeekOf(a.Sched.Date); a.Title == "语文组教研活动" && w == mid {
			out[i] = "与全县教学质量检测冲突，本周教研活动取消"
		}
	}
	return out
}

// postponeTo is where the postponed meeting on day d moves: the next day, or when that has
// passed, the first school day after today, so that it still waits to be held.
func (c *current) postponeTo(d store.Date) (store.Date, string) {
	to := d.AddDays(1)
	if to.Before(c.today) {
		if next := schoolDay(c.today.AddDays(1), c.today, c.term.End()); next.After(c.today) && isSchoolDay(next) {
			to = next
		}
	}
	when := "改到" + weekdayNames[to.Weekday()]
	if mondayOf(to) != mondayOf(d) {
		when = "改到下" + weekdayNames[to.Weekday()]
		if to.Sub(mondayOf(d)) >= 14 {
			when = "顺延到" + strconv.Itoa(int(to.Month)) + "月" + strconv.Itoa(to.Day) + "日"
		}
	}
	return to, "与县教学质量抽测时间冲突，" + when
}

var weekdayNames = [...]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// postponedMeeting is the maths group's meeting of this week, or of the nearest week whose
// meeting is neither cancelled nor the day before a holiday; later weeks win ties.
func (c *current) postponedMeeting(cancelled map[int]string) int {
	cur := c.term.ClampWeek(c.today)
	best, bestDist := -1, 0
	for i, a := range c.acts {
		if _, gone := cancelled[i]; gone || a.Title != "数学组教研活动" || !isSchoolDay(a.Sched.Date.AddDays(1)) {
			continue
		}
		w, _ := c.term.WeekOf(a.Sched.Date)
		dist := 2 * (w - cur)
		if dist < 0 {
			dist = 1 - dist
		}
		if best < 0 || dist < bestDist {
			best, bestDist = i, dist
		}
	}
	return best
}

// doneDay is the day a past activity was done: its date, or a school day in its week or
// month before today.
func (c *current) doneDay(a store.Activity) store.Date {
	if a.Sched.Kind == store.ByDate {
		return a.Sched.Date
	}
	last := minDate(a.Last, c.today.AddDays(-1))
	span := last.Sub(a.First)
	d := a.First.AddDays(c.r.IntN(min(span, 20) + 1))
	return schoolDay(d, a.First, last)
}

// doneNote is the short note a teacher types when ticking an activity off.
func (c *current) doneNote(a store.Activity) string {
	n := 12 + c.r.IntN(20)
	switch a.TypeID {
	case c.types[store.TypeResearchMeeting]:
		return pick(c.r, []string{
			"研讨第" + strconv.Itoa(1+c.r.IntN(8)) + "单元教学重难点，" + strconv.Itoa(n) + "人参加",
			"学习新课标，交流作业设计，" + strconv.Itoa(n) + "人参加",
			"集体评课并修改教学设计，记录已存档",
			"交流单元检测情况，确定下阶段辅导名单",
			"",
		})
	case c.types[store.TypeOpenLesson], c.types[store.TypeReportLesson], c.types[store.TypeQualifying]:
		return "已上课，" + strconv.Itoa(n) + "位教师听课，课后评课"
	case c.types[store.TypeJointMeeting]:
		return "两校领导参加，会议纪要已存档"
	case c.types[store.TypeOutreach]:
		return "送课两节，讲座一场，受援校" + strconv.Itoa(n+10) + "名教师参加"
	case c.types[store.TypeLecture]:
		return "讲座资料与签到表已归档"
	case c.types[store.TypeTalkContest]:
		return "评出一等奖2名、二等奖3名"
	}
	return pick(c.r, []string{"按计划完成", "已完成，材料已归档", "已完成"})
}
