package ui

import (
	"context"
	"image/color"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/store"
	"github.com/briefs/briefs/seeds"
	"github.com/charmbracelet/x/ansi"
)

// stubExtractor resolves a few country names for tests; it does not depend
// on package extract.
type stubExtractor struct{}

func (stubExtractor) Apply(*brief.Brief) {}

func (stubExtractor) LookupCountry(s string) (string, string, bool) {
	names := map[string][2]string{
		"iq": {"IQ", "Iraq"}, "iraq": {"IQ", "Iraq"}, "iraqi": {"IQ", "Iraq"},
		"ir": {"IR", "Iran"}, "iran": {"IR", "Iran"}, "iranian": {"IR", "Iran"},
		"kw": {"KW", "Kuwait"}, "kuwait": {"KW", "Kuwait"}, "kuwaiti": {"KW", "Kuwait"},
		"lb": {"LB", "Lebanon"}, "lebanon": {"LB", "Lebanon"}, "lebanese": {"LB", "Lebanon"},
	}
	v, ok := names[strings.ToLower(s)]
	return v[0], v[1], ok
}

const (
	seedNINA   = "000_2f5fd0d68d9114d4.txt"
	seedShafaq = "001_0120ff17fa13518d.txt"
)

// seedBriefs parses the two seeds and fills in their expected metadata.
func seedBriefs(t testing.TB) []*brief.Brief {
	t.Helper()
	nina, err := brief.ReadFS(seeds.FS(), seedNINA, "seeds")
	if err != nil {
		t.Fatal(err)
	}
	nina.Source = "NINA"
	nina.Published = time.Date(2025, 12, 7, 11, 25, 0, 0, time.UTC)
	nina.HasTime = true
	nina.Dateline = "Baghdad"
	nina.Edition = 3
	nina.EditionsMentioned = []int{1, 2}
	nina.Countries = []brief.Country{{Code: "IQ", Name: "Iraq", Mentions: 9}}

	sh, err := brief.ReadFS(seeds.FS(), seedShafaq, "seeds")
	if err != nil {
		t.Fatal(err)
	}
	sh.Source = "Shafaq News"
	sh.Published = time.Date(2024, 7, 22, 0, 0, 0, 0, time.UTC)
	sh.Edition = 2
	sh.EditionsMentioned = []int{1}
	sh.Countries = []brief.Country{
		{Code: "IQ", Name: "Iraq", Mentions: 3}, {Code: "IR", Name: "Iran", Mentions: 1},
		{Code: "KW", Name: "Kuwait", Mentions: 1}, {Code: "LB", Name: "Lebanon", Mentions: 1},
	}
	return []*brief.Brief{nina, sh}
}

func seedLibrary(t testing.TB) *library.Library {
	return library.New(stubExtractor{}, seedBriefs(t))
}

func libOptions(lib *library.Library) Options {
	return Options{
		Load: func(context.Context) (*library.Library, []library.Warning, error) { return lib, nil, nil },
	}
}

// harness drives a Model with direct Update calls, running the commands it
// returns synchronously (timers excepted: status messages do not expire).
type harness struct {
	t    testing.TB
	m    Model
	quit bool // a command asked the program to quit
}

func newHarness(t testing.TB, lib *library.Library, w, h int, dark bool) *harness {
	t.Helper()
	return startHarness(t, libOptions(lib), w, h, dark)
}

// startHarness runs a model made from opt, without delays, in a w×h
// terminal with a dark or light background, and lets it load (the store's
// tags and notes too when opt has a store).
func startHarness(t testing.TB, opt Options, w, h int, dark bool) *harness {
	t.Helper()
	m := New(opt)
	m.flashDur = 0
	m.pollEvery = 0
	m.settle = 0
	hs := &harness{t: t, m: m}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	if !dark {
		hs.send(tea.BackgroundColorMsg{Color: color.White})
	}
	load := m.loadCmd()
	if opt.Store != nil {
		load = tea.Batch(load, m.reloadCmd())
	}
	hs.run(load)
	return hs
}

// send delivers a message and runs the resulting commands.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	nm, cmd := h.m.Update(msg)
	h.m = nm.(Model)
	h.run(cmd)
}

// run executes a command and feeds its messages back, breadth first.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			h.t.Fatal("commands do not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if batch, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, batch...)
			continue
		}
		if msg == nil {
			continue
		}
		if _, quit := msg.(tea.QuitMsg); quit {
			h.quit = true
			continue
		}
		nm, next := h.m.Update(msg)
		h.m = nm.(Model)
		queue = append(queue, next)
	}
}

// press sends keys: names ("enter", "esc", "space", "tab", "up", "ctrl+c")
// or single characters.
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

// typeText sends each character of s as a key.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.send(keyMsg(string(r)))
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "ctrl+x":
		return tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	if unicode.IsUpper(r) {
		return tea.KeyPressMsg{Code: unicode.ToLower(r), Text: k, Mod: tea.ModShift}
	}
	return tea.KeyPressMsg{Code: r, Text: k}
}

// screen is the frame without escape sequences.
func (h *harness) screen() string { return ansi.Strip(h.m.View().Content) }

// titles lists the titles of the briefs the list shows.
func (h *harness) titles() []string {
	var out []string
	for _, i := range h.m.list.items {
		out = append(out, h.m.lib.Brief(i).Title)
	}
	return out
}

// newStoreHarness is newHarness with a fresh database in a temporary folder.
func newStoreHarness(t testing.TB, lib *library.Library, w, h int, dark bool) (*harness, *store.Store) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	opt := libOptions(lib)
	opt.Store = st
	return startHarness(t, opt, w, h, dark), st
}

// Overlays on the stack, for the checks of the flows. Each accessor returns
// the open overlay, or an empty one when it is not open (so a failing check
// reports instead of panicking); the ...Open ones say whether it is open.
func topIs[T overlay](h *harness) bool {
	_, ok := h.m.top().(T)
	return ok
}

func isOpen[T overlay](h *harness) bool {
	_, ok := find[T](&h.m)
	return ok
}

func openOr[T overlay](h *harness, empty T) T {
	if o, ok := find[T](&h.m); ok {
		return o
	}
	return empty
}

func (h *harness) searching() bool   { return topIs[*searchBox](h) }
func (h *harness) tagEdOpen() bool   { return isOpen[*tagEditor](h) }
func (h *harness) noteEdOpen() bool  { return isOpen[*noteEditor](h) }
func (h *harness) expOpen() bool     { return isOpen[*exportPrompt](h) }
func (h *harness) quoting() bool     { return isOpen[*quoteMode](h) }
func (h *harness) tagEd() *tagEditor { return openOr(h, &tagEditor{}) }
func (h *harness) exp() *exportPrompt {
	return openOr(h, &exportPrompt{})
}
func (h *harness) quote() *quoteMode { return openOr(h, &quoteMode{}) }
func (h *harness) noteEd() *noteEditor {
	return openOr(h, newNoteEditor(h.m.th, h.m.km, "", "", ""))
}

// conflict reports whether the question about a note changed elsewhere is
// open.
func (h *harness) conflict() bool {
	n, ok := find[*noteEditor](&h.m)
	return ok && n.conflict != nil && slices.Contains(h.m.stack, overlay(n.conflict))
}

// askingQuit reports whether the question before quitting is on top.
func (h *harness) askingQuit() bool {
	n, ok := find[*noteEditor](&h.m)
	return ok && n.quitQ != nil && h.m.top() == overlay(n.quitQ)
}

// mustSetNote, mustAppendNote and mustAddTags write to the store as another

// process would, and fail the test on an error.

func mustSetNote(t testing.TB, st *store.Store, id, note string) {
	t.Helper()
	if err := st.SetNote(context.Background(), id, note); err != nil {
		t.Fatal(err)
	}
}

func mustAppendNote(t testing.TB, st *store.Store, id, text string) {
	t.Helper()
	if err := st.AppendNote(context.Background(), id, text); err != nil {
		t.Fatal(err)
	}
}

func mustAddTags(t testing.TB, st *store.Store, id string, tags ...string) {
	t.Helper()
	if err := st.AddTags(context.Background(), id, tags...); err != nil {
		t.Fatal(err)
	}
}

// ids of the seeds in the test library (index 0 is NINA, 1 Shafaq).

func seedIDs(h *harness) (nina, shafaq string) {
	return h.m.lib.Brief(0).ID, h.m.lib.Brief(1).ID
}
