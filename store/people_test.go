package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// fixture is a small world most tests start from: a term, two paired schools and teachers.
type fixture struct {
	s                  *Store
	term               Term
	school, paired     School
	mentor, mentee, zs Teacher
	types              map[string]string // code → id
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{s: MustOpen(t), types: map[string]string{}}
	var err error
	if f.term, err = f.s.CreateTerm(ctx, Term{Name: "2026—2027学年第一学期", Week1: MustDate("2026-08-31"), Weeks: 20}); err != nil {
		t.Fatal(err)
	}
	if f.school, err = f.s.CreateSchool(ctx, School{Name: "青山路小学", ShortName: "青山路小"}); err != nil {
		t.Fatal(err)
	}
	if f.paired, err = f.s.CreateSchool(ctx, School{Name: "柳河镇中心小学"}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		t    *Teacher
		name string
	}{{&f.mentor, "陈秀梅"}, {&f.mentee, "李春燕"}, {&f.zs, "张三"}} {
		if *p.t, err = f.s.CreateTeacher(ctx, Teacher{SchoolID: f.school.ID, Name: p.name, Subjects: []string{"语文"}}); err != nil {
			t.Fatal(err)
		}
	}
	types, err := f.s.ActivityTypes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, ty := range types {
		f.types[ty.Code] = ty.ID
	}
	return f
}

func TestSchools(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := MustOpen(t)
	sc, err := s.CreateSchool(ctx, School{Name: "青山路小学", ShortName: "青山路小", District: "云岭县"})
	if err != nil {
		t.Fatal(err)
	}
	if sc.ID == "" || !sc.CreatedAt.Equal(testNow) || sc.UpdatedBy != s.InstallationID() {
		t.Errorf("created school record = %+v", sc.Record)
	}
	got, err := s.School(ctx, sc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "青山路小学" || got.Label() != "青山路小" || got.District != "云岭县" || got.Deleted() {
		t.Errorf("School() = %+v", got)
	}
	got.ShortName = ""
	if _, err := s.UpdateSchool(ctx, got); err != nil {
		t.Fatal(err)
	}
	if got, _ = s.School(ctx, sc.ID); got.Label() != "青山路小学" {
		t.Errorf("Label() after clearing the short name = %q", got.Label())
	}

	_, err = s.CreateSchool(ctx, School{Name: "青山路小学"})
	if !errors.Is(err, ErrConflict) {
		t.Errorf("duplicate school name: %v, want ErrConflict", err)
	}
	if _, err := s.UpdateSchool(ctx, School{Name: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateSchool without id: %v, want ErrNotFound", err)
	}
	if _, err := s.UpdateSchool(ctx, School{Record: Record{ID: "nope"}, Name: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateSchool of a missing id: %v, want ErrNotFound", err)
	}
	if _, err := s.School(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("School(nope): %v, want ErrNotFound", err)
	}

	// A deleted school's name is free again; restoring it collides.
	if err := s.Delete(ctx, KindSchool, sc.ID); err != nil {
		t.Fatal(err)
	}
	list, err := s.Schools(ctx)
	if err != nil || len(list) != 0 {
		t.Fatalf("Schools() after delete = %v, %v", list, err)
	}
	if d, _ := s.School(ctx, sc.ID); !d.Deleted() {
		t.Error("School() of a deleted school is not marked deleted")
	}
	if _, err := s.CreateSchool(ctx, School{Name: "青山路小学"}); err != nil {
		t.Fatalf("reusing a deleted school's name: %v", err)
	}
	if err := s.Restore(ctx, KindSchool, sc.ID); !errors.Is(err, ErrConflict) {
		t.Errorf("restoring onto a taken name: %v, want ErrConflict", err)
	}
}

// A school is created active whatever the caller passes; deactivating keeps it (and its
// teachers) listed but marked, and reactivating brings it back.
func TestSchoolDeactivate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	if !f.school.Active {
		t.Fatal("CreateSchool: new school is not active")
	}
	var batched School
	err := f.s.Batch(ctx, func(b *Batch) error {
		var err error
		batched, err = b.CreateSchool(School{Name: "石门乡小学", Active: false})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.School(ctx, batched.ID); !batched.Active || !got.Active {
		t.Errorf("Batch.CreateSchool: active = %v, stored %v; want true", batched.Active, got.Active)
	}

	for _, active := range []bool{false, true, false} {
		sc := f.school
		sc.Active = active
		if _, err := f.s.UpdateSchool(ctx, sc); err != nil {
			t.Fatal(err)
		}
		got, err := f.s.School(ctx, f.school.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Active != active || got.Name != f.school.Name || got.ShortName != f.school.ShortName {
			t.Errorf("after saving active=%v: School() = %+v", active, got)
		}
		list, err := f.s.Schools(ctx)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, l := range list {
			if l.ID == f.school.ID {
				found = true
				if l.Active != active {
					t.Errorf("Schools(): active = %v, want %v", l.Active, active)
				}
			}
		}
		if !found {
			t.Errorf("Schools() leaves out the school saved with active=%v", active)
		}
	}
	teacher, err := f.s.Teacher(ctx, f.mentor.ID)
	if err != nil || teacher.Deleted() || teacher.SchoolID != f.school.ID {
		t.Errorf("a deactivated school's teacher = %+v, %v; want kept", teacher, err)
	}
}

func TestSchoolValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		school  School
		field   string
		problem Problem
	}{
		{"no name", School{Name: "  "}, "name", Required},
		{"long name", School{Name: strings.Repeat("校", MaxName+1)}, "name", TooLong},
		{"control", School{Name: "青山\x07"}, "name", ControlChars},
		{"newline", School{Name: "青山\n小学"}, "name", ControlChars},
		{"bad utf8", School{Name: "青山\xff"}, "name", BadText},
		{"long district", School{Name: "a", District: strings.Repeat("区", MaxName+1)}, "district", TooLong},
	}
	s := MustOpen(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreateSchool(context.Background(), tt.school)
			wantField(t, err, tt.field, tt.problem)
		})
	}
	if got := count(t, s, "schools"); got != 0 {
		t.Errorf("%d schools written by invalid calls", got)
	}
}

func TestTooLongReportsMax(t *testing.T) {
	t.Parallel()
	err := School{Name: strings.Repeat("校", MaxName+1)}.Validate()
	var ie *InvalidError
	if !errors.As(err, &ie) || ie.Fields[0].Max != MaxName || ie.Record != "school" {
		t.Fatalf("got %#v, want name too long with Max %d", err, MaxName)
	}
	if !strings.Contains(err.Error(), "longer than 40") {
		t.Errorf("Error() = %q", err.Error())
	}
}

func TestTeachers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	got, err := s.Teacher(ctx, f.mentor.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "陈秀梅" || got.Pinyin != "chenxiumei" || got.Initials != "cxm" || !got.Active ||
		len(got.Subjects) != 1 || got.Subjects[0] != "语文" {
		t.Errorf("Teacher() = %+v", got)
	}
	got.Name, got.Subjects, got.Active = "陈秀兰", []string{"语文", "书法"}, false
	got.Rank, got.Post, got.Honour = "高级教师", "教导主任、语文教研组长", "骨干教师"
	if _, err := s.UpdateTeacher(ctx, got); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Teacher(ctx, f.mentor.ID)
	if got.Initials != "cxl" || got.Active || strings.Join(got.Subjects, ",") != "语文,书法" ||
		got.Rank != "高级教师" || got.Honour != "骨干教师" || !got.HasTag("语文教研组长") || !got.HasTag("教导主任") || got.HasTag("教导") {
		t.Errorf("after update: %+v", got)
	}
	list, err := s.Teachers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, te := range list {
		names = append(names, te.Name)
	}
	if got, want := strings.Join(names, " "), "陈秀兰 李春燕 张三"; got != want {
		t.Errorf("Teachers() by pinyin = %s, want %s", got, want)
	}

	_, err = s.CreateTeacher(ctx, Teacher{SchoolID: "nope", Name: "王丽"})
	wantField(t, err, "school", Unknown)
	_, err = s.CreateTeacher(ctx, Teacher{Name: "王丽"})
	wantField(t, err, "school", Required)
	_, err = s.CreateTeacher(ctx, Teacher{SchoolID: f.school.ID, Name: "王丽", Subjects: []string{""}})
	wantField(t, err, "subjects", Required)
	_, err = s.CreateTeacher(ctx, Teacher{SchoolID: f.school.ID})
	wantField(t, err, "name", Required)
	if _, err := s.UpdateTeacher(ctx, Teacher{SchoolID: f.school.ID, Name: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateTeacher without id: %v", err)
	}
	if _, err := s.Teacher(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Teacher(nope): %v", err)
	}
	// A teacher cannot be added to a deleted school.
	if err := s.Delete(ctx, KindSchool, f.paired.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.CreateTeacher(ctx, Teacher{SchoolID: f.paired.ID, Name: "吴磊"})
	wantField(t, err, "school", Unknown)
}

func TestPinyinOf(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, full, initials string }{
		{"张三", "zhangsan", "zs"},
		{"王丽", "wangli", "wl"},
		{"吴磊", "wulei", "wl"},
		{"Li Na", "lina", "ln"},
		{"欧阳小明", "ouyangxiaoming", "oyxm"},
		{"", "", ""},
	}
	for _, tt := range tests {
		full, initials := PinyinOf(tt.name)
		if full != tt.full || initials != tt.initials {
			t.Errorf("PinyinOf(%q) = %q, %q; want %q, %q", tt.name, full, initials, tt.full, tt.initials)
		}
	}
}

func TestFindTeachers(t *testing.T) {
	t.Parallel()
	var all []Teacher
	for _, n := range []string{"王丽", "吴磊", "张三", "张山", "王立新"} {
		te := Teacher{Name: n}
		te.Pinyin, te.Initials = PinyinOf(n)
		all = append(all, te)
	}
	tests := []struct {
		q    string
		want string
	}{
		{"王丽", "王丽"},
		{"wangli", "王丽"},
		{"WangLi", "王丽"},
		{"wl", "王丽 吴磊"},    // initials collide: the caller must ask
		{"zs", "张三 张山"},    // so do these
		{"zhangsan", "张三"}, // the full pinyin decides
		{"wang", "王丽 王立新"}, // a prefix of the pinyin
		{"王立", "王立新"},      // a prefix of the name
		{"wlx", "王立新"},     // initials beat prefixes
		{"zhao", ""},
		{"  ", ""},
	}
	for _, tt := range tests {
		var names []string
		for _, te := range FindTeachers(all, tt.q) {
			names = append(names, te.Name)
		}
		if got := strings.Join(names, " "); got != tt.want {
			t.Errorf("FindTeachers(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestSchoolPairs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	p, err := f.s.CreateSchoolPair(ctx, SchoolPair{SupportingID: f.school.ID, SupportedID: f.paired.ID,
		AgreedOn: MustDate("2025-10-14"), CycleYears: 3, Note: "三年"})
	if err != nil {
		t.Fatal(err)
	}
	list, err := f.s.SchoolPairs(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("SchoolPairs() = %v, %v", list, err)
	}
	if got := list[0]; got.ID != p.ID || got.AgreedOn != MustDate("2025-10-14") || got.CycleYears != 3 || got.Note != "三年" {
		t.Errorf("SchoolPairs()[0] = %+v", got)
	}
	tests := []struct {
		name    string
		pair    SchoolPair
		field   string
		problem Problem
	}{
		{"same school", SchoolPair{SupportingID: f.school.ID, SupportedID: f.school.ID, AgreedOn: MustDate("2025-10-14"), CycleYears: 3}, "supported", Same},
		{"no date", SchoolPair{SupportingID: f.school.ID, SupportedID: f.paired.ID, CycleYears: 3}, "agreed_on", Required},
		{"bad date", SchoolPair{SupportingID: f.school.ID, SupportedID: f.paired.ID, AgreedOn: Date{2025, 2, 30}, CycleYears: 3}, "agreed_on", BadDate},
		{"cycle", SchoolPair{SupportingID: f.school.ID, SupportedID: f.paired.ID, AgreedOn: MustDate("2025-10-14"), CycleYears: 0}, "cycle_years", OutOfRange},
		{"unknown school", SchoolPair{SupportingID: "nope", SupportedID: f.paired.ID, AgreedOn: MustDate("2025-10-14"), CycleYears: 3}, "supporting", Unknown},
		{"missing school", SchoolPair{SupportingID: f.school.ID, AgreedOn: MustDate("2025-10-14"), CycleYears: 3}, "supported", Required},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.s.CreateSchoolPair(ctx, tt.pair)
			wantField(t, err, tt.field, tt.problem)
		})
	}
}

func TestDeleteRestore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	f.s.Now = func() time.Time { return testNow.Add(time.Hour) }
	if err := f.s.Delete(ctx, KindTeacher, f.zs.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.Teacher(ctx, f.zs.ID)
	if !got.Deleted() || !got.DeletedAt.Equal(testNow.Add(time.Hour)) || !got.UpdatedAt.Equal(testNow.Add(time.Hour)) {
		t.Errorf("deleted teacher = %+v", got.Record)
	}
	list, _ := f.s.Teachers(ctx)
	if len(list) != 2 {
		t.Errorf("Teachers() after delete has %d, want 2", len(list))
	}
	if err := f.s.Restore(ctx, KindTeacher, f.zs.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ = f.s.Teacher(ctx, f.zs.ID); got.Deleted() {
		t.Error("restored teacher still deleted")
	}
	if err := f.s.Delete(ctx, KindTeacher, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete(nope): %v, want ErrNotFound", err)
	}
	if err := f.s.Delete(ctx, Kind("meta"), "installation_id"); !errors.Is(err, ErrInvalid) {
		t.Errorf("Delete of an unknown kind: %v, want ErrInvalid", err)
	}
}

func TestTeachersByID(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	if err := f.s.Delete(ctx, KindTeacher, f.zs.ID); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		ids  []string
		want string
	}{
		{nil, ""},
		{[]string{f.mentor.ID}, "陈秀梅"},
		{[]string{f.mentee.ID, f.mentor.ID, f.mentee.ID}, "李春燕 陈秀梅"}, // each once
		{[]string{f.zs.ID, "nope", f.mentee.ID}, "李春燕"},              // deleted and unknown left out
	} {
		list, err := f.s.TeachersByID(ctx, tt.ids)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, te := range list {
			names = append(names, te.Name)
		}
		slices.Sort(names)
		if got := strings.Join(names, " "); got != tt.want {
			t.Errorf("TeachersByID(%d ids) = %q, want %q", len(tt.ids), got, tt.want)
		}
	}
}
