package ui

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
)

// lazyLibrary is the seed library held without bodies (as package index
// loads collections), reading them back through Config.Body; fail makes
// reading fail.
func lazyLibrary(t testing.TB, reads *atomic.Int64, fail *atomic.Bool) *library.Library {
	t.Helper()
	bodies := map[string]string{}
	var docs []library.Doc
	for _, b := range seedBriefs(t) {
		bodies[b.ID] = b.Body
		c := *b
		c.Body = ""
		docs = append(docs, library.Doc{Brief: &c})
	}
	return library.Build(library.Config{Extractor: stubExtractor{}, Body: func(b *brief.Brief) (string, error) {
		reads.Add(1)
		if fail != nil && fail.Load() {
			return "", errors.New("file gone")
		}
		return bodies[b.ID], nil
	}}, docs)
}

// TestBodiesOnDemand: the reader reads the body of the brief it shows (and
// of its neighbours, for their renders) from the collection; quoting
// works on it; a body that cannot be read is said so.
func TestBodiesOnDemand(t *testing.T) {
	var reads atomic.Int64
	lib := lazyLibrary(t, &reads, nil)
	h := newHarness(t, lib, 120, 40, true)
	first := lib.Brief(0)
	full := seedBriefs(t)
	var want string
	for _, b := range full {
		if b.ID == first.ID {
			want = strings.Fields(b.Body)[3]
		}
	}
	if s := h.screen(); !strings.Contains(s, want) {
		t.Fatalf("body word %q not on screen:\n%s", want, s)
	}
	if reads.Load() == 0 {
		t.Fatal("no body read")
	}
	if !h.m.reader.haveText || h.m.reader.text == "" {
		t.Fatal("the reader has no text")
	}
	// the next brief: its body was read for its render already
	h.press("j")
	if h.m.reader.b.ID == first.ID || !h.m.reader.haveText {
		t.Errorf("second brief: text %v", h.m.reader.haveText)
	}

	var fail atomic.Bool
	fail.Store(true)
	h = newHarness(t, lazyLibrary(t, &reads, &fail), 120, 40, true)
	if s := h.screen(); !strings.Contains(s, "Could not read this brief") || !strings.Contains(s, "file gone") {
		t.Errorf("a body that cannot be read:\n%s", s)
	}
}
