package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// CommandMan is `briefs man`.
func (a *app) CommandMan() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print the manual page (roff)",
		Long:  "Print briefs' manual page in roff, for man(1). make install installs it.",
		Example: `briefs man | man -l -
briefs man > ~/.local/share/man/man1/briefs.1`,
		Args:              noArgs("man"),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.out.Print(manPage(cmd.Root()))
		},
	}
}

// manSections are the man page's sections after the commands.
func manSections() [][2]string {
	return [][2]string{
		{"FILES", `$XDG_CONFIG_HOME/briefs/config.yaml (usually ~/.config/briefs/config.yaml): the configuration, a YAML file listing folders of briefs (folders:, a list of paths; relative ones are relative to the file), whether to include the built-in briefs (seeds: true or false), and your own recurring events (series:, a list of name:, optional key:, aliases:, acronyms:, topics:, editions: {year: edition} and hosts:, as in the README).

$XDG_DATA_HOME/briefs/briefs.db (usually ~/.local/share/briefs/briefs.db): tags, notes and read state, one SQLite file, created on first write.

$XDG_CACHE_HOME/briefs/index.db (usually ~/.cache/briefs/index.db): the index, a cache of what was read from each brief file (metadata and words), so that unchanged files are not read again. It holds nothing of yours: it may be deleted at any time (the next start reads every file again).`},
		{"ENVIRONMENT", `BRIEFS_CONFIG, BRIEFS_DB and BRIEFS_INDEX name the configuration file, the database and the index, as --config, --db and --index do. NO_COLOR turns styling off. VISUAL, else EDITOR, is the note editor. SOURCE_DATE_EPOCH fixes the time an export records.`},
		{"EXIT STATUS", `0 on success, 1 when an operation failed, 2 for a mistake in the command line, 130 after Ctrl-C (143 after SIGTERM).`},
		{"SEE ALSO", `briefs --help, briefs help COMMAND, and the README at https://github.com/briefs/briefs.`},
	}
}

// manPage writes the manual page of the command tree in roff (man macros).
func manPage(root *cobra.Command) string {
	var b strings.Builder
	fmt.Fprintf(&b, ".TH BRIEFS 1 \"\" \"briefs %s\" \"User Commands\"\n", roffEscape(version))
	b.WriteString(".SH NAME\nbriefs \\- " + roffEscape(strings.ToLower(root.Short[:1])+root.Short[1:]) + "\n")
	b.WriteString(".SH SYNOPSIS\n.B briefs\n[\\fIoptions\\fR] [\\fIPATH\\fR...]\n.br\n.B briefs\n\\fIcommand\\fR [\\fIoptions\\fR] [\\fIarguments\\fR]\n")
	b.WriteString(".SH DESCRIPTION\n" + roffParagraphs(root.Long))
	b.WriteString(".SH OPTIONS\nThese options work with every command.\n" + roffFlags(root.PersistentFlags()))
	b.WriteString(".SH COMMANDS\n")
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() || c.Name() == "help" {
			continue
		}
		b.WriteString(".SS \"" + roffEscape(c.CommandPath()+strings.TrimPrefix(c.Use, c.Name())) + "\"\n")
		b.WriteString(roffParagraphs(cmdDescription(c)))
		if fl := roffFlags(c.LocalNonPersistentFlags()); fl != "" {
			b.WriteString(".PP\nOptions:\n.RS\n" + fl + ".RE\n")
		}
		if c.Example != "" {
			b.WriteString(".PP\nExamples:\n.RS\n.nf\n" + roffEscape(c.Example) + "\n.fi\n.RE\n")
		}
	}
	b.WriteString(".SH EXAMPLES\n.nf\n" + roffEscape(root.Example) + "\n.fi\n")
	for _, s := range manSections() {
		b.WriteString(".SH " + s[0] + "\n" + roffParagraphs(s[1]))
	}
	return b.String()
}

func cmdDescription(c *cobra.Command) string {
	if c.Long != "" {
		return c.Long
	}
	return c.Short + "."
}

// roffFlags lists options as tagged paragraphs.
func roffFlags(fs *pflag.FlagSet) string {
	var b strings.Builder
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		name := "\\-\\-" + roffEscape(f.Name)
		if f.Shorthand != "" {
			name = "\\-" + roffEscape(f.Shorthand) + ", " + name
		}
		if v := valueName(f); v != "" {
			name += " \\fI" + roffEscape(v) + "\\fR"
		}
		b.WriteString(".TP\n\\fB" + name + "\\fR\n" + roffEscape(f.Usage) + "\n")
	})
	return b.String()
}

// annotValue is the flag annotation naming an option's value in the
// manual (FILE, QUERY); see valueNamed.
const annotValue = "briefs:value"

// valueNamed names the value of option name in the manual.
func valueNamed(fs *pflag.FlagSet, name, value string) {
	_ = fs.SetAnnotation(name, annotValue, []string{value})
}

// valueName is how the manual writes an option's value: as valueNamed
// said, else from its type ("" for a switch).
func valueName(f *pflag.Flag) string {
	if v := f.Annotations[annotValue]; len(v) > 0 {
		return v[0]
	}
	switch f.Value.Type() {
	case "bool":
		return ""
	case "int":
		return "N"
	}
	return "VALUE"
}

// roffParagraphs turns text into paragraphs: blank lines separate them,
// lines that start with spaces are kept as they are (examples).
func roffParagraphs(text string) string {
	var b strings.Builder
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			b.WriteString(".PP\n")
		}
		var prose []string
		for _, line := range strings.Split(para, "\n") {
			if strings.HasPrefix(line, "  ") {
				if len(prose) > 0 {
					b.WriteString(roffEscape(strings.Join(prose, " ")) + "\n")
					prose = nil
				}
				b.WriteString(".nf\n" + roffEscape(line) + "\n.fi\n")
				continue
			}
			prose = append(prose, line)
		}
		if len(prose) > 0 {
			b.WriteString(roffEscape(strings.Join(prose, " ")) + "\n")
		}
	}
	return b.String()
}

// roffEscape makes text safe in roff: backslashes and minus signs escaped,
// and a line never starts with a control character (. or ').
func roffEscape(s string) string {
	s = strings.NewReplacer(`\`, `\e`, "-", `\-`).Replace(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			lines[i] = `\&` + l
		}
	}
	return strings.Join(lines, "\n")
}
