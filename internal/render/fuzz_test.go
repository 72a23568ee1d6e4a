package render

import (
	"context"
	"fmt"
	"github.com/briefs/briefs/internal/termsafe"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"charm.land/glamour/v2/styles"

	"github.com/briefs/briefs/internal/brief"
)

// checkOutput reports the first thing in s that is not text, newline, tab,
// SGR or an OSC 8 hyperlink to an http or https address (or the closing
// OSC 8), or nil.
func checkOutput(s string) error {
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b {
			n := 0
			switch {
			case strings.HasPrefix(s[i:], "\x1b["):
				j := i + 2
				for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
					j++
				}
				if j < len(s) && s[j] == 'm' {
					n = j + 1 - i
				}
			case strings.HasPrefix(s[i:], "\x1b]8;"):
				body := s[i+4:]
				end := strings.IndexAny(body, "\x07\x1b")
				if end < 0 {
					return fmt.Errorf("unterminated OSC 8 at %d", i)
				}
				params, uri, ok := strings.Cut(body[:end], ";")
				l := strings.ToLower(uri)
				if !ok || strings.ContainsAny(params, " \x1b\x07") || uri != "" && !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
					return fmt.Errorf("OSC 8 %q", body[:end])
				}
				for k := 0; k < len(uri); k++ {
					if uri[k] <= 0x20 || uri[k] >= 0x7f {
						return fmt.Errorf("OSC 8 URI %q", uri)
					}
				}
				n = 4 + end + 1
				if body[end] == 0x1b {
					if !strings.HasPrefix(body[end:], "\x1b\\") {
						return fmt.Errorf("OSC 8 cut at %d", i)
					}
					n++
				}
			}
			if n == 0 {
				return fmt.Errorf("escape sequence %q at %d", s[i:min(len(s), i+12)], i)
			}
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return fmt.Errorf("invalid UTF-8 at %d", i)
		}
		if termsafe.IsUnsafeRune(r) {
			return fmt.Errorf("unsafe rune %U at %d", r, i)
		}
		i += size
	}
	return nil
}

// FuzzMarkdown renders arbitrary briefs and checks that rendering is
// bounded (the formatting itself, not only the caller's wait: time,
// allocation and output size) and that the output holds only text,
// newline, tab, SGR and web links.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nSome *text* with a [link](https://example.org) and `code`.\n",
		strings.Repeat(">", 100) + " hello\n",
		strings.Repeat("- ", 50) + "x\n",
		strings.Repeat("> - 1. ", 20) + "x\n",
		"|a|b|\n|-|-|\n|1|2|\n",
		strings.Repeat("|a", 40) + "|\n" + strings.Repeat("|-", 40) + "|\n",
		strings.Repeat("*a _b ", 30) + "x" + strings.Repeat("_ a*", 30),
		strings.Repeat("[", 50) + "x" + strings.Repeat("](y)", 50),
		"term\n: def\n\n<div>\nhtml\n</div>\n\nsetext\n===\n\n---\n",
		"```go\nfunc main() {}\n```\n\n    indented code\n",
		"[a]: http://x\n\n[a] [a][] ![i](http://x/i.png) <http://auto> https://linkify.org\n",
		"\x1b]52;c;QUFB\x07 &#27;[2J \u202e \u0085 \x1b]8;;file:///etc\x07f\x1b]8;;\x07 [m](mailto:a@b)",
	} {
		f.Add(s, uint8(80), false)
	}
	f.Fuzz(func(t *testing.T, md string, w uint8, light bool) {
		width := 10 + int(w)
		style := Dark
		if light {
			style = NoTTY
		}
		// the formatting itself, without the deadline
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		start := time.Now()
		src, ok := boundText(brief.NeutralizeRefs(brief.Sanitize(md)))
		if ok && len(src) <= MaxInput {
			fm := format(src, *styles.DefaultStyles[style], width, maxCost)
			el := time.Since(start)
			runtime.ReadMemStats(&m1)
			if alloc := m1.TotalAlloc - m0.TotalAlloc; alloc > 400<<20 && !raceEnabled {
				t.Fatalf("format allocated %d MB for %d bytes", alloc>>20, len(md))
			}
			if el > 4*DefaultDeadline*slowdown() {
				t.Fatalf("format took %v for %d bytes", el, len(md))
			}
			if len(fm.out) > MaxOutput {
				t.Fatalf("output of %d bytes", len(fm.out))
			}
		}
		r, err := Markdown(context.Background(), md, Options{Style: style, Width: width})
		if err != nil {
			t.Fatal(err)
		}
		if err := checkOutput(r.Text); err != nil {
			t.Fatalf("%v in %q", err, r.Text)
		}
		if (style == NoTTY || r.Notice != "") && strings.Contains(r.Text, "\x1b") {
			t.Fatalf("escape in plain output %q", r.Text)
		}
	})
}
