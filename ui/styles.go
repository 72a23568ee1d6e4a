package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
)

// theme is every style of the program, derived once from the dark/light
// decision and NO_COLOR. Components keep a copy and never build styles of
// their own.
type theme struct {
	dark    bool
	noColor bool
	glamour string // Glamour standard style name

	// filter bar
	barPrompt lipgloss.Style
	barQuery  lipgloss.Style
	barHint   lipgloss.Style
	barError  lipgloss.Style

	// list
	rowTitle       lipgloss.Style
	rowMeta        lipgloss.Style
	rowSelTitle    lipgloss.Style // selected row, focused list
	rowSelMeta     lipgloss.Style
	rowSelBlurred  lipgloss.Style // selected row, list not focused
	rowMarker      lipgloss.Style
	badge          lipgloss.Style
	countries      lipgloss.Style
	empty          lipgloss.Style
	paneSeparator  lipgloss.Style
	paneSepFocus   lipgloss.Style // separator when the right pane has the focus
	paneTitle      lipgloss.Style
	paneTitleFocus lipgloss.Style

	// reader
	hdrTitle     lipgloss.Style
	hdrLabel     lipgloss.Style
	hdrValue     lipgloss.Style
	hdrRule      lipgloss.Style
	match        lipgloss.Style
	matchCurrent lipgloss.Style
	readerNote   lipgloss.Style

	// facet picker
	pickHeader   lipgloss.Style
	pickValue    lipgloss.Style
	pickZero     lipgloss.Style
	pickCursor   lipgloss.Style
	pickActive   lipgloss.Style
	pickCount    lipgloss.Style
	pickTitle    lipgloss.Style
	pickSubtitle lipgloss.Style

	// status bar and help
	status      lipgloss.Style
	statusCount lipgloss.Style
	statusMsg   lipgloss.Style
	statusErr   lipgloss.Style
	help        help.Styles
	helpTitle   lipgloss.Style
	helpKey     lipgloss.Style
	helpDesc    lipgloss.Style
	notice      lipgloss.Style

	// tags, notes, marks, panels
	mark       lipgloss.Style
	tagText    lipgloss.Style
	noteHead   lipgloss.Style
	quoteSel   lipgloss.Style
	quoteText  lipgloss.Style
	panelRule  lipgloss.Style
	panelTitle lipgloss.Style

	input textinput.Styles
	area  textarea.Styles
}

func newTheme(dark, noColor bool) *theme {
	t := &theme{dark: dark, noColor: noColor}
	plain := lipgloss.NewStyle()
	if noColor {
		t.glamour = styles.NoTTYStyle
		bold := plain.Bold(true)
		t.barPrompt, t.barQuery, t.barHint, t.barError = bold, plain, plain, bold
		t.rowTitle, t.rowMeta = plain, plain
		t.rowSelTitle, t.rowSelMeta, t.rowSelBlurred = plain.Reverse(true), plain.Reverse(true), plain.Bold(true)
		t.rowMarker, t.badge, t.countries, t.empty = bold, plain, plain, plain
		t.paneSeparator, t.paneTitle, t.paneTitleFocus = plain, plain, plain.Reverse(true)
		t.paneSepFocus = bold
		t.hdrTitle, t.hdrLabel, t.hdrValue, t.hdrRule = bold, plain, plain, plain
		t.match, t.matchCurrent, t.readerNote = plain.Underline(true), plain.Reverse(true), plain
		t.pickHeader, t.pickValue, t.pickZero = bold, plain, plain
		t.pickCursor, t.pickActive, t.pickCount = plain.Reverse(true), bold, plain
		t.pickTitle, t.pickSubtitle = bold, plain
		t.status, t.statusCount, t.statusMsg, t.statusErr = plain, bold, plain, bold
		t.help = help.Styles{Ellipsis: plain, ShortKey: bold, ShortDesc: plain, ShortSeparator: plain,
			FullKey: bold, FullDesc: plain, FullSeparator: plain}
		t.helpTitle, t.helpKey, t.helpDesc, t.notice = bold, bold, plain, bold
		t.input = textinput.Styles{
			Focused: textinput.StyleState{Text: plain, Placeholder: plain, Suggestion: plain, Prompt: bold},
			Blurred: textinput.StyleState{Text: plain, Placeholder: plain, Suggestion: plain, Prompt: plain},
			Cursor:  textinput.CursorStyle{Blink: false},
		}
		t.mark, t.tagText, t.noteHead = bold, plain, bold
		t.quoteSel, t.quoteText = plain.Reverse(true), plain
		t.panelRule, t.panelTitle = plain, bold
		t.area = textarea.Styles{
			Focused: textarea.StyleState{Base: plain, Text: plain, Placeholder: plain, Prompt: plain, CursorLine: plain,
				EndOfBuffer: plain, LineNumber: plain, CursorLineNumber: plain, Selection: plain.Reverse(true)},
			Blurred: textarea.StyleState{Base: plain, Text: plain, Placeholder: plain, Prompt: plain, CursorLine: plain,
				EndOfBuffer: plain, LineNumber: plain, CursorLineNumber: plain, Selection: plain.Reverse(true)},
			Cursor: textarea.CursorStyle{Blink: false},
		}
		return t
	}

	ld := lipgloss.LightDark(dark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	accent := c("#5A3FC0", "#B4A5FF")
	text := c("#1F1F1F", "#E4E4E4")
	muted := c("#6B6B6B", "#8C8C8C")
	faint := c("#A0A0A0", "#5C5C5C")
	selBg := c("#E2DCFF", "#3B3363")
	blurBg := c("#EDEDED", "#2C2C2C")
	errC := c("#B00020", "#FF6B6B")
	okC := c("#1B7F3B", "#7BD88F")
	badgeC := c("#8A4B00", "#FFB86C")

	t.glamour = styles.DarkStyle
	if !dark {
		t.glamour = styles.LightStyle
	}
	t.barPrompt = plain.Foreground(accent).Bold(true)
	t.barQuery = plain.Foreground(text)
	t.barHint = plain.Foreground(muted)
	t.barError = plain.Foreground(errC).Bold(true)

	t.rowTitle = plain.Foreground(text)
	t.rowMeta = plain.Foreground(muted)
	t.rowSelTitle = plain.Foreground(accent).Background(selBg).Bold(true)
	t.rowSelMeta = plain.Foreground(text).Background(selBg)
	t.rowSelBlurred = plain.Background(blurBg)
	t.rowMarker = plain.Foreground(accent).Bold(true)
	t.badge = plain.Foreground(badgeC).Bold(true)
	t.countries = plain.Foreground(okC)
	t.empty = plain.Foreground(muted).Italic(true)
	t.paneSeparator = plain.Foreground(faint)
	t.paneSepFocus = plain.Foreground(accent)
	t.paneTitle = plain.Foreground(muted)
	t.paneTitleFocus = plain.Foreground(accent).Bold(true)

	t.hdrTitle = plain.Foreground(accent).Bold(true)
	t.hdrLabel = plain.Foreground(muted)
	t.hdrValue = plain.Foreground(text)
	t.hdrRule = plain.Foreground(faint)
	t.match = plain.Foreground(c("#000000", "#000000")).Background(c("#FFE08A", "#C9A227"))
	t.matchCurrent = plain.Foreground(c("#FFFFFF", "#000000")).Background(c("#D9480F", "#FF8C42")).Bold(true)
	t.readerNote = plain.Foreground(muted).Italic(true)

	t.pickHeader = plain.Foreground(accent).Bold(true)
	t.pickValue = plain.Foreground(text)
	t.pickZero = plain.Foreground(faint)
	t.pickCursor = plain.Background(selBg)
	t.pickActive = plain.Foreground(okC).Bold(true)
	t.pickCount = plain.Foreground(muted)
	t.pickTitle = plain.Foreground(accent).Bold(true)
	t.pickSubtitle = plain.Foreground(muted)

	t.status = plain.Foreground(text).Background(blurBg)
	t.statusCount = plain.Foreground(accent).Background(blurBg).Bold(true)
	t.statusMsg = plain.Foreground(okC).Background(blurBg)
	t.statusErr = plain.Foreground(errC).Background(blurBg).Bold(true)
	t.help = help.DefaultStyles(dark)
	t.helpTitle = plain.Foreground(accent).Bold(true)
	t.helpKey = plain.Foreground(text).Bold(true)
	t.helpDesc = plain.Foreground(muted)
	t.notice = plain.Foreground(badgeC).Bold(true)

	t.mark = plain.Foreground(badgeC).Bold(true)
	t.tagText = plain.Foreground(accent)
	t.noteHead = plain.Foreground(accent).Bold(true)
	t.quoteSel = plain.Foreground(text).Background(selBg)
	t.quoteText = plain.Foreground(muted)
	t.panelRule = plain.Foreground(accent)
	t.panelTitle = plain.Foreground(accent).Bold(true)
	t.area = textarea.DefaultStyles(dark)
	t.area.Cursor.Blink = false

	t.input = textinput.DefaultStyles(dark)
	t.input.Cursor.Blink = false
	t.input.Focused.Prompt = t.barPrompt
	t.input.Blurred.Prompt = t.barHint
	return t
}

// glamourStyle is the Glamour style name for the theme.
func (t *theme) glamourStyle() string { return t.glamour }
