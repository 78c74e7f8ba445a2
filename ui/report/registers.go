package report

import (
	"context"
	"fmt"
	"strings"

	"termbook/store"
	"termbook/store/review"
	"termbook/ui/i18n"
)

// Registers is everything of one term that export writes: the registers as tables (an
// activity with its proceedings, 活动留痕; the 集体备课 with their lesson preparation, when
// the term has any) and the observations in full, for their 听课记录表 sheets.
type Registers struct {
	Term         store.Term
	Tables       []Table // activities, observations, guidance, hand-ins, mentor pairs, school pairs, checklist
	Observations []ObservationSheet
}

// ObservationSheet is one observation with the names its paper form shows.
type ObservationSheet struct {
	Observation store.Observation
	School      string
	Teacher     string
	Observer    string
}

// Load reads term t's registers from s in language l, as of today (for the checklist's grades).
func Load(ctx context.Context, s *store.Store, l i18n.Lang, t store.Term, today store.Date) (Registers, error) {
	reg := Registers{Term: t}
	teachers, err := s.Teachers(ctx)
	if err != nil {
		return reg, err
	}
	schools, err := s.Schools(ctx)
	if err != nil {
		return reg, err
	}
	types, err := s.ActivityTypes(ctx)
	if err != nil {
		return reg, err
	}
	acts, err := s.Activities(ctx, t.ID, store.Date{}, store.Date{})
	if err != nil {
		return reg, err
	}
	if err := s.LoadProceedings(ctx, acts); err != nil {
		return reg, err
	}
	rubrics, err := s.Rubrics(ctx)
	if err != nil {
		return reg, err
	}
	obs, err := s.TermObservations(ctx, t.ID)
	if err != nil {
		return reg, err
	}
	pairs, err := s.MentorPairs(ctx, t.ID)
	if err != nil {
		return reg, err
	}
	guidance, err := s.TermGuidance(ctx, t.ID)
	if err != nil {
		return reg, err
	}
	schoolPairs, err := s.SchoolPairs(ctx)
	if err != nil {
		return reg, err
	}
	handins, err := s.TermHandins(ctx, t.ID)
	if err != nil {
		return reg, err
	}
	kinds, err := s.HandinKinds(ctx)
	if err != nil {
		return reg, err
	}
	rv, err := review.Compute(ctx, s, t, today)
	if err != nil {
		return reg, err
	}

	teacherName := names(teachers, func(x store.Teacher) (string, string) { return x.ID, x.Name })
	schoolName := names(schools, func(x store.School) (string, string) { return x.ID, x.Label() })
	typeName := names(types, func(x store.ActivityType) (string, string) { return x.ID, l.TypeName(x) })
	rubricName := names(rubrics, func(x store.Rubric) (string, string) { return x.ID, x.Name })
	sep := l.T(msgListSep)
	people := func(ids []string) string {
		var out []string
		for _, id := range ids {
			out = append(out, teacherName[id])
		}
		return strings.Join(out, sep)
	}
	groupPrep := ""
	for _, x := range types {
		if x.Code == store.TypeGroupPrep {
			groupPrep = x.ID
		}
	}

	activities := Table{Name: l.T(msgSheetActivities), Header: []string{l.T(msgColWeek), l.T(msgColWhen), l.T(msgColType),
		l.T(msgColTitle), l.T(msgColSubject), l.T(msgColHost), l.T(msgColPlace), l.T(msgColTime), l.T(msgColSchools),
		l.T(msgColStatus), l.T(msgColDoneOn), l.T(msgColNote), l.T(msgColChair), l.T(msgColRecorder), l.T(msgColAttendees),
		l.T(msgColAbsent), l.T(msgColMinutes), l.T(msgColSummary), l.T(msgColFiles)}}
	prep := Table{Name: l.T(msgSheetGroupPrep), Header: []string{l.T(msgColWeek), l.T(msgColWhen), l.T(msgColTitle),
		l.T(msgColSubject), l.T(msgColPrepLead), l.T(msgColPrepWith), l.T(msgColPrepUnit), l.T(msgColPrepDraft),
		l.T(msgColPrepTalk), l.T(msgColPrepFinal)}}
	for _, a := range acts {
		week, _ := t.WeekOf(a.First)
		var sch []string
		for _, id := range a.SchoolIDs {
			sch = append(sch, schoolName[id])
		}
		status := l.Status(a.Status)
		if a.Overdue(today) {
			status = l.Overdue()
		}
		p := a.Proceedings
		var absent, files []string
		for _, x := range a.Absentees(teachers) {
			absent = append(absent, x.Name)
		}
		for _, f := range p.Files {
			if f.Caption != "" {
				files = append(files, l.T(msgFileCaption, f.Path, f.Caption))
			} else {
				files = append(files, f.Path)
			}
		}
		activities.Rows = append(activities.Rows, []any{week, when(l, t, a.Sched), typeName[a.TypeID], a.Title, a.Subject,
			teacherName[a.HostID], a.Place, a.Time, strings.Join(sch, "、"), status, a.DoneOn.String(), a.Note,
			teacherName[p.ChairID], teacherName[p.RecorderID], people(p.Attendees), strings.Join(absent, sep),
			p.Minutes, p.Summary, strings.Join(files, "\n")})
		if a.TypeID == groupPrep || p.Prep != (store.GroupPrep{}) {
			prep.Rows = append(prep.Rows, []any{week, when(l, t, a.Sched), a.Title, a.Subject, teacherName[p.Prep.LeadID],
				people(p.Attendees), p.Prep.Unit, p.Prep.Draft, p.Prep.Discussion, p.Prep.Revision})
		}
	}

	// Score columns: the dimensions of every rubric used, in first-seen order, matched by name.
	var dims []string
	dimCol := map[string]int{}
	for _, o := range obs {
		for _, d := range o.Rubric.Dimensions {
			if _, ok := dimCol[d.Name]; !ok {
				dimCol[d.Name] = len(dims)
				dims = append(dims, dimName(l, d))
			}
		}
	}
	observations := Table{Name: l.T(msgSheetObservations), Header: []string{l.T(msgColDate), l.T(msgColWeek), l.T(msgColPeriod),
		l.T(msgColSchool), l.T(msgColSubject), l.T(msgColClass), l.T(msgColTopic), l.T(msgColLessonNo), l.T(msgColUnit),
		l.T(msgColLessonType), l.T(msgColKind), l.T(msgColTeacher), l.T(msgColObserver), l.T(msgColRubric)}}
	observations.Header = append(observations.Header, dims...)
	observations.Header = append(observations.Header, l.T(msgColTotal), l.T(msgColObsGrade), l.T(msgColHighlights),
		l.T(msgColProblems), l.T(msgColSuggestions), l.T(msgColOverall), l.T(msgColFollowUp), l.T(msgColDue))
	for _, o := range obs {
		row := []any{o.On.String(), o.Week, periodCell(o.Period), schoolName[o.SchoolID], o.Subject, o.ClassName, o.Topic,
			periodCell(o.LessonNo), o.Unit, o.LessonType, o.Kind, teacherName[o.TeacherID], teacherName[o.ObserverID],
			rubricName[o.RubricID]}
		scores := make([]any, len(dims))
		for i := range scores {
			scores[i] = ""
		}
		for i, d := range o.Rubric.Dimensions {
			switch {
			case o.GradeOnly && i < len(o.Grades):
				scores[dimCol[d.Name]] = l.GradeLetter(o.Grades[i])
			case !o.GradeOnly && i < len(o.Scores):
				scores[dimCol[d.Name]] = o.Scores[i]
			}
		}
		row = append(row, scores...)
		row = append(row, o.Total, l.GradeLetter(o.Grade), o.Texts.Highlights, o.Texts.Problems, o.Texts.Suggestions,
			o.Texts.Overall, o.FollowUp.Action, o.FollowUp.Due.String())
		observations.Rows = append(observations.Rows, row)
		reg.Observations = append(reg.Observations, ObservationSheet{Observation: o, School: schoolName[o.SchoolID],
			Teacher: teacherName[o.TeacherID], Observer: teacherName[o.ObserverID]})
	}

	pairByID := map[string]store.MentorPair{}
	mentorPairs := Table{Name: l.T(msgSheetPairs), Header: []string{l.T(msgColMentor), l.T(msgColMentee), l.T(msgColSubject), l.T(msgColGoals)}}
	for _, p := range pairs {
		pairByID[p.ID] = p
		mentorPairs.Rows = append(mentorPairs.Rows, []any{teacherName[p.MentorID], teacherName[p.MenteeID], p.Subject, p.Goals})
	}
	guidanceTable := Table{Name: l.T(msgSheetGuidance), Header: []string{l.T(msgColDate), l.T(msgColWeek), l.T(msgColMentor),
		l.T(msgColMentee), l.T(msgColForm), l.T(msgColContent), l.T(msgColReflection)}}
	for _, g := range guidance {
		p := pairByID[g.MentorPairID]
		week, _ := t.WeekOf(g.On)
		guidanceTable.Rows = append(guidanceTable.Rows, []any{g.On.String(), week, teacherName[p.MentorID], teacherName[p.MenteeID],
			l.Form(g.Form), g.Content, g.Reflection})
	}
	schoolPairTable := Table{Name: l.T(msgSheetSchoolPairs), Header: []string{l.T(msgColSupporting), l.T(msgColSupported),
		l.T(msgColAgreedOn), l.T(msgColCycle), l.T(msgColNote)}}
	for _, sp := range schoolPairs {
		schoolPairTable.Rows = append(schoolPairTable.Rows, []any{schoolName[sp.SupportingID], schoolName[sp.SupportedID],
			sp.AgreedOn.String(), sp.CycleYears, sp.Note})
	}
	checklist := ChecklistTable(l, rv)
	checklist.Title = ""
	reg.Tables = []Table{activities, observations, guidanceTable, HandinTable(l, t, handins, teachers, schools, kinds),
		mentorPairs, schoolPairTable, checklist, TeacherTable(l, teachers, schools)}
	if len(prep.Rows) > 0 {
		// After the registers every export has, so their places stay where readers know them.
		reg.Tables = append(reg.Tables, prep)
	}
	return reg, nil
}

// TeacherTable is the roster: each teacher with school, subjects, grade, 职称, 职务 and
// 荣誉/骨干级别, those no longer active marked.
func TeacherTable(l i18n.Lang, teachers []store.Teacher, schools []store.School) Table {
	schoolName := names(schools, func(x store.School) (string, string) { return x.ID, x.Label() })
	t := Table{Name: l.T(msgSheetTeachersRoster), Header: []string{l.T(msgColName), l.T(msgColSchool), l.T(msgColSubject),
		l.T(msgColGradeYear), l.T(msgColRank), l.T(msgColPost), l.T(msgColHonour), l.T(msgColActive)}}
	for _, te := range teachers {
		active := l.T(msgYesWord)
		if !te.Active {
			active = l.T(msgNoWord)
		}
		t.Rows = append(t.Rows, []any{te.Name, schoolName[te.SchoolID], strings.Join(te.Subjects, "、"), te.Grade,
			te.Rank, te.Post, te.Honour, active})
	}
	return t
}

// HandinTable is the register of hand-ins (材料台账): one row per thing handed in, with who
// checked it, the grade and the comment.
func HandinTable(l i18n.Lang, t store.Term, handins []store.Handin, teachers []store.Teacher, schools []store.School, kinds []store.HandinKind) Table {
	teacherName := names(teachers, func(x store.Teacher) (string, string) { return x.ID, x.Name })
	teacherSchool := names(teachers, func(x store.Teacher) (string, string) { return x.ID, x.SchoolID })
	schoolName := names(schools, func(x store.School) (string, string) { return x.ID, x.Label() })
	kindName := names(kinds, func(x store.HandinKind) (string, string) { return x.ID, l.KindName(x) })
	tb := Table{Name: l.T(msgSheetHandins), Header: []string{l.T(msgColDate), l.T(msgColWeek), l.T(msgColTeacherRole),
		l.T(msgColSchool), l.T(msgColHandinKind), l.T(msgColHandinTitle), l.T(msgColCheckedBy), l.T(msgColCheckedOn),
		l.T(msgColHandinGrade), l.T(msgColComment), l.T(msgColFile)}}
	for _, h := range handins {
		week, _ := t.WeekOf(h.On)
		grade := ""
		if h.Grade != "" {
			grade = l.TermGrade(h.Grade)
		}
		tb.Rows = append(tb.Rows, []any{h.On.String(), weekCell(week), teacherName[h.TeacherID], schoolName[teacherSchool[h.TeacherID]], kindName[h.KindID], h.Title,
			h.CheckedBy, h.CheckedOn.String(), grade, h.Comment, h.File})
	}
	return tb
}

// weekCell is a week number, empty for a day outside the term's weeks.
func weekCell(w int) any {
	if w <= 0 {
		return ""
	}
	return w
}

func names[T any](list []T, kv func(T) (string, string)) map[string]string {
	m := make(map[string]string, len(list))
	for _, x := range list {
		k, v := kv(x)
		m[k] = v
	}
	return m
}

// when is an activity's schedule as a register shows it: a date, 第3周 or 2026年11月.
func when(l i18n.Lang, t store.Term, sc store.Schedule) string {
	switch sc.Kind {
	case store.ByDate:
		return sc.Date.String()
	case store.ByWeek:
		return l.Week(sc.Week)
	case store.ByMonth:
		return l.MonthYear(sc.Month)
	}
	return ""
}

func periodCell(p int) any {
	if p == 0 {
		return ""
	}
	return p
}

// sheetName makes a valid, unique worksheet name (at most 31 characters, none of []:*?/\).
func sheetName(name string, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	base := name
	for i := 2; used[name]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		r := []rune(base)
		if len(r)+len(suffix) > 31 {
			r = r[:31-len(suffix)]
		}
		name = string(r) + suffix
	}
	used[name] = true
	return name
}
