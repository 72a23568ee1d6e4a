package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/briefs/briefs/internal/team"
)

// CopyOptions say how Copy merges.
type CopyOptions struct {
	// As gives everything copied to this person (author of tags, notes and
	// corrections, reader of read state): merging one user's own SQLite
	// file into the team store under their team name. "" keeps the names
	// recorded.
	As string
}

// CopyCount counts one kind of row: copied (new in the destination or
// merged into what was there), already there, and left as the destination
// had it because it differs (a correction of the same field).
type CopyCount struct {
	Copied, Present, Conflicts int
}

// CopyReport says what Copy did, by kind.
type CopyReport struct {
	Tags, Notes, Read, Corrections, Records, Aliases CopyCount
	// Conflicting lists the corrections left as the destination had them:
	// "ID field: theirs (kept) / ours".
	Conflicting []string
}

// Total is every row copied.
func (r CopyReport) Total() int {
	n := 0
	for _, c := range r.counts() {
		n += c.Copied
	}
	return n
}

func (r CopyReport) counts() []CopyCount {
	return []CopyCount{r.Tags, r.Notes, r.Read, r.Corrections, r.Records, r.Aliases}
}

// Summary is the report in one line.
func (r CopyReport) Summary() string {
	parts := []string{}
	for i, name := range []string{"tags", "notes", "read marks", "corrections", "brief records", "aliases"} {
		c := r.counts()[i]
		p := fmt.Sprintf("%s %d copied, %d already there", name, c.Copied, c.Present)
		if c.Conflicts > 0 {
			p += fmt.Sprintf(", %d differing (kept as they were)", c.Conflicts)
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

// dump is everything a store holds, as rows.
type dump struct {
	tags    [][4]string // brief_id, tag, created, author
	notes   [][4]string // brief_id, author, body, updated
	read    [][3]string // brief_id, reader, read_at
	overr   [][5]string // brief_id, field, value, updated, author
	records []recordRow
	aliases [][4]string // old_id, new_id, reason, at
}

type recordRow struct {
	id, path, title, date, source, story string
	print                                []byte
	legacy                               int
	seen, checked, reason                string
}

func (s *Store) dump(ctx context.Context) (*dump, error) {
	d := &dump{}
	steps := []struct {
		q    string
		scan func(*sql.Rows) error
	}{
		{"SELECT brief_id, tag, created, author FROM tags ORDER BY brief_id, tag", func(r *sql.Rows) error {
			var x [4]string
			err := r.Scan(&x[0], &x[1], &x[2], &x[3])
			d.tags = append(d.tags, x)
			return err
		}},
		{"SELECT brief_id, author, body, updated FROM notes ORDER BY brief_id, author", func(r *sql.Rows) error {
			var x [4]string
			err := r.Scan(&x[0], &x[1], &x[2], &x[3])
			d.notes = append(d.notes, x)
			return err
		}},
		{"SELECT brief_id, reader, read_at FROM read_state ORDER BY brief_id, reader", func(r *sql.Rows) error {
			var x [3]string
			err := r.Scan(&x[0], &x[1], &x[2])
			d.read = append(d.read, x)
			return err
		}},
		{"SELECT brief_id, field, value, updated, author FROM overrides ORDER BY brief_id, field", func(r *sql.Rows) error {
			var x [5]string
			err := r.Scan(&x[0], &x[1], &x[2], &x[3], &x[4])
			d.overr = append(d.overr, x)
			return err
		}},
		{"SELECT brief_id, path, title, date, source, story, print, legacy, seen, checked, reason FROM briefs ORDER BY brief_id", func(r *sql.Rows) error {
			var x recordRow
			err := r.Scan(&x.id, &x.path, &x.title, &x.date, &x.source, &x.story, &x.print, &x.legacy, &x.seen, &x.checked, &x.reason)
			d.records = append(d.records, x)
			return err
		}},
		{"SELECT old_id, new_id, reason, at FROM aliases ORDER BY old_id", func(r *sql.Rows) error {
			var x [4]string
			err := r.Scan(&x[0], &x[1], &x[2], &x[3])
			d.aliases = append(d.aliases, x)
			return err
		}},
	}
	for _, st := range steps {
		if err := scanRows(ctx, s.q, st.q, nil, st.scan); err != nil {
			return nil, fmt.Errorf("read %s: %w", s.path, s.describe(err))
		}
	}
	return d, nil
}

// Copy merges everything src holds into dst, in one transaction of dst:
// tags (with who added them and when), every person's notes, read state,
// corrections, and what finds the briefs again (records and aliases), so
// that identities stay intact. It is idempotent: copying again changes
// nothing. What dst has already is kept: a tag it has stays as it is, a
// note of the same person on the same brief that differs is joined with
// the copied one (unless one already holds the other), the earliest read
// time wins, and a correction of a field dst corrected otherwise is left
// as dst has it and listed in the report.
func Copy(ctx context.Context, dst, src *Store, opt CopyOptions) (CopyReport, error) {
	var rep CopyReport
	if opt.As != "" {
		if err := team.CheckName(opt.As); err != nil {
			return rep, fmt.Errorf("copy: %w", err)
		}
	}
	d, err := src.dump(ctx)
	if err != nil {
		return rep, fmt.Errorf("copy: %w", err)
	}
	who := func(name string) string {
		if opt.As != "" {
			return opt.As
		}
		return name
	}
	err = dst.write(ctx, "copy into "+dst.path, func(tx *wtx) error {
		rep = CopyReport{}
		count := func(c *CopyCount, n int64) {
			if n > 0 {
				c.Copied++
			} else {
				c.Present++
			}
		}
		for _, t := range d.tags {
			n, err := tx.exec(ctx, "INSERT INTO tags (brief_id, tag, created, author) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", t[0], t[1], t[2], who(t[3]))
			if err != nil {
				return fmt.Errorf("tag %s of %s: %w", t[1], t[0], err)
			}
			count(&rep.Tags, n)
		}
		if err := copyNotes(ctx, tx, d, who, &rep); err != nil {
			return err
		}
		for _, r := range d.read {
			n, err := tx.exec(ctx, `INSERT INTO read_state (brief_id, reader, read_at) VALUES (?, ?, ?)
				ON CONFLICT (brief_id, reader) DO UPDATE SET read_at = excluded.read_at WHERE excluded.read_at < read_state.read_at`,
				r[0], who(r[1]), r[2])
			if err != nil {
				return fmt.Errorf("read state of %s: %w", r[0], err)
			}
			count(&rep.Read, n)
		}
		if err := copyCorrections(ctx, tx, d, who, &rep); err != nil {
			return err
		}
		for _, r := range d.records {
			n, err := tx.exec(ctx, `INSERT INTO briefs (brief_id, path, title, date, source, story, print, legacy, seen, checked, reason)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
				r.id, r.path, r.title, r.date, r.source, r.story, r.print, r.legacy, r.seen, r.checked, r.reason)
			if err != nil {
				return fmt.Errorf("record of %s: %w", r.id, err)
			}
			count(&rep.Records, n)
		}
		for _, a := range d.aliases {
			n, err := tx.exec(ctx, "INSERT INTO aliases (old_id, new_id, reason, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", a[0], a[1], a[2], a[3])
			if err != nil {
				return fmt.Errorf("alias %s: %w", a[0], err)
			}
			count(&rep.Aliases, n)
		}
		if n := rep.Total(); n > 0 {
			tx.record(team.Change{Verb: team.Merged, Briefs: n, Detail: "from " + src.path})
		}
		return nil
	})
	return rep, err
}

// copyNotes copies every person's notes: a note dst has already is kept
// when it holds the copied one, replaced when the copied one holds it, and
// joined with it otherwise.
func copyNotes(ctx context.Context, tx *wtx, d *dump, who func(string) string, rep *CopyReport) error {
	for _, nt := range d.notes {
		id, author, body, updated := nt[0], who(nt[1]), nt[2], nt[3]
		var cur string
		err := tx.QueryRowContext(ctx, "SELECT body FROM notes WHERE brief_id = ? AND author = ?", id, author).Scan(&cur)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("note of %s on %s: %w", author, id, err)
		case strings.Contains(cur, strings.TrimSpace(body)):
			rep.Notes.Present++
			continue
		case strings.Contains(body, strings.TrimSpace(cur)):
		default:
			body = joinNote(cur, body)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO notes (brief_id, author, body, updated) VALUES (?, ?, ?, ?)
			ON CONFLICT (brief_id, author) DO UPDATE SET body = excluded.body, updated = excluded.updated`, id, author, body, updated); err != nil {
			return fmt.Errorf("note of %s on %s: %w", author, id, err)
		}
		rep.Notes.Copied++
	}
	return nil
}

// copyCorrections copies corrections: a field dst corrected otherwise is
// left as dst has it and listed in the report.
func copyCorrections(ctx context.Context, tx *wtx, d *dump, who func(string) string, rep *CopyReport) error {
	for _, o := range d.overr {
		var cur string
		err := tx.QueryRowContext(ctx, "SELECT value FROM overrides WHERE brief_id = ? AND field = ?", o[0], o[1]).Scan(&cur)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.ExecContext(ctx, "INSERT INTO overrides (brief_id, field, value, updated, author) VALUES (?, ?, ?, ?, ?)",
				o[0], o[1], o[2], o[3], who(o[4])); err != nil {
				return fmt.Errorf("correction of %s: %w", o[0], err)
			}
			rep.Corrections.Copied++
		case err != nil:
			return fmt.Errorf("correction of %s: %w", o[0], err)
		case cur == o[2]:
			rep.Corrections.Present++
		default:
			rep.Corrections.Conflicts++
			rep.Conflicting = append(rep.Conflicting, fmt.Sprintf("%s %s: %q (kept) / %q", o[0], o[1], cur, o[2]))
		}
	}
	return nil
}

// Counts are how many rows of each kind a store holds (for `briefs store
// copy` and its tests).
type Counts struct {
	Tags, Notes, Read, Corrections, Records, Aliases int
	People                                           int
}

// Count counts what the store holds.
func (s *Store) Count(ctx context.Context) (Counts, error) {
	d, err := s.dump(ctx)
	if err != nil {
		return Counts{}, err
	}
	people := map[string]bool{}
	for _, t := range d.tags {
		people[t[3]] = true
	}
	for _, n := range d.notes {
		people[n[1]] = true
	}
	for _, r := range d.read {
		people[r[1]] = true
	}
	for _, o := range d.overr {
		people[o[4]] = true
	}
	delete(people, "")
	return Counts{Tags: len(d.tags), Notes: len(d.notes), Read: len(d.read), Corrections: len(d.overr),
		Records: len(d.records), Aliases: len(d.aliases), People: len(people)}, nil
}

// Dump writes everything the store holds as sorted lines, one a row (for
// comparing two stores: `diff`).
func (s *Store) Dump(ctx context.Context) (string, error) {
	d, err := s.dump(ctx)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, t := range d.tags {
		fmt.Fprintf(&b, "tag\t%s\t%s\t%s\t%s\n", t[0], t[1], t[2], t[3])
	}
	for _, n := range d.notes {
		fmt.Fprintf(&b, "note\t%s\t%s\t%s\t%q\n", n[0], n[1], n[3], n[2])
	}
	for _, r := range d.read {
		fmt.Fprintf(&b, "read\t%s\t%s\t%s\n", r[0], r[1], r[2])
	}
	for _, o := range d.overr {
		fmt.Fprintf(&b, "correction\t%s\t%s\t%q\t%s\t%s\n", o[0], o[1], o[2], o[3], o[4])
	}
	for _, r := range d.records {
		fmt.Fprintf(&b, "record\t%s\t%q\t%q\t%s\t%s\t%s\t%x\t%d\n", r.id, r.path, r.title, r.date, r.source, r.story, r.print, r.legacy)
	}
	for _, a := range d.aliases {
		fmt.Fprintf(&b, "alias\t%s\t%s\t%q\n", a[0], a[1], a[2])
	}
	return b.String(), nil
}
