package main

import (
	"context"
	"os"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/render"
)

// CommandShow is `briefs show`.
func (a *app) CommandShow() *cobra.Command {
	var style string
	var width int
	var in []string
	c := &cobra.Command{
		Use:   "show ID|PATH",
		Short: "Render one brief",
		Long: `Render one brief, given by its ID (any unique prefix of at least 4 digits) or
its file, with its tags and note: styled on a terminal (dark or light from its
background, plain with NO_COLOR), plain when piped.`,
		Example: `briefs show 0e25
briefs show --width 60 ~/briefs/nina.txt | less`,
		Args: args(func(pos []string) string {
			if len(pos) != 1 {
				return "show: give one brief ID or file path, as in: briefs show 0e25"
			}
			return ""
		}),
		ValidArgsFunction: a.completeIDs(true),
		RunE: func(cmd *cobra.Command, pos []string) error {
			return a.show(cmd.Context(), pos[0], style, width, in)
		},
	}
	c.Flags().StringVar(&style, "style", "auto", "auto, dark, light or notty")
	c.Flags().IntVar(&width, "width", 0, "wrap at this many columns (10 to 1000; 0: the terminal's width, at most 120)")
	_ = c.RegisterFlagCompletionFunc("style", cobra.FixedCompletions([]string{"auto", "dark", "light", "notty"}, cobra.ShellCompDirectiveNoFileComp))
	valueNamed(c.Flags(), "style", "STYLE")
	inFlag(c, &in)
	return c
}

func (a *app) show(ctx context.Context, ref, style string, width int, in []string) error {
	if width != 0 && (width < 10 || width > 1000) {
		return usagef("show: --width %d is out of range (10 to 1000; 0 means the terminal's width)", width)
	}
	style, err := a.showStyle(style)
	if err != nil {
		return err
	}
	if width == 0 {
		width = 80
		if w := a.out.Width(); w > 0 {
			width = min(w, 120)
		}
	}
	lib, b, err := a.findBrief(ctx, ref, in)
	if err != nil {
		return err
	}
	d := a.mayUserData(ctx, lib)
	if c, err := d.corrected(lib).Find(b.ID); err == nil {
		b = c // with the user's corrections
	}
	full, err := lib.WithBody(b) // the collection holds no bodies: read this one
	if err != nil {
		return err
	}
	doc := render.Document(full, library.TagsOf(b, d.tags), d.notes[b.ID])
	r, err := render.Markdown(ctx, doc, render.Options{Style: style, Width: width})
	if err != nil {
		return err
	}
	if r.Notice != "" {
		a.info("%s: %s", b.ID, r.Notice)
	}
	if style != render.NoTTY {
		a.out.Styled()
	}
	return a.out.Print(r.Text)
}

// showStyle resolves --style: auto is dark or light on a terminal (from its
// background), notty in a pipe or with NO_COLOR.
func (a *app) showStyle(style string) (string, error) {
	switch style {
	case "auto":
		tty := a.out.Terminal()
		if tty == nil || a.getenv("NO_COLOR") != "" {
			return render.NoTTY, nil
		}
		if in, ok := a.stdin.(*os.File); ok && !lipgloss.HasDarkBackground(in, tty) {
			return render.Light, nil
		}
		return render.Dark, nil
	case "dark", "light", "notty":
		return style, nil
	}
	return "", usagef("show: --style %q: use auto, dark, light or notty", style)
}
