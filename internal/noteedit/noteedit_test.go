package noteedit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/store"
)

// openStore opens a fresh database; its path is returned for other handles.
func openStore(t *testing.T) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "briefs.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st, path
}

// fakeEditor writes an executable shell script acting as the editor and
// makes it $EDITOR (with $VISUAL unset); temporary files go to a private
// folder, returned.
func fakeEditor(t *testing.T, body string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("shell script editors")
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "editor.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\n"+body+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EDITOR", script)
	t.Setenv("VISUAL", "")
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	return tmp
}

func note(t *testing.T, st *store.Store, id string) string {
	t.Helper()
	n, _, err := st.Note(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func rev(t *testing.T, st *store.Store) int64 {
	t.Helper()
	r, err := st.Revision(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// leftover lists the files in the temporary folder.
func leftover(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, filepath.Join(dir, e.Name()))
	}
	return out
}

func TestPrepare(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	path, err := Prepare("123456789012", "old *note*\n")
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(path); string(b) != "old *note*\n" {
		t.Errorf("file holds %q", b)
	}
	if base := filepath.Base(path); !strings.HasPrefix(base, "briefs-note-123456789012-") || !strings.HasSuffix(base, ".md") {
		t.Errorf("file name %q", base)
	}
	// an ID with path characters cannot escape the folder
	p2, err := Prepare("../../x/y", "")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(p2) != filepath.Dir(path) {
		t.Errorf("%q is outside %q", p2, filepath.Dir(path))
	}
}

func TestRunSavesSanitisedText(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	if err := st.SetNote(ctx, "b1", "old note"); err != nil {
		t.Fatal(err)
	}
	// the editor appends a line with a control character, CRLF and
	// trailing newlines, and talks on the terminal
	tmp := fakeEditor(t, `printf '\n\ntyped\001 here\r\nsecond\033[31m line\n\n\n' >> "$1"; echo "editing $1"; read x; echo "got $x" >&2`)
	var out, errOut bytes.Buffer
	changed, err := Run(ctx, st, "b1", strings.NewReader("stdin line\n"), &out, &errOut)
	if err != nil || !changed {
		t.Fatalf("Run = %v, %v", changed, err)
	}
	if got, want := note(t, st, "b1"), "old note\n\ntyped here\nsecond[31m line"; got != want {
		t.Errorf("note %q, want %q", got, want)
	}
	if !strings.Contains(out.String(), "editing "+tmp) || errOut.String() != "got stdin line\n" {
		t.Errorf("streams not passed: stdout %q stderr %q", out.String(), errOut.String())
	}
	if files := leftover(t, tmp); len(files) != 0 {
		t.Errorf("temporary files left after saving: %q", files)
	}
}

func TestRunUnchangedWritesNothing(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	// stored with a trailing newline by an older version: saving the
	// same text trimmed is not a change
	if err := st.SetNote(ctx, "b1", "kept as is\n"); err != nil {
		t.Fatal(err)
	}
	tmp := fakeEditor(t, "exit 0")
	r0 := rev(t, st)
	changed, err := Run(ctx, st, "b1", nil, nil, nil)
	if err != nil || changed {
		t.Fatalf("Run = %v, %v", changed, err)
	}
	if got := note(t, st, "b1"); got != "kept as is\n" {
		t.Errorf("note %q", got)
	}
	if rev(t, st) != r0 {
		t.Error("revision bumped without a change")
	}
	if files := leftover(t, tmp); len(files) != 0 {
		t.Errorf("temporary files left: %q", files)
	}
	// a brief without a note, the editor writes nothing: still no note
	changed, err = Run(ctx, st, "b2", nil, nil, nil)
	if err != nil || changed || note(t, st, "b2") != "" {
		t.Fatalf("empty: %v, %v", changed, err)
	}
}

func TestRunEditorFailsKeepsFile(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	if err := st.SetNote(ctx, "b1", "old"); err != nil {
		t.Fatal(err)
	}
	tmp := fakeEditor(t, `echo "half-typed" >> "$1"; exit 3`)
	_, err := Run(ctx, st, "b1", nil, nil, nil)
	if err == nil {
		t.Fatal("a failing editor is not an error")
	}
	files := leftover(t, tmp)
	if len(files) != 1 || !strings.Contains(err.Error(), files[0]) || !strings.Contains(err.Error(), "exit status 3") {
		t.Fatalf("error %q does not name the file %q", err, files)
	}
	if b, _ := os.ReadFile(files[0]); string(b) != "oldhalf-typed\n" {
		t.Errorf("file holds %q", b)
	}
	if got := note(t, st, "b1"); got != "old" {
		t.Errorf("note changed to %q", got)
	}
}

func TestVisualWinsOverEditor(t *testing.T) {
	st, _ := openStore(t)
	tmp := fakeEditor(t, `echo "from EDITOR" > "$1"`)
	visual := filepath.Join(t.TempDir(), "visual.sh")
	if err := os.WriteFile(visual, []byte("#!/bin/sh\n[ \"$1\" = --flag ] && echo \"from VISUAL\" > \"$2\"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", visual+" --flag")
	if _, err := Run(context.Background(), st, "b1", nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got := note(t, st, "b1"); got != "from VISUAL" {
		t.Errorf("note %q", got)
	}
	if files := leftover(t, tmp); len(files) != 0 {
		t.Errorf("temporary files left: %q", files)
	}
}

// TestHelperEditor is not a test: it is the editor of
// TestRunConflictKeepsBoth, run as another process. It appends to the
// note in the database (as `briefs note --text` would) while "editing".
func TestHelperEditor(t *testing.T) {
	db := os.Getenv("NOTEEDIT_HELPER_DB")
	if db == "" {
		t.Skip("helper process")
	}
	args := flagArgs()
	if len(args) == 0 {
		t.Fatal("no file argument")
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.AppendNote(context.Background(), "b1", "from script"); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(args[len(args)-1], os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := fmt.Fprint(f, "\n\nmine\n"); err != nil {
		t.Fatal(err)
	}
}

// flagArgs is what follows "--" on the command line.
func flagArgs() []string {
	for i, a := range os.Args {
		if a == "--" {
			return os.Args[i+1:]
		}
	}
	return nil
}

func TestRunConflictKeepsBoth(t *testing.T) {
	st, db := openStore(t)
	ctx := context.Background()
	if err := st.SetNote(ctx, "b1", "start"); err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	tmp := fakeEditor(t, `exec "`+exe+`" -test.run='^TestHelperEditor$' -- "$1"`)
	t.Setenv("NOTEEDIT_HELPER_DB", db)
	_, err = Run(ctx, st, "b1", nil, nil, nil)
	if !errors.Is(err, store.ErrNoteChanged) {
		t.Fatalf("Run over a note changed meanwhile: %v", err)
	}
	var ce *ConflictError
	if !errors.As(err, &ce) {
		t.Fatalf("not a *ConflictError: %#v", err)
	}
	if ce.Text != "start\n\nmine" || ce.Current != "start\n\nfrom script" || ce.ID != "b1" {
		t.Errorf("conflict %+v", ce)
	}
	// the script's paragraph is in the database, ours in the file
	if got := note(t, st, "b1"); got != "start\n\nfrom script" {
		t.Errorf("note %q", got)
	}
	files := leftover(t, tmp)
	if len(files) != 1 || ce.Path != files[0] || !strings.Contains(err.Error(), files[0]) {
		t.Fatalf("error %q, files %q", err, files)
	}
	if b, _ := os.ReadFile(files[0]); string(b) != "start\n\nmine\n" {
		t.Errorf("file holds %q", b)
	}
}

func TestFinish(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	t.Setenv("TMPDIR", t.TempDir())
	// a missing file: the error names it
	missing := filepath.Join(t.TempDir(), "gone.md")
	if _, err := Finish(ctx, st, "b1", "", missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing file: %v", err)
	}
	// saving fails (closed database): the file is kept and named
	path, err := Prepare("b1", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("words\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	st2, _ := openStore(t)
	_ = st2.Close()
	if _, err := Finish(ctx, st2, "b1", "", path); err == nil || !strings.Contains(err.Error(), "your text is in "+path) {
		t.Errorf("closed database: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("file removed after a failed save: %v", err)
	}
	// then it saves, and the file goes
	changed, err := Finish(ctx, st, "b1", "", path)
	if err != nil || !changed || note(t, st, "b1") != "words" {
		t.Fatalf("Finish = %v, %v; note %q", changed, err, note(t, st, "b1"))
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("file kept after saving: %v", err)
	}
	// a folder is not read
	if _, err := Finish(ctx, st, "b1", "words", t.TempDir()); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("folder: %v", err)
	}
}

// TestRunEditorFailsLeavesNoFile (issue 11, item 18): an editor that
// fails without writing anything new (aborted, crashed, or not found)
// leaves no temporary file and the error names none.
func TestRunEditorFailsLeavesNoFile(t *testing.T) {
	for name, editor := range map[string]string{
		"exit 1":    `exit 1`,
		"rewrites":  `cat "$1" > "$1.x"; mv "$1.x" "$1"; exit 2`,
		"deletes":   `rm -f "$1"; exit 1`,
		"not found": "",
	} {
		t.Run(name, func(t *testing.T) {
			st, _ := openStore(t)
			ctx := context.Background()
			if err := st.SetNote(ctx, "b1", "old"); err != nil {
				t.Fatal(err)
			}
			tmp := fakeEditor(t, editor)
			if editor == "" {
				t.Setenv("EDITOR", filepath.Join(t.TempDir(), "no-such-editor"))
			}
			_, err := Run(ctx, st, "b1", nil, nil, nil)
			if err == nil {
				t.Fatal("a failing editor is not an error")
			}
			if files := leftover(t, tmp); len(files) != 0 {
				t.Errorf("temporary files left: %q", files)
			}
			if strings.Contains(err.Error(), tmp) || !strings.Contains(err.Error(), "left unchanged") {
				t.Errorf("error %q", err)
			}
			if got := note(t, st, "b1"); got != "old" {
				t.Errorf("note changed to %q", got)
			}
		})
	}
}

// TestEditorFallbacks (issue 11, item 18): $VISUAL, then $EDITOR, then
// nano, then vi.
func TestEditorFallbacks(t *testing.T) {
	look := func(have ...string) func(string) (string, error) {
		return func(name string) (string, error) {
			for _, h := range have {
				if h == name {
					return "/usr/bin/" + name, nil
				}
			}
			return "", errors.New("not found")
		}
	}
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, c := range []struct {
		env      func(string) string
		look     func(string) (string, error)
		argv     string
		from     string
		noEditor bool
	}{
		{env("VISUAL", "code --wait", "EDITOR", "vim"), look("nano", "vi"), "code --wait", "$VISUAL", false},
		{env("EDITOR", "vim -u NONE"), look("nano", "vi"), "vim -u NONE", "$EDITOR", false},
		{env("VISUAL", "  "), look("nano", "vi"), "/usr/bin/nano", "fallback", false},
		{env(), look("vi"), "/usr/bin/vi", "fallback", false},
		{env(), look(), "", "", true},
	} {
		argv, from, err := Editor(c.env, c.look)
		if strings.Join(argv, " ") != c.argv || from != c.from || errors.Is(err, ErrNoEditor) != c.noEditor {
			t.Errorf("Editor = %q %q %v; want %q %q", argv, from, err, c.argv, c.from)
		}
	}
	// Command finds vi on PATH when nothing else is there
	if runtime.GOOS == "windows" {
		return
	}
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "vi"), []byte("#!/bin/sh\nexit 0\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "")
	cmd, err := Command(context.Background(), "/tmp/x.md")
	if err != nil || cmd.Path != filepath.Join(bin, "vi") {
		t.Errorf("Command with only vi: %v %v", cmd, err)
	}
}
