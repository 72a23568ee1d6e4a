package ui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// filterBar is the search box on top: it shows the active query and, while
// editing, takes the full query language. A malformed query shows an inline
// message under it.
type filterBar struct {
	input   textinput.Model
	editing bool
	err     string
	width   int
	th      *theme
}

func newFilterBar(th *theme) filterBar {
	in := newInput(th, "/ ", `edition:3 country:kuwait "border control" -tag:done`, 1000)
	return filterBar{input: in, th: th}
}

func (f *filterBar) setTheme(th *theme) {
	f.th = th
	f.input.SetStyles(th.input)
}

func (f *filterBar) setWidth(w int) {
	f.width = max(0, w)
	f.input.SetWidth(max(1, w-len(f.input.Prompt)-1))
}

// value is the query text.
func (f *filterBar) value() string { return f.input.Value() }

// setValue replaces the query text (a facet toggle writes its term here).
func (f *filterBar) setValue(s string) {
	f.input.SetValue(s)
	f.input.CursorEnd()
}

func (f *filterBar) focus() tea.Cmd {
	f.editing = true
	f.input.CursorEnd()
	return f.input.Focus()
}

func (f *filterBar) blur() {
	f.editing = false
	f.input.Blur()
}

// update passes a message to the text box.
func (f *filterBar) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return cmd
}

// errLines is the inline message, wrapped to at most two lines.
func (f *filterBar) errLines() []string {
	if f.err == "" || f.width <= 0 {
		return nil
	}
	lines := strings.Split(ansi.Wrap("✗ "+clean(f.err), max(1, f.width-1), ""), "\n")
	if len(lines) > 2 {
		lines = lines[:2]
		lines[1] = ansi.Truncate(lines[1], max(1, f.width-2), "…")
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
	case f.editing:
		line = " " + f.input.View()
	case f.value() != "":
		line = " " + f.th.barPrompt.Render("/ ") + f.th.barQuery.Render(clean(f.value()))
	default:
		line = " " + f.th.barHint.Render("/ search   f filters   ? help")
	}
	lines := []string{line}
	for _, l := range f.errLines() {
		lines = append(lines, " "+f.th.barError.Render(l))
	}
	return padLines(lines, f.width, len(lines))
}
