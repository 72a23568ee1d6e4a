// Package termsafe is the last line of defence between text and a terminal
// or an exported file: it filters text down to an allow-list of printable
// text, tab, newline, SGR styling and OSC 8 hyperlinks to web addresses
// (http and https only).
//
// Escape sequences are parsed the way a terminal would parse them, in their
// 7-bit (ESC ...) and 8-bit (C1, UTF-8 encoded) forms, so that a dropped
// sequence goes whole and nothing of it is left behind as text:
//
//   - CSI (ESC [ or U+009B): parameters, intermediates and final byte; a byte
//     that cannot be part of the sequence ends it and is not consumed.
//   - OSC, DCS, SOS, PM and APC (ESC ] P X ^ _ or U+009D U+0090 U+0098
//     U+009E U+009F): a control string ended by BEL, ESC \ or U+009C. Any
//     other ESC ends the string and starts a new sequence. An unterminated
//     string ends before the next line break (LF, CR, U+2028, U+2029), so
//     one bad sequence cannot eat the rest of the text.
//   - Other ESC sequences: ESC, any intermediates (0x20-0x2F) and a final
//     byte (0x30-0x7E), as in ESC 7 or ESC ( B.
//
// Outside sequences, CR LF and lone CR become LF, U+2028 and U+2029 become
// LF and two LFs, invalid UTF-8 becomes U+FFFD, and the runes Keep rejects
// (C0 controls other than tab and newline, DEL, C1 controls, bidi
// controls and marks, zero-width and other invisible format characters,
// joiners out of place; see runes.go) are dropped.
//
// The package imports nothing of this program: package brief cleans input
// with the same rune classes (IsUnsafeRune, Keep, FirstUnsafe).
package termsafe

import (
	"strings"
	"unicode/utf8"
)

// Filter returns s with every escape sequence removed except SGR (ESC [ ...
// m) and OSC 8 hyperlinks whose target is http or https, and with
// every control character removed except tab and newline (CR LF and lone CR
// become newline).
func Filter(s string) string { return filter(s, keepSGR|keepLinks) }

// NoLinks is Filter without hyperlinks: only text and SGR styling remain.
func NoLinks(s string) string { return filter(s, keepSGR) }

// Plain is Filter without any escape sequence at all: text for pipes and
// files.
func Plain(s string) string { return filter(s, 0) }

// Runes returns s with the unsafe runes removed one by one, escape
// sequences not recognised as units: ESC goes and "[31m" after it stays as
// text. Invalid UTF-8 becomes U+FFFD, CR LF and lone CR become newline,
// U+2028 a newline and U+2029 a blank line; ZWNJ and ZWJ stay only between
// two characters they join. For cleaning input once, where it enters the
// program (package brief).
func Runes(s string) string { return filter(s, runesOnly) }

// what filter keeps or how it reads escapes
const (
	keepSGR   = 1 << iota // SGR styling sequences
	keepLinks             // OSC 8 links to web and mail addresses
	runesOnly             // no sequences: every unsafe rune dropped alone
)

func filter(s string, mode int) string {
	// the first thing filter must look at (an escape is a control)
	first := FirstUnsafe(s)
	if first < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:first])
	prev := rune(0) // the last rune kept: a joiner needs one to join
	if first > 0 {
		prev, _ = utf8.DecodeLastRuneInString(s[:first])
	}
	for i := first; i < len(s); {
		switch c := s[i]; {
		case mode&runesOnly == 0 && (c == 0x1b || c == 0xc2 && i+1 < len(s) && c1Opener(s[i+1])):
			n, kind := sequence(s[i:])
			if kind == kindSGR && mode&keepSGR != 0 || kind == kindLink && mode&keepLinks != 0 {
				b.WriteString(s[i : i+n])
			}
			i += n
			prev = 0
			continue
		case c == '\r':
			b.WriteByte('\n')
			i++
			if i < len(s) && s[i] == '\n' {
				i++
			}
			prev = '\n'
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == ls || r == ps:
			b.WriteString(lineBreaks(r))
		case Keep(prev, r, nextRune(s[i+size:])):
			b.WriteString(s[i : i+size])
		default:
			r = 0
		}
		prev = r
		i += size
	}
	return b.String()
}

// kinds of escape sequence
const (
	kindOther = iota // never allowed
	kindSGR          // styling
	kindLink         // OSC 8 hyperlink to a web or mail address
)

// opener reports whether c, after ESC, starts a CSI or a control string.
func opener(c byte) bool {
	switch c {
	case '[', ']', 'P', 'X', '^', '_':
		return true
	}
	return false
}

// c1Opener reports whether c, the second byte of a UTF-8 encoded C1
// control (0xC2 0x80-0x9F), is the 8-bit form of a CSI or control string
// introducer: U+0080+x stands for ESC followed by 0x40+x.
func c1Opener(c byte) bool {
	return c >= 0x80 && c <= 0x9f && opener(c-0x40)
}

// sequence measures the escape sequence at the start of s, which begins
// with ESC or with a UTF-8 encoded C1 introducer c1Opener accepts, and says
// what kind it is. Only 7-bit SGR and 7-bit OSC 8 links ended by BEL or ESC
// \ are ever kept; every 8-bit sequence is kindOther.
func sequence(s string) (int, int) {
	if len(s) < 2 {
		return len(s), kindOther
	}
	intro, eightBit := s[1], s[0] != 0x1b
	if eightBit {
		intro -= 0x40
	} else if !opener(intro) {
		return 1 + escLen(s[1:]), kindOther
	}
	const n = 2 // ESC and introducer, or the two bytes of the C1 control
	if intro == '[' {
		// CSI: parameters 0x30-0x3f, intermediates 0x20-0x2f, final 0x40-0x7e
		j := n
		for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
			j++
		}
		params := s[n:j]
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j >= len(s) || s[j] < 0x40 || s[j] > 0x7e {
			return j, kindOther // unterminated or broken: drop what we read
		}
		if !eightBit && s[j] == 'm' && j == n+len(params) && sgrParams(params) {
			return j + 1, kindSGR
		}
		return j + 1, kindOther
	}
	// OSC, DCS, SOS, PM, APC: control strings
	end, term := stringEnd(s[n:])
	if !eightBit && intro == ']' && term > 0 && s[n+end] != 0xc2 && allowedOSC8(s[n:n+end]) {
		return n + end + term, kindLink
	}
	return n + end + term, kindOther
}

// escLen returns how many bytes of s, just after an ESC that does not start
// a CSI or a control string, belong to the sequence: intermediates
// 0x20-0x2F then a final byte 0x30-0x7E (ESC 7, ESC ( B, ESC # 8). A byte
// that cannot be part of the sequence ends it without being consumed.
func escLen(s string) int {
	n := 0
	for n < len(s) && s[n] >= 0x20 && s[n] <= 0x2f {
		n++
	}
	if n < len(s) && s[n] >= 0x30 && s[n] <= 0x7e {
		n++
	}
	return n
}

// stringEnd finds the end of a control string's body in s: the offset of
// its terminator and the terminator's length (BEL, ESC \ or U+009C). A
// string cut short by another ESC, a line break or the end of s has length
// 0: the ESC, CR or LF is left for the caller.
func stringEnd(s string) (int, int) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0x07:
			return i, 1
		case '\n', '\r':
			return i, 0
		case 0xe2: // U+2028, U+2029: line breaks too
			if strings.HasPrefix(s[i:], "\u2028") || strings.HasPrefix(s[i:], "\u2029") {
				return i, 0
			}
		case 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i, 2
			}
			return i, 0
		case 0xc2: // only ever a lead byte, so this is U+009C, not part of another rune
			if i+1 < len(s) && s[i+1] == 0x9c {
				return i, 2
			}
		}
	}
	return len(s), 0
}

func sgrParams(p string) bool {
	for i := 0; i < len(p); i++ {
		if (p[i] < '0' || p[i] > '9') && p[i] != ';' && p[i] != ':' {
			return false
		}
	}
	return true
}

// allowedOSC8 accepts "8;params;URI" with an http or https URI of
// printable ASCII, and the closing "8;;". Other schemes (mailto:, file:,
// ssh:, a terminal's own schemes) are not links: their text stays.
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
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
