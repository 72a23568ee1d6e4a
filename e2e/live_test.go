package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// liveBrief is a Markdown brief with a title and a date.
func liveBrief(title, date, body string) string {
	return fmt.Sprintf("---\ntitle: %s\ndate: %s\nsource: NINA\n---\n\n%s\n", title, date, body)
}

// TestTUILiveFolder runs the reader on a configured folder and changes the
// folder while it runs: a brief added, edited and deleted appears, changes
// and disappears on its own, and the selected brief stays selected (the
// reader pane keeps showing it). The time each change took to show is
// logged (a second is the aim; the test allows more on a loaded machine).
func TestTUILiveFolder(t *testing.T) {
	bin := build(t)
	dir := t.TempDir()
	folder := filepath.Join(dir, "briefs")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		t.Helper()
		// written aside and renamed, as editors and downloaders do
		tmp := filepath.Join(dir, name+".tmp")
		if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(folder, name)); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", liveBrief("Alpha water conference opens", "2025-03-01", "Delegates of Kuwait and Iraq."))
	write("b.md", liveBrief("Bravo border talks resume", "2025-02-01", "Officials met in Baghdad."))
	write("c.md", liveBrief("Charlie drug control summit", "2025-01-01", "The summit closed."))
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("folders: ["+folder+"]\nseeds: false\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(childEnv(t), "BRIEFS_CONFIG="+cfg) // the later value wins in the script
	s := startTmuxEnv(t, bin, 140, 40, env)
	s.waitFor("the list", func(s string) bool { return strings.Contains(s, "3 of 3") })
	// select Bravo (the second, newest first) and look at it in the reader
	s.keys("j")
	s.waitFor("Bravo in the reader", func(s string) bool { return strings.Count(s, "Bravo border talks") >= 2 })

	timed := func(what string, cond func(string) bool) string {
		t.Helper()
		t0 := time.Now()
		scr := s.waitFor(what, cond)
		t.Logf("%s: shown after %v", what, time.Since(t0).Round(time.Millisecond))
		return scr
	}
	// added, newer than all: it takes the first row; Bravo stays selected
	write("d.md", liveBrief("Delta forum announced", "2025-04-01", "A new forum."))
	scr := timed("the added brief", func(s string) bool { return strings.Contains(s, "4 of 4") && strings.Contains(s, "Delta forum") })
	if strings.Count(scr, "Bravo border talks") < 2 {
		t.Errorf("the selection moved when a brief was added:\n%s", scr)
	}
	// the selected brief edited in place: its new title, still selected
	write("b.md", liveBrief("Bravo border talks end", "2025-02-01", "Officials met in Baghdad and agreed."))
	scr = timed("the edited brief", func(s string) bool { return strings.Count(s, "Bravo border talks end") >= 2 })
	if !strings.Contains(scr, "4 of 4") || strings.Contains(scr, "talks resume") {
		t.Errorf("after the edit:\n%s", scr)
	}
	// another brief deleted: gone, the selection stays
	if err := os.Remove(filepath.Join(folder, "c.md")); err != nil {
		t.Fatal(err)
	}
	scr = timed("the deleted brief gone", func(s string) bool { return strings.Contains(s, "3 of 3") && !strings.Contains(s, "Charlie") })
	if strings.Count(scr, "Bravo border talks end") < 2 {
		t.Errorf("the selection moved when a brief was deleted:\n%s", scr)
	}
	// the selection moves on from where it is (newest first: Delta,
	// Alpha, Bravo): k selects Alpha
	s.keys("k")
	s.waitFor("Alpha in the reader", func(s string) bool { return strings.Count(s, "Alpha water conference") >= 2 })
	s.quit()
}
