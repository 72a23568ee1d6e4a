package ui

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/store"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// mustSetNote, mustAppendNote and mustAddTags write to the store as another
// process would, and fail the test on an error.
func mustSetNote(t testing.TB, st *store.Store, id, note string) {
	t.Helper()
	if err := st.SetNote(context.Background(), id, note); err != nil {
		t.Fatal(err)
	}
}

func mustAppendNote(t testing.TB, st *store.Store, id, text string) {
	t.Helper()
	if err := st.AppendNote(context.Background(), id, text); err != nil {
		t.Fatal(err)
	}
}

func mustAddTags(t testing.TB, st *store.Store, id string, tags ...string) {
	t.Helper()
	if err := st.AddTags(context.Background(), id, tags...); err != nil {
		t.Fatal(err)
	}
}

// ids of the seeds in the test library (index 0 is NINA, 1 Shafaq).
func seedIDs(h *harness) (nina, shafaq string) {
	return h.m.lib.Brief(0).ID, h.m.lib.Brief(1).ID
}

func TestTagEditorAddsTagsThenFilter(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	nina, _ := seedIDs(h)
	h.press("t")
	if !h.m.tagEd.open || h.m.mode() != modeTagEdit {
		t.Fatal("t does not open the tag editor")
	}
	if s := h.screen(); !strings.Contains(s, "Tags · Interior Minister") || !strings.Contains(s, "tags:") {
		t.Errorf("tag editor not on screen:\n%s", s)
	}
	h.typeText("followup +Urgent")
	h.press("enter")
	if h.m.tagEd.open {
		t.Fatalf("editor still open: %q", h.m.tagEd.err)
	}
	got, err := st.Tags(context.Background(), nina)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{"followup", "urgent"}) {
		t.Fatalf("database tags %q", got)
	}
	s := h.screen()
	if !strings.Contains(s, "#followup #urgent") || !strings.Contains(s, "+followup +urgent on 1 brief") {
		t.Errorf("tags not shown in the list or status:\n%s", s)
	}
	// filter by the tag
	h.press("/")
	h.typeText("tag:followup")
	h.press("enter")
	if got := h.titles(); len(got) != 1 || got[0] != ninaTitle {
		t.Fatalf("tag:followup shows %q", got)
	}
	h.press("/", "esc", "/")
	h.typeText("-tag:followup")
	h.press("enter")
	if got := h.titles(); len(got) != 1 || !strings.HasPrefix(got[0], shafaqTitle) {
		t.Fatalf("-tag:followup shows %q", got)
	}
	// the tag facet counts it
	h.press("c", "f")
	found := false
	for _, r := range h.m.picker.rows {
		if r.fv.Field == "tag" && r.fv.Value == "followup" {
			found = r.fv.Count == 1
		}
	}
	if !found {
		t.Errorf("no tag facet followup (1): %+v", h.m.picker.rows)
	}
	// the reader header shows the tags
	h.press("esc", "g", "enter")
	if s := h.screen(); !strings.Contains(s, "Tags      #followup #urgent") {
		t.Errorf("reader header lacks the tags:\n%s", s)
	}
}

func TestTagEditorCompletesAndRemoves(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 140, 40, true)
	nina, shafaq := seedIDs(h)
	ctx := context.Background()
	mustAddTags(t, st, shafaq, "followup", "kuwait-visit")
	h.send(tea.FocusMsg{}) // regaining the focus re-reads the store
	h.press("t")
	h.typeText("fol")
	if s := h.screen(); !strings.Contains(s, "tab: followup") {
		t.Errorf("no completion offered:\n%s", s)
	}
	h.press("tab")
	if v := h.m.tagEd.input.Value(); v != "followup" {
		t.Fatalf("tab completed to %q", v)
	}
	h.typeText(" ku")
	h.press("tab")
	if v := h.m.tagEd.input.Value(); v != "followup kuwait-visit" {
		t.Fatalf("second completion: %q", v)
	}
	h.press("enter")
	if got, _ := st.Tags(ctx, nina); !slices.Equal(got, []string{"followup", "kuwait-visit"}) {
		t.Fatalf("tags %q", got)
	}
	h.press("t")
	h.typeText("-ku")
	h.press("tab", "enter")
	if got, _ := st.Tags(ctx, nina); !slices.Equal(got, []string{"followup"}) {
		t.Fatalf("after -kuwait-visit: %q", got)
	}
	// esc cancels without writing
	h.press("t")
	h.typeText("never")
	h.press("esc")
	if got, _ := st.Tags(ctx, nina); !slices.Equal(got, []string{"followup"}) || h.m.tagEd.open {
		t.Fatalf("esc wrote %q", got)
	}
}

func TestTagEditorInvalidTagKeepsInput(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	nina, _ := seedIDs(h)
	h.press("t")
	h.typeText("good bad!tag")
	h.press("enter")
	if !h.m.tagEd.open || !strings.Contains(h.m.tagEd.err, "not allowed") {
		t.Fatalf("invalid tag: open=%v err=%q", h.m.tagEd.open, h.m.tagEd.err)
	}
	if h.m.tagEd.input.Value() != "good bad!tag" {
		t.Errorf("input changed: %q", h.m.tagEd.input.Value())
	}
	if s := h.screen(); !strings.Contains(s, "✗ invalid tag") {
		t.Errorf("no inline error:\n%s", s)
	}
	if got, _ := st.Tags(context.Background(), nina); len(got) != 0 {
		t.Errorf("something was written: %q", got)
	}
}

func TestMarkedBriefsAreTaggedTogether(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	nina, shafaq := seedIDs(h)
	h.press("m", "j", "m")
	if s := h.screen(); strings.Count(s, "✓") != 2 {
		t.Errorf("marks not shown:\n%s", s)
	}
	h.press("t")
	if s := h.screen(); !strings.Contains(s, "2 marked briefs") {
		t.Errorf("editor does not say it tags the marked briefs:\n%s", s)
	}
	h.typeText("both")
	h.press("enter")
	for _, id := range []string{nina, shafaq} {
		if got, _ := st.Tags(context.Background(), id); !slices.Equal(got, []string{"both"}) {
			t.Errorf("%s: %q", id, got)
		}
	}
	h.press("esc")
	if len(h.m.marks) != 0 || strings.Contains(h.screen(), "✓") {
		t.Error("esc in the list does not clear the marks")
	}
}

func TestNoteEditorSavesAndReaderShowsNote(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 140, 40, true)
	nina, _ := seedIDs(h)
	h.press("e")
	if !h.m.noteEd.open || h.m.mode() != modeNoteEdit {
		t.Fatal("e does not open the note editor")
	}
	h.typeText("Ask about the ")
	h.send(tea.PasteMsg{Content: "*early warning* system"})
	h.press("enter")
	h.typeText("second line")
	h.press("esc")
	if h.m.noteEd.open {
		t.Fatalf("editor still open: %q", h.m.noteEd.err)
	}
	note, _, err := st.Note(context.Background(), nina)
	if err != nil {
		t.Fatal(err)
	}
	if note != "Ask about the *early warning* system\nsecond line" {
		t.Fatalf("note %q", note)
	}
	h.press("enter", "G")
	s := h.screen()
	for _, want := range []string{"Note", "Ask about the early warning system", "✎ note", "note saved"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	// ctrl+s saves too, and reopening shows the saved note
	h.press("e")
	if h.m.noteEd.area.Value() != note {
		t.Errorf("editor reopened with %q", h.m.noteEd.area.Value())
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
	if note, _, _ := st.Note(context.Background(), nina); strings.Contains(note, "junk") || h.m.noteEd.open {
		t.Errorf("ctrl+x saved: %q", note)
	}
}

func TestQuoteParagraphIntoNote(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	nina, _ := seedIDs(h)
	h.press("enter", "v")
	if h.m.mode() != modeQuote {
		t.Fatalf("v does not start quoting (mode %v)", h.m.mode())
	}
	if s := h.screen(); !strings.Contains(s, "Quote: choose a paragraph") || !strings.Contains(s, "▌") {
		t.Errorf("quote view:\n%s", s)
	}
	h.press("j")
	want := h.m.reader.quotePara()
	h.send(tea.MouseWheelMsg{X: 10, Y: 5, Button: tea.MouseWheelDown})
	h.send(tea.MouseWheelMsg{X: 10, Y: 5, Button: tea.MouseWheelUp})
	if h.m.reader.quotePara() != want {
		t.Errorf("wheel down and up moved the selection")
	}
	h.press("enter")
	note, _, err := st.Note(context.Background(), nina)
	if err != nil {
		t.Fatal(err)
	}
	first := strings.SplitN(want, "\n", 2)[0]
	if !strings.Contains(note, "> "+first) || !strings.Contains(note, "> — NINA, 2025-12-07") {
		t.Fatalf("note %q does not quote %q", note, first)
	}
	if h.m.reader.quoting {
		t.Error("still quoting after enter")
	}
	// esc leaves without writing
	h.press("v", "esc")
	if h.m.reader.quoting || h.m.focus != paneReader {
		t.Errorf("esc: quoting %v focus %v", h.m.reader.quoting, h.m.focus)
	}
}

func TestExportWritesFileAndAsksBeforeOverwrite(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	nina, _ := seedIDs(h)
	mustAddTags(t, st, nina, "followup")
	mustSetNote(t, st, nina, "check the *numbers*")
	h.send(tea.FocusMsg{})
	h.press("x")
	if !h.m.exp.open || h.m.exp.input.Value() != "briefs-export.md" {
		t.Fatalf("export prompt: open %v value %q", h.m.exp.open, h.m.exp.input.Value())
	}
	path := filepath.Join(t.TempDir(), "out.md")
	h.m.exp.input.SetValue(path)
	h.press("enter")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, want := range []string{"count: 2", "followup", "check the *numbers*", "Interior Minister", "Shafaq News"} {
		if !strings.Contains(doc, want) {
			t.Errorf("export lacks %q:\n%s", want, doc)
		}
	}
	if !strings.Contains(h.m.status.msg, "exported 2 briefs to "+path) {
		t.Errorf("status %q", h.m.status.msg)
	}
	// the file exists: n keeps it
	if err := os.WriteFile(path, []byte("KEEP"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.press("x")
	h.m.exp.input.SetValue(path)
	h.press("enter")
	if h.m.exp.confirm != path || !strings.Contains(h.screen(), "overwrite ") {
		t.Fatalf("no overwrite question: confirm %q\n%s", h.m.exp.confirm, h.screen())
	}
	if h.m.mode() != modeConfirm {
		t.Errorf("mode %v", h.m.mode())
	}
	h.press("n")
	if b, _ := os.ReadFile(path); string(b) != "KEEP" {
		t.Fatalf("n overwrote the file: %q", b)
	}
	if !h.m.exp.open {
		t.Fatal("n closed the prompt")
	}
	// y replaces it
	h.press("enter", "y")
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), "count: 2") {
		t.Fatalf("y did not overwrite: %q", b)
	}
	// a filtered set, as JSON
	h.press("/")
	h.typeText("tag:followup")
	h.press("enter", "x")
	if v := h.m.exp.input.Value(); v != "briefs-tag-followup.md" {
		t.Errorf("default name for a query: %q", v)
	}
	jpath := filepath.Join(t.TempDir(), "out.json")
	h.m.exp.input.SetValue(jpath)
	h.press("enter")
	var doc2 struct {
		Count  int
		Query  string
		Briefs []struct {
			ID   string
			Tags []string
			Note string
		}
	}
	b, err = os.ReadFile(jpath)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc2); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	if doc2.Count != 1 || doc2.Query != "tag:followup" || doc2.Briefs[0].ID != nina || doc2.Briefs[0].Note != "check the *numbers*" {
		t.Errorf("JSON export %+v", doc2)
	}
}

func TestQuitWithUnsavedNoteAsks(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	nina, _ := seedIDs(h)
	h.press("e")
	h.typeText("draft")
	h.press("ctrl+c")
	if h.quit || !h.m.askQuit {
		t.Fatalf("ctrl+c with unsaved text quit=%v ask=%v", h.quit, h.m.askQuit)
	}
	if s := h.screen(); !strings.Contains(s, "save changes to the note") || !strings.Contains(s, "(y/n/esc)") {
		t.Errorf("question not shown:\n%s", s)
	}
	h.press("esc")
	if h.m.askQuit || !h.m.noteEd.open || h.m.noteEd.area.Value() != "draft" {
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
	if !h.m.noteEd.open || h.m.noteEd.err == "" {
		t.Fatalf("failed save closed the editor: open %v err %q", h.m.noteEd.open, h.m.noteEd.err)
	}
	if h.m.noteEd.area.Value() != "precious words" {
		t.Errorf("text changed: %q", h.m.noteEd.area.Value())
	}
	s := h.screen()
	if !strings.Contains(s, "precious words") || !strings.Contains(s, "✗") {
		t.Errorf("text or error not on screen:\n%s", s)
	}
	// quitting still asks
	h.press("ctrl+c")
	if h.quit || !h.m.askQuit {
		t.Error("quit with unsaved text after a failed save did not ask")
	}
	// a failed tag write keeps the editor open with the error
	h.press("esc", "ctrl+x", "t")
	h.typeText("x")
	h.press("enter")
	if !h.m.tagEd.open || h.m.tagEd.err == "" {
		t.Errorf("failed tag write: open %v err %q", h.m.tagEd.open, h.m.tagEd.err)
	}
}

func TestStoreUnavailable(t *testing.T) {
	lib := seedLibrary(t)
	opt := libOptions(lib)
	opt.StoreErr = errors.New("open database /x/briefs.db: file is not a database")
	m := New(opt)
	m.flashDur = 0
	h := &harness{t: t, m: m}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.run(m.loadCmd())
	for _, k := range []string{"t", "e", "E"} {
		h.press(k)
		if !strings.Contains(h.m.status.msg, "unavailable: open database /x/briefs.db: file is not a database") {
			t.Errorf("%s: status %q", k, h.m.status.msg)
		}
		if h.m.modal() {
			t.Errorf("%s opened an editor", k)
		}
	}
	h.press("enter", "v")
	if h.m.reader.quoting || !strings.Contains(h.m.status.msg, "notes unavailable") {
		t.Errorf("v: quoting %v status %q", h.m.reader.quoting, h.m.status.msg)
	}
	if !strings.Contains(h.screen(), "notes unavailable") {
		t.Errorf("reason not on screen:\n%s", h.screen())
	}
	// export works without tags and notes
	h.press("esc", "x")
	path := filepath.Join(t.TempDir(), "e.md")
	h.m.exp.input.SetValue(path)
	h.press("enter")
	if b, err := os.ReadFile(path); err != nil || !strings.Contains(string(b), "count: 2") {
		t.Errorf("export without a store: %v %q", err, b)
	}
}

func TestLiveRefreshFromAnotherWriter(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 140, 40, true)
	nina, _ := seedIDs(h)
	// another process writes; the poll sees the new revision
	mustAddTags(t, st, nina, "fromcli")
	mustSetNote(t, st, nina, "written elsewhere")
	h.send(pollMsg{})
	s := h.screen()
	for _, want := range []string{"#fromcli", "✎ note"} {
		if !strings.Contains(s, want) {
			t.Errorf("poll did not refresh %q:\n%s", want, s)
		}
	}
	if h.m.reader.note != "written elsewhere" {
		t.Errorf("reader note %q", h.m.reader.note)
	}
	rev := h.m.rev
	h.send(pollMsg{})
	if h.m.rev != rev {
		t.Errorf("revision moved without a write")
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
	h.send(editorDoneMsg{id: nina, base: "from the editor", path: tmp, err: errors.New("exit status 1")})
	if !strings.Contains(h.m.status.msg, tmp) {
		t.Errorf("status does not name the file: %q", h.m.status.msg)
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
	if !h.m.noteEd.open || !h.m.noteEd.conflict || h.m.mode() != modeConflict {
		t.Fatalf("no question: open %v conflict %v", h.m.noteEd.open, h.m.noteEd.conflict)
	}
	s := h.screen()
	for _, want := range []string{"changed elsewhere: overwrite it with your text? (y/n/esc)", "theirs: from script", "start mine", "y overwrite theirs"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	// typing is not taken as text while asking
	h.send(tea.PasteMsg{Content: "pasted"})
	if v := h.m.noteEd.area.Value(); v != "start mine" {
		t.Errorf("text changed while asking: %q", v)
	}
	h.press("y")
	if note, _, _ := st.Note(ctx, nina); note != "start mine" {
		t.Fatalf("y: note %q", note)
	}
	if h.m.noteEd.open {
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
	if h.quit || !h.m.noteEd.conflict {
		t.Fatalf("quit %v conflict %v", h.quit, h.m.noteEd.conflict)
	}
	// esc goes back to the text, unchanged; saving asks again
	h.press("esc")
	if h.m.noteEd.conflict || !h.m.noteEd.open || h.m.noteEd.area.Value() != "start mine" {
		t.Fatalf("esc: conflict %v text %q", h.m.noteEd.conflict, h.m.noteEd.area.Value())
	}
	h.press("esc")
	if !h.m.noteEd.conflict {
		t.Fatal("second save did not ask")
	}
	h.press("n")
	if v := h.m.noteEd.area.Value(); v != "start mine\n\nfrom script" {
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
	if h.m.noteEd.open {
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
	if !h.m.noteEd.open || !h.m.noteEd.conflict || h.m.noteEd.area.Value() != "start\n\nmine" {
		t.Fatalf("inline editor: open %v conflict %v text %q", h.m.noteEd.open, h.m.noteEd.conflict, h.m.noteEd.area.Value())
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

func TestParagraphs(t *testing.T) {
	if got := paragraphs("a\nb\n\n\n c \n\r\nd"); len(got) != 3 {
		t.Errorf("paragraphs %q", got)
	}
}

// TestEditorGolden pins the tag editor, the note editor (also asking about
// a note changed elsewhere), the reader with a note, quote mode and the
// export prompt, at 80x24 and 140x40, dark and light.
func TestEditorGolden(t *testing.T) {
	scenes := []struct {
		name string
		keys func(h *harness, st *store.Store, nina string)
	}{
		{"tag_editor", func(h *harness, _ *store.Store, _ string) {
			h.press("t")
			h.typeText("urgent fol")
		}},
		{"note_editor", func(h *harness, _ *store.Store, _ string) { h.press("e") }},
		{"note_conflict", func(h *harness, st *store.Store, nina string) {
			h.press("e")
			h.typeText(" Also the border figures.")
			mustAppendNote(h.t, st, nina, "From the script: call the *press office*.")
			h.press("esc")
		}},
		{"reader_note", func(h *harness, _ *store.Store, _ string) { h.press("enter", "G") }},
		{"quote", func(h *harness, _ *store.Store, _ string) { h.press("enter", "v", "j") }},
		{"export", func(h *harness, _ *store.Store, _ string) { h.press("x") }},
	}
	for _, sc := range scenes {
		for _, sz := range [][2]int{{80, 24}, {140, 40}} {
			for _, dark := range []bool{true, false} {
				theme := "dark"
				if !dark {
					theme = "light"
				}
				t.Run(fmt.Sprintf("%s_%dx%d_%s", sc.name, sz[0], sz[1], theme), func(t *testing.T) {
					h, st := newStoreHarness(t, seedLibrary(t), sz[0], sz[1], dark)
					nina, shafaq := seedIDs(h)
					mustAddTags(t, st, nina, "followup", "iraq")
					mustAddTags(t, st, shafaq, "follow-on")
					mustSetNote(t, st, nina, "Ask the ministry for the **2025 seizure** figures.\n\n> quoted line")
					h.send(tea.FocusMsg{})
					sc.keys(h, st, nina)
					frame := h.m.View().Content
					checkFrame(t, frame, sz[0], sz[1])
					if err := checkSafe(frame); err != nil {
						t.Error(err)
					}
					if !strings.Contains(frame, "\x1b[") {
						t.Error("frame is not styled")
					}
					golden.RequireEqual(t, ansi.Strip(frame))
				})
			}
		}
	}
}

// TestMarkedTaggingIsAtomic: the write for the second marked brief fails
// inside the transaction (a trigger refuses it); neither brief is tagged,
// the editor keeps the input with the error, and the screen is re-read
// from the store (a tag another process added meanwhile shows up).
func TestMarkedTaggingIsAtomic(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 140, 40, true)
	nina, shafaq := seedIDs(h)
	ctx := context.Background()
	db, err := sql.Open("sqlite", st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `CREATE TRIGGER refuse BEFORE INSERT ON tags WHEN NEW.brief_id = '`+shafaq+`' AND NEW.tag = 'both'
		BEGIN SELECT RAISE(ABORT, 'refused by test'); END`); err != nil {
		t.Fatal(err)
	}
	h.press("m", "j", "m", "t")
	h.typeText("both")
	// another process tags a brief; the reader has not polled yet
	mustAddTags(t, st, nina, "fromcli")
	h.press("enter")
	if !h.m.tagEd.open || !strings.Contains(h.m.tagEd.err, "refused by test") || h.m.tagEd.input.Value() != "both" {
		t.Fatalf("editor: open %v err %q input %q", h.m.tagEd.open, h.m.tagEd.err, h.m.tagEd.input.Value())
	}
	rows, err := db.QueryContext(ctx, "SELECT brief_id || ' ' || tag FROM tags ORDER BY 1")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
	}
	if want := []string{nina + " fromcli"}; !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
	if s := h.screen(); !strings.Contains(s, "✗") || !strings.Contains(s, "#fromcli") {
		t.Errorf("error or reloaded tag not on screen:\n%s", s)
	}
	// without the trigger the same input tags both
	if _, err := db.ExecContext(ctx, "DROP TRIGGER refuse"); err != nil {
		t.Fatal(err)
	}
	h.press("enter")
	for _, id := range []string{nina, shafaq} {
		if tags, _ := st.Tags(ctx, id); !slices.Contains(tags, "both") {
			t.Errorf("%s: %q", id, tags)
		}
	}
}

// TestQuoteCleansSource: the source line of a quote holds no control or
// escape characters from the brief's metadata.
func TestQuoteCleansSource(t *testing.T) {
	b := seedBriefs(t)[0]
	b.Source = "NI\x1b[31mNA\x07\n"
	q := quoteText(b, "line one\nline two")
	if want := "> line one\n> line two\n>\n> — NINA, 2025-12-07"; q != want {
		t.Errorf("quote %q, want %q", q, want)
	}
	b.Source, b.Published = "", time.Time{}
	b.Title = "Title\x1b]0;pwned\x07 end"
	if q := quoteText(b, "p"); strings.ContainsAny(q, "\x1b\x07") || !strings.HasSuffix(q, "— Title end") {
		t.Errorf("quote %q", q)
	}
}
