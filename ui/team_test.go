package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/store"
)

// TestTeamInTheReader: on a store of several people, the reader shows who
// of the team annotated the brief and the others' notes under their
// names; what only the reader did shows no team line (a single-user store
// never does).
func TestTeamInTheReader(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "team.db")
	open := func(user string) *store.Store {
		st, err := store.OpenAt(ctx, path, store.Options{User: user})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = st.Close() })
		return st
	}
	ana, ali := open("ana"), open("Ali")
	opt := libOptions(seedLibrary(t))
	opt.Store = ana
	h := startHarness(t, opt, 140, 40, true)
	nina, _ := seedIDs(h)
	mustAddTags(t, ana, nina, "mine")
	h.send(pollMsg{})
	if s := h.screen(); !strings.Contains(s, "#mine") || strings.Contains(s, "annotated by") {
		t.Fatalf("only the reader annotated: no team line expected:\n%s", s)
	}
	mustAddTags(t, ali, nina, "followup")
	mustSetNote(t, ali, nina, "Ali's view of it.")
	if err := ali.Correct(ctx, nina, store.FieldDateline, "Erbil"); err != nil {
		t.Fatal(err)
	}
	h.send(pollMsg{})
	s := h.screen()
	for _, want := range []string{"#followup", "Team      annotated by Ali, ana", "Erbil (corrected)"} {
		if !strings.Contains(s, want) {
			t.Errorf("after Ali's tag, note and correction: %q missing:\n%s", want, s)
		}
	}
	if !strings.Contains(h.m.reader.note, "**Ali**") || !strings.Contains(h.m.reader.note, "Ali's view of it.") {
		t.Errorf("Ali's note is not shown under his name: %q", h.m.reader.note)
	}
}
