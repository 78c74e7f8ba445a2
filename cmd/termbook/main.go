// Command termbook is the term handbook (学期手册) of a school's teaching-research office:
// a keyboard-driven terminal program for pairing programmes, and a few shell commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// Ctrl-C, a closed terminal window (SIGHUP; on Windows the console's close event arrives
	// as SIGTERM) and a shutdown all end the run through ctx, so the database is closed and
	// checkpointed on the way out.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	err := run(ctx, os.Args[1:], newEnv())
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
