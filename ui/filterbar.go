package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// filterBar is the bar on top: it shows the active query and, while the
// search box overlay is open, the box taking the full query language. A
// malformed query shows an inline message under it.
type filterBar struct {
	inputPane // err is the query's error; the bar's height follows it
}

func newFilterBar(th *theme, km *keyMap) filterBar {
	in := newInput(th, "/ ", `edition:3 country:kuwait "border control" -tag:done`, 1000)
	return filterBar{inputPane{th: th, km: km, input: in, inset: 1}}
}

// value is the query text.
func (f *filterBar) value() string { return f.input.Value() }

// setValue replaces the query text (a facet toggle writes its term here).
func (f *filterBar) setValue(s string) {
	f.input.SetValue(s)
	f.input.CursorEnd()
}

// maxErrLines is how many lines the query's message may take.
const maxErrLines = 4

// errLines is the inline message, wrapped to at most maxErrLines lines.
func (f *filterBar) errLines() []string {
	if f.err == "" || f.width <= 0 {
		return nil
	}
	lines := strings.Split(ansi.Wrap("✗ "+clean(f.err), max(1, f.width-2), ""), "\n")
	if len(lines) > maxErrLines {
		lines = lines[:maxErrLines]
		lines[maxErrLines-1] = ansi.Truncate(lines[maxErrLines-1], max(1, f.width-3), "…")
	}
	return lines
}

// height is the number of lines the bar takes.
func (f *filterBar) height() int { return 1 + len(f.errLines()) }

// View renders the bar at its width.
func (f *filterBar) View() string {
	if f.width <= 0 {
		return ""
	}
	var line string
	switch {
	case f.input.Focused():
		line = " " + f.input.View()
	case f.value() != "":
		line = " " + f.th.bar.prompt.Render(f.input.Prompt) + f.th.bar.query.Render(clean(f.value()))
	default:
		k := f.km
		line = " " + f.th.bar.hint.Render(strings.Join([]string{
			does(k.Search, k.Search.Help().Desc), does(k.Facets, k.Facets.Help().Desc), does(k.Help, k.Help.Help().Desc)}, "   "))
	}
	lines := []string{line}
	for _, l := range f.errLines() {
		lines = append(lines, " "+f.th.bar.err.Render(l))
	}
	return padLines(lines, f.width, len(lines))
}

// searchBox is the overlay that takes the keys while a query is typed in
// the filter bar: every change searches, enter keeps the query, esc clears
// it. The filter bar draws the box.
type searchBox struct {
	drawnInPlace
	km *keyMap
}

// openSearch opens the search box.
func (m *Model) openSearch() tea.Cmd {
	m.filter.input.CursorEnd()
	cmd := m.filter.input.Focus()
	m.push(&searchBox{km: m.km})
	return cmd
}

func (s *searchBox) update(m *Model, msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if c, ok := match(msg, s.commands()); ok {
			return c.run(m), true
		}
		return s.edit(m, msg), true
	case tea.PasteMsg:
		return s.edit(m, msg), true
	case tea.MouseClickMsg:
		return nil, true // no clicks while typing
	case tea.MouseWheelMsg:
		return nil, false // the panes scroll
	}
	return m.filter.edit(msg), false // cursor blinks
}

// commands: enter keeps the query (a query with a mistake keeps the box
// open, its message under it), esc clears it.
func (s *searchBox) commands() []command {
	return []command{
		{key: s.km.Accept, run: func(m *Model) tea.Cmd {
			if m.filter.err != "" {
				return nil
			}
			s.close(m)
			return nil
		}},
		{key: s.km.Cancel, run: func(m *Model) tea.Cmd {
			s.close(m)
			m.filter.setValue("")
			return m.queryChanged()
		}},
	}
}

// edit passes a key or a paste to the box and searches when the text
// changed.
func (s *searchBox) edit(m *Model, msg tea.Msg) tea.Cmd {
	old := m.filter.value()
	cmd := m.filter.edit(msg)
	if m.filter.value() != old {
		return tea.Batch(cmd, m.queryChanged())
	}
	return cmd
}

func (s *searchBox) close(m *Model) {
	m.pop(s)
	m.filter.input.Blur()
}

func (s *searchBox) bindings() []key.Binding {
	return []key.Binding{s.km.Accept, s.km.Cancel, s.km.ForceQuit}
}
