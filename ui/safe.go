package ui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/briefs/briefs/internal/brief"
)

// Safe is the second layer of terminal safety: it keeps printable text,
// newline, tab and SGR sequences (ESC [ params m) and drops everything else
// a terminal would act on: OSC (titles, clipboard, hyperlinks), DCS, APC,
// PM, SOS, every other CSI and escape sequence, C0 and C1 controls, DEL,
// carriage returns and bidi embedding/override/isolate controls. Invalid
// UTF-8 becomes U+FFFD. It is applied to every Glamour render and to every
// frame the program draws.
func Safe(s string) string {
	if isPlainSafe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			keep, next := escapeSeq(s, i)
			if keep {
				b.WriteString(s[i:next])
			}
			i = next
		case c == '\n' || c == '\t':
			b.WriteByte(c)
			i++
		case c < 0x20 || c == 0x7f:
			i++
		case c < 0x80:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size <= 1:
				b.WriteRune(utf8.RuneError)
			case brief.IsUnsafeRune(r):
				// C1 control, bidi control, BOM: dropped
			default:
				b.WriteString(s[i : i+size])
			}
			i += size
		}
	}
	return b.String()
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

// escapeSeq looks at the escape sequence starting at s[i] (an ESC) and
// reports whether it is an SGR sequence to keep, and where it ends.
func escapeSeq(s string, i int) (keep bool, next int) {
	j := i + 1
	if j >= len(s) {
		return false, j
	}
	switch s[j] {
	case '[': // CSI: parameters 0x30-0x3f, intermediates 0x20-0x2f, final 0x40-0x7e
		j++
		sgrParams := true
		for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
			if !(s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
				sgrParams = false
			}
			j++
		}
		inter := j
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
			return sgrParams && inter == j && s[j] == 'm', j + 1
		}
		return false, j // malformed: drop what was read, go on from the odd byte
	case ']', 'P', '_', '^', 'X': // string sequences: up to BEL, ST (ESC \) or C1 ST
		j++
		for j < len(s) {
			switch {
			case s[j] == 0x07:
				return false, j + 1
			case s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\':
				return false, j + 2
			case s[j] == 0x1b:
				return false, j // an unterminated string cut by another sequence
			case s[j] == 0xc2 && j+1 < len(s) && s[j+1] == 0x9c: // U+009C ST
				return false, j + 2
			case s[j] == 0x9c:
				return false, j + 1
			}
			j++
		}
		return false, j
	}
	// other escape sequences: intermediates then one final byte
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
		j++
	}
	return false, j
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
