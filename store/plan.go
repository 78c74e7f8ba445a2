package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// PlanItem is one activity of a plan template. It is scheduled in a week of the term (Week),
// in a calendar month (Month), or every week (Weekly); the type is a built-in type code.
type PlanItem struct {
	Type    string
	Title   string
	Subject string
	Week    int        // 第N周, or 0
	Month   time.Month // N月份, or 0
	Weekly  bool       // once a week, every week of the term
	Pairing bool       // a cross-school activity: it names the paired schools
}

// PlanTemplate is a built-in term plan that can be laid onto a new term in one step.
type PlanTemplate struct {
	Name  string // the command-line name: "research-office", "school-pairing"
	Title string // 教研室学期工作安排
	Items []PlanItem
}

// PlanTemplates are the built-in templates, after real plans: a 教研室's term plan (a weekly
// 教研活动, 第3周 open lessons in 语文, 数学, 音乐 and 体育, 第4周 new teachers' report lessons,
// 第11周 a lesson-talk contest, 第16周 qualifying lessons) and a school pairing's monthly
// schedule from October to June.
func PlanTemplates() []PlanTemplate {
	office := PlanTemplate{Name: "research-office", Title: "教研室学期工作安排", Items: []PlanItem{
		{Type: TypeResearchMeeting, Title: "教研活动", Weekly: true},
	}}
	for _, subject := range []string{"语文", "数学", "音乐", "体育"} {
		office.Items = append(office.Items, PlanItem{Type: TypeOpenLesson, Title: subject + "公开课", Subject: subject, Week: 3})
	}
	office.Items = append(office.Items,
		PlanItem{Type: TypeReportLesson, Title: "新任教师汇报课", Week: 4},
		PlanItem{Type: TypeTalkContest, Title: "说课比赛", Week: 11},
		PlanItem{Type: TypeQualifying, Title: "过关课", Week: 16},
	)
	pairing := PlanTemplate{Name: "school-pairing", Title: "结对帮扶月度安排", Items: []PlanItem{
		{Type: TypeOther, Title: "制订结对帮扶计划", Month: time.October, Pairing: true},
		{Type: TypeOther, Title: "签订结对帮扶协议书", Month: time.October, Pairing: true},
		{Type: TypeMentorMeeting, Title: "师徒结对座谈会", Month: time.November, Pairing: true},
		{Type: TypeOutreach, Title: "送教下乡", Month: time.November, Pairing: true},
		{Type: TypeLecture, Title: "名师讲座（课堂教学）", Month: time.December, Pairing: true},
		{Type: TypeResearchMeeting, Title: "期末评价方式改革研讨交流", Month: time.January, Pairing: true},
		{Type: TypeJointMeeting, Title: "两校领导联席会议", Month: time.March, Pairing: true},
		{Type: TypeOther, Title: "学校工作计划交流", Month: time.March, Pairing: true},
		{Type: TypeResearchMeeting, Title: "教学交流、研讨", Month: time.April, Pairing: true},
		{Type: TypeOther, Title: "师傅点评徒弟教学设计", Month: time.April, Pairing: true},
		{Type: TypeLecture, Title: "名师讲座（教育科研）", Month: time.May, Pairing: true},
		{Type: TypeGroupPrep, Title: "集体备课教案共享", Month: time.June, Pairing: true},
		{Type: TypeOther, Title: "小结上半年结对帮扶工作", Month: time.June, Pairing: true},
	}}
	return []PlanTemplate{office, pairing}
}

// PlanTemplateNamed returns the built-in template with that name.
func PlanTemplateNamed(name string) (PlanTemplate, bool) {
	for _, t := range PlanTemplates() {
		if t.Name == name {
			return t, true
		}
	}
	return PlanTemplate{}, false
}

// PlanResult says what laying a plan onto a term did.
type PlanResult struct {
	Created []Activity
	Skipped int // items whose week or month the term does not have
	Retired int // items of a type the school has retired
}

// ApplyTemplate lays template tp onto term termID in one transaction: a weekly item becomes
// one activity per week (a series), a week item goes to that week, a month item to that
// calendar month of the term. Items the term has no week or month for are skipped and
// counted. Pairing items name pairSchools (the two schools of a pairing; may be empty).
func (s *Store) ApplyTemplate(ctx context.Context, termID string, tp PlanTemplate, pairSchools []string) (PlanResult, error) {
	var res PlanResult
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		res = PlanResult{}
		return s.applyTemplate(ctx, tx, termID, tp, pairSchools, &res)
	})
	return res, err
}

// applyTemplate is ApplyTemplate inside tx, adding to res.
func (s *Store) applyTemplate(ctx context.Context, tx *sql.Tx, termID string, tp PlanTemplate, pairSchools []string, res *PlanResult) error {
	t, err := scanTerm(tx.QueryRowContext(ctx, "SELECT "+termCols+" FROM terms WHERE id = ? AND deleted_at IS NULL", termID))
	if err != nil {
		return notFound("term", err)
	}
	typeIDs, err := typeIDsByCode(ctx, tx)
	if err != nil {
		return err
	}
	retired, err := retiredTypes(ctx, tx)
	if err != nil {
		return err
	}
	for _, it := range tp.Items {
		a := Activity{TermID: t.ID, TypeID: typeIDs[it.Type], Title: it.Title, Subject: it.Subject}
		if retired[a.TypeID] {
			res.Retired++
			continue
		}
		if it.Pairing {
			a.SchoolIDs = pairSchools
		}
		var scheds []Schedule
		switch {
		case it.Weekly:
			a.SeriesID = newID()
			for w := 1; w <= t.Weeks; w++ {
				scheds = append(scheds, InWeek(w))
			}
		case it.Week > 0:
			if it.Week <= t.Weeks {
				scheds = append(scheds, InWeek(it.Week))
			}
		case it.Month > 0:
			if m, ok := termMonth(t, it.Month); ok {
				scheds = append(scheds, InMonth(m))
			}
		}
		if len(scheds) == 0 {
			res.Skipped++
			continue
		}
		for _, sc := range scheds {
			b := a
			b.Record, b.Sched = Record{}, sc
			s.touch(&b.Record)
			if err := s.insertActivity(ctx, tx, &b); err != nil {
				return fmt.Errorf("apply %s: %s: %w", tp.Name, it.Title, err)
			}
			res.Created = append(res.Created, b)
		}
	}
	return nil
}

// CopyPlan copies the plan of term fromID into term toID in one transaction, every live
// activity except the cancelled ones, as planned and not done: a dated activity moves to the
// same weekday of the same week number, a week item to the same week, a month item to the
// same calendar month of the new term. Weekly series stay series. Activities whose week or
// month the new term does not have are skipped and counted.
func (s *Store) CopyPlan(ctx context.Context, fromID, toID string) (PlanResult, error) {
	var res PlanResult
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		res = PlanResult{}
		return s.copyPlan(ctx, tx, fromID, toID, &res)
	})
	return res, err
}

// copyPlan is CopyPlan inside tx, adding to res.
func (s *Store) copyPlan(ctx context.Context, tx *sql.Tx, fromID, toID string, res *PlanResult) error {
	var terms [2]Term
	for i, id := range []string{fromID, toID} {
		t, err := scanTerm(tx.QueryRowContext(ctx, "SELECT "+termCols+" FROM terms WHERE id = ? AND deleted_at IS NULL", id))
		if err != nil {
			return notFound("term", err)
		}
		terms[i] = t
	}
	from, to := terms[0], terms[1]
	acts, err := queryWith(ctx, tx, scanActivity, "SELECT "+activityCols+
		" FROM activities WHERE term_id = ? AND deleted_at IS NULL AND status <> 'cancelled' ORDER BY first_day, at_time, title", from.ID)
	if err != nil {
		return err
	}
	schools := map[string][]string{}
	rows, err := tx.QueryContext(ctx, `SELECT s.activity_id, s.school_id FROM activity_schools s
		JOIN activities a ON a.id = s.activity_id WHERE a.term_id = ? AND a.deleted_at IS NULL ORDER BY s.school_id`, from.ID)
	if err != nil {
		return err
	}
	if err := scanRows(rows, func(rows *sql.Rows) error {
		var aid, sid string
		if err := rows.Scan(&aid, &sid); err != nil {
			return err
		}
		schools[aid] = append(schools[aid], sid)
		return nil
	}); err != nil {
		return err
	}
	retired, err := retiredTypes(ctx, tx)
	if err != nil {
		return err
	}
	series := map[string]string{}
	for _, a := range acts {
		if retired[a.TypeID] {
			res.Retired++
			continue
		}
		sc, ok := moveSchedule(a.Sched, from, to)
		if !ok {
			res.Skipped++
			continue
		}
		b := Activity{TermID: to.ID, TypeID: a.TypeID, Title: a.Title, Subject: a.Subject, HostID: a.HostID,
			Place: a.Place, Time: a.Time, Sched: sc, Status: Planned, SchoolIDs: schools[a.ID]}
		if a.SeriesID != "" {
			if series[a.SeriesID] == "" {
				series[a.SeriesID] = newID()
			}
			b.SeriesID = series[a.SeriesID]
		}
		s.touch(&b.Record)
		if err := s.insertActivity(ctx, tx, &b); err != nil {
			return fmt.Errorf("copy plan: %s: %w", a.Title, err)
		}
		res.Created = append(res.Created, b)
	}
	return nil
}

// moveSchedule places a schedule of term from at the same place in term to.
func moveSchedule(sc Schedule, from, to Term) (Schedule, bool) {
	switch sc.Kind {
	case ByDate:
		w, ok := from.WeekOf(sc.Date)
		if !ok || w > to.Weeks {
			return sc, false
		}
		mon, _ := from.WeekRange(w)
		newMon, _ := to.WeekRange(w)
		return OnDate(newMon.AddDays(sc.Date.Sub(mon))), true
	case ByWeek:
		return sc, sc.Week <= to.Weeks
	case ByMonth:
		m, ok := termMonth(to, sc.Month.Month)
		return InMonth(m), ok
	}
	return sc, false
}

// termMonth finds the calendar month m (October …) among the months term t touches.
func termMonth(t Term, m time.Month) (Month, bool) {
	for _, tm := range t.Months() {
		if tm.Month == m {
			return tm, true
		}
	}
	return Month{}, false
}

func typeIDsByCode(ctx context.Context, q querier) (map[string]string, error) {
	types, err := queryWith(ctx, q, scanActivityType, "SELECT "+activityTypeCols+" FROM activity_types WHERE deleted_at IS NULL")
	if err != nil {
		return nil, err
	}
	ids := map[string]string{}
	for _, t := range types {
		if t.Code != "" {
			ids[t.Code] = t.ID
		}
	}
	return ids, nil
}

// retiredTypes are the ids of the retired activity types.
func retiredTypes(ctx context.Context, q querier) (map[string]bool, error) {
	types, err := queryWith(ctx, q, scanActivityType, "SELECT "+activityTypeCols+" FROM activity_types WHERE active = 0")
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for _, t := range types {
		ids[t.ID] = true
	}
	return ids, nil
}

// PreviousTerm returns the latest live term that starts before term t, or ErrNotFound.
func (s *Store) PreviousTerm(ctx context.Context, t Term) (Term, error) {
	p, err := scanTerm(s.r.QueryRowContext(ctx, "SELECT "+termCols+` FROM terms
		WHERE deleted_at IS NULL AND week1 < ? ORDER BY week1 DESC LIMIT 1`, t.Week1.String()))
	return p, notFound("previous term", err)
}
