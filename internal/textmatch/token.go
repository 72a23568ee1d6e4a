package textmatch

import (
	"unicode"
	"unicode/utf8"
)

// isWordRune reports whether r belongs to a word: letters (tatweel is one),
// digits and non-spacing marks (diacritics).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if r >= 0x0600 && r <= 0x06FF {
		return arabicWord[r-0x0600]
	}
	return isWordRuneSlow(r)
}

func isWordRuneSlow(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// arabicWord caches isWordRune for U+0600-U+06FF (read-only).
var arabicWord = func() (t [256]bool) {
	for i := range t {
		t[i] = isWordRuneSlow(rune(0x0600 + i))
	}
	return t
}()

// EachToken calls f with the byte span of each word of s: a maximal run of
// letters, digits and non-spacing marks.
func EachToken(s string, f func(start, end int)) {
	start := -1
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			f(start, i)
			start = -1
		}
		i += n
	}
	if start >= 0 {
		f(start, len(s))
	}
}

// EachKey calls f with the index keys of every word of s (see Keys); a word
// that folds to nothing (diacritics alone) has none. A key may repeat; f must not keep the string beyond the call unless it copies
// it (it may alias s). For a word without Arabic script the one key is the
// lower-cased word, so an index of English text is what it always was; an
// ASCII word costs no allocation unless it has capitals.
func EachKey(s string, f func(key string)) {
	var buf []byte
	var offs [maxTails]int
	start, ascii, lower := -1, true, true
	flush := func(end int) {
		tok := s[start:end]
		switch {
		case ascii && lower:
			f(tok)
		case ascii:
			f(string(AppendFold(buf[:0], tok)))
		default:
			buf = AppendFold(buf[:0], tok)
			if len(buf) == 0 {
				break // marks only: no key
			}
			w := string(buf)
			for _, p := range tails(w, offs[:0]) {
				f(w[p:])
			}
		}
		start = -1
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' {
				if start < 0 {
					start, ascii, lower = i, true, true
				}
				if c <= 'Z' && c >= 'A' {
					lower = false
				}
			} else if start >= 0 {
				flush(i)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			if start < 0 {
				start, lower = i, true
			}
			ascii = false
		} else if start >= 0 {
			flush(i)
		}
		i += n
	}
	if start >= 0 {
		flush(len(s))
	}
}

// AppendKeys calls f with the index keys of every word of s, the same keys
// in the same order as EachKey, each written into buf (which it returns,
// grown, for the next call): f must not keep key beyond the call. A word
// costs no allocation unless it has Arabic script, so that a caller
// looking keys up in a map (m[string(key)]) allocates nothing for known
// words.
func AppendKeys(buf []byte, s string, f func(key []byte)) []byte {
	var offs [maxTails]int
	start, ascii := -1, true
	// buf holds the word read so far, lower-cased, while it is ASCII
	flush := func(end int) {
		if ascii {
			f(buf)
		} else if buf = AppendFold(buf[:0], s[start:end]); len(buf) > 0 { // marks only: no key
			w := string(buf)
			for _, p := range tails(w, offs[:0]) {
				f(buf[p:])
			}
		}
		start = -1
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if l := asciiLower[c]; l != 0 {
				if start < 0 {
					start, ascii, buf = i, true, buf[:0]
				}
				buf = append(buf, l)
			} else if start >= 0 {
				flush(i)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			ascii = false
		} else if start >= 0 {
			flush(i)
		}
		i += n
	}
	if start >= 0 {
		flush(len(s))
	}
	return buf
}

// asciiLower maps the ASCII letters and digits to their lower case, the
// other ASCII bytes to 0 (read-only).
var asciiLower = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			t[c] = byte(c)
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		}
	}
	return t
}()
