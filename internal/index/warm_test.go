package index

import (
	"bytes"
	"context"
	"database/sql"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/library"
)

// TestWalkOrder: walkKey sorts paths as the walk finds them (each
// folder's entries by name, a folder's files before the next name).
func TestWalkOrder(t *testing.T) {
	f := &fixture{t: t, dir: t.TempDir()}
	for _, name := range []string{"a/b.txt", "a.txt", "a-c/d.md", "B.md", "b.md", "z/y/x.txt", "a/a/a.txt",
		"a/a.txt", "ä.txt", "a b.txt", "a/b/c/d/e.md", "a0.md", "x/y.md", "x.md"} {
		f.write(name, "Title\n\nbody\n")
	}
	roots, err := makeRoots([]string{f.dir})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, fd := range walk(roots, 2, nil).files {
		want = append(want, strings.TrimPrefix(fd.abs, roots[0].abs))
	}
	got := slices.Clone(want)
	rand.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
	slices.SortFunc(got, func(a, b string) int { return bytes.Compare(walkKey(nil, 1, a), walkKey(nil, 1, b)) })
	if !slices.Equal(got, want) {
		t.Errorf("walkKey order:\n got %q\nwant %q", got, want)
	}
}

// gatedRun runs a warm start whose folder walk waits until the collection
// the index knows is built; it returns
// the updates sent (none for Load) and the collection.
func gatedRun(t *testing.T, f *fixture, progressive bool) ([]library.Update, *library.Library, *Collection) {
	t.Helper()
	c := f.open(f.options())
	gate := make(chan struct{})
	c.built = func() { close(gate) }
	c.onDir = func(string) { <-gate }
	if !progressive {
		lib, _, err := c.Load(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return nil, lib, c
	}
	var ups []library.Update
	if err := c.Run(context.Background(), func(u library.Update) { ups = append(ups, u) }); err != nil {
		t.Fatal(err)
	}
	last := ups[len(ups)-1]
	if !last.Done || last.Lib == nil {
		t.Fatalf("last update: done %v, lib %v", last.Done, last.Lib != nil)
	}
	return ups, last.Lib, c
}

// TestWarmStartBuildsOnce: a warm start of an unchanged collection builds
// it once, from the index, while the folders are walked: the reader is
// sent that collection, then told it is complete with the same one; the
// collection is the one library.Load gives. A change found by the walk
// builds it again, with the change.
func TestWarmStartBuildsOnce(t *testing.T) {
	f := newFixture(t, 30)
	f.load(f.options())
	ref, _ := reference(t, f.options())
	for _, progressive := range []bool{true, false} {
		ups, lib, c := gatedRun(t, f, progressive)
		if c.builds != 1 {
			t.Errorf("progressive %v: %d builds, want 1", progressive, c.builds)
		}
		if !slices.Equal(views(lib), views(ref)) {
			t.Errorf("progressive %v: the collection differs from library.Load's", progressive)
		}
		if progressive {
			early := ups[len(ups)-2] // before Done: the index's collection
			if early.Done || !early.Checking || early.Lib != lib || early.Loaded != early.Found {
				t.Errorf("update before the last: done %v, checking %v, same collection %v, loaded %d of %d",
					early.Done, early.Checking, early.Lib == lib, early.Loaded, early.Found)
			}
		}
	}
	// a file added: built again, with it
	f.write("new/added.txt", "An added brief on the Baghdad conference\n\nBAGHDAD - Something new happened.\n")
	ref, _ = reference(t, f.options())
	for _, progressive := range []bool{true, false} {
		_, lib, c := gatedRun(t, f, progressive)
		if progressive && c.builds != 2 {
			t.Errorf("after an addition: %d builds, want 2 (the index's, then with the new file)", c.builds)
		}
		if !slices.Equal(views(lib), views(ref)) {
			t.Errorf("progressive %v: after an addition the collection differs from library.Load's", progressive)
		}
		if _, err := lib.Find(filepath.Join(f.dir, "new", "added.txt")); err != nil {
			t.Errorf("progressive %v: the added file is not in the collection: %v", progressive, err)
		}
	}
}

// TestFirstBuildSendsAFirstScreen: the first build of a collection (no
// index yet) sends the reader a first screen as soon as that many briefs
// are derived, before the rest.
func TestFirstBuildSendsAFirstScreen(t *testing.T) {
	f := newFixture(t, 3*firstScreen)
	c := f.open(f.options())
	var first *library.Update
	err := c.Run(context.Background(), func(u library.Update) {
		if first == nil && u.Lib != nil && u.Lib.Len() > 0 {
			first = &u
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if first == nil || first.Done || first.Lib.Len() > firstScreen || first.Found < 3*firstScreen {
		t.Fatalf("first collection sent: %+v", first)
	}
}

// TestEmptySegment: a segment holding no entry (nothing writes one, but
// an index file can be anything) is read as nothing, not a crash.
func TestEmptySegment(t *testing.T) {
	f := newFixture(t, 20)
	f.load(f.options())
	db, err := sql.Open("sqlite", f.index)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO segments (data) VALUES (?)", encodeBucket(nil)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'segments'"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	ref, _ := reference(t, f.options())
	for _, progressive := range []bool{true, false} {
		_, lib, _ := gatedRun(t, f, progressive)
		if !slices.Equal(views(lib), views(ref)) {
			t.Errorf("progressive %v: with an empty segment the collection differs from library.Load's", progressive)
		}
	}
}
