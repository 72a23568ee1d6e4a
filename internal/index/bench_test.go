package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/corpus"
	"github.com/briefs/briefs/internal/extract"
	"github.com/briefs/briefs/internal/library"
)

// Benchmarks of loading through the index at 10,000 and 100,000 briefs
// (`make bench`; BENCH=Index make bench for these alone). The corpora
// (internal/corpus: NINA and Shafaq dumps and Markdown, about 3 KB each)
// are written once under the system's temporary folder and kept for the
// next run ($TMPDIR/briefs-bench-N; delete them to start over).
//
//	BenchmarkIndexBuild  the first load: no index, every file read, parsed,
//	                     extracted and indexed on all cores, the index written
//	BenchmarkLoadWarm    a later load: nothing changed, nothing read but the
//	                     index (and the folders walked); reports the heap
//	                     held by the collection (heap-MiB)
//	BenchmarkFirstRows   a later start of the reader (Run): until the first
//	                     collection is sent (the first screen of the last
//	                     session), and until the whole one is
//
// Each also reports cpu-ms, the CPU time of an operation (all threads):
// on a machine shared with other work, wall time (ns/op) grows with the
// load and CPU time hardly does.

var benchSizes = []int{10_000, 100_000}

// benchCorpus returns the folder of a corpus of n briefs, written when
// missing, and its size in bytes.
func benchCorpus(b *testing.B, n int) (string, int64) {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("briefs-bench-%d", n))
	done := filepath.Join(dir, ".complete") // hidden: not a brief
	if _, err := os.Stat(done); err != nil {
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		for _, f := range corpus.Generate(n, 1, 3000) {
			p := filepath.Join(dir, f.Name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		if err := os.WriteFile(done, nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	var size int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				size += fi.Size()
			}
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return dir, size
}

func benchOptions(dir, index string) Options {
	return Options{Paths: []string{dir}, Index: index,
		Extractor: func() (library.Extractor, error) { return extract.New() }}
}

func benchLoad(b *testing.B, opt Options) *library.Library {
	b.Helper()
	c, err := Open(context.Background(), opt)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	lib, _, err := c.Load(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	if n := c.Notices(); len(n) > 0 {
		b.Fatalf("notices: %v", n)
	}
	return lib
}

func reportCPU(b *testing.B, cpu time.Duration) {
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms")
}

func BenchmarkIndexBuild(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			dir, size := benchCorpus(b, n)
			b.SetBytes(size)
			i := 0
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				i++
				index := filepath.Join(b.TempDir(), fmt.Sprintf("index-%d.db", i))
				runtime.GC()
				b.StartTimer()
				t0 := cpuTime()
				if lib := benchLoad(b, benchOptions(dir, index)); lib.Len() != n {
					b.Fatalf("%d briefs, want %d", lib.Len(), n)
				}
				cpu += cpuTime() - t0
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "briefs/s")
			reportCPU(b, cpu)
		})
	}
}

func BenchmarkLoadWarm(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			dir, _ := benchCorpus(b, n)
			index := filepath.Join(b.TempDir(), "index.db")
			benchLoad(b, benchOptions(dir, index))
			var lib *library.Library
			t0 := cpuTime()
			for b.Loop() {
				lib = benchLoad(b, benchOptions(dir, index))
			}
			b.StopTimer()
			reportCPU(b, cpuTime()-t0)
			// what the collection holds: the heap with it, less without
			var with, without runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&with)
			if lib.Len() != n {
				b.Fatalf("%d briefs", lib.Len())
			}
			lib = nil
			runtime.GC()
			runtime.ReadMemStats(&without)
			b.ReportMetric(float64(with.HeapAlloc-min(with.HeapAlloc, without.HeapAlloc))/(1<<20), "heap-MiB")
			runtime.KeepAlive(lib)
		})
	}
}

func BenchmarkFirstRows(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			dir, _ := benchCorpus(b, n)
			index := filepath.Join(b.TempDir(), "index.db")
			benchLoad(b, benchOptions(dir, index))
			// a reader's run leaves the first screen in the index
			run := func(until func(library.Update) bool) {
				c, err := Open(context.Background(), benchOptions(dir, index))
				if err != nil {
					b.Fatal(err)
				}
				defer c.Close()
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				err = c.Run(ctx, func(u library.Update) {
					if until(u) {
						cancel()
					}
				})
				if err != nil && !errors.Is(err, context.Canceled) {
					b.Fatal(err)
				}
			}
			run(func(u library.Update) bool { return false })
			var first, whole time.Duration // sums
			c0 := cpuTime()
			for b.Loop() {
				t0 := time.Now()
				seen := false
				run(func(u library.Update) bool {
					if u.Lib != nil && u.Lib.Len() > 0 && !seen {
						seen = true
						first += time.Since(t0)
					}
					if u.Done && u.Lib != nil && u.Lib.Len() == n {
						whole += time.Since(t0)
						return true
					}
					return false
				})
			}
			reportCPU(b, cpuTime()-c0)
			b.ReportMetric(float64(first.Microseconds())/1000/float64(b.N), "first-ms")
			b.ReportMetric(float64(whole.Microseconds())/1000/float64(b.N), "whole-ms")
		})
	}
}
