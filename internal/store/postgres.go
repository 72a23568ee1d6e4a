package store

// The team store: the same Store on PostgreSQL (github.com/jackc/pgx/v5,
// through its database/sql driver). Queries, transactions and
// re-attachment are shared with SQLite (dialect.go); what differs is here:
// opening, the schema and its migrations, errors, and the live connection
// (live.go).

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// DefaultSchema is the PostgreSQL schema (namespace) the team store's
// tables live in, so that they share a database with anything else; the
// URL may name another (?schema=desk2: two teams in one database).
const DefaultSchema = "briefs"

// Pool sizes and timeouts of a team store. A reader or a command needs few
// connections: writes take turns anyway, and reads are one query each.
const (
	pgMaxConns       = 4
	pgIdleConns      = 2
	pgConnectTimeout = 5 * time.Second
	pgStatement      = 30 * time.Second // no query of ours takes longer
	pgIdleInTx       = time.Minute
	pgMaxIdle        = 5 * time.Minute
)

// ErrOffline is returned (wrapped) by writes to a team store whose server
// cannot be reached: nothing was saved.
var ErrOffline = errors.New("the team store is unreachable")

// IsURL reports whether where names a PostgreSQL team store
// (postgres://... or postgresql://...) rather than a SQLite file.
func IsURL(where string) bool {
	l := strings.ToLower(where)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// FilePath returns the SQLite file where names: the path itself, or what
// follows "sqlite:" ("" when where is a URL).
func FilePath(where string) string {
	if IsURL(where) {
		return ""
	}
	if p, ok := strings.CutPrefix(where, "sqlite:"); ok {
		return p
	}
	return where
}

// OpenAt opens the store where names: a PostgreSQL URL (a team store,
// created on first use when the role may), "sqlite:PATH", or a SQLite
// file's path (OpenWith).
func OpenAt(ctx context.Context, where string, opt Options) (*Store, error) {
	if IsURL(where) {
		return openPostgres(ctx, where, opt)
	}
	return OpenWith(ctx, FilePath(where), opt)
}

// MaskURL returns a PostgreSQL URL with its password replaced by "xxxxx"
// (for messages; never print the URL itself). Other text is returned as it
// is.
func MaskURL(where string) string {
	if !IsURL(where) {
		return where
	}
	u, err := url.Parse(where)
	if err != nil {
		// unparsable: keep the scheme only, it may hold anything
		scheme, _, _ := strings.Cut(where, "://")
		return scheme + "://(unreadable URL)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	for k := range q {
		if strings.EqualFold(k, "password") {
			q.Set(k, "xxxxx")
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// pgState is what a Store on PostgreSQL keeps beyond database/sql: its
// connection settings (for the listener) and the live state (live.go).
type pgState struct {
	cfg     *pgx.ConnConfig
	schema  string // the team store's schema
	channel string // the NOTIFY channel its writes announce revisions on (quoted)
	secret  string // the password, to mask in any message
	live    liveState
}

// splitSchema takes the schema parameter (ours, not the server's) out of
// a URL.
func splitSchema(where string) (string, string, error) {
	u, err := url.Parse(where)
	if err != nil {
		return where, DefaultSchema, nil // pgx says what is wrong
	}
	q := u.Query()
	schema := q.Get("schema")
	if schema == "" {
		return where, DefaultSchema, nil
	}
	q.Del("schema")
	u.RawQuery = q.Encode()
	if len(schema) > 40 || strings.Trim(schema, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" || schema[0] >= '0' && schema[0] <= '9' {
		return "", "", fmt.Errorf("schema %q: use lower-case letters, digits and _ (at most 40)", schema)
	}
	return u.String(), schema, nil
}

func openPostgres(ctx context.Context, where string, opt Options) (*Store, error) {
	masked := MaskURL(where)
	if err := defaults(&opt); err != nil {
		return nil, fmt.Errorf("open team store %s: %w", masked, err)
	}
	where, schema, err := splitSchema(where)
	if err != nil {
		return nil, fmt.Errorf("open team store %s: %w", masked, err)
	}
	cfg, err := pgx.ParseConfig(where)
	if err != nil {
		// pgx's message may quote the URL: say what is wrong without it
		return nil, fmt.Errorf("open team store %s: the URL cannot be read (postgres://USER@HOST[:PORT]/DATABASE)", masked)
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = pgConnectTimeout
	}
	rp := cfg.RuntimeParams
	rp["search_path"] = schema
	if rp["application_name"] == "" {
		rp["application_name"] = "briefs"
	}
	setDefault(rp, "statement_timeout", strconv.Itoa(int(pgStatement/time.Millisecond)))
	setDefault(rp, "lock_timeout", strconv.Itoa(busyTimeout))
	setDefault(rp, "idle_in_transaction_session_timeout", strconv.Itoa(int(pgIdleInTx/time.Millisecond)))
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(pgMaxConns)
	db.SetMaxIdleConns(pgIdleConns)
	db.SetConnMaxIdleTime(pgMaxIdle)

	s := newStore(db, pgDialect{channel: schema + "_changes"}, masked, opt)
	s.pg = &pgState{cfg: cfg, schema: schema, channel: `"` + schema + `_changes"`, secret: cfg.Password}
	if err := s.setupPG(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open team store %s: %w", masked, s.describe(err))
	}
	return s, nil
}

func setDefault(m map[string]string, k, v string) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

// pgMigrations[i] takes the team store's schema from version i to i+1.
// Version 1 is the SQLite schema 4 (people) in PostgreSQL's words; text is
// compared byte by byte (COLLATE "C"), as SQLite does. Never edit a
// released migration: append one.
func pgMigrations() []string {
	return []string{
		`CREATE TABLE tags (
			brief_id TEXT COLLATE "C" NOT NULL,
			tag      TEXT COLLATE "C" NOT NULL,
			created  TEXT NOT NULL,
			author   TEXT COLLATE "C" NOT NULL DEFAULT '',
			PRIMARY KEY (brief_id, tag)
		);
		CREATE INDEX tags_by_tag ON tags (tag, brief_id);
		CREATE TABLE notes (
			brief_id TEXT COLLATE "C" NOT NULL,
			author   TEXT COLLATE "C" NOT NULL,
			body     TEXT NOT NULL,
			updated  TEXT NOT NULL,
			PRIMARY KEY (brief_id, author)
		);
		CREATE TABLE read_state (
			brief_id TEXT COLLATE "C" NOT NULL,
			reader   TEXT COLLATE "C" NOT NULL,
			read_at  TEXT NOT NULL,
			PRIMARY KEY (brief_id, reader)
		);
		CREATE TABLE overrides (
			brief_id TEXT COLLATE "C" NOT NULL,
			field    TEXT COLLATE "C" NOT NULL,
			value    TEXT NOT NULL,
			updated  TEXT NOT NULL,
			author   TEXT COLLATE "C" NOT NULL DEFAULT '',
			PRIMARY KEY (brief_id, field)
		);
		CREATE TABLE revision (
			id INTEGER PRIMARY KEY CHECK (id = 1),
			n  BIGINT NOT NULL
		);
		INSERT INTO revision (id, n) VALUES (1, 0);
		CREATE TABLE briefs (
			brief_id TEXT COLLATE "C" PRIMARY KEY,
			path     TEXT NOT NULL DEFAULT '',
			title    TEXT NOT NULL DEFAULT '',
			date     TEXT NOT NULL DEFAULT '',
			source   TEXT NOT NULL DEFAULT '',
			story    TEXT NOT NULL DEFAULT '',
			print    BYTEA,
			legacy   INTEGER NOT NULL DEFAULT 0,
			seen     TEXT NOT NULL,
			checked  TEXT NOT NULL DEFAULT '',
			reason   TEXT NOT NULL DEFAULT ''
		);
		CREATE TABLE aliases (
			old_id TEXT COLLATE "C" PRIMARY KEY,
			new_id TEXT COLLATE "C" NOT NULL,
			reason TEXT NOT NULL,
			at     TEXT NOT NULL
		);
		CREATE INDEX aliases_by_new ON aliases (new_id);
		CREATE TABLE events (
			rev      BIGINT NOT NULL,
			seq      INTEGER NOT NULL,
			at       TEXT NOT NULL,
			author   TEXT COLLATE "C" NOT NULL,
			verb     TEXT NOT NULL,
			brief_id TEXT COLLATE "C" NOT NULL,
			briefs   INTEGER NOT NULL,
			detail   TEXT NOT NULL,
			PRIMARY KEY (rev, seq)
		);`,
	}
}

// PGSchemaVersion is the team store's schema version this program creates
// and understands.
func PGSchemaVersion() int { return len(pgMigrations()) }

// CurrentSchema is the schema version this program writes in the Store's
// database (SchemaVersion or PGSchemaVersion).
func (s *Store) CurrentSchema() int {
	if s.pg != nil {
		return PGSchemaVersion()
	}
	return SchemaVersion()
}

// Backend names the kind of database: "sqlite" or "postgres".
func (s *Store) Backend() string { return s.d.name() }

// setupPG reads the schema version, creates or migrates the schema when
// it must (and may), and finds out whether the role may write.
func (s *Store) setupPG(ctx context.Context) error {
	v, err := s.pgVersion(ctx)
	if err != nil {
		return err
	}
	ms := pgMigrations()
	switch {
	case v > len(ms):
		return fmt.Errorf("schema version %d is newer than this program understands (%d): upgrade briefs", v, len(ms))
	case v < len(ms) && s.readOnly:
		if v == 0 {
			return errors.New("no team store in this database yet: open it once, not read-only, as a role that may create the schema " + s.pg.schema)
		}
		return fmt.Errorf("the team store has schema version %d, this program needs %d: open it once, not read-only, as its owner to upgrade it", v, len(ms))
	case v < len(ms):
		if err := s.migratePG(ctx); err != nil {
			return err
		}
	}
	if err := s.inspectPG(ctx); err != nil {
		return err
	}
	if !s.readOnly {
		var may bool
		if err := s.q.QueryRowContext(ctx, "SELECT has_table_privilege('tags', 'INSERT') AND has_table_privilege('revision', 'UPDATE')").Scan(&may); err != nil {
			return fmt.Errorf("check privileges: %w", err)
		}
		if !may {
			s.readOnly = true
			s.roReason = "your database role may only read the team store"
		}
	}
	return nil
}

// pgVersion is the schema version in the database, 0 when there is no
// team store yet.
func (s *Store) pgVersion(ctx context.Context) (int, error) {
	var has bool
	if err := s.db.QueryRowContext(ctx, "SELECT to_regclass($1) IS NOT NULL", s.pg.schema+".version").Scan(&has); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	if !has {
		return 0, nil
	}
	var v int
	if err := s.db.QueryRowContext(ctx, "SELECT n FROM version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// migratePG creates or upgrades the schema in one transaction, under an
// advisory lock so that two readers opening a new database at once do not
// both create it.
func (s *Store) migratePG(ctx context.Context) (err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext($1))", "briefs schema "+s.pg.schema); err != nil {
		return fmt.Errorf("wait for another migration: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "CREATE SCHEMA IF NOT EXISTS "+s.pg.schema); err != nil {
		return fmt.Errorf("create schema %s: %w", s.pg.schema, err)
	}
	if _, err := tx.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS version (n INTEGER NOT NULL)"); err != nil {
		return fmt.Errorf("create schema %s: %w", s.pg.schema, err)
	}
	v := 0
	err = tx.QueryRowContext(ctx, "SELECT n FROM version").Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := tx.ExecContext(ctx, "INSERT INTO version (n) VALUES (0)"); err != nil {
			return fmt.Errorf("schema version: %w", err)
		}
	case err != nil:
		return fmt.Errorf("schema version: %w", err)
	}
	ms := pgMigrations()
	if v > len(ms) {
		return fmt.Errorf("schema version %d is newer than this program understands (%d): upgrade briefs", v, len(ms))
	}
	for i := v; i < len(ms); i++ {
		if _, err := tx.ExecContext(ctx, ms[i]); err != nil {
			return fmt.Errorf("migrate schema to version %d: %w", i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE version SET n = $1", len(ms)); err != nil {
		return fmt.Errorf("set schema version: %w", err)
	}
	if v < len(ms) {
		if _, err := tx.ExecContext(ctx, "UPDATE revision SET n = n + 1 WHERE id = 1"); err != nil {
			return fmt.Errorf("bump revision: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// inspectPG reads the schema version and the tables.
func (s *Store) inspectPG(ctx context.Context) error {
	v, err := s.pgVersion(ctx)
	if err != nil {
		return err
	}
	s.schema = v
	return s.readTables(ctx, "SELECT table_name FROM information_schema.tables WHERE table_schema = $1", s.pg.schema)
}

// pgDialect is PostgreSQL's.
type pgDialect struct{ channel string }

func (pgDialect) name() string                  { return "postgres" }
func (pgDialect) rebind(q string) (string, int) { return dollarBind(q) }

// lockWrites takes the revision row: writers take turns, as they do on
// SQLite, so that read-then-write transactions (compare-and-set, append)
// see what the writer before them committed.
func (pgDialect) lockWrites(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "SELECT n FROM revision WHERE id = 1 FOR UPDATE")
	return err
}

// notify tells every listening reader the new revision, on commit: the
// payload is the revision, followed by ":NAME" when the change is NAME's
// own (read state, records: nothing another person sees), so that the
// others' readers do not re-read everything each time someone opens a
// brief.
func (d pgDialect) notify(ctx context.Context, tx *sql.Tx, rev int64, private string) error {
	payload := strconv.FormatInt(rev, 10)
	if private != "" {
		payload += ":" + private
	}
	_, err := tx.ExecContext(ctx, "SELECT pg_notify($1, $2)", d.channel, payload)
	return err
}

// othersPrivate reports whether a notification's payload is about another
// person's own data (see notify).
func othersPrivate(payload, me string) bool {
	_, who, ok := strings.Cut(payload, ":")
	return ok && who != me
}

// busy: a lock not granted within lock_timeout, a deadlock or a
// serialization failure; the write is retried until Options.LockTimeout.
func (pgDialect) busy(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "55P03", "40001", "40P01":
			return true
		}
	}
	return false
}

func (pgDialect) describe(s *Store, err error) error { return s.describePG(err) }

// describePG words PostgreSQL's errors for the user, and masks the
// password wherever it might appear.
func (s *Store) describePG(err error) error {
	if err == nil {
		return nil
	}
	var out error
	var pe *pgconn.PgError
	switch {
	case errors.Is(err, ErrOffline), errors.Is(err, ErrReadOnly), errors.Is(err, context.Canceled):
		out = err
	case isUnreachable(err):
		out = fmt.Errorf("%w: %s (%v); nothing was saved", ErrOffline, s.path, err)
	case errors.As(err, &pe):
		switch {
		case pe.Code == "42501":
			out = fmt.Errorf("permission denied: your database role may not do this in the team store %s (ask its owner for the grants in the README): %w", s.path, err)
		case pe.Code == "3D000":
			out = fmt.Errorf("no such database: %w", err)
		case pe.Code == "28P01" || pe.Code == "28000":
			out = fmt.Errorf("the server refused the credentials (give them in the URL, ~/.pgpass or PGPASSWORD): %w", err)
		case pe.Code == "57014":
			out = fmt.Errorf("the team store took too long to answer: %w", err)
		case pe.Code == "55P03" || pe.Code == "40P01":
			out = fmt.Errorf("the team store %s is busy with another writer: %w", s.path, err)
		case strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03":
			out = fmt.Errorf("%w: %s (%v); nothing was saved", ErrOffline, s.path, err)
		default:
			out = err
		}
	default:
		out = err
	}
	if s.pg != nil && s.pg.secret != "" && strings.Contains(out.Error(), s.pg.secret) {
		return maskedError{out, s.pg.secret}
	}
	return out
}

// maskedError hides a password in an error's message.
type maskedError struct {
	err    error
	secret string
}

func (e maskedError) Error() string { return strings.ReplaceAll(e.err.Error(), e.secret, "xxxxx") }
func (e maskedError) Unwrap() error { return e.err }

// isUnreachable reports whether err says the server could not be reached
// or the connection broke.
func isUnreachable(err error) bool {
	var ce *pgconn.ConnectError
	var ne net.Error
	var oe *net.OpError
	switch {
	case errors.As(err, &ce), errors.As(err, &oe), errors.As(err, &ne):
		return true
	case errors.Is(err, sql.ErrConnDone), errors.Is(err, errBadConn):
		return true
	case pgconn.Timeout(err):
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "unexpected EOF") ||
		strings.Contains(msg, "connection reset") || strings.Contains(msg, "broken pipe")
}
