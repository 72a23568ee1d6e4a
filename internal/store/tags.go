package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/briefs/briefs/internal/tags"
)

// MaxTagLen is the longest tag, in characters (runes).
const MaxTagLen = tags.MaxLen

// NormalizeTag returns the canonical form of a tag (tags.Normalize, the one
// definition shared with the library, the reader and the command line).
func NormalizeTag(s string) (string, error) { return tags.Normalize(s) }

// normalizeTags normalises every tag, dropping duplicates and keeping order.
// One invalid tag fails the whole list.
func normalizeTags(tags []string) ([]string, error) {
	out := make([]string, 0, len(tags))
	seen := make(map[string]bool, len(tags))
	var errs []error
	for _, raw := range tags {
		t, err := NormalizeTag(raw)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// TagCount is a tag with the number of briefs carrying it.
type TagCount struct {
	Tag   string
	Count int
}

// AddTags adds tags to a brief (normalised; tags it already has are kept as
// they are). If any tag is invalid nothing is added.
func (s *Store) AddTags(ctx context.Context, briefID string, tags ...string) error {
	if err := checkID(briefID); err != nil {
		return fmt.Errorf("add tags: %w", err)
	}
	norm, err := normalizeTags(tags)
	if err != nil {
		return fmt.Errorf("add tags to %s: %w", briefID, err)
	}
	if len(norm) == 0 {
		return nil
	}
	return s.write(ctx, "add tags to "+briefID, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx,
			"INSERT INTO tags (brief_id, tag, created) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
		if err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
		defer stmt.Close()
		ts := now()
		for _, t := range norm {
			if _, err := stmt.ExecContext(ctx, briefID, t, ts); err != nil {
				return fmt.Errorf("insert tag %q: %w", t, err)
			}
		}
		return s.remember(ctx, tx, briefID)
	})
}

// ApplyTags adds the tags add to, and removes the tags remove from, every
// brief in ids, all in one BEGIN IMMEDIATE transaction: either every brief
// gets every change or, on any error, nothing is written. The IDs and tags
// are all checked before the transaction starts; a tag both added and
// removed is an error. Duplicate IDs count once; no IDs or no tags is a
// no-op.
func (s *Store) ApplyTags(ctx context.Context, ids []string, add, remove []string) error {
	what := fmt.Sprintf("tag %d briefs", len(ids))
	if len(ids) == 1 {
		what = "tag " + ids[0]
	}
	seen := make(map[string]bool, len(ids))
	uniq := make([]string, 0, len(ids))
	for _, id := range ids {
		if err := checkID(id); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if !seen[id] {
			seen[id] = true
			uniq = append(uniq, id)
		}
	}
	adds, err := normalizeTags(add)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	dels, err := normalizeTags(remove)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	for _, t := range adds {
		if slices.Contains(dels, t) {
			return fmt.Errorf("%s: tag %q is both added and removed", what, t)
		}
	}
	if len(uniq) == 0 || len(adds)+len(dels) == 0 {
		return nil
	}
	return s.write(ctx, what, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx,
			"INSERT INTO tags (brief_id, tag, created) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
		if err != nil {
			return fmt.Errorf("prepare insert: %w", err)
		}
		defer ins.Close()
		del, err := tx.PrepareContext(ctx, "DELETE FROM tags WHERE brief_id = ? AND tag = ?")
		if err != nil {
			return fmt.Errorf("prepare delete: %w", err)
		}
		defer del.Close()
		ts := now()
		for _, id := range uniq {
			for _, t := range adds {
				if _, err := ins.ExecContext(ctx, id, t, ts); err != nil {
					return fmt.Errorf("add tag %q to %s: %w", t, id, err)
				}
			}
			for _, t := range dels {
				if _, err := del.ExecContext(ctx, id, t); err != nil {
					return fmt.Errorf("remove tag %q from %s: %w", t, id, err)
				}
			}
		}
		if len(adds) > 0 {
			return s.remember(ctx, tx, uniq...)
		}
		return nil
	})
}

// RemoveTags removes tags from a brief; tags it does not have are ignored.
func (s *Store) RemoveTags(ctx context.Context, briefID string, tags ...string) error {
	if err := checkID(briefID); err != nil {
		return fmt.Errorf("remove tags: %w", err)
	}
	norm, err := normalizeTags(tags)
	if err != nil {
		return fmt.Errorf("remove tags from %s: %w", briefID, err)
	}
	if len(norm) == 0 {
		return nil
	}
	return s.write(ctx, "remove tags from "+briefID, func(tx *sql.Tx) error {
		for _, t := range norm {
			if _, err := tx.ExecContext(ctx, "DELETE FROM tags WHERE brief_id = ? AND tag = ?", briefID, t); err != nil {
				return fmt.Errorf("delete tag %q: %w", t, err)
			}
		}
		return nil
	})
}

// Tags returns a brief's tags, sorted; none is an empty slice.
func (s *Store) Tags(ctx context.Context, briefID string) ([]string, error) {
	out := []string{}
	for _, id := range s.viewed(ctx, briefID) {
		t, err := s.rawTags(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, t...)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func (s *Store) rawTags(ctx context.Context, briefID string) ([]string, error) {
	out := []string{}
	err := scanRows(ctx, s.db, "SELECT tag FROM tags WHERE brief_id = ? ORDER BY tag", []any{briefID}, func(r *sql.Rows) error {
		var t string
		if err := r.Scan(&t); err != nil {
			return err
		}
		out = append(out, t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read tags of %s: %w", briefID, err)
	}
	return out, nil
}

// AllTags returns every brief's tags (brief ID -> sorted tags). IDs of briefs
// not in the collection may appear: the store keeps tags of orphaned briefs
// (see Orphans), and the caller decides what to show.
func (s *Store) AllTags(ctx context.Context) (map[string][]string, error) {
	out := make(map[string][]string)
	err := scanRows(ctx, s.db, "SELECT brief_id, tag FROM tags ORDER BY brief_id, tag", nil, func(r *sql.Rows) error {
		var id, t string
		if err := r.Scan(&id, &t); err != nil {
			return err
		}
		out[id] = append(out[id], t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read all tags: %w", err)
	}
	for from, to := range s.viewMap(ctx) {
		if t, ok := out[from]; ok {
			merged := append(out[to], t...)
			slices.Sort(merged)
			out[to] = slices.Compact(merged)
			delete(out, from)
		}
	}
	return out, nil
}

// TagCounts returns each tag with the number of briefs carrying it, sorted by
// tag. The counts cover every ID in the store; the library can recount over
// the loaded collection from AllTags.
func (s *Store) TagCounts(ctx context.Context) ([]TagCount, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT tag, COUNT(*) FROM tags GROUP BY tag ORDER BY tag")
	if err != nil {
		return nil, fmt.Errorf("count tags: %w", err)
	}
	defer rows.Close()
	out := []TagCount{}
	for rows.Next() {
		var tc TagCount
		if err := rows.Scan(&tc.Tag, &tc.Count); err != nil {
			return nil, fmt.Errorf("count tags: %w", err)
		}
		out = append(out, tc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count tags: %w", err)
	}
	return out, nil
}

// RenameTag renames a tag on every brief that has it, merging into the new
// tag where a brief already has both. It returns how many briefs had the old
// tag (0 when none did, which is not an error).
func (s *Store) RenameTag(ctx context.Context, oldTag, newTag string) (int, error) {
	from, err := NormalizeTag(oldTag)
	if err != nil {
		return 0, fmt.Errorf("rename tag: %w", err)
	}
	to, err := NormalizeTag(newTag)
	if err != nil {
		return 0, fmt.Errorf("rename tag %s: %w", from, err)
	}
	if from == to {
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM tags WHERE tag = ?", from).Scan(&n); err != nil {
			return 0, fmt.Errorf("rename tag %s: %w", from, err)
		}
		return n, nil
	}
	var n int64
	err = s.write(ctx, fmt.Sprintf("rename tag %s to %s", from, to), func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO tags (brief_id, tag, created)
			 SELECT brief_id, ?, created FROM tags WHERE tag = ?
			 ON CONFLICT DO NOTHING`, to, from); err != nil {
			return fmt.Errorf("copy: %w", err)
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM tags WHERE tag = ?", from)
		if err != nil {
			return fmt.Errorf("delete old: %w", err)
		}
		n, err = res.RowsAffected()
		if err != nil {
			return fmt.Errorf("delete old: %w", err)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return int(n), nil
}
