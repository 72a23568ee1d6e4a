// Package ui is the terminal reader: a Bubble Tea v2 program with a brief
// list, a reader pane rendered with Glamour, a filter bar taking the query
// language, a facet picker, a status bar and generated help.
package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/store"
	"github.com/charmbracelet/x/ansi"
)

// Options wire the reader to the rest of the program.
type Options struct {
	// Load loads the collection; it is called from a tea.Cmd at start.
	Load func(ctx context.Context) (*library.Library, []library.Warning, error)
	// Store holds the user's tags and notes; nil when the database is
	// unavailable. The reader reads and writes it only from commands, and
	// polls it for changes made by other processes. The caller closes it.
	Store *store.Store
	// StoreErr says why Store is nil; it is shown when a key needs the
	// store (tags, notes, quotes).
	StoreErr error
	// Version is shown in the help.
	Version string
}

// WindowTitle is the terminal title the program sets: a constant, never
// text taken from a brief.
const WindowTitle = "briefs"

// Layout thresholds.
const (
	wideWidth = 100 // list and reader side by side from this width
	minWidth  = 30  // below this, or minHeight, only a notice is shown
	minHeight = 8
	wheelStep = 3
	flashTime = 5 * time.Second
	// settleTime is how long the width must stay the same after a resize
	// before the neighbours of the brief shown are rendered again.
	settleTime = 150 * time.Millisecond
)

// pane is a part of the screen that can have the focus.
type pane int

const (
	paneList pane = iota
	paneReader
	panePicker
)

// Messages.
type (
	loadedMsg struct {
		lib   *library.Library
		warns []library.Warning
		err   error
	}
	searchMsg struct {
		gen int
		res library.Result
		err error
	}
	clearFlashMsg struct{ id int }
	// settledMsg: the window kept its width for settleTime since resize seq.
	settledMsg struct{ seq int }
)

// Model is the root model: it owns the layout and routes messages to the
// components (filter bar, list, reader, facet picker, status bar, help).
type Model struct {
	ctx context.Context
	opt Options
	km  keyMap
	th  *theme

	dark    bool
	noColor bool

	width, height int
	wide          bool
	listW         int
	bodyTop       int
	bodyH         int
	panelH        int // lines of the bottom panel (tag editor, export, question)

	lib     *library.Library
	tags    library.Tags
	notes   map[string]string
	loadErr error

	rev       int64 // store revision tags and notes were read at
	haveRev   bool
	pollEvery time.Duration // 0: no polling
	marks     map[string]bool

	tagEd   tagEditor
	noteEd  noteEditor
	exp     exportPrompt
	askQuit bool // "save changes? (y/n/esc)" before quitting

	query   library.Query // the last query that parsed
	sortIdx int
	gen     int // search generation; results of older searches are dropped
	shown   bool

	filter filterBar
	list   listModel
	reader readerModel
	picker pickerModel
	status statusBar

	focus      pane
	pickerOpen bool
	helpOpen   bool
	helpOffset int
	flashID    int
	flashDur   time.Duration // how long a status message stays; 0: until replaced

	cache *renderCache

	// resizing: the width changed less than settle ago (resizeSeq names
	// the last change); only the brief shown is rendered meanwhile.
	resizing  bool
	resizeSeq int
	settle    time.Duration
}

// New builds the root model; the program starts it with Init.
func New(opt Options) Model {
	m := Model{
		ctx:      context.Background(),
		opt:      opt,
		km:       defaultKeyMap(),
		dark:     true,
		cache:    newRenderCache(),
		flashDur: flashTime,
		settle:   settleTime,
	}
	m.th = newTheme(m.dark, m.noColor)
	m.filter = newFilterBar(m.th)
	m.reader = newReader(m.th)
	m.list = listModel{th: m.th}
	m.picker = pickerModel{th: m.th}
	m.status = statusBar{th: m.th, sort: library.SortKeys[0].String()}
	m.tagEd = newTagEditor(m.th)
	m.noteEd = newNoteEditor(m.th)
	m.exp = newExportPrompt(m.th)
	m.pollEvery = pollEvery
	m.width, m.height = 80, 24
	m.layout()
	return m
}

// Run runs the reader until the user quits or ctx is cancelled.
func Run(ctx context.Context, opt Options, progOpts ...tea.ProgramOption) error {
	m := New(opt)
	m.ctx = ctx
	opts := append([]tea.ProgramOption{tea.WithContext(ctx)}, progOpts...)
	if _, err := tea.NewProgram(m, opts...).Run(); err != nil {
		if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
			return fmt.Errorf("reader stopped: %w", ctx.Err())
		}
		return fmt.Errorf("run the reader: %w", err)
	}
	return nil
}

// Init asks for the background colour and starts loading.
func (m Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.loadCmd(), m.reloadCmd(), m.pollCmd())
}

func (m Model) loadCmd() tea.Cmd {
	load, ctx := m.opt.Load, m.ctx
	return func() tea.Msg {
		if load == nil {
			return loadedMsg{err: errors.New("no loader configured")}
		}
		lib, warns, err := load(ctx)
		return loadedMsg{lib: lib, warns: warns, err: err}
	}
}

// Update routes a message. It never blocks: loading, searching and
// rendering run in commands that come back as messages.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		w, h := max(0, msg.Width), max(0, msg.Height)
		if w != m.width {
			cmds = append(cmds, m.resized())
		}
		m.width, m.height = w, h
	case settledMsg:
		if msg.seq == m.resizeSeq {
			m.resizing = false // syncReader below prefetches the neighbours
		}
	case tea.BackgroundColorMsg:
		if dark := msg.IsDark(); dark != m.dark {
			m.dark = dark
			m.applyTheme()
		}
	case tea.EnvMsg:
		if nc := msg.Getenv("NO_COLOR") != ""; nc != m.noColor {
			m.noColor = nc
			m.applyTheme()
		}
	case loadedMsg:
		cmds = append(cmds, m.loaded(msg))
	case pollMsg:
		cmds = append(cmds, m.revisionCmd())
	case revMsg:
		if msg.err == nil && (!m.haveRev || msg.rev != m.rev) {
			cmds = append(cmds, m.reloadCmd())
		}
		cmds = append(cmds, m.pollCmd())
	case tea.FocusMsg:
		cmds = append(cmds, m.reloadCmd())
	case dataMsg:
		cmds = append(cmds, m.dataLoaded(msg))
	case tagsAppliedMsg:
		cmds = append(cmds, m.tagsApplied(msg))
	case noteSavedMsg:
		cmds = append(cmds, m.noteSaved(msg))
	case quotedMsg:
		if msg.err != nil {
			cmds = append(cmds, m.flash("quote not added: "+msg.err.Error(), true))
			break
		}
		cmds = append(cmds, m.flash("paragraph quoted into the note", false), m.reloadCmd())
	case editorReadyMsg:
		if msg.err != nil {
			cmds = append(cmds, m.flash("note in $EDITOR: "+msg.err.Error(), true))
			break
		}
		cmds = append(cmds, execEditorCmd(msg))
	case editorDoneMsg:
		if msg.err != nil {
			cmds = append(cmds, m.flash(fmt.Sprintf("%v; the note was not saved, your text is in %s", msg.err, msg.path), true))
			break
		}
		cmds = append(cmds, m.finishEditorCmd(msg))
	case editorSavedMsg:
		cmds = append(cmds, m.editorSaved(msg))
	case exportedMsg:
		cmds = append(cmds, m.exported(msg))
	case searchMsg:
		m.searched(msg)
	case renderedMsg:
		m.rendered(msg)
	case clearFlashMsg:
		if msg.id == m.flashID {
			m.status.msg = ""
		}
	case tea.KeyPressMsg:
		cmds = append(cmds, m.handleKey(msg))
	case tea.PasteMsg:
		switch {
		case m.askQuit:
		case m.noteEd.open:
			if !m.noteEd.saving && !m.noteEd.conflict {
				cmds = append(cmds, m.noteEd.update(msg))
			}
		case m.tagEd.open:
			if !m.tagEd.busy {
				cmds = append(cmds, m.tagEd.update(msg))
			}
		case m.exp.open:
			if !m.exp.busy && m.exp.confirm == "" {
				cmds = append(cmds, m.exp.update(msg))
			}
		case m.filter.editing:
			old := m.filter.value()
			cmds = append(cmds, m.filter.update(msg))
			if m.filter.value() != old {
				cmds = append(cmds, m.queryChanged())
			}
		case m.reader.finding:
			cmds = append(cmds, m.reader.updateFind(msg))
		}
	case tea.MouseClickMsg:
		m.handleClick(msg.Mouse())
	case tea.MouseWheelMsg:
		m.handleWheel(msg.Mouse())
	default:
		// cursor blinks and other messages of the text boxes
		switch {
		case m.noteEd.open:
			cmds = append(cmds, m.noteEd.update(msg))
		case m.tagEd.open:
			cmds = append(cmds, m.tagEd.update(msg))
		case m.exp.open:
			cmds = append(cmds, m.exp.update(msg))
		case m.filter.editing:
			cmds = append(cmds, m.filter.update(msg))
		case m.reader.finding:
			cmds = append(cmds, m.reader.updateFind(msg))
		}
	}
	m.layout()
	cmds = append(cmds, m.syncReader())
	return m, tea.Batch(cmds...)
}

func (m *Model) applyTheme() {
	m.th = newTheme(m.dark, m.noColor)
	m.filter.setTheme(m.th)
	m.reader.setTheme(m.th)
	m.list.th = m.th
	m.picker.th = m.th
	m.status.th = m.th
	m.tagEd.setTheme(m.th)
	m.noteEd.setTheme(m.th)
	m.exp.setTheme(m.th)
}

func (m *Model) loaded(msg loadedMsg) tea.Cmd {
	if msg.lib == nil {
		err := msg.err
		if err == nil {
			err = errors.New("the loader returned no library")
		}
		m.loadErr = fmt.Errorf("load briefs: %w", err)
		return nil
	}
	m.lib = msg.lib
	m.list.lib = msg.lib
	m.status.total = msg.lib.Len()
	cmds := []tea.Cmd{m.runSearch()}
	switch {
	case msg.err != nil:
		cmds = append(cmds, m.flash(clean(msg.err.Error()), true))
	case len(msg.warns) > 0:
		text := fmt.Sprintf("%d file(s) not loaded; first: %s", len(msg.warns), msg.warns[0].Error())
		cmds = append(cmds, m.flash(text, true))
	}
	return tea.Batch(cmds...)
}

// runSearch starts a search for the current query in the background.
func (m *Model) runSearch() tea.Cmd {
	if m.lib == nil {
		return nil
	}
	m.gen++
	gen, lib, q, tags := m.gen, m.lib, m.query, m.tags
	by := library.SortKeys[m.sortIdx%len(library.SortKeys)]
	m.status.busy = true
	return func() tea.Msg {
		res, err := lib.Search(q, library.User{Tags: tags}, by)
		return searchMsg{gen: gen, res: res, err: err}
	}
}

// searched installs the result of the latest search.
func (m *Model) searched(msg searchMsg) {
	if msg.gen != m.gen {
		return
	}
	m.status.busy = false
	if msg.err != nil {
		m.filter.err = msg.err.Error()
		return
	}
	m.filter.err = ""
	m.shown = true
	m.list.setItems(msg.res.Items)
	m.picker.setFacets(msg.res.Facets)
	m.status.loaded = true
	m.status.shown = len(msg.res.Items)
	m.status.total = msg.res.Total
	m.status.filters = m.query.String()
}

// queryChanged parses the search box and searches when it parses; a
// malformed query shows its message and leaves the list as it was.
func (m *Model) queryChanged() tea.Cmd {
	q, err := library.Parse(m.filter.value())
	if err != nil {
		m.filter.err = err.Error()
		m.gen++ // a search still running is for an older text
		m.status.busy = false
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
	return m.runSearch()
}

// flash shows a transient message in the status bar.
func (m *Model) flash(text string, isErr bool) tea.Cmd {
	m.flashID++
	id := m.flashID
	m.status.msg, m.status.msgIsErr = text, isErr
	if m.flashDur <= 0 {
		return nil
	}
	return tea.Tick(m.flashDur, func(time.Time) tea.Msg { return clearFlashMsg{id: id} })
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
	if msg.key.note != 0 {
		m.reader.setNoteBody(msg.key, msg.lines, msg.err)
	} else {
		m.reader.setBody(msg.key, msg.lines, msg.err)
	}
}

// syncReader shows the selected brief in the reader and starts the renders
// it needs, plus its neighbours in the background once the window size is
// settled.
func (m *Model) syncReader() tea.Cmd {
	if m.lib == nil {
		return nil
	}
	b := m.list.selected()
	m.reader.setBrief(b)
	if b != nil {
		m.reader.setTags(library.TagsOf(b, m.tags))
		m.reader.setNote(m.notes[b.ID])
	}
	var cmds []tea.Cmd
	if m.reader.needsRender() {
		k := m.reader.wantKey()
		if lines, err, ok := m.cache.get(k); ok {
			m.reader.setBody(k, lines, err)
		} else {
			cmds = append(cmds, m.cache.request(k, m.reader.b))
		}
	}
	if m.reader.needsNoteRender() {
		k := m.reader.wantNoteKey()
		if lines, err, ok := m.cache.get(k); ok {
			m.reader.setNoteBody(k, lines, err)
		} else {
			cmds = append(cmds, m.cache.requestText(k, m.reader.note))
		}
	}
	if m.resizing {
		return tea.Batch(cmds...)
	}
	cw, style := m.reader.contentWidth(), m.th.glamourStyle()
	for _, d := range []int{1, -1, 2} {
		if nb := m.list.briefAt(m.list.cursor + d); nb != nil {
			cmds = append(cmds, m.cache.request(renderKey{id: nb.ID, width: cw, style: style}, nb))
		}
	}
	return tea.Batch(cmds...)
}

// layout gives every component its size.
func (m *Model) layout() {
	w, h := m.width, m.height
	m.filter.setWidth(w)
	m.status.width = w
	m.bodyTop = m.filter.height()
	m.bodyH = max(0, h-m.bodyTop-2)
	m.panelH = 0
	if m.panelOpen() {
		m.panelH = min(panelLines, m.bodyH)
		m.bodyH -= m.panelH
	}
	m.tagEd.setWidth(w)
	m.exp.setWidth(w)
	m.wide = w >= wideWidth
	if m.wide {
		m.listW = max(minWidth, w*2/5)
		right := max(0, w-m.listW-1)
		m.list.setSize(m.listW, m.bodyH)
		m.reader.setSize(right, m.bodyH)
		m.picker.setSize(right, m.bodyH)
		m.noteEd.setSize(right, m.bodyH)
	} else {
		m.listW = w
		m.list.setSize(w, m.bodyH)
		m.reader.setSize(w, m.bodyH)
		m.picker.setSize(w, m.bodyH)
		m.noteEd.setSize(w, m.bodyH)
	}
	m.list.marks, m.list.notes = m.marks, m.notes
	m.list.focused = m.focus == paneList && !m.filter.editing
	m.reader.focused = m.focus == paneReader
	m.picker.focused = m.focus == panePicker
}

func (m Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// panelOpen reports whether a bottom panel (tag editor, export prompt,
// question) takes lines from the body.
func (m Model) panelOpen() bool {
	return m.tagEd.open || m.exp.open || m.askQuit || (m.noteEd.open && m.noteEd.conflict)
}

// mode is what has the keyboard, for the help line.
func (m Model) mode() mode {
	switch {
	case m.askQuit:
		return modeConfirm3
	case m.noteEd.open && m.noteEd.conflict:
		return modeConflict
	case m.noteEd.open:
		return modeNoteEdit
	case m.tagEd.open:
		return modeTagEdit
	case m.exp.open && m.exp.confirm != "":
		return modeConfirm
	case m.exp.open:
		return modeExport
	case m.helpOpen:
		return modeHelp
	case m.filter.editing:
		return modeSearch
	case m.reader.finding:
		return modeFind
	case m.lib == nil:
		return modeLoading
	case m.focus == panePicker:
		return modePicker
	case m.focus == paneReader && m.reader.quoting:
		return modeQuote
	case m.focus == paneReader && m.reader.query != "":
		return modeReaderFind
	case m.focus == paneReader:
		return modeReader
	}
	return modeList
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	km := m.km
	if key.Matches(msg, km.ForceQuit) {
		return m.quit()
	}
	switch {
	case m.askQuit:
		return m.askQuitKey(msg)
	case m.noteEd.open:
		return m.noteKey(msg)
	case m.tagEd.open:
		return m.tagKey(msg)
	case m.exp.open:
		return m.exportKey(msg)
	}
	if m.helpOpen {
		return m.helpKey(msg)
	}
	if m.filter.editing {
		switch {
		case key.Matches(msg, km.Accept):
			m.filter.blur()
			return nil
		case key.Matches(msg, km.Cancel):
			m.filter.blur()
			m.filter.setValue("")
			return m.queryChanged()
		}
		old := m.filter.value()
		cmd := m.filter.update(msg)
		if m.filter.value() != old {
			return tea.Batch(cmd, m.queryChanged())
		}
		return cmd
	}
	if m.reader.finding {
		switch {
		case key.Matches(msg, km.Accept):
			m.reader.closeFind(true)
			return nil
		case key.Matches(msg, km.Cancel):
			m.reader.closeFind(false)
			return nil
		}
		return m.reader.updateFind(msg)
	}

	if m.reader.quoting && m.focus == paneReader {
		return m.quoteKey(msg)
	}
	switch {
	case key.Matches(msg, km.Quit):
		return m.quit()
	case key.Matches(msg, km.Help):
		m.helpOpen, m.helpOffset = true, 0
		return nil
	}
	if m.lib == nil {
		return nil
	}
	switch {
	case key.Matches(msg, km.Back):
		return m.back()
	case key.Matches(msg, km.Focus):
		m.cycleFocus()
		return nil
	case key.Matches(msg, km.Facets):
		switch {
		case !m.pickerOpen:
			m.pickerOpen, m.focus = true, panePicker
		case m.focus == panePicker:
			m.pickerOpen, m.focus = false, paneList
		default:
			m.focus = panePicker
		}
		return nil
	case key.Matches(msg, km.Sort):
		m.sortIdx = (m.sortIdx + 1) % len(library.SortKeys)
		m.status.sort = library.SortKeys[m.sortIdx].String()
		return tea.Batch(m.runSearch(), m.flash("sorted by "+m.status.sort, false))
	case key.Matches(msg, km.Clear):
		if m.query.Empty() && m.filter.value() == "" {
			return m.flash("no filter to clear", false)
		}
		return tea.Batch(m.setQuery(library.Query{}), m.flash("filters cleared", false))
	case key.Matches(msg, km.Tag):
		return m.openTagEditor()
	case key.Matches(msg, km.Note):
		return m.openNoteEditor()
	case key.Matches(msg, km.NoteEditor):
		return m.openExternalEditor()
	case key.Matches(msg, km.Export):
		return m.openExport()
	case key.Matches(msg, km.Mark):
		return m.toggleMark()
	}
	switch m.focus {
	case paneReader:
		return m.readerKey(msg)
	case panePicker:
		return m.pickerKey(msg)
	}
	return m.listKey(msg)
}

func (m *Model) helpKey(msg tea.KeyPressMsg) tea.Cmd {
	km := m.km
	switch {
	case key.Matches(msg, km.Back, km.Help):
		m.helpOpen = false
	case key.Matches(msg, km.Quit):
		return tea.Quit
	case key.Matches(msg, km.Up):
		m.helpOffset = max(0, m.helpOffset-1)
	case key.Matches(msg, km.Down):
		m.helpOffset = min(m.helpOffset+1, max(0, helpLines(m.th, m.km, m.width)-m.bodyH))
	case key.Matches(msg, km.Top):
		m.helpOffset = 0
	}
	return nil
}

// navigate applies the movement keys to a pane: move by a delta (a line or
// a page), or go to the top or the bottom. It reports whether msg was one.
func (m *Model) navigate(msg tea.KeyPressMsg, page int, move func(int), top, bottom func()) bool {
	km := m.km
	switch {
	case key.Matches(msg, km.Up):
		move(-1)
	case key.Matches(msg, km.Down):
		move(1)
	case key.Matches(msg, km.PageUp):
		move(-page)
	case key.Matches(msg, km.PageDown):
		move(page)
	case key.Matches(msg, km.Top):
		top()
	case key.Matches(msg, km.Bottom):
		bottom()
	default:
		return false
	}
	return true
}

func (m *Model) listKey(msg tea.KeyPressMsg) tea.Cmd {
	km := m.km
	if m.navigate(msg, m.list.rows(), m.list.move, func() { m.list.moveTo(0) }, func() { m.list.moveTo(len(m.list.items) - 1) }) {
		return nil
	}
	switch {
	case key.Matches(msg, km.Open):
		if m.list.selected() != nil {
			m.focus = paneReader
			m.pickerOpen = false
		}
	case key.Matches(msg, km.Search):
		return m.filter.focus()
	}
	return nil
}

func (m *Model) readerKey(msg tea.KeyPressMsg) tea.Cmd {
	km := m.km
	if m.navigate(msg, max(1, m.reader.viewHeight()-1), m.reader.scroll, m.reader.top, m.reader.bottom) {
		return nil
	}
	switch {
	case key.Matches(msg, km.Find):
		return m.reader.openFind()
	case key.Matches(msg, km.Quote):
		return m.startQuote()
	case key.Matches(msg, km.NextMatch):
		if !m.reader.nextMatch(1) && m.reader.query != "" {
			return m.flash(fmt.Sprintf("%q not found in this brief", m.reader.query), false)
		}
	case key.Matches(msg, km.PrevMatch):
		if !m.reader.nextMatch(-1) && m.reader.query != "" {
			return m.flash(fmt.Sprintf("%q not found in this brief", m.reader.query), false)
		}
	}
	return nil
}

func (m *Model) pickerKey(msg tea.KeyPressMsg) tea.Cmd {
	km := m.km
	if m.navigate(msg, m.picker.listHeight(), m.picker.move, func() { m.picker.moveTo(0) }, func() { m.picker.moveTo(len(m.picker.rows) - 1) }) {
		return nil
	}
	switch {
	case key.Matches(msg, km.Toggle):
		return m.toggleFacet()
	case key.Matches(msg, km.Search):
		return m.filter.focus()
	}
	return nil
}

// toggleFacet writes the selected facet value's term into the query (or
// takes it out) and searches.
func (m *Model) toggleFacet() tea.Cmd {
	fv, ok := m.picker.selected()
	if !ok || m.lib == nil {
		return nil
	}
	q := m.lib.ToggleFacet(m.query, fv)
	// show the checkbox flip at once; counts follow with the search
	m.picker.rows[m.picker.cursor].fv.Active = !fv.Active
	return m.setQuery(q)
}

// back leaves the innermost mode.
func (m *Model) back() tea.Cmd {
	switch {
	case m.focus == panePicker || (m.pickerOpen && m.focus == paneList && !m.wide):
		m.pickerOpen, m.focus = false, paneList
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
func (m *Model) cycleFocus() {
	switch m.focus {
	case paneList:
		if m.pickerOpen {
			m.focus = panePicker
		} else {
			m.focus = paneReader
		}
	default:
		m.focus = paneList
	}
}

// regionAt says which pane is under a screen position, and the line in it.
func (m *Model) regionAt(x, y int) (pane, int, bool) {
	if m.tooSmall() || m.helpOpen || m.lib == nil || y < m.bodyTop || y >= m.bodyTop+m.bodyH {
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

func (m *Model) handleClick(mo tea.Mouse) {
	if mo.Button != tea.MouseLeft || m.filter.editing || m.reader.finding || m.reader.quoting || m.modal() {
		return
	}
	p, ly, ok := m.regionAt(mo.X, mo.Y)
	if !ok {
		return
	}
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

func (m *Model) handleWheel(mo tea.Mouse) {
	delta := 0
	switch mo.Button {
	case tea.MouseWheelUp:
		delta = -wheelStep
	case tea.MouseWheelDown:
		delta = wheelStep
	default:
		return
	}
	if m.modal() {
		return
	}
	if m.helpOpen {
		m.helpOffset = max(0, min(m.helpOffset+delta, max(0, helpLines(m.th, m.km, m.width)-m.bodyH)))
		return
	}
	p, _, ok := m.regionAt(mo.X, mo.Y)
	if !ok {
		return
	}
	switch p {
	case paneList:
		m.list.scroll(delta)
	case paneReader:
		if m.reader.quoting {
			m.reader.moveQuote(delta / wheelStep)
			return
		}
		m.reader.scroll(delta)
	case panePicker:
		m.picker.scroll(delta)
	}
}

// modal reports whether an editor, prompt or question has the keyboard.
func (m Model) modal() bool { return m.askQuit || m.noteEd.open || m.tagEd.open || m.exp.open }

// View draws the frame. Everything drawn passes through Safe.
func (m Model) View() tea.View {
	v := tea.NewView(Safe(m.render()))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = WindowTitle
	v.ReportFocus = true // regaining the focus re-reads tags and notes
	return v
}

// render builds the frame as a string of exactly height lines.
func (m Model) render() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.tooSmall() {
		return m.tinyNotice()
	}
	var b strings.Builder
	b.WriteString(m.filter.View())
	b.WriteByte('\n')
	if m.bodyH > 0 {
		b.WriteString(m.body())
		b.WriteByte('\n')
	}
	if p := m.panel(); p != "" && m.panelH > 0 {
		lines := strings.Split(p, "\n")
		b.WriteString(strings.Join(lines[:min(len(lines), m.panelH)], "\n"))
		b.WriteByte('\n')
	}
	b.WriteString(m.status.View())
	b.WriteByte('\n')
	b.WriteString(padLines([]string{helpLine(m.th, m.km, m.mode(), m.width)}, m.width, 1))
	return b.String()
}

func (m Model) tinyNotice() string {
	lines := []string{
		m.th.notice.Render(ansi.Truncate("briefs: window too small", m.width, "…")),
		ansi.Truncate(fmt.Sprintf("needs %dx%d, has %dx%d", minWidth, minHeight, m.width, m.height), m.width, "…"),
		ansi.Truncate("q quits", m.width, "…"),
	}
	return padLines(lines, m.width, m.height)
}

func (m Model) body() string {
	w, h := m.width, m.bodyH
	switch {
	case m.helpOpen:
		return fullHelp(m.th, m.km, m.opt.Version, w, h, m.helpOffset)
	case m.loadErr != nil:
		msg := strings.Split(ansi.Wrap(clean(m.loadErr.Error()), max(1, w-2), ""), "\n")
		lines := []string{"", " " + m.th.statusErr.Render("Could not load the briefs.")}
		for _, l := range msg {
			lines = append(lines, " "+l)
		}
		lines = append(lines, "", " q quits.")
		return padLines(lines, w, h)
	case m.lib == nil:
		return padLines([]string{"", " " + m.th.empty.Render("Loading briefs…")}, w, h)
	}
	if !m.wide {
		switch {
		case m.noteEd.open:
			return m.noteEd.View()
		}
		switch m.focus {
		case paneReader:
			return m.reader.View()
		case panePicker:
			return m.picker.View()
		}
		return m.list.View()
	}
	right := m.reader.View()
	switch {
	case m.noteEd.open:
		right = m.noteEd.View()
	case m.pickerOpen:
		right = m.picker.View()
	}
	left := strings.Split(m.list.View(), "\n")
	rl := strings.Split(right, "\n")
	sep := m.th.paneSeparator.Render("│")
	if m.focus != paneList || m.noteEd.open {
		sep = m.th.paneSepFocus.Render("┃")
	}
	var b strings.Builder
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(left) {
			b.WriteString(left[i])
		}
		b.WriteString(sep)
		if i < len(rl) {
			b.WriteString(rl[i])
		}
	}
	return b.String()
}
