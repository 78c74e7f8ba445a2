package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestImportProgress: on a terminal a long import says how far it has come, on a pipe
// nothing but the summary.
func TestImportProgress(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := filepath.Join(dir, "a.db")
	if _, err := termbook(t, "sample", "--db", a); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "a.tbx")
	if _, err := termbook(t, "exchange", "export", "--db", a, "-o", file); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, tty := range []bool{true, false} {
		b := filepath.Join(dir, "b.db")
		if err := os.WriteFile(b, data, 0o644); err != nil {
			t.Fatal(err)
		}
		os.RemoveAll(filepath.Join(dir, "termbook-backups"))
		if _, err := termbook(t, "--db", b, "exchange", "new-id"); err != nil {
			t.Fatal(err)
		}
		// A clock that moves half a second each time it is read: a slow machine.
		at := time.Date(2026, 10, 12, 9, 0, 0, 0, time.Local)
		var out, errOut bytes.Buffer
		e := env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }, stderrTTY: tty,
			now: func() time.Time { at = at.Add(500 * time.Millisecond); return at }}
		if err := run(context.Background(), []string{"--lang", "zh", "--db", b, "exchange", "import", file}, e); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "导入完成") {
			t.Errorf("tty %v: stdout %q, want the summary", tty, out.String())
		}
		got := errOut.String()
		if !tty {
			if got != "" {
				t.Errorf("piped: stderr %q, want nothing", got)
			}
			continue
		}
		if !strings.Contains(got, "\r已检查 ") || !strings.Contains(got, "\r已合并 ") || !strings.HasSuffix(got, "条…\n") {
			t.Errorf("terminal: stderr %q, want checking and merging lines rewritten in place, then a newline", got)
		}
		if n := strings.Count(got, "\r"); n < 2 || n > 200 {
			t.Errorf("terminal: %d progress lines, want a few", n)
		}
	}
}
