package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/charmbracelet/x/ansi"
)

// readerModel shows one brief: a metadata header and the Glamour-rendered
// body with the user's note under it, scrolled by keys and the wheel, with
// find in the brief (find.go; quote mode is an overlay, quote.go). It is a
// pane and a scroller.
type readerModel struct {
	width, height int
	focused       bool
	th            *theme
	km            *keyMap

	b      *brief.Brief
	header []string
	body   shownRender // the brief's body rendered (may lag behind the width)

	// text is the brief's body (Markdown): in b, or read from its file by
	// a command (bodyMsg) when the collection holds no bodies
	text     string
	haveText bool
	textErr  string

	tags     []string    // the brief's tags, shown in the header
	people   []string    // who of a team annotated it, shown in the header
	note     string      // the user's note (Markdown), shown under the body
	noteBody shownRender // the note rendered

	lines  []string // header + body + note
	plain  []string // lines without escape sequences
	offset int

	// places are where each brief was left (brief ID -> offset), so that
	// going back to a brief goes back to where one was reading; restore is
	// the offset to return to once the brief's text is laid out.
	places  map[string]int
	restore int

	finder // find in the brief
}

func newReader(th *theme, km *keyMap) readerModel {
	return readerModel{th: th, km: km, finder: finder{box: newInput(th, "find: ", "text in this brief", 200)}}
}

func (r *readerModel) setTheme(th *theme) {
	r.th = th
	r.box.SetStyles(th.input)
	r.rebuildHeader()
}

// contentWidth is the width text is laid out at (one cell of margin each
// side, at most maxReadWidth).
func (r *readerModel) contentWidth() int { return readWidth(r.width) }

// viewHeight is the number of lines of text on screen (the find line takes one).
func (r *readerModel) viewHeight() int {
	h := r.height
	if r.box.Focused() || r.query != "" {
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
	r.box.SetWidth(max(1, w-len(r.box.Prompt)-2))
	if widthChanged {
		r.rebuildHeader()
	}
	r.clamp()
}

// setBrief shows b; it reports whether that is another brief. The same
// brief (same ID) from a newer collection keeps its place and its text.
func (r *readerModel) setBrief(b *brief.Brief) bool {
	if b == r.b {
		return false
	}
	if b != nil && r.b != nil && b.ID == r.b.ID { // the same brief, corrected
		r.b = b
		r.rebuildHeader()
		return false
	}
	r.keepPlace()
	r.b = b
	r.offset, r.restore = 0, 0
	if b != nil {
		r.restore = r.places[b.ID]
	}
	r.body, r.tags, r.note, r.noteBody = shownRender{}, nil, "", shownRender{}
	r.text, r.haveText, r.textErr = "", false, ""
	if b != nil && b.Body != "" {
		r.text, r.haveText = b.Body, true
	}
	r.clearFind()
	r.rebuildHeader()
	return true
}

// setTags shows the brief's tags in the header.
func (r *readerModel) setTags(tags []string) {
	if slices.Equal(tags, r.tags) {
		return
	}
	r.tags = tags
	r.rebuildHeader()
}

// setPeople shows who of a team tagged, noted or corrected the brief
// (none: no line).
func (r *readerModel) setPeople(names []string) {
	if slices.Equal(names, r.people) {
		return
	}
	r.people = names
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
		r.noteBody = shownRender{}
	}
	r.rebuild()
}

// needsText reports whether the brief's body is still to be read.
func (r *readerModel) needsText() bool { return r.b != nil && !r.haveText && r.textErr == "" }

// setText installs the body read for brief id.
func (r *readerModel) setText(id, text string, err error) {
	if r.b == nil || r.b.ID != id || r.haveText {
		return
	}
	if err != nil {
		r.textErr = err.Error()
	} else {
		r.text, r.haveText = text, true
	}
	r.rebuild()
}

// shownRender is a Glamour render the reader shows: the key it was made
// for, and its lines or its error.
type shownRender struct {
	key   renderKey
	lines []string // styled, already passed through Safe
	err   string
}

// renderWant is a render the reader needs: its key and the Markdown.
type renderWant struct {
	key renderKey
	md  string
}

// wants are the renders the reader needs now and does not show: the
// brief's body, and the note when there is one.
func (r *readerModel) wants() []renderWant {
	if r.b == nil {
		return nil
	}
	var out []renderWant
	k := renderKey{id: r.b.ID, width: r.contentWidth(), style: r.th.glamourStyle()}
	if r.body.key != k && r.haveText {
		out = append(out, renderWant{k, r.text})
	}
	if strings.TrimSpace(r.note) != "" {
		k.note = noteHash(r.note)
		if r.noteBody.key != k {
			out = append(out, renderWant{k, r.note})
		}
	}
	return out
}

// install shows a finished render of the body or the note if it belongs
// to what is shown; a render at another width or style is kept only until
// the right one comes.
func (r *readerModel) install(key renderKey, lines []string, err error) {
	if r.b == nil || key.id != r.b.ID {
		return
	}
	want := renderKey{id: r.b.ID, width: r.contentWidth(), style: r.th.glamourStyle()}
	shown := &r.body
	if key.note != 0 {
		if strings.TrimSpace(r.note) == "" || key.note != noteHash(r.note) {
			return // a render of another version of the note
		}
		want.note, shown = key.note, &r.noteBody
	}
	if key != want && shown.key == want {
		return // already have the right one
	}
	shown.key, shown.lines, shown.err = key, lines, ""
	if err != nil {
		shown.lines, shown.err = nil, err.Error()
	}
	r.rebuild()
}

// appendRender adds a render to the reader's lines, or says it is coming
// or failed.
func (r *readerModel) appendRender(s shownRender, what string) {
	switch {
	case s.err != "":
		r.lines = append(r.lines, "", r.th.reader.note.Render(clean("Could not render "+what+": "+s.err)))
	case s.lines == nil:
		r.lines = append(r.lines, "", r.th.reader.note.Render("Rendering…"))
	default:
		r.lines = append(r.lines, s.lines...)
	}
}

// rebuild joins header and body and recomputes the find matches.
func (r *readerModel) rebuild() {
	r.lines = r.lines[:0]
	r.lines = append(r.lines, r.header...)
	switch {
	case r.b == nil:
	case r.textErr != "":
		r.lines = append(r.lines, "", r.th.reader.note.Render(clean("Could not read this brief: "+r.textErr)))
	default:
		r.appendRender(r.body, "this brief")
	}
	if r.b != nil && strings.TrimSpace(r.note) != "" {
		cw := r.contentWidth()
		r.lines = append(r.lines, "", r.th.reader.noteHead.Render("  Note"), r.th.reader.rule.Render(strings.Repeat("─", cw)))
		r.appendRender(r.noteBody, "the note")
	}
	r.plain = make([]string, len(r.lines))
	for i, l := range r.lines {
		r.plain[i] = ansi.Strip(l)
	}
	r.computeMatches(false)
	if r.restore > 0 {
		r.offset = r.restore
		if r.laidOut() {
			r.restore = 0
		}
	}
	r.clamp()
}

// maxPlaces bounds the places remembered.
const maxPlaces = 4096

// keepPlace remembers where the brief shown was left.
func (r *readerModel) keepPlace() {
	if r.b == nil {
		return
	}
	off := r.offset
	if r.restore > 0 && !r.laidOut() {
		off = r.restore // left before its text came: the old place stands
	}
	if off == 0 {
		delete(r.places, r.b.ID)
		return
	}
	if r.places == nil || len(r.places) >= maxPlaces {
		r.places = map[string]int{}
	}
	r.places[r.b.ID] = off
}

// laidOut reports whether the brief's text is on screen (rendered, or a
// message saying why not), so that a place in it means something.
func (r *readerModel) laidOut() bool {
	return r.textErr != "" || r.body.err != "" || (r.body.lines != nil && r.body.key.width == r.contentWidth())
}

func (r *readerModel) maxOffset() int { return max(0, len(r.lines)-r.viewHeight()) }

func (r *readerModel) clamp() { r.offset = max(0, min(r.offset, r.maxOffset())) }

func (r *readerModel) move(delta int) {
	r.offset += delta
	r.restore = 0
	r.clamp()
}

func (r *readerModel) top()      { r.offset, r.restore = 0, 0 }
func (r *readerModel) bottom()   { r.offset, r.restore = r.maxOffset(), 0 }
func (r *readerModel) page() int { return max(1, r.viewHeight()-1) }

// commands are the reader's own keys (the movement keys come first).
func (r *readerModel) commands() []command {
	return []command{
		{key: r.km.Find, run: (*Model).openFind},
		{key: r.km.Quote, run: (*Model).startQuote},
		{key: r.km.NextMatch, run: func(m *Model) tea.Cmd { return m.reader.next(m, 1) }},
		{key: r.km.PrevMatch, run: func(m *Model) tea.Cmd { return m.reader.next(m, -1) }},
	}
}

// bindings are the reader's keys for the help line.
func (r *readerModel) bindings() []key.Binding {
	k := r.km
	if r.query != "" {
		return []key.Binding{k.NextMatch, k.PrevMatch, k.Find, k.Back, k.Help, k.Quit}
	}
	return []key.Binding{k.Find, k.Tag, k.Note, k.Quote, k.Back, k.Help, k.Quit}
}

// View renders exactly height lines of width cells.
func (r *readerModel) View() string {
	if r.width <= 0 || r.height <= 0 {
		return ""
	}
	vh := r.viewHeight()
	margin := marginOf(r.width)
	cw := r.contentWidth()
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
	if line := r.findLine(); line != "" {
		out = append(out, margin+line)
	}
	return padLines(out, r.width, r.height)
}
