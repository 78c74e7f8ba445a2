package main

import (
	"io"
	"os"
	"time"

	"github.com/charmbracelet/x/term"
)

// env is what a run of termbook reads from and writes to, so tests can give their own.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// exe is the path of the running executable, for the portable termbook.db beside it.
	exe string
	// now is the clock; the sample and "today" follow it.
	now func() time.Time
	// width is the terminal's width in cells when stdout is a terminal, else 0 (a pipe or a
	// file, where lines are never cut).
	width func() int
	// stderrTTY is whether stderr is a terminal, where long work shows its progress.
	stderrTTY bool
	// stdinTTY is whether stdin is a terminal, where a person can answer a question.
	stdinTTY bool
}

func newEnv() env {
	exe, _ := os.Executable()
	return env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, exe: exe, now: time.Now,
		width: func() int {
			w, _, err := term.GetSize(os.Stdout.Fd())
			if err != nil || !term.IsTerminal(os.Stdout.Fd()) {
				return 0
			}
			return w
		},
		stderrTTY: term.IsTerminal(os.Stderr.Fd()), stdinTTY: term.IsTerminal(os.Stdin.Fd())}
}
