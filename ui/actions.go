package ui

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/noteedit"
	"github.com/briefs/briefs/internal/tags"
	"github.com/charmbracelet/x/ansi"
)

// quit quits, unless the note editor holds unsaved text: then it asks.
func (m *Model) quit() tea.Cmd {
	if m.noteEd.dirty() {
		m.askQuit = true
		return nil
	}
	return tea.Quit
}

// askQuitKey answers "save changes? (y/n/esc)".
func (m *Model) askQuitKey(msg tea.KeyPressMsg) tea.Cmd {
	km := m.km
	switch {
	case key.Matches(msg, km.Yes):
		m.askQuit = false
		if m.noteEd.saving {
			return nil
		}
		return m.saveNote(true)
	case key.Matches(msg, km.No):
		return tea.Quit
	case key.Matches(msg, km.Back):
		m.askQuit = false
	}
	return nil
}

// saveNote saves the note editor's text, if the stored note is still the
// one the text is based on.
func (m *Model) saveNote(quit bool) tea.Cmd {
	n := &m.noteEd
	if n.saving {
		return nil
	}
	n.saving, n.err = true, ""
	return m.saveNoteCmd(n.id, n.orig, n.area.Value(), quit, n.temp)
}

// noteKey handles a key while the note editor is open.
func (m *Model) noteKey(msg tea.KeyPressMsg) tea.Cmd {
	km := m.km
	if m.noteEd.saving {
		return nil // the text on screen is what is being saved
	}
	if m.noteEd.conflict {
		return m.conflictKey(msg)
	}
	switch {
	case key.Matches(msg, km.SaveNote):
		if !m.noteEd.dirty() && m.noteEd.temp == "" {
			m.noteEd.close()
			return nil
		}
		return m.saveNote(false)
	case key.Matches(msg, km.DiscardNote):
		changed, temp := m.noteEd.dirty(), m.noteEd.temp
		m.noteEd.close()
		switch {
		case temp != "":
			return m.flash("note changes discarded; the text from $EDITOR stays in "+temp, false)
		case changed:
			return m.flash("note changes discarded", false)
		}
		return nil
	}
	return m.noteEd.update(msg)
}

// conflictKey answers "the note was changed elsewhere: overwrite?".
func (m *Model) conflictKey(msg tea.KeyPressMsg) tea.Cmd {
	km, n := m.km, &m.noteEd
	switch {
	case key.Matches(msg, km.Overwrite):
		// their text is the base now: the save replaces exactly it
		quit := n.quitAfter
		n.orig, n.conflict, n.quitAfter = n.theirs, false, false
		return m.saveNote(quit)
	case key.Matches(msg, km.KeepBoth):
		n.keepBoth()
		return m.flash("their text is below yours: edit, then esc saves", false)
	case key.Matches(msg, km.Back):
		n.keepEditing()
	}
	return nil
}

// tagKey handles a key while the tag editor is open.
func (m *Model) tagKey(msg tea.KeyPressMsg) tea.Cmd {
	km := m.km
	if m.tagEd.busy {
		return nil
	}
	switch {
	case key.Matches(msg, km.Dismiss):
		m.tagEd.close()
		return nil
	case key.Matches(msg, km.Apply):
		edit, err := tags.ParseEdit(strings.Fields(m.tagEd.input.Value()))
		if err != nil {
			m.tagEd.err = err.Error()
			return nil
		}
		if edit.Empty() {
			m.tagEd.close()
			return nil
		}
		m.tagEd.busy, m.tagEd.err = true, ""
		return m.applyTagsCmd(m.tagEd.ids, edit.Add, edit.Remove)
	}
	return m.tagEd.update(msg)
}

// exportKey handles a key while the export prompt is open.
func (m *Model) exportKey(msg tea.KeyPressMsg) tea.Cmd {
	km := m.km
	if m.exp.busy {
		return nil
	}
	if m.exp.confirm != "" {
		switch {
		case key.Matches(msg, km.Yes):
			path := m.exp.confirm
			m.exp.confirm, m.exp.busy = "", true
			return m.exportTo(path, true)
		case key.Matches(msg, km.No), key.Matches(msg, km.Dismiss):
			m.exp.confirm = ""
			m.exp.err = "not overwritten; choose another name"
		}
		return nil
	}
	switch {
	case key.Matches(msg, km.Dismiss):
		m.exp.close()
		return nil
	case key.Matches(msg, km.Apply):
		path := strings.TrimSpace(m.exp.input.Value())
		if path == "" {
			m.exp.err = "type a file name"
			return nil
		}
		m.exp.busy, m.exp.err = true, ""
		return m.exportTo(path, false)
	}
	return m.exp.update(msg)
}

// exportTo writes the briefs shown to path. The items are built in the
// command: the list, tags and notes it reads are never changed in place
// (new results and new reads replace them).
func (m *Model) exportTo(path string, force bool) tea.Cmd {
	return exportCmd(path, force, m.lib, m.list.items, m.tags, m.notes, m.query.String())
}

// quoteKey handles a key while choosing a paragraph to quote.
func (m *Model) quoteKey(msg tea.KeyPressMsg) tea.Cmd {
	km := m.km
	switch {
	case key.Matches(msg, km.Up):
		m.reader.moveQuote(-1)
	case key.Matches(msg, km.Down):
		m.reader.moveQuote(1)
	case key.Matches(msg, km.PageUp):
		m.reader.moveQuote(-3)
	case key.Matches(msg, km.PageDown):
		m.reader.moveQuote(3)
	case key.Matches(msg, km.Top):
		m.reader.moveQuote(-len(m.reader.paras))
	case key.Matches(msg, km.Bottom):
		m.reader.moveQuote(len(m.reader.paras))
	case key.Matches(msg, km.QuotePick):
		b, para := m.reader.b, m.reader.quotePara()
		m.reader.stopQuote()
		if b == nil || para == "" {
			return nil
		}
		if m.opt.Store == nil {
			return m.unavailable("notes")
		}
		return m.appendNoteCmd(b.ID, quoteText(b, para))
	case key.Matches(msg, km.Back), key.Matches(msg, km.Quote):
		m.reader.stopQuote()
	case key.Matches(msg, km.Quit):
		return m.quit()
	case key.Matches(msg, km.Help):
		m.helpOpen, m.helpOffset = true, 0
	}
	return nil
}

// unavailable says why tags or notes cannot be used.
func (m *Model) unavailable(what string) tea.Cmd {
	return m.flash(what+" unavailable: "+m.storeReason().Error(), true)
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
	var current []string
	for i, id := range ids {
		if i == 0 {
			current = slices.Clone(m.tags[id])
			continue
		}
		current = slices.DeleteFunc(current, func(t string) bool { return !slices.Contains(m.tags[id], t) })
	}
	known := map[string]bool{}
	for _, ts := range m.tags {
		for _, t := range ts {
			known[t] = true
		}
	}
	return m.tagEd.start(ids, label, current, slices.Sorted(maps.Keys(known)))
}

// openNoteEditor opens the inline note editor on the selected brief.
func (m *Model) openNoteEditor() tea.Cmd {
	if m.opt.Store == nil {
		return m.unavailable("notes")
	}
	b := m.list.selected()
	if b == nil {
		return m.flash("no brief selected", false)
	}
	m.reader.stopQuote()
	return m.noteEd.start(b.ID, b.Title, m.notes[b.ID])
}

// openExternalEditor edits the selected brief's note in $EDITOR.
func (m *Model) openExternalEditor() tea.Cmd {
	if m.opt.Store == nil {
		return m.unavailable("notes")
	}
	b := m.list.selected()
	if b == nil {
		return m.flash("no brief selected", false)
	}
	return m.prepareEditorCmd(b.ID, b.Title)
}

// openExport asks where to export the briefs shown.
func (m *Model) openExport() tea.Cmd {
	if len(m.list.items) == 0 {
		return m.flash("nothing to export: no brief is shown", false)
	}
	return m.exp.start(len(m.list.items), defaultExportPath(m.query))
}

// toggleMark marks or unmarks the selected brief.
func (m *Model) toggleMark() tea.Cmd {
	b := m.list.selected()
	if b == nil {
		return nil
	}
	marks := maps.Clone(m.marks)
	if marks == nil {
		marks = map[string]bool{}
	}
	if marks[b.ID] {
		delete(marks, b.ID)
	} else {
		marks[b.ID] = true
	}
	m.marks = marks
	if len(marks) == 0 {
		return m.flash("no brief marked", false)
	}
	return m.flash(plural(len(marks), "brief")+" marked: t tags them, esc clears the marks", false)
}

// startQuote enters paragraph selection in the reader.
func (m *Model) startQuote() tea.Cmd {
	if m.opt.Store == nil {
		return m.unavailable("notes")
	}
	b := m.reader.b
	if b == nil {
		return nil
	}
	if !m.reader.startQuote(paragraphs(b.Body)) {
		return m.flash("no paragraph to quote", false)
	}
	return nil
}

// dataLoaded installs tags and notes read from the store.
func (m *Model) dataLoaded(msg dataMsg) tea.Cmd {
	if msg.err != nil {
		return m.flash("tags and notes: "+msg.err.Error(), true)
	}
	if m.haveRev && msg.rev < m.rev {
		return nil // an older read finished late
	}
	m.rev, m.haveRev = msg.rev, true
	m.tags, m.notes = msg.tags, msg.notes
	m.list.tags, m.list.notes = msg.tags, msg.notes
	m.noteEd.stale = m.noteEd.open && msg.notes[m.noteEd.id] != m.noteEd.orig
	return m.runSearch()
}

// tagsApplied closes the tag editor after a write, or shows the error
// (nothing was written then, but the store is re-read all the same so the
// screen shows what it holds).
func (m *Model) tagsApplied(msg tagsAppliedMsg) tea.Cmd {
	m.tagEd.busy = false
	if msg.err != nil {
		m.tagEd.err = msg.err.Error()
		return m.reloadCmd()
	}
	m.tagEd.close()
	var parts []string
	for _, t := range msg.add {
		parts = append(parts, "+"+t)
	}
	for _, t := range msg.del {
		parts = append(parts, "-"+t)
	}
	return tea.Batch(m.flash(fmt.Sprintf("%s on %s", strings.Join(parts, " "), plural(msg.n, "brief")), false), m.reloadCmd())
}

// noteSaved closes the note editor after a save, or keeps the text with the
// error, or asks what to do when the note was changed elsewhere.
func (m *Model) noteSaved(msg noteSavedMsg) tea.Cmd {
	if !m.noteEd.open || msg.id != m.noteEd.id {
		return m.reloadCmd()
	}
	m.noteEd.saving = false
	switch {
	case msg.conflict:
		m.noteEd.setConflict(msg.current, msg.quit)
		return m.reloadCmd()
	case msg.err != nil:
		m.noteEd.err = msg.err.Error()
		return nil
	}
	m.setNoteLocal(msg.id, msg.body)
	m.noteEd.close()
	if msg.quit {
		return tea.Quit
	}
	if msg.warn != "" {
		return tea.Batch(m.flash(msg.warn, true), m.reloadCmd())
	}
	return tea.Batch(m.flash("note saved", false), m.reloadCmd())
}

// editorSaved reports the end of an $EDITOR session. When the note was
// changed elsewhere meanwhile, the edited text opens in the inline editor
// with the question, so neither text is lost.
func (m *Model) editorSaved(msg editorSavedMsg) tea.Cmd {
	var ce *noteedit.ConflictError
	switch {
	case errors.As(msg.err, &ce) && !m.modal():
		cmd := m.noteEd.startConflict(msg.id, msg.title, msg.base, ce.Text, ce.Current, ce.Path)
		return tea.Batch(cmd, m.reloadCmd())
	case msg.err != nil:
		return m.flash(msg.err.Error(), true)
	case !msg.changed:
		return m.flash("note unchanged", false)
	}
	return tea.Batch(m.flash("note saved", false), m.reloadCmd())
}

// setNoteLocal shows a saved note at once, before the store is re-read.
func (m *Model) setNoteLocal(id, body string) {
	notes := maps.Clone(m.notes)
	if notes == nil {
		notes = map[string]string{}
	}
	if strings.TrimSpace(body) == "" {
		delete(notes, id)
	} else {
		notes[id] = body
	}
	m.notes, m.list.notes = notes, notes
}

// exported reports an export, or asks before overwriting.
func (m *Model) exported(msg exportedMsg) tea.Cmd {
	m.exp.busy = false
	switch {
	case msg.exists:
		m.exp.confirm = msg.path
		return nil
	case msg.err != nil:
		m.exp.err = msg.err.Error()
		return nil
	}
	m.exp.close()
	return m.flash(fmt.Sprintf("exported %s to %s", plural(msg.n, "brief"), msg.path), false)
}

// panel is the bottom panel of the open editor, prompt or question.
func (m Model) panel() string {
	w := m.width
	switch {
	case m.askQuit:
		return panel(m.th, w, "Unsaved note · "+m.noteEd.title,
			m.th.barError.Render("save changes to the note? (y/n/esc)"),
			m.th.barHint.Render("y saves and quits · n quits without saving · esc goes back to the note"))
	case m.noteEd.open && m.noteEd.conflict:
		return m.conflictPanel(w)
	case m.tagEd.open:
		return m.tagEd.View(w)
	case m.exp.open:
		return m.exp.View(w)
	}
	return ""
}

// conflictPanel asks what to do with a note changed elsewhere, showing the
// start of what the other writer's version adds.
func (m Model) conflictPanel(w int) string {
	n := &m.noteEd
	q, theirs := "the note was changed elsewhere: overwrite it with your text? (y/n/esc)", ""
	if n.theirs == "" {
		q = "the note was deleted elsewhere: save your text anyway? (y/n/esc)"
	} else {
		part := theirPart(n.orig, n.theirs)
		if k := strings.IndexByte(part, '\n'); k >= 0 {
			part = part[:k] + " …"
		}
		theirs = "theirs: " + clean(part)
	}
	lines := []string{m.th.barError.Render(ansi.Truncate(q, max(1, w-2), "…"))}
	if theirs != "" {
		lines = append(lines, m.th.barHint.Render(ansi.Truncate(theirs, max(1, w-2), "…")))
	}
	lines = append(lines, m.th.barHint.Render(ansi.Truncate(
		"y overwrites theirs · n keeps both (theirs below yours) · esc keeps editing", max(1, w-2), "…")))
	return panel(m.th, w, "Note changed elsewhere · "+n.title, lines...)
}
