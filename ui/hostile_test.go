package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
