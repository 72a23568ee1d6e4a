package index

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
)

// root is one path of the collection (a file or a folder), as given and
// absolute.
type root struct {
	user string // as given: briefs are shown under it (user/rel)
	abs  string // absolute and clean
}

func makeRoots(paths []string) ([]root, error) {
	cwd := ""
	out := make([]root, 0, len(paths))
	for _, p := range paths {
		abs := p
		if !filepath.IsAbs(p) {
			if cwd == "" {
				var err error
				if cwd, err = os.Getwd(); err != nil {
					return nil, fmt.Errorf("current folder: %w", err)
				}
			}
			abs = filepath.Join(cwd, p)
		}
		out = append(out, root{user: p, abs: filepath.Clean(abs)})
	}
	return out, nil
}

// under returns the path a file of the index (abs) is shown at when it
// belongs to root r as Walk would list it (not hidden, a source name), or
// false.
func (r root) under(abs string) (string, bool) {
	if abs == r.abs {
		return r.user, true
	}
	if len(abs) <= len(r.abs) || !strings.HasPrefix(abs, r.abs) || (abs[len(r.abs)] != filepath.Separator && !strings.HasSuffix(r.abs, string(filepath.Separator))) {
		return "", false
	}
	rel := strings.TrimPrefix(abs[len(r.abs):], string(filepath.Separator))
	for part := range strings.SplitSeq(rel, string(filepath.Separator)) {
		if strings.HasPrefix(part, ".") || part == "" {
			return "", false
		}
	}
	if !brief.IsSourceName(filepath.Base(rel)) {
		return "", false
	}
	if r.user != "" && r.user == filepath.Clean(r.user) && !strings.HasSuffix(r.user, string(filepath.Separator)) {
		// rel has no empty, "." or ".." part: joined, it is clean
		return r.user + string(filepath.Separator) + rel, true
	}
	return filepath.Join(r.user, rel), true
}

// found is a file the walk found.
type found struct {
	user string // the path shown (as library.Walk lists it)
	abs  string // the index key
	st   fs.FileInfo
	err  error // stat failed (ReadFile will say why)
}

// walked is what walking the roots found: the files in walk order, the
// warnings, and the folders (to watch).
type walked struct {
	files []found
	warns []library.Warning
	dirs  []string // absolute
}

// walk lists the roots' files as library.Walk does (same order, same
// warnings), then stats them on several goroutines. onDir (when not nil)
// is called with each folder before its entries are read (to watch it).
func walk(roots []root, workers int, onDir func(abs string)) walked {
	var w walked
	for _, r := range roots {
		st, err := os.Stat(r.user)
		if err != nil {
			if lst, lerr := os.Lstat(r.user); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
				w.files = append(w.files, found{user: r.user, abs: r.abs})
				continue
			}
			w.warns = append(w.warns, library.Warning{Path: r.user, Err: fmt.Errorf("cannot open: %w", unwrap(err))})
			continue
		}
		if !st.IsDir() {
			w.files = append(w.files, found{user: r.user, abs: r.abs})
			continue
		}
		w.dirs = append(w.dirs, r.abs)
		if onDir != nil {
			onDir(r.abs)
		}
		err = filepath.WalkDir(r.user, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				w.warns = append(w.warns, library.Warning{Path: path, Err: fmt.Errorf("cannot read folder: %w", unwrap(err))})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if path != r.user && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != r.user {
					abs := absUnder(r, path)
					w.dirs = append(w.dirs, abs)
					if onDir != nil {
						onDir(abs)
					}
				}
				return nil
			}
			if brief.IsSourceName(name) {
				w.files = append(w.files, found{user: path, abs: absUnder(r, path)})
			}
			return nil
		})
		if err != nil {
			w.warns = append(w.warns, library.Warning{Path: r.user, Err: err})
		}
	}
	statAll(w.files, workers)
	return w
}

// absUnder is the absolute path of a path WalkDir gave under root r.
func absUnder(r root, path string) string {
	rel := strings.TrimPrefix(path, r.user)
	if rel == path || (rel != "" && rel[0] != filepath.Separator && !strings.HasSuffix(r.user, string(filepath.Separator))) {
		// WalkDir cleaned the root ("./x" -> "x/..."): go the long way
		if rel2, err := filepath.Rel(r.user, path); err == nil {
			return filepath.Join(r.abs, rel2)
		}
	}
	return filepath.Join(r.abs, rel)
}

// statAll stats the files on several goroutines (a stat is a system call:
// more goroutines than cores keep the disk busy).
func statAll(files []found, workers int) {
	workers = max(1, min(2*workers, len(files)/256))
	var next atomic.Int64
	var wg sync.WaitGroup
	const chunk = 128
	for range workers {
		wg.Go(func() {
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(files) {
					return
				}
				for i := lo; i < min(lo+chunk, len(files)); i++ {
					files[i].st, files[i].err = os.Stat(files[i].user)
				}
			}
		})
	}
	wg.Wait()
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
