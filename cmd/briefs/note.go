package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/noteedit"
	"github.com/briefs/briefs/internal/store"
	"github.com/briefs/briefs/internal/team"
)

// CommandNote is `briefs note`.
func (a *app) CommandNote() *cobra.Command {
	var opt noteOptions
	c := &cobra.Command{
		Use:   "note ID|PATH",
		Short: "Print, append to or edit a brief's note",
		Long: `Print a brief's note; --text appends a paragraph to it; --edit opens it in
$VISUAL or $EDITOR and saves it only if the editor succeeds and the note did
not change meanwhile (otherwise the message names the file holding your text).`,
		Example: `briefs note 0e25
briefs note 0e25 --text "check the figures"
briefs note 0e25 --edit
briefs note 0e25 --json | jq -r .note`,
		Args: args(func(pos []string) string {
			if len(pos) != 1 {
				return `note: give one brief ID, as in: briefs note 0e25 --text "follow up"`
			}
			return ""
		}),
		ValidArgsFunction: a.completeIDs(true),
		PreRunE: func(cmd *cobra.Command, _ []string) error {
			opt.textSet = cmd.Flags().Changed("text")
			if opt.textSet && opt.edit {
				return usagef("note: use --text or --edit, not both")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, pos []string) error {
			return a.note(cmd.Context(), pos[0], opt)
		},
	}
	c.Flags().StringVar(&opt.text, "text", "", "append this text to the note as a paragraph")
	c.Flags().BoolVar(&opt.edit, "edit", false, "edit the note in $VISUAL or $EDITOR")
	c.Flags().BoolVar(&opt.asJSON, "json", false, `print {"id", "note", "updated"} as JSON`)
	valueNamed(c.Flags(), "text", "TEXT")
	inFlag(c, &opt.in)
	return c
}

type noteOptions struct {
	text          string
	textSet, edit bool
	asJSON        bool
	in            []string
}

func (a *app) note(ctx context.Context, ref string, opt noteOptions) error {
	lib, b, err := a.findBrief(ctx, ref, opt.in)
	if err != nil {
		return err
	}
	write := opt.textSet || opt.edit
	st, err := a.open(ctx, write)
	if err != nil {
		return err
	}
	if st != nil {
		defer st.Close()
		a.reattach(ctx, st, lib)
	}
	switch {
	case opt.textSet:
		if strings.TrimSpace(opt.text) == "" {
			return usagef("note: --text is empty")
		}
		return st.AppendNote(ctx, b.ID, brief.Sanitize(opt.text))
	case opt.edit:
		return a.editNote(ctx, st, b.ID)
	}
	return a.printNote(ctx, st, b.ID, opt.asJSON)
}

// jsonNote is what `note --json` prints.
type jsonNote struct {
	ID      string  `json:"id"`
	Note    string  `json:"note"` // yours
	Updated *string `json:"updated"`
	// the other people's notes (a team store), latest first
	Others []jsonOtherNote `json:"others,omitempty"`
}

type jsonOtherNote struct {
	Author  string `json:"author"`
	Note    string `json:"note"`
	Updated string `json:"updated"`
}

func (a *app) printNote(ctx context.Context, st *store.Store, id string, asJSON bool) error {
	var note string
	var updated time.Time
	var others []team.Note // the notes of the other people (a team store)
	if st != nil {
		var err error
		if note, updated, err = st.Note(ctx, id); err != nil {
			return err
		}
		all, err := st.Notes(ctx, id)
		if err != nil {
			return err
		}
		for _, n := range all {
			if n.Author != st.User() {
				others = append(others, n)
			}
		}
	}
	if asJSON {
		j := jsonNote{ID: id, Note: safeText(note)}
		if !updated.IsZero() {
			s := updated.UTC().Format(time.RFC3339)
			j.Updated = &s
		}
		if len(others) > 0 {
			j.Others = make([]jsonOtherNote, len(others))
			for i, n := range others {
				j.Others[i] = jsonOtherNote{Author: safeText(n.Author), Note: safeText(n.Body), Updated: n.Updated.UTC().Format(time.RFC3339)}
			}
		}
		return a.out.JSON(j)
	}
	if note == "" && len(others) == 0 {
		a.info("brief %s has no note yet (add one with --text or --edit)", id)
		return nil
	}
	if note != "" {
		if err := a.out.Print(safeText(note) + "\n"); err != nil {
			return err
		}
	}
	// the team's notes follow, each under its author's name
	for i, n := range others {
		sep := "\n"
		if i == 0 && note == "" {
			sep = ""
		}
		head := fmt.Sprintf("%s── %s, %s\n", sep, n.Author, n.Updated.Local().Format("2006-01-02 15:04"))
		if err := a.out.Print(safeText(head) + safeText(n.Body) + "\n"); err != nil {
			return err
		}
	}
	return nil
}

// editNote opens the note in $VISUAL/$EDITOR on the terminal and saves it
// when the editor exits successfully and the note did not change
// meanwhile; otherwise the error names the file that keeps the text. The
// editor gets the terminal itself: it is the user's own program.
func (a *app) editNote(ctx context.Context, st *store.Store, id string) error {
	_, err := noteedit.Run(ctx, st, id, a.stdin, a.out.ForChild(), a.err.ForChild())
	return err
}
