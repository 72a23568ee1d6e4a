package library

import (
	"cmp"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/textmatch"
)

// The user's corrections of extracted metadata. The library does not read
// the store: the caller reads the corrections (store.AllCorrections) and
// hands them over as data (WithCorrections), after the store re-attached
// the annotations of edited or moved briefs. The corrected library shares
// everything with the one it corrects but the corrected briefs (copies),
// the postings of the fields and the sort orders, so a correction costs
// no parsing, no extraction and no text indexing.

// The names of the fields a correction holds, as `briefs set` and
// brief.Brief.Corrected name them, in display order.
const (
	FieldTitle     = "title"
	FieldSource    = "source"
	FieldDate      = "date"
	FieldDateline  = "dateline"
	FieldSeries    = "series"
	FieldEdition   = "edition"
	FieldCountries = "countries"
)

// CorrectableFields lists the fields a user may correct, in display order.
func CorrectableFields() []string {
	return []string{FieldTitle, FieldSource, FieldDate, FieldDateline, FieldSeries, FieldEdition, FieldCountries}
}

// Correction is what the user corrected of one brief. Empty strings,
// HasEdition false and no countries mean "not corrected".
type Correction struct {
	Title, Source, Dateline string
	// Series is a series' key, name or alias (a known series, or one of
	// the collection); another name makes a series of the user's own;
	// "none" means the brief is about no event.
	Series string
	// Date is "2006-01-02", "2006-01-02T15:04" (in the brief's time zone)
	// or RFC 3339.
	Date       string
	Edition    int // valid when HasEdition; 0: about no edition
	HasEdition bool
	// AddCountries and RemoveCountries are ISO 3166-1 alpha-2 codes.
	AddCountries, RemoveCountries []string
}

// IsZero reports whether nothing is corrected.
func (c Correction) IsZero() bool {
	return c.Title == "" && c.Source == "" && c.Dateline == "" && c.Series == "" && c.Date == "" &&
		!c.HasEdition && len(c.AddCountries) == 0 && len(c.RemoveCountries) == 0
}

// Fields names the corrected fields, in display order.
func (c Correction) Fields() []string {
	var out []string
	for _, f := range []struct {
		name string
		set  bool
	}{
		{FieldTitle, c.Title != ""}, {FieldSource, c.Source != ""}, {FieldDate, c.Date != ""},
		{FieldDateline, c.Dateline != ""}, {FieldSeries, c.Series != ""}, {FieldEdition, c.HasEdition},
		{FieldCountries, len(c.AddCountries)+len(c.RemoveCountries) > 0},
	} {
		if f.set {
			out = append(out, f.name)
		}
	}
	return out
}

// Corrections maps brief IDs to their corrections. A Corrections value is
// treated as immutable once passed to WithCorrections.
type Corrections map[string]Correction

// WithCorrections returns the collection with the corrections applied:
// the corrected briefs are copies whose fields say what the user said
// (and whose Corrected lists them), and the facets, counts, queries and
// sort orders follow them. The corrections replace those l was made with,
// if any (the original briefs are kept: Original); corrections of briefs
// not in the collection are ignored. l itself is not changed.
func (l *Library) WithCorrections(c Corrections) *Library {
	base := l.Base()
	if reflect.DeepEqual(c, l.corr) || (len(c) == 0 && len(l.corr) == 0) {
		return l
	}
	any := false
	for id, cr := range c {
		if _, ok := base.byID[id]; ok && !cr.IsZero() {
			any = true
			break
		}
	}
	if !any {
		return base
	}
	nl := &Library{x: base.x, byID: base.byID, also: base.also, seeds: base.seeds, loaded: base.loaded,
		text: base.text, readBody: base.readBody, fields: base.fields, base: base, corr: c}
	nl.briefs = slices.Clone(base.briefs)
	reorder := false
	var titled []int32
	series := base.names["series"]
	for id, cr := range c {
		i, ok := base.byID[id]
		if !ok || cr.IsZero() {
			continue
		}
		orig := base.briefs[i]
		b := correct(base.x, series, base.names["country"], orig, cr)
		nl.briefs[i] = b
		if !b.Published.Equal(orig.Published) || b.Title != orig.Title {
			reorder = true
		}
		if b.Title != orig.Title {
			titled = append(titled, i)
		}
	}
	if reorder {
		nl.byDate = dateOrder(nl.briefs)
	}
	if len(titled) > 0 {
		nl.titles = buildTitleWords(nl.briefs, titled)
	}
	nl.index()
	return nl
}

// Base is the collection without the user's corrections (l itself when it
// has none).
func (l *Library) Base() *Library {
	if l.base != nil {
		return l.base
	}
	return l
}

// Corrections are the corrections l was made with (nil: none).
func (l *Library) Corrections() Corrections { return l.corr }

// Original returns the brief with the ID as extracted, before the user's
// corrections; nil when the collection has no such brief.
func (l *Library) Original(id string) *brief.Brief {
	base := l.Base()
	if i, ok := base.byID[id]; ok {
		return base.briefs[i]
	}
	return nil
}

// correct returns a copy of b with the correction applied. series and
// countries are the collection's names of its series and countries (key ->
// name), for names the extractor does not know.
func correct(x Extractor, series, countries map[string]string, b *brief.Brief, c Correction) *brief.Brief {
	n := *b
	n.Corrected = c.Fields()
	if c.Title != "" {
		n.Title = c.Title
	}
	if c.Source != "" {
		n.Source = c.Source
		if r, ok := x.(interface{ ResolveSource(string) (string, bool) }); ok {
			if name, ok := r.ResolveSource(c.Source); ok {
				n.Source = name
			}
		}
	}
	if c.Dateline != "" {
		n.Dateline = c.Dateline
	}
	if c.Date != "" {
		if t, hasTime, ok := parseCorrectedDate(c.Date, b.Published.Location()); ok {
			n.Published, n.HasTime = t, hasTime
		}
	}
	if c.Series != "" {
		s := resolveSeries(x, series, c.Series)
		if s.Key != b.Series.Key {
			n.EditionsMentioned = nil
			for _, e := range b.EventsMentioned {
				if e.Series == s.Key && e.Edition > 0 {
					n.EditionsMentioned = append(n.EditionsMentioned, e.Edition)
				}
			}
		}
		n.Series = s
		if s.IsZero() && !c.HasEdition {
			n.Edition, n.EditionInferred, n.EditionsMentioned = 0, false, nil
		}
	}
	if c.HasEdition {
		n.Edition, n.EditionInferred = max(0, c.Edition), false
	}
	if c.HasEdition || c.Series != "" { // mentions are the other editions
		ms := slices.DeleteFunc(slices.Clone(n.EditionsMentioned), func(e int) bool { return e == n.Edition })
		slices.Sort(ms)
		n.EditionsMentioned = slices.Compact(ms)
		if len(n.EditionsMentioned) == 0 {
			n.EditionsMentioned = nil
		}
	}
	if len(c.AddCountries)+len(c.RemoveCountries) > 0 {
		n.Countries = correctCountries(x, countries, b.Countries, c.AddCountries, c.RemoveCountries)
	}
	return &n
}

// correctCountries removes the codes of remove and adds those of add that
// are missing (with no mentions: the text does not name them), after the
// others.
func correctCountries(x Extractor, names map[string]string, cs []brief.Country, add, remove []string) []brief.Country {
	out := make([]brief.Country, 0, len(cs)+len(add))
	for _, c := range cs {
		if !slices.Contains(remove, c.Code) {
			out = append(out, c)
		}
	}
	for _, code := range add {
		code = strings.ToUpper(code)
		if slices.ContainsFunc(out, func(c brief.Country) bool { return c.Code == code }) || slices.Contains(remove, code) {
			continue
		}
		name := names[code]
		if x != nil {
			if k, n, ok := x.LookupCountry(code); ok && k == code {
				name = n
			}
		}
		out = append(out, brief.Country{Code: code, Name: cmp.Or(name, code)})
	}
	return out
}

// resolveSeries is the series a corrected name stands for: "none" is no
// series; then a series the extractor knows (by key, name, alias or
// acronym); then one of the collection (by key or name); then the key the
// extractor would give the name, joining a series of the collection with
// that key; then a series of the user's own, keyed from the name's words.
func resolveSeries(x Extractor, names map[string]string, v string) brief.Series {
	v = strings.TrimSpace(v)
	if v == "" || strings.EqualFold(v, "none") {
		return brief.Series{}
	}
	if lk, ok := x.(interface {
		LookupSeries(string) (brief.Series, bool)
	}); ok {
		if s, ok := lk.LookupSeries(v); ok {
			return s
		}
	}
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the same answer every time
	for _, k := range keys {
		if strings.EqualFold(k, v) || textmatch.NameEqual(names[k], v) {
			return brief.Series{Key: k, Name: names[k]}
		}
	}
	s := brief.Series{Key: slug(v), Name: v}
	if rs, ok := x.(interface{ ResolveSeries(string) brief.Series }); ok {
		if r := rs.ResolveSeries(v); r.Key != "" {
			s = r
		}
	}
	if n, ok := names[s.Key]; ok && n != "" {
		s.Name = n
	}
	if s.Key == "" {
		s.Key = "user-series"
	}
	return s
}

// slug keys a name: its letters and digits, lower case, words joined by "-".
func slug(s string) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) })
	return strings.Join(words, "-")
}

// parseCorrectedDate reads a corrected date: a day (UTC, no time of day, as
// extraction gives), a day and time in loc, or RFC 3339.
func parseCorrectedDate(v string, loc *time.Location) (time.Time, bool, bool) {
	v = strings.TrimSpace(v)
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, false, true
	}
	if loc == nil {
		loc = time.UTC
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, true, true
		}
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, true, true
	}
	return time.Time{}, false, false
}

// dateOrder is the default order of briefs (newest first, undated last,
// then title, then ID) when it is not their order in the slice; nil when
// it is.
func dateOrder(bs []*brief.Brief) []int32 {
	o := make([]int32, len(bs))
	for i := range o {
		o[i] = int32(i)
	}
	slices.SortStableFunc(o, func(i, j int32) int { return defaultCmp(bs[i], bs[j]) })
	for i, k := range o {
		if int32(i) != k {
			return o
		}
	}
	return nil
}

// defaultCmp is the default order: newest first, undated last, then title,
// then ID.
func defaultCmp(a, b *brief.Brief) int {
	if c := b.Published.Compare(a.Published); c != 0 {
		return c
	}
	return cmp.Or(strings.Compare(a.Title, b.Title), strings.Compare(a.ID, b.ID))
}

// titleWords index the words of corrected titles, which the text index
// (built from the files) does not hold: a search finds a brief by the
// title the user gave it.
type titleWords struct {
	keys     []string  // sorted
	postings [][]int32 // ascending brief indexes
}

func buildTitleWords(bs []*brief.Brief, which []int32) *titleWords {
	slices.Sort(which)
	m := map[string][]int32{}
	for _, i := range which {
		textmatch.EachKey(bs[i].Title, func(k string) {
			if ps := m[k]; len(ps) == 0 || ps[len(ps)-1] != i {
				m[strings.Clone(k)] = append(ps, i)
			}
		})
	}
	tw := &titleWords{keys: make([]string, 0, len(m))}
	for k := range m {
		tw.keys = append(tw.keys, k)
	}
	sort.Strings(tw.keys)
	tw.postings = make([][]int32, len(tw.keys))
	for i, k := range tw.keys {
		tw.postings[i] = m[k]
	}
	return tw
}

// lookup marks in set the briefs whose corrected title holds the key w
// (exact) or a key starting with w.
func (tw *titleWords) lookup(w string, exact bool, set bitset) {
	if tw == nil {
		return
	}
	for k := sort.SearchStrings(tw.keys, w); k < len(tw.keys) && strings.HasPrefix(tw.keys[k], w); k++ {
		if exact && tw.keys[k] != w {
			break
		}
		for _, i := range tw.postings[k] {
			set.set(i)
		}
	}
}
