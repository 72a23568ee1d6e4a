package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// app is one run of the command line: its streams behind their gates and
// the global options.
//
// Adding a command is adding one file with one method:
//
//	func (a *app) CommandFrob() *cobra.Command {
//		return &cobra.Command{Use: "frob ID", Short: "...", Args: a.args(...), RunE: a.frob}
//	}
//
// Every exported method of *app named Command<Something> with that
// signature becomes a subcommand of briefs (TestCommandMethods checks the
// convention). Commands print only through a.out and a.err (or cmd.Print*,
// which Cobra sends there), return usagef(...) for a mistake in the command
// line (exit status 2) and any other error for a failure (exit status 1).
type app struct {
	env
	out *Out // standard output
	err *Out // standard error
	// ctx is the run's context, kept only so that the error printer can
	// stay quiet after Ctrl-C; commands use cmd.Context().
	ctx context.Context

	db     string // --db
	config string // --config
	index  string // --index
}

func newApp(e env) *app {
	return &app{env: e, out: newOut(e.stdout), err: newOut(e.stderr), ctx: context.Background()}
}

const rootLong = `briefs: a terminal reader for news briefings.

With no command, briefs opens the reader on the given files and folders, or
on the configured folders and the built-in briefs.

Query language (for -q and the reader's search box): terms are ANDed, terms
of one field ORed, a leading - negates:
  edition:3 country:kuwait tag:followup source:nina date:2024-07 "border control" vahidi -tag:done`

const rootExample = `# open the reader on the configured folders and the built-in briefs
briefs
# list the briefs about the 3rd edition that mention Kuwait
briefs list -q "edition:3 country:kuwait"
# tag a brief, add to its note, export what you annotated
briefs tag 0e25 +followup -draft
briefs note 0e25 --text "check the figures"
briefs export --out notes.md`

// root builds the command tree.
func (a *app) root() *cobra.Command {
	root := &cobra.Command{
		Use:               "briefs [PATH...]",
		Short:             "A terminal reader for news briefings",
		Long:              rootLong,
		Example:           rootExample,
		Args:              cobra.ArbitraryArgs,
		RunE:              a.runReader,
		ValidArgsFunction: completeFiles,
	}
	pf := root.PersistentFlags()
	pf.StringVar(&a.db, "db", "", "database for tags and notes (env BRIEFS_DB; default $XDG_DATA_HOME/briefs/briefs.db)")
	pf.BoolP("version", "v", false, "print the version")
	pf.StringVar(&a.config, "config", "", "configuration file (env BRIEFS_CONFIG; default $XDG_CONFIG_HOME/briefs/config.yaml)")
	pf.StringVar(&a.index, "index", "", "index of the briefs' metadata, a cache (env BRIEFS_INDEX; default $XDG_CACHE_HOME/briefs/index.db)")
	valueNamed(pf, "db", "FILE")
	valueNamed(pf, "config", "FILE")
	valueNamed(pf, "index", "FILE")
	_ = root.RegisterFlagCompletionFunc("db", completeExt("db", "sqlite"))
	_ = root.RegisterFlagCompletionFunc("config", completeExt("yaml", "yml"))
	root.AddCommand(a.commands()...)
	root.SetFlagErrorFunc(flagError)
	root.SuggestionsMinimumDistance = 2
	root.SetVersionTemplate("briefs {{.Version}}\n")
	root.CompletionOptions.HiddenDefaultCmd = false
	// --version works after any command, as it always did
	for _, c := range append(root.Commands(), root) {
		c.Version = version
	}
	root.SetIn(a.stdin)
	root.SetOut(a.out)
	root.SetErr(a.err)
	return root
}

// commands returns the commands of every Command<Name> method of *app.
func (a *app) commands() []*cobra.Command {
	v := reflect.ValueOf(a)
	var cmds []*cobra.Command
	for i := range v.NumMethod() {
		if !strings.HasPrefix(v.Type().Method(i).Name, "Command") {
			continue
		}
		if f, ok := v.Method(i).Interface().(func() *cobra.Command); ok {
			cmds = append(cmds, f())
		}
	}
	return cmds
}

// execute runs the command line.
func (a *app) execute(ctx context.Context, args []string) error {
	a.ctx = ctx
	root := a.root()
	root.SetArgs(normalizeArgs(root, args))
	return fang.Execute(ctx, root,
		fang.WithVersion(version),
		fang.WithoutManpage(), // ours, in man.go, prints through the gate
		fang.WithErrorHandler(a.printError),
	)
}

// printError prints the error a command ended with: as Fang styles it on a
// terminal, as one "briefs: ..." line otherwise (what scripts and logs
// expect); nothing at all after Ctrl-C or SIGTERM.
func (a *app) printError(w io.Writer, styles fang.Styles, err error) {
	if a.ctx.Err() != nil {
		return
	}
	msg := visible(err.Error())
	usage := isUsage(err)
	if !a.err.IsTerminal() {
		_ = a.err.Printf("briefs: %s\n", msg)
		if usage {
			_ = a.err.Print("Run 'briefs --help' for usage.\n")
		}
		return
	}
	_, _ = fmt.Fprintln(w, styles.ErrorHeader.String())
	_, _ = fmt.Fprintln(w, styles.ErrorText.UnsetTransform().Render(msg))
	_, _ = fmt.Fprintln(w)
	if usage {
		_, _ = fmt.Fprintln(w, lipgloss.JoinHorizontal(lipgloss.Left,
			styles.ErrorText.UnsetWidth().Render("Try"),
			styles.Program.Flag.Render(" briefs --help "),
			styles.ErrorText.UnsetWidth().UnsetMargins().UnsetTransform().Render("for usage."),
		))
		_, _ = fmt.Fprintln(w)
	}
}

// warn prints a warning: something was skipped, the command goes on.
func (a *app) warn(format string, args ...any) {
	_ = a.err.Print("briefs: warning: " + visible(fmt.Sprintf(format, args...)) + "\n")
}

// info prints a message about what was done (on standard error, so that
// standard output holds only data).
func (a *app) info(format string, args ...any) {
	_ = a.err.Print("briefs: " + visible(fmt.Sprintf(format, args...)) + "\n")
}

// isUsage reports whether err is a mistake in the command line: ours, or
// one Cobra found.
func isUsage(err error) bool {
	var ue usageError
	if errors.As(err, &ue) {
		return true
	}
	return strings.HasPrefix(err.Error(), "unknown command ")
}

// flagError words pflag's errors as the rest of our messages are, and
// makes them usage errors.
func flagError(c *cobra.Command, err error) error {
	var (
		notExist *pflag.NotExistError
		noValue  *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
	)
	name := ""
	if c.HasParent() {
		name = c.Name() + ": "
	}
	switch {
	case errors.As(err, &notExist) && notExist.GetSpecifiedShortnames() != "":
		return usagef("%sunknown option %s", name, shown("-"+notExist.GetSpecifiedShortnames()))
	case errors.As(err, &notExist):
		return usagef("%sunknown option %s", name, shown("--"+notExist.GetSpecifiedName()))
	case errors.As(err, &noValue):
		return usagef("%soption %s needs a value", name, flagName(noValue.GetFlag()))
	case errors.As(err, &invalid) && strings.HasPrefix(invalid.GetFlag().Value.Type(), "int"):
		return usagef("%s%s %s: not a whole number", name, flagName(invalid.GetFlag()), shown(invalid.GetValue()))
	case errors.As(err, &invalid):
		return usagef("%s%s %s: %s", name, flagName(invalid.GetFlag()), shown(invalid.GetValue()), visible(errors.Unwrap(invalid).Error()))
	}
	return usagef("%s%s", name, visible(err.Error()))
}

func flagName(f *pflag.Flag) string {
	if f == nil {
		return "option"
	}
	if f.Shorthand != "" {
		return "-" + f.Shorthand + "/--" + f.Name
	}
	return "--" + f.Name
}

// normalizeArgs turns the single-dash long options the program always
// accepted (-db FILE, -json, -help) into Cobra's --db, --json, --help. It
// stops at "--" and, for commands whose arguments after the first are not
// options (tag), at that first argument.
func normalizeArgs(root *cobra.Command, args []string) []string {
	out := slices.Clone(args)
	cur, positional := root, false
	for i := 0; i < len(out); i++ {
		arg := out[i]
		if arg == "--" {
			break
		}
		if len(arg) > 1 && arg[0] == '-' {
			name, _, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
			f := lookupFlag(cur, name, arg)
			if f != nil && len(name) > 1 && !strings.HasPrefix(arg, "--") {
				out[i] = "-" + arg
			}
			if f != nil && f.NoOptDefVal == "" && !hasValue && !isBoolFlag(f) {
				i++ // the option's value
			}
			continue
		}
		if !positional {
			if sub, _, err := cur.Find([]string{arg}); err == nil && sub != cur {
				cur = sub
				continue
			}
		}
		positional = true
		if cur.Annotations[annotOptionsFirst] != "" {
			break
		}
	}
	return out
}

// annotOptionsFirst marks a command whose options all come before its
// first argument (set by optionsFirst).
const annotOptionsFirst = "briefs:options-first"

// optionsFirst makes every argument of c after its first one an argument,
// never an option (tag: "briefs tag ID -help" removes the tag help).
func optionsFirst(c *cobra.Command) {
	c.Flags().SetInterspersed(false)
	if c.Annotations == nil {
		c.Annotations = map[string]string{}
	}
	c.Annotations[annotOptionsFirst] = "yes"
}

// lookupFlag finds the option arg names for command c, counting the
// options of its parents and the help and version options Cobra adds.
func lookupFlag(c *cobra.Command, name, arg string) *pflag.Flag {
	c.InitDefaultHelpFlag()
	c.InitDefaultVersionFlag()
	if len(arg) == 2 && arg[0] == '-' {
		if f := c.Flags().ShorthandLookup(name); f != nil {
			return f
		}
		return c.InheritedFlags().ShorthandLookup(name)
	}
	if f := c.Flags().Lookup(name); f != nil {
		return f
	}
	return c.InheritedFlags().Lookup(name)
}

func isBoolFlag(f *pflag.Flag) bool { return f.Value.Type() == "bool" }

// isCompletionRequest reports whether args ask for shell completions
// (Cobra's hidden __complete command, which the completion scripts run).
func isCompletionRequest(args []string) bool {
	return len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd)
}

// args checks the positional arguments with check, which returns the
// message of a usage error or "".
func args(check func(args []string) string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if msg := check(args); msg != "" {
			return usageError{msg}
		}
		return nil
	}
}

// noArgs refuses positional arguments, naming the command.
func noArgs(name string) cobra.PositionalArgs {
	return args(func(pos []string) string {
		if len(pos) > 0 {
			return name + " takes no arguments"
		}
		return ""
	})
}

// count is n with the word for one or for many: "1 brief", "3 briefs".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
