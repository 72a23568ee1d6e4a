package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
	"github.com/charmbracelet/x/ansi"
)

// rowHeight is the number of lines one brief takes in the list.
const rowHeight = 2

// listModel is the brief list, a pane and a scroller. It renders only the
// rows on screen, so a frame costs the same for ten briefs or a hundred
// thousand.
type listModel struct {
	km  *keyMap
	lib *library.Library
	// acronyms maps series keys to the catalogue's acronyms, for the
	// rows' series labels (set with the first collection).
	acronyms map[string]string
	tags     library.Tags
	notes    map[string]string // brief ID -> note, for the note sign
	marks    map[string]bool   // marked brief IDs
	read     map[string]bool   // read brief IDs; nil when the read state is unknown
	items    []int32           // brief indexes, in display order
	cursor   int               // index into items
	offset   int               // first item on screen
	width    int
	height   int
	focused  bool
	th       *theme
	// atEnd is -1 or 1 when g or G was pressed while a search was running:
	// its result is shown from the top or the bottom too (s then g).
	atEnd int
	// invalid is set while the query typed has a mistake: the list shows
	// no results rather than those of another query (it keeps its items
	// and cursor for when the query reads right again).
	invalid bool
	// query is the active query ("" when none), for the empty state.
	query string
	// whyEmpty says why the collection is empty (what was read, what
	// failed), for the empty state.
	whyEmpty []string
}

func newList(th *theme, km *keyMap) listModel { return listModel{th: th, km: km} }

func (l *listModel) setSize(w, h int) {
	l.width, l.height = max(0, w), max(0, h)
	l.clamp()
}

func (l *listModel) setTheme(th *theme) { l.th = th }

// rows is the number of briefs that fit on screen.
func (l *listModel) rows() int { return max(1, l.height/rowHeight) }

func (l *listModel) page() int { return l.rows() }
func (l *listModel) top()      { l.moveTo(0) }
func (l *listModel) bottom()   { l.moveTo(len(l.items) - 1) }

// commands are the list's own keys (the movement keys come first).
func (l *listModel) commands() []command {
	return []command{
		{key: l.km.Open, run: func(m *Model) tea.Cmd {
			if l.selected() != nil {
				m.focus, m.pickerOpen = paneReader, false
			}
			return nil
		}},
		{key: l.km.Search, run: (*Model).openSearch},
		{key: l.km.Quote, run: func(m *Model) tea.Cmd {
			// quote mode in the reader, on the selected brief
			if l.selected() == nil {
				return nil
			}
			m.focus, m.pickerOpen = paneReader, false
			return m.startQuote()
		}},
	}
}

// bindings are the list's keys for the help line.
func (l *listModel) bindings() []key.Binding {
	k := l.km
	return []key.Binding{k.Search, k.Facets, k.Tag, k.Note, k.Mark, k.Export, k.Help, k.Quit}
}

// setItems replaces the shown briefs, keeping the cursor on the same brief
// when it is still shown.
func (l *listModel) setItems(items []int32) {
	var keep int32 = -1
	if l.cursor >= 0 && l.cursor < len(l.items) {
		keep = l.items[l.cursor]
	}
	l.items = items
	l.cursor = 0
	if keep >= 0 {
		for i, it := range items {
			if it == keep {
				l.cursor = i
				break
			}
		}
	}
	l.clamp()
	// keep the selection where it was on screen when possible
	if l.cursor < l.offset || l.cursor >= l.offset+l.rows() {
		l.offset = max(0, l.cursor-l.rows()/3)
	}
	l.clamp()
	switch l.atEnd {
	case -1:
		l.top()
	case 1:
		l.bottom()
	}
	l.atEnd = 0
}

// setLibrary moves the list to another collection (a newer one: more
// briefs, or changed) with its items, keeping the selected brief: by ID,
// else by path (an edited brief has another ID), else the same position.
func (l *listModel) setLibrary(lib *library.Library, items []int32) {
	sel := l.selected()
	pos := l.cursor - l.offset // the selection's row on screen
	l.lib, l.items = lib, items
	if l.acronyms == nil {
		l.acronyms = seriesAcronyms(lib)
	}
	if sel == nil {
		l.clamp()
		return
	}
	want := int32(-1)
	if b, err := lib.Find(sel.ID); err == nil && b.ID == sel.ID {
		want, _ = lib.IndexOf(b.ID)
	} else if b, err := lib.Find(sel.Path); err == nil {
		want, _ = lib.IndexOf(b.ID)
	}
	if want >= 0 {
		for i, it := range items {
			if it == want {
				l.cursor = i
				break
			}
		}
	}
	l.clamp()
	l.offset = max(0, l.cursor-pos)
	l.clamp()
	switch l.atEnd {
	case -1:
		l.top()
	case 1:
		l.bottom()
	}
	l.atEnd = 0
}

// selected returns the brief under the cursor, or nil.
func (l *listModel) selected() *brief.Brief {
	if l.lib == nil || l.invalid || l.cursor < 0 || l.cursor >= len(l.items) {
		return nil
	}
	return l.lib.Brief(l.items[l.cursor])
}

// briefAt returns the brief at position i of the list, or nil.
func (l *listModel) briefAt(i int) *brief.Brief {
	if l.lib == nil || i < 0 || i >= len(l.items) {
		return nil
	}
	return l.lib.Brief(l.items[i])
}

func (l *listModel) move(delta int) { l.moveTo(l.cursor + delta) }

func (l *listModel) moveTo(i int) {
	l.atEnd = 0
	l.cursor = i
	l.clamp()
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if r := l.rows(); l.cursor >= l.offset+r {
		l.offset = l.cursor - r + 1
	}
	l.clamp()
}

// scroll moves the view (not the cursor, unless it would leave the screen:
// then it stays on the first or last row shown).
func (l *listModel) scroll(delta int) {
	l.offset = max(0, min(l.offset+delta, len(l.items)-l.rows()))
	if l.cursor < l.offset {
		l.cursor = l.offset
	}
	if r := l.rows(); l.cursor >= l.offset+r {
		l.cursor = l.offset + r - 1
	}
	l.clamp()
}

func (l *listModel) clamp() {
	n := len(l.items)
	l.cursor = max(0, min(l.cursor, n-1))
	l.offset = max(0, min(l.offset, n-l.rows()))
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
}

// itemAt maps a line of the list (0 = its first line) to an item index.
func (l *listModel) itemAt(y int) (int, bool) {
	if y < 0 || y >= l.rows()*rowHeight {
		return 0, false
	}
	i := l.offset + y/rowHeight
	return i, i < len(l.items)
}

// View renders exactly height lines of width cells.
func (l *listModel) View() string {
	if l.width <= 0 || l.height <= 0 {
		return ""
	}
	lines := make([]string, 0, l.height)
	if len(l.items) == 0 || l.invalid {
		lines = append(lines, "")
		for _, msg := range l.emptyState() {
			for _, w := range strings.Split(ansi.Wrap(msg, max(1, l.width-2), " /"), "\n") {
				lines = append(lines, l.th.list.empty.Render(fit(" "+w, l.width)))
			}
		}
	} else {
		end := min(len(l.items), l.offset+l.rows())
		for i := l.offset; i < end; i++ {
			t, m := l.row(l.lib.Brief(l.items[i]), i == l.cursor)
			lines = append(lines, t, m)
		}
	}
	return padLines(lines, l.width, l.height)
}

// emptyState is what the list says when it shows no brief: why, and
// what to do.
func (l *listModel) emptyState() []string {
	switch {
	case l.lib == nil:
		return []string{"Loading…"}
	case l.invalid:
		return []string{"No results: the query has a mistake (named above).",
			"Finish it, or " + does(l.km.Cancel, "clears it.")}
	case l.lib.Len() == 0:
		return append([]string{"No briefs loaded."}, l.whyEmpty...)
	case l.query != "":
		return []string{"No brief matches " + clean(l.query) + ".",
			does(l.km.Search, "changes the search;") + " " + does(l.km.Clear, "clears the filters.")}
	}
	return []string{"No brief to show."}
}
