package i18n

import "testing"

func TestPrintable(t *testing.T) {
	for _, c := range []struct{ in, text, line string }{
		{"王晓梅", "王晓梅", "王晓梅"},
		{"导入：\n朗读\t课文", "导入：\n朗读 课文", `导入：\n朗读\t课文`},
		{"a\x1b]52;c;aGk=\x07b", `a\x1b]52;c;aGk=\ab`, `a\x1b]52;c;aGk=\ab`},
		{"\x1b[2J\r", `\x1b[2J\r`, `\x1b[2J\r`},
		{"\u009b31m\u009d", `\u009b31m\u009d`, `\u009b31m\u009d`},
		{"x\u202eabc\u2066\u2028", `x\u202eabc\u2066\u2028`, `x\u202eabc\u2066\u2028`},
		{"bad \xff\xfe utf-8", "bad \uFFFD utf-8", "bad \uFFFD utf-8"},
		{"\uFFFD kept", "\uFFFD kept", "\uFFFD kept"},
		{"del\x7f", `del\x7f`, `del\x7f`},
	} {
		if got := Printable(c.in); got != c.text {
			t.Errorf("Printable(%q) = %q, want %q", c.in, got, c.text)
		}
		if got := OneLine(c.in); got != c.line {
			t.Errorf("OneLine(%q) = %q, want %q", c.in, got, c.line)
		}
	}
}

// TestCleanMatchesUnsafeRune: the byte-wise fast check finds exactly the runes escape escapes.
func TestCleanMatchesUnsafeRune(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		s := "a" + string(r) + "b"
		want := !unsafeRune(r) && r != '\t'
		if got := clean(s, false); got != (want || r == '\n') {
			t.Errorf("clean(%U) = %v", r, got)
		}
		if got := clean(s, true); got != want {
			t.Errorf("clean(%U, one line) = %v", r, got)
		}
	}
}
