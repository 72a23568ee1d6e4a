//go:build unix

package library

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/corpus"
	"github.com/briefs/briefs/internal/textmatch"
)

// oldTokenizer is Tokenizer.Terms as it was before AppendKeys and the
// per-call marks (kept to test the new one against).
type oldTokenizer struct {
	v     *Vocab
	local map[string]uint32
	ids   []uint32
}

func (tz *oldTokenizer) Terms(texts ...string) Terms {
	tz.ids = tz.ids[:0]
	add := func(key string) {
		id, ok := tz.local[key]
		if !ok {
			id = tz.v.ID(key)
			tz.local[tz.v.Term(id)] = id
		}
		tz.ids = append(tz.ids, id)
	}
	for _, s := range texts {
		textmatch.EachKey(s, add)
	}
	slices.Sort(tz.ids)
	tz.ids = slices.Compact(tz.ids)
	return EncodeTerms(tz.ids)
}

// TestTokenizerSameAsOld: the same Terms and the same vocabulary, in the
// same order, as the old tokenizer over generated briefs (English and
// Arabic) and the Arabic samples, also after the round counter wraps.
func TestTokenizerSameAsOld(t *testing.T) {
	var texts [][2]string
	for _, f := range corpus.Generate(400, 11, 3000) {
		s := string(f.Data)
		texts = append(texts, [2]string{s[:len(s)/5], s[len(s)/5:]})
	}
	files, _ := filepath.Glob("../textmatch/testdata/ar/*.txt")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, [2]string{"عنوان: " + filepath.Base(p), string(data)})
	}
	texts = append(texts, [2]string{"", ""}, [2]string{"Only A Title", ""})
	oldV, newV := NewVocab(nil), NewVocab(nil)
	old := &oldTokenizer{v: oldV, local: map[string]uint32{}}
	tz := newV.NewTokenizer()
	for round := range 2 {
		if round == 1 {
			tz.round = ^uint32(0) - 3 // wraps within the next texts
		}
		for _, x := range texts {
			got, want := tz.Terms(x[0], x[1]), old.Terms(x[0], x[1])
			if !bytes.Equal(got, want) {
				t.Fatalf("Terms(%.40q, %.40q) differ from the old tokenizer's", x[0], x[1])
			}
		}
	}
	if !slices.Equal(newV.Terms(0), oldV.Terms(0)) {
		t.Fatalf("vocabularies differ: %d and %d terms", newV.Len(), oldV.Len())
	}
}

// BenchmarkTermsOldVsNew: a brief's terms (the index build's
// Tokenizer.Terms) by the old tokenizer and the new one, alternately, in
// CPU time (cpu-MB/s; the machine is shared).
func BenchmarkTermsOldVsNew(b *testing.B) {
	files := corpus.Generate(2000, 3, 3000)
	var total int64
	texts := make([]string, len(files))
	for i, f := range files {
		texts[i] = string(f.Data)
		total += int64(len(f.Data))
	}
	terms := [2]func(...string) Terms{
		(&oldTokenizer{v: NewVocab(nil), local: map[string]uint32{}}).Terms,
		NewVocab(nil).NewTokenizer().Terms,
	}
	var cpu [2]time.Duration // [old, new]
	round := 0
	for b.Loop() {
		for k := range 2 {
			k ^= round & 1
			t0 := cpuTime()
			for _, s := range texts {
				terms[k](s)
			}
			cpu[k] += cpuTime() - t0
		}
		round++
	}
	mb := float64(total) * float64(b.N) / 1e6
	b.ReportMetric(mb/cpu[0].Seconds(), "old-cpu-MB/s")
	b.ReportMetric(mb/cpu[1].Seconds(), "new-cpu-MB/s")
}
