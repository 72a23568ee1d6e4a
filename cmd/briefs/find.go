package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/identity"
	"github.com/briefs/briefs/internal/index"
	"github.com/briefs/briefs/internal/library"
)

// inFlag adds --in PATH to a command that takes a brief ID: where to look
// the ID up when the brief is not in the configured folders (a brief
// opened with `briefs PATH`).
func inFlag(c *cobra.Command, in *[]string) {
	c.Flags().StringArrayVar(in, "in", nil, "look the ID up in this file or folder instead of the configured ones (repeatable)")
	valueNamed(c.Flags(), "in", "PATH")
	_ = c.RegisterFlagCompletionFunc("in", completeFiles)
}

// findBrief resolves ID|PATH: an existing file is read directly, anything
// else is looked up by ID prefix in the briefs of in, or in the configured
// folders and the seeds.
func (a *app) findBrief(ctx context.Context, ref string, in []string) (*library.Library, *brief.Brief, error) {
	st, statErr := os.Stat(ref)
	looksLikePath := strings.ContainsAny(ref, `/\`) || brief.IsSourceName(ref)
	switch {
	case statErr == nil && st.IsDir():
		return nil, nil, fmt.Errorf("%s is a folder: give a brief's file or ID", shown(ref))
	case statErr == nil:
		// the file's entry in the index, when it is current
		lib, err := a.lookupLibrary(ctx, library.Options{Paths: []string{ref}}, func(c *index.Collection) (*library.Library, bool) {
			return c.Current(ctx)
		})
		if err != nil {
			return nil, nil, err
		}
		return lib, lib.Brief(0), nil
	case looksLikePath:
		return nil, nil, fmt.Errorf("%s: no such file (and not a brief ID)", shown(ref))
	}
	opt, err := a.loadOptions(in)
	if err != nil {
		return nil, nil, err
	}
	// the entries of the IDs with that prefix in the index, when it is
	// sure of them
	lib, err := a.lookupLibrary(ctx, opt, func(c *index.Collection) (*library.Library, bool) {
		lib, ok := c.FindID(ctx, ref)
		if !ok || (lib.Len() == 1 && a.correctedWithNames(ctx, c, lib.Brief(0).ID)) {
			return nil, false
		}
		return lib, true
	})
	if err != nil {
		return nil, nil, err
	}
	b, err := lib.Find(ref)
	if err != nil {
		if len(ref) >= 4 && noneHasPrefix(lib, ref) {
			if len(in) == 0 {
				// a brief annotated elsewhere (opened with `briefs PATH`):
				// the database remembers its file
				if lib, b, ok := a.findRecorded(ctx, lib, ref); ok {
					return lib, b, nil
				}
			}
			return nil, nil, notFound(ref, in)
		}
		return nil, nil, err
	}
	return lib, b, nil
}

// correctedWithNames reports whether the brief id may have a correction
// of its series or countries, which names resolve against the whole
// collection's (library.WithCorrections): its own, or one of an ID the
// index does not know (an edited brief's, which re-attaching may give it).
// An unusable database says yes: loading the collection says what is
// wrong, as before.
func (a *app) correctedWithNames(ctx context.Context, c *index.Collection, id string) bool {
	st, err := a.openExisting(ctx)
	if err != nil {
		return true
	}
	if st == nil {
		return false
	}
	defer st.Close()
	all, err := st.AllCorrections(ctx)
	if err != nil {
		return true
	}
	for cid, cr := range all {
		if cr.Series == "" && len(cr.AddCountries)+len(cr.RemoveCountries) == 0 {
			continue
		}
		if cid == id || !c.Indexed(ctx, cid) {
			return true
		}
	}
	return false
}

// findRecorded looks ref up among the annotated briefs whose file the
// database remembers outside the collection lib (identity.NotLoaded): the
// brief is read from that file when its content is still the same.
func (a *app) findRecorded(ctx context.Context, lib *library.Library, ref string) (*library.Library, *brief.Brief, bool) {
	paths := a.recordedElsewhere(ctx, lib, func(id string) bool { return strings.HasPrefix(id, strings.ToLower(ref)) })
	if len(paths) != 1 {
		return nil, nil, false
	}
	other, err := a.loadLibrary(ctx, library.Options{Paths: paths})
	if err != nil {
		return nil, nil, false
	}
	b, err := other.Find(ref)
	if err != nil {
		return nil, nil, false
	}
	return other, b, true
}

// recordedElsewhere returns the files, as the database remembers them, of
// the annotated briefs (those whose ID want accepts) that are not in the
// collection lib but whose file is still there, in ID order.
func (a *app) recordedElsewhere(ctx context.Context, lib *library.Library, want func(id string) bool) []string {
	st, err := a.openExisting(ctx)
	if err != nil || st == nil {
		return nil
	}
	defer st.Close()
	if _, err := st.Reattach(ctx, lib.Candidates()); err != nil {
		return nil
	}
	orphans, err := st.Orphans(ctx)
	if err != nil {
		return nil
	}
	var paths []string
	seen := map[string]bool{}
	for _, o := range orphans {
		p := o.Record.Path
		if o.Verdict != identity.NotLoaded || p == "" || seen[p] || !want(o.ID) {
			continue
		}
		if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
			continue
		}
		seen[p] = true
		paths = append(paths, p)
	}
	return paths
}

// noneHasPrefix reports whether no brief's ID starts with ref.
func noneHasPrefix(lib *library.Library, ref string) bool {
	ref = strings.ToLower(ref)
	for _, b := range lib.Briefs() {
		if strings.HasPrefix(b.ID, ref) {
			return false
		}
	}
	return true
}

// notFound says where the ID was looked for and how to look elsewhere.
func notFound(ref string, in []string) error {
	if len(in) > 0 {
		return fmt.Errorf("no brief with ID %q in %s (run `briefs list PATH...` on them to see IDs)", ref, strings.Join(shownAll(in), ", "))
	}
	return fmt.Errorf("no brief with ID %q in the configured folders, the built-in briefs or the files of annotated briefs: "+
		"for a brief elsewhere give its file, or its folder with --in FOLDER (`briefs list FOLDER` shows the IDs there)", ref)
}

func shownAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = shown(s)
	}
	return out
}
