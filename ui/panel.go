package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// panelLines is the height of the bottom panel the tag editor, the export
// prompt and the questions use (a rule with a title, then three lines).
const panelLines = 4

// panel draws a bottom panel: a titled rule and up to three lines.
func panel(th *theme, width int, title string, lines ...string) string {
	if width <= 0 {
		return ""
	}
	t := ansi.Truncate(clean(title), max(0, width-4), "…")
	rule := th.panel.rule.Render("─ ") + th.panel.title.Render(t) + " "
	if n := width - 3 - ansi.StringWidth(t); n > 0 {
		rule += th.panel.rule.Render(strings.Repeat("─", n))
	}
	out := []string{rule}
	for _, l := range lines {
		out = append(out, " "+l)
	}
	return padLines(out, width, panelLines)
}

// newInput returns a one-line text input styled by th.
func newInput(th *theme, prompt, placeholder string, charLimit int) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.CharLimit = charLimit
	in.SetStyles(th.input)
	return in
}

// onPanel is embedded by the overlays drawn as a bottom panel.
type onPanel struct{}

func (onPanel) place() placement { return atPanel }
func (onPanel) lines() int       { return panelLines }

// panelBase is the part a question shares with other panels: its theme
// and width.
type panelBase struct {
	onPanel
	th    *theme
	km    *keyMap
	width int
}

func (p *panelBase) setTheme(th *theme) { p.th = th }
func (p *panelBase) setSize(w, _ int)   { p.width = max(0, w) }

// fitLine cuts a line of a panel to its width.
func fitLine(s string, width int) string { return ansi.Truncate(s, max(1, width-2), "…") }

// inputPane is the part of a pane that edits one line of text (the
// filter bar, the tag editor, the export prompt): the theme, the width,
// the box, and a message about the text.
type inputPane struct {
	th       *theme
	km       *keyMap
	width    int
	input    textinput.Model
	inset    int    // cells of the width the box leaves besides its prompt
	err      string // cleared when the text changes
	onChange func() // called when the text changes (may be nil)
}

func (p *inputPane) setTheme(th *theme) {
	p.th = th
	p.input.SetStyles(th.input)
}

func (p *inputPane) setSize(w, _ int) {
	p.width = max(0, w)
	p.input.SetWidth(max(1, w-len(p.input.Prompt)-p.inset))
}

// edit passes a message to the box.
func (p *inputPane) edit(msg tea.Msg) tea.Cmd {
	old := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != old {
		p.err = ""
		if p.onChange != nil {
			p.onChange()
		}
	}
	return cmd
}

// promptPanel is a bottom panel that edits a line and submits it (the tag
// editor, the export prompt): enter submits, esc closes; while what it
// submitted runs (busy) it takes no keys.
type promptPanel struct {
	inputPane
	onPanel
	busy bool
}

// route handles a message for the prompt self: keys, pastes and blinks;
// submit runs on enter.
func (p *promptPanel) route(m *Model, self overlay, msg tea.Msg, submit func(*Model) tea.Cmd) (tea.Cmd, bool) {
	return routeInput(msg, p.busy, func(k tea.KeyPressMsg) tea.Cmd {
		switch {
		case p.busy:
			return nil
		case key.Matches(k, p.km.Dismiss):
			m.pop(self)
			return nil
		case key.Matches(k, p.km.Apply):
			return submit(m)
		}
		return p.edit(k)
	}, p.edit)
}

// status is a prompt's last line: what it is doing while busy, its error,
// or the hint.
func (p *promptPanel) status(doing, hint string) string {
	switch {
	case p.busy:
		return p.th.bar.hint.Render(doing)
	case p.err != "":
		return p.th.bar.err.Render("✗ " + clean(p.err))
	}
	return p.th.bar.hint.Render(hint)
}

// routeInput routes a message to an overlay that edits text: keys to key,
// pastes to edit unless it is busy; clicks and the wheel are taken and
// ignored; anything else (cursor blinks) goes to edit and is left for the
// others too.
func routeInput(msg tea.Msg, busy bool, key func(tea.KeyPressMsg) tea.Cmd, edit func(tea.Msg) tea.Cmd) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return key(msg), true
	case tea.PasteMsg:
		if busy {
			return nil, true
		}
		return edit(msg), true
	case tea.MouseClickMsg, tea.MouseWheelMsg:
		return nil, true
	}
	return edit(msg), false
}

// answer is one way to answer a question: its key, what it does (for the
// hint line) and the action.
type answer struct {
	key    key.Binding
	hint   string // "saves and quits"; "" leaves it out of the hint and the help line
	choose func(m *Model) tea.Cmd
}

// question is an overlay asking something answered by a key (y/n/esc): the
// question before quitting with an unsaved note, about a note changed
// elsewhere, before overwriting an export. It closes before the answer's
// action runs; an action that asks again pushes a new question.
type question struct {
	panelBase
	title   string
	ask     string   // the question, without its keys
	info    []string // lines between the question and the hint
	answers []answer
}

func (q *question) bindings() []key.Binding {
	var out []key.Binding
	for _, a := range q.answers {
		if a.hint != "" {
			out = append(out, a.key)
		}
	}
	return out
}

func (q *question) update(m *Model, msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		for _, a := range q.answers {
			if key.Matches(msg, a.key) {
				m.pop(q)
				return a.choose(m), true
			}
		}
		return nil, true
	case tea.PasteMsg, tea.MouseClickMsg, tea.MouseWheelMsg:
		return nil, true // typing is not taken as an answer
	}
	return nil, false
}

func (q *question) View() string {
	bs := q.bindings()
	var hs []string
	for _, a := range q.answers {
		if a.hint != "" {
			hs = append(hs, does(a.key, a.hint))
		}
	}
	lines := []string{q.th.bar.err.Render(fitLine(q.ask+" "+choices(bs...), q.width))}
	for _, l := range q.info {
		lines = append(lines, q.th.bar.hint.Render(fitLine(l, q.width)))
	}
	lines = append(lines, q.th.bar.hint.Render(fitLine(hints(hs...), q.width)))
	return panel(q.th, q.width, q.title, lines...)
}
