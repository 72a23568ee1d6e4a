package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
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

// briefs orphans lists what could not follow its brief, attach gives it to
// the right brief, delete asks first.
func TestOrphansCommand(t *testing.T) {
	s := newSandbox(t)
	folder := filepath.Join(s.dir, "briefs")
	s.write("config.yaml", "folders: ["+folder+"]\nseeds: false\n")
	seed, err := os.ReadFile("../../seeds/000_2f5fd0d68d9114d4.txt")
	if err != nil {
		t.Fatal(err)
	}
	nina := s.write("briefs/nina.txt", string(seed))
	gone := s.write("briefs/gone.txt", "A brief that goes\n\nBaghdad / NINA/- Words of a brief the user will delete, and nothing else.\n")
	s.mustRun("tag", "0e25", "+followup")
	s.mustRun("note", "0e25", "--text", "Check the figures.")
	s.mustRun("tag", gone, "+done")
	goneID := strings.Fields(s.mustRun("tag", gone, "+done"))[0]
	if out := s.mustRun("orphans"); out != "" || !strings.Contains(s.stderr.String(), "no orphans") {
		t.Errorf("orphans with none: %q %q", out, s.stderr.String())
	}

	// Rewritten beyond recognition (under another name), and one deleted.
	os.Remove(nina)
	os.Remove(gone)
	rewritten := s.write("briefs/rewritten.txt", "Interior Minister on drugs\n\nBaghdad / NINA/- A short new version of the story, written from scratch by the desk.\n")
	out := s.mustRun("orphans")
	t.Logf("briefs orphans:\n%s", out)
	for _, want := range []string{
		"0e253ee020f5  Interior Minister: Iraq Has Succeeded", "(NINA, 2025-12-07)", "was at  " + nina,
		`holds   tags followup; a note ("Check the figures.")`, "why     no brief of the collection is alike enough",
		goneID + "  A brief that goes", "holds   tags done",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("orphans output lacks %q:\n%s", want, out)
		}
	}
	var js []jsonOrphan
	if err := json.Unmarshal([]byte(s.mustRun("orphans", "--json")), &js); err != nil || len(js) != 2 {
		t.Fatalf("orphans --json: %v %+v", err, js)
	}
	if list := s.mustRun("list", "-q", "tag:followup"); strings.Contains(list, "Interior") {
		t.Errorf("an orphan's tag shows on another brief:\n%s", list)
	}

	// export carries them, after the briefs
	md := s.mustRun("export")
	for _, want := range []string{"orphans: 2", "## Orphaned notes", "### Interior Minister: Iraq Has Succeeded", "Tags: #followup",
		"ID: `0e253ee020f5` · Was at: `" + nina + "`", "Check the figures.", "Tags: #done", "tags:\n  - done\n  - followup\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("export lacks %q:\n%s", want, md)
		}
	}
	var doc struct {
		Orphans []struct {
			ID, Note string
			Tags     []string
		}
	}
	if err := json.Unmarshal([]byte(s.mustRun("export", "--format", "json")), &doc); err != nil || len(doc.Orphans) != 2 ||
		doc.Orphans[0].ID != "0e253ee020f5" || doc.Orphans[0].Note != "Check the figures." {
		t.Errorf("JSON export orphans: %v %+v", err, doc)
	}
	if md := s.mustRun("export", "-q", "minister"); strings.Contains(md, "Orphaned") {
		t.Errorf("an export by query carries orphans:\n%s", md)
	}

	// attach by prefix, to a brief given by its path
	s.mustRun("orphans", "attach", "0e25", rewritten)
	if !strings.Contains(s.stderr.String(), "now belong to") {
		t.Errorf("attach said %q", s.stderr.String())
	}
	if list := s.mustRun("list", "-q", "tag:followup"); !strings.Contains(list, "Interior Minister on drugs") {
		t.Errorf("after attach, tag:followup lists\n%s", list)
	}
	if note := s.mustRun("note", rewritten); note != "Check the figures.\n" {
		t.Errorf("note after attach = %q", note)
	}

	// delete asks; no answer or "n" keeps it; "y" deletes
	for _, answer := range []string{"", "n\n"} {
		s.stdin = answer
		if code := s.run("orphans", "delete", goneID[:5]); code != 1 || !strings.Contains(s.stderr.String(), "not deleted") || !strings.Contains(s.stderr.String(), "Delete "+goneID) {
			t.Errorf("delete answered %q: exit %d %q", answer, code, s.stderr.String())
		}
	}
	if out := s.mustRun("orphans"); !strings.Contains(out, goneID) {
		t.Fatal("a refused delete deleted")
	}
	s.stdin = "y\n"
	s.mustRun("orphans", "delete", goneID)
	s.stdin = ""
	if out := s.mustRun("orphans"); out != "" {
		t.Errorf("orphans after delete:\n%s", out)
	}
	for _, bad := range [][]string{{"orphans", "delete", "--force", "0e25"}, {"orphans", "attach", "ffff", "0e25"}, {"orphans", "delete"}, {"orphans", "frob"}} {
		if code := s.run(bad...); code == 0 {
			t.Errorf("briefs %q succeeded", bad)
		}
	}
}

// makeReadOnly makes dir unwritable for this process: a read-only bind
// mount when running as root (permissions do not stop root), else its
// mode and its files'.
func makeReadOnly(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() == 0 {
		if err := syscall.Mount(dir, dir, "", syscall.MS_BIND, ""); err != nil {
			t.Skipf("cannot bind-mount %s: %v", dir, err)
		}
		t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
		if err := syscall.Mount(dir, dir, "", syscall.MS_BIND|syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
			t.Skipf("cannot remount %s read-only: %v", dir, err)
		}
		return
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if err := os.Chmod(p, 0o444); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(p, 0o644) })
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
}

// A user who may not write the database still reads everything with the
// commands that only read; commands that write say why they cannot.
func TestReadOnlyDatabaseCommands(t *testing.T) {
	s := newSandbox(t)
	s.mustRun("tag", "0e25", "+followup", "+iraq")
	s.mustRun("tag", "c38e", "+followup")
	s.mustRun("note", "0e25", "--text", "Check the figures.")
	makeReadOnly(t, filepath.Dir(s.env["BRIEFS_DB"]))
	if err := os.WriteFile(filepath.Join(filepath.Dir(s.env["BRIEFS_DB"]), "probe"), nil, 0o644); err == nil {
		t.Fatal("the folder is still writable")
	}
	if out := s.mustRun("tags"); out != "followup  2\niraq      1\n" {
		t.Errorf("tags = %q", out)
	}
	if out := s.mustRun("note", "0e25"); out != "Check the figures.\n" {
		t.Errorf("note = %q", out)
	}
	if out := s.mustRun("list", "-q", "tag:followup"); strings.Count(out, "followup") != 2 || !strings.Contains(out, "followup,iraq") {
		t.Errorf("list with tags:\n%s", out)
	}
	if out := s.mustRun("export"); !strings.Contains(out, "count: 2") || !strings.Contains(out, "Check the figures.") {
		t.Errorf("export:\n%s", out)
	}
	if s.mustRun("orphans"); !strings.Contains(s.stderr.String(), "no orphans") {
		t.Errorf("orphans: %q", s.stderr.String())
	}
	if strings.Contains(s.stderr.String(), "warning") {
		t.Errorf("warnings: %q", s.stderr.String())
	}
	code := s.run("tag", "0e25", "+more")
	if code != 1 || !strings.Contains(s.stderr.String(), s.env["BRIEFS_DB"]) || !strings.Contains(s.stderr.String(), "commands that only read still work") {
		t.Errorf("tag on a read-only database: exit %d, %q", code, s.stderr.String())
	}
}
