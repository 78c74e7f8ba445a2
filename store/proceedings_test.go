package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// recordedFixture is an activity of the 语文 group at both schools, and one more 语文
// teacher and a 数学 teacher at the school, for the absentees.
func recordedFixture(t *testing.T) (*fixture, Activity, Teacher, Teacher) {
	t.Helper()
	ctx := context.Background()
	f := newFixture(t)
	wang, err := f.s.CreateTeacher(ctx, Teacher{SchoolID: f.school.ID, Name: "王丽", Subjects: []string{"语文"}})
	if err != nil {
		t.Fatal(err)
	}
	liu, err := f.s.CreateTeacher(ctx, Teacher{SchoolID: f.school.ID, Name: "刘建国", Subjects: []string{"数学"}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.s.CreateActivity(ctx, Activity{TermID: f.term.ID, TypeID: f.types[TypeResearchMeeting], Title: "语文组教研活动",
		Subject: "语文", Sched: OnDate(MustDate("2026-09-16")), SchoolIDs: []string{f.school.ID}})
	if err != nil {
		t.Fatal(err)
	}
	return f, a, wang, liu
}

func TestProceedings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f, a, wang, _ := recordedFixture(t)
	s := f.s
	if got, _ := s.Activity(ctx, a.ID); got.Proceedings == nil || !got.Proceedings.IsZero() {
		t.Fatalf("a new activity's proceedings = %+v, want loaded and empty", got.Proceedings)
	}
	if got := a.Absentees([]Teacher{f.mentor, wang}); got != nil {
		t.Errorf("absentees before attendance is taken = %v", got)
	}
	p := Proceedings{
		ChairID: f.mentor.ID, RecorderID: f.mentee.ID,
		Attendees: []string{f.mentor.ID, f.mentee.ID, f.mentor.ID, ""},
		Minutes:   "一、学习新课标。\n二、研讨第三单元教学重难点。",
		Summary:   "本次活动按计划完成，12人参加。",
		Files:     []FileRef{{Path: "2026-09/签到表.jpg", Caption: "签到表"}, {Path: "2026-09/照片1.jpg"}},
	}
	got, err := s.SetProceedings(ctx, a.ID, p)
	if err != nil {
		t.Fatal(err)
	}
	if got.UpdatedAt.IsZero() || got.Title != "语文组教研活动" {
		t.Errorf("SetProceedings returned %+v", got)
	}
	back, err := s.Activity(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	bp := back.Proceedings
	if bp.ChairID != f.mentor.ID || bp.RecorderID != f.mentee.ID || bp.Minutes != p.Minutes || bp.Summary != p.Summary ||
		len(bp.Files) != 2 || bp.Files[0] != p.Files[0] || bp.Files[1].Path != "2026-09/照片1.jpg" {
		t.Errorf("read back %+v", bp)
	}
	want := []string{f.mentor.ID, f.mentee.ID}
	slices.Sort(want)
	if !slices.Equal(bp.Attendees, want) {
		t.Errorf("attendees %v, want %v (repeats and blanks dropped)", bp.Attendees, want)
	}
	// Absent: the 语文 teachers of the school taking part who were not there; not 刘建国 (数学),
	// not the teacher of the paired school, which does not take part.
	roster, _ := s.Teachers(ctx)
	other, err := s.CreateTeacher(ctx, Teacher{SchoolID: f.paired.ID, Name: "周文博", Subjects: []string{"语文"}})
	if err != nil {
		t.Fatal(err)
	}
	roster = append(roster, other)
	var absent []string
	for _, x := range back.Absentees(roster) {
		absent = append(absent, x.Name)
	}
	slices.Sort(absent)
	if !slices.Equal(absent, []string{"张三", "王丽"}) {
		t.Errorf("absentees = %v, want 张三 and 王丽", absent)
	}

	// Lists leave the proceedings out; LoadProceedings fills them in, three queries for all.
	list, err := s.Activities(ctx, f.term.ID, Date{}, Date{})
	if err != nil || len(list) != 1 || list[0].Proceedings != nil {
		t.Fatalf("Activities() = %+v, %v", list, err)
	}
	if err := s.LoadProceedings(ctx, list); err != nil {
		t.Fatal(err)
	}
	if list[0].Proceedings.Minutes != p.Minutes || len(list[0].Proceedings.Attendees) != 2 {
		t.Errorf("LoadProceedings: %+v", list[0].Proceedings)
	}
	// Saving an activity read by a list keeps its proceedings; marking it done too.
	list[0].Proceedings = nil
	list[0].Place = "三楼会议室"
	if _, err := s.UpdateActivity(ctx, list[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkDone(ctx, a.ID, MustDate("2026-09-16"), ""); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Activity(ctx, a.ID); again.Proceedings.Minutes != p.Minutes || len(again.Proceedings.Files) != 2 {
		t.Errorf("an update without proceedings lost them: %+v", again.Proceedings)
	}
	// Undo puts back the proceedings as they were.
	if _, err := s.SetProceedings(ctx, a.ID, Proceedings{Minutes: "改过的纪要"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RestoreActivity(ctx, back); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Activity(ctx, a.ID); again.Proceedings.Minutes != p.Minutes || again.Proceedings.ChairID != f.mentor.ID {
		t.Errorf("after the undo: %+v", again.Proceedings)
	}
	// Clearing everything leaves no rows behind.
	if _, err := s.SetProceedings(ctx, a.ID, Proceedings{}); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"activity_records", "activity_attendees", "activity_files"} {
		if n := count(t, s, table); n != 0 {
			t.Errorf("%d rows in %s after clearing", n, table)
		}
	}
}

// 集体备课: 主备人, 参与人 (the attendees), 单元/课题, 初案, 讨论意见, 复案.
func TestGroupPrep(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	p := Proceedings{Attendees: []string{f.mentor.ID, f.mentee.ID}, Prep: GroupPrep{
		LeadID: f.zs.ID, Unit: "三年级上册第三单元《秋天的雨》", Draft: "一、教学目标……",
		Discussion: "导入可以更简洁；朗读指导要分层。", Revision: "一、教学目标（修改后）……"}}
	a, err := s.CreateActivity(ctx, Activity{TermID: f.term.ID, TypeID: f.types[TypeGroupPrep], Title: "语文集体备课",
		Sched: InWeek(3), SchoolIDs: []string{f.school.ID}, Proceedings: &p})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Activity(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Proceedings.Prep != p.Prep {
		t.Errorf("prep = %+v, want %+v", got.Proceedings.Prep, p.Prep)
	}
	// The lead is present even when not listed among the participants.
	if present := got.Proceedings.Present(); !slices.Contains(present, f.zs.ID) || len(present) != 3 {
		t.Errorf("present = %v", present)
	}
	// A weekly series made from it does not copy the record of one meeting.
	series, err := s.CreateWeekly(ctx, Activity{TermID: f.term.ID, TypeID: f.types[TypeGroupPrep], Title: "每周集体备课",
		Sched: InWeek(4), Proceedings: &p}, 4, 5)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Activity(ctx, series[1].ID); !again.Proceedings.IsZero() {
		t.Errorf("the second week of a series has %+v", again.Proceedings)
	}
}

// Every wrong input is refused with the field it concerns, and nothing is written.
func TestProceedingsRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f, a, _, _ := recordedFixture(t)
	s := f.s
	good := Proceedings{Minutes: "纪要", Attendees: []string{f.mentor.ID}}
	if _, err := s.SetProceedings(ctx, a.ID, good); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("纪", MaxLong+1)
	tests := []struct {
		name    string
		p       Proceedings
		field   string
		problem Problem
	}{
		{"unknown attendee", Proceedings{Attendees: []string{f.mentor.ID, "nobody"}}, "attendees", Unknown},
		{"unknown chair", Proceedings{ChairID: "nobody"}, "chair", Unknown},
		{"unknown recorder", Proceedings{RecorderID: "nobody"}, "recorder", Unknown},
		{"unknown lead", Proceedings{Prep: GroupPrep{LeadID: "nobody"}}, "prep_lead", Unknown},
		{"overlong minutes", Proceedings{Minutes: long}, "minutes", TooLong},
		{"overlong summary", Proceedings{Summary: long}, "summary", TooLong},
		{"overlong draft", Proceedings{Prep: GroupPrep{Draft: long}}, "prep_draft", TooLong},
		{"overlong discussion", Proceedings{Prep: GroupPrep{Discussion: long}}, "prep_discussion", TooLong},
		{"overlong revision", Proceedings{Prep: GroupPrep{Revision: long}}, "prep_revision", TooLong},
		{"overlong unit", Proceedings{Prep: GroupPrep{Unit: strings.Repeat("单", MaxShort+1)}}, "prep_unit", TooLong},
		{"control characters", Proceedings{Summary: "小结\x00"}, "summary", ControlChars},
		{"file outside", Proceedings{Files: []FileRef{{Path: "../termbook.db"}}}, "file", Outside},
		{"absolute file", Proceedings{Files: []FileRef{{Path: "/etc/passwd"}}}, "file", Outside},
		{"drive file", Proceedings{Files: []FileRef{{Path: `C:\照片\1.jpg`}}}, "file", Outside},
		{"unclean file", Proceedings{Files: []FileRef{{Path: "a/../../b.jpg"}}}, "file", Outside},
		{"empty file", Proceedings{Files: []FileRef{{Path: ""}}}, "file", Required},
		{"a file twice", Proceedings{Files: []FileRef{{Path: "a.jpg"}, {Path: "a.jpg"}}}, "file", Duplicate},
		{"overlong caption", Proceedings{Files: []FileRef{{Path: "a.jpg", Caption: strings.Repeat("图", MaxShort+1)}}}, "caption", TooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.SetProceedings(ctx, a.ID, tt.p)
			wantField(t, err, tt.field, tt.problem)
			got, _ := s.Activity(ctx, a.ID)
			if got.Proceedings.Minutes != "纪要" || len(got.Proceedings.Attendees) != 1 {
				t.Errorf("a refused save changed the proceedings: %+v", got.Proceedings)
			}
		})
	}
	// A new activity refused for its proceedings is not written at all.
	n := count(t, s, "activities")
	bad := Proceedings{Attendees: []string{"nobody"}}
	_, err := s.CreateActivity(ctx, Activity{TermID: f.term.ID, TypeID: f.types[TypeOther], Title: "x", Sched: InWeek(2), Proceedings: &bad})
	wantField(t, err, "attendees", Unknown)
	if count(t, s, "activities") != n {
		t.Error("a refused activity was written")
	}
	if _, err := s.SetProceedings(ctx, "nope", good); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetProceedings(nope): %v", err)
	}
}

func TestFileRefs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := mustOpenAt(t, filepath.Join(dir, "termbook.db"), Options{})
	files := s.FilesDir()
	if files != filepath.Join(dir, "termbook-files") {
		t.Errorf("FilesDir() = %s", files)
	}
	if err := os.MkdirAll(filepath.Join(files, "2026-09"), 0o755); err != nil {
		t.Fatal(err)
	}
	sheet := filepath.Join(files, "2026-09", "签到表.jpg")
	if err := os.WriteFile(sheet, []byte("jpeg"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{sheet, filepath.Join("2026-09", "签到表.jpg"), "2026-09/签到表.jpg"} {
		if ref, err := s.FileRefFor(in); err != nil || ref != "2026-09/签到表.jpg" {
			t.Errorf("FileRefFor(%s) = %q, %v", in, ref, err)
		}
	}
	outside := filepath.Join(dir, "照片.jpg")
	if err := os.WriteFile(outside, []byte("photo"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := s.FileRefFor(outside)
	wantField(t, err, "file", Outside)
	var ie *InvalidError
	if errors.As(err, &ie) && (ie.Fields[0].Other == "" || ie.Fields[0].Value != outside) {
		t.Errorf("the refusal names %+v, want the path and the folder", ie.Fields[0])
	}
	_, err = s.FileRefFor(filepath.Join("..", "照片.jpg"))
	wantField(t, err, "file", Outside)
	_, err = s.FileRefFor("2026-09/没有.jpg")
	wantField(t, err, "file", NoFile)

	// AddFile copies a file in, once, and numbers a different file of the same name.
	ref, err := s.AddFile(outside, "2026-10")
	if err != nil || ref != "2026-10/照片.jpg" {
		t.Fatalf("AddFile = %q, %v", ref, err)
	}
	if b, _ := os.ReadFile(s.FilePath(ref)); string(b) != "photo" {
		t.Errorf("copied file holds %q", b)
	}
	if again, err := s.AddFile(outside, "2026-10"); err != nil || again != ref {
		t.Errorf("the same file again = %q, %v; want %q", again, err, ref)
	}
	other := filepath.Join(t.TempDir(), "照片.jpg")
	if err := os.WriteFile(other, []byte("another photo"), 0o644); err != nil {
		t.Fatal(err)
	}
	if ref2, err := s.AddFile(other, "2026-10"); err != nil || ref2 != "2026-10/照片-2.jpg" {
		t.Errorf("another file of the same name = %q, %v", ref2, err)
	}
	if in, err := s.AddFile(sheet, "2026-10"); err != nil || in != "2026-09/签到表.jpg" {
		t.Errorf("a file already inside = %q, %v; want it referenced where it is", in, err)
	}
	_, err = s.AddFile(filepath.Join(dir, "没有.jpg"), "")
	wantField(t, err, "file", NoFile)
}
