package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// probe is an overlay that records what reaches it.
type probe struct {
	name          string
	where         placement
	width, height int
	keys          []string
	results       []string
	bound         key.Binding
}

type probeResult struct{ to string }

func (p *probe) setSize(w, h int)        { p.width, p.height = w, h }
func (p *probe) setTheme(*theme)         {}
func (p *probe) place() placement        { return p.where }
func (p *probe) lines() int              { return panelLines }
func (p *probe) bindings() []key.Binding { return []key.Binding{p.bound} }
func (p *probe) View() string {
	return padLines([]string{"probe " + p.name}, p.width, max(1, p.height))
}

func (p *probe) update(m *Model, msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		p.keys = append(p.keys, msg.String())
		if msg.String() == "esc" {
			m.pop(p)
		}
		return nil, true
	case probeResult:
		if msg.to != p.name {
			return nil, false
		}
		p.results = append(p.results, msg.to)
		return nil, true
	}
	return nil, false
}

func newProbe(name string, where placement) *probe {
	return &probe{name: name, where: where,
		bound: key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "probe "+name))}
}

// TestOverlayStack: push, key routing to the top only, results offered
// from the top down to whichever overlay they are for, pop (of the top,
// and of an overlay under another, which closes both), the help line from
// the top's bindings, and the base layer getting the keys back.
func TestOverlayStack(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	a, b := newProbe("a", atPanel), newProbe("b", atPane)
	h.m.push(a)
	h.press("j", "x")
	if h.m.list.cursor != 0 || strings.Join(a.keys, ",") != "j,x" {
		t.Fatalf("keys went past the overlay: cursor %d, a got %q", h.m.list.cursor, a.keys)
	}
	if !strings.Contains(h.screen(), "probe a") || !strings.Contains(h.screen(), "z probe a") {
		t.Errorf("panel or its help line missing:\n%s", h.screen())
	}
	if a.width != 80 || a.height != panelLines || h.m.bodyH != 24-1-2-panelLines {
		t.Errorf("panel sized %dx%d, body %d", a.width, a.height, h.m.bodyH)
	}
	h.m.push(b)
	h.press("k")
	if len(a.keys) != 2 || strings.Join(b.keys, ",") != "k" {
		t.Errorf("keys: a %q, b %q", a.keys, b.keys)
	}
	// a result for the overlay below reaches it through the one on top
	h.send(probeResult{to: "a"})
	if len(a.results) != 1 || len(b.results) != 0 {
		t.Errorf("results: a %q, b %q", a.results, b.results)
	}
	s := h.screen()
	if !strings.Contains(s, "probe a") || !strings.Contains(s, "probe b") || !strings.Contains(s, "z probe b") {
		t.Errorf("both overlays should be drawn, b's help shown:\n%s", s)
	}
	h.press("esc") // b closes itself
	if h.m.top() != overlay(a) {
		t.Fatalf("top after b closed: %T", h.m.top())
	}
	h.press("q")
	if h.quit || len(a.keys) != 3 {
		t.Errorf("q reached the base layer: quit %v, a %q", h.quit, a.keys)
	}
	// popping an overlay closes those above it
	h.m.push(b)
	h.m.pop(a)
	if len(h.m.stack) != 0 {
		t.Fatalf("stack %d after popping the lowest", len(h.m.stack))
	}
	h.press("j")
	if h.m.list.cursor != 1 {
		t.Errorf("the list did not get the key back")
	}
	// ctrl+c quits whatever is open
	h.m.push(newProbe("c", atBody))
	h.press("ctrl+c")
	if !h.quit {
		t.Error("ctrl+c did not quit past an overlay")
	}
}

// TestOverlaysResizeWhileOpen opens each overlay and resizes the window
// under it: it stays on top, gets the size of its place, and every frame
// fits.
func TestOverlaysResizeWhileOpen(t *testing.T) {
	opens := []struct {
		name string
		keys func(h *harness)
		want func(o overlay) bool
	}{
		{"search", func(h *harness) { h.press("/") }, func(o overlay) bool { _, ok := o.(*searchBox); return ok }},
		{"find", func(h *harness) { h.press("enter", "/") }, func(o overlay) bool { _, ok := o.(*findBox); return ok }},
		{"quote", func(h *harness) { h.press("enter", "v", "j") }, func(o overlay) bool { _, ok := o.(*quoteMode); return ok }},
		{"help", func(h *harness) { h.press("?", "j") }, func(o overlay) bool { _, ok := o.(*helpView); return ok }},
		{"tags", func(h *harness) { h.press("t"); h.typeText("a b") }, func(o overlay) bool { _, ok := o.(*tagEditor); return ok }},
		{"note", func(h *harness) { h.press("e"); h.typeText("draft") }, func(o overlay) bool { _, ok := o.(*noteEditor); return ok }},
		{"quit question", func(h *harness) { h.press("e"); h.typeText("draft"); h.press("ctrl+c") },
			func(o overlay) bool { _, ok := o.(*question); return ok }},
		{"export", func(h *harness) { h.press("/"); h.typeText("minister"); h.press("enter", "x") }, func(o overlay) bool { _, ok := o.(*exportPrompt); return ok }},
		{"metadata form", func(h *harness) { h.press("M", "tab"); h.typeText("INA") }, func(o overlay) bool { _, ok := o.(*metaForm); return ok }},
		{"orphaned notes", func(h *harness) { h.press("O") }, func(o overlay) bool { _, ok := o.(*orphansView); return ok }},
	}
	sizes := [][2]int{{140, 40}, {70, 20}, {29, 7}, {30, 8}, {200, 12}, {100, 30}}
	for _, o := range opens {
		t.Run(o.name, func(t *testing.T) {
			h, _ := newStoreHarness(t, seedLibrary(t), 100, 30, true)
			o.keys(h)
			top := h.m.top()
			if !o.want(top) {
				t.Fatalf("top is %T", top)
			}
			for _, sz := range sizes {
				h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
				if h.m.top() != top {
					t.Fatalf("%dx%d: top became %T", sz[0], sz[1], h.m.top())
				}
				frame := h.m.View().Content
				checkFrame(t, frame, sz[0], sz[1])
				if h.m.tooSmall() {
					continue
				}
				checkPlaced(t, h, top)
			}
		})
	}
}

// checkPlaced checks an overlay has the size of its place.
func checkPlaced(t *testing.T, h *harness, o overlay) {
	t.Helper()
	right := h.m.width
	if h.m.wide {
		right = h.m.width - h.m.listW - 1
	}
	var w, ht int
	switch o := o.(type) {
	case *quoteMode:
		w, ht = o.width, o.height
	case *noteEditor:
		w, ht = o.width, o.height
	case *helpView:
		w, ht = o.width, o.height
	case *tagEditor:
		w, ht = o.width, h.m.panelH
	case *exportPrompt:
		w, ht = o.width, h.m.panelH
	case *question:
		w, ht = o.width, h.m.panelH
	case *metaForm:
		w, ht = o.width, o.height
	case *orphansView:
		w, ht = o.width, o.height
	default:
		return
	}
	want := map[placement][2]int{
		atPane:  {right, h.m.bodyH},
		atBody:  {h.m.width, h.m.bodyH},
		atPanel: {h.m.width, min(panelLines, h.m.height-h.m.bodyTop-2)},
	}[o.place()]
	if w != want[0] || ht != want[1] {
		t.Errorf("%T at %dx%d is %dx%d, want %dx%d", o, h.m.width, h.m.height, w, ht, want[0], want[1])
	}
}

// TestBriefBoundOverlaysClose: the find box and quote mode belong to the
// brief shown; when the reader shows another (here: another process takes
// away the tag the list is filtered by), they close.
func TestBriefBoundOverlaysClose(t *testing.T) {
	for _, keys := range [][]string{{"/"}, {"v"}} {
		t.Run(keys[0], func(t *testing.T) {
			h, st := newStoreHarness(t, seedLibrary(t), 140, 40, true)
			nina, _ := seedIDs(h)
			mustAddTags(t, st, nina, "x")
			h.send(pollMsg{})
			h.press("/")
			h.typeText("-tag:y")
			h.press("enter", "tab")
			h.press(keys...)
			if len(h.m.stack) != 1 || h.m.reader.b.ID != nina {
				t.Fatalf("%q opened %d overlays on %s", keys, len(h.m.stack), h.m.reader.b.ID)
			}
			mustAddTags(t, st, nina, "y")
			h.send(pollMsg{})
			if h.m.reader.b.ID == nina {
				t.Fatal("the reader still shows the brief")
			}
			if len(h.m.stack) != 0 || h.m.reader.box.Focused() {
				t.Errorf("still open: %T (find box focused %v)", h.m.top(), h.m.reader.box.Focused())
			}
		})
	}
}

// TestHelpScrolls: the help takes the movement keys, G and End included
// (issue 11: they did nothing), and the wheel.
func TestHelpScrolls(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 12, true)
	h.press("?")
	hv, ok := h.m.top().(*helpView)
	if !ok {
		t.Fatalf("top %T", h.m.top())
	}
	h.press("G")
	if hv.offset == 0 || hv.offset != hv.maxOffset() {
		t.Errorf("G: offset %d, max %d", hv.offset, hv.maxOffset())
	}
	h.press("g")
	h.send(tea.MouseWheelMsg{X: 5, Y: 5, Button: tea.MouseWheelDown})
	if hv.offset != wheelStep {
		t.Errorf("wheel: offset %d", hv.offset)
	}
	h.press("esc")
	if len(h.m.stack) != 0 {
		t.Error("esc did not close the help")
	}
}
