package width

import (
	"runtime"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		env  func(string) string
		want Mode
	}{
		{"nothing set", env(), Narrow},
		{"a Chinese locale alone", env("LANG", "zh_CN.UTF-8"), Narrow},
		{"RUNEWIDTH_EASTASIAN=1", env("RUNEWIDTH_EASTASIAN", "1", "LANG", "en_US.UTF-8"), Wide},
		{"RUNEWIDTH_EASTASIAN=0 with a Chinese locale", env("RUNEWIDTH_EASTASIAN", "0", "LANG", "zh_CN.UTF-8"), Narrow},
		{"RUNEWIDTH_EASTASIAN unreadable", env("RUNEWIDTH_EASTASIAN", "maybe"), Narrow},
	}
	if runtime.GOOS == "windows" {
		t.Skip("on Windows an unset RUNEWIDTH_EASTASIAN asks the console")
	}
	for _, tt := range tests {
		if got := Detect(tt.env); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestMeasures(t *testing.T) {
	tests := []struct {
		s            string
		narrow, wide int
	}{
		{"", 0, 0},
		{"abc", 3, 3},
		{"听课记录", 8, 8},
		{"“春”", 4, 6},
		{"2026—2027学年", 13, 14},
		{"\x1b[1m粗\x1b[m—", 3, 4},
		{"┃●→…", 4, 8},
	}
	for _, tt := range tests {
		if got := Narrow.String(tt.s); got != tt.narrow {
			t.Errorf("Narrow.String(%q) = %d, want %d", tt.s, got, tt.narrow)
		}
		if got := Wide.String(tt.s); got != tt.wide {
			t.Errorf("Wide.String(%q) = %d, want %d", tt.s, got, tt.wide)
		}
	}
}

// TestShowKeepsCells checks every ambiguous character of the Basic Multilingual Plane: in
// the two-cell mode Show gives a stand-in that every measure counts as two cells and that
// holds no ambiguous character itself.
func TestShowKeepsCells(t *testing.T) {
	n := 0
	for r := rune(0xA1); r < 0x10000; r++ {
		if !ambiguous(r) || (r >= 0xD800 && r < 0xE000) || (r >= 0xE000 && r < 0xF900) {
			continue // surrogates and the private use area are not text
		}
		n++
		s := Wide.Show(string(r))
		if firstAmbiguous(s) >= 0 {
			t.Errorf("Show(%q) = %q, still ambiguous", r, s)
		}
		if w := ansi.StringWidthWc(s); w != 2 {
			t.Errorf("Show(%q) = %q is %d cells, want 2", r, s, w)
		}
	}
	if n < 100 {
		t.Fatalf("only %d ambiguous characters found: the test is not looking", n)
	}
	if got := Narrow.Show("“—”"); got != "“—”" {
		t.Errorf("Narrow.Show changed the text: %q", got)
	}
	if got, want := Wide.Show("他说：“好—”。"), "他说：＂好--＂。"; got != want {
		t.Errorf("Wide.Show = %q, want %q", got, want)
	}
}

func TestTruncateAndPad(t *testing.T) {
	if got, want := Wide.Truncate("“春天”来了", 6, ".."), "＂春.."; got != want {
		t.Errorf("Wide.Truncate = %q, want %q", got, want)
	}
	if got, want := Narrow.Truncate("“春天”来了", 6, "…"), "“春天…"; got != want {
		t.Errorf("Narrow.Truncate = %q, want %q", got, want)
	}
	if got := Wide.Fit("—", 4, ""); Wide.String(got) != 4 || got != "--  " {
		t.Errorf("Wide.Fit = %q", got)
	}
	if got := Narrow.PadLeft("5", 3); got != "  5" {
		t.Errorf("PadLeft = %q", got)
	}
}

func TestInsertAt(t *testing.T) {
	const mark = "\x1b_m\x1b\\"
	tests := []struct {
		mode Mode
		line string
		x    int
		want string
	}{
		{Narrow, "班级 三年级", 5, "班级 " + mark + "三年级"},
		{Narrow, "\x1b[7m班级\x1b[m 三", 2, "\x1b[7m班" + mark + "级\x1b[m 三"},
		{Narrow, "ab", 5, "ab" + mark},
		{Wide, "“a”b", 5, "＂a＂" + mark + "b"},
	}
	for _, tt := range tests {
		if got := tt.mode.InsertAt(tt.line, tt.x, mark); got != tt.want {
			t.Errorf("InsertAt(%q, %d) = %q, want %q", tt.line, tt.x, got, tt.want)
		}
	}
}
