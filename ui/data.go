package ui

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/export"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/noteedit"
	"github.com/briefs/briefs/internal/store"
)

// pollEvery is how often the reader asks the store whether another process
// changed it.
const pollEvery = time.Second

// Messages of the store and the files. Every store read and write and every
// file write runs in a command; these carry the results back to Update.
type (
	// pollMsg: time to look at the store's revision.
	pollMsg struct{}
	// revMsg: the store's revision.
	revMsg struct {
		rev int64
		err error
	}
	// dataMsg: every tag and note, read at revision rev.
	dataMsg struct {
		rev   int64
		tags  library.Tags
		notes map[string]string
		err   error
	}
	// tagsAppliedMsg: the tag editor's changes were written (or not).
	tagsAppliedMsg struct {
		n   int // briefs changed
		add []string
		del []string
		err error
	}
	// noteSavedMsg: the inline editor's note was written (or not).
	noteSavedMsg struct {
		id   string
		body string
		quit bool // quit after a successful save
		// conflict: the note changed elsewhere since the editor read it;
		// nothing was written and current is what it holds now
		conflict bool
		current  string
		warn     string // saved, but something else went wrong
		err      error
	}
	// quotedMsg: a paragraph was appended to a note (or not).
	quotedMsg struct {
		id  string
		err error
	}
	// editorReadyMsg: the note is in a temporary file and cmd edits it.
	editorReadyMsg struct {
		id, title string
		base      string // the note as read before editing
		path      string
		cmd       *exec.Cmd
		err       error
	}
	// editorDoneMsg: $EDITOR exited.
	editorDoneMsg struct {
		id, title string
		base      string
		path      string
		err       error
	}
	// editorSavedMsg: the text $EDITOR wrote was saved, or left as it
	// was, or not (err; a *noteedit.ConflictError when the note changed
	// elsewhere meanwhile).
	editorSavedMsg struct {
		id, title string
		base      string
		changed   bool
		err       error
	}
	// exportedMsg: an export was written, or the file exists, or it failed.
	exportedMsg struct {
		path   string // absolute
		n      int
		exists bool
		err    error
	}
)

// storeReason says why tags and notes are unavailable.
func (m *Model) storeReason() error {
	if m.opt.StoreErr != nil {
		return m.opt.StoreErr
	}
	return errors.New("no database")
}

// pollCmd waits, then asks for the revision.
func (m *Model) pollCmd() tea.Cmd {
	if m.opt.Store == nil || m.pollEvery <= 0 {
		return nil
	}
	return tea.Tick(m.pollEvery, func(time.Time) tea.Msg { return pollMsg{} })
}

// revisionCmd reads the store's revision.
func (m *Model) revisionCmd() tea.Cmd {
	st, ctx := m.opt.Store, m.ctx
	if st == nil {
		return nil
	}
	return func() tea.Msg {
		rev, err := st.Revision(ctx)
		return revMsg{rev: rev, err: err}
	}
}

// reloadCmd reads every tag and note.
func (m *Model) reloadCmd() tea.Cmd {
	st, ctx := m.opt.Store, m.ctx
	if st == nil {
		return nil
	}
	return func() tea.Msg {
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
		return dataMsg{rev: rev, tags: library.Tags(tags), notes: notes}
	}
}

// applyTagsCmd adds and removes tags on briefs, all in one transaction.
func (m *Model) applyTagsCmd(ids, add, del []string) tea.Cmd {
	st, ctx := m.opt.Store, m.ctx
	return func() tea.Msg {
		if err := st.ApplyTags(ctx, ids, add, del); err != nil {
			return tagsAppliedMsg{err: err}
		}
		return tagsAppliedMsg{n: len(ids), add: add, del: del}
	}
}

// saveNoteCmd replaces a brief's note with body if it is still base (the
// note the editor started from, or the other writer's text the user chose
// to overwrite). temp, when set, is the $EDITOR file the text came from: it
// is removed once the note is saved.
func (m *Model) saveNoteCmd(id, base, body string, quit bool, temp string) tea.Cmd {
	st, ctx := m.opt.Store, m.ctx
	return func() tea.Msg {
		body := brief.Sanitize(body)
		err := st.SetNoteIf(ctx, id, base, body)
		var nc *store.NoteChangedError
		switch {
		case errors.As(err, &nc):
			return noteSavedMsg{id: id, body: body, quit: quit, conflict: true, current: nc.Current}
		case err != nil:
			return noteSavedMsg{id: id, body: body, quit: quit, err: err}
		}
		msg := noteSavedMsg{id: id, body: body, quit: quit}
		if temp != "" {
			if err := os.Remove(temp); err != nil && !errors.Is(err, os.ErrNotExist) {
				msg.warn = fmt.Sprintf("note saved; remove %s: %v", temp, err)
			}
		}
		return msg
	}
}

// appendNoteCmd appends a quoted passage to a brief's note.
func (m *Model) appendNoteCmd(id, text string) tea.Cmd {
	st, ctx := m.opt.Store, m.ctx
	return func() tea.Msg {
		return quotedMsg{id: id, err: st.AppendNote(ctx, id, text)}
	}
}

// prepareEditorCmd reads the note afresh, writes it to a temporary file and
// builds the $VISUAL/$EDITOR command for it (noteedit).
func (m *Model) prepareEditorCmd(id, title string) tea.Cmd {
	st, ctx := m.opt.Store, m.ctx
	return func() tea.Msg {
		base, _, err := st.Note(ctx, id)
		if err != nil {
			return editorReadyMsg{id: id, err: err}
		}
		path, err := noteedit.Prepare(id, base)
		if err != nil {
			return editorReadyMsg{id: id, err: err}
		}
		cmd, err := noteedit.Command(ctx, path)
		if err != nil {
			_ = os.Remove(path) // holds only the stored note
			return editorReadyMsg{id: id, err: err}
		}
		return editorReadyMsg{id: id, title: title, base: base, path: path, cmd: cmd}
	}
}

// execEditorCmd runs the editor, suspending the program.
func execEditorCmd(msg editorReadyMsg) tea.Cmd {
	return tea.ExecProcess(msg.cmd, func(err error) tea.Msg {
		if err != nil {
			err = fmt.Errorf("editor %s: %w", msg.cmd.Path, err)
		}
		return editorDoneMsg{id: msg.id, title: msg.title, base: msg.base, path: msg.path, err: err}
	})
}

// finishEditorCmd saves what the editor wrote, if it changed, unless the
// note changed elsewhere meanwhile (noteedit.Finish).
func (m *Model) finishEditorCmd(msg editorDoneMsg) tea.Cmd {
	st, ctx := m.opt.Store, m.ctx
	return func() tea.Msg {
		changed, err := noteedit.Finish(ctx, st, msg.id, msg.base, msg.path)
		return editorSavedMsg{id: msg.id, title: msg.title, base: msg.base, changed: changed, err: err}
	}
}

// exportCmd writes the briefs shown, with their tags and notes, to path
// (Markdown, or JSON for a .json path), built by export.Build as the
// command line's export is.
func exportCmd(path string, force bool, lib *library.Library, shown []int32, tags library.Tags, notes map[string]string, query string) tea.Cmd {
	return func() tea.Msg {
		abs, err := filepath.Abs(path)
		if err != nil {
			return exportedMsg{path: path, err: fmt.Errorf("export to %s: %w", path, err)}
		}
		bs := make([]*brief.Brief, len(shown))
		for i, k := range shown {
			bs[i] = lib.Brief(k)
		}
		doc, err := export.Build(export.Request{Briefs: bs, Tags: tags, Notes: notes, Query: query,
			Format: export.FormatOf(abs), Lib: lib, Getenv: os.Getenv})
		if err != nil {
			return exportedMsg{path: abs, err: err}
		}
		err = export.WriteFile(abs, force, doc.Write)
		switch {
		case errors.Is(err, export.ErrExists):
			return exportedMsg{path: abs, n: len(doc.Items), exists: true}
		case err != nil:
			return exportedMsg{path: abs, err: err}
		}
		return exportedMsg{path: abs, n: len(doc.Items)}
	}
}

// quoteText is a paragraph as a Markdown blockquote with a source line.
func quoteText(b *brief.Brief, para string) string {
	var sb strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(para), "\n") {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			sb.WriteString(">\n")
			continue
		}
		sb.WriteString("> " + l + "\n")
	}
	var src []string
	if s := strings.TrimSpace(clean(b.Source)); s != "" {
		src = append(src, s)
	}
	if d := b.Day(); d != "" {
		src = append(src, d)
	}
	if len(src) == 0 {
		src = append(src, strings.TrimSpace(clean(b.Title)))
	}
	sb.WriteString(">\n> — " + strings.Join(src, ", "))
	return sb.String()
}

// paragraphs splits a brief's Markdown body on blank lines.
func paragraphs(body string) []string {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for _, l := range strings.Split(body, "\n") {
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return out
}

// defaultExportPath is the path the export prompt starts with.
func defaultExportPath(q library.Query) string {
	if q.Empty() {
		return export.DefaultFileName
	}
	return export.FileName("briefs " + q.String())
}
