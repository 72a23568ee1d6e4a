package library

import (
	"math/bits"
	"slices"
	"sort"
	"strings"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/textmatch"
)

// textIndex maps the keys of every word of every brief to the briefs that
// hold it, with a sorted vocabulary for prefix search. A word's keys are
// textmatch's: the word lower-cased, and for Arabic folded, with a key for
// each plausible stripping of its proclitics (والوزراء: والوزراء، الوزراء،
// وزراء), so a query word meets the written forms of a word.
type textIndex struct {
	vocab    []string  // sorted
	postings [][]int32 // postings[k] lists the briefs holding vocab[k], ascending
}

func buildTextIndex(bs []*brief.Brief) *textIndex {
	m := make(map[string][]int32)
	seen := make(map[string]struct{}, 512)
	for i, b := range bs {
		clear(seen)
		add := func(key string) {
			if _, ok := seen[key]; ok {
				return
			}
			seen[key] = struct{}{}
			m[key] = append(m[key], int32(i))
		}
		textmatch.EachKey(b.Title, add)
		textmatch.EachKey(b.Body, add)
	}
	ix := &textIndex{vocab: make([]string, 0, len(m))}
	for k := range m {
		ix.vocab = append(ix.vocab, k)
	}
	sort.Strings(ix.vocab)
	ix.postings = make([][]int32, len(ix.vocab))
	for k, w := range ix.vocab {
		ix.postings[k] = m[w]
	}
	return ix
}

// lookup marks in set every brief holding the key w (exact) or a key
// starting with w.
func (ix *textIndex) lookup(w string, exact bool, set bitset) {
	if exact {
		ix.exactSet(w, set)
	} else {
		ix.prefixSet(w, set)
	}
}

// prefixSet marks in set every brief that holds a word starting with p.
func (ix *textIndex) prefixSet(p string, set bitset) {
	k := sort.SearchStrings(ix.vocab, p)
	for ; k < len(ix.vocab) && strings.HasPrefix(ix.vocab[k], p); k++ {
		for _, i := range ix.postings[k] {
			set.set(i)
		}
	}
}

// exactSet marks in set every brief that holds the word w.
func (ix *textIndex) exactSet(w string, set bitset) {
	k := sort.SearchStrings(ix.vocab, w)
	if k < len(ix.vocab) && ix.vocab[k] == w {
		for _, i := range ix.postings[k] {
			set.set(i)
		}
	}
}

// textMatch builds the set of briefs matching a free-text term: every word
// of a bare term must begin a word of the brief; a quoted phrase must occur
// as written (case-insensitively) in the title or body. Arabic words match
// their written forms (textmatch): with or without the article and
// attached particles, hamza, ة/ه, ى/ي, diacritics and tatweel; a phrase
// with Arabic (or any non-ASCII) text matches word by word
// (textmatch.Pattern). ASCII terms match exactly as they always have.
func (l *Library) textMatch(t Term) bitset {
	key := t.String()
	l.textCache.Lock()
	cached, ok := l.textCache.m[key]
	l.textCache.Unlock()
	if !ok {
		cached = l.textMatchUncached(t)
		l.textCache.Lock()
		if l.textCache.m == nil || len(l.textCache.m) >= 64 {
			l.textCache.m = make(map[string]bitset)
		}
		l.textCache.m[key] = cached
		l.textCache.Unlock()
	}
	out := newBitset(len(l.briefs))
	copy(out, cached)
	return out
}

func (l *Library) textMatchUncached(t Term) bitset {
	n := len(l.briefs)
	words := textmatch.QueryWords(t.Value)
	if len(words) == 0 {
		// punctuation only: fall back to a scan
		set := newBitset(n)
		needle := strings.ToLower(t.Value)
		for i, b := range l.briefs {
			if containsFold(b, needle) {
				set.set(int32(i))
			}
		}
		return set
	}
	var acc bitset
	for k, w := range words {
		s := newBitset(n)
		exact := t.Quoted && k < len(words)-1
		l.text.lookup(w.Full, exact, s)
		l.titles.lookup(w.Full, exact, s)
		if w.Stem != "" {
			l.text.lookup(w.Stem, exact, s)
			l.titles.lookup(w.Stem, exact, s)
		}
		if acc == nil {
			acc = s
		} else {
			acc.and(s)
		}
	}
	switch {
	case !isASCII(t.Value):
		// one word: the index answered exactly; more: they must follow
		// one another as in the term
		if len(words) > 1 {
			p := textmatch.Compile(t.Value)
			for _, i := range acc.each() {
				if b := l.briefs[i]; !p.Match(b.Title) && !p.Match(b.Body) {
					acc.clear(i)
				}
			}
		}
	case len(words) > 1 || words[0].Full != strings.ToLower(t.Value):
		needle := strings.ToLower(t.Value)
		for _, i := range acc.each() {
			if !containsFold(l.briefs[i], needle) {
				acc.clear(i)
			}
		}
	}
	return acc
}

func containsFold(b *brief.Brief, needle string) bool {
	if isASCII(needle) {
		return indexFoldASCII(b.Title, needle) || indexFoldASCII(b.Body, needle)
	}
	fold := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	return strings.Contains(fold(b.Title), needle) || strings.Contains(fold(b.Body), needle)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// indexFoldASCII reports whether h contains the lower-case ASCII needle n,
// ignoring ASCII case, where a space in n matches any run of white space
// (briefs are hard-wrapped), without allocating.
func indexFoldASCII(h, n string) bool {
	if n == "" {
		return true
	}
	lo := n[0]
	up := lo
	if lo >= 'a' && lo <= 'z' {
		up = lo - 'a' + 'A'
	}
	for len(h) >= len(n) {
		k := strings.IndexByte(h, lo)
		if up != lo {
			if j := strings.IndexByte(h, up); j >= 0 && (k < 0 || j < k) {
				k = j
			}
		}
		if k < 0 || len(h)-k < len(n) {
			return false
		}
		if matchFoldAt(h[k:], n) {
			return true
		}
		h = h[k+1:]
	}
	return false
}

// matchFoldAt reports whether h starts with n, ignoring ASCII case, a space
// in n matching a run of white space in h.
func matchFoldAt(h, n string) bool {
	i := 0
	for j := 0; j < len(n); j++ {
		c := n[j]
		if c == ' ' {
			if i >= len(h) || !isSpace(h[i]) {
				return false
			}
			for i < len(h) && isSpace(h[i]) {
				i++
			}
			continue
		}
		if i >= len(h) {
			return false
		}
		d := h[i]
		if d >= 'A' && d <= 'Z' {
			d += 'a' - 'A'
		}
		if d != c {
			return false
		}
		i++
	}
	return true
}

// bitset is a set of brief indexes.
type bitset []uint64

func newBitset(n int) bitset      { return make(bitset, (n+63)/64) }
func (s bitset) set(i int32)      { s[i>>6] |= 1 << (uint(i) & 63) }
func (s bitset) clear(i int32)    { s[i>>6] &^= 1 << (uint(i) & 63) }
func (s bitset) has(i int32) bool { return s[i>>6]&(1<<(uint(i)&63)) != 0 }
func (s bitset) and(o bitset) {
	for k := range s {
		s[k] &= o[k]
	}
}
func (s bitset) andNot(o bitset) {
	for k := range s {
		s[k] &^= o[k]
	}
}

func (s bitset) or(o bitset) {
	for k := range o {
		s[k] |= o[k]
	}
}

// fill sets the first n bits.
func (s bitset) fill(n int) {
	for k := range s {
		s[k] = ^uint64(0)
	}
	if r := n % 64; r != 0 {
		s[len(s)-1] = (1 << uint(r)) - 1
	}
}

// andCount is the number of members s and o share.
func (s bitset) andCount(o bitset) int {
	c := 0
	for k := range s {
		c += bits.OnesCount64(s[k] & o[k])
	}
	return c
}

// appendEach appends the members in ascending order.
func (s bitset) appendEach(out []int32) []int32 {
	for k, w := range s {
		for w != 0 {
			out = append(out, int32(k*64+bits.TrailingZeros64(w)))
			w &= w - 1
		}
	}
	return out
}

func (s bitset) each() []int32 {
	var out []int32
	for k, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, int32(k*64+b))
			w &= w - 1
		}
	}
	return slices.Clip(out)
}
