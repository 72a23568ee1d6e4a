package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// noFolders makes the sandbox's configuration hold no folders and, unless
// seeds, no built-in briefs.
func (s *sandbox) noFolders(seeds bool) {
	s.t.Helper()
	cfg := "folders: []\n"
	if !seeds {
		cfg += "seeds: false\n"
	}
	if err := os.WriteFile(s.env["BRIEFS_CONFIG"], []byte(cfg), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

const elsewhereBrief = "Basra port reopens after dredging\n\nBasra - The port of Umm Qasr reopened on Sunday after three months of dredging work.\n"

// TestExportWhatTheDatabaseHolds (issue 11, item 6): briefs annotated by
// their file (outside any configured folder) are exported by `briefs
// export` with no folders configured, with or without the built-in briefs;
// show, tag and note then reach them by ID.
func TestExportWhatTheDatabaseHolds(t *testing.T) {
	for _, seeds := range []bool{true, false} {
		s := newSandbox(t)
		s.noFolders(seeds)
		p := s.write("elsewhere/basra.txt", elsewhereBrief)
		out := s.mustRun("tag", "--json", p, "+ports")
		var tagged struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal([]byte(out), &tagged); err != nil || len(tagged.ID) != 12 {
			t.Fatalf("tag --json: %v %q", err, out)
		}
		s.mustRun("note", p, "--text", "Check the dredging contract.")

		md := s.mustRun("export")
		for _, want := range []string{"Basra port reopens", "#ports", "Check the dredging contract."} {
			if !strings.Contains(md, want) {
				t.Errorf("seeds %v: export lacks %q:\nstdout: %s\nstderr: %s", seeds, want, md, s.stderr.String())
			}
		}
		if strings.Contains(md, "Orphaned notes") {
			t.Errorf("seeds %v: a brief whose file is there exported as an orphan:\n%s", seeds, md)
		}
		// the format follows the extension; the same brief in JSON
		js := filepath.Join(s.dir, "notes.json")
		s.mustRun("export", "--out", js)
		var doc struct {
			Briefs []struct {
				ID   string   `json:"id"`
				Tags []string `json:"tags"`
			} `json:"briefs"`
		}
		data, _ := os.ReadFile(js)
		if err := json.Unmarshal(data, &doc); err != nil || len(doc.Briefs) != 1 || doc.Briefs[0].ID != tagged.ID {
			t.Errorf("seeds %v: json export: %v %s", seeds, err, data)
		}
		// with PATH arguments the collection is exactly those: the brief
		// elsewhere is counted, not exported
		other := s.write("other/kuwait.md", "# Kuwait note\n\nAbout Kuwait.\n")
		s.mustRun("tag", other, "+gulf")
		if out := s.mustRun("export", filepath.Dir(other)); strings.Contains(out, "Basra") || !strings.Contains(out, "Kuwait note") ||
			!strings.Contains(s.stderr.String(), "1 more briefs with tags or notes are not in") {
			t.Errorf("seeds %v: export PATH:\n%s\nstderr: %s", seeds, out, s.stderr.String())
		}
		s.mustRun("tag", other, "-gulf")
		// --out=~/... (no shell expands it there)
		s.env["HOME"] = s.dir
		s.mustRun("export", "--out=~/home.json")
		if data, err := os.ReadFile(filepath.Join(s.dir, "home.json")); err != nil || !strings.Contains(string(data), tagged.ID) {
			t.Errorf("seeds %v: --out=~/home.json: %v", seeds, err)
		}
		// show, tag and note by ID reach the brief through the database
		if out := s.mustRun("show", tagged.ID[:6]); !strings.Contains(out, "Umm Qasr") {
			t.Errorf("seeds %v: show ID:\n%s", seeds, out)
		}
		if out := s.mustRun("tag", tagged.ID[:6], "+iraq"); !strings.Contains(out, "iraq ports") {
			t.Errorf("seeds %v: tag ID: %q", seeds, out)
		}
		if out := s.mustRun("note", tagged.ID[:6]); !strings.Contains(out, "dredging contract") {
			t.Errorf("seeds %v: note ID: %q", seeds, out)
		}
	}
}

// TestExportNothing: nothing to export is exit 1, a message saying why,
// and nothing on standard output; with no folders and no seeds too.
func TestExportNothing(t *testing.T) {
	for _, seeds := range []bool{true, false} {
		s := newSandbox(t)
		s.noFolders(seeds)
		code := s.run("export")
		if code != 1 || s.stdout.Len() != 0 || !strings.Contains(s.stderr.String(), "nothing to export") {
			t.Errorf("seeds %v: exit %d, stdout %q, stderr %q", seeds, code, s.stdout.String(), s.stderr.String())
		}
		out := filepath.Join(s.dir, "x.md")
		if code := s.run("export", "--out", out); code != 1 {
			t.Errorf("seeds %v: --out: exit %d", seeds, code)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("seeds %v: empty export written", seeds)
		}
	}
}

// TestIDElsewhereSaysHow: an ID that is nowhere the command looks says
// where it looked and how to reach a brief elsewhere (its file, --in).
func TestIDElsewhereSaysHow(t *testing.T) {
	s := newSandbox(t)
	s.noFolders(true)
	p := s.write("elsewhere/basra.txt", elsewhereBrief)
	bs := listJSON(t, s.mustRun("list", "--json", p))
	for _, args := range [][]string{{"show", bs[0].ID}, {"note", bs[0].ID}, {"tag", bs[0].ID, "+x"}} {
		if code := s.run(args...); code != 1 || !strings.Contains(s.stderr.String(), "--in") {
			t.Errorf("%v: exit %d %q", args, code, s.stderr.String())
		}
		if strings.Contains(s.stderr.String(), "briefs list`") && !strings.Contains(s.stderr.String(), "briefs list PATH") {
			t.Errorf("%v suggests a list that would not show it: %q", args, s.stderr.String())
		}
	}
	if out := s.mustRun("show", "--in", filepath.Dir(p), bs[0].ID[:5]); !strings.Contains(out, "Umm Qasr") {
		t.Errorf("show --in:\n%s", out)
	}
}
