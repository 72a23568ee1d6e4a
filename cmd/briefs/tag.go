package main

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/briefs/briefs/internal/tags"
)

// CommandTag is `briefs tag`.
func (a *app) CommandTag() *cobra.Command {
	var in []string
	var asJSON bool
	c := &cobra.Command{
		Use:   "tag ID|PATH +TAG|-TAG...",
		Short: "Add and remove a brief's tags",
		Long: `Add (tag, +tag or #tag) and remove (-tag) tags of one brief, and print its
tags.

After the ID every argument is a tag to add or remove, never an option:
"briefs tag 0e25 -help" removes the tag help. Options go before the ID.
Tags are case-insensitive and stored normalised (lower case, spaces become
-); letters, digits, -, _, / and . are allowed.`,
		Example: `briefs tag 0e25 +followup +"border control" -draft
briefs tag --in ~/dumps 3f2a +iraq`,
		Args: args(func(pos []string) string {
			if len(pos) < 2 {
				return "tag: give a brief ID and tags to add or remove, as in: briefs tag 0e25 +followup -done"
			}
			return ""
		}),
		ValidArgsFunction: a.completeTagArgs,
		RunE: func(cmd *cobra.Command, pos []string) error {
			return a.tag(cmd.Context(), pos[0], pos[1:], in, asJSON)
		},
	}
	// options end at the ID: what follows are tag operations
	optionsFirst(c)
	c.Flags().BoolVar(&asJSON, "json", false, `print {"id", "tags"} as JSON`)
	inFlag(c, &in)
	return c
}

func (a *app) tag(ctx context.Context, ref string, ops, in []string, asJSON bool) error {
	edit, err := tags.ParseEdit(ops) // the reader's grammar: word or +word adds, -word removes
	if err != nil {
		return usagef("tag: %s", err)
	}
	lib, b, err := a.findBrief(ctx, ref, in)
	if err != nil {
		return err
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	a.reattach(ctx, st, lib)
	if err := st.ApplyTags(ctx, []string{b.ID}, edit.Add, edit.Remove); err != nil {
		return err
	}
	now, err := st.Tags(ctx, b.ID)
	if err != nil {
		return err
	}
	if asJSON {
		return a.out.JSON(jsonTags{ID: b.ID, Tags: nonNilSlice(now)})
	}
	return a.out.Printf("%s %s\n", b.ID, orDash(strings.Join(visibleAll(now), " ")))
}

// jsonTags is what `tag --json` and `note --json` print about a brief.
type jsonTags struct {
	ID   string   `json:"id"`
	Tags []string `json:"tags"`
}

func visibleAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = visible(s)
	}
	return out
}
