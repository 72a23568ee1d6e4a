package textmatch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func addSnippetSeeds(f *testing.F, with func(text string)) {
	files, _ := filepath.Glob("testdata/ar/*.txt")
	for _, p := range files[:min(len(files), 6)] {
		data, err := os.ReadFile(p)
		if err == nil {
			with(string(data))
		}
	}
}

// FuzzFold: folding is idempotent, only lower-cases text without Arabic
// script, and the keys of text without Arabic script are the old tokens.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Vahidi", "الأمير", "و\u0654", "ﻻﺍﻟ", "١٢٣", "مجلسُ الوزراءِ", "İ", "ﹶ"} {
		f.Add(s)
	}
	addSnippetSeeds(f, func(s string) { f.Add(s) })
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // briefs are sanitised to valid UTF-8
		}
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Fatalf("Fold not idempotent: %q -> %q -> %q", s, once, twice)
		}
		if !HasArabic(s) {
			if once != strings.ToLower(s) {
				t.Fatalf("Fold(%q) = %q, strings.ToLower = %q", s, once, strings.ToLower(s))
			}
			if got, want := newKeys(s), oldTokens(s); !slices.Equal(got, want) {
				t.Fatalf("keys of %q = %q, old tokens %q", s, got, want)
			}
		}
		EachKey(s, func(k string) {
			if k == "" || !utf8.ValidString(k) {
				t.Fatalf("bad key %q from %q", k, s)
			}
		})
	})
}

// FuzzPattern: matches are ordered, non-overlapping ranges on rune
// boundaries of the text; a one-word pattern matches exactly when the index
// keys of the text would.
func FuzzPattern(f *testing.F) {
	for _, c := range [][2]string{
		{"وزراء", "قال الوزراء"}, {"الامير", "للأمير"}, {"border control", "border\ncontrol"},
		{"عاجل", "عـاجـل"}, {"ﻻ", "لا"}, {"2023", "٢٠٢٣"}, {"و", "و\u0654"},
	} {
		f.Add(c[0], c[1])
	}
	addSnippetSeeds(f, func(s string) { f.Add("الوزراء", s) })
	f.Fuzz(func(t *testing.T, q, text string) {
		if !utf8.ValidString(q) || !utf8.ValidString(text) || len(q) > 200 {
			return
		}
		p := Compile(q)
		prev := 0
		ranges := p.FindAll(text)
		for _, r := range ranges {
			if r[0] < prev || r[0] >= r[1] || r[1] > len(text) || !utf8.RuneStart(text[r[0]]) || r[1] < len(text) && !utf8.RuneStart(text[r[1]]) {
				t.Fatalf("bad range %v in %q for %q (all %v)", r, text, q, ranges)
			}
			prev = r[1]
		}
		if p.Match(text) != (len(ranges) > 0) {
			t.Fatalf("Match and FindAll disagree for %q in %q", q, text)
		}
		if p.Len() != 1 {
			return
		}
		w := QueryWords(q)[0]
		index := false
		EachKey(text, func(k string) {
			if strings.HasPrefix(k, w.Full) || w.Stem != "" && strings.HasPrefix(k, w.Stem) {
				index = true
			}
		})
		if index != p.Match(text) {
			t.Fatalf("%q in %q: index %v, pattern %v", q, text, index, p.Match(text))
		}
	})
}
