package main

import (
	"io"
	"strings"

	"termbook/ui/width"
)

// table lays out rows of cells in columns aligned by display width, so that Chinese text
// (two cells a character) lines up; columns are two spaces apart and empty columns are left
// out altogether.
type table struct {
	rows [][]string
	// mode is how wide the terminal draws East-Asian ambiguous characters (“ ” … — ·): two
	// cells in a Chinese Windows console; see newTable.
	mode width.Mode
	// fit, when above zero, is the width lines must not exceed: the shrink columns are
	// cut, first the first, to make them fit.
	fit    int
	shrink []int
}

// minShrunk is the narrowest a shrinking column becomes.
const minShrunk = 8

// newTable makes a table that measures text as the terminal will draw it, in the width mode
// the environment gives (see package width).
func newTable(getenv func(string) string) *table { return &table{mode: width.Detect(getenv)} }

func (t *table) width(s string) int { return t.mode.String(s) }

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// write writes the table, each line without trailing spaces.
func (t *table) write(w io.Writer) error {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], t.width(c))
		}
	}
	// A column empty in every row but the header is not worth its width.
	used := make([]bool, len(widths))
	for _, r := range t.rows[min(1, len(t.rows)):] {
		for i, c := range r {
			used[i] = used[i] || c != ""
		}
	}
	t.narrow(widths, used)
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
			c = t.truncate(c, widths[i])
			line.WriteString(c)
			line.WriteString(strings.Repeat(" ", widths[i]-t.width(c)))
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// narrow cuts the shrink columns, in their order, each down to minShrunk at most, until a
// line fits t.fit cells.
func (t *table) narrow(widths []int, used []bool) {
	if t.fit <= 0 {
		return
	}
	over := -2 - t.fit
	for i, w := range widths {
		if used[i] {
			over += w + 2
		}
	}
	for _, i := range t.shrink {
		if over <= 0 {
			return
		}
		if i < len(widths) && used[i] && widths[i] > minShrunk {
			cut := min(over, widths[i]-minShrunk)
			widths[i] -= cut
			over -= cut
		}
	}
}

// truncate cuts s to at most w cells, ending in ".." when cut.
func (t *table) truncate(s string, w int) string {
	if t.width(s) <= w {
		return s
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		rw := t.width(string(r))
		if used+rw > w-2 {
			break
		}
		b.WriteRune(r)
		used += rw
	}
	return b.String() + ".."
}
