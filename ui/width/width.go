// Package width decides, once at start, how many cells the terminal draws an East-Asian
// ambiguous character in (─ │ ● → “ ” — … ·), and measures every string termbook draws or
// prints in that one way.
//
// Most terminals (gnome-terminal, konsole, Windows Terminal, tmux) draw ambiguous characters
// one cell wide; a Chinese Windows console (conhost, code page 936) draws them two. The
// libraries disagree too, each with a setting of its own: charmbracelet/x/ansi (lipgloss and
// Bubble Tea's renderer) reads RUNEWIDTH_EASTASIAN once when the program starts, go-runewidth
// guesses from the locale, rivo/uniseg (bubbles' text fields) always counts one. A Mode is
// the one decision; Apply sets the libraries that can be told, and in the two-cell mode Show
// turns every ambiguous character into an unambiguous look-alike of the same two cells, so
// that what reaches the terminal measures the same by every count, the terminal's included.
package width

import (
	"runtime"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
	"github.com/rivo/uniseg"
)

// Mode is how wide the terminal draws East-Asian ambiguous characters.
type Mode struct {
	wide bool
}

// The two modes.
var (
	Narrow = Mode{}           // ambiguous characters take one cell (most terminals)
	Wide   = Mode{wide: true} // they take two (a Chinese Windows console)
)

// Detect decides the mode from the environment: two cells when RUNEWIDTH_EASTASIAN says so,
// else in a Windows console running a CJK code page, else one. The locale alone never
// decides: LANG=zh_CN.UTF-8 is set in terminals that draw them one cell wide.
func Detect(getenv func(string) string) Mode {
	if v, err := strconv.ParseBool(getenv("RUNEWIDTH_EASTASIAN")); err == nil {
		return Mode{wide: v}
	}
	if runtime.GOOS == "windows" {
		return Mode{wide: runewidth.IsEastAsian()} // asks the console's output code page
	}
	return Narrow
}

// Apply makes the libraries that measure by package-wide settings count as m does:
// go-runewidth (bubbles' text area moving between lines) and uniseg (bubbles' text fields
// wrapping and placing the cursor). x/ansi cannot be told after start; Show keeps what it
// measures free of the characters it would count differently.
func (m Mode) Apply() {
	runewidth.DefaultCondition.EastAsianWidth = m.wide
	runewidth.EastAsianWidth = m.wide
	uniseg.EastAsianAmbiguousWidth = 1
	if m.wide {
		uniseg.EastAsianAmbiguousWidth = 2
	}
}

// IsWide reports whether ambiguous characters take two cells.
func (m Mode) IsWide() bool { return m.wide }

// String is the number of cells s takes on the terminal; escape sequences take none.
func (m Mode) String(s string) int { return measure(m.Show(s)) }

// measure is the number of cells a string as Show gives it takes: what ansi.StringWidthWc
// counts, from the table when it can be (see cells).
func measure(s string) int {
	if n, ok := cells(s); ok {
		return n
	}
	return ansi.StringWidthWc(s)
}

// Truncate cuts s to at most w cells, ending it with tail when it is cut; escape sequences
// are kept.
func (m Mode) Truncate(s string, w int, tail string) string {
	s = m.Show(s)
	if measure(s) <= w {
		return s // most strings fit, and measuring is much cheaper than cutting
	}
	return ansi.TruncateWc(s, w, m.Show(tail))
}

// Pad fills s with spaces on the right to w cells (a longer s is left as it is).
func (m Mode) Pad(s string, w int) string {
	if n := m.String(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// PadLeft fills s with spaces on the left to w cells.
func (m Mode) PadLeft(s string, w int) string {
	if n := m.String(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// Fit cuts s to w cells (ending it with tail when cut) and pads it to exactly w.
func (m Mode) Fit(s string, w int, tail string) string {
	if w <= 0 {
		return ""
	}
	return m.Pad(m.Truncate(s, w, tail), w)
}

// InsertAt puts mark (an escape sequence, which takes no cells) into line where cell x
// begins; at or past the end of the line it goes at the end.
func (m Mode) InsertAt(line string, x int, mark string) string {
	line = m.Show(line)
	var state byte
	cells := 0
	for i := 0; i < len(line); {
		_, w, n, next := ansi.WcWidth.DecodeSequenceInString(line[i:], state, nil)
		if w > 0 && cells >= x {
			return line[:i] + mark + line[i:]
		}
		cells += w
		i += n
		state = next
	}
	return line + mark
}

// Show is s as the terminal should be given it: unchanged in the one-cell mode; in the
// two-cell mode each ambiguous character becomes a look-alike of exactly two cells that
// every measure agrees on (“ → ＂, — → --, … → .., → → ->). Only what is drawn changes,
// never what is stored.
func (m Mode) Show(s string) string {
	if !m.wide {
		return s
	}
	i := firstAmbiguous(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if ambiguous(r) {
			b.WriteString(lookAlike(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ambiguous reports whether r is drawn one cell wide by some terminals and two by others:
// go-runewidth counts it two cells in its East-Asian mode and one otherwise.
func ambiguous(r rune) bool { return r >= 0xA1 && cellClass(r) == ambiguousClass }

// firstAmbiguous is the byte offset of the first ambiguous character of s, or -1.
func firstAmbiguous(s string) int {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if ambiguous(r) {
			return i
		}
		i += n
	}
	return -1
}

// lookAlikes are two-cell stand-ins for the ambiguous characters Chinese text uses most.
var lookAlikes = map[rune]string{
	'“': "＂", '”': "＂", '„': "＂", '″': "＂",
	'‘': "＇", '’': "＇", '′': "＇",
	'—': "--", '―': "--", '–': "--", '─': "--", '━': "--",
	'…': "..", '‥': "..",
	'·': "・", '•': "・", '∙': "・",
	'×': "ｘ", '÷': "／", '°': "ｏ", '※': "＊", '§': "Ｓ",
	'○': "ｏ", '◯': "ｏ", '◎': "ｏ", '●': "＊", '★': "＊", '☆': "＊",
	'□': "[]", '■': "##", '◇': "<>", '◆': "<>", '△': "/\\", '▲': "/\\",
	'→': "->", '←': "<-", '↑': "^ ", '↓': "v ", '↔': "<>",
	'│': "| ", '┃': "| ", '√': "＼", '∶': "：", '≤': "<=", '≥': ">=", '≠': "!=",
}

// lookAlike is the two-cell stand-in for an ambiguous character: from the table, the number
// of a circled or Roman numeral, or a full-width question mark for anything else.
func lookAlike(r rune) string {
	if s, ok := lookAlikes[r]; ok {
		return s
	}
	var n rune
	switch {
	case r >= '①' && r <= '⑳':
		n = r - '①' + 1
	case r >= 'Ⅰ' && r <= 'Ⅻ':
		n = r - 'Ⅰ' + 1
	case r >= 'ⅰ' && r <= 'ⅻ':
		n = r - 'ⅰ' + 1
	}
	switch {
	case n >= 10:
		return strconv.Itoa(int(n))
	case n > 0:
		return string('０' + n) // a full-width digit
	}
	return "？"
}
