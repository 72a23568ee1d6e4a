package termsafe

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The red team tries variants; these tests cover whole classes: every
// control, every OSC number, every control-string introducer in both
// forms with every terminator (or none), every CSI final byte, and every
// format character.

var modes = []struct {
	name string
	f    func(string) string
}{{"Filter", Filter}, {"NoLinks", NoLinks}, {"Plain", Plain}}

// noneLeft fails when out holds an escape, a C1 control, or any rune
// IsUnsafeRune rejects, or anything of payload.
func noneLeft(t *testing.T, in, out, payload string) {
	t.Helper()
	for _, r := range out {
		if r == 0x1b || IsUnsafeRune(r) {
			t.Fatalf("%q -> %q: %U left", in, out, r)
		}
	}
	if payload != "" && strings.Contains(out, payload) {
		t.Fatalf("%q -> %q: payload left", in, out)
	}
}

func TestEveryControl(t *testing.T) {
	for r := rune(0); r <= 0x9f; r++ {
		if r == '\t' || r == '\n' || (r >= 0x20 && r < 0x7f) {
			if IsUnsafeRune(r) {
				t.Errorf("%U unsafe", r)
			}
			continue
		}
		if !IsUnsafeRune(r) {
			t.Errorf("%U not unsafe", r)
		}
		// a line break ends what r may introduce (ESC b is a sequence)
		in := "a" + string(r) + "\nb"
		if r == '\r' {
			in = "a\rb"
		}
		for _, m := range modes {
			out := m.f(in)
			noneLeft(t, in, out, "")
			if out != "a\nb" {
				t.Errorf("%s(%q) = %q: text lost", m.name, in, out)
			}
		}
	}
}

// TestEveryFormatCharacter: each format character (Cf) is dropped unless
// it is one of the visible marks kept on purpose; joiners are judged in
// context.
func TestEveryFormatCharacter(t *testing.T) {
	kept := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !unicode.Is(unicode.Cf, r) {
			continue
		}
		in := "x" + string(r) + "y"
		out := Plain(in)
		switch {
		case isJoiner(r):
			if out != in {
				t.Errorf("joiner %U between letters dropped", r)
			}
		case keptFormat(r), r == 0xad:
			kept++
			if out != in {
				t.Errorf("%U dropped", r)
			}
		default:
			if out != "xy" {
				t.Errorf("%U kept: %q", r, out)
			}
		}
	}
	if kept > 50 {
		t.Errorf("%d format characters kept", kept)
	}
	for _, r := range []rune{0x200b, 0x200e, 0x200f, 0x061c, 0x2060, 0xfeff, 0x202e, 0x2066, 0x2069, 0x180e, 0xe0041, 0xe0001} {
		if !IsUnsafeRune(r) {
			t.Errorf("%U not unsafe", r)
		}
	}
}

// TestUnsafeFastPath: IsUnsafeRune's shortcuts agree with its definition
// on every rune.
func TestUnsafeFastPath(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if IsUnsafeRune(r) != isUnsafeSlow(r) {
			t.Errorf("%U: %v, by definition %v", r, IsUnsafeRune(r), isUnsafeSlow(r))
		}
		s := "ab" + string(r)
		if want := isUnsafeSlow(r) || isJoiner(r); (FirstUnsafe(s) == 2) != want { // string(surrogate) is U+FFFD
			t.Errorf("FirstUnsafe(%q) = %d", s, FirstUnsafe(s))
		}
	}
}

func TestJoinersInContext(t *testing.T) {
	cases := []struct{ in, want string }{
		{"می\u200cخواهم", "می\u200cخواهم"},                   // Persian ZWNJ
		{"👨\u200d👩\u200d👧\u200d👦", "👨\u200d👩\u200d👧\u200d👦"}, // family
		{"❤\ufe0f\u200d🔥", "❤\ufe0f\u200d🔥"},                 // after a variation selector
		{"👋🏽\u200d", "👋🏽"},                                   // trailing
		{"क्\u200dष", "क्\u200dष"},                           // after a virama
		{"\u200cstart", "start"},                             // leading
		{"end\u200d", "end"},                                 // trailing
		{"a \u200db", "a b"},                                 // after a space
		{"a\u200d b", "a b"},                                 // before a space
		{"a\u200d\u200db", "ab"},                             // doubled
		{"a\u200c\u200db", "ab"},                             // mixed
		{"a\u200d\nb", "a\nb"},                               // before a line break
		{"a\u200d\x1b[1mb", "a\x1b[1mb"},                     // before an escape
		{"a\u200b\u200db", "ab"},                             // next to a removed rune
		{"tag\u200d", "tag"},                                 // hiding in a tag
		{"\u200d", ""},
	}
	for _, c := range cases {
		if got := Filter(c.in); got != c.want {
			t.Errorf("Filter(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLineSeparators(t *testing.T) {
	for in, want := range map[string]string{
		"a\u2028b":               "a\nb",
		"a\u2029b":               "a\n\nb",
		"\x1b]0;t\u2028b":        "\nb", // an unterminated string ends at the separator
		"\u009d52;c;QQ\u2029end": "\n\nend",
	} {
		for _, m := range modes {
			if got := m.f(in); got != want {
				t.Errorf("%s(%q) = %q, want %q", m.name, in, got, want)
			}
		}
	}
}

// TestEveryOSC: no OSC but a web link survives, in either form, with any
// terminator.
func TestEveryOSC(t *testing.T) {
	nums := []string{"", "x", "08", "8 ", "-1", "99999999999999999999"}
	for n := 0; n <= 1400; n++ {
		nums = append(nums, fmt.Sprint(n))
	}
	intros := []string{"\x1b]", "\u009d"}
	terms := []string{"\x07", "\x1b\\", "\u009c", "", "\n", "\r", "\x1b[1m"}
	for _, num := range nums {
		for _, intro := range intros {
			for _, term := range terms {
				in := "a" + intro + num + ";c;PAYLOAD" + term + "b"
				for _, m := range modes {
					out := m.f(in)
					if strings.Contains(out, "PAYLOAD") || strings.Contains(out, "\x1b]") {
						t.Fatalf("%s(%q) = %q", m.name, in, out)
					}
					if num != "8" {
						noneLeft(t, in, Plain(out), "")
						if strings.ContainsRune(out, 0x1b) && !strings.Contains(out, "\x1b[1m") {
							t.Fatalf("%s(%q) = %q", m.name, in, out)
						}
					}
				}
			}
		}
	}
	// OSC 8: only http and https, only in 7-bit form, only well ended
	for _, uri := range []string{"mailto:a@b.c", "file:///etc/passwd", "ssh://h", "javascript:x", "x-man-page://ls", "HTTP//x", "http:/x", " http://x", "http://x\u00a0y", "http://x\x1b"} {
		in := "\x1b]8;;" + uri + "\x07text\x1b]8;;\x07"
		if out := Filter(in); strings.Contains(out, "\x1b]8;;"+uri) || !strings.Contains(out, "text") {
			t.Errorf("Filter(%q) = %q", in, out)
		}
	}
	for _, uri := range []string{"http://x.org/a?b=c#d", "HTTPS://X.ORG"} {
		in := "\x1b]8;;" + uri + "\x07text\x1b]8;;\x07"
		if out := Filter(in); out != in {
			t.Errorf("Filter(%q) = %q", in, out)
		}
		if out := NoLinks(in); out != "text" {
			t.Errorf("NoLinks(%q) = %q", in, out)
		}
	}
}

// TestEveryControlString: DCS, SOS, PM, APC and OSC, 7-bit and 8-bit,
// terminated every way or not at all, nested, go whole.
func TestEveryControlString(t *testing.T) {
	intros := []string{"\x1bP", "\x1bX", "\x1b^", "\x1b_", "\x1b]", "\u0090", "\u0098", "\u009e", "\u009f", "\u009d"}
	terms := []string{"\x07", "\x1b\\", "\u009c", ""}
	for _, intro := range intros {
		for _, term := range terms {
			for _, body := range []string{"PAYLOAD", "q#0;PAYLOAD", "PAY\x1b]0;LOAD\x07", "+q\x1bPPAYLOAD", "PAYLOAD\u009b2J"} {
				in := "a" + intro + body + term + "b"
				for _, m := range modes {
					out := m.f(in)
					noneLeft(t, in, out, "PAYLOAD")
					if !strings.HasPrefix(out, "a") {
						t.Fatalf("%s(%q) = %q", m.name, in, out)
					}
				}
			}
		}
	}
}

// TestEveryCSI: every final byte, with parameters and intermediates, in
// both forms; Filter keeps only 7-bit SGR with numeric parameters.
func TestEveryCSI(t *testing.T) {
	for final := byte(0x40); final <= 0x7e; final++ {
		for _, params := range []string{"", "1", "1;2", "?1049", ">0", "38:2:1:2:3", "1 ", "!"} {
			for _, intro := range []string{"\x1b[", "\u009b"} {
				in := "a" + intro + params + string(final) + "b"
				sgr := intro == "\x1b[" && final == 'm' && !strings.ContainsAny(params, "?> !")
				if out := Filter(in); (out == in) != sgr || !strings.HasPrefix(out, "a") || !strings.HasSuffix(out, "b") {
					t.Errorf("Filter(%q) = %q", in, out)
				}
				if out := Plain(in); out != "ab" {
					t.Errorf("Plain(%q) = %q", in, out)
				}
			}
		}
	}
	// broken and unterminated CSIs drop what they read, keep what follows
	for in, want := range map[string]string{
		"a\x1b[12;":       "a",
		"a\x1b[12\nb":     "a\nb",
		"a\x1b[1\x1b[2Jb": "ab",
		"a\u009b":         "a",
	} {
		if out := Filter(in); out != want {
			t.Errorf("Filter(%q) = %q, want %q", in, out, want)
		}
	}
}

// TestSplitAcrossLines: a sequence never reaches past a line break, so a
// sequence split over lines cannot be assembled, and text after the
// break survives.
func TestSplitAcrossLines(t *testing.T) {
	for _, in := range []string{
		"\x1b]52;c;\nQUFB\x07",
		"\x1b\n]0;title\x07",
		"\x1b[\n2J",
		"\u009d0;\r\ntitle\u009c",
		"\x1bP\nq\x1b\\",
	} {
		for _, m := range modes {
			out := m.f(in)
			noneLeft(t, in, out, "")
			if strings.Count(out, "\n") != 1 {
				t.Errorf("%s(%q) = %q", m.name, in, out)
			}
		}
	}
}

func TestQuoteAndVisible(t *testing.T) {
	for in, want := range map[string]string{
		"plain/path name.txt":  "plain/path name.txt",
		"عربي.md":              "عربي.md",
		"a\x1b]0;t\x07b":       `"a\x1b]0;t\ab"`,
		"\u202eevil":           `"\u202eevil"`,
		"zw\u200bsp":           `"zw\u200bsp"`,
		"rlm\u200f":            `"rlm\u200f"`,
		"bad\xff":              `"bad\xff"`,
		"line\u2028break":      `"line\u2028break"`,
		"nbsp\u00a0name":       `"nbsp\u00a0name"`,
		"c1\u009b2J":           `"c1\u009b2J"`,
		"new\nline":            `"new\nline"`,
		"zwj👩\u200d👧 in a tag": `"zwj👩\u200d👧 in a tag"`,
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"cannot open a\x1b]52;c;QQ==\x07b: no such file": `cannot open a\x1b]52;c;QQ==\ab: no such file`,
		"two\nlines\tand tab":                            "two\nlines\tand tab",
		"\u202ertl \u200f\u061c \xfe":                    `\u202ertl \u200f\u061c \xfe`,
	} {
		if got := Visible(in); got != want {
			t.Errorf("Visible(%q) = %s, want %s", in, got, want)
		}
	}
	// whatever goes in, Quote and Visible give printable text only
	for r := rune(0); r < 0x3000; r++ {
		s := "x" + string(r)
		for _, out := range []string{Quote(s), Visible(s)} {
			for _, o := range out {
				if o != '\n' && o != '\t' && !unicode.IsPrint(o) {
					t.Fatalf("%U: %q", r, out)
				}
			}
			if !utf8.ValidString(out) {
				t.Fatalf("%U: invalid", r)
			}
		}
	}
}
