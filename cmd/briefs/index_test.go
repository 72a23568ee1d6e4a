package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIndexFile: commands keep the index where --index, BRIEFS_INDEX or the
// XDG cache folder say, give the same answers from it, warn once when it
// was damaged, and never lose tags or notes with it.
func TestIndexFile(t *testing.T) {
	s := newSandbox(t)
	dir := filepath.Dir(s.write("briefs/a.md", "---\ntitle: Alpha brief\ndate: 2024-05-01\nsource: Rudaw\n---\n\nAbout Kuwait and border control.\n"))
	s.write("briefs/b.txt", "Beta brief\n\nA plain brief about Oman.\n")
	first := s.mustRun("list", "--json", dir)
	if _, err := os.Stat(s.env["BRIEFS_INDEX"]); err != nil {
		t.Fatalf("BRIEFS_INDEX not written: %v", err)
	}
	if again := s.mustRun("list", "--json", dir); again != first {
		t.Errorf("from the index:\n%s\nfirst:\n%s", again, first)
	}
	id := listJSON(t, first)[0].ID
	s.mustRun("tag", "--in", dir, id, "+kept")
	// --index wins over BRIEFS_INDEX; the default is under XDG_CACHE_HOME
	other := filepath.Join(s.dir, "other.db")
	s.mustRun("--index", other, "list", dir)
	if _, err := os.Stat(other); err != nil {
		t.Errorf("--index not written: %v", err)
	}
	delete(s.env, "BRIEFS_INDEX")
	s.env["XDG_CACHE_HOME"] = filepath.Join(s.dir, "xdg-cache")
	s.mustRun("list", dir)
	if _, err := os.Stat(filepath.Join(s.dir, "xdg-cache", "briefs", "index.db")); err != nil {
		t.Errorf("default index not in XDG_CACHE_HOME: %v", err)
	}
	// damaged: one warning, the same answer, tags kept
	idx := filepath.Join(s.dir, "xdg-cache", "briefs", "index.db")
	if err := os.WriteFile(idx, []byte("garbage, not an index"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := s.mustRun("list", "--json", dir)
	if w := s.stderr.String(); strings.Count(w, "warning") != 1 || !strings.Contains(w, "rebuilt") {
		t.Errorf("damaged index: stderr %q", w)
	}
	bs := listJSON(t, out)
	if len(bs) != 2 || bs[0].ID != id || strings.Join(bs[0].Tags, ",") != "kept" {
		t.Errorf("after rebuilding: %+v", bs)
	}
	s.mustRun("list", dir)
	if w := s.stderr.String(); w != "" {
		t.Errorf("rebuilt index: stderr %q", w)
	}
	// deleted: nothing lost
	os.Remove(idx)
	bs = listJSON(t, s.mustRun("list", "--json", dir))
	if strings.Join(bs[0].Tags, ",") != "kept" {
		t.Errorf("after deleting the index: tags %v", bs[0].Tags)
	}
	// show reads the body of an indexed brief
	if out := s.mustRun("show", "--in", dir, id, "--style", "notty"); !strings.Contains(out, "border control") {
		t.Errorf("show: %s", out)
	}
}
