package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// keyMap is the one keymap of the program. The short help line, the full
// `?` help and every hint that names a key are generated from it;
// components match keys against it and against nothing else.
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
	// the facet picker: enter applies the value and closes, / filters the values
	ApplyValue   key.Binding
	FilterValues key.Binding
	ClearFilter  key.Binding
	Arrows       key.Binding // moving while typing: the arrows and the page keys only
	Clear        key.Binding
	Sort         key.Binding

	// reader
	Find      key.Binding
	NextMatch key.Binding
	PrevMatch key.Binding

	// text input (search box, find in brief)
	Accept key.Binding
	Cancel key.Binding

	// general
	Focus     key.Binding
	Left      key.Binding // the focus to the list
	Right     key.Binding // the focus to the reader (or the picker)
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
	Correct    key.Binding // the metadata form
	Read       key.Binding
	Orphans    key.Binding // the orphaned notes

	// orphaned notes
	AttachOrphan key.Binding
	DeleteOrphan key.Binding

	// tag editor
	Complete     key.Binding
	CompleteBack key.Binding
	Apply        key.Binding
	Dismiss      key.Binding

	// note editor
	SaveNote    key.Binding
	DiscardNote key.Binding

	// a note changed elsewhere while being edited
	Overwrite key.Binding
	KeepBoth  key.Binding

	// paragraph selection (quote)
	QuotePick key.Binding

	// forms (the metadata form)
	NextField  key.Binding
	PrevField  key.Binding
	ResetField key.Binding

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
		Bottom:   key.NewBinding(key.WithKeys("G", "end", "shift+g"), key.WithHelp("G/end", "bottom")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),

		Search:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Facets:       key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filters")),
		Toggle:       key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "toggle")),
		ApplyValue:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply and close")),
		FilterValues: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter values")),
		ClearFilter:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear the filter")),
		Arrows:       key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown"), key.WithHelp("↑/↓", "move")),
		Clear:        key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "clear filters")),
		Sort:         key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),

		Find:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "find in brief")),
		NextMatch: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch: key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),

		Accept: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear")),

		Focus:     key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "switch pane")),
		Left:      key.NewBinding(key.WithKeys("h", "left"), key.WithHelp("h/←", "to the list")),
		Right:     key.NewBinding(key.WithKeys("l", "right"), key.WithHelp("l/→", "to the reader")),
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
		Correct:    key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "correct metadata")),
		Read:       key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "read/unread")),
		Orphans:    key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "orphaned notes")),

		AttachOrphan: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "attach to the selected brief")),
		DeleteOrphan: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),

		Complete:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete")),
		CompleteBack: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		Apply:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Dismiss:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),

		SaveNote:    key.NewBinding(key.WithKeys("esc", "ctrl+s"), key.WithHelp("esc/ctrl+s", "save and close")),
		DiscardNote: key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", "discard changes")),

		Overwrite: key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "overwrite theirs")),
		KeepBoth:  key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n", "keep both")),

		QuotePick: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "add to note")),

		NextField:  key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", "next field")),
		PrevField:  key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", "previous field")),
		ResetField: key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "extracted value")),

		Yes: key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
		No:  key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n", "no")),
	}
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
		{"Filter", []key.Binding{k.Search, k.Facets, k.Clear, k.Sort}},
		{"Facet picker (" + hintKey(k.Facets) + ")", []key.Binding{k.Toggle, k.ApplyValue, k.FilterValues}},
		{"Reader", []key.Binding{k.Find, k.NextMatch, k.PrevMatch}},
		{"Tags, notes, export", []key.Binding{k.Tag, k.Mark, k.Read, k.Note, k.NoteEditor, k.Quote, k.Export, k.Correct, k.Orphans}},
		{"Search box", []key.Binding{k.Accept, k.Cancel}},
		{"Tag editor, export", []key.Binding{k.Complete, k.CompleteBack, k.Apply, k.Dismiss}},
		{"Note editor", []key.Binding{k.SaveNote, k.DiscardNote, k.Overwrite, k.KeepBoth}},
		{"Metadata form (" + hintKey(k.Correct) + ")", []key.Binding{k.NextField, k.PrevField, k.ResetField, k.Apply, k.Dismiss}},
		{"Quote (reader, " + hintKey(k.Quote) + ")", []key.Binding{k.QuotePick, k.Back}},
		{"Orphaned notes (" + hintKey(k.Orphans) + ")", []key.Binding{k.AttachOrphan, k.DeleteOrphan, k.Back}},
		{"General", []key.Binding{k.Focus, k.Left, k.Right, k.Back, k.Help, k.Quit, k.ForceQuit}},
	}
}

// hintKey is how a hint names a binding: by its first key ("esc").
func hintKey(b key.Binding) string {
	if ks := b.Keys(); len(ks) > 0 {
		return ks[0]
	}
	return b.Help().Key
}

// anyKey names every key of a binding: "esc or ctrl+s".
func anyKey(b key.Binding) string { return strings.Join(b.Keys(), " or ") }

// does is a hint for one binding: "enter applies".
func does(b key.Binding, what string) string { return hintKey(b) + " " + what }

// hints joins hints: "enter applies · esc cancels".
func hints(parts ...string) string { return strings.Join(parts, " · ") }

// choices names the keys that answer a question: "(y/n/esc)".
func choices(bs ...key.Binding) string {
	ks := make([]string, len(bs))
	for i, b := range bs {
		ks[i] = hintKey(b)
	}
	return "(" + strings.Join(ks, "/") + ")"
}
