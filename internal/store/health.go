package store

import (
	"context"
	"fmt"
	"strings"
)

// Health is what `briefs doctor` reports about an open database.
type Health struct {
	Schema    int    // the file's schema version
	Current   int    // the version this program creates (SchemaVersion)
	Integrity string // "ok", or the first problems SQLite's quick_check found
	Tags      int    // tags given, over all briefs
	Tagged    int    // briefs with at least one tag
	Notes     int    // notes (one per person and brief)
	People    int    // people who tagged or wrote notes
}

// Health checks the file's integrity (PRAGMA quick_check) and counts what
// it holds. It reads only: it works on a read-only Store.
func (s *Store) Health(ctx context.Context) (Health, error) {
	h := Health{Schema: s.schema, Current: s.CurrentSchema()}
	if s.pg != nil {
		h.Integrity = "ok" // the server keeps its own
		return h, s.counts(ctx, &h)
	}
	rows, err := s.db.QueryContext(ctx, "PRAGMA quick_check(5)")
	if err != nil {
		return h, fmt.Errorf("check database %s: %w", s.path, s.describe(err))
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return h, fmt.Errorf("check database %s: %w", s.path, err)
		}
		problems = append(problems, line)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return h, fmt.Errorf("check database %s: %w", s.path, s.describe(err))
	}
	h.Integrity = strings.Join(problems, "; ")
	return h, s.counts(ctx, &h)
}

// counts fills what a Health counts.
func (s *Store) counts(ctx context.Context, h *Health) error {
	if s.tables["tags"] {
		if err := s.q.QueryRowContext(ctx, "SELECT count(*), count(DISTINCT brief_id) FROM tags").Scan(&h.Tags, &h.Tagged); err != nil {
			return fmt.Errorf("count tags in %s: %w", s.path, s.describe(err))
		}
	}
	if s.tables["notes"] {
		if err := s.q.QueryRowContext(ctx, "SELECT count(*) FROM notes WHERE trim(body) != ''").Scan(&h.Notes); err != nil {
			return fmt.Errorf("count notes in %s: %w", s.path, s.describe(err))
		}
	}
	if s.tables["notes"] {
		if err := s.q.QueryRowContext(ctx, "SELECT count(DISTINCT author) FROM (SELECT author FROM notes UNION SELECT author FROM tags) AS a WHERE author != ''").Scan(&h.People); err != nil {
			return fmt.Errorf("count people in %s: %w", s.path, s.describe(err))
		}
	}
	return nil
}
