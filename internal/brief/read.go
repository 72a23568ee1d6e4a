package brief

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// MaxFileSize is the largest source file read; larger files are refused.
const MaxFileSize = 8 << 20

// ErrTooLarge, ErrNotRegular: reasons a file is not read.
var (
	ErrTooLarge   = fmt.Errorf("file too large (over %d MiB)", MaxFileSize>>20)
	ErrNotRegular = errors.New("not a regular file")
)

// IsSourceName reports whether a file name has an extension briefs reads.
func IsSourceName(name string) bool {
	l := strings.ToLower(name)
	return strings.HasSuffix(l, ".txt") || strings.HasSuffix(l, ".md") || strings.HasSuffix(l, ".markdown")
}

// ReadFile reads and parses one file from disk. It follows symbolic links,
// refuses anything that is not a regular file (so a FIFO never blocks) or is
// larger than MaxFileSize, and wraps every error with the reason.
func ReadFile(path string) (*Brief, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, describeStatError(path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w (%s)", ErrNotRegular, modeName(st.Mode()))
	}
	if st.Size() > MaxFileSize {
		return nil, ErrTooLarge
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open: %w", unwrapPath(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", unwrapPath(err))
	}
	if len(data) > MaxFileSize {
		return nil, ErrTooLarge
	}
	b, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	b.Hints.FileTime = st.ModTime()
	return b, nil
}

// ReadFS reads and parses one file of an fs.FS (the embedded seeds); the
// brief's Path is prefix + "/" + name.
func ReadFS(fsys fs.FS, name, prefix string) (*Brief, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	p := name
	if prefix != "" {
		p = prefix + "/" + name
	}
	return Parse(p, data)
}

func describeStatError(path string, err error) error {
	if lst, lerr := os.Lstat(path); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
		if errors.Is(err, fs.ErrNotExist) {
			return errors.New("dangling symbolic link")
		}
		if strings.Contains(err.Error(), "too many levels of symbolic links") {
			return errors.New("symbolic link loop")
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return errors.New("no such file or folder")
	}
	if errors.Is(err, fs.ErrPermission) {
		return errors.New("permission denied")
	}
	return unwrapPath(err)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func modeName(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return m.String()
}
