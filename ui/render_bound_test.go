package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/render"
)

// TestReaderRenderBounded: the reader renders issue 8's brief (100 nested
// quotes in 150 bytes) at once, and shows a brief too complex to format
// as plain text with the notice on top.
func TestReaderRenderBounded(t *testing.T) {
	start := time.Now()
	lines, err := renderMarkdown(strings.Repeat(">", 100)+" hello world, the brief goes on a little\n", 80, render.Dark)
	if err != nil || !strings.Contains(strings.Join(lines, "\n"), "hello") || time.Since(start) > 10*time.Second {
		t.Fatalf("deep quotes: %v after %v", err, time.Since(start))
	}
	lines, err = renderMarkdown(strings.Repeat("[", 5000)+" words\n", 80, render.Dark)
	if err != nil || lines[0] != "("+render.NoticeComplex+")" || !strings.Contains(strings.Join(lines, "\n"), "words") {
		t.Fatalf("fallback: %v %q", err, lines[:min(3, len(lines))])
	}
}
