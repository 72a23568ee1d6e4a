package render

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/termsafe"
)

// render renders md with Markdown and no deadline to speak of, and fails
// on a plain-text fallback.
func render(md, style string, width int) (string, error) {
	r, err := Markdown(context.Background(), md, Options{Style: style, Width: width, Deadline: time.Minute})
	if err == nil && r.Notice != "" {
		err = errors.New(r.Notice)
	}
	return r.Text, err
}

func hostile() *brief.Brief {
	b, err := brief.Parse("evil.md", []byte("---\ntitle: \"T \\e]52;c;AA\\a x\"\nsource: \"- NINA\"\n---\n"+
		"Body &#27;[2J and &#x1b]0;t&#7; \x1b[31mred\x1b[0m, a [link](https://example.org) and https://example.com, `code &#27;` \u202e.\n\n"+
		"| a | b |\n|---|---|\n| &#x1b;[2J | x |\n"))
	if err != nil {
		panic(err)
	}
	b.Source = b.Stated.Source
	b.Published = time.Date(2024, 7, 22, 0, 0, 0, 0, time.UTC)
	b.Edition, b.EditionsMentioned = 2, []int{1}
	b.Countries = []brief.Country{{Code: "KW", Name: "Kuwait", Mentions: 2}}
	return b
}

// onlySafe reports whether s holds text, newlines, tabs and SGR only (and,
// when links is set, OSC 8 web links).
func onlySafe(t *testing.T, s string, sgr bool) {
	t.Helper()
	for i := 0; i < len(s); i++ {
		if s[i] != 0x1b {
			continue
		}
		if !sgr {
			t.Fatalf("escape in plain output at %d: %q", i, s[max(0, i-20):min(len(s), i+20)])
		}
		j := i + 1
		if j < len(s) && s[j] == '[' {
			j++
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
				j++
			}
			if j < len(s) && s[j] == 'm' {
				continue
			}
		}
		if strings.HasPrefix(s[i:], "\x1b]8;") {
			continue
		}
		t.Fatalf("unsafe sequence at %d: %q", i, s[i:min(len(s), i+20)])
	}
	for _, r := range osc8.ReplaceAllString(s, "") {
		if r != '\x1b' && termsafe.IsUnsafeRune(r) {
			t.Fatalf("unsafe rune %U", r)
		}
	}
}

var osc8 = regexp.MustCompile("\x1b]8;[^\x07\x1b]*(\x07|\x1b\\\\)")

func TestMarkdownStyles(t *testing.T) {
	doc := Document(hostile(), []string{"followup"}, "My *note* &#27;[2J")
	for _, style := range []string{Dark, Light, NoTTY, ASCII} {
		out, err := render(doc, style, 60)
		if err != nil {
			t.Fatal(err)
		}
		plain := style == NoTTY || style == ASCII
		onlySafe(t, out, !plain)
		if !plain && !strings.Contains(out, "\x1b[") {
			t.Errorf("%s: no styling", style)
		}
		for _, want := range []string{"&#27;[2J", "Kuwait", "#followup", "note"} {
			if !strings.Contains(termsafe.Plain(out), want) {
				t.Errorf("%s: output lacks %q", style, want)
			}
		}
		if plain {
			for _, l := range strings.Split(out, "\n") {
				if strings.HasSuffix(l, " ") {
					t.Errorf("%s: trailing spaces in %q", style, l)
				}
				if len([]rune(l)) > 60 {
					t.Errorf("%s: line wider than 60: %q", style, l)
				}
			}
		}
	}
}

func TestDocumentMetadataStaysText(t *testing.T) {
	doc := Document(hostile(), nil, "")
	out, err := render(doc, NoTTY, 100)
	if err != nil {
		t.Fatal(err)
	}
	// a source of "- NINA" must not turn the metadata line into a list
	if !strings.Contains(out, "- NINA · 2024-07-22 · 2nd conference (mentions 1st)") {
		t.Errorf("metadata line:\n%s", out)
	}
	if !strings.Contains(out, "Countries: KW Kuwait (2)") {
		t.Errorf("countries line:\n%s", out)
	}
}

func TestTexts(t *testing.T) {
	b := &brief.Brief{Edition: 3, EditionsMentioned: []int{1, 2}}
	if got := EditionText(b); got != "3rd conference (mentions 1st, 2nd)" {
		t.Errorf("EditionText = %q", got)
	}
	b = &brief.Brief{EditionsMentioned: []int{2}}
	if got := EditionText(b); got != "mentions 2nd" {
		t.Errorf("EditionText = %q", got)
	}
	if got := Date(&brief.Brief{}); got != "undated" {
		t.Errorf("Date = %q", got)
	}
	if got := Date(&brief.Brief{Published: time.Date(2025, 12, 7, 11, 25, 0, 0, time.UTC), HasTime: true}); got != "2025-12-07 11:25" {
		t.Errorf("Date = %q", got)
	}
}

// TestSecondLayer: raw control sequences that reach Markdown (bypassing the
// parser's cleaning) are still filtered out of its output.
func TestSecondLayer(t *testing.T) {
	raw := "# H \x1b]0;title\x07\n\nx \x1b]52;c;QUFB\x07 y \x1b[2J \u009b31m \x1bP+q\x1b\\ z\n\n- item \x1b]8;;file:///etc/passwd\x07f\x1b]8;;\x07\n"
	for _, style := range []string{Dark, NoTTY} {
		out, err := render(raw, style, 40)
		if err != nil {
			t.Fatal(err)
		}
		onlySafe(t, out, style == Dark)
		if strings.Contains(out, "file:///") && strings.Contains(out, "\x1b]8;;file") {
			t.Errorf("%s: file link survived", style)
		}
	}
}
