package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/briefs/briefs/internal/tags"
	"github.com/briefs/briefs/internal/team"
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
	return s.write(ctx, "add tags to "+briefID, func(tx *wtx) error {
		added, err := s.insertTags(ctx, tx, briefID, norm, now())
		if err != nil {
			return err
		}
		if len(added) > 0 {
			tx.record(team.Change{Verb: team.Tagged, Brief: briefID, Detail: hashTags(added)})
		}
		return s.remember(ctx, tx, briefID)
	})
}

// insertTags gives a brief tags it lacks, as added by the Store's user at
// ts, and returns those it did not have.
func (s *Store) insertTags(ctx context.Context, tx *wtx, briefID string, tags []string, ts string) ([]string, error) {
	var added []string
	for _, t := range tags {
		n, err := tx.exec(ctx, "INSERT INTO tags (brief_id, tag, created, author) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
			briefID, t, ts, s.user)
		if err != nil {
			return nil, fmt.Errorf("add tag %q to %s: %w", t, briefID, err)
		}
		if n > 0 {
			added = append(added, t)
		}
	}
	return added, nil
}

// deleteTags removes tags from a brief and returns those it had.
func deleteTags(ctx context.Context, tx *wtx, briefID string, tags []string) ([]string, error) {
	var gone []string
	for _, t := range tags {
		n, err := tx.exec(ctx, "DELETE FROM tags WHERE brief_id = ? AND tag = ?", briefID, t)
		if err != nil {
			return nil, fmt.Errorf("remove tag %q from %s: %w", t, briefID, err)
		}
		if n > 0 {
			gone = append(gone, t)
		}
	}
	return gone, nil
}

// hashTags writes tags as a reader says them: "#a #b".
func hashTags(tags []string) string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = "#" + t
	}
	return strings.Join(out, " ")
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
	return s.write(ctx, what, func(tx *wtx) error {
		ts := now()
		var added, removed []string
		var addedTo, removedFrom []string
		for _, id := range uniq {
			a, err := s.insertTags(ctx, tx, id, adds, ts)
			if err != nil {
				return err
			}
			r, err := deleteTags(ctx, tx, id, dels)
			if err != nil {
				return err
			}
			added, removed = append(added, a...), append(removed, r...)
			if len(a) > 0 {
				addedTo = append(addedTo, id)
			}
			if len(r) > 0 {
				removedFrom = append(removedFrom, id)
			}
		}
		for _, ch := range []struct {
			verb  string
			ids   []string
			all   []string
			which []string
		}{{team.Tagged, addedTo, adds, added}, {team.Untagged, removedFrom, dels, removed}} {
			if len(ch.ids) == 0 {
				continue
			}
			c := team.Change{Verb: ch.verb, Briefs: len(ch.ids), Detail: hashTags(inOrder(ch.all, ch.which))}
			if len(ch.ids) == 1 {
				c.Brief = ch.ids[0]
			}
			tx.record(c)
		}
		if len(adds) > 0 {
			return s.remember(ctx, tx, uniq...)
		}
		return nil
	})
}

// inOrder returns the members of all that are in some, in all's order.
func inOrder(all, some []string) []string {
	var out []string
	for _, t := range all {
		if slices.Contains(some, t) {
			out = append(out, t)
		}
	}
	return out
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
	return s.write(ctx, "remove tags from "+briefID, func(tx *wtx) error {
		gone, err := deleteTags(ctx, tx, briefID, norm)
		if err != nil {
			return err
		}
		if len(gone) > 0 {
			tx.record(team.Change{Verb: team.Untagged, Brief: briefID, Detail: hashTags(gone)})
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
	err := scanRows(ctx, s.q, "SELECT tag FROM tags WHERE brief_id = ? ORDER BY tag", []any{briefID}, func(r *sql.Rows) error {
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
	err := scanRows(ctx, s.q, "SELECT brief_id, tag FROM tags ORDER BY brief_id, tag", nil, func(r *sql.Rows) error {
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
	rows, err := s.q.QueryContext(ctx, "SELECT tag, COUNT(*) FROM tags GROUP BY tag ORDER BY tag")
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
		if err := s.q.QueryRowContext(ctx, "SELECT COUNT(*) FROM tags WHERE tag = ?", from).Scan(&n); err != nil {
			return 0, fmt.Errorf("rename tag %s: %w", from, err)
		}
		return n, nil
	}
	var n int64
	err = s.write(ctx, fmt.Sprintf("rename tag %s to %s", from, to), func(tx *wtx) error {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO tags (brief_id, tag, created, author)
			 SELECT brief_id, ?, created, author FROM tags WHERE tag = ?
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
		if n > 0 {
			tx.record(team.Change{Verb: team.RenamedTag, Briefs: int(n), Detail: "#" + from + " to #" + to})
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return int(n), nil
}

// TagsBy returns a brief's tags with who added each and when, sorted by
// tag.
func (s *Store) TagsBy(ctx context.Context, briefID string) ([]team.Tag, error) {
	out := []team.Tag{}
	seen := map[string]bool{}
	for _, id := range s.viewed(ctx, briefID) {
		err := scanRows(ctx, s.q, "SELECT tag, author, created FROM tags WHERE brief_id = ? ORDER BY tag", []any{id}, func(r *sql.Rows) error {
			var t team.Tag
			var created string
			if err := r.Scan(&t.Tag, &t.Author, &created); err != nil {
				return err
			}
			t.Added, _ = parseTime(created)
			if !seen[t.Tag] {
				seen[t.Tag] = true
				out = append(out, t)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read tags of %s: %w", briefID, err)
		}
	}
	slices.SortFunc(out, func(a, b team.Tag) int { return strings.Compare(a.Tag, b.Tag) })
	return out, nil
}

// People returns, for every brief, who tagged it, wrote a note on it or
// corrected it (brief ID -> sorted names; nobody's empty name).
func (s *Store) People(ctx context.Context) (map[string][]string, error) {
	out := map[string][]string{}
	err := scanRows(ctx, s.q, `SELECT brief_id, author FROM tags UNION SELECT brief_id, author FROM notes
		UNION SELECT brief_id, author FROM overrides`, nil, func(r *sql.Rows) error {
		var id, who string
		if err := r.Scan(&id, &who); err != nil {
			return err
		}
		if who != "" {
			out[id] = append(out[id], who)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read who annotated what: %w", s.describe(err))
	}
	for from, to := range s.viewMap(ctx) {
		if names, ok := out[from]; ok {
			out[to] = append(out[to], names...)
			delete(out, from)
		}
	}
	for id, names := range out {
		slices.Sort(names)
		out[id] = slices.Compact(names)
	}
	return out, nil
}
