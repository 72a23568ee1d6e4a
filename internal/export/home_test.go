package export

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestExpandHome(t *testing.T) {
	home := func() (string, error) { return "/home/ana", nil }
	for in, want := range map[string]string{
		"~":             "/home/ana",
		"~/notes.md":    "/home/ana/notes.md",
		"~/a/../b.json": "/home/ana/b.json",
		"notes.md":      "notes.md",
		"/tmp/~/x.md":   "/tmp/~/x.md",
		"~ana/notes.md": "~ana/notes.md",
		"~notes.md":     "~notes.md",
		"./~/x.md":      "./~/x.md",
	} {
		got, err := ExpandHome(in, home)
		if err != nil || got != filepath.FromSlash(want) {
			t.Errorf("ExpandHome(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ExpandHome("~/x.md", func() (string, error) { return "", errors.New("no home") }); err == nil {
		t.Error("no home folder: no error")
	}
}

func TestAnnotatedOnly(t *testing.T) {
	if !AnnotatedOnly("") || !AnnotatedOnly("  ") || AnnotatedOnly("edition:3") {
		t.Error("AnnotatedOnly: without a query the annotated briefs, with one the briefs it selects")
	}
}
