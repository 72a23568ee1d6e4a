// Package noteedit is the one way briefs edits a note in the user's editor
// ($VISUAL, else $EDITOR, else nano or vi), shared by the TUI (E) and the command
// line (`briefs note ID --edit`):
//
//   - Prepare writes the note to a new temporary file (mode 0600);
//   - Command builds the editor command for that file (the TUI hands it to
//     tea.ExecProcess, the CLI runs it on the terminal);
//   - Finish reads the file back, sanitises it (brief.Sanitize) and trims
//     trailing newlines, and saves it with store.SetNoteIf against the note
//     the edit started from, so a note changed elsewhere in the meantime is
//     never overwritten.
//
// The temporary file is removed when the text is safe: saved, left
// unchanged, or (the editor failed: Failed) holding nothing new. Whenever
// text typed in the editor could not be saved the error names the file, so
// it is never lost. Run does all of it for a command line.
package noteedit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/store"
)

// Store is what noteedit needs of the database: the note as stored, and a
// write that only goes through if the note is still the one the edit
// started from (a *store.NoteChangedError otherwise). *store.Store is one.
type Store interface {
	Note(ctx context.Context, id string) (string, time.Time, error)
	SetNoteIf(ctx context.Context, id, base, body string) error
}

// maxNoteSize bounds the file read back: a note is text typed by a person.
const maxNoteSize = 16 << 20

// ConflictError is Finish's error when the note changed in the store while
// it was being edited (another process wrote it). Nothing was saved and the
// file at Path still holds the edited text; Text is that text as it would
// have been saved and Current the note as stored now, so a caller can offer
// to overwrite (SetNoteIf with base Current) or merge. errors.Is(err,
// store.ErrNoteChanged) holds.
type ConflictError struct {
	ID      string
	Path    string
	Text    string
	Current string
	Err     error // from store.SetNoteIf
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%v while you edited it: not saved, your text is in %s", e.Err, e.Path)
}

func (e *ConflictError) Unwrap() error { return e.Err }

// Prepare writes note to a new temporary file (mode 0600, in os.TempDir)
// named after the brief, and returns its path.
func Prepare(id, note string) (string, error) {
	f, err := os.CreateTemp("", "briefs-note-"+fileSafe(id)+"-*.md")
	if err != nil {
		return "", fmt.Errorf("temporary file for the note of %s: %w", id, err)
	}
	path := f.Name()
	_, werr := f.WriteString(note)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(path) // holds at most a copy of the stored note
		return "", fmt.Errorf("write the note of %s to %s: %w", id, path, err)
	}
	return path, nil
}

// fileSafe keeps the characters of a brief ID that are safe in a file name.
func fileSafe(id string) string {
	s := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return -1
	}, id)
	if len(s) > 32 {
		s = s[:32]
	}
	return s
}

// Command returns the command that edits path, with the editor Editor
// picks from the environment. The caller sets its standard streams or
// hands it to tea.ExecProcess. The process is killed if ctx ends.
func Command(ctx context.Context, path string) (*exec.Cmd, error) {
	argv, _, err := Editor(os.Getenv, exec.LookPath)
	if err != nil {
		return nil, fmt.Errorf("editor for %s: %w", path, err)
	}
	return exec.CommandContext(ctx, argv[0], append(argv[1:], path)...), nil
}

// fallbackEditors are tried, in order, when neither $VISUAL nor $EDITOR is
// set: nano for newcomers, vi, which every Unix has.
func fallbackEditors() []string { return []string{"nano", "vi"} }

// ErrNoEditor is Editor's error when no editor is set or found.
var ErrNoEditor = errors.New("no editor: $VISUAL and $EDITOR are unset and neither nano nor vi is installed (set EDITOR)")

// Editor is the editor notes are edited with: $VISUAL when set, else
// $EDITOR (either may carry arguments: "code --wait"), else the first of
// nano and vi that lookPath finds. It returns the command's words and
// where they came from ("$VISUAL", "$EDITOR", or "fallback"). A variable
// naming a program that does not exist is not checked here: running it
// fails, and says so.
func Editor(getenv func(string) string, lookPath func(string) (string, error)) (argv []string, from string, err error) {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if f := strings.Fields(getenv(v)); len(f) > 0 {
			return f, "$" + v, nil
		}
	}
	for _, name := range fallbackEditors() {
		if p, err := lookPath(name); err == nil {
			return []string{p}, "fallback", nil
		}
	}
	return nil, "", ErrNoEditor
}

// Failed ends an edit whose editor did not succeed (it could not start,
// or exited with an error: "vim :cq" is how one aborts). Nothing is saved.
// The temporary file is removed when it holds nothing new (the note as it
// was, or nothing readable), so a failed run leaves no file behind; when
// the editor wrote text of its own, the file is kept and the error names
// it, so that text is not lost.
func Failed(id, base, path string, runErr error) error {
	text, err := readBack(path)
	if err != nil || text == Normalize(base) {
		_ = os.Remove(path)
		return fmt.Errorf("%w: the note of %s was left unchanged", runErr, id)
	}
	return fmt.Errorf("%w: the note of %s was left unchanged, your text is in %s", runErr, id, path)
}

// Normalize is the form in which an edited note is saved: sanitised
// (brief.Sanitize: valid UTF-8, LF line ends, no control characters but tab
// and newline) and without trailing newlines.
func Normalize(s string) string {
	return strings.TrimRight(brief.Sanitize(s), "\n")
}

// Finish reads the file the editor wrote and saves it as the note of id if
// it differs from base (both compared in normalised form), through
// st.SetNoteIf(id, base, ...). base must be the note exactly as it was read
// before Prepare. It reports whether the note was written. The file is
// removed when the note was saved or left unchanged; otherwise it is kept
// and the error names it: a *ConflictError when the note changed elsewhere
// meanwhile.
func Finish(ctx context.Context, st Store, id, base, path string) (changed bool, err error) {
	text, err := readBack(path)
	if err != nil {
		return false, fmt.Errorf("note of %s not saved: %w (your text is in %s)", id, err, path)
	}
	if text != Normalize(base) {
		if st == nil {
			return false, fmt.Errorf("note of %s not saved: no database (your text is in %s)", id, path)
		}
		if err := st.SetNoteIf(ctx, id, base, text); err != nil {
			var nc *store.NoteChangedError
			if errors.As(err, &nc) {
				return false, &ConflictError{ID: id, Path: path, Text: text, Current: nc.Current, Err: err}
			}
			return false, fmt.Errorf("note of %s not saved: %w (your text is in %s)", id, err, path)
		}
		changed = true
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		what := "note unchanged"
		if changed {
			what = "note saved"
		}
		return changed, fmt.Errorf("%s; remove the temporary file: %w", what, err)
	}
	return changed, nil
}

// readBack reads the edited file, refusing anything that is not a regular
// file of reasonable size, and normalises it.
func readBack(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("read the edited note: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("read the edited note: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("read the edited note: %s is not a regular file", path)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxNoteSize+1))
	if err != nil {
		return "", fmt.Errorf("read the edited note: %w", err)
	}
	if len(b) > maxNoteSize {
		return "", fmt.Errorf("the edited note is larger than %d MiB", maxNoteSize>>20)
	}
	return Normalize(string(b)), nil
}

// Run edits the note of id in the user's editor on the given terminal
// streams and saves it: it reads the note from st, then Prepare, Command,
// runs the editor and waits for it, then Finish. It reports whether the
// note changed. If the editor fails, the note is left alone and the error
// names the file holding the text; a note changed elsewhere meanwhile gives
// a *ConflictError (errors.Is(err, store.ErrNoteChanged)).
func Run(ctx context.Context, st Store, id string, stdin io.Reader, stdout, stderr io.Writer) (changed bool, err error) {
	if st == nil {
		return false, fmt.Errorf("edit the note of %s: no database", id)
	}
	base, _, err := st.Note(ctx, id)
	if err != nil {
		return false, fmt.Errorf("edit the note of %s: %w", id, err)
	}
	path, err := Prepare(id, base)
	if err != nil {
		return false, err
	}
	cmd, err := Command(ctx, path)
	if err != nil {
		_ = os.Remove(path) // holds only the stored note
		return false, err
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	if err := cmd.Run(); err != nil {
		return false, Failed(id, base, path, fmt.Errorf("editor %s failed: %w", cmd.Path, err))
	}
	return Finish(ctx, st, id, base, path)
}
