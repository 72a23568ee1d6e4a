package store

import (
	"context"
	"time"

	"github.com/briefs/briefs/internal/identity"
	"github.com/briefs/briefs/internal/team"
)

// Backend is everything the rest of the program asks of the store of the
// user's data, whatever holds it. *Store (SQLite) implements it; another
// backend (PostgreSQL, for a team) implements it too and passes the same
// conformance suite (package storetest). The program uses *Store today:
// switching a caller to Backend is a matter of changing its type.
//
// Brief IDs are those of package identity. Every write is atomic, bumps
// Revision when it changed something, and records what finds the briefs it
// annotates again (see Reattach). Errors name what failed.
type Backend interface {
	// Path says where the data is (a file, or a URL without credentials).
	Path() string
	// ReadOnly reports whether writes are refused (ErrReadOnly).
	ReadOnly() bool
	Close() error
	// Revision changes whenever anyone commits a change.
	Revision(ctx context.Context) (int64, error)

	// Tags (normalised by package tags).
	AddTags(ctx context.Context, briefID string, tags ...string) error
	ApplyTags(ctx context.Context, ids []string, add, remove []string) error
	RemoveTags(ctx context.Context, briefID string, tags ...string) error
	Tags(ctx context.Context, briefID string) ([]string, error)
	AllTags(ctx context.Context) (map[string][]string, error)
	TagCounts(ctx context.Context) ([]TagCount, error)
	RenameTag(ctx context.Context, oldTag, newTag string) (int, error)

	// Notes; SetNoteIf is the compare-and-set that never overwrites a
	// concurrent change (*NoteChangedError).
	SetNote(ctx context.Context, briefID, body string) error
	SetNoteIf(ctx context.Context, briefID, base, body string) error
	AppendNote(ctx context.Context, briefID, text string) error
	Note(ctx context.Context, briefID string) (string, time.Time, error)
	AllNotes(ctx context.Context) (map[string]string, error)

	// Read state.
	MarkRead(ctx context.Context, briefID string) error
	MarkUnread(ctx context.Context, briefID string) error
	ReadSet(ctx context.Context) (map[string]bool, error)
	ReadAt(ctx context.Context, briefID string) (time.Time, error)

	// Corrections of extracted metadata.
	Correct(ctx context.Context, briefID string, f Field, value string) error
	CorrectCountries(ctx context.Context, briefID string, add, remove []string) error
	ResetCorrections(ctx context.Context, briefID string, fields ...Field) error
	Corrections(ctx context.Context, briefID string) (Corrections, error)
	AllCorrections(ctx context.Context) (map[string]Corrections, error)

	// Identity: the collection, re-attachment and orphans.
	Reattach(ctx context.Context, cands []identity.Candidate) (Report, error)
	Orphans(ctx context.Context) ([]Orphan, error)
	Attach(ctx context.Context, from, to string) error
	DeleteOrphan(ctx context.Context, id string) error

	// People (package team). The handle's User writes; tags and
	// corrections are shared and record who made them, notes and read
	// state are per person (Note, SetNote, AllNotes, MarkRead, ReadSet are
	// the User's own); Notes and TeamNotes are everyone's.
	User() string
	TagsBy(ctx context.Context, briefID string) ([]team.Tag, error)
	Notes(ctx context.Context, briefID string) ([]team.Note, error)
	TeamNotes(ctx context.Context) (map[string][]team.Note, error)
	// People is, for every brief, who tagged, noted or corrected it.
	People(ctx context.Context) (map[string][]string, error)

	// Live: the journal of changes after a revision, and, where the
	// backend pushes them (PostgreSQL), a channel of changes and of the
	// connection's state (false: poll Revision).
	Changes(ctx context.Context, since int64) ([]team.Change, error)
	Watch(ctx context.Context) (<-chan team.Status, bool)
}

var _ Backend = (*Store)(nil)
