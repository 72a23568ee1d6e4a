//go:build unix

package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/safefile"
)

// TestConfigNotRegular: --config naming a FIFO does not hang, /dev/zero
// does not exhaust memory, a folder or a huge file is refused by name.
func TestConfigNotRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "config.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.yaml")
	if err := os.WriteFile(huge, []byte("folders: ["+strings.Repeat(`"x", `, maxConfig/5)+"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		fifo:        "not a regular file (a named pipe)",
		"/dev/zero": "not a regular file (a character device)",
		dir:         "not a regular file (a folder)",
		huge:        "file too large (over 1 MiB)",
	} {
		done := make(chan error, 1)
		go func() {
			_, err := loadConfig(path, true)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), want) || !errors.Is(err, safefile.ErrNotRegular) && !errors.Is(err, safefile.ErrTooLarge) {
				t.Errorf("%s: %v, want %q", path, err, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: loadConfig blocked", path)
		}
	}
	// a missing file at the default place is no configuration at all
	if _, err := loadConfig(filepath.Join(dir, "none.yaml"), false); err != nil {
		t.Errorf("missing default config: %v", err)
	}
	if _, err := loadConfig(filepath.Join(dir, "none.yaml"), true); err == nil || !strings.Contains(err.Error(), "no such file or folder") {
		t.Errorf("missing named config: %v", err)
	}
}
