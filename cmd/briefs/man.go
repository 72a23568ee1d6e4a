package main

import (
	"fmt"

	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
)

// manSections are the man page's sections beyond the commands and options.
func manSections() [][2]string {
	return [][2]string{
		{"Files", `$XDG_CONFIG_HOME/briefs/config.yaml (usually ~/.config/briefs/config.yaml): the configuration, a YAML file listing folders of briefs ("folders:") and whether to include the built-in briefs ("seeds: true").

$XDG_DATA_HOME/briefs/briefs.db (usually ~/.local/share/briefs/briefs.db): tags, notes and read state, one SQLite file.`},
		{"Environment", `BRIEFS_CONFIG and BRIEFS_DB name the configuration file and the database (as --config and --db do). NO_COLOR turns styling off. VISUAL or EDITOR is the note editor. SOURCE_DATE_EPOCH fixes the time an export records.`},
		{"Exit Status", `0 on success, 1 when an operation failed, 2 for a mistake in the command line, 130 after Ctrl-C (143 after SIGTERM).`},
	}
}

// CommandMan is `briefs man`.
func (a *app) CommandMan() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print the manual page (roff)",
		Long:  "Print briefs' manual page in roff, for man(1): briefs man > briefs.1; man -l briefs.1",
		Example: `briefs man | man -l -
briefs man > ~/.local/share/man/man1/briefs.1`,
		Args: args(func(pos []string) string {
			if len(pos) > 0 {
				return "man takes no arguments"
			}
			return ""
		}),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			page, err := mcobra.NewManPage(1, cmd.Root())
			if err != nil {
				return fmt.Errorf("man page: %w", err)
			}
			for _, s := range manSections() {
				page = page.WithSection(s[0], s[1])
			}
			return a.out.Print(page.Build(roff.NewDocument()))
		},
	}
}
