package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
)

// TeacherRow is one teacher of a list being imported, as the file gives it: the school by
// name. Line is the row's number in the file (the header is row 1), for error messages.
type TeacherRow struct {
	Line     int
	Name     string
	School   string
	Subjects []string
	Grade    string
	Rank     string // 职称
	Post     string // 职务
	Honour   string // 荣誉/骨干级别
}

// ImportAction is what an import does with one row.
type ImportAction string

// What happens to a row: a new teacher, an existing one (same name and school) updated, or an
// existing one the row does not change.
const (
	ImportCreate ImportAction = "create"
	ImportUpdate ImportAction = "update"
	ImportSame   ImportAction = "same"
)

// TeacherImport is the plan for one row: the action and the teacher as it will be saved.
type TeacherImport struct {
	Row     TeacherRow
	Action  ImportAction
	Teacher Teacher
	Changed []string // for an update: the fields that change ("subjects", "grade", "rank", "post", "honour")
}

// RowError is what is wrong with one row of an import. Err is an *InvalidError naming the
// field, or ErrDuplicateRow when DupOf (an earlier row) already names the same teacher.
type RowError struct {
	Line  int
	DupOf int
	Err   error
}

func (e RowError) Error() string { return "row " + itoa(e.Line) + ": " + e.Err.Error() }
func (e RowError) Unwrap() error { return e.Err }

// ErrDuplicateRow marks a row naming the same teacher (name and school) as an earlier row.
var ErrDuplicateRow = errors.New("the same teacher appears twice")

// ImportPlan is what importing a list would do: one entry per row, the schools it would
// create (a school the file names that does not exist yet), and the rows that are wrong.
// Nothing is written while Errors is not empty.
type ImportPlan struct {
	Teachers   []TeacherImport
	NewSchools []string
	Errors     []RowError
}

// Count returns how many rows have the action.
func (p ImportPlan) Count(a ImportAction) int {
	n := 0
	for _, t := range p.Teachers {
		if t.Action == a {
			n++
		}
	}
	return n
}

// PlanTeacherImport says what ImportTeachers would do with rows, without writing anything.
func (s *Store) PlanTeacherImport(ctx context.Context, rows []TeacherRow) (ImportPlan, error) {
	return planTeachers(ctx, s.r, rows)
}

// ImportTeachers imports a teacher list in one transaction, all or nothing: a teacher already
// present (same name, same school) is updated with the row's non-empty fields, a new one is
// created, and a school the list names that does not exist yet is created. When any row is
// wrong nothing is written and the plan's Errors say why, with ErrInvalid.
func (s *Store) ImportTeachers(ctx context.Context, rows []TeacherRow) (ImportPlan, error) {
	var plan ImportPlan
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var err error
		if plan, err = planTeachers(ctx, tx, rows); err != nil {
			return err
		}
		if len(plan.Errors) > 0 {
			return ErrInvalid
		}
		schoolIDs := map[string]string{}
		for _, name := range plan.NewSchools {
			sc := School{Name: name, Active: true}
			s.touch(&sc.Record)
			if err := putRow(ctx, tx, true, "schools", []string{"name", "short_name", "district", "active"},
				[]any{sc.Name, sc.ShortName, sc.District, sc.Active}, sc.Record); err != nil {
				return err
			}
			schoolIDs[name] = sc.ID
		}
		for i := range plan.Teachers {
			ti := &plan.Teachers[i]
			t := &ti.Teacher
			if t.SchoolID == "" {
				t.SchoolID = schoolIDs[ti.Row.School]
			}
			if ti.Action == ImportSame {
				continue
			}
			t.Pinyin, t.Initials = PinyinOf(t.Name)
			s.touch(&t.Record)
			if err := putRow(ctx, tx, ti.Action == ImportCreate, "teachers", teacherWriteCols, teacherValues(t), t.Record); err != nil {
				return err
			}
		}
		return nil
	})
	return plan, err
}

// planTeachers matches rows against the live schools and teachers read through q.
func planTeachers(ctx context.Context, q querier, rows []TeacherRow) (ImportPlan, error) {
	var plan ImportPlan
	schools, err := queryWith(ctx, q, scanSchool, "SELECT "+schoolCols+" FROM schools WHERE deleted_at IS NULL")
	if err != nil {
		return plan, err
	}
	teachers, err := queryWith(ctx, q, scanTeacher, "SELECT "+teacherCols+" FROM teachers WHERE deleted_at IS NULL")
	if err != nil {
		return plan, err
	}
	schoolByName := map[string]string{}
	for _, sc := range schools {
		schoolByName[sc.Name] = sc.ID
		if sc.ShortName != "" {
			if _, taken := schoolByName[sc.ShortName]; !taken {
				schoolByName[sc.ShortName] = sc.ID
			}
		}
	}
	type key struct{ school, name string }
	existing := map[key]Teacher{}
	for _, t := range teachers {
		existing[key{t.SchoolID, t.Name}] = t
	}
	seen := map[key]int{}
	newSchool := map[string]bool{}
	for _, r := range rows {
		r.Name, r.School = strings.TrimSpace(r.Name), strings.TrimSpace(r.School)
		c := checker{record: "teacher"}
		c.text("name", r.Name, MaxName, true, false)
		c.text("school", r.School, MaxName, true, false)
		t := Teacher{Name: r.Name, SchoolID: schoolByName[r.School], Subjects: r.Subjects, Grade: r.Grade,
			Rank: r.Rank, Post: r.Post, Honour: r.Honour, Active: true}
		if err := c.err(); err != nil {
			plan.Errors = append(plan.Errors, RowError{Line: r.Line, Err: err})
			continue
		}
		check := t
		if check.SchoolID == "" {
			check.SchoolID = "new"
		}
		if err := check.Validate(); err != nil {
			plan.Errors = append(plan.Errors, RowError{Line: r.Line, Err: err})
			continue
		}
		k := key{r.School, r.Name}
		if t.SchoolID != "" {
			k.school = t.SchoolID
		}
		if first, dup := seen[k]; dup {
			plan.Errors = append(plan.Errors, RowError{Line: r.Line, DupOf: first, Err: ErrDuplicateRow})
			continue
		}
		seen[k] = r.Line
		ti := TeacherImport{Row: r, Action: ImportCreate, Teacher: t}
		if t.SchoolID == "" && !newSchool[r.School] {
			newSchool[r.School] = true
			plan.NewSchools = append(plan.NewSchools, r.School)
		}
		if old, ok := existing[k]; ok {
			ti.Teacher, ti.Changed = mergeTeacher(old, r)
			ti.Action = ImportUpdate
			if len(ti.Changed) == 0 {
				ti.Action = ImportSame
			}
		}
		plan.Teachers = append(plan.Teachers, ti)
	}
	return plan, nil
}

// mergeTeacher applies a row's non-empty fields to an existing teacher: a blank cell keeps
// what is there.
func mergeTeacher(old Teacher, r TeacherRow) (Teacher, []string) {
	t := old
	var changed []string
	if len(r.Subjects) > 0 && !slices.Equal(r.Subjects, old.Subjects) {
		t.Subjects = r.Subjects
		changed = append(changed, "subjects")
	}
	if r.Grade != "" && r.Grade != old.Grade {
		t.Grade = r.Grade
		changed = append(changed, "grade")
	}
	for _, f := range []struct {
		name     string
		from, to *string
	}{{"rank", &r.Rank, &t.Rank}, {"post", &r.Post, &t.Post}, {"honour", &r.Honour, &t.Honour}} {
		if *f.from != "" && *f.from != *f.to {
			*f.to = *f.from
			changed = append(changed, f.name)
		}
	}
	if !old.Active {
		t.Active = true
		changed = append(changed, "active")
	}
	return t, changed
}

// queryWith is queryAll through any querier (a transaction or the reader pool).
func queryWith[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	var out []T
	err = scanRows(rows, func(rows *sql.Rows) error {
		v, err := scan(rows)
		out = append(out, v)
		return err
	})
	return out, err
}
