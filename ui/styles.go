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

	accent, text, muted, faint, selBg, blurBg, barBg, errC, okC, badgeC color.Color
}

func newPalette(dark, noColor bool) palette {
	p := palette{dark: dark, noColor: noColor}
	c := p.pick
	// On a light background every colour keeps a contrast with white (or
	// with the bars' background) of at least 4.5 for text and 3 for rules
	// and separators (TestLightThemeReadable).
	p.accent, p.text, p.muted, p.faint = c("#5A3FC0", "#B4A5FF"), c("#1F1F1F", "#E4E4E4"), c("#5E5E5E", "#8C8C8C"), c("#8A8A8A", "#5C5C5C")
	p.selBg, p.blurBg, p.barBg = c("#E2DCFF", "#3B3363"), c("#EDEDED", "#2C2C2C"), c("#E3DFF5", "#2C2C2C")
	p.errC, p.okC, p.badgeC = c("#A0001C", "#FF6B6B"), c("#146B30", "#7BD88F"), c("#8A4B00", "#FFB86C")
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
		base:  p.or(plain.Foreground(p.text).Background(p.barBg), plain),
		count: p.or(plain.Foreground(p.accent).Background(p.barBg).Bold(true), bold),
		msg:   p.or(plain.Foreground(p.okC).Background(p.barBg), plain),
		err:   p.or(plain.Foreground(p.errC).Background(p.barBg).Bold(true), bold),
	}
	// the help line in the palette's colours (Bubbles' light defaults,
	// #B2B2B2 on white, nearly vanish)
	key, desc, sep := p.strong(p.muted), p.fg(p.muted), p.fg(p.faint)
	t.help = helpTheme{
		short: help.Styles{Ellipsis: sep, ShortKey: key, ShortDesc: desc, ShortSeparator: sep,
			FullKey: key, FullDesc: desc, FullSeparator: sep},
		title: p.strong(p.accent), key: p.strong(p.text), desc: p.fg(p.muted),
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
	in.Cursor.Color = p.accent // Bubbles' colour 7 is light grey: lost on white
	in.Focused.Prompt = bar.prompt
	in.Blurred.Prompt = bar.hint
	in.Focused.Placeholder, in.Blurred.Placeholder = p.fg(p.muted), p.fg(p.muted)
	in.Focused.Suggestion, in.Blurred.Suggestion = p.fg(p.muted), p.fg(p.muted)
	in.Focused.Text, in.Blurred.Text = p.fg(p.text), p.fg(p.muted)
	return in
}

// areaStyles style the note editor.
func areaStyles(p palette) textarea.Styles {
	if !p.noColor {
		a := textarea.DefaultStyles(p.dark)
		a.Cursor.Blink = false
		a.Cursor.Color = p.accent
		for _, st := range []*textarea.StyleState{&a.Focused, &a.Blurred} {
			st.Prompt, st.LineNumber, st.EndOfBuffer = p.fg(p.faint), p.fg(p.faint), p.fg(p.faint)
			st.Placeholder, st.CursorLineNumber = p.fg(p.muted), p.fg(p.muted)
		}
		a.Focused.Text, a.Blurred.Text = p.fg(p.text), p.fg(p.muted)
		a.Focused.CursorLine = lipgloss.NewStyle().Foreground(p.text).Background(p.blurBg)
		a.Blurred.CursorLine = p.fg(p.muted)
		return a
	}
	plain := lipgloss.NewStyle()
	st := textarea.StyleState{Base: plain, Text: plain, Placeholder: plain, Prompt: plain, CursorLine: plain,
		EndOfBuffer: plain, LineNumber: plain, CursorLineNumber: plain, Selection: plain.Reverse(true)}
	return textarea.Styles{Focused: st, Blurred: st, Cursor: textarea.CursorStyle{Blink: false}}
}

// glamourStyle is the Glamour style name for the theme.
func (t *theme) glamourStyle() string { return t.glamour }
