package main

import (
	"io"
	"runtime"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

// table lays out rows of cells in columns aligned by display width, so that Chinese text
// (two cells a character) lines up; columns are two spaces apart and empty columns are left
// out altogether.
type table struct {
	rows [][]string
	// wide, when set, counts East-Asian ambiguous characters (“ ” … — ·) as two cells, as a
	// Chinese Windows console draws them; see newTable.
	wide *runewidth.Condition
}

// newTable makes a table that measures text as the terminal will draw it.
func newTable(getenv func(string) string) *table {
	t := &table{}
	if eastAsianWidth(getenv) {
		t.wide = runewidth.NewCondition()
		t.wide.EastAsianWidth = true
	}
	return t
}

// eastAsianWidth reports whether the terminal draws East-Asian ambiguous characters two
// cells wide: when RUNEWIDTH_EASTASIAN says so, or in a Windows console on a CJK code page.
// Elsewhere they take one cell, as lipgloss and most terminals count them.
func eastAsianWidth(getenv func(string) string) bool {
	if v, err := strconv.ParseBool(getenv("RUNEWIDTH_EASTASIAN")); err == nil {
		return v
	}
	return runtime.GOOS == "windows" && runewidth.IsEastAsian()
}

func (t *table) width(s string) int {
	if t.wide != nil {
		return t.wide.StringWidth(s)
	}
	return ansi.StringWidth(s)
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
			line.WriteString(strings.Repeat(" ", widths[i]-t.width(c)))
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
