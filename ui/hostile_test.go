package ui

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"termbook/store"
	"termbook/ui/i18n"
)

// TestExportPromptsRefuseDatabase answers the 考核 screen's export prompt and the exchange
// export's with the database and the files beside it: each is refused with a sentence, and
// the database stays as it was.
func TestExportPromptsRefuseDatabase(t *testing.T) {
	s, path := openStore(t)
	reviewFixture(t, s)
	m := newTest(t, s, i18n.En, false, 80, 24)
	before, _ := os.ReadFile(path)
	rel, err := filepath.Rel(mustGetwd(t), path)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ keys []string }{
		{[]string{"4", "e"}},
		{[]string{"5", "E", "enter"}}, // no partner: the file next
	} {
		for _, out := range []string{path, rel, path + "-wal", path + "-journal", filepath.Join(filepath.Dir(path), "test-backups", "x.xlsx")} {
			press(t, m, c.keys...)
			m.input.SetValue(out)
			press(t, m, "enter")
			if !m.isErr || !strings.Contains(m.status, out) || !strings.Contains(m.status, "Choose another") {
				t.Errorf("%v to %s: status %q (error %v)", c.keys, out, m.status, m.isErr)
			}
		}
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Error("the database changed")
	}
	for _, suffix := range []string{"-wal", "-journal"} {
		b, _ := os.ReadFile(path + suffix)
		if bytes.HasPrefix(b, []byte("PK")) || bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
			t.Errorf("an export was written over %s", suffix)
		}
	}
	if faults, err := s.Check(t.Context()); len(faults) > 0 || err != nil {
		t.Errorf("the database after the refusals: %v, %v", faults, err)
	}
}

func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

// hostile is text no one can type but an old, hand-edited or received file may hold: an
// OSC 52 sequence that sets the clipboard, one that clears the screen, a C1 control
// sequence introducer and a right-to-left override.
const hostile = "王\x1b]52;c;aGFja2Vk\x07\x1b[2J\u009b31m\u202e梅"

// TestStoredEscapesNeverReachTerminal writes escape sequences straight into the file — every
// kind of record's text, a kept draft — and draws every screen, list, form and drill-down:
// none of them reaches the terminal, each shows as its escaped text.
func TestStoredEscapesNeverReachTerminal(t *testing.T) {
	s, path := openStore(t)
	listFixture(t, s, oneOfEach)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		"UPDATE schools SET name = ?1, short_name = ?1 WHERE short_name = '五小'",
		"UPDATE teachers SET name = ?1, rank = ?1, post = ?1, honour = ?1, grade = ?1",
		"UPDATE handins SET title = ?1, checked_by = ?1, file = ?1",
		"UPDATE handin_kinds SET name = ?1 WHERE code = 'lesson_plan'",
		"UPDATE targets SET title = ?1 || id",
		"UPDATE terms SET name = ?1",
		"UPDATE activity_types SET name = ?1 WHERE code = 'open_lesson'",
		"UPDATE activities SET title = ?1, place = ?1, note = ?1, subject = ?1",
		"UPDATE observations SET topic = ?1, class_name = ?1, subject = ?1, kind = ?1",
		"UPDATE observation_texts SET process = ?1, comments = ?1, highlights = ?1",
		"UPDATE followups SET action = ?1",
		"UPDATE guidance_texts SET content = ?1, reflection = ?1",
		"UPDATE school_pairs SET note = ?1",
		"UPDATE mentor_pairs SET goals = ?1, subject = ?1",
		`INSERT INTO drafts (key, form, payload, updated_at) VALUES ('teacher:new', 'teacher', '{"label":"\u001b]52;c;aGk=\u0007","fields":{"name":"\u001b[2J"}}', '2026-10-14T08:00:00.000Z')`,
	} {
		if _, err := db.Exec(q, hostile); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	m := newTest(t, s, i18n.En, false, 100, 30)
	shown := false
	for _, keys := range [][]string{
		nil, {"enter"}, {"esc", "esc"}, // the kept draft, then the calendar
		{"j"}, {"enter"}, {"esc"}, {"m"}, {"m"}, {"f"}, {"esc"}, {"S"}, {"esc"},
		{"2"}, {"enter"}, {"esc"}, {"n", "text:李"}, {"esc", "esc"},
		{"3"}, {"right"}, {"enter"}, {"esc", "esc"},
		{"4"}, {"j"}, {"enter"}, {"esc"}, {"right"}, {"right"}, {"right"},
		{"5"}, {"enter"}, {"esc"}, {"right"}, {"enter"}, {"esc"}, {"right"}, {"enter"}, {"esc"},
	} {
		press(t, m, keys...)
		v := m.View().Content
		for _, bad := range []string{"\x1b]", "\x1b[2J", "\x07", "\u009b", "\u202e"} {
			if strings.Contains(v, bad) {
				t.Fatalf("after %v the window holds %q:\n%s", keys, bad, v)
			}
		}
		shown = shown || strings.Contains(v, `\x1b]52;c;aGFja2Vk\a\x1b[2J\u009b31m\u202e`)
	}
	if !shown {
		t.Error("no screen showed the escaped text")
	}
}

// TestErrorSentencesArePrintable: a sentence quoting a record's value or a file's name
// carries its escapes as text.
func TestErrorSentencesArePrintable(t *testing.T) {
	err := &store.InvalidError{Record: "teacher", Fields: []store.FieldError{{Field: "subjects", Problem: store.BadValue, Value: hostile}}}
	for _, got := range []string{i18n.Zh.Error(err), i18n.En.Error(&store.FileError{Path: hostile, Err: store.ErrNotTermbook})} {
		if strings.ContainsAny(got, "\x1b\x07\u009b\u202e") || !strings.Contains(got, `\x1b]52`) {
			t.Errorf("sentence %q", got)
		}
	}
}

// TestLongPasteKeptAndRefused pastes more than a field may hold — 100,000 characters into
// the record of a lesson, 3,000 into a note — into a pane, a form and the input line: all of
// it is kept where it was pasted, and the save or the answer is refused with a sentence
// saying how long it is and how long it may be, until it is shortened.
func TestLongPasteKeptAndRefused(t *testing.T) {
	long := func(n int) string { return strings.Repeat("课", n) }
	t.Run("pane", func(t *testing.T) {
		m, st := obsTest(t, i18n.Zh)
		e := openEditor(t, m)
		drive(t, m, "zhangsan", "<enter>", "lisi", "<enter>")
		e.focusOn("process")
		paste(t, m, long(100000))
		drive(t, m, "<ctrl+s>")
		if n := len([]rune(e.process.Value())); closed(m) || n != 100000 || !strings.Contains(e.problem, "“教学过程实录”太长（100000 个字，最多 50000 个字）") {
			t.Errorf("after the save: closed %v, %d characters kept, message %q", closed(m), n, e.problem)
		}
		if list, _ := st.Observations(context.Background(), store.ObservationFilter{TermID: m.sh.data.term.ID}); len(list) != 0 {
			t.Errorf("%d observations saved", len(list))
		}
	})
	t.Run("form", func(t *testing.T) {
		s, _ := openStore(t)
		fixture(t, s)
		m := newTest(t, s, i18n.Zh, false, 80, 24)
		press(t, m, "n", "enter", "down", "text:测试课") // an empty quick add opens the full form; the title
		paste(t, m, long(3000))
		press(t, m, "ctrl+s")
		if v := shown(t, m); !strings.Contains(v, "“标题”太长（3003 个字，最多 80 个字）") || !strings.Contains(v, "新建活动") {
			t.Errorf("the form after the save:\n%s", v)
		}
		f := m.screens[0].(*calendar).form
		if f == nil || len([]rune(f.field("title").value())) != 3003 {
			t.Errorf("the title was not kept whole")
		}
	})
	t.Run("input line", func(t *testing.T) {
		s, _ := openStore(t)
		fixture(t, s)
		m := newTest(t, s, i18n.En, false, 80, 24)
		press(t, m, "x")
		paste(t, m, long(3000))
		press(t, m, "enter")
		if m.asking == nil || len([]rune(m.input.Value())) != 3000 || !m.isErr || !strings.Contains(m.status, "Too long: 3000 characters, at most 2000") {
			t.Fatalf("after enter: asking %v, %d characters kept, status %q", m.asking != nil, len([]rune(m.input.Value())), m.status)
		}
		m.input.SetValue("学生反响很好")
		press(t, m, "enter")
		if a, _ := m.screens[0].(*calendar).selected(); a.Note != "学生反响很好" {
			t.Errorf("the shortened note: %+v", a)
		}
	})
	t.Run("closing note", func(t *testing.T) {
		m, _ := obsTest(t, i18n.Zh)
		e := followingUp(t, m, byName(t, m, "张三"), byName(t, m, "李四"), m.sh.data.term.Week1, store.FollowUp{Action: "板书设计"})
		e.focusOn("closing")
		drive(t, m, "c")
		paste(t, m, long(3000))
		drive(t, m, "<enter>")
		if !strings.Contains(shown(t, m), "太长了：3000 个字，最多 2000 个字") || e.open.Value() != "" {
			t.Errorf("a closing note of 3000 characters: closings %q\n%s", e.open.Value(), shown(t, m))
		}
		if n := len([]rune(e.open.note.Value())); n != 3000 {
			t.Errorf("the closing note keeps %d characters of 3000", n)
		}
	})
}
