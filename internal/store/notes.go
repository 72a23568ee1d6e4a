package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefs/briefs/internal/team"
)

// SetNote replaces a brief's note. A body that is empty or only white space
// deletes the note. The body is stored as written.
func (s *Store) SetNote(ctx context.Context, briefID, body string) error {
	if err := checkID(briefID); err != nil {
		return fmt.Errorf("set note: %w", err)
	}
	return s.write(ctx, "set note of "+briefID, func(tx *wtx) error {
		if err := s.putNote(ctx, tx, briefID, body); err != nil {
			return err
		}
		return s.remember(ctx, tx, briefID)
	})
}

// ErrNoteChanged is what SetNoteIf returns (wrapped, as a *NoteChangedError)
// when the note is no longer the one the caller edited: another process or
// another part of the program wrote it in between. Test with errors.Is.
var ErrNoteChanged = errors.New("the note was changed elsewhere")

// NoteChangedError says which note changed and what it holds now, read in
// the transaction that refused the write. It matches ErrNoteChanged.
type NoteChangedError struct {
	ID      string // the brief
	Current string // the note as stored now ("" when there is none)
}

func (e *NoteChangedError) Error() string {
	if e.Current == "" {
		return "the note of " + e.ID + " was deleted elsewhere"
	}
	return "the note of " + e.ID + " was changed elsewhere"
}

// Is makes errors.Is(err, ErrNoteChanged) hold.
func (e *NoteChangedError) Is(target error) bool { return target == ErrNoteChanged }

// SetNoteIf replaces a brief's note with body only if the stored note is
// still base (a missing note counts as ""): the comparison and the write
// happen in one BEGIN IMMEDIATE transaction, so no other writer can slip in
// between. Otherwise nothing is written and the error wraps a
// *NoteChangedError (errors.Is(err, ErrNoteChanged)) carrying the current
// note. As with SetNote, a body that is only white space deletes the note,
// and a write that changes the row bumps the revision.
func (s *Store) SetNoteIf(ctx context.Context, briefID, base, body string) error {
	if err := checkID(briefID); err != nil {
		return fmt.Errorf("set note: %w", err)
	}
	return s.write(ctx, "set note of "+briefID, func(tx *wtx) error {
		cur, err := s.ownNote(ctx, tx, briefID)
		if err != nil {
			return err
		}
		if cur != base {
			return &NoteChangedError{ID: briefID, Current: cur}
		}
		if err := s.putNote(ctx, tx, briefID, body); err != nil {
			return err
		}
		return s.remember(ctx, tx, briefID)
	})
}

// ownNote reads, in tx, the note of the Store's user on a brief ("" when
// there is none).
func (s *Store) ownNote(ctx context.Context, tx *wtx, briefID string) (string, error) {
	var cur string
	err := tx.QueryRowContext(ctx, "SELECT body FROM notes WHERE brief_id = ? AND author = ?", briefID, s.user).Scan(&cur)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("read note: %w", err)
	}
	return cur, nil
}

// putNote writes the Store's user's note on a brief (deleting it when the
// body is blank) and records the change when there is one.
func (s *Store) putNote(ctx context.Context, tx *wtx, briefID, body string) error {
	return putNoteOf(ctx, tx, briefID, s.user, body, now())
}

func putNoteOf(ctx context.Context, tx *wtx, briefID, author, body, at string) error {
	if strings.TrimSpace(body) == "" {
		n, err := tx.exec(ctx, "DELETE FROM notes WHERE brief_id = ? AND author = ?", briefID, author)
		if err != nil {
			return fmt.Errorf("delete note: %w", err)
		}
		if n > 0 {
			tx.record(team.Change{Verb: team.Unnoted, Brief: briefID})
		}
		return nil
	}
	n, err := tx.exec(ctx,
		`INSERT INTO notes (brief_id, author, body, updated) VALUES (?, ?, ?, ?)
		 ON CONFLICT (brief_id, author) DO UPDATE SET body = excluded.body, updated = excluded.updated
		 WHERE notes.body IS DISTINCT FROM excluded.body`,
		briefID, author, body, at)
	if err != nil {
		return fmt.Errorf("write note: %w", err)
	}
	if n > 0 {
		tx.record(team.Change{Verb: team.Noted, Brief: briefID})
	}
	return nil
}

// AppendNote adds text to the end of a brief's note, separated from what is
// already there by a blank line, in one transaction (two processes appending
// at once both keep their text). Text that is only white space is ignored.
func (s *Store) AppendNote(ctx context.Context, briefID, text string) error {
	if err := checkID(briefID); err != nil {
		return fmt.Errorf("append to note: %w", err)
	}
	if strings.TrimSpace(text) == "" {
		return nil
	}
	return s.write(ctx, "append to note of "+briefID, func(tx *wtx) error {
		body, err := s.ownNote(ctx, tx, briefID)
		if err != nil {
			return err
		}
		if err := s.putNote(ctx, tx, briefID, joinNote(body, text)); err != nil {
			return err
		}
		return s.remember(ctx, tx, briefID)
	})
}

// joinNote appends text to body with exactly one blank line between them.
func joinNote(body, text string) string {
	body = strings.TrimRight(body, " \t\r\n")
	text = strings.TrimRight(strings.TrimLeft(text, "\r\n"), " \t\r\n")
	if body == "" {
		return text
	}
	return body + "\n\n" + text
}

// Note returns the Store's user's note on a brief and when it was last
// changed; a brief without one gives "" and the zero time. (Notes are per
// person: Notes returns everyone's.)
func (s *Store) Note(ctx context.Context, briefID string) (string, time.Time, error) {
	var body string
	var when time.Time
	for _, id := range s.viewed(ctx, briefID) {
		b, t, err := s.rawNote(ctx, id)
		if err != nil {
			return "", time.Time{}, err
		}
		if b != "" {
			if body == "" {
				body = b
			} else {
				body = joinNote(body, b)
			}
			if t.After(when) {
				when = t
			}
		}
	}
	return body, when, nil
}

func (s *Store) rawNote(ctx context.Context, briefID string) (string, time.Time, error) {
	var body, updated string
	err := s.q.QueryRowContext(ctx, "SELECT body, updated FROM notes WHERE brief_id = ? AND author = ?", briefID, s.user).Scan(&body, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, nil
	}
	if err != nil {
		return "", time.Time{}, fmt.Errorf("read note of %s: %w", briefID, err)
	}
	t, err := parseTime(updated)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("read note of %s: %w", briefID, err)
	}
	return body, t, nil
}

// AllNotes returns every note of the Store's user (brief ID -> body).
func (s *Store) AllNotes(ctx context.Context) (map[string]string, error) {
	out := make(map[string]string)
	err := scanRows(ctx, s.q, "SELECT brief_id, body FROM notes WHERE author = ?", []any{s.user}, func(r *sql.Rows) error {
		var id, body string
		if err := r.Scan(&id, &body); err != nil {
			return err
		}
		out[id] = body
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read all notes: %w", err)
	}
	for from, to := range s.viewMap(ctx) {
		if b, ok := out[from]; ok {
			if out[to] != "" {
				b = joinNote(out[to], b)
			}
			out[to] = b
			delete(out, from)
		}
	}
	return out, nil
}

// MarkRead records that the Store's user read a brief; the first time is
// kept. Read state is per person.
func (s *Store) MarkRead(ctx context.Context, briefID string) error {
	if err := checkID(briefID); err != nil {
		return fmt.Errorf("mark read: %w", err)
	}
	return s.write(ctx, "mark "+briefID+" read", func(tx *wtx) error {
		if _, err := tx.ExecContext(ctx,
			"INSERT INTO read_state (brief_id, reader, read_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
			briefID, s.user, now()); err != nil {
			return fmt.Errorf("insert: %w", err)
		}
		return s.remember(ctx, tx, briefID)
	})
}

// MarkUnread forgets that a brief was read.
func (s *Store) MarkUnread(ctx context.Context, briefID string) error {
	if err := checkID(briefID); err != nil {
		return fmt.Errorf("mark unread: %w", err)
	}
	return s.write(ctx, "mark "+briefID+" unread", func(tx *wtx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM read_state WHERE brief_id = ? AND reader = ?", briefID, s.user); err != nil {
			return fmt.Errorf("delete: %w", err)
		}
		return nil
	})
}

// ReadSet returns the IDs of the briefs the Store's user marked read.
func (s *Store) ReadSet(ctx context.Context) (map[string]bool, error) {
	out := make(map[string]bool)
	if !s.has("read_state") {
		return out, nil
	}
	err := scanRows(ctx, s.q, "SELECT brief_id FROM read_state WHERE reader = ?", []any{s.user}, func(r *sql.Rows) error {
		var id string
		if err := r.Scan(&id); err != nil {
			return err
		}
		out[id] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the read state: %w", err)
	}
	for from, to := range s.viewMap(ctx) {
		if out[from] {
			out[to] = true
			delete(out, from)
		}
	}
	return out, nil
}

// ReadAt returns when a brief was first marked read (zero when it is not).
func (s *Store) ReadAt(ctx context.Context, briefID string) (time.Time, error) {
	var first time.Time
	for _, id := range s.viewed(ctx, briefID) {
		t, err := s.rawReadAt(ctx, id)
		if err != nil {
			return time.Time{}, err
		}
		if !t.IsZero() && (first.IsZero() || t.Before(first)) {
			first = t
		}
	}
	return first, nil
}

func (s *Store) rawReadAt(ctx context.Context, briefID string) (time.Time, error) {
	if !s.has("read_state") {
		return time.Time{}, nil
	}
	var at string
	err := s.q.QueryRowContext(ctx, "SELECT read_at FROM read_state WHERE brief_id = ? AND reader = ?", briefID, s.user).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("read the read state of %s: %w", briefID, err)
	}
	t, err := parseTime(at)
	if err != nil {
		return time.Time{}, fmt.Errorf("read the read state of %s: %w", briefID, err)
	}
	return t, nil
}

// Notes returns everyone's notes on a brief, the Store's user's first,
// then the others' by the time they were last changed, latest first.
func (s *Store) Notes(ctx context.Context, briefID string) ([]team.Note, error) {
	var out []team.Note
	for _, id := range s.viewed(ctx, briefID) {
		ns, err := s.rawNotes(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, n := range ns {
			out = addNote(out, n)
		}
	}
	s.sortNotes(out)
	return out, nil
}

func (s *Store) rawNotes(ctx context.Context, briefID string) ([]team.Note, error) {
	var out []team.Note
	err := scanRows(ctx, s.q, "SELECT author, body, updated FROM notes WHERE brief_id = ?", []any{briefID}, func(r *sql.Rows) error {
		n, err := scanNote(r)
		if err != nil {
			return err
		}
		out = append(out, n)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the notes of %s: %w", briefID, err)
	}
	s.sortNotes(out)
	return out, nil
}

// TeamNotes returns everyone's notes, by brief, ordered as Notes orders
// them.
func (s *Store) TeamNotes(ctx context.Context) (map[string][]team.Note, error) {
	out := map[string][]team.Note{}
	err := scanRows(ctx, s.q, "SELECT brief_id, author, body, updated FROM notes", nil, func(r *sql.Rows) error {
		var id string
		n, err := scanNote(r, &id)
		if err != nil {
			return err
		}
		out[id] = append(out[id], n)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read all notes: %w", err)
	}
	for from, to := range s.viewMap(ctx) {
		for _, n := range out[from] {
			out[to] = addNote(out[to], n)
		}
		delete(out, from)
	}
	for _, ns := range out {
		s.sortNotes(ns)
	}
	return out, nil
}

func scanNote(r *sql.Rows, prefix ...any) (team.Note, error) {
	var n team.Note
	var updated string
	if err := r.Scan(append(prefix, &n.Author, &n.Body, &updated)...); err != nil {
		return n, err
	}
	t, err := parseTime(updated)
	if err != nil {
		return n, err
	}
	n.Updated = t
	return n, nil
}

// addNote adds n to notes, joining it to the same author's note (a
// session-only view of re-keyed IDs may show two).
func addNote(notes []team.Note, n team.Note) []team.Note {
	for i := range notes {
		if notes[i].Author == n.Author {
			notes[i].Body = joinNote(notes[i].Body, n.Body)
			if n.Updated.After(notes[i].Updated) {
				notes[i].Updated = n.Updated
			}
			return notes
		}
	}
	return append(notes, n)
}

func (s *Store) sortNotes(ns []team.Note) {
	slices.SortFunc(ns, func(a, b team.Note) int {
		if (a.Author == s.user) != (b.Author == s.user) {
			if a.Author == s.user {
				return -1
			}
			return 1
		}
		if c := b.Updated.Compare(a.Updated); c != 0 {
			return c
		}
		return strings.Compare(a.Author, b.Author)
	})
}
