// Command benchtable reads the output of termbook's benchmarks (.ci/bench) and prints a
// Markdown table: per benchmark the median of its runs, wall time and CPU time per operation,
// memory per operation and the target it is held to; then the whole-process table that
// .ci/benchproc prints, and the rest of the raw output.
package main

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// targets are SPEC §7's limits, per benchmark.
var targets = map[string]string{
	"Startup":         "≤ 20 ms",
	"KeystrokeWeek":   "≤ 1 ms",
	"KeystrokeRow":    "≤ 1 ms",
	"Save":            "≤ 2 ms + fsync",
	"ComputeTenYears": "≤ 10 ms",
	"Agenda":          "(whole process ≤ 8 ms)",
	"Fsync":           "(the disk)",
	"ExportXLSX":      "(whole process ≤ 60 MB)",
	"Open":            "",
	"WeekActivities":  "",
	"ObservationPage": "",
	"OpenFollowUps":   "",
}

type runs struct {
	wall, cpu, bytes, peak []float64
}

func main() {
	var order []string
	all := map[string]*runs{}
	var tail, whole []string // the raw lines after the Go benchmarks; the whole-process table
	sc := bufio.NewScanner(os.Stdin)
	inTail := false
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "== whole process") {
			inTail = true
		}
		if inTail && strings.HasPrefix(line, "|") {
			whole = append(whole, line)
			continue
		}
		if inTail {
			tail = append(tail, line)
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := strings.TrimPrefix(f[0], "Benchmark")
		if i := strings.LastIndex(name, "-"); i > 0 {
			name = name[:i]
		}
		r := all[name]
		if r == nil {
			r = &runs{}
			all[name] = r
			order = append(order, name)
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			switch f[i+1] {
			case "ns/op":
				r.wall = append(r.wall, v/1e6)
			case "cpu-ms/op":
				r.cpu = append(r.cpu, v)
			case "B/op":
				r.bytes = append(r.bytes, v/1024)
			case "peak-heap-MiB":
				r.peak = append(r.peak, v)
			}
		}
	}
	fmt.Println("| benchmark | runs | wall ms/op (median) | CPU ms/op (median) | KiB/op | peak heap MiB | target |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, name := range order {
		r := all[name]
		fmt.Printf("| %s | %d | %s | %s | %s | %s | %s |\n", name, len(r.wall), median(r.wall), median(r.cpu), median(r.bytes), median(r.peak), targets[name])
	}
	if len(whole) > 0 {
		fmt.Println()
		fmt.Println("Whole processes, as a person waits for them (.ci/benchproc):")
		fmt.Println()
		for _, l := range whole {
			fmt.Println(l)
		}
	}
	if len(tail) > 0 {
		fmt.Println()
		fmt.Println("```")
		for _, l := range tail {
			fmt.Println(l)
		}
		fmt.Println("```")
	}
}

func median(v []float64) string {
	if len(v) == 0 {
		return "–"
	}
	s := slices.Clone(v)
	slices.Sort(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	switch {
	case m >= 100:
		return strconv.FormatFloat(m, 'f', 0, 64)
	case m >= 1:
		return strconv.FormatFloat(m, 'f', 2, 64)
	}
	return strconv.FormatFloat(m, 'f', 3, 64)
}
