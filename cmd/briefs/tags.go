package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/briefs/briefs/internal/store"
	"github.com/briefs/briefs/internal/tags"
)

// CommandTags is `briefs tags`.
func (a *app) CommandTags() *cobra.Command {
	var rename, asJSON bool
	c := &cobra.Command{
		Use:   "tags",
		Short: "List tags with counts, or rename a tag everywhere",
		Example: `briefs tags
briefs tags --json
briefs tags --rename follow-up followup`,
		Args: func(_ *cobra.Command, pos []string) error {
			switch {
			case rename && len(pos) != 2:
				return usagef("tags --rename: give the old and the new name, as in: briefs tags --rename follow-up followup")
			case !rename && len(pos) > 0:
				return usagef("tags takes no arguments (to tag a brief: briefs tag ID +tag; to rename: briefs tags --rename OLD NEW)")
			}
			return nil
		},
		ValidArgsFunction: func(cmd *cobra.Command, pos []string, word string) ([]string, cobra.ShellCompDirective) {
			if rename && len(pos) == 0 {
				return a.tagNames(cmd.Context(), word), cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, pos []string) error {
			if rename {
				return a.renameTag(cmd.Context(), pos[0], pos[1])
			}
			return a.listTags(cmd.Context(), asJSON)
		},
	}
	c.Flags().BoolVar(&rename, "rename", false, "rename tag OLD to NEW on every brief")
	c.Flags().BoolVar(&asJSON, "json", false, `print [{"tag", "count"}] as JSON`)
	return c
}

func (a *app) renameTag(ctx context.Context, from, to string) error {
	for _, t := range []string{from, to} {
		if _, err := tags.Normalize(t); err != nil {
			return usagef("tags --rename: %s", err)
		}
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.RenameTag(ctx, from, to)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("no brief has the tag %q", from)
	}
	return a.out.Printf("renamed %s to %s on %s\n", visible(from), visible(to), count(n, "brief", "briefs"))
}

// jsonTagCount is one element of `tags --json`.
type jsonTagCount struct {
	Tag   string `json:"tag"`
	Count int    `json:"count"`
}

func (a *app) listTags(ctx context.Context, asJSON bool) error {
	st, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	var counts []store.TagCount
	if st != nil { // no database yet: no tags
		defer st.Close()
		if counts, err = st.TagCounts(ctx); err != nil {
			return err
		}
	}
	if asJSON {
		out := make([]jsonTagCount, len(counts))
		for i, c := range counts {
			out[i] = jsonTagCount{Tag: c.Tag, Count: c.Count}
		}
		return a.out.JSON(out)
	}
	tw := tabwriter.NewWriter(a.out, 0, 0, 2, ' ', 0)
	for _, c := range counts {
		if _, err := fmt.Fprintf(tw, "%s\t%d\n", visible(c.Tag), c.Count); err != nil {
			return err
		}
	}
	return tw.Flush()
}
