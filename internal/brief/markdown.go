package brief

import (
	"strconv"
	"strings"
)

// EscapeInline escapes a one-line value (a title, an agency name) so that
// Markdown shows it as written: no emphasis, links, HTML, headings, lists
// or tables by accident.
func EscapeInline(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '$', '&', '=':
			b.WriteByte('\\')
		case '-', '+':
			if i == 0 {
				b.WriteByte('\\')
			}
		case '.', ')':
			if i > 0 && isAllDigits(s[:i]) {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isAllDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// codeSpan wraps s in a Markdown code span long enough to hold its backticks.

// Ordinal writes 1 as "1st", 2 as "2nd", 3 as "3rd", 11 as "11th".
func Ordinal(n int) string {
	suffix := "th"
	switch n % 100 {
	case 11, 12, 13:
	default:
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}
