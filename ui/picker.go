package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/library"
	"github.com/charmbracelet/x/ansi"
)

// pickerRow is a section header or one facet value.
type pickerRow struct {
	header string
	fv     library.FacetValue
}

func (r pickerRow) isHeader() bool { return r.header != "" }

// pickerModel is the facet picker, a pane and a scroller: the facets of
// the library's registry (editions, countries, sources, tags), each value
// with the number of briefs it would show given the other active filters.
type pickerModel struct {
	km      *keyMap
	rows    []pickerRow
	cursor  int // index into rows, never a header when values exist
	offset  int
	width   int
	height  int
	focused bool
	th      *theme
}

// pickerTitleLines is the picker's own heading.
const pickerTitleLines = 2

func newPicker(th *theme, km *keyMap) pickerModel { return pickerModel{th: th, km: km} }

func (p *pickerModel) setSize(w, h int) {
	p.width, p.height = max(0, w), max(0, h)
	p.clamp()
}

func (p *pickerModel) setTheme(th *theme) { p.th = th }

func (p *pickerModel) listHeight() int { return max(1, p.height-pickerTitleLines) }

func (p *pickerModel) page() int { return p.listHeight() }
func (p *pickerModel) top()      { p.moveTo(0) }
func (p *pickerModel) bottom()   { p.moveTo(len(p.rows) - 1) }

// commands are the picker's own keys (the movement keys come first).
func (p *pickerModel) commands() []command {
	return []command{
		{key: p.km.Toggle, run: func(m *Model) tea.Cmd { return m.picker.toggle(m) }},
		{key: p.km.Search, run: (*Model).openSearch},
	}
}

// toggle writes the selected value's term into the query (or takes it
// out) and searches.
func (p *pickerModel) toggle(m *Model) tea.Cmd {
	fv, ok := p.selected()
	if !ok || m.lib == nil {
		return nil
	}
	q := m.lib.ToggleFacet(m.query, fv)
	// show the checkbox flip at once; counts follow with the search
	p.rows[p.cursor].fv.Active = !fv.Active
	return m.setQuery(q)
}

// bindings are the picker's keys for the help line.
func (p *pickerModel) bindings() []key.Binding {
	k := p.km
	return []key.Binding{k.Toggle, k.Clear, k.Back, k.Help, k.Quit, k.Search, k.Focus}
}

// setFacets replaces the values, keeping the cursor on the same value.
func (p *pickerModel) setFacets(f library.Facets) {
	var keep library.FacetValue
	if p.cursor < len(p.rows) {
		keep = p.rows[p.cursor].fv
	}
	p.rows = p.rows[:0]
	add := func(title string, vs []library.FacetValue) {
		if len(vs) == 0 {
			return
		}
		p.rows = append(p.rows, pickerRow{header: title})
		for _, v := range vs {
			p.rows = append(p.rows, pickerRow{fv: v})
		}
	}
	for _, g := range f {
		add(g.Title, g.Values)
	}
	p.cursor = -1
	for i, r := range p.rows {
		if !r.isHeader() && r.fv.Field == keep.Field && r.fv.Value == keep.Value {
			p.cursor = i
			break
		}
	}
	if p.cursor < 0 {
		p.cursor = 0
		p.skip(1)
	}
	p.clamp()
}

// selected returns the value under the cursor.
func (p *pickerModel) selected() (library.FacetValue, bool) {
	if p.cursor < 0 || p.cursor >= len(p.rows) || p.rows[p.cursor].isHeader() {
		return library.FacetValue{}, false
	}
	return p.rows[p.cursor].fv, true
}

// skip moves off a header in direction dir.
func (p *pickerModel) skip(dir int) {
	for p.cursor >= 0 && p.cursor < len(p.rows) && p.rows[p.cursor].isHeader() {
		p.cursor += dir
	}
	if p.cursor < 0 || p.cursor >= len(p.rows) { // ran off an end: go the other way
		p.cursor = max(0, min(p.cursor, len(p.rows)-1))
		for p.cursor >= 0 && p.cursor < len(p.rows) && p.rows[p.cursor].isHeader() {
			p.cursor -= dir
		}
	}
	p.cursor = max(0, min(p.cursor, len(p.rows)-1))
}

func (p *pickerModel) move(delta int) {
	if len(p.rows) == 0 {
		return
	}
	dir := 1
	if delta < 0 {
		dir = -1
	}
	p.cursor = max(0, min(p.cursor+delta, len(p.rows)-1))
	p.skip(dir)
	p.follow()
}

func (p *pickerModel) moveTo(i int) {
	if len(p.rows) == 0 {
		return
	}
	dir := 1
	if i < p.cursor {
		dir = -1
	}
	p.cursor = max(0, min(i, len(p.rows)-1))
	p.skip(dir)
	p.follow()
}

// follow scrolls so the cursor (and the header above a first value) shows.
func (p *pickerModel) follow() {
	h := p.listHeight()
	if p.cursor < p.offset {
		p.offset = p.cursor
		if p.offset > 0 && p.rows[p.offset-1].isHeader() {
			p.offset--
		}
	}
	if p.cursor >= p.offset+h {
		p.offset = p.cursor - h + 1
	}
	p.clamp()
}

func (p *pickerModel) scroll(delta int) {
	p.offset += delta
	p.clamp()
}

func (p *pickerModel) clamp() {
	p.offset = max(0, min(p.offset, len(p.rows)-p.listHeight()))
	p.cursor = max(0, min(p.cursor, len(p.rows)-1))
}

// rowAt maps a line of the picker (0 = its first line) to a row index.
func (p *pickerModel) rowAt(y int) (int, bool) {
	y -= pickerTitleLines
	if y < 0 || y >= p.listHeight() {
		return 0, false
	}
	i := p.offset + y
	return i, i < len(p.rows) && !p.rows[i].isHeader()
}

// View renders exactly height lines of width cells.
func (p *pickerModel) View() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	w := p.width
	title := p.th.picker.title
	lines := []string{
		" " + title.Render(ansi.Truncate("Filters", w-1, "…")),
		" " + p.th.picker.subtitle.Render(ansi.Truncate("values of a facet are ORed, facets ANDed", max(0, w-1), "…")),
	}
	if len(p.rows) == 0 {
		lines = append(lines, " "+p.th.picker.empty.Render("No values to filter by."))
	}
	end := min(len(p.rows), p.offset+p.listHeight())
	for i := p.offset; i < end; i++ {
		r := p.rows[i]
		if r.isHeader() {
			lines = append(lines, " "+p.th.picker.header.Render(ansi.Truncate(r.header, max(0, w-1), "…")))
			continue
		}
		lines = append(lines, p.valueLine(r.fv, i == p.cursor))
	}
	return padLines(lines, w, p.height)
}

func (p *pickerModel) valueLine(v library.FacetValue, cursor bool) string {
	w := p.width
	box := "[ ]"
	if v.Active {
		box = "[x]"
	}
	count := strconv.Itoa(v.Count)
	label := clean(v.Label)
	// "  [x] label ....... count "
	avail := w - 2 - len(box) - 1 - len(count) - 2
	if avail < 1 {
		return fit("  "+box+" "+label, w)
	}
	label = ansi.Truncate(label, avail, "…")
	gap := avail - ansi.StringWidth(label)
	plain := "  " + box + " " + label + strings.Repeat(" ", gap+1) + count + " "
	if cursor && p.focused {
		return p.th.picker.cursor.Render(fit(plain, w))
	}
	labelStyle := p.th.picker.value
	switch {
	case v.Active:
		labelStyle = p.th.picker.active
	case v.Count == 0:
		labelStyle = p.th.picker.zero
	}
	marker := "  "
	if cursor {
		marker = "› "
	}
	return marker + labelStyle.Render(box+" "+label) + strings.Repeat(" ", gap+1) + p.th.picker.count.Render(count) + " "
}
