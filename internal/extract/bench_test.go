package extract

import (
	"os"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/corpus"
)

// benchBrief is a realistic brief of a few KB: English and Arabic text about
// the conference, with a long list of countries.
func benchBrief(b *testing.B) brief.Brief {
	var body strings.Builder
	for _, name := range []string{"seed_000_nina.txt", "ina_en_3rd_delegations.txt", "ar_ina_3rd.txt", "seed_001_shafaq.txt"} {
		data, err := os.ReadFile("testdata/briefs/" + name)
		if err != nil {
			b.Fatal(err)
		}
		_, text, _ := strings.Cut(string(data), "\n---\n")
		body.WriteString(text)
		body.WriteString("\n")
	}
	return brief.Brief{
		Title: "Interior Minister: Iraq Has Succeeded In Building An Advanced Security System To Combat The Scourge Of Drugs",
		Body:  body.String(),
		Hints: ninaHints(),
	}
}

// benchApply measures Apply on copies of src, with or without its layout
// hints.
func benchApply(b *testing.B, src brief.Brief, hints bool) {
	x := extractor(b)
	if !hints {
		src.Hints = brief.Hints{}
	}
	b.SetBytes(int64(len(src.Title) + len(src.Body)))
	b.ReportAllocs()
	for b.Loop() {
		br := src
		x.Apply(&br)
	}
}

func BenchmarkApply(b *testing.B) { benchApply(b, benchBrief(b), true) }

func BenchmarkApplyNoHints(b *testing.B) { benchApply(b, benchBrief(b), false) }

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}

// ninaHints are the hints the NINA parser gives the seed brief.
func ninaHints() brief.Hints {
	return brief.Hints{DateText: "Sun, 12/07/2025 - 11:25", Source: "NINA", Dateline: "Baghdad"}
}

// asciiBrief is a typical ASCII-only brief of about 3 KB (seeds/000, quotes and
// bullets folded to ASCII), with the hints the NINA parser gives it.
func asciiBrief(b *testing.B) brief.Brief {
	data, err := os.ReadFile("testdata/bench/seed_000_ascii.txt")
	if err != nil {
		b.Fatal(err)
	}
	title, body, _ := strings.Cut(string(data), "\n---\n")
	return brief.Brief{
		Title: title,
		Body:  body,
		Hints: ninaHints(),
	}
}

func BenchmarkApplyASCII(b *testing.B) { benchApply(b, asciiBrief(b), true) }

func BenchmarkApplyASCIINoHints(b *testing.B) { benchApply(b, asciiBrief(b), false) }

// BenchmarkApplyCorpus is extraction alone over briefs of the generated
// corpus that BenchmarkParseExtract in internal/library runs, parsed once.
func BenchmarkApplyCorpus(b *testing.B) {
	x := extractor(b)
	var briefs []brief.Brief
	var total int64
	for _, f := range corpus.Generate(300, 1, 3000) {
		br, err := brief.Parse(f.Name, f.Data)
		if err != nil {
			b.Fatal(err)
		}
		briefs = append(briefs, *br)
		total += int64(len(br.Title) + len(br.Body))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for i := range briefs {
			br := briefs[i]
			x.Apply(&br)
		}
	}
}
