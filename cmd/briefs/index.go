package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/briefs/briefs/internal/extract"
	"github.com/briefs/briefs/internal/index"
	"github.com/briefs/briefs/internal/library"
)

// indexPath is the index file (a cache of what parsing and extraction
// learned about each file, package index): --index, BRIEFS_INDEX, or
// $XDG_CACHE_HOME/briefs/index.db ($HOME/.cache when XDG_CACHE_HOME is not
// set). "" when none can be named: the collection is then read in full.
func (a *app) indexPath() string {
	if a.index != "" {
		return a.index
	}
	if v := a.getenv("BRIEFS_INDEX"); v != "" {
		return v
	}
	dir := a.getenv("XDG_CACHE_HOME")
	if !filepath.IsAbs(dir) { // unset, or relative (which the spec says to ignore)
		home := a.getenv("HOME")
		if !filepath.IsAbs(home) {
			return ""
		}
		dir = filepath.Join(home, ".cache")
	}
	return filepath.Join(dir, "briefs", "index.db")
}

// openCollection prepares the collection of opt over the index, printing
// what there is to say about the index (rebuilt, not used) as warnings.
//
// The user's series (config.yaml) change what extraction finds: they are
// part of the index's derive version, so that entries derived without them
// (or with other declarations) are derived again.
func (a *app) openCollection(ctx context.Context, opt library.Options, watch bool) (*index.Collection, error) {
	xopt, err := a.extractOptions()
	if err != nil {
		return nil, err
	}
	c, err := index.Open(ctx, index.Options{
		Paths: opt.Paths, Seeds: opt.Seeds, SeedsPrefix: opt.SeedsPrefix, Workers: opt.Workers,
		Index:     a.indexPath(),
		Extractor: func() (library.Extractor, error) { a.tell("extractor"); return newExtractor(xopt) },
		Version:   deriveVersion(xopt),
		Watch:     watch,
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// loadIndexed loads the collection through the index: unchanged files are
// not read, nor is the extractor built unless a file changed.
//
// lookup, when not nil, is tried first: a collection it returns (with
// true) is the answer, read from the index alone (index.Collection's
// Current and FindID).
func (a *app) loadIndexed(ctx context.Context, opt library.Options, lookup func(*index.Collection) (*library.Library, bool)) (*library.Library, []library.Warning, error) {
	c, err := a.openCollection(ctx, opt, false)
	if err != nil {
		return nil, nil, err
	}
	defer c.Close()
	if lookup != nil && !a.noLookup {
		if lib, ok := lookup(c); ok {
			for _, n := range c.Notices() {
				a.warn("%s", n)
			}
			return lib, nil, nil
		}
	}
	a.tell("load")
	lib, warns, err := c.Load(ctx)
	for _, n := range c.Notices() {
		a.warn("%s", n)
	}
	return lib, warns, err
}

// deriveVersion is the index's derive version for the extractor options:
// index.DeriveVersion, and a digest of the user's series when there are
// any.
func deriveVersion(opt extract.Options) string {
	v := index.DeriveVersion()
	if len(opt.Series) == 0 {
		return v
	}
	data, err := json.Marshal(opt.Series) // maps are written in key order
	if err != nil {
		data = []byte(fmt.Sprint(opt.Series))
	}
	sum := sha256.Sum256(data)
	return v + "-series-" + hex.EncodeToString(sum[:8])
}

// tell tells the probe (tests) what the run does.
func (a *app) tell(event string) {
	if a.probe != nil {
		a.probe(event)
	}
}
