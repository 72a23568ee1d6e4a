package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a text. Words are runs of letters and digits; a change
// between digits and letters also splits ("3rd" is "3" and "rd"), and so do
// apostrophes, hyphens and periods ("Iraq's" is "Iraq" and "s").
type token struct {
	start, end int    // byte offsets into the text
	key        string // normalised form: lower case, Latin diacritics folded, Arabic letters unified
	sent       int32  // sentence number; line breaks and sentence punctuation start a new one
	upper      bool   // first letter is an upper-case letter
	arabic     bool   // written in Arabic script
	digits     bool   // only digits (ASCII or Arabic-Indic, normalised to ASCII in key)
}

// tokenize splits text into tokens. All keys share one backing string.
func tokenize(text string, toks []token) []token {
	toks = toks[:0]
	arena := make([]byte, 0, len(text)+16)
	type span struct{ a, b int }
	var spans []span
	spans = make([]span, 0, len(text)/5+4)

	var sent int32
	prevEnd := 0
	i := 0
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isASCIIWord(c) {
				i++
				continue
			}
		} else {
			r, sz := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				i += sz
				continue
			}
		}
		// a word starts at i
		start := i
		ka := len(arena)
		kind := runeKind(text, i)
		var t token
		t.start = start
		t.digits = kind == kindDigit
		first := true
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf {
				if !isASCIIWord(c) {
					break
				}
				k := kindLetter
				if c >= '0' && c <= '9' {
					k = kindDigit
				}
				if k != kind {
					break
				}
				if first {
					t.upper = c >= 'A' && c <= 'Z'
					first = false
				}
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				arena = append(arena, c)
				i++
				continue
			}
			r, sz := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			k := kindLetter
			if d, ok := arabicDigit(r); ok {
				k = kindDigit
				if k != kind {
					break
				}
				arena = append(arena, d)
				i += sz
				continue
			}
			if unicode.IsDigit(r) {
				k = kindDigit
			}
			if k != kind {
				break
			}
			if isArabicRune(r) {
				t.arabic = true
				arena = appendArabic(arena, r)
			} else {
				if first && unicode.IsUpper(r) {
					t.upper = true
				}
				arena = appendFolded(arena, r)
			}
			if first && !unicode.IsMark(r) {
				first = false
			}
			i += sz
		}
		t.end = i
		if len(arena) == ka {
			// only marks or tatweel: not a word
			continue
		}
		if len(toks) > 0 && isSentenceGap(text[prevEnd:start], toks[len(toks)-1].digits, arena[spans[len(spans)-1].a:spans[len(spans)-1].b]) {
			sent++
		}
		t.sent = sent
		prevEnd = i
		toks = append(toks, t)
		spans = append(spans, span{ka, len(arena)})
	}
	all := string(arena)
	for j := range toks {
		toks[j].key = all[spans[j].a:spans[j].b]
	}
	return toks
}

const (
	kindLetter = iota
	kindDigit
)

func runeKind(text string, i int) int {
	c := text[i]
	if c < utf8.RuneSelf {
		if c >= '0' && c <= '9' {
			return kindDigit
		}
		return kindLetter
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	if _, ok := arabicDigit(r); ok || unicode.IsDigit(r) {
		return kindDigit
	}
	return kindLetter
}

func isASCIIWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isWordRune(r rune) bool {
	if r == 0x0640 { // tatweel
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isArabicRune(r rune) bool {
	return r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

func arabicDigit(r rune) (byte, bool) {
	switch {
	case r >= 0x0660 && r <= 0x0669:
		return byte('0' + r - 0x0660), true
	case r >= 0x06F0 && r <= 0x06F9:
		return byte('0' + r - 0x06F0), true
	}
	return 0, false
}

// appendArabic appends the normalised form of an Arabic rune: short vowels,
// shadda and tatweel dropped; alef forms, alef maqsura, ta marbuta and hamza
// seats unified; Persian letters mapped to their Arabic counterparts.
func appendArabic(b []byte, r rune) []byte {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640:
		return b
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		r = 'ا'
	case 'ى', 'ی', 'ئ':
		r = 'ي'
	case 'ة':
		r = 'ه'
	case 'ؤ':
		r = 'و'
	case 'ک':
		r = 'ك'
	}
	return utf8.AppendRune(b, r)
}

// appendFolded appends a lower-cased Latin rune with its diacritics removed.
func appendFolded(b []byte, r rune) []byte {
	r = unicode.ToLower(r)
	if unicode.IsMark(r) {
		return b // combining accents
	}
	if f, ok := foldTable[r]; ok {
		return append(b, f...)
	}
	return utf8.AppendRune(b, r)
}

var foldTable = func() map[rune]string {
	m := map[rune]string{}
	add := func(to string, from string) {
		for _, r := range from {
			m[r] = to
		}
	}
	add("a", "àáâãäåāăą")
	add("c", "çćčĉċ")
	add("d", "ďđ")
	add("e", "èéêëēĕėęě")
	add("g", "ğĝġģ")
	add("i", "ìíîïīĭįı")
	add("l", "łľĺļ")
	add("n", "ñńňņ")
	add("o", "òóôõöøōŏő")
	add("r", "řŕ")
	add("s", "śšşșŝ")
	add("t", "ťţț")
	add("u", "ùúûüūŭůűų")
	add("y", "ýÿŷ")
	add("z", "źżž")
	m['ß'] = "ss"
	m['æ'] = "ae"
	m['œ'] = "oe"
	return m
}()

// isSentenceGap reports whether the characters between two words end a
// sentence: a line break, or sentence punctuation not after an abbreviation.
func isSentenceGap(gap string, prevDigits bool, prevKey []byte) bool {
	for i := 0; i < len(gap); i++ {
		switch gap[i] {
		case '\n', '!', '?', ';':
			return true
		case '.':
			if !isAbbrev(prevKey, prevDigits) {
				return true
			}
		}
	}
	if len(gap) > 1 && (strings.Contains(gap, "؟") || strings.Contains(gap, "؛")) {
		return true
	}
	return false
}

var abbrevs = map[string]bool{
	"st": true, "mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "lt": true, "col": true,
	"maj": true, "brig": true, "capt": true, "sgt": true, "no": true, "vs": true, "jr": true, "sr": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "prof": true, "gov": true, "sen": true, "rep": true,
	"est": true, "approx": true, "inc": true, "co": true, "corp": true, "ltd": true,
}

func isAbbrev(k []byte, digits bool) bool {
	if len(k) == 1 && !digits {
		return true // initials: U.S., D.C.
	}
	return abbrevs[string(k)]
}

// gap returns the text between token i-1 and token i (from the start of the
// text for i == 0).
func gapBefore(text string, toks []token, i int) string {
	if i == 0 {
		return text[:toks[0].start]
	}
	return text[toks[i-1].end:toks[i].start]
}

// softGap reports whether two words of a multi-word name may be separated by
// gap: spaces, a hyphen, an apostrophe or a period.
func softGap(gap string) bool {
	if len(gap) > 6 {
		return false
	}
	for i := 0; i < len(gap); {
		c := gap[i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ', '\t', '-', '\'', '.':
				i++
				continue
			}
			return false
		}
		r, sz := utf8.DecodeRuneInString(gap[i:])
		switch r {
		case '\u00a0', '\u2019', '\u2018', '\u2010', '\u2011', '\u200c', '\u200f', '\u200e':
			i += sz
			continue
		}
		return false
	}
	return true
}

// arabicForms returns key and the forms it takes with leading proclitics
// removed: the conjunctions و and ف, the prepositions ب, ل and ك, and لل
// (ل with the article). Forms keep at least three letters.
func arabicForms(key string, out []string) []string {
	out = append(out[:0], key)
	bases := [2]string{key, ""}
	nb := 1
	if r, sz := utf8.DecodeRuneInString(key); (r == 'و' || r == 'ف') && utf8.RuneCountInString(key[sz:]) >= 3 {
		bases[1] = key[sz:]
		nb = 2
		out = append(out, key[sz:])
	}
	for _, b := range bases[:nb] {
		if strings.HasPrefix(b, "لل") && utf8.RuneCountInString(b) >= 5 {
			out = append(out, "ال"+b[len("لل"):])
			continue
		}
		r, sz := utf8.DecodeRuneInString(b)
		if (r == 'ب' || r == 'ل' || r == 'ك') && utf8.RuneCountInString(b[sz:]) >= 3 {
			out = append(out, b[sz:])
		}
	}
	return out
}

// stripArticle removes a leading ال from a normalised Arabic key.
func stripArticle(k string) string {
	if strings.HasPrefix(k, "ال") && utf8.RuneCountInString(k) >= 4 {
		return k[len("ال"):]
	}
	return k
}

// phraseKeys tokenizes a name from the data files into its normalised word
// keys and the words as written.
func phraseKeys(s string) (keys []string, words []string, toks []token) {
	toks = tokenize(s, nil)
	for _, t := range toks {
		keys = append(keys, t.key)
		words = append(words, s[t.start:t.end])
	}
	return keys, words, toks
}
