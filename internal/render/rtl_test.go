package render

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/briefs/briefs/internal/bidi"
	"github.com/briefs/briefs/internal/brief"
)

// TestRightToLeftParagraphs: the Arabic paragraphs of a brief are
// right-aligned within the width, in every style and in the plain-text
// fallback; English paragraphs are not; no bidi control is written.
func TestRightToLeftParagraphs(t *testing.T) {
	data, err := os.ReadFile("../textmatch/testdata/ar/23_shafaq_en_quote.txt")
	if err != nil {
		t.Fatal(err)
	}
	ar, err := os.ReadFile("../textmatch/testdata/ar/02_shafaq_leaders_arrive.txt")
	if err != nil {
		t.Fatal(err)
	}
	b, err := brief.Parse("x.txt", append(append(data, '\n'), ar...))
	if err != nil {
		t.Fatal(err)
	}
	doc := Document(b, nil, "")
	const width = 70
	for _, style := range []string{NoTTY, Dark, Light, ASCII} {
		r, err := Markdown(context.Background(), doc, Options{Style: style, Width: width})
		if err != nil {
			t.Fatal(err)
		}
		checkRTL(t, style, r.Text, width)
	}
	// the plain-text fallback
	r, err := plain(context.Background(), doc, width, NoticeComplex)
	if err != nil {
		t.Fatal(err)
	}
	r.Text = bidi.AlignParagraphs(r.Text, width)
	checkRTL(t, "plain", r.Text, width)
}

func checkRTL(t *testing.T, style, text string, width int) {
	t.Helper()
	var rtlEnds, ltrStarts []int
	lines := strings.Split(ansi.Strip(text), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ") // styled blank lines are spaces
	}
	for _, para := range strings.Split(strings.Join(lines, "\n"), "\n\n") {
		rtl := bidi.IsRTL(para) // a paragraph aligns as a whole
		for _, l := range strings.Split(para, "\n") {
			if strings.TrimSpace(l) == "" {
				continue
			}
			trimmed := strings.TrimRight(l, " ")
			if rtl {
				rtlEnds = append(rtlEnds, ansi.StringWidth(trimmed))
			} else {
				ltrStarts = append(ltrStarts, len(l)-len(strings.TrimLeft(l, " ")))
			}
			if ansi.StringWidth(trimmed) > width {
				t.Errorf("%s: line wider than %d: %q", style, width, l)
			}
		}
	}
	if len(rtlEnds) < 6 {
		t.Fatalf("%s: %d right-to-left lines", style, len(rtlEnds))
	}
	for _, e := range rtlEnds {
		if e != rtlEnds[0] || e < width-4 {
			t.Errorf("%s: right-to-left lines end at %v, want one column near %d", style, rtlEnds, width)
			break
		}
	}
	for _, s := range ltrStarts {
		if s > 4 {
			t.Errorf("%s: a left-to-right line starts at column %d", style, s)
		}
	}
	for _, r := range text {
		if r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			t.Fatalf("%s: bidi control %U written", style, r)
		}
	}
}
