package library

import (
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/corpus"
	"github.com/briefs/briefs/internal/textmatch"
)

// refTextMatch is the free-text match as it was before term ids and
// bodies on demand: the keys of every word in a map (refBuildTextIndex),
// bodies in memory.
func refTextMatch(bs []*brief.Brief, ix *mapIndex, t Term) bitset {
	n := len(bs)
	words := textmatch.QueryWords(t.Value)
	if len(words) == 0 {
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
	for k, w := range words {
		s := newBitset(n)
		lookup := ix.prefixSet
		if t.Quoted && k < len(words)-1 {
			lookup = ix.exactSet
		}
		lookup(w.Full, s)
		if w.Stem != "" {
			lookup(w.Stem, s)
		}
		if acc == nil {
			acc = s
		} else {
			acc.and(s)
		}
	}
	switch {
	case !isASCII(t.Value):
		if len(words) > 1 {
			p := textmatch.Compile(t.Value)
			for _, i := range acc.each() {
				if b := bs[i]; !p.Match(b.Title) && !p.Match(b.Body) {
					acc.clear(i)
				}
			}
		}
	case len(words) > 1 || words[0].Full != strings.ToLower(t.Value):
		needle := strings.ToLower(t.Value)
		for _, i := range acc.each() {
			if !containsFold(bs[i].Title, bs[i].Body, needle) {
				acc.clear(i)
			}
		}
	}
	return acc
}

// withoutBodies builds a library of copies of bs held without their bodies,
// read back through Config.Body (counted in reads).
func withoutBodies(bs []*brief.Brief, reads *atomic.Int64) *Library {
	bodies := map[string]string{}
	docs := make([]Doc, len(bs))
	for i, b := range bs {
		bodies[b.ID] = b.Body
		c := *b
		c.Body = ""
		docs[i].Brief = &c
	}
	// Terms computed from the full text, as the loader does before it
	// drops the body
	v := NewVocab(nil)
	tz := v.NewTokenizer()
	for i, b := range bs {
		docs[i].Terms = tz.Terms(b.Title, b.Body)
	}
	return Build(Config{Extractor: stubX{}, Vocab: v, Body: func(b *brief.Brief) (string, error) {
		reads.Add(1)
		body, ok := bodies[b.ID]
		if !ok {
			return "", errors.New("no such brief")
		}
		return body, nil
	}}, docs)
}

// TestTermsIndexSameResults: the index built from term ids, with bodies
// read on demand, selects exactly what the map index with bodies in
// memory selected, for English (generated corpus) and Arabic (test briefs)
// queries, words, prefixes, phrases and punctuation.
func TestTermsIndexSameResults(t *testing.T) {
	var en []*brief.Brief
	for _, f := range corpus.Generate(1500, 9, 600) {
		b, err := brief.Parse(f.Name, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		en = append(en, b)
	}
	ar := arabicLibrary(t).Briefs()
	arTerms := []Term{
		{Value: "وزراء"}, {Value: "القمه"}, {Value: "جده"}, {Value: "شئون"}, {Value: "2023"},
		{Value: "وزير الخارجية", Quoted: true}, {Value: "مجلس الوزراء", Quoted: true},
		{Value: "قمة عربية", Quoted: true}, {Value: "مُسْؤُولٌ", Quoted: true}, {Value: "ُ"},
		{Value: "arab summit", Quoted: true}, {Value: "وال"}, {Value: "ال"},
	}
	for _, c := range []struct {
		name  string
		bs    []*brief.Brief
		terms []Term
	}{{"english", en, englishTerms}, {"arabic", ar, append(arTerms, englishTerms...)}} {
		t.Run(c.name, func(t *testing.T) {
			var reads atomic.Int64
			mem := New(stubX{}, c.bs)
			lazy := withoutBodies(c.bs, &reads)
			ref := refBuildTextIndex(mem.briefs)
			if v := usedVocab(mem); !slices.Equal(ref.vocab, v) {
				t.Fatalf("vocabulary: %d keys, want %d", len(v), len(ref.vocab))
			}
			for _, term := range c.terms {
				want := refTextMatch(mem.briefs, ref, term)
				if got := mem.textMatchUncached(term); !slices.Equal(got, want) {
					t.Errorf("%s (bodies in memory): %d briefs, want %d", term, len(got.each()), len(want.each()))
				}
				// the lazy library has the same order (same briefs)
				if got := lazy.textMatchUncached(term); !slices.Equal(got, want) {
					t.Errorf("%s (bodies on demand): %d briefs, want %d", term, len(got.each()), len(want.each()))
				}
			}
			if reads.Load() == 0 {
				t.Error("no body was read: phrases were not checked against the text")
			}
		})
	}
}

// TestBodyOnDemand: Body, WithBody and Candidates read a body held
// without it; a brief with its body in memory is not read again.
func TestBodyOnDemand(t *testing.T) {
	bs := []*brief.Brief{
		{ID: "aaaaaaaaaaaa", Title: "One", Body: "first body"},
		{ID: "bbbbbbbbbbbb", Title: "Two", Body: "second body"},
	}
	var reads atomic.Int64
	l := withoutBodies(bs, &reads)
	b, err := l.Find("aaaa")
	if err != nil {
		t.Fatal(err)
	}
	if b.Body != "" {
		t.Fatal("body held in memory")
	}
	if s, err := l.Body(b); err != nil || s != "first body" {
		t.Errorf("Body: %q, %v", s, err)
	}
	full, err := l.WithBody(b)
	if err != nil || full.Body != "first body" || b.Body != "" {
		t.Errorf("WithBody: %+v, %v (original %q)", full, err, b.Body)
	}
	for _, c := range l.Candidates() {
		if c.Fingerprint().IsZero() {
			t.Errorf("%s: no fingerprint", c.ID)
		}
	}
	if reads.Load() != 4 {
		t.Errorf("%d reads, want 4", reads.Load())
	}
	mem := New(stubX{}, bs)
	if s, _ := mem.Body(mem.Brief(0)); s == "" {
		t.Error("in-memory body lost")
	}
}

// TestVocabView: the sorted view grows by merging, and views taken before
// stay as they were.
func TestVocabView(t *testing.T) {
	v := NewVocab([]string{"pear", "apple"})
	terms, sorted := v.view(2)
	if got := []string{terms[sorted[0]], terms[sorted[1]]}; !slices.Equal(got, []string{"apple", "pear"}) {
		t.Fatalf("view: %v", got)
	}
	v.Append([]string{"banana", "apple", "zoo"})
	if v.Len() != 4 {
		t.Fatalf("Len %d", v.Len())
	}
	terms2, sorted2 := v.view(4)
	var got []string
	for _, id := range sorted2 {
		got = append(got, terms2[id])
	}
	if !slices.Equal(got, []string{"apple", "banana", "pear", "zoo"}) {
		t.Errorf("merged view: %v", got)
	}
	if len(sorted) != 2 || terms[sorted[1]] != "pear" {
		t.Errorf("old view changed: %v", sorted)
	}
	ids := []uint32{0, 3, 4, 200, 70000}
	var back []uint32
	EncodeTerms(ids).Each(func(id uint32) { back = append(back, id) })
	if !slices.Equal(back, ids) || EncodeTerms(ids).Len() != len(ids) {
		t.Errorf("terms round trip: %v", back)
	}
}
