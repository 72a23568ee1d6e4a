package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/export"
	"github.com/briefs/briefs/internal/library"
)

// exportPrompt is the overlay asking where to export the briefs shown
// (export.Build, as the command line's export), then, when the file
// exists, whether to overwrite it (a question on top of it).
type exportPrompt struct {
	promptPanel
	n         int    // briefs to export
	annotated bool   // no query: the briefs with tags or notes (export.AnnotatedOnly)
	confirm   string // the existing file waiting for an answer
}

// exportedMsg: an export was written, or the file exists, or it failed.
type exportedMsg struct {
	path   string // absolute
	n      int
	exists bool
	err    error
}

// openExport asks where to export the briefs shown: as `briefs export`,
// those the query selects, or without a query those with tags or notes
// (export.AnnotatedOnly).
func (m *Model) openExport() tea.Cmd {
	if len(m.list.items) == 0 {
		return m.flash("nothing to export: no brief is shown", false)
	}
	annotated, n := export.AnnotatedOnly(m.query.String()), len(m.list.items)
	if annotated {
		n = 0
		for _, k := range m.list.items {
			if export.Annotated(m.lib.Brief(k), m.tags, m.notes) {
				n++
			}
		}
		if n == 0 {
			return m.flash("nothing to export: no brief has a tag or a note yet (search or filter to export the briefs shown)", false)
		}
	}
	in := newInput(m.th, "file: ", "", 4096)
	x := &exportPrompt{promptPanel: promptPanel{inputPane: inputPane{th: m.th, km: m.km, input: in, inset: 3}}, n: n, annotated: annotated}
	x.input.SetValue(defaultExportPath(m.query))
	x.input.CursorEnd()
	m.push(x)
	return x.input.Focus()
}

func (x *exportPrompt) bindings() []key.Binding { return []key.Binding{x.km.Apply, x.km.Dismiss} }

func (x *exportPrompt) title() string {
	if x.annotated {
		return "Export the " + plural(x.n, "brief") + " with tags or notes"
	}
	return "Export " + plural(x.n, "brief") + " shown, with tags and notes"
}

func (x *exportPrompt) update(m *Model, msg tea.Msg) (tea.Cmd, bool) {
	if r, ok := msg.(exportedMsg); ok {
		return x.exported(m, r), true
	}
	return x.route(m, x, msg, x.submit)
}

// submit writes the export, asking first if the file exists.
func (x *exportPrompt) submit(m *Model) tea.Cmd {
	path := strings.TrimSpace(x.input.Value())
	if path == "" {
		x.err = "type a file name"
		return nil
	}
	x.busy, x.err = true, ""
	return m.exportCmd(path, false)
}

// exported reports an export, or asks before overwriting.
func (x *exportPrompt) exported(m *Model, msg exportedMsg) tea.Cmd {
	x.busy = false
	switch {
	case msg.exists:
		x.askOverwrite(m, msg.path)
		return nil
	case msg.err != nil:
		x.err = msg.err.Error()
		return nil
	}
	m.pop(x)
	return m.flash(fmt.Sprintf("exported %s to %s", plural(msg.n, "brief"), msg.path), false)
}

// askOverwrite asks whether to replace the existing file path.
func (x *exportPrompt) askOverwrite(m *Model, path string) {
	x.confirm = path
	no := func(*Model) tea.Cmd {
		x.confirm, x.err = "", "not overwritten; choose another name"
		return nil
	}
	m.push(&question{panelBase: panelBase{th: x.th, km: x.km}, title: x.title(), ask: "overwrite " + clean(path) + "?",
		answers: []answer{
			{key: x.km.Yes, hint: "replaces the file", choose: func(m *Model) tea.Cmd {
				x.confirm, x.busy = "", true
				return m.exportCmd(path, true)
			}},
			{key: x.km.No, hint: "keeps it and goes back to the file name", choose: no},
			{key: x.km.Dismiss, choose: no},
		}})
}

func (x *exportPrompt) View() string {
	last := x.status("writing…", hints("a .json name writes JSON, other names Markdown",
		does(x.km.Apply, "writes"), does(x.km.Dismiss, "cancels")))
	return panel(x.th, x.width, x.title(), x.input.View(), last)
}

// exportCmd writes the briefs shown, with their tags and notes, to path
// (Markdown, or JSON for a .json path), built by export.Build as the
// command line's export is. The list, tags and notes it reads are never
// changed in place (new results and new reads replace them).
func (m *Model) exportCmd(path string, force bool) tea.Cmd {
	lib, shown, tags, notes, query := m.lib, m.list.items, m.tags, m.notes, m.query.String()
	return func() tea.Msg {
		abs, err := export.ExpandHome(path, os.UserHomeDir) // "~/notes.md": no shell saw it
		if err != nil {
			return exportedMsg{path: path, err: err}
		}
		abs, err = filepath.Abs(abs)
		if err != nil {
			return exportedMsg{path: path, err: fmt.Errorf("export to %s: %w", path, err)}
		}
		bs := make([]*brief.Brief, len(shown))
		for i, k := range shown {
			bs[i] = lib.Brief(k)
		}
		doc, err := export.Build(export.Request{Briefs: bs, Tags: tags, Notes: notes, Query: query,
			Format: export.FormatOf(abs), Lib: lib, Annotated: export.AnnotatedOnly(query), Getenv: os.Getenv})
		if err != nil {
			return exportedMsg{path: abs, err: err}
		}
		err = export.WriteFile(abs, force, doc.Write)
		switch {
		case errors.Is(err, export.ErrExists):
			return exportedMsg{path: abs, n: len(doc.Items), exists: true}
		case err != nil:
			return exportedMsg{path: abs, err: err}
		}
		return exportedMsg{path: abs, n: len(doc.Items)}
	}
}

// defaultExportPath is the path the export prompt starts with.
func defaultExportPath(q library.Query) string {
	if q.Empty() {
		return export.DefaultFileName
	}
	return export.FileName("briefs " + q.String())
}
