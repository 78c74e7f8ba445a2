package quickadd

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a quick-add line.
type token struct {
	raw    string // as typed, for messages
	text   string // the word, or a quoted word's content without its quotes
	quoted bool   // written in "…" or “…”: always literal text, never a keyword
	prefix rune   // '@' (place or school), '#' (subject), or 0
}

// tokenize splits a line into words. Words are separated by white space (the ideographic
// space too). A word may start with @ (a place or school) or # (a subject). "…" and “…”
// quote a word that may hold spaces ("" inside "…" is one "); a 《…》 inside a word may hold
// spaces too, so 《春 晓》 stays one word.
func tokenize(s string) ([]token, error) {
	var toks []token
	i := 0
	for {
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += n
		}
		if i >= len(s) {
			return toks, nil
		}
		start := i
		var t token
		if r, n := utf8.DecodeRuneInString(s[i:]); r == '@' || r == '＠' || r == '#' || r == '＃' {
			t.prefix = '@'
			if r == '#' || r == '＃' {
				t.prefix = '#'
			}
			i += n
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case i < len(s) && (r == '"' || r == '“'):
			text, end, ok := readQuoted(s, i+n, r)
			if !ok {
				return nil, &Error{Kind: UnclosedQuote, Token: s[start:]}
			}
			t.text, t.quoted, i = text, true, end
		default:
			end, ok := readWord(s, i)
			if !ok {
				return nil, &Error{Kind: UnclosedQuote, Token: s[start:]}
			}
			t.text, i = s[i:end], end
		}
		t.raw = s[start:i]
		if t.prefix != 0 && !t.quoted && t.text == "" {
			// A lone @ or # is an ordinary word.
			t.prefix, t.text = 0, t.raw
		}
		toks = append(toks, t)
	}
}

// readQuoted reads a quoted word whose content starts at i, up to the closing quote for
// open; inside "…", "" stands for one ". It returns the content and where the word ends.
func readQuoted(s string, i int, open rune) (string, int, bool) {
	closing := '"'
	if open == '“' {
		closing = '”'
	}
	var b strings.Builder
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r != closing {
			b.WriteRune(r)
			continue
		}
		if closing == '"' && strings.HasPrefix(s[i:], `"`) {
			b.WriteByte('"')
			i++
			continue
		}
		return b.String(), i, true
	}
	return "", i, false
}

// readWord reads a bare word from i to the next white space outside 《…》.
func readWord(s string, i int) (int, bool) {
	depth := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '《':
			depth++
		case r == '》' && depth > 0:
			depth--
		case unicode.IsSpace(r) && depth == 0:
			return i, true
		}
		i += n
	}
	return i, depth == 0
}

// quote writes text so that tokenize reads it back as one quoted word.
func quote(text string) string {
	return `"` + strings.ReplaceAll(text, `"`, `""`) + `"`
}
