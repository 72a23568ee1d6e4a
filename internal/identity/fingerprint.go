package identity

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"unicode"
	"unicode/utf8"
)

// sketchSize is how many hashes a Fingerprint keeps (bottom-k MinHash): the
// similarity estimate's standard error is about sqrt(J(1-J)/k), 0.044 at
// J = 0.5.
const sketchSize = 128

// fingerprintVersion is the first byte of a marshalled Fingerprint.
const fingerprintVersion = 1

// Fingerprint is a sketch of a text's words that tolerates small edits: the
// sketchSize smallest hashes of its word 3-shingles (bottom-k MinHash) and
// how many distinct shingles there are. Words are runs of letters, digits
// and marks, compared in lower case; punctuation, white space and layout do
// not count. The zero Fingerprint is "unknown".
type Fingerprint struct {
	n    uint32   // distinct shingles in the text
	mins []uint64 // the smallest shingle hashes, ascending, at most sketchSize
}

// IsZero reports whether f is unknown (the zero value).
func (f Fingerprint) IsZero() bool { return f.n == 0 && f.mins == nil }

// Shingles is the number of distinct word 3-shingles of the text (of words,
// for texts of one or two words).
func (f Fingerprint) Shingles() int { return int(f.n) }

// FingerprintOf computes the fingerprint of a brief's text: its title and
// body, as read by the current parser.
func FingerprintOf(title, body string) Fingerprint {
	words := make([]uint64, 0, 256)
	words = appendWordHashes(words, title)
	words = appendWordHashes(words, body)
	var sh []uint64
	if len(words) < 3 {
		sh = slices.Clone(words)
	} else {
		sh = make([]uint64, 0, len(words)-2)
		for i := 2; i < len(words); i++ {
			sh = append(sh, mix(words[i-2]^rotl(words[i-1], 21)^rotl(words[i], 42)))
		}
	}
	slices.Sort(sh)
	sh = slices.Compact(sh)
	f := Fingerprint{n: uint32(len(sh))}
	f.mins = slices.Clone(sh[:min(len(sh), sketchSize)])
	if f.mins == nil {
		f.mins = []uint64{}
	}
	return f
}

// appendWordHashes appends the FNV-1a hash of every word of s, in lower
// case.
func appendWordHashes(out []uint64, s string) []uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h, in := uint64(offset), false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				if in {
					out = append(out, h)
					h, in = offset, false
				}
				continue
			}
			h = (h ^ uint64(c)) * prime
			in = true
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError || !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) {
			if in {
				out = append(out, h)
				h, in = offset, false
			}
			continue
		}
		for v := uint32(unicode.ToLower(r)); ; v >>= 8 {
			h = (h ^ uint64(v&0xff)) * prime
			if v < 0x100 {
				break
			}
		}
		in = true
	}
	if in {
		out = append(out, h)
	}
	return out
}

func rotl(x uint64, k uint) uint64 { return x<<k | x>>(64-k) }

// mix is SplitMix64's finaliser: spreads the shingle's bits so that the
// smallest values are a uniform sample.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Similarity estimates how alike the texts behind two fingerprints are:
// jaccard is |A∩B| / |A∪B| (1 for the same words in the same order, about
// 0.9 after a typo fix in a 300-word brief), contained is |A∩B| / |A|, the
// share of a's text found in b (close to 1 when b is a with an update
// appended). Both are 0 when either fingerprint is unknown.
func Similarity(a, b Fingerprint) (jaccard, contained float64) {
	if a.IsZero() || b.IsZero() || a.n == 0 || b.n == 0 {
		return 0, 0
	}
	// The k smallest hashes of the union, and how many of them both hold.
	i, j, taken, both := 0, 0, 0, 0
	for taken < sketchSize && (i < len(a.mins) || j < len(b.mins)) {
		switch {
		case j >= len(b.mins) || i < len(a.mins) && a.mins[i] < b.mins[j]:
			i++
		case i >= len(a.mins) || b.mins[j] < a.mins[i]:
			j++
		default:
			both++
			i++
			j++
		}
		taken++
	}
	if taken == 0 {
		return 0, 0
	}
	jaccard = float64(both) / float64(taken)
	inter := jaccard / (1 + jaccard) * float64(a.n+b.n)
	contained = min(1, inter/float64(a.n))
	return jaccard, contained
}

// MarshalBinary encodes the fingerprint for storage: a version byte, the
// shingle count and the hashes.
func (f Fingerprint) MarshalBinary() ([]byte, error) {
	if f.IsZero() {
		return nil, nil
	}
	out := make([]byte, 0, 1+binary.MaxVarintLen32+8*len(f.mins))
	out = append(out, fingerprintVersion)
	out = binary.AppendUvarint(out, uint64(f.n))
	for _, m := range f.mins {
		out = binary.BigEndian.AppendUint64(out, m)
	}
	return out, nil
}

// ParseFingerprint decodes what MarshalBinary wrote; nil or empty input is
// the zero Fingerprint. A fingerprint of another version is an error.
func ParseFingerprint(b []byte) (Fingerprint, error) {
	if len(b) == 0 {
		return Fingerprint{}, nil
	}
	if b[0] != fingerprintVersion {
		return Fingerprint{}, fmt.Errorf("fingerprint version %d not understood", b[0])
	}
	n, k := binary.Uvarint(b[1:])
	if k <= 0 || n > 1<<31 {
		return Fingerprint{}, errors.New("fingerprint: bad shingle count")
	}
	rest := b[1+k:]
	if len(rest)%8 != 0 || uint64(len(rest)/8) != min(n, sketchSize) {
		return Fingerprint{}, errors.New("fingerprint: bad length")
	}
	f := Fingerprint{n: uint32(n), mins: make([]uint64, 0, len(rest)/8)}
	for ; len(rest) > 0; rest = rest[8:] {
		v := binary.BigEndian.Uint64(rest)
		if len(f.mins) > 0 && v <= f.mins[len(f.mins)-1] {
			return Fingerprint{}, errors.New("fingerprint: hashes out of order")
		}
		f.mins = append(f.mins, v)
	}
	return f, nil
}
