package report

import (
	"archive/zip"
	"fmt"
	"io"
	"iter"
	"strconv"
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

// Workbook is an XLSX export: one sheet per table, with the header frozen and columns wide
// enough for their Chinese text, then a sheet of the observations laid out like the paper
// 听课记录表, one below the other, each printing on an A4 page of its own.
type Workbook struct {
	Lang   i18n.Lang
	Tables []Table
	// Forms yields the observations whose forms follow the tables, in order; FormCount is
	// how many it yields, for Progress. Nil for none.
	Forms     iter.Seq2[ObservationSheet, error]
	FormCount int
	// Progress, if set, is told how far the writing has come after every sheet and once
	// more when the file is complete. A term's workbook takes seconds: the command line and
	// the program's status line show it.
	Progress func(Progress)

	// cover, if set, lays out a sheet printed before the tables (the report that goes up):
	// its name, and the form with the last row it prints.
	cover func(st styles) (name string, fm *form, orient string)
}

// Progress is how far a workbook has come: Done of Total steps, a step for every table, one
// for every form and one for packing the file.
type Progress struct {
	Done, Total int
}

// FormsOf yields forms held in memory, for Workbook.Forms.
func FormsOf(forms []ObservationSheet) iter.Seq2[ObservationSheet, error] {
	return func(yield func(ObservationSheet, error) bool) {
		for _, o := range forms {
			if !yield(o, nil) {
				return
			}
		}
	}
}

// WriteXLSX writes a workbook of tables and observation forms held in memory.
func WriteXLSX(w io.Writer, l i18n.Lang, tables []Table, forms []ObservationSheet) error {
	return Workbook{Lang: l, Tables: tables, Forms: FormsOf(forms), FormCount: len(forms)}.Write(w)
}

// Write writes the workbook to w. Every sheet is streamed: laid out, then written as rows of
// XML and never held as cells, so a term of three thousand forms takes seconds; the forms,
// all on one sheet, pass through a temporary file once they outgrow a few megabytes, so
// memory does not grow with them.
func (wb Workbook) Write(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	// excelize packs the file into a buffer and then copies it to w; a zip writer on w
	// itself writes the packed file as it goes, without holding all of it.
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	b := &book{f: f, st: st, used: map[string]bool{}, report: wb.Progress,
		at: Progress{Total: len(wb.Tables) + wb.FormCount + 1}}
	f.SetActiveSheet(0)
	if wb.cover != nil {
		b.at.Total++
		name, fm, orient := wb.cover(st)
		lastCol, _ := excelize.ColumnNumberToName(len(fm.widths))
		setup := func(sheet string) error { return printLayout(f, sheet, lastCol, len(fm.rows), orient, 0) }
		fill := func(sw *excelize.StreamWriter) error {
			if err := fm.setWidths(sw); err != nil {
				return err
			}
			return fm.writeAt(sw, 1)
		}
		if err := b.sheet(name, setup, fill); err != nil {
			return err
		}
	}
	for _, t := range wb.Tables {
		if err := b.register(t); err != nil {
			return err
		}
	}
	if wb.Forms != nil {
		if err := b.forms(wb.Lang, wb.Forms); err != nil {
			return err
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return err
	}
	b.step()
	return nil
}

// book is a workbook being written: its file, styles, sheet names and progress.
type book struct {
	f      *excelize.File
	st     styles
	used   map[string]bool // sheet names taken
	report func(Progress)
	at     Progress
}

// step counts one step done (the last is the file packed) and reports it.
func (b *book) step() {
	b.at.Done = min(b.at.Done+1, b.at.Total)
	if b.report != nil {
		b.report(b.at)
	}
}

// sheet adds a sheet (the new file's own first sheet, renamed, the first time), lets setup
// set what precedes its rows (page setup, print titles), then streams its rows with fill.
func (b *book) sheet(name string, setup func(sheet string) error, fill func(sw *excelize.StreamWriter) error) error {
	name = sheetName(name, b.used)
	err := b.addSheet(name)
	if err == nil {
		err = setup(name)
	}
	var sw *excelize.StreamWriter
	if err == nil {
		sw, err = b.f.NewStreamWriter(name)
	}
	if err == nil {
		err = fill(sw)
	}
	if err == nil {
		err = sw.Flush()
	}
	if err != nil {
		return fmt.Errorf("sheet %s: %w", name, err)
	}
	b.step()
	return nil
}

func (b *book) addSheet(name string) error {
	if len(b.used) == 1 {
		return b.f.SetSheetName("Sheet1", name)
	}
	_, err := b.f.NewSheet(name)
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

// register writes one table as a sheet: header, rows, widths that fit, header frozen, a
// filter on the header, and printed across landscape pages with the header on each.
func (b *book) register(t Table) error {
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
	st := b.st
	setup := func(sheet string) error {
		if len(t.Header) == 0 {
			return nil
		}
		lastCol, _ := excelize.ColumnNumberToName(len(t.Header))
		// The filter first: it replaces the sheet's properties that fitting to the page sets.
		if err := b.f.AutoFilter(sheet, "A1:"+lastCol+"1", nil); err != nil {
			return err
		}
		size, orient, one, any := paperA4, "landscape", 1, 0
		if err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &any}); err != nil {
			return err
		}
		fit := true
		if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
			return err
		}
		return b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet, RefersTo: fmt.Sprintf("'%s'!$1:$1", sheet)})
	}
	fill := func(sw *excelize.StreamWriter) error {
		// The style of each column's cells below the header: a column wider than the
		// widest allowed wraps.
		body := make([]int, len(t.Header))
		if len(t.Header) > 0 {
			if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
				return err
			}
		}
		for j, w := range widths {
			if err := sw.SetColWidth(j+1, j+1, float64(min(w, maxColWidth))+2); err != nil {
				return err
			}
			body[j] = st.cell
			if w > maxColWidth {
				body[j] = st.wrap
			}
		}
		header := make([]any, len(t.Header))
		for j, h := range t.Header {
			header[j] = excelize.Cell{StyleID: st.header, Value: h}
		}
		if err := sw.SetRow("A1", header); err != nil {
			return err
		}
		var cells []any
		for i, row := range t.Rows {
			cells = cells[:0]
			for j := range max(len(row), len(body)) {
				var c excelize.Cell
				if j < len(row) {
					c.Value = row[j]
				}
				if j < len(body) {
					c.StyleID = body[j]
				}
				cells = append(cells, c)
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := sw.SetRow(cell, cells); err != nil {
				return err
			}
		}
		return nil
	}
	return b.sheet(t.Name, setup, fill)
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

// form is a printed page laid out on a grid before it is written — a 听课记录表 formCols
// columns wide, or the report that goes up as wide as its widest table: its column widths,
// its rows top to bottom, each cell's value and style, the merged ranges. The layout methods
// (cells, block, span) each add a band of rows below fm.row, so a row of the printed form is
// one call in layoutForm.
type form struct {
	st     styles
	widths []float64 // each column's width in characters
	row    int       // the last row laid out
	rows   []formRow
	merges [][4]int // column and row of the first cell, column and row of the last
}

// newForm is an empty form of columns of those widths.
func newForm(st styles, widths []float64) *form { return &form{st: st, widths: widths} }

// formRow is one row of a form: its height in points and its cells (nil, or an
// excelize.Cell with a style and perhaps a value).
type formRow struct {
	height float64
	cells  []any
}

// at is row r (from 1), the rows up to it added as needed.
func (fm *form) at(r int) *formRow {
	for len(fm.rows) < r {
		fm.rows = append(fm.rows, formRow{cells: make([]any, len(fm.widths))})
	}
	return &fm.rows[r-1]
}

func (fm *form) set(c, r int, v any, style int) { fm.span(c, r, c, r, v, style) }

// span writes v into columns c1..c2 of rows r1..r2, merged, every cell styled (so the borders
// of a merged range are drawn all round).
func (fm *form) span(c1, r1, c2, r2 int, v any, style int) {
	for r := r1; r <= r2; r++ {
		row := fm.at(r)
		for c := c1; c <= c2; c++ {
			row.cells[c-1] = excelize.Cell{StyleID: style}
		}
	}
	fm.at(r1).cells[c1-1] = excelize.Cell{StyleID: style, Value: v}
	if c1 != c2 || r1 != r2 {
		fm.merges = append(fm.merges, [4]int{c1, r1, c2, r2})
	}
}

// cells lays out one row of label and value pairs: each item is a text and how many columns it
// spans; items alternate label, value. The row is as tall as its longest wrapped item.
func (fm *form) cells(items ...any) {
	fm.row++
	col, lines := 1, 1
	for i := 0; i+1 < len(items); i += 2 {
		n := items[i+1].(int)
		style := fm.st.value
		if i%4 == 0 {
			style = fm.st.label
		}
		fm.span(col, fm.row, col+n-1, fm.row, items[i], style)
		lines = max(lines, linesFor(cellText(items[i]), formColWidth*float64(n)))
		col += n
	}
	fm.height(fm.row, max(22, float64(lines)*lineHeight+6))
}

func (fm *form) height(row int, h float64) { fm.at(row).height = h }

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

// setWidths sets the form's column widths: before any row of the sheet is written.
func (fm *form) setWidths(sw *excelize.StreamWriter) error {
	for i, w := range fm.widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	return nil
}

// writeAt streams the laid-out form with its first row at row top of the sheet: the rows,
// then the merged ranges.
func (fm *form) writeAt(sw *excelize.StreamWriter, top int) error {
	for i := range fm.rows {
		cell, _ := excelize.CoordinatesToCellName(1, top+i)
		if err := sw.SetRow(cell, fm.rows[i].cells, excelize.RowOpts{Height: fm.rows[i].height}); err != nil {
			return err
		}
	}
	for _, m := range fm.merges {
		from, _ := excelize.CoordinatesToCellName(m[0], top+m[1]-1)
		to, _ := excelize.CoordinatesToCellName(m[2], top+m[3]-1)
		if err := sw.MergeCell(from, to); err != nil {
			return err
		}
	}
	return nil
}

// tall is the form's height in points.
func (fm *form) tall() float64 {
	h := 0.0
	for _, r := range fm.rows {
		h += r.height
	}
	return h
}

// forms writes the observations' 听课记录表 one below the other on one sheet, a page break
// before each, so that each prints on an A4 page of its own. One sheet, not one per form: a
// term's three thousand sheet tabs are no way to find a form (the one sheet is searched,
// and printed, whole), and a sheet per form was held in memory, each with its own copy of a
// sheet's boilerplate, until the file was packed, where one long sheet is streamed through a
// temporary file. Every form is reported to Progress as it is written.
func (b *book) forms(l i18n.Lang, forms iter.Seq2[ObservationSheet, error]) error {
	var sw *excelize.StreamWriter
	name := sheetName(l.T(msgFormsSheet), b.used)
	top, tallest := 1, 0.0
	for o, err := range forms {
		if err != nil {
			return err
		}
		fm := layoutForm(b.st, l, o)
		if sw == nil {
			sw, err = b.formSheet(name, fm)
		} else {
			err = sw.InsertPageBreak("A" + strconv.Itoa(top))
		}
		if err == nil {
			err = fm.writeAt(sw, top)
		}
		if err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		top += len(fm.rows)
		tallest = max(tallest, fm.tall())
		b.step()
	}
	if sw == nil {
		return nil
	}
	// The scale is known once every form is laid out; excelize writes the page setup after
	// the rows, when the stream is flushed.
	size, orient, scale := paperA4, "portrait", formScale(tallest)
	err := b.f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, AdjustTo: &scale})
	if err == nil {
		err = sw.Flush()
	}
	if err != nil {
		return fmt.Errorf("sheet %s: %w", name, err)
	}
	return nil
}

// formSheet adds the sheet of forms, printed centred without gridlines, and starts its
// stream with fm's columns.
func (b *book) formSheet(name string, fm *form) (*excelize.StreamWriter, error) {
	if err := b.addSheet(name); err != nil {
		return nil, err
	}
	if err := printMargins(b.f, name); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	return sw, fm.setWidths(sw)
}

// The printable part of an A4 page within printMargins' margins, in points, and the smallest
// scale forms print at.
const (
	pageHeight   = 841.9 - 2*0.6*72
	pageWidth    = 595.3 - 2*0.5*72
	minFormScale = 55 // percent: 11-point text prints at 6 points, still readable
)

// formScale is the print scale, in percent, at which a form tall points high fits one page.
// The sheet of forms cannot be fitted to pages (fitting a sheet to pages overrides its page
// breaks), so it prints at the scale that fits its tallest form; a form taller than fits at
// minFormScale (pages of text) goes on over the next page.
func formScale(tall float64) uint {
	// A column w characters wide is about 7w+5 pixels of 0.75 points.
	wide := formCols * (7*formColWidth + 5) * 0.75
	s := min(100, pageHeight/tall*100, pageWidth/wide*100)
	return uint(max(minFormScale, int(s)))
}

// layoutForm lays one observation out like the paper 听课记录表, on one A4 page. A new row of
// the printed form is one more call here: cells for a row of labelled fields (label, its
// columns, value, its columns … eight columns in all), block for a labelled text box as wide
// as the form, or span for anything else; its words go in messages.go.
func layoutForm(st styles, l i18n.Lang, s ObservationSheet) *form {
	o := s.Observation
	widths := make([]float64, formCols)
	for i := range widths {
		widths[i] = formColWidth
	}
	fm := newForm(st, widths)
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
	lesson := ""
	if o.LessonNo > 0 {
		lesson = l.T(msgFormLessonNth, o.LessonNo)
	}
	fm.cells(l.T(msgColUnit), 1, o.Unit, 5, l.T(msgColLessonNo), 1, lesson, 1)
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
			label := l.T(msgFormDimension, dimName(l, dims[i]), cellText(dims[i].Max))
			nameLines = max(nameLines, linesFor(label, formColWidth))
			fm.set(i-start+1, names, label, st.label)
			var v any = ""
			switch {
			case o.GradeOnly && i < len(o.Grades):
				v = l.GradeLetter(o.Grades[i])
			case !o.GradeOnly && i < len(o.Scores):
				v = o.Scores[i]
			}
			fm.set(i-start+1, got, v, st.score)
		}
		if end-start < formCols && end == len(dims) {
			fm.set(end-start+1, names, l.T(msgColTotal), st.label)
			fm.set(end-start+1, got, o.Total, st.score)
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
	fm.block(l.T(msgColOverall), o.Texts.Overall, blockLines)
	fm.cells(l.T(msgColFollowUp), 1, o.FollowUp.Action, 5, l.T(msgColDue), 1, o.FollowUp.Due.String(), 1)

	// Signed by hand, as on paper: the observer and the teacher, each with the day.
	fm.row++
	lines = 1
	for i, who := range []i18n.Msg{msgFormObserverSign, msgFormTeacherSign} {
		c := 1 + i*formCols/2
		fm.set(c, fm.row, l.T(who), st.label)
		fm.span(c+1, fm.row, c+2, fm.row, "", st.value)
		fm.set(c+3, fm.row, l.T(msgFormDateBlank), st.score)
		lines = max(lines, linesFor(l.T(who), formColWidth))
	}
	fm.height(fm.row, max(36, float64(lines)*lineHeight+10)) // room to sign
	return fm
}

// printLayout makes a laid-out sheet print A1 to lastCol lastRow on A4 in orient, as wide as
// the paper and pagesTall pages tall (0: as many as it takes), centred, without gridlines.
func printLayout(f *excelize.File, sheet, lastCol string, lastRow int, orient string, pagesTall int) error {
	if err := f.SetSheetDimension(sheet, fmt.Sprintf("A1:%s%d", lastCol, lastRow)); err != nil {
		return err
	}
	size, one := paperA4, 1
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &pagesTall}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return printMargins(f, sheet)
}

// printMargins sets a printed sheet's margins (half an inch at the sides, 0.6 at top and
// bottom), centres it across the page and hides the gridlines.
func printMargins(f *excelize.File, sheet string) error {
	side, top, yes := 0.5, 0.6, true
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &top, Bottom: &top, Horizontally: &yes}); err != nil {
		return err
	}
	no := false
	return f.SetSheetView(sheet, 0, &excelize.ViewOptions{ShowGridLines: &no})
}

// dimName is a rubric dimension's name in the language (a school's own rubric may have only
// a Chinese one).
func dimName(l i18n.Lang, d store.Dimension) string {
	if l == i18n.En && d.NameEn != "" {
		return d.NameEn
	}
	return d.Name
}
