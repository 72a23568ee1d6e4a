package export

import (
	"strings"
)

// A note is the user's Markdown, written into the export under a heading
// of its own ("### Note" for a brief, "#### Note" for an orphan). Left as
// written, its structure would become the document's: "# Plans" would be
// a new top-level part beside the briefs, "Plans" over a line of "---" (a
// setext heading) a section of its own, a "---" line a YAML block to
// Pandoc, and a code fence left open would swallow every brief after it.
// nestNote keeps the note inside its section:
//
//   - ATX headings are demoted below the note's heading (level + theirs,
//     at most 6): "# Plans" under "### Note" is "#### Plans";
//   - a setext heading (a paragraph over "===" or "---") becomes the same
//     ATX heading, demoted;
//   - a thematic break written with '-' is written "* * *" (the same rule,
//     never a heading's underline nor a YAML delimiter);
//   - a code fence left open is closed at the end of the note.
//
// Lines inside fenced code are kept as written.

// maxHeading is Markdown's deepest heading level.
const maxHeading = 6

// nestNote rewrites a note (already through markdownBlock) to sit under a
// heading of the given level (see above).
func nestNote(md string, level int) string {
	lines := strings.Split(md, "\n")
	out := make([]string, 0, len(lines)+1)
	var fence string // the open fence's marker ("```", "~~~~"), or ""
	para := -1       // index in out of the open paragraph's first line, or -1
	for _, l := range lines {
		if fence != "" {
			out = append(out, l)
			if isFenceClose(l, fence) {
				fence = ""
			}
			continue
		}
		if f := fenceOpen(l); f != "" {
			fence, para = f, -1
			out = append(out, l)
			continue
		}
		if n, text, ok := atxHeading(l); ok {
			out = append(out, heading(level+n, text))
			para = -1
			continue
		}
		if u := setextLevel(l); u > 0 && para >= 0 {
			text := strings.Join(trimAll(out[para:]), " ")
			out = append(out[:para], heading(level+u, text))
			para = -1
			continue
		}
		if isDashRule(l) {
			out = append(out, "* * *")
			para = -1
			continue
		}
		switch {
		case strings.TrimSpace(l) == "":
			para = -1
		case para < 0 && startsParagraph(l):
			para = len(out)
		case para >= 0 && !startsParagraph(l) && !isContinuation(l):
			// a list item or a quote interrupts the paragraph
			para = -1
		}
		out = append(out, l)
	}
	if fence != "" {
		out = append(out, fence)
	}
	return strings.Join(out, "\n")
}

func heading(n int, text string) string {
	n = min(n, maxHeading)
	if text == "" {
		return strings.Repeat("#", n)
	}
	return strings.Repeat("#", n) + " " + text
}

func trimAll(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = strings.TrimSpace(l)
	}
	return out
}

// indent returns l without up to three leading spaces, and whether it had
// fewer than four (Markdown's limit for block markers).
func indent(l string) (string, bool) {
	for i := 0; i < 4; i++ {
		if i == len(l) || l[i] != ' ' {
			return l[i:], true
		}
	}
	return l, false
}

// atxHeading reads "## Title ##": its level and text.
func atxHeading(l string) (int, string, bool) {
	s, ok := indent(l)
	if !ok {
		return 0, "", false
	}
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	if n == 0 || n > maxHeading || n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0, "", false
	}
	text := strings.TrimSpace(s[n:])
	// a closing sequence of #s preceded by a space goes
	if t := strings.TrimRight(text, "#"); t != text && (t == "" || strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\t")) {
		text = strings.TrimSpace(t)
	}
	return n, text, true
}

// setextLevel is 1 for a "===" underline, 2 for "---", else 0.
func setextLevel(l string) int {
	s, ok := indent(l)
	s = strings.TrimRight(s, " \t")
	if !ok || s == "" {
		return 0
	}
	switch strings.Trim(s, string(s[0])) {
	case "":
		switch s[0] {
		case '=':
			return 1
		case '-':
			return 2
		}
	}
	return 0
}

// isDashRule: a thematic break made of '-' ("---", "- - -").
func isDashRule(l string) bool {
	s, ok := indent(l)
	if !ok {
		return false
	}
	n := 0
	for _, r := range s {
		switch r {
		case '-':
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// fenceOpen returns the marker of a code fence the line opens ("```" or
// "~~~", as long as written), or "".
func fenceOpen(l string) string {
	s, ok := indent(l)
	if !ok || len(s) < 3 || s[0] != '`' && s[0] != '~' {
		return ""
	}
	c := s[0]
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	if n < 3 || c == '`' && strings.ContainsRune(s[n:], '`') {
		return ""
	}
	return s[:n]
}

// isFenceClose: the line closes a fence opened with marker.
func isFenceClose(l, marker string) bool {
	s, ok := indent(l)
	if !ok {
		return false
	}
	s = strings.TrimRight(s, " \t")
	return len(s) >= len(marker) && strings.Trim(s, marker[:1]) == ""
}

// startsParagraph: a line that opens a paragraph (which a setext underline
// could make a heading): not a list item, a quote, an HTML block or code.
func startsParagraph(l string) bool {
	s, ok := indent(l)
	if !ok || s == "" {
		return false
	}
	switch s[0] {
	case '>', '<', '|':
		return false
	case '-', '*', '+':
		return len(s) > 1 && s[1] != ' ' && s[1] != '\t'
	}
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ') {
		return false
	}
	return true
}

// isContinuation: a line indented four or more, which only goes on with an
// open paragraph.
func isContinuation(l string) bool {
	_, ok := indent(l)
	return !ok
}
