package ui

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
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
		m.noteEd.saving, m.noteEd.err = true, ""
		return m.saveNoteCmd(m.noteEd.id, m.noteEd.area.Value(), true)
	case key.Matches(msg, km.No):
		return tea.Quit
	case key.Matches(msg, km.Back):
		m.askQuit = false
	}
	return nil
}

// noteKey handles a key while the note editor is open.
func (m *Model) noteKey(msg tea.KeyPressMsg) tea.Cmd {
	km := m.km
	if m.noteEd.saving {
		return nil // the text on screen is what is being saved
	}
	switch {
	case key.Matches(msg, km.SaveNote):
		if !m.noteEd.dirty() {
			m.noteEd.close()
			return nil
		}
		m.noteEd.saving, m.noteEd.err = true, ""
		return m.saveNoteCmd(m.noteEd.id, m.noteEd.area.Value(), false)
	case key.Matches(msg, km.DiscardNote):
		changed := m.noteEd.dirty()
		m.noteEd.close()
		if changed {
			return m.flash("note changes discarded", false)
		}
		return nil
	}
	return m.noteEd.update(msg)
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
		add, del, err := parseTagEdit(m.tagEd.input.Value())
		if err != nil {
			m.tagEd.err = err.Error()
			return nil
		}
		if len(add)+len(del) == 0 {
			m.tagEd.close()
			return nil
		}
		m.tagEd.busy, m.tagEd.err = true, ""
		return m.applyTagsCmd(m.tagEd.ids, add, del)
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
	return editorFileCmd(b.ID, m.notes[b.ID])
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
	return m.runSearch()
}

// tagsApplied closes the tag editor after a write, or shows the error.
func (m *Model) tagsApplied(msg tagsAppliedMsg) tea.Cmd {
	m.tagEd.busy = false
	if msg.err != nil {
		m.tagEd.err = msg.err.Error()
		return nil
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
// error; for $EDITOR it reports where the text is when saving failed.
func (m *Model) noteSaved(msg noteSavedMsg) tea.Cmd {
	if msg.external {
		if msg.err != nil {
			text := "note not saved: " + msg.err.Error()
			if msg.temp != "" {
				text += "; your text is in " + msg.temp
			}
			return m.flash(text, true)
		}
		m.setNoteLocal(msg.id, msg.body)
		return tea.Batch(m.flash("note saved", false), m.reloadCmd())
	}
	m.noteEd.saving = false
	if msg.err != nil {
		m.noteEd.err = msg.err.Error()
		return nil
	}
	m.setNoteLocal(msg.id, msg.body)
	m.noteEd.close()
	if msg.quit {
		return tea.Quit
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
	case m.tagEd.open:
		return m.tagEd.View(w)
	case m.exp.open:
		return m.exp.View(w)
	}
	return ""
}
