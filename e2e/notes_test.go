package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// ninaID returns the ID of the NINA seed brief.
func ninaID(t *testing.T, bin string, env []string) string {
	t.Helper()
	var list []struct {
		ID     string `json:"id"`
		Source string `json:"source"`
	}
	if err := json.Unmarshal([]byte(run(t, bin, env, "list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	for _, b := range list {
		if b.Source == "NINA" {
			return b.ID
		}
	}
	t.Fatalf("no NINA brief in %+v", list)
	return ""
}

// TestTUINoteConflictWithCLI is the review's repro: e in the reader, type,
// meanwhile `briefs note ID --text "from script"` in another process, wait
// for the poll, esc. The script's paragraph must survive: the reader asks,
// n keeps both, esc saves both.
func TestTUINoteConflictWithCLI(t *testing.T) {
	bin := build(t)
	env := childEnv(t)
	id := ninaID(t, bin, env)
	run(t, bin, env, "note", id, "--text", "start")
	s := startTmuxEnv(t, bin, 100, 30, env)
	s.waitFor("the list", func(s string) bool { return strings.Contains(s, "2 of 2") })
	s.keys("e")
	s.waitFor("the note editor", func(s string) bool { return strings.Contains(s, "Note · ") && strings.Contains(s, "start") })
	s.text(" mine")
	run(t, bin, env, "note", id, "--text", "from script")
	time.Sleep(1500 * time.Millisecond) // the reader polls the store every second
	s.keys("Escape")
	scr := s.waitFor("the question", func(s string) bool { return strings.Contains(s, "changed elsewhere: overwrite it with your text?") })
	if !strings.Contains(scr, "theirs: from script") || !strings.Contains(scr, "start mine") {
		t.Errorf("question screen:\n%s", scr)
	}
	if got := run(t, bin, env, "note", id); got != "start\n\nfrom script\n" {
		t.Fatalf("the script's text was overwritten: %q", got)
	}
	s.keys("n")
	s.waitFor("both texts in the editor", func(s string) bool {
		return strings.Contains(s, "start mine") && strings.Contains(s, "from script") && !strings.Contains(s, "overwrite it")
	})
	s.keys("Escape")
	s.waitFor("the save", func(s string) bool { return strings.Contains(s, "note saved") })
	if got := run(t, bin, env, "note", id); got != "start mine\n\nfrom script\n" {
		t.Errorf("note after keeping both: %q", got)
	}
	s.quit()
}

// TestTUIExternalEditor: E runs $EDITOR (a script appending a line with a
// control character) on the note; the reader comes back and the note is
// saved sanitised, with no temporary file left.
func TestTUIExternalEditor(t *testing.T) {
	bin := build(t)
	dir := t.TempDir()
	tmp := filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "editor.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf 'edited\\001 in editor\\r\\n\\n' >> \"$1\"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	env := childEnv(t, "EDITOR="+script, "VISUAL=", "TMPDIR="+tmp)
	id := ninaID(t, bin, env)
	s := startTmuxEnv(t, bin, 100, 30, env)
	s.waitFor("the list", func(s string) bool { return strings.Contains(s, "2 of 2") })
	s.keys("E")
	s.waitFor("the save", func(s string) bool { return strings.Contains(s, "note saved") && strings.Contains(s, "2 of 2") })
	if got := run(t, bin, env, "note", id); got != "edited in editor\n" {
		t.Errorf("note %q", got)
	}
	if es, _ := os.ReadDir(tmp); len(es) != 0 {
		t.Errorf("temporary files left: %v", es)
	}
	s.quit()
}
