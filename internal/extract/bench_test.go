package extract

import (
	"os"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/brief"
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
		Hints: brief.Hints{DateText: "Sun, 12/07/2025 - 11:25", Source: "NINA", Dateline: "Baghdad"},
	}
}

func BenchmarkApply(b *testing.B) {
	x := extractor(b)
	src := benchBrief(b)
	b.SetBytes(int64(len(src.Title) + len(src.Body)))
	b.ReportAllocs()
	for b.Loop() {
		br := src
		x.Apply(&br)
	}
}

func BenchmarkApplyNoHints(b *testing.B) {
	x := extractor(b)
	src := benchBrief(b)
	src.Hints = brief.Hints{}
	b.SetBytes(int64(len(src.Title) + len(src.Body)))
	b.ReportAllocs()
	for b.Loop() {
		br := src
		x.Apply(&br)
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}
