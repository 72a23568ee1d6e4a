package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/store"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

func TestQuoteParagraphIntoNote(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	nina, _ := seedIDs(h)
	h.press("enter", "v")
	if !topIs[*quoteMode](h) {
		t.Fatalf("v does not start quoting (top %T)", h.m.top())
	}
	if s := h.screen(); !strings.Contains(s, "Quote: choose a paragraph") || !strings.Contains(s, "▌") {
		t.Errorf("quote view:\n%s", s)
	}
	h.press("j")
	want := h.quote().selected()
	h.send(tea.MouseWheelMsg{X: 10, Y: 5, Button: tea.MouseWheelDown})
	h.send(tea.MouseWheelMsg{X: 10, Y: 5, Button: tea.MouseWheelUp})
	if h.quote().selected() != want {
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
	if h.quoting() {
		t.Error("still quoting after enter")
	}
	// esc leaves without writing
	h.press("v", "esc")
	if h.quoting() || h.m.focus != paneReader {
		t.Errorf("esc: quoting %v focus %v", h.quoting(), h.m.focus)
	}
}

func TestExportWritesFileAndAsksBeforeOverwrite(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	nina, _ := seedIDs(h)
	mustAddTags(t, st, nina, "followup")
	mustSetNote(t, st, nina, "check the *numbers*")
	h.send(tea.FocusMsg{})
	h.press("x")
	if !h.expOpen() || h.exp().input.Value() != "briefs-export.md" {
		t.Fatalf("export prompt: open %v value %q", h.expOpen(), h.exp().input.Value())
	}
	path := filepath.Join(t.TempDir(), "out.md")
	h.exp().input.SetValue(path)
	h.press("enter")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	// no query: the briefs with tags or notes, as `briefs export` (issue 11, item 6)
	for _, want := range []string{"count: 1", "followup", "check the *numbers*", "Interior Minister"} {
		if !strings.Contains(doc, want) {
			t.Errorf("export lacks %q:\n%s", want, doc)
		}
	}
	if strings.Contains(doc, "Shafaq News") {
		t.Errorf("export without a query holds a brief without tags or notes:\n%s", doc)
	}
	if !strings.Contains(h.m.status.msg, "exported 1 brief to "+path) {
		t.Errorf("status %q", h.m.status.msg)
	}
	// the file exists: n keeps it
	if err := os.WriteFile(path, []byte("KEEP"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.press("x")
	h.exp().input.SetValue(path)
	h.press("enter")
	if h.exp().confirm != path || !strings.Contains(h.screen(), "overwrite ") {
		t.Fatalf("no overwrite question: confirm %q\n%s", h.exp().confirm, h.screen())
	}
	if !topIs[*question](h) {
		t.Errorf("top %T", h.m.top())
	}
	h.press("n")
	if b, _ := os.ReadFile(path); string(b) != "KEEP" {
		t.Fatalf("n overwrote the file: %q", b)
	}
	if !h.expOpen() {
		t.Fatal("n closed the prompt")
	}
	// y replaces it
	h.press("enter", "y")
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), "count: 1") {
		t.Fatalf("y did not overwrite: %q", b)
	}
	// a filtered set, as JSON
	h.press("/")
	h.typeText("tag:followup")
	h.press("enter", "x")
	if v := h.exp().input.Value(); v != "briefs-tag-followup.md" {
		t.Errorf("default name for a query: %q", v)
	}
	jpath := filepath.Join(t.TempDir(), "out.json")
	h.exp().input.SetValue(jpath)
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
		if len(h.m.stack) > 0 {
			t.Errorf("%s opened an editor", k)
		}
	}
	h.press("enter", "v")
	if h.quoting() || !strings.Contains(h.m.status.msg, "notes unavailable") {
		t.Errorf("v: quoting %v status %q", h.quoting(), h.m.status.msg)
	}
	if !strings.Contains(h.screen(), "notes unavailable") {
		t.Errorf("reason not on screen:\n%s", h.screen())
	}
	// export works without tags and notes (a query: the briefs shown)
	h.press("esc", "/")
	h.typeText("minister")
	h.press("enter", "x")
	path := filepath.Join(t.TempDir(), "e.md")
	h.exp().input.SetValue(path)
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
	for _, want := range []string{"#fromcli", noteSign} {
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

func TestParagraphs(t *testing.T) {
	if got := paragraphs("a\nb\n\n\n c \n\r\nd"); len(got) != 3 {
		t.Errorf("paragraphs %q", got)
	}
}

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
		// issue 11 item 13: tab cycles, the candidates shown
		{"tag_cycle", func(h *harness, st *store.Store, nina string) {
			mustAddTags(h.t, st, nina, "iran")
			h.send(tea.FocusMsg{})
			h.press("t")
			h.typeText("urgent -i")
			h.press("tab", "tab")
		}},
	}
	for _, sc := range scenes {
		for _, sz := range goldenSizes {
			for _, theme := range goldenThemes {
				dark := theme != "light"
				t.Run(fmt.Sprintf("%s_%dx%d_%s", sc.name, sz[0], sz[1], theme), func(t *testing.T) {
					h, st := newStoreHarness(t, seedLibrary(t), sz[0], sz[1], dark)
					if theme == "nocolor" {
						h.send(tea.EnvMsg{"NO_COLOR=1"})
					}
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

// TestExportHonoursSourceDateEpoch: the reader's export carries
// SOURCE_DATE_EPOCH as the command line's does (both export.Build), and an
// out-of-range value is an error in the prompt, not an invalid timestamp.
func TestExportHonoursSourceDateEpoch(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	path := filepath.Join(t.TempDir(), "e.md")
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	h.press("/")
	h.typeText("edition:3") // a query: the briefs shown (none has tags or notes)
	h.press("enter", "x")
	h.exp().input.SetValue(path)
	h.press("enter")
	if b, err := os.ReadFile(path); err != nil || !strings.Contains(string(b), "exported: 2023-11-14T22:13:20Z\n") {
		t.Errorf("export: %v\n%s", err, b)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "253402300800")
	h.press("x")
	h.exp().input.SetValue(path + "2")
	h.press("enter")
	if !h.expOpen() || !strings.Contains(h.exp().err, "SOURCE_DATE_EPOCH") {
		t.Errorf("out-of-range SOURCE_DATE_EPOCH: open %v err %q", h.expOpen(), h.exp().err)
	}
	if _, err := os.Stat(path + "2"); err == nil {
		t.Error("a file was written")
	}
}
