// Package extract finds a brief's metadata in its text: the publishing
// agency, the publication date, the dateline, the conference edition it is
// about and the editions it mentions, and the countries it names.
//
// The gazetteer (data/gazetteer.tsv: names, variants, demonyms, capitals and
// Arabic names of the 193 UN member states, on top of
// github.com/biter777/countries), the agencies (data/agencies.tsv), extra
// dateline places (data/places.txt) and the catalogue of recurring events
// (data/series.json) are embedded data files, parsed once by New.
package extract

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/biter777/countries"

	"github.com/briefs/briefs/internal/brief"
)

var (
	//go:embed data/gazetteer.tsv
	gazetteerTSV string
	//go:embed data/agencies.tsv
	agenciesTSV string
	//go:embed data/places.txt
	placesTXT string
	//go:embed data/series.json
	seriesJSON []byte
)

// Extractor fills in a brief's metadata. It is immutable after New and safe
// for concurrent use.
type Extractor struct {
	gaz      *gazetteer
	agencies *agencies
	places   map[string]bool // extra dateline places, normalised
	events   *eventFinder
	words    wordIndex
	scratch  *sync.Pool // of *scratch
}

// scratch is the reusable working memory of one Apply.
type scratch struct {
	tz       tokenizer // the brief's text
	small    tokenizer // hints
	counts   []int
	hits     []dateHit
	ev       eventScratch
	sortKeys []uint64
	keyTz    tokenizer // lookupKey
	key      []byte
}

// lookupKey is the package's lookupKey(s) without allocating: the result is
// valid until the next call.
func (sc *scratch) lookupKey(s string) []byte {
	tz := &sc.keyTz
	tz.rawArena = true
	tz.run(s)
	k := sc.key[:0]
	fi := 0
	for i := range tz.toks {
		if i > 0 {
			k = append(k, ' ')
		}
		if fi < len(tz.fix) && int(tz.fix[fi].tok) == i {
			f := tz.fix[fi]
			k = append(k, tz.arena[f.a:f.b]...)
			fi++
		} else {
			k = append(k, tz.toks[i].key...)
		}
	}
	sc.key = k
	return k
}

// New returns an Extractor with the embedded gazetteer and series catalogue.
func New() (*Extractor, error) { return NewWithOptions(Options{}) }

// NewWithOptions returns an Extractor with the embedded data and the
// options' series.
func NewWithOptions(opt Options) (*Extractor, error) {
	g, err := loadGazetteer(gazetteerTSV)
	if err != nil {
		return nil, fmt.Errorf("loading gazetteer: %w", err)
	}
	a, err := loadAgencies(agenciesTSV)
	if err != nil {
		return nil, fmt.Errorf("loading agencies: %w", err)
	}
	x := &Extractor{gaz: g, agencies: a, places: map[string]bool{}}
	for _, line := range strings.Split(placesTXT, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		x.places[lookupKey(line)] = true
	}
	ef, err := newEventFinderFor(opt, g, x.places)
	if err != nil {
		return nil, err
	}
	x.events = ef
	x.buildWords()
	x.scratch = &sync.Pool{New: func() any { return new(scratch) }}
	return x, nil
}

// Apply fills b's Source, Published, HasTime, Dateline, Series, Edition,
// EditionInferred, EventYear, EditionsMentioned, EventsMentioned and
// Countries from its Title, Body, Stated values and Hints. What the brief
// states wins over what the text suggests.
func (x *Extractor) Apply(b *brief.Brief) {
	sc := x.scratch.Get().(*scratch)
	defer x.scratch.Put(sc)
	text := b.Title + "\n\n" + b.Body
	titleEnd := len(b.Title)
	bodyStart := titleEnd + 2
	sc.tz.words = &x.words
	sc.tz.run(text)
	toks, infos := sc.tz.toks, sc.tz.infos

	// Source
	switch {
	case strings.TrimSpace(b.Stated.Source) != "":
		b.Source = x.agencies.normalise(b.Stated.Source, sc)
	case strings.TrimSpace(b.Hints.Source) != "":
		b.Source = x.agencies.normalise(b.Hints.Source, sc)
	default:
		b.Source = x.agencies.detect(text, toks, infos, &x.words, bodyStart)
	}

	// Dateline
	datelineHint := false
	if d := strings.TrimSpace(b.Hints.Dateline); d != "" {
		b.Dateline = titleCase(d)
		datelineHint = true
	} else {
		b.Dateline = x.detectDateline(b.Body, sc)
	}

	// Publication date
	b.Published, b.HasTime = time.Time{}, false
	switch {
	case b.Stated.HasDate && !b.Stated.Date.IsZero():
		d := b.Stated.Date
		b.Published = time.Date(d.Year(), d.Month(), d.Day(), d.Hour(), d.Minute(), d.Second(), 0, time.UTC)
		b.HasTime = b.Stated.HasTime
		if !b.HasTime {
			b.Published = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		}
	default:
		if strings.TrimSpace(b.Hints.DateText) != "" {
			if t, hasTime, ok := parseDate(b.Hints.DateText, time.Time{}, &sc.small); ok {
				b.Published, b.HasTime = t, hasTime
				break
			}
		}
		b.Published, b.HasTime = dateFromText(text, toks, bodyStart, sc)
	}

	// Countries
	n := len(x.gaz.countries)
	if cap(sc.counts) < n {
		sc.counts = make([]int, n)
	}
	counts := sc.counts[:n]
	clear(counts)
	x.gaz.countMentions(text, toks, infos, &x.words, counts)
	if datelineHint {
		sc.small.words = &x.words
		sc.small.run(b.Dateline)
		x.gaz.countMentions(b.Dateline, sc.small.toks, sc.small.infos, &x.words, counts)
	}
	var stated map[int]bool
	if len(b.Stated.Countries) > 0 {
		stated = map[int]bool{}
		for _, s := range b.Stated.Countries {
			if code, _, ok := x.LookupCountry(s); ok {
				stated[x.gaz.byCode[code]] = true
			}
		}
		if len(stated) > 0 {
			for i := range counts {
				if !stated[i] {
					counts[i] = 0
				}
			}
		}
	}
	b.Countries, sc.sortKeys = x.gaz.result(counts, stated, sc.sortKeys)

	// Event: series and edition
	year := 0
	if !b.Published.IsZero() {
		year = b.Published.Year()
	}
	x.events.find(editionContext{
		text: text, toks: toks, infos: infos, titleEnd: titleEnd, bodyStart: bodyStart, year: year,
	}, statedEvent{series: strings.TrimSpace(b.Stated.Series), edition: b.Stated.Edition}, &sc.ev).apply(b)
}

// dateFromText finds a publication date in a brief without a dated header:
// the first date near the top (title and the start of the body), a date
// standing on a line of its own ("Published: 22 July 2024"), and for a date
// written without a year, the year of another date in the text.
func dateFromText(text string, toks []token, bodyStart int, sc *scratch) (time.Time, bool) {
	sc.hits = findDates(text, toks, 0, len(toks), sc.hits[:0])
	hits := sc.hits
	if len(hits) == 0 {
		return time.Time{}, false
	}
	contextYear := 0
	for _, h := range hits {
		if h.year != 0 {
			contextYear = h.year
			break
		}
	}
	pick := func(h dateHit) (time.Time, bool, bool) {
		y := h.year
		if y == 0 {
			y = contextYear
		}
		if y == 0 || !validDate(y, h.month, h.day) {
			return time.Time{}, false, false
		}
		return h.time(y), h.hasTime, true
	}
	for _, h := range hits {
		if toks[h.first].start < bodyStart+400 {
			if t, ht, ok := pick(h); ok {
				return t, ht
			}
		}
	}
	for _, h := range hits {
		if standalone(text, toks, h) {
			if t, ht, ok := pick(h); ok {
				return t, ht
			}
		}
	}
	return time.Time{}, false
}

// standalone reports whether a date stands on a line of its own, perhaps after
// a label such as "Published:".
func standalone(text string, toks []token, h dateHit) bool {
	ls := strings.LastIndexByte(text[:toks[h.first].start], '\n') + 1
	le := strings.IndexByte(text[toks[h.last].end:], '\n')
	if le < 0 {
		le = len(text)
	} else {
		le += toks[h.last].end
	}
	before := strings.TrimSpace(text[ls:toks[h.first].start])
	after := strings.TrimSpace(text[toks[h.last].end:le])
	if len(after) > 12 {
		return false
	}
	if before == "" {
		return true
	}
	before = strings.ToLower(strings.TrimRight(before, ": -|"))
	switch before {
	case "published", "published on", "posted", "posted on", "updated", "date", "dated", "last updated",
		"تاريخ النشر", "التاريخ", "نشر في":
		return true
	}
	return false
}

// LookupCountry resolves a code (alpha-2 or alpha-3), an English name or
// variant, a demonym, a capital or an Arabic name to a member state's upper-case
// alpha-2 code and English name. Case does not matter.
func (x *Extractor) LookupCountry(s string) (code, name string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", "", false
	}
	if len(s) == 2 {
		if i, ok := x.gaz.byCode[strings.ToUpper(s)]; ok {
			c := x.gaz.countries[i]
			return c.code, c.name, true
		}
	}
	key := lookupKey(s)
	if i, ok := x.gaz.lookup[key]; ok {
		c := x.gaz.countries[i]
		return c.code, c.name, true
	}
	if isArabicKey(key) && !strings.Contains(key, " ") {
		var forms [4]string
		for _, f := range arabicForms(key, forms[:0]) {
			if i, ok := x.gaz.lookup[f]; ok {
				c := x.gaz.countries[i]
				return c.code, c.name, true
			}
		}
	}
	if cc := countries.ByName(s); cc.IsValid() {
		if i, ok := x.gaz.byCode[cc.Alpha2()]; ok {
			c := x.gaz.countries[i]
			return c.code, c.name, true
		}
	}
	return "", "", false
}

// CountryName returns the English name of a member state's alpha-2 code
// (either case), or "" when the code is not a UN member.
func (x *Extractor) CountryName(code string) string {
	if i, ok := x.gaz.byCode[strings.ToUpper(strings.TrimSpace(code))]; ok {
		return x.gaz.countries[i].name
	}
	return ""
}

// Countries returns the alpha-2 codes of the 193 member states, in data-file
// order (alphabetical by code).
func (x *Extractor) Countries() []string {
	out := make([]string, len(x.gaz.countries))
	for i, c := range x.gaz.countries {
		out[i] = c.code
	}
	return out
}
