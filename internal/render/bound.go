package render

import (
	"strings"
)

// The text pass: what the Markdown parser is given.
//
// Goldmark's block parser costs time quadratic in the nesting of the line it
// reads (10,000 '>' on one line: 0.2 s, 100,000: 13 s; 1,000 lines each
// indented two columns more than the last: 9 s), and its inline parser
// costs time quadratic (or worse) in the brackets and delimiters of a
// paragraph: 10,000 '[' then 10,000 ']': 1.3 s; "*a_ " 16,000 times: 8 s;
// "a**b" then "c* " 16,000 times: 20 s; "<!--" 16,000 times: 0.4 s. So
// before parsing, every line's container prefix is cut down to what a
// reader can follow, and a brief whose paragraphs hold absurd numbers of
// brackets or delimiters is shown as plain text. The shaping pass after
// parsing then flattens what is still deeper than the width allows (see
// shape.go).
const (
	// maxPrefixMarkers: container markers ('>' and list markers) kept at
	// the start of a line; the rest are dropped (the text stays).
	maxPrefixMarkers = 16
	// maxIndent: columns of white space kept in a line's prefix.
	maxIndent = 48
	// maxBrackets, maxDelims: '[' and delimiters ('*', '_', '~', '<', '`') in
	// one paragraph (text between blank lines, code included) before the
	// brief is too complex to format: about 40 and 20 ms of parsing.
	maxBrackets = 1000
	maxDelims   = 2000
	// maxInlineWork bounds the sum over paragraphs of 3*brackets² +
	// delims², which parsing time follows (about 0.3 s).
	maxInlineWork = 16_000_000
)

// boundText applies the text pass to md. It returns md itself when nothing
// needed changing, and ok false when md is too complex to parse in bounded
// time.
func boundText(md string) (out string, ok bool) {
	var b *strings.Builder
	brackets, delims, work := 0, 0, 0
	endParagraph := func() bool {
		work += 3*brackets*brackets + delims*delims
		brackets, delims = 0, 0
		return work <= maxInlineWork
	}
	for start := 0; start < len(md); {
		end := strings.IndexByte(md[start:], '\n')
		if end < 0 {
			end = len(md)
		} else {
			end += start
		}
		line := md[start:end]
		p := scanPrefix(line)
		content := line[p.end:]
		if isBlankLine(content) {
			if !endParagraph() {
				return "", false
			}
		} else {
			for i := 0; i < len(content); i++ {
				switch content[i] {
				case '[':
					brackets++
				case '*', '_', '~', '<', '`':
					delims++
				}
			}
			if brackets > maxBrackets || delims > maxDelims {
				return "", false
			}
		}
		if p.markers > maxPrefixMarkers || p.indent > maxIndent {
			if b == nil {
				b = &strings.Builder{}
				b.Grow(len(md))
				b.WriteString(md[:start])
			}
			writePrefix(b, line[:p.end])
			b.WriteString(content)
			if end < len(md) {
				b.WriteByte('\n')
			}
		} else if b != nil {
			b.WriteString(md[start:min(end+1, len(md))])
		}
		start = end + 1
	}
	if !endParagraph() {
		return "", false
	}
	if b == nil {
		return md, true
	}
	return b.String(), true
}

// prefix describes the container prefix of a line: white space, '>' and
// list markers ("-", "*", "+", "1.", "1)" followed by white space or the
// end of the line).
type prefix struct {
	end     int // byte offset where the content starts
	markers int // '>' and list markers
	indent  int // columns of white space (a tab counts 4)
}

func scanPrefix(line string) prefix {
	var p prefix
	i := 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ':
			p.indent++
			i++
		case c == '\t':
			p.indent += 4
			i++
		case c == '>':
			p.markers++
			i++
		default:
			n := listMarker(line[i:])
			if n == 0 {
				p.end = i
				return p
			}
			p.markers++
			i += n
		}
	}
	p.end = i
	if p.markers > maxPrefixMarkers && onlyBreakChars(line) {
		// "- - - - ..." or "* * * ...": a thematic break, not nesting
		p.markers = 0
	}
	return p
}

// listMarker returns the length of the list marker at the start of s, or 0.
func listMarker(s string) int {
	n := 0
	switch {
	case s[0] == '-' || s[0] == '*' || s[0] == '+':
		n = 1
	case s[0] >= '0' && s[0] <= '9':
		for n < len(s) && n < 10 && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 10 || n >= len(s) || (s[n] != '.' && s[n] != ')') {
			return 0
		}
		n++
	default:
		return 0
	}
	if n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0
	}
	return n
}

// onlyBreakChars reports whether line holds only '-' or only '*' (and white
// space): a thematic break however many there are.
func onlyBreakChars(line string) bool {
	var mark byte
	for i := 0; i < len(line); i++ {
		switch c := line[i]; c {
		case ' ', '\t':
		case '-', '*':
			if mark != 0 && c != mark {
				return false
			}
			mark = c
		default:
			return false
		}
	}
	return true
}

// writePrefix writes a container prefix keeping its first
// maxPrefixMarkers markers (dropping the rest with the white space after
// them) and at most maxIndent columns of white space: deeper nesting is
// flattened into the deepest level kept. The prefix written ends in white
// space if the original did.
func writePrefix(b *strings.Builder, pre string) {
	markers, indent := 0, 0
	dropping, last := false, byte(0)
	for i := 0; i < len(pre); {
		switch c := pre[i]; c {
		case ' ', '\t':
			w := 1
			if c == '\t' {
				w = 4
			}
			if !dropping && indent+w <= maxIndent {
				b.WriteByte(c)
				indent += w
				last = c
			}
			i++
		default:
			n := 1
			if c != '>' {
				n = listMarker(pre[i:])
			}
			if markers < maxPrefixMarkers {
				b.WriteString(pre[i : i+n])
				markers++
				last = c
			} else {
				dropping = true
			}
			i += n
		}
	}
	if end := pre[len(pre)-1]; (end == ' ' || end == '\t') && last != ' ' && last != '\t' {
		b.WriteByte(' ')
	}
}

func isBlankLine(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return false
		}
	}
	return true
}
