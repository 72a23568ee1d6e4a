package main

import (
	"context"

	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/store"
)

// storeOptions are the database options of every command: a write waiting
// on another process's lock says so on standard error.
func (a *app) storeOptions(readOnly bool) store.Options {
	return store.Options{ReadOnly: readOnly, Waiting: func(msg string) { a.info("%s", msg) }}
}

// openReaderStore opens the database for the reader: as openStore, but a
// write waiting for a lock prints nothing (standard error is the reader's
// screen); the write still gives up after store.DefaultLockTimeout with an
// error the reader shows.
func (a *app) openReaderStore(ctx context.Context) (*store.Store, error) {
	p, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	opt := a.storeOptions(false)
	opt.Waiting = nil
	return store.OpenWith(ctx, p, opt)
}

// reattach gives the store the loaded collection, so that the tags and
// notes of edited, moved or renamed briefs follow them (package identity),
// and says on standard error what moved (when it was saved: a reading
// command applies the moves without saving them, and stays quiet). A
// failure is a warning: the command goes on with the annotations as they
// are.
func (a *app) reattach(ctx context.Context, st *store.Store, lib *library.Library) {
	if st == nil || lib == nil {
		return
	}
	rep, err := st.Reattach(ctx, lib.Candidates())
	if err != nil && ctx.Err() == nil {
		a.warn("%s", err)
	}
	if len(rep.Moved) > 0 && !rep.ReadOnly {
		a.info("%s", rep.Summary())
	}
}
