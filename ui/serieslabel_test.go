package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/extract"
	"github.com/briefs/briefs/internal/library"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// drugSeries is the seeds' conference.
func drugSeries() brief.Series {
	return brief.Series{Key: "baghdad-drug-conference", Name: "Baghdad International Conference on Drug Control"}
}

// TestSeriesLabel: issue 7 item 4, the list's short series label.
func TestSeriesLabel(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	acr := seriesAcronyms(library.New(x, nil))
	for _, tc := range []struct {
		s    brief.Series
		want string
	}{
		// known series: the catalogue's acronym or the one in the name
		{brief.Series{Key: "cop", Name: "UN Climate Change Conference (COP)"}, "COP"},
		{brief.Series{Key: "opec-ministerial-meeting", Name: "OPEC and non-OPEC Ministerial Meeting (OPEC+)"}, "OPEC+"},
		{brief.Series{Key: "adipec", Name: "ADIPEC (Abu Dhabi International Petroleum Exhibition and Conference)"}, "ADIPEC"},
		{brief.Series{Key: "wef-annual-meeting", Name: "World Economic Forum Annual Meeting"}, "WEF"},
		{drugSeries(), "Drug Control"},
		{brief.Series{Key: "doha-forum", Name: "Doha Forum"}, "Doha"},
		{brief.Series{Key: "arab-league-summit", Name: "Arab League Summit"}, "Arab League"},
		{brief.Series{Key: "g20-summit", Name: "G20 Summit"}, "G20"},
		// series found only in texts: the name's distinctive words
		{brief.Series{Key: "kirkuk-book-fair", Name: "Kirkuk International Book Fair"}, "Kirkuk Book"},
		{brief.Series{Key: "x", Name: "Annual Mesopotamian Poetry and Heritage Festival"}, "Mesopotamian …"},
		{brief.Series{Key: "x", Name: "مهرجان بابل الدولي"}, "بابل"},
		{brief.Series{Key: "x", Name: "منتدى بغداد الدولي للطاقة"}, "بغداد للطاقة"},
		{brief.Series{Key: "summit", Name: "Summit"}, "Summit"},
		{brief.Series{Key: "only-a-key"}, "only-a-key"},
	} {
		got := seriesLabel(tc.s, acr[tc.s.Key])
		if got != tc.want {
			t.Errorf("seriesLabel(%q) = %q, want %q", tc.s.Name, got, tc.want)
		}
		if w := ansi.StringWidth(got); w > seriesLabelWidth {
			t.Errorf("seriesLabel(%q) is %d cells wide", tc.s.Name, w)
		}
	}
}

// TestRowSeriesBadge: the badge names the series and the edition, and it
// is cut (the label, then the whole label) rather than pushed off a narrow
// row; the edition stays.
func TestRowSeriesBadge(t *testing.T) {
	var l listModel
	b := &brief.Brief{Title: "t", Series: drugSeries(), Edition: 3}
	r := l.rowOf(b)
	if got := badgeOf(r.series, r.edition); got != "[Drug Control 3rd]" {
		t.Errorf("badge = %q", got)
	}
	if got := badgeOf("", "3rd"); got != "[3rd]" {
		t.Errorf("badge without series = %q", got)
	}
	if got := badgeOf("Doha", ""); got != "[Doha]" {
		t.Errorf("badge without edition = %q", got)
	}
	th := newTheme(true, false)
	r = rowText{day: "2025-12-07", source: "Shafaq News", series: "Drug Control", edition: "3rd",
		user: "✎ #followup", countries: []string{"IQ", "IR", "KW", "LB"}}
	for w, want := range map[int]string{
		80: "[Drug Control 3rd]",
		55: "[Drug C… 3rd]",
		40: "[3rd]",
		20: "[3rd]",
	} {
		var sb strings.Builder
		for _, s := range metaSegments(r, w, &th.list) {
			sb.WriteString(s.text)
		}
		if !strings.Contains(sb.String(), want) {
			t.Errorf("width %d: %q has no %q", w, sb.String(), want)
		}
	}
}

// TestSeriesListGolden pins the list of briefs that belong to a series at
// the narrowest and a common size.
func TestSeriesListGolden(t *testing.T) {
	for _, sz := range [][2]int{{40, 12}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			bs := seedBriefs(t)
			for _, b := range bs {
				b.Series = drugSeries()
			}
			h := newHarness(t, library.New(stubExtractor{}, bs), sz[0], sz[1], true)
			frame := h.m.View().Content
			checkFrame(t, frame, sz[0], sz[1])
			golden.RequireEqual(t, ansi.Strip(frame))
		})
	}
}

// TestPickerSeriesEditions: the picker lists a series' editions under it,
// indented, with counts; space on one selects the series and the edition.
func TestPickerSeriesEditions(t *testing.T) {
	for _, sz := range [][2]int{{40, 12}, {100, 30}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			bs := seedBriefs(t)
			for _, b := range bs {
				b.Series = drugSeries()
			}
			h := newHarness(t, library.New(stubExtractor{}, bs), sz[0], sz[1], true)
			h.press("f")
			frame := h.m.View().Content
			checkFrame(t, frame, sz[0], sz[1])
			golden.RequireEqual(t, ansi.Strip(frame))
			h.press("j", "space")
			if got := h.m.query.String(); got != "series:baghdad-drug-conference edition:2" {
				t.Errorf("query %q", got)
			}
			if titles := h.titles(); len(titles) != 1 {
				t.Errorf("titles %q", titles)
			}
			h.press("space")
			if got := h.m.query.String(); got != "series:baghdad-drug-conference" {
				t.Errorf("query after untoggling %q", got)
			}
		})
	}
}
