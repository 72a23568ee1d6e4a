package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/dustin/go-humanize"

	"github.com/briefs/briefs/internal/library"
)

// Loading in steps: the loader (Options.Stream, package index) sends the
// collection as it grows and then as it changes; a mailbox keeps the
// latest of what it sent (the loader never waits for the reader), and a
// command waiting on the mailbox brings it to Update as a streamMsg. Each
// collection is searched with the current query (the list refines as
// briefs arrive, keeping the selection), the status bar shows the
// progress with a spinner, and keys typed before anything could be shown
// are kept and applied when the first rows are.

type (
	// streamMsg: what the loader sent since the last one (merged).
	streamMsg struct{ u library.Update }
	// streamEndMsg: the loader returned.
	streamEndMsg struct{ err error }
)

// mailbox holds the loader's latest update until the reader takes it.
type mailbox struct {
	mu      sync.Mutex
	pending *library.Update
	ended   bool
	err     error
	signal  chan struct{} // one token: something to take
}

func newMailbox() *mailbox { return &mailbox{signal: make(chan struct{}, 1)} }

func (mb *mailbox) poke() {
	select {
	case mb.signal <- struct{}{}:
	default:
	}
}

// send merges u into what is pending (never blocks).
func (mb *mailbox) send(u library.Update) {
	mb.mu.Lock()
	if mb.pending == nil {
		mb.pending = &u
	} else {
		p := mb.pending
		if u.Lib != nil {
			p.Lib = u.Lib
		}
		p.Found, p.Loaded, p.Checking, p.Done = u.Found, u.Loaded, u.Checking, u.Done
		if u.Warnings != nil {
			p.Warnings = u.Warnings
		}
		if u.Notice != "" {
			p.Notice = strings.TrimPrefix(p.Notice+"; "+u.Notice, "; ")
		}
		if u.Err != nil {
			p.Err = u.Err
		}
	}
	mb.mu.Unlock()
	mb.poke()
}

// end records that the loader returned.
func (mb *mailbox) end(err error) {
	mb.mu.Lock()
	mb.ended, mb.err = true, err
	mb.mu.Unlock()
	mb.poke()
}

// wait blocks until there is an update (streamMsg) or the loader ended
// with nothing pending (streamEndMsg).
func (mb *mailbox) wait() tea.Msg {
	for {
		mb.mu.Lock()
		if p := mb.pending; p != nil {
			mb.pending = nil
			if mb.ended {
				mb.poke() // the end is still to be told
			}
			mb.mu.Unlock()
			return streamMsg{*p}
		}
		if mb.ended {
			mb.mu.Unlock()
			return streamEndMsg{mb.err}
		}
		mb.mu.Unlock()
		<-mb.signal
	}
}

// loadCmd starts the loader and waits for its first update.
func (m Model) loadCmd() tea.Cmd {
	stream, ctx, mb := m.opt.Stream, m.ctx, m.mb
	if stream == nil {
		load := m.opt.Load
		stream = func(ctx context.Context, send func(library.Update)) error {
			if load == nil {
				return errors.New("no loader configured")
			}
			lib, warns, err := load(ctx)
			send(library.Update{Lib: lib, Warnings: warns, Err: err, Done: true})
			return nil
		}
	}
	return func() tea.Msg {
		go func() { mb.end(stream(ctx, mb.send)) }()
		return mb.wait()
	}
}

// waitCmd waits for the loader's next update.
func (m *Model) waitCmd() tea.Cmd { return m.mb.wait }

// streamed installs an update: a larger or changed collection is searched
// with the current query; progress, warnings and notices are shown.
func (m *Model) streamed(u library.Update) tea.Cmd {
	cmds := []tea.Cmd{m.waitCmd()}
	if u.Lib != nil {
		m.base = u.Lib
		m.applyCorrections()
		m.status.total = u.Lib.Len() // the new collection's, before its search is back
		cmds = append(cmds, m.runSearch())
	}
	wasLoading := m.status.loading
	m.status.loading = !u.Done
	m.status.headOnly = !u.Done && u.Found == 0 && u.Loaded == 0
	switch {
	case !u.Done && u.Found == 0 && u.Loaded == 0:
		m.status.progress = "reading the index" // the first screen of the last session is shown
	case !u.Done && u.Checking:
		m.status.progress = "checking for changes" // all the index knows is shown
	case !u.Done:
		m.status.progress = fmt.Sprintf("indexed %s of %s", humanize.Comma(int64(u.Loaded)), humanize.Comma(int64(max(u.Found, u.Loaded))))
	}
	if !u.Done {
		if !wasLoading {
			cmds = append(cmds, m.spin.Tick)
		}
	} else {
		m.status.progress = ""
	}
	switch {
	case u.Err != nil && m.lib == nil:
		m.loadErr = fmt.Errorf("load briefs: %w", u.Err)
	case u.Err != nil:
		cmds = append(cmds, m.flash(clean(u.Err.Error()), true))
	case u.Done && len(u.Warnings) > 0 && !m.warned:
		m.warned = true
		text := fmt.Sprintf("%d file(s) not loaded; first: %s", len(u.Warnings), u.Warnings[0].Error())
		cmds = append(cmds, m.flash(text, true))
	case u.Notice != "":
		cmds = append(cmds, m.flash(u.Notice, true))
	case u.Done && !m.warned && m.opt.FirstRun:
		m.warned = true
		m.hint(m.addFoldersHint())
	}
	if u.Done && u.Lib != nil && !m.orphansAsked {
		m.orphansAsked = true
		cmds = append(cmds, m.orphanNoticeCmd()) // after the loader's Reattach
	}
	if u.Done && (u.Warnings != nil || m.list.whyEmpty == nil) {
		m.list.whyEmpty = m.whyEmpty(u.Warnings)
	}
	return tea.Batch(cmds...)
}

// streamEnded: the loader returned (a watching loader only when the
// reader quits, or when it failed).
func (m *Model) streamEnded(err error) tea.Cmd {
	m.status.loading, m.status.progress = false, ""
	if err == nil || errors.Is(err, context.Canceled) {
		return nil
	}
	if m.lib == nil {
		m.loadErr = fmt.Errorf("load briefs: %w", err)
		return nil
	}
	return m.flash(clean(err.Error()), true)
}

// spun advances the spinner while loading.
func (m *Model) spun(msg spinner.TickMsg) tea.Cmd {
	if !m.status.loading {
		return nil
	}
	var cmd tea.Cmd
	m.spin, cmd = m.spin.Update(msg)
	m.status.spinner = m.spin.View()
	return cmd
}

// maxQueued bounds the keys kept while nothing is shown yet.
const maxQueued = 256

// queueKey keeps a key typed before the first rows were shown; it reports
// whether it did.
func (m *Model) queueKey(msg tea.KeyPressMsg) bool {
	if m.status.loaded || m.loadErr != nil || len(m.queued) >= maxQueued {
		return false
	}
	m.queued = append(m.queued, msg)
	return true
}

// replayKeys applies the keys typed while loading, in order, once the
// first rows are shown.
func (m *Model) replayKeys() tea.Cmd {
	keys := m.queued
	m.queued = nil
	cmds := make([]tea.Cmd, 0, len(keys))
	for _, k := range keys {
		cmds = append(cmds, m.key(k))
		m.layout()
	}
	return tea.Batch(cmds...)
}
