package main

import (
	"io"
	"os"
	"time"
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
}

func newEnv() env {
	exe, _ := os.Executable()
	return env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, exe: exe, now: time.Now}
}
