package ui

import (
	"fmt"
	"runtime"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/corpus"
	"github.com/briefs/briefs/internal/extract"
	"github.com/briefs/briefs/internal/library"
)

// benchLibrary parses and extracts n generated briefs of about 600 bytes.
func benchLibrary(b *testing.B, n int) *library.Library {
	b.Helper()
	x, err := extract.New()
	if err != nil {
		b.Fatalf("extractor: %v", err)
	}
	files := corpus.Generate(n, 1, 600)
	bs := make([]*brief.Brief, len(files))
	var wg sync.WaitGroup
	workers := runtime.NumCPU()
	errs := make([]error, workers)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(files); i += workers {
				p, err := brief.Parse(files[i].Name, files[i].Data)
				if err != nil {
					errs[w] = fmt.Errorf("%s: %w", files[i].Name, err)
					return
				}
				x.Apply(p)
				bs[i] = p
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			b.Fatal(err)
		}
	}
	return library.New(x, bs)
}

// step applies one message and draws a frame, as the program does.
func step(b *testing.B, m Model, msg tea.Msg) (Model, tea.Cmd) {
	nm, cmd := m.Update(msg)
	m = nm.(Model)
	_ = m.View()
	return m, cmd
}

// BenchmarkUpdateView measures Update+View for the interactions that must
// fit in a frame (16 ms) however large the collection: a keystroke in the
// search box, a cursor move, a resize. search_cmd is the background search
// a keystroke starts (it runs in a tea.Cmd, off the UI path); keystroke_
// and_result is the keystroke plus installing that result and redrawing.
func BenchmarkUpdateView(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			lib := benchLibrary(b, n)
			h := newHarness(b, lib, 140, 40, true)
			// prime the render cache at both widths used by the resize
			h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
			h.send(tea.WindowSizeMsg{Width: 140, Height: 40})
			base := h.m
			// typing: base with "country:kuwait vahid" typed in the search box
			typing := func(b *testing.B) Model {
				m, _ := step(b, base, keyMsg("/"))
				for _, r := range "country:kuwait vahid" {
					m, _ = step(b, m, keyMsg(string(r)))
				}
				return m
			}

			b.Run("cursor_move", func(b *testing.B) {
				m := base
				keys := []tea.Msg{keyMsg("j"), keyMsg("k")}
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					m, _ = step(b, m, keys[i%2])
				}
			})
			b.Run("resize", func(b *testing.B) {
				m := base
				sizes := []tea.Msg{tea.WindowSizeMsg{Width: 120, Height: 40}, tea.WindowSizeMsg{Width: 140, Height: 40}}
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					m, _ = step(b, m, sizes[i%2])
				}
			})
			b.Run("filter_keystroke", func(b *testing.B) {
				m := typing(b)
				keys := []tea.Msg{keyMsg("i"), keyMsg("backspace")}
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					m, _ = step(b, m, keys[i%2])
				}
			})
			b.Run("search_cmd", func(b *testing.B) {
				q, err := library.Parse("country:kuwait vahidi")
				if err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := lib.Search(q, library.User{}, library.ByDate); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("keystroke_and_result", func(b *testing.B) {
				m := typing(b)
				keys := []tea.Msg{keyMsg("i"), keyMsg("backspace")}
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					var cmd tea.Cmd
					m, cmd = step(b, m, keys[i%2])
					if sm, ok := findSearch(cmd); ok {
						m, _ = step(b, m, sm)
					}
				}
			})
		})
	}
}

// findSearch runs the commands of a batch until it finds the search; other
// commands (renders) are skipped, not run.
func findSearch(cmd tea.Cmd) (searchMsg, bool) {
	if cmd == nil {
		return searchMsg{}, false
	}
	switch msg := cmd().(type) {
	case searchMsg:
		return msg, true
	case tea.BatchMsg:
		for _, c := range msg {
			if sm, ok := findSearch(c); ok {
				return sm, true
			}
		}
	}
	return searchMsg{}, false
}
