package ui

import (
	"context"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/correct"
	"github.com/briefs/briefs/internal/store"
	"github.com/charmbracelet/x/ansi"
)

// metaForm is the overlay that corrects the selected brief's metadata
// (the reader's `briefs set`): one line per field, prefilled with what the
// reader shows, corrected values marked. Tab and shift+tab move between
// the fields, ctrl+r gives the field the extracted value back, enter
// checks and saves (package correct, as `briefs set` does; the write runs
// in a command), esc cancels. A field with a mistake says so under it and
// nothing is saved. It takes the right pane's place, like the note editor.
type metaForm struct {
	th            *theme
	km            *keyMap
	width, height int

	id, title string
	orig, cur *brief.Brief // as extracted, and as shown (corrected)
	x         correct.Resolver
	fields    []formField
	at        int                    // the field with the cursor
	errs      map[store.Field]string // per field, from the last enter
	err       string                 // the save failed
	busy      bool                   // saving
}

// formField is one line of the form.
type formField struct {
	field     store.Field
	input     textinput.Model
	extracted string // the value as extracted (what ctrl+r gives back)
	corrected bool   // the brief's value is a correction
}

// metaSavedMsg: the form's corrections were written (or not).
type metaSavedMsg struct {
	id     string
	fields []store.Field
	err    error
}

// formHelp says what a field takes.
var formHelp = map[store.Field]string{
	store.FieldTitle:     "the headline",
	store.FieldSource:    "an agency's name or abbreviation",
	store.FieldDate:      "YYYY-MM-DD or YYYY-MM-DD HH:MM",
	store.FieldDateline:  "the place the brief is filed from",
	store.FieldSeries:    "a known series' name joins it; a new name makes one; empty: no event",
	store.FieldEdition:   "a number; empty: none",
	store.FieldCountries: "codes, names or demonyms, separated by commas",
}

// openMetaForm opens the form on the selected brief.
func (m *Model) openMetaForm() tea.Cmd {
	if m.opt.Store == nil {
		return m.unavailable("corrections")
	}
	b := m.list.selected()
	if b == nil {
		return m.flash("no brief selected", false)
	}
	orig := m.lib.Original(b.ID)
	if orig == nil {
		orig = b
	}
	f := newMetaForm(m.th, m.km, orig, b, m.lib.Extractor())
	m.push(f)
	return f.focus(0)
}

// newMetaForm builds the form for the brief cur (orig: as extracted).
func newMetaForm(th *theme, km *keyMap, orig, cur *brief.Brief, x correct.Resolver) *metaForm {
	f := &metaForm{th: th, km: km, id: cur.ID, title: cur.Title, orig: orig, cur: cur, x: x}
	for _, fl := range store.Fields() {
		in := newInput(th, "", "", 500)
		in.SetValue(correct.Shown(cur, fl))
		in.CursorEnd()
		f.fields = append(f.fields, formField{field: fl, input: in, extracted: correct.Shown(orig, fl), corrected: cur.IsCorrected(string(fl))})
	}
	return f
}

// focus moves the cursor to field i and returns the blink command.
func (f *metaForm) focus(i int) tea.Cmd {
	f.fields[f.at].input.Blur()
	f.at = (i + len(f.fields)) % len(f.fields)
	return f.fields[f.at].input.Focus()
}

func (f *metaForm) setTheme(th *theme) {
	f.th = th
	for i := range f.fields {
		f.fields[i].input.SetStyles(th.input)
	}
}

// labelWidth is the width of the labels, marker included.
const labelWidth = 12

func (f *metaForm) setSize(w, h int) {
	f.width, f.height = max(0, w), max(0, h)
	for i := range f.fields {
		f.fields[i].input.SetWidth(max(1, w-labelWidth-3))
	}
}

func (f *metaForm) place() placement { return atPane }
func (f *metaForm) lines() int       { return 0 }

func (f *metaForm) bindings() []key.Binding {
	return []key.Binding{f.km.NextField, f.km.ResetField, f.km.Apply, f.km.Dismiss}
}

func (f *metaForm) update(m *Model, msg tea.Msg) (tea.Cmd, bool) {
	if r, ok := msg.(metaSavedMsg); ok && r.id == f.id {
		return f.saved(m, r), true
	}
	return routeInput(msg, f.busy, func(k tea.KeyPressMsg) tea.Cmd {
		if f.busy {
			return nil
		}
		if c, ok := match(k, f.commands()); ok {
			return c.run(m)
		}
		return f.edit(k)
	}, f.edit)
}

// commands: tab and shift+tab move between the fields, ctrl+r gives back
// the extracted value, enter saves, esc cancels.
func (f *metaForm) commands() []command {
	return []command{
		{key: f.km.NextField, run: func(*Model) tea.Cmd { return f.focus(f.at + 1) }},
		{key: f.km.PrevField, run: func(*Model) tea.Cmd { return f.focus(f.at - 1) }},
		{key: f.km.ResetField, run: func(*Model) tea.Cmd {
			fl := &f.fields[f.at]
			fl.input.SetValue(fl.extracted)
			fl.input.CursorEnd()
			delete(f.errs, fl.field)
			return nil
		}},
		{key: f.km.Dismiss, run: func(m *Model) tea.Cmd {
			m.pop(f)
			return nil
		}},
		{key: f.km.Apply, run: f.submit},
	}
}

// edit passes a message to the field with the cursor; its error goes
// when its text changes.
func (f *metaForm) edit(msg tea.Msg) tea.Cmd {
	in := &f.fields[f.at].input
	old := in.Value()
	var cmd tea.Cmd
	*in, cmd = in.Update(msg)
	if in.Value() != old {
		delete(f.errs, f.fields[f.at].field)
		f.err = ""
	}
	return cmd
}

// submit checks every field and saves the changes in a command; with a
// mistake it marks the fields at fault and moves to the first.
func (f *metaForm) submit(m *Model) tea.Cmd {
	text := make(map[store.Field]string, len(f.fields))
	for _, fl := range f.fields {
		text[fl.field] = fl.input.Value()
	}
	edit, errs := correct.Form(f.orig, f.cur, text, f.x)
	if len(errs) > 0 {
		f.errs = make(map[store.Field]string, len(errs))
		first := -1
		for i, fl := range f.fields {
			if err, ok := errs[fl.field]; ok {
				f.errs[fl.field] = err.Error()
				if first < 0 {
					first = i
				}
			}
		}
		return f.focus(first)
	}
	f.errs = nil
	if edit.Empty() {
		m.pop(f)
		return m.flash("nothing to correct", false)
	}
	f.busy, f.err = true, ""
	id := f.id
	return m.storeCmd(func(ctx context.Context, st Store) tea.Msg {
		return metaSavedMsg{id: id, fields: edit.Fields(), err: correct.Apply(ctx, st, id, edit)}
	})
}

// saved closes the form after a write and reloads the user's data (the
// list, the facets and the header follow), or shows the error.
func (f *metaForm) saved(m *Model, msg metaSavedMsg) tea.Cmd {
	f.busy = false
	if msg.err != nil {
		f.err = msg.err.Error()
		return m.reloadCmd()
	}
	m.pop(f)
	names := make([]string, len(msg.fields))
	for i, fl := range msg.fields {
		names[i] = string(fl)
	}
	return tea.Batch(m.flash("corrected: "+strings.Join(names, ", "), false), m.reloadCmd())
}

func (f *metaForm) View() string {
	if f.width <= 0 || f.height <= 0 {
		return ""
	}
	w := f.width
	th := f.th
	lines := []string{" " + th.reader.title.Render(ansi.Truncate("Correct · "+clean(f.title), max(1, w-2), "…")), ""}
	for i, fl := range f.fields {
		mark := "  "
		if fl.corrected {
			mark = "* "
		}
		label := padRight(string(fl.field), labelWidth-2)
		style := th.reader.label
		if i == f.at {
			style = th.reader.value
		}
		lines = append(lines, " "+style.Render(label)+th.bar.err.Render(mark)+fl.input.View())
		if e := f.errs[fl.field]; e != "" {
			lines = append(lines, " "+th.bar.err.Render(ansi.Truncate(strings.Repeat(" ", labelWidth)+"✗ "+clean(e), max(1, w-2), "…")))
		}
	}
	fl := f.fields[f.at]
	about := formHelp[fl.field]
	if fl.corrected || fl.input.Value() != fl.extracted {
		about += " · extracted: " + orNone(fl.extracted)
	}
	lines = append(lines, "", " "+th.bar.hint.Render(ansi.Truncate(clean(about), max(1, w-2), "…")))
	switch {
	case f.busy:
		lines = append(lines, " "+th.bar.hint.Render("saving…"))
	case f.err != "":
		lines = append(lines, " "+th.bar.err.Render(ansi.Truncate("✗ "+clean(f.err), max(1, w-2), "…")))
	default:
		hs := []string{does(f.km.ResetField, "extracted value"), does(f.km.Apply, "saves"), does(f.km.Dismiss, "cancels")}
		if slices.ContainsFunc(f.fields, func(fl formField) bool { return fl.corrected }) {
			hs = append([]string{"* corrected"}, hs...)
		}
		lines = append(lines, " "+th.bar.hint.Render(ansi.Truncate(hints(hs...), max(1, w-2), "…")))
	}
	return padLines(lines, w, f.height)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
