package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/briefs/briefs/internal/termsafe"
)

// Safe is the second layer of terminal safety, applied to every Glamour
// render and to every frame the program draws. The byte filtering is
// termsafe.Filter (text, newline, tab, SGR, and OSC 8 links to http and https
// addresses; every other sequence, C0 and C1 controls, DEL, carriage returns
// and bidi controls dropped, invalid UTF-8 turned into U+FFFD).
//
// The reader is stricter than `briefs show` in one respect: it drops the OSC
// 8 hyperlinks termsafe keeps. Frames are cut and padded by display width
// and laid side by side, so a link opened in one pane could stay open across
// the separator into the other pane; the reader shows link text only.
func Safe(s string) string {
	s = termsafe.Filter(s)
	if strings.Contains(s, "\x1b]") {
		s = dropOSC(s)
	}
	return s
}

// dropOSC removes the OSC sequences termsafe.Filter let through (well
// formed OSC 8 links ended by BEL or ST).
func dropOSC(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, "\x1b]")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		rest := s[i+2:]
		end := strings.IndexAny(rest, "\x07\x1b")
		switch {
		case end < 0:
			return b.String() // unterminated: drop the rest
		case rest[end] == 0x07:
			s = rest[end+1:]
		case end+1 < len(rest) && rest[end+1] == '\\':
			s = rest[end+2:]
		default:
			s = rest[end:] // cut by another sequence: drop up to it
		}
	}
}

// clean makes a brief string safe for one line of the list, status or
// header: sanitised, without any escape sequence, with line breaks and tabs
// turned into spaces.
func clean(s string) string {
	if isPlainSafe(s) && !strings.ContainsAny(s, "\n\t") {
		return s
	}
	s = ansi.Strip(Safe(s))
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
}

// isPlainSafe is the fast path: printable ASCII, newline and tab only.
func isPlainSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x7f || (c < 0x20 && c != '\n' && c != '\t') {
			return false
		}
	}
	return true
}
