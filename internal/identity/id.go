// Package identity defines what makes two source files the same brief, and
// how the user's annotations find a brief again after it was edited, moved
// or renamed.
//
// # A brief's ID
//
// A brief's ID is computed from the bytes of its source file alone, never
// from what the parser makes of them, so a better parser never re-keys
// anyone's tags and notes:
//
//  1. Decode: a file starting with a UTF-16 byte-order mark (FF FE or FE FF)
//     is decoded from UTF-16 to UTF-8 (unpaired surrogates become U+FFFD);
//     a UTF-8 byte-order mark is dropped. Every other byte is kept as it is
//     (invalid UTF-8 too: two files differing only there are two briefs).
//  2. Newlines: CR LF and a lone CR become LF.
//  3. White space: white space (Unicode White_Space) at the end of every
//     line is removed, and so are empty lines at the end of the file.
//  4. The ID is the first 12 hex digits of SHA-256("briefs/id/v1\n" +
//     the normalised text).
//
// So the same text saved with Windows line endings, in UTF-16, with or
// without a final newline or trailing blanks, is one brief; any other
// difference (one letter of the body, the title, the date, a front-matter
// field) makes two briefs. Two files with exactly the same normalised
// content at two paths are one brief found at two paths (the collection
// shows it once, under the first path loaded, and every path finds it);
// their tags and notes are shared, as they are one text.
//
// # Following a brief
//
// For every brief the user annotated, the store keeps a Record: the path,
// title, date, source, the agency's story number and a Fingerprint of the
// words (a MinHash sketch of word 3-shingles, which tolerates small edits).
// When an annotated ID is no longer in the collection, Decide looks for the
// brief it became (see Decide for the rules) or leaves it orphaned.
//
// LegacyID is the ID scheme of schema 2 databases (a hash of the cleaned
// body), kept only to migrate them.
package identity

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Len is the number of hex digits in an ID.
const Len = 12

// MinPrefix is the shortest ID prefix commands accept.
const MinPrefix = 4

// domain separates this scheme's hashes from every other use of SHA-256
// (and from LegacyID): bump the version only with a migration.
const domain = "briefs/id/v1\n"

// Of returns the ID of a source file with the given content (see the
// package documentation for the definition).
func Of(content []byte) string {
	h := sha256.New()
	h.Write([]byte(domain))
	if n := len(content); n > 0 && content[n-1] == '\n' && isNormal(content[:n-1]) {
		h.Write(content[:n-1]) // the usual final newline
	} else if isNormal(content) {
		h.Write(content)
	} else {
		buf := bytes.NewBuffer(make([]byte, 0, len(content)))
		Normalize(content, buf)
		h.Write(buf.Bytes())
	}
	return hex.EncodeToString(h.Sum(nil))[:Len]
}

// isNormal reports, cheaply and conservatively, whether content is already
// its own normal form: no byte-order mark, no CR, and no ASCII white space
// before a newline or at the end. (Anything it cannot vouch for, such as
// non-ASCII bytes before a newline, goes the slow way.)
func isNormal(b []byte) bool {
	if len(b) == 0 {
		return true
	}
	if b[0] == 0xEF || b[0] == 0xFF || b[0] == 0xFE || bytes.IndexByte(b, '\r') >= 0 {
		return false
	}
	switch b[len(b)-1] {
	case '\n', ' ', '\t', '\v', '\f':
		return false
	}
	if b[len(b)-1] >= utf8.RuneSelf {
		return false
	}
	for i := bytes.IndexByte(b, '\n'); i >= 0; {
		if i > 0 {
			switch c := b[i-1]; {
			case c == ' ' || c == '\t' || c == '\v' || c == '\f' || c >= utf8.RuneSelf:
				return false
			}
		}
		j := bytes.IndexByte(b[i+1:], '\n')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return true
}

// Normalize writes the normalised text of content (steps 1 to 3 of the
// definition) to w.
func Normalize(content []byte, w io.Writer) {
	text := decode(content)
	find := indexNewline
	if bytes.IndexByte(text, '\r') < 0 {
		find = func(b []byte) int { return bytes.IndexByte(b, '\n') }
	}
	nl := []byte{'\n'}
	blank := 0 // newlines owed before the next non-empty line
	started := false
	for len(text) > 0 {
		var line []byte
		if i := find(text); i < 0 {
			line, text = text, nil
		} else {
			line = text[:i]
			if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			text = text[i+1:]
		}
		line = trimRightSpace(line)
		if len(line) == 0 {
			blank++
			continue
		}
		if started {
			blank++ // the newline ending the previous line
		}
		for ; blank > 0; blank-- {
			_, _ = w.Write(nl)
		}
		_, _ = w.Write(line)
		started = true
	}
}

// NormalizedString is Normalize into a string, for tests and tools.
func NormalizedString(content []byte) string {
	var b strings.Builder
	Normalize(content, &b)
	return b.String()
}

func indexNewline(b []byte) int {
	for i, c := range b {
		if c == '\n' || c == '\r' {
			return i
		}
	}
	return -1
}

// trimRightSpace removes Unicode white space from the end of a line; bytes
// that are not valid UTF-8 are not white space.
func trimRightSpace(b []byte) []byte {
	for len(b) > 0 {
		c := b[len(b)-1]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == 0x85 {
				b = b[:len(b)-1]
				continue
			}
			return b
		}
		r, size := utf8.DecodeLastRune(b)
		if r == utf8.RuneError || !unicode.IsSpace(r) {
			return b
		}
		b = b[:len(b)-size]
	}
	return b
}

// decode turns UTF-16 with a byte-order mark into UTF-8 and drops a UTF-8
// byte-order mark; anything else is returned as it is.
func decode(b []byte) []byte {
	switch {
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		return b[3:]
	case len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE:
		return decodeUTF16(b[2:], false)
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		return decodeUTF16(b[2:], true)
	}
	return b
}

func decodeUTF16(b []byte, bigEndian bool) []byte {
	units := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			units = append(units, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			units = append(units, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	out := make([]byte, 0, len(b))
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	if len(b)%2 == 1 { // a lone last byte
		out = utf8.AppendRune(out, utf8.RuneError)
	}
	return out
}

// LegacyID is the ID of schema 2 databases: a short hash of the brief's
// cleaned body (of the title when the body is empty), as the parser of the
// time produced them. It is computed only to migrate those databases: the
// current parser may clean differently, so an old ID may not be found.
func LegacyID(title, body string) string {
	src := body
	if strings.TrimSpace(src) == "" {
		src = title
	}
	sum := sha256.Sum256([]byte(src))
	return hex.EncodeToString(sum[:])[:Len]
}

// Valid reports whether s looks like an ID: Len lower-case hex digits.
func Valid(s string) bool {
	return len(s) == Len && IsHex(s)
}

// IsHex reports whether s is made of hex digits only (either case).
func IsHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
