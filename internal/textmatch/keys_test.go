package textmatch

import (
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/briefs/briefs/internal/corpus"
)

// eachKeys and appendKeys list the keys EachKey and AppendKeys give.
func eachKeys(s string) []string {
	var out []string
	EachKey(s, func(k string) { out = append(out, k) })
	return out
}

func appendKeys(s string) []string {
	var out []string
	buf := []byte("stale bytes from an earlier call")
	AppendKeys(buf, s, func(k []byte) { out = append(out, string(k)) })
	return out
}

// TestAppendKeysSameAsEachKey: AppendKeys gives EachKey's keys, in order,
// over generated briefs and the Arabic samples.
func TestAppendKeysSameAsEachKey(t *testing.T) {
	texts := []string{"", "a", "Vahidi's U.S.-led ٢٠٢٣ وللعراق الأمير مجلسُ ﻻﺍﻟ İstanbul ǅ ẞ K"}
	for _, f := range corpus.Generate(300, 5, 3000) {
		texts = append(texts, string(f.Data))
	}
	addSnippetSeeds(nil, func(s string) { texts = append(texts, s) })
	for _, s := range texts {
		if got, want := appendKeys(s), eachKeys(s); !slices.Equal(got, want) {
			t.Fatalf("AppendKeys(%.60q) = %q, EachKey %q", s, got, want)
		}
	}
}

// FuzzAppendKeys: AppendKeys gives EachKey's keys on any text.
func FuzzAppendKeys(f *testing.F) {
	for _, s := range []string{"", "Vahidi", "الأمير", "و\u0654", "ﻻﺍﻟ", "١٢٣", "مجلسُ الوزراءِ", "İ", "ﹶ", "aB9_x\xffy"} {
		f.Add(s)
	}
	addSnippetSeeds(f, func(s string) { f.Add(s) })
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := appendKeys(s), eachKeys(s); !slices.Equal(got, want) {
			t.Fatalf("AppendKeys(%q) = %q, EachKey %q (valid UTF-8: %v)", s, got, want, utf8.ValidString(s))
		}
	})
}
