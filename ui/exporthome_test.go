package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestExportPromptHomeAndErrors (issue 11, item 9): the export prompt
// expands "~" as a shell would, and its errors name the file asked for,
// never the temporary file the export writes first, which never stays.
func TestExportPromptHomeAndErrors(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	if err := os.Mkdir(filepath.Join(home, "notes"), 0o755); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	h.press("/")
	h.typeText("edition:3")
	h.press("enter", "x")
	h.exp().input.SetValue("~/notes/out.md")
	h.press("enter")
	want := filepath.Join(home, "notes", "out.md")
	if b, err := os.ReadFile(want); err != nil || !strings.Contains(string(b), "Interior Minister") {
		t.Fatalf("~/notes/out.md not written to %s: %v (status %q, prompt open %v)", want, err, h.m.status.msg, h.expOpen())
	}
	if !strings.Contains(h.m.status.msg, want) {
		t.Errorf("status %q does not name %s", h.m.status.msg, want)
	}
	// errors: a missing folder, a folder in the file's place
	for _, name := range []string{"~/missing/out.md", "~/notes"} {
		h.press("x")
		h.exp().input.SetValue(name)
		h.press("enter")
		if !h.expOpen() || h.exp().err == "" {
			t.Fatalf("%s: no error (open %v, status %q)", name, h.expOpen(), h.m.status.msg)
		}
		msg := h.exp().err + "\n" + h.screen()
		if strings.Contains(msg, ".tmp") || strings.Contains(msg, "/~/") {
			t.Errorf("%s: error shows an internal path: %q", name, h.exp().err)
		}
		if !strings.Contains(h.exp().err, filepath.Join(home, strings.TrimPrefix(name, "~/"))) {
			t.Errorf("%s: error does not name the file: %q", name, h.exp().err)
		}
		h.press("esc")
	}
	entries, _ := os.ReadDir(filepath.Join(home, "notes"))
	if len(entries) != 1 {
		t.Errorf("files left in the folder: %v", entries)
	}
}

// TestExportFollowsTheCommandLine (issue 11, item 6): without a query the
// reader's export holds the briefs with tags or notes, as `briefs export`;
// with none it says so and opens nothing.
func TestExportFollowsTheCommandLine(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	h.press("x")
	if h.expOpen() || !strings.Contains(h.m.status.msg, "nothing to export") {
		t.Fatalf("x with nothing annotated: open %v status %q", h.expOpen(), h.m.status.msg)
	}
	_, shafaq := seedIDs(h)
	mustAddTags(t, st, shafaq, "iran")
	h.send(tea.FocusMsg{})
	h.press("x")
	if !h.expOpen() || !strings.Contains(h.exp().title(), "1 brief with tags or notes") {
		t.Fatalf("x: open %v", h.expOpen())
	}
}
