package main

import (
	"errors"
	"io/fs"
	"strings"

	"termbook/store/sheet"
	"termbook/ui/i18n"
)

// The sentences about a list's file (package sheet's errors), for every import of a list.
var (
	msgSheetCantRead  = i18n.Msg{Zh: "无法读取“%s”：%v", En: "Cannot read %s: %v"}
	msgSheetMissing   = i18n.Msg{Zh: "找不到文件“%s”。", En: "There is no file %s."}
	msgSheetNotFile   = i18n.Msg{Zh: "“%s”不是文件（而是文件夹、管道或设备）。", En: "%s is not a file (but a folder, a pipe or a device)."}
	msgSheetTooBig    = i18n.Msg{Zh: "“%s”太大（超过 %d MB），不像是%s。", En: "%s is too large (over %d MB) to be %s."}
	msgSheetEmpty     = i18n.Msg{Zh: "“%s”是空的，没有可导入的内容。", En: "%s is empty: there is nothing to import."}
	msgSheetNoRows    = i18n.Msg{Zh: "“%s”只有表头，下面是空的；没有导入任何内容。", En: "%s has a header and nothing under it; nothing was imported."}
	msgSheetNotTable  = i18n.Msg{Zh: "“%s”不是 CSV 或 XLSX 文件（也不是 UTF-8 或 GBK 编码的文本）。", En: "%s is not a CSV or XLSX file (nor text in UTF-8 or GBK)."}
	msgSheetNoColumn  = i18n.Msg{Zh: "“%s”的第一行缺少“%s”列；%s", En: "The first row of %s has no %s column; %s"}
	msgSheetBadXLSX   = i18n.Msg{Zh: "“%s”无法作为 Excel 工作簿打开（可能已损坏或加密）。", En: "%s cannot be opened as an Excel workbook (it may be damaged or encrypted)."}
	msgSheetBomb      = i18n.Msg{Zh: "“%s”解压后超过 %d MB，不像是%s；没有导入任何内容。", En: "%s would unpack to more than %d MB, far too much for %s; nothing was imported."}
	msgSheetTooMany   = i18n.Msg{Zh: "“%s”的行数超过 %d 行，请分成几个文件导入。", En: "%s has more than %d rows; split it into several files."}
	msgSheetTooWide   = i18n.Msg{Zh: "“%s”第 %d 行超过 %d 列，不像是%s；请只保留需要的列。", En: "%s: row %d has more than %d columns, far too many for %s; keep only the columns it needs."}
	msgSheetBareQuote = i18n.Msg{Zh: "“%s”第 %d 行 %s 列有一个英文双引号 \"，而这一格没有整个用双引号括起来；请在 Excel 或 WPS 里把它另存为 CSV，或把这个引号改成中文引号“”。", En: "%s, row %d, column %s: a double quote \" inside a cell that is not itself in quotes; save the list as CSV from Excel or WPS, or replace the quote with “ ”."}
	msgSheetQuote     = i18n.Msg{Zh: "“%s”第 %d 行 %s 列以英文双引号 \" 开头，却没有在这一格末尾配对结束（格内的双引号要写成两个 \"\"）；请在 Excel 或 WPS 里把它另存为 CSV。", En: "%s, row %d, column %s: the cell starts with a double quote \" that is not closed at its end (a quote inside it is written twice, \"\"); save the list as CSV from Excel or WPS."}
	msgSheetBadCSV    = i18n.Msg{Zh: "“%s”第 %d 行的 CSV 格式有误。", En: "%s is not valid CSV at row %d."}
)

// listKind is what an import reads, for the sentences about its file.
type listKind struct {
	what    i18n.Msg            // "教师名单", "a teacher list"
	header  i18n.Msg            // what its header row names, a sentence
	columns map[string]i18n.Msg // a required column's word, by its name in the header map
}

// teacherList is what `termbook import teachers` reads (store/roster).
var teacherList = listKind{
	what:    i18n.Msg{Zh: "教师名单", En: "a teacher list"},
	header:  i18n.Msg{Zh: "表头应包含 姓名、学校，可选 学科、年级、职称、职务、荣誉。", En: "the header needs name and school, and may have subject, grade, rank, post and honour."},
	columns: map[string]i18n.Msg{"name": {Zh: "姓名", En: "name"}, "school": {Zh: "学校", En: "school"}},
}

// handinList is what `termbook import handins` reads (store/roster).
var handinList = listKind{
	what: i18n.Msg{Zh: "材料台账", En: "a hand-in list"},
	header: i18n.Msg{Zh: "表头应包含 教师、类别、日期，可选 学校、名称、查阅人、查阅日期、等次、评语、文件。",
		En: "the header needs teacher, kind and date, and may have school, title, checked by, checked on, grade, comment and file."},
	columns: map[string]i18n.Msg{"teacher": {Zh: "教师", En: "teacher"}, "kind": {Zh: "类别", En: "kind"}, "date": {Zh: "日期", En: "date"}},
}

// fileProblem is one sentence about a list's file that cannot be imported: package sheet's
// errors (and the file system's), each named for a person at a spreadsheet.
func (m *Main) fileProblem(path string, err error, list listKind) string {
	l := m.lang
	var he *sheet.HeaderError
	var fe *sheet.FaultError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return l.T(msgSheetMissing, path)
	case errors.Is(err, sheet.ErrNotFile):
		return l.T(msgSheetNotFile, path)
	case errors.Is(err, sheet.ErrTooBig):
		return l.T(msgSheetTooBig, path, sheet.MaxFileBytes>>20, l.T(list.what))
	case errors.Is(err, sheet.ErrEmpty):
		return l.T(msgSheetEmpty, path)
	case errors.Is(err, sheet.ErrNoRows):
		return l.T(msgSheetNoRows, path)
	case errors.As(err, &he):
		return l.T(msgSheetNoColumn, path, l.T(list.columns[he.Column]), l.T(list.header))
	case errors.As(err, &fe) && errors.Is(err, sheet.ErrTooWide):
		return l.T(msgSheetTooWide, path, fe.Line, sheet.MaxColumns, l.T(list.what))
	case errors.As(err, &fe) && errors.Is(err, sheet.ErrBareQuote):
		return l.T(msgSheetBareQuote, path, fe.Line, columnName(fe.Column))
	case errors.As(err, &fe) && errors.Is(err, sheet.ErrQuote):
		return l.T(msgSheetQuote, path, fe.Line, columnName(fe.Column))
	case errors.As(err, &fe):
		return l.T(msgSheetBadCSV, path, fe.Line)
	case errors.Is(err, sheet.ErrTooLarge):
		return l.T(msgSheetBomb, path, sheet.MaxUnpacked>>20, l.T(list.what))
	case errors.Is(err, sheet.ErrBadXLSX):
		return l.T(msgSheetBadXLSX, path)
	case errors.Is(err, sheet.ErrTooManyRow):
		return l.T(msgSheetTooMany, path, sheet.MaxRows)
	case errors.Is(err, sheet.ErrNotTable):
		return l.T(msgSheetNotTable, path)
	}
	return l.T(msgSheetCantRead, path, err)
}

// columnName is a column as a spreadsheet names it: 1 is A, 26 Z, 27 AA.
func columnName(n int) string {
	var b strings.Builder
	for ; n > 0; n = (n - 1) / 26 {
		b.WriteByte(byte('A' + (n-1)%26))
	}
	r := []byte(b.String())
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}
