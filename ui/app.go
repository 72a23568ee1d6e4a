// Package ui is the terminal reader: a Bubble Tea v2 program with a brief
// list, a reader pane rendered with Glamour, a filter bar taking the query
// language, a facet picker, a status bar and generated help.
//
// The root model (Model) owns the layout and the collection; the panes are
// components behind one interface (pane, and scroller for those that
// scroll), one per file; everything modal is an overlay on a stack
// (overlay.go), which alone decides who has the keyboard. docs/
// architecture.md says how to add a view, an overlay or a key.
package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/team"
)

// Options wire the reader to the rest of the program.
type Options struct {
	// Stream loads the collection in steps (package index: the first
	// screen at once, then all of it, then its changes while the folders
	// are watched), calling send with each step; it is called from a
	// tea.Cmd at start and runs until ctx ends or it returns. send never
	// blocks.
	Stream func(ctx context.Context, send func(library.Update)) error
	// Load loads the collection at once (when Stream is nil).
	Load func(ctx context.Context) (*library.Library, []library.Warning, error)
	// Store holds the user's tags and notes; nil when the database is
	// unavailable. The reader reads and writes it only from commands, and
	// polls it for changes made by other processes. The caller closes it.
	Store Store
	// StoreErr says why Store is nil; it is shown when a key needs the
	// store (tags, notes, quotes).
	StoreErr error
	// Version is shown in the help.
	Version string
	// Folders are the files and folders the collection is read from (the
	// PATH arguments, or the configured folders); the help names them and
	// an empty collection says where it looked.
	Folders []string
	// FirstRun is set when no folder is configured nor given: the reader
	// says how to add one (in the status bar at start, and in the help).
	FirstRun bool
	// ConfigPath is the configuration file listing the folders.
	ConfigPath string
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

// paneID names the panes that can have the focus when no overlay has the
// keyboard.
type paneID int

const (
	paneList paneID = iota
	paneReader
	panePicker
)

// Model is the root model: it owns the layout, the collection and the
// user's data, and routes messages to the panes and the overlay stack.
type Model struct {
	ctx context.Context
	opt Options
	km  *keyMap
	th  *theme

	dark    bool
	noColor bool

	width, height int
	wide          bool
	listW         int
	bodyTop       int
	bodyH         int
	panelH        int // lines of the bottom panel (an overlay's)

	lib     *library.Library // base with the user's corrections applied (the list shows it once searched)
	base    *library.Library // the latest collection as loaded
	tags    library.Tags
	notes   map[string]string
	corr    library.Corrections    // the user's corrections of metadata
	read    map[string]bool        // IDs of the briefs read; nil until the store is read (read.go)
	opened  string                 // the brief the reader has open (focused), "" for none
	reading string                 // the brief marked read by opening it: is:unread keeps it
	others  map[string][]team.Note // the other people's notes (a team store)
	people  map[string][]string    // who annotated each brief (by:)
	loadErr error

	live    <-chan team.Status // a live store's news (nil: poll)
	offline error              // why the live store is unreachable

	mb     *mailbox          // the loader's updates
	spin   spinner.Model     // the progress while loading
	queued []tea.KeyPressMsg // keys typed before the first rows
	warned bool              // files not loaded were reported
	// orphansAsked: the orphans were counted once the collection loaded
	orphansAsked bool

	rev       int64 // store revision tags and notes were read at
	haveRev   bool
	pollEvery time.Duration // 0: no polling
	marks     map[string]bool

	query   library.Query // the last query that parsed
	sortIdx int
	gen     int // search generation; results of older searches are dropped

	filter filterBar
	list   listModel
	reader readerModel
	picker pickerModel
	status statusBar
	stack  []overlay // the top has the keyboard

	focus      paneID
	pickerOpen bool
	flashID    int
	flashDur   time.Duration // how long a status message stays; 0: until replaced

	cache      *renderCache
	textWanted string // the brief whose body is being read

	// resizing: the width changed less than settle ago (resizeSeq names
	// the last change); only the brief shown is rendered meanwhile.
	resizing  bool
	resizeSeq int
	settle    time.Duration
}

// New builds the root model; the program starts it with Init.
func New(opt Options) Model {
	if isNil(opt.Store) {
		opt.Store = nil
	}
	km := defaultKeyMap()
	m := Model{
		ctx:       context.Background(),
		opt:       opt,
		km:        &km,
		dark:      true,
		cache:     newRenderCache(),
		mb:        newMailbox(),
		spin:      spinner.New(spinner.WithSpinner(spinner.Dot)),
		flashDur:  flashTime,
		settle:    settleTime,
		pollEvery: pollEvery,
	}
	m.th = newTheme(m.dark, m.noColor)
	m.filter = newFilterBar(m.th, m.km)
	m.reader = newReader(m.th, m.km)
	m.list = newList(m.th, m.km)
	m.picker = newPicker(m.th, m.km)
	m.status = statusBar{th: m.th, sort: library.SortKeys[0].String(), unread: -1}
	m.width, m.height = 80, 24
	m.layout()
	return m
}

// Run runs the reader until the user quits or ctx is cancelled.
func Run(ctx context.Context, opt Options, progOpts ...tea.ProgramOption) error {
	ctx, cancel := context.WithCancel(ctx) // the loader stops with the reader
	defer cancel()
	m := New(opt)
	m.ctx = ctx
	m.startLive()
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
	return tea.Batch(tea.RequestBackgroundColor, m.loadCmd(), m.reloadCmd(), m.pollCmd(), m.waitLive())
}

// Update routes a message. It never blocks: loading, searching, rendering
// and every store or file access run in commands that come back as
// messages.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.route(msg)
	m.layout()
	sync := m.syncReader()
	return m, tea.Batch(cmd, sync)
}

// route sends a message where it belongs: input to the top overlay, or to
// the panes when no overlay takes it; the root's own messages (size,
// theme, loading, searching, rendering, the store) to the root; anything
// else to the overlays, top down (their results, cursor blinks).
func (m *Model) route(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.PasteMsg:
		if o := m.top(); o != nil {
			cmd, _ := o.update(m, msg)
			return cmd
		}
		return nil
	case tea.MouseClickMsg, tea.MouseWheelMsg:
		if o := m.top(); o != nil {
			if cmd, used := o.update(m, msg); used {
				return cmd
			}
		}
		m.mouse(msg)
		return nil
	}
	if cmd, ok := m.updateRoot(msg); ok {
		return cmd
	}
	if cmd, ok := m.offer(msg); ok {
		return cmd
	}
	cmd, _ := m.updateData(msg)
	return cmd
}

// updateRoot handles the root's own messages; it reports whether msg was
// one.
func (m *Model) updateRoot(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		var cmd tea.Cmd
		if w := max(0, msg.Width); w != m.width {
			cmd = m.resized()
		}
		m.width, m.height = max(0, msg.Width), max(0, msg.Height)
		return cmd, true
	case settledMsg:
		if msg.seq == m.resizeSeq {
			m.resizing = false // syncReader prefetches the neighbours
		}
		return nil, true
	case tea.BackgroundColorMsg:
		m.setTheme(msg.IsDark(), m.noColor)
		return nil, true
	case tea.EnvMsg:
		m.setTheme(m.dark, msg.Getenv("NO_COLOR") != "")
		return nil, true
	case streamMsg:
		return m.streamed(msg.u), true
	case streamEndMsg:
		return m.streamEnded(msg.err), true
	case spinner.TickMsg:
		return m.spun(msg), true
	case searchMsg:
		return m.searched(msg), true
	case renderedMsg:
		m.rendered(msg)
		return nil, true
	case bodyMsg:
		if msg.id == m.textWanted {
			m.textWanted = ""
		}
		m.reader.setText(msg.id, msg.text, msg.err)
		return nil, true
	case clearFlashMsg:
		if msg.id == m.flashID {
			m.status.msg = ""
		}
		return nil, true
	}
	return nil, false
}

// setTheme gives every pane and overlay the theme for the background and
// NO_COLOR.
func (m *Model) setTheme(dark, noColor bool) {
	if dark == m.dark && noColor == m.noColor {
		return
	}
	m.dark, m.noColor = dark, noColor
	m.th = newTheme(dark, noColor)
	for _, p := range m.panes() {
		p.setTheme(m.th)
	}
	for _, o := range m.stack {
		o.setTheme(m.th)
	}
}

// panes are the root's panes.
func (m *Model) panes() []pane {
	return []pane{&m.filter, &m.list, &m.reader, &m.picker, &m.status}
}

// layout gives every pane and overlay its size.
func (m *Model) layout() {
	w, h := m.width, m.height
	m.filter.setSize(w, 1)
	m.status.setSize(w, 1)
	m.bodyTop = m.filter.height()
	m.bodyH = max(0, h-m.bodyTop-m.status.height()-1)
	m.panelH = 0
	if p := m.placed(atPanel); p != nil {
		m.panelH = min(p.lines(), m.bodyH)
		m.bodyH -= m.panelH
	}
	m.wide = w >= wideWidth
	right := w
	m.listW = w
	if m.wide {
		m.listW = max(minWidth, w*2/5)
		right = max(0, w-m.listW-1)
	}
	m.list.setSize(m.listW, m.bodyH)
	m.reader.setSize(right, m.bodyH)
	m.picker.setSize(right, m.bodyH)
	for _, o := range m.stack {
		switch o.place() {
		case atPanel:
			o.setSize(w, m.panelH)
		case atPane:
			o.setSize(right, m.bodyH)
		case atBody:
			o.setSize(w, m.bodyH)
		}
	}
	_, searching := m.top().(*searchBox)
	m.list.marks, m.list.notes, m.list.read = m.marks, m.notes, m.read
	m.list.query = m.query.String()
	m.status.marked = len(m.marks)
	m.list.focused = m.focus == paneList && !searching
	m.reader.focused = m.focus == paneReader
	m.picker.focused = m.focus == panePicker
}

func (m Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }
