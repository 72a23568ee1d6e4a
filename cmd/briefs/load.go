package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/correct"
	"github.com/briefs/briefs/internal/extract"
	"github.com/briefs/briefs/internal/index"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/store"
	"github.com/briefs/briefs/seeds"
)

// configPath is the configuration file: --config, BRIEFS_CONFIG, or the XDG
// default. explicit is false for the default, which may be missing.
func (a *app) configPath() (path string, explicit bool) {
	if a.config != "" {
		return a.config, true
	}
	if v := a.getenv("BRIEFS_CONFIG"); v != "" {
		return v, true
	}
	return defaultConfigPath(), false
}

// loadConfig reads the configuration file.
func (a *app) loadConfig() (config, error) {
	return loadConfig(a.configPath())
}

// extractOptions are the extractor's options from the configuration: the
// user's series, for every collection (the PATHs given too).
func (a *app) extractOptions() (extract.Options, error) {
	c, err := a.loadConfig()
	if err != nil {
		return extract.Options{}, err
	}
	return extract.Options{Series: c.Series}, nil
}

// loadOptions decides what to load: exactly the PATHs given, or the
// configured folders plus the embedded seeds.
func (a *app) loadOptions(paths []string) (library.Options, error) {
	if len(paths) > 0 {
		return library.Options{Paths: paths}, nil
	}
	c, err := a.loadConfig()
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
func (a *app) loadLibrary(ctx context.Context, opt library.Options) (*library.Library, error) {
	return a.lookupLibrary(ctx, opt, nil)
}

// lookupLibrary is loadLibrary trying lookup first (see loadIndexed): for
// a command about one brief, which reads that brief's entry from the index
// instead of the whole collection when the index is sure of it.
func (a *app) lookupLibrary(ctx context.Context, opt library.Options, lookup func(*index.Collection) (*library.Library, bool)) (*library.Library, error) {
	lib, warns, err := a.loadIndexed(ctx, opt, lookup)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	for _, w := range warns {
		a.warn("%s: %s (skipped)", shown(w.Path), w.Err)
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
	switch len(opt.Paths) {
	case 0:
		return "the built-in seeds"
	case 1:
		return shown(opt.Paths[0])
	}
	return fmt.Sprintf("%d paths", len(opt.Paths))
}

// newExtractor builds the metadata extractor with the user's series
// (extractOptions).
func newExtractor(opt extract.Options) (*extract.Extractor, error) {
	x, err := extract.NewWithOptions(opt)
	if err != nil {
		return nil, fmt.Errorf("metadata extractor: %w", err)
	}
	return x, nil
}

// dbPath is where tags and notes are kept: --db, BRIEFS_DB, BRIEFS_STORE,
// the configuration's store:, or the XDG default file. It is a SQLite
// file's path, sqlite:PATH, or a team store's URL (store.IsURL; print it
// with store.MaskURL only).
func (a *app) dbPath() (string, error) {
	if a.db != "" {
		return a.db, nil
	}
	for _, v := range []string{"BRIEFS_DB", "BRIEFS_STORE"} {
		if p := a.getenv(v); p != "" {
			return p, nil
		}
	}
	if c, err := a.loadConfig(); err == nil && c.Store != "" {
		return c.Store, nil
	}
	p, err := store.DefaultPath()
	if err != nil {
		return "", fmt.Errorf("database location: %w", err)
	}
	return p, nil
}

// openStore opens (creating if needed) the database.
func (a *app) openStore(ctx context.Context) (*store.Store, error) {
	p, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	opt, err := a.storeOptionsFor(false)
	if err != nil {
		return nil, err
	}
	return store.OpenAt(ctx, p, opt)
}

// openExisting opens the database read-only, only if it exists: commands
// that only read never create or change it, and work on a database they may
// not write to. A missing database is (nil, nil). (A team store is opened
// read-only too; one not set up yet is an error.)
func (a *app) openExisting(ctx context.Context) (*store.Store, error) {
	p, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	if !store.IsURL(p) {
		if _, err := os.Stat(store.FilePath(p)); errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
	}
	opt, err := a.storeOptionsFor(true)
	if err != nil {
		return nil, err
	}
	return store.OpenAt(ctx, p, opt)
}

// open opens the database for a command that writes (openStore) or only
// reads (openExisting: a missing database is (nil, nil)).
func (a *app) open(ctx context.Context, write bool) (*store.Store, error) {
	if write {
		return a.openStore(ctx)
	}
	return a.openExisting(ctx)
}

// userData is what the user's store holds about briefs, by brief ID: tags,
// notes, and which briefs were read; and the annotations whose brief is not
// in the collection (orphans).
type userData struct {
	tags    library.Tags
	notes   map[string]string
	read    map[string]bool
	orphans []store.Orphan
	people  map[string][]string // who annotated each brief (by:)
	// corrections of extracted metadata, applied to the collection by
	// corrected
	corrections library.Corrections
}

// corrected is the collection with the user's corrections applied.
func (d userData) corrected(lib *library.Library) *library.Library {
	if lib == nil {
		return nil
	}
	return lib.WithCorrections(d.corrections)
}

// readUserData reads all tags and notes from an open database (none from
// a nil one), after re-attaching those of edited or moved briefs to the
// collection lib.
func (a *app) readUserData(ctx context.Context, st *store.Store, lib *library.Library) (userData, error) {
	if st == nil {
		return userData{}, nil
	}
	a.reattach(ctx, st, lib)
	tags, err := st.AllTags(ctx)
	if err != nil {
		return userData{}, err
	}
	notes, err := st.AllNotes(ctx)
	if err != nil {
		return userData{}, err
	}
	read, err := st.ReadSet(ctx)
	if err != nil {
		return userData{}, err
	}
	corr, err := st.AllCorrections(ctx)
	if err != nil {
		return userData{}, err
	}
	people, err := st.People(ctx)
	if err != nil {
		return userData{}, err
	}
	d := userData{tags: library.Tags(tags), notes: notes, read: read, people: people, corrections: correct.Library(corr)}
	if lib != nil {
		if d.orphans, err = st.Orphans(ctx); err != nil {
			return userData{}, err
		}
	}
	return d, nil
}

// mustUserData reads the user's tags and notes for a command whose point
// they are (export): an unusable database is an error, a missing one means
// none yet.
func (a *app) mustUserData(ctx context.Context, lib *library.Library) (userData, error) {
	st, err := a.openExisting(ctx)
	if err != nil {
		return userData{}, err
	}
	if st == nil {
		return userData{}, nil
	}
	defer st.Close()
	return a.readUserData(ctx, st, lib)
}

// mayUserData reads the user's tags and notes for commands that only show
// them: a missing database means none yet (it is not created), an unusable
// one is a warning and the command goes on without them.
func (a *app) mayUserData(ctx context.Context, lib *library.Library) userData {
	d, err := a.mustUserData(ctx, lib)
	if err != nil {
		if ctx.Err() == nil {
			a.warn("%s; tags and notes unavailable", err)
		}
		return userData{}
	}
	return d
}

// selection is the outcome of a query over a loaded collection.
type selection struct {
	lib    *library.Library
	briefs []*brief.Brief
	userData
}

// search loads the collection (PATHs, or the configured folders and seeds)
// with the user's data and runs the query. strict makes an unusable
// database an error.
func (a *app) search(ctx context.Context, query string, paths []string, strict bool) (selection, error) {
	q, err := library.Parse(query)
	if err != nil {
		return selection{}, usagef("-q %q: %s", query, strings.TrimPrefix(err.Error(), "query: "))
	}
	opt, err := a.loadOptions(paths)
	if err != nil {
		return selection{}, err
	}
	return a.searchIn(ctx, query, q, opt, strict)
}

// searchIn is search over the collection opt loads.
func (a *app) searchIn(ctx context.Context, query string, q library.Query, opt library.Options, strict bool) (selection, error) {
	lib, err := a.loadLibrary(ctx, opt)
	if err != nil {
		return selection{}, err
	}
	var d userData
	if strict {
		if d, err = a.mustUserData(ctx, lib); err != nil {
			return selection{}, err
		}
	} else {
		d = a.mayUserData(ctx, lib)
	}
	lib = d.corrected(lib)
	res, err := lib.Search(q, library.User{Tags: d.tags, Read: d.read, People: d.people}, library.ByDate)
	if err != nil {
		return selection{}, usagef("-q %q: %s", query, err)
	}
	sel := selection{lib: lib, briefs: make([]*brief.Brief, len(res.Items)), userData: d}
	for i, k := range res.Items {
		sel.briefs[i] = lib.Brief(k)
	}
	return sel, nil
}
