// Command briefs is a terminal reader for news briefings: it loads news
// agency text dumps and Markdown briefs, extracts their metadata, and lets
// the analyst filter, read, tag, annotate and export them.
//
// The command line is built on Cobra and Fang. Each command is one file
// holding one method of *app named Command<Name> that returns its
// *cobra.Command (see app.go); every byte printed goes through the gate in
// gate.go.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// stopGrace is how long a command has to stop cleanly after Ctrl-C or
// SIGTERM before the process exits anyway.
const stopGrace = 900 * time.Millisecond

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan int, 1)
	go func() {
		e := osEnv()
		if isCompletionRequest(os.Args[1:]) {
			done <- capture(newOut(e.stderr), func() int { return run(ctx, os.Args[1:], e) })
			return
		}
		done <- run(ctx, os.Args[1:], e)
	}()
	select {
	case code := <-done:
		os.Exit(code)
	case s := <-sigs:
		cancel(interrupted{s})
		select {
		case code := <-done:
			os.Exit(code)
		case <-sigs:
		case <-time.After(stopGrace):
		}
		os.Exit(signalStatus(s))
	}
}

// env is what a run of the program talks to; tests give their own.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string

	// probe, when not nil, hears what a run did that costs (tests):
	// "extractor" (built), "load" (the collection loaded through the
	// index, not looked up in it)
	probe func(event string)
	// noLookup makes commands about one brief load the collection instead
	// of looking the brief up in the index (tests compare the two)
	noLookup bool
}

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// interrupted is the cause of the context's end when a signal stops the
// program.
type interrupted struct{ sig os.Signal }

func (i interrupted) Error() string { return "interrupted by " + i.sig.String() }

// signalStatus is the conventional exit status after a signal: 128 + its
// number (130 for Ctrl-C, 143 for SIGTERM).
func signalStatus(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 130
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// run runs the command line args and returns the exit status.
func run(ctx context.Context, args []string, e env) int {
	a := newApp(e)
	err := a.execute(ctx, args)
	switch {
	case err == nil:
		return exitOK
	case ctx.Err() != nil:
		// stopped by a signal: quietly, with the shell's status
		var sig interrupted
		if errors.As(context.Cause(ctx), &sig) {
			return signalStatus(sig.sig)
		}
		return exitFail
	case isUsage(err):
		return exitUsage
	}
	return exitFail
}
