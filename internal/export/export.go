// Package export writes briefs, with the user's tags and notes, as Markdown
// (for Obsidian and plain editors) or JSON, and writes export files
// atomically without overwriting by accident.
//
// Every string written is sanitised first (no terminal control sequences,
// control characters or bidi overrides), even though the inputs are meant to
// be clean already. Output is deterministic: items are written in the order
// given and nothing depends on the clock except Options.Exported.
package export

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/termsafe"
)

// Item is one brief to export with the user's tags (normalised) and note
// (Markdown).
type Item struct {
	Brief *brief.Brief
	Tags  []string
	Note  string
}

// Options describe the export as a whole.
type Options struct {
	Title    string    // the document's title; "" gives "Briefs"
	Query    string    // the query that selected the briefs, or ""
	Exported time.Time // when; injected for determinism (zero: time.Now())
	// CountryName, if set, names a country by its ISO code; its answer wins
	// over the Brief's Country.Name when not empty.
	CountryName func(code string) string
	// QuoteBody adds each brief's text, as a blockquote, after the note.
	QuoteBody bool
	// Orphans are annotations whose brief is not in the collection (see
	// store.Orphans); they are written after the briefs, so that nothing
	// the user wrote is left out.
	Orphans []Orphan
}

// Orphan is an annotation whose brief cannot be found: what is known of
// the brief, and what the user wrote.
type Orphan struct {
	ID, Title, Path, Date, Source string
	Reason                        string // why it was not re-attached
	Tags                          []string
	Note                          string
}

func (o Options) title() string {
	if t := oneLine(o.Title); t != "" {
		return t
	}
	return "Briefs"
}

func (o Options) exported() string {
	t := o.Exported
	if t.IsZero() {
		t = time.Now()
	}
	return t.Format(time.RFC3339)
}

func (o Options) countryName(c brief.Country) string {
	if o.CountryName != nil {
		if n := oneLine(o.CountryName(c.Code)); n != "" {
			return n
		}
	}
	return oneLine(c.Name)
}

// Markdown writes items as one Markdown document: YAML front matter (title,
// exported, query, count, tags), then a section per brief with its heading, a
// metadata line, tags, ID and path, the note, and (with QuoteBody) its text.
func Markdown(w io.Writer, items []Item, opt Options) error {
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString("title: " + yamlQuote(opt.title()) + "\n")
	b.WriteString("exported: " + opt.exported() + "\n")
	b.WriteString("query: " + yamlQuote(oneLine(opt.Query)) + "\n")
	b.WriteString("count: " + strconv.Itoa(len(items)) + "\n")
	if len(opt.Orphans) > 0 {
		b.WriteString("orphans: " + strconv.Itoa(len(opt.Orphans)) + "\n")
	}
	all := unionTags(items, opt.Orphans)
	if len(all) == 0 {
		b.WriteString("tags: []\n")
	} else {
		b.WriteString("tags:\n")
		for _, t := range all {
			b.WriteString("  - " + yamlTag(t) + "\n")
		}
	}
	b.WriteString("---\n\n")
	b.WriteString("# " + brief.EscapeInline(opt.title()) + "\n")
	if q := oneLine(opt.Query); q != "" {
		b.WriteString("\nQuery: " + codeSpan(q) + "\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write export: %w", err)
	}
	for i, it := range items {
		b.Reset()
		writeSection(&b, it, opt)
		if _, err := io.WriteString(w, b.String()); err != nil {
			return fmt.Errorf("write export (brief %d of %d): %w", i+1, len(items), err)
		}
	}
	if len(opt.Orphans) > 0 {
		b.Reset()
		writeOrphans(&b, opt.Orphans)
		if _, err := io.WriteString(w, b.String()); err != nil {
			return fmt.Errorf("write export (orphaned notes): %w", err)
		}
	}
	return nil
}

// writeOrphans writes the "Orphaned notes" part: one section per orphan
// with what is known of its brief, its tags and its note.
func writeOrphans(b *strings.Builder, orphans []Orphan) {
	b.WriteString("\n## Orphaned notes\n\nTags and notes whose brief is not in the collection (see `briefs orphans`).\n")
	for _, o := range orphans {
		title := oneLine(o.Title)
		if title == "" {
			title = "(brief unknown)"
		}
		b.WriteString("\n### " + brief.EscapeInline(title) + "\n")
		var meta []string
		for _, m := range []string{oneLine(o.Source), oneLine(o.Date)} {
			if m != "" {
				meta = append(meta, brief.EscapeInline(m))
			}
		}
		if len(meta) > 0 {
			b.WriteString("\n" + strings.Join(meta, " · ") + "\n")
		}
		writeTagsAndID(b, o.Tags, o.ID, "Was at", o.Path)
		if r := oneLine(o.Reason); r != "" {
			b.WriteString("\nNot re-attached: " + brief.EscapeInline(r) + "\n")
		}
		if note := markdownBlock(o.Note); note != "" {
			b.WriteString("\n#### Note\n\n" + nestNote(note, 4) + "\n")
		}
	}
}

// writeTagsAndID writes a section's tags line and its ID line, with the
// file's path under the label given.
func writeTagsAndID(b *strings.Builder, tags []string, id, pathLabel, path string) {
	if ts := tagTokens(tags); len(ts) > 0 {
		b.WriteString("\nTags:")
		for _, t := range ts {
			b.WriteString(" #" + t)
		}
		b.WriteString("\n")
	}
	b.WriteString("\nID: " + codeSpan(oneLine(id)))
	if p := oneLine(path); p != "" {
		b.WriteString(" · " + pathLabel + ": " + codeSpan(p))
	}
	b.WriteString("\n")
}

func writeSection(b *strings.Builder, it Item, opt Options) {
	br := it.Brief
	if br == nil {
		br = &brief.Brief{}
	}
	title := oneLine(br.Title)
	if title == "" {
		title = "(untitled)"
	}
	b.WriteString("\n## " + brief.EscapeInline(title) + "\n")

	if meta := metaLine(br, opt); meta != "" {
		b.WriteString("\n" + meta + "\n")
	}
	if len(br.Corrected) > 0 {
		b.WriteString("\nCorrected: " + brief.EscapeInline(oneLine(strings.Join(br.Corrected, ", "))) + "\n")
	}
	writeTagsAndID(b, it.Tags, br.ID, "Path", br.Path)

	if note := markdownBlock(it.Note); note != "" {
		b.WriteString("\n### Note\n\n" + nestNote(note, 3) + "\n")
	}
	if opt.QuoteBody {
		if body := markdownBlock(br.Body); body != "" {
			b.WriteString("\n### Text\n\n")
			for _, l := range strings.Split(body, "\n") {
				if l == "" {
					b.WriteString(">\n")
				} else {
					b.WriteString("> " + l + "\n")
				}
			}
		}
	}
}

// metaLine is "source · date · Arab League Summit, 34th · Iraq (IQ), Iran
// (IR)", with the unknown parts left out.
func metaLine(br *brief.Brief, opt Options) string {
	var parts []string
	if s := oneLine(br.Source); s != "" {
		parts = append(parts, brief.EscapeInline(s))
	}
	if d := br.DateText(); d != "" {
		parts = append(parts, d)
	}
	if ev := eventText(br); ev != "" {
		parts = append(parts, ev)
	}
	if len(br.Countries) > 0 {
		cs := make([]string, 0, len(br.Countries))
		for _, c := range br.Countries {
			code := oneLine(c.Code)
			name := opt.countryName(c)
			switch {
			case name == "" || name == code:
				cs = append(cs, brief.EscapeInline(code))
			case code == "":
				cs = append(cs, brief.EscapeInline(name))
			default:
				cs = append(cs, brief.EscapeInline(name)+" ("+brief.EscapeInline(code)+")")
			}
		}
		parts = append(parts, strings.Join(cs, ", "))
	}
	return strings.Join(parts, " · ")
}

// oneLine sanitises s (termsafe.Plain: no escape sequence, no control but
// tab and newline, no bidi control, valid UTF-8) and folds it onto one line:
// runs of white space (newlines and tabs included) become one space, and the
// ends are trimmed.
func oneLine(s string) string {
	s = termsafe.Plain(s)
	if !strings.ContainsAny(s, "\n\t") && !strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// markdownBlock prepares user Markdown (a note, a body) for the document:
// sanitised (termsafe.Plain), numeric character references that would decode
// to controls defused (brief.NeutralizeRefs), trailing white space on each
// line and blank lines at the ends removed. Blockquotes and everything else
// are kept as written.
func markdownBlock(s string) string {
	s = brief.NeutralizeRefs(termsafe.Plain(s))
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// tagToken makes a tag safe for "#tag" and a YAML list: one line, no spaces,
// only letters, marks, digits and - _ / . (others dropped).
func tagToken(t string) string {
	t = strings.Join(strings.Fields(oneLine(t)), "-")
	t = strings.TrimLeft(t, "#")
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || strings.ContainsRune("-_/.", r) {
			return r
		}
		return -1
	}, t)
}

// tagTokens returns the usable tokens of tags, in order, without duplicates.
func tagTokens(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if t = tagToken(t); t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func unionTags(items []Item, orphans []Orphan) []string {
	seen := map[string]bool{}
	var out []string
	add := func(tags []string) {
		for _, t := range tagTokens(tags) {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	for _, it := range items {
		add(it.Tags)
	}
	for _, o := range orphans {
		add(o.Tags)
	}
	slices.Sort(out)
	return out
}

// escapeInline backslash-escapes the characters that would make one line of
// text into Markdown or HTML: emphasis, code, links, tags, tables, math,
// raw HTML and entity references, and a list marker at its start.

func codeSpan(s string) string {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// yamlQuote returns s as a YAML double-quoted scalar.
func yamlQuote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case 0x85, 0x2028, 0x2029, 0xfeff:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\x%02X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// yamlTag writes a tag token plain when YAML would read it back as the same
// string, quoted otherwise (numbers, booleans, nulls).
func yamlTag(t string) string {
	first := []rune(t)[0]
	if !unicode.IsLetter(first) {
		return yamlQuote(t)
	}
	switch strings.ToLower(t) {
	case "y", "n", "yes", "no", "true", "false", "on", "off", "null":
		return yamlQuote(t)
	}
	return t
}

// eventText is "Arab League Summit, 34th", "34th (inferred)", "Doha
// Forum" or "3rd edition": the event and its edition, "" for none.
func eventText(br *brief.Brief) string {
	name := brief.EscapeInline(oneLine(br.Series.Name))
	ed := ""
	if br.Edition > 0 {
		ed = brief.Ordinal(br.Edition)
		if br.EditionInferred {
			ed += " (inferred)"
		}
	}
	switch {
	case name != "" && ed != "":
		return name + ", " + ed
	case name != "":
		return name
	case ed != "":
		return ed + " edition"
	}
	return ""
}

// JSON writes items as one JSON document (2-space indent):
// {"title","exported","query","count","briefs":[{"id","title","source",
// "published","series","edition","edition_inferred","editions_mentioned",
// "events_mentioned","countries","tags","note","path","words","corrected"}]}.
// published is YYYY-MM-DD, RFC 3339 when the time is known, or null; series
// is {"key","name"} or null; edition is an integer or null;
// events_mentioned are {"series","edition"} (series by key); corrected
// names the fields the user corrected (brief.Brief.Corrected).
func JSON(w io.Writer, items []Item, opt Options) error {
	doc := jsonDoc{
		Title:    opt.title(),
		Exported: opt.exported(),
		Query:    oneLine(opt.Query),
		Count:    len(items),
		Briefs:   make([]jsonBrief, 0, len(items)),
	}
	for _, it := range items {
		doc.Briefs = append(doc.Briefs, toJSON(it, opt))
	}
	for _, o := range opt.Orphans {
		doc.Orphans = append(doc.Orphans, jsonOrphan{ID: oneLine(o.ID), Title: oneLine(o.Title), Path: oneLine(o.Path),
			Date: oneLine(o.Date), Source: oneLine(o.Source), Reason: oneLine(o.Reason), Tags: tagTokens(o.Tags),
			Note: strings.Trim(termsafe.Plain(o.Note), "\n")})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write JSON export: %w", err)
	}
	return nil
}

type jsonDoc struct {
	Title    string       `json:"title"`
	Exported string       `json:"exported"`
	Query    string       `json:"query"`
	Count    int          `json:"count"`
	Briefs   []jsonBrief  `json:"briefs"`
	Orphans  []jsonOrphan `json:"orphans,omitempty"` // annotations whose brief cannot be found
}

type jsonOrphan struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Path   string   `json:"path"`
	Date   string   `json:"date"`
	Source string   `json:"source"`
	Reason string   `json:"reason"`
	Tags   []string `json:"tags"`
	Note   string   `json:"note"`
}

type jsonBrief struct {
	ID                string        `json:"id"`
	Title             string        `json:"title"`
	Source            string        `json:"source"`
	Published         *string       `json:"published"`
	Series            *brief.Series `json:"series"`
	Edition           *int          `json:"edition"`
	EditionInferred   bool          `json:"edition_inferred"`
	EditionsMentioned []int         `json:"editions_mentioned"`
	EventsMentioned   []brief.Event `json:"events_mentioned"`
	Countries         []jsonCountry `json:"countries"`
	Tags              []string      `json:"tags"`
	Note              string        `json:"note"`
	Path              string        `json:"path"`
	Words             int           `json:"words"`
	Corrected         []string      `json:"corrected"` // the fields the user corrected
}

type jsonCountry struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Mentions int    `json:"mentions"`
}

func toJSON(it Item, opt Options) jsonBrief {
	br := it.Brief
	if br == nil {
		br = &brief.Brief{}
	}
	j := jsonBrief{
		ID:                oneLine(br.ID),
		Title:             oneLine(br.Title),
		Source:            oneLine(br.Source),
		EditionsMentioned: append([]int{}, br.EditionsMentioned...),
		Countries:         make([]jsonCountry, 0, len(br.Countries)),
		Tags:              tagTokens(it.Tags),
		Note:              strings.Trim(termsafe.Plain(it.Note), "\n"),
		Path:              oneLine(br.Path),
		Words:             br.Words,
		Corrected:         append([]string{}, br.Corrected...),
	}
	if p := br.DateISO(); p != "" {
		j.Published = &p
	}
	if !br.Series.IsZero() {
		j.Series = &brief.Series{Key: oneLine(br.Series.Key), Name: oneLine(br.Series.Name)}
	}
	if br.Edition > 0 {
		e := br.Edition
		j.Edition = &e
	}
	j.EditionInferred = br.EditionInferred
	j.EventsMentioned = make([]brief.Event, len(br.EventsMentioned))
	for i, e := range br.EventsMentioned {
		j.EventsMentioned[i] = brief.Event{Series: oneLine(e.Series), Edition: e.Edition}
	}
	for _, c := range br.Countries {
		j.Countries = append(j.Countries, jsonCountry{Code: oneLine(c.Code), Name: opt.countryName(c), Mentions: c.Mentions})
	}
	return j
}
