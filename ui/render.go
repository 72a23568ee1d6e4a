package ui

import (
	"container/list"
	"context"
	"hash/fnv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
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

// maxCached bounds the render cache; when full, the renders used least
// recently are evicted.
const maxCached = 512

// renderCache holds Glamour renders per (brief, width, style), evicting the
// least recently used. It is owned by the root model and only touched from
// Update: the commands that render get their input by value and return a
// renderedMsg.
//
// At most one render per brief body (or note version) and style is under
// way at a time, whatever its width: while the window is being resized, a
// width that comes and goes while a render runs is never rendered, and
// when the render in flight comes back the reader asks for the width it
// has by then (the latest wins).
type renderCache struct {
	entries map[renderKey]*list.Element // of *cacheEntry; front: most recent
	order   *list.List
	pending map[renderKey]renderKey // flight key -> the key being rendered
}

type cacheEntry struct {
	key   renderKey
	lines []string
	err   error
}

func newRenderCache() *renderCache {
	return &renderCache{entries: map[renderKey]*list.Element{}, order: list.New(), pending: map[renderKey]renderKey{}}
}

// flight is the key renders are coalesced on: the key without its width.
func flight(k renderKey) renderKey {
	k.width = 0
	return k
}

// get returns a cached render and marks it used.
func (c *renderCache) get(k renderKey) ([]string, error, bool) {
	e, ok := c.entries[k]
	if !ok {
		return nil, nil, false
	}
	c.order.MoveToFront(e)
	ce := e.Value.(*cacheEntry)
	return ce.lines, ce.err, true
}

// len is the number of renders cached.
func (c *renderCache) len() int { return c.order.Len() }

// done records that the render for k came back, so another may start.
func (c *renderCache) done(k renderKey) {
	if c.pending[flight(k)] == k {
		delete(c.pending, flight(k))
	}
}

// put caches a finished render, evicting the least recently used beyond
// maxCached.
func (c *renderCache) put(msg renderedMsg) {
	c.done(msg.key)
	if e, ok := c.entries[msg.key]; ok {
		ce := e.Value.(*cacheEntry)
		ce.lines, ce.err = msg.lines, msg.err
		c.order.MoveToFront(e)
		return
	}
	c.entries[msg.key] = c.order.PushFront(&cacheEntry{key: msg.key, lines: msg.lines, err: msg.err})
	for c.order.Len() > maxCached {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.entries, last.Value.(*cacheEntry).key)
	}
}

// request returns a command rendering b's body for k unless it is cached
// or a render of it is under way; the body is read (lib.Body) in the
// command when the collection does not hold it.
func (c *renderCache) request(k renderKey, b *brief.Brief, lib *library.Library) tea.Cmd {
	if b == nil {
		return nil
	}
	if b.Body != "" || lib == nil {
		return c.requestText(k, b.Body)
	}
	return c.requestFunc(k, func() (string, error) { return lib.Body(b) })
}

// requestText returns a command rendering the Markdown md for k unless it
// is cached or a render of the same text and style (at any width) is under
// way.
func (c *renderCache) requestText(k renderKey, md string) tea.Cmd {
	return c.requestFunc(k, func() (string, error) { return md, nil })
}

// requestFunc is requestText with the Markdown read by text in the command.
func (c *renderCache) requestFunc(k renderKey, text func() (string, error)) tea.Cmd {
	if k.id == "" || k.width <= 0 {
		return nil
	}
	if _, _, ok := c.get(k); ok {
		return nil
	}
	if _, busy := c.pending[flight(k)]; busy {
		return nil
	}
	c.pending[flight(k)] = k
	return func() tea.Msg {
		md, err := text()
		if err != nil {
			return renderedMsg{key: k, err: err}
		}
		lines, err := renderMarkdown(md, k.width, k.style)
		return renderedMsg{key: k, lines: lines, err: err}
	}
}

// renderMarkdown renders Markdown (a brief's body or a note) with Glamour
// through render.Markdown, which sanitises it, bounds it, renders it under
// a deadline (falling back to plain text with a notice, shown first) and
// filters the output; Safe then applies the reader's stricter filter (no
// hyperlinks).
func renderMarkdown(md string, width int, style string) ([]string, error) {
	r, err := render.Markdown(context.Background(), md, render.Options{Style: style, Width: width})
	if err != nil {
		return nil, err
	}
	out := strings.Trim(Safe(r.Text), "\n")
	if r.Notice != "" {
		out = "(" + r.Notice + ")\n\n" + out
	}
	return strings.Split(out, "\n"), nil
}
