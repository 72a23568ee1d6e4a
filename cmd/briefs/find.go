package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/briefs/briefs/internal/brief"
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
		lib, err := a.loadLibrary(ctx, library.Options{Paths: []string{ref}})
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
	lib, err := a.loadLibrary(ctx, opt)
	if err != nil {
		return nil, nil, err
	}
	b, err := lib.Find(ref)
	if err != nil {
		if len(ref) >= 4 && noneHasPrefix(lib, ref) {
			return nil, nil, notFound(ref, in)
		}
		return nil, nil, err
	}
	return lib, b, nil
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
	return fmt.Errorf("no brief with ID %q in the configured folders or the built-in briefs "+
		"(run `briefs list` to see their IDs; for a brief elsewhere give its file, or its folder with --in FOLDER)", ref)
}

func shownAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = shown(s)
	}
	return out
}
