package ui

import (
	"cmp"
	"strings"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
	"github.com/charmbracelet/x/ansi"
)

// rowHeight is the number of lines one brief takes in the list.
const rowHeight = 2

// listModel is the brief list. It renders only the rows on screen, so a
// frame costs the same for ten briefs or a hundred thousand.
type listModel struct {
	lib     *library.Library
	tags    library.Tags
	notes   map[string]string // brief ID -> note, for the note sign
	marks   map[string]bool   // marked brief IDs
	items   []int32           // brief indexes, in display order
	cursor  int               // index into items
	offset  int               // first item on screen
	width   int
	height  int
	focused bool
	th      *theme
}

func (l *listModel) setSize(w, h int) {
	l.width, l.height = max(0, w), max(0, h)
	l.clamp()
}

// rows is the number of briefs that fit on screen.
func (l *listModel) rows() int { return max(1, l.height/rowHeight) }

// setItems replaces the shown briefs, keeping the cursor on the same brief
// when it is still shown.
func (l *listModel) setItems(items []int32) {
	var keep int32 = -1
	if l.cursor >= 0 && l.cursor < len(l.items) {
		keep = l.items[l.cursor]
	}
	l.items = items
	l.cursor = 0
	if keep >= 0 {
		for i, it := range items {
			if it == keep {
				l.cursor = i
				break
			}
		}
	}
	l.clamp()
	// keep the selection where it was on screen when possible
	if l.cursor < l.offset || l.cursor >= l.offset+l.rows() {
		l.offset = max(0, l.cursor-l.rows()/3)
	}
	l.clamp()
}

// selected returns the brief under the cursor, or nil.
func (l *listModel) selected() *brief.Brief {
	if l.lib == nil || l.cursor < 0 || l.cursor >= len(l.items) {
		return nil
	}
	return l.lib.Brief(l.items[l.cursor])
}

// briefAt returns the brief at position i of the list, or nil.
func (l *listModel) briefAt(i int) *brief.Brief {
	if l.lib == nil || i < 0 || i >= len(l.items) {
		return nil
	}
	return l.lib.Brief(l.items[i])
}

func (l *listModel) move(delta int) { l.moveTo(l.cursor + delta) }

func (l *listModel) moveTo(i int) {
	l.cursor = i
	l.clamp()
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if r := l.rows(); l.cursor >= l.offset+r {
		l.offset = l.cursor - r + 1
	}
	l.clamp()
}

// scroll moves the view (not the cursor, unless it would leave the screen).
func (l *listModel) scroll(delta int) {
	l.offset += delta
	l.clamp()
	if l.cursor < l.offset {
		l.cursor = l.offset
	}
	if r := l.rows(); l.cursor >= l.offset+r {
		l.cursor = l.offset + r - 1
	}
	l.clamp()
}

func (l *listModel) clamp() {
	n := len(l.items)
	l.cursor = max(0, min(l.cursor, n-1))
	l.offset = max(0, min(l.offset, n-l.rows()))
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
}

// itemAt maps a line of the list (0 = its first line) to an item index.
func (l *listModel) itemAt(y int) (int, bool) {
	if y < 0 || y >= l.rows()*rowHeight {
		return 0, false
	}
	i := l.offset + y/rowHeight
	return i, i < len(l.items)
}

// View renders exactly height lines of width cells.
func (l *listModel) View() string {
	if l.width <= 0 || l.height <= 0 {
		return ""
	}
	lines := make([]string, 0, l.height)
	if len(l.items) == 0 {
		msg := "No brief matches."
		if l.lib == nil {
			msg = "Loading…"
		}
		lines = append(lines, "", l.th.empty.Render(fit(" "+msg, l.width)))
		if l.lib != nil {
			lines = append(lines, l.th.empty.Render(fit(" esc or c clears the search.", l.width)))
		}
	} else {
		end := min(len(l.items), l.offset+l.rows())
		for i := l.offset; i < end; i++ {
			t, m := l.row(l.lib.Brief(l.items[i]), i == l.cursor)
			lines = append(lines, t, m)
		}
	}
	return padLines(lines, l.width, l.height)
}

// row renders one brief as a title line and a metadata line.
func (l *listModel) row(b *brief.Brief, selected bool) (string, string) {
	w := l.width
	title := clean(b.Title)
	if title == "" {
		title = "(untitled)"
	}
	date := cmp.Or(b.Day(), "no date")
	src := clean(b.Source)
	if src == "" {
		src = "unknown source"
	}
	var badge string
	if b.Edition > 0 {
		badge = "[" + library.OrdinalLabel(b.Edition) + "]"
	}
	codes := make([]string, 0, len(b.Countries))
	for _, c := range b.Countries {
		codes = append(codes, clean(c.Code))
	}
	ctry := strings.Join(codes, " ")
	var tagText string
	if tags := library.TagsOf(b, l.tags); len(tags) > 0 {
		tagText = "#" + clean(strings.Join(tags, " #"))
	}
	if strings.TrimSpace(l.notes[b.ID]) != "" {
		if tagText != "" {
			tagText += " "
		}
		tagText += "✎ note"
	}
	mark := " "
	if l.marks[b.ID] {
		mark = "✓"
	}

	meta := "  " + date + " · " + src
	if selected {
		titleLine := fit(mark+"▌"+title, w)
		metaParts := []string{meta}
		for _, p := range []string{badge, ctry, tagText} {
			if p != "" {
				metaParts = append(metaParts, p)
			}
		}
		metaLine := fit(strings.Join(metaParts, "  "), w)
		if l.focused {
			return l.th.rowSelTitle.Render(titleLine), l.th.rowSelMeta.Render(metaLine)
		}
		return l.th.rowSelBlurred.Render(titleLine), l.th.rowSelBlurred.Render(metaLine)
	}
	titleLine := l.th.rowTitle.Render(fit("  "+title, w))
	if mark != " " {
		titleLine = l.th.mark.Render(mark) + l.th.rowTitle.Render(fit(" "+title, w-1))
	}
	// metadata: styled segments, truncated as a whole
	var sb strings.Builder
	used := 0
	add := func(s string, st func(...string) string) {
		if used >= w || s == "" {
			return
		}
		s = ansi.Truncate(s, w-used, "…")
		used += ansi.StringWidth(s)
		sb.WriteString(st(s))
	}
	add(meta, l.th.rowMeta.Render)
	if badge != "" {
		add("  ", l.th.rowMeta.Render)
		add(badge, l.th.badge.Render)
	}
	if ctry != "" {
		add("  ", l.th.rowMeta.Render)
		add(ctry, l.th.countries.Render)
	}
	if tagText != "" {
		add("  ", l.th.rowMeta.Render)
		add(tagText, l.th.tagText.Render)
	}
	if used < w {
		sb.WriteString(strings.Repeat(" ", w-used))
	}
	return titleLine, sb.String()
}

// fit truncates plain text to w cells and pads it to exactly w.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = ansi.Truncate(s, w, "…")
	if n := ansi.StringWidth(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// padLines joins lines into a block of exactly h lines of w cells; styled
// lines are truncated by display width.
func padLines(lines []string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	var b strings.Builder
	blank := strings.Repeat(" ", w)
	for i := range h {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i >= len(lines) {
			b.WriteString(blank)
			continue
		}
		s := lines[i]
		n := ansi.StringWidth(s)
		if n > w {
			s = ansi.Truncate(s, w, "")
			n = ansi.StringWidth(s)
		}
		b.WriteString(s)
		if strings.IndexByte(s, 0x1b) >= 0 {
			b.WriteString("\x1b[m") // no style leaks into the next pane or line
		}
		if n < w {
			b.WriteString(blank[:w-n])
		}
	}
	return b.String()
}
