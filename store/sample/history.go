package sample

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"termbook/store"
)

// The history is years of past terms at the scale of a county's pairing programme: six
// schools in three pairs, fifty teachers each, and per term about a thousand activities,
// three thousand observations with texts of a realistic length and a thousand guidance
// entries. It exists so that the program is measured on a file of the size a school reaches.

const (
	teachersPerSchool = 50
	historyWeeks      = 20
	pairsPerSchool    = 8
)

var historySchools = []string{"城南实验小学", "石门镇中心小学", "红星路小学", "白杨乡中心小学"}

var (
	surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢")
	given    = []rune("秀英华玉兰桂芳丽敏静燕红霞梅琴云莉娟伟强磊军勇杰涛明超辉建国平刚志文博海鹏飞宇春晓雪婷洁晨浩然佳欣怡")
	subjects = []string{"语文", "语文", "语文", "语文", "数学", "数学", "数学", "英语", "英语", "音乐", "体育", "美术", "科学"}
	titles   = []string{"", "", "", "青年教师", "新任教师", "新任教师", "骨干教师", "骨干教师", "教学能手", "学科带头人"}
	grades   = []string{"一年级", "二年级", "三年级", "四年级", "五年级", "六年级"}
)

// histSchool is one school of the history and its teachers.
type histSchool struct {
	store.School
	partner  int // index of the paired school
	teachers []store.Teacher
}

func writeHistory(ctx context.Context, s *store.Store, cur *current, years int) error {
	r := rand.New(rand.NewPCG(20151001, 2))
	schools := []*histSchool{{School: cur.supporting, partner: 1}, {School: cur.helped, partner: 0}}
	for _, p := range people {
		sc := schools[0]
		if p.helped {
			sc = schools[1]
		}
		sc.teachers = append(sc.teachers, cur.teachers[p.name])
	}
	err := s.Batch(ctx, func(b *store.Batch) error {
		for i, name := range historySchools {
			sc, err := b.CreateSchool(store.School{Name: name, District: "云岭县"})
			if err != nil {
				return err
			}
			partner := len(schools) + 1 - 2*(i%2)
			schools = append(schools, &histSchool{School: sc, partner: partner})
			if i%2 == 1 {
				if _, err := b.CreateSchoolPair(store.SchoolPair{SupportingID: schools[partner].ID, SupportedID: sc.ID,
					AgreedOn: cur.term.Week1.AddDays(-365 * years), CycleYears: 3}); err != nil {
					return err
				}
			}
		}
		for _, sc := range schools {
			for len(sc.teachers) < teachersPerSchool {
				t, err := b.CreateTeacher(titled(store.Teacher{SchoolID: sc.ID, Name: personName(r),
					Subjects: []string{pick(r, subjects)}, Grade: pick(r, grades)}, pick(r, titles)))
				if err != nil {
					return err
				}
				sc.teachers = append(sc.teachers, t)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, week1 := range historyTerms(cur.term.Week1, years) {
		h := &histTerm{r: rand.New(rand.NewPCG(20151001, uint64(100+i))), schools: schools, types: cur.types}
		if err := s.Batch(ctx, func(b *store.Batch) error {
			h.b = b
			return h.write(week1)
		}); err != nil {
			return err
		}
	}
	return nil
}

// realNames are the people named in the plans the sample follows; generated names avoid them.
var realNames = map[string]bool{"李娥": true, "李杰": true, "虞博": true, "阮荣全": true, "王鸿海": true, "孙莹": true,
	"王柏林": true, "寇越有": true, "封修元": true, "李建新": true, "洪流住": true, "朱永兴": true, "陈建杰": true}

// personName is a fictional two- or three-character name.
func personName(r *rand.Rand) string {
	for {
		n := string(surnames[r.IntN(len(surnames))]) + string(given[r.IntN(len(given))])
		if r.IntN(3) > 0 {
			n += string(given[r.IntN(len(given))])
		}
		if !realNames[n] {
			return n
		}
	}
}

// historyTerms are the first Mondays of the 2×years terms before the one starting at
// current, oldest first: autumn terms from the start of September, spring terms from late
// February, twenty weeks each.
func historyTerms(current store.Date, years int) []store.Date {
	var out []store.Date
	for y := current.Year; len(out) < 2*years; y-- {
		for _, d := range []store.Date{{Year: y, Month: time.September, Day: 1}, {Year: y, Month: time.February, Day: 20}} {
			w := mondayOf(d.AddDays(6))
			if w.AddDays(7*historyWeeks).After(current) || len(out) == 2*years {
				continue
			}
			out = append(out, w)
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// histTerm writes one past term.
type histTerm struct {
	b       *store.Batch
	r       *rand.Rand
	schools []*histSchool
	types   map[string]string
	term    store.Term
	lessons []store.Activity // done lessons that observers attend
	pairs   []histPair
}

type histPair struct {
	store.MentorPair
	mentor, mentee store.Teacher
	observed       []string // observations of the mentee
}

func (h *histTerm) write(week1 store.Date) error {
	var err error
	h.term, err = h.b.CreateTerm(store.Term{Name: termName(week1), Week1: week1, Weeks: historyWeeks})
	if err != nil {
		return err
	}
	steps := []func() error{h.writePairs, h.writeActivities, h.writeObservations, h.writeGuidance, h.writeReview}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// titled gives a teacher what a roster's 称号 column said: 新任教师 is a rank (职称), 青年教师
// a young teacher's 二级教师, the rest an honour.
func titled(t store.Teacher, title string) store.Teacher {
	switch title {
	case "新任教师":
		t.Rank = title
	case "青年教师":
		t.Rank = "二级教师"
	default:
		t.Honour = title
	}
	return t
}

func senior(t store.Teacher) bool {
	return t.Honour == "骨干教师" || t.Honour == "教学能手" || t.Honour == "学科带头人"
}

// writePairs pairs junior teachers with senior ones of the same subject, at their own school
// or its partner.
func (h *histTerm) writePairs() error {
	for _, sc := range h.schools {
		pool := append(append([]store.Teacher{}, sc.teachers...), h.schools[sc.partner].teachers...)
		n := 0
		for _, i := range h.r.Perm(len(sc.teachers)) {
			mentee := sc.teachers[i]
			if senior(mentee) || n == pairsPerSchool {
				continue
			}
			var mentors []store.Teacher
			for _, t := range pool {
				if senior(t) && t.Subjects[0] == mentee.Subjects[0] {
					mentors = append(mentors, t)
				}
			}
			if len(mentors) == 0 {
				continue
			}
			mentor := pick(h.r, mentors)
			p, err := h.b.CreateMentorPair(store.MentorPair{TermID: h.term.ID, MentorID: mentor.ID, MenteeID: mentee.ID,
				Subject: mentee.Subjects[0], Goals: "站稳讲台，每两周至少听课一节，学期内上好汇报课和过关课。"})
			if err != nil {
				return err
			}
			h.pairs = append(h.pairs, histPair{MentorPair: p, mentor: mentor, mentee: mentee})
			n++
		}
	}
	return nil
}

// hostFor is a teacher of the subject at the school, seniors first; any teacher if none.
func (h *histTerm) hostFor(sc *histSchool, subject string) store.Teacher {
	var best []store.Teacher
	for _, t := range sc.teachers {
		if t.Subjects[0] == subject && senior(t) {
			best = append(best, t)
		}
	}
	if len(best) == 0 {
		return sc.teachers[h.r.IntN(len(sc.teachers))]
	}
	return best[h.r.IntN(len(best))]
}

// add writes one past activity, settled as history settles: mostly done, a few cancelled,
// postponed and then done, or never done.
func (h *histTerm) add(a store.Activity) error {
	a.TermID = h.term.ID
	first, last := a.Sched.Span(h.term)
	on := a.Sched.Date
	if a.Sched.Kind != store.ByDate {
		on = schoolDay(first.AddDays(h.r.IntN(min(last.Sub(first), 20)+1)), first, last)
	}
	roll := h.r.IntN(100)
	postpone := false
	switch {
	case roll < 4:
		a.Status, a.Note = store.Cancelled, pick(h.r, []string{"放假取消", "与全县质量检测冲突，取消", "停电取消"})
	case roll < 7:
		a.Status = store.Planned
	case roll < 10 && a.Sched.Kind == store.ByDate && on.Weekday() < time.Friday:
		postpone = true
	default:
		a.Status, a.DoneOn, a.Note = store.Done, on, pick(h.r, []string{"按计划完成", "已完成，记录已存档", "已完成", ""})
	}
	a, err := h.b.CreateActivity(a)
	if err != nil {
		return err
	}
	if postpone {
		to := a.Sched.Date.AddDays(1)
		if _, err := h.b.Postpone(a.ID, store.OnDate(to), "与其他活动时间冲突，顺延一天"); err != nil {
			return err
		}
		if a, err = h.b.MarkDone(a.ID, to, "顺延后完成"); err != nil {
			return err
		}
	}
	if a.Status == store.Done && a.HostID != "" {
		switch a.TypeID {
		case h.types[store.TypeOpenLesson], h.types[store.TypeReportLesson], h.types[store.TypeDemoLesson], h.types[store.TypeQualifying]:
			h.lessons = append(h.lessons, a)
		}
	}
	return nil
}

// writeActivities writes each school's weekly meetings and lesson weeks, and each school
// pair's monthly pairing activities.
func (h *histTerm) writeActivities() error {
	t := h.term
	weekly := []struct {
		title, subject, place, at string
		day                       time.Weekday
	}{
		{"语文组教研活动", "语文", "会议室", "15:40", time.Wednesday},
		{"数学组教研活动", "数学", "录播教室", "15:40", time.Thursday},
		{"英语组教研活动", "英语", "英语活动室", "15:40", time.Tuesday},
		{"综合组教研活动", "音乐", "会议室", "16:00", time.Tuesday},
		{"语文集体备课", "语文", "语文办公室", "14:30", time.Monday},
		{"数学集体备课", "数学", "数学办公室", "14:30", time.Monday},
		{"青年教师研修", "", "录播教室", "16:00", time.Friday},
	}
	for _, sc := range h.schools {
		schools := []string{sc.ID}
		for _, w := range weekly {
			host := h.hostFor(sc, w.subject)
			series := uuid.Must(uuid.NewV7()).String()
			for week := 1; week < t.Weeks; week++ {
				if err := h.add(store.Activity{TypeID: h.types[store.TypeResearchMeeting], Title: w.title, Subject: w.subject,
					HostID: host.ID, Place: w.place, Time: w.at, Sched: store.OnDate(dayIn(t, week, w.day)),
					SeriesID: series, SchoolIDs: schools}); err != nil {
					return err
				}
			}
		}
		for i, subject := range []string{"语文", "数学", "音乐", "体育"} {
			if err := h.add(store.Activity{TypeID: h.types[store.TypeOpenLesson], Title: subject + "公开课" + topic(h.r, subject),
				Subject: subject, HostID: h.hostFor(sc, subject).ID, Sched: store.OnDate(dayIn(t, 3, time.Weekday(i+1))), SchoolIDs: schools}); err != nil {
				return err
			}
		}
		for week := 5; week < t.Weeks; week += 2 {
			subject := pick(h.r, subjects)
			if err := h.add(store.Activity{TypeID: h.types[store.TypeDemoLesson], Title: subject + "示范课" + topic(h.r, subject),
				Subject: subject, HostID: h.hostFor(sc, subject).ID, Sched: store.OnDate(schoolDayIn(h.r, t, week)), SchoolIDs: schools}); err != nil {
				return err
			}
		}
		for _, p := range h.pairs {
			if p.mentee.SchoolID != sc.ID || p.mentee.Rank != "新任教师" {
				continue
			}
			subject := p.mentee.Subjects[0]
			for _, l := range []struct {
				typ, title string
				week       int
			}{{store.TypeReportLesson, "汇报课", 4}, {store.TypeQualifying, "过关课", 16}} {
				if err := h.add(store.Activity{TypeID: h.types[l.typ], Title: l.title + topic(h.r, subject) + p.mentee.Name,
					Subject: subject, HostID: p.mentee.ID, Sched: store.OnDate(schoolDayIn(h.r, t, l.week)), SchoolIDs: schools}); err != nil {
					return err
				}
			}
		}
		others := []store.Activity{
			{TypeID: h.types[store.TypeOther], Title: "制订教研组工作计划", Sched: store.InWeek(1)},
			{TypeID: h.types[store.TypeTalkContest], Title: "青年教师说课比赛", Sched: store.InWeek(11)},
			{TypeID: h.types[store.TypeOther], Title: "期中教学质量分析会", Sched: store.InWeek(10)},
			{TypeID: h.types[store.TypeOther], Title: "期末复习研讨", Sched: store.InWeek(18)},
		}
		for _, m := range t.Months() {
			if !m.First().Before(t.Start()) && !m.Last().After(t.End()) {
				others = append(others, store.Activity{TypeID: h.types[store.TypeOther], Title: "教学常规检查", Sched: store.InMonth(m)})
			}
		}
		for _, a := range others {
			a.SchoolIDs = schools
			if err := h.add(a); err != nil {
				return err
			}
		}
	}
	return h.writePairing()
}

// writePairing writes the monthly pairing activities of each school pair.
func (h *histTerm) writePairing() error {
	titles := []struct{ typ, title string }{
		{store.TypeJointMeeting, "两校领导联席会议"}, {store.TypeMentorMeeting, "师徒结对座谈会"},
		{store.TypeOutreach, "送教下乡"}, {store.TypeLecture, "名师讲座：课堂教学"}, {store.TypeLecture, "名师讲座：教育科研"},
		{store.TypeGroupPrep, "集体备课教案共享"}, {store.TypeOther, "教学交流研讨"}, {store.TypeJointMeeting, "结对帮扶工作小结"},
	}
	for i := 0; i < len(h.schools); i += 2 {
		sup, sub := h.schools[i], h.schools[i+1]
		for k, m := range h.term.Months() {
			if m.Last().Before(h.term.Start().AddDays(7)) || m.First().After(h.term.End()) {
				continue
			}
			for j := 0; j < 2; j++ {
				it := titles[(2*k+j)%len(titles)]
				sched := store.InMonth(m)
				if j == 0 {
					if w, ok := h.term.WeekOf(store.Date{Year: m.Year, Month: m.Month, Day: 12}); ok {
						sched = store.OnDate(dayIn(h.term, w, time.Tuesday))
					}
				}
				if err := h.add(store.Activity{TypeID: h.types[it.typ], Title: it.title, HostID: h.hostFor(sup, "语文").ID,
					Sched: sched, SchoolIDs: []string{sup.ID, sub.ID}}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// writeObservations writes about three thousand observations: the mentor pairs' lessons,
// the calendar's lessons with their observers, and everyday lessons colleagues visit.
func (h *histTerm) writeObservations() error {
	r, t := h.r, h.term
	end := t.End()
	obs := func(l lesson) (store.Observation, error) {
		l.long = true
		return h.b.CreateObservation(observation(r, t.ID, end.AddDays(7), l))
	}
	for i := range h.pairs {
		p := &h.pairs[i]
		for k := 0; k < 9; k++ {
			w := 1 + 2*k + r.IntN(2)
			if _, err := obs(lesson{teacher: p.mentor, observer: p.mentee, on: schoolDayIn(r, t, w), kind: "示范课"}); err != nil {
				return err
			}
			o, err := obs(lesson{teacher: p.mentee, observer: p.mentor, on: schoolDayIn(r, t, w), kind: "常态课", followUp: r.IntN(3) == 0})
			if err != nil {
				return err
			}
			p.observed = append(p.observed, o.ID)
		}
	}
	kinds := map[string]string{h.types[store.TypeOpenLesson]: "公开课", h.types[store.TypeReportLesson]: "汇报课",
		h.types[store.TypeDemoLesson]: "示范课", h.types[store.TypeQualifying]: "过关课"}
	n := 18 * len(h.pairs)
	byID := map[string]store.Teacher{}
	for _, sc := range h.schools {
		for _, te := range sc.teachers {
			byID[te.ID] = te
		}
	}
	for _, a := range h.lessons {
		host := byID[a.HostID]
		sc := h.schoolOf(host)
		for k := 0; k < 4; k++ {
			ob := sc.teachers[r.IntN(len(sc.teachers))]
			if ob.ID == host.ID {
				continue
			}
			if _, err := obs(lesson{teacher: host, observer: ob, on: a.DoneOn, kind: kinds[a.TypeID], activityID: a.ID,
				topic: topicOf(a.Title), followUp: r.IntN(4) == 0}); err != nil {
				return err
			}
			n++
		}
	}
	for ; n < 3000; n++ {
		sc := h.schools[r.IntN(len(h.schools))]
		teacher := sc.teachers[r.IntN(len(sc.teachers))]
		from := sc
		if r.IntN(5) == 0 {
			from = h.schools[sc.partner]
		}
		observer := from.teachers[r.IntN(len(from.teachers))]
		if observer.ID == teacher.ID {
			continue
		}
		if _, err := obs(lesson{teacher: teacher, observer: observer, on: schoolDayIn(r, t, 1+r.IntN(t.Weeks)),
			kind: pick(r, []string{"常态课", "常态课", "常态课", "研讨课", "送教课"}), followUp: r.IntN(3) == 0}); err != nil {
			return err
		}
	}
	return nil
}

func (h *histTerm) schoolOf(t store.Teacher) *histSchool {
	for _, sc := range h.schools {
		if sc.ID == t.SchoolID {
			return sc
		}
	}
	return h.schools[0]
}

// writeGuidance writes twenty guidance entries per mentor pair, about one a week.
func (h *histTerm) writeGuidance() error {
	r := h.r
	for _, p := range h.pairs {
		for k := 0; k < 20; k++ {
			w := 1 + k*h.term.Weeks/20
			form := store.GuidanceForms()[r.IntN(6)]
			g := store.Guidance{MentorPairID: p.ID, On: schoolDayIn(r, h.term, w), Form: form}
			if form == store.FormReview && len(p.observed) > 0 {
				g.ObservationID = pick(r, p.observed)
			}
			tp := topic(r, p.Subject)
			g.Content, g.Reflection = guidanceText(r, string(form), p.Subject, tp)
			g.Content += lines(r, fitting(commentLines, p.Subject), 2, "")
			if _, err := h.b.CreateGuidance(g); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeReview writes the hand-ins, checked by the research office, and the term grades.
func (h *histTerm) writeReview() error {
	r, t := h.r, h.term
	grades := []store.TermGradeValue{store.Excellent, store.Excellent, store.Good, store.Good, store.Good, store.Pass, store.Pass, store.Fail}
	handin := func(who store.Teacher, kind, title string, week int) error {
		hi := store.Handin{TermID: t.ID, TeacherID: who.ID, KindID: store.BuiltinHandinKindID(kind), Title: title,
			On: schoolDayIn(r, t, week)}
		if r.IntN(10) > 0 {
			hi.CheckedBy, hi.CheckedOn = officeChecker, schoolDayIn(r, t, t.Weeks)
		}
		_, err := h.b.CreateHandin(hi)
		return err
	}
	for _, p := range h.pairs {
		for k := 0; k < 2+r.IntN(3); k++ {
			if err := handin(p.mentee, store.KindLessonPlan, "教案"+topic(r, p.Subject), 2+r.IntN(t.Weeks-2)); err != nil {
				return err
			}
		}
		for _, x := range []struct {
			who         store.Teacher
			kind, title string
		}{
			{p.mentee, store.KindReflection, "教学反思"}, {p.mentee, store.KindInsights, "拜师学艺心得"},
			{p.mentor, store.KindLecture, "专题讲座" + topic(r, p.Subject)}, {p.mentor, store.KindDemoPlan, "示范课教案" + topic(r, p.Subject)},
			{p.mentor, store.KindSummary, "带徒工作总结"},
		} {
			if r.IntN(10) == 0 {
				continue
			}
			if err := handin(x.who, x.kind, x.title, 3+r.IntN(t.Weeks-3)); err != nil {
				return err
			}
		}
		if _, err := h.b.SetTermGrade(store.TermGrade{TermID: t.ID, OwnerKind: store.ScopeMentorPair, OwnerID: p.ID,
			Grade: pick(r, grades)}); err != nil {
			return err
		}
	}
	for _, sc := range h.schools {
		for _, te := range sc.teachers {
			if r.IntN(10) < 3 {
				continue
			}
			if err := handin(te, store.KindReadingNotes, pick(r, readingBooks)+"读书笔记", 4+r.IntN(t.Weeks-4)); err != nil {
				return err
			}
		}
	}
	return nil
}
