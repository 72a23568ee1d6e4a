package ui

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/textmatch"
	"github.com/charmbracelet/x/ansi"
)

// findMatch is one occurrence of the find query: a line of the reader and
// a byte range of its plain (ANSI-stripped) text.
type findMatch struct {
	line, start, end int
}

// finder is the reader's find in the brief: the query, its matches in the
// reader's plain lines, and the box it is typed in (focused while the find
// box overlay is open). Search runs on the stripped lines and the reader
// scrolls itself (the viewport's highlighting misplaces matches on styled
// text).
type finder struct {
	box     textinput.Model
	query   string
	matches []findMatch
	byLine  map[int][]findMatch
	cur     int
}

// findBox is the overlay that takes the keys while a find query is typed:
// enter keeps the query (n and N then move between matches), esc clears
// it. The reader draws the box.
type findBox struct {
	drawnInPlace
	km *keyMap
}

// openFind opens the find box on the reader's query.
func (m *Model) openFind() tea.Cmd {
	r := &m.reader
	r.box.SetValue(r.query)
	r.box.CursorEnd()
	cmd := r.box.Focus()
	r.clamp()
	m.push(&findBox{km: m.km})
	return cmd
}

func (f *findBox) update(m *Model, msg tea.Msg) (tea.Cmd, bool) {
	r := &m.reader
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, f.km.Accept):
			f.close(m, true)
			return nil, true
		case key.Matches(msg, f.km.Cancel):
			f.close(m, false)
			return nil, true
		}
		return r.updateFind(msg), true
	case tea.PasteMsg:
		return r.updateFind(msg), true
	case tea.MouseClickMsg:
		return nil, true // no clicks while typing
	case tea.MouseWheelMsg:
		return nil, false // the panes scroll
	}
	return r.updateFind(msg), false // cursor blinks
}

// close stops typing; keep says whether the query stays active.
func (f *findBox) close(m *Model, keep bool) {
	m.pop(f)
	m.reader.box.Blur()
	if !keep {
		m.reader.clearFind()
	}
	m.reader.clamp()
}

func (f *findBox) briefChanged(m *Model) { m.pop(f) } // the reader cleared the find

func (f *findBox) bindings() []key.Binding {
	return []key.Binding{f.km.Accept, f.km.Cancel, f.km.ForceQuit}
}

func (r *readerModel) clearFind() {
	r.box.Blur()
	r.box.SetValue("")
	r.query = ""
	r.matches, r.byLine, r.cur = nil, nil, 0
}

// updateFind passes a message to the find box and re-runs the search when
// the text changed.
func (r *readerModel) updateFind(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	r.box, cmd = r.box.Update(msg)
	if q := r.box.Value(); q != r.query {
		r.query = q
		r.computeMatches(true)
	}
	return cmd
}

// next moves to the next (dir > 0) or previous match, wrapping around, or
// says the query is not in the brief.
func (r *readerModel) next(m *Model, dir int) tea.Cmd {
	if len(r.matches) == 0 {
		if r.query != "" {
			return m.flash(fmt.Sprintf("%q not found in this brief", r.query), false)
		}
		return nil
	}
	next := r.cur + dir
	r.cur = (next + len(r.matches)) % len(r.matches)
	r.showMatch()
	switch {
	case len(r.matches) == 1:
		return m.flash(fmt.Sprintf("%q: the only match in this brief", r.query), false)
	case next >= len(r.matches):
		return m.flash("search wrapped to the top", false)
	case next < 0:
		return m.flash("search wrapped to the bottom", false)
	}
	return nil
}

// computeMatches finds the query in the plain lines; jump moves to the
// first match at or after the top of the screen. Text without Arabic is
// found as a substring ignoring case; Arabic as the search matches it
// (textmatch.Finder: الوزراء finds وزراء, القمه finds القمة).
func (r *readerModel) computeMatches(jump bool) {
	r.matches, r.byLine = nil, nil
	f := textmatch.NewFinder(r.query)
	if f.Empty() {
		r.cur = 0
		return
	}
	r.byLine = map[int][]findMatch{}
	for i, l := range r.plain {
		for _, rg := range f.FindAll(l) {
			m := findMatch{line: i, start: rg[0], end: rg[1]}
			r.matches = append(r.matches, m)
			r.byLine[i] = append(r.byLine[i], m)
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

// findLine is the reader's last line while finding: the box being typed
// in, or the query kept, with the match count; "" when not finding.
func (r *readerModel) findLine() string {
	if !r.box.Focused() && r.query == "" {
		return ""
	}
	var line string
	if r.box.Focused() {
		line = r.box.View()
	} else {
		line = r.th.bar.prompt.Render(r.box.Prompt) + r.th.bar.query.Render(clean(r.query))
	}
	if st := r.findStatus(); st != "" {
		line += "  " + r.th.bar.hint.Render(st)
	}
	return line
}

// highlight renders a plain line with its matches marked.
func (r *readerModel) highlight(line string, ms []findMatch, current bool, w int) string {
	var b strings.Builder
	last := 0
	style := r.th.reader.match
	if current {
		style = r.th.reader.matchCurrent
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
