package width

import (
	"os"
	"strconv"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

// TestCellsTable: the generated table counts every code point as x/ansi counts it in the
// one-cell mode, and calls ambiguous exactly the characters go-runewidth counts two cells in
// its East-Asian mode and one otherwise (run go generate ./ui/width after upgrading either).
func TestCellsTable(t *testing.T) {
	if v, err := strconv.ParseBool(os.Getenv("RUNEWIDTH_EASTASIAN")); err == nil && v {
		t.Skip("x/ansi counts in the two-cell mode: the table is of the one-cell mode")
	}
	narrow, wide := &runewidth.Condition{EastAsianWidth: false}, &runewidth.Condition{EastAsianWidth: true}
	counts := map[int]int{}
	for r := rune(0); r <= 0x10FFFF; r++ {
		if r >= 0xD800 && r < 0xE000 {
			continue // surrogates: not in UTF-8
		}
		s := string(r)
		got, ok := cells(s)
		want := ansi.StringWidthWc(s)
		if r == 0x1B {
			if ok {
				t.Errorf("cells(ESC) counted it: %d", got)
			}
			continue
		}
		if !ok || got != want {
			t.Errorf("cells(%U) = %d, %v; x/ansi counts %d", r, got, ok, want)
		}
		counts[got]++
		if amb := r >= 0xA1 && wide.RuneWidth(r) == 2 && narrow.RuneWidth(r) == 1; ambiguous(r) != amb {
			t.Errorf("ambiguous(%U) = %v, go-runewidth says %v", r, ambiguous(r), amb)
		}
	}
	// Not a table of ones: the CJK blocks alone are over 90,000 two-cell characters.
	if counts[0] < 1000 || counts[2] < 90000 {
		t.Errorf("code points by cells: %v", counts)
	}
}

// TestMeasureAgreesWithAnsi: text with escape sequences, control characters and bytes that
// are not UTF-8 is measured as x/ansi measures it.
func TestMeasureAgreesWithAnsi(t *testing.T) {
	for _, s := range []string{
		"", "abc", "2026—2027学年第一学期  第14周", "三楼会议室 @青山路小、柳河小学",
		"\x1b[1;31m逾期\x1b[m 3", "\x1b]8;;https://example.com\x1b\\链接\x1b]8;;\x1b\\",
		"tab\there", "a\x00b\x7fc", "\xff\xfe半个", "e\u0301 ä", "👍🏽 👨‍👩‍👧", "ﾊﾝｶｸ　全角",
		"\u009b31m", "①②③ Ⅻ ※",
	} {
		if got, want := measure(s), ansi.StringWidthWc(s); got != want {
			t.Errorf("measure(%q) = %d, x/ansi counts %d", s, got, want)
		}
	}
}

func BenchmarkString(b *testing.B) {
	const line = "12月2日 周三  15:40  教研活动  语文组教研活动  语文  陈秀梅  三楼会议室 @青山路小  完成"
	for b.Loop() {
		Narrow.String(line)
	}
}
