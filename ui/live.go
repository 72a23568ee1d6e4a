package ui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/team"
)

// startLive starts following a live store (see liveStore); the reader
// then waits for its news instead of polling.
func (m *Model) startLive() {
	ls, ok := m.opt.Store.(liveStore)
	if !ok {
		return
	}
	if ch, ok := ls.Watch(m.ctx); ok {
		m.live = ch
		m.pollEvery = 0
	}
}

// waitLive waits for the live store's next news.
func (m *Model) waitLive() tea.Cmd {
	ch := m.live
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		st, ok := <-ch
		if !ok {
			return nil
		}
		return liveMsg{st}
	}
}

// liveChanged follows the live store: offline, the reader keeps what it
// shows and says that it is read-only until the server is back (writes
// are refused by the store, in words); back, it re-reads everything; a
// change, it re-reads and says who changed what.
func (m *Model) liveChanged(st team.Status) tea.Cmd {
	if !st.Online {
		m.offline = st.Err
		m.status.badge = "offline: read-only, reconnecting…"
		return m.flash(offlineText(st.Err), true)
	}
	var cmds []tea.Cmd
	if m.offline != nil {
		m.offline = nil
		m.status.badge = ""
		cmds = append(cmds, m.flash("team store back: tags and notes can be saved again", false))
	}
	if st.Changed {
		cmds = append(cmds, m.changesCmd(m.rev), m.reloadCmd())
	}
	return tea.Batch(cmds...)
}

func offlineText(err error) string {
	if err == nil {
		return "the team store is unreachable: read-only until it is back"
	}
	return err.Error() + ": read-only until it is back"
}

// changesCmd reads the changes committed after revision since.
func (m *Model) changesCmd(since int64) tea.Cmd {
	if !m.haveRev {
		return nil
	}
	return m.storeCmd(func(ctx context.Context, st Store) tea.Msg {
		ts, ok := st.(teamStore)
		if !ok {
			return nil
		}
		cs, err := ts.Changes(ctx, since)
		return changesMsg{changes: cs, err: err}
	})
}

// changesRead says, in the status bar, the latest change someone else
// made ("Ali tagged this #followup").
func (m *Model) changesRead(msg changesMsg) tea.Cmd {
	if msg.err != nil || m.opt.Store == nil {
		return nil
	}
	me := ""
	if ts, ok := m.opt.Store.(teamStore); ok {
		me = ts.User()
	}
	for i := len(msg.changes) - 1; i >= 0; i-- {
		c := msg.changes[i]
		if c.Author == me {
			continue
		}
		current, title := "", ""
		if b := m.list.selected(); b != nil {
			current = b.ID
		}
		if m.lib != nil && c.Brief != "" {
			if b, err := m.lib.Find(c.Brief); err == nil {
				title = b.Title
			}
		}
		return m.flash(c.Sentence(me, current, title), false)
	}
	return nil
}

// teamOf is who of a team annotated brief id, for the reader's header:
// none when only the reader did (a single-user store is never shown).
func (m *Model) teamOf(id string) []string {
	names := m.people[id]
	me := ""
	if ts, ok := m.opt.Store.(teamStore); ok && !isNil(m.opt.Store) {
		me = ts.User()
	}
	for _, n := range names {
		if n != me {
			return names
		}
	}
	return nil
}

// shownNote is what the reader shows under a brief: the reader's own note,
// then the others' notes (a team store), each under its author's name.
func shownNote(own string, others []team.Note) string {
	if len(others) == 0 {
		return own
	}
	var b strings.Builder
	b.WriteString(strings.TrimSpace(own))
	for _, n := range others {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString("**" + markdownEscape(n.Author) + "** · " + n.Updated.Local().Format("2 Jan 15:04") + "\n\n")
		b.WriteString(strings.TrimSpace(n.Body))
	}
	return b.String()
}

// markdownEscape keeps a name from being read as Markdown.
func markdownEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]<>()#+-.!|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
