package ui

import (
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"
)

// vtTerm runs a model as a whole program under teatest and draws what it writes on a
// terminal emulator, so that a journey checks what a person sees — the screen, and where the
// cursor is and whether it shows — rather than the bytes that happened to be written (Bubble
// Tea v2 writes only the cells that change).
type vtTerm struct {
	tm  *teatest.TestModel
	emu *vt.Emulator
}

func newVTTerm(t *testing.T, m tea.Model, w, h int) *vtTerm {
	t.Helper()
	emu := vt.NewEmulator(w, h)
	// Without a terminal on its input, Bubble Tea relies on the terminal turning each line
	// feed into a new line, as a real one set up by the shell does (onlcr).
	emu.WriteString(ansi.SetModeLineFeedNewLine) //nolint:errcheck
	// The emulator answers the program's queries on its input side; nobody reads them.
	go io.Copy(io.Discard, emu) //nolint:errcheck
	t.Cleanup(func() { emu.Close() })
	return &vtTerm{tm: teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h)), emu: emu}
}

// keys sends keys as helpers_test.go's keyMsg names them.
func (v *vtTerm) keys(ks ...string) {
	for _, k := range ks {
		v.tm.Send(keyMsg(k))
	}
}

// waitFor draws what the program writes until ok holds for the screen and the cursor, or
// fails after five seconds naming what it waited for.
func (v *vtTerm) waitFor(t *testing.T, what string, ok func(screen string, x, y int, shown bool) bool) {
	t.Helper()
	fed := 0
	var last string
	cond := func(b []byte) bool {
		v.emu.Write(b[fed:]) //nolint:errcheck
		fed = len(b)
		pos := v.emu.CursorPosition()
		last = v.emu.String()
		return ok(last, pos.X, pos.Y, !v.emu.CursorHidden())
	}
	if err := waitOutput(v.tm.Output(), cond); err != nil {
		pos := v.emu.CursorPosition()
		t.Fatalf("waited for %s; the cursor is at %d,%d (shown %v) and the screen shows:\n%s", what, pos.X, pos.Y,
			!v.emu.CursorHidden(), last)
	}
}

// waitOutput reads r until cond holds for everything read, for five seconds at most.
func waitOutput(r io.Reader, cond func([]byte) bool) error {
	var b strings.Builder
	buf := make([]byte, 4096)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		for {
			n, _ := r.Read(buf)
			if n == 0 {
				break
			}
			b.Write(buf[:n])
		}
		if cond([]byte(b.String())) {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return io.ErrNoProgress
}

// screenShows waits until the screen shows every one of texts.
func (v *vtTerm) screenShows(t *testing.T, texts ...string) {
	t.Helper()
	v.waitFor(t, strings.Join(texts, ", "), func(screen string, _, _ int, _ bool) bool {
		for _, s := range texts {
			if !strings.Contains(screen, s) {
				return false
			}
		}
		return true
	})
}

// cursorAfter waits until the cursor shows right after text on the screen.
func (v *vtTerm) cursorAfter(t *testing.T, text string) {
	t.Helper()
	v.waitFor(t, "the cursor after "+text, func(screen string, x, y int, shown bool) bool {
		lines := strings.Split(screen, "\n")
		if !shown || y >= len(lines) {
			return false
		}
		i := strings.LastIndex(lines[y], text)
		return i >= 0 && ansi.StringWidth(lines[y][:i+len(text)]) == x
	})
}

// cursorHidden waits until the cursor is hidden.
func (v *vtTerm) cursorHidden(t *testing.T, where string) {
	t.Helper()
	v.waitFor(t, "the cursor hidden on "+where, func(_ string, _, _ int, shown bool) bool { return !shown })
}

// quit sends ctrl+c and waits for the program to end.
func (v *vtTerm) quit(t *testing.T) {
	t.Helper()
	v.keys("ctrl+c")
	v.tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
