package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// countText is a value's count: "12", or "3/12" (unread/all) when the
// read state is known.
func (p *pickerModel) countText(r pickerRow) string {
	if p.readKnown && !r.readState {
		return strconv.Itoa(r.fv.Unread) + "/" + strconv.Itoa(r.fv.Count)
	}
	return strconv.Itoa(r.fv.Count)
}

// pickerColumns are the widths of a facet's labels and counts: its
// counts stand in a column right after its longest label, right-aligned;
// a label longer than pickerLabelCap has its count right after it, so no
// count is ever far from its label on a wide pane.
type pickerColumns struct{ label, count int }

// pickerLabelCap is the widest label column.
const pickerLabelCap = 32

// columns gives every value row the columns of its facet (the rows shown,
// between two headers).
func (p *pickerModel) columns() []pickerColumns {
	out := make([]pickerColumns, len(p.rows))
	for start := 0; start < len(p.rows); {
		end := start + 1
		for end < len(p.rows) && !p.rows[end].isHeader() {
			end++
		}
		var c pickerColumns
		for _, r := range p.rows[start:end] {
			if !r.isHeader() {
				c.label = max(c.label, len(subIndent(r))+ansi.StringWidth(clean(r.fv.Label)))
				c.count = max(c.count, ansi.StringWidth(p.countText(r)))
			}
		}
		c.label = min(c.label, pickerLabelCap)
		for i := start; i < end; i++ {
			out[i] = c
		}
		start = end
	}
	return out
}

// subIndent is the indent of a value listed under another (an edition
// under its series).
func subIndent(r pickerRow) string {
	if r.sub {
		return "  "
	}
	return ""
}

// valueLine is "  [x] label   count": the counts in its facet's column,
// two cells after the longest label, or at the right edge when labels are
// cut.
func (p *pickerModel) valueLine(r pickerRow, cursor bool, cols pickerColumns) string {
	w, v := p.width, r.fv
	box := "[ ]"
	if v.Active {
		box = "[x]"
	}
	count := p.countText(r)
	label, ind := clean(v.Label), subIndent(r)
	cols.label -= len(ind)
	if ansi.StringWidth(label) <= cols.label { // in the column: counts right-aligned
		count = strings.Repeat(" ", max(0, cols.count-ansi.StringWidth(count))) + count
	}
	// "  [x] label␣␣count "
	avail := w - 2 - len(ind) - len(box) - 1 - 2 - ansi.StringWidth(count) - 1
	if avail < 1 {
		return fit("  "+ind+box+" "+label, w)
	}
	col := min(max(cols.label, ansi.StringWidth(label)), avail)
	label = ansi.Truncate(label, col, "…")
	gap := col - ansi.StringWidth(label) + 2
	plain := "  " + ind + box + " " + label + strings.Repeat(" ", gap) + count + " "
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
	return marker + ind + labelStyle.Render(box+" "+label) + strings.Repeat(" ", gap) + p.th.picker.count.Render(count) + " "
}
