package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/ui"
)

func cmdTUI(ctx context.Context, args []string, e env) (err error) {
	var g globals
	fs := newFlags("briefs", &g)
	paths, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	opt, err := g.loadOptions(e, paths)
	if err != nil {
		return err
	}
	// The database is opened (and created) before the reader starts; when it
	// cannot be, the reader still shows the briefs and says why tags and
	// notes are unavailable. It is never deleted or overwritten.
	st, storeErr := g.openStore(ctx, e)
	if storeErr != nil {
		st = nil
	}
	if st != nil {
		defer func() {
			if cerr := st.Close(); cerr != nil {
				err = errors.Join(err, fmt.Errorf("after the reader: %w", cerr))
			}
		}()
	}
	return ui.Run(ctx, ui.Options{
		Version: version,
		Load: func(ctx context.Context) (*library.Library, []library.Warning, error) {
			x, err := newExtractor()
			if err != nil {
				return nil, nil, err
			}
			lib, warns, err := library.Load(ctx, x, opt)
			if st != nil && lib != nil {
				// Tags and notes of edited or moved briefs follow them; the
				// reader re-reads the store when its revision changes.
				_, _ = st.Reattach(ctx, lib.Candidates())
			}
			return lib, warns, err
		},
		Store:    st,
		StoreErr: storeErr,
	})
}
