package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// statusBar shows `N of M`, the active filters, the sort order and a
// transient message.
type statusBar struct {
	width    int
	shown    int
	total    int
	loaded   bool
	filters  string
	sort     string
	msg      string
	msgIsErr bool
	busy     bool
	th       *theme
}

func (s *statusBar) setSize(w, _ int)   { s.width = max(0, w) }
func (s *statusBar) setTheme(th *theme) { s.th = th }

// View renders the bar: one line of its width.
func (s *statusBar) View() string {
	if s.width <= 0 {
		return ""
	}
	bg := s.th.status.base
	var left string
	if s.loaded {
		left = s.th.status.count.Render(fmt.Sprintf(" %d of %d", s.shown, s.total))
	} else {
		left = s.th.status.count.Render(" loading")
	}
	filters := s.filters
	if filters == "" {
		filters = "all briefs"
	}
	mid := bg.Render("  " + clean(filters) + "  sort: " + s.sort)
	if s.busy {
		mid += bg.Render("  …")
	}
	var right string
	if s.msg != "" {
		st := s.th.status.msg
		if s.msgIsErr {
			st = s.th.status.err
		}
		right = st.Render(clean(s.msg) + " ")
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
	return ansi.Truncate(left+mid+bg.Render(strings.Repeat(" ", gap))+right, w, "")
}
