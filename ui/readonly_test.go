package ui

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"termbook/store"
	"termbook/ui/i18n"
)

// newerFile is a termbook file with the fixture, then stamped by a newer version.
func newerFile(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "newer.db")
	s, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Now = fixedClock
	fixture(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", store.LatestVersion()+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Now = fixedClock
	t.Cleanup(func() { s.Close() })
	if !errors.Is(s.ReadOnlyReason(), store.ErrNewerVersion) {
		t.Fatalf("ReadOnlyReason = %v, want ErrNewerVersion", s.ReadOnlyReason())
	}
	return s
}

func TestReadOnlyAnswersEveryEdit(t *testing.T) {
	t.Parallel()
	for _, lang := range []i18n.Lang{i18n.Zh, i18n.En} {
		s := newerFile(t)
		m := newTest(t, s, lang, false, 80, 24)
		mark := lang.T(msgReadOnlyMark)
		if top := strings.Split(shown(t, m), "\n")[0]; !strings.Contains(top, mark) {
			t.Errorf("%v: top line %q lacks %q", lang, top, mark)
		}
		why := lang.Error(m.sh.readOnly())
		if !strings.Contains(why, "newer.db") {
			t.Errorf("%v: the reason %q does not name the file", lang, why)
		}
		cal := m.screens[0].(*calendar)
		before := len(m.sh.data.acts)
		// Each key, on the screen where it edits: the answer is the reason, at once.
		for _, c := range []struct {
			tab  string
			keys []string
		}{
			{"1", []string{"n"}}, {"1", []string{"space"}}, {"1", []string{"x"}}, {"1", []string{"p"}},
			{"1", []string{"c"}}, {"1", []string{"d"}}, {"1", []string{"u"}}, {"1", []string{"o"}},
			{"1", []string{"enter", "tab", "text:改", "ctrl+s"}},
			{"2", []string{"n"}}, {"3", []string{"a"}},
			{"5", []string{"n"}}, {"5", []string{"N"}}, {"5", []string{"x"}}, {"5", []string{"u"}}, {"5", []string{"I"}}, {"5", []string{"E"}}, {"4", []string{"space"}},
		} {
			press(t, m, "esc", c.tab)
			m.setStatus("", false)
			press(t, m, c.keys...)
			if !m.isErr || m.status != why {
				t.Errorf("%v: keys %v on tab %s: status %q (err %v), want %q", lang, c.keys, c.tab, m.status, m.isErr, why)
			}
			if m.sh.question != nil || m.asking != nil {
				t.Errorf("%v: keys %v asked a question on a read-only file", lang, c.keys)
			}
			if c.keys[0] == "enter" && cal.form != nil {
				press(t, m, "esc", "y")
			}
		}
		if got := len(m.sh.data.acts); got != before {
			t.Errorf("%v: %d activities after, %d before", lang, got, before)
		}
		// Reading still works: weeks move, the help opens.
		press(t, m, "1", "h")
		if m.isErr {
			t.Errorf("%v: moving a week was refused: %q", lang, m.status)
		}
	}
}
