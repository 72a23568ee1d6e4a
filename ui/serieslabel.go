package ui

import (
	"strings"
	"unicode"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/extract"
	"github.com/briefs/briefs/internal/library"
	"github.com/charmbracelet/x/ansi"
)

// seriesLabelWidth is the most cells a row's series label takes.
const seriesLabelWidth = 14

// seriesAcronyms maps the keys of the series the extractor knows to their
// first acronym ("cop" -> "COP"); nil when the extractor knows none.
func seriesAcronyms(lib *library.Library) map[string]string {
	if lib == nil {
		return nil
	}
	k, ok := lib.Extractor().(interface{ KnownSeries() []extract.SeriesDecl })
	if !ok {
		return nil
	}
	out := map[string]string{}
	for _, d := range k.KnownSeries() {
		if len(d.Acronyms) > 0 && d.Key != "" {
			out[d.Key] = d.Acronyms[0]
		}
	}
	return out
}

// genericSeriesWord tells the words a short series label leaves out:
// event nouns, "international", "annual" and small words, in English and
// Arabic (w in lower case).
func genericSeriesWord(w string) bool {
	switch w {
	case "international", "conference", "summit", "forum", "annual", "meeting", "session", "congress", "fair", "festival", "dialogue", "exhibition", "on", "of", "the", "for", "and", "in", "a", "an", "&", "مؤتمر", "المؤتمر", "قمة", "القمة", "منتدى", "المنتدى", "الدولي", "الدولية", "السنوي", "السنوية", "الدورة", "دورة", "معرض", "المعرض", "مهرجان", "المهرجان", "اجتماع", "الاجتماع", "حول", "في", "من", "و", "لل":
		return true
	}
	return false
}

// seriesLabel is a short label for a series, at most seriesLabelWidth
// cells: the acronym the name carries in parentheses ("UN Climate Change
// Conference (COP)" -> "COP"), else the one the catalogue knows (acronym,
// "" for none), else the name's distinctive words ("Baghdad International
// Conference on Drug Control" -> "Drug Control" when all of them do not
// fit), cut with an ellipsis.
func seriesLabel(s brief.Series, acronym string) string {
	name := clean(s.Name)
	if name == "" {
		name = clean(s.Key)
	}
	if a := parenAcronym(name); a != "" {
		return ansi.Truncate(a, seriesLabelWidth, "…")
	}
	if a := clean(acronym); a != "" {
		return ansi.Truncate(a, seriesLabelWidth, "…")
	}
	words := distinctiveWords(stripParens(name), 0)
	label := strings.Join(words, " ")
	if ansi.StringWidth(label) > seriesLabelWidth {
		// the topic after "on" or "for" names the series best when the
		// whole does not fit: "Conference on Drug Control"
		if topic := strings.Join(distinctiveWords(stripParens(name), 1), " "); topic != "" &&
			ansi.StringWidth(topic) <= seriesLabelWidth {
			label = topic
		}
	}
	if label == "" {
		label = name
	}
	return ansi.Truncate(label, seriesLabelWidth, "…")
}

// distinctiveWords lists the words of name that are not generic; with
// topic > 0, only those after the first "on", "for" or "حول".
func distinctiveWords(name string, topic int) []string {
	fields := strings.Fields(name)
	if topic > 0 {
		i := -1
		for j, w := range fields {
			if lw := strings.ToLower(w); lw == "on" || lw == "for" || lw == "حول" {
				i = j
				break
			}
		}
		if i < 0 {
			return nil
		}
		fields = fields[i+1:]
	}
	var out []string
	for _, w := range fields {
		if !genericSeriesWord(strings.ToLower(strings.Trim(w, ",.:;"))) {
			out = append(out, w)
		}
	}
	return out
}

// parenAcronym is the one-word acronym in parentheses in name: "COP" in
// "UN Climate Change Conference (COP)"; "" when there is none.
func parenAcronym(name string) string {
	i := strings.IndexByte(name, '(')
	j := strings.IndexByte(name, ')')
	if i < 0 || j < i {
		return ""
	}
	a := strings.TrimSpace(name[i+1 : j])
	if a == "" || strings.ContainsFunc(a, unicode.IsSpace) || strings.ContainsFunc(a, unicode.IsLower) {
		return ""
	}
	return a
}

// stripParens removes parenthesised parts from name.
func stripParens(name string) string {
	var sb strings.Builder
	depth := 0
	for _, r := range name {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}
