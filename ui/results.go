package ui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
)

// The root's own work in the background: loading the collection,
// searching it, rendering briefs, and the timers of status messages and
// resizes. Each is a command; these messages carry its result.
type (
	searchMsg struct {
		gen int
		lib *library.Library // the collection searched
		res library.Result
		err error
	}
	clearFlashMsg struct{ id int }
	// bodyMsg: the body of brief id, read from its file.
	bodyMsg struct {
		id   string
		text string
		err  error
	}
	// settledMsg: the window kept its width for settleTime since resize seq.
	settledMsg struct{ seq int }
)

// whyEmpty says why nothing was loaded: where the reader looked and what
// it could not read.
func (m *Model) whyEmpty(warns []library.Warning) []string {
	var out []string
	if len(m.opt.Folders) > 0 {
		where := "Looked in " + clean(strings.Join(m.opt.Folders, ", "))
		if len(warns) == 0 {
			out = append(out, where+": no brief files there (.txt, .md, .markdown).")
		} else {
			out = append(out, where+": no brief could be read.")
		}
	}
	switch len(warns) {
	case 0:
	case 1:
		out = append(out, "Not readable: "+clean(warns[0].Error()))
	default:
		out = append(out, fmt.Sprintf("%d files not readable; first: %s", len(warns), clean(warns[0].Error())))
	}
	if len(m.opt.Folders) == 0 {
		out = append(out, m.addFoldersHint())
	}
	return out
}

// addFoldersHint says how to read one's own briefs.
func (m *Model) addFoldersHint() string {
	where := "the configuration file"
	if m.opt.ConfigPath != "" {
		where = m.opt.ConfigPath
	}
	return "To read your own briefs, add their folders to " + clean(where) + " (folders:), or run briefs FOLDER."
}

// sourcesNote is the help's paragraph on where the briefs come from.
func (m *Model) sourcesNote() string {
	switch {
	case len(m.opt.Folders) > 0:
		return "Briefs read from " + clean(strings.Join(m.opt.Folders, ", ")) + "."
	case m.opt.FirstRun:
		return "Only the built-in briefs are shown. " + m.addFoldersHint()
	}
	return ""
}

// hint shows a message in the status bar until the next command replaces
// it (no timer: a first-run hint stays until the user acts).
func (m *Model) hint(text string) {
	m.flashID++
	m.status.msg, m.status.msgIsErr = text, false
}

// bodyCmd reads a brief's body (the collection holds none).
func bodyCmd(lib *library.Library, b *brief.Brief) tea.Cmd {
	return func() tea.Msg {
		text, err := lib.Body(b)
		return bodyMsg{id: b.ID, text: text, err: err}
	}
}

// applyCorrections makes the collection shown the loaded one with the
// user's corrections: the list, the facets and the reader follow (the
// briefs keep their places, so the list's items stay valid; a newer
// collection reaches the list with its search, in searched).
func (m *Model) applyCorrections() {
	if m.base == nil {
		return
	}
	cur := m.lib
	if cur == nil || cur.Base() != m.base {
		cur = m.base
	}
	m.lib = cur.WithCorrections(m.corr) // cur itself when they did not change
	if m.list.lib != nil && m.list.lib.Base() == m.base {
		m.list.lib = m.lib // same briefs in the same places: the items stay valid
	}
}

// runSearch starts a search for the current query in the background.
func (m *Model) runSearch() tea.Cmd {
	if m.lib == nil {
		return nil
	}
	m.gen++
	gen, lib, q, user := m.gen, m.lib, m.query, library.User{Tags: m.tags, Read: m.read, Reading: m.reading, People: m.people}
	by := library.SortKeys[m.sortIdx%len(library.SortKeys)]
	m.status.busy = true
	return func() tea.Msg {
		res, err := lib.Search(q, user, by)
		return searchMsg{gen: gen, lib: lib, res: res, err: err}
	}
}

// searched installs the result of the latest search (of the latest
// collection: the list moves to it, keeping the selected brief); the
// first one applies the keys typed while loading.
func (m *Model) searched(msg searchMsg) tea.Cmd {
	if msg.gen != m.gen {
		return nil
	}
	m.status.busy = false
	if msg.err != nil {
		m.filter.err = msg.err.Error()
		return nil
	}
	m.filter.err = ""
	m.list.invalid = false
	if msg.lib != m.list.lib {
		m.list.setLibrary(msg.lib, msg.res.Items)
	} else {
		m.list.setItems(msg.res.Items)
	}
	m.picker.setFacets(msg.res.Facets, msg.res.ReadKnown)
	first := !m.status.loaded
	m.status.loaded = true
	m.status.shown = len(msg.res.Items)
	m.status.total = msg.res.Total
	m.status.unread = -1
	if msg.res.ReadKnown {
		m.status.unread = msg.res.Unread
	}
	m.status.filters = m.query.String()
	if first && len(m.queued) > 0 {
		return m.replayKeys()
	}
	return nil
}

// queryChanged parses the search box and searches when it parses; a
// malformed query shows its message and leaves the list as it was.
func (m *Model) queryChanged() tea.Cmd {
	q, err := library.Parse(m.filter.value())
	if err != nil {
		// no results rather than those of another query: the list and the
		// count say so until the query reads right
		m.filter.err = err.Error()
		m.gen++ // a search still running is for an older text
		m.status.busy = false
		m.list.invalid = true
		m.status.filters = "the query has a mistake"
		m.status.shown, m.status.unread = 0, min(m.status.unread, 0)
		return nil
	}
	m.filter.err = ""
	m.query = q
	return m.runSearch()
}

// setQuery replaces the query (from the picker, or clearing) and searches.
func (m *Model) setQuery(q library.Query) tea.Cmd {
	m.query = q
	m.filter.setValue(q.String())
	m.filter.err = ""
	m.list.invalid = false
	return m.runSearch()
}

// flash shows a message in the status bar until the next command (a key
// that does something other than moving, or an overlay opening) replaces
// it; a message that is not an error also goes after flashDur.
func (m *Model) flash(text string, isErr bool) tea.Cmd {
	m.flashID++
	id := m.flashID
	m.status.msg, m.status.msgIsErr = text, isErr
	if m.flashDur <= 0 || isErr {
		return nil
	}
	return tea.Tick(m.flashDur, func(time.Time) tea.Msg { return clearFlashMsg{id: id} })
}

// clearMsg takes the status bar's message away (a new command starts).
func (m *Model) clearMsg() {
	m.flashID++
	m.status.msg, m.status.msgIsErr = "", false
}

// resized starts (or restarts) the wait for the width to settle.
func (m *Model) resized() tea.Cmd {
	m.resizeSeq++
	m.resizing = true
	seq := m.resizeSeq
	if m.settle <= 0 {
		return func() tea.Msg { return settledMsg{seq: seq} }
	}
	return tea.Tick(m.settle, func(time.Time) tea.Msg { return settledMsg{seq: seq} })
}

// rendered caches and shows a finished render, unless it was made for a
// width or style the reader no longer has (a resize or a theme change
// overtook it): that one is dropped.
func (m *Model) rendered(msg renderedMsg) {
	if msg.key.width != m.reader.contentWidth() || msg.key.style != m.th.glamourStyle() {
		m.cache.done(msg.key)
		return
	}
	m.cache.put(msg)
	m.reader.install(msg.key, msg.lines, msg.err)
}

// syncReader shows the selected brief in the reader (closing the overlays
// bound to the brief it showed) and starts the renders it needs, plus its
// neighbours in the background once the window size is settled and the
// collection loaded.
func (m *Model) syncReader() tea.Cmd {
	if m.lib == nil {
		return nil
	}
	b := m.list.selected()
	if m.reader.setBrief(b) {
		m.briefChanged()
	}
	if b != nil {
		m.reader.setTags(library.TagsOf(b, m.tags))
		m.reader.setNote(shownNote(m.notes[b.ID], m.others[b.ID]))
		m.reader.setPeople(m.teamOf(b.ID))
	}
	cmds := []tea.Cmd{m.openedBrief()}
	if m.reader.needsText() && m.textWanted != b.ID {
		m.textWanted = b.ID
		cmds = append(cmds, bodyCmd(m.lib, b))
	}
	for _, w := range m.reader.wants() {
		if lines, err, ok := m.cache.get(w.key); ok {
			m.reader.install(w.key, lines, err)
		} else {
			cmds = append(cmds, m.cache.requestText(w.key, w.md))
		}
	}
	if m.resizing || m.status.loading {
		// neighbours once the size is settled and the collection loaded
		// (their renders would take the cores loading needs)
		return tea.Batch(cmds...)
	}
	cw, style := m.reader.contentWidth(), m.th.glamourStyle()
	for _, d := range []int{1, -1, 2} {
		if nb := m.list.briefAt(m.list.cursor + d); nb != nil {
			cmds = append(cmds, m.cache.request(renderKey{id: nb.ID, width: cw, style: style}, nb, m.lib))
		}
	}
	return tea.Batch(cmds...)
}
