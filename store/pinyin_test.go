package store

import (
	"testing"

	"github.com/mozillazg/go-pinyin"
)

// TestPinyinTable: the generated table gives every character the reading the library gives
// it, and nothing for a character the library does not know (run go generate ./store after
// upgrading the library).
func TestPinyinTable(t *testing.T) {
	args := pinyin.NewArgs()
	want := func(r rune) string {
		if py := pinyin.SinglePinyin(r, args); len(py) > 0 {
			return py[0]
		}
		return ""
	}
	checked := 0
	for k := range pinyin.PinyinDict {
		if got, want := pinyinOf(rune(k)), want(rune(k)); got != want {
			t.Errorf("pinyinOf(%q) = %q, want %q", rune(k), got, want)
		}
		checked++
	}
	if checked < 40000 {
		t.Fatalf("the library knows only %d characters", checked)
	}
	// Code points around and between the blocks, and outside them all.
	for _, r := range []rune{0, 'a', 0x3006, 0x3008, 0x33ff, 0x4dff, 0x4e00, 0x9fff, 0xa000, 0x1ffff, 0x2ffff, 0x10ffff} {
		if got, want := pinyinOf(r), want(r); got != want {
			t.Errorf("pinyinOf(%#x) = %q, want %q", r, got, want)
		}
	}
	for r := rune(0x3400); r < 0x4e00; r++ { // Extension A, with its gaps
		if got, want := pinyinOf(r), want(r); got != want {
			t.Errorf("pinyinOf(%#x) = %q, want %q", r, got, want)
		}
	}
}
