package ui

import "charm.land/bubbles/v2/key"

// keyMap is the one keymap of the program. The short help line and the full
// `?` help are generated from it; components match keys against it and
// against nothing else.
type keyMap struct {
	// moving
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Open     key.Binding

	// filtering
	Search key.Binding
	Facets key.Binding
	Toggle key.Binding
	Clear  key.Binding
	Sort   key.Binding

	// reader
	Find      key.Binding
	NextMatch key.Binding
	PrevMatch key.Binding

	// text input (search box, find in brief)
	Accept key.Binding
	Cancel key.Binding

	// general
	Focus     key.Binding
	Back      key.Binding
	Help      key.Binding
	Quit      key.Binding
	ForceQuit key.Binding

	// reserved for the store issue: tags, notes, export, marks
	Tag        key.Binding
	Note       key.Binding
	NoteEditor key.Binding
	Export     key.Binding
	Mark       key.Binding
}

func defaultKeyMap() keyMap {
	return keyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d", "ctrl+f"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),

		Search: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Facets: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filters")),
		Toggle: key.NewBinding(key.WithKeys("space", "enter"), key.WithHelp("space", "toggle")),
		Clear:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "clear filters")),
		Sort:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),

		Find:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "find in brief")),
		NextMatch: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch: key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),

		Accept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear")),

		Focus:     key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "switch pane")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),

		Tag:        key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "tag (soon)")),
		Note:       key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit note (soon)")),
		NoteEditor: key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "note in $EDITOR (soon)")),
		Export:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export (soon)")),
		Mark:       key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark (soon)")),
	}
}

// mode is what has the keyboard; it selects the help shown.
type mode int

const (
	modeList mode = iota
	modeReader
	modePicker
	modeSearch     // typing in the search box
	modeFind       // typing in the reader's find box
	modeHelp       // the full help is open
	modeLoading    // nothing loaded yet
	modeReaderFind // reader with a kept find query (n/N active)
)

// short is the one-line help for a mode.
func (k keyMap) short(m mode) []key.Binding {
	switch m {
	case modeList:
		return []key.Binding{k.Search, k.Facets, k.Open, k.Sort, k.Help, k.Quit, k.Focus}
	case modeReader:
		return []key.Binding{k.Find, k.PageDown, k.Back, k.Help, k.Quit, k.Focus}
	case modeReaderFind:
		return []key.Binding{k.NextMatch, k.PrevMatch, k.Find, k.Back, k.Help, k.Quit}
	case modePicker:
		return []key.Binding{k.Toggle, k.Clear, k.Back, k.Help, k.Quit, k.Search, k.Focus}
	case modeSearch, modeFind:
		return []key.Binding{k.Accept, k.Cancel, k.ForceQuit}
	case modeHelp:
		return []key.Binding{k.Up, k.Down, k.Back, k.Quit}
	}
	return []key.Binding{k.Help, k.Quit}
}

// helpGroup is one titled column of the full help.
type helpGroup struct {
	Title    string
	Bindings []key.Binding
}

// full is the `?` help: every binding, grouped.
func (k keyMap) full() []helpGroup {
	return []helpGroup{
		{"Move", []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Open}},
		{"Filter", []key.Binding{k.Search, k.Facets, k.Toggle, k.Clear, k.Sort}},
		{"Reader", []key.Binding{k.Find, k.NextMatch, k.PrevMatch}},
		{"Search box", []key.Binding{k.Accept, k.Cancel}},
		{"General", []key.Binding{k.Focus, k.Back, k.Help, k.Quit, k.ForceQuit}},
		{"Coming next", []key.Binding{k.Tag, k.Note, k.NoteEditor, k.Export, k.Mark}},
	}
}
