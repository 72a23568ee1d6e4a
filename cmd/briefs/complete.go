package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/briefs/briefs/internal/library"
)

// Shell completion: `briefs completion bash|zsh|fish` prints a script that
// runs `briefs __complete ARGS... WORD` (Cobra's protocol) and offers the
// lines it prints. The functions here answer for brief IDs (titles as
// descriptions), tags, query fields and values, and files.

// completeFiles completes file and folder names (the shell's own).
func completeFiles(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveDefault
}

// completeExt completes names of files with the extensions, and folders.
func completeExt(exts ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return exts, cobra.ShellCompDirectiveFilterFileExt
	}
}

// completeIDs completes the first argument with brief IDs (and, when files
// is set, file names for a word that looks like a path).
func (a *app) completeIDs(files bool) cobra.CompletionFunc {
	return func(cmd *cobra.Command, pos []string, word string) ([]string, cobra.ShellCompDirective) {
		if len(pos) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		if files && strings.ContainsAny(word, `/.~`) {
			return nil, cobra.ShellCompDirectiveDefault
		}
		return a.briefIDs(cmd, word), cobra.ShellCompDirectiveNoFileComp
	}
}

// briefIDs lists the IDs starting with word, each with its title.
func (a *app) briefIDs(cmd *cobra.Command, word string) []string {
	lib := a.quietLibrary(cmd)
	if lib == nil {
		return nil
	}
	var out []string
	word = strings.ToLower(word)
	for _, b := range lib.Briefs() {
		if strings.HasPrefix(b.ID, word) {
			out = append(out, b.ID+"\t"+describe(safeLine(b.Title)))
		}
	}
	return out
}

// describe makes a completion description one printable line of at most
// 60 columns.
func describe(s string) string {
	s = strings.Join(strings.Fields(visible(s)), " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return s
}

// quietLibrary loads what the command would look IDs up in (--in, or the
// configured folders and seeds), without warnings; nil if it cannot.
func (a *app) quietLibrary(cmd *cobra.Command) *library.Library {
	var in []string
	if f := cmd.Flags().Lookup("in"); f != nil {
		in, _ = cmd.Flags().GetStringArray("in")
	}
	opt, err := a.loadOptions(in)
	if err != nil {
		return nil
	}
	c, err := a.openCollection(cmd.Context(), opt, false)
	if err != nil {
		return nil
	}
	defer c.Close()
	lib, _, err := c.Load(cmd.Context())
	if err != nil {
		return nil
	}
	return lib
}

// completeTagArgs completes `briefs tag ID +TAG -TAG...`: the ID, then
// +tag with every known tag the brief lacks and -tag with the tags it has.
func (a *app) completeTagArgs(cmd *cobra.Command, pos []string, word string) ([]string, cobra.ShellCompDirective) {
	if len(pos) == 0 {
		return a.briefIDs(cmd, word), cobra.ShellCompDirectiveNoFileComp
	}
	all, has := a.tagsFor(cmd.Context(), pos[0])
	var out []string
	for _, t := range all {
		switch {
		case slices.Contains(has, t.Tag) || slices.Contains(pos[1:], "+"+t.Tag):
		case strings.HasPrefix("+"+t.Tag, word):
			out = append(out, fmt.Sprintf("+%s\t%s", visible(t.Tag), count(t.Count, "brief", "briefs")))
		}
	}
	for _, t := range has {
		if strings.HasPrefix("-"+t, word) && !slices.Contains(pos[1:], "-"+t) {
			out = append(out, "-"+visible(t)+"\tremove")
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// tagCount is a tag with the number of briefs that carry it.
type tagCount struct {
	Tag   string
	Count int
}

// tagsFor reads every tag with its count, and the tags of the one brief
// whose ID starts with ref, from the database (none when it is missing).
func (a *app) tagsFor(ctx context.Context, ref string) (all []tagCount, has []string) {
	st, err := a.openExisting(ctx)
	if err != nil || st == nil {
		return nil, nil
	}
	defer st.Close()
	byID, err := st.AllTags(ctx)
	if err != nil {
		return nil, nil
	}
	counts := map[string]int{}
	match := 0
	for id, ts := range byID {
		for _, t := range ts {
			counts[t]++
		}
		if len(ref) >= 4 && strings.HasPrefix(id, strings.ToLower(ref)) {
			has, match = ts, match+1
		}
	}
	if match != 1 {
		has = nil
	}
	for t, n := range counts {
		all = append(all, tagCount{t, n})
	}
	slices.SortFunc(all, func(x, y tagCount) int { return strings.Compare(x.Tag, y.Tag) })
	return all, has
}

// tagNames lists the tags in the database starting with word.
func (a *app) tagNames(ctx context.Context, word string) []string {
	all, _ := a.tagsFor(ctx, "")
	var out []string
	for _, t := range all {
		if strings.HasPrefix(t.Tag, word) {
			out = append(out, fmt.Sprintf("%s\t%s", visible(t.Tag), count(t.Count, "brief", "briefs")))
		}
	}
	return out
}

// queryFields are the fields of the query language: the facets of the
// collection (edition, country, tag, source, and any the library adds),
// then the fields that are not facets (series:, date:, is:) where the
// parser knows them.
func queryFields(facets library.Facets) []string {
	var out []string
	for _, g := range facets {
		out = append(out, g.Field)
	}
	for _, f := range [][2]string{{"series", "x"}, {"date", "2024"}, {"is", "read"}} {
		if slices.Contains(out, f[0]) {
			continue
		}
		_, err := library.Parse(f[0] + ":" + f[1])
		if err == nil || !strings.Contains(err.Error(), "unknown field") {
			out = append(out, f[0])
		}
	}
	return out
}

// completeQuery completes the last term of a -q value: a field name, or a
// value of edition:, country:, tag:, source: (and series: where the build
// knows it) from the collection and the database.
func (a *app) completeQuery(cmd *cobra.Command, _ []string, word string) ([]string, cobra.ShellCompDirective) {
	head, term := "", word
	if i := strings.LastIndexByte(word, ' '); i >= 0 {
		head, term = word[:i+1], word[i+1:]
	}
	neg := ""
	if strings.HasPrefix(term, "-") {
		neg, term = "-", term[1:]
	}
	field, value, hasField := strings.Cut(term, ":")
	lib, facets := a.facets(cmd)
	if !hasField {
		var out []string
		for _, f := range queryFields(facets) {
			if strings.HasPrefix(f+":", strings.ToLower(term)) {
				out = append(out, head+neg+term+(f + ":")[len(term):])
			}
		}
		return out, cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
	}
	prefix := head + neg + field + ":"
	var out []string
	for _, v := range fieldValues(lib, facets, strings.ToLower(field)) {
		if c, ok := extend(value, v.value); ok {
			out = append(out, prefix+c+"\t"+describe(v.label))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// extend completes typed to the candidate, keeping what the user typed as
// they typed it (the shell offers only candidates that start with the
// word). It reports false when the candidate does not start with typed,
// ignoring case.
func extend(typed, candidate string) (string, bool) {
	if len(candidate) < len(typed) || !strings.EqualFold(candidate[:len(typed)], typed) {
		return "", false
	}
	return typed + candidate[len(typed):], true
}

// fieldValue is a value a query field can take, with its label.
type fieldValue struct{ value, label string }

// facets are the facets of the whole collection (nil when it cannot be
// loaded).
func (a *app) facets(cmd *cobra.Command) (*library.Library, library.Facets) {
	lib := a.quietLibrary(cmd)
	if lib == nil {
		return nil, nil
	}
	d := a.quietUserData(cmd.Context())
	res, err := lib.Search(library.Query{}, library.User{Tags: d.tags, Read: d.read, People: d.people}, library.ByDate)
	if err != nil {
		return lib, nil
	}
	return lib, res.Facets
}

// fieldValues lists the values a query field takes in the collection, from
// its facet.
func fieldValues(lib *library.Library, facets library.Facets, field string) []fieldValue {
	var out []fieldValue
	for _, v := range facets.Of(field) {
		label := fmt.Sprintf("%s (%d)", v.Label, v.Count)
		for _, form := range valueForms(field, v, lib) {
			out = append(out, fieldValue{form, label})
		}
	}
	return out
}

// valueForms are the ways to write a facet value in a query that the
// completion offers: the value itself, and for countries the name too; a
// value with spaces is offered up to its first space (a prefix matches for
// sources).
func valueForms(field string, v library.FacetValue, lib *library.Library) []string {
	forms := []string{v.Value}
	if field == "country" {
		if n := strings.ToLower(lib.CountryName(v.Value)); n != "" && !strings.ContainsRune(n, ' ') {
			forms = append(forms, n)
		}
	}
	for i, f := range forms {
		if j := strings.IndexByte(f, ' '); j >= 0 {
			forms[i] = strings.ToLower(f[:j])
		}
		forms[i] = visible(forms[i])
	}
	return forms
}

// quietUserData reads tags and notes without warnings.
func (a *app) quietUserData(ctx context.Context) userData {
	d, err := a.mustUserData(ctx, nil)
	if err != nil {
		return userData{}
	}
	return d
}
