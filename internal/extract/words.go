package extract

import (
	"cmp"
	"maps"
	"math/bits"
	"slices"
	"strings"
)

// wordInfo is what the extractor knows about one word form: how long the
// phrases starting with it are in each matcher, and its lexicon entry for
// editions. One lookup per token serves all extractors.
type wordInfo struct {
	country, agency uint8
	lex             lexEntry
	abbrev          bool  // an abbreviation a period may follow (see isAbbrev)
	date            uint8 // dwWeekday, dwMonth
}

// Matchers whose phrases the word index knows by first word.
const (
	mCountry = iota
	mAgency
	numMatchers
)

// tokInfo is wordInfo resolved for one token of a text: for Arabic words, the
// forms without proclitics are tried too, and each matcher gets the form that
// starts one of its phrases.
type tokInfo struct {
	first [numMatchers]int32 // 1 + word index entry of the form that starts the matcher's phrases; 0: none
	lex   lexEntry
}

// wordEntry is one key of the word index.
type wordEntry struct {
	packed uint64 // the key's bytes packed as by packByte, for keys of at most 8 bytes; 0 for longer ones
	key    string
	info   wordInfo
	ti     tokInfo // of a token with this key (not Arabic)
}

// wordIndex maps word keys to wordInfo: an open-addressing hash table, at
// most half full, so that the many words of a text that are not in it
// cost a hash and one probe. Keys of up to 8 bytes are hashed and compared
// packed into a uint64, which the tokenizer builds as it reads a word.
type wordIndex struct {
	slots   []uint64 // high 32 bits: hash tag; low 32 bits: entry + 1 (0: empty)
	entries []wordEntry
	mask    uint64
	// groups[m][e]: the phrases of matcher m whose first word is entry e,
	// longest first.
	groups [numMatchers][][]phraseGroup
}

// packByte appends a byte to a packed key.
func packByte(v uint64, c byte) uint64 { return v<<8 | uint64(c) }

// mix hashes a packed key (or a running hash).
func mix(v uint64) uint64 {
	hi, lo := bits.Mul64(v^0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9)
	return hi ^ lo
}

// hashKey hashes a key: for up to 8 bytes, mix of the packed key; for
// longer ones, of its first 8 bytes packed and its length.
func hashKey[S string | []byte](s S) uint64 {
	var v uint64
	for i := 0; i < len(s) && i < 8; i++ {
		v = packByte(v, s[i])
	}
	if len(s) <= 8 {
		return mix(v)
	}
	return mix(mix(v) ^ uint64(len(s)))
}

// findPacked returns the entry whose key packs to v (a key of at most 8
// bytes), or -1.
func (w *wordIndex) findPacked(v uint64) int {
	h := mix(v)
	tag := h &^ 0xffffffff
	for s := h & w.mask; ; s = (s + 1) & w.mask {
		e := w.slots[s]
		if e == 0 {
			return -1
		}
		if e&^0xffffffff == tag {
			if i := int(uint32(e)) - 1; w.entries[i].packed == v {
				return i
			}
		}
	}
}

// find returns the entry for key k, or -1.
func find[S string | []byte](w *wordIndex, k S) int {
	if len(k) == 0 {
		return -1
	}
	if len(k) <= 8 {
		var v uint64
		for i := 0; i < len(k); i++ {
			v = packByte(v, k[i])
		}
		return w.findPacked(v)
	}
	return w.findLong(hashKey(k), string(k), false)
}

// hashLetters is hashKey of ASCII letters s, more than 8, lower-cased.
func hashLetters(s string) uint64 {
	_ = s[7]
	v := uint64(s[0])<<56 | uint64(s[1])<<48 | uint64(s[2])<<40 | uint64(s[3])<<32 |
		uint64(s[4])<<24 | uint64(s[5])<<16 | uint64(s[6])<<8 | uint64(s[7])
	return mix(mix(v|0x2020202020202020) ^ uint64(len(s)))
}

// findLong returns the entry for key k, longer than 8 bytes, whose hash
// is h; with fold, k may have upper-case ASCII letters.
func (w *wordIndex) findLong(h uint64, k string, fold bool) int {
	tag := h &^ 0xffffffff
	for s := h & w.mask; ; s = (s + 1) & w.mask {
		e := w.slots[s]
		if e == 0 {
			return -1
		}
		if e&^0xffffffff == tag {
			i := int(uint32(e)) - 1
			if key := w.entries[i].key; key == k || fold && equalFoldLetters(key, k) {
				return i
			}
		}
	}
}

// equalFoldLetters reports whether key is s lower-cased, s being ASCII
// letters.
func equalFoldLetters(key, s string) bool {
	if len(key) != len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if key[i] != s[i]|0x20 {
			return false
		}
	}
	return true
}

// makeInfo returns the tokInfo of a token whose key is entry e.
func (w *wordIndex) makeInfo(e int) tokInfo {
	wi := &w.entries[e].info
	ti := tokInfo{lex: wi.lex}
	if wi.country > 0 {
		ti.first[mCountry] = int32(e + 1)
	}
	if wi.agency > 0 {
		ti.first[mAgency] = int32(e + 1)
	}
	return ti
}

// slowInfo returns the tokInfo of a token that the tokenizer read rune by
// rune: for an Arabic word, each of its forms (see arabicForms) is tried.
func (w *wordIndex) slowInfo(t *token) tokInfo {
	if !t.arabic {
		if e := find(w, t.key); e >= 0 {
			return w.entries[e].ti
		}
		return tokInfo{}
	}
	var ti tokInfo
	lexSet := false
	var forms [4]string
	for _, f := range arabicForms(t.key, forms[:0]) {
		e := find(w, f)
		if e < 0 {
			continue
		}
		wi := &w.entries[e].info
		if ti.first[mCountry] == 0 && wi.country > 0 {
			ti.first[mCountry] = int32(e + 1)
		}
		if ti.first[mAgency] == 0 && wi.agency > 0 {
			ti.first[mAgency] = int32(e + 1)
		}
		if !lexSet && wi.lex != (lexEntry{}) {
			ti.lex, lexSet = wi.lex, true
		}
	}
	return ti
}

// phrases returns the phrases of matcher m that token info ti starts.
func (w *wordIndex) phrases(ti *tokInfo, m int) []phraseGroup {
	e := ti.first[m]
	if e == 0 {
		return nil
	}
	return w.groups[m][e-1]
}

func (x *Extractor) buildWords() {
	m := map[string]*wordInfo{}
	get := func(k string) *wordInfo {
		wi, ok := m[k]
		if !ok {
			wi = &wordInfo{}
			m[k] = wi
		}
		return wi
	}
	matchers := [numMatchers]*phraseMatcher{x.gaz.matcher, x.agencies.matcher}
	for k, n := range x.gaz.matcher.first {
		get(k).country = uint8(min(n, 255))
	}
	for k, n := range x.agencies.matcher.first {
		get(k).agency = uint8(min(n, 255))
	}
	for k, e := range x.events.lex {
		get(k).lex = e
	}
	for k := range abbrevs {
		get(k).abbrev = true
	}
	for k := range weekdayKeys {
		get(k).date |= dwWeekday
	}
	for k := range monthKeys {
		get(k).date |= dwMonth
	}
	keys := slices.Sorted(maps.Keys(m))
	size := 16
	for size < 2*len(keys) {
		size *= 2
	}
	w := wordIndex{slots: make([]uint64, size), mask: uint64(size - 1)}
	for _, k := range keys {
		e := wordEntry{key: k, info: *m[k]}
		if len(k) <= 8 {
			for i := 0; i < len(k); i++ {
				e.packed = packByte(e.packed, k[i])
			}
		}
		w.entries = append(w.entries, e)
		h := hashKey(k)
		s := h & w.mask
		for w.slots[s] != 0 {
			s = (s + 1) & w.mask
		}
		w.slots[s] = h&^0xffffffff | uint64(len(w.entries))
	}
	for e := range w.entries {
		w.entries[e].ti = w.makeInfo(e)
	}
	for mi, pm := range matchers {
		w.groups[mi] = make([][]phraseGroup, len(w.entries))
		for _, key := range slices.Sorted(maps.Keys(pm.phrases)) {
			words := strings.Split(key, " ")
			e := find(&w, words[0])
			w.groups[mi][e] = append(w.groups[mi][e], phraseGroup{rest: words[1:], forms: pm.phrases[key]})
		}
		for _, gs := range w.groups[mi] {
			slices.SortStableFunc(gs, func(a, b phraseGroup) int { return cmp.Compare(len(b.rest), len(a.rest)) })
		}
	}
	x.words = w
}
