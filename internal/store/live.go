package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/briefs/briefs/internal/team"
)

var errBadConn = driver.ErrBadConn

// Changes returns the changes committed after revision since, oldest
// first (at most the last journalKeep revisions are kept: older ones are
// gone, not an error). Read-state changes are not journalled.
func (s *Store) Changes(ctx context.Context, since int64) ([]team.Change, error) {
	if !s.has("events") {
		return nil, nil
	}
	var out []team.Change
	err := scanRows(ctx, s.q, "SELECT rev, at, author, verb, brief_id, briefs, detail FROM events WHERE rev > ? ORDER BY rev, seq", []any{since}, func(r *sql.Rows) error {
		var c team.Change
		var at string
		if err := r.Scan(&c.Rev, &at, &c.Author, &c.Verb, &c.Brief, &c.Briefs, &c.Detail); err != nil {
			return err
		}
		c.At, _ = parseTime(at)
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read changes: %w", s.describe(err))
	}
	return out, nil
}

// Live reconnection timing.
const (
	liveRetryMin = 250 * time.Millisecond
	liveRetryMax = 2 * time.Second
	livePing     = 5 * time.Second // a quiet connection is checked this often
)

// liveState is the listener of a team store: one connection that LISTENs
// for the revisions writers announce, and knows whether the server is
// reachable.
type liveState struct {
	mu      sync.Mutex
	started bool
	offline error // why the server is unreachable; nil when online
	cancel  context.CancelFunc
	done    chan struct{}
	pending *team.Status
	kick    chan struct{}
}

// Watch starts following the store's changes as they are committed: the
// channel receives a Status when someone commits a change (Changed) and
// when the connection is lost or back (Online). Statuses not yet received
// are merged, so a slow reader never blocks the store. It reports false
// for a store that cannot push changes (SQLite: poll Revision instead).
// The channel is closed when ctx ends or the Store is closed. One watcher
// per Store.
func (s *Store) Watch(ctx context.Context) (<-chan team.Status, bool) {
	if s.pg == nil {
		return nil, false
	}
	l := &s.pg.live
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.started {
		return nil, false
	}
	l.started = true
	ctx, cancel := context.WithCancel(ctx)
	l.cancel, l.done, l.kick = cancel, make(chan struct{}), make(chan struct{}, 1)
	out := make(chan team.Status, 1)
	go s.listen(ctx)
	go l.forward(ctx, out)
	return out, true
}

// forward hands the pending status to out, one at a time.
func (l *liveState) forward(ctx context.Context, out chan<- team.Status) {
	defer close(out)
	for {
		select {
		case <-ctx.Done():
			return
		case <-l.kick:
		}
		l.mu.Lock()
		st := l.pending
		l.pending = nil
		l.mu.Unlock()
		if st == nil {
			continue
		}
		select {
		case out <- *st:
		case <-ctx.Done():
			return
		}
	}
}

// emit merges st into the pending status and wakes the forwarder.
func (l *liveState) emit(st team.Status) {
	l.mu.Lock()
	if l.pending != nil {
		st.Changed = st.Changed || l.pending.Changed
	}
	l.pending = &st
	l.mu.Unlock()
	select {
	case l.kick <- struct{}{}:
	default:
	}
}

// setOffline records whether the server is reachable and says so when it
// changes (back online: Changed too, for what was missed).
func (s *Store) setOffline(err error) {
	l := &s.pg.live
	l.mu.Lock()
	was := l.offline
	l.offline = err
	l.mu.Unlock()
	if (err == nil) != (was == nil) {
		s.flushIdle()
	}
	switch {
	case err == nil && was != nil:
		l.emit(team.Status{Online: true, Changed: true})
	case err != nil && was == nil:
		l.emit(team.Status{Online: false, Err: err})
	}
}

// listen keeps one connection LISTENing, reconnecting with a growing
// pause (up to liveRetryMax) while the server is away.
func (s *Store) listen(ctx context.Context) {
	l := &s.pg.live
	defer close(l.done)
	pause := liveRetryMin
	first := true
	for ctx.Err() == nil {
		err := s.listenOnce(ctx, func() {
			pause = liveRetryMin
			if first {
				first = false
				s.pg.live.emit(team.Status{Online: true})
			}
			s.setOffline(nil)
		})
		if ctx.Err() != nil {
			return
		}
		first = false
		s.setOffline(fmt.Errorf("%w: %s (%v)", ErrOffline, s.path, s.describe(err)))
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
		pause = min(2*pause, liveRetryMax)
	}
}

// listenOnce connects, LISTENs and passes notifications on until the
// connection fails.
func (s *Store) listenOnce(ctx context.Context, connected func()) error {
	cctx, cancel := context.WithTimeout(ctx, s.pg.cfg.ConnectTimeout)
	conn, err := pgx.ConnectConfig(cctx, s.pg.cfg)
	cancel()
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+s.pg.channel); err != nil {
		return err
	}
	connected()
	for {
		wctx, cancel := context.WithTimeout(ctx, livePing)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil && othersPrivate(n.Payload, s.user):
			// another person read a brief: nothing of theirs to show
		case err == nil:
			s.pg.live.emit(team.Status{Online: true, Changed: true})
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, context.DeadlineExceeded) && !conn.IsClosed():
			pctx, cancel := context.WithTimeout(ctx, s.pg.cfg.ConnectTimeout)
			err := conn.Ping(pctx)
			cancel()
			if err != nil {
				return err
			}
		default:
			return err
		}
	}
}

// online returns why writes cannot be tried now: the listener knows the
// server is away (nil for SQLite, or when nobody watches).
func (s *Store) online() error {
	if s.pg == nil {
		return nil
	}
	l := &s.pg.live
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.offline != nil {
		return fmt.Errorf("not saved: %w; the reader stays read-only until it is back", l.offline)
	}
	return nil
}

// Online reports whether the store is reachable, as far as the listener
// knows (always true for SQLite and for a store nobody watches), and why
// not.
func (s *Store) Online() (bool, error) {
	if err := s.online(); err != nil {
		return false, err
	}
	return true, nil
}

// stopLive stops the listener, if any, and waits for it.
func (s *Store) stopLive() {
	if s.pg == nil {
		return
	}
	l := &s.pg.live
	l.mu.Lock()
	cancel, done := l.cancel, l.done
	l.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}
