//go:build unix

package export

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// noTemp fails when dir holds a temporary file of WriteFile.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

// TestWriteFileRefusesNonRegular: FIFOs, devices, sockets and folders are
// never replaced, with --force or without, directly or through a link.
func TestWriteFileRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "s.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	sub := filepath.Join(dir, "folder")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	fifoLink := filepath.Join(dir, "fifolink.md")
	if err := os.Symlink(fifo, fifoLink); err != nil {
		t.Fatal(err)
	}
	devLink := filepath.Join(dir, "null.md")
	if err := os.Symlink("/dev/null", devLink); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		fifo:        "not a regular file (a named pipe)",
		fifoLink:    "not a regular file (a named pipe)",
		sock:        "not a regular file (a socket)",
		sub:         "not a regular file (a folder)",
		"/dev/null": "not a regular file (a character device)",
		devLink:     "not a regular file (a character device)",
	}
	for path, want := range cases {
		for _, force := range []bool{false, true} {
			before, _ := os.Lstat(path)
			err := WriteFile(path, force, text("exported"))
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
				t.Errorf("%s (force %v): %v, want %q", path, force, err, want)
			}
			after, _ := os.Lstat(path)
			if before.Mode() != after.Mode() {
				t.Errorf("%s changed from %v to %v", path, before.Mode(), after.Mode())
			}
		}
	}
	if st, err := os.Stat("/dev/null"); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a device: %v %v", st, err)
	}
	noTemp(t, dir)
}

// TestWriteFileThroughLink: a link to a regular file is written through;
// the link stays a link.
func TestWriteFileThroughLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.md")
	if err := os.WriteFile(real, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("real.md", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, false, text("new")); !errors.Is(err, ErrExists) {
		t.Errorf("without force: %v", err)
	}
	if err := WriteFile(link, true, text("new")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(real); string(data) != "new" {
		t.Errorf("target holds %q", data)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("link replaced: %v %v", st, err)
	}
	if st, _ := os.Stat(real); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 kept", st.Mode().Perm())
	}
	dangling := filepath.Join(dir, "dangling.md")
	if err := os.Symlink("gone.md", dangling); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(dangling, true, text("x")); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("dangling link: %v", err)
	}
	noTemp(t, dir)
}

// TestWriteFileFailureCleansUp: a failed export (an error or a panic in
// the writer) leaves no temporary file and never names one.
func TestWriteFileFailureCleansUp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.md")
	if err := os.WriteFile(path, []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(path, true, func(w io.Writer) error {
		_, _ = io.WriteString(w, strings.Repeat("x", 100<<10))
		return errors.New("the store went away")
	})
	if err == nil || strings.Contains(err.Error(), ".tmp") || !strings.Contains(err.Error(), "the store went away") {
		t.Errorf("error: %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "kept" {
		t.Errorf("existing file changed to %q", data)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("panic swallowed")
			}
		}()
		_ = WriteFile(path, true, func(io.Writer) error { panic("writer bug") })
	}()
	// an error that names the temporary file is reworded to name the export
	var tmpName string
	err = WriteFile(path, true, func(w io.Writer) error {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				tmpName = filepath.Join(dir, e.Name())
			}
		}
		return fmt.Errorf("write: %w", &fs.PathError{Op: "write", Path: tmpName, Err: syscall.ENOSPC})
	})
	if tmpName == "" || err == nil || strings.Contains(err.Error(), tmpName) || !strings.Contains(err.Error(), "no space left on device") || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("error naming the temporary file: %v", err)
	}
	// a folder where the temporary file cannot be made
	err = WriteFile(filepath.Join(dir, "missing", "out.md"), false, text("x"))
	if err == nil || strings.Contains(err.Error(), ".tmp") || strings.Contains(err.Error(), "*") {
		t.Errorf("missing folder: %v", err)
	}
	noTemp(t, dir)
}
