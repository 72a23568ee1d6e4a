package ui

import (
	"context"
	"fmt"
	"maps"
	"slices"

	tea "charm.land/bubbletea/v2"
)

// Read state, as newsboat users know it: unread briefs are marked in the
// list (a dot and a bold title), a brief becomes read when it is opened
// (the reader gets the focus on it), u toggles the selected or the marked
// briefs, and the status bar and the facet picker count the unread. The
// state is kept in the store (it follows a brief as its tags do); the
// reader shows its own changes at once and writes them in commands.

// readSavedMsg: read state was written (or not).
type readSavedMsg struct {
	ids  []string
	read bool
	auto bool // by opening a brief, not by u
	err  error
}

// readKnown reports whether the read state is known (a store was read).
func (m *Model) readKnown() bool { return m.read != nil }

// isUnread reports whether the brief is unread; false when the read state
// is unknown.
func (m *Model) isUnread(id string) bool { return m.read != nil && !m.read[id] }

// setReadLocal shows read state at once, before the store is re-read.
func (m *Model) setReadLocal(ids []string, read bool) {
	rs := maps.Clone(m.read)
	if rs == nil {
		rs = map[string]bool{}
	}
	for _, id := range ids {
		if read {
			rs[id] = true
		} else {
			delete(rs, id)
		}
	}
	m.read = rs
}

// markReadCmd writes the read state of briefs, in one command.
func (m *Model) markReadCmd(ids []string, read, auto bool) tea.Cmd {
	return m.storeCmd(func(ctx context.Context, st Store) tea.Msg {
		for _, id := range ids {
			var err error
			if read {
				err = st.MarkRead(ctx, id)
			} else {
				err = st.MarkUnread(ctx, id)
			}
			if err != nil {
				return readSavedMsg{ids: ids, read: read, auto: auto, err: err}
			}
		}
		return readSavedMsg{ids: ids, read: read, auto: auto}
	})
}

// readSaved reports a failed write (the store is re-read so the screen
// shows what it holds) or confirms u.
func (m *Model) readSaved(msg readSavedMsg) tea.Cmd {
	if msg.err != nil {
		return tea.Batch(m.flash("read state not saved: "+msg.err.Error(), true), m.reloadCmd())
	}
	return nil
}

// openedBrief notes which brief the reader has open (the reader has the
// focus on it) and marks it read the first time it is opened; u may mark
// it unread again while it stays open.
func (m *Model) openedBrief() tea.Cmd {
	id := ""
	if b := m.reader.b; b != nil && m.focus == paneReader {
		id = b.ID
	}
	if id == m.opened {
		return nil
	}
	m.opened = id
	if id == "" || m.read == nil || m.read[id] || m.opt.Store == nil {
		return nil
	}
	m.setReadLocal([]string{id}, true)
	m.reading = id // is:unread keeps it while it is open
	return tea.Batch(m.markReadCmd([]string{id}, true, true), m.runSearch())
}

// toggleRead is u: the marked briefs, or else the selected one, become
// read, or unread when all of them are read already.
func (m *Model) toggleRead() tea.Cmd {
	if m.opt.Store == nil {
		return m.unavailable("read state")
	}
	if m.read == nil {
		return m.flash("read state not loaded yet", false)
	}
	var ids []string
	if len(m.marks) > 0 {
		ids = slices.Sorted(maps.Keys(m.marks))
	} else if b := m.list.selected(); b != nil {
		ids = []string{b.ID}
	} else {
		return m.flash("no brief selected", false)
	}
	read := slices.ContainsFunc(ids, func(id string) bool { return !m.read[id] })
	m.setReadLocal(ids, read)
	what := "unread"
	if read {
		what = "read"
	}
	var text string
	if len(ids) == 1 {
		text = "marked " + what
	} else {
		text = fmt.Sprintf("%s marked %s", plural(len(ids), "brief"), what)
	}
	if m.focus == paneList && len(m.marks) == 0 {
		m.list.move(1) // as newsboat's N: on to the next
	}
	return tea.Batch(m.markReadCmd(ids, read, false), m.runSearch(), m.flash(text, false))
}
