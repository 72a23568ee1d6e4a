package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/briefs/briefs/internal/bidi"
)

// fit truncates plain text to w cells and pads it to exactly w. It cuts
// between whole characters (an Arabic letter keeps its diacritics) and
// leaves no tatweel dangling before the "…" (bidi.Truncate).
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = bidi.Truncate(s, w, "…")
	if n := ansi.StringWidth(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// padLines joins lines into a block of exactly h lines of w cells; styled
// lines are truncated by display width.
func padLines(lines []string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	var b strings.Builder
	blank := strings.Repeat(" ", w)
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i >= len(lines) {
			b.WriteString(blank)
			continue
		}
		s := lines[i]
		n := ansi.StringWidth(s)
		if n > w {
			s = ansi.Truncate(s, w, "")
			n = ansi.StringWidth(s)
		}
		b.WriteString(s)
		if strings.IndexByte(s, 0x1b) >= 0 {
			b.WriteString("\x1b[m") // no style leaks into the next pane or line
		}
		if n < w {
			b.WriteString(blank[:w-n])
		}
	}
	return b.String()
}

// textWidth is the width a pane of width w lays text out at: one cell of
// margin each side when there is room.
func textWidth(w int) int {
	if w >= 8 {
		return w - 2
	}
	return max(1, w)
}

// maxReadWidth caps the width a brief is laid out at in the reader, as
// glow does: lines of a wide terminal stay short enough to read.
const maxReadWidth = 100

// readWidth is the width a brief is laid out at in a pane of width w.
func readWidth(w int) int { return min(textWidth(w), maxReadWidth) }

// marginOf is the left margin of a pane of width w (see textWidth).
func marginOf(w int) string {
	if w >= 8 {
		return " "
	}
	return ""
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
