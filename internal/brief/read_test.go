package brief

import (
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

func utf16Bytes(s string, order binary.AppendByteOrder, bom bool) []byte {
	var out []byte
	if bom {
		out = order.AppendUint16(out, 0xfeff)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		out = order.AppendUint16(out, u)
	}
	return out
}

func TestDecodeText(t *testing.T) {
	text := "Baghdad بغداد 😀 conference\nsecond line\n"
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"utf-8", []byte(text), text},
		{"utf-8 bom", append([]byte{0xef, 0xbb, 0xbf}, text...), text},
		{"utf-16le bom", utf16Bytes(text, binary.LittleEndian, true), text},
		{"utf-16be bom", utf16Bytes(text, binary.BigEndian, true), text},
		{"utf-16 odd byte", append(utf16Bytes("ab", binary.LittleEndian, true), 'c'), "ab\uFFFD"},
		{"utf-16 lone surrogate", append(utf16Bytes("ab", binary.LittleEndian, true), 0x00, 0xd8), "ab\uFFFD"},
		{"latin-1 accents here and there", []byte("Le caf\xe9 de la conf\xe9rence, les d\xe9l\xe9gu\xe9s sont arriv\xe9s \xe0 Bagdad hier soir pour la r\xe9union."), "Le caf\xe9 de la conf\xe9rence, les d\xe9l\xe9gu\xe9s sont arriv\xe9s \xe0 Bagdad hier soir pour la r\xe9union."}, // Sanitize makes them U+FFFD
		{"a few escapes", []byte("Title \x1b]0;x\x07 and \x1b[2J in a short brief\n"), "Title \x1b]0;x\x07 and \x1b[2J in a short brief\n"},
		{"form feeds and tabs", []byte("page one\f\tpage two\r\n"), "page one\f\tpage two\r\n"},
	} {
		got, err := decodeText(c.data)
		if err != nil || got != c.want {
			t.Errorf("%s: %q %v, want %q", c.name, got, err, c.want)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	noNUL := make([]byte, 4096)
	for i := range noNUL {
		noNUL[i] = byte(1 + rng.IntN(255))
	}
	cp1256 := []byte(strings.Repeat("\xe6\xde\xf8\xda \xc7\xe1\xda\xd1\xc7\xde \xe6\xe3\xdf\xca\xc8 \xc7\xe1\xc3\xe3\xe3 \xc7\xe1\xe3\xca\xcd\xcf\xc9 \xe3\xd0\xdf\xd1\xc9 \xca\xdd\xc7\xe5\xe3. ", 3))
	for _, c := range []struct {
		name string
		data []byte
		is   error
		msg  string
	}{
		{"nul", []byte("text\x00more"), ErrBinary, "binary file (holds NUL bytes)"},
		{"utf-16 without bom", utf16Bytes(text, binary.LittleEndian, false), ErrBinary, "binary file (holds NUL bytes; UTF-16 without a byte-order mark? save it as UTF-8)"},
		{"utf-16be without bom", utf16Bytes(text, binary.BigEndian, false), ErrBinary, "UTF-16 without a byte-order mark"},
		{"random bytes without nul", noNUL, ErrBinary, "control characters"},
		{"controls", []byte(strings.Repeat("\x01\x02\x1b[31m text", 50)), ErrBinary, "control characters"},
		{"c1 controls", []byte(strings.Repeat("\u0085\u0090\u009b text ", 50)), ErrBinary, "control characters"},
		{"windows-1256 arabic", cp1256, ErrEncoding, "not UTF-8 text"},
		{"binary behind a utf-16 bom", append([]byte{0xff, 0xfe}, noNUL...), ErrBinary, ""},
	} {
		_, err := decodeText(c.data)
		if !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v, want %v (%q)", c.name, err, c.is, c.msg)
		}
	}
}

// TestReadFileEncodings: through ReadFile and Parse, UTF-16 briefs load
// like their UTF-8 twins, and files that are not text are refused with the
// reason.
func TestReadFileEncodings(t *testing.T) {
	dir := t.TempDir()
	src := "Conference in Baghdad\n\nمؤتمر بغداد الدولي لمكافحة المخدرات 🌍 Тегеран 東京, the third edition.\n"
	want, err := Parse("a.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"le.txt":  utf16Bytes(src, binary.LittleEndian, true),
		"be.txt":  utf16Bytes(src, binary.BigEndian, true),
		"bom.txt": append([]byte{0xef, 0xbb, 0xbf}, src...),
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := ReadFile(p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b.Title != want.Title || b.Body != want.Body || b.Words != want.Words {
			t.Errorf("%s: %q %q, want %q %q", name, b.Title, b.Body, want.Title, want.Body)
		}
	}
	p := filepath.Join(dir, "garbage.txt")
	junk := make([]byte, 1000)
	for i := range junk {
		junk[i] = byte(1 + i*7%200)
	}
	if err := os.WriteFile(p, junk, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(p); !errors.Is(err, ErrBinary) {
		t.Errorf("binary without NUL: %v", err)
	}
}
