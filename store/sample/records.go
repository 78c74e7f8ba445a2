package sample

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"termbook/store"
)

// level is how well a teacher usually teaches, as a share of full marks.
func level(t store.Teacher) float64 {
	switch {
	case t.Rank == "新任教师":
		return 0.78
	case t.Honour == "学科带头人":
		return 0.93
	case t.Honour == "" && t.Post == "":
		return 0.84
	}
	return 0.9
}

// lesson is what an observer writes about one lesson; observe fills the rest.
type lesson struct {
	teacher, observer store.Teacher
	on                store.Date
	kind              string // 常态课, 公开课 …
	activityID        string
	topic             string // "" for one of the subject's lessons
	followUp          bool   // the observer leaves a follow-up action
	long              bool   // texts of the history's realistic length

	// The current term's observations are scored with the rubric picked for them and fill
	// the printed form's 课时, 教材 and 总评; the history's keep the default rubric's copy.
	rubric store.Rubric
	form   bool
	autumn bool
	talk   bool // a 说课, not a lesson
}

// observation builds an observation of l, scored around the teacher's level, in the term.
func observation(r *rand.Rand, termID string, today store.Date, l lesson) store.Observation {
	subject := "语文"
	if len(l.teacher.Subjects) > 0 {
		subject = l.teacher.Subjects[0]
	}
	tp := l.topic
	if tp == "" {
		tp = topic(r, subject)
	}
	o := store.Observation{
		TermID: termID, ActivityID: l.activityID, SchoolID: l.teacher.SchoolID,
		TeacherID: l.teacher.ID, ObserverID: l.observer.ID, Subject: subject,
		ClassName: className(r, l.teacher), Topic: tp, LessonType: store.LessonTypes[r.IntN(3)],
		Kind: l.kind, On: l.on, Period: 1 + r.IntN(7), Rubric: store.DefaultRubricSpec(),
	}
	if l.rubric.ID != "" {
		o.RubricID, o.Rubric = l.rubric.ID, l.rubric.Spec
	}
	lv := level(l.teacher)
	if r.IntN(8) == 0 {
		o.GradeOnly = true
		for range o.Rubric.Dimensions {
			o.Grades = append(o.Grades, gradeFor(lv+r.NormFloat64()*0.06))
		}
	} else {
		for _, d := range o.Rubric.Dimensions {
			share := math.Min(1, math.Max(0.5, lv+r.NormFloat64()*0.06))
			o.Scores = append(o.Scores, math.Round(d.Max*share*2)/2)
		}
	}
	t := &o.Texts
	if l.talk {
		t.Process, t.Comments, t.Highlights, t.Problems, t.Suggestions = talkTexts(r, tp)
	} else {
		t.Process, t.Comments, t.Highlights, t.Problems, t.Suggestions = observationTexts(r, subject, tp, l.long)
	}
	if l.form {
		o.LessonNo, o.Unit = 1+r.IntN(2), textbook(subject, o.ClassName, l.autumn)
		if l.talk {
			o.LessonNo, o.ClassName = 0, "" // a talk through a lesson, given without a class
		}
		o.Score()
		t.Overall = overallFor(r, o.Grade)
	}
	if l.followUp {
		f := &o.FollowUp
		f.Action, f.Due = pick(r, fitting(followUpActions, subject)), l.on.AddDays(14)
		if f.Due.Before(today) && r.IntN(10) < 7 {
			f.ClosedOn = minDate(f.Due.AddDays(r.IntN(5)-2), today.AddDays(-1))
			f.ClosedNote = pick(r, closedNotes)
		}
	}
	return o
}

func gradeFor(share float64) string {
	switch {
	case share >= 0.9:
		return store.GradeExcellent
	case share >= 0.8:
		return store.GradeGood
	case share >= 0.6:
		return store.GradeFair
	}
	return store.GradePoor
}

// className is a class the teacher teaches: 三年级(2)班.
func className(r *rand.Rand, t store.Teacher) string {
	grade := t.Grade
	if !strings.HasSuffix(grade, "年级") || strings.Contains(grade, "至") {
		grade = pick(r, []string{"一", "二", "三", "四", "五", "六"}) + "年级"
	}
	return grade + "(" + strconv.Itoa(1+r.IntN(4)) + ")班"
}

// schoolDayIn is a random school day of week w of the term.
func schoolDayIn(r *rand.Rand, t store.Term, w int) store.Date {
	mon, sun := t.WeekRange(w)
	return schoolDay(dayIn(t, w, time.Weekday(1+r.IntN(5))), mon, sun)
}

// writeObservations records the lessons observed so far: the open and report lessons of the
// calendar that are done, and each mentor pair's lessons, every two weeks for keen pairs and
// less for the pair that is behind; with guidance entries after them.
func (c *current) writeObservations() error {
	hd := c.teachers["黄德明"]
	mentorOf := map[string]store.Teacher{}
	for _, p := range c.pairs {
		mentorOf[p.mentee.ID] = p.mentor
	}
	byID := map[string]store.Teacher{}
	for _, t := range c.teachers {
		byID[t.ID] = t
	}
	for _, a := range c.acts {
		if a.Status != store.Done || a.HostID == "" {
			continue
		}
		kind := map[string]string{c.types[store.TypeOpenLesson]: "公开课", c.types[store.TypeReportLesson]: "汇报课",
			c.types[store.TypeQualifying]: "过关课"}[a.TypeID]
		if kind == "" {
			continue
		}
		host := byID[a.HostID]
		observers := []store.Teacher{hd}
		if m, ok := mentorOf[host.ID]; ok {
			observers = append(observers, m)
		}
		for _, p := range c.pairs {
			if p.mentor.ID == host.ID && len(observers) < 3 {
				observers = append(observers, p.mentee)
			}
		}
		for _, ob := range observers {
			if ob.ID == host.ID {
				continue
			}
			_, err := c.b.CreateObservation(observation(c.r, c.term.ID, c.today, c.formed(lesson{teacher: host, observer: ob, on: a.DoneOn,
				kind: kind, activityID: a.ID, topic: topicOf(a.Title), followUp: kind != "公开课"})))
			if err != nil {
				return err
			}
		}
	}

	if err := c.writeTalks(); err != nil {
		return err
	}

	cur := c.term.ClampWeek(c.today)
	for i, p := range c.pairs {
		step := 2
		if p.behind {
			step = 5
		}
		// One keen mentee misses weeks 5–6 and makes the lesson up in weeks 7–8 (补听).
		madeUp := i == len(c.pairs)-1
		var lastTaught string
		for w := 1; w <= cur; w += step {
			lessons := []lesson{
				{teacher: p.mentor, observer: p.mentee, on: schoolDayIn(c.r, c.term, w), kind: "示范课"},
				{teacher: p.mentee, observer: p.mentor, on: schoolDayIn(c.r, c.term, min(w+1, cur)), kind: "常态课", followUp: c.r.IntN(2) == 0},
			}
			switch {
			case madeUp && w == 5:
				lessons = lessons[1:]
			case madeUp && w == 7 && w+1 <= cur:
				lessons = append(lessons, lesson{teacher: p.mentor, observer: p.mentee, on: schoolDayIn(c.r, c.term, w+1), kind: "常态课"})
			}
			for _, l := range lessons {
				if l.on.After(c.today) {
					continue
				}
				o, err := c.b.CreateObservation(observation(c.r, c.term.ID, c.today, c.formed(l)))
				if err != nil {
					return err
				}
				if l.teacher.ID == p.mentee.ID {
					lastTaught = o.ID
				}
			}
			if err := c.guide(p, w, lastTaught); err != nil {
				return err
			}
		}
	}
	return nil
}

// formed is l as the current term records it: scored with its subject's rubric, with the
// printed form's fields.
func (c *current) formed(l lesson) lesson {
	subject := ""
	if len(l.teacher.Subjects) > 0 {
		subject = l.teacher.Subjects[0]
	}
	l.rubric, l.form, l.autumn = c.rubricFor(subject), true, autumn(c.term.Week1)
	return l
}

// writeTalks records the 说课比赛, once held: the 教研室主任 scores three young teachers'
// talks with the 说课 rubric.
func (c *current) writeTalks() error {
	for _, a := range c.acts {
		if a.TypeID != c.types[store.TypeTalkContest] || a.Status != store.Done {
			continue
		}
		for _, name := range []string{"王丽", "吴磊", "马红霞"} {
			l := c.formed(lesson{teacher: c.teachers[name], observer: c.teachers["黄德明"], on: a.DoneOn, kind: "说课",
				activityID: a.ID, talk: true})
			l.rubric = c.talk
			if _, err := c.b.CreateObservation(observation(c.r, c.term.ID, c.today, l)); err != nil {
				return err
			}
		}
	}
	return nil
}

// guide writes a mentor's guidance entry for week w (none some weeks for the pair behind).
func (c *current) guide(p mentorPair, w int, observed string) error {
	on := schoolDayIn(c.r, c.term, w)
	if on.After(c.today) {
		return nil
	}
	form := store.GuidanceForms()[c.r.IntN(5)]
	g := store.Guidance{MentorPairID: p.ID, On: on, Form: form}
	if form == store.FormReview && observed != "" {
		g.ObservationID = observed
	}
	g.Content, g.Reflection = guidanceText(c.r, string(form), p.Subject, topic(c.r, p.Subject))
	_, err := c.b.CreateGuidance(g)
	return err
}

// officeChecker is who checks what teachers hand in (查阅人): the research office's head.
const officeChecker = "黄德明"

// handin records one hand-in on day on; the office checks each month's hand-ins early the
// next month, once that day has come.
func (c *current) handin(who store.Teacher, kind, title string, on store.Date) error {
	if on.After(c.today) {
		return nil
	}
	h := store.Handin{TermID: c.term.ID, TeacherID: who.ID, KindID: store.BuiltinHandinKindID(kind), Title: title, On: on}
	if checked := on.MonthOf().Next().First().AddDays(1 + c.r.IntN(4)); !checked.After(c.today) {
		h.CheckedBy, h.CheckedOn = officeChecker, checked
		if c.r.IntN(3) > 0 {
			h.Grade = []store.TermGradeValue{store.Excellent, store.Good, store.Good, store.Pass}[c.r.IntN(4)]
			h.Comment = pick(c.r, handinComments[kind])
		}
	}
	_, err := c.b.CreateHandin(h)
	return err
}

// writeHandins records what teachers have handed in so far, each checked by the office about
// a week later: each mentee's lesson plans (fewer for the pair that is behind), a teaching
// reflection and, later, what they learnt; each mentor's demo lesson plan and lecture, and a
// written summary at the end of the term; reading notes from about half the teachers by the
// middle of the term.
func (c *current) writeHandins() error {
	cur := c.term.ClampWeek(c.today)
	for _, p := range c.pairs {
		every := 5
		if p.behind {
			every = 12
		}
		for w := 3; w <= cur; w += every {
			if err := c.handin(p.mentee, store.KindLessonPlan, "教案"+topic(c.r, p.Subject), schoolDayIn(c.r, c.term, w)); err != nil {
				return err
			}
		}
		steps := []struct {
			who         store.Teacher
			kind, title string
			week        int
		}{
			{p.mentee, store.KindReflection, "教学反思" + topic(c.r, p.Subject), 6},
			{p.mentee, store.KindInsights, "拜师学艺心得", 10},
			{p.mentor, store.KindDemoPlan, "示范课教案" + topic(c.r, p.Subject), 4},
			{p.mentor, store.KindLecture, p.Subject + "专题讲座", 9},
			{p.mentor, store.KindSummary, "带徒工作总结", c.term.Weeks - 1},
		}
		for _, x := range steps {
			if x.week > cur || (p.behind && x.kind != store.KindDemoPlan) {
				continue
			}
			if err := c.handin(x.who, x.kind, x.title, schoolDayIn(c.r, c.term, x.week)); err != nil {
				return err
			}
		}
	}
	for i, pp := range people {
		if i%2 == 1 || cur < 6 {
			continue
		}
		on := schoolDayIn(c.r, c.term, 2+c.r.IntN(cur-2))
		if err := c.handin(c.teachers[pp.name], store.KindReadingNotes, pick(c.r, readingBooks)+"读书笔记", on); err != nil {
			return err
		}
	}
	return nil
}

// topicOf is the 《…》 part of an activity's title, or "".
func topicOf(title string) string {
	i, j := strings.Index(title, "《"), strings.Index(title, "》")
	if i < 0 || j < i {
		return ""
	}
	return title[i : j+len("》")]
}
