// Package bidi lays out right-to-left text (Arabic, Hebrew, Persian...) in
// a terminal: it tells which paragraphs are mostly right-to-left, right-
// aligns them within the width they were wrapped to, and truncates
// right-to-left titles cleanly.
//
// It never reorders text and never writes bidi control characters (LRM,
// RLM, embeddings, overrides, isolates): the brief sanitiser strips those
// from input and they stay out of output. Showing the letters of a line in
// visual order is the terminal's job; terminals that do (mlterm, Konsole,
// VTE with BiDi enabled) show the aligned lines as an Arabic reader
// expects, and the others still show each paragraph on the right-hand side.
package bidi

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	xbidi "golang.org/x/text/unicode/bidi"
)

// Counts returns the number of strong left-to-right and right-to-left
// characters in s (Unicode bidi classes L, and R or AL). Digits,
// punctuation, spaces and marks are neutral and not counted; so are the
// parameters of ANSI escape sequences.
func Counts(s string) (ltr, rtl int) {
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b {
			i += escapeLen(s[i:])
			continue
		}
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				ltr++
			}
			i++
			continue
		}
		p, n := xbidi.LookupString(s[i:])
		if n == 0 {
			n = 1
		}
		switch p.Class() {
		case xbidi.L:
			ltr++
		case xbidi.R, xbidi.AL:
			rtl++
		}
		i += n
	}
	return ltr, rtl
}

// IsRTL reports whether s is mostly right-to-left: more strong
// right-to-left characters than left-to-right ones. An Arabic paragraph
// quoting an English name is right-to-left; an English paragraph quoting
// an Arabic phrase is not.
func IsRTL(s string) bool {
	ltr, rtl := Counts(s)
	return rtl > ltr
}

// escapeLen is the length of the escape sequence at the start of s (CSI,
// OSC, or a two-byte escape), at least 1.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
		return len(s)
	case ']':
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
		return len(s)
	}
	return 2
}

// AlignRight right-aligns one paragraph already wrapped to width cells:
// each line's text is moved so it ends where the paragraph's left margin
// (the least leading white space of its lines) mirrors on the right, that
// is at width-margin. Lines may carry SGR styling and OSC 8 links, which
// are kept; padding is dropped, except spaces under a background colour
// (a heading's box), which count as text. A line wider than the room
// keeps its place. Blank lines come back empty.
func AlignRight(lines []string, width int) []string {
	spans := make([]inkSpan, len(lines))
	margin := -1
	for i, l := range lines {
		spans[i] = scanInk(l)
		if sp := spans[i]; sp.first >= 0 && (margin < 0 || sp.lead < margin) {
			margin = sp.lead
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		sp := spans[i]
		if sp.first < 0 {
			out[i] = ""
			continue
		}
		pad := width - margin - ansi.StringWidth(l[sp.first:sp.end])
		if pad <= sp.lead {
			out[i] = l // full already, or wider than the room
			continue
		}
		out[i] = strings.Repeat(" ", pad) + keepInk(l, sp)
	}
	return out
}

// inkSpan is where a line's visible text (its ink) lies: bytes
// [first, end), after lead cells of blank; first is -1 for a blank line.
type inkSpan struct {
	first, end, lead int
}

// scanInk finds the ink of a line: characters other than spaces, and
// spaces under a background colour.
func scanInk(l string) inkSpan {
	sp := inkSpan{first: -1}
	bg := false
	for i := 0; i < len(l); {
		c := l[i]
		if c == 0x1b {
			n := escapeLen(l[i:])
			if n > 2 && l[i+1] == '[' && l[i+n-1] == 'm' {
				bg = sgrBackground(l[i+2:i+n-1], bg)
			}
			i += n
			continue
		}
		n := 1
		if c >= utf8.RuneSelf {
			_, n = utf8.DecodeRuneInString(l[i:])
		}
		if c != ' ' || bg {
			if sp.first < 0 {
				sp.first = i
			}
			sp.end = i + n
		} else if sp.first < 0 {
			sp.lead++
		}
		i += n
	}
	return sp
}

// sgrBackground tells whether a background colour is set after the SGR
// parameters params, given whether one was before.
func sgrBackground(params string, bg bool) bool {
	if params == "" {
		return false
	}
	ps := strings.Split(params, ";")
	for k := 0; k < len(ps); k++ {
		switch p := ps[k]; {
		case p == "" || p == "0" || p == "49":
			bg = false
		case p == "48" || p == "38":
			if p == "48" {
				bg = true
			}
			if k+1 < len(ps) && ps[k+1] == "5" {
				k += 2
			} else if k+1 < len(ps) && ps[k+1] == "2" {
				k += 4
			}
		case len(p) == 2 && p[0] == '4' && p[1] >= '0' && p[1] <= '7':
			bg = true
		case len(p) == 3 && p[0] == '1' && p[1] == '0' && p[2] >= '0' && p[2] <= '7':
			bg = true
		}
	}
	return bg
}

// keepInk is the line without the blanks around its ink, every escape
// sequence kept (styles around the padding stay, empty).
func keepInk(l string, sp inkSpan) string {
	var b strings.Builder
	b.Grow(len(l))
	for i := 0; i < len(l); {
		if l[i] == 0x1b {
			n := escapeLen(l[i:])
			b.WriteString(l[i : i+n])
			i += n
			continue
		}
		if i >= sp.first && i < sp.end {
			b.WriteByte(l[i])
		}
		i++
	}
	return b.String()
}

// AlignParagraphs right-aligns the mostly right-to-left paragraphs of text
// (lines wrapped to width, possibly styled; paragraphs are separated by
// blank lines), leaving the others as they are. The direction is decided
// per paragraph, over all its lines, so a paragraph's lines align
// together.
func AlignParagraphs(text string, width int) string {
	if !hasRTL(text) {
		return text
	}
	lines := strings.Split(text, "\n")
	for start := 0; start < len(lines); {
		if isBlank(lines[start]) {
			start++
			continue
		}
		end := start
		for end < len(lines) && !isBlank(lines[end]) {
			end++
		}
		if IsRTL(strings.Join(lines[start:end], " ")) {
			copy(lines[start:end], AlignRight(lines[start:end], width))
		}
		start = end
	}
	return strings.Join(lines, "\n")
}

func isBlank(l string) bool { return strings.TrimSpace(ansi.Strip(l)) == "" }

// hasRTL reports whether s holds a right-to-left character at all (a cheap
// test before the paragraph work); ASCII text answers at once.
func hasRTL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			_, rtl := Counts(s[i:])
			return rtl > 0
		}
	}
	return false
}

// Truncate shortens plain text s to at most width cells, ending with tail
// when it cuts. It cuts between grapheme clusters (a letter keeps its
// diacritics), and drops what would dangle at an Arabic cut: tatweel and
// zero-width joiners. Text without them is cut as ansi.Truncate cuts it.
func Truncate(s string, width int, tail string) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= width {
		return s
	}
	tw := ansi.StringWidth(tail)
	if tw >= width {
		return ansi.Truncate(tail, width, "")
	}
	cut := ansi.Truncate(s, width-tw, "")
	cut = strings.TrimRightFunc(cut, func(r rune) bool {
		return r == '\u0640' || r == '\u200c' || r == '\u200d'
	})
	return cut + tail
}
