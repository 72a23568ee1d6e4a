// Package textmatch is the one definition of how words of a brief and words
// of a query meet: tokenising, case folding, Arabic normalisation and the
// light stripping of Arabic proclitics, used alike by the search index, the
// query, find-in-brief and highlighting.
//
// English (and any text without Arabic script) is only lower-cased, exactly
// as before this package existed; ASCII takes a fast path that costs
// nothing extra.
//
// Arabic is folded so that the spellings news agencies use meet:
//   - hamza forms of alef (أ إ آ ٱ, and the wavy-hamza forms) are bare alef;
//   - ة is ه (القمة and القمه, جدة and جده meet);
//   - ى and Persian ی are ي, Persian ک is ك;
//   - ؤ and ئ are ء, so the Egyptian and the Iraqi/Levantine spellings meet
//     (مسئول and مسؤول, شئون and شؤون); a decomposed hamza above or below
//     folds the same way;
//   - diacritics (tashkeel U+064B-U+065F, superscript alef U+0670, Quranic
//     annotation marks), tatweel (U+0640) are removed;
//   - Eastern Arabic (٠-٩) and Persian (۰-۹) digits are ASCII digits;
//   - presentation forms (ﻻ, ﺍﻟ...) are decomposed first.
//
// Then a word is indexed under every tail left by a plausible stripping of
// its proclitics (conjunction و/ف, preposition ب/ك/ل, article ال, and لل for
// ل + ال), see Keys; a query word is looked up as typed and without a
// leading article (QueryWord). So وزراء finds الوزراء, زعماء finds وزعماء,
// العراق finds للعراق. Suffixes are not stripped: word-prefix matching
// already lets وزير find وزيرا and وزيرة.
//
// Why not github.com/blevesearch/bleve/v2/analysis/lang/ar: its normaliser
// and light stemmer are small, but importing them pulls about 120 packages
// (bbolt, roaring, geo, the analysis registry); the stemmer strips one
// prefix only (وللعراق stays للعراق) and strips suffixes (السعودية becomes
// سعود, القمة becomes قم), which defeats word-prefix matching; and its
// normaliser leaves ٱ, U+0670, the hamza marks and the digits alone. The
// rules are the same family (Larkey's light stemming), written here.
package textmatch

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Arabic letters the folding and stripping use.
const (
	alef       = 'ا'
	hamza      = 'ء'
	waw        = 'و'
	yeh        = 'ي'
	heh        = 'ه'
	lam        = 'ل'
	beh        = 'ب'
	feh        = 'ف'
	kaf        = 'ك'
	hamzaAbove = '\u0654'
	hamzaBelow = '\u0655'
)

// IsASCII reports whether s is all ASCII.
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isArabic reports whether r is in the Arabic script blocks.
func isArabic(r rune) bool {
	return r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F ||
		r >= 0x08A0 && r <= 0x08FF || r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// dropped reports whether r is removed by folding: Arabic diacritics and
// Quranic marks, the superscript alef, tatweel.
func dropped(r rune) bool {
	switch {
	case r == 0x0640, r == 0x0670:
		return true
	case r >= 0x064B && r <= 0x065F:
		return true
	case r >= 0x0610 && r <= 0x061A:
		return true
	case r >= 0x06D6 && r <= 0x06ED:
		return r != 0x06DD && r != 0x06DE && r != 0x06E5 && r != 0x06E6 && r != 0x06E9
	case r >= 0x08D3 && r <= 0x08FF:
		return r != 0x08E2
	}
	return false
}

// foldRune maps one rune that is not dropped: Arabic letter variants,
// Arabic and Persian digits, lower case for everything else.
func foldRune(r rune) rune {
	switch r {
	case 'آ', 'أ', 'إ', 'ٱ', 'ٲ', 'ٳ', 'ٵ':
		return alef
	case 'ى', 'ی':
		return yeh
	case 'ة', 'ۀ':
		return heh
	case 'ؤ', 'ئ', 'ٶ', 'ٸ':
		return hamza
	case 'ک':
		return kaf
	}
	switch {
	case r >= '٠' && r <= '٩':
		return '0' + r - '٠'
	case r >= '۰' && r <= '۹':
		return '0' + r - '۰'
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// presentation reports whether r is an Arabic presentation form that NFKC
// decomposes into ordinary letters (not the word ligatures U+FDF0-U+FDFF,
// which expand to whole phrases).
func presentation(r rune) bool {
	return r >= 0xFB50 && r <= 0xFDEF || r >= 0xFE70 && r <= 0xFEFF
}

// Fold returns s folded for matching: lower case, and for Arabic script the
// normalisation described in the package documentation. Text without
// Arabic script comes back as strings.ToLower would return it.
func Fold(s string) string {
	if IsASCII(s) {
		for i := 0; i < len(s); i++ {
			if 'A' <= s[i] && s[i] <= 'Z' {
				return string(AppendFold(make([]byte, 0, len(s)), s))
			}
		}
		return s
	}
	return string(AppendFold(make([]byte, 0, len(s)), s))
}

// AppendFold appends the folded form of s to dst.
func AppendFold(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if presentation(r) {
			for _, d := range norm.NFKC.String(string(r)) {
				dst = appendFoldedRune(dst, d)
			}
			continue
		}
		dst = appendFoldedRune(dst, r)
	}
	return dst
}

// arabicBlock is the folding of U+0600-U+06FF, read-only: the folded rune,
// 0 for a rune folding removes, -1 for the combining hamzas.
var arabicBlock = func() (t [256]rune) {
	for i := range t {
		r := rune(0x0600 + i)
		switch {
		case r == hamzaAbove || r == hamzaBelow:
			t[i] = -1
		case dropped(r):
			t[i] = 0
		default:
			t[i] = foldRune(r)
		}
	}
	return t
}()

// appendFoldedRune appends the folding of r to dst, which holds what was
// folded so far (a combining hamza changes the letter before it).
func appendFoldedRune(dst []byte, r rune) []byte {
	if r >= 0x0600 && r <= 0x06FF {
		switch f := arabicBlock[r-0x0600]; f {
		case 0:
			return dst
		case -1:
		default:
			return utf8.AppendRune(dst, f)
		}
	}
	if r == hamzaAbove || r == hamzaBelow {
		// a decomposed أ/إ is already bare alef; و/ي + hamza is ؤ/ئ
		if p, n := utf8.DecodeLastRune(dst); p == waw || p == yeh {
			dst = utf8.AppendRune(dst[:len(dst)-n], hamza)
		}
		return dst
	}
	if dropped(r) {
		return dst
	}
	return utf8.AppendRune(dst, foldRune(r))
}

// HasArabic reports whether s holds a letter of the Arabic script.
func HasArabic(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xD8 && s[i] <= 0xDB || s[i] == 0xDD || s[i] == 0xE0 || s[i] == 0xEF {
			// lead bytes of U+0600-U+06FF, U+0750-U+077F, U+08A0-U+08FF,
			// and the presentation forms: check the rune
			r, _ := utf8.DecodeRuneInString(s[i:])
			if isArabic(r) {
				return true
			}
		}
	}
	return false
}
