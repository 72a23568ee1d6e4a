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

	"github.com/briefs/briefs/internal/safefile"
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

// ExpandHome expands the "~" a user types for the home folder at the start
// of a file name ("~", "~/notes.md"; "~user" is left as written), as a
// shell would: the reader's export prompt gets names no shell has seen.
// home is os.UserHomeDir or a test's.
func ExpandHome(path string, home func() (string, error)) (string, error) {
	rest, ok := strings.CutPrefix(path, "~")
	if !ok || rest != "" && rest[0] != '/' && rest[0] != filepath.Separator {
		return path, nil
	}
	h, err := home()
	if err != nil || h == "" {
		return path, fmt.Errorf("%s: the home folder is unknown: give the full path", path)
	}
	return filepath.Join(h, rest), nil
}

// WriteFile writes a file atomically: write goes to a temporary file in the
// same folder, which is flushed to disk and then renamed over path, and the
// folder is synced. Unless force is set, an existing path is never replaced:
// the error wraps ErrExists (checked again at the last moment, so a file
// that appears meanwhile is not overwritten either).
//
// Only regular files are ever replaced: a folder, a FIFO, a device or a
// socket at path is refused (with ErrNotRegular), force or not, so that
// `--out /dev/null --force` run as root leaves /dev/null alone. A symbolic
// link to a regular file is written through: its target is replaced and
// the link stays.
//
// On any error (or a panic in write) the temporary file is removed, an
// existing file is left as it was, and the error never names the
// temporary file: it speaks of path.
func WriteFile(path string, force bool, write func(io.Writer) error) (err error) {
	if path == "" {
		return errors.New("export: empty file name")
	}
	target, mode, err := exportTarget(path, force)
	if err != nil {
		return err
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	if len(base) > 100 {
		base = base[:100]
	}
	pattern := "." + base + ".*.tmp"
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return fmt.Errorf("export to %s: cannot create a file in its folder: %w", path, bare(err))
	}
	tmp := f.Name()
	closed := false
	cleanup := func() {
		if !closed {
			f.Close()
		}
		os.Remove(tmp)
	}
	defer func() {
		if p := recover(); p != nil {
			cleanup()
			panic(p)
		}
		if err != nil {
			cleanup()
			err = &hideTemp{err: err, tmp: tmp, path: path}
		}
	}()

	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return fmt.Errorf("export to %s: %w", path, bare(err))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export to %s: %w", path, bare(err))
	}
	if err := f.Chmod(mode); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("export to %s: %w", path, bare(err))
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("export to %s: flush to disk: %w", path, bare(err))
	}
	closed = true
	if err := f.Close(); err != nil {
		return fmt.Errorf("export to %s: %w", path, bare(err))
	}

	if force {
		// the target may have changed since it was checked
		if fi, err := os.Lstat(target); err == nil && !fi.Mode().IsRegular() {
			return fmt.Errorf("export to %s: %w (%s)", path, ErrNotRegular, safefile.Kind(fi.Mode()))
		}
		if err := os.Rename(tmp, target); err != nil {
			return fmt.Errorf("export to %s: %w", path, bare(err))
		}
	} else if err := linkNoClobber(tmp, target, path); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("export to %s: sync folder: %w", path, bare(err))
	}
	return nil
}

// ErrNotRegular is returned (wrapped) by WriteFile when path names
// something other than a regular file (or a link to one).
var ErrNotRegular = safefile.ErrNotRegular

// exportTarget checks what path names and returns the file to replace
// (path, or the regular file a symbolic link at path points to) and the
// permissions the new file gets.
func exportTarget(path string, force bool) (string, fs.FileMode, error) {
	target := path
	if lst, err := os.Lstat(path); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
		resolved, err := filepath.EvalSymlinks(path)
		switch {
		case err == nil:
			target = resolved
		case errors.Is(err, fs.ErrNotExist):
			return "", 0, fmt.Errorf("export to %s: a symbolic link to a file that does not exist: remove the link or export elsewhere", path)
		default:
			return "", 0, fmt.Errorf("export to %s: %w", path, bare(err))
		}
	}
	fi, err := os.Stat(target)
	switch {
	case err == nil && !fi.Mode().IsRegular():
		return "", 0, fmt.Errorf("export to %s: %w (%s): export writes files only", path, ErrNotRegular, safefile.Kind(fi.Mode()))
	case err == nil && !force:
		return "", 0, fmt.Errorf("export to %s: %w", path, ErrExists)
	case err == nil:
		return target, fi.Mode().Perm(), nil
	case !errors.Is(err, fs.ErrNotExist):
		return "", 0, fmt.Errorf("export to %s: %w", path, bare(err))
	}
	return target, 0o644, nil
}

// bare strips the file name an *fs.PathError or *os.LinkError adds to an
// error (it may be the temporary file's).
func bare(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe) && err == error(pe):
		return pe.Err
	case errors.As(err, &le) && err == error(le):
		return le.Err
	}
	return err
}

// hideTemp is an error of WriteFile whose text speaks of the exported
// path wherever the temporary file's name would appear.
type hideTemp struct {
	err       error
	tmp, path string
}

func (e *hideTemp) Error() string { return strings.ReplaceAll(e.err.Error(), e.tmp, e.path) }
func (e *hideTemp) Unwrap() error { return e.err }

// linkNoClobber puts tmp at target only if target does not exist (path is
// what the user named, for messages). A hard link
// fails atomically when path exists; where links are not supported it falls
// back to a check and a rename. tmp is gone afterwards on success.
func linkNoClobber(tmp, target, path string) error {
	err := os.Link(tmp, target)
	switch {
	case err == nil:
		_ = os.Remove(tmp) // the export is in place; a leftover name is harmless
		return nil
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("export to %s: %w", path, ErrExists)
	}
	// No hard links here (FAT, some network file systems): best effort.
	if _, err := os.Lstat(target); err == nil {
		return fmt.Errorf("export to %s: %w", path, ErrExists)
	}
	if err := os.Rename(tmp, target); err != nil {
		return fmt.Errorf("export to %s: %w", path, bare(err))
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
