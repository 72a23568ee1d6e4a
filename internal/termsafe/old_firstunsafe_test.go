package termsafe

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// oldFirstUnsafe is FirstUnsafe one rune at a time (before it skipped
// eight printable ASCII bytes at once), kept to test the new one against.
func oldFirstUnsafe(s string) int {
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			if asciiUnsafe[c] {
				return i
			}
			i++
		case c >= 0xc2 && c <= 0xdf && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
			// two bytes, U+0080-07FF (Latin, Greek, Cyrillic, Hebrew,
			// Arabic): only C1 controls and ALM are unsafe
			if c == 0xc2 && s[i+1] < 0xa0 || c == 0xd8 && s[i+1] == 0x9c {
				return i
			}
			i += 2
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return i
			}
			// unsafe runes and joiners of three or four bytes are in
			// U+1000-2FFF and from U+F000 (leads E1, E2, EF, F0-F4)
			if (c == 0xe1 || c == 0xe2 || c >= 0xef) && (IsUnsafeRune(r) || isJoiner(r)) {
				return i
			}
			i += size
		}
	}
	return -1
}

func firstUnsafeCases() []string {
	cases := []string{"", "plain text", "line one\nline two\ttab", "abcdefg\x1b[31m", "abcdefgh\r\n", "12345678\x7f", "1234567\u200d", "ab\u200dcd", "x\u2028y", "\xff\xfe", "abcdefghijklmno\u0085"}
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "Hello, world. ", "\n", "\t", "\r", "\x1b", "\x7f", "\x00", "\u0085", "\u200c", "\u200d", "\u202e", "\ufeff", "\u2028", "العراق", "é", "\xff", "~", " "}
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	return cases
}

// TestFirstUnsafeSameAsOld: the same offset as one rune at a time, at
// every alignment.
func TestFirstUnsafeSameAsOld(t *testing.T) {
	for _, s := range firstUnsafeCases() {
		for k := range min(len(s), 9) {
			if got, want := FirstUnsafe(s[k:]), oldFirstUnsafe(s[k:]); got != want {
				t.Fatalf("FirstUnsafe(%q) = %d, old %d", s[k:], got, want)
			}
		}
	}
}

func FuzzFirstUnsafe(f *testing.F) {
	for _, s := range firstUnsafeCases()[:40] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := FirstUnsafe(s), oldFirstUnsafe(s); got != want {
			t.Fatalf("FirstUnsafe(%q) = %d, old %d (valid UTF-8: %v)", s, got, want, utf8.ValidString(s))
		}
	})
}
