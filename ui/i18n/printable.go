package i18n

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Printable makes text from a record or an error safe to draw on a terminal. Stored text may
// hold what nobody typed here — an old file, a hand-edited one, a record received from a
// partner school — and a terminal obeys the control characters it is sent: an escape
// sequence can clear the screen, retitle the window or set the clipboard (OSC 52). Control
// characters other than the line end, C1 controls, line and paragraph separators and
// bidirectional overrides are written as Go escapes (\x1b, \u202e), so they show as what
// they are and take a known width; a tab becomes a space and invalid UTF-8 becomes U+FFFD.
// Text without any of them comes back as it is.
func Printable(s string) string { return escape(s, false) }

// OneLine is Printable for text that must stay on one line, an error printed by a command:
// line ends and tabs are escaped too.
func OneLine(s string) string { return escape(s, true) }

func escape(s string, oneLine bool) string {
	if clean(s, oneLine) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '\n' && !oneLine:
			b.WriteByte('\n')
		case r == '\t' && !oneLine:
			b.WriteByte(' ')
		case unsafeRune(r):
			b.WriteString(strings.Trim(strconv.QuoteRune(r), "'"))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// clean reports whether s needs no escaping: the common case, checked byte by byte without
// decoding or allocating. The multi-byte runes unsafeRune names are matched by their UTF-8.
func clean(s string, oneLine bool) bool {
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b < 0x20 && (b != '\n' || oneLine), b == 0x7f:
			return false
		case b == 0xc2 && i+1 < len(s) && s[i+1] < 0xa0: // C1 controls, U+0080–U+009F
			return false
		case b == 0xd8 && i+1 < len(s) && s[i+1] == 0x9c: // U+061C
			return false
		case b == 0xe2 && i+2 < len(s):
			c, d := s[i+1], s[i+2]
			if c == 0x80 && (d == 0x8e || d == 0x8f || d >= 0xa8 && d <= 0xae) || // U+200E, U+200F, U+2028–U+202E
				c == 0x81 && d >= 0xa6 && d <= 0xa9 { // U+2066–U+2069
				return false
			}
		}
	}
	return utf8.ValidString(s)
}

// unsafeRune reports the runes a terminal acts on or that reorder what it shows: C0 and C1
// controls and DEL, the line and paragraph separators, and the bidirectional marks,
// embeddings, overrides and isolates.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r == 0x2028, r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
