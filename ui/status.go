package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// statusBar shows `N of M`, the unread and marked counts, the active
// filters, the sort order and a message. A message that does not fit
// beside the counts is never cut where it matters: the bar grows by up to
// maxMsgLines lines above its own and wraps it there, and a message longer
// than that keeps its beginning and its end (a file name, an error's
// cause), cut in the middle.
type statusBar struct {
	width    int
	shown    int
	total    int
	unread   int // unread among the shown; -1 when the read state is unknown
	marked   int
	loaded   bool
	filters  string
	sort     string
	msg      string
	msgIsErr bool
	badge    string // a standing state ("offline: read-only"), shown before the message
	busy     bool
	th       *theme

	loading  bool   // the collection is still growing
	headOnly bool   // what is shown is the last session's first screen: the total is not known yet
	progress string // "indexed 43,210 of 100,000"
	spinner  string // the spinner's frame
}

// maxMsgLines is how many lines a long message may take above the bar.
const maxMsgLines = 3

func (s *statusBar) setSize(w, _ int)   { s.width = max(0, w) }
func (s *statusBar) setTheme(th *theme) { s.th = th }

// height is the number of lines the bar takes.
func (s *statusBar) height() int { return 1 + len(s.msgLines()) }

// counts is the left part: " 12 of 175 · 3 unread · 2 marked", and
// while the collection loads "⣽ indexed 43,210 of 100,000".
func (s *statusBar) counts() string {
	out := " loading"
	switch {
	case s.loaded && s.loading && s.headOnly:
		out = fmt.Sprintf(" %d shown", s.shown) // of a total not known yet
	case s.loaded:
		out = fmt.Sprintf(" %d of %d", s.shown, s.total)
		if s.unread >= 0 {
			out += fmt.Sprintf(" · %d unread", s.unread)
		}
		if s.marked > 0 {
			out += fmt.Sprintf(" · %d marked", s.marked)
		}
	}
	if s.loading && s.progress != "" {
		out += " " + strings.TrimSpace(s.spinner+" "+s.progress)
	}
	return out
}

// middle is the filter summary and the sort order.
func (s *statusBar) middle() string {
	filters := s.filters
	if filters == "" {
		filters = "all briefs"
	}
	mid := "  " + clean(filters) + "  sort: " + s.sort
	if s.busy {
		mid += "  …"
	}
	return mid
}

// inline reports whether the message fits on the bar's line, beside the
// counts and at least a little of the filters.
func (s *statusBar) inline() bool {
	if s.msg == "" {
		return true
	}
	mid := min(ansi.StringWidth(s.middle()), 14)
	badge := 0
	if s.badge != "" {
		badge = ansi.StringWidth(clean(s.badge)) + 1
	}
	return ansi.StringWidth(s.counts())+mid+badge+ansi.StringWidth(clean(s.msg))+1 <= s.width
}

// msgLines are the lines of a message too long for the bar's line: wrapped
// to the width, at most maxMsgLines, the middle cut out of a longer one.
func (s *statusBar) msgLines() []string {
	if s.inline() || s.width <= 0 {
		return nil
	}
	w := max(1, s.width-2)
	lines := strings.Split(ansi.Wrap(clean(s.msg), w, " /"), "\n")
	if len(lines) <= maxMsgLines {
		return lines
	}
	// keep the head and the tail: the first line, then the end of the
	// message in the other lines, filled
	text := clean(s.msg)
	tailW := w*(maxMsgLines-1) - 1
	tail := "…" + ansi.TruncateLeft(text, max(0, ansi.StringWidth(text)-tailW), "")
	out := []string{ansi.Truncate(text, w, "…")}
	return append(out, strings.Split(ansi.Hardwrap(tail, w, true), "\n")...)
}

// View renders the bar: its lines (a long message, then the bar) of its
// width.
func (s *statusBar) View() string {
	if s.width <= 0 {
		return ""
	}
	bg := s.th.status.base
	msgStyle := s.th.status.msg
	if s.msgIsErr {
		msgStyle = s.th.status.err
	}
	var out []string
	for _, l := range s.msgLines() {
		out = append(out, msgStyle.Render(" "+l+strings.Repeat(" ", max(0, s.width-1-ansi.StringWidth(l)))))
	}
	left := s.th.status.count.Render(s.counts())
	mid := bg.Render(s.middle())
	var right string
	if s.badge != "" {
		right = s.th.status.err.Render(clean(s.badge) + " ")
	}
	if s.msg != "" && s.inline() {
		right += msgStyle.Render(clean(s.msg) + " ")
	}
	lw, mw, rw := ansi.StringWidth(left), ansi.StringWidth(mid), ansi.StringWidth(right)
	w := s.width
	if lw+mw+rw > w {
		// the message wins over the filter summary, the count over both
		if rw > w-lw-1 {
			right = ansi.Truncate(right, max(0, w-lw-1), "…")
			rw = ansi.StringWidth(right)
		}
		mid = ansi.Truncate(mid, max(0, w-lw-rw), "…")
		mw = ansi.StringWidth(mid)
	}
	gap := max(0, w-lw-mw-rw)
	out = append(out, ansi.Truncate(left+mid+bg.Render(strings.Repeat(" ", gap))+right, w, ""))
	return strings.Join(out, "\n")
}
