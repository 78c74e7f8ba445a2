package ui

import (
	"io"
	"runtime"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"
)

// display is how the terminal draws: decided once at start, never per frame.
type display struct {
	// wide means East-Asian ambiguous characters (─ │ ● → …) take two cells: the program then
	// draws borders, bars and marks in ASCII only.
	wide bool
	// ascii means borders, bars and marks are drawn in ASCII (wide, or --ascii).
	ascii bool
	// noColor honours NO_COLOR: attributes (bold, reverse) only, no colours.
	noColor bool
}

// detectDisplay decides the width mode from the environment: one cell, unless
// RUNEWIDTH_EASTASIAN says otherwise or a Windows console runs a CJK code page. It sets
// go-runewidth's DefaultCondition to match, because bubbles' text inputs measure with it and
// would otherwise guess two cells under LANG=zh_CN.UTF-8 while lipgloss counts one.
func detectDisplay(getenv func(string) string, forceASCII bool) display {
	wide := false
	if v, err := strconv.ParseBool(getenv("RUNEWIDTH_EASTASIAN")); err == nil {
		wide = v
	} else if runtime.GOOS == "windows" {
		wide = runewidth.IsEastAsian() // asks the console's code page
	}
	runewidth.DefaultCondition.EastAsianWidth = wide
	runewidth.EastAsianWidth = wide
	return display{wide: wide, ascii: wide || forceASCII, noColor: getenv("NO_COLOR") != ""}
}

// glyphs are the marks the screens draw, in Unicode or ASCII.
type glyphs struct {
	done, planned, postponed, cancelled, overdue   string // status marks, one cell each
	stripDone, stripPart, stripPlanned, stripEmpty string // the completion strip, one cell each
	stripOverdue                                   string
	rule                                           string // a horizontal rule's cell
	sep                                            string // between items on one line
	ellipsis                                       string
	cursor                                         string // the selected row's mark
	arrow                                          string // "from → to"
	check, uncheck                                 string // a chosen and an unchosen option
	border                                         lipgloss.Border
}

func newGlyphs(ascii bool) glyphs {
	if ascii {
		return glyphs{
			done: "*", planned: "o", postponed: ">", cancelled: "-", overdue: "!",
			stripDone: "#", stripPart: "+", stripPlanned: "-", stripEmpty: ".", stripOverdue: "!",
			rule: "-", sep: " | ", ellipsis: "..", cursor: ">", arrow: "->",
			check: "[x]", uncheck: "[ ]", border: lipgloss.ASCIIBorder(),
		}
	}
	return glyphs{
		done: "●", planned: "○", postponed: "→", cancelled: "×", overdue: "!",
		stripDone: "█", stripPart: "▒", stripPlanned: "░", stripEmpty: "·", stripOverdue: "!",
		rule: "─", sep: " · ", ellipsis: "…", cursor: "▸", arrow: "→",
		check: "[x]", uncheck: "[ ]", border: lipgloss.RoundedBorder(),
	}
}

// styles are every style the screens use, derived from one base once at start. Colours are
// the 16 ANSI ones, so a 16-colour console shows them as meant; with NO_COLOR the renderer
// drops colours and keeps bold, underline and reverse, which the screens never rely on alone
// (the selected row also carries a mark).
type styles struct {
	r      *lipgloss.Renderer
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

// newStyles builds the styles for output w (the terminal, or a buffer in tests).
func newStyles(w io.Writer, d display) *styles {
	r := lipgloss.NewRenderer(w)
	if d.noColor {
		r.SetColorProfile(termenv.Ascii)
	}
	return newStylesFor(r, d)
}

func newStylesFor(r *lipgloss.Renderer, d display) *styles {
	g := newGlyphs(d.ascii)
	base := r.NewStyle()
	c := func(n string) lipgloss.Style { return base.Foreground(lipgloss.Color(n)) }
	return &styles{
		r: r, g: g, disp: d, base: base,
		title:  base.Bold(true),
		tab:    base,
		tabOn:  base.Reverse(true).Bold(true),
		dim:    c("8"),
		bold:   base.Bold(true),
		head:   c("6").Bold(true),
		headOn: c("6").Bold(true).Underline(true),
		sel:    base.Reverse(true),
		today:  c("6"),
		info:   c("2"),
		err:    c("1").Bold(true),
		label:  c("8"),
		focus:  c("6").Bold(true),
		box:    base.Border(g.border).Padding(0, 1),
		done:   c("2"),
		over:   c("1").Bold(true),
		moved:  c("3"),
		gone:   c("8"),
		key:    base.Bold(true),
		desc:   c("8"),
	}
}

// width is a string's width in cells, as the terminal draws it.
func width(s string) int { return ansi.StringWidth(s) }

// fit cuts s to w cells (marking the cut) and pads it with spaces to exactly w cells.
func (st *styles) fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if width(s) > w {
		s = ansi.Truncate(s, w, st.g.ellipsis)
	}
	if pad := w - width(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// cut cuts s to at most w cells without padding.
func (st *styles) cut(s string, w int) string {
	if width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, st.g.ellipsis)
}

// text prepares typed text for display: one line, and in the two-cell mode without the
// ambiguous-width punctuation the width functions would miscount.
func (st *styles) text(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r == '\r' {
			return ' '
		}
		return r
	}, s)
	if !st.disp.wide || width("—") == 2 {
		return s
	}
	return ambiguous.Replace(s)
}

var ambiguous = strings.NewReplacer("—", "-", "–", "-", "“", "\"", "”", "\"", "‘", "'", "’", "'",
	"·", ".", "…", "...", "×", "x", "○", "o", "●", "*", "→", "->", "←", "<-", "※", "*", "°", "o")

// rule is a horizontal rule w cells wide.
func (st *styles) rule(w int) string {
	if w <= 0 {
		return ""
	}
	return strings.Repeat(st.g.rule, w)
}
