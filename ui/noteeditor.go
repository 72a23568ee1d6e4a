package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/store"
	"github.com/charmbracelet/x/ansi"
)

// noteEditor is the inline note editor overlay: a textarea with the brief's
// note, in the right pane (the whole body when narrow). Leaving saves; the
// text stays on screen until the save succeeds. A save only goes through if
// the stored note is still orig; when another program changed it meanwhile
// the editor stays open with the user's text and a question asks whether to
// overwrite theirs or to keep editing with theirs appended.
type noteEditor struct {
	th            *theme
	km            *keyMap
	width, height int

	saving bool
	id     string
	title  string
	orig   string // the note the text is based on, as read from the store
	area   textarea.Model
	err    string

	conflict  *question // the question about a note changed elsewhere, while open
	quitQ     *question // the question before quitting, while open
	quitAfter bool      // the save that met the conflict was quitting
	temp      string    // the $EDITOR file the text came from, removed once saved
	stale     bool      // the last read of the store found another note than orig
}

// noteSavedMsg: the inline editor's note was written (or not).
type noteSavedMsg struct {
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

// openNoteEditor opens the inline note editor on the selected brief.
func (m *Model) openNoteEditor() tea.Cmd {
	b, cmd := m.noteTarget()
	if b == nil {
		return cmd
	}
	n := newNoteEditor(m.th, m.km, b.ID, b.Title, m.notes[b.ID])
	m.push(n)
	return n.area.Focus()
}

func newNoteEditor(th *theme, km *keyMap, id, title, note string) *noteEditor {
	a := textarea.New()
	a.ShowLineNumbers = false
	a.Prompt = ""
	a.Placeholder = "Markdown: your note on this brief"
	a.CharLimit = 0
	a.MaxHeight = 0
	a.MaxWidth = 0
	a.SetStyles(th.area)
	a.SetValue(note)
	return &noteEditor{th: th, km: km, id: id, title: title, orig: note, area: a}
}

func (n *noteEditor) setTheme(th *theme) {
	n.th = th
	n.area.SetStyles(th.area)
}

func (n *noteEditor) setSize(w, h int) {
	n.width, n.height = max(0, w), max(0, h)
	n.area.SetWidth(max(1, n.width-2))
	n.area.SetHeight(max(1, n.height-3))
}

func (n *noteEditor) place() placement { return atPane }
func (n *noteEditor) lines() int       { return 0 }

func (n *noteEditor) bindings() []key.Binding {
	return []key.Binding{n.km.SaveNote, n.km.DiscardNote, n.km.ForceQuit}
}

// dirty reports unsaved text.
func (n *noteEditor) dirty() bool { return n.area.Value() != n.orig }

func (n *noteEditor) update(m *Model, msg tea.Msg) (tea.Cmd, bool) {
	if r, ok := msg.(noteSavedMsg); ok && r.id == n.id {
		return n.saved(m, r), true
	}
	return routeInput(msg, n.saving, func(k tea.KeyPressMsg) tea.Cmd { return n.key(m, k) }, n.edit)
}

func (n *noteEditor) edit(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	n.area, cmd = n.area.Update(msg)
	return cmd
}

func (n *noteEditor) key(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	if n.saving {
		return nil // the text on screen is what is being saved
	}
	switch {
	case key.Matches(msg, n.km.SaveNote):
		if !n.dirty() && n.temp == "" {
			m.pop(n)
			return nil
		}
		return n.save(m, false)
	case key.Matches(msg, n.km.DiscardNote):
		m.pop(n)
		switch {
		case n.temp != "":
			return m.flash("note changes discarded; the text from $EDITOR stays in "+n.temp, false)
		case n.dirty():
			return m.flash("note changes discarded", false)
		}
		return nil
	}
	return n.edit(msg)
}

// save saves the text, if the stored note is still the one it is based on;
// quit quits once it is saved.
func (n *noteEditor) save(m *Model, quit bool) tea.Cmd {
	if n.saving {
		return nil
	}
	n.saving, n.err = true, ""
	return saveNoteCmd(m, n.id, n.orig, n.area.Value(), quit, n.temp)
}

// saved closes the editor after a save, or keeps the text with the error,
// or asks what to do when the note was changed elsewhere.
func (n *noteEditor) saved(m *Model, msg noteSavedMsg) tea.Cmd {
	n.saving = false
	switch {
	case msg.conflict:
		n.err = ""
		n.askConflict(m, msg.current, msg.quit)
		return m.reloadCmd()
	case msg.err != nil:
		n.err = msg.err.Error()
		return nil
	}
	m.setNoteLocal(msg.id, msg.body)
	m.pop(n)
	switch {
	case msg.quit:
		return tea.Quit
	case msg.warn != "":
		return tea.Batch(m.flash(msg.warn, true), m.reloadCmd())
	}
	return tea.Batch(m.flash("note saved", false), m.reloadCmd())
}

// askConflict asks about a save refused because the note is now theirs,
// showing the start of what their version adds.
func (n *noteEditor) askConflict(m *Model, theirs string, quit bool) {
	if n.conflict != nil {
		m.pop(n.conflict)
	}
	n.quitAfter = quit
	ask, info := "the note was changed elsewhere: overwrite it with your text?", []string(nil)
	if theirs == "" {
		ask = "the note was deleted elsewhere: save your text anyway?"
	} else {
		part := theirPart(n.orig, theirs)
		if k := strings.IndexByte(part, '\n'); k >= 0 {
			part = part[:k] + " …"
		}
		info = []string{"theirs: " + clean(part)}
	}
	n.conflict = &question{panelBase: panelBase{th: n.th, km: n.km}, title: "Note changed elsewhere · " + n.title, ask: ask, info: info,
		answers: []answer{
			{key: n.km.Overwrite, hint: "overwrites theirs", choose: func(m *Model) tea.Cmd {
				// their text is the base now: the save replaces exactly it
				quit := n.quitAfter
				n.orig, n.conflict, n.quitAfter = theirs, nil, false
				return n.save(m, quit)
			}},
			{key: n.km.KeepBoth, hint: "keeps both (theirs below yours)", choose: func(m *Model) tea.Cmd {
				n.area.SetValue(mergeNotes(n.orig, n.area.Value(), theirs))
				n.orig, n.conflict, n.quitAfter, n.stale = theirs, nil, false, false
				return m.flash("their text is below yours: edit, then "+hintKey(n.km.SaveNote)+" saves", false)
			}},
			{key: n.km.Back, hint: "keeps editing", choose: func(*Model) tea.Cmd {
				n.conflict, n.quitAfter = nil, false // the next save asks again
				return nil
			}},
		}}
	m.push(n.conflict)
}

// askQuit asks before quitting with unsaved text.
func (n *noteEditor) askQuit(m *Model) {
	if n.quitQ != nil && m.top() == overlay(n.quitQ) {
		return
	}
	n.quitQ = &question{panelBase: panelBase{th: n.th, km: n.km}, title: "Unsaved note · " + n.title, ask: "save changes to the note?",
		answers: []answer{
			{key: n.km.Yes, hint: "saves and quits", choose: func(m *Model) tea.Cmd { return n.save(m, true) }},
			{key: n.km.No, hint: "quits without saving", choose: func(*Model) tea.Cmd { return tea.Quit }},
			{key: n.km.Back, hint: "goes back to the note", choose: func(*Model) tea.Cmd { return nil }},
		}}
	m.push(n.quitQ)
}

// View renders exactly height lines of width cells.
func (n *noteEditor) View() string {
	if n.width <= 0 || n.height <= 0 {
		return ""
	}
	lines := []string{" " + n.th.reader.title.Render(ansi.Truncate("Note · "+clean(n.title), max(1, n.width-2), "…"))}
	for _, l := range strings.Split(n.area.View(), "\n") {
		lines = append(lines, " "+l)
	}
	lines = lines[:min(len(lines), max(1, n.height-2))]
	for len(lines) < n.height-2 {
		lines = append(lines, "")
	}
	lines = append(lines, " "+n.th.reader.rule.Render(strings.Repeat("─", max(0, n.width-2))), " "+n.status())
	if n.height < 3 {
		lines = lines[:n.height]
	}
	return padLines(lines, n.width, n.height)
}

// status is the editor's last line.
func (n *noteEditor) status() string {
	k, hint, bad := n.km, n.th.bar.hint, n.th.bar.err
	switch {
	case n.saving:
		return hint.Render("saving…")
	case n.conflict != nil:
		return bad.Render("not saved: the note was changed elsewhere (answer below)")
	case n.stale:
		return bad.Render("changed elsewhere meanwhile: saving will ask before overwriting")
	case n.err != "":
		return bad.Render(fmt.Sprintf("✗ %s (%s retries, %s discards)", clean(n.err), hintKey(k.SaveNote), hintKey(k.DiscardNote)))
	case n.dirty():
		return hint.Render(hints("edited", anyKey(k.SaveNote)+" saves and closes", does(k.DiscardNote, "discards")))
	}
	return hint.Render(hints(strconv.Itoa(len([]rune(n.area.Value())))+" characters", does(k.SaveNote, "closes")))
}

// saveNoteCmd replaces a brief's note with body if it is still base (the
// note the editor started from, or the other writer's text the user chose
// to overwrite). temp, when set, is the $EDITOR file the text came from: it
// is removed once the note is saved.
func saveNoteCmd(m *Model, id, base, body string, quit bool, temp string) tea.Cmd {
	return m.storeCmd(func(ctx context.Context, st Store) tea.Msg {
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
	})
}

// noteTarget is the brief whose note e and E edit: the selected one, when
// there is a store; else nil and why not.
func (m *Model) noteTarget() (*brief.Brief, tea.Cmd) {
	if m.opt.Store == nil {
		return nil, m.unavailable("notes")
	}
	b := m.list.selected()
	if b == nil {
		return nil, m.flash("no brief selected", false)
	}
	return b, nil
}

// theirPart is what the other writer's version adds to base: the text
// after base when they only appended (as `briefs note --text` and quoting
// do), else their whole note.
func theirPart(base, theirs string) string {
	b := strings.TrimRight(base, " \t\r\n")
	if b != "" && strings.HasPrefix(theirs, b) {
		return strings.TrimSpace(theirs[len(b):])
	}
	return strings.TrimSpace(theirs)
}

// mergeNotes keeps both versions: the user's text, a blank line, then
// their part (see theirPart); nothing is added when they only deleted.
func mergeNotes(base, mine, theirs string) string {
	add := theirPart(base, theirs)
	if add == "" {
		return mine
	}
	mine = strings.TrimRight(mine, " \t\r\n")
	if mine == "" {
		return add
	}
	return mine + "\n\n" + add
}
