package ui

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/briefs/briefs/internal/bidi"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
)

// arabicBriefs are three of the Arabic test briefs (internal/textmatch),
// with their metadata filled in as the extractor finds it.
func arabicBriefs(t testing.TB) []*brief.Brief {
	t.Helper()
	fsys := os.DirFS("../internal/textmatch/testdata/ar")
	meta := []struct {
		file, source, dateline string
		date                   time.Time
		countries              []brief.Country
	}{
		{"01_ina_ministers_summit.txt", "INA", "بغداد", time.Date(2025, 5, 15, 0, 0, 0, 0, time.UTC),
			[]brief.Country{{Code: "IQ", Name: "Iraq", Mentions: 2}, {Code: "LB", Name: "Lebanon", Mentions: 1}, {Code: "SY", Name: "Syria", Mentions: 1}}},
		{"02_shafaq_leaders_arrive.txt", "Shafaq News", "بغداد", time.Date(2025, 5, 16, 0, 0, 0, 0, time.UTC),
			[]brief.Country{{Code: "IQ", Name: "Iraq", Mentions: 1}}},
		{"23_shafaq_en_quote.txt", "Shafaq News", "", time.Date(2025, 5, 14, 0, 0, 0, 0, time.UTC),
			[]brief.Country{{Code: "IQ", Name: "Iraq", Mentions: 2}}},
	}
	var out []*brief.Brief
	for _, m := range meta {
		b, err := brief.ReadFS(fsys, m.file, "ar")
		if err != nil {
			t.Fatal(err)
		}
		b.Source, b.Dateline, b.Published, b.Countries = m.source, m.dateline, m.date, m.countries
		out = append(out, b)
	}
	return out
}

// TestArabicGolden pins an Arabic collection at 80x24 and 140x40: Arabic
// titles in the list, the reader with right-aligned paragraphs, find in
// the brief matching written forms (الوزراء finds وزراء), and a search.
func TestArabicGolden(t *testing.T) {
	scenes := []struct {
		name string
		keys func(h *harness)
	}{
		{"start", func(h *harness) {}},
		{"reader", func(h *harness) { h.press("j", "enter") }},
		{"reader_find", func(h *harness) {
			h.press("j", "enter", "/")
			h.typeText("الوزراء")
			h.press("enter")
		}},
		{"search", func(h *harness) {
			h.press("/")
			h.typeText("زعماء")
			h.press("enter")
		}},
	}
	for _, sc := range scenes {
		for _, sz := range [][2]int{{80, 24}, {140, 40}} {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, sz[0], sz[1]), func(t *testing.T) {
				h := newHarness(t, library.New(stubExtractor{}, arabicBriefs(t)), sz[0], sz[1], true)
				sc.keys(h)
				frame := h.m.View().Content
				checkFrame(t, frame, sz[0], sz[1])
				for _, r := range frame {
					if r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
						t.Fatalf("bidi control %U on screen", r)
					}
				}
				golden.RequireEqual(t, ansi.Strip(frame))
			})
		}
	}
}

// TestArabicReaderLayout: in the reader, the Arabic paragraphs of a brief
// end at the right edge of the text and the English ones start at the
// left; find marks the written forms of the word searched for.
func TestArabicReaderLayout(t *testing.T) {
	h := newHarness(t, library.New(stubExtractor{}, arabicBriefs(t)), 80, 40, true)
	h.press("j", "enter") // 01, the INA brief (list by date, newest first)
	r := &h.m.reader
	if !strings.Contains(r.b.Path, "01_ina") {
		t.Fatalf("reader shows %s", r.b.Path)
	}
	right := map[int]int{} // end column -> lines ending there
	for _, l := range r.plain {
		if bidi.IsRTL(l) && strings.TrimSpace(l) != "" {
			right[ansi.StringWidth(strings.TrimRight(l, " "))]++
		}
	}
	best := 0
	for _, n := range right {
		best = max(best, n)
	}
	if best < 5 {
		t.Errorf("Arabic lines do not share a right edge: ends %v", right)
	}
	h.press("/")
	h.typeText("الوزراء")
	h.press("enter")
	var found []string
	for _, m := range r.matches {
		found = append(found, r.plain[m.line][m.start:m.end])
	}
	if strings.Join(found, " ") != "وزراء الوزراء وزراء الوزراء" { // title, then body
		t.Errorf("find الوزراء: %q", found)
	}
}
