package ui

import (
	"cmp"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
	"github.com/charmbracelet/x/ansi"
)

// rowText is what a row shows of a brief, as plain text.
type rowText struct {
	title     string
	day       string   // the date, or "no date"
	source    string   // the source, or "unknown source"
	series    string   // the short series label: "COP", or ""
	edition   string   // the edition: "29th", or ""
	user      string   // the note sign and the user's tags: "✎ #followup #iraq"
	countries []string // country codes
	marked    bool
	unread    bool
}

// noteSign marks a brief with a note, in rows.
const noteSign = "✎"

// rowOf gathers what the row of b shows.
func (l *listModel) rowOf(b *brief.Brief) rowText {
	r := rowText{title: cmp.Or(clean(b.Title), "(untitled)"), marked: l.marks[b.ID],
		unread: l.read != nil && !l.read[b.ID]}
	r.day, r.source = cmp.Or(b.Day(), "no date"), cmp.Or(clean(b.Source), "unknown source")
	if !b.Series.IsZero() {
		r.series = seriesLabel(b.Series, l.acronyms[b.Series.Key])
	}
	if b.Edition > 0 {
		r.edition = library.OrdinalLabel(b.Edition)
	}

	for _, c := range b.Countries {
		r.countries = append(r.countries, clean(c.Code))
	}
	var parts []string // the note sign first: cutting the tags leaves it
	if strings.TrimSpace(l.notes[b.ID]) != "" {
		parts = append(parts, noteSign)
	}
	if tags := library.TagsOf(b, l.tags); len(tags) > 0 {
		parts = append(parts, "#"+clean(strings.Join(tags, " #")))
	}
	r.user = strings.Join(parts, " ")
	return r
}

// badgeOf is a row's series and edition badge: "[COP 29th]", "[Doha
// 22nd]", "[3rd]" for an edition of no series, "[Doha]" for a series with
// no edition, "" for neither.
func badgeOf(series, edition string) string {
	if series == "" && edition == "" {
		return ""
	}
	return "[" + strings.TrimSpace(series+" "+edition) + "]"
}

// rowSegment is a styled part of a row's metadata line.
type rowSegment struct {
	text  string
	style lipgloss.Style
}

// metaSegments lays out a row's metadata line in w cells: the date, the
// source, the edition, the user's tags and note, the country codes. What
// does not fit is cut in this order, each cut shown: the country codes
// first ("IQ US +5"), then the series label ("[Drug C… 3rd]", then
// "[3rd]"), then the source ("Shafaq N…"), then the tags ("#followup
// #ir…"); the date and the edition stay.
func metaSegments(r rowText, w int, st *listTheme) []rowSegment {
	const sep = "  "
	width := ansi.StringWidth
	fixed := len(rowIndent) + width(r.day) + 3 // "   date · "
	badge := badgeOf(r.series, r.edition)
	if badge != "" {
		fixed += len(sep) + width(badge)
	}
	user, src, countries := r.user, r.source, strings.Join(r.countries, " ")
	rest := func() int {
		n := fixed + width(src)
		if user != "" {
			n += len(sep) + width(user)
		}
		if countries != "" {
			n += len(sep) + width(countries)
		}
		return n
	}
	if over := rest() - w; over > 0 && countries != "" {
		countries = fitCodes(r.countries, width(countries)-over)
	}
	if over := rest() - w; over > 0 && r.series != "" {
		series := ""
		if keep := width(r.series) - over; keep >= 4 || r.edition == "" {
			series = ansi.Truncate(r.series, max(1, keep), "…")
		}
		fixed -= width(badge)
		badge = badgeOf(series, r.edition)
		fixed += width(badge)
	}
	if over := rest() - w; over > 0 {
		src = ansi.Truncate(src, max(1, width(src)-over), "…")
	}
	if over := rest() - w; over > 0 && user != "" {
		user = ansi.Truncate(user, max(1, width(user)-over), "…")
	}
	segs := []rowSegment{{rowIndent + r.day + " · ", st.meta}, {src, st.meta}}
	add := func(text string, style lipgloss.Style) {
		if text != "" {
			segs = append(segs, rowSegment{sep, st.meta}, rowSegment{text, style})
		}
	}
	add(badge, st.badge)
	add(user, st.tags)
	add(countries, st.countries)
	return segs
}

// fitCodes lists as many country codes as fit in w cells, then how many
// more there are: "IQ US +5"; "" when not even the count fits.
func fitCodes(codes []string, w int) string {
	for k := len(codes); k >= 0; k-- {
		s := strings.Join(codes[:k], " ")
		if k < len(codes) {
			more := "+" + strconv.Itoa(len(codes)-k)
			s = strings.TrimSpace(s + " " + more)
		}
		if ansi.StringWidth(s) <= w {
			return s
		}
	}
	return ""
}

// rowIndent is where a row's text starts: after the selection bar, the
// sign and a space.
const rowIndent = "   "

// rowMarks are the two cells before a title: the selection bar, then ✓ for
// a marked brief or ● for an unread one.
func rowMarks(r rowText, selected bool) (bar, sign string) {
	bar, sign = " ", " "
	if selected {
		bar = "▌"
	}
	switch {
	case r.marked:
		sign = "✓"
	case r.unread:
		sign = "●"
	}
	return bar, sign
}

// row renders one brief as a title line and a metadata line.
func (l *listModel) row(b *brief.Brief, selected bool) (string, string) {
	r, w, st := l.rowOf(b), l.width, &l.th.list
	bar, sign := rowMarks(r, selected)
	segs := metaSegments(r, w, st)
	if selected {
		var meta strings.Builder
		for _, s := range segs {
			meta.WriteString(s.text)
		}
		titleLine, metaLine := fit(bar+sign+" "+r.title, w), fit(meta.String(), w)
		switch {
		case !l.focused:
			return st.selBlurred.Render(titleLine), st.selBlurred.Render(metaLine)
		case r.unread:
			return st.selUnread.Render(titleLine), st.selMeta.Render(metaLine)
		}
		return st.selTitle.Render(titleLine), st.selMeta.Render(metaLine)
	}
	title := st.title
	if r.unread {
		title = st.unread
	}
	signStyle := st.title
	switch {
	case r.marked:
		signStyle = st.mark
	case r.unread:
		signStyle = st.unreadSign
	}
	titleLine := bar + signStyle.Render(sign) + " " + title.Render(fit(r.title, max(0, w-3)))
	return titleLine, l.metaLine(segs)
}

// metaLine is a row's metadata line from its segments, cut to the width.
func (l *listModel) metaLine(segs []rowSegment) string {
	w := l.width
	var sb strings.Builder
	used := 0
	for _, seg := range segs {
		if used >= w {
			break
		}
		s := ansi.Truncate(seg.text, w-used, "…")
		used += ansi.StringWidth(s)
		sb.WriteString(seg.style.Render(s))
	}
	if used < w {
		sb.WriteString(strings.Repeat(" ", w-used))
	}
	return sb.String()
}
