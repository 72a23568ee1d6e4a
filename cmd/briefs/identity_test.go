package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The tags and note of a brief follow it through an edit of its body and a
// move to another folder (configured folders, as a user works).
func TestAnnotationsFollowEdits(t *testing.T) {
	s := newSandbox(t)
	folder := filepath.Join(s.dir, "briefs")
	s.write("config.yaml", "folders: ["+folder+"]\nseeds: false\n")
	seed, err := os.ReadFile("../../seeds/000_2f5fd0d68d9114d4.txt")
	if err != nil {
		t.Fatal(err)
	}
	path := s.write("briefs/nina.txt", string(seed))
	s.write("briefs/other.txt", "Another brief\n\nBaghdad / NINA/- Something else entirely happened today in the capital.\n")
	bs := listJSON(t, s.mustRun("list", "--json", "-q", "nina"))
	if len(bs) == 0 {
		t.Fatal("brief not listed")
	}
	id := "0e253ee020f5"
	s.mustRun("tag", id, "+followup")
	s.mustRun("note", id, "--text", "Check the figures.")

	// A typo fixed in the body: a new ID, the same annotations.
	edited := strings.Replace(string(seed), "significant progress", "significant progres", 1)
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	out := s.mustRun("list", "-q", "tag:followup")
	if !strings.Contains(out, "Interior Minister") {
		t.Fatalf("after an edit, tag:followup lists\n%s\nstderr: %s", out, s.stderr.String())
	}
	newID := strings.Fields(strings.Split(out, "\n")[1])[0]
	if newID == id {
		t.Fatal("the edit kept the ID")
	}
	// A reading command does not write: the move is made by the next write.
	s.mustRun("tag", newID[:6], "+seen")
	if !strings.Contains(s.stderr.String(), "now belong to "+newID) {
		t.Errorf("the write did not say the annotations moved: %q", s.stderr.String())
	}
	if got := s.mustRun("note", newID); got != "Check the figures.\n" {
		t.Errorf("note after the edit = %q", got)
	}

	// Moved and renamed, and edited again.
	moved := filepath.Join(folder, "2025", "renamed.txt")
	os.MkdirAll(filepath.Dir(moved), 0o755)
	if err := os.WriteFile(moved, []byte(strings.Replace(edited, "Iraq’s commitment", "Iraq's commitment", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(path)
	out = s.mustRun("list", "-q", "tag:followup tag:seen")
	if !strings.Contains(out, "Interior Minister") {
		t.Fatalf("after a move, tags lost:\n%s", out)
	}
	// The unrelated brief never got them.
	if out := s.mustRun("list", "-q", "tag:followup"); strings.Count(out, "\n") != 2 {
		t.Errorf("tag:followup lists\n%s", out)
	}
}
