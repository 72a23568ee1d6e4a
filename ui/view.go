package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// View draws the frame. Everything drawn passes through Safe.
func (m Model) View() tea.View {
	v := tea.NewView(Safe(m.render()))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = WindowTitle
	v.ReportFocus = true // regaining the focus re-reads tags and notes
	return v
}

// render builds the frame as a string of exactly height lines: the filter
// bar, the body, the panel of the top panel overlay, the status bar and
// the help line.
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
	if p := m.placed(atPanel); p != nil && m.panelH > 0 {
		lines := strings.Split(p.View(), "\n")
		b.WriteString(strings.Join(lines[:min(len(lines), m.panelH)], "\n"))
		b.WriteByte('\n')
	}
	b.WriteString(m.status.View())
	b.WriteByte('\n')
	b.WriteString(padLines([]string{helpLine(m.th, m.bindings(), m.width)}, m.width, 1))
	return b.String()
}

func (m Model) tinyNotice() string {
	lines := []string{
		m.th.notice.Render(ansi.Truncate("briefs: window too small", m.width, "…")),
		ansi.Truncate(fmt.Sprintf("needs %dx%d, has %dx%d", minWidth, minHeight, m.width, m.height), m.width, "…"),
		ansi.Truncate(does(m.km.Quit, "quits"), m.width, "…"),
	}
	return padLines(lines, m.width, m.height)
}

// body is the part between the bars: a body overlay (the help), a load
// error or notice, or the panes: the list and the right pane side by side
// when wide, the focused one when narrow. A pane overlay (the note
// editor, quote mode) takes the right pane's place, or the body's.
func (m Model) body() string {
	w, h := m.width, m.bodyH
	switch {
	case m.placed(atBody) != nil:
		return m.placed(atBody).View()
	case m.loadErr != nil:
		msg := strings.Split(ansi.Wrap(clean(m.loadErr.Error()), max(1, w-2), ""), "\n")
		lines := []string{"", " " + m.th.status.err.Render("Could not load the briefs.")}
		for _, l := range msg {
			lines = append(lines, " "+l)
		}
		lines = append(lines, "", " "+does(m.km.Quit, "quits."))
		return padLines(lines, w, h)
	case m.lib == nil:
		return padLines([]string{"", " " + m.th.list.empty.Render("Loading briefs…")}, w, h)
	}
	right := m.rightPane()
	if !m.wide {
		if right != nil && (m.focus != paneList || m.placed(atPane) != nil) {
			return right.View()
		}
		return m.list.View()
	}
	sep := m.th.panes.separator.Render("│")
	if m.focus != paneList || m.placed(atPane) != nil {
		sep = m.th.panes.focus.Render("┃")
	}
	return sideBySide(m.list.View(), sep, right.View(), h)
}

// rightPane is what the right pane shows (the body, when narrow and the
// list is not focused): a pane overlay, the picker, or the reader.
func (m Model) rightPane() pane {
	switch {
	case m.placed(atPane) != nil:
		return m.placed(atPane)
	case m.pickerOpen && (m.wide || m.focus == panePicker):
		return &m.picker
	}
	return &m.reader
}

// sideBySide joins two blocks of lines with a separator, h lines.
func sideBySide(left, sep, right string, h int) string {
	ll, rl := strings.Split(left, "\n"), strings.Split(right, "\n")
	var b strings.Builder
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(ll) {
			b.WriteString(ll[i])
		}
		b.WriteString(sep)
		if i < len(rl) {
			b.WriteString(rl[i])
		}
	}
	return b.String()
}
