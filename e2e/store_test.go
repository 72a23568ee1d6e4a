package e2e

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// run runs the binary as a separate process with env and returns its
// standard output.
func run(t *testing.T, bin string, env []string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("briefs %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// TestTUIShowsTagFromCLI runs the reader and, as a separate process against
// the same database, `briefs tag ID +fromcli`: the reader shows the tag
// within a few seconds, without a key pressed.
func TestTUIShowsTagFromCLI(t *testing.T) {
	bin := build(t)
	env := childEnv(t)
	var list []struct {
		ID     string `json:"id"`
		Source string `json:"source"`
	}
	if err := json.Unmarshal([]byte(run(t, bin, env, "list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	var nina string
	for _, b := range list {
		if b.Source == "NINA" {
			nina = b.ID
		}
	}
	if len(nina) < 6 {
		t.Fatalf("no NINA brief in %+v", list)
	}
	for _, sz := range [][2]int{{140, 40}, {70, 24}} {
		s := startTmuxEnv(t, bin, sz[0], sz[1], env)
		scr := s.waitFor("the list", func(s string) bool { return strings.Contains(s, "2 of 2") })
		if strings.Contains(scr, "#fromcli") {
			t.Fatalf("tag shown before it was added:\n%s", scr)
		}
		run(t, bin, env, "tag", nina[:6], "+fromcli")
		start := time.Now()
		scr = s.waitFor("the tag added from the command line", func(s string) bool { return strings.Contains(s, "#fromcli") })
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("the tag took %v to appear", d)
		}
		if !strings.Contains(scr, ninaHead) {
			t.Errorf("screen:\n%s", scr)
		}
		// the tag filters the list
		s.keys("/")
		s.text("tag:fromcli")
		s.keys("Enter")
		scr = s.waitFor("the filtered list", func(s string) bool { return strings.Contains(s, "1 of 2") })
		if strings.Contains(scr, shafaqHead) {
			t.Errorf("tag:fromcli shows the Shafaq brief:\n%s", scr)
		}
		s.quit()
		run(t, bin, env, "tag", nina[:6], "-fromcli")
	}
}

// TestTUIWithUnusableDatabase starts the reader with BRIEFS_DB naming a
// folder: the briefs show, t says why tags are unavailable naming the file,
// and the folder is left alone.
func TestTUIWithUnusableDatabase(t *testing.T) {
	bin := build(t)
	dir := filepath.Join(t.TempDir(), "briefs.db")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	env := append(childEnv(t), "BRIEFS_DB="+dir)
	s := startTmuxEnv(t, bin, 140, 40, env)
	s.waitFor("the list", func(s string) bool { return strings.Contains(s, "2 of 2") })
	s.keys("t")
	scr := s.waitFor("the reason", func(s string) bool { return strings.Contains(s, "tags unavailable") })
	if !strings.Contains(scr, "briefs.db") {
		t.Errorf("the message does not name the file:\n%s", scr)
	}
	s.quit()
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Errorf("the folder was touched: %v", err)
	}
}
