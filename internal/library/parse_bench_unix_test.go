//go:build unix

package library

import (
	"testing"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/corpus"
	"github.com/briefs/briefs/internal/extract"
)

// BenchmarkParseExtractCPU is BenchmarkParseExtract (parse and extract on
// one goroutine, 10,000 generated briefs) measured in CPU time: cpu-MB/s
// is what one core does when it is not shared, which the wall-clock MB/s
// of a loaded machine understates.
func BenchmarkParseExtractCPU(b *testing.B) {
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
	t0 := cpuTime()
	for b.Loop() {
		for _, f := range files {
			br, err := brief.Parse(f.Name, f.Data)
			if err != nil {
				b.Fatal(err)
			}
			x.Apply(br)
		}
	}
	cpu := cpuTime() - t0
	b.ReportMetric(float64(total)*float64(b.N)/1e6/cpu.Seconds(), "cpu-MB/s")
}
