package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestHelpLineCutsWholeBindings: at every width the bottom help line fits
// and ends after a whole binding (with "…" when some are left out), never
// with a separator or half a binding (Bubbles' help returned the whole line
// at widths where its ellipsis did not fit: 40 and 60 columns here).
func TestHelpLineCutsWholeBindings(t *testing.T) {
	th := newTheme(true, true)
	km := defaultKeyMap()
	bs := []key.Binding{km.Search, km.Facets, km.Tag, km.Note, km.Mark, km.Export, km.Help, km.Quit}
	full := ansi.Strip(helpLine(th, bs, 500))
	for w := 12; w <= 100; w++ {
		s := ansi.Strip(helpLine(th, bs, w))
		if lipgloss.Width(s) > w {
			t.Errorf("width %d: %d columns: %q", w, lipgloss.Width(s), s)
		}
		body := strings.TrimSuffix(s, " …")
		if body != s && !strings.HasPrefix(full, body) || strings.HasSuffix(strings.TrimSpace(s), "•") {
			t.Errorf("width %d: not cut after a whole binding: %q", w, s)
		}
		if s == full {
			continue
		}
		if !strings.HasSuffix(s, "…") && s != "" {
			t.Errorf("width %d: cut without an ellipsis: %q", w, s)
		}
	}
}
