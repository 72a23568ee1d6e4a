package brief

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Sanitize makes untrusted text safe to keep: invalid UTF-8 becomes U+FFFD,
// CRLF and lone CR become LF, a byte-order mark is dropped, and C0 controls
// (except tab and newline), DEL, C1 controls and bidi overrides are removed.
func Sanitize(s string) string {
	first := FirstUnsafe(s)
	if first < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:first])
	for i := first; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case IsUnsafeRune(r):
			// dropped
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// FirstUnsafe is the byte offset in s of the first thing Sanitize must
// change (invalid UTF-8, CR, or a rune IsUnsafeRune rejects), or -1 when s
// is already clean.
func FirstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiUnsafe[c] {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || IsUnsafeRune(r) {
			return i
		}
		i += size
	}
	return -1
}

// asciiUnsafe marks the ASCII bytes Sanitize removes or changes.
var asciiUnsafe = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f
	}
	return t
}()

// IsUnsafeRune reports whether r must never reach a terminal from a brief:
// C0 controls other than tab and newline, DEL, C1 controls, bidi embedding,
// override and isolate controls, and the byte-order mark.
func IsUnsafeRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0xfeff:
		return true
	}
	return false
}

// NeutralizeRefs escapes numeric character references (&#27; &#x1b; even
// without the trailing semicolon) that a Markdown renderer would decode into
// an unsafe rune, so they show as literal text instead.
func NeutralizeRefs(s string) string {
	if !strings.Contains(s, "&#") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '&' || i+1 >= len(s) || s[i+1] != '#' {
			continue
		}
		if v, ok := numericRef(s[i+2:]); ok && unsafeRef(v) {
			b.WriteString(s[last:i])
			b.WriteString("&amp;")
			last = i + 1
		}
	}
	b.WriteString(s[last:])
	return b.String()
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
	return IsUnsafeRune(rune(v)) || v == '\t' || v == '\n' || v == '\r'
}
