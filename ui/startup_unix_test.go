//go:build linux

package ui

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/sys/unix"

	"termbook/ui/i18n"
)

// openPTY opens a pseudo-terminal of w×h cells: the program's side and the terminal's.
func openPTY(t *testing.T, w, h int) (term, program *os.File) {
	t.Helper()
	term, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { term.Close() })
	var unlock int32
	if _, _, e := unix.Syscall(unix.SYS_IOCTL, term.Fd(), unix.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		t.Fatal(e)
	}
	n, err := unix.IoctlGetInt(int(term.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	program, err = os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { program.Close() })
	if err := unix.IoctlSetWinsize(int(program.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Col: uint16(w), Row: uint16(h)}); err != nil {
		t.Fatal(err)
	}
	return term, program
}

// startOnPTY runs the whole program on a pseudo-terminal of 80×24 that never answers a
// query, with environment env, and returns what it wrote once the first frame, which names
// the term, has come, and how long that took.
func startOnPTY(t *testing.T, env map[string]string) (string, time.Duration) {
	t.Helper()
	s, _ := openStore(t)
	term := fixture(t, s)
	tty, prog := openPTY(t, 80, 24)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		done <- Run(ctx, s, Options{Lang: i18n.Zh, Today: today, Getenv: func(k string) string { return env[k] }},
			tea.WithInput(prog), tea.WithOutput(prog), tea.WithEnvironment([]string{"TERM=xterm-256color"}))
	}()
	defer func() {
		cancel()
		<-done
	}()
	var out bytes.Buffer
	buf := make([]byte, 4096)
	for !bytes.Contains(out.Bytes(), []byte(term.Name)) {
		if time.Since(start) > 4*time.Second {
			t.Fatalf("no first frame after %v on a terminal that answers nothing; it wrote %q", time.Since(start), out.String())
		}
		tty.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
		n, _ := tty.Read(buf)
		out.Write(buf[:n])
	}
	return out.String(), time.Since(start)
}

// TestFirstFrameOnASilentTerminal starts the whole program on a terminal that never answers
// a query (the background colour, synchronized output, keyboard modes): the first frame
// must come at once. Under Bubble Tea v1 the background colour was waited for, up to five
// seconds, before anything was drawn.
func TestFirstFrameOnASilentTerminal(t *testing.T) {
	out, took := startOnPTY(t, nil)
	t.Logf("first frame after %v", took)
	if !colour.MatchString(out) {
		t.Errorf("the frame shows no colour on a 256-colour terminal: %q", out)
	}
}

// colour matches an escape sequence that sets a foreground colour.
var colour = regexp.MustCompile(`\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;[25];[0-9;]+)m`)

// TestNoColor: with NO_COLOR set, the terminal is given no colour at all, only bold and
// reverse.
func TestNoColor(t *testing.T) {
	out, _ := startOnPTY(t, map[string]string{"NO_COLOR": "1"})
	if m := colour.FindString(out); m != "" {
		t.Errorf("NO_COLOR, but the program sets a colour: %q", m)
	}
	if !strings.Contains(out, "\x1b[7m") && !strings.Contains(out, ";7m") {
		t.Errorf("NO_COLOR must keep reverse video for the selection: %q", out)
	}
}

// TestStartedRunsAtOnce: the first load Run starts runs before Bubble Tea asks for its
// message (v2 asks only after drawing the first frame), and gives that message when asked.
func TestStartedRunsAtOnce(t *testing.T) {
	ran := make(chan struct{})
	cmd := started(func() tea.Msg {
		close(ran)
		return loadedMsg{err: context.Canceled}
	})
	select {
	case <-ran:
	case <-time.After(5 * time.Second):
		t.Fatal("the command has not run before its message was asked for")
	}
	if msg, ok := cmd().(loadedMsg); !ok || msg.err != context.Canceled {
		t.Errorf("started gave %#v, want the command's own message", msg)
	}
}
