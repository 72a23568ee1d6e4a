package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/briefs/briefs/internal/identity"
	"github.com/briefs/briefs/internal/team"
)

// idState is what the Store knows about the loaded collection, for
// re-attaching annotations (Reattach) and recording what finds a brief
// again (remember).
type idState struct {
	mu      sync.Mutex
	cands   []identity.Candidate         // the collection of the last Reattach, in load order
	catalog map[string]int               // ID -> index in cands; nil before Reattach
	decided map[string]identity.Decision // orphan ID -> why it was left alone
	// view maps old IDs to new ones for this session only: the moves a
	// read-only Store (or one whose write failed) could not save. Reads
	// apply it.
	view map[string]string
}

// Move is one re-keying: the annotations of From now belong to To.
type Move struct {
	From, To string
	Reason   string // in words, e.g. "edited in place (93% alike)"
}

// Report says what Reattach did.
type Report struct {
	Moved     []Move // annotations that followed their brief to a new ID
	Orphaned  int    // annotated IDs that could not be re-attached (see Orphans)
	NotLoaded int    // annotated briefs whose file exists but is not in the collection
	// ReadOnly is set when the moves could not be saved (a read-only
	// database): they hold for this Store only.
	ReadOnly bool
}

// Summary is a one-line account of the report for the user, or "" when
// there is nothing to say.
func (r Report) Summary() string {
	var parts []string
	switch n := len(r.Moved); {
	case n == 1:
		m := r.Moved[0]
		parts = append(parts, fmt.Sprintf("the tags and notes of %s now belong to %s: %s", m.From, m.To, m.Reason))
	case n > 1:
		parts = append(parts, fmt.Sprintf("the tags and notes of %d edited, moved or older briefs were re-attached", n))
	}
	if len(parts) > 0 && r.ReadOnly {
		parts = append(parts, "not saved: the database is open read-only")
	}
	if r.Orphaned > 0 {
		parts = append(parts, fmt.Sprintf("%d annotated %s could not be found (see `briefs orphans`)", r.Orphaned, plural(r.Orphaned, "brief", "briefs")))
	}
	return strings.Join(parts, "; ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Orphan is an annotated ID that is not in the collection: its file was
// deleted, edited beyond recognition, or is not loaded. Nothing of it is
// ever dropped without the user asking (DeleteOrphan).
type Orphan struct {
	ID          string
	Record      identity.Record // what is known to find it (Legacy: an ID of an older briefs)
	Tags        []string
	Note        string // the Store's user's note
	NoteUpdated time.Time
	Notes       []team.Note // everyone's notes (Note among them)
	ReadAt      time.Time   // zero when not marked read
	Corrections Corrections
	Verdict     identity.Verdict // identity.Orphaned, or identity.NotLoaded
	Reason      string           // why it was not re-attached
}

// ErrNoCollection is returned by calls that need the collection before
// Reattach gave it.
var ErrNoCollection = errors.New("no collection given (call Reattach first)")

// idSnapshot is the identity side of the database at one moment.
type idSnapshot struct {
	annotated map[string]bool
	records   map[string]identity.Record
	checked   map[string]check  // orphan -> when it was last searched for
	aliases   map[string]string // old -> new
}

// check is an orphan's last search: the digest of the collection and
// annotated IDs it was compared with, and why it was left alone.
type check struct{ digest, reason string }

// annotationTables are the tables keyed by brief ID that hold the user's
// data.
var annotationTables = [...]string{"tags", "notes", "read_state", "overrides"}

// annotatedIDs reads the IDs that carry any annotation.
func (s *Store) annotatedIDs(ctx context.Context, q querier) (map[string]bool, error) {
	out := map[string]bool{}
	var parts []string
	for _, t := range annotationTables {
		if s.has(t) {
			parts = append(parts, "SELECT brief_id FROM "+t)
		}
	}
	if len(parts) == 0 {
		return out, nil
	}
	if err := scanRows(ctx, q, strings.Join(parts, " UNION "), nil, func(r *sql.Rows) error {
		var id string
		if err := r.Scan(&id); err != nil {
			return err
		}
		out[id] = true
		return nil
	}); err != nil {
		return nil, fmt.Errorf("read annotated briefs: %w", err)
	}
	return out, nil
}

// recordColumns are the columns of a brief's record, as scanRecord reads
// them.
const recordColumns = "brief_id, path, title, date, source, story, print, legacy, checked, reason"

// scanRecord reads a row of recordColumns.
func scanRecord(r *sql.Rows) (identity.Record, check, error) {
	var rec identity.Record
	var print []byte
	var c check
	if err := r.Scan(&rec.ID, &rec.Path, &rec.Title, &rec.Date, &rec.Source, &rec.Story, &print, &rec.Legacy, &c.digest, &c.reason); err != nil {
		return rec, c, err
	}
	if f, err := identity.ParseFingerprint(print); err == nil { // an unreadable fingerprint is unknown, not fatal
		rec.Print = f
	}
	return rec, c, nil
}

func (s *Store) snapshotIDs(ctx context.Context, q querier) (*idSnapshot, error) {
	snap := &idSnapshot{records: map[string]identity.Record{}, checked: map[string]check{}, aliases: map[string]string{}}
	var err error
	if snap.annotated, err = s.annotatedIDs(ctx, q); err != nil {
		return nil, err
	}
	if !s.has("briefs") {
		// An older schema read as it is: every ID is of the old scheme.
		for id := range snap.annotated {
			snap.records[id] = identity.Record{ID: id, Legacy: true}
		}
		return snap, nil
	}
	if err := scanRows(ctx, q, "SELECT "+recordColumns+" FROM briefs", nil, func(r *sql.Rows) error {
		rec, c, err := scanRecord(r)
		if err != nil {
			return err
		}
		if c.digest != "" {
			snap.checked[rec.ID] = c
		}
		snap.records[rec.ID] = rec
		return nil
	}); err != nil {
		return nil, fmt.Errorf("read brief records: %w", err)
	}
	if err := scanRows(ctx, q, "SELECT old_id, new_id FROM aliases", nil, func(r *sql.Rows) error {
		var from, to string
		if err := r.Scan(&from, &to); err != nil {
			return err
		}
		snap.aliases[from] = to
		return nil
	}); err != nil {
		return nil, fmt.Errorf("read aliases: %w", err)
	}
	return snap, nil
}

// storedRecord reads the record of one ID (zero when there is none, or
// on an older schema: every ID of the old scheme).
func (s *Store) storedRecord(ctx context.Context, id string) (identity.Record, error) {
	if !s.has("briefs") {
		return identity.Record{ID: id, Legacy: true}, nil
	}
	var rec identity.Record
	err := scanRows(ctx, s.q, "SELECT "+recordColumns+" FROM briefs WHERE brief_id = ?", []any{id}, func(r *sql.Rows) error {
		var err error
		rec, _, err = scanRecord(r)
		return err
	})
	if err != nil {
		return identity.Record{}, fmt.Errorf("read the record of %s: %w", id, err)
	}
	return rec, nil
}

func scanRows(ctx context.Context, q querier, query string, args []any, each func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// idPlan is what Reattach will do.
type idPlan struct {
	moves   []Move
	decided map[string]identity.Decision // orphans left alone
	refresh []identity.Record            // records to write
	drop    []string                     // records of IDs without annotations
	checks  map[string]check             // orphans searched for in vain
}

func (p *idPlan) empty() bool { return len(p.moves)+len(p.refresh)+len(p.drop)+len(p.checks) == 0 }

// digest identifies a collection and the set of annotated IDs: an orphan
// searched for in vain is not searched again while it is unchanged.
func digest(cands []identity.Candidate, annotated map[string]bool) string {
	var sum, sumA uint64
	for i := range cands {
		sum += fnv64(cands[i].ID)
	}
	for id := range annotated {
		sumA += fnv64(id)
	}
	return fmt.Sprintf("%d:%016x:%d:%016x", len(cands), sum, len(annotated), sumA)
}

func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// plan decides, from a snapshot and the collection, which annotations move
// and which records need writing. Called with s.ids.mu held.
func (s *Store) plan(snap *idSnapshot) *idPlan {
	p := &idPlan{decided: map[string]identity.Decision{}, checks: map[string]check{}}
	targets := map[string]bool{}
	recs := s.planOrphans(snap, p, targets)
	s.planDecisions(snap, p, targets, recs)
	s.planRecords(snap, p, targets)
	for id := range snap.records {
		if !snap.annotated[id] && !targets[id] {
			p.drop = append(p.drop, id)
		}
	}
	slices.Sort(p.drop)
	return p
}

// planOrphans settles the annotated IDs the collection lacks that need no
// search (re-keyed earlier, or searched for in vain while nothing changed)
// and returns the records of the others, to be decided.
func (s *Store) planOrphans(snap *idSnapshot, p *idPlan, targets map[string]bool) []identity.Record {
	cat := s.ids.catalog
	dig := ""
	if len(snap.checked) > 0 {
		dig = digest(s.ids.cands, snap.annotated)
	}
	var orphans []string
	for id := range snap.annotated {
		if _, ok := cat[id]; !ok {
			orphans = append(orphans, id)
		}
	}
	slices.Sort(orphans)
	var recs []identity.Record
	for _, id := range orphans {
		// A re-keying recorded earlier (another process saw the edit first).
		to, hops := snap.aliases[id], 0
		for ; to != "" && hops < 8; hops++ {
			if _, ok := cat[to]; ok {
				break
			}
			to = snap.aliases[to]
		}
		if _, ok := cat[to]; ok && to != "" {
			p.moves = append(p.moves, Move{From: id, To: to, Reason: "re-attached to " + to + " earlier"})
			targets[to] = true
			continue
		}
		if c, ok := snap.checked[id]; ok && dig != "" && c.digest == dig {
			p.decided[id] = identity.Decision{From: id, Verdict: identity.Orphaned, Reason: c.reason}
			continue
		}
		rec, ok := snap.records[id]
		if !ok {
			rec = identity.Record{ID: id}
		}
		recs = append(recs, rec)
	}
	return recs
}

// planDecisions decides the records of orphans: moves for those that
// follow a brief, and for the others what was decided (and, where a record
// exists, that they were searched for in vain under the next digest).
func (s *Store) planDecisions(snap *idSnapshot, p *idPlan, targets map[string]bool, recs []identity.Record) {
	decisions := identity.Decide(recs, s.ids.cands, identity.Options{
		Exists:    fileExists,
		Annotated: func(id string) bool { return snap.annotated[id] || targets[id] },
	})
	for _, d := range decisions {
		if d.Verdict == identity.Follow {
			p.moves = append(p.moves, Move{From: d.From, To: d.To, Reason: d.Reason})
			targets[d.To] = true
		}
	}
	// The digest the next load will see, once the moves are made.
	after := maps.Clone(snap.annotated)
	for _, m := range p.moves {
		delete(after, m.From)
		after[m.To] = true
	}
	digAfter := ""
	if len(decisions) > 0 {
		digAfter = digest(s.ids.cands, after)
	}
	for _, d := range decisions {
		if d.Verdict == identity.Follow {
			continue
		}
		p.decided[d.From] = d
		if _, ok := snap.records[d.From]; ok && d.Verdict == identity.Orphaned && s.has("briefs") {
			p.checks[d.From] = check{digAfter, d.Reason}
		}
	}
}

// planRecords lists the records to write so that every annotated brief of
// the collection has a current one.
func (s *Store) planRecords(snap *idSnapshot, p *idPlan, targets map[string]bool) {
	cat := s.ids.catalog
	// Not on a read-only Store, which cannot write them (computing one
	// reads the brief's body: thousands of files at each start).
	for id, i := range cat {
		if s.readOnly {
			break
		}
		if !snap.annotated[id] && !targets[id] {
			continue
		}
		c := &s.ids.cands[i]
		old, ok := snap.records[id]
		if ok && !old.Legacy && !old.Print.IsZero() && old.Title == c.Title &&
			old.Date == c.Date && old.Source == c.Source && old.Story == c.Story {
			switch {
			case old.Path == c.Path():
			case s.pg != nil:
				// A team store's readers each have the briefs in folders of
				// their own: the path of the first is kept, not rewritten
				// by each reader in turn (the fingerprint finds the brief).
			default:
				// Moved: the same ID is the same text, so the same
				// fingerprint; only the path is new.
				old.Path = c.Path()
				p.refresh = append(p.refresh, old)
			}
			continue
		}
		p.refresh = append(p.refresh, s.recordOf(i))
	}
	slices.SortFunc(p.refresh, func(a, b identity.Record) int { return strings.Compare(a.ID, b.ID) })
}

// recordOf is the record of candidate i, computing (once) its fingerprint.
// Called with s.ids.mu held.
func (s *Store) recordOf(i int) identity.Record {
	c := &s.ids.cands[i]
	if c.Print.IsZero() {
		c.Print = c.Fingerprint()
	}
	return c.Record()
}

func fileExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// Reattach gives the Store the loaded collection and makes every annotation
// belong to a brief of it where that is clear: annotations of an ID that is
// no longer in the collection follow the brief it became (an edit, a move
// or rename, an upgrade from an older ID scheme; identity.Decide has the
// rules), in one transaction, keeping everything (tags are merged, notes
// joined, the earliest read time kept; a correction the target already has
// differently stays with the old ID). What cannot be re-attached with
// confidence is left as it is and listed by Orphans.
//
// Reattach also keeps, for every annotated brief of the collection, the
// record that will find it again, and remembers the collection so that
// later writes record the briefs they annotate. It writes only when there
// is something to change. On a read-only Store (or when the write fails)
// the moves are applied to this Store's reads only, and Report.ReadOnly is
// set. The candidates must not be changed afterwards.
func (s *Store) Reattach(ctx context.Context, cands []identity.Candidate) (Report, error) {
	s.ids.mu.Lock()
	defer s.ids.mu.Unlock()
	s.ids.cands = slices.Clone(cands)
	s.ids.catalog = make(map[string]int, len(cands))
	for i, c := range s.ids.cands {
		if _, dup := s.ids.catalog[c.ID]; !dup {
			s.ids.catalog[c.ID] = i
		}
	}
	s.ids.view = nil
	snap, err := s.snapshotIDs(ctx, s.q)
	if err != nil {
		return Report{}, fmt.Errorf("re-attach annotations: %w", err)
	}
	p := s.plan(snap)
	if !p.empty() && !s.readOnly {
		err = s.write(ctx, "re-attach annotations", func(tx *wtx) error {
			snap, err := s.snapshotIDs(ctx, tx)
			if err != nil {
				return err
			}
			p = s.plan(snap) // again, under the lock: another process may have done it
			return s.apply(ctx, tx, p)
		})
	}
	s.ids.decided = p.decided
	rep := Report{Moved: p.moves}
	for _, d := range p.decided {
		if d.Verdict == identity.NotLoaded {
			rep.NotLoaded++
		} else {
			rep.Orphaned++
		}
	}
	if (s.readOnly || err != nil) && len(p.moves) > 0 {
		s.ids.view = map[string]string{}
		for _, m := range p.moves {
			s.ids.view[m.From] = m.To
		}
		rep.ReadOnly = true
	}
	return rep, err
}

// apply carries a plan out in tx.
func (s *Store) apply(ctx context.Context, tx *wtx, p *idPlan) error {
	for _, m := range p.moves {
		if err := merge(ctx, tx, m); err != nil {
			return fmt.Errorf("move annotations of %s to %s: %w", m.From, m.To, err)
		}
		tx.record(team.Change{Verb: team.Moved, Brief: m.To, Detail: "from " + m.From})
	}
	for _, rec := range p.refresh {
		if err := putRecord(ctx, tx, rec); err != nil {
			return err
		}
	}
	for _, id := range p.drop {
		if _, err := tx.ExecContext(ctx, "DELETE FROM briefs WHERE brief_id = ?", id); err != nil {
			return fmt.Errorf("drop record of %s: %w", id, err)
		}
	}
	for id, c := range p.checks {
		if _, err := tx.ExecContext(ctx, "UPDATE briefs SET checked = ?, reason = ? WHERE brief_id = ?", c.digest, c.reason, id); err != nil {
			return fmt.Errorf("record search for %s: %w", id, err)
		}
	}
	return nil
}

// putRecord writes a brief's record (only when it changed).
func putRecord(ctx context.Context, tx *wtx, rec identity.Record) error {
	print, err := rec.Print.MarshalBinary()
	if err != nil {
		return fmt.Errorf("record %s: %w", rec.ID, err)
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO briefs (brief_id, path, title, date, source, story, print, legacy, seen)
		 VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)
		 ON CONFLICT (brief_id) DO UPDATE SET path = excluded.path, title = excluded.title, date = excluded.date,
			source = excluded.source, story = excluded.story, print = excluded.print, legacy = 0, seen = excluded.seen,
			checked = '', reason = ''
		 WHERE briefs.path IS DISTINCT FROM excluded.path OR briefs.title IS DISTINCT FROM excluded.title
			OR briefs.date IS DISTINCT FROM excluded.date OR briefs.source IS DISTINCT FROM excluded.source
			OR briefs.story IS DISTINCT FROM excluded.story OR briefs.print IS DISTINCT FROM excluded.print OR briefs.legacy != 0`,
		rec.ID, rec.Path, rec.Title, rec.Date, rec.Source, rec.Story, print, now()); err != nil {
		return fmt.Errorf("record %s: %w", rec.ID, err)
	}
	return nil
}

// merge moves every annotation of m.From to m.To: tags are merged, notes
// joined (the target's first), the earliest read time kept, corrections
// moved unless the target has the field already (a different value stays
// with From, which then remains an orphan; an equal one is dropped as a
// duplicate). The re-keying is remembered in aliases.
func merge(ctx context.Context, tx *wtx, m Move) error {
	from, to := m.From, m.To
	steps := []struct{ what, q string }{
		{"tags", `INSERT INTO tags (brief_id, tag, created, author) SELECT ?2, tag, created, author FROM tags WHERE brief_id = ?1 ON CONFLICT DO NOTHING`},
		{"tags", `DELETE FROM tags WHERE brief_id = ?1`},
		{"read state", `INSERT INTO read_state (brief_id, reader, read_at) SELECT ?2, reader, read_at FROM read_state WHERE brief_id = ?1
			ON CONFLICT (brief_id, reader) DO UPDATE SET read_at = excluded.read_at WHERE excluded.read_at < read_state.read_at`},
		{"read state", `DELETE FROM read_state WHERE brief_id = ?1`},
		{"corrections", `DELETE FROM overrides WHERE brief_id = ?1 AND EXISTS (
			SELECT 1 FROM overrides o WHERE o.brief_id = ?2 AND o.field = overrides.field AND o.value = overrides.value)`},
		{"corrections", `UPDATE overrides SET brief_id = ?2 WHERE brief_id = ?1 AND NOT EXISTS (
			SELECT 1 FROM overrides o WHERE o.brief_id = ?2 AND o.field = overrides.field)`},
		{"aliases", `UPDATE aliases SET new_id = ?2 WHERE new_id = ?1`},
		{"aliases", `INSERT INTO aliases (old_id, new_id, reason, at) VALUES (?1, ?2, ?3, ?4)
			ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id, reason = excluded.reason, at = excluded.at`},
	}
	for _, st := range steps {
		if _, err := tx.ExecContext(ctx, st.q, from, to, m.Reason, now()); err != nil {
			return fmt.Errorf("%s: %w", st.what, err)
		}
	}
	// Notes: each person's joined, the target's first.
	type authored struct{ author, body, updated string }
	var notes []authored
	if err := scanRows(ctx, tx, "SELECT author, body, updated FROM notes WHERE brief_id = ?", []any{from}, func(r *sql.Rows) error {
		var n authored
		if err := r.Scan(&n.author, &n.body, &n.updated); err != nil {
			return err
		}
		notes = append(notes, n)
		return nil
	}); err != nil {
		return fmt.Errorf("read notes: %w", err)
	}
	for _, n := range notes {
		var toNote string
		if err := tx.QueryRowContext(ctx, "SELECT body FROM notes WHERE brief_id = ? AND author = ?", to, n.author).Scan(&toNote); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read note: %w", err)
		}
		body := n.body
		if toNote != "" && strings.TrimSpace(toNote) != strings.TrimSpace(n.body) {
			body = joinNote(toNote, n.body)
		} else if toNote != "" {
			body = toNote
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO notes (brief_id, author, body, updated) VALUES (?, ?, ?, ?)
			ON CONFLICT (brief_id, author) DO UPDATE SET body = excluded.body, updated = excluded.updated
			WHERE notes.body IS DISTINCT FROM excluded.body`, to, n.author, body, n.updated); err != nil {
			return fmt.Errorf("write note: %w", err)
		}
	}
	if len(notes) > 0 {
		if _, err := tx.ExecContext(ctx, "DELETE FROM notes WHERE brief_id = ?", from); err != nil {
			return fmt.Errorf("note: %w", err)
		}
	}
	// The old record goes, unless conflicting corrections keep From alive.
	var left int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM overrides WHERE brief_id = ?", from).Scan(&left); err != nil {
		return fmt.Errorf("corrections: %w", err)
	}
	if left == 0 {
		if _, err := tx.ExecContext(ctx, "DELETE FROM briefs WHERE brief_id = ?", from); err != nil {
			return fmt.Errorf("record: %w", err)
		}
	}
	return nil
}

// remember writes, in tx, the records of the briefs ids when they are in
// the collection given to Reattach (so that they can be found again after
// an edit or a move). Without a collection it does nothing.
func (s *Store) remember(ctx context.Context, tx *wtx, ids ...string) error {
	if !s.has("briefs") {
		return nil
	}
	s.ids.mu.Lock()
	var recs []identity.Record
	for _, id := range ids {
		if i, ok := s.ids.catalog[id]; ok {
			recs = append(recs, s.recordOf(i))
		}
	}
	s.ids.mu.Unlock()
	for _, rec := range recs {
		if err := putRecord(ctx, tx, rec); err != nil {
			return err
		}
	}
	return nil
}

// Orphans lists the annotated IDs that are not in the collection given to
// Reattach and were not re-attached, with everything they hold and why
// they were left alone, sorted by ID.
func (s *Store) Orphans(ctx context.Context) ([]Orphan, error) {
	s.ids.mu.Lock()
	defer s.ids.mu.Unlock()
	if s.ids.catalog == nil {
		return nil, fmt.Errorf("list orphans: %w", ErrNoCollection)
	}
	// Only the orphans' records are read: the collection's annotated
	// briefs are most of them, read at every start.
	annotated, err := s.annotatedIDs(ctx, s.q)
	if err != nil {
		return nil, fmt.Errorf("list orphans: %w", err)
	}
	var out []Orphan
	for id := range annotated {
		if _, ok := s.ids.catalog[id]; ok {
			continue
		}
		if _, moved := s.ids.view[id]; moved {
			continue
		}
		rec, err := s.storedRecord(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("list orphans: %w", err)
		}
		o := Orphan{ID: id, Record: rec, Verdict: identity.Orphaned}
		o.Record.ID = id
		if d, ok := s.ids.decided[id]; ok {
			o.Verdict, o.Reason = d.Verdict, d.Reason
		} else {
			o.Reason = "annotated since the collection was loaded"
		}
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b Orphan) int { return strings.Compare(a.ID, b.ID) })
	for i := range out {
		o := &out[i]
		if o.Tags, err = s.rawTags(ctx, o.ID); err != nil {
			return nil, err
		}
		if o.Note, o.NoteUpdated, err = s.rawNote(ctx, o.ID); err != nil {
			return nil, err
		}
		if o.Notes, err = s.rawNotes(ctx, o.ID); err != nil {
			return nil, err
		}
		if o.ReadAt, err = s.rawReadAt(ctx, o.ID); err != nil {
			return nil, err
		}
		if o.Corrections, err = s.rawCorrections(ctx, o.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Attach moves every annotation of the orphan from to the brief to, as
// Reattach would (tags merged, notes joined, corrections the brief already
// has differently left with the orphan). to must be in the collection given
// to Reattach, and from must not be.
func (s *Store) Attach(ctx context.Context, from, to string) error {
	what := "attach " + from + " to " + to
	if err := checkID(from); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := checkID(to); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if from == to {
		return fmt.Errorf("%s: the same brief", what)
	}
	s.ids.mu.Lock()
	cat := s.ids.catalog
	_, fromLoaded := cat[from]
	_, toLoaded := cat[to]
	s.ids.mu.Unlock()
	switch {
	case cat == nil:
		return fmt.Errorf("%s: %w", what, ErrNoCollection)
	case fromLoaded:
		return fmt.Errorf("%s: %s is in the collection, not an orphan", what, from)
	case !toLoaded:
		return fmt.Errorf("%s: no brief %s in the collection", what, to)
	}
	err := s.write(ctx, what, func(tx *wtx) error {
		n, err := countAnnotations(ctx, tx, from)
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("%s has no tags, note, read state or corrections", from)
		}
		if err := merge(ctx, tx, Move{From: from, To: to, Reason: "attached by hand"}); err != nil {
			return err
		}
		tx.record(team.Change{Verb: team.Attached, Brief: to, Detail: "from " + from})
		return s.remember(ctx, tx, to)
	})
	if err != nil {
		return err
	}
	s.ids.mu.Lock()
	delete(s.ids.decided, from)
	s.ids.mu.Unlock()
	return nil
}

// DeleteOrphan deletes every annotation of an orphaned ID (tags, note, read
// state, corrections) and what was recorded about it. An ID of the
// collection given to Reattach is refused: remove its tags or note instead.
func (s *Store) DeleteOrphan(ctx context.Context, id string) error {
	what := "delete orphan " + id
	if err := checkID(id); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	s.ids.mu.Lock()
	cat := s.ids.catalog
	_, loaded := cat[id]
	s.ids.mu.Unlock()
	switch {
	case cat == nil:
		return fmt.Errorf("%s: %w", what, ErrNoCollection)
	case loaded:
		return fmt.Errorf("%s: it is in the collection, not an orphan (remove its tags or note instead)", what)
	}
	return s.write(ctx, what, func(tx *wtx) error {
		n, err := countAnnotations(ctx, tx, id)
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("no orphan %s", id)
		}
		tx.record(team.Change{Verb: team.Deleted, Detail: "orphan " + id})
		for _, q := range []string{
			"DELETE FROM tags WHERE brief_id = ?", "DELETE FROM notes WHERE brief_id = ?",
			"DELETE FROM read_state WHERE brief_id = ?", "DELETE FROM overrides WHERE brief_id = ?",
			"DELETE FROM briefs WHERE brief_id = ?", "DELETE FROM aliases WHERE old_id = ?1 OR new_id = ?1",
		} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		return nil
	})
}

func countAnnotations(ctx context.Context, tx *wtx, id string) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM tags WHERE brief_id = ?1) + (SELECT count(*) FROM notes WHERE brief_id = ?1)
		+ (SELECT count(*) FROM read_state WHERE brief_id = ?1) + (SELECT count(*) FROM overrides WHERE brief_id = ?1)`, id).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count annotations of %s: %w", id, err)
	}
	return n, nil
}

// viewed returns the IDs whose annotations show under id in this session:
// id and the IDs viewMap folds into it.
func (s *Store) viewed(ctx context.Context, id string) []string {
	ids := []string{id}
	for from, to := range s.viewMap(ctx) {
		if to == id {
			ids = append(ids, from)
		}
	}
	slices.Sort(ids[1:])
	return ids
}

// viewMap says which stored IDs this Store shows under another ID of its
// collection (stored ID -> collection ID), nil when none:
//
//   - the moves Reattach could not save (a read-only Store);
//   - the moves another process made after this one loaded its collection
//     (an alias old -> new whose old ID is in the collection and whose new
//     one is not): a reader still open on the old text keeps showing the
//     brief's tags and notes.
func (s *Store) viewMap(ctx context.Context) map[string]string {
	s.ids.mu.Lock()
	m := make(map[string]string, len(s.ids.view))
	for k, v := range s.ids.view {
		m[k] = v
	}
	cat := s.ids.catalog
	s.ids.mu.Unlock()
	if cat != nil && s.has("aliases") {
		aliases := map[string]string{}
		_ = scanRows(ctx, s.q, "SELECT old_id, new_id FROM aliases", nil, func(r *sql.Rows) error {
			var from, to string
			if err := r.Scan(&from, &to); err != nil {
				return err
			}
			aliases[from] = to
			return nil
		}) // without them, reads show what is stored under each ID
		for old := range aliases {
			if _, ok := cat[old]; !ok {
				continue
			}
			to := aliases[old]
			for hops := 0; hops < 8 && aliases[to] != ""; hops++ {
				to = aliases[to]
			}
			if _, loaded := cat[to]; !loaded && to != old {
				if _, taken := m[to]; !taken {
					m[to] = old
				}
			}
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}
