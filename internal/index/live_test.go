package index

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/store"
	"github.com/briefs/briefs/seeds"
)

// TestMain lets the test binary act as another process using the index
// (TestConcurrentProcesses).
func TestMain(m *testing.M) {
	if dir := os.Getenv("BRIEFS_INDEX_TEST_WRITER"); dir != "" {
		os.Exit(writer(dir, os.Getenv("BRIEFS_INDEX_TEST_FILE")))
	}
	os.Exit(m.Run())
}

// writer is a command-line process: it loads the collection again and
// again, editing a file of its own in between (so that it writes to the
// index each time).
func writer(dir, index string) int {
	for i := range 15 {
		p := filepath.Join(dir, "writer", "w.md")
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		text := fmt.Sprintf("---\ntitle: Writer %d\n---\n\nWord%d zebra%d about Kuwait.\n", i, i, i)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		c, err := Open(context.Background(), Options{Paths: []string{dir}, Index: index, Extractor: sharedX})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		lib, _, err := c.Load(context.Background())
		c.Close()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if n := c.Notices(); len(n) > 0 {
			fmt.Fprintln(os.Stderr, "notice:", n)
			return 1
		}
		if _, err := lib.Find(p); err != nil {
			fmt.Fprintln(os.Stderr, "own file not found:", err)
			return 1
		}
	}
	return 0
}

// TestConcurrentProcesses: two readers (Run) and a command-line process
// writing at once, on an index being built: none fails or warns, and the
// index ends up right (a last load reads nothing and matches a full read).
func TestConcurrentProcesses(t *testing.T) {
	f := newFixture(t, 400)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), "BRIEFS_INDEX_TEST_WRITER="+f.dir, "BRIEFS_INDEX_TEST_FILE="+f.index)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for r := range 2 {
		wg.Go(func() {
			for range 3 {
				opt := f.options()
				c, err := Open(context.Background(), opt)
				if err != nil {
					errs <- err
					return
				}
				var last library.Update
				err = c.Run(context.Background(), func(u library.Update) {
					if u.Notice != "" {
						errs <- fmt.Errorf("reader %d: notice %q", r, u.Notice)
					}
					last = u
				})
				c.Close()
				if err != nil {
					errs <- fmt.Errorf("reader %d: %w", r, err)
					return
				}
				if !last.Done || last.Lib == nil || last.Lib.Len() < 400 {
					errs <- fmt.Errorf("reader %d: ended with %+v", r, last)
				}
			}
		})
	}
	wg.Wait()
	if err := cmd.Wait(); err != nil {
		t.Errorf("writer process: %v\n%s", err, out.String())
	}
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	want, _ := reference(t, f.options())
	lib, _, reads, _ := f.load(f.options())
	if reads != 0 {
		t.Errorf("the index misses %d files", reads)
	}
	if !slices.Equal(views(lib), views(want)) {
		t.Error("the index holds wrong entries")
	}
	// the text index too: every word of the writer's last version
	q, _ := library.Parse("zebra14")
	if res, err := lib.Search(q, library.User{}, library.ByDate); err != nil || len(res.Items) != 1 {
		t.Errorf("zebra14: %v %v", res.Items, err)
	}
}

// updates runs a watching collection, sending its updates on a channel.
func updates(t *testing.T, opt Options) (<-chan library.Update, func()) {
	t.Helper()
	opt.Watch = true
	c, err := Open(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan library.Update, 1000)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = c.Run(ctx, func(u library.Update) { ch <- u })
	}()
	return ch, func() {
		cancel()
		<-done
		c.Close()
	}
}

// await waits (at most a generous deadline: the machine may be busy) for
// an update whose library passes ok.
func await(t *testing.T, ch <-chan library.Update, what string, ok func(*library.Library) bool) *library.Library {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case u := <-ch:
			if u.Err != nil {
				t.Fatalf("%s: %v", what, u.Err)
			}
			if u.Done && u.Lib != nil && ok(u.Lib) {
				return u.Lib
			}
		case <-deadline:
			t.Fatalf("%s: not seen", what)
		}
	}
}

func byPath(l *library.Library, p string) *brief.Brief {
	for _, b := range l.Briefs() {
		if b.Path == p {
			return b
		}
	}
	return nil
}

// TestWatch: a brief dropped into a folder, edited, renamed, deleted, and
// a folder added, show up in the running collection.
func TestWatch(t *testing.T) {
	f := newFixture(t, 20)
	ch, stop := updates(t, f.options())
	defer stop()
	lib := await(t, ch, "loaded", func(*library.Library) bool { return true })
	n := lib.Len()
	added := f.write("nina/dropped.txt", "Dropped brief\n\nA brief about Oman dropped in while running.\n")
	lib = await(t, ch, "added", func(l *library.Library) bool { return byPath(l, added) != nil })
	if lib.Len() != n+1 {
		t.Errorf("%d briefs, want %d", lib.Len(), n+1)
	}
	id := byPath(lib, added).ID
	f.write("nina/dropped.txt", "Dropped brief, edited\n\nA brief about Oman, edited while running.\n")
	lib = await(t, ch, "edited", func(l *library.Library) bool {
		b := byPath(l, added)
		return b != nil && b.Title == "Dropped brief, edited"
	})
	if byPath(lib, added).ID == id {
		t.Error("the edited brief kept its ID")
	}
	id = byPath(lib, added).ID
	renamed := filepath.Join(f.dir, "nina", "renamed.txt")
	if err := os.Rename(added, renamed); err != nil {
		t.Fatal(err)
	}
	lib = await(t, ch, "renamed", func(l *library.Library) bool { return byPath(l, renamed) != nil && byPath(l, added) == nil })
	if byPath(lib, renamed).ID != id {
		t.Error("the renamed brief has another ID")
	}
	if err := os.Remove(renamed); err != nil {
		t.Fatal(err)
	}
	await(t, ch, "deleted", func(l *library.Library) bool { return byPath(l, renamed) == nil && l.Len() == n })
	sub := f.write("later/deeper/new.md", "# New folder brief\n\nIn a folder made while running.\n")
	await(t, ch, "new folder", func(l *library.Library) bool { return byPath(l, sub) != nil })
	if err := os.RemoveAll(filepath.Join(f.dir, "later")); err != nil {
		t.Fatal(err)
	}
	await(t, ch, "folder removed", func(l *library.Library) bool { return byPath(l, sub) == nil })
	// what the watcher learned is in the index
	stop()
	if _, _, reads, _ := f.load(f.options()); reads != 0 {
		t.Errorf("after watching, %d files read", reads)
	}
}

// TestRunProgressive: a warm Run sends the first screen (the newest briefs
// of the last session) first, then the whole collection.
func TestRunProgressive(t *testing.T) {
	f := newFixture(t, 500)
	f.load(f.options())
	c := f.open(f.options())
	var ups []library.Update
	if err := c.Run(context.Background(), func(u library.Update) { ups = append(ups, u) }); err != nil {
		t.Fatal(err)
	}
	if len(ups) < 2 || ups[0].Lib == nil || ups[0].Done {
		t.Fatalf("first update: %+v", ups[0])
	}
	first, last := ups[0].Lib, ups[len(ups)-1].Lib
	if first.Len() != headSize || !ups[len(ups)-1].Done {
		t.Errorf("first screen: %d briefs; last update done: %v", first.Len(), ups[len(ups)-1].Done)
	}
	for i := range first.Len() {
		if first.Brief(int32(i)).ID != last.Brief(int32(i)).ID {
			t.Fatalf("first screen row %d: %s, then %s", i, first.Brief(int32(i)).ID, last.Brief(int32(i)).ID)
		}
	}
	if b, err := first.Body(first.Brief(0)); err != nil || b == "" {
		t.Errorf("body from the first screen: %v", err)
	}
	for _, u := range ups {
		if u.Found < u.Loaded || (u.Done && u.Found != u.Loaded) {
			t.Errorf("progress %d of %d (done %v)", u.Loaded, u.Found, u.Done)
		}
	}
}

// TestAnnotationsSurviveIndex: the user's tags and notes (the store) do not
// depend on the index: deleting or rebuilding it changes no ID, and every
// annotated brief is still there.
func TestAnnotationsSurviveIndex(t *testing.T) {
	f := newFixture(t, 50)
	lib, _, _, _ := f.load(f.options())
	st, err := store.Open(filepath.Join(t.TempDir(), "briefs.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	var ids []string
	for i := range 5 {
		b := lib.Brief(int32(i * 7))
		ids = append(ids, b.ID)
		if err := st.ApplyTags(ctx, []string{b.ID}, []string{"kept"}, nil); err != nil {
			t.Fatal(err)
		}
		if err := st.AppendNote(ctx, b.ID, "note "+b.ID); err != nil {
			t.Fatal(err)
		}
	}
	check := func(what string, l *library.Library) {
		t.Helper()
		if _, err := st.Reattach(ctx, l.Candidates()); err != nil {
			t.Fatal(err)
		}
		tags, _ := st.AllTags(ctx)
		notes, _ := st.AllNotes(ctx)
		for _, id := range ids {
			if _, err := l.Find(id); err != nil || !slices.Contains(tags[id], "kept") || notes[id] != "note "+id {
				t.Errorf("%s: %s: %v, tags %v, note %q", what, id, err, tags[id], notes[id])
			}
		}
	}
	check("indexed", lib)
	for _, p := range []string{f.index, f.index + "-wal", f.index + "-shm"} {
		os.Remove(p)
	}
	lib, _, _, _ = f.load(f.options())
	check("index deleted", lib)
	if err := os.WriteFile(f.index, []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, _, _, _ = f.load(f.options())
	check("index rebuilt", lib)
	opt := f.options()
	opt.Version = "another"
	lib, _, _, _ = f.load(opt)
	check("another version", lib)
}

// TestCompaction: a log grown by many small writes is compacted, and what
// it holds stays right.
func TestCompaction(t *testing.T) {
	f := newFixture(t, 10)
	f.load(f.options())
	p := f.write("edits/e.md", "# start\n")
	for i := range 80 {
		f.write("edits/e.md", fmt.Sprintf("# edit %d\n\nbody %d\n", i, i))
		f.load(f.options())
	}
	db, err := sqlOpen(f.index)
	if err != nil {
		t.Fatal(err)
	}
	var segments int
	if err := db.QueryRow("SELECT count(*) FROM segments").Scan(&segments); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if segments > 70 {
		t.Errorf("%d segments after 80 small writes: not compacted", segments)
	}
	lib, _, reads, _ := f.load(f.options())
	if b := byPath(lib, p); reads != 0 || b == nil || b.Title != "edit 79" {
		t.Errorf("after compaction: %d reads, %v", reads, b)
	}
	// the points table was rewritten with the segments (lookup.go)
	checkPoints(t, f.index)
	c := f.open(Options{Paths: []string{p}, Index: f.index, Extractor: sharedX})
	if one, ok := c.Current(context.Background()); !ok || one.Brief(0).Title != "edit 79" {
		t.Errorf("lookup after compaction: %v %v", ok, one)
	}
	_ = seeds.FS
}
