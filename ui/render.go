package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"github.com/briefs/briefs/internal/brief"
)

// renderKey names one Glamour render: a brief at a width in a style.
type renderKey struct {
	id    string
	width int
	style string
}

// renderedMsg carries a finished render back to Update.
type renderedMsg struct {
	key   renderKey
	lines []string
	err   error
}

// maxCached bounds the render cache; when full it is emptied (cheap, and
// the renders on screen come back in a few milliseconds).
const maxCached = 512

// renderCache holds Glamour renders per (brief, width, style). It is owned
// by the root model and only touched from Update: the commands that render
// get their input by value and return a renderedMsg.
type renderCache struct {
	done    map[renderKey][]string
	errs    map[renderKey]error
	pending map[renderKey]bool
}

func newRenderCache() *renderCache {
	return &renderCache{done: map[renderKey][]string{}, errs: map[renderKey]error{}, pending: map[renderKey]bool{}}
}

func (c *renderCache) get(k renderKey) ([]string, error, bool) {
	if l, ok := c.done[k]; ok {
		return l, nil, true
	}
	if err, ok := c.errs[k]; ok {
		return nil, err, true
	}
	return nil, nil, false
}

func (c *renderCache) put(msg renderedMsg) {
	delete(c.pending, msg.key)
	if len(c.done)+len(c.errs) >= maxCached {
		clear(c.done)
		clear(c.errs)
	}
	if msg.err != nil {
		c.errs[msg.key] = msg.err
		return
	}
	c.done[msg.key] = msg.lines
}

// request returns a command rendering b for k unless it is cached or
// already under way.
func (c *renderCache) request(k renderKey, b *brief.Brief) tea.Cmd {
	if b == nil || k.id == "" || k.width <= 0 {
		return nil
	}
	if _, _, ok := c.get(k); ok || c.pending[k] {
		return nil
	}
	c.pending[k] = true
	body := b.Body
	return func() tea.Msg {
		lines, err := renderMarkdown(body, k.width, k.style)
		return renderedMsg{key: k, lines: lines, err: err}
	}
}

// renderMarkdown renders a brief's body with Glamour and makes the output
// safe for the terminal. Character references that would decode to control
// characters are neutralised before rendering; the output filter drops
// whatever escape sequences Glamour copied through.
func renderMarkdown(body string, width int, style string) ([]string, error) {
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(width))
	if err != nil {
		return nil, fmt.Errorf("markdown renderer (style %s): %w", style, err)
	}
	out, err := r.Render(brief.NeutralizeRefs(brief.Sanitize(body)))
	if err != nil {
		return nil, fmt.Errorf("render markdown: %w", err)
	}
	out = strings.Trim(Safe(out), "\n")
	return strings.Split(out, "\n"), nil
}
