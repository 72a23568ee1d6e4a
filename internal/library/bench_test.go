package library

import (
	"fmt"
	"sync"
	"testing"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/corpus"
	"github.com/briefs/briefs/internal/extract"
)

// BenchmarkParseExtract measures the whole per-file pipeline (sanitise,
// parse, clean, extract metadata) on one core over a generated corpus of
// 10,000 briefs in the three formats; MB/s comes from b.SetBytes.
func BenchmarkParseExtract(b *testing.B) {
	files := corpus.Generate(10000, 1, 3000)
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	var total int64
	for _, f := range files {
		total += int64(len(f.Data))
	}
	b.SetBytes(total)
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			br, err := brief.Parse(f.Name, f.Data)
			if err != nil {
				b.Fatal(err)
			}
			x.Apply(br)
		}
	}
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "briefs/s")
}

// BenchmarkParse is the parser alone.
func BenchmarkParse(b *testing.B) {
	files := corpus.Generate(3000, 2, 3000)
	var total int64
	for _, f := range files {
		total += int64(len(f.Data))
	}
	b.SetBytes(total)
	for b.Loop() {
		for _, f := range files {
			if _, err := brief.Parse(f.Name, f.Data); err != nil {
				b.Fatal(err)
			}
		}
	}
}

type sized struct {
	once sync.Once
	lib  *Library
}

func benchLib(b *testing.B, n int, cache map[int]*sized) *Library {
	s := cache[n]
	s.once.Do(func() {
		files := corpus.Generate(n, 7, 600)
		x, err := extract.New()
		if err != nil {
			b.Fatal(err)
		}
		bs := make([]*brief.Brief, 0, n)
		for _, f := range files {
			br, err := brief.Parse(f.Name, f.Data)
			if err != nil {
				b.Fatal(err)
			}
			x.Apply(br)
			bs = append(bs, br)
		}
		s.lib = New(x, bs)
	})
	return s.lib
}

// BenchmarkSearch: a query as typed in the search box, with facet counts.
func BenchmarkSearch(b *testing.B) {
	cache := map[int]*sized{10000: {}, 100000: {}}
	for _, n := range []int{10000, 100000} {
		for _, qs := range []string{"", "edition:3", "edition:3 country:kuwait", "border", `"border control" -country:iran`, "date:2024 source:nina"} {
			b.Run(fmt.Sprintf("n=%d/q=%s", n, qs), func(b *testing.B) {
				lib := benchLib(b, n, cache)
				q, err := Parse(qs)
				if err != nil {
					b.Fatal(err)
				}
				tags := Tags{lib.Brief(0).ID: {"followup"}}
				b.ResetTimer()
				for b.Loop() {
					if _, err := lib.Search(q, User{Tags: tags}, ByDate); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkPhraseUncached: a quoted phrase searched for the first time
// (the result cache is bypassed) over 100,000 briefs.
func BenchmarkPhraseUncached(b *testing.B) {
	lib := benchLib(b, 100000, map[int]*sized{100000: {}})
	t := Term{Value: "border control", Quoted: true}
	b.ResetTimer()
	for b.Loop() {
		lib.textMatchUncached(t)
	}
}
