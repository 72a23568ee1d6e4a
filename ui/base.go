package ui

import (
	"maps"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/library"
)

// The base layer: the keys and the mouse when no overlay has them.

// command is a key that works whichever pane has the focus.
type command struct {
	key    key.Binding
	always bool // also before the collection is loaded
	run    func(m *Model) tea.Cmd
}

// commands are the keys of the base layer that are not a pane's own.
func (m *Model) commands() []command {
	k := m.km
	return []command{
		{k.Quit, true, (*Model).quit},
		{k.Help, true, (*Model).openHelp},
		{k.Back, false, (*Model).back},
		{k.Focus, false, (*Model).cycleFocus},
		{k.Left, false, (*Model).focusList},
		{k.Right, false, (*Model).focusRight},
		{k.Facets, false, (*Model).toggleFacets},
		{k.Sort, false, (*Model).cycleSort},
		{k.Clear, false, (*Model).clearFilters},
		{k.Tag, false, (*Model).openTagEditor},
		{k.Note, false, (*Model).openNoteEditor},
		{k.NoteEditor, false, (*Model).openExternalEditor},
		{k.Export, false, (*Model).openExport},
		{k.Mark, false, (*Model).toggleMark},
		{k.Correct, false, (*Model).openMetaForm},
		{k.Orphans, false, (*Model).openOrphans},
		{k.Read, false, (*Model).toggleRead},
	}
}

// focusable is a pane that can have the focus: it scrolls, has keys of
// its own, and says which to show in the help line.
type focusable interface {
	scroller
	commands() []command
	bindings() []key.Binding
}

// focused is the pane that has the focus.
func (m *Model) focused() focusable {
	switch m.focus {
	case paneReader:
		return &m.reader
	case panePicker:
		return &m.picker
	}
	return &m.list
}

// key routes a key: ctrl+c always quits (asking about an unsaved note);
// otherwise the top overlay has it, or the base layer: its commands, then
// the focused pane's movement keys and commands.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, m.km.ForceQuit) {
		return m.quit()
	}
	if o := m.top(); o != nil {
		cmd, _ := o.update(m, msg)
		return cmd
	}
	c, ok := match(msg, m.commands())
	if ok && c.always {
		m.clearMsg()
		return c.run(m)
	}
	if !m.status.loaded { // nothing shown yet: kept for when it is
		m.queueKey(msg)
		return nil
	}
	if ok {
		m.clearMsg()
		return c.run(m)
	}
	f := m.focused()
	if navigate(m.km, msg, f) {
		if m.focus == paneList && m.status.busy {
			// a search is running (after s, a facet, a query): g and G
			// apply to its order too
			switch {
			case key.Matches(msg, m.km.Top):
				m.list.atEnd = -1
			case key.Matches(msg, m.km.Bottom):
				m.list.atEnd = 1
			}
		}
		return nil
	}
	if c, ok := match(msg, f.commands()); ok {
		m.clearMsg()
		return c.run(m)
	}
	return nil
}

// match finds the command of a key.
func match(msg tea.KeyPressMsg, cmds []command) (command, bool) {
	for _, c := range cmds {
		if key.Matches(msg, c.key) {
			return c, true
		}
	}
	return command{}, false
}

// bindings are the keys the help line shows: the top overlay's, or the
// focused pane's.
func (m *Model) bindings() []key.Binding {
	switch {
	case m.top() != nil:
		return m.top().bindings()
	case m.lib == nil:
		return []key.Binding{m.km.Help, m.km.Quit}
	}
	return m.focused().bindings()
}

// quit quits, unless the note editor holds unsaved text: then it asks.
func (m *Model) quit() tea.Cmd {
	if n, ok := find[*noteEditor](m); ok && n.dirty() {
		n.askQuit(m)
		return nil
	}
	return tea.Quit
}

// back leaves the innermost mode of the base layer.
func (m *Model) back() tea.Cmd {
	switch {
	case m.focus == panePicker || (m.pickerOpen && m.focus == paneList && !m.wide):
		m.pickerOpen, m.focus = false, paneList
		m.picker.setFilter("")
	case m.focus == paneReader && m.reader.query != "":
		m.reader.clearFind()
	case m.focus == paneReader:
		m.focus = paneList
	case m.focus == paneList && len(m.marks) > 0:
		m.marks = nil
		return m.flash("marks cleared", false)
	case m.pickerOpen:
		m.pickerOpen = false
	case !m.query.Empty() || m.filter.value() != "":
		return tea.Batch(m.setQuery(library.Query{}), m.flash("search cleared", false))
	}
	return nil
}

// cycleFocus moves the focus between the list and the other pane.
func (m *Model) cycleFocus() tea.Cmd {
	switch {
	case m.focus != paneList:
		m.focus = paneList
	case m.pickerOpen:
		m.focus = panePicker
	default:
		m.focus = paneReader
	}
	return nil
}

// focusList gives the focus to the list (h, ←).
func (m *Model) focusList() tea.Cmd {
	m.focus = paneList
	return nil
}

// focusRight gives the focus to the pane right of the list (l, →): the
// picker when it is open, else the reader (on narrow terminals: opens the
// selected brief).
func (m *Model) focusRight() tea.Cmd {
	switch {
	case m.focus != paneList:
	case m.pickerOpen:
		m.focus = panePicker
	case m.list.selected() != nil:
		m.focus = paneReader
	}
	return nil
}

// toggleFacets opens the facet picker, focuses it, or closes it.
func (m *Model) toggleFacets() tea.Cmd {
	switch {
	case !m.pickerOpen:
		m.pickerOpen, m.focus = true, panePicker
	case m.focus == panePicker:
		m.pickerOpen, m.focus = false, paneList
	default:
		m.focus = panePicker
	}
	return nil
}

// cycleSort moves to the next sort order.
func (m *Model) cycleSort() tea.Cmd {
	m.sortIdx = (m.sortIdx + 1) % len(library.SortKeys)
	m.status.sort = library.SortKeys[m.sortIdx].String()
	return tea.Batch(m.runSearch(), m.flash("sorted by "+m.status.sort, false))
}

// clearFilters empties the query.
func (m *Model) clearFilters() tea.Cmd {
	if m.query.Empty() && m.filter.value() == "" {
		return m.flash("no filter to clear", false)
	}
	return tea.Batch(m.setQuery(library.Query{}), m.flash("filters cleared", false))
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
	if m.focus == paneList {
		m.list.move(1) // as mutt's t: the next brief is ready to be marked
	}
	if len(marks) == 0 {
		return m.flash("no brief marked", false)
	}
	return m.flash(plural(len(marks), "brief")+" marked: "+does(m.km.Tag, "tags them")+", "+
		does(m.km.Back, "clears the marks"), false)
}

// regionAt says which pane is under a screen position, and the line in it.
func (m *Model) regionAt(x, y int) (paneID, int, bool) {
	if m.tooSmall() || m.placed(atBody) != nil || m.lib == nil || y < m.bodyTop || y >= m.bodyTop+m.bodyH {
		return 0, 0, false
	}
	ly := y - m.bodyTop
	if !m.wide {
		return m.focus, ly, true
	}
	switch {
	case x < m.listW:
		return paneList, ly, true
	case x > m.listW:
		if m.pickerOpen {
			return panePicker, ly, true
		}
		return paneReader, ly, true
	}
	return 0, 0, false
}

// mouse handles a click or a wheel turn no overlay took: a click selects
// and focuses, the wheel scrolls the pane under the pointer.
func (m *Model) mouse(msg tea.Msg) {
	var mo tea.Mouse
	switch msg := msg.(type) {
	case tea.MouseClickMsg:
		mo = msg.Mouse()
		if mo.Button != tea.MouseLeft {
			return
		}
	case tea.MouseWheelMsg:
		mo = msg.Mouse()
		if wheel(mo) == 0 {
			return
		}
	}
	p, ly, ok := m.regionAt(mo.X, mo.Y)
	if !ok {
		return
	}
	if d := wheel(mo); d != 0 {
		switch p {
		case paneList:
			m.list.scroll(d)
		case paneReader:
			m.reader.move(d)
		case panePicker:
			m.picker.scroll(d)
		}
		return
	}
	m.click(p, ly)
}

// click selects what is under the pointer and focuses its pane.
func (m *Model) click(p paneID, ly int) {
	switch p {
	case paneList:
		if i, ok := m.list.itemAt(ly); ok {
			m.list.moveTo(i)
			m.focus = paneList
		}
	case panePicker:
		if i, ok := m.picker.rowAt(ly); ok {
			m.picker.moveTo(i)
			m.focus = panePicker
		}
	case paneReader:
		m.focus = paneReader
	}
}
