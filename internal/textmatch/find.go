package textmatch

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pattern is a compiled query for matching running text the way the index
// matches words: each word of the query must match a word of the text in
// order, the last as a prefix (vahid finds Vahidi, وزير finds وزيرا), the
// others whole; a word matches at the start of the text word or after its
// proclitics (وزراء finds الوزراء). Between words the text must have the
// separator the query has, white space matching any run of white space.
type Pattern struct {
	words []Word
	gaps  []string // gaps[k] separates words k and k+1, normalised
}

// Compile prepares a pattern from a query text (a bare word or a phrase).
func Compile(q string) Pattern {
	var p Pattern
	prev := -1
	EachToken(q, func(a, b int) {
		w := QueryWord(q[a:b])
		if w.Full == "" {
			return // diacritics alone: not a word to look for
		}
		if prev >= 0 {
			p.gaps = append(p.gaps, normGap(q[prev:a]))
		}
		p.words = append(p.words, w)
		prev = b
	})
	return p
}

// Empty reports whether the pattern has no words (the query was blank or
// punctuation only).
func (p Pattern) Empty() bool { return len(p.words) == 0 }

// Len is the number of words in the pattern.
func (p Pattern) Len() int { return len(p.words) }

// normGap folds a separator: runs of white space become one space, other
// characters are folded.
func normGap(s string) string {
	if s == " " {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.Write(AppendFold(nil, string(r)))
	}
	return b.String()
}

// Match reports whether the pattern occurs in text.
func (p Pattern) Match(text string) bool {
	found := false
	p.find(text, func(int, int) bool { found = true; return false })
	return found
}

// FindAll returns the byte ranges of text, as written (diacritics, tatweel
// and all), where the pattern occurs, in order, not overlapping. A range
// starts where the matched part of the first word begins (after
// proclitics the query did not write: وزراء in والوزراء) and ends after the
// matched part of the last word with its marks (a prefix highlights only
// the prefix).
func (p Pattern) FindAll(text string) [][2]int {
	var out [][2]int
	p.find(text, func(a, b int) bool { out = append(out, [2]int{a, b}); return true })
	return out
}

type span struct{ start, end int }

// find calls f with each match until f returns false.
func (p Pattern) find(text string, f func(start, end int) bool) {
	if len(p.words) == 0 {
		return
	}
	var toks []span
	EachToken(text, func(a, b int) { toks = append(toks, span{a, b}) })
	var fw foldedWord
	for i := 0; i+len(p.words) <= len(toks); i++ {
		start, end, ok := 0, 0, true
		for k, w := range p.words {
			t := toks[i+k]
			if k > 0 && normGap(text[toks[i+k-1].end:t.start]) != p.gaps[k-1] {
				ok = false
				break
			}
			fw.set(text[t.start:t.end])
			a, b, m := fw.match(w, k == len(p.words)-1)
			if !m {
				ok = false
				break
			}
			if k == 0 {
				start = t.start + a
			}
			end = t.start + b
		}
		if !ok {
			continue
		}
		if !f(start, end) {
			return
		}
		i += len(p.words) - 1
	}
}

// foldedWord is one word of the text, folded, with a map from folded
// runes back to the written bytes. Its buffers are reused word to word.
type foldedWord struct {
	raw    string
	folded []byte
	src    []int // src[k]: byte offset in raw of the rune that gave folded byte k's rune
	srcEnd []int // end of that rune in raw
}

func (w *foldedWord) set(raw string) {
	w.raw = raw
	w.folded, w.src, w.srcEnd = w.folded[:0], w.src[:0], w.srcEnd[:0]
	for i := 0; i < len(raw); {
		if c := raw[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			w.folded = append(w.folded, c)
			w.src = append(w.src, i)
			w.srcEnd = append(w.srcEnd, i+1)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(raw[i:])
		before := len(w.folded)
		if presentation(r) {
			w.folded = AppendFold(w.folded, raw[i:i+n])
		} else {
			w.folded = appendFoldedRune(w.folded, r)
		}
		for k := before; k < len(w.folded); k++ {
			w.src = append(w.src, i)
			w.srcEnd = append(w.srcEnd, i+n)
		}
		i += n
	}
}

// rawStart maps a byte offset in the folded word to the written bytes.
func (w *foldedWord) rawStart(k int) int {
	if k >= len(w.folded) {
		return len(w.raw)
	}
	return w.src[k]
}

// rawEnd maps the end offset of a folded match to the written bytes: up to
// the next kept letter (so marks after the last matched letter stay with
// it), or to the end of a written rune that folded into several.
func (w *foldedWord) rawEnd(k int) int {
	if k >= len(w.folded) {
		return len(w.raw)
	}
	if k > 0 && w.src[k] == w.src[k-1] {
		return w.srcEnd[k-1]
	}
	return w.src[k]
}

// match tries the pattern word against this text word at each of its key
// tails: the word as typed first, then without its article. last allows a
// prefix; otherwise the tail must equal the word. It returns the matched
// range in the written word.
func (w *foldedWord) match(p Word, last bool) (int, int, bool) {
	var offs [maxTails]int
	f := string(w.folded) // does not escape: compared only
	ts := tails(f, offs[:0])
	for _, q := range [2]string{p.Full, p.Stem} {
		if q == "" {
			continue
		}
		for _, t := range ts {
			key := f[t:]
			if last && strings.HasPrefix(key, q) || !last && key == q {
				return w.rawStart(t), w.rawEnd(t + len(q)), true
			}
		}
	}
	return 0, 0, false
}

// Finder is find-in-brief: it finds what the user typed in lines of a
// rendered brief. An ASCII query in a line without Arabic script is found
// as before this package, as a substring ignoring ASCII case (so "ahid"
// finds Vahidi); anything else is found as the search matches it, word by
// word (Pattern), so الوزراء finds وزراء in والوزراء and 2023 finds ٢٠٢٣.
type Finder struct {
	ascii string // the lower-cased query when it is ASCII
	pat   Pattern
}

// NewFinder prepares a query; surrounding white space is ignored.
func NewFinder(q string) Finder {
	q = strings.TrimSpace(q)
	f := Finder{pat: Compile(q)}
	if IsASCII(q) {
		f.ascii = strings.ToLower(q)
	}
	return f
}

// Empty reports whether there is nothing to find.
func (f Finder) Empty() bool { return f.ascii == "" && f.pat.Empty() }

// FindAll returns the byte ranges of the matches in line, in order, not
// overlapping.
func (f Finder) FindAll(line string) [][2]int {
	if f.ascii != "" && !HasArabic(line) {
		return indexAllFoldASCII(line, f.ascii)
	}
	return f.pat.FindAll(line)
}

// indexAllFoldASCII finds the lower-case ASCII needle n in h ignoring ASCII
// case.
func indexAllFoldASCII(h, n string) [][2]int {
	var out [][2]int
	for i := 0; i+len(n) <= len(h); {
		if equalFoldASCII(h[i:i+len(n)], n) {
			out = append(out, [2]int{i, i + len(n)})
			i += len(n)
			continue
		}
		i++
	}
	return out
}

func equalFoldASCII(s, lower string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
