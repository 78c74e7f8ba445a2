package ui

import (
	"strings"
	"testing"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/width"
)

// Pasted text arrives whole (bracketed paste): its line breaks and letters are text, never
// keys, and what a field cannot take is said, not silently dropped.

func TestPasteIntoThePanes(t *testing.T) {
	s, _ := openStore(t)
	fixture(t, s)
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	press(t, m, "2", "n")
	e := m.screens[tabObservations].(*observations).editor
	e.focusOn("process")
	record := strings.Repeat("导入：出示春天的图片，学生说说印象。\n初读课文，圈出生字词；同桌互读。\n", 60) + "小结"
	paste(t, m, record)
	if got := e.process.Value(); got != record {
		t.Errorf("the record holds %d characters of the %d pasted", len([]rune(got)), len([]rune(record)))
	}
	if e.focused().name != "process" || m.screens[tabObservations].(*observations).editor == nil {
		t.Fatal("the pasted line breaks moved the focus or closed the editor")
	}
	caretAfter(t, m, width.Narrow, "小结")

	// A summary field takes a note's length at most: the rest is named, not lost silently.
	e.focusOn("highlights")
	paste(t, m, strings.Repeat("好", store.MaxNote+15))
	if n := len([]rune(e.highlights.Value())); n != store.MaxNote {
		t.Errorf("亮点 holds %d characters, want the limit %d", n, store.MaxNote)
	}
	if !strings.Contains(shown(t, m), "末尾 15 个字没有放进去") {
		t.Errorf("the characters left out are not named:\n%s", shown(t, m))
	}
}

func TestPasteOnTheInputLine(t *testing.T) {
	s, _ := openStore(t)
	fixture(t, s)
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	press(t, m, "n")
	// A line break in what is pasted must not add the activity half typed.
	paste(t, m, "w7 公开课 《秋天\n的雨》")
	if m.asking == nil || m.input.Value() != "w7 公开课 《秋天 的雨》" {
		t.Fatalf("the input line holds %q (asking %v)", m.input.Value(), m.asking != nil)
	}
	press(t, m, "enter")
	if !strings.Contains(shown(t, m), "已添加：《秋天 的雨》") {
		t.Errorf("the pasted line was not added:\n%s", shown(t, m))
	}
	// Pasted on the calendar, where nothing is typed, it does nothing at all.
	before := len(m.sh.data.acts)
	paste(t, m, "d\nu\nn")
	if len(m.sh.data.acts) != before || m.asking != nil {
		t.Error("text pasted on the calendar was taken for keys")
	}
}
