package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/noteedit"
	"github.com/briefs/briefs/internal/store"
)

func TestNoteEditorSavesAndReaderShowsNote(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 140, 40, true)
	nina, _ := seedIDs(h)
	h.press("e")
	if !h.noteEdOpen() || !topIs[*noteEditor](h) {
		t.Fatal("e does not open the note editor")
	}
	h.typeText("Ask about the ")
	h.send(tea.PasteMsg{Content: "*early warning* system"})
	h.press("enter")
	h.typeText("second line")
	h.press("esc")
	if h.noteEdOpen() {
		t.Fatalf("editor still open: %q", h.noteEd().err)
	}
	note, _, err := st.Note(context.Background(), nina)
	if err != nil {
		t.Fatal(err)
	}
	if note != "Ask about the *early warning* system\nsecond line" {
		t.Fatalf("note %q", note)
	}
	if s := h.screen(); !strings.Contains(s, "note saved") {
		t.Errorf("no message:\n%s", s)
	}
	h.press("enter", "G")
	s := h.screen()
	for _, want := range []string{"Note", "Ask about the early warning system", noteSign} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	// ctrl+s saves too, and reopening shows the saved note
	h.press("e")
	if h.noteEd().area.Value() != note {
		t.Errorf("editor reopened with %q", h.noteEd().area.Value())
	}
	h.typeText("!")
	h.press("ctrl+s")
	if note, _, _ := st.Note(context.Background(), nina); !strings.HasSuffix(note, "!") {
		t.Errorf("ctrl+s did not save: %q", note)
	}
	// ctrl+x discards
	h.press("e")
	h.typeText("junk")
	h.press("ctrl+x")
	if note, _, _ := st.Note(context.Background(), nina); strings.Contains(note, "junk") || h.noteEdOpen() {
		t.Errorf("ctrl+x saved: %q", note)
	}
}

func TestQuitWithUnsavedNoteAsks(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	nina, _ := seedIDs(h)
	h.press("e")
	h.typeText("draft")
	h.press("ctrl+c")
	if h.quit || !h.askingQuit() {
		t.Fatalf("ctrl+c with unsaved text quit=%v ask=%v", h.quit, h.askingQuit())
	}
	if s := h.screen(); !strings.Contains(s, "save changes to the note") || !strings.Contains(s, "(y/n/esc)") {
		t.Errorf("question not shown:\n%s", s)
	}
	h.press("esc")
	if h.askingQuit() || !h.noteEdOpen() || h.noteEd().area.Value() != "draft" {
		t.Fatalf("esc did not go back to the note")
	}
	h.press("ctrl+c", "y")
	if !h.quit {
		t.Fatal("y did not quit after saving")
	}
	if note, _, _ := st.Note(context.Background(), nina); note != "draft" {
		t.Errorf("note %q", note)
	}
	// n quits without saving
	h2, st2 := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	h2.press("e")
	h2.typeText("lost on purpose")
	h2.press("ctrl+c", "n")
	if !h2.quit {
		t.Fatal("n did not quit")
	}
	if note, _, _ := st2.Note(context.Background(), nina); note != "" {
		t.Errorf("n saved %q", note)
	}
	// nothing typed: ctrl+c quits at once
	h3, _ := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	h3.press("e", "ctrl+c")
	if !h3.quit {
		t.Error("ctrl+c with an unchanged note should quit")
	}
}

func TestFailedSaveKeepsText(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	h.press("e")
	h.typeText("precious words")
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	h.press("esc")
	if !h.noteEdOpen() || h.noteEd().err == "" {
		t.Fatalf("failed save closed the editor: open %v err %q", h.noteEdOpen(), h.noteEd().err)
	}
	if h.noteEd().area.Value() != "precious words" {
		t.Errorf("text changed: %q", h.noteEd().area.Value())
	}
	s := h.screen()
	if !strings.Contains(s, "precious words") || !strings.Contains(s, "✗") {
		t.Errorf("text or error not on screen:\n%s", s)
	}
	// quitting still asks
	h.press("ctrl+c")
	if h.quit || !h.askingQuit() {
		t.Error("quit with unsaved text after a failed save did not ask")
	}
	// a failed tag write keeps the editor open with the error
	h.press("esc", "ctrl+x", "t")
	h.typeText("x")
	h.press("enter")
	if !h.tagEdOpen() || h.tagEd().err == "" {
		t.Errorf("failed tag write: open %v err %q", h.tagEdOpen(), h.tagEd().err)
	}
}

// fakeEditor sets $EDITOR to true (it changes nothing) and TMPDIR to a

// fresh folder, which it returns.

func fakeEditor(t *testing.T) string {
	tmpdir := t.TempDir()
	t.Setenv("TMPDIR", tmpdir)
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "true")
	return tmpdir
}

func TestExternalEditorFlow(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	nina, _ := seedIDs(h)
	ctx := context.Background()
	mustSetNote(t, st, nina, "old note")
	tmpdir := fakeEditor(t)
	// E reads the note afresh, writes it to a temporary file and builds
	// the editor command for it
	ready, ok := h.m.prepareEditorCmd(nina, ninaTitle)().(editorReadyMsg)
	if !ok || ready.err != nil || ready.cmd == nil || ready.base != "old note" {
		t.Fatalf("prepareEditorCmd: %#v", ready)
	}
	if b, _ := os.ReadFile(ready.path); string(b) != "old note" {
		t.Errorf("temporary file holds %q", b)
	}
	if got := ready.cmd.Args[len(ready.cmd.Args)-1]; got != ready.path {
		t.Errorf("editor command %q does not edit %s", ready.cmd.Args, ready.path)
	}
	// the editor wrote controls, CRLF and trailing newlines: saved clean
	if err := os.WriteFile(ready.path, []byte("from the\x07 editor\r\n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.send(editorDoneMsg{id: nina, title: ninaTitle, base: ready.base, path: ready.path})
	if note, _, _ := st.Note(ctx, nina); note != "from the editor" {
		t.Errorf("note %q", note)
	}
	if _, err := os.Stat(ready.path); !os.IsNotExist(err) {
		t.Errorf("temporary file kept after saving: %v", err)
	}
	if !strings.Contains(h.screen(), "note saved") {
		t.Errorf("no confirmation:\n%s", h.screen())
	}
	// the editor failed: the file is kept and named
	tmp := filepath.Join(tmpdir, "note.md")
	if err := os.WriteFile(tmp, []byte("again"), 0o600); err != nil {
		t.Fatal(err)
	}
	// (execEditorCmd ends a failed run with noteedit.Failed)
	h.send(editorDoneMsg{id: nina, base: "from the editor", path: tmp, err: noteedit.Failed(nina, "from the editor", tmp, errors.New("exit status 1"))})
	if !strings.Contains(h.m.status.msg, tmp) {
		t.Errorf("status does not name the file: %q", h.m.status.msg)
	}
	// the editor failed having written nothing new: no file is left, none named
	same := filepath.Join(tmpdir, "same.md")
	if err := os.WriteFile(same, []byte("from the editor\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.send(editorDoneMsg{id: nina, base: "from the editor", path: same, err: noteedit.Failed(nina, "from the editor", same, errors.New("exit status 1"))})
	if strings.Contains(h.m.status.msg, same) || !strings.Contains(h.m.status.msg, "exit status 1") {
		t.Errorf("status %q", h.m.status.msg)
	}
	if _, err := os.Stat(same); !os.IsNotExist(err) {
		t.Errorf("temporary file left after a failed run that wrote nothing: %v", err)
	}
	// saving failed: the file is kept and named
	_ = st.Close()
	h.send(editorDoneMsg{id: nina, base: "from the editor", path: tmp})
	if !strings.Contains(h.m.status.msg, "your text is in "+tmp) {
		t.Errorf("status %q", h.m.status.msg)
	}
	if _, err := os.Stat(tmp); err != nil {
		t.Errorf("temporary file gone after a failed save: %v", err)
	}
}

// startConflict opens the inline editor on the note "start" of the NINA

// brief and types " mine"; meanwhile another writer appends "from script"

// (as `briefs note ID --text "from script"` in another process would).

func startConflict(t *testing.T, w, h int) (*harness, *store.Store, string) {
	t.Helper()
	hs, st := newStoreHarness(t, seedLibrary(t), w, h, true)
	nina, _ := seedIDs(hs)
	mustSetNote(t, st, nina, "start")
	hs.send(pollMsg{})
	hs.press("e")
	hs.typeText(" mine")
	mustAppendNote(t, st, nina, "from script")
	return hs, st, nina
}

// TestNoteConflictOverwrite: the note is changed by another writer while

// the inline editor is open; leaving does not overwrite it but asks, and

// y replaces their text with the user's.

func TestNoteConflictOverwrite(t *testing.T) {
	h, st, nina := startConflict(t, 80, 24)
	ctx := context.Background()
	h.send(pollMsg{})
	if s := h.screen(); !strings.Contains(s, "changed elsewhere meanwhile: saving will ask") {
		t.Errorf("the poll does not warn:\n%s", s)
	}
	h.press("esc")
	if note, _, _ := st.Note(ctx, nina); note != "start\n\nfrom script" {
		t.Fatalf("the script's text was overwritten: %q", note)
	}
	if !h.noteEdOpen() || !h.conflict() || !topIs[*question](h) {
		t.Fatalf("no question: open %v conflict %v", h.noteEdOpen(), h.conflict())
	}
	s := h.screen()
	for _, want := range []string{"changed elsewhere: overwrite it with your text? (y/n/esc)", "theirs: from script", "start mine", "y overwrite theirs"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	// typing is not taken as text while asking
	h.send(tea.PasteMsg{Content: "pasted"})
	if v := h.noteEd().area.Value(); v != "start mine" {
		t.Errorf("text changed while asking: %q", v)
	}
	h.press("y")
	if note, _, _ := st.Note(ctx, nina); note != "start mine" {
		t.Fatalf("y: note %q", note)
	}
	if h.noteEdOpen() {
		t.Error("editor still open after overwriting")
	}
	if !strings.Contains(h.screen(), "note saved") {
		t.Errorf("no confirmation:\n%s", h.screen())
	}
}

// TestNoteConflictKeepBoth: n keeps editing with their paragraph appended

// below the user's text; the next save writes both.

func TestNoteConflictKeepBoth(t *testing.T) {
	h, st, nina := startConflict(t, 140, 40)
	ctx := context.Background()
	// quitting saves first: the conflict stops the quit and asks
	h.press("ctrl+c", "y")
	if h.quit || !h.conflict() {
		t.Fatalf("quit %v conflict %v", h.quit, h.conflict())
	}
	// esc goes back to the text, unchanged; saving asks again
	h.press("esc")
	if h.conflict() || !h.noteEdOpen() || h.noteEd().area.Value() != "start mine" {
		t.Fatalf("esc: conflict %v text %q", h.conflict(), h.noteEd().area.Value())
	}
	h.press("esc")
	if !h.conflict() {
		t.Fatal("second save did not ask")
	}
	h.press("n")
	if v := h.noteEd().area.Value(); v != "start mine\n\nfrom script" {
		t.Fatalf("n: text %q", v)
	}
	if note, _, _ := st.Note(ctx, nina); note != "start\n\nfrom script" {
		t.Fatalf("n wrote: %q", note)
	}
	if s := h.screen(); !strings.Contains(s, "from script") || !strings.Contains(s, "their text is below yours") {
		t.Errorf("screen:\n%s", s)
	}
	h.typeText(" ok")
	h.press("esc")
	if note, _, _ := st.Note(ctx, nina); note != "start mine\n\nfrom script ok" {
		t.Fatalf("saved %q", note)
	}
	if h.noteEdOpen() {
		t.Error("editor still open")
	}
}

// TestExternalEditorConflict: the note changes while $EDITOR runs; the

// edited text opens in the inline editor with the question, the file is

// kept until the note is saved.

func TestExternalEditorConflict(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	nina, _ := seedIDs(h)
	ctx := context.Background()
	mustSetNote(t, st, nina, "start")
	fakeEditor(t)
	ready := h.m.prepareEditorCmd(nina, ninaTitle)().(editorReadyMsg)
	if ready.err != nil {
		t.Fatal(ready.err)
	}
	if err := os.WriteFile(ready.path, []byte("start\n\nmine\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	mustAppendNote(t, st, nina, "from script")
	h.send(editorDoneMsg{id: nina, title: ninaTitle, base: ready.base, path: ready.path})
	if note, _, _ := st.Note(ctx, nina); note != "start\n\nfrom script" {
		t.Fatalf("overwritten: %q", note)
	}
	if !h.noteEdOpen() || !h.conflict() || h.noteEd().area.Value() != "start\n\nmine" {
		t.Fatalf("inline editor: open %v conflict %v text %q", h.noteEdOpen(), h.conflict(), h.noteEd().area.Value())
	}
	if _, err := os.Stat(ready.path); err != nil {
		t.Fatalf("file removed before the note was saved: %v", err)
	}
	h.press("n", "esc")
	if note, _, _ := st.Note(ctx, nina); note != "start\n\nmine\n\nfrom script" {
		t.Fatalf("saved %q", note)
	}
	if _, err := os.Stat(ready.path); !os.IsNotExist(err) {
		t.Errorf("file kept after saving: %v", err)
	}
}

func TestMergeNotes(t *testing.T) {
	for _, c := range []struct{ base, mine, theirs, want string }{
		{"a", "a b", "a\n\nc", "a b\n\nc"},       // they appended
		{"a\n", "a b", "a\n\nc", "a b\n\nc"},     // trailing newline in base
		{"a", "a b", "x", "a b\n\nx"},            // they rewrote: all of theirs
		{"a", "a b", "", "a b"},                  // they deleted
		{"", "mine", "theirs", "mine\n\ntheirs"}, // both started a note
		{"a", "", "a\n\nc", "c"},                 // mine emptied
	} {
		if got := mergeNotes(c.base, c.mine, c.theirs); got != c.want {
			t.Errorf("mergeNotes(%q, %q, %q) = %q, want %q", c.base, c.mine, c.theirs, got, c.want)
		}
	}
}

// TestEditorGolden pins the tag editor, the note editor (also asking about

// a note changed elsewhere), the reader with a note, quote mode and the

// export prompt, at 80x24 and 140x40, dark and light.

// TestMarkedTaggingIsAtomic: the write for the second marked brief fails

// inside the transaction (a trigger refuses it); neither brief is tagged,

// the editor keeps the input with the error, and the screen is re-read

// from the store (a tag another process added meanwhile shows up).

// TestQuoteCleansSource: the source line of a quote holds no control or

// escape characters from the brief's metadata.
