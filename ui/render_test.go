package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/library"
	"github.com/charmbracelet/x/ansi"
)

func TestRenderCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newRenderCache()
	key := func(i int) renderKey { return renderKey{id: fmt.Sprint("b", i), width: 80, style: "dark"} }
	for i := range maxCached {
		c.put(renderedMsg{key: key(i), lines: []string{fmt.Sprint("body ", i)}})
	}
	// use the oldest: it becomes the most recent
	if lines, _, ok := c.get(key(0)); !ok || lines[0] != "body 0" {
		t.Fatalf("get(0) = %q, %v", lines, ok)
	}
	c.put(renderedMsg{key: key(maxCached), lines: []string{"new"}})
	if c.len() != maxCached {
		t.Errorf("%d cached, want %d", c.len(), maxCached)
	}
	if _, _, ok := c.get(key(1)); ok {
		t.Error("the least recently used render (1) was kept")
	}
	for _, i := range []int{0, 2, maxCached / 2, maxCached - 1, maxCached} {
		if _, _, ok := c.get(key(i)); !ok {
			t.Errorf("render %d evicted", i)
		}
	}
	// a request for a cached render starts nothing; one in flight for the
	// same brief at another width holds back the next until it is back
	if c.request(key(0), seedBriefs(t)[0], nil) != nil {
		t.Error("cached render requested again")
	}
	k := renderKey{id: "x", width: 50, style: "dark"}
	if c.requestText(k, "# x") == nil {
		t.Fatal("no render started")
	}
	k2 := k
	k2.width = 60
	if c.requestText(k2, "# x") != nil {
		t.Error("a second render of the same brief started while one is in flight")
	}
	c.done(k)
	if c.requestText(k2, "# x") == nil {
		t.Error("no render after the one in flight came back")
	}
}

// counter records the renders the commands of a burst perform.
type counter struct {
	renders []renderKey
}

// runCounting runs cmds as the program would (every command's message fed
// back to Update, breadth first), recording the renders.
func (c *counter) runCounting(h *harness, cmds []tea.Cmd) {
	h.t.Helper()
	queue := slices.Clone(cmds)
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			h.t.Fatal("commands do not settle")
		}
		cmd := queue[0]
		queue = queue[1:]
		if cmd == nil {
			continue
		}
		msg := cmd()
		switch msg := msg.(type) {
		case nil:
			continue
		case tea.BatchMsg:
			queue = append(queue, msg...)
			continue
		case renderedMsg:
			c.renders = append(c.renders, msg.key)
		}
		nm, next := h.m.Update(msg)
		h.m = nm.(Model)
		queue = append(queue, next)
	}
}

// TestResizeBurstRendersOnlyFinalWidth drags the window over 50 widths
// (all the resize messages arrive before any render finishes, as in a
// fast drag): the brief shown is rendered at the final width once, at
// most one render was under way meanwhile, and the neighbours are
// rendered at the final width only, after the size settled.
func TestResizeBurstRendersOnlyFinalWidth(t *testing.T) {
	bs := append(seedBriefs(t), generatedBriefs(t, 8, 11, 700)...)
	h := newHarness(t, library.New(stubExtractor{}, bs), 140, 40, true)
	h.press("j", "j", "j", "enter") // a brief with neighbours both sides, reader focused
	shown := h.m.list.selected().ID
	before := h.m.cache.len()

	var cmds []tea.Cmd
	for w := 150; w < 200; w++ {
		nm, cmd := h.m.Update(tea.WindowSizeMsg{Width: w, Height: 40})
		h.m = nm.(Model)
		cmds = append(cmds, cmd)
	}
	if !h.m.resizing {
		t.Fatal("not waiting for the size to settle")
	}
	final := h.m.reader.contentWidth()
	var c counter
	c.runCounting(h, cmds)

	var atFinal, stale, shownAtFinal int
	neighbours := map[string]bool{}
	for _, k := range c.renders {
		switch {
		case k.width != final:
			stale++
		case k.id == shown:
			shownAtFinal++
			atFinal++
		default:
			neighbours[k.id] = true
			atFinal++
		}
	}
	if shownAtFinal != 1 {
		t.Errorf("the brief shown was rendered %d times at the final width", shownAtFinal)
	}
	if stale > 1 {
		t.Errorf("%d renders at passing widths (at most the one started first)", stale)
	}
	if len(neighbours) != 3 || atFinal != 4 {
		t.Errorf("neighbours rendered %v, %d renders at the final width: %v", neighbours, atFinal, c.renders)
	}
	if h.m.resizing {
		t.Error("still resizing after the settle message")
	}
	// the stale render was dropped, not cached; the reader shows the final width
	for _, k := range c.renders {
		if _, _, ok := h.m.cache.get(k); ok != (k.width == final) {
			t.Errorf("render %+v cached = %v", k, ok)
		}
	}
	if h.m.cache.len() != before+4 {
		t.Errorf("cache grew from %d to %d, want +4", before, h.m.cache.len())
	}
	if h.m.reader.body.key.width != final || len(h.m.reader.wants()) > 0 {
		t.Errorf("reader shows width %d, want %d", h.m.reader.body.key.width, final)
	}
	frame := h.m.View().Content
	checkFrame(t, frame, 199, 40)
	if !strings.Contains(ansi.Strip(frame), "Source") {
		t.Errorf("reader not shown:\n%s", ansi.Strip(frame))
	}

	// a resize alone renders the brief shown at once, the neighbours after
	// the settle message only
	nm, cmd := h.m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	h.m = nm.(Model)
	var settle []tea.Cmd
	var c2 counter
	for _, m := range flatten(cmd) {
		if _, ok := m.(settledMsg); ok {
			settle = append(settle, func() tea.Msg { return m })
			continue
		}
		c2.runCounting(h, []tea.Cmd{func() tea.Msg { return m }})
	}
	if len(c2.renders) != 1 || c2.renders[0].id != shown || len(settle) != 1 {
		t.Fatalf("before settling: renders %v, settle messages %d", c2.renders, len(settle))
	}
	var c3 counter
	c3.runCounting(h, settle)
	if len(c3.renders) != 3 {
		t.Errorf("after settling: renders %v", c3.renders)
	}
}

// flatten runs a command and its batches, returning the messages.
func flatten(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, flatten(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

// TestNoNeighbourRendersWhileLoading: while the collection loads, moving
// renders the brief shown only (the neighbours' renders would take the
// cores loading needs); once it is loaded, the neighbours are rendered.
func TestNoNeighbourRendersWhileLoading(t *testing.T) {
	bs := append(seedBriefs(t), generatedBriefs(t, 8, 11, 700)...)
	lib := library.New(stubExtractor{}, bs)
	h := newHarness(t, lib, 140, 40, true)
	step := func(msg tea.Msg) []renderKey {
		nm, cmd := h.m.Update(msg)
		h.m = nm.(Model)
		var c counter
		c.runCounting(h, []tea.Cmd{cmd})
		return c.renders
	}
	h.m.status.loading = true // a loader still sending (the harness's has returned)
	for range 4 {
		renders := step(keyMsg("j"))
		shown := h.m.list.selected().ID
		if len(renders) > 1 || len(renders) == 1 && renders[0].id != shown {
			t.Fatalf("while loading, moving rendered %v (want the brief shown, %s, at most)", renders, shown)
		}
	}
	renders := step(streamMsg{library.Update{Lib: library.New(stubExtractor{}, bs), Found: 20, Loaded: 20, Done: true}})
	ids := map[string]bool{}
	for _, k := range renders {
		ids[k.id] = true
	}
	next, after := h.m.list.briefAt(h.m.list.cursor+1).ID, h.m.list.briefAt(h.m.list.cursor+2).ID
	if len(renders) != 2 || !ids[next] || !ids[after] {
		t.Errorf("once loaded: renders %v (want the next two briefs, not rendered yet)", renders)
	}
}
