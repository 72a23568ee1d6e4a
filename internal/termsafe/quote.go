package termsafe

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quote shows a value from outside the program (a path, an argument, a
// tag, a config value) in a message: as it is when every rune of it is
// printable, else quoted in Go syntax ("a\x1b]0;t\a", "\u202eevil"), so
// that control characters, bidi marks, zero-width characters and invalid
// bytes are seen as escapes, not executed nor silently dropped.
func Quote(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }) {
		return s
	}
	return strconv.Quote(s)
}

// Visible makes every non-printable rune of a message (other than newline
// and tab) visible as an escape (\x1b, \u200f), and every invalid byte as
// \xNN: the last step before a message built from texts of other packages
// (error texts may hold file names) is printed.
func Visible(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, unprintable) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unprintable(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unprintable reports runes a message must not print as they are: all
// that Go does not call printable (controls, format characters such as
// bidi marks and zero-width spaces, line and paragraph separators,
// non-ASCII spaces) except newline and tab.
func unprintable(r rune) bool {
	return r != '\n' && r != '\t' && r != ' ' && !unicode.IsPrint(r)
}
