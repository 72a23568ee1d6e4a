package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"

	"github.com/briefs/briefs/internal/termsafe"
)

// ErrExists is returned (wrapped) by WriteFile when the file exists and
// overwriting was not asked for.
var ErrExists = errors.New("file already exists")

// DefaultFileName is FileName's answer when a title gives nothing usable.
const DefaultFileName = "briefs-export.md"

// maxFileName bounds FileName's result, in bytes, ".md" included.
const maxFileName = 80

// FileName makes a safe file name from a title: letters, digits, marks, '-',
// '_' and '.', other characters (path separators, spaces, punctuation) turned
// into '-', no "..", no control characters, no leading '.' or '-', at most 80
// bytes of valid UTF-8, ending in ".md". A title that leaves nothing gives
// "briefs-export.md".
func FileName(title string) string {
	s := termsafe.Plain(title)
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsMark(r), r == '_', r == '.':
			return r
		case r == utf8.RuneError:
			return -1
		}
		return '-'
	}, s)
	for strings.Contains(s, "..") {
		s = strings.ReplaceAll(s, "..", ".")
	}
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-")
	}
	s = strings.ReplaceAll(s, "-.-", "-")
	if strings.HasSuffix(strings.ToLower(s), ".md") {
		s = s[:len(s)-3]
	}
	s = trimName(s)
	if len(s) > maxFileName-3 {
		cut := maxFileName - 3
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = trimName(s[:cut])
	}
	if s == "" {
		return DefaultFileName
	}
	if isReserved(s) {
		s += "-export"
	}
	return s + ".md"
}

// trimName removes leading '.', '-', '_' and trailing '.', '-' (and a
// combining mark left at the start by truncation).
func trimName(s string) string {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return r == '.' || r == '-' || r == '_' || unicode.IsMark(r) })
	return strings.TrimRight(s, ".-")
}

// isReserved reports the device names Windows will not use as file names.
func isReserved(s string) bool {
	base, _, _ := strings.Cut(strings.ToUpper(s), ".")
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) && base[3] >= '0' && base[3] <= '9' {
		return true
	}
	return false
}

// WriteFile writes a file atomically: write goes to a temporary file in the
// same folder, which is flushed to disk and then renamed over path, and the
// folder is synced. Unless force is set, an existing path is never replaced:
// the error wraps ErrExists (checked again at the last moment, so a file
// that appears meanwhile is not overwritten either). On any error the
// temporary file is removed and an existing file is left as it was.
func WriteFile(path string, force bool, write func(io.Writer) error) (err error) {
	if path == "" {
		return errors.New("export: empty file name")
	}
	mode := fs.FileMode(0o644)
	switch fi, err := os.Stat(path); {
	case err == nil && fi.IsDir():
		return fmt.Errorf("export to %s: is a directory", path)
	case err == nil && !force:
		return fmt.Errorf("export to %s: %w", path, ErrExists)
	case err == nil:
		mode = fi.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("export to %s: %w", path, err)
	}

	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if len(base) > 100 {
		base = base[:100]
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("export to %s: create temporary file: %w", path, err)
	}
	tmp := f.Name()
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				f.Close()
			}
			os.Remove(tmp)
		}
	}()

	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	if err := f.Chmod(mode); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("export to %s: flush to disk: %w", path, err)
	}
	closed = true
	if err := f.Close(); err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}

	if force {
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("export to %s: %w", path, err)
		}
	} else if err := linkNoClobber(tmp, path); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("export to %s: sync folder: %w", path, err)
	}
	return nil
}

// linkNoClobber puts tmp at path only if path does not exist. A hard link
// fails atomically when path exists; where links are not supported it falls
// back to a check and a rename. tmp is gone afterwards on success.
func linkNoClobber(tmp, path string) error {
	err := os.Link(tmp, path)
	switch {
	case err == nil:
		if err := os.Remove(tmp); err != nil {
			return fmt.Errorf("export to %s: remove temporary file: %w", path, err)
		}
		return nil
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("export to %s: %w", path, ErrExists)
	}
	// No hard links here (FAT, some network file systems): best effort.
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("export to %s: %w", path, ErrExists)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	return nil
}

// syncDir makes a rename in dir durable. File systems and systems that
// cannot sync a folder are not an error.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) {
		return err
	}
	return nil
}
