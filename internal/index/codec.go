package index

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"time"
	"unsafe"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
)

// An entry is what the index knows about one file: the stat it was read
// at, the version that derived it, and either its brief's metadata and
// words or why it could not be read.
type entry struct {
	path  string // absolute and clean; for a built-in seed "seed:NAME"
	key   statKey
	ver   uint32 // versionTag of the DeriveVersion that made it
	err   string // not "": the file could not be read, and why
	b     *brief.Brief
	terms library.Terms // in the ids of the vocabulary it was encoded with
	seq   int64         // the segment it was read from (not stored): the latest wins
	dead  bool          // a later segment replaced it (not stored)
}

// tombstone is the err of an entry that says the file is gone.
const tombstone = "\x00gone"

// statKey is what says a file is unchanged: size, modification time, and
// where the system has them the inode and the change time (a file
// replaced by another of the same size and time is another inode, or a
// later change time).
type statKey struct {
	size  int64
	mtime int64 // nanoseconds
	ino   uint64
	ctime int64
}

// Entries are stored in segments, each a blob of entries (see db.go). An
// entry is its fields in a fixed order: unsigned varints, zig-zag varints
// for signed numbers, strings and byte strings as a length and the bytes,
// times as a kind and their numbers. bucketMagic starts a segment (or a
// head, which has the same form).
const bucketMagic = 0xB1

// encoder appends an encoding.
type encoder struct{ b []byte }

func (e *encoder) uv(v uint64)    { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) iv(v int64)     { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) int(v int)      { e.iv(int64(v)) }
func (e *encoder) bytes(p []byte) { e.uv(uint64(len(p))); e.b = append(e.b, p...) }
func (e *encoder) str(s string)   { e.uv(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) strs(ss []string) {
	e.uv(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

// Time kinds.
const (
	timeZero  = 0
	timeUTC   = 1
	timeLocal = 2
	timeZone  = 3 // a location by name (IANA, or a fixed zone's name), with the offset at that instant
)

func (e *encoder) time(t time.Time) {
	switch loc := t.Location(); {
	case t.IsZero():
		e.b = append(e.b, timeZero)
		return
	case loc == time.UTC:
		e.b = append(e.b, timeUTC)
	case loc == time.Local:
		e.b = append(e.b, timeLocal)
	default:
		name, off := t.Zone()
		e.b = append(e.b, timeZone)
		e.str(loc.String())
		e.str(name)
		e.int(off)
	}
	e.iv(t.Unix())
	e.uv(uint64(t.Nanosecond()))
}

// encodeEntry appends en's encoding (its terms as given).
func (e *encoder) entry(en *entry) {
	e.str(en.path)
	e.iv(en.key.size)
	e.iv(en.key.mtime)
	e.uv(en.key.ino)
	e.iv(en.key.ctime)
	e.uv(uint64(en.ver))
	e.str(en.err)
	if en.err != "" {
		return
	}
	b := en.b
	e.str(b.ID)
	e.str(b.Title)
	e.str(b.Source)
	e.time(b.Published)
	e.bool(b.HasTime)
	e.str(b.Dateline)
	e.str(b.Series.Key)
	e.str(b.Series.Name)
	e.int(b.Edition)
	e.bool(b.EditionInferred)
	e.int(b.EventYear)
	e.uv(uint64(len(b.EditionsMentioned)))
	for _, v := range b.EditionsMentioned {
		e.int(v)
	}
	e.uv(uint64(len(b.EventsMentioned)))
	for _, ev := range b.EventsMentioned {
		e.str(ev.Series)
		e.int(ev.Edition)
		e.int(ev.Year)
	}
	e.uv(uint64(len(b.Countries)))
	for _, c := range b.Countries {
		e.str(c.Code)
		e.str(c.Name)
		e.int(c.Mentions)
	}
	e.int(b.Words)
	e.str(b.Format)
	s := &b.Stated
	e.str(s.Title)
	e.time(s.Date)
	e.bool(s.HasDate)
	e.bool(s.HasTime)
	e.str(s.Source)
	e.str(s.URL)
	e.str(s.Series)
	e.int(s.Edition)
	e.strs(s.Countries)
	e.strs(s.Tags)
	h := &b.Hints
	e.str(h.DateText)
	e.str(h.Source)
	e.str(h.Dateline)
	e.str(h.AgencyID)
	e.time(h.FileTime)
	e.int(h.LeadLen)
	e.str(h.Legacy)
	e.bytes(en.terms)
}

// errCorrupt: an encoding that does not decode.
var errCorrupt = errors.New("malformed entry")

// decoder reads an encoding. Strings and byte strings alias buf, which
// must never change afterwards: the decoder's owner gives it a buffer of
// its own (a bucket read from the database), and every string of every
// brief of the bucket shares it (one allocation for all).
type decoder struct {
	buf  []byte
	off  int
	bad  bool
	locs map[string]*time.Location // locations by name, loaded once

	lastZone string // the zone name and offset of the last time read
	lastOff  int
}

func (d *decoder) uv() uint64 {
	v, n := binary.Uvarint(d.buf[d.off:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) iv() int64 {
	v, n := binary.Varint(d.buf[d.off:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) int() int { return int(d.iv()) }

func (d *decoder) fail() {
	d.bad = true
	d.off = len(d.buf)
}

func (d *decoder) count() int {
	n := d.uv()
	if n > uint64(len(d.buf)-d.off) { // every element takes a byte at least
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) raw() []byte {
	n := d.uv()
	if n > uint64(len(d.buf)-d.off) {
		d.fail()
		return nil
	}
	p := d.buf[d.off : d.off+int(n) : d.off+int(n)]
	d.off += int(n)
	return p
}

func (d *decoder) str() string {
	p := d.raw()
	if len(p) == 0 {
		return ""
	}
	return unsafe.String(&p[0], len(p)) // buf never changes (see decoder)
}

func (d *decoder) bool() bool {
	if d.off >= len(d.buf) {
		d.fail()
		return false
	}
	c := d.buf[d.off]
	d.off++
	return c != 0
}

func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *decoder) time() time.Time {
	if d.off >= len(d.buf) {
		d.fail()
		return time.Time{}
	}
	kind := d.buf[d.off]
	d.off++
	var loc *time.Location
	switch kind {
	case timeZero:
		return time.Time{}
	case timeUTC:
		loc = time.UTC
	case timeLocal:
		loc = time.Local
	case timeZone:
		locName, zone, off := d.str(), d.str(), d.int()
		loc = d.location(locName, zone, off)
	default:
		d.fail()
		return time.Time{}
	}
	sec, nsec := d.iv(), d.uv()
	if nsec >= 1e9 {
		d.fail()
		return time.Time{}
	}
	t := time.Unix(sec, int64(nsec)).In(loc)
	if kind == timeZone {
		if _, off := t.Zone(); off != d.lastOff {
			t = t.In(time.FixedZone(d.lastZone, d.lastOff))
		}
	}
	return t
}

// location finds a location by name (loaded once per decoder), or makes a
// fixed zone; the zone name and offset are kept to check the instant.
func (d *decoder) location(name, zone string, off int) *time.Location {
	d.lastZone, d.lastOff = zone, off
	if name == "" || name == "UTC" || name == "Local" {
		return time.FixedZone(name, off)
	}
	if loc, ok := d.locs[name]; ok {
		return loc
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = time.FixedZone(name, off)
	}
	if d.locs == nil {
		d.locs = map[string]*time.Location{}
	}
	d.locs[name] = loc
	return loc
}

// entry decodes one entry.
func (d *decoder) entry(b *brief.Brief) (entry, error) {
	var en entry
	en.path = d.str()
	en.key.size = d.iv()
	en.key.mtime = d.iv()
	en.key.ino = d.uv()
	en.key.ctime = d.iv()
	en.ver = uint32(d.uv())
	en.err = d.str()
	if d.bad {
		return en, errCorrupt
	}
	if en.err != "" {
		return en, nil
	}
	en.b = b
	b.ID = d.str()
	b.Title = d.str()
	b.Source = d.str()
	b.Published = d.time()
	b.HasTime = d.bool()
	b.Dateline = d.str()
	b.Series.Key = d.str()
	b.Series.Name = d.str()
	b.Edition = d.int()
	b.EditionInferred = d.bool()
	b.EventYear = d.int()
	if n := d.count(); n > 0 {
		b.EditionsMentioned = make([]int, n)
		for i := range b.EditionsMentioned {
			b.EditionsMentioned[i] = d.int()
		}
	}
	if n := d.count(); n > 0 {
		b.EventsMentioned = make([]brief.Event, n)
		for i := range b.EventsMentioned {
			ev := &b.EventsMentioned[i]
			ev.Series, ev.Edition, ev.Year = d.str(), d.int(), d.int()
		}
	}
	if n := d.count(); n > 0 {
		b.Countries = make([]brief.Country, n)
		for i := range b.Countries {
			c := &b.Countries[i]
			c.Code, c.Name, c.Mentions = d.str(), d.str(), d.int()
		}
	}
	b.Words = d.int()
	b.Format = d.str()
	s := &b.Stated
	s.Title = d.str()
	s.Date = d.time()
	s.HasDate = d.bool()
	s.HasTime = d.bool()
	s.Source = d.str()
	s.URL = d.str()
	s.Series = d.str()
	s.Edition = d.int()
	s.Countries = d.strs()
	s.Tags = d.strs()
	h := &b.Hints
	h.DateText = d.str()
	h.Source = d.str()
	h.Dateline = d.str()
	h.AgencyID = d.str()
	h.FileTime = d.time()
	h.LeadLen = d.int()
	h.Legacy = d.str()
	en.terms = d.raw()
	if d.bad {
		return en, errCorrupt
	}
	return en, nil
}

// crcTable: every blob ends with the CRC-32C of what precedes it, so that
// damage inside a blob (which SQLite does not check) is noticed.
var crcTable = crc32.MakeTable(crc32.Castagnoli)

// sealed appends the checksum.
func sealed(b []byte) []byte { return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, crcTable)) }

// unseal checks the checksum and returns what it covers.
func unseal(b []byte) ([]byte, error) {
	if len(b) < 4 {
		return nil, errCorrupt
	}
	body := b[:len(b)-4]
	if crc32.Checksum(body, crcTable) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return nil, errCorrupt
	}
	return body, nil
}

// encodeBucket encodes entries (each already encoded) as a segment.
func encodeBucket(encoded [][]byte) []byte {
	n := 6 + len(encoded)*2
	for _, p := range encoded {
		n += len(p)
	}
	e := encoder{b: make([]byte, 0, n)}
	e.b = append(e.b, bucketMagic)
	e.uv(uint64(len(encoded)))
	for _, p := range encoded {
		e.bytes(p)
	}
	return sealed(e.b)
}

// splitBucket returns the encoded entries of a segment and their paths,
// without decoding them.
func splitBucket(data []byte) (paths []string, encoded [][]byte, err error) {
	paths, encoded, _, err = bucketEntries(data)
	return paths, encoded, err
}

// bucketEntries is splitBucket with where each entry's encoding starts in
// data.
func bucketEntries(data []byte) (paths []string, encoded [][]byte, offs []int, err error) {
	data, err = unseal(data)
	if err != nil || len(data) == 0 || data[0] != bucketMagic {
		return nil, nil, nil, errCorrupt
	}
	d := decoder{buf: data, off: 1}
	n := d.count()
	paths = make([]string, 0, n)
	encoded = make([][]byte, 0, n)
	offs = make([]int, 0, n)
	for range n {
		l := d.uv()
		if l > uint64(len(d.buf)-d.off) {
			return nil, nil, nil, errCorrupt
		}
		off := d.off
		p := d.buf[off : off+int(l) : off+int(l)]
		d.off += int(l)
		pd := decoder{buf: p}
		path := pd.str()
		if d.bad || pd.bad {
			return nil, nil, nil, errCorrupt
		}
		paths = append(paths, path)
		encoded = append(encoded, p)
		offs = append(offs, off)
	}
	return paths, encoded, offs, nil
}

// decodeBucket decodes every entry of a bucket; data must never change
// afterwards (the entries' strings alias it).
func decodeBucket(data []byte, locs map[string]*time.Location) ([]entry, error) {
	_, encoded, err := splitBucket(data)
	if err != nil {
		return nil, err
	}
	if locs == nil {
		locs = map[string]*time.Location{}
	}
	slab := make([]brief.Brief, len(encoded))
	out := make([]entry, 0, len(encoded))
	for i, p := range encoded {
		d := decoder{buf: p, locs: locs}
		en, err := d.entry(&slab[i])
		if err != nil {
			return nil, err
		}
		out = append(out, en)
	}
	return out, nil
}

// encodeEntry returns an entry's encoding.
func encodeEntry(en *entry) []byte {
	e := encoder{b: make([]byte, 0, 512+len(en.terms))}
	e.entry(en)
	return e.b
}
