package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestExportProgress: on a terminal a workbook export that takes more than a second says how
// far it has come, in place, then where it wrote; piped, only where it wrote.
func TestExportProgress(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	if _, err := termbook(t, "sample", "--db", db); err != nil {
		t.Fatal(err)
	}
	for _, tty := range []bool{true, false} {
		out := filepath.Join(dir, "登记表.xlsx")
		// A clock that moves a second each time it is read: a slow machine.
		at := time.Date(2026, 10, 12, 9, 0, 0, 0, time.Local)
		var stdout, stderr bytes.Buffer
		e := env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, stderrTTY: tty,
			now: func() time.Time { at = at.Add(time.Second); return at }}
		if err := run(context.Background(), []string{"--lang", "zh", "--db", db, "export", "--format", "xlsx", "-o", out}, e); err != nil {
			t.Fatal(err)
		}
		got := stderr.String()
		lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		if last := lines[len(lines)-1]; last != "已写入 "+out+"。" {
			t.Errorf("tty %v: stderr ends %q, want where it wrote", tty, last)
		}
		if !tty && len(lines) != 1 {
			t.Errorf("piped: stderr %q, want only where it wrote", got)
		}
		if tty && (!strings.Contains(got, "\r已写入 1 / ") || !strings.Contains(got, "\r正在压缩、写入文件…")) {
			t.Errorf("terminal: stderr %q, want sheets counted in place, then packing", got)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(f.GetSheetList()); n < 7 {
			t.Errorf("tty %v: the workbook has %d sheets", tty, n)
		}
		f.Close()
		if entries, _ := os.ReadDir(dir); len(entries) != 2 { // the database and the workbook
			t.Errorf("tty %v: the folder holds %d entries, want no temporary file left", tty, len(entries))
		}
	}
}
