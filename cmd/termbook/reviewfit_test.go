package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// TestReviewFitsTheTerminal renders the sample review on an 80-column terminal in both
// languages: no line may be wider, the mentor pairs become blocks with the worst pair
// first and its figures aligned, and piped output and -o files keep the full tables.
func TestReviewFitsTheTerminal(t *testing.T) {
	t.Parallel()
	te := newTestEnv(t)
	te.now = func() time.Time { return time.Date(2026, 11, 28, 10, 0, 0, 0, time.Local) }
	dir := t.TempDir()
	db := filepath.Join(dir, "sample.db")
	te.mustRun(t, "sample", "--db", db)

	for _, tc := range []struct {
		lang, title string
		rank        map[string]int // the pair statuses, worst first
	}{
		{"zh", "师徒结对", map[string]int{"未达标": 0, "进度落后": 1, "进度正常": 2, "达标": 3}},
		{"en", "Mentor pairs", map[string]int{"not met": 0, "behind": 1, "on track": 2, "met": 3}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			te.width = nil
			piped := te.mustRun(t, "--lang", tc.lang, "--db", db, "review")
			if textWidth(&table{}, piped) <= 80 {
				t.Fatalf("piped review fits 80 cells, so this test proves nothing:\n%s", piped)
			}
			te.width = func() int { return 80 }
			out := te.mustRun(t, "--lang", tc.lang, "--db", db, "review")
			lines := strings.Split(out, "\n")
			for _, line := range lines {
				if w := ansi.StringWidth(line); w > 80 {
					t.Errorf("a line %d cells wide:\n%s", w, line)
				}
			}

			// The pairs section: name lines carry the pair's status last; their targets
			// follow indented, each count starting in the same column.
			var statuses []string
			countCol := map[int]bool{}
			start := -1
			for i, line := range lines {
				if strings.HasPrefix(line, tc.title) {
					start = i + 1
					break
				}
			}
			if start < 0 {
				t.Fatalf("no %s section:\n%s", tc.title, out)
			}
			for _, line := range lines[start:] {
				if line == "" {
					break
				}
				if !strings.HasPrefix(line, "  ") {
					fields := strings.Split(line, "  ")
					st := fields[len(fields)-1]
					if _, ok := tc.rank[st]; !ok {
						t.Errorf("pair line %q does not end in a status", line)
					}
					statuses = append(statuses, st)
					continue
				}
				_, rest, ok := strings.Cut(strings.TrimLeft(line, " "), "  ")
				if !ok {
					t.Errorf("target line %q has no count", line)
					continue
				}
				countCol[ansi.StringWidth(line)-ansi.StringWidth(strings.TrimLeft(rest, " "))] = true
			}
			if len(statuses) < 2 {
				t.Fatalf("want the sample's mentor pairs as blocks, got %v:\n%s", statuses, out)
			}
			if first := statuses[0]; tc.rank[first] > 1 {
				t.Errorf("first pair is %s, want the pair behind first:\n%s", first, out)
			}
			for i := 1; i < len(statuses); i++ {
				if tc.rank[statuses[i]] < tc.rank[statuses[i-1]] {
					t.Errorf("pairs not worst first: %v", statuses)
				}
			}
			if len(countCol) != 1 {
				t.Errorf("target counts start in columns %v, want one column:\n%s", countCol, out)
			}

			// A file written from a terminal is the full table, as when piped.
			file := filepath.Join(dir, tc.lang+".txt")
			if err := run(context.Background(), []string{"--lang", tc.lang, "--db", db, "review", "-o", file}, te.env); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if string(data) != piped {
				t.Errorf("-o on a terminal wrote\n%s\nwant the piped review\n%s", data, piped)
			}
		})
	}
}
