package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/store"
)

// longNote is a note longer than a 24-line screen, with an Arabic
// paragraph: every line of it must be reachable in the view.
var longNote = func() string {
	var b strings.Builder
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&b, "line %d of what I wrote about the drug conference\n", i)
	}
	b.WriteString("\nملاحظة: راجع أرقام المضبوطات\n\nthe last line")
	return b.String()
}()

// goneBrief parses a brief that the collection will not have.
func goneBrief(t *testing.T, path, text string) *brief.Brief {
	t.Helper()
	b, err := brief.Parse(path, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	b.Source, b.Published = "INA", time.Date(2024, 5, 15, 0, 0, 0, 0, time.UTC)
	return b
}

// orphanStoreHarness is a store harness whose store holds two orphans:
// the annotations of two briefs whose files went away (the store knew them
// from an earlier collection), told about the seed collection as the
// command line's loader does (Reattach). read also marks the second read
// (a time that changes with the clock, so not for goldens).
func orphanStoreHarness(t *testing.T, w, h int, dark, read bool) (h0 *harness, st *store.Store, ids [2]string) {
	t.Helper()
	ctx := context.Background()
	water := goneBrief(t, "/home/ana/briefs/ina/water-conference.txt", "Water conference opens in Baghdad\n\nBAGHDAD, May 15 (INA) - The Baghdad International Water Conference opened on Wednesday with ministers from Iraq, Turkey and Iran.\n")
	fair := goneBrief(t, "/home/ana/briefs/ina/book-fair.txt", "Erbil book fair draws record crowds\n\nERBIL, May 15 (INA) - The Erbil International Book Fair drew record crowds on its second day.\n")
	ids = [2]string{water.ID, fair.ID}
	lib := seedLibrary(t)
	h0, st = newStoreHarness(t, lib, w, h, dark)
	before := library.New(stubExtractor{}, append(seedBriefs(t), water, fair))
	if _, err := st.Reattach(ctx, before.Candidates()); err != nil {
		t.Fatal(err)
	}
	mustAddTags(t, st, water.ID, "followup", "figures")
	mustSetNote(t, st, water.ID, longNote)
	if err := st.Correct(ctx, water.ID, store.FieldEdition, "4"); err != nil {
		t.Fatal(err)
	}
	mustAddTags(t, st, fair.ID, "draft")
	if read {
		if err := st.MarkRead(ctx, fair.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.Reattach(ctx, lib.Candidates()); err != nil { // the files are gone
		t.Fatal(err)
	}
	h0.send(tea.FocusMsg{})
	return h0, st, ids
}

func (h *harness) orphans() *orphansView {
	v, _ := find[*orphansView](&h.m)
	return v
}

func TestOrphansFlow(t *testing.T) {
	h, st, ids := orphanStoreHarness(t, 100, 24, true, true)
	orphanA, orphanB := ids[0], ids[1]
	ctx := context.Background()
	nina, shafaq := seedIDs(h)

	h.press("O")
	v := h.orphans()
	if v == nil || len(v.orphans) != 2 {
		t.Fatalf("O did not open the orphans with both: %T %+v", h.m.top(), v)
	}
	s := h.screen()
	for _, want := range []string{"Orphaned notes · 2", orphanA, orphanB, "2 tags, a note", "1 tag, the read state",
		"Water conference opens in Baghdad · INA · 2024-05-15", "a attaches to " + nina, "esc back"} {
		if !strings.Contains(s, want) {
			t.Errorf("the view lacks %q:\n%s", want, s)
		}
	}

	// select by ID (the view lists them in ID order)
	selectOrphan := func(id string) {
		t.Helper()
		for range len(v.orphans) {
			if v.orphans[v.sel].ID == id {
				return
			}
			h.press("j")
		}
		h.press("g")
		for range len(v.orphans) {
			if v.orphans[v.sel].ID == id {
				return
			}
			h.press("j")
		}
		t.Fatalf("cannot select %s", id)
	}

	// nothing the user wrote is out of reach: the page keys scroll the
	// details to the end of the long note
	selectOrphan(orphanA)
	s = h.screen()
	for _, want := range []string{"figures, followup", "corrected edition 4", "was at    /home/ana/briefs/ina/water-conference.txt",
		"why       no brief of the collection is alike enough", "│ line 1 of what I wrote", "lines 1-"} {
		if !strings.Contains(s, want) {
			t.Errorf("the details lack %q:\n%s", want, s)
		}
	}
	seen := map[string]bool{}
	for range 10 {
		for _, l := range strings.Split(h.screen(), "\n") {
			seen[strings.TrimSpace(l)] = true
		}
		h.press("pgdown")
	}
	for i := 1; i <= 30; i++ {
		if want := fmt.Sprintf("│ line %d of what I wrote about the drug conference", i); !seen[want] {
			t.Errorf("line %d of the note never shown", i)
		}
	}
	arabic := false
	for l := range seen {
		arabic = arabic || strings.Contains(l, "ملاحظة: راجع أرقام المضبوطات")
	}
	if !seen["│ the last line"] || !arabic {
		t.Error("the end of the note (Arabic paragraph, last line) never shown")
	}
	selectOrphan(orphanB)
	if s := h.screen(); v.offset != 0 || !strings.Contains(s, "▌ "+orphanB) || !strings.Contains(s, "read ") {
		t.Fatalf("the other orphan's details from their top:\n%s", s)
	}

	// d asks; n keeps it
	h.press("d")
	if !topIs[*question](h) || !strings.Contains(h.screen(), "delete "+orphanB+" and everything it holds?") {
		t.Fatalf("d did not ask:\n%s", h.screen())
	}
	h.press("n")
	if os, _ := st.Orphans(ctx); len(os) != 2 {
		t.Errorf("n deleted: %d orphans left", len(os))
	}
	// y deletes
	h.press("d", "y")
	if os, _ := st.Orphans(ctx); len(os) != 1 || os[0].ID != orphanA {
		t.Errorf("after delete: %+v", os)
	}
	if len(v.orphans) != 1 || !strings.Contains(h.m.status.msg, "deleted "+orphanB) {
		t.Errorf("view after delete: %d orphans, status %q", len(v.orphans), h.m.status.msg)
	}

	// attach goes to the brief selected in the list: close, select the
	// Shafaq brief, come back, a, y
	h.press("esc")
	if h.orphans() != nil {
		t.Fatal("esc did not close the view")
	}
	h.press("j", "O")
	if !strings.Contains(h.screen(), "a attaches to "+shafaq) {
		t.Errorf("the target is not the selected brief:\n%s", h.screen())
	}
	h.press("a")
	if !strings.Contains(h.screen(), "attach "+orphanA+" to "+shafaq+"?") {
		t.Fatalf("a did not ask:\n%s", h.screen())
	}
	h.press("y")
	if os, _ := st.Orphans(ctx); len(os) != 0 {
		t.Errorf("after attach: %+v", os)
	}
	tags, _ := st.AllTags(ctx)
	if !slices.Equal(tags[shafaq], []string{"figures", "followup"}) {
		t.Errorf("shafaq's tags after attach: %q", tags[shafaq])
	}
	if c, _ := st.Corrections(ctx, shafaq); !c.HasEdition || c.Edition != 4 {
		t.Errorf("shafaq's corrections after attach: %+v", c)
	}
	// the reader follows: the note and the tags are the brief's now
	if !strings.Contains(h.m.notes[shafaq], "line 30 of what I wrote") || !slices.Contains(library.TagsOf(h.m.lib.Brief(1), h.m.tags), "figures") {
		t.Errorf("the reader's data after attach: note %q", h.m.notes[shafaq])
	}
	if s := h.screen(); !strings.Contains(s, "None: every tag, note and correction belongs") || !strings.Contains(s, "Orphaned notes · 0") {
		t.Errorf("the view after the last attach:\n%s", s)
	}
	h.press("esc")
}

// The status bar says there are orphans once the collection is loaded.
func TestOrphansNotice(t *testing.T) {
	lib := seedLibrary(t)
	h, st := newStoreHarness(t, lib, 100, 24, true)
	mustAddTags(t, st, "a1b2c3d4e5f6", "followup")
	if _, err := st.Reattach(context.Background(), lib.Candidates()); err != nil {
		t.Fatal(err)
	}
	h.m.status.msg = ""
	h.run(h.m.orphanNoticeCmd())
	if !strings.Contains(h.m.status.msg, "1 orphaned note (their brief is gone or changed): O shows them") {
		t.Errorf("status %q", h.m.status.msg)
	}
}

func TestOrphansWithoutStore(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	h.press("O")
	if h.orphans() != nil || !strings.Contains(h.m.status.msg, "orphaned notes unavailable") {
		t.Errorf("O without a database: view %v, status %q", h.orphans() != nil, h.m.status.msg)
	}
}

// Before the loader told the store about the collection (still loading),
// the view says so.
func TestOrphansError(t *testing.T) {
	h, _ := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	h.press("O")
	if s := h.screen(); !strings.Contains(s, "✗ the briefs are still being read: open this again once they are loaded") {
		t.Errorf("the view without Reattach:\n%s", s)
	}
}

func TestOrphansGolden(t *testing.T) {
	scenes := []struct {
		name string
		keys func(h *harness)
	}{
		{"list", func(h *harness) { h.press("O") }},
		{"second", func(h *harness) { h.press("O", "G") }},
		{"delete_question", func(h *harness) { h.press("O", "G", "d") }},
	}
	for _, sc := range scenes {
		for _, sz := range [][2]int{{80, 24}, {140, 40}} {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, sz[0], sz[1]), func(t *testing.T) {
				h, _, _ := orphanStoreHarness(t, sz[0], sz[1], true, false)
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
