package library

import (
	"cmp"
	"maps"
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
	var changed, moved, titled []int32
	series := base.names["series"]
	for id, cr := range c {
		i, ok := base.byID[id]
		if !ok || cr.IsZero() {
			continue
		}
		orig := base.briefs[i]
		b := correct(base.x, series, base.names["country"], orig, cr)
		nl.briefs[i] = b
		changed = append(changed, i)
		if !b.Published.Equal(orig.Published) || b.Title != orig.Title {
			moved = append(moved, i)
		}
		if b.Title != orig.Title {
			titled = append(titled, i)
		}
	}
	slices.Sort(changed)
	if len(moved) > 0 {
		nl.byDate = dateOrder(nl.briefs, moved)
	}
	if len(titled) > 0 {
		nl.titles = buildTitleWords(nl.briefs, titled)
	}
	nl.reindex(base, changed)
	return nl
}

// reindex makes l's postings and names from base's, for the briefs at the
// positions changed (ascending): only the values they had or have now are
// indexed again, so a correction costs little in a large collection.
func (l *Library) reindex(base *Library, changed []int32) {
	n := len(l.briefs)
	isChanged := newBitset(n)
	for _, i := range changed {
		isChanged.set(i)
	}
	l.postings = make(map[string]map[string]postings, len(base.postings))
	l.names = make(map[string]map[string]string, len(base.names))
	for _, f := range l.fields {
		if f.index == nil {
			continue
		}
		touched := map[string]bool{}
		add := map[string][]int32{}
		names := maps.Clone(base.names[f.name])
		if names == nil {
			names = map[string]string{}
		}
		for _, i := range changed {
			f.index(base.briefs[i], func(k, _ string) { touched[k] = true })
			f.index(l.briefs[i], func(k, name string) {
				touched[k] = true
				if ls := add[k]; len(ls) == 0 || ls[len(ls)-1] != i {
					add[k] = append(ls, i)
				}
				if name != "" {
					names[k] = name
				}
			})
		}
		vals := maps.Clone(base.postings[f.name])
		if vals == nil {
			vals = map[string]postings{}
		}
		for k := range touched {
			p := repost(vals[k], changed, isChanged, add[k], n)
			if p == nil {
				delete(vals, k)
				delete(names, k)
				continue
			}
			vals[k] = p
		}
		l.postings[f.name], l.names[f.name] = vals, names
	}
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

// repost is the postings p (nil: none) with the briefs at the positions
// changed (ascending; isChanged holds them) taken out, then those of add
// (ascending) put in; nil when none is left.
func repost(p postings, changed []int32, isChanged bitset, add []int32, n int) postings {
	if bs, ok := p.(bitset); ok {
		out := slices.Clone(bs)
		for _, i := range changed {
			out.clear(i)
		}
		for _, i := range add {
			out.set(i)
		}
		if slices.ContainsFunc(out, func(w uint64) bool { return w != 0 }) {
			return out
		}
		return nil
	}
	var ids []int32
	if p != nil {
		ids = slices.DeleteFunc(p.appendTo(nil), isChanged.has)
	}
	if len(add) > 0 { // merge two ascending lists
		merged := make([]int32, 0, len(ids)+len(add))
		a := 0
		for _, i := range ids {
			for a < len(add) && add[a] < i {
				merged = append(merged, add[a])
				a++
			}
			merged = append(merged, i)
		}
		ids = append(merged, add[a:]...)
	}
	if len(ids) == 0 {
		return nil
	}
	return newPostings(ids, n)
}

// dateOrder is the default order of briefs (newest first, undated last,
// then title, then ID) when it is not their order in the slice, nil when
// it is; only the briefs at the positions moved are out of place (the
// others are in that order).
func dateOrder(bs []*brief.Brief, moved []int32) []int32 {
	slices.SortFunc(moved, func(i, j int32) int { return cmp.Or(defaultCmp(bs[i], bs[j]), cmp.Compare(i, j)) })
	isMoved := newBitset(len(bs))
	for _, i := range moved {
		isMoved.set(i)
	}
	stay := make([]int32, 0, len(bs)-len(moved))
	for i := range int32(len(bs)) {
		if !isMoved.has(i) {
			stay = append(stay, i)
		}
	}
	o := make([]int32, 0, len(bs))
	from := 0
	for _, m := range moved {
		at := sort.Search(len(stay), func(j int) bool { return defaultCmp(bs[m], bs[stay[j]]) < 0 })
		if at > from {
			o = append(o, stay[from:at]...)
			from = at
		}
		o = append(o, m)
	}
	o = append(o, stay[from:]...)
	inPlace := true
	for i, k := range o {
		if int32(i) != k {
			inPlace = false
			break
		}
	}
	if inPlace {
		return nil
	}
	return o
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
	briefs   []int32   // the briefs with a corrected title, ascending
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
	tw := &titleWords{keys: make([]string, 0, len(m)), briefs: which}
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

// recheck clears in set the briefs with a corrected title that the text
// index matched by a word of the title as extracted only: each word of the
// term must begin a word of the corrected title or of the body (the whole
// word for all but the last of a phrase, exact).
func (tw *titleWords) recheck(l *Library, set bitset, words []textmatch.Word, quoted bool) {
	if tw == nil {
		return
	}
	for _, i := range tw.briefs {
		if !set.has(i) {
			continue
		}
		b := l.briefs[i]
		body := l.bodyOf(b)
		for k, w := range words {
			exact := quoted && k < len(words)-1
			if !holdsWord(b.Title, w, exact) && !holdsWord(body, w, exact) {
				set.clear(i)
				break
			}
		}
	}
}

// holdsWord reports whether a word of text has the key of w (exact) or
// begins with it.
func holdsWord(text string, w textmatch.Word, exact bool) bool {
	found := false
	textmatch.EachKey(text, func(k string) {
		for _, x := range []string{w.Full, w.Stem} {
			if x != "" && (k == x || !exact && strings.HasPrefix(k, x)) {
				found = true
			}
		}
	})
	return found
}
