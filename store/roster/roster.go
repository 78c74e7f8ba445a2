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
	ErrNoRows     = errors.New("no rows under the header")
	ErrNotTable   = errors.New("not a CSV or XLSX file")
	ErrNoHeader   = errors.New("missing column")             // see HeaderError
	ErrBadCSV     = errors.New("malformed CSV")              // see LineError
	ErrBadXLSX    = errors.New("unreadable XLSX")            // a damaged or encrypted workbook
	ErrTooManyRow = errors.New("too many rows")              // more than MaxRows
	ErrTooLarge   = errors.New("workbook unpacks too large") // more than MaxUnpacked
	ErrTooWide    = errors.New("too many columns")           // a row of more than MaxColumns cells
	errNoSheet    = errors.New("workbook has no sheet")
)

// bom is the UTF-8 byte-order mark Excel and WPS put at the start of a UTF-8 CSV file.
const bom = "\ufeff"

// Limits on what a file may make termbook read. A district's list is a few thousand rows of
// a dozen columns; an XLSX file is a zip, whose parts may unpack to a thousand times their
// packed size (a 1 MB file with a 1 GiB shared string took 37 s and 4.2 GB before these).
const (
	MaxRows     = 20000    // rows of one file
	MaxColumns  = 256      // cells of one row
	MaxUnpacked = 64 << 20 // bytes of an XLSX file's parts, all unpacked together
	maxParts    = 1000     // parts of an XLSX file
)

// HeaderError says which required column the header row lacks.
type HeaderError struct {
	Column string // "name" or "school"
}

func (e *HeaderError) Error() string { return "missing column " + e.Column }
func (e *HeaderError) Unwrap() error { return ErrNoHeader }

// LineError is a fault at a line of the file: malformed CSV (ErrBadCSV) or a row too wide
// (ErrTooWide).
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

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
	"职称": "title", "称号": "title", "title": "title",
}

// Parse reads a teacher list: an XLSX workbook (its first sheet) or a CSV file in UTF-8, with
// or without a byte-order mark, or in GBK/GB18030. The first non-empty row is the header; it
// must name the name and school columns (姓名/name, 学校/school) and may name 学科/subject,
// 年级/grade and 职称/title, in any order. Blank rows are skipped; each row keeps its line number
// in the file. Several subjects in one cell may be separated by 、 , ， / or spaces.
func Parse(data []byte) ([]store.TeacherRow, Encoding, error) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte(bom)))) == 0 {
		return nil, "", ErrEmpty
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		rows, err := readXLSX(data)
		if err != nil {
			return nil, XLSX, err
		}
		out, err := fromRecords(rows)
		return out, XLSX, err
	}
	text, enc, err := decode(data)
	if err != nil {
		return nil, "", err
	}
	records, err := readCSV(text)
	if err != nil {
		return nil, enc, err
	}
	out, err := fromRecords(records)
	return out, enc, err
}

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
	// Lines may end in CR alone (Excel for the Mac, old systems); read as one line, such a
	// file would have a header and nothing under it.
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
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
			return nil, &LineError{Line: line, Err: fmt.Errorf("%w: %w", ErrBadCSV, err)}
		}
		if len(out) > MaxRows {
			return nil, ErrTooManyRow
		}
		if len(cells) > MaxColumns {
			return nil, &LineError{Line: line, Err: ErrTooWide}
		}
		out = append(out, record{line: line, cells: cells})
	}
}

func readXLSX(data []byte) ([]record, error) {
	// A zip that is not a workbook (or is damaged) is refused before excelize sees it, and so
	// is one that would unpack to more than a list can be. The sizes are those the zip
	// declares; archive/zip refuses to read a part past its declared size, so they bound
	// what is read.
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, ErrBadXLSX
	}
	if len(z.File) > maxParts {
		return nil, ErrTooLarge
	}
	var unpacked uint64
	for _, f := range z.File {
		unpacked += f.UncompressedSize64
		if f.UncompressedSize64 > MaxUnpacked || unpacked > MaxUnpacked {
			return nil, ErrTooLarge
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxUnpacked, UnzipXMLSizeLimit: MaxUnpacked})
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
		if len(cells) > MaxColumns {
			return nil, &LineError{Line: line, Err: ErrTooWide}
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

// fromRecords finds the header and turns the rows under it into teacher rows.
func fromRecords(records []record) ([]store.TeacherRow, error) {
	for len(records) > 0 && blank(records[0].cells) {
		records = records[1:]
	}
	if len(records) == 0 {
		return nil, ErrEmpty
	}
	col := map[string]int{}
	for i, h := range records[0].cells {
		key := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, bom)))
		if name, ok := headers[key]; ok {
			if _, dup := col[name]; !dup {
				col[name] = i
			}
		}
	}
	for _, need := range []string{"name", "school"} {
		if _, ok := col[need]; !ok {
			return nil, &HeaderError{Column: need}
		}
	}
	cell := func(cells []string, name string) string {
		i, ok := col[name]
		if !ok || i >= len(cells) {
			return ""
		}
		return strings.TrimSpace(cells[i])
	}
	var out []store.TeacherRow
	for _, r := range records[1:] {
		if blank(r.cells) {
			continue
		}
		out = append(out, store.TeacherRow{
			Line:     r.line,
			Name:     cell(r.cells, "name"),
			School:   cell(r.cells, "school"),
			Subjects: splitSubjects(cell(r.cells, "subject")),
			Grade:    cell(r.cells, "grade"),
			Title:    cell(r.cells, "title"),
		})
	}
	if len(out) == 0 {
		return nil, ErrNoRows
	}
	return out, nil
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
