package brief

import (
	"html"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/briefs/briefs/internal/termsafe"
)

// Sanitize makes untrusted text safe to keep: invalid UTF-8 becomes U+FFFD,
// CRLF and lone CR become LF, U+2028 and U+2029 become LF and a blank line,
// and the runes package termsafe rejects are removed: C0 controls (except
// tab and newline), DEL, C1 controls, bidi controls and marks, zero-width
// and other invisible format characters, the byte-order mark, and ZWNJ and
// ZWJ except between two characters they join (Persian words, emoji
// sequences). See termsafe's runes.go for the choices.
func Sanitize(s string) string { return termsafe.Runes(s) }

// NeutralizeRefs escapes character references that a Markdown renderer
// would decode into an unsafe rune, so they show as literal text instead:
// numeric ones (&#27; &#x1b; even without the trailing semicolon) and named
// ones (&rlm; &zwj; &ZeroWidthSpace; &Tab; &NewLine;).
func NeutralizeRefs(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '&' || i+1 >= len(s) {
			continue
		}
		unsafe := false
		if s[i+1] == '#' {
			v, ok := numericRef(s[i+2:])
			unsafe = ok && unsafeRef(v)
		} else {
			unsafe = unsafeNamedRef(s[i+1:])
		}
		if unsafe {
			if b.Len() == 0 {
				b.Grow(len(s) + 16)
			}
			b.WriteString(s[last:i])
			b.WriteString("&amp;")
			last = i + 1
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// unsafeNamedRef reports whether s, just after an '&', starts a named
// character reference ("rlm;") that decodes into something unsafe: a
// control, an invisible format character, a joiner, a tab or a line
// break.
func unsafeNamedRef(s string) bool {
	n := 0
	for n < len(s) && n < 40 && (s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z' || s[n] >= '0' && s[n] <= '9') {
		n++
	}
	if n == 0 || n >= len(s) || s[n] != ';' {
		return false // the entities HTML decodes without ';' are Latin-1 letters and signs
	}
	ref := "&" + s[:n+1]
	dec := html.UnescapeString(ref)
	if dec == ref {
		return false
	}
	for _, r := range dec {
		if termsafe.IsUnsafeRune(r) || r == '\u200c' || r == '\u200d' || r == '\t' || r == '\n' {
			return true
		}
	}
	return false
}

// numericRef parses the digits after "&#" (decimal, or hex after x/X).
func numericRef(s string) (int64, bool) {
	base := 10
	if len(s) > 0 && (s[0] == 'x' || s[0] == 'X') {
		base = 16
		s = s[1:]
	}
	n := 0
	for n < len(s) && isDigit(s[n], base) {
		n++
	}
	if n == 0 {
		return 0, false
	}
	if n > 12 { // absurdly long: treat as out of range
		return 1 << 40, true
	}
	v, err := strconv.ParseInt(s[:n], base, 64)
	if err != nil {
		return 1 << 40, true
	}
	return v, true
}

func isDigit(c byte, base int) bool {
	if c >= '0' && c <= '9' {
		return true
	}
	if base == 16 {
		c |= 0x20
		return c >= 'a' && c <= 'f'
	}
	return false
}

// unsafeRef reports whether a character reference to code point v would be
// decoded into something unsafe (or into U+FFFD by replacement rules; those
// are harmless but we escape them too since they hide the source).
func unsafeRef(v int64) bool {
	if v > utf8.MaxRune || v <= 0 || (v >= 0xd800 && v <= 0xdfff) {
		return true
	}
	return termsafe.IsUnsafeRune(rune(v)) || v == '\t' || v == '\n' || v == '\r'
}
