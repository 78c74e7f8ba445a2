// Package sheet reads the tables people keep in Excel, WPS or a CSV file — a teacher list, a
// list of hand-ins — into rows of text, for the imports that give the rows their meaning
// (store/roster for teachers). It owns what every such import shares: telling XLSX from CSV
// and UTF-8 (with or without a byte-order mark) from GBK/GB18030; reading CSV strictly, so
// that a fault is named by its row and column and rows are never run together; bounding what
// a file may make termbook read (its size, its rows and columns, an XLSX file's unpacked
// parts); and finding the columns a header row names. Its errors carry no words for people:
// the command names them.
package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Errors a whole file can have.
var (
	ErrNotFile    = errors.New("not a regular file")         // a folder, a named pipe, a device
	ErrTooBig     = errors.New("file too large")             // more than MaxFileBytes
	ErrEmpty      = errors.New("the file is empty")          // nothing but blank rows
	ErrNotTable   = errors.New("not a CSV or XLSX file")     // nor text in UTF-8 or GBK
	ErrBadXLSX    = errors.New("unreadable XLSX")            // a damaged or encrypted workbook
	ErrTooLarge   = errors.New("workbook unpacks too large") // more than MaxUnpacked
	ErrTooManyRow = errors.New("too many rows")              // more than MaxRows
	ErrNoHeader   = errors.New("missing column")             // see HeaderError
	ErrNoRows     = errors.New("no rows under the header")
)

// Faults of one row, in a FaultError.
var (
	ErrTooWide   = errors.New("too many columns")                       // more than MaxColumns cells
	ErrBareQuote = errors.New("quote inside a cell not itself quoted")  // 王"老师,五小
	ErrQuote     = errors.New("quoted cell not closed where it should") // "王"老师,五小 or a quote never closed
)

// Limits on what a file may make termbook read. A district's list is a few thousand rows of a
// dozen columns; an XLSX file is a zip, whose parts may unpack to a thousand times their
// packed size (a 1 MB file with a 1 GiB shared string took 37 s and 4.2 GB before these).
const (
	MaxFileBytes = 32 << 20 // bytes of the file itself
	MaxRows      = 20000    // rows of one file
	MaxColumns   = 256      // cells of one row
	MaxUnpacked  = 64 << 20 // bytes of an XLSX file's parts, all unpacked together
	maxParts     = 1000     // parts of an XLSX file
)

// FaultError is a fault at one row of the file, and at one of its columns when it is one
// cell's (Column is then 1 for A, 2 for B …; else 0).
type FaultError struct {
	Line   int
	Column int
	Err    error
}

func (e *FaultError) Error() string {
	return fmt.Sprintf("line %d, column %d: %v", e.Line, e.Column, e.Err)
}
func (e *FaultError) Unwrap() error { return e.Err }

// HeaderError says which required column the header row lacks.
type HeaderError struct {
	Column string // the column's name in the caller's names, "name", "school" …
}

func (e *HeaderError) Error() string { return "missing column " + e.Column }
func (e *HeaderError) Unwrap() error { return ErrNoHeader }

// Encoding is how a file's text was encoded.
type Encoding string

// The encodings Read recognises.
const (
	UTF8    Encoding = "UTF-8"
	UTF8BOM Encoding = "UTF-8 BOM"
	GB18030 Encoding = "GB18030" // GBK is a subset
	XLSX    Encoding = "XLSX"
)

// bom is the UTF-8 byte-order mark Excel and WPS put at the start of a UTF-8 CSV file.
const bom = "\ufeff"

// Row is one row of cells and its line in the file (its row in Excel).
type Row struct {
	Line  int
	Cells []string
}

// Blank reports whether every cell of the row is empty or spaces.
func (r Row) Blank() bool {
	for _, c := range r.Cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Load reads the file at path, which must be a regular file of at most MaxFileBytes: opening
// a named pipe would wait for a writer for ever, and no list is larger.
func Load(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, ErrNotFile
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, ErrTooBig
	}
	return data, nil
}

// Read reads a table: an XLSX workbook (its first sheet) or a CSV file in UTF-8, with or
// without a byte-order mark, or in GBK/GB18030. Every row keeps its line in the file.
func Read(data []byte) ([]Row, Encoding, error) {
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

// Text reads a text file a person wrote — UTF-8 with or without a byte-order mark, or
// GBK/GB18030 as Notepad and WPS save it on a Chinese Windows — into UTF-8 text; ErrNotTable
// when it is not text in either.
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

// readCSV reads CSV strictly, as Excel and WPS write it: a cell holding a comma, a quote or
// a line break is quoted whole, with its quotes doubled. A stray quote is a fault named by
// its row and column; read leniently, it would swallow the line breaks after it and run
// rows together, and the rows would be refused for what they had swallowed.
func readCSV(text string) ([]Row, error) {
	// Lines may end in CR alone (Excel for the Mac, old systems); read as one line, such a
	// file would have a header and nothing under it.
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	var out []Row
	for {
		cells, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, csvFault(text, pe)
		}
		if err != nil {
			return nil, err
		}
		line, _ := r.FieldPos(0)
		if len(out) >= MaxRows {
			return nil, ErrTooManyRow
		}
		if len(cells) > MaxColumns {
			return nil, &FaultError{Line: line, Err: ErrTooWide}
		}
		out = append(out, Row{Line: line, Cells: cells})
	}
}

// csvFault names encoding/csv's error by the row the record starts on (as a preview numbers
// it) and the column of the faulty cell, counted from the start of the record, through any
// quoted line breaks.
func csvFault(text string, pe *csv.ParseError) error {
	kind := ErrQuote
	if errors.Is(pe.Err, csv.ErrBareQuote) {
		kind = ErrBareQuote
	} else if !errors.Is(pe.Err, csv.ErrQuote) {
		return &FaultError{Line: pe.StartLine, Err: pe.Err}
	}
	column, quoted := 1, false
	for _, c := range []byte(text[offset(text, pe.StartLine, 1):offset(text, pe.Line, pe.Column)]) {
		switch {
		case c == '"':
			quoted = !quoted
		case c == ',' && !quoted:
			column++
		}
	}
	return &FaultError{Line: pe.StartLine, Column: column, Err: kind}
}

// offset is the byte offset of a 1-based line and byte column in text.
func offset(text string, line, col int) int {
	i := 0
	for n := 1; n < line; n++ {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			return len(text)
		}
		i += j + 1
	}
	return min(i+col-1, len(text))
}

func readXLSX(data []byte) ([]Row, error) {
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
		return nil, ErrEmpty
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, ErrBadXLSX
	}
	defer rows.Close()
	var out []Row
	for line := 1; rows.Next(); line++ {
		cells, err := rows.Columns()
		if err != nil {
			return nil, ErrBadXLSX
		}
		if len(out) >= MaxRows {
			return nil, ErrTooManyRow
		}
		if len(cells) > MaxColumns {
			return nil, &FaultError{Line: line, Err: ErrTooWide}
		}
		out = append(out, Row{Line: line, Cells: cells})
	}
	return out, nil
}

// Columns are where a header row puts the columns it names.
type Columns map[string]int

// Header finds the header, the first row that is not blank, and the columns it names: names
// maps a header cell, lower-cased and trimmed, to a column's name ("姓名" and "name" to
// "name"); the first cell naming a column wins. It refuses a header without a required
// column (HeaderError) and a file with no rows under its header (ErrNoRows), and returns the
// columns and the rows under the header that are not blank.
func Header(rows []Row, names map[string]string, required ...string) (Columns, []Row, error) {
	for len(rows) > 0 && rows[0].Blank() {
		rows = rows[1:]
	}
	if len(rows) == 0 {
		return nil, nil, ErrEmpty
	}
	cols := Columns{}
	for i, h := range rows[0].Cells {
		key := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, bom)))
		if name, ok := names[key]; ok {
			if _, dup := cols[name]; !dup {
				cols[name] = i
			}
		}
	}
	for _, need := range required {
		if _, ok := cols[need]; !ok {
			return nil, nil, &HeaderError{Column: need}
		}
	}
	var out []Row
	for _, r := range rows[1:] {
		if !r.Blank() {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, nil, ErrNoRows
	}
	return cols, out, nil
}

// Cell is the trimmed text of the named column in row r; "" when the header has no such
// column or the row stops short of it.
func (c Columns) Cell(r Row, name string) string {
	i, ok := c[name]
	if !ok || i >= len(r.Cells) {
		return ""
	}
	return strings.TrimSpace(r.Cells[i])
}
