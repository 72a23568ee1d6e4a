package identity

import (
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf16"
)

func utf16Bytes(s string, bigEndian bool) []byte {
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = binary.BigEndian.AppendUint16(out, u)
		} else {
			out = binary.LittleEndian.AppendUint16(out, u)
		}
	}
	return out
}

const sample = "ID :\n709761\nSun, 12/07/2025 - 11:25\n\nInterior Minister: Iraq succeeds\n\nBaghdad / NINA/- The minister said…\n\n•    one\n/ End\n"

// The same text in the ways editors and agencies save it is one brief.
func TestSameContentOneID(t *testing.T) {
	want := Of([]byte(sample))
	if !Valid(want) {
		t.Fatalf("Of = %q, not %d hex digits", want, Len)
	}
	same := map[string][]byte{
		"CRLF":                    []byte(strings.ReplaceAll(sample, "\n", "\r\n")),
		"CR":                      []byte(strings.ReplaceAll(sample, "\n", "\r")),
		"UTF-8 BOM":               append([]byte("\xEF\xBB\xBF"), sample...),
		"UTF-16LE":                utf16Bytes(sample, false),
		"UTF-16BE":                utf16Bytes(sample, true),
		"UTF-16LE CRLF":           utf16Bytes(strings.ReplaceAll(sample, "\n", "\r\n"), false),
		"no final newline":        []byte(strings.TrimSuffix(sample, "\n")),
		"trailing blank lines":    []byte(sample + "\n\n  \n\t\n"),
		"trailing spaces":         []byte(strings.ReplaceAll(sample, "\n", " \t\n")),
		"trailing no-break space": []byte(strings.ReplaceAll(sample, "one\n", "one\u00a0\n")),
	}
	for name, data := range same {
		if got := Of(data); got != want {
			t.Errorf("%s: Of = %s, want %s (normalised %q)", name, got, want, NormalizedString(data))
		}
	}
}

// Any other difference is two briefs: content, not the parser, decides.
func TestDifferentContentTwoIDs(t *testing.T) {
	base := Of([]byte(sample))
	differ := map[string]string{
		"one letter of the body": strings.Replace(sample, "succeeds", "succeded", 1),
		"the story number":       strings.Replace(sample, "709761", "709762", 1),
		"the date":               strings.Replace(sample, "12/07/2025", "12/08/2025", 1),
		"leading space":          " " + sample,
		"inner blank line":       strings.Replace(sample, "one\n", "one\n\n", 1),
		"case":                   strings.Replace(sample, "Iraq", "IRAQ", 1),
		"leading blank line":     "\n" + sample,
		"a NUL":                  sample + "\x00",
		"invalid UTF-8 byte A":   sample + "\xff",
		"invalid UTF-8 byte B":   sample + "\xfe",
	}
	seen := map[string]string{base: "base"}
	for name, text := range differ {
		id := Of([]byte(text))
		if prev, dup := seen[id]; dup {
			t.Errorf("%s: same ID %s as %s", name, id, prev)
		}
		seen[id] = name
	}
}

// Front matter is content: two Markdown briefs with the same body and
// different metadata are two briefs.
func TestFrontMatterCounts(t *testing.T) {
	a := "---\ntitle: A\ndate: 2024-01-01\n---\nSame body.\n"
	b := "---\ntitle: B\ndate: 2024-01-01\n---\nSame body.\n"
	if Of([]byte(a)) == Of([]byte(b)) {
		t.Error("different front matter, same ID")
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"":                   "",
		"\n\n":               "",
		"a":                  "a",
		"a  \r\nb\t\r\n\r\n": "a\nb",
		"\n a\n\n\nb  ":      "\n a\n\n\nb",
		"\xff \n":            "\xff",
		"x\u3000\u2003":      "x",
	} {
		if got := NormalizedString([]byte(in)); got != want {
			t.Errorf("NormalizedString(%q) = %q, want %q", in, got, want)
		}
	}
	// An odd last byte of UTF-16 is kept as U+FFFD, not dropped.
	if got := NormalizedString(append(utf16Bytes("ab", false), 'c')); got != "ab\uFFFD" {
		t.Errorf("odd UTF-16 = %q", got)
	}
}

// LegacyID is the ID scheme of schema 2 databases, unchanged: these are
// the IDs the seeds had (and the tests and docs named) before identity.
func TestLegacyIDUnchanged(t *testing.T) {
	if got := LegacyID("Title", "the body"); got != "fa8242e99f48" {
		// sha256("the body")[:12]
		t.Errorf("LegacyID = %s", got)
	}
	if LegacyID("Only a title", "  \n") != LegacyID("x", "Only a title") {
		t.Error("an empty body does not fall back to the title")
	}
}

func TestValid(t *testing.T) {
	for s, want := range map[string]bool{"0e253ee020f5": true, "0E253EE020F5": true, "0e253ee020f": false, "0e253ee020fg": false, "": false} {
		if Valid(s) != want {
			t.Errorf("Valid(%q) = %v", s, !want)
		}
	}
}

func FuzzOf(f *testing.F) {
	f.Add([]byte(sample))
	f.Add(utf16Bytes(sample, true))
	f.Fuzz(func(t *testing.T, data []byte) {
		id := Of(data)
		if !Valid(id) {
			t.Fatalf("Of = %q", id)
		}
		// The fast path only takes what is already normal.
		if isNormal(data) && NormalizedString(data) != string(data) {
			t.Fatalf("isNormal(%q), but it normalises to %q", data, NormalizedString(data))
		}
		// Normalising is idempotent, and the ID is that of the normal form
		// (except a leading BOM the normal form may start with again).
		n := NormalizedString(data)
		if strings.HasPrefix(n, "\uFEFF") || strings.HasPrefix(n, "\xFF\xFE") || strings.HasPrefix(n, "\xFE\xFF") {
			return
		}
		if again := NormalizedString([]byte(n)); again != n {
			t.Fatalf("not idempotent: %q -> %q", n, again)
		}
		if Of([]byte(n)) != id {
			t.Fatal("the normal form has another ID")
		}
		// CRLF for LF never changes the ID.
		if Of([]byte(strings.ReplaceAll(n, "\n", "\r\n"))) != id {
			t.Fatal("CRLF changed the ID")
		}
	})
}
