package main

import (
	"context"

	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/store"
	"github.com/briefs/briefs/internal/team"
)

// storeOptions are the database options of every command: a write waiting
// on another process's lock says so on standard error; the user is who
// the configuration (user:) or the system says (see storeOptionsFor).
func (a *app) storeOptions(readOnly bool) store.Options {
	who, _ := a.who()
	return store.Options{ReadOnly: readOnly, User: who, Waiting: func(msg string) { a.info("%s", msg) }}
}

// storeOptionsFor is storeOptions, failing when the user cannot be named.
func (a *app) storeOptionsFor(readOnly bool) (store.Options, error) {
	if _, err := a.who(); err != nil {
		return store.Options{}, err
	}
	return a.storeOptions(readOnly), nil
}

// who is the reader's name: user: in the configuration, else the system's
// user name (team.Who).
func (a *app) who() (string, error) {
	var configured string
	if c, err := a.loadConfig(); err == nil {
		configured = c.User
	}
	return team.Who(configured, a.getenv)
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
	opt, err := a.storeOptionsFor(false)
	if err != nil {
		return nil, err
	}
	opt.Waiting = nil
	return store.OpenAt(ctx, p, opt)
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
