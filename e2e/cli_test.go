package e2e

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// exitCode runs the binary and returns its exit status and stderr.
func exitCode(t *testing.T, bin string, env []string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, stderr.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), stderr.String()
	}
	t.Fatalf("briefs %v: %v", args, err)
	return -1, ""
}

// TestCLITagNoteExport drives the real binary: tag, note and export, with
// the database in its default place under XDG_DATA_HOME.
func TestCLITagNoteExport(t *testing.T) {
	bin := build(t)
	var env []string
	for _, kv := range childEnv(t) {
		if !strings.HasPrefix(kv, "BRIEFS_DB=") {
			env = append(env, kv)
		}
	}
	dataHome := ""
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "XDG_DATA_HOME="); ok {
			dataHome = v
		}
	}
	id := ninaID(t, bin, env)
	if out := run(t, bin, env, "tag", id[:6], "+FollowUp", "+iraq"); !strings.Contains(out, "followup iraq") {
		t.Errorf("tag: %q", out)
	}
	run(t, bin, env, "note", id[:6], "--text", "Check the figures.")
	if _, err := os.Stat(filepath.Join(dataHome, "briefs", "briefs.db")); err != nil {
		t.Fatalf("database not in the XDG data home: %v", err)
	}
	if out := run(t, bin, env, "tags"); out != "followup  1\niraq      1\n" {
		t.Errorf("tags: %q", out)
	}
	out := filepath.Join(t.TempDir(), "notes.md")
	run(t, bin, env, "export", "--out", out)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"count: 1", "  - followup", "Check the figures.", "#followup #iraq"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("export lacks %q:\n%s", want, data)
		}
	}
	if code, stderr := exitCode(t, bin, env, "export", "--out", out); code != 1 || !strings.Contains(stderr, "--force") {
		t.Errorf("second export: exit %d, %q", code, stderr)
	}
	if code, stderr := exitCode(t, bin, env, "list", "-q", `edition:3 "open`); code != 2 || !strings.Contains(stderr, "unbalanced quote") {
		t.Errorf("malformed query: exit %d, %q", code, stderr)
	}
	if code, stderr := exitCode(t, bin, env, "show", "0000ffff"); code != 1 || !strings.Contains(stderr, "0000ffff") {
		t.Errorf("unknown ID: exit %d, %q", code, stderr)
	}
}
