package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/noteedit"
)

// The $EDITOR flow (E): read the note afresh and write it to a temporary
// file, run the editor with the program suspended, save what it wrote
// unless the note changed meanwhile (noteedit, shared with `briefs note
// --edit`). Each step is a command; these messages carry its result.
type (
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
)

// openExternalEditor edits the selected brief's note in $EDITOR.
func (m *Model) openExternalEditor() tea.Cmd {
	b, cmd := m.noteTarget()
	if b == nil {
		return cmd
	}
	return m.prepareEditorCmd(b.ID, b.Title)
}

// updateEditor handles the messages of the $EDITOR flow; it reports
// whether msg was one.
func (m *Model) updateEditor(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case editorReadyMsg:
		if msg.err != nil {
			return m.flash("note in $EDITOR: "+msg.err.Error(), true), true
		}
		return execEditorCmd(msg), true
	case editorDoneMsg:
		if msg.err != nil { // noteedit.Failed: says whether a file holds text
			return m.flash(msg.err.Error(), true), true
		}
		return m.finishEditorCmd(msg), true
	case editorSavedMsg:
		return m.editorSaved(msg), true
	}
	return nil, false
}

// prepareEditorCmd reads the note afresh, writes it to a temporary file and
// builds the $VISUAL/$EDITOR command for it (noteedit).
func (m *Model) prepareEditorCmd(id, title string) tea.Cmd {
	return m.storeCmd(func(ctx context.Context, st Store) tea.Msg {
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
	})
}

// execEditorCmd runs the editor, suspending the program.
func execEditorCmd(msg editorReadyMsg) tea.Cmd {
	return tea.ExecProcess(msg.cmd, func(err error) tea.Msg {
		if err != nil {
			// the program is suspended until this returns: removing a
			// temporary file that holds nothing new blocks no one
			err = noteedit.Failed(msg.id, msg.base, msg.path, fmt.Errorf("editor %s: %w", msg.cmd.Path, err))
		}
		return editorDoneMsg{id: msg.id, title: msg.title, base: msg.base, path: msg.path, err: err}
	})
}

// finishEditorCmd saves what the editor wrote, if it changed, unless the
// note changed elsewhere meanwhile (noteedit.Finish).
func (m *Model) finishEditorCmd(msg editorDoneMsg) tea.Cmd {
	return m.storeCmd(func(ctx context.Context, st Store) tea.Msg {
		changed, err := noteedit.Finish(ctx, st, msg.id, msg.base, msg.path)
		return editorSavedMsg{id: msg.id, title: msg.title, base: msg.base, changed: changed, err: err}
	})
}

// editorSaved reports the end of an $EDITOR session. When the note was
// changed elsewhere meanwhile, the edited text opens in the inline editor
// with the question, so neither text is lost.
func (m *Model) editorSaved(msg editorSavedMsg) tea.Cmd {
	var ce *noteedit.ConflictError
	switch {
	case errors.As(msg.err, &ce) && len(m.stack) == 0:
		n := newNoteEditor(m.th, m.km, msg.id, msg.title, msg.base)
		n.area.SetValue(ce.Text)
		n.temp = ce.Path
		m.push(n)
		n.askConflict(m, ce.Current, false)
		return tea.Batch(n.area.Focus(), m.reloadCmd())
	case msg.err != nil:
		return m.flash(msg.err.Error(), true)
	case !msg.changed:
		return m.flash("note unchanged", false)
	}
	return tea.Batch(m.flash("note saved", false), m.reloadCmd())
}
