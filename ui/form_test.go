package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/store"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// form is the metadata form when it is open (nil otherwise).
func (h *harness) form() *metaForm {
	f, _ := find[*metaForm](&h.m)
	return f
}

// setField moves the form's cursor to the field and replaces its text by
// typing, as a user would.
func (h *harness) setField(f store.Field, text string) {
	h.t.Helper()
	form := h.form()
	if form == nil {
		h.t.Fatal("the form is not open")
	}
	for form.fields[form.at].field != f {
		h.press("tab")
	}
	for range []rune(form.fields[form.at].input.Value()) {
		h.press("backspace")
	}
	h.typeText(text)
}

func ctrlR() tea.KeyPressMsg { return tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl} }

func TestMetaFormFlow(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 140, 40, true)
	ctx := context.Background()
	nina, _ := seedIDs(h)

	h.press("M")
	f := h.form()
	if f == nil || f.id != nina {
		t.Fatalf("M did not open the form on the selected brief: %T", h.m.top())
	}
	values := map[store.Field]string{}
	for _, fl := range f.fields {
		values[fl.field] = fl.input.Value()
	}
	if values["source"] != "NINA" || values["edition"] != "3" || values["date"] != "2025-12-07 11:25" || values["countries"] != "IQ" ||
		values["dateline"] != "Baghdad" || !strings.HasPrefix(values["title"], "Interior Minister") {
		t.Errorf("form prefilled with %q", values)
	}
	if s := h.screen(); !strings.Contains(s, "Correct · Interior Minister") || !strings.Contains(s, "ctrl+r extracted value") {
		t.Errorf("form not drawn:\n%s", s)
	}

	// mistakes are shown beside their fields and nothing is saved
	h.setField("edition", "zero")
	h.setField("date", "soon")
	h.setField("countries", "IQ, Atlantis")
	h.press("enter")
	if h.form() == nil {
		t.Fatal("enter with mistakes closed the form")
	}
	s := h.screen()
	for _, want := range []string{"✗ date=soon: not a date", "✗ edition=zero: not a positive whole number", `✗ unknown country "Atlantis"`} {
		if !strings.Contains(s, want) {
			t.Errorf("form lacks %q:\n%s", want, s)
		}
	}
	if f.fields[f.at].field != store.FieldDate {
		t.Errorf("the cursor is on %s, want the first field at fault (date)", f.fields[f.at].field)
	}
	if c, _ := st.Corrections(ctx, nina); !c.IsZero() {
		t.Errorf("a refused form saved %+v", c)
	}
	// typing in a field clears its mistake
	h.setField("date", "2024-05-15")
	if strings.Contains(h.screen(), "not a date") {
		t.Error("the date's mistake stayed after it was fixed")
	}
	h.setField("edition", "4")
	h.setField("countries", "Iraq, Iranian")
	h.setField("source", "Reuters")
	h.press("enter")
	if h.form() != nil {
		t.Fatalf("enter did not save and close:\n%s", h.screen())
	}
	c, err := st.Corrections(ctx, nina)
	if err != nil || c.Source != "Reuters" || c.Date != "2024-05-15" || c.Edition != 4 || !slices.Equal(c.AddCountries, []string{"IR"}) || c.Title != "" {
		t.Errorf("stored corrections %+v %v", c, err)
	}
	if !strings.Contains(h.m.status.msg, "corrected: source, date, edition, countries") {
		t.Errorf("status %q", h.m.status.msg)
	}
	// the list, the facets and the reader follow
	b, _ := h.m.lib.Find(nina)
	if b.Edition != 4 || b.Source != "Reuters" || !b.IsCorrected("edition") {
		t.Errorf("the reader's collection was not corrected: %+v", b)
	}
	s = h.screen()
	for _, want := range []string{"[4th]", "Reuters (corrected)", "2024-05-15 (corrected)", "4th (corrected)", "IQ Iraq, IR Iran (corrected)"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen after the save lacks %q:\n%s", want, s)
		}
	}
	if !slices.ContainsFunc(h.m.picker.rows, func(r pickerRow) bool { return r.fv.Field == "edition" && r.fv.Value == "4" && r.fv.Count == 1 }) {
		t.Errorf("edition facet after the save: %+v", h.m.picker.rows)
	}
	h.press("/")
	h.typeText("edition:4 source:reuters")
	h.press("enter")
	if got := h.titles(); len(got) != 1 || !strings.HasPrefix(got[0], "Interior Minister") {
		t.Errorf("edition:4 source:reuters lists %q", got)
	}
	h.press("c")

	// reopened: corrected values are marked; ctrl+r gives back the
	// extracted value, which resets the correction
	h.press("M")
	f = h.form()
	if s := h.screen(); !strings.Contains(s, "edition   * 4") || !strings.Contains(s, "title       Interior") {
		t.Errorf("corrected fields not marked:\n%s", s)
	}
	for f.fields[f.at].field != store.FieldEdition {
		h.press("tab")
	}
	if !strings.Contains(h.screen(), "extracted: 3") {
		t.Errorf("the hint does not give the extracted edition:\n%s", h.screen())
	}
	h.send(ctrlR())
	if v := f.fields[f.at].input.Value(); v != "3" {
		t.Errorf("ctrl+r: %q", v)
	}
	h.press("enter")
	if c, _ := st.Corrections(ctx, nina); c.HasEdition || c.Source != "Reuters" {
		t.Errorf("after ctrl+r on edition: %+v", c)
	}
	if b, _ := h.m.lib.Find(nina); b.Edition != 3 || b.IsCorrected("edition") {
		t.Errorf("edition after its reset: %d %v", b.Edition, b.Corrected)
	}

	// esc cancels
	h.press("M")
	h.setField("title", "Something else")
	h.press("esc")
	if h.form() != nil {
		t.Error("esc did not close the form")
	}
	if c, _ := st.Corrections(ctx, nina); c.Title != "" {
		t.Errorf("esc saved %+v", c)
	}
	// enter without a change closes without writing
	rev, _ := st.Revision(ctx)
	h.press("M", "enter")
	if r2, _ := st.Revision(ctx); h.form() != nil || r2 != rev {
		t.Errorf("an unchanged form: open %v, revision %d -> %d", h.form() != nil, rev, r2)
	}

	// a correction made elsewhere (briefs set) shows up
	if err := st.Correct(ctx, nina, store.FieldSeries, "Kirkuk Book Fair"); err != nil {
		t.Fatal(err)
	}
	h.send(tea.FocusMsg{})
	if s := h.screen(); !strings.Contains(s, "Kirkuk Book Fair (corrected)") {
		t.Errorf("a correction from another process is not shown:\n%s", s)
	}
}

func TestMetaFormWithoutStore(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	h.press("M")
	if h.form() != nil || !strings.Contains(h.m.status.msg, "corrections unavailable") {
		t.Errorf("M without a database: form %v, status %q", h.form() != nil, h.m.status.msg)
	}
}

func TestMetaFormGolden(t *testing.T) {
	scenes := []struct {
		name string
		keys func(h *harness)
	}{
		{"form", func(h *harness) {
			h.press("M")
			h.setField("edition", "0")
			h.setField("source", "INA")
			h.press("enter")
		}},
		{"reader_corrected", func(h *harness) {
			h.press("M")
			h.setField("title", "Iraq hosts the third drug control conference")
			h.setField("edition", "4")
			h.setField("countries", "IQ, KW")
			h.press("enter", "enter")
		}},
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
					nina, _ := seedIDs(h)
					if err := st.Correct(context.Background(), nina, store.FieldDateline, "Basra"); err != nil {
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
}
