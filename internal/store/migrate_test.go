package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/identity"
	"github.com/briefs/briefs/seeds"
)

// v2Database is a database as briefs wrote it before identity (schema 2:
// migrations 1 and 2 of that release, written out here so that later edits
// cannot hide a break), annotated by a user under the old body-hash IDs:
// 2b63c3eaae58 and f9b3bfc62cea were the seeds' IDs then, 0123456789ab is
// a brief that is gone.
const v2Database = `
CREATE TABLE tags (
	brief_id TEXT NOT NULL,
	tag      TEXT NOT NULL,
	created  TEXT NOT NULL,
	PRIMARY KEY (brief_id, tag)
) WITHOUT ROWID;
CREATE TABLE notes (
	brief_id TEXT PRIMARY KEY,
	body     TEXT NOT NULL,
	updated  TEXT NOT NULL
);
CREATE INDEX tags_by_tag ON tags (tag, brief_id);
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
INSERT INTO revision (id, n) VALUES (1, 7);
INSERT INTO tags VALUES ('2b63c3eaae58', 'followup', '2025-01-02T03:04:05.000000000Z');
INSERT INTO tags VALUES ('2b63c3eaae58', 'iraq', '2025-01-02T03:04:05.000000000Z');
INSERT INTO tags VALUES ('f9b3bfc62cea', 'kuwait', '2025-01-03T03:04:05.000000000Z');
INSERT INTO tags VALUES ('0123456789ab', 'lost', '2025-01-03T03:04:05.000000000Z');
INSERT INTO notes VALUES ('2b63c3eaae58', 'Check the figures.', '2025-01-02T03:04:06.000000000Z');
INSERT INTO notes VALUES ('0123456789ab', 'A note on a brief that is gone.', '2025-01-02T03:04:06.000000000Z');
INSERT INTO read_state VALUES ('2b63c3eaae58', '2025-01-02T03:00:00.000000000Z');
INSERT INTO read_state VALUES ('f9b3bfc62cea', '2025-01-04T03:00:00.000000000Z');
INSERT INTO overrides VALUES ('f9b3bfc62cea', 'edition', '2', '2025-01-04T03:00:00.000000000Z');
INSERT INTO overrides VALUES ('2b63c3eaae58', 'title', 'Shammari on drugs', '2025-01-04T03:00:00.000000000Z');
PRAGMA user_version = 2;
`

// makeV2 writes the schema 2 database with a plain connection (not through
// Open) and returns its path.
func makeV2(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "briefs.db")
	raw, err := sql.Open("sqlite", path)
	must(t, err)
	if _, err := raw.Exec(v2Database); err != nil {
		t.Fatal(err)
	}
	must(t, raw.Close())
	return path
}

// seedCollection reads the built-in seeds as loading does (package store
// cannot use package library in its tests: library imports store).
func seedCollection(t *testing.T) (any, []identity.Candidate) {
	t.Helper()
	var out []identity.Candidate
	for _, name := range []string{"000_2f5fd0d68d9114d4.txt", "001_0120ff17fa13518d.txt"} {
		b, err := brief.ReadFS(seeds.FS(), name, "seeds")
		must(t, err)
		out = append(out, identity.Candidate{ID: b.ID, Paths: []string{b.Path}, Title: b.Title, Date: b.Day(), Source: b.Hints.Source, Story: b.Hints.AgencyID, Body: b.Body, Legacy: b.Hints.Legacy})
	}
	return nil, out
}

const (
	ninaNew   = "0e253ee020f5"
	shafaqNew = "c38e74662e74"
)

// checkMigrated checks that every annotation of v2Database shows under the
// seeds' new IDs, and that the one of a gone brief is an orphan.
func checkMigrated(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	tags, err := s.AllTags(ctx)
	must(t, err)
	if want := map[string][]string{ninaNew: {"followup", "iraq"}, shafaqNew: {"kuwait"}, "0123456789ab": {"lost"}}; !reflect.DeepEqual(tags, want) {
		t.Errorf("AllTags = %v, want %v", tags, want)
	}
	if got, err := s.Tags(ctx, ninaNew); err != nil || !reflect.DeepEqual(got, []string{"followup", "iraq"}) {
		t.Errorf("Tags(%s) = %v, %v", ninaNew, got, err)
	}
	notes, err := s.AllNotes(ctx)
	must(t, err)
	if notes[ninaNew] != "Check the figures." || len(notes) != 2 {
		t.Errorf("AllNotes = %v", notes)
	}
	if n, _, err := s.Note(ctx, ninaNew); err != nil || n != "Check the figures." {
		t.Errorf("Note(%s) = %q, %v", ninaNew, n, err)
	}
	read, err := s.ReadSet(ctx)
	must(t, err)
	if !reflect.DeepEqual(read, map[string]bool{ninaNew: true, shafaqNew: true}) {
		t.Errorf("ReadSet = %v", read)
	}
	corr, err := s.AllCorrections(ctx)
	must(t, err)
	if c := corr[shafaqNew]; !c.HasEdition || c.Edition != 2 || len(corr) != 2 || corr[ninaNew].Title != "Shammari on drugs" {
		t.Errorf("AllCorrections = %+v", corr)
	}
	orphans, err := s.Orphans(ctx)
	must(t, err)
	if len(orphans) != 1 || orphans[0].ID != "0123456789ab" || !orphans[0].Record.Legacy ||
		orphans[0].Note != "A note on a brief that is gone." || !reflect.DeepEqual(orphans[0].Tags, []string{"lost"}) {
		t.Errorf("Orphans = %+v", orphans)
	}
}

// A database of the previous release keeps every annotation: tags, notes,
// read state and corrections follow the seeds to their new IDs.
func TestUpgradeFromV2(t *testing.T) {
	path := makeV2(t)
	ctx := context.Background()
	s, err := Open(path)
	must(t, err)
	defer s.Close()
	if got := rowsOf(t, s, "SELECT brief_id FROM briefs WHERE legacy = 1 ORDER BY brief_id"); !reflect.DeepEqual(got, []string{"0123456789ab", "2b63c3eaae58", "f9b3bfc62cea"}) {
		t.Errorf("legacy records after migration = %q", got)
	}
	_, cands := seedCollection(t)
	rep, err := s.Reattach(ctx, cands)
	must(t, err)
	if len(rep.Moved) != 2 || rep.Orphaned != 1 || rep.ReadOnly {
		t.Errorf("Reattach = %+v", rep)
	}
	checkMigrated(t, s)
	// Saved, not just shown: another handle sees it without Reattach.
	other, err := Open(path)
	must(t, err)
	defer other.Close()
	if got, _ := other.Tags(ctx, ninaNew); !reflect.DeepEqual(got, []string{"followup", "iraq"}) {
		t.Errorf("another handle: Tags = %v", got)
	}
	if got := rowsOf(t, s, "SELECT old_id || '>' || new_id FROM aliases ORDER BY old_id"); !reflect.DeepEqual(got, []string{"2b63c3eaae58>" + ninaNew, "f9b3bfc62cea>" + shafaqNew}) {
		t.Errorf("aliases = %q", got)
	}
	// The annotated seeds now have records that find them again.
	if got := rowsOf(t, s, "SELECT brief_id || ' ' || path || ' ' || length(print) FROM briefs WHERE legacy = 0 ORDER BY brief_id"); len(got) != 2 ||
		got[0] != ninaNew+" seeds/000_2f5fd0d68d9114d4.txt 1027" {
		t.Errorf("records = %q", got)
	}
	// A second load changes nothing.
	rev, _ := s.Revision(ctx)
	rep, err = s.Reattach(ctx, cands)
	must(t, err)
	if after, _ := s.Revision(ctx); len(rep.Moved) != 0 || after != rev {
		t.Errorf("second Reattach moved %v, revision %d -> %d", rep.Moved, rev, after)
	}
	checkMigrated(t, s)
}

// A schema 2 database the user may not write to is read as it is: the new
// IDs show its annotations, and the file is not changed.
func TestReadOnlyV2(t *testing.T) {
	path := makeV2(t)
	before, err := os.ReadFile(path)
	must(t, err)
	s, err := OpenWith(context.Background(), path, Options{ReadOnly: true})
	must(t, err)
	defer s.Close()
	_, cands := seedCollection(t)
	rep, err := s.Reattach(context.Background(), cands)
	must(t, err)
	if len(rep.Moved) != 2 || !rep.ReadOnly {
		t.Errorf("Reattach = %+v", rep)
	}
	checkMigrated(t, s)
	if err := s.AddTags(context.Background(), ninaNew, "x"); err == nil {
		t.Error("a read-only store wrote")
	}
	s.Close()
	after, err := os.ReadFile(path)
	must(t, err)
	if string(before) != string(after) {
		t.Error("reading changed the file")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("reading left a -wal file")
	}
}
