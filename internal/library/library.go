// Package library is the loaded collection of briefs: loading the embedded
// seeds and the user's folders, identity, the query language, facets with
// counts, sorting and search.
package library

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/identity"
)

// Extractor fills a brief's metadata and resolves country names; it is
// implemented by package extract.
type Extractor interface {
	Apply(b *brief.Brief)
	LookupCountry(s string) (code, name string, ok bool)
}

// Warning is a file that could not be loaded, and why.
type Warning struct {
	Path string
	Err  error
}

func (w Warning) Error() string { return w.Path + ": " + w.Err.Error() }

// Options say what to load.
type Options struct {
	Paths       []string // files and folders, walked recursively
	Seeds       fs.FS    // embedded seed briefs; nil for none
	SeedsPrefix string   // path prefix for seeds, e.g. "seeds"
	Workers     int      // parallel parsers; 0 = number of CPUs
}

// Library is an immutable, indexed collection of briefs. It is safe for
// concurrent reads.
type Library struct {
	x      Extractor
	briefs []*brief.Brief // in default order: newest first
	byID   map[string]int32
	// also holds the other paths of briefs found in several files with the
	// same content (one brief, see package identity), in load order.
	also   map[string][]string
	seeds  map[string]bool // paths of the briefs that are built-in seeds
	loaded []int32         // the briefs in the order they were given to New
	orders map[SortKey][]int32
	text   *textIndex

	// the user's corrections (corrections.go): base is the collection
	// they correct (nil: l is not corrected), corr what they say; byDate is
	// the default order when it is not the briefs' (a corrected date or
	// title moved one), titles the words of corrected titles.
	base   *Library
	corr   Corrections
	byDate []int32
	titles *titleWords

	fields   registry                       // the query fields and facets
	postings map[string]map[string]postings // field -> value -> briefs
	names    map[string]map[string]string   // field -> value -> display name

	// textCache remembers the briefs matching recent free-text terms, so
	// typing the next term does not search the earlier ones again.
	textCache struct {
		sync.Mutex
		m map[string]bitset
	}
}

// ErrNothingLoaded is returned by Load when no brief could be loaded.
var ErrNothingLoaded = errors.New("no brief could be loaded")

// Load reads the seeds and the paths, parses and extracts in parallel, and
// indexes the result. Files that fail are returned as warnings; the error is
// non-nil only when nothing at all was loaded though something was asked for.
func Load(ctx context.Context, x Extractor, opt Options) (*Library, []Warning, error) {
	type job struct {
		path string
		seed bool
	}
	var jobs []job
	var warns []Warning
	if opt.Seeds != nil {
		names, err := fs.Glob(opt.Seeds, "*")
		if err != nil {
			return nil, nil, fmt.Errorf("list seeds: %w", err)
		}
		for _, n := range names {
			if brief.IsSourceName(n) {
				jobs = append(jobs, job{n, true})
			}
		}
	}
	for _, p := range opt.Paths {
		files, w := walk(p)
		warns = append(warns, w...)
		for _, f := range files {
			jobs = append(jobs, job{path: f})
		}
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	results := make([]*brief.Brief, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				var b *brief.Brief
				var err error
				if jobs[i].seed {
					b, err = brief.ReadFS(opt.Seeds, jobs[i].path, opt.SeedsPrefix)
				} else {
					b, err = brief.ReadFile(jobs[i].path)
				}
				if err == nil && x != nil {
					x.Apply(b)
				}
				results[i], errs[i] = b, err
			}
		})
	}
feed:
	for i := range jobs {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("load: %w", err)
	}
	var loaded []*brief.Brief
	for i, b := range results {
		if errs[i] != nil {
			name := jobs[i].path
			if jobs[i].seed && opt.SeedsPrefix != "" {
				name = opt.SeedsPrefix + "/" + name
			}
			warns = append(warns, Warning{Path: name, Err: errs[i]})
			continue
		}
		loaded = append(loaded, b)
	}
	if inf, ok := x.(interface{ InferEditions([]*brief.Brief) int }); ok {
		inf.InferEditions(loaded) // editions known by year elsewhere in the collection
	}
	lib := New(x, loaded)
	for i, b := range results {
		if b != nil && jobs[i].seed {
			lib.seeds[b.Path] = true
		}
	}
	if lib.Len() == 0 && (len(jobs) > 0 || len(warns) > 0) {
		return lib, warns, ErrNothingLoaded
	}
	return lib, warns, nil
}

// walk lists the source files under p (a file or folder). A file named
// explicitly is read whatever its extension; in folders only .txt and .md
// files are, hidden entries are skipped, and other files quietly ignored.
func walk(p string) ([]string, []Warning) {
	st, err := os.Stat(p)
	if err != nil {
		if lst, lerr := os.Lstat(p); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
			return []string{p}, nil // let ReadFile name the link problem
		}
		return nil, []Warning{{Path: p, Err: fmt.Errorf("cannot open: %w", unwrap(err))}}
	}
	if !st.IsDir() {
		return []string{p}, nil
	}
	var files []string
	var warns []Warning
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			warns = append(warns, Warning{Path: path, Err: fmt.Errorf("cannot read folder: %w", unwrap(err))})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if path != p && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !brief.IsSourceName(name) {
			return nil
		}
		files = append(files, path)
		return nil
	})
	if err != nil {
		warns = append(warns, Warning{Path: p, Err: err})
	}
	return files, warns
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// New indexes briefs that are already parsed and extracted. Briefs with the
// same ID (files with the same content, see package identity) are one
// brief: the first is kept, and the paths of the others are remembered
// (Paths) and found by Find.
func New(x Extractor, briefs []*brief.Brief) *Library {
	return newLibrary(x, briefs, fields())
}

// newLibrary is New with the fields of the registry r.
func newLibrary(x Extractor, briefs []*brief.Brief, r registry) *Library {
	l := &Library{x: x, byID: make(map[string]int32, len(briefs)), fields: r, also: map[string][]string{}, seeds: map[string]bool{}}
	for _, b := range briefs {
		if i, dup := l.byID[b.ID]; dup {
			if p := l.briefs[i].Path; b.Path != p && !slices.Contains(l.also[b.ID], b.Path) {
				l.also[b.ID] = append(l.also[b.ID], b.Path)
			}
			continue
		}
		l.byID[b.ID] = int32(len(l.briefs))
		l.briefs = append(l.briefs, b)
	}
	// default order: newest first, undated last, then title, then ID
	slices.SortStableFunc(l.briefs, func(a, b *brief.Brief) int {
		if c := b.Published.Compare(a.Published); c != 0 {
			return c
		}
		return cmp.Or(strings.Compare(a.Title, b.Title), strings.Compare(a.ID, b.ID))
	})
	for i, b := range l.briefs {
		l.byID[b.ID] = int32(i)
	}
	l.loaded = make([]int32, 0, len(l.briefs))
	for _, b := range briefs {
		if i := l.byID[b.ID]; l.briefs[i] == b {
			l.loaded = append(l.loaded, i)
		}
	}
	l.orders = buildOrders(l.briefs, nil)
	l.text = buildTextIndex(l.briefs)
	l.index()
	return l
}

// Len is the number of briefs.
func (l *Library) Len() int { return len(l.briefs) }

// Brief returns brief i (an index from a Result).
func (l *Library) Brief(i int32) *brief.Brief { return l.briefs[i] }

// Briefs returns all briefs in default order. The slice must not be changed.
func (l *Library) Briefs() []*brief.Brief {
	if l.byDate == nil {
		return l.briefs
	}
	out := make([]*brief.Brief, len(l.byDate))
	for i, k := range l.byDate {
		out[i] = l.briefs[k]
	}
	return out
}

// Paths returns every path holding the brief's content: b.Path first, then
// the files found with the same content (see package identity).
func (l *Library) Paths(b *brief.Brief) []string {
	return append([]string{b.Path}, l.also[b.ID]...)
}

// Candidates describes the collection for re-attaching annotations (see
// package identity and store.Reattach): paths of files are made absolute,
// built-in seeds keep their "seeds/NAME" path. They come in load order (the
// order given to New). Fingerprints are left to be computed when needed.
func (l *Library) Candidates() []identity.Candidate {
	if l.base != nil { // identity is the files', not the user's corrections
		return l.base.Candidates()
	}
	out := make([]identity.Candidate, len(l.loaded))
	for i, k := range l.loaded {
		b := l.briefs[k]
		paths := l.Paths(b)
		for j, p := range paths {
			if !l.seeds[p] {
				if abs, err := filepath.Abs(p); err == nil {
					paths[j] = abs
				}
			}
		}
		out[i] = identity.Candidate{ID: b.ID, Paths: paths, Title: b.Title, Date: b.Day(), Source: b.Source, Story: b.Hints.AgencyID, Body: b.Body}
	}
	return out
}

// Extractor returns the extractor the library was loaded with.
func (l *Library) Extractor() Extractor { return l.x }

// Find returns the brief with the ID or unique ID prefix (at least 4 hex
// digits), or the brief loaded from the path.
func (l *Library) Find(ref string) (*brief.Brief, error) {
	if i, ok := l.byID[ref]; ok {
		return l.briefs[i], nil
	}
	var found []*brief.Brief
	if len(ref) < 4 && isHex(ref) && ref != "" {
		return nil, fmt.Errorf("ID prefix %q is too short: give at least 4 digits", ref)
	}
	if len(ref) >= 4 {
		for _, b := range l.briefs {
			if strings.HasPrefix(b.ID, strings.ToLower(ref)) {
				found = append(found, b)
			}
		}
	}
	if len(found) == 0 {
		clean := filepath.Clean(ref)
		for _, b := range l.briefs {
			if b.Path == ref || filepath.Clean(b.Path) == clean {
				return b, nil
			}
		}
		for id, paths := range l.also {
			for _, p := range paths {
				if p == ref || filepath.Clean(p) == clean {
					return l.briefs[l.byID[id]], nil
				}
			}
		}
		return nil, fmt.Errorf("no brief with ID %q (run `briefs list` to see IDs)", ref)
	}
	if len(found) > 1 {
		ids := make([]string, 0, 5)
		for _, b := range found[:min(5, len(found))] {
			ids = append(ids, b.ID)
		}
		return nil, fmt.Errorf("ID prefix %q is ambiguous: %s; give more digits", ref, strings.Join(ids, ", "))
	}
	return found[0], nil
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// SortKey orders results.
type SortKey int

// Sort orders.
const (
	ByDate    SortKey = iota // newest first
	ByTitle                  // A to Z
	ByEdition                // latest edition first, then date
	BySource                 // A to Z, then date
)

// SortKeys lists the orders in the order the UI cycles through them.
var SortKeys = []SortKey{ByDate, ByTitle, ByEdition, BySource}

func (k SortKey) String() string {
	switch k {
	case ByTitle:
		return "title"
	case ByEdition:
		return "edition"
	case BySource:
		return "source"
	}
	return "date"
}

// ParseSortKey reads a sort order's name.
func ParseSortKey(s string) (SortKey, error) {
	for _, k := range SortKeys {
		if k.String() == s {
			return k, nil
		}
	}
	return ByDate, fmt.Errorf("unknown sort %q (use date, title, edition or source)", s)
}

// buildOrders sorts the briefs for every order, starting from byDate (nil:
// the briefs are in date order).
func buildOrders(bs []*brief.Brief, byDate []int32) map[SortKey][]int32 {
	base := byDate
	if base == nil {
		base = make([]int32, len(bs))
		for i := range base {
			base[i] = int32(i)
		}
	}
	orders := map[SortKey][]int32{ByDate: base}
	by := func(less func(a, b *brief.Brief) int) []int32 {
		o := slices.Clone(base)
		sort.SliceStable(o, func(i, j int) bool { return less(bs[o[i]], bs[o[j]]) < 0 })
		return o
	}
	orders[ByTitle] = by(func(a, b *brief.Brief) int {
		return strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title))
	})
	orders[ByEdition] = by(func(a, b *brief.Brief) int { return cmp.Compare(b.Edition, a.Edition) })
	orders[BySource] = by(func(a, b *brief.Brief) int {
		as, bs := strings.ToLower(a.Source), strings.ToLower(b.Source)
		if (as == "") != (bs == "") {
			if as == "" {
				return 1
			}
			return -1
		}
		return strings.Compare(as, bs)
	})
	return orders
}
