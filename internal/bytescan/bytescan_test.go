package bytescan

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestAgainstBytes: each test against a byte-by-byte one, on random words
// rich in the edge values.
func TestAgainstBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	edges := []byte{0, 0x1f, 0x20, 0x21, '\'', '-', '/', '0', '9', ':', '@', 'A', 'Z', '[', '`', 'a', 'z', '{', 0x7e, 0x7f, 0x80, 0xff, '\t', '\n'}
	var b [8]byte
	for range 300000 {
		ascii := rng.IntN(2) == 0
		for i := range b {
			if rng.IntN(2) == 0 {
				b[i] = edges[rng.IntN(len(edges))]
			} else {
				b[i] = byte(rng.IntN(256))
			}
			if ascii {
				b[i] &= 0x7f
			}
		}
		x := Load64(string(b[:]))
		printable := true
		var letters, digits uint8
		quote := false
		for k, c := range b {
			printable = printable && c >= 0x20 && c <= 0x7e
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				letters |= 1 << k
			}
			if c >= '0' && c <= '9' {
				digits |= 1 << k
			}
			quote = quote || c == '\''
		}
		if got := Printable(x); got != printable {
			t.Fatalf("Printable(%q) = %v", b, got)
		}
		if !ascii {
			continue
		}
		if got := Mask(InRange(x|0x20*Ones, 'a', 'z')); got != letters {
			t.Fatalf("letters of %q: %08b, want %08b", b, got, letters)
		}
		if got := Mask(InRange(x, '0', '9')); got != digits {
			t.Fatalf("digits of %q: %08b, want %08b", b, got, digits)
		}
		if got := HasByte(x, '\''); got != quote {
			t.Fatalf("HasByte(%q, '\\'') = %v", b, got)
		}
	}
}

// TestRuneCount: utf8.RuneCountInString's count, at every alignment.
func TestRuneCount(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "abcdefghij", "é", "العراق", "\xff", "\xe2\x80", "\U0001F600", "\n"}
	for range 5000 {
		s := ""
		for range rng.IntN(20) {
			s += pieces[rng.IntN(len(pieces))]
		}
		for k := range min(len(s), 9) {
			if got, want := RuneCount(s[k:]), utf8.RuneCountInString(s[k:]); got != want {
				t.Fatalf("RuneCount(%q) = %d, want %d", s[k:], got, want)
			}
		}
	}
}
