// Command termbook is the term handbook (学期手册) of a school's teaching-research office:
// a keyboard-driven terminal program for pairing programmes, and a few shell commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], newEnv())
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
