package textmatch

import (
	"cmp"
	"strings"
	"unicode/utf8"
)

// Proclitics: an Arabic word may carry, in this order, a conjunction (و، ف),
// a preposition (ب، ك، ل) and the article (ال); ل + ال is written لل.
//
// A word is indexed under every tail left by a plausible stripping, so the
// text and a query meet whichever of them carries the particles: والوزراء
// is indexed as والوزراء، الوزراء، وزراء; وزراء as وزراء، زراء. A query
// word is looked up as typed and without a leading article (with the
// particles before it), see Word; its other particles stay: many words
// begin with و، ب، ل، ف، ك (وزير، بغداد، لبنان), so stripping those from a
// query would find زيارة for وزير. The index side covers them instead.
//
// Guards keep stems from getting too short: a stripping that removes the
// article leaves at least minStemArticle letters, one that removes only
// single-letter particles at least minStemParticle (as in the light10
// stemmer: و requires a word of four letters).
const (
	minStemArticle  = 2
	minStemParticle = 3
	// minQueryStem: a query word keeps its article unless at least this
	// many letters follow (الله stays الله, not له).
	minQueryStem = 3
	// maxTails bounds the keys of one word (the word and its strippings).
	maxTails = 8
)

// mayBeginProclitic reports whether r can start a proclitic sequence.
func mayBeginProclitic(r rune) bool {
	switch r {
	case waw, feh, beh, kaf, lam, alef:
		return true
	}
	return false
}

// strips calls f with the rune position after each plausible proclitic
// sequence at the start of the runes rs (whole-word length n), and whether
// it includes the article; positions satisfy the stem-length guards.
func strips(rs []rune, n int, f func(pos int, article bool)) {
	at := func(i int) rune {
		if i < len(rs) {
			return rs[i]
		}
		return 0
	}
	emit := func(pos int, article bool) {
		min := minStemParticle
		if article {
			min = minStemArticle
		}
		if pos > 0 && n-pos >= min {
			f(pos, article)
		}
	}
	starts := [2]int{0, -1}
	if r := at(0); r == waw || r == feh {
		starts[1] = 1
	}
	for _, a := range starts {
		if a < 0 {
			continue
		}
		emit(a, false)
		switch at(a) {
		case alef:
			if at(a+1) == lam {
				emit(a+2, true)
			}
		case beh, kaf:
			emit(a+1, false)
			if at(a+1) == alef && at(a+2) == lam {
				emit(a+3, true)
			}
		case lam:
			emit(a+1, false)
			if at(a+1) == lam {
				emit(a+2, true)
			}
		}
	}
}

// prefixRunes decodes up to len(dst) leading runes of w into dst and their
// byte offsets into offs (offs[k] is where rune k starts; offs[len] is
// where the last decoded one ends). It returns the number decoded.
func prefixRunes(w string, dst []rune, offs []int) int {
	k, i := 0, 0
	for ; k < len(dst) && i < len(w); k++ {
		r, n := utf8.DecodeRuneInString(w[i:])
		dst[k], offs[k] = r, i
		i += n
	}
	offs[k] = i
	return k
}

// tails appends to dst the byte offsets in the folded word w at which its
// index keys begin: 0, and for an Arabic word the end of each plausible
// proclitic sequence (see strips), each once.
func tails(w string, dst []int) []int {
	dst = append(dst, 0)
	if len(w) < 2 {
		return dst
	}
	r0, _ := utf8.DecodeRuneInString(w)
	if !mayBeginProclitic(r0) {
		return dst
	}
	var rs [5]rune
	var offs [6]int
	k := prefixRunes(w, rs[:], offs[:])
	n := utf8.RuneCountInString(w)
	strips(rs[:k], n, func(pos int, _ bool) {
		p := offs[pos]
		for _, q := range dst {
			if q == p {
				return
			}
		}
		dst = append(dst, p)
	})
	return dst
}

// Keys calls f with the index keys of one folded word: the word, and for an
// Arabic word each tail after a plausible stripping of its proclitics.
func Keys(folded string, f func(key string)) {
	var offs [maxTails]int
	for _, p := range tails(folded, offs[:0]) {
		f(folded[p:])
	}
}

// stripArticle returns the byte offset in the folded word w after its
// longest leading proclitic sequence that ends with the article and leaves
// at least minQueryStem letters, or 0.
func stripArticle(w string) int {
	if len(w) < 2 {
		return 0
	}
	if r0, _ := utf8.DecodeRuneInString(w); !mayBeginProclitic(r0) {
		return 0
	}
	var rs [5]rune
	var offs [6]int
	k := prefixRunes(w, rs[:], offs[:])
	n := utf8.RuneCountInString(w)
	best := 0
	strips(rs[:k], n, func(pos int, article bool) {
		if article && n-pos >= minQueryStem && pos > best {
			best = pos
		}
	})
	return offs[best]
}

// Word is one word of a query as the index looks it up: Full is the word
// folded, Stem the same without a leading article (with any particles
// before it), or "" when it has none. A text word matches when one of its
// keys equals (or, for a prefix, starts with) Full or Stem: الأمير is
// looked up as الامير and امير, so it finds الأمير، للأمير، أمير; التزام as
// التزام and تزام, so it finds الالتزام as well as التزام.
type Word struct {
	Full, Stem string
}

// QueryWord folds one word of a query. Words without Arabic script are only
// lower-cased.
func QueryWord(w string) Word {
	f := Fold(w)
	if k := stripArticle(f); k > 0 {
		return Word{Full: f, Stem: f[k:]}
	}
	return Word{Full: f}
}

// QueryWords splits a query term into words (as EachToken does) and folds
// each as QueryWord does; a word of diacritics alone, which folds to
// nothing, is left out.
func QueryWords(s string) []Word {
	var out []Word
	EachToken(s, func(a, b int) {
		if w := QueryWord(s[a:b]); w.Full != "" {
			out = append(out, w)
		}
	})
	return out
}

// Canonical is the form in which two names are compared: each word folded,
// without a leading article, joined by single spaces. Names of countries
// or series written with and without the article, a hamza or a final ة
// (السعودية, السعوديه, سعودية) have the same canonical form.
func Canonical(s string) string {
	var b []byte
	EachToken(s, func(x, y int) {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		w := QueryWord(s[x:y])
		b = append(b, cmp.Or(w.Stem, w.Full)...)
	})
	return string(b)
}

// foldWords is s folded word by word, joined by single spaces, articles
// kept.
func foldWords(s string) string {
	var b []byte
	EachToken(s, func(x, y int) {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = AppendFold(b, s[x:y])
	})
	return string(b)
}

// NameEqual reports whether two names (of a country, an agency, a series)
// are the same name written two ways: equal in Canonical form (case,
// spacing and punctuation, Arabic spelling variants, the article).
func NameEqual(a, b string) bool { return Canonical(a) == Canonical(b) }

// NameHasPrefix reports whether prefix, as a user types it, begins name:
// folded word by word, with the articles as written (الس begins السومرية)
// or without them on both sides (سومريه begins السومرية). An empty prefix
// begins nothing.
func NameHasPrefix(name, prefix string) bool {
	p := foldWords(prefix)
	if p == "" {
		return false
	}
	if strings.HasPrefix(foldWords(name), p) {
		return true
	}
	c := Canonical(prefix)
	return c != "" && strings.HasPrefix(Canonical(name), c)
}
