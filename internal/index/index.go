// Package index loads a collection of briefs quickly and keeps it up to
// date: what parsing and extraction learned about each file is kept in an
// index file (a cache, $XDG_CACHE_HOME/briefs/index.db by default), keyed
// by the file's path and stat (size, modification time, inode, change
// time), so that an unchanged file is never read again. A warm start reads
// the metadata and the words of every brief from the index, walks the
// folders to notice added, changed and removed files, and derives only
// those (on all cores). Bodies are not kept: the library reads one when it
// is shown, exported or searched for a phrase.
//
// The index holds nothing the user wrote (tags and notes live in the
// store): deleting it costs one full read of the files. A damaged index is
// rebuilt with one notice, an index made by another parser or extractor
// version is used as it is while its entries are derived again in the
// background (Run) or before returning (Load), and several processes may
// use one index at once.
//
// Run is the reader's loader: it sends the collection as it grows (the
// first screen of the last session at once, then all the index knows, then
// every change), and with Watch follows the folders (watch.go).
package index

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/identity"
	"github.com/briefs/briefs/internal/library"
)

// Options say what to load, and where the index is.
type Options struct {
	Paths       []string // files and folders, walked recursively
	Seeds       fs.FS    // embedded seed briefs; nil for none
	SeedsPrefix string   // path prefix for seeds, e.g. "seeds"
	Workers     int      // goroutines deriving files; 0 = number of CPUs

	// Index is the index file; "" for none (everything is read, as by
	// library.Load, but bodies are still read on demand).
	Index string
	// Extractor makes the extractor, when first needed; nil: extract.New.
	Extractor func() (library.Extractor, error)
	// Version overrides DeriveVersion (tests).
	Version string
	// Watch makes Run follow the folders after loading (watch.go).
	Watch bool
}

// Collection is a collection of briefs loaded through an index. Load or
// Run it once; it is not safe for concurrent use.
type Collection struct {
	opt     Options
	roots   []root
	ver     uint32
	x       *Lazy
	db      *DB
	notices []string
	vocab   *library.Vocab
	terms   termMap
	workers int
	headKey string

	seedPaths map[string]string // shown path of a seed -> its name in Seeds

	slots []*slot            // seeds, then files in walk order
	byAbs map[string][]*slot // the slots of a file (several when roots overlap)
	warns []library.Warning  // the walk's
	dirs  []string           // folders walked (absolute)
	lib   *library.Library   // the last built

	compact bool // the index holds much that was replaced: compact it

	// pointsOnly: the index is for point lookups only (lookup.go); a load
	// goes without it (Open says when)
	pointsOnly bool

	watcher *watcher // the folders' watcher (Run with Watch)
	onDir   func(abs string)

	// readFile reads a file to derive it (brief.ReadFileInfo; tests count
	// the reads).
	readFile func(path string) (*brief.Brief, fs.FileInfo, error)
	// built, when not nil, is called once the collection the index knows
	// was built while the walk went on (tests).
	built  func()
	builds int      // collections built (tests)
	read   []*entry // the index's current entries that are briefs, in segment order (readIndex)
}

// slot is one file of the collection and what is known of it.
type slot struct {
	user  string // the path shown
	abs   string // the index key ("seed:NAME" for a seed)
	seed  bool
	key   statKey
	en    *entry // nil: not known yet
	stale bool   // en was derived by another version
	gone  bool   // removed (watch)
	data  []byte // a seed's content
}

// Open prepares a collection: the roots, the extractor (built when first
// needed) and the index file. A problem with the index file is not an
// error: the collection loads without it, and Notices says why.
func Open(ctx context.Context, opt Options) (*Collection, error) {
	roots, err := makeRoots(opt.Paths)
	if err != nil {
		return nil, err
	}
	ver := opt.Version
	if ver == "" {
		ver = DeriveVersion()
	}
	c := &Collection{opt: opt, roots: roots, ver: versionTag(ver), x: NewLazy(opt.Extractor),
		vocab: library.NewVocab(nil), workers: opt.Workers, seedPaths: map[string]string{}, byAbs: map[string][]*slot{},
		readFile: brief.ReadFileInfo}
	if c.workers <= 0 {
		c.workers = runtime.NumCPU()
	}
	h := fnv.New64a()
	for _, r := range roots {
		fmt.Fprintf(h, "%s\x00", r.abs)
	}
	fmt.Fprintf(h, "seeds=%v", opt.Seeds != nil)
	c.headKey = fmt.Sprintf("%x", h.Sum64())
	// a brief or two named by their files (briefs show FILE): reading
	// them (and building the extractor, 50-80 ms) costs less than reading
	// the index of a large collection (seconds at 100k); the index is
	// opened for point lookups only (Current), and not used by a load
	c.pointsOnly = opt.Index != "" && opt.Seeds == nil && fewFiles(roots) && bigIndex(opt.Index)
	if opt.Index != "" {
		db, notice, err := OpenDB(ctx, opt.Index)
		switch {
		case errors.Is(err, ErrForeign):
			c.notice(fmt.Sprintf("%s is not a briefs index (another program's file?): not used; remove it or choose another index file", opt.Index))
		case err != nil:
			c.notice(fmt.Sprintf("index not used: %s", err))
		default:
			c.db = db
			c.notice(notice)
		}
	}
	return c, nil
}

func (c *Collection) notice(s string) {
	if s != "" {
		c.notices = append(c.notices, s)
	}
}

// Notices returns what to tell the user about the index (rebuilt, not
// used) and forgets it.
func (c *Collection) Notices() []string {
	n := c.notices
	c.notices = nil
	return n
}

// bigIndexSize is the size of index file above which reading all of it
// costs more than deriving a file (about 12,000 briefs).
const bigIndexSize = 8 << 20

// bigIndex reports whether the index file is larger than bigIndexSize.
func bigIndex(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Size() > bigIndexSize
}

// fewFiles reports whether the roots are a few files (no folder).
func fewFiles(roots []root) bool {
	if len(roots) == 0 || len(roots) > 4 {
		return false
	}
	for _, r := range roots {
		st, err := os.Stat(r.abs)
		if err != nil || !st.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// Close closes the index file.
func (c *Collection) Close() error { return c.db.Close() }

// Extractor is the collection's extractor (built when first needed).
func (c *Collection) Extractor() *Lazy { return c.x }

// Load loads the collection: from the index what it knows of unchanged
// files, the others read, parsed and extracted on all cores (and
// remembered), entries of another version derived again. Files that fail
// are warnings; the error is library.ErrNothingLoaded when nothing at all
// was loaded though something was asked for.
func (c *Collection) Load(ctx context.Context) (*library.Library, []library.Warning, error) {
	c.loadWithoutPoints()
	return c.run(ctx, nil)
}

// loadWithoutPoints closes an index opened for point lookups only.
func (c *Collection) loadWithoutPoints() {
	if c.pointsOnly {
		c.db.Close()
		c.db = nil
	}
}

// Run loads the collection as Load does, sending it as it grows: the
// first screen of the last session at once (from the index), then what
// the index knows, then the files read, then (Done) the whole collection,
// and entries of another version derived again. With Options.Watch it
// then follows the folders, sending every change, until ctx ends.
func (c *Collection) Run(ctx context.Context, send func(library.Update)) error {
	c.loadWithoutPoints()
	if c.opt.Watch {
		// watching starts with the walk (each folder before it is read),
		// so that nothing changed meanwhile is missed
		w, err := c.startWatching()
		if err != nil {
			c.notice("folders not watched: " + err.Error())
		} else {
			defer w.close()
		}
	}
	_, _, err := c.run(ctx, send)
	if err != nil {
		if ctx.Err() == nil {
			send(library.Update{Err: err, Done: true, Notice: strings.Join(c.Notices(), "; ")})
		}
		return err
	}
	if c.watcher != nil {
		return c.watch(ctx, send)
	}
	return nil
}

func (c *Collection) run(ctx context.Context, send func(library.Update)) (*library.Library, []library.Warning, error) {
	progressive := send != nil
	if progressive && c.sendHead(ctx, send) {
		// the reader draws the first screen before reading the index and
		// walking the folders take the cores
		select {
		case <-ctx.Done():
		case <-time.After(headPause):
		}
	}
	walkDone := make(chan walked, 1)
	go func() { walkDone <- walk(c.roots, c.workers, c.onDir) }()
	known := c.readIndex(ctx)
	if err := ctx.Err(); err != nil {
		<-walkDone
		return nil, nil, err
	}
	var w walked
	var early []*entry // what the collection was built of before the walk ended
	select {
	case w = <-walkDone:
	default:
		// What the index knows is built (and shown) while the walk goes
		// on; when the walk finds the files unchanged, it is the
		// collection, not built again.
		if docs, ens := c.optimistic(); len(docs) > 0 {
			lib := c.build(docs)
			early = ens
			if progressive {
				send(library.Update{Lib: lib, Found: len(docs), Loaded: len(docs), Checking: true, Notice: strings.Join(c.Notices(), "; ")})
			}
		}
		if c.built != nil {
			c.built()
		}
		w = <-walkDone
	}
	jobs, stale := c.reconcile(known, w)
	if progressive && (len(jobs) > 0 || !c.builtOf(early)) {
		send(c.update(false))
	}
	if !progressive {
		jobs, stale = append(jobs, stale...), nil
	}
	if err := c.derive(ctx, jobs, send); err != nil {
		return nil, nil, err
	}
	lib := c.lib
	if len(jobs) > 0 || !c.builtOf(early) {
		lib = c.build(nil)
	}
	warns := c.warnings()
	// the first screen for the next start, saved before the reader is
	// told (a user who quits at once still leaves it)
	c.saveHead(ctx)
	if progressive {
		u := c.update(true)
		u.Lib = lib
		send(u)
	}
	if c.compact {
		c.compactIndex(ctx)
	}
	if len(stale) > 0 {
		if err := c.derive(ctx, stale, send); err != nil {
			return nil, nil, err
		}
		lib = c.build(nil)
		if progressive {
			u := c.update(true)
			u.Lib = lib
			send(u)
		}
	}
	if lib.Len() == 0 && (len(c.slots) > 0 || len(warns) > 0) {
		return lib, warns, library.ErrNothingLoaded
	}
	return lib, warns, nil
}

// builtOf reports whether the slots (the collection as the walk found
// it) hold exactly the entries ens, in order: the collection built of ens
// is then the collection.
func (c *Collection) builtOf(ens []*entry) bool {
	if ens == nil || c.lib == nil {
		return false
	}
	i := 0
	for _, s := range c.slots {
		if s.gone || s.en == nil || s.en.err != "" {
			continue
		}
		if i >= len(ens) || ens[i] != s.en {
			return false
		}
		i++
	}
	return i == len(ens)
}

// update describes the collection now (without building it).
func (c *Collection) update(done bool) library.Update {
	u := library.Update{Done: done, Warnings: c.warnings(), Notice: strings.Join(c.Notices(), "; ")}
	for _, s := range c.slots {
		if s.gone {
			continue
		}
		u.Found++
		if s.en != nil {
			u.Loaded++
		}
	}
	if u.Warnings == nil {
		u.Warnings = []library.Warning{}
	}
	u.Lib = c.lib
	return u
}

// readIndex reads every entry of the index, decoded on all cores, by path.
// A damaged index is set aside (and rebuilt as files are read).
func (c *Collection) readIndex(ctx context.Context) map[string]*entry {
	if c.db == nil {
		return nil
	}
	type segment struct {
		seq  int64
		data []byte
	}
	type decoded struct {
		ens []entry
		err error
	}
	in := make(chan segment, 16)
	out := make(chan decoded, 16)
	var wg sync.WaitGroup
	for range c.workers {
		wg.Go(func() {
			locs := map[string]*time.Location{}
			for sg := range in {
				ens, err := decodeBucket(sg.data, locs)
				for i := range ens {
					ens[i].seq = sg.seq
				}
				out <- decoded{ens, err}
			}
		})
	}
	known := map[string]*entry{}
	var damage error
	total := 0
	var batches [][]entry
	collected := make(chan struct{})
	go func() {
		defer close(collected)
		for d := range out {
			if d.err != nil {
				damage = d.err
				continue
			}
			total += len(d.ens)
			if len(d.ens) > 0 {
				batches = append(batches, d.ens)
			}
			for i := range d.ens {
				en := &d.ens[i]
				switch old := known[en.path]; {
				case old == nil:
					known[en.path] = en
				case old.seq < en.seq:
					old.dead = true
					known[en.path] = en
				default:
					en.dead = true
				}
			}
		}
	}()
	segments := 0
	terms, err := c.db.read(ctx, func(seq int64, data []byte) {
		segments++
		in <- segment{seq, data}
	})
	close(in)
	wg.Wait()
	close(out)
	<-collected
	if err == nil {
		err = damage
	}
	if err != nil {
		if ctx.Err() == nil {
			c.indexFailed(ctx, err)
		}
		return nil
	}
	c.vocab = library.NewVocab(terms)
	c.terms = termMap{dbLen: len(terms), ident: len(terms)}
	// the entries in the order they are in memory (the segments' order),
	// for going through them all (optimistic) without jumping about
	slices.SortFunc(batches, func(a, b []entry) int { return cmp.Compare(a[0].seq, b[0].seq) })
	c.read = make([]*entry, 0, len(known))
	for _, ens := range batches {
		for i := range ens {
			if en := &ens[i]; !en.dead && en.err == "" {
				c.read = append(c.read, en)
			}
		}
	}
	for path, en := range known {
		if en.err == tombstone {
			delete(known, path)
		}
	}
	// a log holding much that was replaced is compacted after loading
	c.compact = segments > 4*(len(known)/segmentSize+1)+64 || total > 2*len(known)+segmentSize
	return known
}

// indexFailed handles an error of the index file: damage sets it aside
// and starts a new one; anything else stops using it. Either is one
// notice.
func (c *Collection) indexFailed(ctx context.Context, err error) {
	path := c.db.Path()
	c.db.Close()
	c.db = nil
	if isDamage(err) {
		if aerr := setAside(path); aerr == nil {
			if db, _, oerr := OpenDB(ctx, path); oerr == nil {
				c.db = db
				c.vocab = library.NewVocab(nil)
				c.terms = termMap{}
				c.notice(fmt.Sprintf("the index %s was damaged (%s) and is rebuilt; nothing of yours was in it", path, cause(err)))
				return
			}
		}
	}
	c.notice(fmt.Sprintf("index %s not used: %s", path, err))
}

// optimistic makes Docs of the index entries under the roots (and of the
// seeds), before the walk says which files are there: in the order the
// walk will find them (seeds, then each root's files as WalkDir lists
// them), each entry shown at the path the walk will give it, so that an
// unchanged collection gives the slots these very entries (builtOf).
func (c *Collection) optimistic() ([]library.Doc, []*entry) {
	type found struct {
		en  *entry
		key string // walkKey
	}
	all := make([]found, 0, len(c.read))
	var keys []byte // the keys, end to end (one allocation)
	var ends []int
	for _, en := range c.read {
		if name, ok := strings.CutPrefix(en.path, "seed:"); ok {
			if c.opt.Seeds == nil {
				continue
			}
			user := name
			if c.opt.SeedsPrefix != "" {
				user = c.opt.SeedsPrefix + "/" + name
			}
			en.b.Path = user
			all = append(all, found{en: en})
			keys = walkKey(keys, 0, name) // seeds come first
			ends = append(ends, len(keys))
			continue
		}
		for i, r := range c.roots {
			if user, ok := r.under(en.path); ok {
				en.b.Path = user
				all = append(all, found{en: en})
				keys = walkKey(keys, i+1, en.path[len(r.abs):])
				ends = append(ends, len(keys))
				break
			}
		}
	}
	ks, from := string(keys), 0
	for i := range all {
		all[i].key, from = ks[from:ends[i]], ends[i]
	}
	slices.SortFunc(all, func(a, b found) int { return strings.Compare(a.key, b.key) })
	docs := make([]library.Doc, len(all))
	ens := make([]*entry, len(all))
	for i, f := range all {
		docs[i] = library.Doc{Brief: f.en.b, Terms: f.en.terms, Seed: strings.HasPrefix(f.en.path, "seed:")}
		ens[i] = f.en
	}
	return docs, ens
}

// walkKey appends to buf a key that sorts the files as the walk finds
// them: the root's number as 4 bytes (big-endian), then the path under
// the root with each separator taken for the lowest byte, so that the
// keys of one folder sort as filepath.WalkDir visits the paths: name by
// name, each folder's entries sorted ("a/b" before "a.txt", as a name
// ends before any longer name; a name holds no NUL).
func walkKey(buf []byte, root int, rel string) []byte {
	buf = binary.BigEndian.AppendUint32(buf, uint32(root))
	start := len(buf)
	buf = append(buf, rel...)
	for i := start; i < len(buf); i++ {
		if buf[i] == filepath.Separator {
			buf[i] = 0
		}
	}
	return buf
}

// reconcile makes the slots from the walk and the index: an unchanged
// file takes its entry, a changed or new one is a job, an entry of
// another version is used and derived again later (stale). Entries of
// files gone from the roots' folders are dropped from the index.
func (c *Collection) reconcile(known map[string]*entry, w walked) (jobs, stale []*slot) {
	n := len(w.files) + 16
	c.slots, c.byAbs, c.warns, c.dirs = make([]*slot, 0, n), make(map[string][]*slot, n), w.warns, w.dirs
	block := make([]*slot, n) // the byAbs lists of one slot, in one allocation
	add := func(s *slot) {
		i := len(c.slots)
		c.slots = append(c.slots, s)
		if ss, ok := c.byAbs[s.abs]; ok || i >= len(block) {
			c.byAbs[s.abs] = append(ss, s)
		} else {
			block[i] = s
			c.byAbs[s.abs] = block[i : i+1 : i+1]
		}
		en := known[s.abs]
		switch {
		case en == nil || en.key != s.key || (s.seed && (en.err != "" || en.b.ID != identity.Of(s.data))):
			jobs = append(jobs, s)
		default:
			c.attach(s, en)
			if en.ver != c.ver {
				s.stale = true
				stale = append(stale, s)
			}
		}
	}
	if c.opt.Seeds != nil {
		names, _ := fs.Glob(c.opt.Seeds, "*")
		for _, n := range names {
			if !brief.IsSourceName(n) {
				continue
			}
			data, err := fs.ReadFile(c.opt.Seeds, n)
			user := n
			if c.opt.SeedsPrefix != "" {
				user = c.opt.SeedsPrefix + "/" + n
			}
			c.seedPaths[user] = n
			s := &slot{user: user, abs: "seed:" + n, seed: true, data: data, key: statKey{size: int64(len(data))}}
			if err != nil {
				s.key.size = -1
			}
			add(s)
		}
	}
	files := make([]slot, len(w.files)) // one allocation
	for i, f := range w.files {
		s := &files[i]
		s.user, s.abs = f.user, f.abs
		if f.err == nil && f.st != nil {
			s.key = keyOf(f.st)
		} else {
			s.key.size = -1 // never matches: ReadFile says what is wrong
		}
		add(s)
	}
	// entries of files no longer there
	var gone []string
	for abs, en := range known {
		if len(c.byAbs[abs]) > 0 {
			continue
		}
		if strings.HasPrefix(abs, "seed:") {
			if c.opt.Seeds != nil {
				gone = append(gone, abs)
			}
			continue
		}
		for _, r := range c.roots {
			if _, ok := r.under(en.path); ok {
				if _, err := os.Lstat(abs); errors.Is(err, fs.ErrNotExist) {
					gone = append(gone, abs)
				}
				break
			}
		}
	}
	c.forget(gone)
	return jobs, stale
}

// attach gives a slot its entry (the entry's brief shown at the slot's
// path).
func (c *Collection) attach(s *slot, en *entry) {
	if en.err == "" && en.b.Path != s.user {
		if en.b.Path != "" { // another slot shows it: a copy
			cp := *en
			b := *en.b
			cp.b = &b
			en = &cp
		}
		en.b.Path = s.user
	}
	s.en = en
}

// warnings lists the files that could not be loaded: the walk's, then the
// files', in slot order.
func (c *Collection) warnings() []library.Warning {
	out := append([]library.Warning(nil), c.warns...)
	for _, s := range c.slots {
		if s.gone || s.en == nil || s.en.err == "" {
			continue
		}
		out = append(out, library.Warning{Path: s.user, Err: errors.New(s.en.err)})
	}
	return out
}

// build makes a library of docs, or (nil) of every slot with an entry.
func (c *Collection) build(docs []library.Doc) *library.Library {
	if docs == nil {
		docs = make([]library.Doc, 0, len(c.slots))
		for _, s := range c.slots {
			if s.gone || s.en == nil || s.en.err != "" {
				continue
			}
			docs = append(docs, library.Doc{Brief: s.en.b, Terms: s.en.terms, Seed: s.seed})
		}
	}
	c.builds++
	library.Infer(c.x, docs)
	lib := library.Build(library.Config{Extractor: c.x, Vocab: c.vocab, Body: c.readBody, Workers: c.workers}, docs)
	c.lib = lib
	return lib
}

// readBody reads a brief's body from its file (or the seeds).
func (c *Collection) readBody(b *brief.Brief) (string, error) {
	var full *brief.Brief
	var err error
	if name, ok := c.seedPaths[b.Path]; ok {
		full, err = brief.ReadFS(c.opt.Seeds, name, c.opt.SeedsPrefix)
	} else {
		full, err = brief.ReadFile(b.Path)
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", b.Path, err)
	}
	return full.Body, nil
}

// result is a slot derived by a worker.
type result struct {
	s  *slot
	en *entry // nil: nothing to remember (the file could not be stat'ed)
	w  error  // the warning when en is nil
}

// derive reads, parses, extracts and tokenizes the slots' files on all
// cores, remembering them in the index (in batches), and, when send is
// not nil, sends the growing collection now and then.
func (c *Collection) derive(ctx context.Context, jobs []*slot, send func(library.Update)) error {
	if len(jobs) == 0 {
		return nil
	}
	if _, err := c.x.Get(); err != nil {
		return err
	}
	next := make(chan *slot)
	out := make(chan result, 64)
	var wg sync.WaitGroup
	for range min(c.workers, len(jobs)) {
		wg.Go(func() {
			tz := c.vocab.NewTokenizer()
			locs := map[string]*time.Location{}
			for s := range next {
				out <- c.deriveOne(s, tz, locs)
			}
		})
	}
	go func() {
		defer close(next)
		for _, s := range jobs {
			select {
			case next <- s:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(out)
	}()
	var pending []*entry
	lastSave, lastSend, lastBuild := time.Now(), time.Now(), time.Now()
	buildCost := time.Duration(0)
	derived, built := 0, false
	for r := range out {
		derived++
		if r.en != nil {
			c.attach(r.s, r.en)
			r.s.stale = false
			pending = append(pending, r.en)
		} else {
			r.s.en = &entry{path: r.s.abs, err: r.w.Error()}
		}
		if len(pending) >= 2000 || (len(pending) > 0 && time.Since(lastSave) > time.Second) {
			c.save(ctx, pending, nil)
			pending, lastSave = nil, time.Now()
		}
		switch {
		case send == nil:
		case time.Since(lastBuild) > max(250*time.Millisecond, 4*buildCost) || !built && derived == firstScreen:
			// the collection so far: a first screen as soon as there is
			// one, then built at most a fifth of the time (building takes
			// the cores deriving needs)
			built = true
			t0 := time.Now()
			u := c.update(false)
			u.Lib = c.build(nil)
			buildCost = time.Since(t0)
			send(u)
			lastBuild, lastSend = time.Now(), time.Now()
		case time.Since(lastSend) > 250*time.Millisecond:
			u := c.update(false) // the progress alone
			u.Lib = nil
			send(u)
			lastSend = time.Now()
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	c.save(ctx, pending, nil)
	return nil
}

// deriveOne reads one slot's file.
func (c *Collection) deriveOne(s *slot, tz *library.Tokenizer, locs map[string]*time.Location) result {
	var b *brief.Brief
	var st fs.FileInfo
	var err error
	key := s.key
	if s.seed {
		b, err = brief.Parse(s.user, s.data)
	} else {
		b, st, err = c.readFile(s.user)
		if st == nil {
			return result{s: s, w: err}
		}
		key = keyOf(st)
	}
	en := &entry{path: s.abs, key: key, ver: c.ver}
	if err != nil {
		en.err = err.Error()
		return result{s: s, en: en}
	}
	c.x.Apply(b)
	en.terms = tz.Terms(b.Title, b.Body)
	b.Body = "" // read again when needed
	en.b = b
	return result{s: s, en: compacted(en, locs)}
}

// compacted returns the entry as a warm start reads it from the index:
// decoded from its encoding, so that its strings share one small buffer
// instead of each holding on to the text of the whole file it was cut
// from (100,000 files read would otherwise stay in memory). Path is set
// by attach; nothing else of the brief is left out of the encoding.
func compacted(en *entry, locs map[string]*time.Location) *entry {
	enc := encodeEntry(en)
	d := decoder{buf: enc, locs: locs}
	out, err := d.entry(new(brief.Brief))
	if err != nil {
		return en // cannot happen: keep the original
	}
	out.terms = en.terms
	return &out
}

// forget drops the entries of paths from the index.
func (c *Collection) forget(paths []string) {
	if len(paths) > 0 {
		c.save(context.Background(), nil, paths)
	}
}

// sendHead sends the first screen of the last session, from the index,
// and reports whether it did.
func (c *Collection) sendHead(ctx context.Context, send func(library.Update)) bool {
	if c.db == nil {
		return false
	}
	data, err := c.db.head(ctx, c.headKey)
	if err != nil || data == nil {
		return false
	}
	ens, err := decodeBucket(data, nil)
	if err != nil {
		return false
	}
	var docs []library.Doc
	for i := range ens {
		en := &ens[i]
		if en.err != "" {
			continue
		}
		user := ""
		if name, ok := strings.CutPrefix(en.path, "seed:"); ok {
			user = name
			if c.opt.SeedsPrefix != "" {
				user = c.opt.SeedsPrefix + "/" + name
			}
			c.seedPaths[user] = name
		} else {
			for _, r := range c.roots {
				if u, ok := r.under(en.path); ok {
					user = u
					break
				}
			}
		}
		if user == "" {
			continue
		}
		en.b.Path = user
		docs = append(docs, library.Doc{Brief: en.b, Terms: library.Terms{}, Seed: strings.HasPrefix(en.path, "seed:")})
	}
	if len(docs) > 0 {
		lib := library.Build(library.Config{Extractor: c.x, Vocab: library.NewVocab(nil), Body: c.readBody}, docs)
		send(library.Update{Lib: lib}) // no count yet: the index is being read
		return true
	}
	return false
}

// headPause is how long loading waits after sending the first screen, for
// the reader to draw it (a few milliseconds of work that would otherwise
// share the cores with reading the index).
const headPause = 25 * time.Millisecond

// firstScreen is how many briefs derived make a first screen worth
// sending at once (more than a terminal's rows).
const firstScreen = 100

// headSize is how many briefs the first screen holds.
const headSize = 200

// saveHead remembers the first screen of the collection (its newest
// briefs), for the next start.
func (c *Collection) saveHead(ctx context.Context) {
	if c.db == nil || c.lib == nil {
		return
	}
	byPath := make(map[string]*slot, len(c.slots))
	for _, s := range c.slots {
		if !s.gone && s.en != nil && s.en.b != nil {
			byPath[s.user] = s
		}
	}
	var encoded [][]byte
	for i := range min(headSize, c.lib.Len()) {
		s := byPath[c.lib.Brief(int32(i)).Path]
		if s == nil {
			continue
		}
		en := *s.en
		en.terms = nil
		encoded = append(encoded, encodeEntry(&en))
	}
	data := encodeBucket(encoded)
	if old, err := c.db.head(ctx, c.headKey); err == nil && string(old) == string(data) {
		return
	}
	err := c.db.write(ctx, func(tx *sql.Conn) error {
		_, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO heads (key, data) VALUES (?, ?)", c.headKey, data)
		return err
	})
	if err != nil && ctx.Err() == nil {
		c.indexFailed(ctx, err)
	}
}
