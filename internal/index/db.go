package index

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// The index file: a SQLite database (WAL, so that readers never wait for
// a writer) with four tables:
//
//	meta(key, value)        "schema": the layout (schemaVersion)
//	segments(seq, data)     the entries, in blobs of up to a few thousand:
//	                        a log, where a later entry of a path replaces an
//	                        earlier one (or removes it: a tombstone), compacted
//	                        when it holds too much that was replaced
//	vocab(first, terms)     the words of the text index, in chunks: the ids
//	                        first, first+1, ... are the chunk's terms in order
//	heads(key, data)        the first screen of each collection (its roots)
//	points(path, id, seq)   where each path's latest entry is (its segment)
//	                        and its brief's ID, for reading one entry
//	                        without the rest (lookup.go)
//
// Reading 100,000 entries is reading a few dozen blobs (a row per entry
// would cost ten times more with this driver). It holds nothing but what
// can be derived again from the files: deleting it loses nothing. Every
// write is one BEGIN IMMEDIATE transaction that reads what it depends on
// (the vocabulary's end) under the lock, so several processes may write at
// once.

// applicationID marks a briefs index file (PRAGMA application_id): "brix".
const applicationID = 0x62726978

// segmentSize is the most entries a segment holds.
const segmentSize = 2000

// sqliteHeader starts every SQLite 3 database file.
const sqliteHeader = "SQLite format 3\x00"

// busyTimeout is how long a statement waits for another process's lock.
const busyTimeout = 10 * time.Second

// DB is an open index file.
type DB struct {
	path     string
	db       *sql.DB
	readOnly bool
	points   bool // the file has the points table (lookup.go)
}

// ErrForeign is returned by OpenDB for a file that is a database of
// something else: it is left alone.
var ErrForeign = errors.New("not a briefs index")

// OpenDB opens the index file at path, creating it (and its folder) when
// missing. A file that is damaged, not a database, or an index of another
// layout is replaced by a new index: notice says so (one line for the
// user). A database of something else (another program's) is never
// touched: the error is ErrForeign. When the file cannot be written it is
// opened read-only (what it holds is used, nothing is added).
func OpenDB(ctx context.Context, path string) (d *DB, notice string, err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		if _, serr := os.Stat(path); serr != nil {
			return nil, "", fmt.Errorf("index %s: %w", path, err)
		}
	}
	d, err = open(ctx, path, false)
	if errors.Is(err, ErrForeign) {
		return nil, "", err
	}
	if err != nil && isDamage(err) {
		notice = fmt.Sprintf("the index %s was damaged (%s) and is rebuilt; nothing of yours was in it", path, cause(err))
		if rerr := setAside(path); rerr != nil {
			return nil, "", fmt.Errorf("index %s: damaged, and cannot be replaced: %w", path, rerr)
		}
		d, err = open(ctx, path, false)
	}
	if err != nil && isReadOnly(err) {
		d, err = open(ctx, path, true)
	}
	if err != nil {
		return nil, notice, fmt.Errorf("index %s: %w", path, err)
	}
	if d.readOnly {
		notice = joinNotice(notice, fmt.Sprintf("the index %s cannot be written: loading is not remembered", path))
	}
	return d, notice, nil
}

func joinNotice(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// damageError marks a file that is not a usable index (and may be
// replaced).
type damageError struct{ err error }

func (e damageError) Error() string { return e.err.Error() }
func (e damageError) Unwrap() error { return e.err }

func isDamage(err error) bool {
	var de damageError
	if errors.As(err, &de) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT:
			return true
		}
		if se.Code() == sqlite3.SQLITE_IOERR_SHORT_READ { // truncated
			return true
		}
	}
	return errors.Is(err, errCorrupt)
}

func isReadOnly(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
			return true
		}
	}
	return errors.Is(err, os.ErrPermission)
}

func isBusy(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code() & 0xff
		return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
	}
	return false
}

// cause is the reason in a damage error, short.
func cause(err error) string {
	var de damageError
	if errors.As(err, &de) {
		return de.err.Error()
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return sqlite.ErrorCodeString[se.Code()]
	}
	return err.Error()
}

// setAside moves a damaged index out of the way (index.db.damaged, with
// its WAL files removed), so that a new one can be made; another process
// may have done it already.
func setAside(path string) error {
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if err := os.Rename(path, path+".damaged"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	if readOnly {
		q.Set("mode", "ro")
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)") // a cache: a lost last write is derived again
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path), RawQuery: q.Encode()}
	if u.Path != "" && u.Path[0] != '/' {
		u.Path = "/" + u.Path
	}
	return u.String()
}

func open(ctx context.Context, path string, readOnly bool) (*DB, error) {
	if err := precheck(path); err != nil {
		return nil, err
	}
	if !readOnly {
		if err := create(ctx, path); err != nil {
			return nil, err
		}
	}
	if st, err := os.Stat(path); err == nil && st.Size() > 0 {
		// is it ours? asked read-only, before a connection in WAL mode
		// writes to its header
		if err := checkOwner(ctx, path); err != nil {
			return nil, err
		}
	} else if readOnly {
		return nil, fmt.Errorf("%w (cannot be created)", os.ErrNotExist)
	}
	db, err := sql.Open("sqlite", dsn(path, readOnly))
	if err != nil {
		return nil, err
	}
	d := &DB{path: path, db: db, readOnly: readOnly}
	if err := d.prepare(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return d, nil
}

// create makes a new index at path when there is no file there: made
// whole under a name of its own, then linked into place, so that
// processes starting at once never see (or make) a half-made file, and
// the switch to WAL never races another process's first transaction. One
// of them wins; the others use its file.
func create(ctx context.Context, path string) error {
	if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
		return nil // there is a file (or a problem open reports)
	}
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".new-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	f.Close()
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			_ = os.Remove(tmp + suffix)
		}
	}()
	db, err := sql.Open("sqlite", dsn(tmp, false))
	if err != nil {
		return err
	}
	d := &DB{path: tmp, db: db}
	err = d.prepare(ctx)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("make a new index: %w", err)
	}
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, os.ErrExist) {
		// no hard links here: a rename (the last one made wins; a
		// process holding the one replaced writes to a file nobody reads
		// again, which costs only a re-derivation)
		if _, serr := os.Lstat(path); errors.Is(serr, os.ErrNotExist) {
			return os.Rename(tmp, path)
		}
	}
	return nil
}

// precheck looks at the file's first bytes: a file that is not empty and
// not a SQLite database is damage (SQLite is never given it).
func precheck(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%w: not a regular file", ErrForeign)
	}
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == io.ErrUnexpectedEOF) {
		return nil // empty: made into an index
	}
	if !bytes.Equal(head[:n], []byte(sqliteHeader)) {
		return damageError{errors.New("not a database")}
	}
	return nil
}

// checkOwner returns ErrForeign for a database of something else.
func checkOwner(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return err
	}
	defer db.Close()
	var app int64
	var tables int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return err
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return err
	}
	if app != applicationID && (app != 0 || tables > 0) {
		return ErrForeign
	}
	return nil
}

// prepare checks the file is an index of this layout, making it one when
// it is empty and starting over when it is an index of another layout.
func (d *DB) prepare(ctx context.Context) error {
	var app int64
	if err := d.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return err
	}
	var tables int
	if err := d.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return err
	}
	if app != applicationID && (app != 0 || tables > 0) {
		return ErrForeign
	}
	var schema int
	if tables > 0 {
		err := d.db.QueryRowContext(ctx, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema'").Scan(&schema)
		if err != nil {
			// an index without its layout: damaged
			return damageError{fmt.Errorf("no layout: %w", err)}
		}
	}
	if schema == schemaVersion {
		return d.preparePoints(ctx)
	}
	if d.readOnly {
		return damageError{fmt.Errorf("layout %d, not %d", schema, schemaVersion)}
	}
	err := d.write(ctx, func(tx *sql.Conn) error {
		// under the lock: another process may have made it meanwhile
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'meta'").Scan(&tables); err != nil {
			return err
		}
		if tables > 0 {
			err := tx.QueryRowContext(ctx, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema'").Scan(&schema)
			if err == nil && schema == schemaVersion {
				return nil
			}
		}
		for _, s := range []string{
			"DROP TABLE IF EXISTS meta", "DROP TABLE IF EXISTS segments", "DROP TABLE IF EXISTS vocab", "DROP TABLE IF EXISTS heads",
			"DROP TABLE IF EXISTS points",
			"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
			"CREATE TABLE segments (seq INTEGER PRIMARY KEY, data BLOB NOT NULL)",
			"CREATE TABLE vocab (first INTEGER PRIMARY KEY, terms BLOB NOT NULL)",
			"CREATE TABLE heads (key TEXT PRIMARY KEY, data BLOB NOT NULL)",
			pointsTable,
			fmt.Sprintf("INSERT INTO meta VALUES ('schema', '%d')", schemaVersion),
			fmt.Sprintf("PRAGMA application_id = %d", applicationID),
		} {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return d.preparePoints(ctx)
}

// Close closes the file.
func (d *DB) Close() error {
	if d == nil {
		return nil
	}
	return d.db.Close()
}

// Path is the file's path.
func (d *DB) Path() string { return d.path }

// write runs fn in a BEGIN IMMEDIATE transaction on one connection,
// trying again while another process holds the lock past the busy
// timeout (a little), rolling back on error.
func (d *DB) write(ctx context.Context, fn func(tx *sql.Conn) error) error {
	if d.readOnly {
		return nil
	}
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for try := 0; ; try++ {
		_, err = conn.ExecContext(ctx, "BEGIN IMMEDIATE")
		if err == nil || !isBusy(err) || try >= 3 || ctx.Err() != nil {
			break
		}
	}
	if err != nil {
		return err
	}
	if err := fn(conn); err != nil {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return err
	}
	// the number of rows, checked by read: damage that makes a table look
	// shorter than it is (SQLite does not always notice) is noticed
	if _, err := conn.ExecContext(ctx, `INSERT OR REPLACE INTO meta (key, value) VALUES
		('segments', (SELECT count(*) FROM segments)), ('vocab', (SELECT count(*) FROM vocab))`); err != nil {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return err
	}
	return nil
}

// read reads the vocabulary and every segment in one read transaction (a
// consistent view: an entry never refers to a term not read), calling
// segment with each segment as it comes, in order.
func (d *DB) read(ctx context.Context, segment func(seq int64, data []byte)) ([]string, error) {
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return nil, err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK") //nolint:errcheck // a read
	var wantSegments, wantChunks int
	err = conn.QueryRowContext(ctx, `SELECT
		coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'segments'), 0),
		coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'vocab'), 0)`).Scan(&wantSegments, &wantChunks)
	if err != nil {
		return nil, err
	}
	terms, chunks, err := readVocab(ctx, conn, 0, nil)
	if err != nil {
		return nil, err
	}
	if chunks != wantChunks {
		return nil, damageError{fmt.Errorf("%d chunks of words, %d written", chunks, wantChunks)}
	}
	rows, err := conn.QueryContext(ctx, "SELECT seq, data FROM segments ORDER BY seq")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var seq int64
		var data []byte // a copy of its own: entries alias it
		if err := rows.Scan(&seq, &data); err != nil {
			return nil, err
		}
		segment(seq, data)
		n++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if n != wantSegments {
		return nil, damageError{fmt.Errorf("%d segments, %d written", n, wantSegments)}
	}
	return terms, nil
}

// readVocab appends to terms the vocabulary's terms from id from on, and
// says how many chunks it read.
func readVocab(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, from int, terms []string) ([]string, int, error) {
	rows, err := q.QueryContext(ctx, "SELECT first, terms FROM vocab WHERE first >= ? ORDER BY first", from)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	next, chunks := from, 0
	for rows.Next() {
		var first int
		var data []byte
		if err := rows.Scan(&first, &data); err != nil {
			return nil, 0, err
		}
		if first != next {
			return nil, 0, damageError{fmt.Errorf("vocabulary chunk at %d, expected %d", first, next)}
		}
		chunk, err := decodeTerms(data)
		if err != nil {
			return nil, 0, err
		}
		terms = append(terms, chunk...)
		next += len(chunk)
		chunks++
	}
	return terms, chunks, rows.Err()
}

func encodeTerms(terms []string) []byte {
	e := encoder{}
	e.uv(uint64(len(terms)))
	for _, t := range terms {
		e.str(t)
	}
	return sealed(e.b)
}

func decodeTerms(data []byte) ([]string, error) {
	data, err := unseal(data)
	if err != nil {
		return nil, damageError{err}
	}
	s := string(data) // one allocation; the terms are substrings
	n, k := binary.Uvarint(data)
	if k <= 0 {
		return nil, damageError{errCorrupt}
	}
	off := k
	out := make([]string, 0, min(n, uint64(len(data))))
	for range n {
		l, k := binary.Uvarint(data[off:])
		if k <= 0 || uint64(len(data)-off-k) < l {
			return nil, damageError{errCorrupt}
		}
		off += k
		out = append(out, s[off:off+int(l)])
		off += int(l)
	}
	return out, nil
}

// head reads the first screen of a collection.
func (d *DB) head(ctx context.Context, key string) ([]byte, error) {
	var data []byte
	err := d.db.QueryRowContext(ctx, "SELECT data FROM heads WHERE key = ?", key).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return data, err
}
