package library

import (
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/corpus"
	"github.com/briefs/briefs/internal/textmatch"
)

// The free-text search before Arabic-aware matching, kept as the reference
// that English results must not move from.

func oldEachToken(s string, f func(string)) {
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			f(strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		f(strings.ToLower(s[start:]))
	}
}

func oldTokens(s string) []string {
	var out []string
	oldEachToken(s, func(t string) { out = append(out, t) })
	return out
}

// mapIndex is a text index the straightforward way: every key of every
// brief in a map, the vocabulary sorted. With oldEachToken it is the index
// before Arabic-aware keys; with textmatch.EachKey it is the index before
// term ids and bodies on demand (refIndex), the reference the Terms-built
// index must agree with.
type mapIndex struct {
	vocab    []string
	postings [][]int32
}

func buildMapIndex(bs []*brief.Brief, each func(s string, f func(string))) *mapIndex {
	m := make(map[string][]int32)
	seen := make(map[string]struct{}, 512)
	for i, b := range bs {
		clear(seen)
		add := func(tok string) {
			if _, ok := seen[tok]; ok {
				return
			}
			tok = strings.Clone(tok)
			seen[tok] = struct{}{}
			m[tok] = append(m[tok], int32(i))
		}
		each(b.Title, add)
		each(b.Body, add)
	}
	ix := &mapIndex{vocab: make([]string, 0, len(m))}
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

func oldBuildTextIndex(bs []*brief.Brief) *mapIndex { return buildMapIndex(bs, oldEachToken) }

func refBuildTextIndex(bs []*brief.Brief) *mapIndex { return buildMapIndex(bs, textmatch.EachKey) }

func (ix *mapIndex) prefixSet(p string, set bitset) {
	k := sort.SearchStrings(ix.vocab, p)
	for ; k < len(ix.vocab) && strings.HasPrefix(ix.vocab[k], p); k++ {
		for _, i := range ix.postings[k] {
			set.set(i)
		}
	}
}

func (ix *mapIndex) exactSet(w string, set bitset) {
	k := sort.SearchStrings(ix.vocab, w)
	if k < len(ix.vocab) && ix.vocab[k] == w {
		for _, i := range ix.postings[k] {
			set.set(i)
		}
	}
}

// usedVocab is the sorted list of the terms of l's text index that some
// brief holds.
func usedVocab(l *Library) []string {
	var out []string
	for id, p := range l.text.post {
		if p != nil {
			out = append(out, l.text.vocab.Term(uint32(id)))
		}
	}
	sort.Strings(out)
	return out
}

func oldTextMatch(bs []*brief.Brief, ix *mapIndex, t Term) bitset {
	n := len(bs)
	toks := oldTokens(t.Value)
	if len(toks) == 0 {
		set := newBitset(n)
		needle := strings.ToLower(t.Value)
		for i, b := range bs {
			if containsFold(b.Title, b.Body, needle) {
				set.set(int32(i))
			}
		}
		return set
	}
	var acc bitset
	for k, tok := range toks {
		s := newBitset(n)
		if t.Quoted && k < len(toks)-1 {
			ix.exactSet(tok, s)
		} else {
			ix.prefixSet(tok, s)
		}
		if acc == nil {
			acc = s
		} else {
			acc.and(s)
		}
	}
	if len(toks) > 1 || toks[0] != strings.ToLower(t.Value) {
		needle := strings.ToLower(t.Value)
		for _, i := range acc.each() {
			if !containsFold(bs[i].Title, bs[i].Body, needle) {
				acc.clear(i)
			}
		}
	}
	return acc
}

// englishTerms are English queries as typed in the search box.
var englishTerms = []Term{
	{Value: "border"}, {Value: "vah"}, {Value: "vahidi"}, {Value: "VAHIDI"}, {Value: "al-sudani"},
	{Value: "minister"}, {Value: "kuwaiti"}, {Value: "türkiye"}, {Value: "Türk"}, {Value: "2024"},
	{Value: "third"}, {Value: "the"}, {Value: "b"}, {Value: "nina"}, {Value: "baghdad."},
	{Value: "drug-trafficking"}, {Value: "o'brien"}, {Value: "..."}, {Value: "x"}, {Value: "captagon"},
	{Value: "border control", Quoted: true}, {Value: "captagon smuggling", Quoted: true},
	{Value: "arrived in baghdad", Quoted: true}, {Value: "Kuwaiti minister discusses", Quoted: true},
	{Value: "smuggling routes.", Quoted: true}, {Value: "the", Quoted: true}, {Value: "in bag", Quoted: true},
	{Value: "conference on drug control", Quoted: true}, {Value: "on  Monday", Quoted: true},
}

// TestEnglishResultsUnchanged: on a generated corpus, every English query
// selects exactly the briefs the search selected before.
func TestEnglishResultsUnchanged(t *testing.T) {
	n := 6000
	if testing.Short() {
		n = 1500
	}
	var bs []*brief.Brief
	for _, f := range corpus.Generate(n, 7, 600) {
		b, err := brief.Parse(f.Name, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		bs = append(bs, b)
	}
	l := New(stubX{}, bs)
	old := oldBuildTextIndex(l.briefs)
	if v := usedVocab(l); !slices.Equal(old.vocab, v) {
		t.Fatalf("index vocabulary differs: %d words before, %d now", len(old.vocab), len(v))
	}
	for _, term := range englishTerms {
		want := oldTextMatch(l.briefs, old, term)
		got := l.textMatchUncached(term)
		if !slices.Equal(want, got) {
			t.Errorf("%s: %d briefs now, %d before", term, len(got.each()), len(want.each()))
		}
	}
}
