package render

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestBoundText(t *testing.T) {
	deep := strings.Repeat(">", 100) + " hello"
	cases := []struct{ name, in, want string }{
		{"clean unchanged", "# T\n\n> quote\n- a\n  - b\n", "# T\n\n> quote\n- a\n  - b\n"},
		{"100 quote markers", deep, strings.Repeat(">", 16) + " hello"},
		{"spaced quote markers", strings.Repeat("> ", 40) + "x\n", strings.Repeat("> ", 16) + "x\n"},
		{"list markers", strings.Repeat("- ", 30) + "x", strings.Repeat("- ", 16) + "x"},
		{"ordered markers", strings.Repeat("1. ", 30) + "x", strings.Repeat("1. ", 16) + "x"},
		{"mixed markers", strings.Repeat("> * 2) ", 10) + "x", strings.Repeat("> * 2) ", 5) + "> x"},
		{"indentation", strings.Repeat(" ", 200) + "- x", strings.Repeat(" ", 48) + "- x"},
		{"tabs", strings.Repeat("\t", 30) + "x", strings.Repeat("\t", 12) + "x"},
		{"no space after", strings.Repeat(">", 30) + "x", strings.Repeat(">", 16) + "x"},
		{"thematic break kept", strings.Repeat("- ", 40) + "\n", strings.Repeat("- ", 40) + "\n"},
		{"star break kept", strings.Repeat("* ", 40), strings.Repeat("* ", 40)},
		{"not a marker", strings.Repeat("-x ", 40), strings.Repeat("-x ", 40)},
		{"content untouched", strings.Repeat(">", 20) + " a > b - c", strings.Repeat(">", 16) + " a > b - c"},
		{"other lines kept", "a\n" + deep + "\nb\n", "a\n" + strings.Repeat(">", 16) + " hello\nb\n"},
	}
	for _, c := range cases {
		got, ok := boundText(c.in)
		if !ok || got != c.want {
			t.Errorf("%s: boundText = %q, %v; want %q", c.name, got, ok, c.want)
		}
	}
	// brackets: per paragraph; a blank line starts counting again
	many := strings.Repeat("[", maxBrackets/2)
	if _, ok := boundText(many + "\n\n" + many + "\n\n" + many); !ok {
		t.Error("brackets in separate paragraphs refused")
	}
	if _, ok := boundText(many + "\n" + many + "[[[\n"); ok {
		t.Error("too many brackets in one paragraph accepted")
	}
}

// words lists the words of s (letters and digits), for checking that
// flattening keeps every one of them.
func words(s string) []string {
	return regexp.MustCompile(`[\p{L}\p{N}]+`).FindAllString(s, -1)
}

// renderBounded renders md with the default deadline and checks that it
// is formatted (no fallback), flattened, quick, and keeps every word.
func renderBounded(t *testing.T, name, md string, width int) Result {
	t.Helper()
	start := time.Now()
	// the deadline is far: this tests the bounds, not the machine's load
	r, err := Markdown(context.Background(), md, Options{Style: NoTTY, Width: width, Deadline: time.Minute})
	el := time.Since(start)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if r.Notice != "" {
		t.Errorf("%s: fell back to plain text (%s) after %v", name, r.Notice, el)
	}
	if testing.Verbose() {
		t.Logf("%s: %v", name, el)
	}
	if el > 5*DefaultDeadline*slowdown() { // unbounded, these took minutes
		t.Errorf("%s: took %v", name, el)
	}
	// words may be broken across lines at narrow widths
	text := strings.Join(strings.Fields(r.Text), "")
	seen := map[string]bool{}
	for _, w := range words(r.Text) {
		seen[w] = true
	}
	for _, w := range words(md) {
		if !seen[w] && !strings.Contains(text, w) {
			t.Errorf("%s: lost %q", name, w)
		}
	}
	return r
}

// TestDeepStructureFlattened: the shapes of issue 8 (100 nested quotes in a
// 150-byte brief, 300 nested list levels, a 5,000-column table) and their
// relatives render quickly, formatted, with every word kept.
func TestDeepStructureFlattened(t *testing.T) {
	var indented, tree strings.Builder
	for i := range 300 {
		fmt.Fprintf(&indented, "%s- level%d\n", strings.Repeat("  ", i), i)
	}
	for i := range 40 {
		fmt.Fprintf(&tree, "%s%d. item%d\n%s  > quote%d\n", strings.Repeat("   ", i), i+1, i, strings.Repeat("   ", i), i)
	}
	var tbl strings.Builder
	for row := range 3 {
		for col := range 5000 {
			if row == 1 {
				tbl.WriteString("|-")
			} else {
				fmt.Fprintf(&tbl, "|r%dc%d", row, col)
			}
		}
		tbl.WriteString("|\n")
	}
	cases := []struct{ name, md string }{
		{"100 quotes", strings.Repeat(">", 100) + " hello world, the brief body goes on here a little\n"},
		{"75 quotes", strings.Repeat(">", 75) + " deep\n\n" + strings.Repeat("> ", 75) + " spaced\n"},
		{"300 inline list levels", strings.Repeat("- ", 300) + "bottom\n"},
		{"300 indented list levels", indented.String()},
		{"ordered lists and quotes", tree.String()},
		{"quotes in lists in quotes", strings.Repeat("> - ", 60) + "x\n" + strings.Repeat("> 1) ", 60) + "y\n"},
		{"definition lists", strings.Repeat("> ", 10) + "term\n" + strings.Repeat("> ", 10) + ": desc\n\n" + strings.Repeat("- ", 10) + "t\n\n" + strings.Repeat("  ", 10) + ": d\n"},
		{"5000 columns", tbl.String()},
		{"nested emphasis", strings.Repeat("*a _b ~~c ", 250) + "x" + strings.Repeat("~~ c_ b*", 250)},
		{"nested links", strings.Repeat("[a ![b ", 300) + "x" + strings.Repeat("](http://i.org/p.png)](http://l.org)", 300)},
	}
	widths := []int{10, 40, 80, 200}
	if raceEnabled {
		widths = []int{10, 120}
	}
	for _, c := range cases {
		for _, width := range widths {
			r := renderBounded(t, fmt.Sprintf("%s at %d", c.name, width), c.md, width)
			if !r.Flattened {
				t.Errorf("%s at %d: not flattened", c.name, width)
			}
		}
	}
}

// TestShallowStructureKept: what fits is rendered as Glamour renders it.
func TestShallowStructureKept(t *testing.T) {
	md := "> quote\n> > nested\n\n- a\n  - b\n    1. c\n\n|a|b|\n|-|-|\n|1|2|\n\n```\ncode\n```\n"
	r := renderBounded(t, "shallow", md, 80)
	if r.Flattened {
		t.Errorf("flattened:\n%s", r.Text)
	}
	for _, want := range []string{"| | nested", "• a", "    • b", "1. c", " 1 ", "| 2", "code"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("lacks %q:\n%s", want, r.Text)
		}
	}
}

// TestFlattenedReadable: flattened lists keep their markers and items stay
// apart; a long code block is split, not cut.
func TestFlattenedReadable(t *testing.T) {
	md := strings.Repeat("- ", 10) + "first\n" + strings.Repeat("  ", 9) + "- second\n"
	r := renderBounded(t, "markers", md, 80)
	if !strings.Contains(r.Text, "• first") || !strings.Contains(r.Text, "• second") {
		t.Errorf("markers lost:\n%s", r.Text)
	}
	var code strings.Builder
	code.WriteString("```\n")
	for i := range 1000 {
		fmt.Fprintf(&code, "line%d\n", i)
	}
	code.WriteString("```\n")
	r = renderBounded(t, "code", code.String(), 80)
	if !r.Flattened {
		t.Error("long code block not split")
	}
}

// TestFallbacks: past a bound the text comes back plain, wrapped, with a
// notice; a cancelled context ends the render at once.
func TestFallbacks(t *testing.T) {
	ctx := context.Background()
	long := strings.Repeat("a paragraph of words\n\n", MaxInput/20)
	r, err := Markdown(ctx, long, Options{Style: Dark, Width: 40})
	if err != nil || r.Notice != NoticeLong || strings.Contains(r.Text, "\x1b") || !strings.HasPrefix(r.Text, "a paragraph of words\n") {
		t.Errorf("too long: %v %q %q", err, r.Notice, r.Text[:min(len(r.Text), 80)])
	}
	many := strings.Repeat("[", 2*maxBrackets) + "x"
	if r, _ := Markdown(ctx, many, Options{Style: Dark, Width: 40}); r.Notice != NoticeComplex || !strings.Contains(r.Text, "x") {
		t.Errorf("brackets: %q", r.Notice)
	}
	costly := strings.Repeat("# heading\n\n", 5000)
	if r, _ := Markdown(ctx, costly, Options{Style: Dark, Width: 200}); r.Notice != NoticeComplex || !strings.Contains(r.Text, "# heading\n") {
		t.Errorf("costly: %q", r.Notice)
	}
	// a brief that takes far longer than a nanosecond to format
	r, err = Markdown(ctx, "# Title\n\n"+strings.Repeat("word ", 20000), Options{Style: Dark, Width: 30, Deadline: time.Nanosecond})
	if err != nil || r.Notice != NoticeComplex || !strings.HasPrefix(r.Text, "# Title\n\nword word") {
		t.Errorf("deadline: %v %q %q", err, r.Notice, r.Text)
	}
	for _, l := range strings.Split(r.Text, "\n") {
		if len(l) > 30 {
			t.Errorf("plain line wider than 30: %q", l)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Markdown(cancelled, "x", Options{Style: Dark, Width: 30}); err != context.Canceled {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := Markdown(ctx, "x", Options{Style: "neon", Width: 30}); err == nil {
		t.Error("unknown style accepted")
	}
}

// TestCancelDuringRender: ctx ends a render in progress (at once on an idle
// machine; the limit only tells a render that ran on from a loaded machine).
func TestCancelDuringRender(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	md := strings.Repeat("A paragraph of ordinary text that goes on like news does.\n\n", 3000)
	start := time.Now()
	_, err := Markdown(ctx, md, Options{Style: Dark, Width: 80, Deadline: time.Minute})
	if el := time.Since(start); err != context.DeadlineExceeded || el > 10*time.Second {
		t.Errorf("err %v after %v", err, el)
	}
}

func TestPlainWrapsHugeLines(t *testing.T) {
	md := strings.Repeat("x", 3*plainPiece) + "\n" + strings.Repeat("字 ", plainPiece)
	r, err := plain(context.Background(), md, 50, NoticeLong)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(r.Text, "x") != 3*plainPiece || strings.Count(r.Text, "字") != plainPiece {
		t.Error("text lost")
	}
	for _, l := range strings.Split(r.Text, "\n") {
		if w := len([]rune(l)); w > 50 {
			t.Fatalf("line of %d runes", w)
		}
	}
}
