// Package report writes termbook's records and term-end review for people outside the
// program: aligned text for the terminal, Markdown, CSV that Excel and WPS open correctly
// (UTF-8 with a byte-order mark), and XLSX workbooks with one sheet per register plus a
// print-ready 听课记录表 per observation. Every word in its output comes from the message
// catalogue.
package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"termbook/ui/width"
)

// Table is one register or section: a name (the sheet's, the CSV file's) and rows of text
// under a header. Numbers are kept as numbers so spreadsheets can sum them.
type Table struct {
	Name   string
	Title  string // a heading line above the table in text and Markdown; "" for none
	Header []string
	Rows   [][]any // string, int or float64 cells
}

// cellText is how a cell reads in text, Markdown and CSV.
func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", x), "0"), ".")
	default:
		return fmt.Sprint(x)
	}
}

// WriteText writes the tables as columns aligned by display width in mode m (the terminal's),
// two spaces apart.
func WriteText(w io.Writer, m width.Mode, tables ...Table) error {
	var b strings.Builder
	for i, t := range tables {
		if i > 0 {
			b.WriteByte('\n')
		}
		if t.Title != "" {
			b.WriteString(t.Title + "\n")
		}
		widths := make([]int, len(t.Header))
		measure := func(row []string) {
			for j, c := range row {
				if j < len(widths) {
					widths[j] = max(widths[j], m.String(c))
				}
			}
		}
		rows := make([][]string, len(t.Rows))
		for r, row := range t.Rows {
			rows[r] = make([]string, len(row))
			for j, c := range row {
				rows[r][j] = cellText(c)
			}
			measure(rows[r])
		}
		measure(t.Header)
		line := func(row []string) {
			var l strings.Builder
			for j, c := range row {
				if j > 0 {
					l.WriteString("  ")
				}
				l.WriteString(m.Pad(c, widths[j]))
			}
			b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
		}
		line(t.Header)
		rule := make([]string, len(widths))
		for j, n := range widths {
			rule[j] = strings.Repeat("-", n)
		}
		line(rule)
		for _, row := range rows {
			line(row)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes the tables as Markdown (GitHub) tables, each under its title.
func WriteMarkdown(w io.Writer, tables ...Table) error {
	var b strings.Builder
	esc := strings.NewReplacer("|", `\|`, "\n", " ")
	for i, t := range tables {
		if i > 0 {
			b.WriteByte('\n')
		}
		if t.Title != "" {
			b.WriteString("## " + t.Title + "\n\n")
		}
		b.WriteString("|")
		for _, h := range t.Header {
			b.WriteString(" " + esc.Replace(h) + " |")
		}
		b.WriteString("\n|")
		for range t.Header {
			b.WriteString(" --- |")
		}
		b.WriteString("\n")
		for _, row := range t.Rows {
			b.WriteString("|")
			for _, c := range row {
				b.WriteString(" " + esc.Replace(cellText(c)) + " |")
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// BOM is the UTF-8 byte-order mark that tells Excel and WPS a CSV file is UTF-8.
const BOM = "\ufeff"

// formulaSafe makes a text cell safe to open in Excel or WPS, which run a cell that starts
// with = + - or @ as a formula (a tab or carriage return before one as well): names and
// notes come from every school that sends its records, so =HYPERLINK(…) or +1+2 must stay
// text. Such a cell gets a leading apostrophe, as OWASP recommends for CSV files; a lone
// dash (a blank in the registers) is no formula and stays as it is.
func formulaSafe(s string) string {
	if s == "" || s == "-" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// WriteCSV writes one table as CSV in UTF-8 with a byte-order mark and CRLF line ends, as
// Excel writes them. Text cells that a spreadsheet would run as a formula are written as
// text (formulaSafe); numbers are written as numbers.
func WriteCSV(w io.Writer, t Table) error {
	if _, err := io.WriteString(w, BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	rec := make([]string, 0, len(t.Header))
	for _, h := range t.Header {
		rec = append(rec, formulaSafe(h))
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for _, row := range t.Rows {
		rec = rec[:0]
		for _, c := range row {
			if s, ok := c.(string); ok {
				rec = append(rec, formulaSafe(s))
			} else {
				rec = append(rec, cellText(c))
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
