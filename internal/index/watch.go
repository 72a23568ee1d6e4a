package index

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/briefs/briefs/internal/library"
)

// Watching: every folder of the collection is watched (fsnotify); events
// are gathered until the folders are quiet for settle (at most maxWait
// after the first), then the paths they name are looked at again: a brief
// file added or changed is derived, one removed drops out, a folder added
// is walked and watched. The collection is then sent again (Done: a
// change). When events were lost (the system's queue overflowed), the
// folders are walked again.
const (
	settle  = 100 * time.Millisecond
	maxWait = 400 * time.Millisecond
)

// watcher watches folders.
type watcher struct {
	w       *fsnotify.Watcher
	mu      sync.Mutex // watched is also written by the walk's goroutine
	watched map[string]bool
}

func (w *watcher) add(dir string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.watched[dir] {
		return
	}
	if err := w.w.Add(dir); err == nil {
		w.watched[dir] = true
	}
}

func (w *watcher) remove(dir string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.watched[dir] {
		_ = w.w.Remove(dir)
		delete(w.watched, dir)
	}
}

func (w *watcher) close() { _ = w.w.Close() }

// startWatching makes the watcher; the walk adds the folders (onDir), and
// the folders of file roots are added now.
func (c *Collection) startWatching() (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{w: fw, watched: map[string]bool{}}
	c.watcher, c.onDir = w, w.add
	for _, r := range c.roots { // a file root: its folder, for that file's events
		if st, err := os.Stat(r.user); err == nil && !st.IsDir() {
			w.add(filepath.Dir(r.abs))
		}
	}
	return w, nil
}

// watch follows the events until ctx ends.
func (c *Collection) watch(ctx context.Context, send func(library.Update)) error {
	w := c.watcher
	pending := map[string]bool{}
	rescan := false
	var timer <-chan time.Time
	var first time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.w.Events:
			if !ok {
				return nil
			}
			pending[filepath.Clean(ev.Name)] = true
		case err, ok := <-w.w.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				rescan = true
			}
		case <-timer:
			paths := pending
			pending, timer = map[string]bool{}, nil
			changed := false
			if rescan {
				rescan = false
				changed = c.rescan(ctx, w.add)
			} else {
				changed = c.refresh(ctx, paths, w.add, w.remove)
			}
			if ctx.Err() != nil {
				return nil
			}
			if changed {
				u := c.update(true)
				u.Lib = c.build(nil)
				send(u)
			}
			continue
		}
		// an event (or error) came: wait for quiet, but not forever
		if timer == nil {
			first = time.Now()
		}
		wait := min(settle, maxWait-time.Since(first))
		timer = time.After(max(0, wait))
	}
}

// refresh looks at the paths events named; it reports whether the
// collection changed.
func (c *Collection) refresh(ctx context.Context, paths map[string]bool, addWatch, dropWatch func(dir string)) bool {
	var jobs []*slot
	var gone []string
	changed := false
	sorted := slices.Sorted(func(yield func(string) bool) {
		for p := range paths {
			if !yield(p) {
				return
			}
		}
	})
	for _, abs := range sorted {
		st, err := os.Stat(abs)
		switch {
		case err == nil && st.IsDir():
			if c.isCollectionDir(abs) {
				// a folder added (or moved in): walk it
				addWatch(abs)
				for _, r := range c.roots {
					if !sameDir(r.abs, abs) || r.abs == abs {
						continue
					}
					rel, _ := filepath.Rel(r.abs, abs)
					sub := root{user: filepath.Join(r.user, rel), abs: abs}
					found := walk([]root{sub}, c.workers, addWatch)
					for _, f := range found.files {
						if s := c.fileChanged(f.abs, f.user, f.st); s != nil {
							jobs = append(jobs, s)
						}
					}
					break
				}
			}
		case err == nil:
			if s := c.fileChanged(abs, "", st); s != nil {
				jobs = append(jobs, s)
			}
		case errors.Is(err, fs.ErrNotExist):
			// a file or a folder gone: every slot at or under it
			dropWatch(abs)
			for _, s := range c.slots {
				if !s.gone && !s.seed && sameDir(abs, s.abs) {
					if _, err := os.Lstat(s.abs); errors.Is(err, fs.ErrNotExist) {
						s.gone, changed = true, true
						gone = append(gone, s.abs)
					}
				}
			}
		}
	}
	c.dropGone()
	c.forget(gone)
	if len(jobs) > 0 {
		if err := c.derive(ctx, jobs, nil); err == nil {
			changed = true
		}
	}
	return changed
}

// isCollectionDir reports whether a folder belongs to the collection: under
// a folder root, not hidden.
func (c *Collection) isCollectionDir(abs string) bool {
	for _, r := range c.roots {
		if !sameDir(r.abs, abs) || r.abs == abs {
			continue
		}
		rel := strings.TrimPrefix(abs[len(r.abs):], string(filepath.Separator))
		for _, part := range strings.Split(rel, string(filepath.Separator)) {
			if strings.HasPrefix(part, ".") {
				return false
			}
		}
		return true
	}
	return false
}

// fileChanged returns the slot to derive for a file that exists (st), new
// or changed, or nil when it is not a brief file of the collection or is
// unchanged. user is its shown path when known.
func (c *Collection) fileChanged(abs, user string, st fs.FileInfo) *slot {
	if user == "" {
		for _, r := range c.roots {
			if u, ok := r.under(abs); ok {
				user = u
				break
			}
		}
		if user == "" {
			return nil
		}
	}
	key := statKey{size: -1}
	if st != nil {
		key = keyOf(st)
	}
	for _, s := range c.byAbs[abs] {
		if !s.gone {
			if s.en != nil && s.key == key {
				return nil
			}
			s.key = key
			return s
		}
	}
	s := &slot{user: user, abs: abs, key: key}
	c.slots = append(c.slots, s)
	c.byAbs[abs] = append(c.byAbs[abs], s)
	return s
}

// dropGone removes the slots marked gone.
func (c *Collection) dropGone() {
	c.slots = slices.DeleteFunc(c.slots, func(s *slot) bool { return s.gone })
	for abs, ss := range c.byAbs {
		ss = slices.DeleteFunc(ss, func(s *slot) bool { return s.gone })
		if len(ss) == 0 {
			delete(c.byAbs, abs)
		} else {
			c.byAbs[abs] = ss
		}
	}
}

// rescan walks every root again (after lost events): new and changed
// files are derived, missing ones dropped.
func (c *Collection) rescan(ctx context.Context, addWatch func(string)) bool {
	w := walk(c.roots, c.workers, addWatch)
	seen := map[string]bool{}
	var jobs []*slot
	for _, f := range w.files {
		seen[f.abs] = true
		if s := c.fileChanged(f.abs, f.user, f.st); s != nil {
			jobs = append(jobs, s)
		}
	}
	var gone []string
	for _, s := range c.slots {
		if !s.seed && !seen[s.abs] {
			s.gone = true
			gone = append(gone, s.abs)
		}
	}
	changed := len(gone) > 0
	c.warns = w.warns
	c.dropGone()
	c.forget(gone)
	if len(jobs) > 0 && c.derive(ctx, jobs, nil) == nil {
		changed = true
	}
	return changed
}

// sameDir reports whether path is dir or below it.
func sameDir(dir, path string) bool {
	return path == dir || strings.HasPrefix(path, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}
