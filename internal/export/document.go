package export

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
)

// Format is an export's file format.
type Format int

// Formats.
const (
	FormatMarkdown Format = iota
	FormatJSON
)

// FormatOf is the format a file name asks for: JSON for a .json name,
// Markdown for any other.
func FormatOf(path string) Format {
	if strings.EqualFold(filepath.Ext(path), ".json") {
		return FormatJSON
	}
	return FormatMarkdown
}

// ParseFormat reads a format's name: "md" or "json".
func ParseFormat(s string) (Format, error) {
	switch s {
	case "md":
		return FormatMarkdown, nil
	case "json":
		return FormatJSON, nil
	}
	return FormatMarkdown, fmt.Errorf("format %q: use md or json", s)
}

// Request is what the reader and the command line ask to export.
type Request struct {
	Briefs []*brief.Brief    // in the order to write
	Tags   library.Tags      // the user's tags (front-matter tags are added)
	Notes  map[string]string // brief ID -> note
	Query  string            // the query that selected the briefs, or ""
	Format Format            //
	Lib    *library.Library  // names countries as the collection does; may be nil
	// Annotated keeps only the briefs with a tag or a note (the command
	// line's default export).
	Annotated bool
	// Orphans are written after the briefs (annotations whose brief
	// cannot be found; see Options.Orphans).
	Orphans []Orphan
	// Getenv reads SOURCE_DATE_EPOCH (nil: no environment; the time is now).
	Getenv func(string) string
}

// AnnotatedOnly is the one rule for which briefs an export holds, in the
// reader and on the command line alike: with a query (the reader's search
// and filters, or -q), every brief it selects; without one, the briefs the
// user tagged or annotated (Request.Annotated), with the orphaned notes.
func AnnotatedOnly(query string) bool { return strings.TrimSpace(query) == "" }

// Annotated reports whether the user tagged or annotated b: whether an
// export without a query holds it.
func Annotated(b *brief.Brief, tags library.Tags, notes map[string]string) bool {
	it := Item{Brief: b, Tags: library.TagsOf(b, tags), Note: notes[b.ID]}
	return it.annotated()
}

func (it Item) annotated() bool { return len(it.Tags) > 0 || strings.TrimSpace(it.Note) != "" }

// Document is an export ready to write.
type Document struct {
	Items   []Item
	Options Options
	Format  Format
}

// Build builds the document a request asks for: the one place where the
// reader's and the command line's exports are made. Its time is Time's.
func Build(r Request) (Document, error) {
	at, err := Time(r.Getenv)
	if err != nil {
		return Document{}, err
	}
	d := Document{
		Options: Options{Title: "briefs export", Query: r.Query, Exported: at, Orphans: r.Orphans},
		Format:  r.Format,
		Items:   make([]Item, 0, len(r.Briefs)),
	}
	if r.Lib != nil {
		d.Options.CountryName = r.Lib.CountryName
	}
	for _, b := range r.Briefs {
		it := Item{Brief: b, Tags: library.TagsOf(b, r.Tags), Note: r.Notes[b.ID]}
		if r.Annotated && !it.annotated() {
			continue
		}
		d.Items = append(d.Items, it)
	}
	return d, nil
}

// Write writes the document in its format.
func (d Document) Write(w io.Writer) error {
	if d.Format == FormatJSON {
		return JSON(w, d.Items, d.Options)
	}
	return Markdown(w, d.Items, d.Options)
}

// maxEpoch is the last second RFC 3339 can write: 9999-12-31T23:59:59Z.
const maxEpoch = 253402300799

// Time is the time an export carries: SOURCE_DATE_EPOCH when it is set (for
// reproducible output), else now; in UTC, to the second. A value that is
// not whole seconds from 1970 to the year 9999 is an error, not an invalid
// timestamp.
func Time(getenv func(string) string) (time.Time, error) {
	var v string
	if getenv != nil {
		v = getenv("SOURCE_DATE_EPOCH")
	}
	if v == "" {
		return time.Now().UTC().Truncate(time.Second), nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > maxEpoch {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a time an export can carry: give whole seconds since 1970-01-01 UTC, from 0 to %d (the end of the year 9999)", v, maxEpoch)
	}
	return time.Unix(n, 0).UTC(), nil
}
