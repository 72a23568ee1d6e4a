package render

import (
	"context"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/brief"
)

// TestHostileDocument: escape sequences, C1 controls, bidi and zero-width
// characters in every field a document shows (title, source, dateline,
// path, tags, body, note), and links to every scheme, come out of every
// style as text, SGR and web links only. Only http and https links become
// hyperlinks (issue 8: show linked mailto:).
func TestHostileDocument(t *testing.T) {
	classes := []string{"\x1b]0;T\x07", "\x1b]52;c;QUFB\x1b\\", "\x1b[2J", "\u009b31m", "\u009d8;;file:///etc\u009c", "\x1bP+q\x1b\\", "\x1b_G\x1b\\", "\u202e", "\u200f", "\u200b", "\u2028", "\u200d", "\ufeff", "\x00", "&#27;", "&rlm;", "&#x9b;"}
	for _, cl := range classes {
		b := &brief.Brief{
			ID:       "0123456789ab",
			Title:    "Ti" + cl + "tle",
			Source:   "NI" + cl + "NA",
			Dateline: "Bagh" + cl + "dad",
			Path:     "/briefs/evil" + cl + "name.md",
			Body: "Body " + cl + " text [web](https://example.org/a) [mail](mailto:a@example.org) [file](file:///etc/passwd) " +
				"[js](javascript:alert(1)) <mailto:b@example.org> <https://example.com/" + cl + "> ![img](http://example.org/i.png)\n",
		}
		doc := Document(b, []string{"ta" + cl + "g"}, "No"+cl+"te")
		styles := []string{Dark, Light, NoTTY, ASCII}
		if raceEnabled {
			styles = []string{Dark, NoTTY}
		}
		for _, style := range styles {
			r, err := Markdown(context.Background(), doc, Options{Style: style, Width: 80})
			if err != nil {
				t.Fatal(err)
			}
			if err := checkOutput(r.Text); err != nil {
				t.Fatalf("%q in %s: %v", cl, style, err)
			}
			// checkOutput allows OSC 8 to http and https addresses only
			plain := strings.Join(strings.Fields(stripSGR(r.Text)), " ")
			for _, want := range []string{"Ti", "tle", "Body", "text", "web", "mail"} {
				if !strings.Contains(plain, want) {
					t.Errorf("%q in %s: %q lost:\n%s", cl, style, want, plain)
				}
			}
			if style == Dark && !strings.Contains(r.Text, ";https://example.org/a\a") {
				t.Errorf("%q: web link not a hyperlink", cl)
			}
		}
	}
}

// stripSGR drops SGR and OSC 8 sequences (checkOutput allows no others).
func stripSGR(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != 0x1b {
			b.WriteByte(s[i])
			i++
			continue
		}
		if strings.HasPrefix(s[i:], "\x1b[") {
			j := strings.IndexByte(s[i:], 'm')
			i += j + 1
			continue
		}
		end := strings.IndexAny(s[i+1:], "\x07\x1b")
		i += end + 2
		if i <= len(s) && s[i-1] == 0x1b {
			i++
		}
	}
	return b.String()
}
