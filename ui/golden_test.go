package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// TestGolden pins the views at 80x24 and 140x40, dark and light. The
// golden files hold the frames without escape sequences (colours depend on
// the terminal); that the frames are styled is checked separately.
func TestGolden(t *testing.T) {
	scenes := []struct {
		name string
		keys func(h *harness)
	}{
		{"start", func(h *harness) {}},
		{"filtered", func(h *harness) {
			h.press("/")
			h.typeText("country:kuwait")
			h.press("enter")
		}},
		{"malformed", func(h *harness) {
			h.press("/")
			h.send(tea.PasteMsg{Content: "edition:x"})
		}},
		{"picker", func(h *harness) { h.press("f", "j", "space") }},
		{"reader", func(h *harness) { h.press("j", "enter") }},
		{"reader_find", func(h *harness) {
			h.press("j", "enter", "/")
			h.typeText("vahidi")
			h.press("enter")
		}},
		{"help", func(h *harness) { h.press("?") }},
	}
	sizes := [][2]int{{80, 24}, {140, 40}}
	for _, sc := range scenes {
		for _, sz := range sizes {
			for _, dark := range []bool{true, false} {
				theme := "dark"
				if !dark {
					theme = "light"
				}
				t.Run(fmt.Sprintf("%s_%dx%d_%s", sc.name, sz[0], sz[1], theme), func(t *testing.T) {
					h := newHarness(t, seedLibrary(t), sz[0], sz[1], dark)
					sc.keys(h)
					frame := h.m.View().Content
					if !strings.Contains(frame, "\x1b[") {
						t.Error("frame is not styled")
					}
					checkFrame(t, frame, sz[0], sz[1])
					golden.RequireEqual(t, ansi.Strip(frame))
				})
			}
		}
	}
	for _, dark := range []bool{true, false} {
		t.Run(fmt.Sprintf("tiny_%v", dark), func(t *testing.T) {
			h := newHarness(t, seedLibrary(t), 26, 6, dark)
			frame := h.m.View().Content
			checkFrame(t, frame, 26, 6)
			golden.RequireEqual(t, ansi.Strip(frame))
		})
	}
}

// checkFrame asserts a frame has exactly h lines of at most w cells.
func checkFrame(t *testing.T, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) != h {
		t.Errorf("frame has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line %d is %d cells wide, want at most %d: %q", i, n, w, ansi.Strip(l))
		}
	}
}

// TestNoColor: NO_COLOR gives frames without colours (attributes only) and
// the notty Glamour style.
func TestNoColor(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 100, 30, true)
	h.send(tea.EnvMsg{"NO_COLOR=1"})
	h.press("j", "enter")
	if h.m.th.glamourStyle() != "notty" {
		t.Errorf("glamour style %q", h.m.th.glamourStyle())
	}
	frame := h.m.View().Content
	for _, seq := range []string{"38;2;", "48;2;", "38;5;", "48;5;"} {
		if strings.Contains(frame, seq) {
			t.Errorf("NO_COLOR frame holds colour %q", seq)
		}
	}
	if !strings.Contains(ansi.Strip(frame), "Vahidi") {
		t.Errorf("reader empty under NO_COLOR:\n%s", ansi.Strip(frame))
	}
}
