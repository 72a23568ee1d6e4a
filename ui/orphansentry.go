package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/briefs/briefs/internal/bidi"
	"github.com/briefs/briefs/internal/identity"
	"github.com/briefs/briefs/internal/store"
)

// indexLine is an orphan's line in the index.
func (v *orphansView) indexLine(o store.Orphan, selected bool) string {
	th, w := v.th, textWidth(v.width)
	mark, idStyle, titleStyle := "  ", th.list.meta, th.list.title
	if selected {
		mark, idStyle, titleStyle = "▌ ", th.list.mark, th.reader.title
	}
	return marginOf(v.width) + ansi.Truncate(mark+idStyle.Render(o.ID)+"  "+titleStyle.Render(orphanTitle(o))+
		th.list.meta.Render(" · "+orphanHoldings(o)), w, "…")
}

// orphanTitle is what is known of an orphan's brief: its title, source and
// date.
func orphanTitle(o store.Orphan) string {
	r := o.Record
	title := clean(r.Title)
	switch {
	case r.Legacy:
		title = "(annotated with an older briefs: title unknown)"
	case title == "":
		title = "(title unknown)"
	}
	for _, s := range []string{clean(r.Source), r.Date} {
		if s != "" {
			title += " · " + s
		}
	}
	return title
}

// entry is one orphan's lines: the ID and what is known of the brief,
// where it was, why it was left, and everything it holds, the note whole.
func (v *orphansView) entry(o store.Orphan) []string {
	th, w := v.th, textWidth(v.width)
	mg := marginOf(v.width)
	r := o.Record
	lines := []string{mg + th.reader.title.Render(ansi.Truncate(o.ID+"  "+orphanTitle(o), w, "…"))}
	const labelW = 9
	indent := strings.Repeat(" ", 2+labelW+1)
	field := func(label, value string, style func(...string) string) {
		first := true
		for _, l := range strings.Split(ansi.Wrap(value, max(1, w-len(indent)), ""), "\n") {
			lab := strings.Repeat(" ", labelW)
			if first {
				lab = padRight(label, labelW)
			}
			lines = append(lines, mg+"  "+th.reader.label.Render(lab)+" "+style(l))
			first = false
		}
	}
	value := th.reader.value.Render
	if r.Path != "" {
		field("was at", clean(r.Path), value)
	}
	if o.Verdict == identity.NotLoaded {
		field("status", "not loaded: "+clean(o.Reason), value)
	} else if o.Reason != "" {
		field("why", clean(o.Reason), value)
	}
	if len(o.Tags) > 0 {
		tags := make([]string, len(o.Tags))
		for i, t := range o.Tags {
			tags[i] = clean(t)
		}
		field("tags", strings.Join(tags, ", "), th.list.tags.Render)
	}
	if !o.ReadAt.IsZero() {
		field("read", o.ReadAt.Local().Format("2006-01-02 15:04"), value)
	}
	if vals := o.Corrections.Values(); len(vals) > 0 {
		var parts []string
		for _, f := range store.Fields() {
			if s, ok := vals[f]; ok {
				parts = append(parts, string(f)+" "+clean(s))
			}
		}
		field("corrected", strings.Join(parts, "; "), value)
	}
	notes := []struct{ label, body string }{{"note", o.Note}}
	for _, n := range o.Notes { // others' notes (team stores), the user's is Note
		if n.Body != o.Note {
			notes = append(notes, struct{ label, body string }{"note by " + clean(n.Author), n.Body})
		}
	}
	for _, n := range notes {
		if strings.TrimSpace(n.body) == "" {
			continue
		}
		lines = append(lines, mg+"  "+th.reader.label.Render(n.label))
		lines = append(lines, noteLines(th, n.body, w-4, mg+"  │ ")...)
	}
	return lines
}

// noteLines wraps a note to width, each line after prefix; paragraphs
// mostly in a right-to-left script are aligned right.
func noteLines(th *theme, note string, width int, prefix string) []string {
	width = max(1, width)
	var paras []string
	for _, l := range strings.Split(strings.TrimRight(Safe(note), "\n"), "\n") {
		paras = append(paras, ansi.Wrap(clean(l), width, ""))
	}
	text := bidi.AlignParagraphs(strings.Join(paras, "\n"), width)
	var out []string
	for _, l := range strings.Split(text, "\n") {
		out = append(out, prefix+th.reader.note.Render(l))
	}
	return out
}

// orphanHoldings says in one line what an orphan holds.
func orphanHoldings(o store.Orphan) string {
	var parts []string
	if len(o.Tags) > 0 {
		parts = append(parts, plural(len(o.Tags), "tag"))
	}
	if strings.TrimSpace(o.Note) != "" {
		parts = append(parts, "a note")
	}
	if !o.ReadAt.IsZero() {
		parts = append(parts, "the read state")
	}
	if n := len(o.Corrections.Values()); n > 0 {
		parts = append(parts, plural(n, "correction"))
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}

func (v *orphansView) View() string {
	if v.width <= 0 || v.height <= 0 {
		return ""
	}
	th := v.th
	lines := v.head()
	switch {
	case !v.loaded && v.err == "":
		lines = append(lines, marginOf(v.width)+th.bar.hint.Render("reading…"))
	case len(v.orphans) == 0 && v.loaded:
		if v.err == "" {
			lines = append(lines, marginOf(v.width)+th.reader.value.Render(
				ansi.Truncate("None: every tag, note and correction belongs to a brief of the collection.", textWidth(v.width), "…")))
		}
	default:
		top := v.indexTop()
		for i := top; i < min(len(v.orphans), top+v.indexRows()); i++ {
			lines = append(lines, v.indexLine(v.orphans[i], i == v.sel))
		}
		detail := v.detail()
		rule := strings.Repeat("─", max(0, textWidth(v.width)))
		if more := len(detail) - v.detailRows(); more > 0 {
			info := fmt.Sprintf(" lines %d-%d of %d (%s/%s) ", v.offset+1, min(len(detail), v.offset+v.detailRows()), len(detail),
				hintKey(v.km.PageDown), hintKey(v.km.PageUp))
			rule = "──" + info + strings.Repeat("─", max(0, textWidth(v.width)-2-ansi.StringWidth(info)))
		}
		lines = append(lines, marginOf(v.width)+th.reader.rule.Render(ansi.Truncate(rule, textWidth(v.width), "")))
		end := min(len(detail), v.offset+v.detailRows())
		if v.offset < end {
			lines = append(lines, detail[v.offset:end]...)
		}
	}
	for len(lines) < v.height-1 {
		lines = append(lines, "")
	}
	lines = append(lines[:v.height-1], v.foot())
	return padLines(lines, v.width, v.height)
}
