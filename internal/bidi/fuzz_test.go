package bidi

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// bidiControl reports whether r is a bidi control or mark.
func bidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// FuzzAlign: aligning keeps every line's text and styling, adds only
// spaces (never a bidi control), keeps the line count, and never makes a
// line wider than the width unless it already was; truncating stays within
// the width and keeps a prefix of the text.
func FuzzAlign(f *testing.F) {
	f.Add("  بدأت وفود الدول\n  العربية بالوصول\n\n  English text", 30)
	f.Add("\x1b[1mנץ\x1b[0m", 5)
	f.Add("مجلسُ الوزراءِ", 1)
	f.Fuzz(func(t *testing.T, text string, width int) {
		if !utf8.ValidString(text) || width < 0 || width > 400 || strings.ContainsAny(text, "\x1b\t\r") {
			return
		}
		out := AlignParagraphs(text, width)
		in, got := strings.Split(text, "\n"), strings.Split(out, "\n")
		if len(in) != len(got) {
			t.Fatalf("%d lines became %d", len(in), len(got))
		}
		for i := range in {
			a, b := strings.TrimSpace(in[i]), strings.TrimSpace(got[i])
			if a != b {
				t.Fatalf("line %d: %q became %q", i, in[i], got[i])
			}
			if w := ansi.StringWidth(got[i]); w > max(width, ansi.StringWidth(in[i])) {
				t.Fatalf("line %d is %d wide (width %d): %q", i, w, width, got[i])
			}
		}
		for _, r := range out {
			if bidiControl(r) && !strings.ContainsRune(text, r) {
				t.Fatalf("bidi control %U added", r)
			}
		}
		tr := Truncate(text, width, "…")
		if w := ansi.StringWidth(tr); w > width {
			t.Fatalf("Truncate(%q, %d) is %d wide", text, width, w)
		}
		if !strings.HasPrefix(text, strings.TrimSuffix(tr, "…")) && tr != "…" {
			t.Fatalf("Truncate(%q, %d) = %q is not a prefix", text, width, tr)
		}
	})
}
