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
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

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
	orders [len(sortKeys)]struct {
		once sync.Once
		o    []int32
	}
	text     *textIndex
	readBody func(*brief.Brief) (string, error) // nil: bodies are in memory

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

// Load reads the seeds and the paths, parses, extracts and tokenizes in
// parallel, and indexes the result (bodies kept in memory; package index
// is the loader that remembers between runs and reads bodies on demand).
// Files that fail are returned as warnings; the error is non-nil only when
// nothing at all was loaded though something was asked for.
func Load(ctx context.Context, x Extractor, opt Options) (*Library, []Warning, error) {
	jobs, warns, err := loadJobs(opt)
	if err != nil {
		return nil, nil, err
	}
	vocab := NewVocab(nil)
	docs, errs := readJobs(ctx, x, opt, vocab, jobs)
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("load: %w", err)
	}
	loaded := docs[:0]
	for i, d := range docs {
		if errs[i] != nil {
			name := jobs[i].path
			if jobs[i].seed && opt.SeedsPrefix != "" {
				name = opt.SeedsPrefix + "/" + name
			}
			warns = append(warns, Warning{Path: name, Err: errs[i]})
			continue
		}
		loaded = append(loaded, d)
	}
	Infer(x, loaded)
	lib := Build(Config{Extractor: x, Vocab: vocab}, loaded)
	if lib.Len() == 0 && (len(jobs) > 0 || len(warns) > 0) {
		return lib, warns, ErrNothingLoaded
	}
	return lib, warns, nil
}

// loadJob is a file Load reads: a path, or a seed's name in Options.Seeds.
type loadJob struct {
	path string
	seed bool
}

// loadJobs lists the files Load reads: the seeds, then each path's briefs.
func loadJobs(opt Options) ([]loadJob, []Warning, error) {
	var jobs []loadJob
	var warns []Warning
	if opt.Seeds != nil {
		names, err := fs.Glob(opt.Seeds, "*")
		if err != nil {
			return nil, nil, fmt.Errorf("list seeds: %w", err)
		}
		for _, n := range names {
			if brief.IsSourceName(n) {
				jobs = append(jobs, loadJob{n, true})
			}
		}
	}
	for _, p := range opt.Paths {
		files, w := Walk(p)
		warns = append(warns, w...)
		for _, f := range files {
			jobs = append(jobs, loadJob{path: f})
		}
	}
	return jobs, warns, nil
}

// readJobs reads, parses, extracts and tokenizes jobs on opt.Workers
// workers (all cores by default); errs[i] is job i's error. It stops
// handing out jobs when ctx ends.
func readJobs(ctx context.Context, x Extractor, opt Options, vocab *Vocab, jobs []loadJob) ([]Doc, []error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	docs := make([]Doc, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			tz := vocab.NewTokenizer()
			for i := range next {
				var b *brief.Brief
				var err error
				if jobs[i].seed {
					b, err = brief.ReadFS(opt.Seeds, jobs[i].path, opt.SeedsPrefix)
				} else {
					b, err = brief.ReadFile(jobs[i].path)
				}
				if err == nil {
					if x != nil {
						x.Apply(b)
					}
					docs[i] = Doc{Brief: b, Terms: tz.Terms(b.Title, b.Body), Seed: jobs[i].seed}
				}
				errs[i] = err
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
	return docs, errs
}

// Infer fills in what the extractor infers from the whole collection (the
// editions of briefs that give only a year, InferEditions), on copies of
// the briefs it changes: the Docs' briefs are replaced, never modified, so
// that briefs shared with a library in use stay as they are. It does
// nothing when the extractor does not infer, and does not call it when no
// brief could be filled.
func Infer(x Extractor, docs []Doc) {
	inf, ok := x.(interface{ InferEditions([]*brief.Brief) int })
	if !ok {
		return
	}
	fillable := func(b *brief.Brief) bool {
		return b.Series.Key != "" && b.Edition == 0 && b.EventYear != 0 && b.Stated.Edition == 0
	}
	any := false
	for _, d := range docs {
		if fillable(d.Brief) {
			any = true
			break
		}
	}
	if !any {
		return
	}
	bs := make([]*brief.Brief, len(docs))
	for i, d := range docs {
		bs[i] = d.Brief
		if fillable(d.Brief) {
			c := *d.Brief
			c.EditionsMentioned = slices.Clone(c.EditionsMentioned)
			c.EventsMentioned = slices.Clone(c.EventsMentioned)
			bs[i] = &c
		}
	}
	inf.InferEditions(bs)
	for i := range docs {
		docs[i].Brief = bs[i]
	}
}

// Walk lists the source files under p (a file or folder). A file named
// explicitly is read whatever its extension; in folders only .txt and .md
// files are, hidden entries are skipped, and other files quietly ignored.
func Walk(p string) ([]string, []Warning) {
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
	docs := make([]Doc, len(briefs))
	for i, b := range briefs {
		docs[i].Brief = b
	}
	return Build(Config{Extractor: x}, docs)
}

// Doc is one brief as loading prepares it for Build.
type Doc struct {
	Brief *brief.Brief
	// Terms are the keys of the words of its title and body in the
	// Config's Vocab (Tokenizer.Terms); nil: Build computes them from the
	// Title and Body.
	Terms Terms
	Seed  bool // a built-in seed (its Path is "seeds/NAME")
}

// Config says how Build makes a Library.
type Config struct {
	Extractor Extractor
	// Vocab numbers the Docs' Terms; nil: a new one (no Doc may have Terms).
	Vocab *Vocab
	// Body reads the body of a brief held without it (Body == ""), its file
	// read and parsed again: for the reader, export, show and the text
	// search's checks of phrases. nil: bodies are the ones in memory.
	Body func(b *brief.Brief) (string, error)
	// Workers bounds the goroutines tokenizing Docs without Terms and
	// building the indexes; 0: the number of CPUs.
	Workers int
}

// Build indexes briefs already parsed and extracted, in any order: sorts
// them, builds the text index from their Terms (tokenizing those without)
// and the postings of every field. Briefs with the same ID are one brief,
// as for New.
func Build(c Config, docs []Doc) *Library {
	return build(c, docs, fields())
}

// newLibrary is New with the fields of the registry r.
func newLibrary(x Extractor, briefs []*brief.Brief, r registry) *Library {
	docs := make([]Doc, len(briefs))
	for i, b := range briefs {
		docs[i].Brief = b
	}
	return build(Config{Extractor: x}, docs, r)
}

func build(c Config, docs []Doc, r registry) *Library {
	l := &Library{x: c.Extractor, fields: r, also: map[string][]string{}, seeds: map[string]bool{}, readBody: c.Body}
	if c.Vocab == nil {
		c.Vocab = NewVocab(nil)
	}
	workers := c.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	for _, d := range docs {
		if d.Seed {
			l.seeds[d.Brief.Path] = true
		}
	}
	kept, docKeys := dedup(docs, workers, l.also)
	terms := make([]Terms, len(kept))
	keys := make([]dateKey, len(kept)) // of the default order
	l.briefs = make([]*brief.Brief, len(kept))
	for i, k := range kept {
		l.briefs[i], terms[i], keys[i] = docs[k].Brief, docs[k].Terms, docKeys[k]
		keys[i].i = int32(i)
	}
	tokenize(c, l.briefs, terms)
	perm := defaultOrder(keys, workers)
	bs := l.briefs
	l.briefs = make([]*brief.Brief, len(perm))
	sorted := make([]Terms, len(perm))
	// load order: the briefs in the order of the Docs (bs's) by their
	// index in the default order
	l.loaded = make([]int32, len(perm))
	for i, k := range perm {
		l.briefs[i], sorted[i] = bs[k], terms[k]
		l.loaded[k] = int32(i)
	}
	// the indexes, on the workers: the text index and the postings of
	// each field (both in runs of briefs), and the briefs by ID
	tb := newTextBuilder(c.Vocab, sorted, workers)
	fb := newFieldsBuilder(r, bs, l.loaded, workers)
	tasks := []func(){func() {
		l.byID = make(map[string]int32, len(bs))
		for k, i := range l.loaded { // in load order: the order in memory
			l.byID[bs[k].ID] = i
		}
	}}
	for k := range tb.runs.count {
		tasks = append(tasks, func() { tb.countRun(k) })
	}
	for k := range fb.runs.count {
		tasks = append(tasks, func() { fb.indexRun(k) })
	}
	parallel(workers, len(tasks), func(k int) { tasks[k]() })
	tb.layout()
	tasks = tasks[:0]
	for k := range tb.runs.count {
		tasks = append(tasks, func() { tb.fillRun(k) })
	}
	for k := range r {
		if r[k].index != nil {
			tasks = append(tasks, func() { fb.merge(k) })
		}
	}
	parallel(workers, len(tasks), func(k int) { tasks[k]() })
	l.text = tb.ix
	l.postings = make(map[string]map[string]postings, len(r))
	l.names = make(map[string]map[string]string, len(r))
	for k, f := range r {
		if f.index != nil {
			l.postings[f.name], l.names[f.name] = fb.vals[k], fb.names[k]
		}
	}
	return l
}

// dedup returns the indexes of the Docs that are briefs, the first of
// their ID, in order, and the keys of the default order of every Doc (i
// left 0); it adds to also the paths of the others that are not their
// first's path, in order. The IDs are split in shards, each on a
// goroutine (up to workers), the keys taken in runs.
func dedup(docs []Doc, workers int, also map[string][]string) ([]int32, []dateKey) {
	shards := max(1, min(workers, len(docs)/minRun, 64))
	shard := make([]uint8, len(docs))
	keys := make([]dateKey, len(docs))
	runs := splitRuns(len(docs), workers)
	parallel(workers, runs.count, func(r int) {
		lo, hi := runs.bounds(r)
		for k := lo; k < hi; k++ {
			b := docs[k].Brief
			keys[k] = dateKey{sec: b.Published.Unix(), nsec: int32(b.Published.Nanosecond()), title: b.Title, id: b.ID}
			h := uint32(2166136261) // FNV-1a
			for j := 0; j < len(b.ID); j++ {
				h = (h ^ uint32(b.ID[j])) * 16777619
			}
			shard[k] = uint8(h % uint32(shards))
		}
	})
	isFirst := make([]bool, len(docs))
	alsos := make([]map[string][]string, shards)
	parallel(workers, shards, func(s int) {
		first := make(map[string]int32, len(docs)/shards)
		a := map[string][]string{}
		for k := range docs {
			if shard[k] != uint8(s) {
				continue
			}
			id := keys[k].id
			if i, dup := first[id]; dup {
				if p, q := docs[i].Brief.Path, docs[k].Brief.Path; q != p && !slices.Contains(a[id], q) {
					a[id] = append(a[id], q)
				}
				continue
			}
			first[id] = int32(k)
			isFirst[k] = true
		}
		alsos[s] = a
	})
	for _, a := range alsos {
		maps.Copy(also, a) // the shards' IDs are not the same
	}
	kept := make([]int32, 0, len(docs))
	for k, f := range isFirst {
		if f {
			kept = append(kept, int32(k))
		}
	}
	return kept, keys
}

// defaultOrder sorts the keys of briefs in the default order
// (defaultCmp, stable) on up to workers goroutines, and returns the
// briefs' indexes in that order.
func defaultOrder(keys []dateKey, workers int) []int32 {
	depth := 0
	for 1<<depth < workers {
		depth++
	}
	sortDateKeys(keys, make([]dateKey, len(keys)), depth)
	perm := make([]int32, len(keys))
	for i, k := range keys {
		perm[i] = k.i
	}
	return perm
}

// dateKey is what the default order compares of brief i: newest first
// (the instant, as time.Time.Compare; the zero time, undated, is the
// earliest), then title, then ID, then i (IDs are unique anyway).
type dateKey struct {
	sec       int64 // Published: Unix seconds and nanoseconds
	nsec      int32
	i         int32
	title, id string
}

func (a dateKey) compare(b dateKey) int {
	switch {
	case a.sec != b.sec:
		return cmp.Compare(b.sec, a.sec)
	case a.nsec != b.nsec:
		return cmp.Compare(b.nsec, a.nsec)
	}
	if c := strings.Compare(a.title, b.title); c != 0 {
		return c
	}
	if c := strings.Compare(a.id, b.id); c != 0 {
		return c
	}
	return cmp.Compare(a.i, b.i)
}

// sortDateKeys sorts keys, its halves on two goroutines (and so on, depth
// times) merged through tmp (as long as keys).
func sortDateKeys(keys, tmp []dateKey, depth int) {
	if depth == 0 || len(keys) < 2*minRun {
		slices.SortFunc(keys, dateKey.compare)
		return
	}
	mid := len(keys) / 2
	var wg sync.WaitGroup
	wg.Go(func() { sortDateKeys(keys[:mid], tmp[:mid], depth-1) })
	sortDateKeys(keys[mid:], tmp[mid:], depth-1)
	wg.Wait()
	a, b, out := keys[:mid], keys[mid:], tmp[:0]
	for len(a) > 0 && len(b) > 0 {
		if a[0].compare(b[0]) <= 0 {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	out = append(append(out, a...), b...)
	copy(keys, out)
}

// tokenize computes the missing Terms of briefs, in parallel.
func tokenize(c Config, bs []*brief.Brief, terms []Terms) {
	var todo []int
	for i, t := range terms {
		if t == nil {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return
	}
	workers := c.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = max(1, min(workers, len(todo)/256))
	tzs := make([]*Tokenizer, workers)
	parallelOn(workers, len(todo), func(w, k int) {
		if tzs[w] == nil {
			tzs[w] = c.Vocab.NewTokenizer()
		}
		i := todo[k]
		terms[i] = tzs[w].Terms(bs[i].Title, bs[i].Body)
		if terms[i] == nil {
			terms[i] = Terms{}
		}
	})
}

// minRun is the fewest briefs worth a goroutine of their own when work is
// split.
const minRun = 1024

// parallel calls f(k) for every k below n, on up to workers goroutines.
func parallel(workers, n int, f func(k int)) {
	parallelOn(workers, n, func(_, k int) { f(k) })
}

// parallelOn is parallel telling f which goroutine (w, below workers)
// calls it.
func parallelOn(workers, n int, f func(w, k int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range max(1, min(workers, n)) {
		wg.Go(func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= n {
					return
				}
				f(w, k)
			}
		})
	}
	wg.Wait()
}

// Prepare does now what the library would do on first use (the sorted
// vocabulary of the text index, the sort orders), so that it is not done
// while the user waits; for a background goroutine.
func (l *Library) Prepare() {
	l.text.prepare()
	for _, k := range sortKeys {
		l.order(k)
	}
}

// Body returns b's body: the one in memory, or, for a brief held without
// it, its file read and parsed again. b is a brief of this library.
func (l *Library) Body(b *brief.Brief) (string, error) {
	if b.Body != "" || l.readBody == nil {
		return b.Body, nil
	}
	return l.readBody(b)
}

// bodyOf is Body, "" when the body cannot be read.
func (l *Library) bodyOf(b *brief.Brief) string {
	s, err := l.Body(b)
	if err != nil {
		return ""
	}
	return s
}

// WithBody returns b with its body (a copy when it had to be read).
func (l *Library) WithBody(b *brief.Brief) (*brief.Brief, error) {
	if b.Body != "" || l.readBody == nil {
		return b, nil
	}
	body, err := l.readBody(b)
	if err != nil {
		return nil, err
	}
	c := *b
	c.Body = body
	return &c, nil
}

// Len is the number of briefs.
func (l *Library) Len() int { return len(l.briefs) }

// IndexOf returns the index of the brief with the ID (as Brief takes it).
func (l *Library) IndexOf(id string) (int32, bool) {
	i, ok := l.byID[id]
	return i, ok
}

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
		out[i] = identity.Candidate{ID: b.ID, Paths: paths, Title: b.Title, Date: b.Day(), Source: b.Source, Story: b.Hints.AgencyID, Body: b.Body, Legacy: b.Hints.Legacy}
		if b.Body == "" && l.readBody != nil {
			out[i].ReadBody = func() string { return l.bodyOf(b) }
		}
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

// sortKeys are the orders, by their value.
var sortKeys = [...]SortKey{ByDate, ByTitle, ByEdition, BySource}

// order returns the briefs in the order by, built on first use.
func (l *Library) order(by SortKey) []int32 {
	if by < 0 || int(by) >= len(l.orders) {
		by = ByDate
	}
	o := &l.orders[by]
	o.once.Do(func() { o.o = buildOrder(l.briefs, l.byDate, by) })
	return o.o
}

// buildOrder sorts the briefs by a key, stably from the default order
// (byDate; nil: the briefs are in date order); text keys are lower-cased
// once, not at every comparison.
func buildOrder(bs []*brief.Brief, byDate []int32, by SortKey) []int32 {
	o := slices.Clone(byDate)
	if o == nil {
		o = make([]int32, len(bs))
		for i := range o {
			o[i] = int32(i)
		}
	}
	text := func(f func(b *brief.Brief) string) []string {
		keys := make([]string, len(bs))
		for i, b := range bs {
			keys[i] = strings.ToLower(f(b))
		}
		return keys
	}
	switch by {
	case ByTitle:
		keys := text(func(b *brief.Brief) string { return b.Title })
		slices.SortStableFunc(o, func(i, j int32) int { return strings.Compare(keys[i], keys[j]) })
	case ByEdition:
		slices.SortStableFunc(o, func(i, j int32) int { return cmp.Compare(bs[j].Edition, bs[i].Edition) })
	case BySource:
		keys := text(func(b *brief.Brief) string { return b.Source })
		slices.SortStableFunc(o, func(i, j int32) int {
			a, b := keys[i], keys[j]
			if (a == "") != (b == "") {
				if a == "" {
					return 1
				}
				return -1
			}
			return strings.Compare(a, b)
		})
	}
	return o
}
