// Package store keeps the user's own data about briefs (tags, notes, read
// state, metadata overrides) in one SQLite file, through modernc.org/sqlite
// (no cgo).
//
// The database is shared: the TUI may hold it open while a script runs
// `briefs tag`. It is opened in WAL mode with a busy timeout, every write runs
// in a BEGIN IMMEDIATE transaction (so two read-then-write transactions never
// fail with SQLITE_BUSY_SNAPSHOT), and a write that still meets SQLITE_BUSY is
// retried a few times before the error reaches the caller. Revision returns a
// counter that every committed change bumps, so a long-running process can
// poll it and re-read what others wrote.
//
// Open never deletes, truncates or rewrites a file it cannot use as a
// database: it reports the file and the reason.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/adrg/xdg"
	"github.com/briefs/briefs/internal/team"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Store is an open briefs database. It is safe for concurrent use.
type Store struct {
	db       *sql.DB
	d        dialect // what differs between SQLite and PostgreSQL
	path     string  // the file, or the URL without its password
	opt      Options
	user     string // who writes through this handle (Options.User)
	readOnly bool
	roReason string // why writes are refused, when not asked for (a role that may only read)
	// schema is the schema version of the file; a read-only Store may hold
	// an older one (it cannot migrate), tables is what it has.
	schema int
	tables map[string]bool

	// ids is what re-attachment knows: the collection of the last Reattach
	// and what it decided (identity.go).
	ids idState

	binds binds    // queries with the dialect's placeholders
	q     dbq      // the database as a querier
	pg    *pgState // PostgreSQL: the connection's state and the listener
	// tmp is the private, upgraded copy an older database opened read-only
	// is read from (removed by Close).
	tmp string
}

// Options say how to open a database.
type Options struct {
	// ReadOnly opens the file for reading only: nothing is created,
	// migrated or written (writes fail with ErrReadOnly), and a file or
	// folder the user may not write to can still be read.
	ReadOnly bool
	// LockTimeout bounds how long a write waits for another process's lock
	// before giving up with a clear message; 0 means DefaultLockTimeout.
	LockTimeout time.Duration
	// Waiting, when set, is called once per write that has waited a second
	// for the lock, with a message saying so (for the user).
	Waiting func(msg string)
	// User is who reads and writes through this handle: the author
	// recorded with tags, notes and corrections, and whose note and read
	// state Note, SetNote, MarkRead... are. "" means the operating-system
	// user (team.Who).
	User string
}

// DefaultLockTimeout is how long a write waits for a lock by default.
const DefaultLockTimeout = 15 * time.Second

// waitNotice is how long a write waits before Options.Waiting is called.
const waitNotice = time.Second

// ErrReadOnly is returned (wrapped) by writes to a Store opened read-only.
var ErrReadOnly = errors.New("the database is open read-only")

// sqliteHeader starts every SQLite 3 database file.
const sqliteHeader = "SQLite format 3\x00"

// busyTimeout is how long SQLite itself waits for a lock in one attempt
// (milliseconds); write retries attempts up to Options.LockTimeout.
const busyTimeout = 1000

// DefaultPath returns the default database file, $XDG_DATA_HOME/briefs/briefs.db
// (on Linux, ~/.local/share/briefs/briefs.db when XDG_DATA_HOME is unset). It
// does not create anything.
//
// XDG_DATA_HOME is read at call time: package xdg caches the environment when
// the program starts, and calling xdg.Reload would mutate its globals.
func DefaultPath() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if !filepath.IsAbs(dir) { // unset, or relative (which the spec says to ignore)
		dir = xdg.DataHome
	}
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("default database path: %w (set XDG_DATA_HOME or use --db)", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "briefs", "briefs.db"), nil
}

// Path returns the database file the Store was opened with.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the Store was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// defaults fills the options left unset.
func defaults(opt *Options) error {
	if opt.LockTimeout <= 0 {
		opt.LockTimeout = DefaultLockTimeout
	}
	if opt.User == "" {
		who, err := team.Who("", nil)
		if err != nil {
			return err
		}
		opt.User = who
	}
	return team.CheckName(opt.User)
}

// newStore makes the Store of an open database.
func newStore(db *sql.DB, d dialect, path string, opt Options) *Store {
	s := &Store{db: db, d: d, path: path, opt: opt, user: opt.User, readOnly: opt.ReadOnly}
	s.q = dbq{s}
	return s
}

// User is who reads and writes through this handle (Options.User).
func (s *Store) User() string { return s.user }

// Open opens the database at path, creating its folder (0700) and the file on
// first use, and migrates the schema to the current version. A file that is
// not a usable database is reported (naming the file) and left untouched.
func Open(path string) (*Store, error) {
	return OpenWith(context.Background(), path, Options{})
}

// OpenContext is Open with a context for the initial checks and migrations.
func OpenContext(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith opens the database at path with options. Read-write, it is Open;
// read-only, the file must exist, and an older schema is read as it is.
func OpenWith(ctx context.Context, path string, opt Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("open database: empty path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	path = abs
	if err := defaults(&opt); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := precheck(path, opt.ReadOnly); err != nil {
		return nil, err
	}
	s, err := openWaiting(ctx, path, opt)
	if err != nil && opt.ReadOnly && canRetryImmutable(err) {
		// A WAL database in a folder the user cannot write to: SQLite cannot
		// create the shared-memory file. Read the file as it is.
		s, err = open(ctx, path, opt, dsn(path, true, true))
	}
	if err != nil {
		return nil, err
	}
	if s.readOnly && s.schema < SchemaVersion() && s.schema > 0 {
		return s.upgradedCopy(ctx)
	}
	return s, nil
}

// upgradedCopy reads an older database opened read-only from a private
// copy brought up to the current schema (in the temporary folder, removed
// by Close): the file itself is never changed.
func (s *Store) upgradedCopy(ctx context.Context) (*Store, error) {
	path := s.path
	s.Close()
	f, err := os.CreateTemp("", "briefs-readonly-*.db")
	if err != nil {
		return nil, fmt.Errorf("open database %s: a private copy to read its older schema: %w", path, err)
	}
	tmp := f.Name()
	f.Close()
	fail := func(err error) (*Store, error) {
		removeDB(tmp)
		return nil, fmt.Errorf("open database %s: a private copy to read its older schema: %w", path, err)
	}
	var copyErr error
	for _, immutable := range []bool{false, true} {
		src, err := sql.Open("sqlite", strings.Replace(dsn(path, true, immutable), "&_pragma=query_only%281%29", "", 1))
		if err != nil {
			return fail(err)
		}
		_, copyErr = src.ExecContext(ctx, "VACUUM INTO ?", tmp)
		src.Close()
		if copyErr == nil {
			break
		}
	}
	if copyErr != nil {
		return fail(copyErr)
	}
	opt := s.opt
	opt.ReadOnly = false
	c, err := open(ctx, tmp, opt, dsn(tmp, false, false))
	if err != nil {
		return fail(err)
	}
	c.path, c.tmp, c.readOnly, c.opt.ReadOnly = path, tmp, true, true
	return c, nil
}

// removeDB removes a database file and its -wal and -shm files.
func removeDB(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		_ = os.Remove(p)
	}
}

// openWaiting opens the database as open does, trying again while another
// process holds its lock (creating or upgrading it, or writing a long
// time), as a write does: until Options.LockTimeout, telling
// Options.Waiting after a second.
func openWaiting(ctx context.Context, path string, opt Options) (*Store, error) {
	start := time.Now()
	told := false
	for attempt := 1; ; attempt++ {
		s, err := open(ctx, path, opt, dsn(path, opt.ReadOnly, false))
		if err == nil || !isBusy(err) {
			return s, err
		}
		waited := time.Since(start)
		if waited >= opt.LockTimeout {
			return nil, err
		}
		if !told && waited >= waitNotice && opt.Waiting != nil {
			told = true
			opt.Waiting(fmt.Sprintf("waiting for the database %s: it is locked by another process (giving up after %s)", path, opt.LockTimeout.Round(time.Second)))
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("open database %s: %w", path, ctx.Err())
		case <-time.After(min(time.Duration(attempt)*10*time.Millisecond, 100*time.Millisecond)):
		}
	}
}

func open(ctx context.Context, path string, opt Options, dsn string) (*Store, error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// A handful of connections: readers never block in WAL mode, and writers
	// queue on the database lock anyway.
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(2)

	s := newStore(db, sqliteDialect{}, path, opt)
	if err := s.verify(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if !s.readOnly {
		if err := s.migrate(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("open database %s: %w", path, s.describe(err))
		}
	}
	if err := s.inspect(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, s.describe(err))
	}
	return s, nil
}

// Close closes the database. It is safe to call more than once.
func (s *Store) Close() error {
	s.stopLive()
	err := s.db.Close()
	if s.tmp != "" {
		removeDB(s.tmp)
	}
	if err != nil {
		return fmt.Errorf("close database %s: %w", s.path, err)
	}
	return nil
}

// dsn builds the driver's data source name: a file: URI (so that '?', '#' and
// '%' in the path are escaped) carrying the connection settings, which the
// driver applies to every new connection. Read-only connections set no
// journal mode (that would write) and refuse writes themselves; immutable
// ones also skip locking and the shared-memory file.
func dsn(path string, readOnly, immutable bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout))
	if readOnly {
		q.Set("mode", "ro")
		q.Add("_pragma", "query_only(1)")
		if immutable {
			q.Set("immutable", "1")
		}
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(FULL)")
		q.Set("_txlock", "immediate")
	}
	q.Add("_pragma", "foreign_keys(1)")
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path), RawQuery: q.Encode()}
	if u.Path != "" && u.Path[0] != '/' { // Windows: C:/x -> /C:/x
		u.Path = "/" + u.Path
	}
	return u.String()
}

// precheck looks at path before SQLite does, so that the common failures get a
// precise message and SQLite never sees a file that is not a database.
// Read-only, nothing is created and the file must exist.
func precheck(path string, readOnly bool) error {
	dir := filepath.Dir(path)
	if !readOnly {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("open database %s: create folder: %w", path, err)
		}
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && readOnly:
		return fmt.Errorf("open database %s: no such file (nothing was saved yet)", path)
	case errors.Is(err, fs.ErrNotExist):
		// SQLite creates it; check we may, for a clearer message than
		// "unable to open database file".
		if err := checkWritableDir(dir); err != nil {
			return fmt.Errorf("open database %s: cannot create the file: %w", path, describeOSError(dir, err))
		}
		return nil
	case err != nil:
		return fmt.Errorf("open database %s: %w", path, unwrapPathError(err))
	case fi.IsDir():
		return fmt.Errorf("open database %s: is a directory, not a database file", path)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("open database %s: not a regular file (%s)", path, fi.Mode().Type())
	}
	// As SQLite will open it (no O_TRUNC, no O_CREATE: nothing changes).
	flag := os.O_RDWR
	if readOnly {
		flag = os.O_RDONLY
	}
	f, err := os.OpenFile(path, flag, 0)
	if err != nil {
		if !readOnly && (errors.Is(err, fs.ErrPermission) || isReadOnlyFS(err)) {
			if g, gerr := os.Open(path); gerr == nil {
				g.Close()
				return fmt.Errorf("open database %s: %w: the file is read-only for you (commands that only read still work)", path, unwrapPathError(err))
			}
		}
		return fmt.Errorf("open database %s: %w", path, unwrapPathError(err))
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	switch {
	case n == 0 && (err == io.EOF || err == nil):
		return nil // empty file: SQLite treats it as a new database
	case err != nil && !errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("open database %s: %w", path, unwrapPathError(err))
	case !bytes.Equal(head[:n], []byte(sqliteHeader)) || n < len(sqliteHeader):
		return fmt.Errorf("open database %s: file is not a database (corrupt?); it was left untouched, move it aside or choose another file with --db", path)
	}
	return nil
}

// checkWritableDir reports whether a file can be created in dir, by creating
// and removing a uniquely named probe file.
func checkWritableDir(dir string) error {
	f, err := os.CreateTemp(dir, ".briefs-probe-*")
	if err != nil {
		return unwrapPathError(err)
	}
	name := f.Name()
	f.Close()
	if err := os.Remove(name); err != nil {
		return fmt.Errorf("remove probe file: %w", err)
	}
	return nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// verify makes SQLite read the file now, so that a damaged database fails at
// Open rather than at the first query.
func (s *Store) verify(ctx context.Context) error {
	var v int64
	err := s.db.QueryRowContext(ctx, "PRAGMA schema_version").Scan(&v)
	if err == nil && !s.readOnly {
		var mode string
		err = s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
		if err == nil && mode != "wal" {
			err = fmt.Errorf("journal mode is %q, not WAL (is the file or folder read-only?)", mode)
		}
	}
	if err != nil {
		return fmt.Errorf("open database %s: %w", s.path, s.describe(err))
	}
	return nil
}

// inspect reads the schema version and which tables exist (a read-only
// Store may face an older schema it cannot migrate).
// readTables sets s.tables to the table names query returns.
func (s *Store) readTables(ctx context.Context, query string, args ...any) error {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("read schema: %w", err)
	}
	defer rows.Close()
	s.tables = map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return fmt.Errorf("read schema: %w", err)
		}
		s.tables[name] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read schema: %w", err)
	}
	return nil
}

func (s *Store) inspect(ctx context.Context) error {
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&s.schema); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if s.schema > SchemaVersion() {
		return fmt.Errorf("schema version %d is newer than this program understands (%d): upgrade briefs", s.schema, SchemaVersion())
	}
	if err := s.readTables(ctx, "SELECT name FROM sqlite_schema WHERE type = 'table'"); err != nil {
		return err
	}
	return nil
}

// has reports whether the database has a table (always, once migrated).
func (s *Store) has(table string) bool { return s.tables[table] }

// canRetryImmutable reports whether a read-only open failed for want of
// write access to the folder or the shared-memory file.
func canRetryImmutable(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_PERM, sqlite3.SQLITE_BUSY:
		return true
	}
	return false
}

// describe turns SQLite's errors into messages a user can act on; the
// SQLite message stays at the end, for the record.
func (s *Store) describe(err error) error { return s.d.describe(s, err) }

func (s *Store) describeSQLite(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("file is not a database (corrupt?); it was left untouched: %w", err)
	case sqlite3.SQLITE_CORRUPT:
		return fmt.Errorf("database disk image is malformed (corrupt?); it was left untouched: %w", err)
	case sqlite3.SQLITE_CANTOPEN:
		return fmt.Errorf("cannot open the file (check it and its folder are readable and writable): %w", err)
	case sqlite3.SQLITE_READONLY:
		return fmt.Errorf("the file or its folder is read-only: %w", err)
	case sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		return fmt.Errorf("permission denied: %w", err)
	case sqlite3.SQLITE_FULL:
		return fmt.Errorf("the disk is full: no space left to save to %s (free some space and try again; nothing was changed): %w", s.path, err)
	case sqlite3.SQLITE_IOERR:
		if free, ok := freeSpace(filepath.Dir(s.path)); ok && free < lowSpace {
			return fmt.Errorf("the disk is full: %d bytes left where %s is kept (free some space and try again; nothing was changed): %w", free, s.path, err)
		}
		return fmt.Errorf("the system reported an input/output error on %s or its folder (is the disk full, removed or failing?): %w", s.path, err)
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("the database %s is locked by another process: %w", s.path, err)
	}
	return err
}

// lowSpace is the free space under which an I/O error is taken for a full
// disk.
const lowSpace = 1 << 20

// describeOSError says "the disk is full" for ENOSPC and EDQUOT.
func describeOSError(dir string, err error) error {
	err = unwrapPathError(err)
	if isNoSpace(err) {
		return fmt.Errorf("the disk holding %s is full: %w", dir, err)
	}
	return err
}

// isBusy reports whether err is SQLite's "database is locked" (or "table is
// locked"), the errors worth retrying.
func isBusy(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	c := se.Code() & 0xff
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
}

// write runs fn in a BEGIN IMMEDIATE transaction (the DSN's _txlock) and
// commits. If fn changed any row, the revision counter is bumped in the same
// transaction. While another process holds the lock the whole transaction
// is retried (each attempt waits up to busyTimeout inside SQLite), until
// Options.LockTimeout; after a second Options.Waiting is told. fn must not
// have effects outside tx.
func (s *Store) write(ctx context.Context, what string, fn func(tx *wtx) error) error {
	if s.readOnly {
		if s.roReason != "" {
			return fmt.Errorf("%s: %w (%s: %s)", what, ErrReadOnly, s.path, s.roReason)
		}
		return fmt.Errorf("%s: %w (%s)", what, ErrReadOnly, s.path)
	}
	if err := s.online(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	start := time.Now()
	told := false
	var err error
	retried := false
	for attempt := 1; ; attempt++ {
		err = s.writeOnce(ctx, fn)
		var ce commitError
		if err != nil && s.pg != nil && !retried && !errors.As(err, &ce) && isUnreachable(err) {
			// a pooled connection the server closed (a restart): nothing
			// was written; once more on a new connection
			retried = true
			s.flushIdle()
			continue
		}
		if err == nil || !s.d.busy(err) {
			break
		}
		waited := time.Since(start)
		if waited >= s.opt.LockTimeout {
			return fmt.Errorf("%s: the database %s stayed locked by another process for %s; nothing was changed: try again when it is done: %w",
				what, s.path, waited.Round(time.Second), err)
		}
		if !told && waited >= waitNotice && s.opt.Waiting != nil {
			told = true
			s.opt.Waiting(fmt.Sprintf("waiting for the database %s: it is locked by another process (giving up after %s)", s.path, s.opt.LockTimeout.Round(time.Second)))
		}
		pause := min(time.Duration(attempt)*10*time.Millisecond, 100*time.Millisecond)
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: %w", what, ctx.Err())
		case <-time.After(pause):
		}
	}
	if err != nil {
		return fmt.Errorf("%s: %w", what, s.describe(err))
	}
	return nil
}

func (s *Store) writeOnce(ctx context.Context, fn func(tx *wtx) error) (err error) {
	raw, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if err != nil {
			_ = raw.Rollback()
		}
	}()
	if err := s.d.lockWrites(ctx, raw); err != nil {
		return fmt.Errorf("wait for other writers: %w", err)
	}
	tx := &wtx{s: s, tx: raw}
	if err := fn(tx); err != nil {
		return err
	}
	if tx.changed > 0 {
		if err := s.commitChanges(ctx, tx); err != nil {
			return err
		}
	}
	if err := raw.Commit(); err != nil {
		return commitError{err}
	}
	return nil
}

// commitError is a failed COMMIT: whether it was saved is unknown, so it
// is never retried.
type commitError struct{ err error }

func (e commitError) Error() string { return "commit: " + e.err.Error() }
func (e commitError) Unwrap() error { return e.err }

// flushIdle closes the idle connections of the pool (a server restart
// left them dead).
func (s *Store) flushIdle() {
	s.db.SetMaxIdleConns(0)
	if s.pg != nil {
		s.db.SetMaxIdleConns(pgIdleConns)
	} else {
		s.db.SetMaxIdleConns(2)
	}
}

// journalKeep is how many revisions the journal of changes keeps.
const journalKeep = 1000

// commitChanges bumps the revision of a transaction that changed rows,
// journals what it did and tells live readers (PostgreSQL).
func (s *Store) commitChanges(ctx context.Context, tx *wtx) error {
	var rev int64
	if err := tx.QueryRowContext(ctx, "UPDATE revision SET n = n + 1 WHERE id = 1 RETURNING n").Scan(&rev); err != nil {
		return fmt.Errorf("bump revision: %w", err)
	}
	if s.has("events") {
		at := now()
		for i, c := range tx.changes {
			if _, err := tx.tx.ExecContext(ctx, s.rebound(`INSERT INTO events (rev, seq, at, author, verb, brief_id, briefs, detail)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`), rev, i, at, c.Author, c.Verb, c.Brief, c.Briefs, c.Detail); err != nil {
				return fmt.Errorf("journal: %w", err)
			}
		}
		if rev%100 == 0 {
			if _, err := tx.tx.ExecContext(ctx, s.rebound("DELETE FROM events WHERE rev <= ?"), rev-journalKeep); err != nil {
				return fmt.Errorf("journal: %w", err)
			}
		}
	}
	// a transaction that journals nothing changed only the writer's own
	// data (read state) or the records that find briefs again
	private := ""
	if len(tx.changes) == 0 {
		private = s.user
	}
	if err := s.d.notify(ctx, tx.tx, rev, private); err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	return nil
}

// rebound is q with the dialect's placeholders.
func (s *Store) rebound(q string) string {
	q, _ = s.bind(q, nil)
	return q
}

// Revision returns a counter that changes whenever any process commits a
// change to tags, notes, read state or overrides. It is one indexed row read;
// a TUI can poll it every second or so and reload when it differs.
func (s *Store) Revision(ctx context.Context) (int64, error) {
	var n int64
	if !s.has("revision") {
		return 0, nil // a read-only schema 1 database
	}
	if err := s.q.QueryRowContext(ctx, "SELECT n FROM revision WHERE id = 1").Scan(&n); err != nil {
		return 0, fmt.Errorf("read revision: %w", s.describe(err))
	}
	return n, nil
}

// timeFormat is how times are stored: UTC, fixed width, sortable as text.
const timeFormat = "2006-01-02T15:04:05.000000000Z"

func now() string { return time.Now().UTC().Format(timeFormat) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeFormat, s)
	if err != nil {
		t, err = time.Parse(time.RFC3339Nano, s)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("parse stored time %q: %w", s, err)
	}
	return t, nil
}

// checkID rejects brief IDs that cannot be real: empty, over-long, or holding
// spaces or control characters.
func checkID(id string) error {
	if id == "" {
		return errors.New("empty brief ID")
	}
	if len(id) > 128 {
		return fmt.Errorf("brief ID %.20q... is too long", id)
	}
	for _, r := range id {
		if r <= ' ' || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == '\uFFFD' {
			return fmt.Errorf("invalid brief ID %q", id)
		}
	}
	return nil
}
