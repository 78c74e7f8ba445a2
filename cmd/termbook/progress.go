package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// progressEvery is how often long work says how far it has come: the first line after this
// long, so that quick work says nothing, then a new line in place as often.
const progressEvery = time.Second

// progressLine shows how far long work has come on stderr, rewriting one line in place at
// most every progressEvery, when stderr is a terminal; piped or redirected, it stays silent.
type progressLine struct {
	m      *Main
	next   time.Time // when to show the next line
	shown  bool
	silent bool
	width  int // of the line shown, which a shorter one covers with spaces
}

func (m *Main) progress() *progressLine {
	return &progressLine{m: m, silent: !m.env.stderrTTY, next: m.env.now().Add(progressEvery)}
}

// show is told as the work goes on; line words how far it has come, and is called only when
// a line is due.
func (p *progressLine) show(line func() string) {
	if p.silent {
		return
	}
	now := p.m.env.now()
	if now.Before(p.next) {
		return
	}
	p.next = now.Add(progressEvery)
	text := line()
	w := ansi.StringWidth(text)
	fmt.Fprint(p.m.env.stderr, "\r"+text+strings.Repeat(" ", max(p.width-w, 0)))
	p.shown, p.width = true, w
}

// end closes the progress line, if one was shown, so that what follows starts a line of its own.
func (p *progressLine) end() {
	if p.shown {
		fmt.Fprintln(p.m.env.stderr)
	}
}
