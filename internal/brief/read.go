package brief

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/briefs/briefs/internal/bytescan"
	"github.com/briefs/briefs/internal/safefile"
)

// MaxFileSize is the largest source file read; larger files are refused.
const MaxFileSize = 8 << 20

// ErrTooLarge, ErrNotRegular: reasons a file is not read (see package
// safefile).
var (
	ErrTooLarge   = safefile.ErrTooLarge
	ErrNotRegular = safefile.ErrNotRegular
)

// IsSourceName reports whether a file name has an extension briefs reads.
func IsSourceName(name string) bool {
	l := strings.ToLower(name)
	return strings.HasSuffix(l, ".txt") || strings.HasSuffix(l, ".md") || strings.HasSuffix(l, ".markdown")
}

// ReadFile reads and parses one file from disk. It follows symbolic links,
// refuses anything that is not a regular file or is larger than
// MaxFileSize, never blocks on a FIFO or a device (even one swapped in
// while the file is read: see package safefile), and says why in the
// error.
func ReadFile(path string) (*Brief, error) {
	b, _, err := ReadFileInfo(path)
	return b, err
}

// ReadFileInfo is ReadFile, also returning what fstat said of the file it
// read (taken before reading: a cache keyed on it is never newer than the
// content); nil when the file could not be read.
func ReadFileInfo(path string) (*Brief, fs.FileInfo, error) {
	data, st, err := safefile.ReadFile(path, MaxFileSize)
	if err != nil {
		return nil, nil, err
	}
	b, err := Parse(path, data)
	if err != nil {
		return nil, st, err
	}
	b.Hints.FileTime = st.ModTime()
	return b, st, nil
}

// ReadFS reads and parses one file of an fs.FS (the embedded seeds); the
// brief's Path is prefix + "/" + name.
func ReadFS(fsys fs.FS, name, prefix string) (*Brief, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	p := name
	if prefix != "" {
		p = prefix + "/" + name
	}
	return Parse(p, data)
}

// Reasons a file holds no text.
var (
	ErrBinary   = errors.New("binary file")
	ErrEncoding = errors.New("not UTF-8 text")
)

// badShare: a file whose runes are more than one in badShare control
// characters or invalid bytes, or more than one in 2*badShare control
// characters, is not text.
const badShare = 10

// minBad: a file with fewer control characters and invalid bytes than this
// is text (a short brief with a few escape sequences is cleaned, not
// refused).
const minBad = 16

// decodeText turns a file's bytes into text. A UTF-8 byte-order mark is
// dropped; UTF-16 with a byte-order mark (little- or big-endian) is
// decoded. Data holding NUL characters, or whose runes are more than a
// twentieth control characters (other than tab, line breaks and form
// feed), or more than a tenth controls and bytes that are not UTF-8, is
// refused, saying which: binary, or text in another encoding.
func decodeText(data []byte) (string, error) {
	var text string
	wide := false
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		text = string(data[3:])
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		text, wide = decodeUTF16(data[2:], binary.LittleEndian), true
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		text, wide = decodeUTF16(data[2:], binary.BigEndian), true
	default:
		text = string(data)
	}
	if strings.IndexByte(text, 0) >= 0 {
		if looksUTF16(data) {
			return "", fmt.Errorf("%w (holds NUL bytes; UTF-16 without a byte-order mark? save it as UTF-8)", ErrBinary)
		}
		return "", fmt.Errorf("%w (holds NUL bytes)", ErrBinary)
	}
	controls, invalid := countBad(text, wide)
	runes := 0
	if controls+invalid >= minBad {
		runes = utf8.RuneCountInString(text) // an invalid byte is a rune
	}
	pct := func(n int) int { return (100*n + runes - 1) / max(runes, 1) }
	switch bad := controls + invalid; {
	case bad < minBad:
	case controls*2*badShare > runes:
		return "", fmt.Errorf("%w (%d%% control characters)", ErrBinary, pct(controls))
	case bad*badShare > runes && wide:
		return "", fmt.Errorf("%w (UTF-16, but %d%% of it is not text)", ErrBinary, pct(bad))
	case bad*badShare > runes && invalid >= controls:
		return "", fmt.Errorf("%w (%d%% of it is not UTF-8: a legacy encoding such as Windows-1256? save it as UTF-8)", ErrEncoding, pct(invalid))
	case bad*badShare > runes:
		return "", fmt.Errorf("%w (%d%% control characters or bytes that are not UTF-8)", ErrBinary, pct(bad))
	}
	return text, nil
}

// countBad counts the control characters (other than tab, line breaks and
// form feed) and the invalid bytes of text; in text decoded from UTF-16
// (wide), runes that are not text count as invalid.
func countBad(text string, wide bool) (controls, invalid int) {
	for i := 0; i < len(text); {
		if i+8 <= len(text) && bytescan.Printable(bytescan.Load64(text[i:])) {
			i += 8
			continue
		}
		c := text[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f {
				controls++
			}
			i++
			continue
		}
		if !wide && c >= 0xc2 && c <= 0xdf && i+1 < len(text) && text[i+1]&0xc0 == 0x80 {
			// two bytes, U+0080-07FF: C1 controls are U+0080-009F
			if c == 0xc2 && text[i+1] <= 0x9f {
				controls++
			}
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			invalid++
		case r >= 0x80 && r <= 0x9f:
			controls++
		case wide && (r == utf8.RuneError || !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cf)):
			// binary data behind a UTF-16 byte-order mark decodes into
			// valid runes, many of them unassigned, private or unpaired
			invalid++
		}
		i += size
	}
	return controls, invalid
}

// decodeUTF16 decodes UTF-16 in the given byte order; an unpaired
// surrogate or an odd last byte becomes U+FFFD.
func decodeUTF16(data []byte, order binary.ByteOrder) string {
	units := make([]uint16, len(data)/2)
	for i := range units {
		units[i] = order.Uint16(data[2*i:])
	}
	s := string(utf16.Decode(units))
	if len(data)%2 == 1 {
		s += string(utf8.RuneError)
	}
	return s
}

// looksUTF16 reports whether data looks like UTF-16 text without a
// byte-order mark: NUL in most even or most odd positions of its start.
func looksUTF16(data []byte) bool {
	n := min(len(data), 4096) &^ 1
	if n < 8 {
		return false
	}
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	return (even*10 > half*7) != (odd*10 > half*7)
}
