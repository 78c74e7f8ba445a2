package ui

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"termbook/store"
	"termbook/store/sample/scale"
	"termbook/ui/i18n"
)

// The benchmarks in this file run on the ten-year database (package scale), at 80×24 in
// Chinese, drawing in colour as a real terminal would.

func TestMain(m *testing.M) { scale.Main(m) }

// benchStyles draws in colour, as most terminals our users have (Bubble Tea's renderer
// fits the colours to the terminal).
func benchStyles() *styles { return newStyles(display{}, true) }

// startScale opens the ten-year database as a later start of the day does (no full check),
// loads the current term and draws the first frame at 80×24.
func startScale(tb testing.TB, path string) (*store.Store, *Model, string) {
	ctx := context.Background()
	s, err := store.Open(ctx, path, store.Options{CheckOnlyAfterCrash: true})
	if err != nil {
		tb.Fatal(err)
	}
	m := newModel(ctx, s, Options{Lang: i18n.Zh, Today: scale.Today()}, benchStyles())
	run(tb, m, m.Init())
	run(tb, m, func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
	return s, m, m.View().Content
}

// BenchmarkStartup is the program's start to its first frame on ten years of records: open
// the file, load the current term, draw the calendar.
func BenchmarkStartup(b *testing.B) {
	path := scale.Copy(b)
	cpu := scale.StartCPU()
	for b.Loop() {
		s, _, view := startScale(b, path)
		if !strings.Contains(view, "第") {
			b.Fatalf("the first frame shows no week:\n%s", view)
		}
		s.Close()
	}
	cpu.Report(b, b.N)
}

// benchmarkKeys sends keys in turn to the model, each followed by a View: one keystroke as
// the program handles it.
func benchmarkKeys(b *testing.B, screen int, setup []tea.KeyPressMsg, keys ...tea.KeyPressMsg) {
	s, m, _ := startScale(b, scale.Copy(b))
	b.Cleanup(func() { s.Close() })
	for _, k := range setup {
		run(b, m, func() tea.Msg { return k })
	}
	if m.active != screen {
		b.Fatalf("screen %d is showing, want %d:\n%s", m.active, screen, m.View().Content)
	}
	cpu := scale.StartCPU()
	i := 0
	for b.Loop() {
		_, cmd := m.Update(keys[i%len(keys)])
		if cmd != nil {
			run(b, m, cmd)
		}
		if m.View().Content == "" {
			b.Fatal("an empty frame")
		}
		i++
	}
	cpu.Report(b, b.N)
}

func runes(s string) tea.KeyPressMsg { return keyMsg(s) }

// BenchmarkKeystrokeWeek moves the calendar a week on and back.
func BenchmarkKeystrokeWeek(b *testing.B) {
	benchmarkKeys(b, 0, nil, runes("l"), runes("h"))
}

// BenchmarkKeystrokeRow moves the calendar's selection down and up a row.
func BenchmarkKeystrokeRow(b *testing.B) {
	benchmarkKeys(b, 0, nil, runes("j"), runes("j"), runes("k"), runes("k"))
}

// BenchmarkKeystrokeObservations moves the observation list's selection down and up a row.
func BenchmarkKeystrokeObservations(b *testing.B) {
	benchmarkKeys(b, 1, []tea.KeyPressMsg{runes("2")}, runes("j"), runes("j"), runes("k"), runes("k"))
}

// frameCounter is a terminal that counts the bytes the program writes to it and signals each
// write (Bubble Tea writes one frame in one write).
type frameCounter struct {
	bytes  atomic.Int64
	frames chan struct{}
}

func (w *frameCounter) Write(p []byte) (int, error) {
	w.bytes.Add(int64(len(p)))
	select {
	case w.frames <- struct{}{}:
	default:
	}
	return len(p), nil
}

// quiet waits until the program has written nothing for a while.
func (w *frameCounter) quiet() {
	for {
		select {
		case <-w.frames:
		case <-time.After(300 * time.Millisecond):
			return
		}
	}
}

// BenchmarkKeystrokeBytes counts the bytes one keystroke on the calendar writes to an 80×24
// terminal in colour: the whole program with Bubble Tea's renderer, each key waiting for its
// frame. The time per key is mostly the wait for the renderer's next frame; the figure is B/key.
func BenchmarkKeystrokeBytes(b *testing.B) {
	for _, bench := range []struct {
		name string
		keys []tea.KeyPressMsg
	}{
		{"week", []tea.KeyPressMsg{runes("l"), runes("h")}},
		{"row", []tea.KeyPressMsg{runes("j"), runes("j"), runes("k"), runes("k")}},
	} {
		b.Run(bench.name, func(b *testing.B) {
			ctx := context.Background()
			s, err := store.Open(ctx, scale.Copy(b), store.Options{CheckOnlyAfterCrash: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			term := &frameCounter{frames: make(chan struct{}, 1)}
			p := tea.NewProgram(newModel(ctx, s, Options{Lang: i18n.Zh, Today: scale.Today()}, benchStyles()),
				tea.WithInput(nil), tea.WithOutput(term), tea.WithWindowSize(80, 24),
				tea.WithEnvironment([]string{"TERM=xterm-256color"}), tea.WithColorProfile(colorprofile.ANSI256),
				tea.WithoutSignalHandler())
			done := make(chan error, 1)
			go func() { _, err := p.Run(); done <- err }()
			term.quiet()
			start, i := term.bytes.Load(), 0
			for b.Loop() {
				p.Send(bench.keys[i%len(bench.keys)])
				select {
				case <-term.frames:
				case <-time.After(2 * time.Second):
					b.Fatal("a keystroke drew no frame")
				}
				i++
			}
			b.StopTimer()
			term.quiet()
			b.ReportMetric(float64(term.bytes.Load()-start)/float64(i), "B/key")
			p.Quit()
			if err := <-done; err != nil {
				b.Fatal(err)
			}
		})
	}
}
