package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/ui"
)

// runReader is `briefs [PATH...]`: the reader.
func (a *app) runReader(cmd *cobra.Command, paths []string) (err error) {
	if err := checkReaderPaths(cmd, paths); err != nil {
		return err
	}
	ctx := cmd.Context()
	opt, err := a.loadOptions(paths)
	if err != nil {
		return err
	}
	if _, err := a.extractOptions(); err != nil { // the series: block, before the reader starts
		return err
	}
	// The database is opened (and created) before the reader starts; when it
	// cannot be, the reader still shows the briefs and says why tags and
	// notes are unavailable. It is never deleted or overwritten.
	st, storeErr := a.openReaderStore(ctx)
	if storeErr != nil {
		st = nil
	} else {
		defer func() {
			if cerr := st.Close(); cerr != nil {
				err = errors.Join(err, fmt.Errorf("after the reader: %w", cerr))
			}
		}()
	}
	return ui.Run(ctx, ui.Options{
		Version: version,
		// The collection in steps (package index): the first screen of the
		// last session at once, then all the index knows, then the files
		// read, then every change in the folders while the reader runs.
		Stream: func(ctx context.Context, send func(library.Update)) error {
			c, err := a.openCollection(ctx, opt, true)
			if err != nil {
				return err
			}
			defer c.Close()
			complete := false
			return c.Run(ctx, func(u library.Update) {
				send(u) // first: the reader shows it while the store catches up
				if u.Done && u.Lib != nil && st != nil {
					// Tags and notes of edited or moved briefs follow them;
					// the reader re-reads the store when its revision changes.
					_, _ = st.Reattach(ctx, u.Lib.Candidates())
				}
				if u.Done && !complete {
					// Loading made garbage of the collections shown while it
					// grew: once the reader has moved to the whole one, the
					// memory goes back to the system (resident memory then
					// is what the collection holds, not the loading's peak).
					complete = true
					time.AfterFunc(time.Second, debug.FreeOSMemory)
				}
			})
		},
		Store:    st,
		StoreErr: storeErr,
		// where the briefs come from, for the reader's empty state, help
		// and first-run hint
		Folders:    opt.Paths,
		FirstRun:   len(paths) == 0 && len(opt.Paths) == 0,
		ConfigPath: configShown(a),
	})
}

// configShown is the configuration file's path as the reader shows it
// (the home folder as ~).
func configShown(a *app) string {
	p, _ := a.configPath()
	if home, err := os.UserHomeDir(); err == nil && home != "" && strings.HasPrefix(p, home+string(filepath.Separator)) {
		p = "~" + p[len(home):]
	}
	return p
}

// checkReaderPaths refuses, before the reader starts, PATHs from which
// nothing could be shown: a word that is neither a command nor a file
// (usage error), or paths that are all missing or hold no brief file.
func checkReaderPaths(cmd *cobra.Command, paths []string) error {
	var problems []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		switch {
		case err != nil && !strings.ContainsAny(p, `/\.`):
			if _, lerr := os.Lstat(p); lerr != nil {
				if s := cmd.Root().SuggestionsFor(p); len(s) > 0 {
					return usagef("unknown command or file %q: did you mean %s?", p, strings.Join(s, " or "))
				}
				return usagef("unknown command or file %q (commands: %s)", p, commandNames(cmd.Root()))
			}
			problems = append(problems, fmt.Sprintf("%s: %s", shown(p), reason(err)))
		case err != nil:
			problems = append(problems, fmt.Sprintf("%s: %s", shown(p), reason(err)))
		case !fi.IsDir():
			return nil // a file named explicitly is always read
		case hasBriefFiles(p):
			return nil
		default:
			problems = append(problems, fmt.Sprintf("%s: no brief files in this folder (.txt, .md, .markdown)", shown(p)))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("nothing to read: %s", strings.Join(problems, "; "))
}

// reason is the cause of a failed stat, without the path.
func reason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// hasBriefFiles reports whether the folder holds a file the library would
// read (as library.Load walks: hidden entries skipped), stopping at the
// first.
func hasBriefFiles(dir string) bool {
	found := false
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case path != dir && strings.HasPrefix(d.Name(), "."):
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case !d.IsDir() && brief.IsSourceName(d.Name()):
			found = true
			return fs.SkipAll
		}
		return nil
	})
	return found
}

// commandNames lists the commands a user can run.
func commandNames(root *cobra.Command) string {
	var names []string
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	return strings.Join(names, ", ")
}
