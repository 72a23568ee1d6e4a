package ui

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/briefs/briefs/internal/bidi"
	"github.com/briefs/briefs/internal/library"
	"github.com/charmbracelet/x/ansi"
)

func (r *readerModel) rebuildHeader() {
	r.header = r.buildHeader()
	r.rebuild()
}

// correctedMark follows a value the user corrected (M, briefs set).
const correctedMark = "(corrected)"

func (r *readerModel) buildHeader() []string {
	w := r.contentWidth()
	b := r.b
	if b == nil {
		return []string{r.th.reader.note.Render("No brief selected.")}
	}
	var out []string
	title := clean(b.Title)
	if title == "" {
		title = "(untitled)"
	}
	tl := strings.Split(ansi.Wordwrap(title, w, ""), "\n")
	for i, l := range tl {
		tl[i] = ansi.Truncate(l, w, "…")
	}
	if bidi.IsRTL(title) {
		tl = bidi.AlignRight(tl, w)
	}
	for _, l := range tl {
		out = append(out, r.th.reader.title.Render(l))
	}
	if b.IsCorrected(library.FieldTitle) {
		out = append(out, r.th.reader.label.Render(ansi.Truncate("(corrected title)", w, "…")))
	}
	field := func(label, value string) {
		if value == "" {
			return
		}
		for _, l := range headerField(label, value, w) {
			out = append(out, r.th.reader.label.Render(l[0])+r.th.reader.value.Render(l[1]))
		}
	}
	// a corrected value says so
	mark := func(v, f string) string {
		if b.IsCorrected(f) {
			return v + " " + correctedMark
		}
		return v
	}
	src := clean(b.Source)
	if src == "" {
		src = "unknown"
	}
	field("Source", mark(src, library.FieldSource))
	field("Date", mark(cmp.Or(b.DateText(), "unknown"), library.FieldDate))
	field("Dateline", mark(clean(b.Dateline), library.FieldDateline))
	if !b.Series.IsZero() || b.IsCorrected(library.FieldSeries) {
		field("Series", mark(cmp.Or(clean(b.Series.Name), clean(b.Series.Key), "none"), library.FieldSeries))
	}
	ed := "none"
	if b.Edition > 0 {
		ed = library.OrdinalLabel(b.Edition)
		if b.EditionInferred {
			ed += " (inferred from the year)"
		}
	}
	ed = mark(ed, library.FieldEdition)
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
			cs[i] = keepTogether(clean(c.Code + " " + c.Name))
		}
		field("Countries", mark(strings.Join(cs, ", "), library.FieldCountries))
	} else if b.IsCorrected(library.FieldCountries) {
		field("Countries", mark("none", library.FieldCountries))
	}
	if len(r.tags) > 0 {
		field("Tags", clean("#"+strings.Join(r.tags, " #")))
	}
	if len(r.people) > 0 {
		field("Team", clean("annotated by "+strings.Join(r.people, ", ")))
	}
	field("File", clean(b.Path))
	out = append(out, r.th.reader.rule.Render(strings.Repeat("─", w)))
	return out
}

// headerLabelWidth is the width of the header's labels column.
const headerLabelWidth = 10

// headerField lays out a line of the header: the label, then the value
// wrapped in the column after it (continuation lines indented under the
// value; a path breaks after a /). Each line is a label part and a value
// part. On a pane too narrow for two columns the value goes under its
// label.
func headerField(label, value string, w int) [][2]string {
	lab := fmt.Sprintf("%-*s", headerLabelWidth, label)
	indent := strings.Repeat(" ", headerLabelWidth)
	vw := w - headerLabelWidth
	var out [][2]string
	if vw < 16 {
		out = append(out, [2]string{ansi.Truncate(label, w, "…"), ""})
		lab, indent, vw = "", "", w
	}
	for i, l := range strings.Split(ansi.Wrap(value, max(1, vw), "/"), "\n") {
		l = unkeep(strings.TrimRight(l, " "))
		l = ansi.Truncate(l, max(1, vw), "…")
		if i == 0 {
			out = append(out, [2]string{lab, l})
			continue
		}
		out = append(out, [2]string{indent, l})
	}
	return out
}

// keepTogether joins the words of s with non-breaking spaces and makes its
// hyphens non-breaking, so that a wrap never parts them (a country's code
// from its name, Guinea-Bissau); unkeep undoes it after the wrap.
func keepTogether(s string) string {
	return strings.NewReplacer(" ", "\u00a0", "-", "\u2011").Replace(s)
}

func unkeep(s string) string { return strings.NewReplacer("\u00a0", " ", "\u2011", "-").Replace(s) }
