package main

import (
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
)

// CommandList is `briefs list`.
func (a *app) CommandList() *cobra.Command {
	var asJSON bool
	var query string
	c := &cobra.Command{
		Use:   "list [PATH...]",
		Short: "List briefs, as a table or JSON",
		Long: `List the briefs of PATHs (files and folders), or of the configured folders and
the built-in briefs, newest first: as a table (as wide as the terminal), or as
one JSON array with --json.`,
		Example: `briefs list -q "edition:3 country:kuwait"
briefs list --json ~/briefs`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: completeFiles,
		RunE: func(cmd *cobra.Command, paths []string) error {
			sel, err := a.search(cmd.Context(), query, paths, false)
			if err != nil {
				return err
			}
			if asJSON {
				return a.out.JSON(jsonList(sel))
			}
			return a.listTable(sel)
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON array")
	a.queryFlag(c, &query)
	return c
}

// queryFlag adds -q QUERY, with completion of query fields and values.
func (a *app) queryFlag(c *cobra.Command, query *string) {
	c.Flags().StringVarP(query, "query", "q", "", "only the briefs matching this query (see briefs --help)")
	valueNamed(c.Flags(), "query", "QUERY")
	_ = c.RegisterFlagCompletionFunc("query", a.completeQuery)
}

// jsonBrief is the JSON contract of `list --json`.
type jsonBrief struct {
	ID                string          `json:"id"`
	Title             string          `json:"title"`
	Source            string          `json:"source"`
	Published         *string         `json:"published"`
	Dateline          string          `json:"dateline"`
	Series            *brief.Series   `json:"series"`
	Edition           *int            `json:"edition"`
	EditionInferred   bool            `json:"edition_inferred"`
	EditionsMentioned []int           `json:"editions_mentioned"`
	EventsMentioned   []brief.Event   `json:"events_mentioned"`
	Read              bool            `json:"read"`
	Countries         []brief.Country `json:"countries"`
	Tags              []string        `json:"tags"`
	Path              string          `json:"path"`
	Words             int             `json:"words"`
	Corrected         []string        `json:"corrected"`
}

func jsonList(sel selection) []jsonBrief {
	out := make([]jsonBrief, len(sel.briefs))
	for i, b := range sel.briefs {
		out[i] = toJSON(b, sel.userData)
	}
	return out
}

func toJSON(b *brief.Brief, d userData) jsonBrief {
	j := jsonBrief{ID: b.ID, Title: safeLine(b.Title), Source: safeLine(b.Source), Dateline: safeLine(b.Dateline), Path: safeLine(b.Path), Words: b.Words,
		EditionsMentioned: nonNilSlice(b.EditionsMentioned), EventsMentioned: nonNilSlice(b.EventsMentioned),
		Countries: nonNilSlice(b.Countries), Tags: nonNilSlice(library.TagsOf(b, d.tags)), Read: d.read[b.ID],
		Corrected: nonNilSlice(b.Corrected)}
	if s := b.DateISO(); s != "" {
		j.Published = &s
	}
	if !b.Series.IsZero() {
		j.Series = &brief.Series{Key: b.Series.Key, Name: safeLine(b.Series.Name)}
	}
	if b.Edition > 0 {
		j.Edition = &b.Edition
	}
	j.EditionInferred = b.EditionInferred
	return j
}

// nonNilSlice makes a nil slice empty, so that JSON has [] and not null.
func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// listTable prints the table. On a terminal the titles are cut to its
// width, so that no row wraps.
func (a *app) listTable(sel selection) error {
	rows := [][]string{{"ID", "DATE", "SOURCE", "ED", "COUNTRIES", "TAGS", "TITLE"}}
	for _, b := range sel.briefs {
		ed := "-"
		if b.Edition > 0 {
			ed = brief.Ordinal(b.Edition)
		}
		tags := make([]string, 0, 4)
		for _, t := range library.TagsOf(b, sel.tags) {
			tags = append(tags, visible(t))
		}
		rows = append(rows, []string{b.ID, orDash(b.Day()), orDash(safeLine(b.Source)), ed,
			orDash(strings.Join(b.CountryCodes(), ",")), orDash(strings.Join(tags, ",")), safeLine(b.Title)})
	}
	if w := a.out.Width(); w > 0 {
		rows = fitTitles(rows, w)
	}
	tw := tabwriter.NewWriter(a.out, 0, 0, 2, ' ', 0)
	for _, r := range rows {
		if err := printRow(tw, r); err != nil {
			return err
		}
	}
	return tw.Flush()
}

func printRow(tw *tabwriter.Writer, r []string) error {
	_, err := tw.Write([]byte(strings.Join(r, "\t") + "\n"))
	return err
}

// fitTitles makes every row fit in width columns: it drops the columns a
// narrow terminal cannot afford (countries, then source, edition and date;
// never the ID, the user's tags or the title) until the title has at least
// minTitle columns, then cuts the titles.
func fitTitles(rows [][]string, width int) [][]string {
	const minTitle = 20
	for _, drop := range []string{"COUNTRIES", "SOURCE", "ED", "DATE", ""} {
		if fixedWidth(rows)+minTitle <= width || drop == "" {
			break
		}
		rows = dropColumn(rows, slices.Index(rows[0], drop))
	}
	last := len(rows[0]) - 1
	room := max(width-fixedWidth(rows), 10)
	for _, r := range rows {
		if ansi.StringWidth(r[last]) > room {
			r[last] = ansi.Truncate(r[last], room, "…")
		}
	}
	return rows
}

// fixedWidth is the width of every column but the last, with the gaps.
func fixedWidth(rows [][]string) int {
	total := 0
	for i := range len(rows[0]) - 1 {
		w := 0
		for _, r := range rows {
			w = max(w, ansi.StringWidth(r[i]))
		}
		total += w + 2
	}
	return total
}

func dropColumn(rows [][]string, i int) [][]string {
	for j, r := range rows {
		rows[j] = slices.Delete(r, i, i+1)
	}
	return rows
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// safeText makes brief text safe to print on a terminal as plain text.
func safeText(s string) string { return brief.Sanitize(s) }

// safeLine is safeText on one line.
func safeLine(s string) string { return strings.Join(strings.Fields(safeText(s)), " ") }
