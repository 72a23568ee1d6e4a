package main

import (
	"context"

	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/ui"
)

func cmdTUI(ctx context.Context, args []string, e env) error {
	var g globals
	fs := newFlags("briefs", &g)
	paths, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if g.version {
		_, err := e.stdout.Write([]byte("briefs " + version + "\n"))
		return err
	}
	opt, err := g.loadOptions(e, paths)
	if err != nil {
		return err
	}
	return ui.Run(ctx, ui.Options{
		Version: version,
		Load: func(ctx context.Context) (*library.Library, []library.Warning, error) {
			x, err := newExtractor()
			if err != nil {
				return nil, nil, err
			}
			return library.Load(ctx, x, opt)
		},
		Tags: func(ctx context.Context) (library.Tags, error) {
			tags, _ := g.readTags(ctx, e)
			return tags, nil
		},
	})
}
