package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/library"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// goldenSizes are the terminal sizes every screen is pinned at.
var goldenSizes = [][2]int{{80, 24}, {140, 40}, {250, 60}, {40, 12}}

// goldenThemes are the backgrounds every screen is pinned on: dark, light,
// and NO_COLOR.
var goldenThemes = []string{"dark", "light", "nocolor"}

// themedHarness is newHarness on a background of goldenThemes.
func themedHarness(t testing.TB, lib *library.Library, w, h int, theme string) *harness {
	t.Helper()
	hs := newHarness(t, lib, w, h, theme != "light")
	if theme == "nocolor" {
		hs.send(tea.EnvMsg{"NO_COLOR=1"})
	}
	return hs
}

// TestGolden pins the views at goldenSizes on goldenThemes. The golden
// files hold the frames without escape sequences (colours depend on the
// terminal); that the frames are styled is checked separately.
func TestGolden(t *testing.T) {
	scenes := []struct {
		name string
		keys func(h *harness)
		opt  func(t testing.TB) Options // nil: the seeds
	}{
		{"start", func(h *harness) {}, nil},
		{"filtered", func(h *harness) {
			h.press("/")
			h.typeText("country:kuwait")
			h.press("enter")
		}, nil},
		{"malformed", func(h *harness) {
			h.press("/")
			h.send(tea.PasteMsg{Content: "edition:x"})
		}, nil},
		{"picker", func(h *harness) { h.press("f", "j", "space") }, nil},
		{"reader", func(h *harness) { h.press("j", "enter") }, nil},
		{"reader_find", func(h *harness) {
			h.press("j", "enter", "/")
			h.typeText("vahidi")
			h.press("enter")
		}, nil},
		{"help", func(h *harness) { h.press("?") }, nil},
		// issue 11 item 5: enter on a query with a mistake keeps the box
		// open, the message whole, and no results of another query
		{"invalid_enter", func(h *harness) {
			h.press("/")
			h.typeText("edition:2 edition:")
			h.press("enter")
		}, nil},
		// item 8: empty states say what is empty and why
		{"no_match", func(h *harness) {
			h.press("/")
			h.typeText("country:lb edition:3")
			h.press("enter")
		}, nil},
		{"empty_folder", func(h *harness) {}, emptyOptions},
		// gap: the first run says how to add folders (status bar, help)
		{"first_run", func(h *harness) {}, firstRunOptions},
		{"first_run_help", func(h *harness) { h.press("?", "G") }, firstRunOptions},
	}
	for _, sc := range scenes {
		for _, sz := range goldenSizes {
			for _, theme := range goldenThemes {
				t.Run(fmt.Sprintf("%s_%dx%d_%s", sc.name, sz[0], sz[1], theme), func(t *testing.T) {
					var h *harness
					if sc.opt != nil {
						h = themedStart(t, sc.opt(t), sz[0], sz[1], theme)
					} else {
						h = themedHarness(t, seedLibrary(t), sz[0], sz[1], theme)
					}
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

// themedStart is startHarness on a background of goldenThemes.
func themedStart(t testing.TB, opt Options, w, h int, theme string) *harness {
	t.Helper()
	hs := startHarness(t, opt, w, h, theme != "light")
	if theme == "nocolor" {
		hs.send(tea.EnvMsg{"NO_COLOR=1"})
	}
	return hs
}

// emptyOptions load nothing from a folder holding one unreadable file.
func emptyOptions(testing.TB) Options {
	return Options{
		Folders: []string{"/srv/dumps"},
		Load: func(context.Context) (*library.Library, []library.Warning, error) {
			return library.New(stubExtractor{}, nil),
				[]library.Warning{{Path: "/srv/dumps/report.txt", Err: errors.New("binary file (NUL bytes)")}}, nil
		},
	}
}

// firstRunOptions are the seeds with no folder configured.
func firstRunOptions(t testing.TB) Options {
	o := libOptions(seedLibrary(t))
	o.FirstRun, o.ConfigPath = true, "~/.config/briefs/config.yaml"
	return o
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
