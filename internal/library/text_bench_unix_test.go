//go:build unix

package library

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time the process has used (all threads, GC included):
// a cost measure the machine's load does not inflate as it does wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkTextOldVsNew builds the index of 100,000 generated briefs and
// runs the searches of BenchmarkTextSearch with the implementation before
// Arabic-aware matching and with the current one, alternately (the order
// swapped each round), and reports the CPU time of each and new/old.
func BenchmarkTextOldVsNew(b *testing.B) {
	lib := benchLib(b, 100000, map[int]*sized{100000: {}})
	old := oldBuildTextIndex(lib.briefs)
	terms := []Term{
		{Value: "border"}, {Value: "vah"}, {Value: "al-sudani"}, {Value: "minister"},
		{Value: "border control", Quoted: true}, {Value: "kuwaiti minister discusses", Quoted: true},
	}
	var idx, srch [2]time.Duration // [old, new]
	run := func(k int) {
		t0 := cpuTime()
		if k == 0 {
			oldBuildTextIndex(lib.briefs)
		} else {
			buildFromText(lib.briefs) // tokenized (on all cores) and indexed
		}
		t1 := cpuTime()
		for range 5 {
			for _, t := range terms {
				if k == 0 {
					oldTextMatch(lib.briefs, old, t)
				} else {
					lib.textMatchUncached(t)
				}
			}
		}
		idx[k] += t1 - t0
		srch[k] += cpuTime() - t1
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		run(i % 2)
		run(1 - i%2)
		i++
	}
	n := float64(b.N)
	b.ReportMetric(float64(idx[0].Milliseconds())/n, "index-old-ms")
	b.ReportMetric(float64(idx[1].Milliseconds())/n, "index-new-ms")
	b.ReportMetric(float64(idx[1])/float64(idx[0]), "index-new/old")
	b.ReportMetric(float64(srch[0].Microseconds())/n/5, "search-old-µs")
	b.ReportMetric(float64(srch[1].Microseconds())/n/5, "search-new-µs")
	b.ReportMetric(float64(srch[1])/float64(srch[0]), "search-new/old")
}
