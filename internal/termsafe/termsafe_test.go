package termsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFilter(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "hello\tworld\n", "hello\tworld\n"},
		{"sgr kept", "\x1b[1;38;5;204mbold\x1b[0m", "\x1b[1;38;5;204mbold\x1b[0m"},
		{"osc52 dropped", "a\x1b]52;c;ZXZpbA==\x07b", "ab"},
		{"osc52 st dropped", "a\x1b]52;c;ZXZpbA==\x1b\\b", "ab"},
		{"clear screen dropped", "a\x1b[2Jb", "ab"},
		{"cursor move dropped", "a\x1b[10;10Hb", "ab"},
		{"private csi dropped", "a\x1b[?1049hb", "ab"},
		{"osc8 https kept", "\x1b]8;;https://x.org\x07link\x1b]8;;\x07", "\x1b]8;;https://x.org\x07link\x1b]8;;\x07"},
		{"osc8 file dropped", "\x1b]8;;file:///etc/passwd\x07link\x1b]8;;\x07", "link\x1b]8;;\x07"},
		{"osc title dropped", "\x1b]0;pwned\x07x", "x"},
		{"dcs dropped", "a\x1bP+q544e\x1b\\b", "ab"},
		{"apc dropped", "a\x1b_Gf=100;AAAA\x1b\\b", "ab"},
		{"unterminated osc dropped", "a\x1b]52;c;AAAA", "a"},
		{"c1 csi dropped whole", "a\u009b2Jb", "ab"},
		{"c1 sgr dropped", "a\u009b1mb", "ab"},
		{"c1 osc dropped whole", "a\u009d52;c;AA\u009cb", "ab"},
		{"c1 osc link dropped", "a\u009d8;;https://x.org\u0007b", "ab"},
		{"osc8 ended by c1 st dropped", "\x1b]8;;https://x.org\u009clink", "link"},
		{"c1 dcs dropped whole", "a\u0090+q544e\u009cb", "ab"},
		{"c1 apc pm sos dropped whole", "a\u009fx\u009cb\u009ex\u0007c\u0098x\x1b\\d", "abcd"},
		{"c1 unterminated ends at newline", "a\u009d0;title\nb", "a\nb"},
		{"c1 nel dropped", "a\u0085b", "ab"},
		{"charset designation dropped whole", "a\x1b(Bb", "ab"},
		{"decaln dropped whole", "a\x1b#8b", "ab"},
		{"esc intermediates without final", "a\x1b(\nb", "a\nb"},
		{"esc newline keeps newline", "a\x1b\nb", "a\nb"},
		{"esc esc sgr", "a\x1b\x1b[1mb", "a\x1b[1mb"},
		{"unterminated osc ends at newline", "a\x1b]52;c;AAAA\nnext line", "a\nnext line"},
		{"unterminated osc ends at cr", "a\x1b]52;c;AAAA\rnext line", "a\nnext line"},
		{"osc cut by escape", "a\x1b]0;title\x1b[1mb", "a\x1b[1mb"},
		{"osc8 cut by escape dropped", "\x1b]8;;https://x.org\x1b[1mb", "\x1b[1mb"},
		{"csi cut by escape", "a\x1b[1\x1b[2Jb", "ab"},
		{"sgr with intermediate dropped", "a\x1b[1 mb", "ab"},
		{"crlf and lone cr", "a\r\nb\rc\r\r\nd", "a\nb\nc\n\nd"},
		{"bom dropped", "\ufeffa", "a"},
		{"real replacement char kept", "a\uFFFDb", "a\uFFFDb"},
		{"bidi dropped", "a\u202eevil\u2066b", "aevilb"},
		{"bel bs dropped cr to newline", "a\a\r\bb", "a\nb"},
		{"esc 7 dropped", "a\x1b7b", "ab"},
		{"arabic kept", "العراق", "العراق"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Filter(c.in); got != c.want {
				t.Errorf("Filter(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestPlainAndNoLinks(t *testing.T) {
	in := "\x1b[1mbold\x1b[0m \x1b]8;;https://x.org\x07link\x1b]8;;\x07 \x1b]52;c;AA\x07end"
	if got := Plain(in); got != "bold link end" {
		t.Errorf("Plain = %q", got)
	}
	if got := NoLinks(in); got != "\x1b[1mbold\x1b[0m link end" {
		t.Errorf("NoLinks = %q", got)
	}
}

// TestModes checks the three modes side by side: the text they leave is the
// same, only the escapes each one keeps differ.
func TestModes(t *testing.T) {
	cases := []struct{ in, plain, noLinks, filter string }{
		{"plain text", "plain text", "", ""},
		{"tab\tand\nnewline", "tab\tand\nnewline", "", ""},
		{"crlf\r\nline\rold mac", "crlf\nline\nold mac", "", ""},
		{"red \x1b[1;31mtext\x1b[0m", "red text", "red \x1b[1;31mtext\x1b[0m", ""},
		{"clip \x1b]52;c;aGVsbG8=\x07board", "clip board", "", ""},
		{"st \x1b]0;title\x1b\\end", "st end", "", ""},
		{"link \x1b]8;;http://x\x1b\\a\x1b]8;;\x1b\\", "link a", "", "link \x1b]8;;http://x\x1b\\a\x1b]8;;\x1b\\"},
		{"dcs \x1bPq#0;2;0;0;0\x1b\\x", "dcs x", "", ""},
		{"apc \x1b_Gf=100;AAAA\x1b\\x", "apc x", "", ""},
		{"charset \x1b(Bx", "charset x", "", ""},
		{"keypad \x1b=x", "keypad x", "", ""},
		{"c1 csi \u009b2Jx", "c1 csi x", "", ""},
		{"c1 osc \u009d52;c;x\u009cy", "c1 osc y", "", ""},
		{"c1 \u0085nel", "c1 nel", "", ""},
		{"unterminated \x1b]52;c;AAAA\nnext line", "unterminated \nnext line", "", ""},
		{"unterminated dcs \x1bPq\r\nnext line", "unterminated dcs \nnext line", "", ""},
		{"trailing esc \x1b", "trailing esc ", "", ""},
		{"trailing c1 \u009b", "trailing c1 ", "", ""},
		{"bidi \u202eevil\u202c \u2066iso\u2069", "bidi evil iso", "", ""},
		{"nul\x00 bel\x07 del\x7f", "nul bel del", "", ""},
		{"bad \xff utf8 \xc2", "bad \uFFFD utf8 \uFFFD", "", ""},
		{"drops \u200f rlm, keeps عربي", "drops  rlm, keeps عربي", "", ""},
		{"zero\u200bwidth\u2060 \ufeffbom", "zerowidth bom", "", ""},
		{"line\u2028sep\u2029para", "line\nsep\n\npara", "", ""},
		{"joiners: می\u200cخواهم 👩\u200d👧 \u200dx y\u200d a\u200d\u200db", "joiners: می\u200cخواهم 👩\u200d👧 x y ab", "", ""},
	}
	for _, c := range cases {
		if c.noLinks == "" {
			c.noLinks = c.plain
		}
		if c.filter == "" {
			c.filter = c.noLinks
		}
		if got := Plain(c.in); got != c.plain {
			t.Errorf("Plain(%q) = %q, want %q", c.in, got, c.plain)
		}
		if got := NoLinks(c.in); got != c.noLinks {
			t.Errorf("NoLinks(%q) = %q, want %q", c.in, got, c.noLinks)
		}
		if got := Filter(c.in); got != c.filter {
			t.Errorf("Filter(%q) = %q, want %q", c.in, got, c.filter)
		}
	}
}

func TestCleanInputUnchanged(t *testing.T) {
	for _, s := range []string{"", "ascii only\n\tand tabs", "مؤتمر بغداد é \U0001F600 \uFFFD", "وقّع العراق ومكتب الأمم المتحدة (UNODC) مذكرة تفاهم", "می\u200cخواهم 👨\u200d👩\u200d👧 ❤\ufe0f\u200d🔥 क्\u200dष soft\u00adhyphen \u0600١٢"} {
		for _, f := range []func(string) string{Filter, NoLinks, Plain} {
			if got := f(s); got != s {
				t.Errorf("changed clean %q to %q", s, got)
			}
		}
	}
}

// Safe reports whether s holds only text, tab, newline, SGR and allowed OSC 8.
func Safe(s string) bool {
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			n, kind := sequence(s[i:])
			if kind == kindOther {
				return false
			}
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || IsUnsafeRune(r) {
			return false
		}
		if isJoiner(r) {
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			if !joins(prev) || !joins(nextRune(s[i+size:])) {
				return false
			}
		}
		i += size
	}
	return true
}

func FuzzFilter(f *testing.F) {
	for _, s := range []string{"\x1b]52;c;AA\x07", "\x1b[2J", "\x1b[1m\x1b]8;;http://a\x07x\x1b]8;;\x07", "\u009b", "\x1b\x1b[m", "\x1b[", "\x1b]8;;https://a\x1b\\",
		"\x1b(B", "\u009d52;c;x\u009cy", "\x1b]0;t\nnext", "a\r\nb\rc", "\u0090q\x1b\\", "\x1b]8;;http://a\u009c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Filter(s)
		if !Safe(out) {
			t.Fatalf("unsafe output %q from %q", out, s)
		}
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 %q", out)
		}
		if p := Plain(s); strings.Contains(p, "\x1b") || Plain(p) != p {
			t.Fatalf("Plain(%q) = %q", s, p)
		}
		if nl := NoLinks(s); strings.Contains(nl, "\x1b]") || !Safe(nl) {
			t.Fatalf("NoLinks(%q) = %q", s, nl)
		}
		if Filter(out) != out {
			t.Fatalf("not idempotent: %q -> %q", out, Filter(out))
		}
		if strings.Count(out, "\x1b") > strings.Count(s, "\x1b") {
			t.Fatalf("escape added")
		}
		// Line breaks are never eaten: every LF stays, CR LF and lone CR
		// each give one LF, U+2028 one and U+2029 two, in every mode.
		lines := strings.Count(s, "\n") + strings.Count(s, "\r") - strings.Count(s, "\r\n") + strings.Count(s, "\u2028") + 2*strings.Count(s, "\u2029")
		plain := Plain(s)
		for _, o := range []string{out, NoLinks(s), plain} {
			if strings.Count(o, "\n") != lines || strings.Contains(o, "\r") {
				t.Fatalf("line breaks changed: %q -> %q", s, o)
			}
		}
		// Sequences end at line breaks: filtering line by line gives the
		// same text.
		if !strings.ContainsAny(s, "\r\u2028\u2029") {
			parts := strings.Split(s, "\n")
			for i, p := range parts {
				parts[i] = Filter(p)
			}
			if strings.Join(parts, "\n") != out {
				t.Fatalf("line by line differs: %q", s)
			}
		}
		// The modes differ only in the escapes they keep.
		if Plain(out) != plain || Plain(NoLinks(s)) != plain {
			t.Fatalf("modes disagree on text: %q", s)
		}
	})
}
