package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"termbook/store/sample/scale"
)

// The benchmarks in this file run on the ten-year database (package scale).

func TestMain(m *testing.M) { scale.Main(m) }

// BenchmarkAgenda is the whole of `termbook agenda` for this week on ten years of records
// but the process start: open the file, read the term, the names and the week, print.
func BenchmarkAgenda(b *testing.B) {
	db := scale.DB(b)
	var out bytes.Buffer
	e := env{
		stdin: strings.NewReader(""), stdout: &out, stderr: io.Discard,
		getenv: func(k string) string { return map[string]string{"LANG": "zh_CN.UTF-8"}[k] },
		now:    func() time.Time { return scale.Today().Time().Add(10 * time.Hour) },
	}
	cpu := scale.StartCPU()
	for b.Loop() {
		out.Reset()
		if err := run(context.Background(), []string{"agenda", "--db", db}, e); err != nil {
			b.Fatal(err)
		}
	}
	cpu.Report(b, b.N)
	if !strings.Contains(out.String(), "共 ") {
		b.Fatalf("the agenda printed no week:\n%s", out.String())
	}
}
