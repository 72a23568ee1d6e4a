package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/briefs/briefs/internal/extract"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/store"
	"github.com/briefs/briefs/seeds"
)

// sources decides what to load: exactly the PATHs given, or the configured
// folders plus the embedded seeds.
func (g globals) loadOptions(e env, paths []string) (library.Options, error) {
	if len(paths) > 0 {
		return library.Options{Paths: paths}, nil
	}
	path, explicit := g.config, g.config != ""
	if path == "" {
		if v := e.getenv("BRIEFS_CONFIG"); v != "" {
			path, explicit = v, true
		} else {
			path = defaultConfigPath()
		}
	}
	c, err := loadConfig(path, explicit)
	if err != nil {
		return library.Options{}, err
	}
	opt := library.Options{Paths: c.Folders}
	if c.seeds() {
		opt.Seeds, opt.SeedsPrefix = seeds.FS(), "seeds"
	}
	return opt, nil
}

// loadLibrary loads the collection, printing one warning line per file that
// could not be read. It fails only when nothing could be loaded.
func loadLibrary(ctx context.Context, e env, opt library.Options) (*library.Library, error) {
	x, err := newExtractor()
	if err != nil {
		return nil, err
	}
	lib, warns, err := library.Load(ctx, x, opt)
	for _, w := range warns {
		fmt.Fprintf(e.stderr, "briefs: warning: %s: %s (skipped)\n", safeLine(w.Path), safeLine(w.Err.Error()))
	}
	if err != nil {
		if errors.Is(err, library.ErrNothingLoaded) {
			return nil, fmt.Errorf("no brief could be loaded from %s: check the paths above", describePaths(opt))
		}
		return nil, err
	}
	return lib, nil
}

func describePaths(opt library.Options) string {
	if len(opt.Paths) == 0 {
		return "the built-in seeds"
	}
	if len(opt.Paths) == 1 {
		return opt.Paths[0]
	}
	return fmt.Sprintf("%d paths", len(opt.Paths))
}

func newExtractor() (*extract.Extractor, error) {
	x, err := extract.New()
	if err != nil {
		return nil, fmt.Errorf("metadata extractor: %w", err)
	}
	return x, nil
}

// dbPath is the database file: --db, BRIEFS_DB, or the XDG default.
func (g globals) dbPath(e env) (string, error) {
	if g.db != "" {
		return g.db, nil
	}
	if v := e.getenv("BRIEFS_DB"); v != "" {
		return v, nil
	}
	p, err := store.DefaultPath()
	if err != nil {
		return "", fmt.Errorf("database location: %w", err)
	}
	return p, nil
}

// openStore opens (creating if needed) the database.
func (g globals) openStore(ctx context.Context, e env) (*store.Store, error) {
	p, err := g.dbPath(e)
	if err != nil {
		return nil, err
	}
	st, err := store.OpenWith(ctx, p, storeOptions(e, false))
	if err != nil {
		return nil, err
	}
	return st, nil
}

// openExisting opens the database read-only, only if it exists: commands
// that only read never create or change it, and work on a database they may
// not write to. A missing database is (nil, nil).
func (g globals) openExisting(ctx context.Context, e env) (*store.Store, error) {
	p, err := g.dbPath(e)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return store.OpenWith(ctx, p, storeOptions(e, true))
}

// open opens the database for a command that writes (openStore) or only
// reads (openExisting: a missing database is (nil, nil)).
func (g globals) open(ctx context.Context, e env, write bool) (*store.Store, error) {
	if write {
		return g.openStore(ctx, e)
	}
	return g.openExisting(ctx, e)
}

// userData reads all tags and notes from an existing database, after
// re-attaching those of edited or moved briefs to the collection lib.
func userData(ctx context.Context, e env, st *store.Store, lib *library.Library) (library.Tags, map[string]string, error) {
	if st == nil {
		return nil, nil, nil
	}
	reattach(ctx, e, st, lib)
	tags, err := st.AllTags(ctx)
	if err != nil {
		return nil, nil, err
	}
	notes, err := st.AllNotes(ctx)
	if err != nil {
		return nil, nil, err
	}
	return library.Tags(tags), notes, nil
}

// readTags reads the user's tags and notes for commands that only show
// them: a missing database means none yet (it is not created), an unusable
// one is a warning and the command goes on without them.
func (g globals) readTags(ctx context.Context, e env, lib *library.Library) (library.Tags, map[string]string) {
	st, err := g.openExisting(ctx, e)
	if err == nil && st != nil {
		defer st.Close()
		var tags library.Tags
		var notes map[string]string
		if tags, notes, err = userData(ctx, e, st, lib); err == nil {
			return tags, notes
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "briefs: warning: %s; tags and notes unavailable\n", safeLine(err.Error()))
	}
	return nil, nil
}
