package ui

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/textmatch"
	"github.com/charmbracelet/x/ansi"
)

// pickerRow is a section header or one facet value.
type pickerRow struct {
	header    string
	fv        library.FacetValue
	readState bool // the value is of the read state facet (no unread count)
	sub       bool // an edition listed under its series, indented
}

func (r pickerRow) isHeader() bool { return r.header != "" }

// pickerModel is the facet picker, a pane and a scroller: the facets of
// the library's registry (editions, countries, sources, tags, read state),
// each value with the number of briefs it would show given the other
// active filters, and how many of them are unread. / filters the values by
// what is typed (a country among sixty); space toggles a value, enter
// applies it and closes the picker.
type pickerModel struct {
	km        *keyMap
	all       []pickerRow // every row of the facets
	rows      []pickerRow // the rows shown: all, or those the filter keeps
	readKnown bool        // the read state is known: counts are unread/all
	cursor    int         // index into rows, never a header when values exist
	offset    int
	width     int
	height    int
	focused   bool
	th        *theme

	box    textinput.Model // the filter, typed while the pickerFilter overlay is open
	filter string
}

// pickerTitleLines is the picker's own heading.
const pickerTitleLines = 2

func newPicker(th *theme, km *keyMap) pickerModel {
	return pickerModel{th: th, km: km, box: newInput(th, "filter: ", "part of a value's name", 100)}
}

func (p *pickerModel) setSize(w, h int) {
	p.width, p.height = max(0, w), max(0, h)
	p.box.SetWidth(max(1, w-len(p.box.Prompt)-2))
	p.clamp()
}

func (p *pickerModel) setTheme(th *theme) {
	p.th = th
	p.box.SetStyles(th.input)
}

func (p *pickerModel) listHeight() int { return max(1, p.height-pickerTitleLines) }

func (p *pickerModel) page() int { return p.listHeight() }
func (p *pickerModel) top()      { p.moveTo(0) }
func (p *pickerModel) bottom()   { p.moveTo(len(p.rows) - 1) }

// commands are the picker's own keys (the movement keys come first).
func (p *pickerModel) commands() []command {
	return []command{
		{key: p.km.Toggle, run: func(m *Model) tea.Cmd { return m.picker.toggle(m) }},
		{key: p.km.ApplyValue, run: func(m *Model) tea.Cmd { return m.picker.apply(m) }},
		{key: p.km.FilterValues, run: (*Model).openPickerFilter},
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

// apply selects the value under the cursor (unless it is selected
// already) and closes the picker: the list shows the result.
func (p *pickerModel) apply(m *Model) tea.Cmd {
	var cmd tea.Cmd
	if fv, ok := p.selected(); ok && !fv.Active {
		cmd = p.toggle(m)
	}
	p.setFilter("")
	m.pickerOpen, m.focus = false, paneList
	return cmd
}

// bindings are the picker's keys for the help line.
func (p *pickerModel) bindings() []key.Binding {
	k := p.km
	return []key.Binding{k.Toggle, k.ApplyValue, k.FilterValues, k.Clear, k.Back, k.Help, k.Quit}
}

// setFacets replaces the values, keeping the cursor on the same value.
func (p *pickerModel) setFacets(f library.Facets, readKnown bool) {
	p.readKnown = readKnown
	p.all = p.all[:0]
	for _, g := range f {
		if len(g.Values) == 0 || g.ReadState && !readKnown {
			continue
		}
		p.all = append(p.all, pickerRow{header: g.Title})
		for _, v := range g.Values {
			p.all = append(p.all, pickerRow{fv: v, readState: g.ReadState})
			for _, e := range v.Editions { // a series' editions (issue 7 item 4)
				p.all = append(p.all, pickerRow{fv: e, sub: true})
			}
		}
	}
	p.refilter()
}

// setFilter filters the values by text (as typed in the filter box).
func (p *pickerModel) setFilter(s string) {
	if s == p.filter {
		return
	}
	p.filter = s
	p.refilter()
}

// refilter makes the rows shown from all rows and the filter, keeping the
// cursor on the same value when it is still shown.
func (p *pickerModel) refilter() {
	var keep library.FacetValue
	if p.cursor >= 0 && p.cursor < len(p.rows) {
		keep = p.rows[p.cursor].fv
	}
	p.rows = p.rows[:0]
	q := strings.TrimSpace(p.filter)
	var header *pickerRow // the heading of the values that follow, until one is shown
	parentShown := false  // the value the sub-values that follow are under is shown
	for i, r := range p.all {
		switch {
		case r.isHeader():
			header = &p.all[i]
		case r.sub:
			if parentShown {
				p.rows = append(p.rows, r)
			}
		case q == "" || valueMatches(r.fv, q):
			parentShown = true
			if header != nil {
				p.rows = append(p.rows, *header)
				header = nil
			}
			p.rows = append(p.rows, r)
		default:
			parentShown = false
		}
	}
	p.cursor = -1
	for i, r := range p.rows {
		if !r.isHeader() && r.fv.Field == keep.Field && r.fv.Value == keep.Value && r.fv.Series == keep.Series {
			p.cursor = i
			break
		}
	}
	if p.cursor < 0 {
		p.cursor = 0
		p.skip(1)
	}
	p.clamp()
	p.follow()
}

// valueMatches reports whether a facet value is one the filter text q
// names: its label or value contains q, ignoring case, or a word of it
// starts with q as search matches Arabic (the article and spelling
// variants do not stand in the way).
func valueMatches(v library.FacetValue, q string) bool {
	lq := strings.ToLower(q)
	if strings.HasPrefix(strings.ToLower(v.Value), lq) {
		return true
	}
	label := strings.ToLower(v.Label)
	for i := range label {
		if (i == 0 || !isWordRune(label[:i])) && strings.HasPrefix(label[i:], lq) {
			return true
		}
	}
	for _, w := range strings.Fields(v.Label) {
		if textmatch.NameHasPrefix(w, q) {
			return true
		}
	}
	return textmatch.NameHasPrefix(v.Label, q)
}

// isWordRune reports whether s ends with a letter or a digit (the next
// position is inside a word).
func isWordRune(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
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
	if len(p.rows) == 0 {
		return
	}
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

// scroll moves the view; the cursor stays on screen.
func (p *pickerModel) scroll(delta int) {
	p.offset += delta
	p.clamp()
	h := p.listHeight()
	switch {
	case p.cursor < p.offset:
		p.cursor = p.offset
		p.skip(1)
	case p.cursor >= p.offset+h:
		p.cursor = p.offset + h - 1
		p.skip(-1)
	}
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
	sub := "values of a facet are ORed, facets ANDed"
	if p.readKnown {
		sub += "; counts: unread/all"
	}
	second := " " + p.th.picker.subtitle.Render(ansi.Truncate(sub, max(0, w-1), "…"))
	switch {
	case p.box.Focused():
		second = " " + p.box.View()
	case p.filter != "":
		second = " " + p.th.bar.prompt.Render(p.box.Prompt) + p.th.bar.query.Render(clean(p.filter)) +
			p.th.bar.hint.Render("  ("+does(p.km.FilterValues, "changes it")+")")
	}
	lines := []string{" " + title.Render(ansi.Truncate("Filters", w-1, "…")), second}
	switch {
	case len(p.rows) == 0 && p.filter != "":
		lines = append(lines, " "+p.th.picker.empty.Render(ansi.Truncate(
			fmt.Sprintf("No value matches %q.", clean(p.filter)), max(0, w-1), "…")))
	case len(p.rows) == 0:
		lines = append(lines, " "+p.th.picker.empty.Render("No values to filter by."))
	}
	cols := p.columns()
	end := min(len(p.rows), p.offset+p.listHeight())
	for i := p.offset; i < end; i++ {
		r := p.rows[i]
		if r.isHeader() {
			lines = append(lines, " "+p.th.picker.header.Render(ansi.Truncate(r.header, max(0, w-1), "…")))
			continue
		}
		lines = append(lines, p.valueLine(r, i == p.cursor, cols[i]))
	}
	return padLines(lines, w, p.height)
}
