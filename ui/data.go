package ui

import (
	"context"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/correct"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/store"
	"github.com/briefs/briefs/internal/tags"
	"github.com/briefs/briefs/internal/team"
)

// Store is what the reader needs of the user's database: the revision to
// notice other writers, every tag, note and correction, and the writes of
// the tag editor, the note editor, quoting, $EDITOR and the metadata form.
// *store.Store is one (any store.Backend is); the reader calls it only from
// commands, never from Update.
type Store interface {
	Revision(ctx context.Context) (int64, error)
	AllTags(ctx context.Context) (map[string][]string, error)
	AllNotes(ctx context.Context) (map[string]string, error)
	AllCorrections(ctx context.Context) (map[string]store.Corrections, error)
	Note(ctx context.Context, id string) (string, time.Time, error)
	ApplyTags(ctx context.Context, ids []string, add, remove []string) error
	SetNoteIf(ctx context.Context, id, base, body string) error
	AppendNote(ctx context.Context, id, text string) error
	correct.Writer
	ReadSet(ctx context.Context) (map[string]bool, error)
	MarkRead(ctx context.Context, id string) error
	MarkUnread(ctx context.Context, id string) error
}

// teamStore is what a store of several people adds (*store.Store has it):
// everyone's notes, who annotated what (by:), the journal of changes, and
// whose reader this is.
type teamStore interface {
	User() string
	TeamNotes(ctx context.Context) (map[string][]team.Note, error)
	People(ctx context.Context) (map[string][]string, error)
	Changes(ctx context.Context, since int64) ([]team.Change, error)
}

// liveStore pushes changes as they are committed (a team store on
// PostgreSQL: LISTEN/NOTIFY) and says when its server is away; the reader
// then does not poll.
type liveStore interface {
	Watch(ctx context.Context) (<-chan team.Status, bool)
}

// isNil reports whether a Store is missing: nil, or a nil pointer in the
// interface (a *store.Store that failed to open).
func isNil(s Store) bool {
	if s == nil {
		return true
	}
	v := reflect.ValueOf(s)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// pollEvery is how often the reader asks the store whether another process
// changed it.
const pollEvery = time.Second

// Messages of the store. Every store read and write runs in a command;
// these carry the results back to Update.
type (
	// pollMsg: time to look at the store's revision.
	pollMsg struct{}
	// revMsg: the store's revision.
	revMsg struct {
		rev int64
		err error
	}
	// dataMsg: every tag, note and correction and the read state, read at revision rev (and,
	// from a team store, everyone's notes and who annotated what).
	dataMsg struct {
		rev    int64
		tags   library.Tags
		notes  map[string]string
		corr   library.Corrections
		read   map[string]bool
		others map[string][]team.Note
		people map[string][]string
		err    error
	}
	// liveMsg: the live store committed a change, or lost or found its
	// server.
	liveMsg struct{ st team.Status }
	// changesMsg: what others changed since the last reload.
	changesMsg struct {
		changes []team.Change
		err     error
	}
	// quotedMsg: a paragraph was appended to a note (or not).
	quotedMsg struct {
		id  string
		err error
	}
)

// updateData handles the store's messages; it reports whether msg was one.
func (m *Model) updateData(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case pollMsg:
		return m.revisionCmd(), true
	case revMsg:
		var cmd tea.Cmd
		if msg.err == nil && (!m.haveRev || msg.rev != m.rev) {
			cmd = m.reloadCmd()
		}
		return tea.Batch(cmd, m.pollCmd()), true
	case tea.FocusMsg:
		return m.reloadCmd(), true
	case liveMsg:
		return tea.Batch(m.liveChanged(msg.st), m.waitLive()), true
	case changesMsg:
		return m.changesRead(msg), true
	case dataMsg:
		return m.dataLoaded(msg), true
	case quotedMsg:
		if msg.err != nil {
			return m.flash("quote not added: "+msg.err.Error(), true), true
		}
		return tea.Batch(m.flash("paragraph quoted into the note", false), m.reloadCmd()), true
	case orphanCountMsg:
		return m.orphanNotice(msg.n), true
	case readSavedMsg:
		return m.readSaved(msg), true
	case tagsAppliedMsg, noteSavedMsg:
		return m.reloadCmd(), true // the editor closed meanwhile
	case exportedMsg:
		if msg.err != nil || msg.exists {
			return m.flash("export not written: "+errText(msg.err, "the file exists"), true), true
		}
		return m.flash("export written to "+msg.path, false), true
	}
	return m.updateEditor(msg)
}

func errText(err error, otherwise string) string {
	if err != nil {
		return err.Error()
	}
	return otherwise
}

// storeReason says why tags and notes are unavailable.
func (m *Model) storeReason() error {
	if m.opt.StoreErr != nil {
		return m.opt.StoreErr
	}
	return errors.New("no database")
}

// unavailable says why tags or notes cannot be used.
func (m *Model) unavailable(what string) tea.Cmd {
	return m.flash(what+" unavailable: "+m.storeReason().Error(), true)
}

// pollCmd waits, then asks for the revision.
func (m *Model) pollCmd() tea.Cmd {
	if m.opt.Store == nil || m.pollEvery <= 0 {
		return nil
	}
	return tea.Tick(m.pollEvery, func(time.Time) tea.Msg { return pollMsg{} })
}

// storeCmd runs f on the store in a command (nil without a store): the
// reader's only way to the database.
func (m *Model) storeCmd(f func(ctx context.Context, st Store) tea.Msg) tea.Cmd {
	st, ctx := m.opt.Store, m.ctx
	if st == nil {
		return nil
	}
	return func() tea.Msg { return f(ctx, st) }
}

// revisionCmd reads the store's revision.
func (m *Model) revisionCmd() tea.Cmd {
	return m.storeCmd(func(ctx context.Context, st Store) tea.Msg {
		rev, err := st.Revision(ctx)
		return revMsg{rev: rev, err: err}
	})
}

// reloadCmd reads every tag, note and correction.
func (m *Model) reloadCmd() tea.Cmd {
	return m.storeCmd(func(ctx context.Context, st Store) tea.Msg {
		rev, err := st.Revision(ctx)
		if err != nil {
			return dataMsg{err: err}
		}
		tags, err := st.AllTags(ctx)
		if err != nil {
			return dataMsg{err: err}
		}
		notes, err := st.AllNotes(ctx)
		if err != nil {
			return dataMsg{err: err}
		}
		corr, err := st.AllCorrections(ctx)
		if err != nil {
			return dataMsg{err: err}
		}
		read, err := st.ReadSet(ctx)
		if err != nil {
			return dataMsg{err: err}
		}
		if read == nil {
			read = map[string]bool{}
		}
		d := dataMsg{rev: rev, tags: library.Tags(tags), notes: notes, corr: correct.Library(corr), read: read}
		if ts, ok := st.(teamStore); ok {
			if d.others, err = ts.TeamNotes(ctx); err != nil {
				return dataMsg{err: err}
			}
			if d.people, err = ts.People(ctx); err != nil {
				return dataMsg{err: err}
			}
			me := ts.User()
			for id, ns := range d.others {
				ns = slices.DeleteFunc(slices.Clone(ns), func(n team.Note) bool { return n.Author == me })
				if len(ns) == 0 {
					delete(d.others, id)
				} else {
					d.others[id] = ns
				}
			}
		}
		return d
	})
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
	m.tags, m.notes, m.read = msg.tags, msg.notes, msg.read
	m.corr = msg.corr
	m.others, m.people = msg.others, msg.people
	m.applyCorrections()
	m.list.tags, m.list.notes = msg.tags, msg.notes
	if n, ok := find[*noteEditor](m); ok {
		n.stale = msg.notes[n.id] != n.orig
	}
	return m.runSearch()
}

// applyTagsCmd adds and removes tags on briefs, all in one transaction.
func (m *Model) applyTagsCmd(ids []string, edit tags.Edit) tea.Cmd {
	return m.storeCmd(func(ctx context.Context, st Store) tea.Msg {
		if err := st.ApplyTags(ctx, ids, edit.Add, edit.Remove); err != nil {
			return tagsAppliedMsg{err: err}
		}
		return tagsAppliedMsg{n: len(ids), edit: edit}
	})
}

// appendNoteCmd appends a quoted passage to a brief's note.
func (m *Model) appendNoteCmd(id, text string) tea.Cmd {
	return m.storeCmd(func(ctx context.Context, st Store) tea.Msg {
		return quotedMsg{id: id, err: st.AppendNote(ctx, id, text)}
	})
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
