package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/briefs/briefs/internal/team"
)

// dialect is what differs between the two backends; everything else (the
// queries, the transactions, re-attachment) is shared. Queries are written
// once, with ? or ?N placeholders, in the SQL both databases accept.
type dialect interface {
	// name is "sqlite" or "postgres".
	name() string
	// rebind turns the placeholders of q into the database's own, and
	// says how many arguments the statement takes (-1: leave them).
	rebind(q string) (string, int)
	// lockWrites is the first statement of every write transaction: it
	// makes writers take turns, as SQLite's BEGIN IMMEDIATE does.
	lockWrites(ctx context.Context, tx *sql.Tx) error
	// notify is run in a write transaction that changed something, with
	// the revision it made (PostgreSQL: NOTIFY, delivered on commit);
	// private names the writer when it changed only their own data.
	notify(ctx context.Context, tx *sql.Tx, rev int64, private string) error
	// describe turns a database error into a message a user can act on.
	describe(s *Store, err error) error
	// busy reports whether a write failed for a lock and is worth retrying.
	busy(err error) bool
}

// binds caches rebound queries (per Store: no package state).
type binds struct {
	mu sync.Mutex
	m  map[string]bound
}

type bound struct {
	q string
	n int
}

func (s *Store) bind(q string, args []any) (string, []any) {
	s.binds.mu.Lock()
	b, ok := s.binds.m[q]
	s.binds.mu.Unlock()
	if !ok {
		b.q, b.n = s.d.rebind(q)
		s.binds.mu.Lock()
		if s.binds.m == nil {
			s.binds.m = map[string]bound{}
		}
		s.binds.m[q] = b
		s.binds.mu.Unlock()
	}
	if b.n >= 0 && len(args) > b.n {
		args = args[:b.n]
	}
	return b.q, args
}

// dollarBind rewrites ? (numbered in order) and ?N into $N, outside quoted
// strings and identifiers; it returns the highest parameter number.
func dollarBind(q string) (string, int) {
	var b strings.Builder
	b.Grow(len(q) + 8)
	next, most := 0, 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch c {
		case '\'', '"':
			j := strings.IndexByte(q[i+1:], c)
			if j < 0 {
				b.WriteString(q[i:])
				return b.String(), most
			}
			b.WriteString(q[i : i+j+2])
			i += j + 1
			continue
		case '?':
		default:
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(q) && q[j] >= '0' && q[j] <= '9' {
			j++
		}
		n := 0
		if j > i+1 {
			n, _ = strconv.Atoi(q[i+1 : j])
			i = j - 1
		} else {
			next++
			n = next
		}
		most = max(most, n)
		b.WriteString("$" + strconv.Itoa(n))
	}
	return b.String(), most
}

// querier runs queries on the database or in a transaction, with the
// dialect's placeholders.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// dbq is the database as a querier.
type dbq struct{ s *Store }

func (d dbq) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	q, args = d.s.bind(q, args)
	return d.s.db.QueryContext(ctx, q, args...)
}

func (d dbq) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	q, args = d.s.bind(q, args)
	return d.s.db.QueryRowContext(ctx, q, args...)
}

// wtx is a write transaction: it rebinds placeholders, counts the rows
// its statements changed (the revision is bumped when any did) and
// collects the changes to record.
type wtx struct {
	s       *Store
	tx      *sql.Tx
	changed int64
	changes []team.Change
}

func (t *wtx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	q, args = t.s.bind(q, args)
	res, err := t.tx.ExecContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return nil, fmt.Errorf("count changes: %w", err)
	}
	t.changed += n
	return res, nil
}

// exec runs a statement and returns how many rows it changed.
func (t *wtx) exec(ctx context.Context, q string, args ...any) (int64, error) {
	res, err := t.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (t *wtx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	q, args = t.s.bind(q, args)
	return t.tx.QueryContext(ctx, q, args...)
}

func (t *wtx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	q, args = t.s.bind(q, args)
	return t.tx.QueryRowContext(ctx, q, args...)
}

// record notes a change made in this transaction, written to the journal
// (and announced to live readers) if the transaction changes anything.
func (t *wtx) record(c team.Change) {
	c.Author = t.s.user
	if c.Briefs == 0 && c.Brief != "" {
		c.Briefs = 1
	}
	t.changes = append(t.changes, c)
}

// sqliteDialect is SQLite's (modernc.org/sqlite).
type sqliteDialect struct{}

func (sqliteDialect) name() string                  { return "sqlite" }
func (sqliteDialect) rebind(q string) (string, int) { return q, -1 }

// lockWrites: BEGIN IMMEDIATE (the DSN's _txlock) took the lock already.
func (sqliteDialect) lockWrites(context.Context, *sql.Tx) error            { return nil }
func (sqliteDialect) notify(context.Context, *sql.Tx, int64, string) error { return nil }
func (sqliteDialect) describe(s *Store, err error) error                   { return s.describeSQLite(err) }
func (sqliteDialect) busy(err error) bool                                  { return isBusy(err) }
