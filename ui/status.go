package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// statusBar shows `N of M`, the active filters, the sort order and a
// transient message.
type statusBar struct {
	width    int
	shown    int
	total    int
	loaded   bool
	filters  string
	sort     string
	msg      string
	msgIsErr bool
	busy     bool
	th       *theme
}

func (s *statusBar) View() string {
	if s.width <= 0 {
		return ""
	}
	bg := s.th.status
	var left string
	if s.loaded {
		left = s.th.statusCount.Render(fmt.Sprintf(" %d of %d", s.shown, s.total))
	} else {
		left = s.th.statusCount.Render(" loading")
	}
	filters := s.filters
	if filters == "" {
		filters = "all briefs"
	}
	mid := bg.Render("  " + clean(filters) + "  sort: " + s.sort)
	if s.busy {
		mid += bg.Render("  …")
	}
	var right string
	if s.msg != "" {
		st := s.th.statusMsg
		if s.msgIsErr {
			st = s.th.statusErr
		}
		right = st.Render(clean(s.msg) + " ")
	}
	lw, mw, rw := ansi.StringWidth(left), ansi.StringWidth(mid), ansi.StringWidth(right)
	w := s.width
	if lw+mw+rw > w {
		// the message wins over the filter summary, the count over both
		if rw > w-lw-1 {
			right = ansi.Truncate(right, max(0, w-lw-1), "…")
			rw = ansi.StringWidth(right)
		}
		mid = ansi.Truncate(mid, max(0, w-lw-rw), "…")
		mw = ansi.StringWidth(mid)
	}
	gap := max(0, w-lw-mw-rw)
	return ansi.Truncate(left+mid+bg.Render(strings.Repeat(" ", gap))+right, w, "")
}

// helpLine is the short help at the bottom, generated from the keymap.
func helpLine(th *theme, km keyMap, m mode, width int) string {
	h := help.New()
	h.Styles = th.help
	h.SetWidth(max(0, width-1))
	return " " + h.ShortHelpView(km.short(m))
}

// fullHelp renders the `?` help from the keymap: titled columns that wrap
// to the width, scrolled by offset, exactly height lines.
func fullHelp(th *theme, km keyMap, version string, width, height, offset int) string {
	groups := km.full()
	var cols []string
	for _, g := range groups {
		keyW := 0
		for _, b := range g.Bindings {
			keyW = max(keyW, ansi.StringWidth(b.Help().Key))
		}
		lines := []string{th.helpTitle.Render(g.Title)}
		for _, b := range g.Bindings {
			lines = append(lines, th.helpKey.Render(padRight(b.Help().Key, keyW))+"  "+th.helpDesc.Render(b.Help().Desc))
		}
		cols = append(cols, strings.Join(lines, "\n"))
	}
	// pack columns into rows that fit the width
	var blocks []string
	var row []string
	rowW := 0
	const gap = 4
	for _, c := range cols {
		cw := lipgloss.Width(c)
		if len(row) > 0 && rowW+gap+cw > width-2 {
			blocks = append(blocks, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowW = nil, 0
		}
		if len(row) > 0 {
			row = append(row, strings.Repeat(" ", gap))
			rowW += gap
		}
		row = append(row, c)
		rowW += cw
	}
	if len(row) > 0 {
		blocks = append(blocks, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	title := th.helpTitle.Render("briefs")
	if version != "" {
		title += th.helpDesc.Render(" " + clean(version))
	}
	title += th.helpDesc.Render(" — keys (esc or ? closes)")
	lines := []string{"", " " + title, ""}
	for i, b := range blocks {
		if i > 0 {
			lines = append(lines, "")
		}
		for _, l := range strings.Split(b, "\n") {
			lines = append(lines, " "+l)
		}
	}
	lines = append(lines, "")
	for _, n := range helpNotes() {
		for _, l := range strings.Split(ansi.Wordwrap(n, max(10, width-4), ""), "\n") {
			lines = append(lines, " "+th.helpDesc.Render(l))
		}
	}
	offset = max(0, min(offset, len(lines)-height))
	return padLines(lines[offset:], width, height)
}

// helpNotes explain what the keys act on.
func helpNotes() []string {
	return []string{
		"t edits the tags of the marked briefs, or of the selected one: a word or +word adds a tag, -word removes it. m marks a brief; esc in the list clears the marks.",
		"e edits the note inline; E opens it in $EDITOR. If another program changed the note meanwhile, saving asks first: y overwrites their text, n keeps both. In the reader, v chooses a paragraph and enter adds it to the note as a quote.",
		"x exports the briefs shown (with tags and notes): a .json file name writes JSON, any other Markdown. An existing file is replaced only after you answer y.",
	}
}

// helpLines is the number of lines of the full help at a width (for scrolling).
func helpLines(th *theme, km keyMap, width int) int {
	return strings.Count(fullHelp(th, km, "", width, 1000, 0), "\n") + 1
}

func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
