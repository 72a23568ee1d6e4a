// Package termsafe is the last line of defence between text and a terminal:
// it filters rendered output down to an allow-list of printable text, tab,
// newline, SGR styling and OSC 8 hyperlinks to web and mail addresses.
package termsafe

import (
	"strings"
	"unicode/utf8"

	"github.com/briefs/briefs/internal/brief"
)

// Filter returns s with every escape sequence removed except SGR (ESC [ ...
// m) and OSC 8 hyperlinks whose target is http, https or mailto, and with
// every control character removed except tab and newline.
func Filter(s string) string { return filter(s, true, true) }

// NoLinks is Filter without hyperlinks: only text and SGR styling remain.
func NoLinks(s string) string { return filter(s, true, false) }

// Plain is Filter without any escape sequence at all: text for pipes and
// files.
func Plain(s string) string { return filter(s, false, false) }

func filter(s string, sgr, links bool) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b {
			n, kind := escape(s[i:])
			if kind == kindSGR && sgr || kind == kindLink && links {
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else if !brief.IsUnsafeRune(r) {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func clean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// kinds of escape sequence
const (
	kindOther = iota // never allowed
	kindSGR          // styling
	kindLink         // OSC 8 hyperlink to a web or mail address
)

// escape measures the escape sequence at the start of s and says what kind
// it is.
func escape(s string) (int, int) {
	if len(s) < 2 {
		return len(s), kindOther
	}
	switch s[1] {
	case '[': // CSI: parameters 0x30-0x3f, intermediates 0x20-0x2f, final 0x40-0x7e
		j := 2
		for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
			j++
		}
		params := s[2:j]
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j >= len(s) {
			return len(s), kindOther
		}
		if s[j] < 0x40 || s[j] > 0x7e {
			return j, kindOther // broken sequence: drop what we read
		}
		if s[j] == 'm' && j == 2+len(params) && sgrParams(params) {
			return j + 1, kindSGR
		}
		return j + 1, kindOther
	case ']', 'P', '_', '^', 'X': // OSC, DCS, APC, PM, SOS: strings ended by BEL or ST
		end, n := stringEnd(s[2:])
		if end < 0 {
			return len(s), kindOther
		}
		if s[1] == ']' && allowedOSC8(s[2:2+end]) {
			return 2 + end + n, kindLink
		}
		return 2 + end + n, kindOther
	}
	// two-byte sequences (ESC 7, ESC c, ...) and anything else
	_, size := utf8.DecodeRuneInString(s[1:])
	return 1 + size, kindOther
}

func sgrParams(p string) bool {
	for i := 0; i < len(p); i++ {
		if (p[i] < '0' || p[i] > '9') && p[i] != ';' && p[i] != ':' {
			return false
		}
	}
	return true
}

// stringEnd finds the BEL or ST (ESC \) that ends a control string.
func stringEnd(s string) (int, int) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0x07:
			return i, 1
		case 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i, 2
			}
			return -1, 0
		}
	}
	return -1, 0
}

// allowedOSC8 accepts "8;params;URI" with an http, https or mailto URI of
// printable ASCII, and the closing "8;;".
func allowedOSC8(body string) bool {
	rest, ok := strings.CutPrefix(body, "8;")
	if !ok {
		return false
	}
	params, uri, ok := strings.Cut(rest, ";")
	if !ok || !printableASCII(params) || !printableASCII(uri) {
		return false
	}
	if uri == "" {
		return true
	}
	l := strings.ToLower(uri)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "mailto:")
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
