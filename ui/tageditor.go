package ui

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/tags"
)

// tagEditor is the overlay that edits the tags of one brief or of the
// marked briefs, in the grammar of package tags (word or +word adds, -word
// removes); tab completes from the tags in use. Enter writes every change
// to every brief in one transaction; the editor stays open, with its input
// and the error, if that fails.
type tagEditor struct {
	promptPanel
	ids     []string // the briefs the edit applies to
	label   string   // what they are, for the title
	current []string // tags all of them have
	known   []string // every tag in use, for completion

	// completion: the tags the word being typed may become, and which
	// of them tab put in the box (-1: none yet). stem is the text before
	// the word (with its + or -); tab and shift+tab cycle through cands.
	cands  []string
	cycle  int
	stem   string
	filled bool // the box holds what tab put there
}

// tagsAppliedMsg: the tag editor's changes were written (or not).
type tagsAppliedMsg struct {
	n    int // briefs changed
	edit tags.Edit
	err  error
}

// openTagEditor opens the tag editor on the marked briefs, or else on the
// selected one.
func (m *Model) openTagEditor() tea.Cmd {
	if m.opt.Store == nil {
		return m.unavailable("tags")
	}
	var ids []string
	var label string
	if len(m.marks) > 0 {
		ids = slices.Sorted(maps.Keys(m.marks))
		label = plural(len(ids), "marked brief")
	} else {
		b := m.list.selected()
		if b == nil {
			return m.flash("no brief selected", false)
		}
		ids, label = []string{b.ID}, clean(b.Title)
	}
	// the tags every target has
	current := slices.Clone(m.tags[ids[0]])
	for _, id := range ids[1:] {
		current = slices.DeleteFunc(current, func(t string) bool { return !slices.Contains(m.tags[id], t) })
	}
	known := map[string]bool{}
	for _, ts := range m.tags {
		for _, t := range ts {
			known[t] = true
		}
	}
	in := newInput(m.th, "tags: ", "word adds · -word removes", 500)
	e := &tagEditor{promptPanel: promptPanel{inputPane: inputPane{th: m.th, km: m.km, input: in, inset: 3}}, ids: ids, label: label, current: current,
		known: slices.Sorted(maps.Keys(known))}
	e.onChange = e.refresh
	m.push(e)
	return e.input.Focus()
}

func (e *tagEditor) bindings() []key.Binding {
	return []key.Binding{e.km.Complete, e.km.Apply, e.km.Dismiss}
}

func (e *tagEditor) update(m *Model, msg tea.Msg) (tea.Cmd, bool) {
	if r, ok := msg.(tagsAppliedMsg); ok {
		return e.applied(m, r), true
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !e.busy {
		switch {
		case key.Matches(k, e.km.Complete):
			e.complete(1)
			return nil, true
		case key.Matches(k, e.km.CompleteBack):
			e.complete(-1)
			return nil, true
		}
	}
	return e.route(m, e, msg, e.submit)
}

// complete puts the next (dir 1) or previous (-1) candidate in place of
// the word being typed; a single candidate is simply completed.
func (e *tagEditor) complete(dir int) {
	n := len(e.cands)
	if n == 0 {
		return
	}
	if e.cycle < 0 {
		e.cycle = 0
		if dir < 0 {
			e.cycle = n - 1
		}
	} else {
		e.cycle = (e.cycle + dir + n) % n
	}
	e.filled = true
	e.input.SetValue(e.stem + e.cands[e.cycle])
	e.input.CursorEnd()
	e.filled = false
}

// submit writes the edit to every brief, or says what is wrong with it.
func (e *tagEditor) submit(m *Model) tea.Cmd {
	edit, err := tags.ParseEdit(strings.Fields(e.input.Value()))
	switch {
	case err != nil:
		e.err = err.Error()
		return nil
	case edit.Empty():
		m.pop(e)
		return nil
	}
	e.busy, e.err = true, ""
	return m.applyTagsCmd(e.ids, edit)
}

// applied closes the editor after a write, or shows the error (nothing was
// written then, but the store is re-read all the same so the screen shows
// what it holds).
func (e *tagEditor) applied(m *Model, msg tagsAppliedMsg) tea.Cmd {
	e.busy = false
	if msg.err != nil {
		e.err = msg.err.Error()
		return m.reloadCmd()
	}
	m.pop(e)
	return tea.Batch(m.flash(fmt.Sprintf("%s on %s", msg.edit, plural(msg.n, "brief")), false), m.reloadCmd())
}

// refresh finds the completions of the word being typed (the tags in
// use that start so: for one brief, those it lacks after + or nothing,
// those it has after -), unless tab itself changed the text.
func (e *tagEditor) refresh() {
	if e.filled {
		return
	}
	v := e.input.Value()
	k := strings.LastIndexAny(v, " \t") + 1
	stem, word := v[:k], v[k:]
	sign := ""
	if strings.HasPrefix(word, "+") || strings.HasPrefix(word, "-") || strings.HasPrefix(word, "#") {
		sign, word = word[:1], word[1:]
	}
	e.cands, e.cycle, e.stem = nil, -1, stem+sign
	if word == "" {
		return
	}
	word = strings.ToLower(word)
	for _, t := range e.known {
		if !strings.HasPrefix(t, word) {
			continue
		}
		has := slices.Contains(e.current, t)
		if (sign == "-") != has && len(e.ids) == 1 {
			continue // add what it lacks, remove what it has
		}
		e.cands = append(e.cands, t)
	}
}

// View is the editor's panel.
func (e *tagEditor) View() string {
	now := "no tags yet"
	if len(e.current) > 0 {
		now = "#" + strings.Join(e.current, " #")
	}
	if len(e.ids) > 1 {
		now = "on all: " + now
	}
	info := e.th.bar.hint.Render(clean(now))
	return panel(e.th, e.width, "Tags · "+e.label, info, e.input.View(), e.status("saving…", e.hint()))
}

// hint is the completions offered (the one tab put in the box marked),
// or how to use the editor.
func (e *tagEditor) hint() string {
	if len(e.cands) > 0 && !(len(e.cands) == 1 && e.cycle == 0) {
		parts := make([]string, len(e.cands))
		for i, c := range e.cands {
			parts[i] = clean(c)
			if i == e.cycle {
				parts[i] = "[" + parts[i] + "]"
			}
		}
		keys := hintKey(e.km.Complete)
		if len(e.cands) > 1 {
			keys += "/" + hintKey(e.km.CompleteBack)
		}
		return fitLine(keys+": "+strings.Join(parts, " "), e.width)
	}
	return hints("word or +word adds", "-word removes", does(e.km.Complete, "completes"),
		does(e.km.Apply, "applies"), does(e.km.Dismiss, "cancels"))
}
