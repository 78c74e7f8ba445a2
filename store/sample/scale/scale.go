// Package scale gives benchmarks the database a school reaches after ten years: the sample
// term with ten years of generated history (about 20 terms, 300 teachers, 20,000 activities,
// 60,000 observations with their texts and 20,000 guidance entries; some 240 MB).
//
// Writing it takes half a minute, so a test binary writes it once, into a temporary folder
// that Main removes when the binary ends; `make bench` writes it once for all packages and
// names it in $TERMBOOK_BENCH_DB.
//
// Only benchmarks use it. It takes what it needs of a *testing.B as the small interfaces
// below rather than importing package testing, so that it stays an ordinary package.
package scale

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"termbook/store"
	"termbook/store/sample"
)

// TB is what this package uses of a benchmark (or test): *testing.B and *testing.T have it.
type TB interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
	TempDir() string
	Cleanup(func())
}

// Years is how much history the database holds.
const Years = 10

// EnvDB names an existing ten-year database to use instead of writing one.
const EnvDB = "TERMBOOK_BENCH_DB"

// Today is the day the database was written around: the sample's current term contains it.
// Benchmarks set their store's clock to it.
func Today() store.Date { return today }

var today = store.DateOf(time.Now())

var (
	once sync.Once
	dir  string // the temporary folder this binary wrote into, if any
	path string
	err  error
)

// DB returns the path of the ten-year database, writing it on the first call. Benchmarks
// only read it; one that writes works on Copy.
func DB(tb TB) string {
	tb.Helper()
	once.Do(func() {
		if p := os.Getenv(EnvDB); p != "" {
			path = p
			return
		}
		dir, err = os.MkdirTemp("", "termbook-scale-")
		if err != nil {
			return
		}
		path = filepath.Join(dir, "ten-years.db")
		err = Write(context.Background(), path, today)
	})
	if err != nil {
		tb.Fatal(err)
	}
	if _, serr := os.Stat(path); serr != nil {
		tb.Fatalf("the ten-year database: %v", serr)
	}
	return path
}

// Write writes the sample term around day and ten years of history into a new file at path.
func Write(ctx context.Context, path string, day store.Date) error {
	s, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		return fmt.Errorf("ten-year database: %w", err)
	}
	if err := sample.Write(ctx, s, day, Years); err != nil {
		s.Close()
		return fmt.Errorf("ten-year database: %w", err)
	}
	return s.Close()
}

// Copy copies the ten-year database into tb's temporary folder, for a benchmark that writes.
func Copy(tb TB) string {
	tb.Helper()
	src := DB(tb)
	dst := filepath.Join(tb.TempDir(), "ten-years.db")
	in, err := os.Open(src)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
	return dst
}

// Open opens the ten-year database (read-only unless writable) with its clock on Today.
func Open(tb TB, file string, writable bool) *store.Store {
	tb.Helper()
	s, err := store.Open(context.Background(), file, store.Options{ReadOnly: !writable})
	if err != nil {
		tb.Fatal(err)
	}
	s.Now = func() time.Time { return today.Time().Add(10 * time.Hour) }
	tb.Cleanup(func() { s.Close() })
	return s
}

// Main runs a package's tests and benchmarks (m is TestMain's *testing.M) and then removes
// the database written for them: call it from TestMain.
func Main(m interface{ Run() int }) {
	code := m.Run()
	if dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// CPU measures the CPU time of a benchmark's loop, reported beside the wall time as
// cpu-ms/op: on a busy machine the wall clock measures the other programs too.
type CPU struct{ start time.Duration }

// StartCPU starts measuring; call it just before the loop.
func StartCPU() CPU { return CPU{cpuTime()} }

// Report reports the CPU time per iteration of b's loop; call it just after the loop.
func (c CPU) Report(b interface{ ReportMetric(n float64, unit string) }, iterations int) {
	if iterations > 0 {
		b.ReportMetric(float64((cpuTime()-c.start).Microseconds())/1000/float64(iterations), "cpu-ms/op")
	}
}
