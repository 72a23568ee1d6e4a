package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/briefs/briefs/internal/export"
	"github.com/briefs/briefs/internal/identity"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/store"
)

// CommandExport is `briefs export`.
func (a *app) CommandExport() *cobra.Command {
	var opt exportOptions
	c := &cobra.Command{
		Use:   "export [PATH...]",
		Short: "Export briefs with their tags and notes as Markdown or JSON",
		Long: `Export briefs with their tags and notes: by default the briefs you tagged or
annotated (those outside the folders loaded are read from the files the
database remembers), with -q every brief matching the query; the reader's
export follows the same rule. Markdown (YAML front
matter, one section per brief) or JSON: --format, else from the extension of
--out (.json is JSON), else Markdown. Without --out the document goes to
standard output. An existing file is never overwritten without --force;
writes are atomic. When there is nothing to export, nothing is written and
the exit status is 1, with a message saying why.`,
		Example: `briefs export --out notes.md
briefs export --out notes.json -q "tag:followup"
briefs export ~/dumps > notes.md`,
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: completeFiles,
		RunE: func(cmd *cobra.Command, paths []string) error {
			return a.export(cmd.Context(), opt, paths)
		},
	}
	f := c.Flags()
	f.StringVarP(&opt.out, "out", "o", "", "write to this file (- or none: standard output)")
	f.StringVar(&opt.format, "format", "", "md or json (default: from the extension of --out, else md)")
	f.BoolVar(&opt.force, "force", false, "replace an existing file")
	valueNamed(f, "out", "FILE")
	valueNamed(f, "format", "md|json")
	a.queryFlag(c, &opt.query)
	_ = c.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"md", "json"}, cobra.ShellCompDirectiveNoFileComp))
	_ = c.RegisterFlagCompletionFunc("out", completeExt("md", "json"))
	return c
}

type exportOptions struct {
	out, format, query string
	force              bool
}

// formatOf is --format, or what the name of --out says.
func (o exportOptions) formatOf() (export.Format, error) {
	if o.format == "" {
		return export.FormatOf(o.out), nil
	}
	f, err := export.ParseFormat(o.format)
	if err != nil {
		return f, usagef("export: --%s", err)
	}
	return f, nil
}

func (a *app) export(ctx context.Context, opt exportOptions, paths []string) error {
	format, err := opt.formatOf()
	if err != nil {
		return err
	}
	sel, err := a.search(ctx, opt.query, paths, true)
	if err != nil {
		return err
	}
	if opt.query == "" && len(paths) == 0 {
		// annotated briefs whose files are outside the collection (opened
		// with `briefs PATH`): the database remembers their files (with
		// PATH arguments the collection is exactly those)
		if sel, err = a.withAnnotatedFiles(ctx, sel, paths); err != nil {
			return err
		}
	}
	// by default: briefs the user has tagged or annotated
	var orphans []export.Orphan
	if opt.query == "" { // everything the user wrote, also what lost its brief
		orphans = exportOrphans(sel.orphans)
	}
	doc, err := export.Build(export.Request{Briefs: sel.briefs, Tags: sel.tags, Notes: sel.notes, Query: opt.query,
		Format: format, Lib: sel.lib, Annotated: export.AnnotatedOnly(opt.query), Orphans: orphans, Getenv: a.getenv})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	elsewhere := annotatedElsewhere(sel, orphans)
	if len(doc.Items) == 0 && len(orphans) == 0 {
		return nothingToExport(opt.query, elsewhere, paths)
	}
	if opt.query == "" && elsewhere > 0 {
		a.warn("%d more briefs with tags or notes are not in %s: not exported (give their files or folders as PATH arguments)", elsewhere, loadedFrom(paths))
	}
	write := func(w io.Writer) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return doc.Write(w)
	}
	if opt.out == "" || opt.out == "-" {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return err
		}
		if format == export.FormatJSON {
			return a.out.Print(jsonEscape(buf.String()))
		}
		return a.out.Print(buf.String())
	}
	out, err := export.ExpandHome(opt.out, a.homeDir) // --out=~/notes.md: no shell expands that
	if err != nil {
		return err
	}
	if err := export.WriteFile(out, opt.force, write); err != nil {
		if errors.Is(err, export.ErrExists) {
			return fmt.Errorf("%s already exists: not overwritten (use --force to replace it)", shown(opt.out))
		}
		return err
	}
	if len(orphans) > 0 {
		a.info("exported %s and %s to %s", count(len(doc.Items), "brief", "briefs"), count(len(orphans), "orphaned note", "orphaned notes"), shown(opt.out))
		return nil
	}
	a.info("exported %s to %s", count(len(doc.Items), "brief", "briefs"), shown(opt.out))
	return nil
}

// withAnnotatedFiles is sel with the annotated briefs whose file is still
// there but outside the collection loaded (identity.NotLoaded) loaded too.
func (a *app) withAnnotatedFiles(ctx context.Context, sel selection, paths []string) (selection, error) {
	var extra []string
	seen := map[string]bool{}
	for _, o := range sel.orphans {
		p := o.Record.Path
		if o.Verdict != identity.NotLoaded || p == "" || seen[p] || len(o.Tags) == 0 && strings.TrimSpace(o.Note) == "" {
			continue
		}
		if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
			continue
		}
		seen[p] = true
		extra = append(extra, p)
	}
	if len(extra) == 0 {
		return sel, nil
	}
	opt, err := a.loadOptions(paths)
	if err != nil {
		return sel, err
	}
	opt.Paths = append(slices.Clip(opt.Paths), extra...)
	q, err := library.Parse("")
	if err != nil {
		return sel, err
	}
	return a.searchIn(ctx, "", q, opt, true)
}

// homeDir is $HOME, else the system's idea of the home folder.
func (a *app) homeDir() (string, error) {
	if h := a.getenv("HOME"); h != "" {
		return h, nil
	}
	return os.UserHomeDir()
}

// exportOrphans are the orphans the export carries: those with tags or a
// note that lost their brief (not those whose file exists outside the
// folders loaded).
func exportOrphans(orphans []store.Orphan) []export.Orphan {
	var out []export.Orphan
	for _, o := range orphans {
		if o.Verdict != identity.Orphaned || (len(o.Tags) == 0 && strings.TrimSpace(o.Note) == "") {
			continue
		}
		out = append(out, export.Orphan{ID: o.ID, Title: o.Record.Title, Path: o.Record.Path, Date: o.Record.Date,
			Source: o.Record.Source, Reason: o.Reason, Tags: o.Tags, Note: o.Note})
	}
	return out
}

// annotatedElsewhere counts the briefs with tags or a note in the database
// that are not in the loaded collection, nor exported as orphans.
func annotatedElsewhere(sel selection, exported []export.Orphan) int {
	loaded := make(map[string]bool, sel.lib.Len()+len(exported))
	for _, b := range sel.lib.Briefs() {
		loaded[b.ID] = true
	}
	for _, o := range exported {
		loaded[o.ID] = true
	}
	ids := map[string]bool{}
	for id, ts := range sel.tags {
		if len(ts) > 0 && !loaded[id] {
			ids[id] = true
		}
	}
	for id, n := range sel.notes {
		if strings.TrimSpace(n) != "" && !loaded[id] {
			ids[id] = true
		}
	}
	return len(ids)
}

// nothingToExport is the error when the export would be empty: it says why
// and what to do.
func nothingToExport(query string, elsewhere int, paths []string) error {
	switch {
	case query != "":
		return fmt.Errorf("nothing to export: no brief matches -q %q", query)
	case elsewhere > 0:
		return fmt.Errorf("nothing to export: the %d briefs with tags or notes are not in %s (give their files or folders: briefs export PATH...)", elsewhere, loadedFrom(paths))
	}
	return errors.New("nothing to export: no brief has a tag or a note yet (tag or annotate some, or export by query with -q)")
}

// loadedFrom names what was loaded.
func loadedFrom(paths []string) string {
	if len(paths) == 0 {
		return "the configured folders or the built-in briefs"
	}
	return strings.Join(shownAll(paths), ", ")
}
