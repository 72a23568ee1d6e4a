package ui

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/library"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

const (
	ninaTitle   = "Interior Minister: Iraq Has Succeeded In Building An Advanced Security System To Combat The Scourge Of Drugs"
	shafaqTitle = "Iranian Interior Minister and Kuwaiti Interior Minister"
)

func hasTitle(titles []string, prefix string) bool {
	return slices.ContainsFunc(titles, func(s string) bool { return strings.HasPrefix(s, prefix) })
}

func TestStartShowsAllBriefsNewestFirst(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	got := h.titles()
	if len(got) != 2 || !strings.HasPrefix(got[0], "Interior Minister") || !strings.HasPrefix(got[1], shafaqTitle) {
		t.Fatalf("titles = %q", got)
	}
	s := h.screen()
	for _, want := range []string{"2 of 2", "sort: date", "NINA", "Shafaq News", "[3rd]", "IQ IR KW LB", "2025-12-07", "q quit"} {
		if !strings.Contains(s, want) {
			t.Errorf("start screen lacks %q:\n%s", want, s)
		}
	}
	if h.m.View().WindowTitle != "briefs" {
		t.Errorf("window title = %q", h.m.View().WindowTitle)
	}
}

func TestQueryEditionLeavesOnlyNINA(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	h.press("/")
	h.typeText("edition:3")
	if got := h.titles(); len(got) != 1 || got[0] != ninaTitle {
		t.Fatalf("edition:3 shows %q", got)
	}
	if s := h.screen(); !strings.Contains(s, "1 of 2") {
		t.Errorf("status lacks 1 of 2:\n%s", s)
	}
	h.press("enter")
	if h.searching() || h.m.query.String() != "edition:3" {
		t.Errorf("enter should keep the query: editing=%v query=%q", h.searching(), h.m.query.String())
	}
	// esc in the search box clears the query
	h.press("/", "esc")
	if len(h.titles()) != 2 || h.m.filter.value() != "" {
		t.Errorf("esc should clear the query: %q, %d shown", h.m.filter.value(), len(h.titles()))
	}
}

func TestQueryCountryKuwaitLeavesOnlyShafaq(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 140, 40, true)
	h.press("/")
	h.typeText("country:kuwait")
	got := h.titles()
	if len(got) != 1 || !strings.HasPrefix(got[0], shafaqTitle) {
		t.Fatalf("country:kuwait shows %q", got)
	}
	// the reader follows the selection on wide terminals
	if h.m.reader.b == nil || h.m.reader.b.Source != "Shafaq News" {
		t.Errorf("reader shows %+v", h.m.reader.b)
	}
	if s := h.screen(); !strings.Contains(s, "KW Kuwait") {
		t.Errorf("reader header lacks the country names:\n%s", s)
	}
}

func TestFullQueryLanguage(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	cases := []struct {
		q    string
		want int
	}{
		{`edition:3 country:kuwait`, 0},
		{`country:IQ "border"`, 1},
		{`country:iraq -source:nina`, 1},
		{`vahidi`, 1},
		{`date:2024`, 1},
		{`edition:2 edition:3`, 2},
		{`-tag:done`, 2},
	}
	for _, c := range cases {
		h.press("/", "esc", "/")
		h.typeText(c.q)
		h.press("enter")
		if h.m.filter.err != "" {
			t.Errorf("%s: unexpected error %q", c.q, h.m.filter.err)
		}
		if got := len(h.titles()); got != c.want {
			t.Errorf("%s: %d briefs, want %d", c.q, got, c.want)
		}
	}
}

func TestMalformedQueryShowsMessage(t *testing.T) {
	for _, q := range []string{`edition:x`, `"unbalanced`, `colour:red`, `country:narnia`, `date:2024-13`} {
		t.Run(q, func(t *testing.T) {
			h := newHarness(t, seedLibrary(t), 80, 24, true)
			h.press("/")
			h.send(tea.PasteMsg{Content: q})
			if h.m.filter.err == "" {
				t.Fatalf("no message for %q", q)
			}
			s := h.screen()
			if !strings.Contains(s, "✗") {
				t.Errorf("no inline message on screen:\n%s", s)
			}
			if len(h.titles()) != 2 && q != `date:2024-13` {
				// the list keeps its last good result
				t.Errorf("list changed on a malformed query: %d", len(h.titles()))
			}
			// fixing the query clears the message
			h.press("esc")
			if h.m.filter.err != "" {
				t.Errorf("message stays after esc: %q", h.m.filter.err)
			}
		})
	}
}

func TestFacetTogglesChangeCounts(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 140, 40, true)
	h.press("f")
	if !h.m.pickerOpen || h.m.focus != panePicker {
		t.Fatal("f does not open the picker")
	}
	count := func(field, value string) (int, bool) {
		for _, r := range h.m.picker.rows {
			if !r.isHeader() && r.fv.Field == field && r.fv.Value == value {
				return r.fv.Count, r.fv.Active
			}
		}
		t.Fatalf("no facet %s:%s", field, value)
		return 0, false
	}
	if n, _ := count("edition", "3"); n != 1 {
		t.Errorf("edition 3 count %d", n)
	}
	// move to KW and toggle it
	for i := 0; i < 20; i++ {
		if fv, _ := h.m.picker.selected(); fv.Field == "country" && fv.Value == "KW" {
			break
		}
		h.press("j")
	}
	h.press("space")
	if h.m.filter.value() != "country:KW" {
		t.Errorf("the toggle did not write its term: %q", h.m.filter.value())
	}
	if got := h.titles(); len(got) != 1 || !strings.HasPrefix(got[0], shafaqTitle) {
		t.Errorf("country:KW shows %q", got)
	}
	if n, active := count("country", "KW"); !active || n != 1 {
		t.Errorf("KW: count %d active %v", n, active)
	}
	if n, _ := count("edition", "3"); n != 0 {
		t.Errorf("with KW the 3rd edition count should be 0, is %d", n)
	}
	if n, _ := count("edition", "2"); n != 1 {
		t.Errorf("with KW the 2nd edition count should be 1, is %d", n)
	}
	// same facet values are ORed: add IQ
	for i := 0; i < 20; i++ {
		if fv, _ := h.m.picker.selected(); fv.Value == "IQ" {
			break
		}
		h.press("k")
	}
	h.press("space")
	if got := len(h.titles()); got != 2 {
		t.Errorf("KW or IQ shows %d briefs", got)
	}
	// facets are ANDed: add edition 3
	h.press("g", "j")
	if fv, _ := h.m.picker.selected(); fv.Value != "3" {
		h.press("k")
	}
	h.press("space")
	if got := h.titles(); len(got) != 1 || got[0] != ninaTitle {
		t.Errorf("(KW or IQ) and edition 3 shows %q (query %q)", got, h.m.query.String())
	}
	// untoggle everything with c
	h.press("c")
	if len(h.titles()) != 2 || h.m.filter.value() != "" {
		t.Errorf("c should clear the filters")
	}
	// the search box and the picker are one query
	h.press("esc", "/")
	h.typeText("edition:2")
	h.press("enter")
	if _, active := count("edition", "2"); !active {
		t.Errorf("typing edition:2 does not tick the picker")
	}
}

func TestFindInReader(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	h.press("j", "enter")
	if h.m.focus != paneReader || h.m.reader.b == nil || h.m.reader.b.Source != "Shafaq News" {
		t.Fatalf("enter did not open the Shafaq brief")
	}
	h.press("/")
	h.typeText("Vahidi")
	h.press("enter")
	if len(h.m.reader.matches) == 0 {
		t.Fatalf("Vahidi not found; plain lines:\n%s", strings.Join(h.m.reader.plain, "\n"))
	}
	if s := h.screen(); !strings.Contains(s, "Vahidi") || !strings.Contains(s, "1 of ") {
		t.Errorf("screen lacks the match:\n%s", s)
	}
	// a word further down: n and N move between matches and scroll
	h.press("/")
	for range 6 {
		h.press("backspace")
	}
	h.typeText("the")
	h.press("enter")
	n := len(h.m.reader.matches)
	if n < 3 {
		t.Fatalf("only %d matches for 'the'", n)
	}
	first := h.m.reader.cur
	h.press("n")
	if h.m.reader.cur != (first+1)%n {
		t.Errorf("n: cur %d, want %d", h.m.reader.cur, (first+1)%n)
	}
	h.press("N", "N")
	if h.m.reader.cur != (first-1+n)%n {
		t.Errorf("N: cur %d", h.m.reader.cur)
	}
	h.press("G")
	last := h.m.reader.offset
	h.press("g", "n")
	line := h.m.reader.matches[h.m.reader.cur].line
	if line < h.m.reader.offset || line >= h.m.reader.offset+h.m.reader.viewHeight() {
		t.Errorf("match line %d not on screen (offset %d, bottom offset %d)", line, h.m.reader.offset, last)
	}
	// esc clears the find, esc again goes back to the list
	h.press("esc")
	if h.m.reader.query != "" {
		t.Errorf("esc kept the find query")
	}
	h.press("esc")
	if h.m.focus != paneList {
		t.Errorf("esc did not go back to the list")
	}
}

func TestSortCycles(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	want := []string{"title", "edition", "source", "date"}
	for _, w := range want {
		h.press("s")
		if h.m.status.sort != w || !strings.Contains(h.screen(), "sort: "+w) {
			t.Errorf("sort = %q, want %q", h.m.status.sort, w)
		}
		if w == "title" && !strings.HasPrefix(h.titles()[0], "Interior") {
			t.Errorf("title order: %q", h.titles())
		}
		if w == "source" && h.m.lib.Brief(h.m.list.items[0]).Source != "NINA" {
			t.Errorf("source order: %q", h.titles())
		}
	}
}

func TestNarrowAndWideNavigation(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 70, 24, true)
	if h.m.wide {
		t.Fatal("70 columns should be narrow")
	}
	h.press("j", "enter")
	if !strings.Contains(h.screen(), "Dateline") && !strings.Contains(h.screen(), "Shafaq News") {
		t.Errorf("reader not full screen:\n%s", h.screen())
	}
	h.press("esc")
	if h.m.focus != paneList || !strings.Contains(h.screen(), "2 of 2") {
		t.Errorf("esc did not go back")
	}
	h.press("tab")
	if h.m.focus != paneReader {
		t.Errorf("tab did not move the focus")
	}
	h.press("tab")
	// resize to wide: both panes at once
	h.send(tea.WindowSizeMsg{Width: 140, Height: 40})
	s := h.screen()
	if !h.m.wide || !strings.Contains(s, "│") || !strings.Contains(s, "Source") {
		t.Errorf("wide layout missing:\n%s", s)
	}
	if w := h.m.reader.body.key.width; w != h.m.reader.contentWidth() {
		t.Errorf("reader body rendered at %d, pane is %d", w, h.m.reader.contentWidth())
	}
}

func TestMouse(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 140, 40, true)
	// second brief: rows of two lines under a one-line filter bar
	h.send(tea.MouseClickMsg{X: 5, Y: 1 + rowHeight, Button: tea.MouseLeft})
	if h.m.list.cursor != 1 {
		t.Fatalf("click did not select: cursor %d", h.m.list.cursor)
	}
	if h.m.reader.b == nil || h.m.reader.b.Source != "Shafaq News" {
		t.Errorf("reader does not follow the click")
	}
	h.send(tea.MouseWheelMsg{X: 100, Y: 10, Button: tea.MouseWheelDown})
	if h.m.reader.offset != wheelStep {
		t.Errorf("wheel over the reader: offset %d", h.m.reader.offset)
	}
	h.send(tea.MouseWheelMsg{X: 5, Y: 10, Button: tea.MouseWheelDown})
	if h.m.reader.offset != wheelStep {
		t.Errorf("wheel over the list moved the reader")
	}
	h.send(tea.MouseWheelMsg{X: 100, Y: 10, Button: tea.MouseWheelUp})
	if h.m.reader.offset != 0 {
		t.Errorf("wheel up: offset %d", h.m.reader.offset)
	}
}

func TestTinyTerminals(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	for _, sz := range [][2]int{{1, 1}, {0, 0}, {2, 1}, {29, 8}, {30, 7}, {30, 8}, {5, 40}, {300, 2}, {1000, 1000}} {
		h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		s := h.m.View().Content
		lines := strings.Split(s, "\n")
		if sz[0] > 0 && sz[1] > 0 && len(lines) != sz[1] {
			t.Errorf("%dx%d: %d lines", sz[0], sz[1], len(lines))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > sz[0] {
				t.Errorf("%dx%d: line %d is %d wide", sz[0], sz[1], i, w)
			}
		}
		h.press("j", "enter", "/", "x", "esc", "f", "space", "?", "esc")
	}
}

func TestLoadFailureAndWarnings(t *testing.T) {
	m := New(Options{Load: func(context.Context) (*library.Library, []library.Warning, error) {
		return nil, nil, errors.New("disk on fire")
	}})
	h := &harness{t: t, m: m}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.run(m.loadCmd())
	if s := h.screen(); !strings.Contains(s, "disk on fire") || !strings.Contains(s, "Could not load") {
		t.Errorf("load error not shown:\n%s", s)
	}
	h.press("j", "/", "f") // nothing to act on, nothing breaks
	lib := seedLibrary(t)
	m = New(Options{Load: func(context.Context) (*library.Library, []library.Warning, error) {
		return lib, []library.Warning{{Path: "x.txt", Err: errors.New("bad bytes")}}, nil
	}})
	m.flashDur = 0
	h = &harness{t: t, m: m}
	h.run(m.loadCmd())
	if !strings.Contains(h.m.status.msg, "x.txt") {
		t.Errorf("warning not shown: %q", h.m.status.msg)
	}
}

// TestProgramFlow runs the real program loop (teatest) through a query and
// a quit.
func TestProgramFlow(t *testing.T) {
	tm := teatest.NewTestModel(t, New(libOptions(seedLibrary(t))), teatest.WithInitialTermSize(100, 30))
	// (keys typed while loading are applied: TestStreamKeysAndRefine; here
	// the list is waited for)
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("2 of 2")) },
		teatest.WithDuration(10*time.Second))
	tm.Send(keyMsg("/"))
	tm.Type("edition:3")
	tm.Send(keyMsg("enter"))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("1 of 2")) },
		teatest.WithDuration(10*time.Second))
	tm.Send(keyMsg("q"))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
	if fm.query.String() != "edition:3" || len(fm.list.items) != 1 {
		t.Errorf("final query %q, %d shown", fm.query.String(), len(fm.list.items))
	}
	if fm.lib.Brief(fm.list.items[0]).Source != "NINA" {
		t.Errorf("final list: %v", fm.list.items)
	}
}
