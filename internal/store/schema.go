package store

import (
	"context"
	"fmt"
	"strings"
)

// migrations[i] takes the schema from version i to version i+1; the version
// is kept in PRAGMA user_version (0 for a new, empty file). Never edit a
// released migration: append a new one. "?" in a migration is the name of
// the user who opens the file to migrate it.
func migrations() []string {
	return []string{
		// 1: tags and notes.
		`CREATE TABLE tags (
			brief_id TEXT NOT NULL,
			tag      TEXT NOT NULL,
			created  TEXT NOT NULL,
			PRIMARY KEY (brief_id, tag)
		) WITHOUT ROWID;
		CREATE TABLE notes (
			brief_id TEXT PRIMARY KEY,
			body     TEXT NOT NULL,
			updated  TEXT NOT NULL
		);`,

		// 2: lookups by tag, read state, metadata overrides, and the revision
		// counter that every write bumps.
		`CREATE INDEX tags_by_tag ON tags (tag, brief_id);
		CREATE TABLE read_state (
			brief_id TEXT PRIMARY KEY,
			read_at  TEXT NOT NULL
		) WITHOUT ROWID;
		CREATE TABLE overrides (
			brief_id TEXT NOT NULL,
			field    TEXT NOT NULL,
			value    TEXT NOT NULL,
			updated  TEXT NOT NULL,
			PRIMARY KEY (brief_id, field)
		) WITHOUT ROWID;
		CREATE TABLE revision (
			id INTEGER PRIMARY KEY CHECK (id = 1),
			n  INTEGER NOT NULL
		);
		INSERT INTO revision (id, n) VALUES (1, 0);`,

		// 3: identity (package identity). Brief IDs become hashes of the
		// source file's content. briefs records what is needed to find an
		// annotated brief again; every ID annotated before this version is a
		// legacy (body-hash) ID, mapped to its new ID by Reattach when the
		// brief is loaded. aliases remembers re-keyings, so a process still
		// holding an old ID finds the new one. checked and reason remember,
		// for an orphan, the collection it was last compared with (a digest)
		// and why it was left: an unchanged collection is not searched again.
		`CREATE TABLE briefs (
			brief_id TEXT PRIMARY KEY,
			path     TEXT NOT NULL DEFAULT '',
			title    TEXT NOT NULL DEFAULT '',
			date     TEXT NOT NULL DEFAULT '',
			source   TEXT NOT NULL DEFAULT '',
			story    TEXT NOT NULL DEFAULT '',
			print    BLOB,
			legacy   INTEGER NOT NULL DEFAULT 0,
			seen     TEXT NOT NULL,
			checked  TEXT NOT NULL DEFAULT '',
			reason   TEXT NOT NULL DEFAULT ''
		) WITHOUT ROWID;
		CREATE TABLE aliases (
			old_id TEXT PRIMARY KEY,
			new_id TEXT NOT NULL,
			reason TEXT NOT NULL,
			at     TEXT NOT NULL
		) WITHOUT ROWID;
		CREATE INDEX aliases_by_new ON aliases (new_id);
		INSERT INTO briefs (brief_id, legacy, seen)
			SELECT brief_id, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM (
				SELECT brief_id FROM tags UNION SELECT brief_id FROM notes
				UNION SELECT brief_id FROM read_state UNION SELECT brief_id FROM overrides);`,

		// 4: people (package team). Tags and corrections stay shared and
		// say who made them; notes and read state become per person. What
		// was written before belongs to the user who upgrades the file (a
		// single-user database). events is the journal of changes, for
		// the reader's "Ali tagged this #followup".
		`ALTER TABLE tags ADD COLUMN author TEXT NOT NULL DEFAULT '';
		UPDATE tags SET author = ?1;
		ALTER TABLE overrides ADD COLUMN author TEXT NOT NULL DEFAULT '';
		UPDATE overrides SET author = ?1;
		CREATE TABLE notes4 (
			brief_id TEXT NOT NULL,
			author   TEXT NOT NULL,
			body     TEXT NOT NULL,
			updated  TEXT NOT NULL,
			PRIMARY KEY (brief_id, author)
		) WITHOUT ROWID;
		INSERT INTO notes4 (brief_id, author, body, updated) SELECT brief_id, ?1, body, updated FROM notes;
		DROP TABLE notes;
		ALTER TABLE notes4 RENAME TO notes;
		CREATE TABLE read_state4 (
			brief_id TEXT NOT NULL,
			reader   TEXT NOT NULL,
			read_at  TEXT NOT NULL,
			PRIMARY KEY (brief_id, reader)
		) WITHOUT ROWID;
		INSERT INTO read_state4 (brief_id, reader, read_at) SELECT brief_id, ?1, read_at FROM read_state;
		DROP TABLE read_state;
		ALTER TABLE read_state4 RENAME TO read_state;
		CREATE TABLE events (
			rev      INTEGER NOT NULL,
			seq      INTEGER NOT NULL,
			at       TEXT NOT NULL,
			author   TEXT NOT NULL,
			verb     TEXT NOT NULL,
			brief_id TEXT NOT NULL,
			briefs   INTEGER NOT NULL,
			detail   TEXT NOT NULL,
			PRIMARY KEY (rev, seq)
		) WITHOUT ROWID;`,
	}
}

// SchemaVersion is the schema version this package creates and understands.
func SchemaVersion() int { return len(migrations()) }

// migrate brings the schema up to date in one BEGIN IMMEDIATE transaction,
// so two processes opening a new database at once cannot both migrate it.
func (s *Store) migrate(ctx context.Context) error {
	// Fast path without taking the write lock.
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	ms := migrations()
	if v > len(ms) {
		return fmt.Errorf("schema version %d is newer than this program understands (%d): upgrade briefs", v, len(ms))
	}
	if v == len(ms) {
		return nil
	}
	return s.write(ctx, "migrate schema", func(tx *wtx) error {
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		if v > len(ms) {
			return fmt.Errorf("schema version %d is newer than this program understands (%d): upgrade briefs", v, len(ms))
		}
		if v < len(ms) {
			tx.changed = 1 // readers reload after a migration
		}
		for i := v; i < len(ms); i++ {
			var args []any
			if strings.Contains(ms[i], "?1") {
				args = []any{s.user}
			}
			if _, err := tx.tx.ExecContext(ctx, ms[i], args...); err != nil {
				return fmt.Errorf("migrate schema to version %d: %w", i+1, err)
			}
		}
		// PRAGMA takes no bound parameters; len(ms) is our own integer.
		if _, err := tx.tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(ms))); err != nil {
			return fmt.Errorf("set schema version: %w", err)
		}
		return nil
	})
}
