// Package bytescan tests eight bytes of text at once (SWAR: SIMD within a
// register), for the loops that read every byte of a file (decoding,
// sanitising, counting words) and can skip plain ASCII quickly.
package bytescan

import "unicode/utf8"

// Ones has 1 in every byte; Highs the high bit of every byte.
const (
	Ones  = 0x0101010101010101
	Highs = 0x80 * Ones
)

// Load64 reads the first 8 bytes of s, little-endian (s[0] in the low
// byte).
func Load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// Printable reports whether the 8 bytes of x are all printable ASCII
// (0x20-0x7e).
func Printable(x uint64) bool {
	y := x ^ 0x7f*Ones // a zero byte where x has DEL
	// high bits: bytes from 0x80, below 0x20, and DEL
	return (x|(x-0x20*Ones)&^x|(y-Ones)&^y)&Highs == 0
}

// InRange has the high bit set in every byte of x from lo to hi, and only
// there; every byte of x must be ASCII (below 0x80), and lo <= hi < 0x80.
func InRange(x uint64, lo, hi byte) uint64 {
	return (x + (0x80-uint64(lo))*Ones) & ((0x80+uint64(hi))*Ones - x) & Highs
}

// HasByte reports whether a byte of x is c; every byte of x must be ASCII
// (below 0x80).
func HasByte(x uint64, c byte) bool {
	y := x ^ uint64(c)*Ones
	return (y-Ones)&^y&Highs != 0
}

// Mask gathers the high bits of the bytes of flags (the others zero) into
// eight bits: bit k for byte k.
func Mask(flags uint64) uint8 {
	return uint8((flags >> 7) * 0x0102040810204080 >> 56)
}

// RuneCount is utf8.RuneCountInString (an invalid byte is one rune),
// counting eight ASCII bytes at once.
func RuneCount(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) && Load64(s[i:])&Highs == 0 {
			n += 8
			i += 8
			continue
		}
		if s[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		n++
	}
	return n
}
