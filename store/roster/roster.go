// Package roster reads the teacher lists schools keep in Excel, WPS or a CSV file, into rows
// for store.ImportTeachers: it knows the columns a teacher list has, in Chinese or English.
// Reading the file — its kind, its encoding, its faults and limits — is package sheet's.
// It checks only the shape of the file; whether each row is a valid teacher is the store's
// call (store.PlanTeacherImport).
package roster

import (
	"strings"

	"termbook/store"
	"termbook/store/sheet"
)

// headers maps a header cell, lower-cased, to the column it names.
var headers = map[string]string{
	"姓名": "name", "名字": "name", "教师": "name", "教师姓名": "name", "name": "name", "teacher": "name",
	"学校": "school", "单位": "school", "学校名称": "school", "school": "school",
	"学科": "subject", "任教学科": "subject", "科目": "subject", "subject": "subject", "subjects": "subject",
	"年级": "grade", "任教年级": "grade", "grade": "grade",
	"职称": "title", "称号": "title", "title": "title",
}

// Parse reads a teacher list (see sheet.Read for the files it reads). The first non-empty row
// is the header; it must name the name and school columns (姓名/name, 学校/school) and may
// name 学科/subject, 年级/grade and 职称/title, in any order. Blank rows are skipped; each row
// keeps its line number in the file. Several subjects in one cell may be separated by 、 , ，
// / or spaces. Its errors are package sheet's.
func Parse(data []byte) ([]store.TeacherRow, sheet.Encoding, error) {
	rows, enc, err := sheet.Read(data)
	if err != nil {
		return nil, enc, err
	}
	cols, rows, err := sheet.Header(rows, headers, "name", "school")
	if err != nil {
		return nil, enc, err
	}
	out := make([]store.TeacherRow, len(rows))
	for i, r := range rows {
		out[i] = store.TeacherRow{
			Line:     r.Line,
			Name:     cols.Cell(r, "name"),
			School:   cols.Cell(r, "school"),
			Subjects: splitSubjects(cols.Cell(r, "subject")),
			Grade:    cols.Cell(r, "grade"),
			Title:    cols.Cell(r, "title"),
		}
	}
	return out, enc, nil
}

func splitSubjects(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == '、' || r == ',' || r == '，' || r == '/' || r == ' ' || r == '　' || r == ';' || r == '；'
	})
	if len(parts) == 0 {
		return nil
	}
	return parts
}
