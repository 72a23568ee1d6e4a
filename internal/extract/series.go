package extract

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/briefs/briefs/internal/brief"
)

// SeriesDecl declares a recurring event: the built-in catalogue
// (data/series.json) is a list of them, and so is the `series:` block of
// config.yaml. Only Name is required.
type SeriesDecl struct {
	// Key is the stable identity ("arab-league-summit"); derived from Name
	// when empty.
	Key  string `json:"key,omitempty" yaml:"key,omitempty"`
	Name string `json:"name" yaml:"name"`
	// Aliases are other names, in any language ("Arab summit", "القمة
	// العربية"); they are matched like names found in texts, so case,
	// ordinals, years and words such as "international" or "annual" do not
	// matter.
	Aliases []string `json:"aliases,omitempty" yaml:"aliases,omitempty"`
	// Acronyms are written right before an edition number or a year:
	// "COP" in COP29, COP 28; "MSC" in MSC 2025. Matched in capitals only.
	Acronyms []string `json:"acronyms,omitempty" yaml:"acronyms,omitempty"`
	// Topics are subject words: an unnamed "climate summit" or "conference
	// on drugs" is this series when its words include one.
	Topics []string `json:"topics,omitempty" yaml:"topics,omitempty"`
	// Editions maps a year to the edition held that year.
	Editions map[int]int `json:"editions,omitempty" yaml:"editions,omitempty"`
	// Hosts maps an edition to the places that name it ("the Manama summit").
	Hosts map[int][]string `json:"hosts,omitempty" yaml:"hosts,omitempty"`
}

// Options configure an Extractor.
type Options struct {
	// Series are the user's series, merged over the built-in catalogue: a
	// declaration whose key, name or an alias names a catalogue series adds
	// to it (its aliases, editions and hosts win); others are new series.
	Series []SeriesDecl
	// NoCatalogue leaves the built-in catalogue out.
	NoCatalogue bool
}

// ParseCatalogue reads a list of series declarations from JSON.
func ParseCatalogue(data []byte) ([]SeriesDecl, error) {
	var ds []SeriesDecl
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ds); err != nil {
		return nil, fmt.Errorf("parsing series catalogue: %w", err)
	}
	return ds, nil
}

// Catalogue returns the built-in series catalogue.
func Catalogue() ([]SeriesDecl, error) { return ParseCatalogue(seriesJSON) }

// seriesInfo is a compiled series declaration.
type seriesInfo struct {
	key, name string
	byYear    map[int]int // year -> edition
	yearOf    map[int]int // edition -> year
	kinds     uint32      // bit set of the event-noun kinds its names use
	decl      SeriesDecl
}

// hostRef is an edition a place names.
type hostRef struct {
	series, edition int
}

// catalogue is the compiled set of known series. It is immutable.
type catalogue struct {
	series   []seriesInfo
	byName   map[string]int       // name key (see nameKey) -> series
	lookup   map[string]int       // series key, lookupKey of names and aliases -> series
	acronyms map[string]int       // lower-case acronym -> series
	topics   map[string][]int     // topic word key -> series
	hosts    map[string][]hostRef // place key -> editions it hosted
}

// keyer turns names into series keys with the event vocabulary.
type keyer struct {
	lex   map[string]lexEntry
	nouns []eventNoun
}

// lexOf returns the lexicon entry of a word key as the word index resolves
// a token: Arabic words are tried without their proclitics too.
func (k keyer) lexOf(key string) lexEntry {
	if e, ok := k.lex[key]; ok || !isArabicKey(key) {
		return e
	}
	var forms [4]string
	for _, f := range arabicForms(key, forms[:0]) {
		if e, ok := k.lex[f]; ok && e != (lexEntry{}) {
			return e
		}
	}
	return lexEntry{}
}

// nameWord returns the form a word of a name takes in a series key: event
// nouns in their singular form, Arabic words without conjunction and
// article; "" for words keys leave out.
func nameWord(key string, e lexEntry, nouns []eventNoun) string {
	switch {
	case e.head != 0:
		return nouns[e.head-1].canon
	case e.flags&lxDrop != 0:
		return ""
	case !isArabicKey(key):
		return key
	}
	return arabicNameWord(key)
}

// arabicNameWord strips a conjunction, the preposition ل (a genitive:
// لمكافحة، لاتحاد) and the article from a normalised Arabic word. Names
// are keyed the same way in texts and data, so a word that starts with ل
// (لبنان) loses it everywhere.
func arabicNameWord(k string) string {
	if r, sz := utf8.DecodeRuneInString(k); r == 'و' && utf8.RuneCountInString(k[sz:]) >= 3 {
		k = k[sz:]
	}
	switch {
	case strings.HasPrefix(k, "لل") && utf8.RuneCountInString(k) >= 5:
		k = "ال" + k[len("لل"):]
	case strings.HasPrefix(k, "ل") && !strings.HasPrefix(k, "لا") && utf8.RuneCountInString(k) >= 4:
		k = k[len("ل"):]
	case strings.HasPrefix(k, "لا") && utf8.RuneCountInString(k) >= 5:
		k = k[len("ل"):] // لاتحاد
	}
	return stripArticle(k)
}

// nameKey is the series key of a name written in a data file: its words as
// nameWord forms them (ordinals and years left out), joined by "-".
func (k keyer) nameKey(name string) (key string, kinds uint32) {
	toks := tokenize(name, nil)
	var b strings.Builder
	prevOrd := false
	for i, t := range toks {
		if t.digits {
			if i > 0 && !toks[i-1].digits && b.Len() > 0 {
				if g := name[toks[i-1].end:t.start]; g == "" || g == "-" && len(toks[i-1].key) <= 2 {
					b.WriteString(t.key) // G20, G-20
				}
			}
			prevOrd = true
			continue
		}
		e := k.lexOf(t.key)
		if e.ordinal != 0 && e.head == 0 || e.tens != 0 && prevOrd || e.flags&lxTeen != 0 && prevOrd {
			prevOrd = true // الخامس والثلاثين, 3rd, الحادي عشر
			continue
		}
		if prevOrd && (t.key == "st" || t.key == "nd" || t.key == "rd" || t.key == "th") {
			continue
		}
		prevOrd = false
		if e.head != 0 {
			kinds |= 1 << k.nouns[e.head-1].kind
		}
		if t.key == "s" && i > 0 {
			continue
		}
		w := nameWord(t.key, e, k.nouns)
		if w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	return b.String(), kinds
}

// placeKey is the key of a place name: its words, Arabic ones without
// article, joined by spaces.
func placeKey(name string) string {
	toks := tokenize(name, nil)
	parts := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.arabic {
			parts = append(parts, arabicNameWord(t.key))
		} else {
			parts = append(parts, t.key)
		}
	}
	return strings.Join(parts, " ")
}

// newCatalogue compiles the declarations: the built-in ones, then the
// user's merged over them.
func newCatalogue(k keyer, builtin, user []SeriesDecl) (*catalogue, error) {
	c := &catalogue{byName: map[string]int{}, lookup: map[string]int{}, acronyms: map[string]int{},
		topics: map[string][]int{}, hosts: map[string][]hostRef{}}
	decls := slices.Clone(builtin)
	for _, u := range user {
		if strings.TrimSpace(u.Name) == "" && strings.TrimSpace(u.Key) == "" {
			return nil, fmt.Errorf("series: a declaration without a name")
		}
		if i := findDecl(k, decls, u); i >= 0 {
			decls[i] = mergeDecl(decls[i], u)
		} else {
			decls = append(decls, u)
		}
	}
	for _, d := range decls {
		if err := c.add(k, d); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// findDecl returns the declaration among decls that u names by key, name or
// alias, or -1.
func findDecl(k keyer, decls []SeriesDecl, u SeriesDecl) int {
	names := append([]string{u.Name}, u.Aliases...)
	for i, d := range decls {
		if u.Key != "" && d.Key == u.Key || u.Key == "" && d.Key == strings.TrimSpace(u.Name) {
			return i
		}
		if u.Key != "" && d.Key != "" {
			continue // two keys: two series
		}
		for _, a := range d.Acronyms {
			if strings.EqualFold(a, strings.TrimSpace(u.Name)) {
				return i
			}
		}
		for _, n := range names {
			nk, _ := k.nameKey(n)
			if nk == "" {
				continue
			}
			for _, dn := range append([]string{d.Name}, d.Aliases...) {
				if dk, _ := k.nameKey(dn); dk == nk {
					return i
				}
			}
		}
	}
	return -1
}

// mergeDecl adds u's names, acronyms, topics, editions and hosts to d; u's
// editions and hosts win.
func mergeDecl(d, u SeriesDecl) SeriesDecl {
	if u.Name != "" && u.Name != d.Name {
		d.Aliases = append(slices.Clone(d.Aliases), d.Name)
		d.Name = u.Name
	}
	d.Aliases = append(slices.Clone(d.Aliases), u.Aliases...)
	d.Acronyms = append(slices.Clone(d.Acronyms), u.Acronyms...)
	d.Topics = append(slices.Clone(d.Topics), u.Topics...)
	eds := maps.Clone(d.Editions)
	if eds == nil {
		eds = map[int]int{}
	}
	for y, e := range u.Editions {
		for oy, oe := range eds {
			if oe == e {
				delete(eds, oy)
			}
		}
		eds[y] = e
	}
	d.Editions = eds
	hosts := maps.Clone(d.Hosts)
	if hosts == nil {
		hosts = map[int][]string{}
	}
	maps.Copy(hosts, u.Hosts)
	d.Hosts = hosts
	return d
}

// add compiles one declaration.
func (c *catalogue) add(k keyer, d SeriesDecl) error {
	idx := len(c.series)
	name := strings.TrimSpace(d.Name)
	key := strings.TrimSpace(d.Key)
	if name == "" {
		name = key
	}
	if key == "" {
		key, _ = k.nameKey(name)
	}
	if key == "" {
		return fmt.Errorf("series %q: no words to make a key of", name)
	}
	if _, dup := c.lookup[key]; dup {
		return fmt.Errorf("series %q: key %q used twice", name, key)
	}
	s := seriesInfo{key: key, name: name, byYear: map[int]int{}, yearOf: map[int]int{}, decl: d}
	for y, e := range d.Editions {
		if e < 1 || e > 999 || !isYear(y) {
			return fmt.Errorf("series %q: edition %d in %d out of range", name, e, y)
		}
		if old, dup := s.yearOf[e]; dup {
			return fmt.Errorf("series %q: edition %d held in %d and %d", name, e, old, y)
		}
		s.byYear[y], s.yearOf[e] = e, y
	}
	c.lookup[key] = idx
	for _, n := range append([]string{name}, d.Aliases...) {
		nk, kinds := k.nameKey(n)
		if nk == "" || !strings.Contains(nk, "-") && kinds != 0 {
			continue // a bare event noun names no series
		}
		s.kinds |= kinds
		if old, ok := c.byName[nk]; ok && old != idx {
			return fmt.Errorf("series %q: name %q is also %q", name, n, c.series[old].name)
		}
		c.byName[nk] = idx
		if lk := lookupKey(n); lk != "" {
			if _, ok := c.lookup[lk]; !ok {
				c.lookup[lk] = idx
			}
		}
	}
	for _, a := range d.Acronyms {
		c.acronyms[lookupKey(a)] = idx
	}
	for _, t := range d.Topics {
		tk := lookupKey(t)
		c.topics[tk] = append(c.topics[tk], idx)
		if isArabicKey(tk) {
			if s := arabicNameWord(tk); s != tk {
				c.topics[s] = append(c.topics[s], idx)
			}
		}
	}
	for e, places := range d.Hosts {
		for _, p := range places {
			pk := placeKey(p)
			c.hosts[pk] = append(c.hosts[pk], hostRef{idx, e})
		}
	}
	c.series = append(c.series, s)
	return nil
}

// placeWords returns the words of the catalogue's host names.
func (c *catalogue) placeWords() []string {
	var out []string
	for pk := range c.hosts {
		out = append(out, strings.Fields(pk)...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// LookupSeries finds a known series (built-in or declared) by key, name,
// alias or acronym, in any case.
func (x *Extractor) LookupSeries(s string) (brief.Series, bool) { return x.events.lookup(s) }

// ResolveSeries returns the series a name stands for: a known series, or
// one keyed from the name's words as series found in texts are.
func (x *Extractor) ResolveSeries(name string) brief.Series { return x.events.resolve(name) }

// KnownSeries returns the built-in and declared series, in declaration order.
func (x *Extractor) KnownSeries() []SeriesDecl {
	out := make([]SeriesDecl, len(x.events.cat.series))
	for i, s := range x.events.cat.series {
		out[i] = s.decl
		out[i].Key, out[i].Name = s.key, s.name
	}
	return out
}

func (s *seriesInfo) brief() brief.Series { return brief.Series{Key: s.key, Name: s.name} }

func isArabicKey(k string) bool {
	for _, r := range k {
		if isArabicRune(r) {
			return true
		}
	}
	return false
}

// CheckSeries checks the user's series declarations as NewWithOptions
// would compile them over the built-in catalogue, without building an
// extractor (cheap: the configuration is checked before the extractor is
// needed). On a mistake it returns the index in decls of the first
// declaration at fault and the error.
func CheckSeries(decls []SeriesDecl) (int, error) {
	if len(decls) == 0 {
		return -1, nil
	}
	lex, nouns := buildLexicon()
	k := keyer{lex: lex, nouns: nouns}
	builtin, err := Catalogue()
	if err != nil {
		return -1, err
	}
	if _, err := newCatalogue(k, builtin, decls); err == nil {
		return -1, nil
	}
	for i := range decls { // the first prefix that fails ends with the culprit
		if _, err := newCatalogue(k, builtin, decls[:i+1]); err != nil {
			return i, err
		}
	}
	return -1, nil
}
