package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
	"github.com/rivo/uniseg"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/width"
)

// The terminal's real cursor is where an input method opens its candidate window, so while a
// text field has focus it must stand at the field's caret, counted in cells as the screen
// draws them; with no field focused it is hidden. These tests type Chinese (with “quotes”,
// which take two cells in the East-Asian mode) into every kind of field and look for the
// cursor right after the typed text on the line that shows it.

// inMode makes the libraries measure in mode m for the rest of the test.
func inMode(t *testing.T, m width.Mode) {
	rw, us := runewidth.DefaultCondition.EastAsianWidth, uniseg.EastAsianAmbiguousWidth
	t.Cleanup(func() {
		runewidth.DefaultCondition.EastAsianWidth, runewidth.EastAsianWidth, uniseg.EastAsianAmbiguousWidth = rw, rw, us
	})
	m.Apply()
}

// newModeTest is newTest drawing in width mode mode (the two-cell mode draws in ASCII).
func newModeTest(t *testing.T, s *store.Store, mode width.Mode) *Model {
	t.Helper()
	inMode(t, mode)
	m := newModel(context.Background(), s, Options{Lang: i18n.Zh, Today: today},
		newStyles(display{mode: mode, ascii: mode.IsWide(), noColor: true}, true))
	m.sh.draftDelay = 0
	run(t, m, m.Init())
	run(t, m, func() tea.Msg { return windowSize(80, 24) })
	return m
}

// caretAfter checks that the cursor stands right after text where the screen shows it (a
// picker shows what is typed in its list too: any place will do).
func caretAfter(t *testing.T, m *Model, mode width.Mode, text string) {
	t.Helper()
	v := m.View()
	lines := checkFrame(t, ansi.Strip(v.Content), m.width, m.height)
	want := mode.Show(text)
	type at struct{ x, y int }
	var places []at
	for y, l := range lines {
		for i := 0; ; {
			j := strings.Index(l[i:], want)
			if j < 0 {
				break
			}
			i += j + len(want)
			places = append(places, at{ansi.StringWidth(l[:i]), y})
		}
	}
	if len(places) == 0 {
		t.Fatalf("%q is not on the screen:\n%s", want, strings.Join(lines, "\n"))
	}
	if v.Cursor == nil {
		t.Fatalf("the cursor is hidden while %q is typed:\n%s", text, strings.Join(lines, "\n"))
	}
	got := at{v.Cursor.Position.X, v.Cursor.Position.Y}
	for _, p := range places {
		if p == got {
			return
		}
	}
	t.Errorf("cursor at column %d, row %d; want it right after %q, at %v:\n%s", got.x, got.y, want, places,
		strings.Join(lines, "\n"))
}

func caretHidden(t *testing.T, m *Model, where string) {
	t.Helper()
	if c := m.View().Cursor; c != nil {
		t.Errorf("%s: the cursor shows at %v, want it hidden", where, c.Position)
	}
}

// inEachMode runs test on the fixture's program in either width mode.
func inEachMode(t *testing.T, test func(t *testing.T, mode width.Mode, m *Model)) {
	inEachModeOn(t, func(t *testing.T, s *store.Store) { fixture(t, s) }, test)
}

// inEachModeOn runs test in either width mode on the program of a database setup writes.
func inEachModeOn(t *testing.T, setup func(t *testing.T, s *store.Store), test func(t *testing.T, mode width.Mode, m *Model)) {
	for _, mode := range []width.Mode{width.Narrow, width.Wide} {
		name := map[bool]string{false: "one-cell", true: "two-cell"}[mode.IsWide()]
		t.Run(name, func(t *testing.T) {
			s, _ := openStore(t)
			setup(t, s)
			test(t, mode, newModeTest(t, s, mode))
		})
	}
}

// typed is the Chinese the tests type: full-width quotes are ambiguous, the rest wide.
const typedText = "“听课”记录"

func TestCaretInputLine(t *testing.T) {
	inEachMode(t, func(t *testing.T, mode width.Mode, m *Model) {
		caretHidden(t, m, "the calendar")
		for _, prompt := range []string{"n", "/", "p", "x"} { // quick add, filter, postpone, done note
			press(t, m, prompt, "text:"+typedText)
			if m.asking == nil {
				t.Fatalf("%s asked nothing", prompt)
			}
			caretAfter(t, m, mode, typedText)
			press(t, m, "esc")
			caretHidden(t, m, "the calendar after esc")
		}
	})
}

func TestCaretFormField(t *testing.T) {
	inEachMode(t, func(t *testing.T, mode width.Mode, m *Model) {
		press(t, m, "n", "enter") // an empty quick add opens the full form, at the type
		caretHidden(t, m, "a choice field")
		press(t, m, "tab", "text:"+typedText)
		caretAfter(t, m, mode, typedText)
		end := m.View().Cursor.Position
		press(t, m, "left", "left")
		if c := m.View().Cursor; c == nil || c.Position.X != end.X-4 || c.Position.Y != end.Y {
			t.Errorf("after ← ← the cursor is at %v, want two characters (four cells) back from %v", c, end)
		}
		press(t, m, "tab", "tab", "tab") // subject, host (a teacher: typing opens the picker), place
		press(t, m, "esc", "y")
		caretHidden(t, m, "the calendar after the form")
	})
}

func TestCaretPicker(t *testing.T) {
	inEachMode(t, func(t *testing.T, mode width.Mode, m *Model) {
		press(t, m, "5", "/", "text:王晓") // find a teacher on 名册
		caretAfter(t, m, mode, "王晓")
		press(t, m, "esc")
		caretHidden(t, m, "名册")
	})
}

func TestCaretObservationEditor(t *testing.T) {
	inEachMode(t, func(t *testing.T, mode width.Mode, m *Model) {
		press(t, m, "2")
		caretHidden(t, m, "the 听课 list")
		press(t, m, "n")
		// The teacher field takes a name typed: the cursor waits at it before anything is
		// typed, where an input method's window opens for the first character.
		if m.View().Cursor == nil {
			t.Fatal("no cursor at the teacher field")
		}
		press(t, m, "text:王晓梅") // opens the picker on the name
		caretAfter(t, m, mode, "王晓梅")
		press(t, m, "enter") // picked; on to the observer (the fixture has no usual one)
		e := m.screens[tabObservations].(*observations).editor
		e.focusOn("class")
		press(t, m, "text:“二”班")
		caretAfter(t, m, mode, "“二”班")
		press(t, m, "tab", "tab", "text:3") // topic, 课时
		caretAfter(t, m, mode, "课时 3")
		press(t, m, "tab", "text:人教版“三上”") // 教材/单元
		caretAfter(t, m, mode, "人教版“三上”")
		press(t, m, "tab", "tab", "tab") // lesson type, kind, the record
		if e.focused().name != "process" {
			t.Fatalf("focus %s, want the record", e.focused().name)
		}
		press(t, m, "text:导入"+typedText, "enter", "text:初读课文")
		caretAfter(t, m, mode, "初读课文")
		press(t, m, "tab", "text:点评"+typedText)
		caretAfter(t, m, mode, "点评"+typedText)
		press(t, m, "tab", "text:9") // the first score
		caretAfter(t, m, mode, "9")
		e.focusOn("problems")
		press(t, m, "text:板书"+typedText, "shift+enter", "text:第二行")
		caretAfter(t, m, mode, "第二行")
		e.focusOn("overall")
		press(t, m, "text:总评"+typedText)
		caretAfter(t, m, mode, "总评"+typedText)
		press(t, m, "esc", "y")
		caretHidden(t, m, "the 听课 list after the editor")
	})
}

func TestCaretObservationFilter(t *testing.T) {
	inEachMode(t, func(t *testing.T, mode width.Mode, m *Model) {
		press(t, m, "2", "/", "text:语文"+typedText)
		caretAfter(t, m, mode, "语文"+typedText)
		press(t, m, "esc")
		caretHidden(t, m, "the 听课 list")
	})
}

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

	// A summary field takes all that is pasted too: the save says what is too long
	// (TestLongPasteKeptAndRefused).
	e.focusOn("highlights")
	paste(t, m, strings.Repeat("好", store.MaxNote+15))
	if n := len([]rune(e.highlights.Value())); n != store.MaxNote+15 {
		t.Errorf("亮点 holds %d characters of the %d pasted", n, store.MaxNote+15)
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

func TestCaretClosingNote(t *testing.T) {
	inEachMode(t, func(t *testing.T, mode width.Mode, m *Model) {
		d := m.sh.data
		wang := only(t, d.teachers, "王晓梅", func(x store.Teacher) bool { return x.Name == "王晓梅" })
		other := only(t, d.teachers, "another teacher", func(x store.Teacher) bool { return x.ID != wang.ID })
		e := followingUp(t, m, wang, other, d.term.Week1, store.FollowUp{Action: "板书设计"})
		e.focusOn("closing")
		caretHidden(t, m, "the list of open follow-ups")
		press(t, m, "c", "text:已改进"+typedText) // the closing note, asked on the form's message line
		caretAfter(t, m, mode, "已改进"+typedText)
		press(t, m, "enter")
		caretHidden(t, m, "the list after the note")
	})
}
