package store

import (
	"context"
	"errors"
	"io"
	"slices"
	"testing"
)

// everyKind is a database holding at least one record of every exchanged table, some of
// them deleted, changed or postponed, as a busy term leaves them.
func everyKind(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := newFixture(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := f.s.CreateSchoolPair(ctx, SchoolPair{SupportingID: f.school.ID, SupportedID: f.paired.ID, AgreedOn: MustDate("2025-10-14"), CycleYears: 3, Note: "三年帮扶"})
	must(err)
	p := f.pair(t)
	ty, err := f.s.CreateActivityType(ctx, ActivityType{Name: "青蓝工程汇报", NameEn: "Mentoring report"})
	must(err)
	a, err := f.s.CreateActivity(ctx, Activity{TermID: f.term.ID, TypeID: ty.ID, Title: "《春》", HostID: f.mentor.ID,
		Place: "多媒体教室", Time: "14:00", Sched: InWeek(3), SchoolIDs: []string{f.school.ID, f.paired.ID}})
	must(err)
	_, err = f.s.Postpone(ctx, a.ID, InMonth(Month{2026, 11}), "下雪")
	must(err)
	done, err := f.s.CreateActivity(ctx, Activity{TermID: f.term.ID, TypeID: f.types[TypeJointMeeting], Title: "联席会议",
		Sched: OnDate(MustDate("2026-09-15"))})
	must(err)
	_, err = f.s.MarkDone(ctx, done.ID, MustDate("2026-09-15"), "顺利")
	must(err)
	_, err = f.s.SetProceedings(ctx, done.ID, Proceedings{ChairID: f.mentor.ID, RecorderID: f.mentee.ID,
		Attendees: []string{f.mentor.ID, f.mentee.ID}, Minutes: "一、议定听课安排\n二、交流帮扶计划", Summary: "双方达成一致",
		Files: []FileRef{{Path: "2026-09/签到表.jpg", Caption: "签到表"}, {Path: "2026-09/合影.jpg"}},
		Prep:  GroupPrep{LeadID: f.mentor.ID, Unit: "第三单元", Draft: "初案", Discussion: "讨论意见", Revision: "复案"}})
	must(err)
	ty.Active = false // retired: the activity keeps it
	_, err = f.s.UpdateActivityType(ctx, ty)
	must(err)
	rubric, err := f.s.CreateRubric(ctx, Rubric{Name: "五项量表", Subject: "数学", Full: 100, Spec: RubricSpec{
		Dimensions: []Dimension{{Name: "目标", NameEn: "Aims", Max: 20, Points: "目标明确、具体"},
			{Name: "过程", NameEn: "Process", Max: 40}, {Name: "效果", NameEn: "Outcomes", Max: 40}},
		Bands: []Band{{GradeExcellent, 85}, {GradeGood, 75}, {GradeFair, 60}, {GradePoor, 0}}}})
	must(err)
	o, err := f.s.CreateObservation(ctx, Observation{TermID: f.term.ID, ActivityID: a.ID, SchoolID: f.school.ID,
		TeacherID: f.mentee.ID, ObserverID: f.mentor.ID, ClassName: "三年级(2)班", On: MustDate("2026-09-16"), Period: 2,
		LessonNo: 2, Unit: "七年级上册第三单元",
		Scores: []float64{9, 13, 13, 18, 13, 13, 9}, Texts: ObservationTexts{Process: "导入\n新授", Comments: "节奏好", Overall: "一节扎实的课"},
		FollowUp: FollowUp{Action: "板书再清楚些", Due: MustDate("2026-10-01")}})
	must(err)
	_, err = f.s.CreateObservation(ctx, Observation{TermID: f.term.ID, SchoolID: f.paired.ID, TeacherID: f.zs.ID,
		ObserverID: f.mentee.ID, On: MustDate("2026-09-17"), RubricID: rubric.ID, GradeOnly: true, Grades: []string{"优", "良", ""}})
	must(err)
	_, err = f.s.CreateGuidance(ctx, Guidance{MentorPairID: p.ID, On: MustDate("2026-09-18"), Form: FormReview, Content: "评《春》",
		Reflection: "学会了评课", ObservationID: o.ID})
	must(err)
	kind, err := f.s.CreateHandinKind(ctx, HandinKind{Name: "课题报告", NameEn: "Research report", Checklist: ChecklistAll})
	must(err)
	_, err = f.s.CreateHandin(ctx, Handin{TermID: f.term.ID, TeacherID: f.mentee.ID, KindID: kind.ID, Title: "课题中期报告",
		On: MustDate("2026-09-20"), CheckedBy: "黄德明", CheckedOn: MustDate("2026-09-22"), Grade: Good, Comment: "数据翔实",
		File: "课题/中期报告.docx"})
	must(err)
	targets, err := f.s.Targets(ctx, f.term.ID)
	must(err)
	targets[0].Required, targets[0].MakeUp, targets[0].Weight = 2, true, 40
	_, err = f.s.UpdateTarget(ctx, targets[0])
	must(err)
	_, err = f.s.CreateTarget(ctx, Target{TermID: f.term.ID, Title: "见面会", Scope: ScopeSchoolPair, Counts: CountActivities,
		TypeID: ty.ID, BothSchools: true, Required: 1, Per: PerYear})
	must(err)
	_, err = f.s.CreateTarget(ctx, Target{TermID: f.term.ID, Title: "交报告", Scope: ScopeTeacher, AppliesTo: "新任教师",
		Counts: CountHandins, KindID: kind.ID, Required: 1, Per: PerTerm})
	must(err)
	_, err = f.s.SaveReport(ctx, Report{TermID: f.term.ID, Unit: "定边第五小学", FilledBy: "王晓梅", ApprovedBy: "黄德明",
		Dated: MustDate("2027-01-15"), Narrative: Narrative{Progress: "开展教研活动二十次。", Results: "新教师过关。",
			Problems: "听课记录偏简。", Plans: "继续结对。"}})
	must(err)
	_, err = f.s.SaveReport(ctx, Report{SchoolYear: SchoolYear(2026), Unit: "定边第五小学", Narrative: Narrative{Plans: "下学年再议。"}})
	must(err)
	_, err = f.s.SetTermGrade(ctx, TermGrade{TermID: f.term.ID, OwnerKind: ScopeTeacher, OwnerID: f.zs.ID, Grade: Good})
	must(err)
	must(f.s.Delete(ctx, KindTeacher, f.zs.ID))
	return f
}

// rowsOf collects a change set in memory.
type rowsOf struct {
	h    ChangeHeader
	recs []tableRow
}

type tableRow struct {
	table string
	row   SyncRow
}

func (c *rowsOf) Header(h ChangeHeader) error { c.h = h; return nil }
func (c *rowsOf) Record(table string, r SyncRow) error {
	c.recs = append(c.recs, tableRow{table, r})
	return nil
}

// changeSet gives Merge records held in memory.
type changeSet struct {
	h    ChangeHeader
	recs []tableRow
}

func (c *changeSet) Header() ChangeHeader { return c.h }
func (c *changeSet) Next() (string, SyncRow, error) {
	if len(c.recs) == 0 {
		return "", nil, io.EOF
	}
	r := c.recs[0]
	c.recs = c.recs[1:]
	return r.table, r.row, nil
}

func changesOf(t testing.TB, s *Store) *rowsOf {
	t.Helper()
	c := &rowsOf{}
	if err := s.Changes(context.Background(), 0, c); err != nil {
		t.Fatal(err)
	}
	return c
}

// receiver is a check of what s sends, as another installation holding s's terms makes it.
func receiver(t testing.TB, s *Store) *RecordCheck {
	t.Helper()
	rc, err := s.NewRecordCheck(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rc.in.self = newID()
	return rc
}

// TestEveryColumnReceived: every exchanged column of every table is read into the record's
// type when a record arrives, so none reaches the database unchecked; and every record an
// installation sends passes the checks of the one that receives it.
func TestEveryColumnReceived(t *testing.T) {
	f := everyKind(t)
	rc := receiver(t, f.s)
	seen := map[string]bool{}
	for _, rec := range changesOf(t, f.s).recs {
		tbl, _ := syncTableNamed(rec.table)
		seen[tbl.name] = true
		if err := rc.Check(rec.table, rec.row); err != nil {
			t.Errorf("%s sent, then refused: %v", rec.table, err)
		}
		cols := tbl.columns()
		read := make([]bool, len(cols))
		// The record columns are the bookkeeping's; the rest must be read by the type.
		for i := range nRecordCols {
			read[i] = true
		}
		r := receivedRow{t: tbl, row: rec.row, cols: cols, read: read}
		if err := tbl.receive(r, &rc.in); err != nil {
			t.Errorf("%s: %v", rec.table, err)
		}
		for i, ok := range read {
			if !ok {
				t.Errorf("%s.%s is stored as received without being read into its type", rec.table, cols[i])
			}
		}
	}
	for _, name := range SyncTables() {
		if !seen[name] {
			t.Errorf("the fixture sends no %s record: add one to everyKind", name)
		}
	}
}

// TestHostileValuesRefused puts into every column of every record a value that would reach
// a terminal as an escape sequence (OSC 52 sets the clipboard), and into every number a
// value of the wrong kind or out of every range: each is refused.
func TestHostileValuesRefused(t *testing.T) {
	f := everyKind(t)
	rc := receiver(t, f.s)
	const osc52 = "\x1b]52;c;aGk=\x07"
	for _, rec := range changesOf(t, f.s).recs {
		tbl, _ := syncTableNamed(rec.table)
		for i, col := range tbl.columns() {
			var tries []any
			switch v := rec.row[i].(type) {
			case string:
				tries = []any{v + osc52, "\x1b[2J"}
			case int64:
				tries = []any{"1", int64(1 << 40)}
				if col == "active" || col == "grade_only" || col == "is_default" || col == "both_schools" || col == "make_up" {
					tries = append(tries, int64(7), int64(-1)) // a flag is 0 or 1
				}
			case float64:
				tries = []any{"1", 1e9, -1.0}
			case []string:
				tries = []any{append(slices.Clone(v), osc52)}
			case nil:
				tries = []any{osc52}
			}
			for _, try := range tries {
				row := slices.Clone(rec.row)
				row[i] = try
				err := rc.Check(rec.table, row)
				var bad *RecordError
				if !errors.As(err, &bad) && !errors.Is(err, ErrBadRecord) {
					t.Errorf("%s.%s = %q accepted: %v", rec.table, col, try, err)
				}
				if bad != nil && slices.ContainsFunc(bad.Err.Fields, func(f FieldError) bool { return hasControl(f.Value, false) }) {
					t.Errorf("%s.%s: the refusal quotes a control character: %v", rec.table, col, bad)
				}
			}
		}
	}
}

// TestReceivedFileOutsideRefused: a hand-in whose file reference would leave the files folder
// beside the database — up and out, from the root, a drive, a Windows path — is refused.
func TestReceivedFileOutsideRefused(t *testing.T) {
	t.Parallel()
	f := everyKind(t)
	rc := receiver(t, f.s)
	tbl, _ := syncTableNamed("handins")
	col := slices.Index(tbl.columns(), "file")
	var handin SyncRow
	for _, rec := range changesOf(t, f.s).recs {
		if rec.table == "handins" {
			handin = rec.row
		}
	}
	if err := rc.Check("handins", handin); err != nil {
		t.Fatalf("the hand-in as sent: %v", err)
	}
	for _, ref := range []string{"../termbook.db", "课题/../../x.docx", "/etc/passwd", `C:\Windows\x.docx`, `课题\x.docx`, "C:x.docx", ".."} {
		row := slices.Clone(handin)
		row[col] = ref
		var bad *RecordError
		if err := rc.Check("handins", row); !errors.As(err, &bad) ||
			!slices.ContainsFunc(bad.Err.Fields, func(fe FieldError) bool { return fe.Field == "file" && fe.Problem == Outside }) {
			t.Errorf("file %q: %v, want refused as outside the folder", ref, err)
		}
	}
}
