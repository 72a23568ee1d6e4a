package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/library"
)

// Tests of issue 11: the reader as a daily user meets it. Each fails
// without its fix.

// manyLibrary is a library of n generated briefs.
func manyLibrary(t testing.TB, n int) *library.Library {
	t.Helper()
	return library.New(stubExtractor{}, generatedBriefs(t, n, 7, 300))
}

func wheelAt(x, y int, b tea.MouseButton) tea.MouseWheelMsg {
	return tea.MouseWheelMsg{X: x, Y: y, Button: b}
}

// Item 2: the wheel over the list scrolls the view past the screen; the
// selection stays on screen.
func TestWheelScrollsTheList(t *testing.T) {
	h := newHarness(t, manyLibrary(t, 60), 120, 30, true)
	for range 5 {
		h.send(wheelAt(5, 5, tea.MouseWheelDown))
	}
	l := h.m.list
	if l.offset != 5*wheelStep {
		t.Fatalf("after 5 wheel turns the list starts at %d, want %d", l.offset, 5*wheelStep)
	}
	if l.cursor < l.offset || l.cursor >= l.offset+l.rows() {
		t.Errorf("selection %d left the screen [%d,%d)", l.cursor, l.offset, l.offset+l.rows())
	}
	for range 100 {
		h.send(wheelAt(5, 5, tea.MouseWheelDown))
	}
	if l := h.m.list; l.offset != len(l.items)-l.rows() || l.cursor != l.offset {
		t.Errorf("at the end: offset %d cursor %d of %d (%d rows)", l.offset, l.cursor, len(l.items), l.rows())
	}
	for range 100 {
		h.send(wheelAt(5, 5, tea.MouseWheelUp))
	}
	if l := h.m.list; l.offset != 0 || l.cursor != l.rows()-1 {
		t.Errorf("back at the top: offset %d cursor %d", l.offset, l.cursor)
	}
}

// Item 10: G and End go to the bottom of every scrolling pane, the help
// included (whose bottom is its last line, not a blank page).
func TestBottomKeys(t *testing.T) {
	for _, k := range []string{"G", "end"} {
		t.Run(k, func(t *testing.T) {
			h := newHarness(t, manyLibrary(t, 40), 80, 24, true)
			h.send(keyMsg2(k))
			if l := h.m.list; l.cursor != len(l.items)-1 {
				t.Errorf("list: cursor %d of %d", l.cursor, len(l.items))
			}
			h.press("g", "?")
			h.send(keyMsg2(k))
			hv := h.m.top().(*helpView)
			s := h.screen()
			if hv.offset == 0 || !strings.Contains(s, "only after you answer") {
				t.Errorf("help: offset %d, last note not on screen:\n%s", hv.offset, s)
			}
			if n := len(helpContent(h.m.th, h.m.km, "", 80)); hv.offset != n-h.m.bodyH {
				t.Errorf("help offset %d, want %d", hv.offset, n-h.m.bodyH)
			}
		})
	}
}

// keyMsg2 is keyMsg knowing the end key.
func keyMsg2(k string) tea.KeyPressMsg {
	if k == "end" {
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	}
	if k == "home" {
		return tea.KeyPressMsg{Code: tea.KeyHome}
	}
	return keyMsg(k)
}

// Item 14: s then g before the sorted result arrives goes to the top of
// the new order.
func TestSortThenTopAppliesToTheNewOrder(t *testing.T) {
	h := newHarness(t, manyLibrary(t, 30), 80, 24, true)
	h.press("G")
	// s starts a search; g comes before its result
	nm, cmd := h.m.Update(keyMsg("s"))
	h.m = nm.(Model)
	nm, cmd2 := h.m.Update(keyMsg("g"))
	h.m = nm.(Model)
	h.run(tea.Batch(cmd, cmd2))
	if h.m.status.sort != "title" {
		t.Fatalf("sort %q", h.m.status.sort)
	}
	if h.m.list.cursor != 0 {
		t.Errorf("g during the sort: cursor %d, want the top of the new order", h.m.list.cursor)
	}
	// without a search running, the selection stays on its brief
	h.press("j", "j")
	want := h.m.list.selected().ID
	h.press("s")
	if got := h.m.list.selected().ID; got != want {
		t.Errorf("sorting moved the selection to another brief")
	}
}

// Gap: h/l and the arrows switch panes.
func TestLeftRightSwitchPanes(t *testing.T) {
	for _, keys := range [][2]string{{"l", "h"}, {"right", "left"}} {
		h := newHarness(t, seedLibrary(t), 120, 30, true)
		h.send(arrow(keys[0]))
		if h.m.focus != paneReader {
			t.Errorf("%s: focus %v, want the reader", keys[0], h.m.focus)
		}
		h.send(arrow(keys[1]))
		if h.m.focus != paneList {
			t.Errorf("%s: focus %v, want the list", keys[1], h.m.focus)
		}
		h.press("f", "h")
		if h.m.focus != paneList || !h.m.pickerOpen {
			t.Errorf("h from the picker: focus %v open %v", h.m.focus, h.m.pickerOpen)
		}
		h.send(arrow(keys[0]))
		if h.m.focus != panePicker {
			t.Errorf("%s with the picker open: focus %v", keys[0], h.m.focus)
		}
	}
	// narrow: l opens the brief, h goes back to the list
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	h.press("l")
	if !strings.Contains(h.screen(), "Source") {
		t.Errorf("l on a narrow terminal does not open the brief:\n%s", h.screen())
	}
	h.press("h")
	if h.m.focus != paneList {
		t.Errorf("h: focus %v", h.m.focus)
	}
}

func arrow(k string) tea.KeyPressMsg {
	switch k {
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	}
	return keyMsg(k)
}

// Gap: m marks and moves to the next brief.
func TestMarkAdvances(t *testing.T) {
	h := newHarness(t, manyLibrary(t, 5), 80, 24, true)
	h.press("m", "m")
	if len(h.m.marks) != 2 || h.m.list.cursor != 2 {
		t.Errorf("m m: %d marks, cursor %d", len(h.m.marks), h.m.list.cursor)
	}
}

// Gap: v in the list opens the brief in quote mode.
func TestQuoteFromTheList(t *testing.T) {
	h, _ := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	h.press("v")
	if !h.quoting() || h.m.focus != paneReader {
		t.Fatalf("v in the list: quoting %v focus %v\n%s", h.quoting(), h.m.focus, h.screen())
	}
}

// Gap: find says when it wraps.
func TestFindWrapsWithAMessage(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	h.press("enter", "/")
	h.typeText("drug")
	h.press("enter")
	n := len(h.m.reader.matches)
	if n < 2 {
		t.Fatalf("%d matches", n)
	}
	for range n - 1 - h.m.reader.cur {
		h.press("n")
	}
	if strings.Contains(h.m.status.msg, "wrapped") {
		t.Errorf("message before wrapping: %q", h.m.status.msg)
	}
	h.press("n")
	if h.m.reader.cur != 0 || !strings.Contains(h.m.status.msg, "wrapped to the top") {
		t.Errorf("after the last match: cur %d, message %q", h.m.reader.cur, h.m.status.msg)
	}
	h.press("N")
	if !strings.Contains(h.m.status.msg, "wrapped to the bottom") {
		t.Errorf("N from the first: %q", h.m.status.msg)
	}
}
