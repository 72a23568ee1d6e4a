package ui

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
	"github.com/charmbracelet/x/ansi"
)

// findMatch is one occurrence of the find query: a line of the reader and
// a byte range of its plain (ANSI-stripped) text.
type findMatch struct {
	line, start, end int
}

// readerModel shows one brief: a metadata header and the Glamour-rendered
// body, scrolled by keys and the wheel, with find-in-brief. Search runs on
// the stripped lines and the reader scrolls itself (the viewport's
// highlighting misplaces matches on styled text).
type readerModel struct {
	width, height int
	focused       bool
	th            *theme

	b       *brief.Brief
	header  []string
	body    []string  // styled lines, already passed through Safe
	bodyKey renderKey // what body was rendered for (may lag behind the width)
	bodyErr string

	tags     []string // the brief's tags, shown in the header
	note     string   // the user's note (Markdown), shown under the body
	noteBody []string // the note rendered
	noteKey  renderKey
	noteErr  string

	lines  []string // header + body + note
	plain  []string // lines without escape sequences
	offset int

	// choosing a paragraph to quote: the screen shows blocks from qtop on,
	// the first qskip lines of block qtop scrolled off (block -1 is the
	// title, block i >= 0 a blank line and paragraph i wrapped). Only the
	// blocks on screen are ever wrapped, so a key or a frame costs what is
	// visible, not the length of the brief.
	quoting bool
	paras   []string
	qsel    int
	qtop    int
	qskip   int
	qwrap   *quoteWraps

	find    textinput.Model
	finding bool // typing in the find box
	query   string
	matches []findMatch
	byLine  map[int][]findMatch
	cur     int
}

func newReader(th *theme) readerModel {
	return readerModel{th: th, find: newInput(th, "find: ", "text in this brief", 200)}
}

func (r *readerModel) setTheme(th *theme) {
	r.th = th
	r.find.SetStyles(th.input)
	r.rebuildHeader()
}

// contentWidth is the width text is laid out at (one cell of margin each side).
func (r *readerModel) contentWidth() int {
	if r.width >= 8 {
		return r.width - 2
	}
	return max(1, r.width)
}

// viewHeight is the number of lines of text on screen (the find line takes one).
func (r *readerModel) viewHeight() int {
	h := r.height
	if r.finding || r.query != "" {
		h--
	}
	return max(0, h)
}

func (r *readerModel) setSize(w, h int) {
	w, h = max(0, w), max(0, h)
	if w == r.width && h == r.height {
		return
	}
	widthChanged := w != r.width
	r.width, r.height = w, h
	r.find.SetWidth(max(1, w-len(r.find.Prompt)-2))
	if widthChanged {
		r.rebuildHeader()
	}
	r.clamp()
	if r.quoting {
		r.showQuoteSel()
	}
}

// wantKey is the render the reader needs now.
func (r *readerModel) wantKey() renderKey {
	if r.b == nil {
		return renderKey{}
	}
	return renderKey{id: r.b.ID, width: r.contentWidth(), style: r.th.glamourStyle()}
}

// setBrief shows b, with a cached body if there is one.
func (r *readerModel) setBrief(b *brief.Brief) {
	if b == r.b {
		return
	}
	r.b = b
	r.offset = 0
	r.body, r.bodyErr, r.bodyKey = nil, "", renderKey{}
	r.tags, r.note, r.noteBody, r.noteKey, r.noteErr = nil, "", nil, renderKey{}, ""
	r.stopQuote()
	r.clearFind()
	r.rebuildHeader()
}

// setTags shows the brief's tags in the header.
func (r *readerModel) setTags(tags []string) {
	if slices.Equal(tags, r.tags) {
		return
	}
	r.tags = tags
	r.rebuildHeader()
}

// setNote sets the note shown under the body; its render follows (the
// previous render stays until then).
func (r *readerModel) setNote(note string) {
	if note == r.note {
		return
	}
	r.note = note
	if strings.TrimSpace(note) == "" {
		r.noteBody, r.noteKey, r.noteErr = nil, renderKey{}, ""
	}
	r.rebuild()
}

// wantNoteKey is the note render the reader needs now.
func (r *readerModel) wantNoteKey() renderKey {
	if r.b == nil || strings.TrimSpace(r.note) == "" {
		return renderKey{}
	}
	return renderKey{id: r.b.ID, width: r.contentWidth(), style: r.th.glamourStyle(), note: noteHash(r.note)}
}

// needsNoteRender reports whether the note shown is not the one wanted.
func (r *readerModel) needsNoteRender() bool {
	want := r.wantNoteKey()
	return want.id != "" && r.noteKey != want
}

// setNoteBody installs a rendered note if it belongs to the note shown.
func (r *readerModel) setNoteBody(key renderKey, lines []string, err error) {
	want := r.wantNoteKey()
	if want.id == "" || key.id != want.id || key.note != want.note {
		return
	}
	if key != want && r.noteKey == want {
		return
	}
	r.noteKey = key
	if err != nil {
		r.noteBody, r.noteErr = nil, err.Error()
	} else {
		r.noteBody, r.noteErr = lines, ""
	}
	r.rebuild()
}

// setBody installs a rendered body if it belongs to the brief shown; a
// render at another width or style is kept only until the right one comes.
func (r *readerModel) setBody(key renderKey, lines []string, err error) {
	if r.b == nil || key.id != r.b.ID {
		return
	}
	want := r.wantKey()
	if key != want && r.bodyKey == want {
		return // already have the right one
	}
	r.bodyKey = key
	if err != nil {
		r.body, r.bodyErr = nil, err.Error()
	} else {
		r.body, r.bodyErr = lines, ""
	}
	r.rebuild()
}

// needsRender reports whether the body shown is not the one wanted.
func (r *readerModel) needsRender() bool {
	return r.b != nil && r.bodyKey != r.wantKey()
}

func (r *readerModel) rebuildHeader() {
	r.header = r.buildHeader()
	r.rebuild()
}

func (r *readerModel) buildHeader() []string {
	w := r.contentWidth()
	b := r.b
	if b == nil {
		return []string{r.th.readerNote.Render("No brief selected.")}
	}
	var out []string
	title := clean(b.Title)
	if title == "" {
		title = "(untitled)"
	}
	for _, l := range strings.Split(ansi.Wordwrap(title, w, ""), "\n") {
		out = append(out, r.th.hdrTitle.Render(ansi.Truncate(l, w, "…")))
	}
	field := func(label, value string) {
		if value == "" {
			return
		}
		label = fmt.Sprintf("%-9s ", label)
		text := ansi.Wordwrap(label+value, w, "")
		for i, l := range strings.Split(text, "\n") {
			l = ansi.Truncate(l, w, "…")
			if i == 0 && strings.HasPrefix(l, label) {
				out = append(out, r.th.hdrLabel.Render(label)+r.th.hdrValue.Render(l[len(label):]))
				continue
			}
			out = append(out, r.th.hdrValue.Render(l))
		}
	}
	src := clean(b.Source)
	if src == "" {
		src = "unknown"
	}
	field("Source", src)
	field("Date", cmp.Or(b.DateText(), "unknown"))
	field("Dateline", clean(b.Dateline))
	ed := "none"
	if b.Edition > 0 {
		ed = library.OrdinalLabel(b.Edition)
	}
	if len(b.EditionsMentioned) > 0 {
		ms := make([]string, len(b.EditionsMentioned))
		for i, e := range b.EditionsMentioned {
			ms[i] = library.OrdinalLabel(e)
		}
		ed += " (mentions " + strings.Join(ms, ", ") + ")"
	}
	field("Edition", ed)
	if len(b.Countries) > 0 {
		cs := make([]string, len(b.Countries))
		for i, c := range b.Countries {
			cs[i] = clean(c.Code + " " + c.Name)
		}
		field("Countries", strings.Join(cs, ", "))
	}
	if len(r.tags) > 0 {
		field("Tags", clean("#"+strings.Join(r.tags, " #")))
	}
	field("File", clean(b.Path))
	out = append(out, r.th.hdrRule.Render(strings.Repeat("─", w)))
	return out
}

// rebuild joins header and body and recomputes the find matches.
func (r *readerModel) rebuild() {
	r.lines = r.lines[:0]
	r.lines = append(r.lines, r.header...)
	switch {
	case r.b == nil:
	case r.bodyErr != "":
		r.lines = append(r.lines, "", r.th.readerNote.Render(clean("Could not render this brief: "+r.bodyErr)))
	case r.body == nil:
		r.lines = append(r.lines, "", r.th.readerNote.Render("Rendering…"))
	default:
		r.lines = append(r.lines, r.body...)
	}
	if r.b != nil && strings.TrimSpace(r.note) != "" {
		cw := r.contentWidth()
		r.lines = append(r.lines, "", r.th.noteHead.Render("  Note"), r.th.hdrRule.Render(strings.Repeat("─", cw)))
		switch {
		case r.noteErr != "":
			r.lines = append(r.lines, "", r.th.readerNote.Render(clean("Could not render the note: "+r.noteErr)))
		case r.noteBody == nil:
			r.lines = append(r.lines, "", r.th.readerNote.Render("Rendering…"))
		default:
			r.lines = append(r.lines, r.noteBody...)
		}
	}
	r.plain = make([]string, len(r.lines))
	for i, l := range r.lines {
		r.plain[i] = ansi.Strip(l)
	}
	r.computeMatches(false)
	r.clamp()
}

func (r *readerModel) maxOffset() int { return max(0, len(r.lines)-r.viewHeight()) }

func (r *readerModel) clamp() { r.offset = max(0, min(r.offset, r.maxOffset())) }

func (r *readerModel) scroll(delta int) {
	r.offset += delta
	r.clamp()
}

func (r *readerModel) top()    { r.offset = 0 }
func (r *readerModel) bottom() { r.offset = r.maxOffset() }

// openFind starts typing a find query.
func (r *readerModel) openFind() tea.Cmd {
	r.finding = true
	r.find.SetValue(r.query)
	r.find.CursorEnd()
	r.clamp()
	return r.find.Focus()
}

// closeFind stops typing; keep says whether the query stays active.
func (r *readerModel) closeFind(keep bool) {
	r.finding = false
	r.find.Blur()
	if !keep {
		r.clearFind()
	}
	r.clamp()
}

func (r *readerModel) clearFind() {
	r.finding = false
	r.find.Blur()
	r.find.SetValue("")
	r.query = ""
	r.matches, r.byLine, r.cur = nil, nil, 0
}

// updateFind passes a message to the find box and re-runs the search when
// the text changed.
func (r *readerModel) updateFind(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	r.find, cmd = r.find.Update(msg)
	if q := r.find.Value(); q != r.query {
		r.query = q
		r.computeMatches(true)
	}
	return cmd
}

// computeMatches finds the query in the plain lines; jump moves to the
// first match at or after the top of the screen.
func (r *readerModel) computeMatches(jump bool) {
	r.matches, r.byLine = nil, nil
	q := strings.ToLower(strings.TrimSpace(r.query))
	if q == "" {
		r.cur = 0
		return
	}
	r.byLine = map[int][]findMatch{}
	for i, l := range r.plain {
		low := strings.ToLower(l)
		sameLen := len(low) == len(l)
		for from := 0; from <= len(low); {
			k := strings.Index(low[from:], q)
			if k < 0 {
				break
			}
			m := findMatch{line: i, start: from + k, end: from + k + len(q)}
			if !sameLen { // case folding moved bytes: mark the whole line
				m.start, m.end = 0, len(l)
			}
			r.matches = append(r.matches, m)
			r.byLine[i] = append(r.byLine[i], m)
			if !sameLen {
				break
			}
			from = m.end
		}
	}
	if r.cur >= len(r.matches) {
		r.cur = 0
	}
	if jump && len(r.matches) > 0 {
		r.cur = sort.Search(len(r.matches), func(k int) bool { return r.matches[k].line >= r.offset })
		if r.cur >= len(r.matches) {
			r.cur = 0
		}
		r.showMatch()
	}
}

// nextMatch moves to the next (dir > 0) or previous match, wrapping around.
func (r *readerModel) nextMatch(dir int) bool {
	if len(r.matches) == 0 {
		return false
	}
	r.cur = (r.cur + dir + len(r.matches)) % len(r.matches)
	r.showMatch()
	return true
}

// showMatch scrolls so the current match sits a third of the way down.
func (r *readerModel) showMatch() {
	if r.cur >= len(r.matches) {
		return
	}
	line := r.matches[r.cur].line
	vh := r.viewHeight()
	if line < r.offset || line >= r.offset+vh {
		r.offset = line - vh/3
	}
	r.clamp()
}

// findStatus describes the find state, e.g. `2 of 5`.
func (r *readerModel) findStatus() string {
	if r.query == "" {
		return ""
	}
	if len(r.matches) == 0 {
		return "no match"
	}
	return fmt.Sprintf("%d of %d", r.cur+1, len(r.matches))
}

// View renders exactly height lines of width cells.
func (r *readerModel) View() string {
	if r.width <= 0 || r.height <= 0 {
		return ""
	}
	vh := r.viewHeight()
	margin := ""
	if r.width >= 8 {
		margin = " "
	}
	cw := r.contentWidth()
	if r.quoting {
		return r.quoteView(margin)
	}
	out := make([]string, 0, r.height)
	var curLine = -1
	if r.cur < len(r.matches) {
		curLine = r.matches[r.cur].line
	}
	for i := r.offset; i < len(r.lines) && len(out) < vh; i++ {
		if ms, ok := r.byLine[i]; ok {
			out = append(out, margin+r.highlight(r.plain[i], ms, i == curLine, cw))
			continue
		}
		out = append(out, margin+r.lines[i])
	}
	for len(out) < vh {
		out = append(out, "")
	}
	if r.finding || r.query != "" {
		var line string
		if r.finding {
			line = r.find.View()
		} else {
			line = r.th.barPrompt.Render("find: ") + r.th.barQuery.Render(clean(r.query))
		}
		if st := r.findStatus(); st != "" {
			line += "  " + r.th.barHint.Render(st)
		}
		out = append(out, margin+line)
	}
	return padLines(out, r.width, r.height)
}

// highlight renders a plain line with its matches marked.
func (r *readerModel) highlight(line string, ms []findMatch, current bool, w int) string {
	var b strings.Builder
	last := 0
	style := r.th.match
	if current {
		style = r.th.matchCurrent
	}
	for _, m := range ms {
		if m.start < last || m.end > len(line) {
			continue
		}
		b.WriteString(line[last:m.start])
		b.WriteString(style.Render(line[m.start:m.end]))
		last = m.end
	}
	b.WriteString(line[last:])
	return ansi.Truncate(b.String(), w, "")
}

// startQuote enters paragraph selection over paras.
func (r *readerModel) startQuote(paras []string) bool {
	if len(paras) == 0 {
		return false
	}
	r.quoting, r.paras, r.qsel, r.qtop, r.qskip = true, paras, 0, -1, 0
	r.qwrap = &quoteWraps{lines: map[quoteWrapKey][]string{}}
	r.clearFind()
	r.showQuoteSel()
	return true
}

func (r *readerModel) stopQuote() {
	r.quoting, r.paras, r.qsel, r.qtop, r.qskip, r.qwrap = false, nil, 0, -1, 0, nil
}

// quotePara is the paragraph selected.
func (r *readerModel) quotePara() string {
	if !r.quoting || r.qsel < 0 || r.qsel >= len(r.paras) {
		return ""
	}
	return r.paras[r.qsel]
}

// moveQuote moves the selection and scrolls it into view.
func (r *readerModel) moveQuote(delta int) {
	if !r.quoting {
		return
	}
	r.qsel = max(0, min(r.qsel+delta, len(r.paras)-1))
	r.showQuoteSel()
}

// quoteWraps caches paragraphs wrapped for quote mode, per paragraph and
// width. It is filled from Update only (View reads it and wraps what is
// missing without storing), and emptied when it grows past maxQuoteWraps.
type quoteWraps struct {
	lines map[quoteWrapKey][]string
}

type quoteWrapKey struct{ para, width int }

// maxQuoteWraps bounds the quote-mode wrap cache (paragraphs x widths).
const maxQuoteWraps = 4096

// quoteTextWidth is the width paragraphs are wrapped at (after the marker).
func (r *readerModel) quoteTextWidth() int { return max(1, r.contentWidth()-2) }

// wrapPara returns paragraph i wrapped (plain text, one entry per line),
// from the cache or computed; store says whether to cache it.
func (r *readerModel) wrapPara(i int, store bool) []string {
	w := r.quoteTextWidth()
	k := quoteWrapKey{para: i, width: w}
	if r.qwrap != nil {
		if ls, ok := r.qwrap.lines[k]; ok {
			return ls
		}
	}
	var out []string
	for _, pl := range strings.Split(r.paras[i], "\n") {
		for _, l := range strings.Split(ansi.Wordwrap(clean(pl), w, ""), "\n") {
			out = append(out, ansi.Truncate(l, w, "…"))
		}
	}
	if store && r.qwrap != nil {
		if len(r.qwrap.lines) >= maxQuoteWraps {
			clear(r.qwrap.lines)
		}
		r.qwrap.lines[k] = out
	}
	return out
}

// quoteBlockLen is the number of lines of block b: 2 for the title (-1),
// else a blank line and the wrapped paragraph.
func (r *readerModel) quoteBlockLen(b int, store bool) int {
	if b < 0 {
		return 2
	}
	return 1 + len(r.wrapPara(b, store))
}

// showQuoteSel scrolls so the selected paragraph is on screen: its last
// line at the bottom when it was below, its first line at the top when it
// was above or is taller than the screen; the first paragraph shows the
// title too when there is room. It looks at the blocks between the top of the screen and the
// selection only as far as one screen, so G on a huge brief costs a screen.
func (r *readerModel) showQuoteSel() {
	if !r.quoting {
		return
	}
	h, sel := r.height, r.qsel
	// after a narrowing resize the lines skipped may pass block qtop
	for r.qtop < sel && r.qskip > 0 && r.qskip >= r.quoteBlockLen(r.qtop, true) {
		r.qskip -= r.quoteBlockLen(r.qtop, true)
		r.qtop++
	}
	switch {
	case h <= 0:
	case sel == 0 && h >= 4: // the title, a blank line and a line of text fit
		r.qtop, r.qskip = -1, 0
	case r.qtop > sel || (r.qtop == sel && r.qskip > 1):
		r.qtop, r.qskip = sel, 1 // above the screen
	default:
		// d: lines from the top of the screen to the start of block sel,
		// counted only until it passes the screen
		d := -r.qskip
		for b := r.qtop; b < sel && d <= h; b++ {
			d += r.quoteBlockLen(b, true)
		}
		end := d + r.quoteBlockLen(sel, true)
		if end <= h {
			break // visible
		}
		if r.quoteBlockLen(sel, true) > h {
			r.qtop, r.qskip = sel, 1 // taller than the screen: its start
			break
		}
		// end of block sel at the bottom: walk up one screen
		b, rest := sel, h
		for b > -1 && rest > r.quoteBlockLen(b, true) {
			rest -= r.quoteBlockLen(b, true)
			b--
		}
		if b < -1 || (b == -1 && rest >= 2) {
			r.qtop, r.qskip = -1, 0
		} else {
			r.qtop, r.qskip = b, r.quoteBlockLen(b, true)-rest
		}
	}
	r.fillQuote()
}

// fillQuote wraps and caches the blocks on screen, so View finds them.
func (r *readerModel) fillQuote() {
	n := -r.qskip
	for b := r.qtop; b < len(r.paras) && n < r.height; b++ {
		n += r.quoteBlockLen(b, true)
	}
}

// quoteView draws the paragraphs on screen, the selected one marked.
func (r *readerModel) quoteView(margin string) string {
	cw, w := r.contentWidth(), r.quoteTextWidth()
	out := make([]string, 0, r.height)
	skip := r.qskip
	emit := func(l string) {
		if skip > 0 {
			skip--
			return
		}
		out = append(out, margin+l)
	}
	for b := r.qtop; b < len(r.paras) && len(out) < r.height; b++ {
		if b < 0 {
			emit(r.th.noteHead.Render(ansi.Truncate("Quote: choose a paragraph for the note", cw, "…")))
			emit(r.th.hdrRule.Render(strings.Repeat("─", cw)))
			continue
		}
		emit("")
		sel := b == r.qsel
		for _, l := range r.wrapPara(b, false) {
			if len(out) >= r.height {
				break
			}
			if sel {
				emit(r.th.mark.Render("▌ ") + r.th.quoteSel.Render(fit(l, w)))
			} else {
				emit("  " + r.th.quoteText.Render(l))
			}
		}
	}
	return padLines(out, r.width, r.height)
}
