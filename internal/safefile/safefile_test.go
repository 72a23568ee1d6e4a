//go:build unix

package safefile

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within fails the test if f does not return within a second (it would
// block forever on a FIFO opened the ordinary way).
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: still blocked after 5 s", what)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "brief.txt")
	if err := os.WriteFile(reg, []byte("text"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "s.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	link := filepath.Join(dir, "link.txt")
	_ = os.Symlink(reg, link)
	dangling := filepath.Join(dir, "dangling.txt")
	_ = os.Symlink(filepath.Join(dir, "gone"), dangling)
	loop := filepath.Join(dir, "loop.txt")
	_ = os.Symlink(loop, loop)
	fifoLink := filepath.Join(dir, "fifolink.txt")
	_ = os.Symlink(fifo, fifoLink)
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, make([]byte, 101), 0o644); err != nil {
		t.Fatal(err)
	}

	data, _, err := ReadFile(reg, 100)
	if err != nil || string(data) != "text" {
		t.Fatalf("regular: %q %v", data, err)
	}
	if data, _, err := ReadFile(link, 100); err != nil || string(data) != "text" {
		t.Fatalf("link: %q %v", data, err)
	}
	cases := []struct {
		path, msg string
		is        error
	}{
		{fifo, "not a regular file (a named pipe)", ErrNotRegular},
		{fifoLink, "not a regular file (a named pipe)", ErrNotRegular},
		{sock, "not a regular file (a socket)", ErrNotRegular},
		{dir, "not a regular file (a folder)", ErrNotRegular},
		{"/dev/null", "not a regular file (a character device)", ErrNotRegular},
		{"/dev/zero", "not a regular file (a character device)", ErrNotRegular},
		{"/dev/tty", "", nil}, // a device, or absent without a terminal
		{big, "file too large (over 100 bytes)", ErrTooLarge},
		{dangling, "dangling symbolic link", fs.ErrNotExist},
		{loop, "symbolic link loop", nil},
		{filepath.Join(dir, "missing.txt"), "no such file or folder", fs.ErrNotExist},
		{filepath.Join(reg, "x"), "a part of the path is not a folder", nil},
	}
	for _, c := range cases {
		within(t, c.path, func() {
			_, _, err := ReadFile(c.path, 100)
			if err == nil {
				t.Errorf("%s: read", c.path)
				return
			}
			if c.msg != "" && err.Error() != c.msg {
				t.Errorf("%s: %q, want %q", c.path, err, c.msg)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("%s: %v is not %v", c.path, err, c.is)
			}
			if strings.Contains(err.Error(), dir) {
				t.Errorf("%s: message names the path: %v", c.path, err)
			}
		})
	}
}

// TestOpenedNotRegular: what was opened is checked, not only what was
// stat'ed; a FIFO opened without a writer does not block.
func TestOpenedNotRegular(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	within(t, "FIFO", func() {
		if _, _, err := readChecked(fifo, 100); !errors.Is(err, ErrNotRegular) {
			t.Errorf("FIFO opened: %v", err)
		}
	})
	within(t, "/dev/zero", func() {
		if _, _, err := readChecked("/dev/zero", 100); !errors.Is(err, ErrNotRegular) {
			t.Errorf("/dev/zero opened: %v", err)
		}
	})
}

// TestSwappedForFIFO: a file swapped for a FIFO (and back) while it is
// being read never blocks the reader (issue 8: it hung 1 run in 300).
func TestSwappedForFIFO(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "brief.txt")
	reg, fifo := filepath.Join(dir, "reg"), filepath.Join(dir, "fifo")
	stop := make(chan struct{})
	swapped := make(chan struct{})
	go func() {
		defer close(swapped)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if i%2 == 0 {
				_ = os.WriteFile(reg, []byte("text"), 0o644)
				_ = os.Rename(reg, path)
			} else {
				_ = syscall.Mkfifo(fifo, 0o644)
				_ = os.Rename(fifo, path)
			}
		}
	}()
	defer func() { close(stop); <-swapped }()
	read, refused := 0, 0
	within(t, "swapping", func() {
		for range 2000 {
			if _, _, err := ReadFile(path, 100); err == nil {
				read++
			} else if errors.Is(err, ErrNotRegular) {
				refused++
			}
		}
	})
	if read == 0 || refused == 0 {
		t.Logf("read %d, refused %d (the swap rarely raced)", read, refused)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{8 << 20: "8 MiB", 64 << 10: "64 KiB", 100: "100 bytes", 1<<20 + 1: "1048577 bytes"} {
		if got := size(n); got != want {
			t.Errorf("size(%d) = %q", n, got)
		}
	}
}
