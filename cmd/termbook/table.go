package main

import (
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// table lays out rows of cells in columns aligned by display width, so that Chinese text
// (two cells a character) lines up; columns are two spaces apart and empty columns are left
// out altogether.
type table struct {
	rows [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// write writes the table, each line without trailing spaces.
func (t *table) write(w io.Writer) error {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	// A column empty in every row but the header is not worth its width.
	used := make([]bool, len(widths))
	for _, r := range t.rows[min(1, len(t.rows)):] {
		for i, c := range r {
			used[i] = used[i] || c != ""
		}
	}
	var b strings.Builder
	for _, r := range t.rows {
		var line strings.Builder
		for i, c := range r {
			if !used[i] {
				continue
			}
			if line.Len() > 0 {
				line.WriteString("  ")
			}
			line.WriteString(c)
			line.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)))
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
