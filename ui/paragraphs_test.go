package ui

import (
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
)

// TestParagraphPerLineDump (issue 11, item 1): an agency dump with one
// paragraph per line and no blank lines shows its paragraphs in the reader,
// and quote mode offers each of them, not the whole body as one.
func TestParagraphPerLineDump(t *testing.T) {
	b, err := brief.Parse("ina.txt", []byte("Iraq and Kuwait agree to reopen the Safwan crossing\n"+
		"Baghdad-INA\n"+
		"The Iraqi and Kuwaiti interior ministers agreed on Monday to reopen the Safwan border crossing.\n"+
		"The minister said the crossing would open within a month, after technical work is completed.\n"+
		"Both sides stressed cooperation against drug smuggling across the border.\n"))
	if err != nil {
		t.Fatal(err)
	}
	h, _ := newStoreHarness(t, library.New(stubExtractor{}, []*brief.Brief{b}), 140, 40, true)
	h.press("enter")
	screen := h.screen()
	lines := strings.Split(screen, "\n")
	found := false
	for i, l := range lines {
		if !strings.Contains(l, "The minister said") {
			continue
		}
		found = true
		prev := lines[max(0, i-1)]
		if k := strings.LastIndex(prev, "┃"); k >= 0 {
			prev = prev[k+len("┃"):]
		}
		if i == 0 || strings.TrimSpace(prev) != "" {
			t.Errorf("no blank line before the second paragraph:\n%s", screen)
		}
	}
	if !found {
		t.Errorf("reader lacks the paragraph:\n%s", screen)
	}
	h.press("v")
	if !h.quoting() {
		t.Fatalf("v does not quote (top %T)", h.m.top())
	}
	if n := len(h.quote().paras); n < 3 {
		t.Fatalf("quote mode offers %d paragraphs: %q", n, h.quote().paras)
	}
	h.press("j", "j")
	if got := h.quote().selected(); !strings.HasPrefix(got, "The minister said") || strings.Contains(got, "Both sides") {
		t.Errorf("third paragraph = %q", got)
	}
}
