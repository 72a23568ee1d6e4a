package main

import (
	"strings"
	"testing"
	"time"
)

// TestShowBounded: `briefs show` renders issue 8's 150-byte brief of 100
// nested quotes at once, and a brief too complex to format as plain text,
// saying so on standard error; the text is all there.
func TestShowBounded(t *testing.T) {
	s := newSandbox(t)
	deep := s.write("deep.md", strings.Repeat(">", 100)+" hello world, the brief body goes on a little\n")
	start := time.Now()
	out := s.mustRun("show", "--style", "dark", "--width", "80", deep)
	if !strings.Contains(out, "hello") || s.stderr.Len() != 0 || time.Since(start) > 30*time.Second {
		t.Errorf("deep quotes: after %v\n%s\nstderr: %s", time.Since(start), out, s.stderr.String())
	}
	complexBrief := s.write("brackets.md", "# Title\n\n"+strings.Repeat("[", 3000)+" the words\n")
	out = s.mustRun("show", "--style", "dark", "--width", "60", complexBrief)
	if !strings.Contains(s.stderr.String(), "shown as plain text: the brief is too complex to format") ||
		!strings.Contains(out, "the words") || strings.Contains(out, "\x1b") {
		t.Errorf("fallback:\n%.300s\nstderr: %s", out, s.stderr.String())
	}
}
