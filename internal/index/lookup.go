package index

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/identity"
	"github.com/briefs/briefs/internal/library"
)

// Point lookups: a command about one brief (briefs show FILE, show ID,
// tag ID, note ID) reads that brief's entry, not the whole index.
//
// The points table says, for each path the index has an entry of, where
// its latest entry is (the segment, the offset and length of its
// encoding there, and the encoding's checksum: the entry is read alone,
// without the rest of its segment, 1 ms instead of 3-10) and the ID of
// its brief ("" when the file could not be read). Every write of entries (save, compactIndex)
// keeps it up to date in the same transaction. An index made before the
// table existed gets it, filled from its segments, when it is first opened
// for writing (preparePoints); one that cannot be written is used without
// it (a lookup finds nothing, and the command loads the collection as
// before). The schema version is unchanged: the table is an addition.
//
// A row is a hint, never trusted alone: the entry it leads to is used only
// when it is current (derived by this version from the file as it is now:
// the same statKey), as a load would use it. Anything else (no row, a row
// another program's write made stale, a changed file, another version) is
// a miss, and the caller loads the collection as before.

const (
	pointsTable = `CREATE TABLE points (path TEXT PRIMARY KEY, id TEXT NOT NULL,
		seq INTEGER NOT NULL, off INTEGER NOT NULL, len INTEGER NOT NULL, sum INTEGER NOT NULL) WITHOUT ROWID`
)

// The table has no index on id: an ID is looked up by reading the table
// (about 25 ms at 100,000 briefs, 3 ms at 10,000). An index on id cost
// 5-8 s of a 100k first build: each save's 2,000 random IDs rewrote most
// of its pages (the WAL's write amplification), and as much again to fill
// it in an older index. An index made by an earlier build is dropped.
const dropPointsByID = "DROP INDEX IF EXISTS points_id"

// pointRow is a row of the points table: the latest entry of path is the
// n bytes at off in segment seq, whose CRC-32C is sum.
type pointRow struct {
	path, id string
	seq      int64
	off, n   int
	sum      uint32
}

// preparePoints makes sure the file has the points table: one made before
// it gets it, filled from its segments (once, under the write lock). A
// read-only file without it is used without it.
func (d *DB) preparePoints(ctx context.Context) error {
	has, byID, err := hasPoints(ctx, d.db)
	if err != nil || (has && !byID) || d.readOnly {
		d.points = has
		return err
	}
	err = d.write(ctx, func(tx *sql.Conn) error {
		has, _, err := hasPoints(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, dropPointsByID); err != nil {
			return err
		}
		if has {
			return nil
		}
		if _, err := tx.ExecContext(ctx, pointsTable); err != nil {
			return err
		}
		return fillPoints(ctx, tx)
	})
	if err != nil {
		return fmt.Errorf("make the table of points: %w", err)
	}
	d.points = true
	return nil
}

// hasPoints reports whether the file has the points table, and the index
// on its IDs an earlier build made.
func hasPoints(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (table, byID bool, err error) {
	var t, i int
	err = q.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'points'),
		(SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'points_id')`).Scan(&t, &i)
	return t > 0, i > 0, err
}

// fillPoints fills the points table from the segments (the latest entry
// of each path wins; a tombstone removes it).
func fillPoints(ctx context.Context, tx *sql.Conn) error {
	rows, err := tx.QueryContext(ctx, "SELECT seq, data FROM segments ORDER BY seq")
	if err != nil {
		return err
	}
	latest := map[string]pointRow{}
	for rows.Next() {
		var seq int64
		var data []byte
		if err := rows.Scan(&seq, &data); err != nil {
			rows.Close()
			return err
		}
		_, encoded, offs, err := bucketEntries(data)
		if err != nil {
			rows.Close()
			return damageError{err}
		}
		fresh, gone := pointsOf(seq, encoded, offs)
		for _, p := range gone {
			delete(latest, p)
		}
		for _, r := range fresh {
			latest[r.path] = r
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	out := make([]pointRow, 0, len(latest))
	for _, r := range latest {
		out = append(out, r)
	}
	return putPoints(ctx, tx, out, nil)
}

// entryHead reads an encoded entry's path and brief ID ("" for a file
// that could not be read) and whether it is a tombstone, without decoding
// the rest.
func entryHead(enc []byte) (path, id string, gone bool, err error) {
	d := decoder{buf: enc}
	path = d.str()
	d.iv() // size
	d.iv() // mtime
	d.uv() // inode
	d.iv() // ctime
	d.uv() // version
	e := d.str()
	if e == "" {
		id = d.str()
	}
	if d.bad {
		return "", "", false, errCorrupt
	}
	return strings.Clone(path), strings.Clone(id), e == tombstone, nil
}

// pointsBatch is how many rows one statement writes.
const pointsBatch = 200

// putPoints writes rows (a path's latest entry) and removes the rows of
// the paths gone, in tx. Rows are written in path order (the table's):
// inserting in random order costs several times more.
func putPoints(ctx context.Context, tx *sql.Conn, rows []pointRow, gone []string) error {
	rows = slices.Clone(rows)
	slices.SortFunc(rows, func(a, b pointRow) int { return strings.Compare(a.path, b.path) })
	for len(rows) > 0 {
		n := min(len(rows), pointsBatch)
		args := make([]any, 0, 6*n)
		for _, r := range rows[:n] {
			args = append(args, r.path, r.id, r.seq, r.off, r.n, int64(r.sum))
		}
		q := "INSERT OR REPLACE INTO points (path, id, seq, off, len, sum) VALUES " + strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?), ", n), ", ")
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("write points: %w", err)
		}
		rows = rows[n:]
	}
	for len(gone) > 0 {
		n := min(len(gone), pointsBatch)
		args := make([]any, n)
		for i, p := range gone[:n] {
			args[i] = p
		}
		q := "DELETE FROM points WHERE path IN (" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("remove points: %w", err)
		}
		gone = gone[n:]
	}
	return nil
}

// pointsOf returns the rows of the entries of one segment (seq), given
// with their offsets in it: the last entry of a path in it wins;
// tombstones are the paths gone.
func pointsOf(seq int64, encoded [][]byte, offs []int) (rows []pointRow, gone []string) {
	type head struct {
		row  pointRow
		gone bool
	}
	last := make(map[string]int, len(encoded))
	heads := make([]head, 0, len(encoded))
	for i, enc := range encoded {
		path, id, g, err := entryHead(enc)
		if err != nil {
			continue // cannot happen: the segment's checksum was right
		}
		h := head{pointRow{path: path, id: id, seq: seq, off: offs[i], n: len(enc), sum: crc32.Checksum(enc, crcTable)}, g}
		if j, ok := last[path]; ok {
			heads[j] = h
			continue
		}
		last[path] = len(heads)
		heads = append(heads, h)
	}
	for _, h := range heads {
		if h.gone {
			gone = append(gone, h.row.path)
		} else {
			rows = append(rows, h.row)
		}
	}
	return rows, gone
}

const pointColumns = "path, id, seq, off, len, sum"

func scanPoint(sc interface{ Scan(...any) error }) (pointRow, error) {
	var r pointRow
	var sum int64
	err := sc.Scan(&r.path, &r.id, &r.seq, &r.off, &r.n, &sum)
	r.sum = uint32(sum)
	return r, err
}

// pointsByPath reads the rows of paths (those it has).
func (d *DB) pointsByPath(ctx context.Context, paths []string) ([]pointRow, error) {
	var out []pointRow
	for _, p := range paths {
		r, err := scanPoint(d.db.QueryRowContext(ctx, "SELECT "+pointColumns+" FROM points WHERE path = ?", p))
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// pointsByPrefix reads the rows whose ID starts with prefix (lower-case
// hex digits).
func (d *DB) pointsByPrefix(ctx context.Context, prefix string) ([]pointRow, error) {
	hi := prefix[:len(prefix)-1] + string(prefix[len(prefix)-1]+1)
	rows, err := d.db.QueryContext(ctx, "SELECT "+pointColumns+" FROM points WHERE id >= ? AND id < ? ORDER BY id, path", prefix, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []pointRow
	for rows.Next() {
		r, err := scanPoint(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// entryOf reads the entry a row leads to: nil when it is not there (the
// row is stale: another program wrote the index since).
func (d *DB) entryOf(ctx context.Context, row pointRow) (*entry, error) {
	var data []byte
	err := d.db.QueryRowContext(ctx, "SELECT substr(data, ?, ?) FROM segments WHERE seq = ?", row.off+1, row.n, row.seq).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(data) != row.n || crc32.Checksum(data, crcTable) != row.sum {
		return nil, nil
	}
	dec := decoder{buf: data}
	en, err := dec.entry(new(brief.Brief))
	if err != nil {
		return nil, damageError{err} // what we wrote, and it does not decode
	}
	if en.path != row.path {
		return nil, nil
	}
	return &en, nil
}

// pointed is a brief found by a point lookup.
type pointed struct {
	user string // the path shown
	seed bool
	en   *entry
}

// current reads row's entry and returns it when it is current: the file
// (or seed) is there as it was when this version derived it. user is the
// path it is shown at.
func (c *Collection) current(ctx context.Context, row pointRow, user string) (*pointed, error) {
	en, err := c.db.entryOf(ctx, row)
	if err != nil || en == nil || en.err != "" || en.ver != c.ver {
		return nil, err
	}
	if name, ok := strings.CutPrefix(row.path, "seed:"); ok {
		if c.opt.Seeds == nil || !brief.IsSourceName(name) {
			return nil, nil
		}
		data, err := fs.ReadFile(c.opt.Seeds, name)
		if err != nil || en.key != (statKey{size: int64(len(data))}) || en.b.ID != identity.Of(data) {
			return nil, nil
		}
		return &pointed{user: user, seed: true, en: en}, nil
	}
	st, err := os.Stat(row.path)
	if err != nil || !st.Mode().IsRegular() || keyOf(st) != en.key {
		return nil, nil
	}
	return &pointed{user: user, en: en}, nil
}

// shownAt is the path a file of the index (abs, or "seed:NAME") is shown
// at in this collection, or "" when it is not in it (or in it twice: the
// roots overlap, which a point lookup leaves to a load).
func (c *Collection) shownAt(abs string) string {
	if name, ok := strings.CutPrefix(abs, "seed:"); ok {
		if c.opt.Seeds == nil {
			return ""
		}
		if c.opt.SeedsPrefix != "" {
			return c.opt.SeedsPrefix + "/" + name
		}
		return name
	}
	user := ""
	for _, r := range c.roots {
		if u, ok := r.under(abs); ok {
			if user != "" {
				return ""
			}
			user = u
		}
	}
	return user
}

// pointsUsable reports whether point lookups can be tried (an index with
// the points table).
func (c *Collection) pointsUsable() bool { return c.db != nil && c.db.points }

// pointFailed handles an error of a point lookup: damage is handled as a
// load would (the index set aside and rebuilt, one notice); anything else
// is only a miss.
func (c *Collection) pointFailed(ctx context.Context, err error) {
	if isDamage(err) && ctx.Err() == nil {
		c.indexFailed(ctx, err)
	}
}

// Current returns the collection of the roots, when they are a few files
// (briefs show FILE) whose entries are all current in the index, read
// from those entries alone: no file is read, the extractor is not built
// (unless the files' editions must be inferred, as Load would), and the
// rest of the index is not read. The collection is for showing these
// briefs (its briefs read their bodies from their files): it has no
// words, so a search of its text finds nothing. false: load the
// collection (Load).
func (c *Collection) Current(ctx context.Context) (*library.Library, bool) {
	if !c.pointsUsable() || c.opt.Seeds != nil || !fewFiles(c.roots) {
		return nil, false
	}
	paths := make([]string, len(c.roots))
	for i, r := range c.roots {
		paths[i] = r.abs
	}
	rows, err := c.db.pointsByPath(ctx, paths)
	if err != nil {
		c.pointFailed(ctx, err)
		return nil, false
	}
	byPath := make(map[string]pointRow, len(rows))
	for _, r := range rows {
		byPath[r.path] = r
	}
	docs := make([]library.Doc, 0, len(c.roots))
	for _, r := range c.roots {
		row, ok := byPath[r.abs]
		if !ok {
			return nil, false
		}
		p, err := c.current(ctx, row, r.user)
		if err != nil {
			c.pointFailed(ctx, err)
		}
		if p == nil {
			return nil, false
		}
		p.en.b.Path = r.user
		docs = append(docs, library.Doc{Brief: p.en.b, Terms: library.Terms{}})
	}
	library.Infer(c.x, docs)
	return c.pointLibrary(docs), true
}

// FindID returns the briefs of the collection whose ID starts with ref
// (at least 4 hex digits), read from their entries in the index alone, as
// a collection of those briefs (for showing one: see Current), when the
// index is sure of them: every entry of the collection with such an ID is
// current, no ID is at two paths, and no brief found has an edition to
// infer from the rest of the collection. The collection is the index's
// view: a file added or changed since the collection was last loaded is
// not seen unless no current entry matches. false: load the collection.
func (c *Collection) FindID(ctx context.Context, ref string) (*library.Library, bool) {
	ref = strings.ToLower(ref)
	if !c.pointsUsable() || len(ref) < 4 || len(ref) > 64 || !isHexString(ref) {
		return nil, false
	}
	rows, err := c.db.pointsByPrefix(ctx, ref)
	if err != nil {
		c.pointFailed(ctx, err)
		return nil, false
	}
	var docs []library.Doc
	ids := map[string]bool{}
	for _, row := range rows {
		user := c.shownAt(row.path)
		if user == "" {
			if !strings.HasPrefix(row.path, "seed:") && c.underAny(row.path) {
				return nil, false // overlapping roots: the load knows
			}
			continue // not in this collection
		}
		p, err := c.current(ctx, row, user)
		if err != nil {
			c.pointFailed(ctx, err)
			return nil, false
		}
		if p == nil || p.en.b.ID != row.id || ids[row.id] || fillable(p.en.b) {
			return nil, false
		}
		ids[row.id] = true
		p.en.b.Path = user
		if p.seed {
			c.seedPaths[user] = strings.TrimPrefix(row.path, "seed:")
		}
		docs = append(docs, library.Doc{Brief: p.en.b, Terms: library.Terms{}, Seed: p.seed})
	}
	if len(docs) == 0 {
		return nil, false
	}
	return c.pointLibrary(docs), true
}

// underAny reports whether a file is under one of the roots.
func (c *Collection) underAny(abs string) bool {
	for _, r := range c.roots {
		if _, ok := r.under(abs); ok {
			return true
		}
	}
	return false
}

// fillable reports whether a brief's edition may be inferred from the
// rest of the collection (library.Infer).
func fillable(b *brief.Brief) bool {
	return b.Series.Key != "" && b.Edition == 0 && b.EventYear != 0 && b.Stated.Edition == 0
}

func isHexString(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// pointLibrary is the library of briefs found by point lookups.
func (c *Collection) pointLibrary(docs []library.Doc) *library.Library {
	return library.Build(library.Config{Extractor: c.x, Vocab: library.NewVocab(nil), Body: c.readBody, Workers: 1}, docs)
}

// Indexed reports whether the index has a file whose brief has the ID
// (current or not).
func (c *Collection) Indexed(ctx context.Context, id string) bool {
	if !c.pointsUsable() {
		return false
	}
	var one int
	err := c.db.db.QueryRowContext(ctx, "SELECT 1 FROM points WHERE id = ? LIMIT 1", id).Scan(&one)
	return err == nil
}
