package index

import (
	"context"
	"fmt"
	"hash/crc32"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/library"
)

// countingX is sharedX counting how often the extractor is asked for.
func countingX(n *atomic.Int64) func() (library.Extractor, error) {
	return func() (library.Extractor, error) {
		n.Add(1)
		return sharedX()
	}
}

// pointsTableRows is the points table as rows, in path order.
func pointsTableRows(t *testing.T, index string) []string {
	t.Helper()
	db, err := sqlOpen(index)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT " + pointColumns + " FROM points ORDER BY path")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		r, err := scanPoint(rows)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%+v", r))
	}
	return out
}

// pointsFromSegments is what the points table must hold: the latest
// entry of each path in the segments, computed again.
func pointsFromSegments(t *testing.T, index string) []string {
	t.Helper()
	db, err := sqlOpen(index)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT seq, data FROM segments ORDER BY seq")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	latest := map[string]string{}
	for rows.Next() {
		var seq int64
		var data []byte
		if err := rows.Scan(&seq, &data); err != nil {
			t.Fatal(err)
		}
		_, encoded, offs, err := bucketEntries(data)
		if err != nil {
			t.Fatal(err)
		}
		for i, enc := range encoded {
			path, id, gone, err := entryHead(enc)
			if err != nil {
				t.Fatal(err)
			}
			if gone {
				delete(latest, path)
			} else {
				latest[path] = fmt.Sprintf("%+v", pointRow{path: path, id: id, seq: seq, off: offs[i], n: len(enc), sum: crc32.Checksum(enc, crcTable)})
			}
		}
	}
	var out []string
	for _, r := range latest {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

func checkPoints(t *testing.T, index string) {
	t.Helper()
	if got, want := pointsTableRows(t, index), pointsFromSegments(t, index); !slices.Equal(got, want) {
		t.Errorf("points table (%d rows) differs from the segments (%d latest entries)", len(got), len(want))
	}
}

// TestLookupHit: after a load, every brief of the collection is found by
// its ID, and by its file, from the index alone (no file read, no
// extractor built), exactly as the load has it (the same metadata, the
// same body); a 4-digit prefix gives the brief, or the same ambiguity, as
// the whole collection does.
func TestLookupHit(t *testing.T) {
	f := newFixture(t, 60)
	full, _, _, _ := f.load(f.options())
	checkPoints(t, f.index)
	var built atomic.Int64
	opt := f.options()
	opt.Extractor = countingX(&built)
	ctx := context.Background()
	hits := 0
	for _, want := range full.Briefs() {
		c := f.open(opt)
		f.reads.Store(0)
		lib, ok := c.FindID(ctx, want.ID)
		if fillable(want) {
			if ok {
				t.Errorf("%s: an edition to infer, found by lookup", want.Path)
			}
			continue
		}
		if !ok {
			t.Errorf("%s (%s): not found by lookup", want.ID, want.Path)
			continue
		}
		hits++
		got, err := lib.Find(want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if view(got) != view(want) {
			t.Errorf("lookup of %s:\n%s\nload:\n%s", want.ID, view(got), view(want))
		}
		gb, err1 := lib.WithBody(got)
		wb, err2 := full.WithBody(want)
		if err1 != nil || err2 != nil || gb.Body != wb.Body {
			t.Errorf("%s: bodies differ (%v, %v)", want.ID, err1, err2)
		}
		// prefixes: the same brief or the same ambiguity
		prefix := want.ID[:4]
		if plib, ok := c.FindID(ctx, strings.ToUpper(prefix)); ok {
			pb, perr := plib.Find(prefix)
			fb, ferr := full.Find(prefix)
			if fmt.Sprint(perr) != fmt.Sprint(ferr) || (perr == nil && pb.ID != fb.ID) {
				t.Errorf("prefix %s: lookup %v %v, load %v %v", prefix, pb, perr, fb, ferr)
			}
		}
		if f.reads.Load() != 0 || c.x.Built() || built.Load() != 0 {
			t.Fatalf("lookup of %s: %d files read, extractor built %v", want.ID, f.reads.Load(), c.x.Built())
		}
		c.Close()
	}
	if hits < len(full.Briefs())/2 {
		t.Errorf("%d of %d found by lookup", hits, len(full.Briefs()))
	}
	// by file: a collection of one file
	for _, want := range full.Briefs()[:10] {
		if strings.HasPrefix(want.Path, "seeds/") {
			continue
		}
		c := f.open(Options{Paths: []string{want.Path}, Index: f.index, Extractor: countingX(&built)})
		lib, ok := c.Current(ctx)
		if !ok {
			t.Errorf("%s: not current", want.Path)
			continue
		}
		if lib.Len() != 1 || view(lib.Brief(0)) != view(want) {
			t.Errorf("%s: current gives %d briefs, %v", want.Path, lib.Len(), lib.Briefs())
		}
		if c.x.Built() != fillable(want) || f.reads.Load() != 0 {
			t.Errorf("%s: extractor built %v, %d reads", want.Path, c.x.Built(), f.reads.Load())
		}
		c.Close()
	}
}

// TestLookupMiss: what the index cannot answer for sure is a miss: an ID
// it does not know, a file not indexed, a file changed since (even only
// touched), entries of another derive version, a file outside the
// collection's folders.
func TestLookupMiss(t *testing.T) {
	f := newFixture(t, 20)
	full, _, _, _ := f.load(f.options())
	ctx := context.Background()
	var b0 = full.Briefs()[0]
	for _, b := range full.Briefs() {
		if !strings.HasPrefix(b.Path, "seeds/") && !fillable(b) {
			b0 = b
			break
		}
	}
	find := func(opt Options, ref string) bool {
		t.Helper()
		c := f.open(opt)
		defer c.Close()
		_, ok := c.FindID(ctx, ref)
		return ok
	}
	current := func(path string, version string) bool {
		t.Helper()
		c := f.open(Options{Paths: []string{path}, Index: f.index, Extractor: sharedX, Version: version})
		defer c.Close()
		_, ok := c.Current(ctx)
		return ok
	}
	if !find(f.options(), b0.ID) || !current(b0.Path, "") {
		t.Fatalf("%s: not found at first", b0.Path)
	}
	if find(f.options(), "0000000000ff") || find(f.options(), "abc") || find(f.options(), "zzzz") {
		t.Error("found an unknown ID")
	}
	if current(f.write("new.md", "# New\n\nNot indexed yet.\n"), "") {
		t.Error("a file not indexed is current")
	}
	// another version
	other := f.options()
	other.Version = "another"
	if find(other, b0.ID) || current(b0.Path, "another") {
		t.Error("an entry of another version was used")
	}
	// outside the collection's folders: not found there
	elsewhere := f.options()
	elsewhere.Paths = []string{f.dir + "/x"}
	if !strings.HasPrefix(b0.Path, f.dir+"/x/") && find(elsewhere, b0.ID) {
		t.Error("found a brief outside the folders")
	}
	// touched: same content, another time
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(b0.Path, later, later); err != nil {
		t.Fatal(err)
	}
	if find(f.options(), b0.ID) || current(b0.Path, "") {
		t.Error("a touched file's entry was used")
	}
	// loaded again: current again; then edited
	f.load(f.options())
	if !find(f.options(), b0.ID) {
		t.Error("not found after loading again")
	}
	data, _ := os.ReadFile(b0.Path)
	f.write(strings.TrimPrefix(b0.Path, f.dir+"/"), string(data)+"\nOne more line.\n")
	if find(f.options(), b0.ID) || current(b0.Path, "") {
		t.Error("an edited file's entry was used")
	}
	// removed: the load forgets it, and its row
	os.Remove(b0.Path)
	f.load(f.options())
	checkPoints(t, f.index)
	for _, r := range pointsTableRows(t, f.index) {
		if strings.Contains(r, "path:"+b0.Path+" ") {
			t.Errorf("row of a removed file: %s", r)
		}
	}
}

// TestLookupSeeds: the built-in briefs are found by ID (seed:NAME).
func TestLookupSeeds(t *testing.T) {
	f := newFixture(t, 5)
	full, _, _, _ := f.load(f.options())
	n := 0
	for _, want := range full.Briefs() {
		if !strings.HasPrefix(want.Path, "seeds/") || fillable(want) {
			continue
		}
		n++
		c := f.open(f.options())
		lib, ok := c.FindID(context.Background(), want.ID)
		if !ok {
			t.Errorf("seed %s not found", want.Path)
			continue
		}
		got, _ := lib.Find(want.ID)
		gb, err1 := lib.WithBody(got)
		wb, err2 := full.WithBody(want)
		if view(got) != view(want) || err1 != nil || err2 != nil || gb.Body != wb.Body {
			t.Errorf("seed %s differs: %v %v", want.Path, err1, err2)
		}
		c.Close()
		// without the seeds it is not in the collection
		noSeeds := f.options()
		noSeeds.Seeds = nil
		c = f.open(noSeeds)
		if _, ok := c.FindID(context.Background(), want.ID); ok {
			t.Errorf("seed %s found without the seeds", want.Path)
		}
		c.Close()
	}
	if n == 0 {
		t.Fatal("no seed to look up")
	}
}

// TestLookupOldIndex: an index made before the points table gets it,
// filled from its segments, when opened for writing; opened read-only it
// is used without it (a miss, no error).
func TestLookupOldIndex(t *testing.T) {
	f := newFixture(t, 20)
	full, _, _, _ := f.load(f.options())
	want := pointsTableRows(t, f.index)
	db, err := sqlOpen(f.index)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("DROP TABLE points"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	ctx := context.Background()
	ro, err := open(ctx, f.index, true)
	if err != nil {
		t.Fatal(err)
	}
	c := f.open(f.options())
	c.db.Close()
	c.db = ro
	if _, ok := c.FindID(ctx, full.Briefs()[0].ID); ok || ro.points {
		t.Error("found in a read-only index without the table")
	}
	c.Close()
	c = f.open(f.options())
	if len(c.Notices()) != 0 {
		t.Errorf("notices: %q", c.Notices())
	}
	found := 0
	for _, b := range full.Briefs() {
		if _, ok := c.FindID(ctx, b.ID); ok {
			found++
		}
	}
	c.Close()
	if found == 0 {
		t.Error("nothing found after the table was made")
	}
	if got := pointsTableRows(t, f.index); !slices.Equal(got, want) {
		t.Errorf("filled again: %d rows, want %d", len(got), len(want))
	}
	// the index on IDs an earlier build made is dropped
	db, err = sqlOpen(f.index)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE INDEX points_id ON points (id)"); err != nil {
		t.Fatal(err)
	}
	c = f.open(f.options())
	c.Close()
	if table, byID, err := hasPoints(ctx, db); err != nil || !table || byID {
		t.Errorf("after opening: table %v, index on IDs %v, %v", table, byID, err)
	}
}

// TestLookupDamaged: a damaged segment met by a lookup is a miss and one
// notice; the index is rebuilt by the load that follows, which gives the
// collection as it is.
func TestLookupDamaged(t *testing.T) {
	f := newFixture(t, 20)
	full, _, _, _ := f.load(f.options())
	db, err := sqlOpen(f.index)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE segments SET data = x'b1020304050607'"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE points SET seq = -1 WHERE path LIKE 'seed:%'"); err != nil { // rows leading nowhere
		t.Fatal(err)
	}
	db.Close()
	ctx := context.Background()
	c := f.open(f.options())
	var b0 = full.Briefs()[0]
	for _, b := range full.Briefs() {
		if !strings.HasPrefix(b.Path, "seeds/") && !fillable(b) {
			b0 = b
			break
		}
	}
	if _, ok := c.FindID(ctx, b0.ID); ok {
		t.Error("found in a damaged index")
	}
	lib, _, err := c.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(views(lib), views(full)) {
		t.Error("the collection differs after the damage")
	}
	notices := c.Notices()
	if len(notices) != 1 || !strings.Contains(notices[0], "rebuilt") {
		t.Errorf("notices: %q", notices)
	}
	c.Close()
	checkPoints(t, f.index)
	c = f.open(f.options())
	if _, ok := c.FindID(ctx, b0.ID); !ok || len(c.Notices()) != 0 {
		t.Errorf("after rebuilding: found %v, notices %q", ok, c.Notices())
	}
	// damage the pages: Open or the lookup notices it, once
	c.Close()
	data, err := os.ReadFile(f.index)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096; i+64 < len(data); i += 4096 {
		copy(data[i+8:], "\xde\xad\xbe\xef garbage garbage garbage garbage\xff\xff")
	}
	os.Remove(f.index + "-wal")
	os.Remove(f.index + "-shm")
	if err := os.WriteFile(f.index, data, 0o644); err != nil {
		t.Fatal(err)
	}
	c = f.open(f.options())
	_, _ = c.FindID(ctx, b0.ID)
	lib, _, err = c.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(views(lib), views(full)) {
		t.Error("the collection differs after damaged pages")
	}
	if n := c.Notices(); len(n) != 1 || !strings.Contains(n[0], "rebuilt") {
		t.Errorf("notices after damaged pages: %q", n)
	}
}
