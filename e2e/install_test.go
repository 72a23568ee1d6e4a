package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMakeInstall: make install with PREFIX and DESTDIR puts the binary,
// the man page and the three completion scripts in place, and uninstall
// takes them away.
func TestMakeInstall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "pkg")
	vars := []string{"DESTDIR=" + dest, "PREFIX=/opt/briefs", "BIN=" + filepath.Join(tmp, "bin", "briefs"), "VERSION=v9.9.9"}
	makeIt := func(target string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "make", append([]string{"-s", target}, vars...)...)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("make %s: %v\n%s", target, err, out)
		}
	}
	makeIt("install")
	files := map[string]string{
		"bin/briefs":                                  "",
		"share/man/man1/briefs.1":                     ".TH BRIEFS 1",
		"share/bash-completion/completions/briefs":    "__start_briefs",
		"share/zsh/site-functions/_briefs":            "#compdef briefs",
		"share/fish/vendor_completions.d/briefs.fish": "complete -c briefs",
	}
	for name, want := range files {
		p := filepath.Join(dest, "opt", "briefs", name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("not installed: %v", err)
			continue
		}
		if !strings.Contains(string(data), want) {
			t.Errorf("%s lacks %q", name, want)
		}
	}
	out, err := exec.Command(filepath.Join(dest, "opt", "briefs", "bin", "briefs"), "--version").Output()
	if err != nil || string(out) != "briefs v9.9.9\n" {
		t.Errorf("installed briefs --version: %v %q", err, out)
	}
	makeIt("uninstall")
	for name := range files {
		if _, err := os.Stat(filepath.Join(dest, "opt", "briefs", name)); !os.IsNotExist(err) {
			t.Errorf("%s left after uninstall", name)
		}
	}
}
