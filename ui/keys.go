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

	// tags, notes, quotes, marks, export
	Tag        key.Binding
	Note       key.Binding
	NoteEditor key.Binding
	Quote      key.Binding
	Export     key.Binding
	Mark       key.Binding

	// tag editor
	Complete key.Binding
	Apply    key.Binding
	Dismiss  key.Binding

	// note editor
	SaveNote    key.Binding
	DiscardNote key.Binding

	// a note changed elsewhere while being edited
	Overwrite key.Binding
	KeepBoth  key.Binding

	// paragraph selection (quote)
	QuotePick key.Binding

	// questions
	Yes key.Binding
	No  key.Binding
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

		Tag:        key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "tag")),
		Note:       key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "note")),
		NoteEditor: key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "note in $EDITOR")),
		Quote:      key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "quote")),
		Export:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export")),
		Mark:       key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark")),

		Complete: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete")),
		Apply:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Dismiss:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),

		SaveNote:    key.NewBinding(key.WithKeys("esc", "ctrl+s"), key.WithHelp("esc/ctrl+s", "save and close")),
		DiscardNote: key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "discard changes")),

		Overwrite: key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "overwrite theirs")),
		KeepBoth:  key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n", "keep both")),

		QuotePick: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "add to note")),

		Yes: key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
		No:  key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n", "no")),
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
	modeTagEdit    // the tag editor is open
	modeNoteEdit   // the inline note editor is open
	modeQuote      // choosing a paragraph to quote
	modeExport     // typing the export path
	modeConfirm    // a yes/no question (overwrite)
	modeConfirm3   // a yes/no/esc question (save before quitting)
	modeConflict   // the note changed elsewhere: overwrite, keep both, or back
)

// short is the one-line help for a mode.
func (k keyMap) short(m mode) []key.Binding {
	switch m {
	case modeList:
		return []key.Binding{k.Search, k.Facets, k.Tag, k.Note, k.Mark, k.Export, k.Help, k.Quit}
	case modeReader:
		return []key.Binding{k.Find, k.Tag, k.Note, k.Quote, k.Back, k.Help, k.Quit}
	case modeTagEdit:
		return []key.Binding{k.Complete, k.Apply, k.Dismiss}
	case modeNoteEdit:
		return []key.Binding{k.SaveNote, k.DiscardNote, k.ForceQuit}
	case modeQuote:
		return []key.Binding{k.Up, k.Down, k.QuotePick, k.Back}
	case modeExport:
		return []key.Binding{k.Apply, k.Dismiss}
	case modeConfirm:
		return []key.Binding{k.Yes, k.No}
	case modeConfirm3:
		return []key.Binding{k.Yes, k.No, k.Back}
	case modeConflict:
		return []key.Binding{k.Overwrite, k.KeepBoth, k.Back}
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
		{"Tags, notes, export", []key.Binding{k.Tag, k.Mark, k.Note, k.NoteEditor, k.Quote, k.Export}},
		{"Search box", []key.Binding{k.Accept, k.Cancel}},
		{"Tag editor, export", []key.Binding{k.Complete, k.Apply, k.Dismiss}},
		{"Note editor", []key.Binding{k.SaveNote, k.DiscardNote, k.Overwrite, k.KeepBoth}},
		{"Quote (reader, v)", []key.Binding{k.QuotePick, k.Back}},
		{"General", []key.Binding{k.Focus, k.Back, k.Help, k.Quit, k.ForceQuit}},
	}
}
