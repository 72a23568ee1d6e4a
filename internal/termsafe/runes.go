package termsafe

import (
	"unicode"
	"unicode/utf8"

	"github.com/briefs/briefs/internal/bytescan"
)

// Which runes untrusted text may hold.
//
// Removed everywhere (IsUnsafeRune): C0 controls other than tab and
// newline, DEL, C1 controls, and the format characters (Unicode category
// Cf) that change how text around them is shown while being invisible
// themselves: bidi embeddings, overrides, isolates and marks (U+202A-202E,
// U+2066-2069, LRM U+200E, RLM U+200F, ALM U+061C), the zero-width space
// U+200B, word joiner U+2060 and invisible operators U+2061-2064, the
// byte-order mark U+FEFF, the Mongolian vowel separator, interlinear
// annotation marks, and tag characters (U+E0001, U+E0020-E007F: invisible
// ASCII). Line and paragraph separators (U+2028, U+2029) become line
// breaks.
//
// Kept: the soft hyphen U+00AD and the visible format characters of Arabic
// and other scripts (number signs U+0600-0605, U+06DD, U+0890-0891,
// U+08E2, U+070F, U+110BD, U+110CD; Egyptian, Duployan and musical format
// controls), which are part of the text. The zero-width non-joiner (ZWNJ,
// U+200C) and joiner (ZWJ, U+200D) are kept between two characters they
// can join or part: letters, marks, digits and symbols, as in Persian
// "می‌خواهم" (ZWNJ), Indic conjuncts after a virama and emoji sequences
// such as 👩‍👩‍👧 (ZWJ). Anywhere else (at the start or end of a word, next to a
// space, doubled) they only hide something and are removed.
//
// Bidi marks are removed, not kept, although Arabic and Persian text uses
// them: terminals lay out each line with their own bidi algorithm (or
// none), the marks' effect depends on it, and a mark can reorder what a
// line seems to say. Arabic text shows the same without them on the
// terminals we tried; package bidi aligns right-to-left paragraphs without
// any control characters.

const (
	zwnj = '\u200c'
	zwj  = '\u200d'
	ls   = '\u2028' // line separator: a line break
	ps   = '\u2029' // paragraph separator: a blank line
)

// IsUnsafeRune reports whether r never reaches a terminal from untrusted
// text (see above). ZWNJ and ZWJ are not unsafe; Keep judges them in
// context. U+2028 and U+2029 are unsafe: they become line breaks.
func IsUnsafeRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r < 0x80:
		return false
	case r <= 0x9f: // C1
		return true
	case r == ls || r == ps:
		return true
	case r < 0x600:
		return false // U+00AD soft hyphen is kept
	case r < 0x2000: // Arabic, Syriac... (their other format characters are kept)
		return r == 0x61c || r == 0x180e
	case r <= 0x206f:
		return r >= 0x200b && r <= 0x200f && !isJoiner(r) || r >= 0x202a && r <= 0x202e || r >= 0x2060 && r != 0x2065
	case r < 0xfeff: // no format characters here
		return false
	}
	return unicode.Is(unicode.Cf, r) && !keptFormat(r)
}

// isUnsafeSlow is IsUnsafeRune by its definition, for tests.
func isUnsafeSlow(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20 || r >= 0x7f && r <= 0x9f, r == ls, r == ps:
		return true
	}
	return unicode.Is(unicode.Cf, r) && !keptFormat(r) && r != 0xad
}

// keptFormat reports the format characters that are kept: visible marks
// of Arabic and other scripts, and the joiners (judged in context).
func keptFormat(r rune) bool {
	switch {
	case r >= 0x600 && r <= 0x605, r == 0x6dd, r == 0x70f, r == 0x890, r == 0x891, r == 0x8e2:
		return true
	case r == zwnj || r == zwj:
		return true
	case r == 0x110bd, r == 0x110cd:
		return true
	case r >= 0x13430 && r <= 0x1345f: // Egyptian hieroglyph format controls
		return true
	case r >= 0x1bca0 && r <= 0x1bca3: // Duployan shorthand format controls
		return true
	case r >= 0x1d173 && r <= 0x1d17a: // musical symbol format controls
		return true
	}
	return false
}

// isJoiner reports ZWNJ and ZWJ.
func isJoiner(r rune) bool { return r == zwnj || r == zwj }

// joins reports whether r is something a joiner may stand next to: a
// letter, mark, digit or symbol (emoji are symbols; an emoji's variation
// selector and skin tone are a mark and a symbol).
func joins(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.S)
}

// Keep reports whether r stays in clean text when prev precedes it and
// next follows it (either 0 at the start or end of the text, or next to
// something removed or a sequence dropped). It is !IsUnsafeRune(r), except
// for ZWNJ and ZWJ, which stay only between two runes they can join.
func Keep(prev, r, next rune) bool {
	if isJoiner(r) {
		return joins(prev) && joins(next)
	}
	return !IsUnsafeRune(r)
}

// lineBreaks is what U+2028 and U+2029 become.
func lineBreaks(r rune) string {
	if r == ps {
		return "\n\n"
	}
	return "\n"
}

// asciiUnsafe marks the ASCII bytes that clean text never holds as they
// are: C0 controls other than tab and newline (CR among them: it becomes a
// line break), and DEL.
var asciiUnsafe = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f
	}
	return t
}()

// FirstUnsafe is the byte offset in s of the first thing that cleaning
// (Sanitize in package brief, or the filters here) may change: an escape,
// a control, CR, invalid UTF-8, an unsafe rune, a line or paragraph
// separator, or a joiner (kept or not depending on its neighbours). It is
// -1 when s is clean as it is.
func FirstUnsafe(s string) int {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && bytescan.Printable(bytescan.Load64(s[i:])) {
			i += 8 // printable ASCII is safe
			continue
		}
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			if asciiUnsafe[c] {
				return i
			}
			i++
		case c >= 0xc2 && c <= 0xdf && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
			// two bytes, U+0080-07FF (Latin, Greek, Cyrillic, Hebrew,
			// Arabic): only C1 controls and ALM are unsafe
			if c == 0xc2 && s[i+1] < 0xa0 || c == 0xd8 && s[i+1] == 0x9c {
				return i
			}
			i += 2
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return i
			}
			// unsafe runes and joiners of three or four bytes are in
			// U+1000-2FFF and from U+F000 (leads E1, E2, EF, F0-F4)
			if (c == 0xe1 || c == 0xe2 || c >= 0xef) && (IsUnsafeRune(r) || isJoiner(r)) {
				return i
			}
			i += size
		}
	}
	return -1
}

// nextRune is the rune at the start of s, 0 when s is empty, and
// utf8.RuneError for an invalid byte.
func nextRune(s string) rune {
	if s == "" {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
