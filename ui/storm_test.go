package ui

import (
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/corpus"
	"github.com/briefs/briefs/internal/library"
	"github.com/charmbracelet/x/ansi"
)

// generatedBriefs parses n generated briefs (metadata as the parser leaves
// it, plus a few facets filled in so the picker has values).
func generatedBriefs(t testing.TB, n int, seed uint64, size int) []*brief.Brief {
	t.Helper()
	files := corpus.Generate(n, seed, size)
	out := make([]*brief.Brief, 0, n)
	codes := []brief.Country{{Code: "IQ", Name: "Iraq"}, {Code: "IR", Name: "Iran"}, {Code: "KW", Name: "Kuwait"}, {Code: "LB", Name: "Lebanon"}}
	for i, f := range files {
		b, err := brief.Parse(f.Name, f.Data)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if b.Source == "" {
			b.Source = []string{"NINA", "Shafaq News", "INA"}[i%3]
		}
		b.Edition = i % 4
		b.Countries = []brief.Country{codes[i%4], codes[(i/4)%4]}
		if b.Countries[0].Code == b.Countries[1].Code {
			b.Countries = b.Countries[:1]
		}
		out = append(out, b)
	}
	return out
}

// TestKeyStorm sends thousands of random keys, mouse events and resizes
// (fixed seed) and checks the program never panics and every frame fits.
func TestKeyStorm(t *testing.T) {
	bs := append(seedBriefs(t), hostileBrief())
	bs = append(bs, generatedBriefs(t, 20, 7, 800)...)
	lib := library.New(stubExtractor{}, bs)
	// exports and $EDITOR files land in temporary folders
	t.Chdir(t.TempDir())
	t.Setenv("TMPDIR", t.TempDir())
	h, _ := newStoreHarness(t, lib, 100, 30, true)
	r := rand.New(rand.NewPCG(42, 1))
	keys := []string{"j", "k", "g", "G", "enter", "esc", "tab", "space", "f", "/", "s", "c", "n", "N", "?",
		"up", "down", "pgup", "pgdown", "backspace", "t", "e", "E", "x", "m", "v", "y", "ctrl+s", "ctrl+x",
		"a", "3", ":", "\"", "-", "+", "!", "é", "世"}
	sizes := [][2]int{{0, 0}, {1, 1}, {3, 2}, {29, 7}, {30, 8}, {70, 24}, {100, 30}, {160, 50}}
	steps := 4000
	if testing.Short() {
		steps = 1000
	}
	for i := range steps {
		switch p := r.IntN(100); {
		case p < 5:
			sz := sizes[r.IntN(len(sizes))]
			h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		case p < 10:
			h.send(tea.MouseClickMsg{X: r.IntN(170), Y: r.IntN(55), Button: tea.MouseLeft})
		case p < 15:
			btn := tea.MouseWheelDown
			if r.IntN(2) == 0 {
				btn = tea.MouseWheelUp
			}
			h.send(tea.MouseWheelMsg{X: r.IntN(170), Y: r.IntN(55), Button: btn})
		case p < 17:
			h.send(tea.PasteMsg{Content: []string{"edition:3", `"border`, "country:kuwait -tag:x", "\x1b]52;c;QQ==\x07", "tag:a"}[r.IntN(5)]})
		case p < 18:
			h.send(pollMsg{})
		default:
			k := keys[r.IntN(len(keys))]
			if k == "q" {
				continue
			}
			h.press(k)
		}
		v := h.m.View()
		if err := checkSafe(v.Content); err != nil {
			t.Fatalf("step %d: unsafe frame: %v", i, err)
		}
		if v.WindowTitle != WindowTitle {
			t.Fatalf("step %d: title %q", i, v.WindowTitle)
		}
		if w, hh := h.m.width, h.m.height; w > 0 && hh > 0 {
			lines := strings.Split(v.Content, "\n")
			if len(lines) != hh {
				t.Fatalf("step %d: %d lines for height %d", i, len(lines), hh)
			}
			for _, l := range lines {
				if ansi.StringWidth(l) > w {
					t.Fatalf("step %d: line wider than %d: %q", i, w, ansi.Strip(l))
				}
			}
		}
	}
}
