package roster_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf8"

	"termbook/store"
	"termbook/store/roster"
	"termbook/store/sheet"
)

func read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wantRows is what every good fixture lists, whatever its encoding or column order.
var wantRows = []struct {
	name, school string
	subjects     []string
	grade, title string
}{
	{"王晓梅", "定边第五小学", []string{"语文"}, "三年级", "骨干教师"},
	{"李小红", "侯庄小学", []string{"语文", "道德与法治"}, "一年级", "新任教师"},
	{"张伟", "侯庄小学", []string{"数学"}, "五年级", "教学能手"},
	{"Li Na", "定边第五小学", []string{"英语"}, "四年级", ""},
}

func TestParseFixtures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file  string
		enc   sheet.Encoding
		lines []int
	}{
		{"teachers-utf8.csv", sheet.UTF8, []int{2, 3, 4, 5}},
		{"teachers-bom.csv", sheet.UTF8BOM, []int{2, 3, 4, 5}},
		{"teachers-gbk.csv", sheet.GB18030, []int{2, 3, 4, 5}},
		{"teachers.xlsx", sheet.XLSX, []int{2, 3, 5, 6}}, // row 4 is blank
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rows, enc, err := roster.Parse(read(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if enc != tt.enc {
				t.Errorf("encoding %s, want %s", enc, tt.enc)
			}
			if len(rows) != len(wantRows) {
				t.Fatalf("%d rows, want %d: %+v", len(rows), len(wantRows), rows)
			}
			for i, w := range wantRows {
				r := rows[i]
				if r.Name != w.name || r.School != w.school || !slices.Equal(r.Subjects, w.subjects) || r.Grade != w.grade || r.Rank != w.title || r.Line != tt.lines[i] {
					t.Errorf("row %d = %+v, want %+v at line %d", i, r, w, tt.lines[i])
				}
			}
		})
	}
}

// TestParseRankPostHonour checks the three columns a teacher's 称号 became, headed in Chinese
// or English, and the old 称号 column, which is an honour.
func TestParseRankPostHonour(t *testing.T) {
	t.Parallel()
	for _, head := range []string{"姓名,学校,职称,职务,荣誉/骨干级别", "name,school,rank,post,honour", "Name,School,Title,Position,Honor"} {
		rows, _, err := roster.Parse([]byte(head + "\n王晓梅,五小,一级教师,教研组长,骨干教师\n"))
		if err != nil {
			t.Fatalf("%s: %v", head, err)
		}
		if r := rows[0]; r.Rank != "一级教师" || r.Post != "教研组长" || r.Honour != "骨干教师" {
			t.Errorf("%s: %+v", head, r)
		}
	}
	rows, _, err := roster.Parse([]byte("姓名,学校,称号\n王晓梅,五小,学科带头人\n"))
	if err != nil || rows[0].Honour != "学科带头人" || rows[0].Rank != "" {
		t.Errorf("the old 称号 column: %+v, %v", rows, err)
	}
}

func TestParseRefusesBadFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty.csv", read(t, "empty.csv"), sheet.ErrEmpty},
		{"binary.bin", read(t, "binary.bin"), sheet.ErrNotTable},
		{"only a BOM", []byte("\ufeff \r\n"), sheet.ErrEmpty},
		{"no school column", []byte("姓名,学科\n王晓梅,语文\n"), sheet.ErrNoHeader},
		{"a zip that is no workbook", []byte("PK\x03\x04garbage"), sheet.ErrBadXLSX},
		{"a quote never closed", []byte("姓名,学校\n\"王晓梅,五小\n李,侯庄\n"), sheet.ErrQuote},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := roster.Parse(tt.data)
			if tt.want == nil {
				if err != nil {
					t.Errorf("got %v, want no error", err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
	var he *sheet.HeaderError
	if _, _, err := roster.Parse([]byte("name,subject\nx,y\n")); !errors.As(err, &he) || he.Column != "school" {
		t.Errorf("missing school column: %v", err)
	}
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "roster.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestImportCreatesThenUpdatesNeverDoubles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openStore(t)
	five, err := s.CreateSchool(ctx, store.School{Name: "定边第五小学", ShortName: "五小"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateTeacher(ctx, store.Teacher{SchoolID: five.ID, Name: "王晓梅", Subjects: []string{"语文"}, Grade: "二年级"}); err != nil {
		t.Fatal(err)
	}
	rows, _, err := roster.Parse(read(t, "teachers-utf8.csv"))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := s.PlanTeacherImport(ctx, rows)
	if err != nil {
		t.Fatal(err)
	}
	if got := [3]int{plan.Count(store.ImportCreate), plan.Count(store.ImportUpdate), plan.Count(store.ImportSame)}; got != [3]int{3, 1, 0} {
		t.Errorf("plan create/update/same = %v, want [3 1 0]", got)
	}
	if !slices.Equal(plan.NewSchools, []string{"侯庄小学"}) {
		t.Errorf("new schools %q, want [侯庄小学]", plan.NewSchools)
	}
	if w := plan.Teachers[0]; w.Action != store.ImportUpdate || !slices.Equal(w.Changed, []string{"grade", "rank"}) {
		t.Errorf("王晓梅's plan: %+v", w)
	}
	if all, _ := s.Teachers(ctx); len(all) != 1 {
		t.Fatalf("the plan wrote: %d teachers", len(all))
	}
	if _, err := s.ImportTeachers(ctx, rows); err != nil {
		t.Fatal(err)
	}
	// The same list again, in GBK and from Excel: nothing new, nothing doubled.
	for _, file := range []string{"teachers-gbk.csv", "teachers.xlsx"} {
		rows, _, err := roster.Parse(read(t, file))
		if err != nil {
			t.Fatal(err)
		}
		plan, err := s.ImportTeachers(ctx, rows)
		if err != nil {
			t.Fatal(err)
		}
		if plan.Count(store.ImportSame) != 4 || len(plan.NewSchools) != 0 {
			t.Errorf("%s again: %+v", file, plan)
		}
	}
	all, _ := s.Teachers(ctx)
	schools, _ := s.Schools(ctx)
	if len(all) != 4 || len(schools) != 2 {
		t.Fatalf("%d teachers in %d schools, want 4 in 2", len(all), len(schools))
	}
	for _, te := range all {
		if te.Name == "王晓梅" && (te.Grade != "三年级" || te.Rank != "骨干教师" || te.SchoolID != five.ID) {
			t.Errorf("王晓梅 after import: %+v", te)
		}
		if te.Name == "李小红" && (te.Pinyin != "lixiaohong" || !slices.Equal(te.Subjects, []string{"语文", "道德与法治"})) {
			t.Errorf("李小红 after import: %+v", te)
		}
	}
}

func TestImportWithBadRowsWritesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openStore(t)
	rows, _, err := roster.Parse(read(t, "bad-rows.csv"))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := s.ImportTeachers(ctx, rows)
	if !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("import of bad rows: %v, want ErrInvalid", err)
	}
	var lines []int
	fields := map[int]string{}
	for _, e := range plan.Errors {
		lines = append(lines, e.Line)
		var inv *store.InvalidError
		if errors.As(e.Err, &inv) {
			fields[e.Line] = inv.Fields[0].Field + ":" + string(inv.Fields[0].Problem)
		}
	}
	if !slices.Equal(lines, []int{3, 5, 6}) {
		t.Errorf("errors on lines %v, want [3 5 6]", lines)
	}
	want := map[int]string{3: "name:required", 5: "name:too_long", 6: "school:required"}
	for l, w := range want {
		if fields[l] != w {
			t.Errorf("line %d: %q, want %q", l, fields[l], w)
		}
	}
	teachers, _ := s.Teachers(ctx)
	schools, _ := s.Schools(ctx)
	if len(teachers) != 0 || len(schools) != 0 {
		t.Errorf("a failed import wrote %d teachers and %d schools", len(teachers), len(schools))
	}
}

func TestImportRefusesDuplicateRows(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	rows, _, err := roster.Parse([]byte("姓名,学校\n王晓梅,五小\n张伟,五小\n王晓梅,五小\n"))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := s.ImportTeachers(context.Background(), rows)
	if !errors.Is(err, store.ErrInvalid) || len(plan.Errors) != 1 || plan.Errors[0].Line != 4 || plan.Errors[0].DupOf != 2 ||
		!errors.Is(plan.Errors[0].Err, store.ErrDuplicateRow) {
		t.Errorf("duplicate rows: %v %+v", err, plan.Errors)
	}
}

// FuzzParse feeds the parser arbitrary bytes: it never panics, and what it accepts is
// well-formed: valid UTF-8 and line numbers rising.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"teachers-utf8.csv", "teachers-bom.csv", "teachers-gbk.csv", "teachers.xlsx", "bad-rows.csv", "empty.csv", "binary.bin"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("name,school\n\"a\nb\",c\n"))
	f.Add([]byte("学校,姓名\r\n,\r\n一小,\"张,三\"\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, _, err := roster.Parse(data)
		if err != nil {
			return
		}
		last := 0
		for _, r := range rows {
			if r.Line <= last {
				t.Fatalf("line %d after %d", r.Line, last)
			}
			last = r.Line
			for _, s := range append([]string{r.Name, r.School, r.Grade, r.Rank, r.Post, r.Honour}, r.Subjects...) {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in %+v", r)
				}
			}
		}
	})
}
