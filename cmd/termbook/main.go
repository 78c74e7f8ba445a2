// Command termbook is the term handbook (学期手册) of a school's teaching-research office:
// a keyboard-driven terminal program for pairing programmes, and a few shell commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// shutdownGrace is how long the program has, after Ctrl-C or a closed window, to close the
// database on its way out before it ends regardless.
const shutdownGrace = 5 * time.Second

func main() {
	// Ctrl-C, a closed terminal window (SIGHUP; on Windows the console's close event arrives
	// as SIGTERM) and a shutdown all end the run through ctx, so the database is closed and
	// checkpointed on the way out.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go endAfterSignal(ctx, stop, shutdownGrace, os.Exit)
	err := run(ctx, os.Args[1:], newEnv())
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// endAfterSignal makes a signal end the program even where the run cannot notice ctx (a
// file that blocks, a network share that no longer answers): a second signal ends it at
// once, the way signals do, and the first ends it after grace. Whatever was committed is in
// the file or its log; the next start folds the log in.
func endAfterSignal(ctx context.Context, stop func(), grace time.Duration, exit func(int)) {
	<-ctx.Done()
	stop()
	time.Sleep(grace)
	exit(1)
}
