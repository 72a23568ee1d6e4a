package brief

import (
	"fmt"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/termsafe"
)

func TestSanitizeClasses(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"clean", "plain\ttext\n", "plain\ttext\n"},
		{"arabic", "وقّع العراق ومكتب الأمم المتحدة (UNODC) مذكرة تفاهم بكلفة 3.5 مليون دولار", "وقّع العراق ومكتب الأمم المتحدة (UNODC) مذكرة تفاهم بكلفة 3.5 مليون دولار"},
		{"persian zwnj", "می\u200cخواهم", "می\u200cخواهم"},
		{"emoji zwj", "👨\u200d👩\u200d👧 ❤\ufe0f\u200d🔥 🇮🇶", "👨\u200d👩\u200d👧 ❤\ufe0f\u200d🔥 🇮🇶"},
		{"mixed scripts", "Baghdad بغداد Тегеран 東京 🌍", "Baghdad بغداد Тегеран 東京 🌍"},
		{"esc and c0", "a\x1b]0;t\x07b\x00c\x08d", "a]0;tbcd"},
		{"c1", "a\u009b2J\u0085b\u009dc", "a2Jbc"},
		{"bidi controls", "\u202eevil\u202c \u2066iso\u2069", "evil iso"},
		{"bidi marks", "a\u200eb\u200fc\u061cd", "abcd"},
		{"zero width", "zero\u200bwidth\u2060joiner\ufeffbom\u180e\u2063", "zerowidthjoinerbom"},
		{"tags", "flag\U000e0067\U000e0062\U000e007f", "flag"},
		{"stray joiners", "\u200dlead trail\u200c a \u200d b x\u200d\u200dy", "lead trail a  b xy"},
		{"line separator", "a\u2028b", "a\nb"},
		{"paragraph separator", "a\u2029b", "a\n\nb"},
		{"cr", "a\r\nb\rc", "a\nb\nc"},
		{"invalid", "a\xffb", "a\uFFFDb"},
		{"soft hyphen kept", "soft\u00adhyphen", "soft\u00adhyphen"},
	}
	for _, c := range cases {
		if got := Sanitize(c.in); got != c.want {
			t.Errorf("%s: Sanitize(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
		if got := Sanitize(c.want); got != c.want {
			t.Errorf("%s: not idempotent: %q", c.name, got)
		}
	}
}

func TestNeutralizeNamedRefs(t *testing.T) {
	in := "&rlm;&lrm;&zwj;&zwnj;&ZeroWidthSpace;&NoBreak;&NewLine;&Tab;&#x200f;&#8206; &amp; &eacute; &shy; &hellip; &nbsp &rlm &unknown;"
	want := "&amp;rlm;&amp;lrm;&amp;zwj;&amp;zwnj;&amp;ZeroWidthSpace;&amp;NoBreak;&amp;NewLine;&amp;Tab;&amp;#x200f;&amp;#8206; &amp; &eacute; &shy; &hellip; &nbsp &rlm &unknown;"
	if got := NeutralizeRefs(in); got != want {
		t.Errorf("NeutralizeRefs:\n got %q\nwant %q", got, want)
	}
	if s := "no refs & here"; NeutralizeRefs(s) != s {
		t.Error("changed")
	}
}

// TestHostileFields: every class of control, in every field a brief takes
// from its file (title, front matter values, tags, countries, the body, a
// text dump's header), is gone after parsing; the text around it stays.
func TestHostileFields(t *testing.T) {
	classes := []string{"\x1b]0;pwn\x07", "\x1b[2J", "\u009b2J", "\u009d52;c;QQ\u009c", "\x1bP+q\x1b\\", "\u202e", "\u200f", "\u061c", "\u200b", "\u2060", "\ufeff", "\u2028", "\u200d", "\x00", "\x7f", "\u0085"}
	for _, cl := range classes {
		body := cl
		if cl == "\x00" {
			body = "" // a NUL in the file makes it binary; in YAML it is an escape
		}
		// in YAML as escapes, which decoding turns into the real thing
		var q strings.Builder
		for _, r := range cl {
			if r < 0x20 || r >= 0x7f || r == '\\' {
				fmt.Fprintf(&q, `\U%08x`, r)
			} else {
				q.WriteRune(r)
			}
		}
		yq := q.String()
		md := "---\ntitle: \"Ti" + yq + "tle\"\nsource: \"NI" + yq + "NA\"\nurl: \"https://x.org/" + yq + "\"\ndateline: \"Bagh" + yq + "dad\"\ntags: [\"ta" + yq + "g\", \"ok\"]\ncountries: \"Ku" + yq + "wait\"\n---\nBo" + body + "dy text " + body + "\n"
		b, err := Parse("evil"+cl+".md", []byte(md))
		if err != nil {
			t.Fatalf("%q: %v", cl, err)
		}
		fields := append([]string{b.Title, b.Body, b.Stated.Title, b.Stated.Source, b.Stated.URL, b.Hints.Dateline}, append(b.Stated.Tags, b.Stated.Countries...)...)
		for _, f := range fields {
			if termsafe.Plain(f) != f || strings.ContainsAny(f, "\x1b\u009b\u009d") {
				t.Errorf("%q: field %q not clean", cl, f)
			}
		}
		if cl == "\x1b]0;pwn\x07" && (b.Stated.Title != "Ti]0;pwntle" || b.Stated.Tags[0] != "ta]0;pwng") {
			t.Errorf("YAML escapes not decoded then cleaned: %q %q", b.Stated.Title, b.Stated.Tags)
		}
		if !strings.HasPrefix(b.Title, "Ti") || !strings.HasSuffix(b.Title, "tle") || !strings.Contains(b.Body, "Bo") {
			t.Errorf("%q: text lost: %q %q", cl, b.Title, b.Body)
		}
		txt := "ID :\n42\nSun, 12/07/2025 - 11:25\nAuther :\nHead" + body + "line\nBaghdad / NINA/- Bo" + body + "dy\n"
		b, err = Parse("x.txt", []byte(txt))
		if err != nil {
			t.Fatalf("%q: %v", cl, err)
		}
		for _, f := range []string{b.Title, b.Body} {
			if termsafe.Plain(f) != f {
				t.Errorf("%q: text dump field %q not clean", cl, f)
			}
		}
	}
}
