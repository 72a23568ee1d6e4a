package ui

import (
	"image/color"
	"math"
	"testing"

	"charm.land/lipgloss/v2"
)

// luminance is the WCAG relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Item 12: on a light terminal the footer, the separators, the status bar
// and the text cursor are readable on white: text at a contrast of at
// least 4.5, rules and separators at least 3, the status bar set apart
// from the page.
func TestLightThemeReadable(t *testing.T) {
	th := newTheme(false, false)
	white := color.Color(color.White)
	on := func(st lipgloss.Style) color.Color {
		bg := st.GetBackground()
		if _, none := bg.(lipgloss.NoColor); none || bg == nil {
			return white
		}
		return bg
	}
	for _, c := range []struct {
		what string
		st   lipgloss.Style
		min  float64
	}{
		{"help line key", th.help.short.ShortKey, 4.5},
		{"help line text", th.help.short.ShortDesc, 4.5},
		{"help line separator", th.help.short.ShortSeparator, 3},
		{"pane separator", th.panes.separator, 3},
		{"reader rule", th.reader.rule, 3},
		{"status bar text", th.status.base, 4.5},
		{"status bar count", th.status.count, 4.5},
		{"status bar message", th.status.msg, 4.5},
		{"status bar error", th.status.err, 4.5},
		{"list meta", th.list.meta, 4.5},
		{"hints", th.bar.hint, 4.5},
		{"search box text", th.input.Focused.Text, 4.5},
		{"search box placeholder", th.input.Focused.Placeholder, 4.5},
		{"note editor text", th.area.Focused.Text, 4.5},
	} {
		fg := c.st.GetForeground()
		if fg == nil {
			t.Errorf("%s: no colour", c.what)
			continue
		}
		if r := contrast(fg, on(c.st)); r < c.min {
			t.Errorf("%s: contrast %.2f on its background, want at least %.1f", c.what, r, c.min)
		}
	}
	if r := contrast(th.input.Cursor.Color, white); r < 3 {
		t.Errorf("search box cursor: contrast %.2f on white", r)
	}
	if r := contrast(th.area.Cursor.Color, white); r < 3 {
		t.Errorf("note editor cursor: contrast %.2f on white", r)
	}
	if bg := th.status.base.GetBackground(); bg == nil || contrast(bg, white) < 1.2 {
		t.Errorf("the status bar does not stand apart from a white page")
	}
}
