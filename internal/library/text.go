package library

import (
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/briefs/briefs/internal/textmatch"
)

// textIndex maps the keys of every word of every brief to the briefs that
// hold it, with the vocabulary in sorted order for prefix search. A word's
// keys are textmatch's: the word lower-cased, and for Arabic folded, with a
// key for each plausible stripping of its proclitics (والوزراء: والوزراء،
// الوزراء، وزراء), so a query word meets the written forms of a word. Keys
// are the term ids of a Vocab; the index is built from each brief's Terms
// (no text is tokenized here), the sorted vocabulary when first needed.
type textIndex struct {
	vocab *Vocab
	n     int        // the terms of vocab this index knows: ids below n
	post  []postings // post[id] lists the briefs holding term id; nil for none

	once   sync.Once
	terms  []string // vocab's terms (at least its first n)
	sorted []uint32 // their ids in the order of the terms (ids >= n have no postings here)
}

// buildTextIndex indexes the terms of n briefs (terms[i] is brief i's) on
// all cores.
func buildTextIndex(v *Vocab, terms []Terms) *textIndex {
	workers := runtime.NumCPU()
	tb := newTextBuilder(v, terms, workers)
	parallel(workers, tb.runs.count, tb.countRun)
	tb.layout()
	parallel(workers, tb.runs.count, tb.fillRun)
	return tb.ix
}

// textBuilder builds a textIndex in runs of briefs: countRun for every
// run, then layout, then fillRun for every run (the runs of a step may go
// on at once).
type textBuilder struct {
	ix    *textIndex
	terms []Terms
	runs  briefRuns
	// counts[r][id] is how many briefs of run r hold term id, then (after
	// layout) where run r's part of the sparse list of id starts in
	// backing, or for a bitset -1-k, k its index in bitsets
	counts  [][]int32
	backing []int32 // the sparse lists
	bitsets []bitset
}

func newTextBuilder(v *Vocab, terms []Terms, workers int) *textBuilder {
	nt := v.Len()
	runs := splitRuns(len(terms), workers)
	return &textBuilder{ix: &textIndex{vocab: v, n: nt, post: make([]postings, nt)}, terms: terms, runs: runs, counts: make([][]int32, runs.count)}
}

func (tb *textBuilder) countRun(r int) {
	nt := tb.ix.n
	c := make([]int32, nt)
	lo, hi := tb.runs.bounds(r)
	for _, t := range tb.terms[lo:hi] {
		t.Each(func(id uint32) {
			if int(id) < nt {
				c[id]++
			}
		})
	}
	tb.counts[r] = c
}

// layout makes the postings: sparse lists share one array; a term held by
// more than 1 brief in 32 is a bitset (cheaper from there on).
func (tb *textBuilder) layout() {
	nb, ix := len(tb.terms), tb.ix
	dense := max(int32(nb/32), 64)
	total := make([]int32, ix.n)
	all := 0
	for id := range total {
		for _, c := range tb.counts {
			total[id] += c[id]
		}
		if total[id] < dense {
			all += int(total[id])
		}
	}
	tb.backing = make([]int32, all)
	off := int32(0)
	for id, n := range total {
		switch {
		case n == 0:
		case n < dense:
			ix.post[id] = sparse(tb.backing[off : off+n : off+n])
			for _, c := range tb.counts {
				c[id], off = off, off+c[id]
			}
		default:
			s := newBitset(nb)
			ix.post[id] = s
			for _, c := range tb.counts {
				c[id] = int32(-1 - len(tb.bitsets))
			}
			tb.bitsets = append(tb.bitsets, s)
		}
	}
}

func (tb *textBuilder) fillRun(r int) {
	nt, at, backing, bitsets := tb.ix.n, tb.counts[r], tb.backing, tb.bitsets
	lo, hi := tb.runs.bounds(r)
	for k, t := range tb.terms[lo:hi] {
		i := int32(lo + k)
		t.Each(func(id uint32) {
			if int(id) >= nt {
				return
			}
			if p := at[id]; p >= 0 {
				backing[p] = i
				at[id]++
			} else {
				bitsets[-1-p].set(i)
			}
		})
	}
}

// briefRuns splits n briefs into runs for up to workers goroutines, of
// minRun briefs at least, each (but the last) a multiple of 64 briefs long
// so that each sets its own words of a bitset.
type briefRuns struct{ n, count, size int }

func splitRuns(n, workers int) briefRuns {
	count := max(1, min(workers, n/minRun))
	return briefRuns{n: n, count: count, size: ((n+count-1)/count + 63) &^ 63}
}

// bounds are the briefs of run r: [lo, hi).
func (rs briefRuns) bounds(r int) (lo, hi int) {
	return min(rs.n, r*rs.size), min(rs.n, (r+1)*rs.size)
}

// prepare sorts the vocabulary for prefix search (once).
func (ix *textIndex) prepare() {
	ix.once.Do(func() { ix.terms, ix.sorted = ix.vocab.view(ix.n) })
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
	ix.prepare()
	terms, sorted := ix.terms, ix.sorted
	k, _ := slices.BinarySearchFunc(sorted, p, func(id uint32, p string) int { return strings.Compare(terms[id], p) })
	for ; k < len(sorted); k++ {
		id := sorted[k]
		if !strings.HasPrefix(terms[id], p) {
			break
		}
		if int(id) < len(ix.post) && ix.post[id] != nil {
			ix.post[id].orInto(set)
		}
	}
}

// exactSet marks in set every brief that holds the word w.
func (ix *textIndex) exactSet(w string, set bitset) {
	if id, ok := ix.vocab.Lookup(w); ok && int(id) < len(ix.post) && ix.post[id] != nil {
		ix.post[id].orInto(set)
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
		set.fill(n)
		needle := strings.ToLower(t.Value)
		l.filter(set, func(title, body string) bool { return containsFold(title, body, needle) })
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
	l.titles.recheck(l, acc, words, t.Quoted) // not by a title the user replaced
	switch {
	case !isASCII(t.Value):
		// one word: the index answered exactly; more: they must follow
		// one another as in the term
		if len(words) > 1 {
			p := textmatch.Compile(t.Value)
			l.filter(acc, func(title, body string) bool { return p.Match(title) || p.Match(body) })
		}
	case len(words) > 1 || words[0].Full != strings.ToLower(t.Value):
		needle := strings.ToLower(t.Value)
		l.filter(acc, func(title, body string) bool { return containsFold(title, body, needle) })
	}
	return acc
}

// filter clears in set the briefs whose title and body do not pass keep.
// Bodies not held in memory are read (Body), by several goroutines; keep
// must be safe for concurrent use.
func (l *Library) filter(set bitset, keep func(title, body string) bool) {
	ids := set.each()
	if l.readBody == nil || len(ids) < 64 {
		for _, i := range ids {
			if b := l.briefs[i]; !keep(b.Title, l.bodyOf(b)) {
				set.clear(i)
			}
		}
		return
	}
	workers := max(1, min(runtime.NumCPU(), len(ids)/64))
	drop := make([][]int32, workers)
	var wg sync.WaitGroup
	var next atomic.Int64
	const chunk = 64
	for w := range workers {
		wg.Go(func() {
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(ids) {
					return
				}
				for _, i := range ids[lo:min(lo+chunk, len(ids))] {
					if b := l.briefs[i]; !keep(b.Title, l.bodyOf(b)) {
						drop[w] = append(drop[w], i)
					}
				}
			}
		})
	}
	wg.Wait()
	for _, d := range drop {
		for _, i := range d {
			set.clear(i)
		}
	}
}

func containsFold(title, body, needle string) bool {
	if isASCII(needle) {
		return indexFoldASCII(title, needle) || indexFoldASCII(body, needle)
	}
	fold := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	return strings.Contains(fold(title), needle) || strings.Contains(fold(body), needle)
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
