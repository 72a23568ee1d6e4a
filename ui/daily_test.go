package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
	"github.com/charmbracelet/x/ansi"
)

// Tests of issue 11: the reader as a daily user meets it. Each fails
// without its fix.

// manyLibrary is a library of n generated briefs.
func manyLibrary(t testing.TB, n int) *library.Library {
	t.Helper()
	return library.New(stubExtractor{}, generatedBriefs(t, n, 7, 300))
}

func wheelAt(x, y int, b tea.MouseButton) tea.MouseWheelMsg {
	return tea.MouseWheelMsg{X: x, Y: y, Button: b}
}

// Item 2: the wheel over the list scrolls the view past the screen; the
// selection stays on screen.
func TestWheelScrollsTheList(t *testing.T) {
	h := newHarness(t, manyLibrary(t, 60), 120, 30, true)
	for range 5 {
		h.send(wheelAt(5, 5, tea.MouseWheelDown))
	}
	l := h.m.list
	if l.offset != 5*wheelStep {
		t.Fatalf("after 5 wheel turns the list starts at %d, want %d", l.offset, 5*wheelStep)
	}
	if l.cursor < l.offset || l.cursor >= l.offset+l.rows() {
		t.Errorf("selection %d left the screen [%d,%d)", l.cursor, l.offset, l.offset+l.rows())
	}
	for range 100 {
		h.send(wheelAt(5, 5, tea.MouseWheelDown))
	}
	if l := h.m.list; l.offset != len(l.items)-l.rows() || l.cursor != l.offset {
		t.Errorf("at the end: offset %d cursor %d of %d (%d rows)", l.offset, l.cursor, len(l.items), l.rows())
	}
	for range 100 {
		h.send(wheelAt(5, 5, tea.MouseWheelUp))
	}
	if l := h.m.list; l.offset != 0 || l.cursor != l.rows()-1 {
		t.Errorf("back at the top: offset %d cursor %d", l.offset, l.cursor)
	}
}

// Item 10: G and End go to the bottom of every scrolling pane, the help
// included (whose bottom is its last line, not a blank page).
func TestBottomKeys(t *testing.T) {
	for _, k := range []string{"G", "end"} {
		t.Run(k, func(t *testing.T) {
			h := newHarness(t, manyLibrary(t, 40), 80, 24, true)
			h.send(keyMsg2(k))
			if l := h.m.list; l.cursor != len(l.items)-1 {
				t.Errorf("list: cursor %d of %d", l.cursor, len(l.items))
			}
			h.press("g", "?")
			h.send(keyMsg2(k))
			hv := h.m.top().(*helpView)
			s := h.screen()
			if hv.offset == 0 || !strings.Contains(s, "only after you answer") {
				t.Errorf("help: offset %d, last note not on screen:\n%s", hv.offset, s)
			}
			if n := len(helpContent(h.m.th, h.m.km, hv.info, 80)); hv.offset != n-h.m.bodyH {
				t.Errorf("help offset %d, want %d", hv.offset, n-h.m.bodyH)
			}
		})
	}
}

// keyMsg2 is keyMsg knowing the end key.
func keyMsg2(k string) tea.KeyPressMsg {
	if k == "end" {
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	}
	if k == "home" {
		return tea.KeyPressMsg{Code: tea.KeyHome}
	}
	return keyMsg(k)
}

// Item 14: s then g before the sorted result arrives goes to the top of
// the new order.
func TestSortThenTopAppliesToTheNewOrder(t *testing.T) {
	h := newHarness(t, manyLibrary(t, 30), 80, 24, true)
	h.press("G")
	// s starts a search; g comes before its result
	nm, cmd := h.m.Update(keyMsg("s"))
	h.m = nm.(Model)
	nm, cmd2 := h.m.Update(keyMsg("g"))
	h.m = nm.(Model)
	h.run(tea.Batch(cmd, cmd2))
	if h.m.status.sort != "title" {
		t.Fatalf("sort %q", h.m.status.sort)
	}
	if h.m.list.cursor != 0 {
		t.Errorf("g during the sort: cursor %d, want the top of the new order", h.m.list.cursor)
	}
	// without a search running, the selection stays on its brief
	h.press("j", "j")
	want := h.m.list.selected().ID
	h.press("s")
	if got := h.m.list.selected().ID; got != want {
		t.Errorf("sorting moved the selection to another brief")
	}
}

// Gap: h/l and the arrows switch panes.
func TestLeftRightSwitchPanes(t *testing.T) {
	for _, keys := range [][2]string{{"l", "h"}, {"right", "left"}} {
		h := newHarness(t, seedLibrary(t), 120, 30, true)
		h.send(arrow(keys[0]))
		if h.m.focus != paneReader {
			t.Errorf("%s: focus %v, want the reader", keys[0], h.m.focus)
		}
		h.send(arrow(keys[1]))
		if h.m.focus != paneList {
			t.Errorf("%s: focus %v, want the list", keys[1], h.m.focus)
		}
		h.press("f", "h")
		if h.m.focus != paneList || !h.m.pickerOpen {
			t.Errorf("h from the picker: focus %v open %v", h.m.focus, h.m.pickerOpen)
		}
		h.send(arrow(keys[0]))
		if h.m.focus != panePicker {
			t.Errorf("%s with the picker open: focus %v", keys[0], h.m.focus)
		}
	}
	// narrow: l opens the brief, h goes back to the list
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	h.press("l")
	if !strings.Contains(h.screen(), "Source") {
		t.Errorf("l on a narrow terminal does not open the brief:\n%s", h.screen())
	}
	h.press("h")
	if h.m.focus != paneList {
		t.Errorf("h: focus %v", h.m.focus)
	}
}

func arrow(k string) tea.KeyPressMsg {
	switch k {
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	}
	return keyMsg(k)
}

// Gap: m marks and moves to the next brief.
func TestMarkAdvances(t *testing.T) {
	h := newHarness(t, manyLibrary(t, 5), 80, 24, true)
	h.press("m", "m")
	if len(h.m.marks) != 2 || h.m.list.cursor != 2 {
		t.Errorf("m m: %d marks, cursor %d", len(h.m.marks), h.m.list.cursor)
	}
}

// Gap: v in the list opens the brief in quote mode.
func TestQuoteFromTheList(t *testing.T) {
	h, _ := newStoreHarness(t, seedLibrary(t), 80, 24, true)
	h.press("v")
	if !h.quoting() || h.m.focus != paneReader {
		t.Fatalf("v in the list: quoting %v focus %v\n%s", h.quoting(), h.m.focus, h.screen())
	}
}

// Gap: find says when it wraps.
func TestFindWrapsWithAMessage(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	h.press("enter", "/")
	h.typeText("drug")
	h.press("enter")
	n := len(h.m.reader.matches)
	if n < 2 {
		t.Fatalf("%d matches", n)
	}
	for range n - 1 - h.m.reader.cur {
		h.press("n")
	}
	if strings.Contains(h.m.status.msg, "wrapped") {
		t.Errorf("message before wrapping: %q", h.m.status.msg)
	}
	h.press("n")
	if h.m.reader.cur != 0 || !strings.Contains(h.m.status.msg, "wrapped to the top") {
		t.Errorf("after the last match: cur %d, message %q", h.m.reader.cur, h.m.status.msg)
	}
	h.press("N")
	if !strings.Contains(h.m.status.msg, "wrapped to the bottom") {
		t.Errorf("N from the first: %q", h.m.status.msg)
	}
}

// Read state: unread briefs are marked in the list, opening one marks it
// read (in the store too), u toggles, the status bar and the picker count
// the unread, is:unread keeps the brief being read.
func TestReadState(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 120, 30, true)
	nina, shafaq := seedIDs(h)
	s := h.screen()
	if strings.Count(s, "●") != 2 || !strings.Contains(s, "2 of 2 · 2 unread") {
		t.Fatalf("start: unread not shown:\n%s", s)
	}
	h.press("enter") // opens NINA
	read, err := st.ReadSet(context.Background())
	if err != nil || !read[nina] || read[shafaq] {
		t.Fatalf("opening did not mark NINA read in the store: %v %v", read, err)
	}
	if s := h.screen(); strings.Count(s, "●") != 1 || !strings.Contains(s, "2 of 2 · 1 unread") {
		t.Errorf("after opening NINA:\n%s", s)
	}
	// u marks it unread again, and it stays so while it is open
	h.press("u")
	if read, _ := st.ReadSet(context.Background()); read[nina] {
		t.Error("u did not mark NINA unread")
	}
	if s := h.screen(); !strings.Contains(s, "2 unread") || !strings.Contains(s, "marked unread") {
		t.Errorf("after u:\n%s", s)
	}
	// is:unread keeps the brief being read
	h.press("h", "/")
	h.typeText("is:unread")
	h.press("enter", "enter")
	if got := len(h.titles()); got != 2 {
		t.Fatalf("is:unread shows %d", got)
	}
	h.press("h") // NINA read now: still listed while is:unread has not run again
	if got := len(h.titles()); got != 2 {
		t.Errorf("the brief just read left the list: %d shown", got)
	}
	h.press("j", "l") // Shafaq opened: NINA is no longer being read
	if got := h.titles(); len(got) != 1 || !strings.HasPrefix(got[0], shafaqTitle) {
		t.Errorf("is:unread after reading NINA and opening Shafaq: %q", got)
	}
	// the picker counts unread/all and offers the read state
	h.press("esc", "c", "f")
	s = h.screen()
	for _, want := range []string{"counts: unread/all", "IQ Iraq", "0/2", "Read", "unread", "read"} {
		if !strings.Contains(s, want) {
			t.Errorf("picker lacks %q:\n%s", want, s)
		}
	}
	// another process marks Shafaq unread: the reader follows
	if err := st.MarkUnread(context.Background(), shafaq); err != nil {
		t.Fatal(err)
	}
	h.send(pollMsg{})
	if s := h.screen(); !strings.Contains(s, "1 unread") {
		t.Errorf("read state written elsewhere not shown:\n%s", s)
	}
}

// Without a store the read state is unknown: no dots, no counts, no Read
// facet, and u says why.
func TestReadStateWithoutStore(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 120, 30, true)
	h.press("f")
	s := h.screen()
	if strings.Contains(s, "●") || strings.Contains(s, "unread") {
		t.Errorf("read state shown without a store:\n%s", s)
	}
	h.press("esc", "u")
	if !strings.Contains(h.m.status.msg, "read state unavailable") {
		t.Errorf("u without a store: %q", h.m.status.msg)
	}
}

// Item 3: the user's tags and note come before the country codes and are
// never dropped; what is cut shows it (…, +N).
func TestRowsKeepTheUsersData(t *testing.T) {
	bs := seedBriefs(t)
	sh := bs[1]
	sh.Source = "National Iraqi News Agency Shafaq Bureau Of Baghdad"
	for _, c := range []string{"US", "GB", "FR", "DE", "TR", "SA", "EG", "JO", "SY", "QA", "AE", "BH"} {
		sh.Countries = append(sh.Countries, brief.Country{Code: c, Name: c})
	}
	lib := library.New(stubExtractor{}, bs)
	h, st := newStoreHarness(t, lib, 80, 24, true)
	_, shafaq := seedIDs(h)
	mustAddTags(t, st, shafaq, "followup", "border")
	mustSetNote(t, st, shafaq, "ask")
	h.send(pollMsg{})
	for _, w := range []int{80, 60, 44} {
		h.send(tea.WindowSizeMsg{Width: w, Height: 24})
		meta := screenLineWith(h, "2024-07-22")
		tags := strings.Index(meta, "#border")
		note := strings.Index(meta, noteSign)
		iq := strings.Index(meta, "IQ")
		if tags < 0 || note < 0 {
			t.Errorf("%d columns: tags or note dropped: %q", w, meta)
			continue
		}
		if iq >= 0 && iq < tags {
			t.Errorf("%d columns: countries before the tags: %q", w, meta)
		}
		if !strings.Contains(meta, "+") && !strings.Contains(meta, "…") {
			t.Errorf("%d columns: nothing says what was cut: %q", w, meta)
		}
	}
	// the selected row (reversed) keeps them too
	h.press("j")
	if meta := screenLineWith(h, "2024-07-22"); !strings.Contains(meta, "#border") {
		t.Errorf("selected row lost the tags: %q", meta)
	}
}

// screenLineWith is the first screen line holding s.
func screenLineWith(h *harness, s string) string {
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// fitCodes keeps as many codes as fit and counts the others.
func TestFitCodes(t *testing.T) {
	codes := []string{"IQ", "US", "GB", "FR"}
	for w, want := range map[int]string{11: "IQ US GB FR", 10: "IQ US +2", 8: "IQ US +2", 7: "IQ +3", 2: "+4", 1: ""} {
		if got := fitCodes(codes, w); got != want {
			t.Errorf("fitCodes(%d) = %q, want %q", w, got, want)
		}
	}
}

// Item 4: a message too long for the status bar is wrapped above it, never
// cut where its key information is (the file at its end); a very long one
// keeps its head and its tail.
func TestStatusMessagesAreNeverCut(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	path := "/home/someone/.local/share/briefs/rescued/notes-of-0e253ee020f5-2025-12-07T11-25-00.md"
	h.m.flash("the note could not be saved; your text is kept in "+path, true)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	s := h.screen()
	if !strings.Contains(strings.ReplaceAll(s, "\n", ""), "notes-of-0e253ee020f5-2025-12-07T11-25-00.md") {
		t.Errorf("the file name is cut:\n%s", s)
	}
	checkFrame(t, h.m.View().Content, 80, 24)
	long := strings.Repeat("database error detail ", 40) + "cause: disk I/O error at " + path
	h.m.flash(long, true)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	s = h.screen()
	if !strings.Contains(s, "database error detail") || !strings.Contains(strings.ReplaceAll(s, "\n", ""), "T11-25-00.md") || !strings.Contains(s, "…") {
		t.Errorf("head or tail of a long message lost:\n%s", s)
	}
	if n := h.m.status.height(); n != 1+maxMsgLines {
		t.Errorf("bar height %d", n)
	}
	checkFrame(t, h.m.View().Content, 80, 24)
}

// Item 4: transient messages go when the next command comes (a facet
// toggle after "filters cleared", the next note after "note saved").
func TestMessagesAreReplaced(t *testing.T) {
	h, _ := newStoreHarness(t, seedLibrary(t), 120, 30, true)
	h.press("f", "space", "c")
	if h.m.status.msg != "filters cleared" {
		t.Fatalf("c: %q", h.m.status.msg)
	}
	h.press("space")
	if h.m.status.msg != "" {
		t.Errorf("after a facet toggle the message is still %q", h.m.status.msg)
	}
	h.press("esc", "e")
	h.typeText("x")
	h.press("esc")
	if h.m.status.msg != "note saved" {
		t.Fatalf("saving: %q", h.m.status.msg)
	}
	h.press("j", "e")
	if h.m.status.msg != "" {
		t.Errorf("editing the next note, the message is still %q", h.m.status.msg)
	}
	// moving does not take a message away
	h.press("esc", "s", "k")
	if h.m.status.msg != "sorted by title" {
		t.Errorf("moving took the message away: %q", h.m.status.msg)
	}
}

// Gap: the picker is filtered by typing, enter applies the value and
// closes it, space toggles and stays.
func TestPickerFilterAndApply(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 120, 30, true)
	h.press("f", "/")
	h.typeText("kuw")
	var shown []string
	for _, r := range h.m.picker.rows {
		if !r.isHeader() {
			shown = append(shown, r.fv.Label)
		}
	}
	if len(shown) != 1 || shown[0] != "KW Kuwait" {
		t.Fatalf("filter kuw shows %q", shown)
	}
	if s := h.screen(); !strings.Contains(s, "filter: kuw") || !strings.Contains(s, "Country") || strings.Contains(s, "Edition") {
		t.Errorf("filtered picker:\n%s", s)
	}
	h.press("enter")
	if h.m.pickerOpen || h.m.focus != paneList || h.m.query.String() != "country:KW" {
		t.Errorf("enter: open %v focus %v query %q", h.m.pickerOpen, h.m.focus, h.m.query.String())
	}
	if len(h.titles()) != 1 {
		t.Errorf("country:KW shows %d", len(h.titles()))
	}
	// space toggles and stays open; enter applies an inactive value, and
	// on an active one just closes
	h.press("f")
	if fv, _ := h.m.picker.selected(); fv.Value != "KW" || !fv.Active {
		t.Fatalf("the picker opens on %+v", fv)
	}
	h.press("space")
	if !h.m.pickerOpen || h.m.focus != panePicker || h.m.query.String() != "" {
		t.Errorf("space: open %v, query %q", h.m.pickerOpen, h.m.query.String())
	}
	h.press("enter")
	if h.m.pickerOpen || h.m.query.String() != "country:KW" {
		t.Errorf("enter on KW: open %v, query %q", h.m.pickerOpen, h.m.query.String())
	}
	h.press("f", "enter")
	if h.m.pickerOpen || h.m.query.String() != "country:KW" {
		t.Errorf("enter on the active KW: open %v, query %q", h.m.pickerOpen, h.m.query.String())
	}
	// esc in the filter clears it; arrows move while typing
	h.press("f", "/")
	h.typeText("i")
	h.send(tea.KeyPressMsg{Code: tea.KeyDown})
	if !h.m.picker.box.Focused() || h.m.picker.filter != "i" {
		t.Errorf("down while filtering: filter %q", h.m.picker.filter)
	}
	h.press("esc")
	if h.m.picker.filter != "" || len(h.m.picker.rows) != len(h.m.picker.all) {
		t.Errorf("esc kept the filter %q", h.m.picker.filter)
	}
}

// Gap: counts stand next to their labels on a wide pane.
func TestPickerCountsNearLabels(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 250, 40, true)
	h.press("f")
	line := screenLineWith(h, "IQ Iraq")
	i := strings.Index(line, "IQ Iraq")
	rest := strings.TrimLeft(line[i+len("IQ Iraq"):], " ")
	if gap := len(line[i+len("IQ Iraq"):]) - len(rest); gap > len("LB Lebanon")-len("IQ Iraq")+3 {
		t.Errorf("count %d cells from its label: %q", gap, line)
	}
}

// Item 5: enter on a query with a mistake keeps the box open with its
// message; the list shows no results of another query meanwhile; the
// query made right is searched whole.
func TestInvalidQueryKeepsTheBox(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	h.press("/")
	h.typeText("edition:3 country:")
	h.press("enter")
	if _, ok := h.m.top().(*searchBox); !ok {
		t.Fatalf("enter closed the box on a query with a mistake")
	}
	s := h.screen()
	for _, want := range []string{"✗ query: country: needs a value", "No results: the query has a mistake", "0 of 2"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	if b := h.m.list.selected(); b != nil {
		t.Errorf("a brief is selected from another query's results: %q", b.Title)
	}
	h.typeText("lb")
	h.press("enter")
	if _, ok := h.m.top().(*searchBox); ok {
		t.Fatalf("enter did not close the box on a right query")
	}
	if got := h.m.query.String(); got != "edition:3 country:lb" {
		t.Errorf("query %q", got)
	}
	if n := len(h.m.list.items); n != 0 || h.m.status.shown != 0 || !strings.Contains(h.screen(), "No brief matches edition:3 country:lb") {
		t.Errorf("edition:3 country:lb shows %d briefs (status %d), want none:\n%s", n, h.m.status.shown, h.screen())
	}
}

// Item 5, typing fast: the searches of the text typed so far finish in
// any order; what is shown is the result for the whole text.
func TestFastTypingShowsTheWholeQuery(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	h.press("/")
	var cmds []tea.Cmd
	for _, r := range "edition:3 coun" {
		nm, cmd := h.m.Update(keyMsg(string(r)))
		h.m = nm.(Model)
		cmds = append(cmds, cmd)
	}
	for _, r := range "try:lb" {
		nm, cmd := h.m.Update(keyMsg(string(r)))
		h.m = nm.(Model)
		cmds = append(cmds, cmd)
	}
	// the last search finishes first, the older ones after it
	for i := len(cmds) - 1; i >= 0; i-- {
		h.run(cmds[i])
	}
	if got := h.m.query.String(); got != "edition:3 country:lb" {
		t.Errorf("query %q", got)
	}
	if n := len(h.m.list.items); n != 0 || h.m.status.shown != 0 {
		t.Errorf("%d briefs shown (status %d), want none (edition:3 country:lb)", n, h.m.status.shown)
	}
}

// Item 8: an empty collection says so and names where it looked and what
// failed; a search that matches nothing names the query; with no search
// there is no talk of clearing one.
func TestEmptyStates(t *testing.T) {
	h := startHarness(t, emptyOptions(t), 80, 24, true)
	s := h.screen()
	for _, want := range []string{"No briefs loaded.", "Looked in /srv/dumps", "/srv/dumps/report.txt: binary file"} {
		if !strings.Contains(s, want) {
			t.Errorf("empty collection: screen lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "No brief matches") || strings.Contains(s, "clears the search") {
		t.Errorf("empty collection talks of a search:\n%s", s)
	}
	opt := emptyOptions(t)
	opt.Load = func(context.Context) (*library.Library, []library.Warning, error) {
		return library.New(stubExtractor{}, nil), nil, nil
	}
	h = startHarness(t, opt, 80, 24, true)
	if s := h.screen(); !strings.Contains(s, "Looked in /srv/dumps: no brief files there") {
		t.Errorf("an empty folder: %s", s)
	}
	h = newHarness(t, seedLibrary(t), 80, 24, true)
	h.press("/")
	h.typeText("country:lb edition:3")
	h.press("enter")
	if s := h.screen(); !strings.Contains(s, "No brief matches country:lb edition:3.") {
		t.Errorf("no match: %s", s)
	}
}

// Gap: the first run (no folder configured) says how to add folders, in
// the status bar until the next key and in the help.
func TestFirstRunHint(t *testing.T) {
	h := startHarness(t, firstRunOptions(t), 120, 30, true)
	if s := h.screen(); !strings.Contains(s, "add their folders to ~/.config/briefs/config.yaml") {
		t.Errorf("no first-run hint:\n%s", s)
	}
	h.press("j")
	h.press("?", "G")
	if s := h.screen(); !strings.Contains(s, "Only the built-in briefs are shown") {
		t.Errorf("help lacks where the briefs come from:\n%s", s)
	}
	h = newHarness(t, seedLibrary(t), 120, 30, true)
	if s := h.screen(); strings.Contains(s, "config.yaml") {
		t.Errorf("a hint without a first run:\n%s", s)
	}
}

// Gap: the query language is in the help.
func TestHelpHasTheQueryLanguage(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 140, 60, true)
	h.press("?")
	s := h.screen()
	for _, want := range []string{"Query language", "edition:3", "country:kuwait", "is:unread", "-tag:done", `"border control"`, "date:2024-01..2024-06"} {
		if !strings.Contains(s, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

// Gap: the reader keeps the place in each brief: going back to a brief
// goes back to where one was reading, once its text is laid out again.
func TestReaderKeepsThePlacePerBrief(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 80, 24, true)
	h.press("enter") // the first brief, in the reader
	for range 7 {
		h.press("j")
	}
	if h.m.reader.offset != 7 {
		t.Fatalf("reader offset %d after 7 j", h.m.reader.offset)
	}
	h.press("esc", "j", "enter") // the second brief starts at the top
	if h.m.reader.offset != 0 {
		t.Errorf("another brief opens at %d", h.m.reader.offset)
	}
	h.press("j", "j")
	h.press("esc", "k", "enter")
	if h.m.reader.offset != 7 {
		t.Errorf("back to the first brief at %d, want 7", h.m.reader.offset)
	}
	h.press("esc", "j", "enter")
	if h.m.reader.offset != 2 {
		t.Errorf("back to the second brief at %d, want 2", h.m.reader.offset)
	}
	// a width change re-lays the text out: the place is kept, clamped
	h.send(tea.WindowSizeMsg{Width: 70, Height: 24})
	if h.m.reader.offset != 2 {
		t.Errorf("after a resize at %d, want 2", h.m.reader.offset)
	}
}

// Gap: lines of the reader are capped at maxReadWidth on a wide terminal.
func TestReaderLinesAreCapped(t *testing.T) {
	h := newHarness(t, seedLibrary(t), 250, 60, true)
	h.press("j", "enter")
	longest := 0
	for _, l := range h.m.reader.plain {
		longest = max(longest, ansi.StringWidth(strings.TrimRight(l, " ")))
	}
	if longest > maxReadWidth || longest < maxReadWidth-20 {
		t.Errorf("longest reader line %d cells, want at most %d (and near it)", longest, maxReadWidth)
	}
}

// Item 11: the header wraps a value in its own column (continuation lines
// indented under it), never parts a country's code from its name, and a
// long file name starts beside its label.
func TestHeaderWrapsInItsColumn(t *testing.T) {
	b := seedBriefs(t)
	b[0].Path = "/home/reader/agency-dumps/2025/december/nina/interior-ministry-drug-control-conference.txt"
	b[0].Countries = []brief.Country{{Code: "IQ", Name: "Iraq"}, {Code: "US", Name: "United States"},
		{Code: "SA", Name: "Saudi Arabia"}, {Code: "IR", Name: "Iran"}, {Code: "KW", Name: "Kuwait"},
		{Code: "LB", Name: "Lebanon"}, {Code: "JO", Name: "Jordan"}, {Code: "AE", Name: "United Arab Emirates"}}
	for _, w := range []int{99, 80, 60, 40} {
		h := newHarness(t, library.New(stubExtractor{}, b), w, 30, true)
		h.press("enter")
		var head []string
		for _, l := range h.m.reader.plain {
			if strings.HasPrefix(l, "───") {
				break
			}
			head = append(head, l)
		}
		text := strings.Join(head, "\n")
		for _, c := range b[0].Countries {
			if !strings.Contains(text, c.Code+" "+c.Name) {
				t.Errorf("width %d: %q parted:\n%s", w, c.Code+" "+c.Name, text)
			}
		}
		in := false
		for _, l := range head {
			switch {
			case strings.HasPrefix(l, "Countries") || strings.HasPrefix(l, "File"):
				in = true
				if f := strings.Fields(l); len(f) < 2 {
					t.Errorf("width %d: %q alone on its line:\n%s", w, l, text)
				}
			case in && !strings.HasPrefix(l, strings.Repeat(" ", headerLabelWidth)):
				t.Errorf("width %d: continuation %q not indented:\n%s", w, l, text)
			}
		}
	}
}

// Item 13: tab completion cycles through the candidates (shift+tab goes
// back) and shows them all, the one in the box marked.
func TestTagCompletionCycles(t *testing.T) {
	h, st := newStoreHarness(t, seedLibrary(t), 120, 30, true)
	_, shafaq := seedIDs(h)
	mustAddTags(t, st, shafaq, "iran", "iraq", "iraq-war", "kuwait")
	h.send(tea.FocusMsg{})
	h.press("t")
	h.typeText("ir")
	if s := h.screen(); !strings.Contains(s, "tab/shift+tab: iran iraq iraq-war") {
		t.Errorf("candidates not shown:\n%s", s)
	}
	var got []string
	for range 4 {
		h.press("tab")
		got = append(got, h.tagEd().input.Value())
	}
	if want := []string{"iran", "iraq", "iraq-war", "iran"}; !slices.Equal(got, want) {
		t.Errorf("tab cycles %q, want %q", got, want)
	}
	if s := h.screen(); !strings.Contains(s, "[iran] iraq iraq-war") {
		t.Errorf("the candidate in the box is not marked:\n%s", s)
	}
	h.send(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	if v := h.tagEd().input.Value(); v != "iraq-war" {
		t.Errorf("shift+tab went to %q, want iraq-war", v)
	}
	// typing ends the cycle: the next word completes on its own
	h.typeText(" +ku")
	h.press("tab")
	if v := h.tagEd().input.Value(); v != "iraq-war +kuwait" {
		t.Errorf("after typing on: %q", v)
	}
}

// Item 11: hyphenated names and query terms are not broken at their
// hyphens either.
func TestWrapsKeepHyphenatedWholes(t *testing.T) {
	for w := 24; w <= 40; w++ {
		for _, l := range headerField("Countries", keepTogether("IQ Iraq")+", "+keepTogether("GW Guinea-Bissau")+", "+keepTogether("TL Timor-Leste"), w) {
			if strings.HasSuffix(l[1], "-") || strings.HasSuffix(l[1], "Guinea") || strings.HasSuffix(l[1], "GW") {
				t.Errorf("width %d: broken at %q", w, l[1])
			}
		}
	}
	th := newTheme(true, true)
	col := ansi.Strip(helpColumn(th, "Query", [][2]string{{"date:2024-07", "a year; date:2024-01..2024-06 a range"}}, 38))
	if !strings.Contains(col, "date:2024-01..2024-06") {
		t.Errorf("a query term broken in the help:\n%s", col)
	}
}
