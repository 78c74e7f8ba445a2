package width

import (
	_ "embed"
	"slices"
	"unicode/utf8"
)

//go:generate go run cells_gen.go

// cellsBMP holds the class of every code point of the Basic Multilingual Plane, two bits
// each, four to a byte, the lowest first: its cells in the one-cell mode (0, 1 or 2) or
// ambiguousClass.
//
//go:embed cells_bmp.bin
var cellsBMP string

// cellRun is a run of code points above the Basic Multilingual Plane that take the same
// cells: class as in cellsBMP (every code point in no run takes 1).
type cellRun struct {
	first, last rune
	class       uint8
}

// ambiguousClass marks a character drawn one cell wide by some terminals and two by others.
const ambiguousClass = 3

// cellClass is the class of r.
func cellClass(r rune) uint8 {
	if r < 0x10000 {
		return cellsBMP[r/4] >> (r % 4 * 2) & 3
	}
	i, found := slices.BinarySearchFunc(cellRuns[:], r, func(c cellRun, r rune) int {
		switch {
		case c.last < r:
			return -1
		case c.first > r:
			return 1
		}
		return 0
	})
	if !found {
		return 1
	}
	return cellRuns[i].class
}

// cells is the number of cells s takes in the one-cell mode, counted as
// ansi.StringWidthWc counts them (each code point on its own, as a terminal advances its
// cursor) but from the table cells_gen.go writes, so that measuring a line of text does not
// make go-runewidth build its 2 MB table of every code point (about 10 ms at the first
// character above U+02FF: most of what `termbook agenda` would cost). ok is false for a
// string holding an escape sequence or bytes that are not UTF-8: x/ansi must read those.
func cells(s string) (n int, ok bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == 0x1B:
				return 0, false
			case c >= 0x20 && c < 0x7F:
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return 0, false
		}
		switch cellClass(r) {
		case 0:
		case 2:
			n += 2
		default:
			n++
		}
		i += size
	}
	return n, true
}
