package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"

	"termbook/store"
	"termbook/ui/i18n"
)

var (
	msgUsageAgenda   = i18n.Msg{Zh: "[--week N | --today] [--json]    列出一周的活动（默认本周）", En: "[--week N | --today] [--json]    list a week's activities (this week by default)"}
	msgFlagWeek      = i18n.Msg{Zh: "列出本学期第 N 周", En: "list week N of the term"}
	msgFlagToday     = i18n.Msg{Zh: "只列出今天的活动", En: "list only today's activities"}
	msgFlagJSON      = i18n.Msg{Zh: "输出 JSON（键名为英文，格式固定）", En: "print JSON (stable English keys)"}
	msgWeekAndToday  = i18n.Msg{Zh: "--week 和 --today 只能用一个。", En: "Use --week or --today, not both."}
	msgWeekRange     = i18n.Msg{Zh: "没有第%d周：%s是第1周到第%d周。", En: "There is no week %d: %s runs from week 1 to week %d."}
	msgNoTerm        = i18n.Msg{Zh: "数据文件里还没有学期：运行 termbook 创建一个，或用 termbook sample 写入示例学期。", En: "The database has no term yet: run termbook to create one, or termbook sample to write the sample term."}
	msgEmptyWeek     = i18n.Msg{Zh: "%s没有安排活动。", En: "Nothing is planned in %s."}
	msgEmptyDay      = i18n.Msg{Zh: "今天没有安排活动。", En: "Nothing is planned today."}
	msgToday         = i18n.Msg{Zh: "%s（今天）", En: "%s (today)"}
	msgDays          = i18n.Msg{Zh: "%s 至 %s", En: "%s to %s"}
	msgAnyDayOfWeek  = i18n.Msg{Zh: "本周内", En: "this week"}
	msgAnyDayOfMonth = i18n.Msg{Zh: "%s份", En: "in %s"}
	msgSummary       = i18n.Msg{Zh: "共 %d 项：完成 %d，待办 %d，逾期 %d。", En: "%d in all: %d done, %d to do, %d overdue."}
	msgOverdueMark   = i18n.Msg{Zh: "!逾期", En: "!overdue"}
	msgSchoolSep     = i18n.Msg{Zh: "、", En: ", "}
)

// The agenda's columns that may be cut to fit the terminal.
const (
	colType    = 2
	colTitle   = 3
	colTeacher = 5
	colPlace   = 6
)

// The agenda's column headings.
var agendaColumns = []i18n.Msg{
	{Zh: "日期", En: "Date"},
	{Zh: "时间", En: "Time"},
	{Zh: "类型", En: "Type"},
	{Zh: "标题", En: "Title"},
	{Zh: "学科", En: "Subject"},
	{Zh: "教师", En: "Teacher"},
	{Zh: "地点", En: "Place"},
	{Zh: "状态", En: "Status"},
}

// runAgenda prints one week of the current term: `termbook agenda [--week N | --today] [--json]`.
func runAgenda(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("agenda")
	week := fs.Int("week", 0, m.lang.T(msgFlagWeek))
	todayOnly := fs.Bool("today", false, m.lang.T(msgFlagToday))
	asJSON := fs.Bool("json", false, m.lang.T(msgFlagJSON))
	if err := m.parse(fs, args, msgUsageAgenda); err != nil {
		return err
	}
	weekGiven := false
	fs.Visit(func(f *flag.Flag) { weekGiven = weekGiven || f.Name == "week" })
	if weekGiven && *todayOnly {
		return errors.New(m.lang.T(msgWeekAndToday))
	}
	s, err := m.openExisting(ctx, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	bk, err := m.loadTerm(ctx, s)
	if err != nil {
		return err
	}
	today := m.today()
	t := bk.term
	n := t.ClampWeek(today)
	if weekGiven {
		if *week < 1 || *week > t.Weeks {
			return errors.New(m.lang.T(msgWeekRange, *week, t.Name, t.Weeks))
		}
		n = *week
	}
	from, to := t.WeekRange(n)
	if *todayOnly {
		from, to = today, today
	}
	acts, err := s.Activities(ctx, t.ID, from, to)
	if err != nil {
		return errors.New(m.lang.Error(err))
	}
	if err := m.hosts(ctx, s, bk, acts); err != nil {
		return err
	}
	sortAgenda(acts)
	if *asJSON {
		if err := s.LoadProceedings(ctx, acts); err != nil {
			return errors.New(m.lang.Error(err))
		}
		if err := m.recordTeachers(ctx, s, bk, acts); err != nil {
			return err
		}
		return writeAgendaJSON(m, bk, n, from, to, today, acts)
	}
	return writeAgendaText(m, bk, n, from, to, today, *todayOnly, acts)
}

// sortAgenda puts activities with a date first, by date and time, then those planned only
// for the week, then those planned only for the month.
func sortAgenda(acts []store.Activity) {
	rank := map[store.SchedKind]int{store.ByDate: 0, store.ByWeek: 1, store.ByMonth: 2}
	slices.SortStableFunc(acts, func(a, b store.Activity) int {
		return cmp.Or(
			cmp.Compare(rank[a.Sched.Kind], rank[b.Sched.Kind]),
			a.First.Compare(b.First),
			cmp.Compare(a.Time, b.Time),
			cmp.Compare(a.Title, b.Title))
	})
}

func writeAgendaText(m *Main, bk *book, week int, from, to, today store.Date, todayOnly bool, acts []store.Activity) error {
	l := m.lang
	w := m.env.stdout
	days := l.T(msgDays, l.Date(from), l.Date(to))
	if todayOnly {
		days = l.T(msgToday, l.Date(today))
	}
	fmt.Fprintf(w, "%s  %s  %s\n", bk.term.Name, l.Week(week), days)
	if len(acts) == 0 {
		fmt.Fprintln(w)
		if todayOnly {
			fmt.Fprintln(w, l.T(msgEmptyDay))
		} else {
			fmt.Fprintln(w, l.T(msgEmptyWeek, l.Week(week)))
		}
		return nil
	}
	fmt.Fprintln(w)
	tb := newTable(m.env.getenv)
	if m.env.width != nil {
		tb.fit = m.env.width()
	}
	tb.shrink = []int{colPlace, colType, colTeacher, colTitle} // the title last: it says the most
	head := make([]string, len(agendaColumns))
	for i, c := range agendaColumns {
		head[i] = l.T(c)
	}
	tb.add(head...)
	var p store.Progress
	for _, a := range acts {
		tb.add(bk.cells(l, a, today, true)...)
		p.Add(a, today)
	}
	if err := tb.write(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, l.T(msgSummary, len(acts), p.Done, p.OnTime+p.Overdue, p.Overdue))
	return nil
}

// book is what a command needs to show activities: the current term and the names behind
// the ids.
type book struct {
	term     store.Term
	types    map[string]store.ActivityType
	teachers map[string]store.Teacher
	schools  map[string]store.School
	// the lists, for the quick-add parser
	typeList    []store.ActivityType
	teacherList []store.Teacher
	schoolList  []store.School
}

// loadBook reads the term around today and the types, teachers and schools.
func (m *Main) loadBook(ctx context.Context, s *store.Store) (*book, error) {
	bk, err := m.loadTerm(ctx, s)
	if err != nil {
		return nil, err
	}
	teachers, err := s.Teachers(ctx)
	if err != nil {
		return nil, errors.New(m.lang.Error(err))
	}
	bk.setTeachers(teachers)
	return bk, nil
}

// loadTerm reads the term around today and the types and schools, but not the teachers: a
// command that shows a few activities reads only their teachers (hosts), not the hundreds a
// school has had in ten years.
func (m *Main) loadTerm(ctx context.Context, s *store.Store) (*book, error) {
	t, err := s.CurrentTerm(ctx, m.today())
	if errors.Is(err, store.ErrNotFound) {
		return nil, errors.New(m.lang.T(msgNoTerm))
	}
	if err != nil {
		return nil, errors.New(m.lang.Error(err))
	}
	bk := &book{term: t, types: map[string]store.ActivityType{}, teachers: map[string]store.Teacher{}, schools: map[string]store.School{}}
	if bk.typeList, err = s.ActivityTypes(ctx); err != nil {
		return nil, errors.New(m.lang.Error(err))
	}
	if bk.schoolList, err = s.Schools(ctx); err != nil {
		return nil, errors.New(m.lang.Error(err))
	}
	for _, x := range bk.typeList {
		bk.types[x.ID] = x
	}
	for _, x := range bk.schoolList {
		bk.schools[x.ID] = x
	}
	return bk, nil
}

// hosts reads the teachers who host acts.
func (m *Main) hosts(ctx context.Context, s *store.Store, bk *book, acts []store.Activity) error {
	ids := make([]string, 0, len(acts))
	for _, a := range acts {
		if a.HostID != "" {
			ids = append(ids, a.HostID)
		}
	}
	teachers, err := s.TeachersByID(ctx, ids)
	if err != nil {
		return errors.New(m.lang.Error(err))
	}
	bk.setTeachers(teachers)
	return nil
}

// recordTeachers reads the teachers the activities' records name and, where attendance was
// taken, those expected there: the teachers of the schools taking part.
func (m *Main) recordTeachers(ctx context.Context, s *store.Store, bk *book, acts []store.Activity) error {
	var ids, schools []string
	for _, a := range acts {
		if p := a.Proceedings; p != nil {
			ids = append(ids, p.Present()...)
			if len(p.Attendees) > 0 {
				schools = append(schools, a.SchoolIDs...)
			}
		}
	}
	named, err := s.TeachersByID(ctx, ids)
	if err != nil {
		return errors.New(m.lang.Error(err))
	}
	expected, err := s.TeachersAt(ctx, schools)
	if err != nil {
		return errors.New(m.lang.Error(err))
	}
	bk.setTeachers(named)
	bk.setTeachers(expected)
	return nil
}

// setTeachers adds the teachers of list not yet known.
func (bk *book) setTeachers(list []store.Teacher) {
	for _, x := range list {
		if _, ok := bk.teachers[x.ID]; !ok {
			bk.teachers[x.ID] = x
			bk.teacherList = append(bk.teacherList, x)
		}
	}
}

// cells are an activity's agenda columns: when, time, type, title, subject, teacher, place
// (with the schools taking part), status. inWeek says the reader already knows the week,
// so a week-only activity reads "this week" rather than its week number.
func (bk *book) cells(l i18n.Lang, a store.Activity, today store.Date, inWeek bool) []string {
	var when string
	switch a.Sched.Kind {
	case store.ByDate:
		when = l.Date(a.Sched.Date)
	case store.ByWeek:
		when = l.Week(a.Sched.Week)
		if inWeek {
			when = l.T(msgAnyDayOfWeek)
		}
	case store.ByMonth:
		when = l.T(msgAnyDayOfMonth, l.MonthYear(a.Sched.Month))
	}
	place := a.Place
	var schools []string
	for _, id := range a.SchoolIDs {
		schools = append(schools, bk.schools[id].Label())
	}
	if len(schools) > 0 {
		place = strings.TrimSpace(place + " @" + strings.Join(schools, l.T(msgSchoolSep)))
	}
	status := l.Status(a.Status)
	if a.Overdue(today) {
		status = l.T(msgOverdueMark)
	}
	return []string{when, a.Time, l.TypeName(bk.types[a.TypeID]), a.Title, l.Subject(a.Subject), bk.teachers[a.HostID].Name, place, status}
}

// agendaJSON is the --json form of the agenda. Its keys are part of termbook's interface:
// add keys, never rename them.
type agendaJSON struct {
	Term       termJSON       `json:"term"`
	Week       int            `json:"week"`
	From       string         `json:"from"`
	To         string         `json:"to"`
	Today      string         `json:"today"`
	Activities []activityJSON `json:"activities"`
}

type termJSON struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Week1 string `json:"week1"`
	Weeks int    `json:"weeks"`
}

type activityJSON struct {
	ID       string   `json:"id"`
	Schedule string   `json:"schedule"` // "date", "week" or "month"
	Date     string   `json:"date,omitempty"`
	Week     int      `json:"week,omitempty"`
	Month    string   `json:"month,omitempty"`
	First    string   `json:"first"`
	Last     string   `json:"last"`
	Time     string   `json:"time"`
	Type     string   `json:"type"`      // the type's code, or "" for a school's own type
	TypeName string   `json:"type_name"` // its Chinese name
	Title    string   `json:"title"`
	Subject  string   `json:"subject"`
	HostID   string   `json:"host_id"`
	Host     string   `json:"host"`
	Place    string   `json:"place"`
	Schools  []string `json:"schools"`
	Status   string   `json:"status"`
	Overdue  bool     `json:"overdue"`
	DoneOn   string   `json:"done_on"`
	Note     string   `json:"note"`

	// What the activity left behind (活动留痕): people by name, with their ids beside.
	ChairID     string         `json:"chair_id"`
	Chair       string         `json:"chair"`
	RecorderID  string         `json:"recorder_id"`
	Recorder    string         `json:"recorder"`
	AttendeeIDs []string       `json:"attendee_ids"`
	Attendees   []string       `json:"attendees"`
	Absent      []string       `json:"absent"` // expected but not recorded as present
	Minutes     string         `json:"minutes"`
	Summary     string         `json:"summary"`
	Files       []fileJSON     `json:"files"`
	GroupPrep   *groupPrepJSON `json:"group_prep,omitempty"` // a 集体备课's lesson preparation, when recorded
}

type fileJSON struct {
	Path    string `json:"path"` // inside the files folder beside the database, with "/"
	Caption string `json:"caption"`
}

type groupPrepJSON struct {
	LeadID     string `json:"lead_id"`
	Lead       string `json:"lead"`
	Unit       string `json:"unit"`
	Draft      string `json:"draft"`
	Discussion string `json:"discussion"`
	Revision   string `json:"revision"`
}

func writeAgendaJSON(m *Main, bk *book, week int, from, to, today store.Date, acts []store.Activity) error {
	out := agendaJSON{
		Term:       termJSON{ID: bk.term.ID, Name: bk.term.Name, Week1: bk.term.Week1.String(), Weeks: bk.term.Weeks},
		Week:       week,
		From:       from.String(),
		To:         to.String(),
		Today:      today.String(),
		Activities: make([]activityJSON, 0, len(acts)),
	}
	for _, a := range acts {
		schools := make([]string, 0, len(a.SchoolIDs))
		for _, id := range a.SchoolIDs {
			schools = append(schools, bk.schools[id].Name)
		}
		typ := bk.types[a.TypeID]
		p := a.Proceedings
		j := activityJSON{
			ID: a.ID, Schedule: string(a.Sched.Kind), Date: a.Sched.Date.String(), Week: a.Sched.Week,
			Month: a.Sched.Month.String(), First: a.First.String(), Last: a.Last.String(), Time: a.Time,
			Type: typ.Code, TypeName: typ.Name, Title: a.Title, Subject: a.Subject,
			HostID: a.HostID, Host: bk.teachers[a.HostID].Name, Place: a.Place, Schools: schools,
			Status: string(a.Status), Overdue: a.Overdue(today), DoneOn: a.DoneOn.String(), Note: a.Note,
			ChairID: p.ChairID, Chair: bk.teachers[p.ChairID].Name, RecorderID: p.RecorderID, Recorder: bk.teachers[p.RecorderID].Name,
			AttendeeIDs: append([]string{}, p.Attendees...), Attendees: []string{}, Absent: []string{},
			Minutes: p.Minutes, Summary: p.Summary, Files: []fileJSON{},
		}
		for _, id := range p.Attendees {
			j.Attendees = append(j.Attendees, bk.teachers[id].Name)
		}
		for _, t := range a.Absentees(bk.teacherList) {
			j.Absent = append(j.Absent, t.Name)
		}
		for _, f := range p.Files {
			j.Files = append(j.Files, fileJSON{Path: f.Path, Caption: f.Caption})
		}
		if g := p.Prep; g != (store.GroupPrep{}) {
			j.GroupPrep = &groupPrepJSON{LeadID: g.LeadID, Lead: bk.teachers[g.LeadID].Name, Unit: g.Unit,
				Draft: g.Draft, Discussion: g.Discussion, Revision: g.Revision}
		}
		out.Activities = append(out.Activities, j)
	}
	enc := json.NewEncoder(m.env.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
