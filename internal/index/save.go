package index

import (
	"context"
	"database/sql"
	"maps"
	"slices"

	"github.com/briefs/briefs/internal/library"
)

// termMap ties this process's vocabulary (memory ids: library.Vocab) to
// the index file's (database ids). They are the same below ident (a warm
// start reads the file's vocabulary in order), and differ beyond only when
// another process added words to the file meanwhile.
type termMap struct {
	dbLen int               // database terms known
	ident int               // ids below are the same in both
	toDB  map[uint32]uint32 // memory id -> database id, at or beyond ident
}

func (m *termMap) lookup(mem uint32) (uint32, bool) {
	if int(mem) < m.ident {
		return mem, true
	}
	id, ok := m.toDB[mem]
	return id, ok
}

// set records that memory id mem is database id db (db == dbLen: the next).
func (m *termMap) set(mem, db uint32) {
	if int(mem) == m.ident && int(db) == m.ident && len(m.toDB) == 0 {
		m.ident++
	} else {
		if m.toDB == nil {
			m.toDB = map[uint32]uint32{}
		}
		m.toDB[mem] = db
	}
	m.dbLen = max(m.dbLen, int(db)+1)
}

func (m termMap) clone() termMap {
	m.toDB = maps.Clone(m.toDB)
	return m
}

// save writes entries (their terms in memory ids) and the removal of the
// entries of paths gone, as one segment, with the words the file does not
// have yet. A failure is a notice: the index is a cache.
func (c *Collection) save(ctx context.Context, entries []*entry, gone []string) {
	if c.db == nil || c.db.readOnly || (len(entries) == 0 && len(gone) == 0) {
		return
	}
	var next termMap
	err := c.db.write(ctx, func(tx *sql.Conn) error {
		m := c.terms.clone()
		// words other processes added since
		theirs, _, err := readVocab(ctx, tx, m.dbLen, nil)
		if err != nil {
			return err
		}
		for _, t := range theirs {
			m.set(c.vocab.ID(t), uint32(m.dbLen))
		}
		// ours, in order of memory id (so that the ids stay the same)
		var missing []uint32
		for _, en := range entries {
			en.terms.Each(func(id uint32) {
				if _, ok := m.lookup(id); !ok {
					missing = append(missing, id)
				}
			})
		}
		slices.Sort(missing)
		missing = slices.Compact(missing)
		if len(missing) > 0 {
			terms := make([]string, len(missing))
			first := m.dbLen
			for i, id := range missing {
				terms[i] = c.vocab.Term(id)
				m.set(id, uint32(m.dbLen))
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO vocab (first, terms) VALUES (?, ?)", first, encodeTerms(terms)); err != nil {
				return err
			}
		}
		encoded := make([][]byte, 0, len(entries)+len(gone))
		for _, en := range entries {
			e := *en
			e.terms = toDB(&m, en.terms)
			encoded = append(encoded, encodeEntry(&e))
		}
		for _, p := range gone {
			encoded = append(encoded, encodeEntry(&entry{path: p, err: tombstone}))
		}
		for len(encoded) > 0 {
			n := min(len(encoded), segmentSize)
			if err := c.db.insertSegment(ctx, tx, encoded[:n]); err != nil {
				return err
			}
			encoded = encoded[n:]
		}
		next = m
		return nil
	})
	if err != nil {
		if ctx.Err() == nil {
			c.indexFailed(ctx, err)
		}
		return
	}
	c.terms = next
}

// toDB re-encodes terms in database ids (as they are when the ids agree).
func toDB(m *termMap, terms library.Terms) library.Terms {
	same := true
	var ids []uint32
	terms.Each(func(id uint32) {
		db, _ := m.lookup(id)
		same = same && db == id
		ids = append(ids, db)
	})
	if same {
		return terms
	}
	slices.Sort(ids)
	return library.EncodeTerms(ids)
}

// compactIndex rewrites the log of entries keeping only the latest entry
// of each path (tombstones dropped), in one transaction.
func (c *Collection) compactIndex(ctx context.Context) {
	if c.db == nil || c.db.readOnly {
		return
	}
	err := c.db.write(ctx, func(tx *sql.Conn) error {
		rows, err := tx.QueryContext(ctx, "SELECT data FROM segments ORDER BY seq")
		if err != nil {
			return err
		}
		latest := map[string][]byte{}
		var order []string
		for rows.Next() {
			var data []byte
			if err := rows.Scan(&data); err != nil {
				rows.Close()
				return err
			}
			paths, encoded, err := splitBucket(data)
			if err != nil {
				rows.Close()
				return err
			}
			for i, p := range paths {
				if _, seen := latest[p]; !seen {
					order = append(order, p)
				}
				latest[p] = encoded[i]
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM segments"); err != nil {
			return err
		}
		if c.db.points {
			if _, err := tx.ExecContext(ctx, "DELETE FROM points"); err != nil {
				return err
			}
		}
		var batch [][]byte
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			err := c.db.insertSegment(ctx, tx, batch)
			batch = batch[:0]
			return err
		}
		for _, p := range order {
			enc := latest[p]
			if _, _, gone, err := entryHead(enc); err != nil || gone {
				continue
			}
			batch = append(batch, enc)
			if len(batch) == segmentSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return flush()
	})
	if err != nil && ctx.Err() == nil {
		c.indexFailed(ctx, err)
		return
	}
	c.compact = false
}

// insertSegment appends a segment of encoded entries and points their
// paths to it.
func (d *DB) insertSegment(ctx context.Context, tx *sql.Conn, encoded [][]byte) error {
	data := encodeBucket(encoded)
	res, err := tx.ExecContext(ctx, "INSERT INTO segments (data) VALUES (?)", data)
	if err != nil {
		return err
	}
	if !d.points {
		return nil
	}
	seq, err := res.LastInsertId()
	if err != nil {
		return err
	}
	_, encoded, offs, err := bucketEntries(data)
	if err != nil {
		return err
	}
	rows, gone := pointsOf(seq, encoded, offs)
	return putPoints(ctx, tx, rows, gone)
}
