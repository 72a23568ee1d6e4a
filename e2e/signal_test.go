package e2e

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/testfixture"
	"github.com/creack/pty"
)

// exitLimit is how long a signalled process may take before it counts as
// hung: generous, because these tests run beside others on loaded machines;
// the time each took is logged (a second or less when the machine is idle).
const exitLimit = 10 * time.Second

// waitExit waits at most limit for cmd to end and returns its exit status
// and how long it took.
func waitExit(t *testing.T, cmd *exec.Cmd, limit time.Duration) (int, time.Duration) {
	t.Helper()
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		switch {
		case err == nil:
			return 0, time.Since(start)
		case errors.As(err, &ee):
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				t.Fatalf("killed by %v instead of exiting", ws.Signal())
			}
			return ee.ExitCode(), time.Since(start)
		}
		t.Fatalf("wait: %v", err)
	case <-time.After(limit):
		_ = cmd.Process.Kill()
		t.Fatalf("still running %v after the signal", limit)
	}
	return -1, 0
}

// TestSignalsEndCommands: Ctrl-C (SIGINT) and SIGTERM end a command that
// waits (here on the note editor) within a second, with status 130 or 143
// and nothing on standard error.
func TestSignalsEndCommands(t *testing.T) {
	bin := build(t)
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			started := filepath.Join(dir, "started")
			editor := filepath.Join(dir, "editor.sh")
			if err := os.WriteFile(editor, []byte("#!/bin/sh\ntouch '"+started+"'\nexec sleep 30\n"), 0o700); err != nil {
				t.Fatal(err)
			}
			env := childEnv(t, "EDITOR="+editor, "VISUAL=")
			id := ninaID(t, bin, env)
			cmd := exec.Command(bin, "note", id, "--edit")
			cmd.Env = env
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(20 * time.Second)
			for _, err := os.Stat(started); err != nil; _, err = os.Stat(started) {
				if time.Now().After(deadline) {
					_ = cmd.Process.Kill()
					t.Fatal("the editor did not start")
				}
				time.Sleep(20 * time.Millisecond)
			}
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			// the time is logged, not asserted (a loaded machine slows any
			// process): a hang shows as still running after the limit
			code, took := waitExit(t, cmd, exitLimit)
			t.Logf("%v: exit %d after %v", c.sig, code, took.Round(time.Millisecond))
			if code != c.code {
				t.Errorf("exit %d after %v, want %d", code, took, c.code)
			}
			if stderr.Len() != 0 {
				t.Errorf("stderr after %v: %q", c.sig, stderr.String())
			}
		})
	}
}

// TestSignalEndsReader: SIGINT sent to the reader (as kill -INT does; the
// Ctrl-C key is a key in the reader) ends it within a second, quietly.
func TestSignalEndsReader(t *testing.T) {
	bin := build(t)
	cmd := exec.Command(bin)
	cmd.Env = childEnv(t)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 100, Rows: 30})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out testfixture.LockedBuffer
	go func() { _, _ = io.Copy(&out, f) }()
	deadline := time.Now().Add(20 * time.Second)
	for !bytes.Contains(out.Bytes(), []byte("2 of 2")) {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("no list: %q", out.Bytes())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	code, took := waitExit(t, cmd, exitLimit)
	t.Logf("SIGINT: exit %d after %v", code, took.Round(time.Millisecond))
	if code != 130 {
		t.Errorf("exit %d after %v, want 130", code, took)
	}
	time.Sleep(100 * time.Millisecond)
	if tail := string(out.Bytes()); strings.Contains(tail, "context canceled") || strings.Contains(tail, "reader stopped") {
		t.Errorf("messages after the signal: %q", tail)
	}
}

// TestListUsesTerminalWidth: on a terminal, list rows fit its width.
func TestListUsesTerminalWidth(t *testing.T) {
	bin := build(t)
	for _, cols := range []uint16{60, 150} {
		cmd := exec.Command(bin, "list")
		cmd.Env = childEnv(t)
		f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: cols, Rows: 30})
		if err != nil {
			t.Fatal(err)
		}
		var out testfixture.LockedBuffer
		copied := make(chan struct{})
		go func() { _, _ = io.Copy(&out, f); close(copied) }()
		if code, _ := waitExit(t, cmd, 20*time.Second); code != 0 {
			t.Fatalf("list: exit %d: %q", code, string(out.Bytes()))
		}
		select {
		case <-copied:
		case <-time.After(2 * time.Second):
		}
		f.Close()
		lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(string(out.Bytes()), "\r", "")), "\n")
		if len(lines) != 3 {
			t.Fatalf("%d columns: %d lines:\n%s", cols, len(lines), string(out.Bytes()))
		}
		for _, l := range lines {
			if w := len([]rune(l)); w > int(cols) {
				t.Errorf("%d columns: a row of %d: %q", cols, w, l)
			}
		}
		if cols == 150 && !strings.Contains(string(out.Bytes()), "Interior Minister: Iraq Has Succeeded In Building An Advanced") {
			t.Errorf("150 columns: titles cut: %s", string(out.Bytes()))
		}
	}
}
