// Package roster reads the lists schools keep in Excel, WPS or a CSV file — a teacher list for
// store.ImportTeachers, a hand-in list (材料台账) for store.ImportHandins — into rows: it knows
// the columns each list has, in Chinese or English. Reading the file — its kind, its
// encoding, its faults and limits — is package sheet's. It checks only the shape of the file;
// whether each row is a valid teacher or hand-in is the store's call
// (store.PlanTeacherImport, store.PlanHandinImport).
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
	"职称": "rank", "title": "rank", "rank": "rank",
	"职务": "post", "post": "post", "position": "post",
	"荣誉": "honour", "骨干级别": "honour", "荣誉/骨干级别": "honour", "称号": "honour", "honour": "honour", "honor": "honour",
}

// Parse reads a teacher list (see sheet.Read for the files it reads). The first non-empty row
// is the header; it must name the name and school columns (姓名/name, 学校/school) and may
// name 学科/subject, 年级/grade, 职称/rank (or title), 职务/post and 荣誉/honour (also 骨干级别
// or the old 称号), in any order. Blank rows are skipped; each row keeps its line number in
// the file. Several subjects in one cell may be separated by 、 , ， / or spaces. Its errors
// are package sheet's.
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
			Rank:     cols.Cell(r, "rank"),
			Post:     cols.Cell(r, "post"),
			Honour:   cols.Cell(r, "honour"),
		}
	}
	return out, enc, nil
}

// HandinLine is one row of a hand-in list as the file gives it: every cell as text, the
// teacher and the kind by name, for the command to read against the term.
type HandinLine struct {
	Line      int // its row in the file
	Teacher   string
	School    string // "" unless the list has a school column
	Kind      string
	Title     string
	Date      string
	CheckedBy string
	CheckedOn string
	Grade     string
	Comment   string
	File      string
}

// handinHeaders maps a hand-in list's header cell, lower-cased, to the column it names.
var handinHeaders = map[string]string{
	"教师": "teacher", "姓名": "teacher", "教师姓名": "teacher", "teacher": "teacher", "name": "teacher",
	"学校": "school", "单位": "school", "school": "school",
	"类别": "kind", "材料类别": "kind", "材料": "kind", "类型": "kind", "kind": "kind",
	"名称": "title", "标题": "title", "材料名称": "title", "内容": "title", "title": "title",
	"日期": "date", "上交日期": "date", "交的日期": "date", "date": "date", "handed in": "date",
	"查阅人": "checked_by", "checked by": "checked_by", "checker": "checked_by",
	"查阅日期": "checked_on", "checked on": "checked_on",
	"等次": "grade", "等级": "grade", "grade": "grade",
	"评语": "comment", "comment": "comment",
	"文件": "file", "file": "file",
}

// ParseHandins reads a hand-in list (材料台账), a file as Parse reads one. The header must
// name the teacher (教师/teacher), the kind (类别/kind) and the day (日期/date) and may name
// 学校/school, 名称/title, 查阅人/checked by, 查阅日期/checked on, 等次/grade, 评语/comment
// and 文件/file, in any order. Its errors are package sheet's.
func ParseHandins(data []byte) ([]HandinLine, sheet.Encoding, error) {
	rows, enc, err := sheet.Read(data)
	if err != nil {
		return nil, enc, err
	}
	cols, rows, err := sheet.Header(rows, handinHeaders, "teacher", "kind", "date")
	if err != nil {
		return nil, enc, err
	}
	out := make([]HandinLine, len(rows))
	for i, r := range rows {
		c := func(name string) string { return cols.Cell(r, name) }
		out[i] = HandinLine{Line: r.Line, Teacher: c("teacher"), School: c("school"), Kind: c("kind"), Title: c("title"),
			Date: c("date"), CheckedBy: c("checked_by"), CheckedOn: c("checked_on"), Grade: c("grade"), Comment: c("comment"), File: c("file")}
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
