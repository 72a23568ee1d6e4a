package textmatch

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/briefs/briefs/internal/corpus"
)

// oldTokens is the library's tokeniser before this package: lower-cased
// runs of letters, digits and non-spacing marks. Text without Arabic script
// must give exactly these keys.
func oldTokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

func newKeys(s string) []string {
	var out []string
	EachKey(s, func(k string) { out = append(out, strings.Clone(k)) })
	return out
}

func TestEnglishKeysUnchanged(t *testing.T) {
	texts := []string{
		"", "Baghdad / NINA/- Iraqi Interior Minister Abdul Amir Al-Shammari met on Sunday...",
		"Türkiye's İçişleri; São Paulo — naïve café", "x", "A1 b2C3 __ 4d", "\u00a0trailing X",
	}
	for _, f := range corpus.Generate(300, 11, 2000) {
		texts = append(texts, string(f.Data))
	}
	for _, s := range texts {
		if got, want := newKeys(s), oldTokens(s); !slices.Equal(got, want) {
			t.Fatalf("keys of %.60q differ:\n got %q\nwant %q", s, got, want)
		}
	}
}
