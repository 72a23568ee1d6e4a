package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/briefs/briefs/internal/correct"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/store"
)

// CommandSet is `briefs set`.
func (a *app) CommandSet() *cobra.Command {
	var opt setOptions
	c := &cobra.Command{
		Use:   "set ID|PATH FIELD=VALUE... | --reset [FIELD...]",
		Short: "Correct a brief's metadata",
		Long: `Correct what briefs read from a brief: the correction wins everywhere (the
list, filters and their counts, queries, exports, JSON, the reader) and
follows the brief when its file is edited or moved, like its tags.

Fields: title, source (an agency's name, Arabic name or abbreviation folds to
its common name: source="Iraqi News Agency" is INA), date (YYYY-MM-DD or YYYY-MM-DD HH:MM),
dateline, series (a known series' name, alias or key joins it; another name
makes a series of your own; none: about no event), edition (a positive whole
number; none: no edition), country (country=+IR adds, country=-US removes;
codes, names and demonyms, several separated by commas). An empty value
(title=) or --reset FIELD... gives a field back what was extracted; --reset
alone gives back all of them. It prints what changed.

After the ID every argument is an assignment or --reset, never an option:
options go before the ID.`,
		Example: `briefs set 0e25 series="Baghdad International Water Conference" edition=4
briefs set 0e25 date=2024-05-15 source=INA country=+IR country=-US
briefs set 0e25 title="Water conference opens in Baghdad"
briefs set 0e25 --reset edition country
briefs set 0e25 --reset`,
		Args: args(func(pos []string) string {
			if len(pos) < 1 {
				return "set: give a brief ID and what to correct, as in: briefs set 0e25 edition=4 (or --reset)"
			}
			if len(pos) < 2 && !opt.reset {
				return "set: nothing to change: give FIELD=VALUE (fields: " + strings.Join(correct.Names(), ", ") + "), or --reset [FIELD...]"
			}
			return ""
		}),
		ValidArgsFunction: a.completeSetArgs,
		RunE: func(cmd *cobra.Command, pos []string) error {
			rest := pos[1:]
			if opt.reset { // briefs set --reset ID [FIELD...]
				rest = append([]string{"--reset"}, rest...)
			}
			return a.set(cmd.Context(), pos[0], rest, opt)
		},
	}
	// options end at the ID: what follows are assignments
	optionsFirst(c)
	c.Flags().BoolVar(&opt.reset, "reset", false, "give the fields named after the ID (all without any) back what was extracted")
	c.Flags().BoolVar(&opt.asJSON, "json", false, `print {"id", "changed": [{"field", "before", "after"}], "corrected"} as JSON`)
	inFlag(c, &opt.in)
	return c
}

type setOptions struct {
	reset, asJSON bool
	in            []string
}

// jsonSet is what `set --json` prints.
type jsonSet struct {
	ID        string       `json:"id"`
	Changed   []jsonChange `json:"changed"`
	Corrected []string     `json:"corrected"`
}

type jsonChange struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

func (a *app) set(ctx context.Context, ref string, rest []string, opt setOptions) error {
	lib, b, err := a.findBrief(ctx, ref, opt.in)
	if err != nil {
		return err
	}
	edit, err := correct.Parse(rest, lib.Extractor()) // names resolved as extraction does
	if err != nil {
		if errors.Is(err, correct.ErrUsage) {
			return usagef("set: %s", err)
		}
		return err
	}
	if edit.Empty() {
		return usagef("set: nothing to change: give FIELD=VALUE (fields: %s), or --reset [FIELD...]", strings.Join(correct.Names(), ", "))
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	a.reattach(ctx, st, lib)
	read := func() (*library.Library, error) {
		all, err := st.AllCorrections(ctx)
		if err != nil {
			return nil, err
		}
		return lib.WithCorrections(correct.Library(all)), nil
	}
	before, err := read()
	if err != nil {
		return err
	}
	if err := correct.Apply(ctx, st, b.ID, edit); err != nil {
		return fmt.Errorf("set %s: %w", b.ID, err)
	}
	after, err := read()
	if err != nil {
		return err
	}
	was, _ := before.Find(b.ID)
	now, _ := after.Find(b.ID)
	changes := correct.Changes(was, now)
	if opt.asJSON {
		j := jsonSet{ID: b.ID, Changed: []jsonChange{}, Corrected: nonNilSlice(now.Corrected)}
		for _, c := range changes {
			j.Changed = append(j.Changed, jsonChange{Field: string(c.Field), Before: safeLine(c.Before), After: safeLine(c.After)})
		}
		return a.out.JSON(j)
	}
	return a.printChanges(b.ID, now.Title, changes, now.IsCorrected)
}

// printChanges prints the brief and, for each field that changed, its value
// before and after; a field given back its extracted value says so.
func (a *app) printChanges(id, title string, changes []correct.Change, corrected func(string) bool) error {
	if err := a.out.Printf("%s %s\n", id, safeLine(title)); err != nil {
		return err
	}
	if len(changes) == 0 {
		return a.out.Printf("  nothing changed\n")
	}
	for _, c := range changes {
		note := ""
		switch {
		case !corrected(string(c.Field)):
			note = " (as extracted)"
		case c.Before == c.After:
			note = " (the same, now a correction)"
		}
		name := string(c.Field)
		if c.Field == store.FieldCountries {
			name = "countries"
		}
		if err := a.out.Printf("  %-10s %s → %s%s\n", name, orNone(safeLine(c.Before)), orNone(safeLine(c.After)), note); err != nil {
			return err
		}
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// completeSetArgs completes `briefs set ID FIELD=VALUE... --reset FIELD...`:
// the ID, then field names (with "=", or bare after --reset) and --reset.
func (a *app) completeSetArgs(cmd *cobra.Command, pos []string, word string) ([]string, cobra.ShellCompDirective) {
	if len(pos) == 0 {
		return a.briefIDs(cmd, word), cobra.ShellCompDirectiveNoFileComp
	}
	resetting := reset(cmd, pos[1:])
	if strings.HasPrefix(word, "-") {
		if !resetting && strings.HasPrefix("--reset", word) {
			return []string{"--reset\tgive fields back what was extracted"}, cobra.ShellCompDirectiveNoFileComp
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	if !resetting && strings.Contains(word, "=") {
		return a.completeSetValue(cmd, pos[0], word), cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, n := range correct.Names() {
		switch {
		case resetting && strings.HasPrefix(n, word):
			out = append(out, n)
		case !resetting && strings.HasPrefix(n+"=", word) && !strings.Contains(word, "="):
			out = append(out, n+"=")
		}
	}
	if !resetting && word == "" {
		out = append(out, "--reset\tgive fields back what was extracted")
	}
	if resetting {
		return out, cobra.ShellCompDirectiveNoFileComp
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// reset reports whether the words after the ID are fields to reset.
func reset(cmd *cobra.Command, after []string) bool {
	if on, err := cmd.Flags().GetBool("reset"); err == nil && on {
		return true
	}
	for _, w := range after {
		if w == "--reset" {
			return true
		}
	}
	return false
}

// completeSetValue completes the value of an assignment: series= the keys
// of the collection's series (and none), country=+ the codes the
// collection has and the brief lacks, country=- those the brief has,
// edition=none, series=none. Candidates are whole assignments.
func (a *app) completeSetValue(cmd *cobra.Command, ref, word string) []string {
	name, val, _ := strings.Cut(word, "=")
	lib, facets := a.facets(cmd)
	var cands []fieldValue
	switch name {
	case "series":
		cands = append(fieldValues(lib, facets, "series"), fieldValue{"none", "about no event"})
	case "edition":
		cands = []fieldValue{{"none", "no edition"}}
	case "country":
		if lib == nil {
			return nil
		}
		has := map[string]bool{}
		b, err := lib.Find(ref)
		if err == nil {
			for _, c := range b.Countries {
				has[c.Code] = true
			}
		}
		if strings.HasPrefix(val, "-") {
			if b != nil {
				for _, c := range b.Countries {
					cands = append(cands, fieldValue{"-" + c.Code, visible(c.Name)})
				}
			}
			break
		}
		for _, v := range facets.Of("country") {
			if !has[v.Value] {
				cands = append(cands, fieldValue{"+" + v.Value, fmt.Sprintf("%s (%d)", v.Label, v.Count)})
			}
		}
	}
	var out []string
	for _, c := range cands {
		if got, ok := extend(val, c.value); ok {
			out = append(out, name+"="+got+"\t"+describe(c.label))
		}
	}
	return out
}
