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
// decision and NO_COLOR, nested by component. Components keep a pointer to
// it (setTheme) and never build styles of their own.
type theme struct {
	dark    bool
	noColor bool
	glamour string // Glamour standard style name

	bar    barTheme    // filter bar, and hints and errors in panels
	list   listTheme   // the brief list
	panes  paneTheme   // the separator between the panes
	reader readerTheme // the reader: header, find, note
	quote  quoteTheme  // quote mode
	picker pickerTheme // the facet picker
	status statusTheme // the status bar
	help   helpTheme   // the help line and the full help
	panel  panelTheme  // the bottom panels (editors, prompts, questions)
	notice lipgloss.Style

	input textinput.Styles
	area  textarea.Styles
}

type barTheme struct{ prompt, query, hint, err lipgloss.Style }

type listTheme struct {
	title, meta        lipgloss.Style
	unread, unreadSign lipgloss.Style // an unread brief's title, and its ●
	selTitle, selMeta  lipgloss.Style // selected row, focused list
	selUnread          lipgloss.Style // selected unread row, focused list
	selBlurred         lipgloss.Style // selected row, list not focused
	badge, countries   lipgloss.Style
	tags, mark, empty  lipgloss.Style
}

type paneTheme struct{ separator, focus lipgloss.Style }

type readerTheme struct {
	title, label, value, rule lipgloss.Style
	match, matchCurrent       lipgloss.Style
	note, noteHead            lipgloss.Style // messages in the text; the note's heading
}

type quoteTheme struct{ head, rule, marker, selected, text lipgloss.Style }

type pickerTheme struct {
	title, subtitle, header            lipgloss.Style
	value, zero, cursor, active, count lipgloss.Style
	empty                              lipgloss.Style
}

type statusTheme struct{ base, count, msg, err lipgloss.Style }

type helpTheme struct {
	short            help.Styles
	title, key, desc lipgloss.Style
}

type panelTheme struct{ rule, title lipgloss.Style }

// palette is the colours of a theme. Under NO_COLOR it has none, and each
// style says which attribute (bold, reverse, underline) stands in for them.
type palette struct {
	dark, noColor bool

	accent, text, muted, faint, selBg, blurBg, errC, okC, badgeC color.Color
}

func newPalette(dark, noColor bool) palette {
	p := palette{dark: dark, noColor: noColor}
	c := p.pick
	p.accent, p.text, p.muted, p.faint = c("#5A3FC0", "#B4A5FF"), c("#1F1F1F", "#E4E4E4"), c("#6B6B6B", "#8C8C8C"), c("#A0A0A0", "#5C5C5C")
	p.selBg, p.blurBg = c("#E2DCFF", "#3B3363"), c("#EDEDED", "#2C2C2C")
	p.errC, p.okC, p.badgeC = c("#B00020", "#FF6B6B"), c("#1B7F3B", "#7BD88F"), c("#8A4B00", "#FFB86C")
	return p
}

// pick is the colour for the background: light or dark.
func (p palette) pick(light, dark string) color.Color {
	return lipgloss.LightDark(p.dark)(lipgloss.Color(light), lipgloss.Color(dark))
}

// or is colored, or nc under NO_COLOR.
func (p palette) or(colored, nc lipgloss.Style) lipgloss.Style {
	if p.noColor {
		return nc
	}
	return colored
}

// fg is text in colour c, plain under NO_COLOR.
func (p palette) fg(c color.Color) lipgloss.Style {
	return p.or(lipgloss.NewStyle().Foreground(c), lipgloss.NewStyle())
}

// strong is bold text in colour c, bold under NO_COLOR.
func (p palette) strong(c color.Color) lipgloss.Style {
	return p.or(lipgloss.NewStyle().Foreground(c).Bold(true), lipgloss.NewStyle().Bold(true))
}

func newTheme(dark, noColor bool) *theme {
	p := newPalette(dark, noColor)
	plain := lipgloss.NewStyle()
	bold := plain.Bold(true)
	t := &theme{dark: dark, noColor: noColor, glamour: styles.DarkStyle}
	switch {
	case noColor:
		t.glamour = styles.NoTTYStyle
	case !dark:
		t.glamour = styles.LightStyle
	}
	t.bar = barTheme{prompt: p.strong(p.accent), query: p.fg(p.text), hint: p.fg(p.muted), err: p.strong(p.errC)}
	t.list = listTheme{
		title:      p.fg(p.text),
		meta:       p.fg(p.muted),
		unread:     p.strong(p.text),
		unreadSign: p.fg(p.accent),
		selTitle:   p.or(plain.Foreground(p.accent).Background(p.selBg), plain.Reverse(true)),
		selUnread:  p.or(plain.Foreground(p.accent).Background(p.selBg).Bold(true), plain.Reverse(true).Bold(true)),
		selMeta:    p.or(plain.Foreground(p.text).Background(p.selBg), plain.Reverse(true)),
		selBlurred: p.or(plain.Background(p.blurBg), bold),
		badge:      p.or(plain.Foreground(p.badgeC).Bold(true), plain),
		countries:  p.fg(p.okC),
		tags:       p.fg(p.accent),
		mark:       p.strong(p.badgeC),
		empty:      p.or(plain.Foreground(p.muted).Italic(true), plain),
	}
	t.panes = paneTheme{separator: p.fg(p.faint), focus: p.or(plain.Foreground(p.accent), bold)}
	t.reader = readerTheme{
		title: p.strong(p.accent), label: p.fg(p.muted), value: p.fg(p.text), rule: p.fg(p.faint),
		match: p.or(plain.Foreground(p.pick("#000000", "#000000")).Background(p.pick("#FFE08A", "#C9A227")), plain.Underline(true)),
		matchCurrent: p.or(plain.Foreground(p.pick("#FFFFFF", "#000000")).Background(p.pick("#D9480F", "#FF8C42")).Bold(true),
			plain.Reverse(true)),
		note:     t.list.empty,
		noteHead: p.strong(p.accent),
	}
	t.quote = quoteTheme{head: t.reader.noteHead, rule: t.reader.rule, marker: t.list.mark,
		selected: p.or(plain.Foreground(p.text).Background(p.selBg), plain.Reverse(true)), text: p.fg(p.muted)}
	t.picker = pickerTheme{
		title: p.strong(p.accent), subtitle: p.fg(p.muted), header: p.strong(p.accent),
		value: p.fg(p.text), zero: p.fg(p.faint), cursor: p.or(plain.Background(p.selBg), plain.Reverse(true)),
		active: p.strong(p.okC), count: p.fg(p.muted), empty: t.list.empty,
	}
	t.status = statusTheme{
		base:  p.or(plain.Foreground(p.text).Background(p.blurBg), plain),
		count: p.or(plain.Foreground(p.accent).Background(p.blurBg).Bold(true), bold),
		msg:   p.or(plain.Foreground(p.okC).Background(p.blurBg), plain),
		err:   p.or(plain.Foreground(p.errC).Background(p.blurBg).Bold(true), bold),
	}
	t.help = helpTheme{short: help.DefaultStyles(dark), title: p.strong(p.accent), key: p.strong(p.text), desc: p.fg(p.muted)}
	if noColor {
		t.help.short = help.Styles{Ellipsis: plain, ShortKey: bold, ShortDesc: plain, ShortSeparator: plain,
			FullKey: bold, FullDesc: plain, FullSeparator: plain}
	}
	t.panel = panelTheme{rule: p.fg(p.accent), title: p.strong(p.accent)}
	t.notice = p.strong(p.badgeC)
	t.input, t.area = inputStyles(p, t.bar), areaStyles(p)
	return t
}

// inputStyles style the one-line text boxes (search, find, tags, export).
func inputStyles(p palette, bar barTheme) textinput.Styles {
	if p.noColor {
		plain := lipgloss.NewStyle()
		return textinput.Styles{
			Focused: textinput.StyleState{Text: plain, Placeholder: plain, Suggestion: plain, Prompt: plain.Bold(true)},
			Blurred: textinput.StyleState{Text: plain, Placeholder: plain, Suggestion: plain, Prompt: plain},
			Cursor:  textinput.CursorStyle{Blink: false},
		}
	}
	in := textinput.DefaultStyles(p.dark)
	in.Cursor.Blink = false
	in.Focused.Prompt = bar.prompt
	in.Blurred.Prompt = bar.hint
	return in
}

// areaStyles style the note editor.
func areaStyles(p palette) textarea.Styles {
	if !p.noColor {
		a := textarea.DefaultStyles(p.dark)
		a.Cursor.Blink = false
		return a
	}
	plain := lipgloss.NewStyle()
	st := textarea.StyleState{Base: plain, Text: plain, Placeholder: plain, Prompt: plain, CursorLine: plain,
		EndOfBuffer: plain, LineNumber: plain, CursorLineNumber: plain, Selection: plain.Reverse(true)}
	return textarea.Styles{Focused: st, Blurred: st, Cursor: textarea.CursorStyle{Blink: false}}
}

// glamourStyle is the Glamour style name for the theme.
func (t *theme) glamourStyle() string { return t.glamour }
