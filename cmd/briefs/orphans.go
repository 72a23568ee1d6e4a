package main

import (
	"bufio"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/briefs/briefs/internal/identity"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/store"
)

// CommandOrphans is `briefs orphans` and its subcommands attach and delete.
func (a *app) CommandOrphans() *cobra.Command {
	var in []string
	var asJSON bool
	c := &cobra.Command{
		Use:   "orphans",
		Short: "List tags and notes whose brief cannot be found; attach or delete them",
		Long: `List the annotations (tags, note, read state, corrections) whose brief is
not in the collection and could not be re-attached with confidence: its file
was deleted, rewritten beyond recognition, or moved and edited so that two
briefs are alike. Nothing is ever dropped on its own: attach an orphan to the
brief it belongs to, or delete it.

Edited, moved and renamed briefs are found again by themselves when that is
clear (see "Brief identity" in the README); an orphan whose file still
exists outside the folders loaded is listed as "not loaded".`,
		Example: `briefs orphans
briefs orphans --json
briefs orphans attach 2b63 0e25
briefs orphans attach 2b63 ~/briefs/nina/2025-12-07.txt
briefs orphans delete 2b63`,
		Args: args(func(pos []string) string {
			if len(pos) > 0 {
				return "orphans: unknown subcommand " + shown(pos[0]) + " (use attach or delete)"
			}
			return ""
		}),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.listOrphans(cmd.Context(), in, asJSON)
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the orphans as a JSON array")
	orphansIn(c, &in)

	var attachIn []string
	attach := &cobra.Command{
		Use:   "attach ORPHAN-ID ID|PATH",
		Short: "Give an orphan's tags, note, read state and corrections to a brief",
		Long: `Give every annotation of an orphan to a brief of the collection: tags are
merged, notes joined (the brief's first), the first read time kept. A
correction the brief already has with another value stays with the orphan.`,
		Example: `briefs orphans attach 2b63 0e25`,
		Args: args(func(pos []string) string {
			if len(pos) != 2 {
				return "orphans attach: give the orphan's ID and the brief's, as in: briefs orphans attach 2b63 0e25"
			}
			return ""
		}),
		RunE: func(cmd *cobra.Command, pos []string) error {
			return a.attachOrphan(cmd.Context(), pos[0], pos[1], attachIn)
		},
	}
	orphansIn(attach, &attachIn)

	var deleteIn []string
	var force bool
	del := &cobra.Command{
		Use:   "delete ORPHAN-ID",
		Short: "Delete an orphan's tags, note, read state and corrections",
		Long: `Delete every annotation of an orphan, after asking (answer y on standard
input), or at once with --force.`,
		Example: `briefs orphans delete 2b63
briefs orphans delete --force 2b63`,
		Args: args(func(pos []string) string {
			if len(pos) != 1 {
				return "orphans delete: give one orphan's ID, as in: briefs orphans delete 2b63"
			}
			return ""
		}),
		RunE: func(cmd *cobra.Command, pos []string) error {
			return a.deleteOrphan(cmd.Context(), pos[0], force, deleteIn)
		},
	}
	del.Flags().BoolVar(&force, "force", false, "delete without asking")
	orphansIn(del, &deleteIn)
	c.AddCommand(attach, del)
	return c
}

// orphansIn adds --in PATH: the collection is these files and folders
// instead of the configured ones.
func orphansIn(c *cobra.Command, in *[]string) {
	c.Flags().StringArrayVar(in, "in", nil, "the collection is this file or folder instead of the configured ones (repeatable)")
	valueNamed(c.Flags(), "in", "PATH")
	_ = c.RegisterFlagCompletionFunc("in", completeFiles)
}

// orphanSession is a loaded collection with the store told about it.
type orphanSession struct {
	lib     *library.Library
	st      *store.Store
	orphans []store.Orphan
}

// openOrphans loads the collection, opens the database (read-only unless
// write) and lists the orphans. A missing database is (nil st, no error).
func (a *app) openOrphans(ctx context.Context, in []string, write bool) (*orphanSession, error) {
	opt, err := a.loadOptions(in)
	if err != nil {
		return nil, err
	}
	lib, err := a.loadLibrary(ctx, opt)
	if err != nil {
		return nil, err
	}
	st, err := a.open(ctx, write)
	if err != nil || st == nil {
		return &orphanSession{lib: lib}, err
	}
	a.reattach(ctx, st, lib)
	orphans, err := st.Orphans(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	return &orphanSession{lib: lib, st: st, orphans: orphans}, nil
}

func (o *orphanSession) close() {
	if o.st != nil {
		o.st.Close()
	}
}

// find resolves an orphan's ID or unique prefix (at least 4 digits).
func (o *orphanSession) find(ref string) (store.Orphan, error) {
	ref = strings.ToLower(ref)
	if len(ref) < identity.MinPrefix {
		return store.Orphan{}, usagef("orphan ID %q is too short: give at least %d digits", ref, identity.MinPrefix)
	}
	var found []store.Orphan
	for _, x := range o.orphans {
		if x.ID == ref {
			return x, nil
		}
		if strings.HasPrefix(x.ID, ref) {
			found = append(found, x)
		}
	}
	switch len(found) {
	case 0:
		if _, err := o.lib.Find(ref); err == nil {
			return store.Orphan{}, fmt.Errorf("%s is a brief of the collection, not an orphan (run `briefs orphans` to list them)", shown(ref))
		}
		return store.Orphan{}, fmt.Errorf("no orphan with ID %q (run `briefs orphans` to list them)", ref)
	case 1:
		return found[0], nil
	}
	ids := make([]string, 0, len(found))
	for _, x := range found {
		ids = append(ids, x.ID)
	}
	return store.Orphan{}, fmt.Errorf("orphan ID %q is ambiguous: %s; give more digits", ref, strings.Join(ids, ", "))
}

// jsonOrphan is one element of `orphans --json`.
type jsonOrphan struct {
	ID          string            `json:"id"`
	Path        string            `json:"path"`
	Title       string            `json:"title"`
	Date        string            `json:"date"`
	Source      string            `json:"source"`
	Story       string            `json:"story"`
	Legacy      bool              `json:"legacy"`
	NotLoaded   bool              `json:"not_loaded"`
	Reason      string            `json:"reason"`
	Tags        []string          `json:"tags"`
	Note        string            `json:"note"`
	ReadAt      *string           `json:"read_at"`
	Corrections map[string]string `json:"corrections"`
}

func (a *app) listOrphans(ctx context.Context, in []string, asJSON bool) error {
	o, err := a.openOrphans(ctx, in, false)
	if err != nil {
		return err
	}
	defer o.close()
	if asJSON {
		out := make([]jsonOrphan, len(o.orphans))
		for i, x := range o.orphans {
			j := jsonOrphan{ID: x.ID, Path: safeLine(x.Record.Path), Title: safeLine(x.Record.Title), Date: x.Record.Date,
				Source: safeLine(x.Record.Source), Story: safeLine(x.Record.Story), Legacy: x.Record.Legacy,
				NotLoaded: x.Verdict == identity.NotLoaded, Reason: safeLine(x.Reason), Tags: nonNilSlice(x.Tags),
				Note: safeText(x.Note), Corrections: map[string]string{}}
			if !x.ReadAt.IsZero() {
				s := x.ReadAt.UTC().Format(time.RFC3339)
				j.ReadAt = &s
			}
			for f, v := range x.Corrections.Values() {
				j.Corrections[string(f)] = safeLine(v)
			}
			out[i] = j
		}
		return a.out.JSON(out)
	}
	if len(o.orphans) == 0 {
		a.info("no orphans: every tag and note belongs to a brief of the collection")
		return nil
	}
	for i, x := range o.orphans {
		if i > 0 {
			if err := a.out.Print("\n"); err != nil {
				return err
			}
		}
		if err := a.out.Print(describeOrphan(x)); err != nil {
			return err
		}
	}
	return nil
}

// describeOrphan is an orphan as `briefs orphans` prints it.
func describeOrphan(x store.Orphan) string {
	var b strings.Builder
	r := x.Record
	title := safeLine(r.Title)
	switch {
	case r.Legacy:
		title = "(annotated with an older briefs: title unknown)"
	case title == "":
		title = "(title unknown)"
	}
	var meta []string
	for _, m := range []string{safeLine(r.Source), r.Date} {
		if m != "" {
			meta = append(meta, m)
		}
	}
	fmt.Fprintf(&b, "%s  %s", x.ID, title)
	if len(meta) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(meta, ", "))
	}
	b.WriteString("\n")
	if r.Path != "" {
		fmt.Fprintf(&b, "  was at  %s\n", shown(r.Path))
	}
	fmt.Fprintf(&b, "  holds   %s\n", holdings(x))
	if x.Verdict == identity.NotLoaded {
		fmt.Fprintf(&b, "  status  not loaded: %s\n", safeLine(x.Reason))
	} else {
		fmt.Fprintf(&b, "  why     %s\n", safeLine(x.Reason))
	}
	return b.String()
}

// holdings says what an orphan holds, in one line.
func holdings(x store.Orphan) string {
	var parts []string
	if len(x.Tags) > 0 {
		parts = append(parts, "tags "+strings.Join(visibleAll(x.Tags), ", "))
	}
	if x.Note != "" {
		first, _, _ := strings.Cut(strings.TrimSpace(x.Note), "\n")
		if r := []rune(first); len(r) > 60 {
			first = string(r[:60]) + "…"
		}
		parts = append(parts, fmt.Sprintf("a note (%q)", safeLine(first)))
	}
	if !x.ReadAt.IsZero() {
		parts = append(parts, "read "+x.ReadAt.Local().Format("2006-01-02"))
	}
	if v := x.Corrections.Values(); len(v) > 0 {
		var fields []string
		for f := range v {
			fields = append(fields, string(f))
		}
		slices.Sort(fields)
		parts = append(parts, "corrections of "+strings.Join(fields, ", "))
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, "; ")
}

func (a *app) attachOrphan(ctx context.Context, orphanRef, briefRef string, in []string) error {
	o, err := a.openOrphans(ctx, in, true)
	if err != nil {
		return err
	}
	defer o.close()
	x, err := o.find(orphanRef)
	if err != nil {
		return err
	}
	b, err := o.lib.Find(briefRef)
	if err != nil {
		return fmt.Errorf("%s", err)
	}
	if err := o.st.Attach(ctx, x.ID, b.ID); err != nil {
		return err
	}
	a.info("the annotations of %s (%s) now belong to %s, %s", x.ID, holdings(x), b.ID, safeLine(b.Title))
	left, err := o.st.Orphans(ctx)
	if err != nil {
		return err
	}
	for _, l := range left {
		if l.ID == x.ID {
			a.warn("%s keeps corrections %s already has with other values: %s", x.ID, b.ID, holdings(l))
		}
	}
	return nil
}

func (a *app) deleteOrphan(ctx context.Context, ref string, force bool, in []string) error {
	o, err := a.openOrphans(ctx, in, true)
	if err != nil {
		return err
	}
	defer o.close()
	x, err := o.find(ref)
	if err != nil {
		return err
	}
	if !force {
		if err := a.err.Print(fmt.Sprintf("Delete %s: %s? [y/N] ", x.ID, holdings(x))); err != nil {
			return err
		}
		answer, _ := bufio.NewReader(a.stdin).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
			return fmt.Errorf("%s not deleted (answer y, or use --force)", x.ID)
		}
	}
	if err := o.st.DeleteOrphan(ctx, x.ID); err != nil {
		return err
	}
	a.info("deleted the annotations of %s (%s)", x.ID, holdings(x))
	return nil
}
