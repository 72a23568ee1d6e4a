package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/briefs/briefs/internal/store"
)

// OrphanStore is what the orphaned-notes view needs of the store: the
// annotations whose brief is not in the collection (after the loader's
// Reattach), and attaching or deleting one. *store.Store is one (any
// store.Backend is); a Store without these methods has no such view.
type OrphanStore interface {
	Orphans(ctx context.Context) ([]store.Orphan, error)
	Attach(ctx context.Context, from, to string) error
	DeleteOrphan(ctx context.Context, id string) error
}

// orphansView is the overlay of orphaned notes (the reader's `briefs
// orphans`): every annotation whose brief's file is gone or changed
// beyond re-attachment, with all it holds (tags, the whole note, read
// state, corrections) and why it was left. a attaches the selected orphan
// to the brief selected in the list (after asking), d deletes it (after
// asking), esc closes. It takes the whole body: an index of the orphans
// above the selected one's details, which scroll (a note longer than the
// screen is read to its end).
type orphansView struct {
	th            *theme
	km            *keyMap
	width, height int

	orphans []store.Orphan
	loaded  bool
	err     string // reading or the last action failed
	busy    string // what is being done ("attaching…"), "" when idle
	sel     int    // the selected orphan
	offset  int    // the first line of its details shown

	// the brief selected in the list: what a attaches to
	targetID, targetTitle string
}

type (
	// orphansMsg: the orphans read from the store.
	orphansMsg struct {
		list []store.Orphan
		err  error
	}
	// orphanDoneMsg: an orphan was attached or deleted (or not).
	orphanDoneMsg struct {
		attach   bool
		id, to   string
		err      error
		holdings string
	}
	// orphanCountMsg: how many orphans there are, after the collection
	// loaded (for the notice).
	orphanCountMsg struct{ n int }
)

// orphanStore returns the store as an OrphanStore, if it is one.
func (m *Model) orphanStore() (OrphanStore, bool) {
	if m.opt.Store == nil || isNil(m.opt.Store) {
		return nil, false
	}
	o, ok := m.opt.Store.(OrphanStore)
	return o, ok
}

// openOrphans opens the view and reads the orphans.
func (m *Model) openOrphans() tea.Cmd {
	if _, ok := m.orphanStore(); !ok {
		return m.unavailable("orphaned notes")
	}
	v := &orphansView{th: m.th, km: m.km}
	v.target(m)
	m.push(v)
	return m.orphansCmd()
}

// target remembers the brief selected in the list.
func (v *orphansView) target(m *Model) {
	v.targetID, v.targetTitle = "", ""
	if b := m.list.selected(); b != nil {
		v.targetID, v.targetTitle = b.ID, b.Title
	}
}

// orphansCmd reads the orphans in a command.
func (m *Model) orphansCmd() tea.Cmd {
	return m.storeCmd(func(ctx context.Context, st Store) tea.Msg {
		os, ok := st.(OrphanStore)
		if !ok {
			return orphansMsg{err: errors.New("this database cannot list orphaned notes")}
		}
		list, err := os.Orphans(ctx)
		if errors.Is(err, store.ErrNoCollection) {
			err = errors.New("the briefs are still being read: open this again once they are loaded")
		}
		return orphansMsg{list: list, err: err}
	})
}

// orphanNoticeCmd counts the orphans once the collection is loaded, so
// that the status bar can say there are some: nothing the user wrote is
// out of sight without a word.
func (m *Model) orphanNoticeCmd() tea.Cmd {
	if _, ok := m.orphanStore(); !ok {
		return nil
	}
	return m.storeCmd(func(ctx context.Context, st Store) tea.Msg {
		list, err := st.(OrphanStore).Orphans(ctx)
		if err != nil {
			return nil
		}
		return orphanCountMsg{n: len(list)}
	})
}

// orphanNotice says in the status bar that there are orphans, unless
// something else is being said.
func (m *Model) orphanNotice(n int) tea.Cmd {
	if n == 0 || m.status.msg != "" {
		return nil
	}
	if _, open := find[*orphansView](m); open {
		return nil
	}
	what := "orphaned note"
	if n > 1 {
		what += "s"
	}
	return m.flash(fmt.Sprintf("%d %s (their brief is gone or changed): %s", n, what, does(m.km.Orphans, "shows them")), false)
}

func (v *orphansView) setTheme(th *theme) { v.th = th }
func (v *orphansView) setSize(w, h int) {
	v.width, v.height = max(0, w), max(0, h)
	v.clamp()
}
func (v *orphansView) place() placement { return atBody }
func (v *orphansView) lines() int       { return 0 }

func (v *orphansView) bindings() []key.Binding {
	return []key.Binding{v.km.Up, v.km.Down, v.km.PageDown, v.km.AttachOrphan, v.km.DeleteOrphan, v.km.Back}
}

func (v *orphansView) update(m *Model, msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case orphansMsg:
		v.loaded, v.busy = true, ""
		if msg.err != nil {
			v.err = msg.err.Error()
			return nil, true
		}
		v.err = ""
		keep := ""
		if v.sel < len(v.orphans) {
			keep = v.orphans[v.sel].ID
		}
		v.orphans = msg.list
		if i := slices.IndexFunc(v.orphans, func(o store.Orphan) bool { return o.ID == keep }); i >= 0 {
			v.sel = i
		}
		v.clamp()
		return nil, true
	case orphanDoneMsg:
		return v.done(m, msg), true
	case tea.KeyPressMsg:
		if v.busy != "" {
			return nil, true
		}
		switch {
		case key.Matches(msg, v.km.PageDown):
			v.scroll(v.page())
		case key.Matches(msg, v.km.PageUp):
			v.scroll(-v.page())
		case navigate(v.km, msg, v):
		case key.Matches(msg, v.km.AttachOrphan):
			return v.askAttach(m), true
		case key.Matches(msg, v.km.DeleteOrphan):
			return v.askDelete(m), true
		case key.Matches(msg, v.km.Back, v.km.Orphans):
			m.pop(v)
		case key.Matches(msg, v.km.Quit):
			return m.quit(), true
		}
		return nil, true
	case tea.MouseWheelMsg:
		v.scroll(wheel(msg.Mouse()))
		return nil, true
	case tea.MouseClickMsg, tea.PasteMsg:
		return nil, true
	}
	return nil, false
}

// selected is the selected orphan, if any.
func (v *orphansView) selected() (store.Orphan, bool) {
	if v.sel < 0 || v.sel >= len(v.orphans) {
		return store.Orphan{}, false
	}
	return v.orphans[v.sel], true
}

// askAttach asks whether to give the selected orphan's annotations to the
// brief selected in the list.
func (v *orphansView) askAttach(m *Model) tea.Cmd {
	o, ok := v.selected()
	if !ok {
		return nil
	}
	v.target(m)
	if v.targetID == "" {
		v.err = "no brief selected in the list: close this view (" + hintKey(v.km.Back) + "), select the brief the notes belong to, and come back"
		return nil
	}
	from, to := o.ID, v.targetID
	hold := orphanHoldings(o)
	m.push(&question{panelBase: panelBase{th: v.th, km: v.km}, title: "Orphaned notes",
		ask:  "attach " + from + " to " + to + "?",
		info: []string{"gives " + hold + " to: " + clean(v.targetTitle)},
		answers: []answer{
			{key: v.km.Yes, hint: "attaches", choose: func(m *Model) tea.Cmd {
				v.busy, v.err = "attaching…", ""
				return m.storeCmd(func(ctx context.Context, st Store) tea.Msg {
					return orphanDoneMsg{attach: true, id: from, to: to, holdings: hold, err: st.(OrphanStore).Attach(ctx, from, to)}
				})
			}},
			{key: v.km.No, hint: "keeps it", choose: func(*Model) tea.Cmd { return nil }},
			{key: v.km.Dismiss, choose: func(*Model) tea.Cmd { return nil }},
		}})
	return nil
}

// askDelete asks whether to delete the selected orphan and all it holds.
func (v *orphansView) askDelete(m *Model) tea.Cmd {
	o, ok := v.selected()
	if !ok {
		return nil
	}
	id, hold := o.ID, orphanHoldings(o)
	m.push(&question{panelBase: panelBase{th: v.th, km: v.km}, title: "Orphaned notes",
		ask:  "delete " + id + " and everything it holds?",
		info: []string{"deletes " + hold + "; this cannot be undone"},
		answers: []answer{
			{key: v.km.Yes, hint: "deletes", choose: func(m *Model) tea.Cmd {
				v.busy, v.err = "deleting…", ""
				return m.storeCmd(func(ctx context.Context, st Store) tea.Msg {
					return orphanDoneMsg{id: id, holdings: hold, err: st.(OrphanStore).DeleteOrphan(ctx, id)}
				})
			}},
			{key: v.km.No, hint: "keeps it", choose: func(*Model) tea.Cmd { return nil }},
			{key: v.km.Dismiss, choose: func(*Model) tea.Cmd { return nil }},
		}})
	return nil
}

// done reports an attach or a delete, and reads the orphans and the
// user's data again (the brief attached to has new tags, a note...).
func (v *orphansView) done(m *Model, msg orphanDoneMsg) tea.Cmd {
	v.busy = ""
	if msg.err != nil {
		v.err = msg.err.Error()
		return m.orphansCmd()
	}
	text := "deleted " + msg.id + " (" + msg.holdings + ")"
	if msg.attach {
		text = "attached " + msg.id + " to " + msg.to
	}
	return tea.Batch(m.flash(text, false), m.orphansCmd(), m.reloadCmd())
}

// Layout: a fixed head, the index of the orphans (one line each, the
// selected one marked), a rule, the selected orphan's details (the whole
// note) and the last line. The up and down keys select in the index; the
// page keys and the wheel scroll the details, so a note longer than the
// screen is read to its end.

// head is the lines above the index.
func (v *orphansView) head() []string {
	th, w := v.th, textWidth(v.width)
	title := "Orphaned notes"
	if v.loaded {
		title += fmt.Sprintf(" · %d", len(v.orphans))
	}
	lines := []string{marginOf(v.width) + th.reader.title.Render(ansi.Truncate(title, w, "…"))}
	about := "Tags, notes and corrections whose brief is gone or changed beyond recognition. " +
		"To keep them, select the brief they belong to in the list, then " + does(v.km.AttachOrphan, "attaches") + "; " +
		does(v.km.DeleteOrphan, "deletes") + "."
	for _, l := range strings.Split(ansi.Wrap(about, w, ""), "\n") {
		lines = append(lines, marginOf(v.width)+th.bar.hint.Render(l))
	}
	return append(lines, "")
}

// foot is the last line: what is going on, an error, or the target.
func (v *orphansView) foot() string {
	th, w := v.th, textWidth(v.width)
	var s string
	switch {
	case v.busy != "":
		s = th.bar.hint.Render(v.busy)
	case v.err != "":
		s = th.bar.err.Render(ansi.Truncate("✗ "+clean(v.err), w, "…"))
	case v.targetID != "" && len(v.orphans) > 0:
		s = th.bar.hint.Render(ansi.Truncate(does(v.km.AttachOrphan, "attaches to "+v.targetID+" "+clean(v.targetTitle)), w, "…"))
	}
	return marginOf(v.width) + s
}

// room is the height below the head, above the last line.
func (v *orphansView) room() int { return max(1, v.height-len(v.head())-1) }

// indexRows is the height of the index: every orphan when they fit in a
// third of the room (at least one line each for up to three).
func (v *orphansView) indexRows() int {
	return max(1, min(len(v.orphans), max(3, v.room()/3)))
}

// detailRows is the height of the details, below the index and its rule.
func (v *orphansView) detailRows() int { return max(0, v.room()-v.indexRows()-1) }

// indexTop is the first orphan the index shows: the selected one in view.
func (v *orphansView) indexTop() int {
	rows := v.indexRows()
	return max(0, min(v.sel-rows/2, len(v.orphans)-rows))
}

func (v *orphansView) detail() []string {
	o, ok := v.selected()
	if !ok {
		return nil
	}
	return v.entry(o)
}

// move selects another orphan (the scroller's move, for the up and down
// keys); its details show from their top.
func (v *orphansView) move(delta int) {
	sel := max(0, min(v.sel+delta, len(v.orphans)-1))
	if sel != v.sel {
		v.sel, v.offset = sel, 0
	}
}

// scroll moves the details by delta lines.
func (v *orphansView) scroll(delta int) {
	v.offset = max(0, min(v.offset+delta, len(v.detail())-v.detailRows()))
}

func (v *orphansView) top()      { v.move(-len(v.orphans)) }
func (v *orphansView) bottom()   { v.move(len(v.orphans)) }
func (v *orphansView) page() int { return max(1, v.detailRows()-1) }

// clamp keeps the selection and the details' offset in range.
func (v *orphansView) clamp() {
	v.sel = max(0, min(v.sel, len(v.orphans)-1))
	v.scroll(0)
}
