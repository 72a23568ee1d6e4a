// Package render turns briefs into Markdown documents and renders Markdown
// for a terminal with Glamour, bounded in time and memory whatever the
// Markdown holds (markdown.go, bound.go, shape.go), filtering the result
// through termsafe.
package render

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/briefs/briefs/internal/brief"
)

// Date formats a brief's publication date: "2025-12-07 11:25", "2024-07-22"
// or "undated".
func Date(b *brief.Brief) string {
	return cmp.Or(b.DateText(), "undated")
}

// EditionText describes the edition a brief is about and the ones it
// mentions: "3rd conference (mentions 1st, 2nd)".
func EditionText(b *brief.Brief) string {
	var s string
	if b.Edition > 0 {
		s = brief.Ordinal(b.Edition) + " conference"
	}
	if len(b.EditionsMentioned) > 0 {
		m := make([]string, len(b.EditionsMentioned))
		for i, e := range b.EditionsMentioned {
			m[i] = brief.Ordinal(e)
		}
		if s == "" {
			s = "mentions " + strings.Join(m, ", ")
		} else {
			s += " (mentions " + strings.Join(m, ", ") + ")"
		}
	}
	return s
}

// CountriesText lists countries as "IQ Iraq (3), KW Kuwait (1)".
func CountriesText(b *brief.Brief) string {
	parts := make([]string, len(b.Countries))
	for i, c := range b.Countries {
		parts[i] = fmt.Sprintf("%s %s (%d)", c.Code, c.Name, c.Mentions)
	}
	return strings.Join(parts, ", ")
}

// MetaLine is the one-line metadata summary: source · date · dateline ·
// edition.
func MetaLine(b *brief.Brief) string {
	var parts []string
	for _, p := range []string{b.Source, Date(b), b.Dateline, EditionText(b)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

// Document is a brief as one Markdown document: title, metadata, tags, the
// body, and the user's note.
func Document(b *brief.Brief, tags []string, note string) string {
	var d strings.Builder
	fmt.Fprintf(&d, "# %s\n\n", brief.EscapeInline(b.Title))
	fmt.Fprintf(&d, "%s\n\n", brief.EscapeInline(MetaLine(b)))
	if c := CountriesText(b); c != "" {
		fmt.Fprintf(&d, "Countries: %s\n\n", brief.EscapeInline(c))
	}
	if len(tags) > 0 {
		fmt.Fprintf(&d, "Tags: %s\n\n", brief.EscapeInline("#"+strings.Join(tags, " #")))
	}
	fmt.Fprintf(&d, "ID %s · %s\n\n---\n\n", b.ID, brief.EscapeInline(b.Path))
	d.WriteString(b.Body)
	d.WriteString("\n")
	if strings.TrimSpace(note) != "" {
		d.WriteString("\n---\n\n## Note\n\n")
		d.WriteString(note)
		d.WriteString("\n")
	}
	return d.String()
}
