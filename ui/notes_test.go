package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

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
	if err := st.AddTags(ctx, shafaq, "followup", "kuwait-visit"); err != nil {
		t.Fatal(err)
	}
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
	ctx := context.Background()
	if err := st.AddTags(ctx, nina, "followup"); err != nil {
		t.Fatal(err)
	}
	if err := st.SetNote(ctx, nina, "check the *numbers*"); err != nil {
		t.Fatal(err)
	}
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
	if err := st.AddTags(context.Background(), nina, "fromcli"); err != nil {
		t.Fatal(err)
	}
	if err := st.SetNote(context.Background(), nina, "written elsewhere"); err != nil {
		t.Fatal(err)
	}
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

func TestExternalEditorFlow(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	nina, _ := seedIDs(h)
	tmp := filepath.Join(t.TempDir(), "note.md")
	if err := os.WriteFile(tmp, []byte("from the editor\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.send(editorDoneMsg{id: nina, path: tmp})
	if note, _, _ := st.Note(context.Background(), nina); note != "from the editor\n" {
		t.Errorf("note %q", note)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("temporary file kept after saving: %v", err)
	}
	// the editor failed: the file is kept and named
	if err := os.WriteFile(tmp, []byte("again"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.send(editorDoneMsg{id: nina, path: tmp, err: errors.New("exit status 1")})
	if !strings.Contains(h.m.status.msg, tmp) {
		t.Errorf("status does not name the file: %q", h.m.status.msg)
	}
	// saving failed: the file is kept and named
	_ = st.Close()
	h.send(editorDoneMsg{id: nina, path: tmp})
	if !strings.Contains(h.m.status.msg, "your text is in "+tmp) {
		t.Errorf("status %q", h.m.status.msg)
	}
	if _, err := os.Stat(tmp); err != nil {
		t.Errorf("temporary file gone after a failed save: %v", err)
	}
	// E writes the temporary file, then hands it to the editor
	t.Setenv("TMPDIR", t.TempDir())
	msg := editorFileCmd(nina, "old note")()
	ready, ok := msg.(editorReadyMsg)
	if !ok || ready.err != nil {
		t.Fatalf("editorFileCmd: %#v", msg)
	}
	if b, _ := os.ReadFile(ready.path); string(b) != "old note" {
		t.Errorf("temporary file holds %q", b)
	}
}

func TestParseTagEdit(t *testing.T) {
	add, del, err := parseTagEdit("  a +B  -c  #d e-f ")
	if err != nil || !slices.Equal(add, []string{"a", "b", "d", "e-f"}) || !slices.Equal(del, []string{"c"}) {
		t.Errorf("add %q del %q err %v", add, del, err)
	}
	if _, _, err := parseTagEdit("ok no|pe"); err == nil {
		t.Error("invalid tag accepted")
	}
	if got := paragraphs("a\nb\n\n\n c \n\r\nd"); len(got) != 3 {
		t.Errorf("paragraphs %q", got)
	}
}

// TestEditorGolden pins the tag editor, the note editor and the reader
// with a note, at 80x24 and 140x40 (dark).
func TestEditorGolden(t *testing.T) {
	scenes := []struct {
		name string
		keys func(h *harness)
	}{
		{"tag_editor", func(h *harness) {
			h.press("t")
			h.typeText("urgent fol")
		}},
		{"note_editor", func(h *harness) { h.press("e") }},
		{"reader_note", func(h *harness) { h.press("enter", "G") }},
		{"quote", func(h *harness) { h.press("enter", "v", "j") }},
		{"export", func(h *harness) { h.press("x") }},
	}
	for _, sc := range scenes {
		for _, sz := range [][2]int{{80, 24}, {140, 40}} {
			t.Run(fmt.Sprintf("%s_%dx%d_dark", sc.name, sz[0], sz[1]), func(t *testing.T) {
				h, st := newStoreHarness(t, seedLibrary(t), sz[0], sz[1], true)
				nina, shafaq := seedIDs(h)
				ctx := context.Background()
				if err := st.AddTags(ctx, nina, "followup", "iraq"); err != nil {
					t.Fatal(err)
				}
				if err := st.AddTags(ctx, shafaq, "follow-on"); err != nil {
					t.Fatal(err)
				}
				if err := st.SetNote(ctx, nina, "Ask the ministry for the **2025 seizure** figures.\n\n> quoted line"); err != nil {
					t.Fatal(err)
				}
				h.send(tea.FocusMsg{})
				sc.keys(h)
				frame := h.m.View().Content
				checkFrame(t, frame, sz[0], sz[1])
				if err := checkSafe(frame); err != nil {
					t.Error(err)
				}
				golden.RequireEqual(t, ansi.Strip(frame))
			})
		}
	}
}
