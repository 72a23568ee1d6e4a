//go:build unix

package library

import (
	"fmt"
	"testing"
)

// BenchmarkBuild times Build alone (sorting, postings, text index) on the
// Docs of a warm start of 10,000 and 100,000 briefs; cpu-ms is the CPU
// time of a Build (all threads), which the machine's load hardly inflates.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			docs, vocab, x := genDocs(b, n, 3000) // a warm start: bodies not in memory
			for i := range docs {
				docs[i].Brief.Body = ""
			}
			b.ResetTimer()
			t0 := cpuTime()
			for b.Loop() {
				Build(Config{Extractor: x, Vocab: vocab}, docs)
			}
			b.ReportMetric(float64((cpuTime()-t0).Milliseconds())/float64(b.N), "cpu-ms")
		})
	}
}
