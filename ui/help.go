package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// helpView is the `?` overlay: every binding of the keymap, grouped, with
// notes on what the keys act on; it takes the body's place and scrolls.
type helpView struct {
	th            *theme
	km            *keyMap
	info          helpInfo
	width, height int
	offset        int
}

// helpInfo is what the help says besides the keys: the version, and where
// the briefs come from.
type helpInfo struct {
	version string
	sources string // "" leaves the paragraph out
}

// openHelp opens the full help.
func (m *Model) openHelp() tea.Cmd {
	m.push(&helpView{th: m.th, km: m.km, info: helpInfo{version: m.opt.Version, sources: m.sourcesNote()}})
	return nil
}

func (h *helpView) setTheme(th *theme) { h.th = th }
func (h *helpView) setSize(w, ht int) {
	h.width, h.height = max(0, w), max(0, ht)
	h.offset = min(h.offset, h.maxOffset())
}
func (h *helpView) place() placement { return atBody }
func (h *helpView) lines() int       { return 0 }

func (h *helpView) bindings() []key.Binding {
	return []key.Binding{h.km.Up, h.km.Down, h.km.Back, h.km.Quit}
}

func (h *helpView) update(m *Model, msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case navigate(h.km, msg, h):
		case key.Matches(msg, h.km.Back, h.km.Help):
			m.pop(h)
		case key.Matches(msg, h.km.Quit):
			return tea.Quit, true
		}
		return nil, true
	case tea.MouseWheelMsg:
		h.move(wheel(msg.Mouse()))
		return nil, true
	case tea.MouseClickMsg, tea.PasteMsg:
		return nil, true
	}
	return nil, false
}

func (h *helpView) maxOffset() int {
	return max(0, len(helpContent(h.th, h.km, h.info, h.width))-h.height)
}
func (h *helpView) move(delta int) { h.offset = max(0, min(h.offset+delta, h.maxOffset())) }
func (h *helpView) top()           { h.offset = 0 }
func (h *helpView) bottom()        { h.offset = h.maxOffset() }
func (h *helpView) page() int      { return max(1, h.height-1) }

func (h *helpView) View() string {
	return fullHelp(h.th, h.km, h.info, h.width, h.height, h.offset)
}

// helpLine is the short help at the bottom, generated from bindings, cut
// after a whole binding with "…". Bubbles' help gives up cutting when its
// ellipsis would not fit after the last binding that does (the whole line
// comes back, to be cut mid-binding): a narrower width is tried then.
func helpLine(th *theme, bindings []key.Binding, width int) string {
	h := help.New()
	h.Styles = th.help.short
	room := max(0, width-1)
	for w := room; w > 0; w-- {
		h.SetWidth(w)
		if s := h.ShortHelpView(bindings); lipgloss.Width(s) <= room {
			return " " + s
		}
	}
	return ""
}

// fullHelp renders the `?` help from the keymap: titled columns that wrap
// to the width, scrolled by offset, exactly height lines.
func fullHelp(th *theme, km *keyMap, info helpInfo, width, height, offset int) string {
	lines := helpContent(th, km, info, width)
	offset = max(0, min(offset, len(lines)-height))
	return padLines(lines[offset:], width, height)
}

// helpContent is every line of the full help at a width.
func helpContent(th *theme, km *keyMap, info helpInfo, width int) []string {
	title := th.help.title.Render("briefs")
	if info.version != "" {
		title += th.help.desc.Render(" " + clean(info.version))
	}
	title += th.help.desc.Render(fmt.Sprintf(" — keys (%s or %s closes)", hintKey(km.Back), hintKey(km.Help)))
	lines := []string{"", " " + title, ""}
	for i, b := range helpBlocks(th, km, width) {
		if i > 0 {
			lines = append(lines, "")
		}
		for _, l := range strings.Split(b, "\n") {
			lines = append(lines, " "+l)
		}
	}
	lines = append(lines, "")
	for _, l := range strings.Split(helpColumn(th, "Query language ("+hintKey(km.Search)+" in the list, and briefs -q)", queryRows, width-2), "\n") {
		lines = append(lines, " "+l)
	}
	lines = append(lines, "")
	notes := helpNotes(km)
	if info.sources != "" {
		notes = append(notes, info.sources)
	}
	for _, n := range notes {
		for _, l := range strings.Split(ansi.Wrap(n, max(10, width-4), " /"), "\n") {
			lines = append(lines, " "+th.help.desc.Render(l))
		}
	}
	return lines
}

// queryRows are the query language in examples: a term and what it
// selects.
var queryRows = [][2]string{
	{"edition:3", "an edition (3rd, third, none); with series:, of that event"},
	{"series:cop", "an event, by key, name or alias"},
	{"country:kuwait", "a country: code, name, demonym, or a prefix (country:kuw)"},
	{"source:nina", "an agency, by any of its names"},
	{"tag:followup", "your tag"},
	{"date:2024-07", "a year, month or day; date:2024-01..2024-06 a range"},
	{"is:unread", "briefs not opened yet (is:read: opened)"},
	{"vahid", "words starting so, in the title and the body"},
	{`"border control"`, "a phrase, as written"},
	{"-tag:done", "a leading - excludes"},
	{"", "terms all apply; terms of one field are alternatives (country:iq country:kw)"},
}

// keepTerms keeps each query term of s (a word with a colon) whole in a
// wrap: date:2024-01..2024-06 is not broken at its hyphens.
func keepTerms(s string) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		if strings.Contains(w, ":") {
			words[i] = keepTogether(w)
		}
	}
	return strings.Join(words, " ")
}

// helpColumn is a titled column of rows (a key or an example, and what it
// does), the descriptions wrapped to fit width.
func helpColumn(th *theme, title string, rows [][2]string, width int) string {
	keyW := 0
	for _, r := range rows {
		keyW = max(keyW, ansi.StringWidth(r[0]))
	}
	if keyW+2+20 > width {
		keyW = 0 // too narrow for two columns: descriptions under their keys
	}
	lines := []string{th.help.title.Render(ansi.Truncate(title, max(1, width), "…"))}
	for _, r := range rows {
		descW := max(10, width-keyW-2)
		desc := strings.Split(ansi.Wrap(keepTerms(r[1]), descW, " "), "\n")
		for i, d := range desc {
			desc[i] = unkeep(d)
		}
		if keyW == 0 {
			if r[0] != "" {
				lines = append(lines, th.help.key.Render(ansi.Truncate(r[0], max(1, width), "…")))
			}
			for _, d := range desc {
				lines = append(lines, "  "+th.help.desc.Render(d))
			}
			continue
		}
		for i, d := range desc {
			k := ""
			if i == 0 {
				k = r[0]
			}
			lines = append(lines, th.help.key.Render(padRight(k, keyW))+"  "+th.help.desc.Render(d))
		}
	}
	return strings.Join(lines, "\n")
}

// helpBlocks packs the keymap's groups, one column each, into rows that
// fit the width.
func helpBlocks(th *theme, km *keyMap, width int) []string {
	var blocks, row []string
	rowW := 0
	const gap = 4
	for _, g := range km.full() {
		keyW := 0
		for _, b := range g.Bindings {
			keyW = max(keyW, ansi.StringWidth(b.Help().Key))
		}
		lines := []string{th.help.title.Render(g.Title)}
		for _, b := range g.Bindings {
			lines = append(lines, th.help.key.Render(padRight(b.Help().Key, keyW))+"  "+th.help.desc.Render(b.Help().Desc))
		}
		c := strings.Join(lines, "\n")
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
	return blocks
}

// helpNotes explain what the keys act on.
func helpNotes(k *keyMap) []string {
	key := hintKey
	return []string{
		fmt.Sprintf("%s edits the tags of the marked briefs, or of the selected one: a word or +word adds a tag, -word removes it. %s marks a brief; %s in the list clears the marks.",
			key(k.Tag), key(k.Mark), key(k.Back)),
		fmt.Sprintf("%s edits the note inline; %s opens it in $EDITOR. If another program changed the note meanwhile, saving asks first: %s overwrites their text, %s keeps both. In the reader, %s chooses a paragraph and %s adds it to the note as a quote.",
			key(k.Note), key(k.NoteEditor), key(k.Overwrite), key(k.KeepBoth), key(k.Quote), key(k.QuotePick)),
		fmt.Sprintf("%s exports the briefs shown (with tags and notes): a .json file name writes JSON, any other Markdown. An existing file is replaced only after you answer %s.",
			key(k.Export), key(k.Yes)),
		fmt.Sprintf("%s corrects what was read from the selected brief (title, source, date, dateline, series, edition, countries); %s in a field gives back the extracted value. Corrections win everywhere and are marked (corrected) in the reader.",
			key(k.Correct), key(k.ResetField)),
		fmt.Sprintf("%s shows the orphaned notes: tags, notes and corrections whose brief is gone or changed beyond recognition. %s gives one to the brief selected in the list, %s deletes it; nothing is dropped on its own.",
			key(k.Orphans), key(k.AttachOrphan), key(k.DeleteOrphan)),
	}
}

func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
