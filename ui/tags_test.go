package ui

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestTagEditorAddsTagsThenFilter(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	nina, _ := seedIDs(h)
	h.press("t")
	if !h.tagEdOpen() || !topIs[*tagEditor](h) {
		t.Fatal("t does not open the tag editor")
	}
	if s := h.screen(); !strings.Contains(s, "Tags · Interior Minister") || !strings.Contains(s, "tags:") {
		t.Errorf("tag editor not on screen:\n%s", s)
	}
	h.typeText("followup +Urgent")
	h.press("enter")
	if h.tagEdOpen() {
		t.Fatalf("editor still open: %q", h.tagEd().err)
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
	if v := h.tagEd().input.Value(); v != "followup" {
		t.Fatalf("tab completed to %q", v)
	}
	h.typeText(" ku")
	h.press("tab")
	if v := h.tagEd().input.Value(); v != "followup kuwait-visit" {
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
	if got, _ := st.Tags(ctx, nina); !slices.Equal(got, []string{"followup"}) || h.tagEdOpen() {
		t.Fatalf("esc wrote %q", got)
	}
}

func TestTagEditorInvalidTagKeepsInput(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	nina, _ := seedIDs(h)
	h.press("t")
	h.typeText("good bad!tag")
	h.press("enter")
	if !h.tagEdOpen() || !strings.Contains(h.tagEd().err, "not allowed") {
		t.Fatalf("invalid tag: open=%v err=%q", h.tagEdOpen(), h.tagEd().err)
	}
	if h.tagEd().input.Value() != "good bad!tag" {
		t.Errorf("input changed: %q", h.tagEd().input.Value())
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
	if !h.tagEdOpen() || !strings.Contains(h.tagEd().err, "refused by test") || h.tagEd().input.Value() != "both" {
		t.Fatalf("editor: open %v err %q input %q", h.tagEdOpen(), h.tagEd().err, h.tagEd().input.Value())
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
