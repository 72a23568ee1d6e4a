package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/charmbracelet/x/ansi"
)

// quoteMode is the overlay for choosing a paragraph of the brief shown to
// quote into its note: it takes the reader's place, j/k (and the other
// movement keys, and the wheel) move the selection, enter appends the
// paragraph to the note as a blockquote, esc leaves.
//
// The screen shows blocks from qtop on, the first qskip lines of block qtop
// scrolled off (block -1 is the title, block i >= 0 a blank line and
// paragraph i wrapped). Only the blocks on screen are ever wrapped, so a
// key or a frame costs what is visible, not the length of the brief.
type quoteMode struct {
	th            *theme
	km            *keyMap
	width, height int

	b     *brief.Brief
	paras []string
	qsel  int
	qtop  int
	qskip int
	wraps map[quoteWrapKey][]string // filled from Update only; View wraps what is missing without storing
}

// startQuote enters quote mode on the brief shown.
func (m *Model) startQuote() tea.Cmd {
	if m.opt.Store == nil {
		return m.unavailable("notes")
	}
	b := m.reader.b
	if b == nil || !m.reader.haveText {
		return nil
	}
	paras := paragraphs(m.reader.text)
	if len(paras) == 0 {
		return m.flash("no paragraph to quote", false)
	}
	m.reader.clearFind()
	m.push(newQuote(m.th, m.km, b, paras))
	return nil
}

func newQuote(th *theme, km *keyMap, b *brief.Brief, paras []string) *quoteMode {
	return &quoteMode{th: th, km: km, b: b, paras: paras, qtop: -1, wraps: map[quoteWrapKey][]string{}}
}

func (q *quoteMode) setTheme(th *theme) { q.th = th }

func (q *quoteMode) setSize(w, h int) {
	if w == q.width && h == q.height {
		return
	}
	q.width, q.height = max(0, w), max(0, h)
	q.showQuoteSel()
}

func (q *quoteMode) place() placement { return atPane }
func (q *quoteMode) lines() int       { return 0 }

func (q *quoteMode) bindings() []key.Binding {
	return []key.Binding{q.km.Up, q.km.Down, q.km.QuotePick, q.km.Back}
}

func (q *quoteMode) briefChanged(m *Model) { m.pop(q) }

func (q *quoteMode) update(m *Model, msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return q.key(m, msg), true
	case tea.MouseWheelMsg:
		if p, _, ok := m.regionAt(msg.Mouse().X, msg.Mouse().Y); ok && p == paneReader {
			q.move(wheel(msg.Mouse()) / wheelStep)
			return nil, true
		}
		return nil, false // the list scrolls
	case tea.MouseClickMsg, tea.PasteMsg:
		return nil, true
	}
	return nil, false
}

func (q *quoteMode) key(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	if navigate(q.km, msg, q) {
		return nil
	}
	switch {
	case key.Matches(msg, q.km.QuotePick):
		m.pop(q)
		para := q.selected()
		if para == "" {
			return nil
		}
		return m.appendNoteCmd(q.b.ID, quoteText(q.b, para))
	case key.Matches(msg, q.km.Back), key.Matches(msg, q.km.Quote):
		m.pop(q)
	case key.Matches(msg, q.km.Quit):
		return m.quit()
	case key.Matches(msg, q.km.Help):
		m.openHelp()
	}
	return nil
}

// selected is the paragraph selected.
func (q *quoteMode) selected() string {
	if q.qsel < 0 || q.qsel >= len(q.paras) {
		return ""
	}
	return q.paras[q.qsel]
}

// move moves the selection and scrolls it into view.
func (q *quoteMode) move(delta int) {
	q.qsel = max(0, min(q.qsel+delta, len(q.paras)-1))
	q.showQuoteSel()
}

func (q *quoteMode) top()      { q.move(-len(q.paras)) }
func (q *quoteMode) bottom()   { q.move(len(q.paras)) }
func (q *quoteMode) page() int { return 3 }

type quoteWrapKey struct{ para, width int }

// maxQuoteWraps bounds the quote-mode wrap cache (paragraphs x widths).
const maxQuoteWraps = 4096

// quoteTextWidth is the width paragraphs are wrapped at (after the marker).
func (q *quoteMode) quoteTextWidth() int { return max(1, readWidth(q.width)-2) }

// wrapPara returns paragraph i wrapped (plain text, one entry per line),
// from the cache or computed; store says whether to cache it.
func (q *quoteMode) wrapPara(i int, store bool) []string {
	w := q.quoteTextWidth()
	k := quoteWrapKey{para: i, width: w}
	if ls, ok := q.wraps[k]; ok {
		return ls
	}
	var out []string
	for _, pl := range strings.Split(q.paras[i], "\n") {
		for _, l := range strings.Split(ansi.Wordwrap(clean(pl), w, ""), "\n") {
			out = append(out, ansi.Truncate(l, w, "…"))
		}
	}
	if store {
		if len(q.wraps) >= maxQuoteWraps {
			clear(q.wraps)
		}
		q.wraps[k] = out
	}
	return out
}

// quoteBlockLen is the number of lines of block b: 2 for the title (-1),
// else a blank line and the wrapped paragraph.
func (q *quoteMode) quoteBlockLen(b int, store bool) int {
	if b < 0 {
		return 2
	}
	return 1 + len(q.wrapPara(b, store))
}

// showQuoteSel scrolls so the selected paragraph is on screen: its last
// line at the bottom when it was below, its first line at the top when it
// was above or is taller than the screen; the first paragraph shows the
// title too when there is room. It looks at the blocks between the top of the screen and the
// selection only as far as one screen, so G on a huge brief costs a screen.
func (q *quoteMode) showQuoteSel() {
	h, sel := q.height, q.qsel
	// after a narrowing resize the lines skipped may pass block qtop
	for q.qtop < sel && q.qskip > 0 && q.qskip >= q.quoteBlockLen(q.qtop, true) {
		q.qskip -= q.quoteBlockLen(q.qtop, true)
		q.qtop++
	}
	switch {
	case h <= 0:
	case sel == 0 && h >= 4: // the title, a blank line and a line of text fit
		q.qtop, q.qskip = -1, 0
	case q.qtop > sel || (q.qtop == sel && q.qskip > 1):
		q.qtop, q.qskip = sel, 1 // above the screen
	default:
		// d: lines from the top of the screen to the start of block sel,
		// counted only until it passes the screen
		d := -q.qskip
		for b := q.qtop; b < sel && d <= h; b++ {
			d += q.quoteBlockLen(b, true)
		}
		end := d + q.quoteBlockLen(sel, true)
		if end <= h {
			break // visible
		}
		if q.quoteBlockLen(sel, true) > h {
			q.qtop, q.qskip = sel, 1 // taller than the screen: its start
			break
		}
		// end of block sel at the bottom: walk up one screen
		b, rest := sel, h
		for b > -1 && rest > q.quoteBlockLen(b, true) {
			rest -= q.quoteBlockLen(b, true)
			b--
		}
		if b < -1 || (b == -1 && rest >= 2) {
			q.qtop, q.qskip = -1, 0
		} else {
			q.qtop, q.qskip = b, q.quoteBlockLen(b, true)-rest
		}
	}
	q.fillQuote()
}

// fillQuote wraps and caches the blocks on screen, so View finds them.
func (q *quoteMode) fillQuote() {
	n := -q.qskip
	for b := q.qtop; b < len(q.paras) && n < q.height; b++ {
		n += q.quoteBlockLen(b, true)
	}
}

// View draws the paragraphs on screen, the selected one marked.
func (q *quoteMode) View() string {
	margin := marginOf(q.width)
	cw, w := readWidth(q.width), q.quoteTextWidth()
	out := make([]string, 0, q.height)
	skip := q.qskip
	emit := func(l string) {
		if skip > 0 {
			skip--
			return
		}
		out = append(out, margin+l)
	}
	for b := q.qtop; b < len(q.paras) && len(out) < q.height; b++ {
		if b < 0 {
			emit(q.th.quote.head.Render(ansi.Truncate("Quote: choose a paragraph for the note", cw, "…")))
			emit(q.th.quote.rule.Render(strings.Repeat("─", cw)))
			continue
		}
		emit("")
		sel := b == q.qsel
		for _, l := range q.wrapPara(b, false) {
			if len(out) >= q.height {
				break
			}
			if sel {
				emit(q.th.quote.marker.Render("▌ ") + q.th.quote.selected.Render(fit(l, w)))
			} else {
				emit("  " + q.th.quote.text.Render(l))
			}
		}
	}
	return padLines(out, q.width, q.height)
}

// quoteText is a paragraph as a Markdown blockquote with a source line.
func quoteText(b *brief.Brief, para string) string {
	var sb strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(para), "\n") {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			sb.WriteString(">\n")
			continue
		}
		sb.WriteString("> " + l + "\n")
	}
	var src []string
	if s := strings.TrimSpace(clean(b.Source)); s != "" {
		src = append(src, s)
	}
	if d := b.Day(); d != "" {
		src = append(src, d)
	}
	if len(src) == 0 {
		src = append(src, strings.TrimSpace(clean(b.Title)))
	}
	sb.WriteString(">\n> — " + strings.Join(src, ", "))
	return sb.String()
}

// paragraphs splits a brief's Markdown body on blank lines.
func paragraphs(body string) []string {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for _, l := range strings.Split(body, "\n") {
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return out
}
