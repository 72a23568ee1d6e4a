//go:build unix

package library

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/briefs/briefs/internal/corpus"
	"github.com/briefs/briefs/internal/extract"
)

// benchDocs makes the Docs of n generated briefs (about 3 KB each) as a
// warm start hands them to Build: parsed, extracted and tokenized (on all
// cores, outside the timer), their bodies not in memory.
func benchDocs(b *testing.B, n int) ([]Doc, *Vocab, Extractor) {
	b.Helper()
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	fsys := fstest.MapFS{}
	jobs := make([]loadJob, 0, n)
	for _, f := range corpus.Generate(n, 1, 3000) {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		jobs = append(jobs, loadJob{path: f.Name, seed: true})
	}
	vocab := NewVocab(nil)
	docs, errs := readJobs(context.Background(), x, Options{Seeds: fsys}, vocab, jobs)
	for i := range docs {
		if errs[i] != nil {
			b.Fatal(errs[i])
		}
		docs[i].Seed = false
		docs[i].Brief.Body = ""
	}
	Infer(x, docs)
	return docs, vocab, x
}

// BenchmarkBuild times Build alone (sorting, postings, text index) on the
// Docs of a warm start of 10,000 and 100,000 briefs; cpu-ms is the CPU
// time of a Build (all threads), which the machine's load hardly inflates.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			docs, vocab, x := benchDocs(b, n)
			b.ResetTimer()
			t0 := cpuTime()
			for b.Loop() {
				Build(Config{Extractor: x, Vocab: vocab}, docs)
			}
			b.ReportMetric(float64((cpuTime()-t0).Milliseconds())/float64(b.N), "cpu-ms")
		})
	}
}
