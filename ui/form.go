package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/charmbracelet/x/ansi"
)

// metaForm is the overlay for correcting a brief's metadata (issue 7: the
// reader's correction form): one line per field, tab and shift+tab move
// between them, enter hands the changed fields to save, esc cancels. It
// takes the right pane's place, like the note editor.
//
// It is the stub the correction work builds on: nothing opens it yet, and
// save is whatever the opener passes (a store write of overrides, then a
// reload of the collection).
type metaForm struct {
	th            *theme
	km            *keyMap
	width, height int

	title  string
	fields []formField
	cur    int
	err    string
	save   func(m *Model, changes map[string]string) tea.Cmd
}

// formField is one line of the form: the field's name as `briefs set`
// writes it, its value as extracted, and the box editing it.
type formField struct {
	name  string
	orig  string
	input textinput.Model
}

// newMetaForm builds the form for b's metadata.
func newMetaForm(th *theme, km *keyMap, b *brief.Brief, save func(*Model, map[string]string) tea.Cmd) *metaForm {
	edition := ""
	if b.Edition > 0 {
		edition = strconv.Itoa(b.Edition)
	}
	f := &metaForm{th: th, km: km, title: b.Title, save: save}
	for _, kv := range [][2]string{ // store.Fields(), in its order
		{"title", b.Title}, {"source", b.Source}, {"date", b.Day()}, {"dateline", b.Dateline},
		{"series", b.Series.Name}, {"edition", edition}, {"countries", strings.Join(b.CountryCodes(), " ")},
	} {
		in := newInput(th, padRight(kv[0], 10)+" ", "", 500)
		in.SetValue(kv[1])
		f.fields = append(f.fields, formField{name: kv[0], orig: kv[1], input: in})
	}
	return f
}

// focus moves the cursor to field i and returns the blink command.
func (f *metaForm) focus(i int) tea.Cmd {
	f.fields[f.cur].input.Blur()
	f.cur = (i + len(f.fields)) % len(f.fields)
	return f.fields[f.cur].input.Focus()
}

func (f *metaForm) setTheme(th *theme) {
	f.th = th
	for i := range f.fields {
		f.fields[i].input.SetStyles(th.input)
	}
}

func (f *metaForm) setSize(w, h int) {
	f.width, f.height = max(0, w), max(0, h)
	for i := range f.fields {
		f.fields[i].input.SetWidth(max(1, w-14))
	}
}

func (f *metaForm) place() placement { return atPane }
func (f *metaForm) lines() int       { return 0 }

func (f *metaForm) bindings() []key.Binding {
	return []key.Binding{f.km.NextField, f.km.Apply, f.km.Dismiss}
}

// changes are the fields whose value differs from the extracted one.
func (f *metaForm) changes() map[string]string {
	out := map[string]string{}
	for _, fl := range f.fields {
		if v := strings.TrimSpace(fl.input.Value()); v != fl.orig {
			out[fl.name] = v
		}
	}
	return out
}

func (f *metaForm) update(m *Model, msg tea.Msg) (tea.Cmd, bool) {
	return routeInput(msg, false, func(k tea.KeyPressMsg) tea.Cmd {
		if c, ok := match(k, f.commands()); ok {
			return c.run(m)
		}
		return f.edit(k)
	}, f.edit)
}

// commands: tab and shift+tab move between the fields, enter saves the
// changes, esc cancels.
func (f *metaForm) commands() []command {
	return []command{
		{key: f.km.NextField, run: func(*Model) tea.Cmd { return f.focus(f.cur + 1) }},
		{key: f.km.PrevField, run: func(*Model) tea.Cmd { return f.focus(f.cur - 1) }},
		{key: f.km.Dismiss, run: func(m *Model) tea.Cmd {
			m.pop(f)
			return nil
		}},
		{key: f.km.Apply, run: func(m *Model) tea.Cmd {
			ch := f.changes()
			m.pop(f)
			if len(ch) == 0 || f.save == nil {
				return nil
			}
			return f.save(m, ch)
		}},
	}
}

// edit passes a message to the field with the cursor.
func (f *metaForm) edit(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	in := &f.fields[f.cur].input
	*in, cmd = in.Update(msg)
	return cmd
}

func (f *metaForm) View() string {
	if f.width <= 0 || f.height <= 0 {
		return ""
	}
	lines := []string{" " + f.th.reader.title.Render(ansi.Truncate("Correct · "+clean(f.title), max(1, f.width-2), "…")), ""}
	for _, fl := range f.fields {
		lines = append(lines, " "+fl.input.View())
	}
	lines = append(lines, "", " "+f.th.bar.hint.Render(hints(does(f.km.NextField, "next field"),
		does(f.km.Apply, "saves the corrections"), does(f.km.Dismiss, "cancels"))))
	return padLines(lines, f.width, f.height)
}
