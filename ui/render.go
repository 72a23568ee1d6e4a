package ui

import (
	"hash/fnv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/render"
)

// renderKey names one Glamour render: a brief's body (note == 0) or a
// version of its note (note: a hash of the note's text) at a width in a
// style.
type renderKey struct {
	id    string
	width int
	style string
	note  uint64
}

// noteHash names a version of a note's text in a renderKey; never 0.
func noteHash(s string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(s))
	return h.Sum64() | 1
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

// request returns a command rendering b's body for k unless it is cached
// or already under way.
func (c *renderCache) request(k renderKey, b *brief.Brief) tea.Cmd {
	if b == nil {
		return nil
	}
	return c.requestText(k, b.Body)
}

// requestText returns a command rendering the Markdown md for k unless it
// is cached or already under way.
func (c *renderCache) requestText(k renderKey, md string) tea.Cmd {
	if k.id == "" || k.width <= 0 {
		return nil
	}
	if _, _, ok := c.get(k); ok || c.pending[k] {
		return nil
	}
	c.pending[k] = true
	return func() tea.Msg {
		lines, err := renderMarkdown(md, k.width, k.style)
		return renderedMsg{key: k, lines: lines, err: err}
	}
}

// renderMarkdown renders Markdown (a brief's body or a note) with Glamour
// through render.Markdown, which neutralises character references that
// would decode to controls and filters the output; Safe then applies the
// reader's stricter filter (no hyperlinks).
func renderMarkdown(md string, width int, style string) ([]string, error) {
	out, err := render.Markdown(brief.Sanitize(md), style, width)
	if err != nil {
		return nil, err
	}
	out = strings.Trim(Safe(out), "\n")
	return strings.Split(out, "\n"), nil
}
