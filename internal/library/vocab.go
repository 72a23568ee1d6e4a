package library

import (
	"encoding/binary"
	"slices"
	"strings"
	"sync"

	"github.com/briefs/briefs/internal/textmatch"
)

// Vocab numbers the text-search keys of a collection's words (the keys of
// textmatch.EachKey): dense term ids, in order of first sight, that never
// change for the life of the Vocab. A brief's words are kept as the set of
// its term ids (Terms), so that the text index of a collection is built
// from numbers, without tokenizing again (package index keeps them between
// runs). It is safe for concurrent use; libraries built on one Vocab share
// it.
type Vocab struct {
	mu     sync.RWMutex
	ids    map[string]uint32
	terms  []string
	sorted []uint32 // the ids of terms[:len(sorted)], in the order of their terms
}

// NewVocab returns a vocabulary holding terms, numbered from 0 in order.
// Duplicates keep their first id.
func NewVocab(terms []string) *Vocab {
	v := &Vocab{ids: make(map[string]uint32, len(terms)), terms: make([]string, 0, len(terms))}
	v.Append(terms)
	return v
}

// Len is the number of terms.
func (v *Vocab) Len() int {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return len(v.terms)
}

// Append adds terms that are not known yet, in order, and returns the id
// of each.
func (v *Vocab) Append(terms []string) []uint32 {
	out := make([]uint32, len(terms))
	v.mu.Lock()
	defer v.mu.Unlock()
	for i, t := range terms {
		out[i] = v.addLocked(t)
	}
	return out
}

func (v *Vocab) addLocked(t string) uint32 {
	if id, ok := v.ids[t]; ok {
		return id
	}
	id := uint32(len(v.terms))
	t = strings.Clone(t) // keys may alias a brief's body
	v.terms = append(v.terms, t)
	v.ids[t] = id
	return id
}

// ID returns the id of term, adding it when new.
func (v *Vocab) ID(term string) uint32 {
	v.mu.RLock()
	id, ok := v.ids[term]
	v.mu.RUnlock()
	if ok {
		return id
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.addLocked(term)
}

// Lookup returns the id of a known term.
func (v *Vocab) Lookup(term string) (uint32, bool) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	id, ok := v.ids[term]
	return id, ok
}

// Term returns the term of an id.
func (v *Vocab) Term(id uint32) string {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.terms[id]
}

// Terms returns the terms from id from on (a copy of the list).
func (v *Vocab) Terms(from int) []string {
	v.mu.RLock()
	defer v.mu.RUnlock()
	if from >= len(v.terms) {
		return nil
	}
	return slices.Clone(v.terms[from:])
}

// view returns the vocabulary's terms and their ids in the order of the
// terms, covering at least the first n terms, for prefix search; the
// slices are never changed afterwards (the list of terms only grows). The
// sorted order grows by merging the terms added since the last call.
func (v *Vocab) view(n int) ([]string, []uint32) {
	v.mu.RLock()
	terms, sorted := v.terms, v.sorted
	v.mu.RUnlock()
	if len(sorted) >= n {
		return terms[:len(sorted):len(sorted)], sorted
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	terms, sorted = v.terms, v.sorted
	if len(sorted) >= n {
		return terms[:len(sorted):len(sorted)], sorted
	}
	add := make([]uint32, 0, len(terms)-len(sorted))
	for id := len(sorted); id < len(terms); id++ {
		add = append(add, uint32(id))
	}
	slices.SortFunc(add, func(a, b uint32) int { return strings.Compare(terms[a], terms[b]) })
	merged := make([]uint32, 0, len(terms))
	i, j := 0, 0
	for i < len(sorted) && j < len(add) {
		if terms[sorted[i]] <= terms[add[j]] {
			merged = append(merged, sorted[i])
			i++
		} else {
			merged = append(merged, add[j])
			j++
		}
	}
	merged = append(append(merged, sorted[i:]...), add[j:]...)
	v.sorted = merged
	return terms[:len(merged):len(merged)], merged
}

// Terms is the set of a brief's term ids, ascending, encoded as the gaps
// between them in unsigned varints (EncodeTerms): a few bytes a word.
type Terms []byte

// EncodeTerms encodes ids (ascending, without duplicates) as Terms.
func EncodeTerms(ids []uint32) Terms {
	out := make([]byte, 0, len(ids)+len(ids)/2+1)
	prev := uint32(0)
	for i, id := range ids {
		d := id - prev
		if i == 0 {
			d = id
		}
		out = binary.AppendUvarint(out, uint64(d))
		prev = id
	}
	return out
}

// Each calls f with every id, ascending; it stops at the first malformed
// byte.
func (t Terms) Each(f func(id uint32)) {
	id := uint32(0)
	for i := 0; len(t) > 0; i++ {
		d, n := binary.Uvarint(t)
		if n <= 0 {
			return
		}
		t = t[n:]
		if i == 0 {
			id = uint32(d)
		} else {
			id += uint32(d)
		}
		f(id)
	}
}

// Len is the number of ids.
func (t Terms) Len() int {
	n := 0
	for _, c := range t {
		if c < 0x80 {
			n++
		}
	}
	return n
}

// Tokenizer turns texts into Terms of one Vocab. Each goroutine uses its
// own (it remembers the ids it met, so that the shared Vocab is locked
// only for new words).
type Tokenizer struct {
	v     *Vocab
	local map[string]uint32 // a key's index in met
	met   []metTerm
	round uint32 // the call of Terms under way (metTerm.round)
	ids   []uint32
	buf   []byte
	add   func(key []byte)
	// recent caches local for keys of up to 8 bytes (most words), packed
	// into a number (keys hold no zero byte, and are never empty)
	recent *[1 << recentBits]recentKey
}

// recentBits: a Tokenizer caches 4096 short keys.
const recentBits = 12

type recentKey struct {
	packed uint64
	met    uint32
}

// metTerm is a term a Tokenizer met: its id, and the last call of Terms
// that met it (so that a text's ids are collected once each).
type metTerm struct {
	id, round uint32
}

// NewTokenizer returns a Tokenizer for v.
func (v *Vocab) NewTokenizer() *Tokenizer {
	tz := &Tokenizer{v: v, local: make(map[string]uint32, 4096), recent: new([1 << recentBits]recentKey)}
	tz.add = tz.addKey
	return tz
}

// Terms returns the Terms of the keys of every word of the texts.
func (tz *Tokenizer) Terms(texts ...string) Terms {
	tz.ids = tz.ids[:0]
	tz.round++
	if tz.round == 0 { // wrapped around: forget the rounds
		for i := range tz.met {
			tz.met[i].round = 0
		}
		tz.round = 1
	}
	for _, s := range texts {
		tz.buf = textmatch.AppendKeys(tz.buf, s, tz.add)
	}
	slices.Sort(tz.ids)
	return EncodeTerms(tz.ids)
}

// metIndex returns the index in met of a key, adding it when new.
func (tz *Tokenizer) metIndex(key []byte) uint32 {
	k, ok := tz.local[string(key)]
	if !ok {
		id := tz.v.ID(string(key))
		k = uint32(len(tz.met))
		tz.met = append(tz.met, metTerm{id: id})
		tz.local[tz.v.Term(id)] = k
	}
	return k
}

// addKey collects the id of one key, once per call of Terms.
func (tz *Tokenizer) addKey(key []byte) {
	var k uint32
	if len(key) <= 8 {
		var p uint64
		for i, c := range key {
			p |= uint64(c) << (8 * i)
		}
		r := &tz.recent[(p*0x9e3779b97f4a7c15)>>(64-recentBits)]
		if r.packed != p {
			r.packed, r.met = p, tz.metIndex(key)
		}
		k = r.met
	} else {
		k = tz.metIndex(key)
	}
	if m := &tz.met[k]; m.round != tz.round {
		m.round = tz.round
		tz.ids = append(tz.ids, m.id)
	}
}
