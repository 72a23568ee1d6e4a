// Command briefs is a terminal reader for news briefings: it loads news
// agency text dumps and Markdown briefs, extracts their metadata, and lets
// the analyst filter, read, tag, annotate and export them.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv})
	stop()
	os.Exit(code)
}

// env is what a run of the program talks to; tests give their own.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

const usageText = `briefs: a terminal reader for news briefings

Usage:
  briefs [PATH...]                       open the reader (no PATH: configured folders + built-in seeds)
  briefs list  [--json] [-q QUERY] [PATH...]
  briefs show  ID|PATH [--style auto|dark|light|notty] [--width N]
  briefs tag   ID +tag -tag ...
  briefs note  ID [--text TEXT | --edit]
  briefs tags [--rename OLD NEW]         tags with counts; rename a tag everywhere
  briefs export [--out FILE] [--format md|json] [--force] [-q QUERY] [PATH...]

Global options (before or after the command):
  --db FILE       database for tags and notes (env BRIEFS_DB; default $XDG_DATA_HOME/briefs/briefs.db)
  --config FILE   configuration file (env BRIEFS_CONFIG; default $XDG_CONFIG_HOME/briefs/config.yaml)
  --version       print the version

Query language (for -q and the reader's search box):
  edition:3 country:kuwait tag:followup source:nina date:2024-07 "border control" vahidi -tag:done
`

func run(ctx context.Context, args []string, e env) int {
	err := dispatch(ctx, args, e)
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(e.stdout, usageText)
		return exitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(e.stderr, "briefs: %s\nRun 'briefs --help' for usage.\n", ue.msg)
		return exitUsage
	}
	fmt.Fprintf(e.stderr, "briefs: %s\n", err)
	return exitFail
}

func dispatch(ctx context.Context, args []string, e env) error {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "--version" || a == "-version" {
			fmt.Fprintf(e.stdout, "briefs %s\n", version)
			return nil
		}
	}
	cmd := ""
	rest := args
	// the command is the first argument that is not a global option
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if a == "--db" || a == "-db" || a == "--config" || a == "-config" {
			i++
			continue
		}
		if strings.HasPrefix(a, "-") {
			continue
		}
		if isCommand(a) {
			cmd = a
			rest = append(append([]string{}, args[:i]...), args[i+1:]...)
		} else if _, err := os.Lstat(a); err != nil && !strings.ContainsAny(a, `/\.`) {
			return usagef("unknown command or file %q (commands: list, show, tag, note, tags, export)", a)
		}
		break
	}
	switch cmd {
	case "list":
		return cmdList(ctx, rest, e)
	case "show":
		return cmdShow(ctx, rest, e)
	case "tag":
		return cmdTag(ctx, rest, e)
	case "note":
		return cmdNote(ctx, rest, e)
	case "tags":
		return cmdTags(ctx, rest, e)
	case "export":
		return cmdExport(ctx, rest, e)
	case "help":
		return flag.ErrHelp
	}
	return cmdTUI(ctx, rest, e)
}

func isCommand(s string) bool {
	switch s {
	case "list", "show", "tag", "note", "tags", "export", "help":
		return true
	}
	return false
}

// globals are the options every command takes.
type globals struct {
	db, config string
	version    bool
}

func newFlags(name string, g *globals) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&g.db, "db", "", "database file")
	fs.StringVar(&g.config, "config", "", "configuration file")
	fs.BoolVar(&g.version, "version", false, "print the version")
	return fs
}

// parseArgs parses flags anywhere among the arguments (flags after
// positional arguments too) and returns the positional ones.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			msg := err.Error()
			if rest, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
				msg = "unknown option " + rest
			}
			return nil, usagef("%s: %s", fs.Name(), msg)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
