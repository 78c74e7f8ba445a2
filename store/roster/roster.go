// Package roster reads the teacher lists schools keep in Excel, WPS or a CSV file, into rows
// for store.ImportTeachers. It owns the file side of an import: telling XLSX from CSV, UTF-8
// (with or without a byte-order mark) from GBK/GB18030, and Chinese headers from English ones.
// It checks only the shape of the file; whether each row is a valid teacher is the store's
// call (store.PlanTeacherImport).
package roster

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"termbook/store"
)

// Errors a whole file can have. They carry no text for people; the command names them.
var (
	ErrEmpty      = errors.New("the file is empty")
	ErrNotTable   = errors.New("not a CSV or XLSX file")
	ErrNoHeader   = errors.New("missing column")  // see HeaderError
	ErrBadCSV     = errors.New("malformed CSV")   // see LineError
	ErrBadXLSX    = errors.New("unreadable XLSX") // a damaged or encrypted workbook
	ErrTooManyRow = errors.New("too many rows")   // more than MaxRows
	errNoSheet    = errors.New("workbook has no sheet")
)

// bom is the UTF-8 byte-order mark Excel and WPS put at the start of a UTF-8 CSV file.
const bom = "\ufeff"

// MaxRows is the most teachers one file may list; a school district has a few thousand.
const MaxRows = 20000

// HeaderError says which required column the header row lacks.
type HeaderError struct {
	Column string // "name" or "school"
}

func (e *HeaderError) Error() string { return "missing column " + e.Column }
func (e *HeaderError) Unwrap() error { return ErrNoHeader }

// LineError is a CSV syntax error at a line of the file.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return ErrBadCSV }

// Encoding is how a file's text was encoded.
type Encoding string

// The encodings ParseTeachers recognises.
const (
	UTF8    Encoding = "UTF-8"
	UTF8BOM Encoding = "UTF-8 BOM"
	GB18030 Encoding = "GB18030" // GBK is a subset
	XLSX    Encoding = "XLSX"
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

// read reads the rows of a list file: an XLSX workbook (its first sheet), or CSV text.
func read(data []byte) ([]record, Encoding, error) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte(bom)))) == 0 {
		return nil, "", ErrEmpty
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		rows, err := readXLSX(data)
		return rows, XLSX, err
	}
	text, enc, err := decode(data)
	if err != nil {
		return nil, "", err
	}
	rows, err := readCSV(text)
	return rows, enc, err
}

// Parse reads a teacher list: an XLSX workbook (its first sheet) or a CSV file in UTF-8, with
// or without a byte-order mark, or in GBK/GB18030. The first non-empty row is the header; it
// must name the name and school columns (姓名/name, 学校/school) and may name 学科/subject,
// 年级/grade, 职称/rank (or title), 职务/post and 荣誉/honour (also 骨干级别 or the old 称号), in
// any order. Blank rows are skipped; each row keeps its line number
// in the file. Several subjects in one cell may be separated by 、 , ， / or spaces.
func Parse(data []byte) ([]store.TeacherRow, Encoding, error) {
	records, enc, err := read(data)
	if err != nil {
		return nil, enc, err
	}
	out, err := fromRecords(records)
	return out, enc, err
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

// ParseHandins reads a hand-in list (材料台账), an XLSX workbook or a CSV file as Parse
// reads them. The header must name the teacher (教师/teacher), the kind (类别/kind) and the
// day (日期/date) and may name 学校/school, 名称/title, 查阅人/checked by, 查阅日期/checked on,
// 等次/grade, 评语/comment and 文件/file, in any order.
func ParseHandins(data []byte) ([]HandinLine, Encoding, error) {
	records, enc, err := read(data)
	if err != nil {
		return nil, enc, err
	}
	col, rows, err := header(records, handinHeaders, "teacher", "kind", "date")
	if err != nil {
		return nil, enc, err
	}
	out := make([]HandinLine, len(rows))
	for i, r := range rows {
		c := func(name string) string { return col.cell(r.cells, name) }
		out[i] = HandinLine{Line: r.line, Teacher: c("teacher"), School: c("school"), Kind: c("kind"), Title: c("title"),
			Date: c("date"), CheckedBy: c("checked_by"), CheckedOn: c("checked_on"), Grade: c("grade"), Comment: c("comment"), File: c("file")}
	}
	return out, enc, nil
}

// Text reads a text file a person wrote — UTF-8 with or without a byte-order mark, or
// GBK/GB18030 as Notepad and WPS save it on a Chinese Windows — into UTF-8 text.
func Text(data []byte) (string, Encoding, error) { return decode(data) }

// decode turns the file into UTF-8 text: UTF-8 as it is (without its byte-order mark), else
// GB18030 when the bytes decode as it, else not text at all.
func decode(data []byte) (string, Encoding, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return "", "", ErrNotTable // text files never hold NUL bytes
	}
	if rest, ok := bytes.CutPrefix(data, []byte(bom)); ok {
		if !utf8.Valid(rest) {
			return "", "", ErrNotTable
		}
		return string(rest), UTF8BOM, nil
	}
	if utf8.Valid(data) {
		return string(data), UTF8, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(out) || bytes.ContainsRune(out, utf8.RuneError) || hasControl(out) {
		return "", "", ErrNotTable
	}
	return string(out), GB18030, nil
}

// hasControl reports control characters other than line ends and tabs: a binary file that
// happens to decode as GB18030 still has them.
func hasControl(b []byte) bool {
	for _, r := range string(b) {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f {
			return true
		}
	}
	return false
}

// record is one row of cells and its line in the file.
type record struct {
	line  int
	cells []string
}

func readCSV(text string) ([]record, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var out []record
	for {
		cells, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, &LineError{Line: line, Err: err}
		}
		if len(out) > MaxRows {
			return nil, ErrTooManyRow
		}
		out = append(out, record{line: line, cells: cells})
	}
}

func readXLSX(data []byte) ([]record, error) {
	// A zip that is not a workbook (or is damaged) is refused before excelize sees it.
	if _, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
		return nil, ErrBadXLSX
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, ErrBadXLSX
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errNoSheet
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, ErrBadXLSX
	}
	defer rows.Close()
	var out []record
	for line := 1; rows.Next(); line++ {
		cells, err := rows.Columns()
		if err != nil {
			return nil, ErrBadXLSX
		}
		if len(out) > MaxRows {
			return nil, ErrTooManyRow
		}
		out = append(out, record{line: line, cells: cells})
	}
	return out, nil
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// columns are where a header row puts the columns it names.
type columns map[string]int

// cell is the trimmed text of the named column in a row; "" when the header has none.
func (c columns) cell(cells []string, name string) string {
	i, ok := c[name]
	if !ok || i >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[i])
}

// header finds the header, the first row that is not blank, and the columns it names (by
// names, a header cell lower-cased to a column); the required ones must be there. It returns
// the rows under it that are not blank.
func header(records []record, names map[string]string, required ...string) (columns, []record, error) {
	for len(records) > 0 && blank(records[0].cells) {
		records = records[1:]
	}
	if len(records) == 0 {
		return nil, nil, ErrEmpty
	}
	col := columns{}
	for i, h := range records[0].cells {
		key := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, bom)))
		if name, ok := names[key]; ok {
			if _, dup := col[name]; !dup {
				col[name] = i
			}
		}
	}
	for _, need := range required {
		if _, ok := col[need]; !ok {
			return nil, nil, &HeaderError{Column: need}
		}
	}
	var rows []record
	for _, r := range records[1:] {
		if !blank(r.cells) {
			rows = append(rows, r)
		}
	}
	return col, rows, nil
}

// fromRecords finds the header and turns the rows under it into teacher rows.
func fromRecords(records []record) ([]store.TeacherRow, error) {
	col, rows, err := header(records, headers, "name", "school")
	if err != nil {
		return nil, err
	}
	var out []store.TeacherRow
	for _, r := range rows {
		out = append(out, store.TeacherRow{
			Line:     r.line,
			Name:     col.cell(r.cells, "name"),
			School:   col.cell(r.cells, "school"),
			Subjects: splitSubjects(col.cell(r.cells, "subject")),
			Grade:    col.cell(r.cells, "grade"),
			Rank:     col.cell(r.cells, "rank"),
			Post:     col.cell(r.cells, "post"),
			Honour:   col.cell(r.cells, "honour"),
		})
	}
	return out, nil
}

func splitSubjects(s string) []string {
	parts := store.SplitWords(s)
	if len(parts) == 0 {
		return nil
	}
	return parts
}
