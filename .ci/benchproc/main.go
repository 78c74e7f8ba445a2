//go:build linux

// Command benchproc times termbook as a person waits for it: whole processes, from exec to
// the answer, on a given database. It runs `termbook --version`, `termbook agenda`, the
// full-screen program in a pseudo-terminal of 80×24 (timed to the first byte, to the
// alternate screen and to the first full frame, at a later start of the day and at the
// first, which checks the file and takes the day's backup) and the XLSX export of the term with the
// most observation forms, each several times, and prints one Markdown table row per target
// of the performance issue: the median wall time, the median CPU time (user + system), the
// largest peak memory (the kernel's maximum resident set) and the target beside it.
//
//	go run ./.ci/benchproc -bin termbook -db ten-years.db [-runs 15] [-win386 BYTES]
package main

import (
	"bytes"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
	_ "modernc.org/sqlite"

	"termbook/store"
)

// run is one measured process.
type run struct {
	wall, cpu time.Duration
	peak      int64 // KiB
	// In the pseudo-terminal: from exec to the first byte written, to the alternate screen,
	// to the first full frame.
	firstByte, altScreen, frame time.Duration
}

func main() {
	bin := flag.String("bin", "", "the termbook binary")
	db := flag.String("db", "", "the ten-year database (termbook sample --years 10)")
	runs := flag.Int("runs", 15, "runs of each quick command")
	exportRuns := flag.Int("export-runs", 3, "runs of the export")
	win386 := flag.Int64("win386", 0, "the size of the stripped windows/386 binary, in bytes")
	flag.Parse()
	if *bin == "" || *db == "" {
		flag.Usage()
		os.Exit(2)
	}
	log.SetFlags(0)
	out, err := os.MkdirTemp("", "benchproc-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(out)
	env := append(os.Environ(), "LANG=zh_CN.UTF-8", "TERM=xterm-256color")

	version := repeat(*runs, func() (run, error) { return timed(exec.Command(*bin, "--version"), env) })
	agenda := repeat(*runs, func() (run, error) { return timed(exec.Command(*bin, "agenda", "--db", *db), env) })
	frame := repeat(*runs, func() (run, error) { return inPty(*bin, *db, env) })
	morning := repeat(min(*runs, 5), func() (run, error) { return firstOfDay(*db, func() (run, error) { return inPty(*bin, *db, env) }) })
	term, forms, err := largestTerm(*db)
	if err != nil {
		log.Fatal(err)
	}
	export := repeat(*exportRuns, func() (run, error) {
		return timed(exec.Command(*bin, "export", "--db", *db, "--term", term, "--format", "xlsx", "-o", filepath.Join(out, "term.xlsx")), env)
	})

	fmt.Println("| what | runs | wall (median) | CPU (median) | peak memory | target |")
	fmt.Println("|---|---|---|---|---|---|")
	row := func(what string, rs []run, target string) {
		fmt.Printf("| %s | %d | %s | %s | %s | %s |\n", what, len(rs),
			ms(med(rs, func(r run) time.Duration { return r.wall })), ms(med(rs, func(r run) time.Duration { return r.cpu })), peak(rs), target)
	}
	row("`termbook --version`", version, "≤ 3 ms")
	row("`termbook agenda`", agenda, "≤ 8 ms")
	fmt.Printf("| exec to first frame, 80×24 (first byte %s, alternate screen %s) | %d | %s | – | %s (idle 1 s) | ≤ 20 ms |\n",
		ms(med(frame, func(r run) time.Duration { return r.firstByte })), ms(med(frame, func(r run) time.Duration { return r.altScreen })),
		len(frame), ms(med(frame, func(r run) time.Duration { return r.frame })), peak(frame))
	fmt.Printf("| … the first start of a day (the file checked, the day's backup taken) | %d | %s | – | %s (idle 1 s) | ≤ 20 ms |\n",
		len(morning), ms(med(morning, func(r run) time.Duration { return r.frame })), peak(morning))
	row(fmt.Sprintf("export of a %d-form term (%s)", forms, term), export, "≤ 5 s, ≤ 60 MB, with progress")
	if *win386 > 0 {
		fmt.Printf("| windows/386 stripped | | %.1f MB (%d bytes) | | | ≤ 14 MB |\n", float64(*win386)/1e6, *win386)
	}
}

// repeat measures n runs of f, stopping at the first failure.
func repeat(n int, f func() (run, error)) []run {
	var rs []run
	for range n {
		r, err := f()
		if err != nil {
			log.Fatal(err)
		}
		rs = append(rs, r)
	}
	return rs
}

// timed runs cmd to its end, its output discarded.
func timed(cmd *exec.Cmd, env []string) (run, error) {
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return run{}, fmt.Errorf("%s: %w: %s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	return finished(cmd, time.Since(start)), nil
}

func finished(cmd *exec.Cmd, wall time.Duration) run {
	r := run{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.peak = ru.Maxrss
	}
	return r
}

// inPty starts the full-screen program in a new pseudo-terminal of 80×24 and times it to
// the first full frame of the calendar (see fullFrame). It
// answers the terminal queries a real terminal answers (background colour, cursor
// position, device attributes), lets the program sit idle for a second, then ends it as a
// closed window does (SIGHUP) and waits for it to close its file.
func inPty(bin, db string, env []string) (run, error) {
	const rows, cols = 24, 80
	ptmx, tty, err := openPty(rows, cols)
	if err != nil {
		return run{}, err
	}
	defer ptmx.Close()
	cmd := exec.Command(bin, "--db", db)
	cmd.Env = env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		tty.Close()
		return run{}, err
	}
	tty.Close()

	// The terminal is read in a goroutine of its own (a read deadline on a pseudo-terminal
	// is not honoured everywhere), until the program has ended and the terminal is closed.
	chunks := make(chan []byte, 64)
	go func() {
		defer close(chunks)
		buf := make([]byte, 64<<10)
		for {
			n, err := ptmx.Read(buf)
			if n > 0 {
				chunks <- bytes.Clone(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	end := func(err error) (run, error) {
		cmd.Process.Kill()
		<-done
		return run{}, err
	}

	var r run
	var seen []byte
	alt := -1
	timeout := time.After(30 * time.Second)
	for r.frame == 0 {
		select {
		case chunk, ok := <-chunks:
			now := time.Since(start)
			if !ok {
				return end(fmt.Errorf("full-screen program: the terminal closed after %d bytes: %q", len(seen), tail(seen)))
			}
			if r.firstByte == 0 {
				r.firstByte = now
			}
			if os.Getenv("BENCHPROC_DEBUG") != "" {
				fmt.Fprintf(os.Stderr, "%v %q\n", now, chunk)
			}
			seen = append(seen, chunk...)
			answerQueries(ptmx, chunk)
			if alt < 0 {
				if i := bytes.Index(seen, []byte("\x1b[?1049h")); i >= 0 {
					alt, r.altScreen = i, now
				}
			}
			if alt >= 0 && fullFrame(seen[alt:], marker, rows) {
				r.frame = now
			}
		case err := <-done:
			done <- err
			return end(fmt.Errorf("full-screen program ended before a full frame (%v): %q", err, tail(seen)))
		case <-timeout:
			return end(fmt.Errorf("full-screen program: no full frame in 30 s after %d bytes: %q", len(seen), tail(seen)))
		}
	}
	// Idle for a second, then end it as a closed window does, the terminal read meanwhile so
	// that the program never blocks writing.
	idle, kill := time.After(time.Second), time.After(11*time.Second)
	for {
		select {
		case <-chunks:
		case <-idle:
			cmd.Process.Signal(syscall.SIGHUP)
		case <-done:
			fr := finished(cmd, time.Since(start))
			r.wall, r.cpu, r.peak = r.frame, fr.cpu, fr.peak
			return r, nil
		case <-kill:
			return end(errors.New("full-screen program: still running 10 s after SIGHUP"))
		}
	}
}

// firstOfDay runs f as the first start of a day, which checks the whole file and takes the
// day's backup: today's backups without a note (those that make a start a later one) are
// moved aside for the run, and put back after it in place of any the run took.
func firstOfDay(db string, f func() (run, error)) (run, error) {
	today := store.DateOf(time.Now())
	bs, err := store.Backups(db)
	if err != nil {
		return run{}, err
	}
	var aside []string
	for _, b := range bs {
		if b.Day() == today && b.Note == "" {
			if err := os.Rename(b.Path, b.Path+".aside"); err != nil {
				return run{}, err
			}
			aside = append(aside, b.Path)
		}
	}
	var r run
	if taken, terr := store.DailyBackupTaken(db, today); terr != nil || taken {
		err = fmt.Errorf("the day's backup is still in place after moving %d aside (%v)", len(aside), terr)
	} else {
		r, err = f()
	}
	for _, path := range aside {
		os.Remove(path)
		if rerr := os.Rename(path+".aside", path); rerr != nil && err == nil {
			err = rerr
		}
	}
	return r, err
}

// marker is a text the first frame of the program's content has and the frame shown while
// the term loads has not: the calendar's week, 第N周.
const marker = "第"

// fullFrame reports whether the output after the switch to the alternate screen holds a
// whole frame showing marker: from the cursor's move home before the marker, as many line
// breaks as the screen has rows less one (Bubble Tea draws a frame as its lines joined by
// CRLF).
func fullFrame(out []byte, marker string, rows int) bool {
	m := bytes.Index(out, []byte(marker))
	if m < 0 {
		return false
	}
	start := max(bytes.LastIndex(out[:m], []byte("\x1b[H")), 0)
	return bytes.Count(out[start:], []byte("\n")) >= rows-1
}

func answerQueries(ptmx *os.File, out []byte) {
	for _, q := range []struct{ ask, answer string }{
		{"\x1b]11;?", "\x1b]11;rgb:0000/0000/0000\x1b\\"},
		{"\x1b]10;?", "\x1b]10;rgb:ffff/ffff/ffff\x1b\\"},
		{"\x1b[6n", "\x1b[1;1R"},
		{"\x1b[c", "\x1b[?62;22c"},
	} {
		for range bytes.Count(out, []byte(q.ask)) {
			ptmx.WriteString(q.answer)
		}
	}
}

func tail(b []byte) []byte {
	return b[max(len(b)-200, 0):]
}

// openPty opens a new pseudo-terminal pair of the given size.
func openPty(rows, cols int) (ptmx, tty *os.File, err error) {
	ptmx, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	fd := int(ptmx.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		ptmx.Close()
		return nil, nil, err
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		ptmx.Close()
		return nil, nil, err
	}
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		ptmx.Close()
		return nil, nil, err
	}
	if err := unix.IoctlSetWinsize(int(tty.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: uint16(rows), Col: uint16(cols)}); err != nil {
		ptmx.Close()
		tty.Close()
		return nil, nil, err
	}
	return ptmx, tty, nil
}

// largestTerm is the term with the most observation forms.
func largestTerm(path string) (name string, forms int, err error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return "", 0, err
	}
	defer db.Close()
	err = db.QueryRow(`SELECT t.name, count(*) FROM terms t JOIN observations o ON o.term_id = t.id
		WHERE t.deleted_at IS NULL AND o.deleted_at IS NULL GROUP BY t.id ORDER BY count(*) DESC LIMIT 1`).Scan(&name, &forms)
	return name, forms, err
}

func med(rs []run, f func(run) time.Duration) time.Duration {
	v := make([]time.Duration, len(rs))
	for i, r := range rs {
		v[i] = f(r)
	}
	slices.Sort(v)
	if len(v) == 0 {
		return 0
	}
	if len(v)%2 == 0 {
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return v[len(v)/2]
}

func ms(d time.Duration) string {
	if d >= time.Second {
		return fmt.Sprintf("%.2f s", d.Seconds())
	}
	return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
}

func peak(rs []run) string {
	var m int64
	for _, r := range rs {
		m = max(m, r.peak)
	}
	return fmt.Sprintf("%.1f MiB", float64(m)/1024)
}
