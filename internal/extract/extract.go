// Package extract finds a brief's metadata in its text: the publishing
// agency, the publication date, the dateline, the conference edition it is
// about and the editions it mentions, and the countries it names.
//
// The gazetteer (data/gazetteer.tsv and data/territories.tsv: names,
// variants, demonyms, capitals and Arabic names of the 193 UN member states,
// the observer states and the territories, on top of
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
	_ "time/tzdata" // agencies' zones (data/agencies.tsv) without the system's zone files

	"github.com/briefs/briefs/internal/brief"
)

var (
	//go:embed data/gazetteer.tsv
	gazetteerTSV string
	//go:embed data/territories.tsv
	territoriesTSV string
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
	now      func() time.Time
}

// scratch is the reusable working memory of one Apply.
type scratch struct {
	tz       tokenizer // the brief's text
	small    tokenizer // hints
	counts   []int
	amb      []int // ambiguous country names found
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
	g, err := loadGazetteer(gazetteerTSV, territoriesTSV)
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
	x.now = time.Now
	return x, nil
}

// Apply fills b's Source, Published, HasTime, Dateline, Series, Edition,
// EditionInferred, EventYear, EditionsMentioned, EventsMentioned and
// Countries from its Title, Body, Stated values and Hints. What the brief
// states wins over what the text suggests.
func (x *Extractor) Apply(b *brief.Brief) {
	sc := x.scratch.Get().(*scratch)
	defer x.scratch.Put(sc)
	head, body := b.HeadAndBody() // the first sentence, when the title was made from it
	text := head + "\n\n" + body
	titleEnd := len(head)
	bodyStart := titleEnd + 2
	sc.tz.words = &x.words
	sc.tz.run(text)
	toks, infos := sc.tz.toks, sc.tz.infos

	b.Source = x.detectSource(b, text, toks, infos, bodyStart, sc)
	datelineHint := x.applyDateline(b, sc)
	x.applyPublished(b, text, toks, bodyStart, sc)
	x.applyCountries(b, text, toks, infos, datelineHint, sc)

	// Event: series and edition
	year := 0
	if !b.Published.IsZero() {
		year = b.Published.Year()
	}
	x.events.find(editionContext{
		text: text, toks: toks, infos: infos, titleEnd: titleEnd, bodyStart: bodyStart, year: year,
	}, statedEvent{series: strings.TrimSpace(b.Stated.Series), edition: b.Stated.Edition}, &sc.ev).apply(b)
}
