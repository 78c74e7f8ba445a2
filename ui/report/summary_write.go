package report

import (
	"io"
	"strconv"
	"strings"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/width"
)

// numeral is the n-th section's number: 一, 二 … in Chinese, 1, 2 … in English.
func numeral(l i18n.Lang, n int) string {
	if l == i18n.En {
		return strconv.Itoa(n)
	}
	return string([]rune("一二三四五六七八九十")[n-1])
}

// sectionHead is a narrative section's heading: 一、开展情况.
func sectionHead(l i18n.Lang, i int, sec store.Section) string {
	return l.T(msgSectionN, numeral(l, i+1), SectionTitle(l, sec))
}

// WriteSummaryMarkdown writes the report as Markdown: the title and header, each narrative
// section, the figures as numbered tables under the first one (开展情况).
func WriteSummaryMarkdown(w io.Writer, l i18n.Lang, sum Summary) error {
	// Blocks of text, a blank line between each.
	blocks := []string{"# " + sum.Title}
	var head []string
	for _, h := range sum.headerCells(l) {
		head = append(head, h[0]+"："+h[1])
	}
	blocks = append(blocks, strings.Join(head, "　"))
	for i, sec := range store.Sections() {
		blocks = append(blocks, "## "+sectionHead(l, i, sec))
		for _, para := range strings.Split(sum.sectionText(l, sec), "\n") {
			if para = strings.TrimSpace(para); para != "" {
				blocks = append(blocks, para)
			}
		}
		if sec != store.SectionProgress {
			continue
		}
		for n, t := range sum.Tables {
			blocks = append(blocks, "**"+l.T(msgSumTableN, n+1, t.Title)+"**")
			var md strings.Builder
			t.Title = ""
			if err := WriteMarkdown(&md, t); err != nil {
				return err
			}
			blocks = append(blocks, strings.TrimRight(md.String(), "\n"))
			if len(t.Rows) == 0 {
				// A paragraph of its own: a line right under a table would read as its row.
				blocks = append(blocks, l.T(msgSumNone))
			}
		}
	}
	_, err := io.WriteString(w, strings.Join(blocks, "\n\n")+"\n")
	return err
}

// WriteSummaryXLSX writes the report as a workbook: a first sheet laid out to print (title,
// header, the narrative and the figure tables, landscape A4 fitted to the width), then each
// figure table as a sheet of its own, to sort and sum.
func WriteSummaryXLSX(w io.Writer, l i18n.Lang, sum Summary) error {
	tables := make([]Table, len(sum.Tables))
	for i, t := range sum.Tables {
		t.Title = ""
		tables[i] = t
	}
	cover := func(st styles) (string, *form, string) {
		return l.T(msgSumSheet), layoutSummary(st, l, sum), "landscape"
	}
	return Workbook{Lang: l, Tables: tables, cover: cover}.Write(w)
}

// summaryCols is how many columns the printed sheet's text spans: the widest table's.
func summaryCols(sum Summary) int {
	n := 8
	for _, t := range sum.Tables {
		n = max(n, len(t.Header))
	}
	return n
}

// layoutSummary lays the report out on one sheet, top to bottom.
func layoutSummary(st styles, l i18n.Lang, sum Summary) *form {
	cols := summaryCols(sum)
	widths := make([]float64, cols)
	for i := range widths {
		widths[i] = 8
	}
	for _, t := range sum.Tables {
		for j, h := range t.Header {
			widths[j] = max(widths[j], float64(min(width.Narrow.String(h), 16))+2)
		}
		for _, row := range t.Rows {
			for j, c := range row {
				if j < cols {
					widths[j] = max(widths[j], float64(min(width.Narrow.String(cellText(c)), 24))+2)
				}
			}
		}
	}
	total := 0.0
	for _, wd := range widths {
		total += wd
	}
	fm := newForm(st, widths)
	fm.row = 1
	fm.span(1, 1, cols, 1, sum.Title, st.title)
	fm.height(1, 36)

	// The header: 单位 … 日期, label and value side by side across the width.
	fm.row++
	per := max(cols/4, 2)
	for i, h := range sum.headerCells(l) {
		c := 1 + i*per
		last := c + per - 1
		if i == 3 {
			last = cols
		}
		fm.span(c, fm.row, c, fm.row, h[0], st.label)
		fm.span(c+1, fm.row, last, fm.row, h[1], st.value)
	}
	fm.height(fm.row, 22)

	for i, sec := range store.Sections() {
		fm.row += 2
		fm.span(1, fm.row, cols, fm.row, sectionHead(l, i, sec), st.label)
		fm.height(fm.row, 22)
		fm.row++
		text := sum.sectionText(l, sec)
		h := float64(max(linesFor(text, total), 3))*lineHeight + 6
		rows := int(h/maxRowHeight) + 1
		fm.span(1, fm.row, cols, fm.row+rows-1, text, st.block)
		for r := 0; r < rows; r++ {
			fm.height(fm.row+r, h/float64(rows))
		}
		fm.row += rows - 1
		if sec != store.SectionProgress {
			continue
		}
		for n, t := range sum.Tables {
			fm.row += 2
			fm.span(1, fm.row, cols, fm.row, l.T(msgSumTableN, n+1, t.Title), st.header)
			fm.height(fm.row, 22)
			fm.row++
			for j, hd := range t.Header {
				fm.span(j+1, fm.row, j+1, fm.row, hd, st.label)
			}
			fm.height(fm.row, 36)
			if len(t.Rows) == 0 {
				fm.row++
				fm.span(1, fm.row, max(len(t.Header), 1), fm.row, l.T(msgSumNone), st.value)
			}
			for _, row := range t.Rows {
				fm.row++
				lines := 1
				for j, c := range row {
					style := st.value
					if _, num := c.(int); num {
						style = st.score
					}
					fm.span(j+1, fm.row, j+1, fm.row, c, style)
					lines = max(lines, linesFor(cellText(c), widths[j]))
				}
				fm.height(fm.row, float64(lines)*lineHeight+6)
			}
		}
	}
	return fm
}
