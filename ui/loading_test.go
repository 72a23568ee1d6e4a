package ui

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
)

// TestStreamKeysAndRefine runs the real program loop on a loader that
// sends the collection in two steps, each when the test says: keys typed
// before anything is shown (a search) are applied once rows are, the
// status bar shows the progress, and the search refines when the rest
// arrives.
func TestStreamKeysAndRefine(t *testing.T) {
	bs := seedBriefs(t)
	shafaqOnly := library.New(stubExtractor{}, []*brief.Brief{bs[1]})
	full := library.New(stubExtractor{}, bs)
	gate := make(chan struct{})
	opt := Options{Stream: func(ctx context.Context, send func(library.Update)) error {
		<-gate
		send(library.Update{Lib: shafaqOnly, Found: 2, Loaded: 1})
		<-gate
		send(library.Update{Lib: full, Found: 2, Loaded: 2, Done: true})
		return nil
	}}
	tm := teatest.NewTestModel(t, New(opt), teatest.WithInitialTermSize(100, 30))
	// typed before anything is loaded
	tm.Send(keyMsg("/"))
	tm.Type("edition:3")
	tm.Send(keyMsg("enter"))
	gate <- struct{}{}
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("indexed 1"))
	}, teatest.WithDuration(10*time.Second))
	gate <- struct{}{}
	// (the renderer writes only the cells that change: the NINA brief's
	// title is looked for, and the counts checked on the final model)
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Interior Minister")) },
		teatest.WithDuration(10*time.Second))
	tm.Send(keyMsg("q"))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
	if fm.query.String() != "edition:3" || len(fm.list.items) != 1 || fm.list.selected().Source != "NINA" {
		t.Errorf("final query %q, %d shown", fm.query.String(), len(fm.list.items))
	}
	if fm.status.shown != 1 || fm.status.total != 2 {
		t.Errorf("status %d of %d", fm.status.shown, fm.status.total)
	}
	if fm.status.loading || fm.status.progress != "" {
		t.Errorf("still loading: %q", fm.status.progress)
	}
}

// TestNewCollectionKeepsSelection: a newer collection (a brief added at
// the top, the selected one edited) keeps the selected brief selected, and
// the reader on it.
func TestNewCollectionKeepsSelection(t *testing.T) {
	bs := seedBriefs(t)
	h := newHarness(t, library.New(stubExtractor{}, bs), 120, 40, true)
	h.press("j")
	sel := h.m.list.selected()
	if sel == nil || sel.ID != bs[1].ID {
		t.Fatalf("selected %v", sel)
	}
	newer := &brief.Brief{ID: "aaaaaaaaaaaa", Title: "A newer brief", Body: "text", Path: "new.txt",
		Published: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	h.send(streamMsg{library.Update{Lib: library.New(stubExtractor{}, append([]*brief.Brief{newer}, bs...)), Done: true}})
	if got := h.m.list.selected(); got == nil || got.ID != sel.ID || h.m.list.cursor != 2 {
		t.Fatalf("after a brief was added: selected %v at %d", got, h.m.list.cursor)
	}
	// the selected brief edited: another ID, the same path
	edited := *bs[1]
	edited.ID, edited.Title = "bbbbbbbbbbbb", "Edited title"
	h.send(streamMsg{library.Update{Lib: library.New(stubExtractor{}, []*brief.Brief{newer, bs[0], &edited}), Done: true}})
	if got := h.m.list.selected(); got == nil || got.ID != edited.ID {
		t.Fatalf("after an edit: selected %v", got)
	}
	if s := h.screen(); !strings.Contains(s, "Edited title") || !strings.Contains(s, "3 of 3") {
		t.Errorf("screen after the edit:\n%s", s)
	}
}

// TestLoadingGolden pins the screen while the collection loads: the
// briefs known so far listed, the status bar with the spinner and
// "indexed 43,210 of 100,000", at goldenSizes on goldenThemes. The real
// program loop runs (the loader keeps loading until the test quits); the
// spinner's frame is fixed before the frame is drawn.
func TestLoadingGolden(t *testing.T) {
	bs := seedBriefs(t)
	part := library.New(stubExtractor{}, bs)
	for _, sz := range goldenSizes {
		for _, theme := range goldenThemes {
			t.Run(fmt.Sprintf("%dx%d_%s", sz[0], sz[1], theme), func(t *testing.T) {
				opt := Options{Stream: func(ctx context.Context, send func(library.Update)) error {
					send(library.Update{Lib: part, Found: 100000, Loaded: 43210})
					<-ctx.Done()
					return ctx.Err()
				}}
				tm := teatest.NewTestModel(t, New(opt), teatest.WithInitialTermSize(sz[0], sz[1]))
				switch theme {
				case "light":
					tm.Send(tea.BackgroundColorMsg{Color: color.White})
				case "nocolor":
					tm.Send(tea.EnvMsg{"NO_COLOR=1"})
				}
				wide := sz[0] >= 100 // the reader beside the list: its render is waited for too
				var seen []byte
				teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
					seen = append(seen, b...)
					return bytes.Contains(seen, []byte("indexed")) && bytes.Contains(seen, []byte("Interior Minister")) &&
						(!wide || bytes.Contains(seen, []byte("Shammari")))
				}, teatest.WithDuration(10*time.Second))
				tm.Send(keyMsg("q"))
				fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
				if !fm.status.loading || fm.status.shown != 2 {
					t.Fatalf("loading %v, %d shown", fm.status.loading, fm.status.shown)
				}
				fm.status.spinner = "⣾"
				frame := fm.View().Content
				checkFrame(t, frame, sz[0], sz[1])
				golden.RequireEqual(t, ansi.Strip(frame))
			})
		}
	}
}

// TestCheckingStatus: while the folders are checked for changes, the whole
// collection the index knows is listed and the status bar says what goes
// on (not "indexed N of N").
func TestCheckingStatus(t *testing.T) {
	bs := seedBriefs(t)
	h := newHarness(t, library.New(stubExtractor{}, bs[:1]), 120, 30, true)
	h.m.status.loading = true // a loader still sending (the harness's has returned)
	nm, _ := h.m.Update(streamMsg{library.Update{Lib: library.New(stubExtractor{}, bs), Found: 2, Loaded: 2, Checking: true}})
	h.m = nm.(Model)
	if s := h.screen(); !strings.Contains(s, "checking for changes") || strings.Contains(s, "indexed") {
		t.Errorf("status while checking:\n%s", s)
	}
}

// TestHeadStatus: while only the last session's first screen is shown
// (the index being read), the status bar gives the rows shown, not a
// total it does not know yet.
func TestHeadStatus(t *testing.T) {
	bs := seedBriefs(t)
	h := newHarness(t, library.New(stubExtractor{}, bs), 120, 30, true)
	h.m.status.loading = true // a loader still sending (the harness's has returned)
	nm, _ := h.m.Update(streamMsg{library.Update{Lib: library.New(stubExtractor{}, bs)}})
	h.m = nm.(Model)
	s := h.screen()
	if !strings.Contains(s, fmt.Sprintf(" %d shown", len(bs))) || !strings.Contains(s, "reading the index") || strings.Contains(s, fmt.Sprintf("%d of %d", len(bs), len(bs))) {
		t.Errorf("status while the index is read:\n%s", s)
	}
	// the whole collection: its total at once, before its search is back
	all := append(slices.Clone(bs), generatedBriefs(t, 3, 11, 300)...)
	nm, _ = h.m.Update(streamMsg{library.Update{Lib: library.New(stubExtractor{}, all), Found: len(all), Loaded: len(all), Checking: true}})
	h.m = nm.(Model)
	if s := h.screen(); !strings.Contains(s, fmt.Sprintf("%d of %d", len(bs), len(all))) || strings.Contains(s, " shown") {
		t.Errorf("status once the index is read:\n%s", s)
	}
}
