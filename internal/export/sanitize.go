package export

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// sanitize removes what could drive a terminal or reorder text from s: escape
// sequences (CSI, OSC, DCS, APC, PM, SOS and two-character ESC sequences,
// 7-bit and 8-bit forms, the whole sequence and not just its introducer), C0
// controls other than tab and newline, DEL, C1 controls and the bidi
// embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069).
// Invalid UTF-8 becomes U+FFFD; CR LF and lone CR become LF.
//
// Inputs are meant to be clean already; this is the second layer.
func sanitize(s string) string {
	if isClean(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r':
			b.WriteByte('\n')
			if strings.HasPrefix(s[i+size:], "\n") {
				size++
			}
		case r == 0x1b:
			size += skipEscape(s[i+size:])
		case r == 0x9b: // CSI
			size += skipCSI(s[i+size:])
		case r == 0x9d, r == 0x90, r == 0x98, r == 0x9e, r == 0x9f: // OSC, DCS, SOS, PM, APC
			size += skipString(s[i+size:])
		case dropRune(r):
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isClean reports whether s needs no change.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c >= 0x80 {
			return isCleanSlow(s[i:])
		}
	}
	return true
}

func isCleanSlow(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || r == '\r' || r == 0x1b || dropRune(r) {
			return false // RuneError may be a real U+FFFD; the slow path keeps it
		}
	}
	return true
}

// dropRune reports the single characters sanitize removes.
func dropRune(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\n' && r != '\t'
	case r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// skipEscape returns how many bytes of s (just after an ESC) belong to the
// escape sequence.
func skipEscape(s string) int {
	if s == "" {
		return 0
	}
	switch s[0] {
	case '[':
		return 1 + skipCSI(s[1:])
	case ']', 'P', 'X', '^', '_':
		return 1 + skipString(s[1:])
	}
	// nF: intermediates 0x20-0x2F, then a final 0x30-0x7E; Fp/Fe/Fs: one byte.
	n := 0
	for n < len(s) && s[n] >= 0x20 && s[n] <= 0x2f {
		n++
	}
	if n < len(s) && s[n] >= 0x30 && s[n] <= 0x7e {
		return n + 1
	}
	return n
}

// skipCSI returns the length of a control sequence's parameters,
// intermediates and final byte at the start of s. A byte that cannot be part
// of the sequence ends it without being consumed.
func skipCSI(s string) int {
	n := 0
	for n < len(s) && s[n] >= 0x30 && s[n] <= 0x3f {
		n++
	}
	for n < len(s) && s[n] >= 0x20 && s[n] <= 0x2f {
		n++
	}
	if n < len(s) && s[n] >= 0x40 && s[n] <= 0x7e {
		n++
	}
	return n
}

// skipString returns the length of a control string (OSC, DCS, ...) at the
// start of s, with its terminator: BEL, ESC \ or the C1 ST. An unterminated
// string ends before the next newline, so one bad title cannot eat the rest.
func skipString(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x07, r == 0x9c:
			return i + size
		case r == 0x1b:
			if strings.HasPrefix(s[i+1:], "\\") {
				return i + 2
			}
			return i + 1
		case r == '\n':
			return i
		}
		i += size
	}
	return len(s)
}

// oneLine sanitises s and folds it onto one line: runs of white space
// (newlines and tabs included) become one space, and the ends are trimmed.
func oneLine(s string) string {
	s = sanitize(s)
	if !strings.ContainsAny(s, "\n\t") && !strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// neutraliseEntities makes numeric character references that a Markdown
// renderer would turn into control characters (&#27; &#x1b; &#x9b ...) show
// as text, by escaping their '&'.
func neutraliseEntities(s string) string {
	if !strings.Contains(s, "&#") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for {
		i := strings.Index(s, "&#")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := i + 2
		base := 10
		if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
			base = 16
			j++
		}
		k := j
		for k < len(s) && k-j < 8 && isDigitIn(s[k], base) {
			k++
		}
		if k > j {
			if v, err := strconv.ParseUint(s[j:k], base, 32); err == nil && (v == 0 || v > utf8.MaxRune || dropRune(rune(v)) || v == 0x1b) {
				b.WriteString("&amp;")
				s = s[i+1:]
				continue
			}
		}
		b.WriteString("&#")
		s = s[i+2:]
	}
}

func isDigitIn(c byte, base int) bool {
	switch {
	case c >= '0' && c <= '9':
		return true
	case base == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'):
		return true
	}
	return false
}
