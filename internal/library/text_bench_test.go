package library

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/brief"
)

// BenchmarkTextIndex: building the word index of 100,000 generated briefs,
// with the Arabic-aware keys (new) and with the tokeniser before them
// (old), side by side so the machine's load hits both alike.
func BenchmarkTextIndex(b *testing.B) {
	lib := benchLib(b, 100000, map[int]*sized{100000: {}})
	for _, c := range []struct {
		name  string
		build func([]*brief.Brief)
	}{
		{"old", func(bs []*brief.Brief) { oldBuildTextIndex(bs) }},
		{"map", func(bs []*brief.Brief) { refBuildTextIndex(bs) }},
		{"terms", func(bs []*brief.Brief) { buildFromText(bs) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				c.build(lib.briefs)
			}
			b.ReportMetric(float64(len(lib.briefs)*b.N)/b.Elapsed().Seconds(), "briefs/s")
		})
	}
	// the index from Terms already known (a warm start: package index
	// keeps them)
	v := NewVocab(nil)
	terms := make([]Terms, len(lib.briefs))
	tokenize(Config{Vocab: v}, lib.briefs, terms)
	b.Run("from-terms", func(b *testing.B) {
		for b.Loop() {
			buildTextIndex(v, terms)
		}
		b.ReportMetric(float64(len(lib.briefs)*b.N)/b.Elapsed().Seconds(), "briefs/s")
	})
}

// buildFromText tokenizes (on all cores) and indexes.
func buildFromText(bs []*brief.Brief) *textIndex {
	v := NewVocab(nil)
	terms := make([]Terms, len(bs))
	tokenize(Config{Vocab: v}, bs, terms)
	return buildTextIndex(v, terms)
}

// BenchmarkTextIndexArabic: the index of 100,000 Arabic briefs made of
// paragraphs of the Arabic test briefs.
func BenchmarkTextIndexArabic(b *testing.B) {
	src := arabicLibrary(b)
	var paras []string
	for i := range src.Len() {
		paras = append(paras, strings.Split(src.Brief(int32(i)).Body, "\n\n")...)
	}
	r := rand.New(rand.NewPCG(1, 2))
	bs := make([]*brief.Brief, 100000)
	var size int64
	for i := range bs {
		body := strings.Join([]string{paras[r.IntN(len(paras))], paras[r.IntN(len(paras))], paras[r.IntN(len(paras))]}, "\n\n")
		bs[i] = &brief.Brief{Title: src.Brief(int32(r.IntN(src.Len()))).Title, Body: body}
		size += int64(len(body))
	}
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		buildFromText(bs)
	}
	b.ReportMetric(float64(len(bs)*b.N)/b.Elapsed().Seconds(), "briefs/s")
}

// BenchmarkTextSearch: free-text terms searched for the first time (no
// result cache) over 100,000 generated briefs, now and before.
func BenchmarkTextSearch(b *testing.B) {
	lib := benchLib(b, 100000, map[int]*sized{100000: {}})
	old := oldBuildTextIndex(lib.briefs)
	for _, t := range []Term{
		{Value: "border"}, {Value: "vah"}, {Value: "al-sudani"}, {Value: "minister"},
		{Value: "border control", Quoted: true}, {Value: "kuwaiti minister discusses", Quoted: true},
	} {
		b.Run(fmt.Sprintf("q=%s/old", t), func(b *testing.B) {
			for b.Loop() {
				oldTextMatch(lib.briefs, old, t)
			}
		})
		b.Run(fmt.Sprintf("q=%s/new", t), func(b *testing.B) {
			for b.Loop() {
				lib.textMatchUncached(t)
			}
		})
	}
}
