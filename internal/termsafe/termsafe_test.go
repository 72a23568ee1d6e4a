package termsafe

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefs/briefs/internal/brief"
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
		{"c1 csi dropped", "a\u009b2Jb", "a2Jb"},
		{"bidi dropped", "a\u202eevil\u2066b", "aevilb"},
		{"bel cr bs dropped", "a\a\r\bb", "ab"},
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

// Safe reports whether s holds only text, tab, newline, SGR and allowed OSC 8.
func Safe(s string) bool {
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			n, kind := escape(s[i:])
			if kind == kindOther {
				return false
			}
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || brief.IsUnsafeRune(r) {
			return false
		}
		i += size
	}
	return true
}

func FuzzFilter(f *testing.F) {
	for _, s := range []string{"\x1b]52;c;AA\x07", "\x1b[2J", "\x1b[1m\x1b]8;;http://a\x07x\x1b]8;;\x07", "\u009b", "\x1b\x1b[m", "\x1b[", "\x1b]8;;https://a\x1b\\"} {
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
	})
}
