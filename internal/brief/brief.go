// Package brief holds the Brief type and reads source files (news-agency text
// dumps, plain text, Markdown with front matter) into clean, sanitised Briefs.
package brief

import (
	"strings"
	"time"
)

// Country is one country a brief mentions.
type Country struct {
	Code     string `json:"code"`     // ISO 3166-1 alpha-2, upper case
	Name     string `json:"name"`     // English short name
	Mentions int    `json:"mentions"` // how many times the text names it
}

// Stated holds metadata a source file states explicitly (YAML front matter).
// What is stated wins over extraction. Zero values mean "not stated".
type Stated struct {
	Title     string
	Date      time.Time
	HasDate   bool
	HasTime   bool
	Source    string
	URL       string
	Series    string // the event's series, as written ("Arab League summit", a key such as "cop")
	Edition   int
	Countries []string // codes or names, as written
	Tags      []string
}

// Hints are what the parser learned from a file's layout (an agency header, a
// dateline) that the extractor turns into metadata.
type Hints struct {
	DateText string // the header's date as written, e.g. "Sun, 12/07/2025 - 11:25" or "2024-07-22"
	Source   string // agency named by the layout, e.g. "NINA", "Shafaq News"
	Dateline string // place named by the dateline, e.g. "Baghdad"
	AgencyID string // the agency's own number for the story, if any
	// FileTime is the file's modification time (zero for embedded seeds):
	// the last resort for the year of a date written without one.
	FileTime time.Time
	// LeadLen is set when the source has no headline and the Title was
	// made from the body's opening (Headline): the length of that opening
	// (the first sentence, or the first line) at the start of Body, which
	// metadata extraction reads as the headline (HeadAndBody).
	LeadLen int
	// Legacy is the schema 2 ID (identity.LegacyID) of what earlier
	// parsers made of the file, when the title or body they made differs
	// from today's ("" when LegacyID(Title, Body) is it): databases of
	// those releases find their briefs by it.
	Legacy string
}

// Series is a recurring event: a conference, summit, forum, session, fair,
// festival, dialogue... The zero Series means "no event".
type Series struct {
	Key  string `json:"key"`  // stable identity, e.g. "arab-league-summit", "cop"
	Name string `json:"name"` // display name, e.g. "Arab League Summit"
}

// IsZero reports whether s is no series.
func (s Series) IsZero() bool { return s.Key == "" }

// Event is one edition of a series that a brief mentions.
type Event struct {
	Series  string `json:"series"`  // Series.Key
	Edition int    `json:"edition"` // 1 for the first edition
	Year    int    `json:"-"`       // the year it was held, when the brief says; 0 = unknown
}

// Brief is one news brief, cleaned and understood.
type Brief struct {
	ID                string    // identity of the source file's content (package identity)
	Title             string    // headline, single line
	Source            string    // agency as commonly written ("NINA", "Shafaq News"), or ""
	Published         time.Time // zero when unknown
	HasTime           bool      // Published carries a time of day
	Dateline          string    // e.g. "Baghdad", or ""
	Series            Series    // the event the brief is about (zero: none)
	Edition           int       // its edition; 0 = none or unknown
	EditionInferred   bool      // Edition was not written but inferred from a year (catalogue or collection)
	EventYear         int       // the year the event is held, when the brief says or implies it; 0 = unknown
	EditionsMentioned []int     // other editions of Series it mentions, ascending, excluding Edition
	EventsMentioned   []Event   // every other numbered edition it mentions, of any series, by series then edition
	Countries         []Country // by mentions descending, then code
	Body              string    // clean Markdown, without the title
	Path              string    // file path; "seeds/<file>" for embedded seeds
	Words             int       // words in title and body
	Format            string    // "nina", "shafaq", "text", "markdown"
	// Corrected names the fields the user corrected (package library
	// applies the corrections the store holds), as `briefs set` names
	// them: "title", "source", "date", "dateline", "series", "edition",
	// "countries"; nil when none.
	Corrected []string

	Stated Stated // front matter, if any
	Hints  Hints  // layout hints for extraction
}

// HeadAndBody returns the headline and the body that metadata is read
// from: the Title and Body, or, when the title was made from the body's
// opening (Hints.LeadLen), that opening as written and the body after it.
func (b *Brief) HeadAndBody() (head, body string) {
	n := b.Hints.LeadLen
	if n <= 0 || n > len(b.Body) {
		return b.Title, b.Body
	}
	return b.Body[:n], strings.TrimLeft(b.Body[n:], " \n")
}

// HasDate reports whether the publication date is known.
func (b *Brief) HasDate() bool { return !b.Published.IsZero() }

// Day formats the publication day, "2025-12-07", or "" when unknown.
func (b *Brief) Day() string {
	if !b.HasDate() {
		return ""
	}
	return b.Published.Format(time.DateOnly)
}

// DateText formats the publication date for reading: "2025-12-07 11:25"
// when the time of day is known, "2025-12-07" when only the day is, ""
// when the date is unknown.
func (b *Brief) DateText() string {
	if b.HasDate() && b.HasTime {
		return b.Published.Format("2006-01-02 15:04")
	}
	return b.Day()
}

// DateISO formats the publication date for machines (JSON): RFC 3339 when
// the time of day is known, "2025-12-07" when only the day is, "" when the
// date is unknown.
func (b *Brief) DateISO() string {
	if b.HasDate() && b.HasTime {
		return b.Published.Format(time.RFC3339)
	}
	return b.Day()
}

// CountryCodes returns the brief's country codes in order.
func (b *Brief) CountryCodes() []string {
	out := make([]string, len(b.Countries))
	for i, c := range b.Countries {
		out[i] = c.Code
	}
	return out
}

// IsCorrected reports whether the user corrected the field (as named in
// Corrected).
func (b *Brief) IsCorrected(field string) bool {
	for _, f := range b.Corrected {
		if f == field {
			return true
		}
	}
	return false
}
