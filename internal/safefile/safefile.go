// Package safefile reads files named by users and by folders, which may be
// anything: a FIFO, a device, a socket, a folder, a file that grows, or a
// regular file swapped for one of those between a check and the open. It
// never blocks on what it opens, never reads more than a size cap, and says
// in words why a file cannot be read.
//
// A file is checked by name first (os.Stat, which follows symbolic links),
// so that devices and FIFOs are not even opened in the ordinary case; then
// opened non-blocking (O_NONBLOCK, O_NOCTTY: opening a FIFO without a
// writer returns at once, a terminal does not become the controlling one)
// and checked again on what was opened (fstat): a regular file no larger
// than the cap. Only then is it read, at most cap+1 bytes.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
)

// Reasons a file is not read. Errors from ReadFile wrap one of these (or
// fs.ErrNotExist, fs.ErrPermission) and say it in words, without the
// path: the caller names the file.
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("file too large")
)

// reason is an error whose text is a sentence for the user and which
// still matches the underlying error with errors.Is.
type reason struct {
	msg string
	err error
}

func (e *reason) Error() string { return e.msg }
func (e *reason) Unwrap() error { return e.err }

// ReadFile reads the regular file at path (following symbolic links), of
// at most max bytes. It returns the file's content and what fstat said of
// the file it read.
func ReadFile(path string, max int64) ([]byte, fs.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, describe(path, err)
	}
	if err := check(st, max); err != nil {
		return nil, nil, err
	}
	return readChecked(path, max)
}

// readChecked opens path without blocking, checks what was opened, and
// reads it.
func readChecked(path string, max int64) ([]byte, fs.FileInfo, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, nil, describe(path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, &reason{"cannot read: " + errText(err), err}
	}
	if err := check(st, max); err != nil {
		return nil, nil, err
	}
	data, err := readAll(f, st.Size(), max)
	if err != nil {
		return nil, nil, &reason{"cannot read: " + errText(err), err}
	}
	if int64(len(data)) > max {
		return nil, nil, tooLarge(max) // it grew
	}
	return data, st, nil
}

// readAll reads r to its end, at most max+1 bytes, into a buffer sized
// from stat (one allocation when the file did not grow meanwhile). Once it
// holds the size stat gave (more than nothing), it stops without reading
// again to see the end: one read for a file that did not change.
func readAll(r io.Reader, size, max int64) ([]byte, error) {
	buf := make([]byte, 0, min(size, max)+1)
	for {
		if size > 0 && int64(len(buf)) == size {
			return buf, nil
		}
		if len(buf) == cap(buf) {
			if int64(len(buf)) > max {
				return buf, nil
			}
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):min(int64(cap(buf)), max+1)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// check accepts a regular file of at most max bytes.
func check(st fs.FileInfo, max int64) error {
	if !st.Mode().IsRegular() {
		return &reason{fmt.Sprintf("%s (%s)", ErrNotRegular, Kind(st.Mode())), ErrNotRegular}
	}
	if st.Size() > max {
		return tooLarge(max)
	}
	return nil
}

func tooLarge(max int64) error {
	return &reason{fmt.Sprintf("%s (over %s)", ErrTooLarge, size(max)), ErrTooLarge}
}

// size writes a byte count the way people say it: 8 MiB, 64 KiB, 100 bytes.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Kind names what a file mode is, for messages: "a folder", "a named pipe".
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return m.Type().String()
}

// describe turns an error from stat or open into a sentence: a dangling
// link or a link loop named as such, a missing file, a permission problem.
func describe(path string, err error) error {
	if lst, lerr := os.Lstat(path); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
		if errors.Is(err, fs.ErrNotExist) {
			return &reason{"dangling symbolic link", err}
		}
		if errors.Is(err, syscall.ELOOP) {
			return &reason{"symbolic link loop", err}
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &reason{"no such file or folder", err}
	case errors.Is(err, fs.ErrPermission):
		return &reason{"permission denied", err}
	case errors.Is(err, syscall.ENOTDIR):
		return &reason{"a part of the path is not a folder", err}
	case errors.Is(err, syscall.ENAMETOOLONG):
		return &reason{"name too long", err}
	}
	return &reason{"cannot open: " + errText(err), err}
}

// errText is an error's text without the path an *fs.PathError adds.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return strings.TrimSpace(err.Error())
}
