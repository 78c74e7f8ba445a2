package ui

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"

	"termbook/ui/width"
)

// display is how the terminal draws: decided once at start, never per frame.
type display struct {
	// mode is how wide East-Asian ambiguous characters (─ │ ● → …) are; in the two-cell
	// mode the program draws borders, bars and marks in ASCII only.
	mode width.Mode
	// ascii means borders, bars and marks are drawn in ASCII (the two-cell mode, or --ascii).
	ascii bool
	// noColor honours NO_COLOR: attributes (bold, reverse) only, no colours.
	noColor bool
}

// detectDisplay decides the width mode from the environment (see package width) and makes
// the libraries that measure by package-wide settings agree with it.
func detectDisplay(getenv func(string) string, forceASCII bool) display {
	m := width.Detect(getenv)
	m.Apply()
	return display{mode: m, ascii: m.IsWide() || forceASCII, noColor: getenv("NO_COLOR") != ""}
}

// glyphs are the marks the screens draw, in Unicode or ASCII.
type glyphs struct {
	done, planned, postponed, cancelled, overdue   string // status marks, one cell each
	stripDone, stripPart, stripPlanned, stripEmpty string // the completion strip, one cell each
	stripOverdue                                   string
	rule                                           string // a horizontal rule's cell
	bar                                            string // a vertical rule between panes
	sep                                            string // between items on one line
	ellipsis                                       string
	cursor                                         string // the selected row's mark
	arrow                                          string // "from → to"
	check, uncheck                                 string // a chosen and an unchosen option
	recorded                                       string // an activity with a record (活动留痕)
	border                                         lipgloss.Border
}

func newGlyphs(ascii bool) glyphs {
	if ascii {
		return glyphs{
			done: "*", planned: "o", postponed: ">", cancelled: "-", overdue: "!",
			stripDone: "#", stripPart: "+", stripPlanned: "-", stripEmpty: ".", stripOverdue: "!",
			rule: "-", bar: "|", sep: " | ", ellipsis: "..", cursor: ">", arrow: "->",
			check: "[x]", uncheck: "[ ]", recorded: "+", border: lipgloss.ASCIIBorder(),
		}
	}
	return glyphs{
		done: "●", planned: "○", postponed: "→", cancelled: "×", overdue: "!",
		stripDone: "█", stripPart: "▒", stripPlanned: "░", stripEmpty: "·", stripOverdue: "!",
		rule: "─", bar: "│", sep: " · ", ellipsis: "…", cursor: "▸", arrow: "→",
		check: "[x]", uncheck: "[ ]", recorded: "✎", border: lipgloss.RoundedBorder(),
	}
}

// styles are every style the screens use, derived from one base once at start (and once
// more when the terminal says whether its background is dark). Colours are the 16 ANSI ones,
// so a 16-colour console shows them as meant; with NO_COLOR the program drops colours and
// keeps bold, underline and reverse, which the screens never rely on alone (the selected row
// also carries a mark).
type styles struct {
	g      glyphs
	disp   display
	base   lipgloss.Style
	title  lipgloss.Style // the term's name
	tab    lipgloss.Style
	tabOn  lipgloss.Style
	dim    lipgloss.Style
	bold   lipgloss.Style
	head   lipgloss.Style // a week's or month's heading
	headOn lipgloss.Style // the focused week's heading
	sel    lipgloss.Style // the selected row
	today  lipgloss.Style
	info   lipgloss.Style
	err    lipgloss.Style
	label  lipgloss.Style // a form's labels
	focus  lipgloss.Style // the focused form label
	box    lipgloss.Style // pickers and dialogs
	done   lipgloss.Style
	over   lipgloss.Style
	moved  lipgloss.Style
	gone   lipgloss.Style // cancelled
	key    lipgloss.Style // help keys
	desc   lipgloss.Style // help descriptions
}

// newStyles builds the styles for display d on a dark or a light background: on a dark one
// the bright variants of green, yellow and cyan read better, on a light one the plain ones.
func newStyles(d display, dark bool) *styles {
	g := newGlyphs(d.ascii)
	base := lipgloss.NewStyle()
	pick := lipgloss.LightDark(dark)
	c := func(col color.Color) lipgloss.Style { return base.Foreground(col) }
	ansi := func(n int) color.Color { return lipgloss.ANSIColor(uint8(n)) }
	green, yellow, cyan := pick(ansi(2), ansi(10)), pick(ansi(3), ansi(11)), pick(ansi(6), ansi(14))
	return &styles{
		g: g, disp: d, base: base,
		title:  base.Bold(true),
		tab:    base,
		tabOn:  base.Reverse(true).Bold(true),
		dim:    c(ansi(8)),
		bold:   base.Bold(true),
		head:   c(cyan).Bold(true),
		headOn: c(cyan).Bold(true).Underline(true),
		sel:    base.Reverse(true),
		today:  c(cyan),
		info:   c(green),
		err:    c(ansi(1)).Bold(true),
		label:  c(ansi(8)),
		focus:  c(cyan).Bold(true),
		box:    base.Border(g.border).Padding(0, 1),
		done:   c(green),
		over:   c(ansi(1)).Bold(true),
		moved:  c(yellow),
		gone:   c(ansi(8)),
		key:    base.Bold(true),
		desc:   c(ansi(8)),
	}
}

// width is a string's width in cells, as the terminal draws it in the display's mode.
func (st *styles) width(s string) int { return st.disp.mode.String(s) }

// fit cuts s to w cells (marking the cut) and pads it with spaces to exactly w cells.
func (st *styles) fit(s string, w int) string { return st.disp.mode.Fit(s, w, st.g.ellipsis) }

// cut cuts s to at most w cells without padding.
func (st *styles) cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return st.disp.mode.Truncate(s, w, st.g.ellipsis)
}

// pad fills s with spaces to w cells; padLeft right-aligns it in w cells.
func (st *styles) pad(s string, w int) string     { return st.disp.mode.Pad(s, w) }
func (st *styles) padLeft(s string, w int) string { return st.disp.mode.PadLeft(s, w) }

// text prepares typed text for display: one line, as the terminal will draw it (see
// width.Mode.Show).
func (st *styles) text(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r == '\r' {
			return ' '
		}
		return r
	}, s)
	return st.disp.mode.Show(s)
}

// asciiPunct spells in ASCII the punctuation the program's own sentences use, for the ASCII
// drawing (--ascii).
var asciiPunct = strings.NewReplacer("—", "-", "–", "-", "·", ".", "…", "...", "×", "x", "→", "->", "←", "<-")

// rule is a horizontal rule w cells wide.
func (st *styles) rule(w int) string {
	if w <= 0 {
		return ""
	}
	return strings.Repeat(st.g.rule, w)
}
