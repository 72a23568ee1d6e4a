// Package e2e drives the built briefs binary in a pseudo-terminal: through
// tmux (which emulates the terminal, so the screen can be read back) and
// through a bare pty (to see every byte the program writes).
package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/testfixture"
	"github.com/creack/pty"
)

// build compiles cmd/briefs into a temporary folder.
func build(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end tests build the binary; skipped with -short")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "briefs")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/briefs")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/briefs: %v\n%s", err, out)
	}
	return bin
}

// childEnv isolates the program from the user's configuration and data.
func childEnv(t *testing.T, extra ...string) []string {
	t.Helper()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("folders: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + dir,
		"TERM=xterm-256color",
		"COLORTERM=truecolor",
		"LANG=C.UTF-8",
		"BRIEFS_CONFIG=" + cfg,
		"BRIEFS_DB=" + filepath.Join(dir, "data", "briefs.db"),
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"XDG_CACHE_HOME=" + filepath.Join(dir, "cache"),
		"XDG_STATE_HOME=" + filepath.Join(dir, "state"),
	}
	return append(env, extra...)
}

// tmuxSession is one program running in a private tmux server.
type tmuxSession struct {
	t      *testing.T
	socket string
	status string // file the exit status is written to
}

func (s *tmuxSession) tmux(args ...string) (string, error) {
	cmd := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func startTmux(t *testing.T, bin string, w, h int, args ...string) *tmuxSession {
	t.Helper()
	return startTmuxEnv(t, bin, w, h, childEnv(t), args...)
}

// startTmuxEnv is startTmux with the program's environment given.
func startTmuxEnv(t *testing.T, bin string, w, h int, env []string, args ...string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed")
	}
	dir := t.TempDir()
	s := &tmuxSession{t: t, socket: fmt.Sprintf("briefs-e2e-%d-%d", os.Getpid(), time.Now().UnixNano()), status: filepath.Join(dir, "status")}
	script := filepath.Join(dir, "run.sh")
	var quoted []string
	for _, a := range append([]string{bin}, args...) {
		quoted = append(quoted, "'"+strings.ReplaceAll(a, "'", `'\''`)+"'")
	}
	body := "#!/bin/sh\n"
	for _, e := range env {
		k, v, _ := strings.Cut(e, "=")
		body += "export " + k + "='" + strings.ReplaceAll(v, "'", `'\''`) + "'\n"
	}
	body += strings.Join(quoted, " ") + " 2>" + dir + "/stderr\necho $? > " + s.status + ".tmp && mv " + s.status + ".tmp " + s.status + "\n"
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := s.tmux("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), script); err != nil {
		t.Fatalf("tmux new-session: %v: %s", err, out)
	}
	t.Cleanup(func() {
		_, _ = s.tmux("kill-server")
		if b, err := os.ReadFile(filepath.Join(dir, "stderr")); err == nil && len(b) > 0 {
			t.Logf("program stderr:\n%s", b)
		}
	})
	return s
}

func (s *tmuxSession) screen() string {
	out, err := s.tmux("capture-pane", "-p", "-t", "e2e")
	if err != nil {
		return ""
	}
	return out
}

func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	if out, err := s.tmux(append([]string{"send-keys", "-t", "e2e"}, keys...)...); err != nil {
		s.t.Fatalf("send-keys %q: %v: %s", keys, err, out)
	}
}

func (s *tmuxSession) text(text string) {
	s.t.Helper()
	if out, err := s.tmux("send-keys", "-t", "e2e", "-l", text); err != nil {
		s.t.Fatalf("send-keys -l %q: %v: %s", text, err, out)
	}
}

// quit presses q and checks that the program exits with status 0.
func (s *tmuxSession) quit() {
	s.t.Helper()
	s.keys("q")
	if st := s.exitStatus(); st != "0" {
		s.t.Errorf("exit status %s", st)
	}
}

// waitFor polls the screen until cond holds.
func (s *tmuxSession) waitFor(what string, cond func(string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var scr string
	for time.Now().Before(deadline) {
		if scr = s.screen(); cond(scr) {
			return scr
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatalf("timed out waiting for %s; screen:\n%s", what, scr)
	return ""
}

func (s *tmuxSession) exitStatus() string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(s.status); err == nil {
			return strings.TrimSpace(string(b))
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatalf("the program did not exit; screen:\n%s", s.screen())
	return ""
}

const (
	ninaHead   = "Interior Minister: Iraq Has Succeeded"
	shafaqHead = "Iranian Interior Minister and Kuwaiti"
)

// TestTUIInTmux starts the reader over the embedded seeds, waits for the
// list, types a query, reads the screen back and quits with q.
func TestTUIInTmux(t *testing.T) {
	bin := build(t)
	for _, sz := range [][2]int{{140, 40}, {70, 24}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			s := startTmux(t, bin, sz[0], sz[1])
			scr := s.waitFor("the list", func(s string) bool { return strings.Contains(s, "2 of 2") })
			if !strings.Contains(scr, ninaHead) || !strings.Contains(scr, shafaqHead) {
				t.Fatalf("start screen lacks the seeds:\n%s", scr)
			}
			s.keys("/")
			s.text("edition:3")
			s.keys("Enter")
			// (the query is searched as it is typed: "edi" alone leaves one
			// brief too, so wait for the whole query)
			scr = s.waitFor("the filtered list", func(s string) bool {
				return strings.Contains(s, "1 of 2") && strings.Contains(s, "edition:3")
			})
			if !strings.Contains(scr, ninaHead) || strings.Contains(scr, shafaqHead) {
				t.Errorf("edition:3 should leave only the NINA brief:\n%s", scr)
			}
			if !strings.Contains(scr, "edition:3") {
				t.Errorf("filter bar lacks the query:\n%s", scr)
			}
			// a malformed query shows a message
			s.keys("/")
			s.text(" country:")
			scr = s.waitFor("the query message", func(s string) bool { return strings.Contains(s, "✗") })
			if !strings.Contains(scr, "needs a value") {
				t.Errorf("message unclear:\n%s", scr)
			}
			s.keys("Escape")
			s.waitFor("the cleared query", func(s string) bool { return strings.Contains(s, "2 of 2") })
			// the reader, and back
			s.keys("j")
			s.keys("Enter")
			s.waitFor("the reader", func(s string) bool { return strings.Contains(s, "Kuwait") && strings.Contains(s, "Source") })
			s.quit()
		})
	}
}

// TestTUIInPtyHostileBrief runs the binary on a hostile brief in a bare
// pty and checks the bytes it writes: no control sequence from the brief
// reaches the terminal, and q exits with status 0.
func TestTUIInPtyHostileBrief(t *testing.T) {
	bin := build(t)
	dir := t.TempDir()
	hostile := "Hostile \x1b]52;c;SGVsbG8=\x07 title \x1b[2J\n\n" +
		"Body \x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\ \u202eevil\u202c \u009b31m C1 \x9b2J " +
		"&#27;]52;c;QUFB&#7; &#x1b;[2J \x1bP1$r\x1b\\ \x1b_Gx\x1b\\ \x1b]0;pwned\x07 MARKER-END\n"
	file := filepath.Join(dir, "hostile.txt")
	if err := os.WriteFile(file, []byte(hostile), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, file)
	cmd.Env = childEnv(t)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 120, Rows: 30})
	if err != nil {
		t.Fatalf("start in pty: %v", err)
	}
	defer f.Close()
	var out testfixture.LockedBuffer
	copied := make(chan struct{})
	go func() {
		_, _ = io.Copy(&out, f)
		close(copied)
	}()
	wait := func(what string, cond func([]byte) bool) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			if cond(out.Bytes()) {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("timed out waiting for %s; output %q", what, out.Bytes())
	}
	wait("the list", func(b []byte) bool { return bytes.Contains(b, []byte("1 of 1")) })
	wait("the brief", func(b []byte) bool { return bytes.Contains(b, []byte("MARKER-END")) })
	if _, err := f.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Errorf("exit status %d", ee.ExitCode())
		} else if err != nil {
			t.Errorf("wait: %v", err)
		}
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("q did not quit")
	}
	f.Close()
	select {
	case <-copied:
	case <-time.After(2 * time.Second):
	}
	b := out.Bytes()
	for _, bad := range []string{"\x1b]52", "\x1b]8;", "\x1b]0;pwned", "pwned\x07", "\x1bP1", "\x1b_G", "\u202e", "\u009b", "\u202c"} {
		if i := bytes.Index(b, []byte(bad)); i >= 0 {
			t.Errorf("output holds %q at %d: %q", bad, i, b[max(0, i-20):min(len(b), i+30)])
		}
	}
	if bytes.Contains(b, []byte("\x1b]2;Hostile")) || bytes.Contains(b, []byte("\x1b]0;Hostile")) {
		t.Error("the window title carries brief text")
	}
}
