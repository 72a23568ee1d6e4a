package index

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/corpus"
	"github.com/briefs/briefs/internal/extract"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/seeds"
)

// sharedX is one extractor for the package's tests (building one costs).
var sharedX = func() func() (library.Extractor, error) {
	var x *extract.Extractor
	var err error
	done := make(chan struct{})
	go func() { x, err = extract.New(); close(done) }()
	return func() (library.Extractor, error) { <-done; return x, err }
}()

// fixture is a folder of briefs and an index file.
type fixture struct {
	t     *testing.T
	dir   string // the briefs
	index string
	reads atomic.Int64 // files read to be derived
}

func newFixture(t *testing.T, n int) *fixture {
	t.Helper()
	base := t.TempDir()
	f := &fixture{t: t, dir: filepath.Join(base, "briefs"), index: filepath.Join(base, "cache", "index.db")}
	for _, file := range corpus.Generate(n, 3, 800) {
		f.write(file.Name, string(file.Data))
	}
	// a few of the extractor's test briefs (Arabic, agencies, series) and
	// files that cannot be read
	tb, _ := filepath.Glob("../extract/testdata/briefs/*.txt")
	for _, p := range tb[:min(len(tb), 40)] {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f.write("x/"+filepath.Base(p), string(data))
	}
	f.write("bad/empty.txt", "")
	f.write("bad/binary.md", "a\x00b")
	f.write(".hidden/skip.txt", "not read")
	f.write("notes.pdf", "not a brief")
	return f
}

func (f *fixture) write(name, text string) string {
	f.t.Helper()
	p := filepath.Join(f.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		f.t.Fatal(err)
	}
	return p
}

func (f *fixture) options() Options {
	return Options{Paths: []string{f.dir}, Seeds: seeds.FS(), SeedsPrefix: "seeds", Index: f.index, Extractor: sharedX}
}

// open opens a collection counting the files it reads.
func (f *fixture) open(opt Options) *Collection {
	f.t.Helper()
	c, err := Open(context.Background(), opt)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { c.Close() })
	c.readFile = func(p string) (*brief.Brief, fs.FileInfo, error) {
		f.reads.Add(1)
		return brief.ReadFileInfo(p)
	}
	return c
}

// load loads the collection, returning it and how many files were read.
func (f *fixture) load(opt Options) (*library.Library, []library.Warning, int64, *Collection) {
	f.t.Helper()
	c := f.open(opt)
	f.reads.Store(0)
	lib, warns, err := c.Load(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		f.t.Fatal(err)
	}
	return lib, warns, f.reads.Load(), c
}

// view is a brief as compared: every field, times as text with their
// zone, without the body.
func view(b *brief.Brief) string {
	c := *b
	c.Body = ""
	t := func(tt time.Time) string {
		if tt.IsZero() {
			return "zero"
		}
		name, off := tt.Zone()
		return tt.Format(time.RFC3339Nano) + " " + name + fmt.Sprint(off) + " " + tt.Location().String()
	}
	pub, sd, ft := t(c.Published), t(c.Stated.Date), t(c.Hints.FileTime)
	c.Published, c.Stated.Date, c.Hints.FileTime = time.Time{}, time.Time{}, time.Time{}
	return fmt.Sprintf("%+v|%s|%s|%s", c, pub, sd, ft)
}

func views(l *library.Library) []string {
	var out []string
	for _, b := range l.Briefs() {
		out = append(out, view(b))
	}
	return out
}

func warnText(ws []library.Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Error())
	}
	return out
}

// reference loads the folder the way library.Load does (everything read,
// bodies in memory).
func reference(t *testing.T, opt Options) (*library.Library, []library.Warning) {
	t.Helper()
	x, _ := sharedX()
	lib, warns, err := library.Load(context.Background(), x, library.Options{Paths: opt.Paths, Seeds: opt.Seeds, SeedsPrefix: opt.SeedsPrefix})
	if err != nil {
		t.Fatal(err)
	}
	return lib, warns
}

// TestColdAndWarmSameAsLoad: the first load (everything read) and the
// next (nothing read, the extractor never built) give exactly what
// library.Load gives: the same briefs in the same order with the same
// metadata, the same warnings; bodies read on demand are the same.
func TestColdAndWarmSameAsLoad(t *testing.T) {
	f := newFixture(t, 300)
	want, wantWarns := reference(t, f.options())
	cold, coldWarns, reads, _ := f.load(f.options())
	if reads == 0 {
		t.Fatal("cold load read nothing")
	}
	warm, warmWarns, reads, _ := f.load(f.options())
	if reads != 0 {
		t.Errorf("warm load read %d files", reads)
	}
	for name, got := range map[string]*library.Library{"cold": cold, "warm": warm} {
		if g, w := views(got), views(want); !slices.Equal(g, w) {
			for i := range min(len(g), len(w)) {
				if g[i] != w[i] {
					t.Fatalf("%s: brief %d:\n got %s\nwant %s", name, i, g[i], w[i])
				}
			}
			t.Fatalf("%s: %d briefs, want %d", name, len(g), len(w))
		}
	}
	for name, got := range map[string][]library.Warning{"cold": coldWarns, "warm": warmWarns} {
		if g, w := warnText(got), warnText(wantWarns); !slices.Equal(g, w) {
			t.Errorf("%s warnings:\n%q\nwant\n%q", name, g, w)
		}
	}
	for i, b := range warm.Briefs() {
		if b.Body != "" {
			t.Fatalf("%s: body held in memory", b.Path)
		}
		body, err := warm.Body(b)
		if err != nil || body != want.Brief(int32(i)).Body {
			t.Fatalf("%s: body on demand differs (%v)", b.Path, err)
		}
	}
	// the same search results, phrases included
	for _, qs := range []string{"border", `"border control"`, "edition:3 country:kuwait", "وزراء", `"مجلس الوزراء"`, "source:nina -drug"} {
		q, err := library.Parse(qs)
		if err != nil {
			t.Fatal(err)
		}
		a, err1 := want.Search(q, library.User{}, library.ByTitle)
		b, err2 := warm.Search(q, library.User{}, library.ByTitle)
		if err1 != nil || err2 != nil || !slices.Equal(a.Items, b.Items) {
			t.Errorf("%s: %d results warm, %d loaded (%v %v)", qs, len(b.Items), len(a.Items), err1, err2)
		}
	}
}

// TestWarmNoExtractor: a warm start of a collection whose editions need no
// inference never builds the extractor.
func TestWarmNoExtractor(t *testing.T) {
	base := t.TempDir()
	f := &fixture{t: t, dir: filepath.Join(base, "briefs"), index: filepath.Join(base, "index.db")}
	for _, file := range corpus.Generate(50, 5, 500) {
		f.write(file.Name, string(file.Data))
	}
	f.load(f.options())
	if _, _, reads, c := f.load(f.options()); reads != 0 || c.Extractor().Built() {
		t.Errorf("warm: %d reads, extractor built: %v", reads, c.Extractor().Built())
	}
}

// TestInvalidation: an edited, added, removed or renamed file is noticed;
// only the files that changed are read.
func TestInvalidation(t *testing.T) {
	f := newFixture(t, 60)
	f.load(f.options())
	nina := filepath.Join(f.dir, "nina", "000000.txt")
	old, err := os.ReadFile(nina)
	if err != nil {
		t.Fatal(err)
	}
	// an edit that keeps the size and the modification time: the change
	// time (or the inode, for an editor that replaces the file) tells
	st, _ := os.Stat(nina)
	edited := strings.Replace(string(old), "Baghdad", "Basrah!", 1)
	if len(edited) != len(old) {
		t.Fatal("edit changed the size")
	}
	time.Sleep(20 * time.Millisecond) // a later change time
	if err := os.WriteFile(nina, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(nina, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	added := f.write("new/added.md", "---\ntitle: Added brief\ndate: 2025-01-02\n---\n\nA new brief about Kuwait.\n")
	removed := filepath.Join(f.dir, "md", "000002.md")
	removedData, _ := os.ReadFile(removed)
	if err := os.Remove(removed); err != nil {
		t.Fatal(err)
	}
	from, to := filepath.Join(f.dir, "shafaq", "000001.txt"), filepath.Join(f.dir, "shafaq", "renamed.txt")
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
	want, _ := reference(t, f.options())
	lib, _, reads, _ := f.load(f.options())
	if g, w := views(lib), views(want); !slices.Equal(g, w) {
		t.Fatalf("after changes: %d briefs, want %d (or metadata differs)", len(g), len(w))
	}
	if reads != 3 { // edited, added, renamed
		t.Errorf("%d files read, want 3", reads)
	}
	byPath := map[string]*brief.Brief{}
	for _, b := range lib.Briefs() {
		byPath[b.Path] = b
	}
	if b := byPath[nina]; b == nil || !strings.Contains(b.Title+must(lib.Body(b)), "Basrah!") {
		t.Error("edit not seen")
	}
	if byPath[added] == nil || byPath[removed] != nil || byPath[from] != nil || byPath[to] == nil {
		t.Errorf("added %v, removed %v, renamed from %v to %v", byPath[added] != nil, byPath[removed] == nil, byPath[from] == nil, byPath[to] != nil)
	}
	// and the index forgot the removed file: put it back, it is read
	if err := os.WriteFile(removed, removedData, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, reads, _ := f.load(f.options()); reads != 1 {
		t.Errorf("restored file: %d reads, want 1", reads)
	}
	if _, _, reads, _ := f.load(f.options()); reads != 0 {
		t.Errorf("unchanged: %d reads", reads)
	}
}

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}

// TestVersionBump: entries of another derive version are used while they
// are derived again: Load derives them before returning, Run sends them
// at once and the derived collection after.
func TestVersionBump(t *testing.T) {
	f := newFixture(t, 40)
	opt := f.options()
	opt.Version = "v1"
	_, _, n, _ := f.load(opt)
	opt.Version = "v2"
	_, _, reads, _ := f.load(opt)
	if reads != n {
		t.Errorf("Load after a version bump read %d files, want %d", reads, n)
	}
	if _, _, reads, _ := f.load(opt); reads != 0 {
		t.Errorf("then %d reads", reads)
	}
	// Run: the old entries first (all of them, Done), then derived again
	opt.Version = "v3"
	c := f.open(opt)
	f.reads.Store(0)
	var ups []library.Update
	if err := c.Run(context.Background(), func(u library.Update) { ups = append(ups, u) }); err != nil {
		t.Fatal(err)
	}
	firstDone := slices.IndexFunc(ups, func(u library.Update) bool { return u.Done })
	if firstDone < 0 || ups[firstDone].Lib == nil || ups[firstDone].Lib.Len() == 0 {
		t.Fatal("no complete collection sent")
	}
	if reads := f.reads.Load(); reads != n {
		t.Errorf("Run read %d files, want %d", reads, n)
	}
	last := ups[len(ups)-1]
	if len(ups)-1 == firstDone || last.Lib == ups[firstDone].Lib {
		t.Error("nothing sent after deriving again")
	}
	if last.Lib.Len() != ups[firstDone].Lib.Len() {
		t.Errorf("%d briefs after deriving again, %d before", last.Lib.Len(), ups[firstDone].Lib.Len())
	}
}

// TestDamagedIndex: a file that is not a database, or a database whose
// pages are damaged, is set aside and rebuilt, with one notice; loading
// works all the same.
func TestDamagedIndex(t *testing.T) {
	f := newFixture(t, 30)
	want, _ := reference(t, f.options())
	for _, damage := range []struct {
		name string
		do   func()
	}{
		{"garbage", func() {
			if err := os.WriteFile(f.index, []byte("this is not an index, it is a shopping list\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"pages", func() {
			data, err := os.ReadFile(f.index)
			if err != nil {
				t.Fatal(err)
			}
			for i := 4096; i+64 < len(data); i += 4096 { // every page but the first
				copy(data[i+8:], "\xde\xad\xbe\xef garbage garbage garbage garbage\xff\xff")
			}
			if err := os.WriteFile(f.index, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"truncated", func() {
			if err := os.Truncate(f.index, 3000); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(damage.name, func(t *testing.T) {
			f.load(f.options()) // a good index (WAL checkpointed at close)
			damage.do()
			os.Remove(f.index + "-wal")
			os.Remove(f.index + "-shm")
			lib, _, _, c := f.load(f.options())
			if !slices.Equal(views(lib), views(want)) {
				t.Error("collection differs after the damage")
			}
			notices := strings.Join(c.Notices(), "\n")
			if !strings.Contains(notices, "rebuilt") {
				t.Errorf("notices: %q", notices)
			}
			c.Close()
			if _, _, reads, c := f.load(f.options()); reads != 0 || len(c.Notices()) != 0 {
				t.Errorf("after rebuilding: %d reads, notices %q", reads, c.Notices())
			}
		})
	}
}

// TestForeignDatabase: a database of something else at the index's path is
// never changed; the collection loads without an index and says why.
func TestForeignDatabase(t *testing.T) {
	f := newFixture(t, 10)
	if err := os.MkdirAll(filepath.Dir(f.index), 0o755); err != nil {
		t.Fatal(err)
	}
	db, err := sqlOpen(f.index)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE precious (x TEXT); INSERT INTO precious VALUES ('mine')"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(f.index)
	lib, _, _, c := f.load(f.options())
	if lib.Len() == 0 {
		t.Fatal("nothing loaded")
	}
	if n := strings.Join(c.Notices(), " "); !strings.Contains(n, "not a briefs index") {
		t.Errorf("notices: %q", n)
	}
	after, _ := os.ReadFile(f.index)
	if string(before) != string(after) {
		t.Error("the foreign database was changed")
	}
}

// TestNoIndex: without an index file everything is read, bodies on demand.
func TestNoIndex(t *testing.T) {
	f := newFixture(t, 20)
	opt := f.options()
	opt.Index = ""
	want, _ := reference(t, opt)
	lib, _, reads, _ := f.load(opt)
	if reads == 0 || !slices.Equal(views(lib), views(want)) {
		t.Errorf("without an index: %d reads, same: %v", reads, slices.Equal(views(lib), views(want)))
	}
}

// TestEntryFields: every field of brief.Brief is stored (a field added to
// Brief must be added to the encoding, and the schema version bumped).
func TestEntryFields(t *testing.T) {
	var names []string
	var walkType func(prefix string, t reflect.Type)
	walkType = func(prefix string, t reflect.Type) {
		for i := range t.NumField() {
			fl := t.Field(i)
			if fl.Type.Kind() == reflect.Struct && fl.Type != reflect.TypeOf(time.Time{}) {
				walkType(prefix+fl.Name+".", fl.Type)
				continue
			}
			names = append(names, prefix+fl.Name)
		}
	}
	walkType("", reflect.TypeOf(brief.Brief{}))
	stored := []string{"ID", "Title", "Source", "Published", "HasTime", "Dateline", "Series.Key", "Series.Name",
		"Edition", "EditionInferred", "EventYear", "EditionsMentioned", "EventsMentioned", "Countries",
		"Body", "Path", "Corrected", // not stored: read on demand, the shown path, the user's corrections

		"Words", "Format", "Stated.Title", "Stated.Date", "Stated.HasDate", "Stated.HasTime", "Stated.Source",
		"Stated.URL", "Stated.Series", "Stated.Edition", "Stated.Countries", "Stated.Tags", "Hints.DateText",
		"Hints.Source", "Hints.Dateline", "Hints.AgencyID", "Hints.FileTime", "Hints.LeadLen", "Hints.Legacy"}
	for _, n := range names {
		if !slices.Contains(stored, n) {
			t.Errorf("brief.Brief.%s is not stored in the index: add it to codec.go and bump schemaVersion", n)
		}
	}
	fieldsOf := func(v any) []string {
		var out []string
		for f := range reflect.TypeOf(v).Fields() {
			out = append(out, f.Name)
		}
		return out
	}
	if got := fieldsOf(brief.Event{}); !slices.Equal(got, []string{"Series", "Edition", "Year"}) {
		t.Errorf("brief.Event has %v: update codec.go", got)
	}
	if got := fieldsOf(brief.Country{}); !slices.Equal(got, []string{"Code", "Name", "Mentions"}) {
		t.Errorf("brief.Country has %v: update codec.go", got)
	}
}

func sqlOpen(path string) (*sql.DB, error) { return sql.Open("sqlite", path) }

// TestLazyForwards: the lazy extractor has every method the library asks
// an extractor for by interface (found in the library's source: a method
// added there must be forwarded by Lazy, or it silently does nothing).
func TestLazyForwards(t *testing.T) {
	x, err := sharedX()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../library/*.go")
	asked := regexp.MustCompile(`\.\(interface\s*\{\s*([A-Z]\w*)\(`)
	names := map[string]bool{"Apply": true, "LookupCountry": true}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range asked.FindAllStringSubmatch(string(src), -1) {
			names[m[1]] = true
		}
	}
	if len(names) < 5 {
		t.Fatalf("found only %v in the library's source", names)
	}
	lazy := reflect.TypeOf(NewLazy(sharedX))
	for name := range names {
		m, ok := reflect.TypeOf(x).MethodByName(name)
		if !ok {
			continue // the extractor does not have it either
		}
		lm, ok := lazy.MethodByName(name)
		if !ok || lm.Type.NumIn() != m.Type.NumIn() || lm.Type.NumOut() != m.Type.NumOut() {
			t.Errorf("Lazy does not forward %s %v", name, m.Type)
		}
	}
}
