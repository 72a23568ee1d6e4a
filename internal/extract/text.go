package extract

import (
	"slices"
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
	date       uint8  // dwKnown when the key was looked up in the word index, with its date bits
}

// Date bits of a word (see token.date and wordInfo.date).
const (
	dwKnown   = 1 << iota // the token's key was looked up: the other bits are set
	dwWeekday             // a key of weekdayKeys
	dwMonth               // a key of monthKeys
)

// tokenize splits text into tokens. Keys are substrings of text where the
// word is already in normal form (lower-case ASCII, ASCII digits); the others
// share one backing string.
func tokenize(text string, toks []token) []token {
	var tz tokenizer
	if toks == nil {
		// sized for the text (words of five letters and a space on
		// average): the catalogue's and gazetteer's tens of thousands of
		// short names would otherwise each get room for 64 tokens
		toks = make([]token, 0, len(text)/6+2)
	}
	tz.toks = toks
	tz.run(text)
	return tz.toks
}

// tokenizer holds the buffers of a tokenization, to be reused.
type tokenizer struct {
	words *wordIndex // when set, run resolves every token into infos
	// rawArena leaves the keys in arena unset: arena[fix.a:fix.b] are
	// their bytes
	rawArena bool
	toks     []token
	infos    []tokInfo
	arena    []byte   // keys that are neither substrings of the text nor word index keys
	fix      []keyFix // which tokens have their key in arena
}

type keyFix struct {
	tok, a, b int32
	slow      bool // read by slowWord: its tokInfo is still to be resolved
}

// Byte classes of the tokenizer.
const (
	bcGap   = iota // not part of a word
	bcStop         // '\n', '!', '?', ';': ends a sentence
	bcDot          // '.': ends a sentence unless after an abbreviation
	bcLower        // a-z
	bcUpper        // A-Z
	bcDigit        // 0-9
	bcHigh         // a byte of a multi-byte rune, or invalid UTF-8
)

// What a gap between two tokens holds (bit sets of the classes above).
const (
	gapStop = 1 << bcStop
	gapDot  = 1 << bcDot
)

var byteClass = func() (t [256]uint8) {
	for c := 0x80; c < 256; c++ {
		t[c] = bcHigh
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = bcLower
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = bcUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = bcDigit
	}
	for _, c := range "\n!?;" {
		t[c] = bcStop
	}
	t['.'] = bcDot
	return t
}()

// glued reports whether a dot joins the last token to the word starting at
// i with no blank ("العربية.نت", "Alarabiya.net"): a name's dot, not a
// sentence's end.
func glued(text string, i int, last *token, cl uint8) bool {
	return cl != bcDigit && last.end == i-1 && text[i-1] == '.' && !last.digits
}

// run tokenizes text into tz.toks (and tz.infos): gaps are skipped and
// remembered for sentence breaks; each word gets the next token, which the
// reader for its first byte's class fills in (readWord, readDigits,
// readLetters); its info is set here; keys built in the arena are attached
// at the end (finish).
func (tz *tokenizer) run(text string) {
	tz.toks, tz.infos = tz.toks[:0], tz.infos[:0]
	tz.arena, tz.fix = tz.arena[:0], tz.fix[:0]
	words := tz.words
	var sent int32
	gap := 0         // what the gap since the last token holds
	prevFix := false // the last token's key is in the arena (the last fix)
	prevE := -1      // the last token's word index entry, if it was looked up here
	for i := 0; i < len(text); {
		cl := byteClass[text[i]]
		if cl <= bcDot {
			gap |= 1 << cl
			i++
			continue
		}
		k := len(tz.toks)
		// before the reader adds its fix: prevAbbrev reads the last one
		newSent := gap&(gapStop|gapDot) != 0 && k > 0 && (gap&gapStop != 0 || !glued(text, i, &tz.toks[k-1], cl) && !tz.prevAbbrev(&tz.toks[k-1], prevFix, prevE))
		if k == cap(tz.toks) {
			tz.toks = slices.Grow(tz.toks, k/2+64)
		}
		tz.toks = tz.toks[:k+1] // only the length changes: no write barrier
		t := &tz.toks[k]
		e, slow := -1, false
		switch cl {
		case bcHigh:
			var ok bool
			if i, gap, ok = tz.readWord(text, i, gap, t); !ok {
				tz.toks = tz.toks[:k]
				continue
			}
			slow = true
		case bcDigit:
			i, e, slow = tz.readDigits(text, i, t)
		default:
			i, e, slow = tz.readLetters(text, i, cl, t)
		}
		if newSent {
			sent++
		}
		t.sent, t.date = sent, 0
		gap, prevE, prevFix = 0, e, len(tz.fix) > 0 && int(tz.fix[len(tz.fix)-1].tok) == k
		if words == nil {
			continue
		}
		if k == cap(tz.infos) {
			tz.infos = slices.Grow(tz.infos, k/2+64)
		}
		tz.infos = tz.infos[:k+1]
		switch {
		case e >= 0:
			en := &words.entries[e]
			tz.infos[k] = en.ti
			t.date = dwKnown | en.info.date
		case slow:
			tz.infos[k] = tokInfo{} // resolved by finish
		default:
			tz.infos[k] = tokInfo{}
			t.date = dwKnown
		}
	}
	tz.finish()
}

// readWord reads into t a word starting with a multi-byte rune, rune by
// rune. It returns where reading goes on and the gap so far; ok is false
// when the rune starts no word (a sentence mark is added to the gap) or the
// word has only marks or tatweel.
func (tz *tokenizer) readWord(text string, i, gap int, t *token) (next, gapOut int, ok bool) {
	r, sz := decodeRune(text, i)
	if runeClass(r)&rcWord == 0 {
		if r == '؟' || r == '؛' {
			gap |= gapStop
		}
		return i + sz, gap, false
	}
	end, ok := tz.readSlow(text, i, t)
	return end, gap, ok
}

// readSlow reads into t the word at text[start:] rune by rune, its key in
// the arena; ok is false when it has only marks or tatweel.
func (tz *tokenizer) readSlow(text string, start int, t *token) (end int, ok bool) {
	ka := len(tz.arena)
	t.start, t.key = start, ""
	t.end, t.upper, t.arabic, t.digits, ok = tz.slowWord(text, start)
	if ok {
		tz.fix = append(tz.fix, keyFix{int32(len(tz.toks) - 1), int32(ka), int32(len(tz.arena)), true})
	}
	return t.end, ok
}

// readDigits reads into t a number in ASCII digits (or a word that goes on
// in other scripts' digits) and looks it up: where reading goes on, its
// word index entry (-1: none), and whether it was read rune by rune.
func (tz *tokenizer) readDigits(text string, start int, t *token) (end, e int, slow bool) {
	i, v := scanDigits(text, start)
	if i < len(text) && text[i] >= utf8.RuneSelf && continuesWord(text, i, kindDigit) {
		end, _ = tz.readSlow(text, start, t)
		return end, -1, true
	}
	t.start, t.end, t.key = start, i, text[start:i]
	t.upper, t.arabic, t.digits = false, false, true
	e = -1
	if tz.words != nil {
		if i-start <= 8 {
			e = tz.words.findPacked(v)
		} else {
			e = find(tz.words, t.key)
		}
	}
	return i, e, false
}

// readLetters reads into t a word in ASCII letters (or one that goes on in
// other letters), looks it up, and keys it: the text itself when lower
// case, the word index's key when known, else a lower-cased copy in the
// arena. It returns what readDigits does.
func (tz *tokenizer) readLetters(text string, start int, cl uint8, t *token) (end, e int, slow bool) {
	i, v, hasUpper := scanLetters(text, start)
	if i < len(text) && text[i] >= utf8.RuneSelf && continuesWord(text, i, kindLetter) {
		end, _ = tz.readSlow(text, start, t)
		return end, -1, true
	}
	t.start, t.end = start, i
	t.upper, t.arabic, t.digits = cl == bcUpper, false, false
	e = -1
	if words := tz.words; words != nil {
		if i-start <= 8 {
			e = words.findPacked(v)
		} else {
			e = words.findLong(hashLetters(text[start:i]), text[start:i], hasUpper)
		}
	}
	switch {
	case !hasUpper:
		t.key = text[start:i]
	case e >= 0:
		t.key = tz.words.entries[e].key // interned: no copy
	default:
		ka := len(tz.arena)
		arena := tz.arena
		for j := start; j < i; j++ {
			arena = append(arena, text[j]|0x20)
		}
		tz.arena = arena
		t.key = ""
		tz.fix = append(tz.fix, keyFix{int32(len(tz.toks) - 1), int32(ka), int32(len(arena)), false})
	}
	return i, e, false
}

// finish gives the tokens keyed in the arena their keys, and the words read
// rune by rune their infos.
func (tz *tokenizer) finish() {
	if len(tz.fix) == 0 || tz.rawArena {
		return
	}
	all := string(tz.arena)
	for _, f := range tz.fix {
		t := &tz.toks[f.tok]
		t.key = all[f.a:f.b]
		if f.slow && tz.words != nil {
			tz.infos[f.tok] = tz.words.slowInfo(t)
		}
	}
}

// scanLetters reads the ASCII letters from text[i]: where they end, the
// lower-cased letters packed as by packByte (the last 8), and whether any is
// upper case. It is kept out of run so that its loop gets the registers.
//
//go:noinline
func scanLetters(text string, i int) (end int, v uint64, hasUpper bool) {
	for ; i < len(text); i++ {
		c := text[i]
		if cl := byteClass[c]; cl != bcLower {
			if cl != bcUpper {
				break
			}
			hasUpper = true
		}
		v = v<<8 | uint64(c|0x20)
	}
	return i, v, hasUpper
}

// scanDigits reads the ASCII digits from text[i]: where they end, and the
// digits packed as by packByte (the last 8).
//
//go:noinline
func scanDigits(text string, i int) (end int, v uint64) {
	for ; i < len(text); i++ {
		c := text[i]
		if c < '0' || c > '9' {
			break
		}
		v = v<<8 | uint64(c)
	}
	return i, v
}

// prevAbbrev reports whether token p, the last one read, is an abbreviation
// that a period may follow inside a sentence. inArena: its key is that of the
// last fix.
func (tz *tokenizer) prevAbbrev(p *token, inArena bool, e int) bool {
	if inArena {
		f := tz.fix[len(tz.fix)-1]
		return isAbbrev(tz.arena[f.a:f.b], p.digits)
	}
	if len(p.key) == 1 && !p.digits {
		return true
	}
	if tz.words != nil {
		// every token read here that is not in the arena was looked up
		return e >= 0 && tz.words.entries[e].info.abbrev
	}
	return abbrevs[p.key]
}

// continuesWord reports whether the rune at text[i] continues a word of the
// given kind.
func continuesWord(text string, i int, kind int) bool {
	r, _ := decodeRune(text, i)
	rc := runeClass(r)
	if rc&rcWord == 0 {
		return false
	}
	k := kindLetter
	if rc&rcDigit != 0 {
		k = kindDigit
	}
	return k == kind
}

// decodeRune is utf8.DecodeRuneInString(text[i:]) with the two-byte
// sequences of Latin, Greek, Cyrillic and Arabic inlined.
func decodeRune(text string, i int) (rune, int) {
	if c := text[i]; c >= 0xC2 && c <= 0xDF && i+1 < len(text) {
		if c2 := text[i+1]; c2&0xC0 == 0x80 {
			return rune(c&0x1F)<<6 | rune(c2&0x3F), 2
		}
	}
	return utf8.DecodeRuneInString(text[i:])
}

// Rune class bits (see runeClass).
const (
	rcWord   = 1 << iota // isWordRune
	rcDigit              // a digit: Arabic-Indic or unicode.IsDigit
	rcArabic             // isArabicRune
	rcMark               // unicode.IsMark
	rcUpper              // unicode.IsUpper
)

func computeRuneClass(r rune) uint8 {
	var c uint8
	if isWordRune(r) {
		c |= rcWord
	}
	if _, ok := arabicDigit(r); ok || unicode.IsDigit(r) {
		c |= rcDigit
	}
	if isArabicRune(r) {
		c |= rcArabic
	}
	if unicode.IsMark(r) {
		c |= rcMark
	}
	if unicode.IsUpper(r) {
		c |= rcUpper
	}
	return c
}

// runeTableSize covers Latin, Greek, Cyrillic, Hebrew, Arabic and the
// general punctuation (quotes, dashes, bullets).
const runeTableSize = 0x2100

var runeTable = func() (t [runeTableSize]uint8) {
	for r := range rune(runeTableSize) {
		t[r] = computeRuneClass(r)
	}
	return t
}()

// runeClass returns the class bits of r.
func runeClass(r rune) uint8 {
	if uint32(r) < runeTableSize {
		return runeTable[r]
	}
	return computeRuneClass(r)
}

// arabicNorm is appendArabic for U+0600..U+06FF: the rune appended, 0 for
// none.
var arabicNorm = func() (t [256]uint16) {
	for i := range t {
		r := rune(0x600 + i)
		if b := appendArabic(nil, r); len(b) > 0 {
			m, _ := utf8.DecodeRune(b)
			t[i] = uint16(m)
		}
	}
	return t
}()

// slowWord reads the word starting at text[i] rune by rune, appending its
// key to tz.arena. It returns where the word ends; ok is false when the word
// has no letters or digits (only marks or tatweel).
func (tz *tokenizer) slowWord(text string, i int) (end int, upper, arabic, digits, ok bool) {
	arena := tz.arena
	ka := len(arena)
	kind := runeKind(text, i)
	digits = kind == kindDigit
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
				upper = c >= 'A' && c <= 'Z'
				first = false
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			arena = append(arena, c)
			i++
			continue
		}
		r, sz := decodeRune(text, i)
		rc := runeClass(r)
		if rc&rcWord == 0 {
			break
		}
		k := kindLetter
		if rc&rcDigit != 0 {
			k = kindDigit
		}
		if k != kind {
			break
		}
		if d, ok := arabicDigit(r); ok {
			arena = append(arena, d)
			i += sz
			continue
		}
		switch {
		case rc&rcArabic != 0:
			arabic = true
			if r >= 0x600 && r <= 0x6FF {
				if m := arabicNorm[r-0x600]; m != 0 {
					arena = append(arena, byte(0xC0|m>>6), byte(0x80|m&0x3F))
				}
			} else {
				arena = appendArabic(arena, r)
			}
		default:
			if first && rc&rcUpper != 0 {
				upper = true
			}
			arena = appendFolded(arena, r)
		}
		if first && rc&rcMark == 0 {
			first = false
		}
		i += sz
	}
	tz.arena = arena
	return i, upper, arabic, digits, len(arena) > ka
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
	r, _ := decodeRune(text, i)
	if runeClass(r)&rcDigit != 0 {
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
	keys, words = make([]string, 0, len(toks)), make([]string, 0, len(toks))
	for _, t := range toks {
		keys = append(keys, t.key)
		words = append(words, s[t.start:t.end])
	}
	return keys, words, toks
}
