package main

import (
	"strings"
	"testing"
)

// onePerLine is an agency dump with one paragraph per line and no blank
// line between them (issue 11, item 1).
const onePerLine = "Iraq and Kuwait agree to reopen the Safwan crossing\n" +
	"Baghdad-INA\n" +
	"The Iraqi and Kuwaiti interior ministers agreed on Monday to reopen the Safwan border crossing.\n" +
	"The minister said the crossing would open within a month, after technical work is completed.\n" +
	"Both sides stressed cooperation against drug smuggling across the border.\n"

// TestShowParagraphPerLine: show renders each line of such a dump as its
// own paragraph, not one wall of text.
func TestShowParagraphPerLine(t *testing.T) {
	s := newSandbox(t)
	p := s.write("dump/ina.txt", onePerLine)
	out := s.mustRun("show", p, "--width", "200")
	var paras []string
	for _, block := range strings.Split(out, "\n\n") {
		if t := strings.TrimSpace(block); t != "" {
			paras = append(paras, t)
		}
	}
	for _, want := range []string{"The Iraqi and Kuwaiti", "The minister said", "Both sides stressed"} {
		n := 0
		for _, para := range paras {
			if strings.HasPrefix(para, want) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("no paragraph of its own starts %q:\n%s", want, out)
		}
	}
}

// TestHeadlineFromFirstSentence: a dump without a headline gets a short
// title made from its first sentence; show prints the whole sentence.
func TestHeadlineFromFirstSentence(t *testing.T) {
	s := newSandbox(t)
	const first = "BAGHDAD, July 23 (Reuters) - Iraq's prime minister said on Tuesday that the country would not allow its territory to be used for attacks."
	p := s.write("dump/reuters.txt", first+"\nThe statement came after a meeting with the Kuwaiti foreign minister in Baghdad.\n")
	bs := listJSON(t, s.mustRun("list", "--json", p))
	if len(bs) != 1 {
		t.Fatalf("list: %d briefs", len(bs))
	}
	if got := bs[0].Title; strings.Contains(got, "BAGHDAD") || strings.Contains(got, "Tuesday") || !strings.HasPrefix(got, "Iraq's prime minister") || len([]rune(got)) > 80 {
		t.Errorf("title = %q", got)
	}
	out := strings.Join(strings.Fields(s.mustRun("show", p, "--width", "300")), " ")
	if !strings.Contains(out, strings.TrimSuffix(first, ".")) {
		t.Errorf("show lacks the first sentence:\n%s", out)
	}
}
