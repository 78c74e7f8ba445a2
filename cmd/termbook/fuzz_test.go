package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzRun runs a command with arbitrary arguments: it never panics, and an error is one line.
// The command comes from the table (the full-screen program and the slow sample are left
// out); the arguments are split at NUL. Arguments holding a path separator are skipped, and
// the run happens in a scratch folder with the database there, so nothing outside it is
// written.
func FuzzRun(f *testing.F) {
	for _, seed := range []struct {
		cmd  uint8
		args string
	}{
		{0, ""}, {1, "--latest"}, {1, "x.db"}, {2, "--lang\x00en"}, {0, "-o\x00copy.db"}, {0, "-o"},
		{1, "--latest\x00extra"}, {2, "--db\x00"}, {0, "--lang=xx"}, {2, "-h"}, {1, "--bogus\x00\n"},
		{0, "--years\x00-1"}, {2, "\xff\xfe"}, {1, "a\x00b\x00c"},
	} {
		f.Add(seed.cmd, seed.args)
	}
	var names []string
	for _, c := range commands() {
		if c.name != "sample" {
			names = append(names, c.name)
		}
	}
	dir := f.TempDir()
	f.Chdir(dir)
	db := filepath.Join(dir, "termbook.db")
	var out bytes.Buffer
	e := env{
		stdin: strings.NewReader(""), stdout: &out, stderr: &out,
		getenv: func(k string) string {
			if k == "TERMBOOK_DB" {
				return db
			}
			return ""
		},
		now: func() time.Time { return now },
	}
	if err := run(context.Background(), []string{"sample", "--db", db}, e); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, cmd uint8, raw string) {
		args := []string{names[int(cmd)%len(names)]}
		if raw != "" {
			args = append(args, strings.Split(raw, "\x00")...)
		}
		for _, a := range args {
			if strings.ContainsAny(a, `/\:`) || a == ".." {
				t.Skip()
			}
		}
		out.Reset()
		err := run(context.Background(), args, e)
		if err == nil {
			return
		}
		msg := err.Error()
		if msg == "" || strings.ContainsAny(msg, "\n\r") || !utf8.ValidString(msg) || strings.Contains(msg, "%!") {
			t.Fatalf("run(%q) error is not one clear line: %q", args, msg)
		}
		if _, serr := os.Stat(db); serr != nil {
			t.Fatalf("run(%q) lost the database: %v", args, serr)
		}
	})
}
