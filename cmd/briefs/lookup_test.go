package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestShowLookup: show FILE, show ID (the whole ID and a prefix), tag ID
// and note ID of a brief already indexed read its entry from the index:
// the collection is not loaded and the extractor not built, and the
// output is byte for byte what loading the collection gives (tags, note
// and corrections included), for files and the built-in briefs.
func TestShowLookup(t *testing.T) {
	s := newSandbox(t)
	dir := filepath.Dir(s.write("briefs/a.md", "---\ntitle: Alpha brief\ndate: 2024-05-01\nsource: Rudaw\n---\n\nAbout Kuwait and border control, and Iran.\n"))
	s.write("briefs/b.txt", "Beta brief\n\nA plain brief about Oman, from Baghdad.\n")
	data, err := os.ReadFile("../../internal/extract/testdata/briefs/cop29_baku.txt")
	if err == nil {
		s.write("briefs/sub/cop.txt", string(data))
	}
	s.write("config.yaml", "folders: ["+dir+"]\n")
	bs := listJSON(t, s.mustRun("list", "--json"))
	if len(bs) < 4 {
		t.Fatalf("%d briefs", len(bs))
	}
	s.mustRun("tag", bs[0].ID, "+kept")
	s.mustRun("note", bs[0].ID, "--text", "a note of mine")
	s.mustRun("set", bs[1].ID, "title=Corrected title", "dateline=Basra")
	s.mustRun("set", bs[2].ID, "country=+IR", "series=My own series", "source=INA") // named against the collection: loaded
	quiet := func(what string) {
		t.Helper()
		s.mu.Lock()
		defer s.mu.Unlock()
		if slices.Contains(s.events, "load") || slices.Contains(s.events, "extractor") {
			t.Errorf("%s: %v", what, s.events)
		}
	}
	checked := 0
	for _, b := range bs {
		refs := []string{b.ID, b.ID[:6]}
		if !strings.HasPrefix(b.Path, "seeds/") {
			refs = append(refs, b.Path)
		}
		for _, ref := range refs {
			for _, args := range [][]string{
				{"show", "--style", "dark", "--width", "80", ref},
				{"show", "--style", "notty", "--width", "60", ref},
				{"note", "--json", ref},
			} {
				s.noLookup = true
				want := s.mustRun(args...)
				wantErr := s.stderr.String()
				s.mu.Lock()
				loaded := slices.Contains(s.events, "load")
				s.mu.Unlock()
				if !loaded {
					t.Fatalf("%v without the lookup: not loaded", args)
				}
				s.noLookup = false
				got := s.mustRun(args...)
				if got != want || s.stderr.String() != wantErr {
					t.Errorf("%v: with the lookup\n%s\n%s\nloading\n%s\n%s", args, got, s.stderr.String(), want, wantErr)
				}
				if (b.Series == nil || b.Edition != nil) && b.ID != bs[2].ID { // an edition to infer loads the collection
					quiet(strings.Join(args, " "))
					checked++
				}
			}
		}
	}
	if checked < 20 {
		t.Errorf("%d commands checked", checked)
	}
	// a correction of the series or countries is named against the whole
	// collection: loaded
	s.mustRun("show", bs[2].ID)
	s.mu.Lock()
	if !slices.Contains(s.events, "load") {
		t.Errorf("show of a brief with a series correction: %v", s.events)
	}
	s.mu.Unlock()
	// tag by ID: written, without loading
	got := s.mustRun("tag", bs[3].ID, "+quick")
	quiet("tag")
	if !strings.Contains(got, "quick") {
		t.Errorf("tag: %s", got)
	}
	// an ambiguous prefix, an unknown ID: as before
	for _, ref := range []string{"0000000000ff", "zzzz"} {
		s.noLookup = true
		wantCode := s.run("show", ref)
		want := s.stderr.String()
		s.noLookup = false
		if code := s.run("show", ref); code != wantCode || s.stderr.String() != want {
			t.Errorf("show %s: %d %s, loading: %d %s", ref, code, s.stderr.String(), wantCode, want)
		}
	}
	// an edited file is derived again (the entry is not current)
	s.write("briefs/b.txt", "Beta brief\n\nA plain brief about Oman, from Baghdad, edited.\n")
	out := s.mustRun("show", "--style", "notty", filepath.Join(dir, "b.txt"))
	if !strings.Contains(out, "edited") {
		t.Errorf("edited: %s", out)
	}
}
