package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/width"
)

// Layout of the workbook.
const (
	maxColWidth  = 50   // a register column never grows wider (characters); longer text wraps
	lineHeight   = 16.0 // points per wrapped line of 11-point text, Chinese included
	maxRowHeight = 409  // Excel's limit for one row, in points
	formCols     = 8    // the 听课记录表 is eight columns wide, A–H
	formColWidth = 11.5 // each, so the form fills an A4 page's width
	paperA4      = 9    // the page-setup code of A4 paper
	fontFamily   = "宋体"
	// The panes and summary boxes are at least this many lines tall, room to write by hand
	// on a printed blank, and together they fill an A4 page.
	paneLines  = 25
	blockLines = 5
)

// WriteXLSX writes a workbook: one sheet per table, with the header frozen and columns wide
// enough for their Chinese text, then one print-ready A4 sheet per observation laid out like
// the paper 听课记录表.
func WriteXLSX(w io.Writer, l i18n.Lang, tables []Table, forms []ObservationSheet) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	used := map[string]bool{}
	// addSheet adds a sheet (the new file's own first sheet, renamed, the first time) and
	// fills it.
	addSheet := func(name string, fill func(name string) error) error {
		name = sheetName(name, used)
		var err error
		if len(used) == 1 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err == nil {
			err = fill(name)
		}
		if err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		return nil
	}
	for _, t := range tables {
		if err := addSheet(t.Name, func(name string) error { return writeRegister(f, st, name, t) }); err != nil {
			return err
		}
	}
	for i, o := range forms {
		if err := addSheet(l.T(msgFormSheet, i+1, o.Teacher), func(name string) error { return writeForm(f, st, l, name, o) }); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// styles are the workbook's cell styles.
type styles struct {
	header, cell, wrap, title, label, value, block, score int
}

func newStyles(f *excelize.File) (styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := &excelize.Font{Family: fontFamily, Size: 11}
	bold := &excelize.Font{Family: fontFamily, Size: 11, Bold: true}
	gray := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}
	defs := []*excelize.Style{
		{Font: bold, Fill: gray, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		{Font: font, Alignment: &excelize.Alignment{Vertical: "top"}},
		{Font: font, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		{Font: &excelize.Font{Family: fontFamily, Size: 18, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
		{Font: bold, Fill: gray, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true, Indent: 1}},
		{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true, Indent: 1}},
		{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return styles{}, err
		}
		ids[i] = id
	}
	return styles{header: ids[0], cell: ids[1], wrap: ids[2], title: ids[3], label: ids[4], value: ids[5], block: ids[6], score: ids[7]}, nil
}

// writeRegister fills one register sheet: header, rows, widths that fit, header frozen.
func writeRegister(f *excelize.File, st styles, sheet string, t Table) error {
	widths := make([]int, len(t.Header))
	for j, h := range t.Header {
		widths[j] = width.Narrow.String(h)
	}
	for _, row := range t.Rows {
		for j, c := range row {
			if j < len(widths) {
				for _, line := range strings.Split(cellText(c), "\n") {
					widths[j] = max(widths[j], width.Narrow.String(line))
				}
			}
		}
	}
	header := make([]any, len(t.Header))
	for j, h := range t.Header {
		header[j] = h
	}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return err
	}
	for i, row := range t.Rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		r := row
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			return err
		}
	}
	if len(t.Header) == 0 {
		return nil
	}
	lastCol, _ := excelize.ColumnNumberToName(len(t.Header))
	if err := f.SetCellStyle(sheet, "A1", lastCol+"1", st.header); err != nil {
		return err
	}
	if len(t.Rows) > 0 {
		if err := f.SetCellStyle(sheet, "A2", fmt.Sprintf("%s%d", lastCol, len(t.Rows)+1), st.cell); err != nil {
			return err
		}
	}
	for j, w := range widths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		width := float64(min(w, maxColWidth)) + 2
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return err
		}
		if w > maxColWidth && len(t.Rows) > 0 {
			if err := f.SetCellStyle(sheet, col+"2", fmt.Sprintf("%s%d", col, len(t.Rows)+1), st.wrap); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := f.AutoFilter(sheet, "A1:"+lastCol+"1", nil); err != nil {
		return err
	}
	// Printed, a register runs across landscape pages as wide as the paper, the header
	// repeated on each.
	size, orient, one, any := paperA4, "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &any}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet, RefersTo: fmt.Sprintf("'%s'!$1:$1", sheet)})
}

// linesFor estimates how many lines text wraps to in a cell cells wide.
func linesFor(text string, cells float64) int {
	per := max(int(cells)-1, 1)
	n := 0
	for _, para := range strings.Split(text, "\n") {
		n += max((width.Narrow.String(para)+per-1)/per, 1)
	}
	return n
}

// form writes the cells of one 听课记录表.
type form struct {
	f     *excelize.File
	st    styles
	sheet string
	row   int
	err   error
}

func (fm *form) set(cell string, v any, style int) {
	if fm.err == nil {
		fm.err = fm.f.SetCellValue(fm.sheet, cell, v)
	}
	if fm.err == nil {
		fm.err = fm.f.SetCellStyle(fm.sheet, cell, cell, style)
	}
}

// span writes v into columns c1..c2 of rows r1..r2, merged, every cell styled (so the borders
// of a merged range are drawn all round).
func (fm *form) span(c1, r1, c2, r2 int, v any, style int) {
	from, _ := excelize.CoordinatesToCellName(c1, r1)
	to, _ := excelize.CoordinatesToCellName(c2, r2)
	if fm.err == nil {
		fm.err = fm.f.SetCellValue(fm.sheet, from, v)
	}
	if fm.err == nil {
		fm.err = fm.f.SetCellStyle(fm.sheet, from, to, style)
	}
	if fm.err == nil && from != to {
		fm.err = fm.f.MergeCell(fm.sheet, from, to)
	}
}

// cells lays out one row of label and value pairs: each item is a text and how many columns it
// spans; items alternate label, value.
func (fm *form) cells(items ...any) {
	fm.row++
	col := 1
	for i := 0; i+1 < len(items); i += 2 {
		n := items[i+1].(int)
		style := fm.st.value
		if i%4 == 0 {
			style = fm.st.label
		}
		fm.span(col, fm.row, col+n-1, fm.row, items[i], style)
		col += n
	}
	fm.height(fm.row, 22)
}

func (fm *form) height(row int, h float64) {
	if fm.err == nil {
		fm.err = fm.f.SetRowHeight(fm.sheet, row, h)
	}
}

// block writes a labelled text across the form, its rows tall enough for the text (split over
// several rows when one would pass Excel's row limit).
func (fm *form) block(label, text string, minLines int) {
	fm.row++
	valueWidth := formColWidth * (formCols - 1)
	h := float64(max(linesFor(text, valueWidth), minLines))*lineHeight + 6
	rows := int(h/maxRowHeight) + 1
	fm.span(1, fm.row, 1, fm.row+rows-1, label, fm.st.label)
	fm.span(2, fm.row, formCols, fm.row+rows-1, text, fm.st.block)
	for r := 0; r < rows; r++ {
		fm.height(fm.row+r, h/float64(rows))
	}
	fm.row += rows - 1
}

// writeForm lays one observation out like the paper 听课记录表, on one A4 page.
func writeForm(f *excelize.File, st styles, l i18n.Lang, sheet string, s ObservationSheet) error {
	o := s.Observation
	fm := &form{f: f, st: st, sheet: sheet}
	if err := f.SetColWidth(sheet, "A", "H", formColWidth); err != nil {
		return err
	}
	fm.row = 1
	fm.span(1, 1, formCols, 1, l.T(msgFormTitle), st.title)
	fm.height(1, 36)

	when := o.On.String()
	if o.Week > 0 {
		when = l.T(msgFormWeekDay, when, l.Week(o.Week))
	}
	if o.Period > 0 {
		when += " " + l.T(msgFormPeriodNth, o.Period)
	}
	fm.cells(l.T(msgColSchool), 1, s.School, 3, l.T(msgColSubject), 1, o.Subject, 1, l.T(msgColClass), 1, o.ClassName, 1)
	fm.cells(l.T(msgColTopic), 1, o.Topic, 3, l.T(msgColTeacher), 1, s.Teacher, 3)
	fm.cells(l.T(msgColLessonType), 1, o.LessonType, 1, l.T(msgColKind), 1, o.Kind, 1, l.T(msgColDate), 1, when, 3)
	fm.cells(l.T(msgColObserver), 1, s.Observer, 3, l.T(msgColObsGrade), 1, l.GradeLetter(o.Grade), 3)

	// The two panes side by side, as on the paper: what happened | comments.
	fm.row++
	half := formCols / 2
	fm.span(1, fm.row, half, fm.row, l.T(msgFormProcess), st.label)
	fm.span(half+1, fm.row, formCols, fm.row, l.T(msgFormComments), st.label)
	fm.height(fm.row, 22)
	fm.row++
	paneWidth := formColWidth * float64(half)
	lines := max(linesFor(o.Texts.Process, paneWidth), linesFor(o.Texts.Comments, paneWidth), paneLines)
	h := float64(lines)*lineHeight + 6
	rows := int(h/maxRowHeight) + 1
	fm.span(1, fm.row, half, fm.row+rows-1, o.Texts.Process, st.block)
	fm.span(half+1, fm.row, formCols, fm.row+rows-1, o.Texts.Comments, st.block)
	for r := 0; r < rows; r++ {
		fm.height(fm.row+r, h/float64(rows))
	}
	fm.row += rows - 1

	// Scores: seven dimensions and the total fill the eight columns; a longer rubric wraps
	// onto more rows.
	dims := o.Rubric.Dimensions
	for start := 0; start < len(dims); start += formCols {
		end := min(start+formCols, len(dims))
		names, got := fm.row+1, fm.row+2
		nameLines := 0
		for i := start; i < end; i++ {
			col, _ := excelize.ColumnNumberToName(i - start + 1)
			label := l.T(msgFormDimension, dimName(l, dims[i]), cellText(dims[i].Max))
			nameLines = max(nameLines, linesFor(label, formColWidth))
			fm.set(fmt.Sprintf("%s%d", col, names), label, st.label)
			var v any = ""
			switch {
			case o.GradeOnly && i < len(o.Grades):
				v = l.GradeLetter(o.Grades[i])
			case !o.GradeOnly && i < len(o.Scores):
				v = o.Scores[i]
			}
			fm.set(fmt.Sprintf("%s%d", col, got), v, st.score)
		}
		if end-start < formCols && end == len(dims) {
			col, _ := excelize.ColumnNumberToName(end - start + 1)
			fm.set(fmt.Sprintf("%s%d", col, names), l.T(msgColTotal), st.label)
			fm.set(fmt.Sprintf("%s%d", col, got), o.Total, st.score)
			for c := end - start + 2; c <= formCols; c++ {
				fm.span(c, names, c, got, "", st.value)
			}
		}
		fm.height(names, max(36, float64(nameLines)*lineHeight+6))
		fm.height(got, 22)
		fm.row = got
	}
	if len(dims)%formCols == 0 {
		fm.cells(l.T(msgColTotal), 1, o.Total, formCols-1)
	}

	fm.block(l.T(msgColHighlights), o.Texts.Highlights, blockLines)
	fm.block(l.T(msgColProblems), o.Texts.Problems, blockLines)
	fm.block(l.T(msgColSuggestions), o.Texts.Suggestions, blockLines)
	fm.cells(l.T(msgColFollowUp), 1, o.FollowUp.Action, 5, l.T(msgColDue), 1, o.FollowUp.Due.String(), 1)
	if fm.err != nil {
		return fm.err
	}
	return pageSetup(f, sheet, fm.row)
}

// pageSetup makes a form sheet print on one A4 page, portrait, centred, without gridlines.
// What prints is the sheet's used range, stated as its dimension, A1 to H of the last row: a
// print area would be a defined name per sheet, and excelize checks each new name against
// every other by listing all the sheets, which made a term's three thousand forms take
// minutes.
func pageSetup(f *excelize.File, sheet string, lastRow int) error {
	if err := f.SetSheetDimension(sheet, fmt.Sprintf("A1:H%d", lastRow)); err != nil {
		return err
	}
	size, orient, one := paperA4, "portrait", 1
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &one}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	side, top, yes := 0.5, 0.6, true
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &top, Bottom: &top, Horizontally: &yes}); err != nil {
		return err
	}
	no := false
	if err := f.SetSheetView(sheet, 0, &excelize.ViewOptions{ShowGridLines: &no}); err != nil {
		return err
	}
	return nil
}

// dimName is a rubric dimension's name in the language (a school's own rubric may have only
// a Chinese one).
func dimName(l i18n.Lang, d store.Dimension) string {
	if l == i18n.En && d.NameEn != "" {
		return d.NameEn
	}
	return d.Name
}
