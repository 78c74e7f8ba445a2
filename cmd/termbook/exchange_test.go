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

// termbook runs the command line as a person would type it and returns what it printed.
func termbook(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" },
		now: func() time.Time { return time.Date(2026, 10, 12, 9, 0, 0, 0, time.Local) }}
	err := run(context.Background(), append([]string{"--lang", "zh"}, args...), e)
	return out.String(), err
}

func TestExchangeCommands(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	if _, err := termbook(t, "sample", "--db", a); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, data, 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "a.tbx")
	if _, err := termbook(t, "exchange", "export", "--db", a, "-o", file); err != nil {
		t.Fatal(err)
	}
	// The copy still has a's identity: refused, with what to do.
	_, err = termbook(t, "--db", b, "exchange", "import", file)
	if err == nil || !strings.Contains(err.Error(), "termbook exchange new-id") {
		t.Fatalf("import into an unrenamed copy: %v", err)
	}
	if _, err := termbook(t, "--db", b, "exchange", "new-id"); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		args []string
		want string // in the output, or in the error when wantErr
		err  bool
	}{
		{"export for a partner", []string{"exchange", "export", "--db", a, "--partner", "侯庄小学", "-o", file}, "给“侯庄小学”的第一次导出", false},
		{"import, file before flags", []string{"exchange", "import", file, "--db", b}, "导入完成：新增 0 条", false},
		{"import again", []string{"exchange", "import", "--db", b, file}, "更新 0 条", false},
		{"export again", []string{"exchange", "export", "--db", a, "--partner", "侯庄小学", "-o", file}, "已导出 0 条记录", false},
		{"unwritable", []string{"exchange", "export", "--db", a, "-o", filepath.Join(dir, "no", "such", "x.tbx")}, "无法写入交换文件", true},
		{"no database", []string{"exchange", "import", "--db", filepath.Join(dir, "typo.db"), file}, "typo.db”不存在", true},
		{"no -o", []string{"exchange", "export", "--db", a}, "请用 -o 指定", true},
		{"no file", []string{"exchange", "import", "--db", b}, "请指定要导入的交换文件", true},
		{"two files", []string{"exchange", "import", "--db", b, file, file}, "多余的参数", true},
		{"not an exchange file", []string{"exchange", "import", "--db", b, a}, "不是 termbook 交换文件", true},
		{"missing file", []string{"exchange", "import", "--db", b, filepath.Join(dir, "none.tbx")}, "无法打开交换文件", true},
		{"unknown", []string{"exchange", "send"}, "exchange 没有“send”这个命令", true},
		{"nothing", []string{"exchange"}, "请说明要做什么", true},
		{"help", []string{"exchange", "--help"}, "termbook exchange import", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := termbook(t, tt.args...)
			got := out
			if tt.err {
				if err == nil {
					t.Fatalf("no error; printed %q", out)
				}
				got = err.Error()
			} else if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
		})
	}
}
