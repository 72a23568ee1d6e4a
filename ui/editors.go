package ui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// panelLines is the height of the bottom panel the tag editor, the export
// prompt and the questions use (a rule with a title, then three lines).
const panelLines = 4

// panel draws a bottom panel: a titled rule and up to three lines.
func panel(th *theme, width int, title string, lines ...string) string {
	if width <= 0 {
		return ""
	}
	t := ansi.Truncate(clean(title), max(0, width-4), "…")
	rule := th.panelRule.Render("─ ") + th.panelTitle.Render(t) + " "
	if n := width - 3 - ansi.StringWidth(t); n > 0 {
		rule += th.panelRule.Render(strings.Repeat("─", n))
	}
	out := []string{rule}
	for _, l := range lines {
		out = append(out, " "+l)
	}
	return padLines(out, width, panelLines)
}

// newInput returns a one-line text input styled by th.
func newInput(th *theme, prompt, placeholder string, charLimit int) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.CharLimit = charLimit
	in.SetStyles(th.input)
	return in
}

// tagEditor edits the tags of one brief or of the marked briefs: words add
// tags, `-word` removes one, tab completes from the tags in use.
type tagEditor struct {
	open    bool
	busy    bool
	ids     []string // the briefs the edit applies to
	label   string   // what they are, for the title
	current []string // tags all of them have
	known   []string // every tag in use, for completion
	input   textinput.Model
	err     string
	th      *theme
}

func newTagEditor(th *theme) tagEditor {
	in := newInput(th, "tags: ", "word adds · -word removes", 500)
	in.ShowSuggestions = true
	return tagEditor{input: in, th: th}
}

func (e *tagEditor) setTheme(th *theme) {
	e.th = th
	e.input.SetStyles(th.input)
}

func (e *tagEditor) setWidth(w int) {
	e.input.SetWidth(max(1, w-len(e.input.Prompt)-3))
}

// start opens the editor for ids.
func (e *tagEditor) start(ids []string, label string, current, known []string) tea.Cmd {
	e.open, e.busy, e.err = true, false, ""
	e.ids, e.label, e.current, e.known = ids, label, current, known
	e.input.SetValue("")
	e.refresh()
	return e.input.Focus()
}

func (e *tagEditor) close() {
	e.open, e.busy, e.err = false, false, ""
	e.input.Blur()
	e.input.SetValue("")
}

// update passes a message to the input and refreshes the completions.
func (e *tagEditor) update(msg tea.Msg) tea.Cmd {
	old := e.input.Value()
	var cmd tea.Cmd
	e.input, cmd = e.input.Update(msg)
	if e.input.Value() != old {
		e.err = ""
		e.refresh()
	}
	return cmd
}

// refresh offers completions of the word being typed: the input matches
// suggestions against its whole value, so each suggestion is the text
// before the word plus a tag.
func (e *tagEditor) refresh() {
	v := e.input.Value()
	k := strings.LastIndexAny(v, " \t") + 1
	prefix, word := v[:k], v[k:]
	sign := ""
	if strings.HasPrefix(word, "+") || strings.HasPrefix(word, "-") {
		sign, word = word[:1], word[1:]
	}
	if word == "" {
		e.input.SetSuggestions(nil)
		return
	}
	var sugs []string
	for _, t := range e.known {
		has := slices.Contains(e.current, t)
		if (sign == "-") != has && len(e.ids) == 1 {
			continue // add what it lacks, remove what it has
		}
		sugs = append(sugs, prefix+sign+t)
	}
	e.input.SetSuggestions(sugs)
}

// View is the editor's panel.
func (e *tagEditor) View(width int) string {
	now := "no tags yet"
	if len(e.current) > 0 {
		now = "#" + strings.Join(e.current, " #")
	}
	if len(e.ids) > 1 {
		now = "on all: " + now
	}
	info := e.th.barHint.Render(clean(now))
	var last string
	switch {
	case e.busy:
		last = e.th.barHint.Render("saving…")
	case e.err != "":
		last = e.th.barError.Render("✗ " + clean(e.err))
	default:
		var names []string
		v := e.input.Value()
		k := strings.LastIndexAny(v, " \t") + 1
		for _, s := range e.input.MatchedSuggestions() {
			names = append(names, strings.TrimLeft(s[min(k, len(s)):], "+-"))
		}
		if len(names) > 0 {
			last = e.th.barHint.Render("tab: " + clean(strings.Join(names, "  ")))
		} else {
			last = e.th.barHint.Render("word or +word adds · -word removes · tab completes · enter applies · esc cancels")
		}
	}
	return panel(e.th, width, "Tags · "+e.label, info, e.input.View(), last)
}

// noteEditor is the inline note editor: a textarea with the brief's note.
// Leaving saves; the text stays on screen until the save succeeds. A save
// only goes through if the stored note is still orig; when another program
// changed it meanwhile the editor stays open with the user's text and asks
// whether to overwrite theirs or to keep editing with theirs appended.
type noteEditor struct {
	open   bool
	saving bool
	id     string
	title  string
	orig   string // the note the text is based on, as read from the store
	area   textarea.Model
	err    string
	width  int
	height int
	th     *theme

	conflict  bool   // asking: the note was changed elsewhere
	theirs    string // the note as stored now, when conflict
	quitAfter bool   // the save that met the conflict was quitting
	temp      string // the $EDITOR file the text came from, removed once saved
	stale     bool   // the last read of the store found another note than orig
}

func newNoteEditor(th *theme) noteEditor {
	a := textarea.New()
	a.ShowLineNumbers = false
	a.Prompt = ""
	a.Placeholder = "Markdown: your note on this brief"
	a.CharLimit = 0
	a.MaxHeight = 0
	a.MaxWidth = 0
	a.SetStyles(th.area)
	return noteEditor{area: a, th: th}
}

func (n *noteEditor) setTheme(th *theme) {
	n.th = th
	n.area.SetStyles(th.area)
}

func (n *noteEditor) setSize(w, h int) {
	n.width, n.height = max(0, w), max(0, h)
	n.area.SetWidth(max(1, n.width-2))
	n.area.SetHeight(max(1, n.height-3))
}

// start opens the editor on a note.
func (n *noteEditor) start(id, title, note string) tea.Cmd {
	n.open, n.saving, n.err = true, false, ""
	n.id, n.title, n.orig = id, title, note
	n.conflict, n.theirs, n.quitAfter, n.temp, n.stale = false, "", false, "", false
	n.area.SetValue(note)
	return n.area.Focus()
}

// startConflict opens the editor on text the user wrote from base (in
// $EDITOR, kept in the file temp) that could not be saved because the note
// is now theirs, and asks what to do.
func (n *noteEditor) startConflict(id, title, base, mine, theirs, temp string) tea.Cmd {
	cmd := n.start(id, title, base)
	n.area.SetValue(mine)
	n.conflict, n.theirs, n.temp = true, theirs, temp
	return cmd
}

// setConflict asks about a save refused because the note is now theirs.
func (n *noteEditor) setConflict(theirs string, quit bool) {
	n.saving, n.err = false, ""
	n.conflict, n.theirs, n.quitAfter = true, theirs, quit
}

// keepBoth answers the conflict by appending their text (what they added,
// when they only added) below the user's; the user then reviews and saves,
// against their version.
func (n *noteEditor) keepBoth() {
	n.area.SetValue(mergeNotes(n.orig, n.area.Value(), n.theirs))
	n.orig = n.theirs
	n.conflict, n.theirs, n.quitAfter, n.stale = false, "", false, false
}

// keepEditing closes the question; the next save asks again.
func (n *noteEditor) keepEditing() {
	n.conflict, n.quitAfter = false, false
}

func (n *noteEditor) close() {
	n.open, n.saving, n.err = false, false, ""
	n.conflict, n.theirs, n.quitAfter, n.temp, n.stale = false, "", false, "", false
	n.area.Blur()
	n.area.SetValue("")
}

// theirPart is what the other writer's version adds to base: the text
// after base when they only appended (as `briefs note --text` and quoting
// do), else their whole note.
func theirPart(base, theirs string) string {
	b := strings.TrimRight(base, " \t\r\n")
	if b != "" && strings.HasPrefix(theirs, b) {
		return strings.TrimSpace(theirs[len(b):])
	}
	return strings.TrimSpace(theirs)
}

// mergeNotes keeps both versions: the user's text, a blank line, then
// their part (see theirPart); nothing is added when they only deleted.
func mergeNotes(base, mine, theirs string) string {
	add := theirPart(base, theirs)
	if add == "" {
		return mine
	}
	mine = strings.TrimRight(mine, " \t\r\n")
	if mine == "" {
		return add
	}
	return mine + "\n\n" + add
}

// dirty reports unsaved text.
func (n *noteEditor) dirty() bool { return n.open && n.area.Value() != n.orig }

func (n *noteEditor) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	n.area, cmd = n.area.Update(msg)
	return cmd
}

// View renders exactly height lines of width cells.
func (n *noteEditor) View() string {
	if n.width <= 0 || n.height <= 0 {
		return ""
	}
	lines := []string{" " + n.th.hdrTitle.Render(ansi.Truncate("Note · "+clean(n.title), max(1, n.width-2), "…"))}
	for _, l := range strings.Split(n.area.View(), "\n") {
		lines = append(lines, " "+l)
	}
	lines = lines[:min(len(lines), max(1, n.height-2))]
	for len(lines) < n.height-2 {
		lines = append(lines, "")
	}
	var status string
	switch {
	case n.saving:
		status = n.th.barHint.Render("saving…")
	case n.conflict:
		status = n.th.barError.Render("not saved: the note was changed elsewhere (answer below)")
	case n.stale:
		status = n.th.barError.Render("changed elsewhere meanwhile: saving will ask before overwriting")
	case n.err != "":
		status = n.th.barError.Render("✗ " + clean(n.err) + " (esc retries, ctrl+x discards)")
	case n.dirty():
		status = n.th.barHint.Render("edited · esc or ctrl+s saves and closes · ctrl+x discards")
	default:
		status = n.th.barHint.Render(strconv.Itoa(len([]rune(n.area.Value()))) + " characters · esc closes")
	}
	lines = append(lines, " "+n.th.hdrRule.Render(strings.Repeat("─", max(0, n.width-2))), " "+status)
	if n.height < 3 {
		lines = lines[:n.height]
	}
	return padLines(lines, n.width, n.height)
}

// exportPrompt asks where to export the briefs shown, then, when the file
// exists, whether to overwrite it.
type exportPrompt struct {
	open    bool
	busy    bool
	n       int    // briefs to export
	confirm string // the existing file waiting for an answer
	input   textinput.Model
	err     string
	th      *theme
}

func newExportPrompt(th *theme) exportPrompt {
	return exportPrompt{input: newInput(th, "file: ", "", 4096), th: th}
}

func (x *exportPrompt) setTheme(th *theme) {
	x.th = th
	x.input.SetStyles(th.input)
}

func (x *exportPrompt) setWidth(w int) {
	x.input.SetWidth(max(1, w-len(x.input.Prompt)-3))
}

func (x *exportPrompt) start(n int, path string) tea.Cmd {
	x.open, x.busy, x.err, x.confirm, x.n = true, false, "", "", n
	x.input.SetValue(path)
	x.input.CursorEnd()
	return x.input.Focus()
}

func (x *exportPrompt) close() {
	x.open, x.busy, x.err, x.confirm = false, false, "", ""
	x.input.Blur()
}

func (x *exportPrompt) update(msg tea.Msg) tea.Cmd {
	old := x.input.Value()
	var cmd tea.Cmd
	x.input, cmd = x.input.Update(msg)
	if x.input.Value() != old {
		x.err = ""
	}
	return cmd
}

func (x *exportPrompt) View(width int) string {
	title := "Export " + plural(x.n, "brief") + " shown, with tags and notes"
	if x.confirm != "" {
		return panel(x.th, width, title,
			x.th.barError.Render(ansi.Truncate("overwrite "+clean(x.confirm)+"? (y/n)", max(1, width-2), "…")),
			x.th.barHint.Render("y replaces the file · n keeps it and goes back to the file name"))
	}
	var last string
	switch {
	case x.busy:
		last = x.th.barHint.Render("writing…")
	case x.err != "":
		last = x.th.barError.Render("✗ " + clean(x.err))
	default:
		last = x.th.barHint.Render("a .json name writes JSON, other names Markdown · enter writes · esc cancels")
	}
	return panel(x.th, width, title, x.input.View(), last)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
