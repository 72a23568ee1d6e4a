package library

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/store"
)

// Tags maps brief IDs to the user's tags (from the store). A Tags value is
// treated as immutable once passed to Search.
type Tags map[string][]string

// FacetValue is one value of a facet with the number of briefs it would
// show given the other active filters.
type FacetValue struct {
	Field  string // "edition", "country", "tag", "source"
	Value  string // as written into the query: "3", "KW", "followup", "NINA"
	Label  string // for display: "3rd", "KW Kuwait"
	Count  int
	Active bool
}

// Facets holds the values of each facet.
type Facets struct {
	Editions  []FacetValue
	Countries []FacetValue
	Tags      []FacetValue
	Sources   []FacetValue
}

// Result is the outcome of a search.
type Result struct {
	Items  []int32 // brief indexes in the requested order
	Facets Facets
	Total  int // briefs in the library
}

type cond struct {
	field  string
	negate bool
	set    bitset
}

// Search runs the query over the library with the user's tags, returning
// the matching briefs in order and the facet counts. Every term is a set of
// briefs (precomputed postings for editions, countries and sources; the text
// index for words; a range of the date order for dates), so a search costs
// a few word-wise passes over bitsets, not a pass over the briefs.
func (l *Library) Search(q Query, tags Tags, by SortKey) (Result, error) {
	tagSets := l.tagPostings(tags)
	conds, err := l.compile(q, tagSets)
	if err != nil {
		return Result{}, err
	}
	n := len(l.briefs)
	matched := l.combine(conds, "")
	res := Result{Total: n}
	order := l.orders[by]
	if order == nil {
		order = l.orders[ByDate]
	}
	res.Items = make([]int32, 0, min(n, 1024))
	if by == ByDate {
		res.Items = matched.appendEach(res.Items)
	} else {
		for _, i := range order {
			if matched.has(i) {
				res.Items = append(res.Items, i)
			}
		}
	}
	// facet counts: a facet's own values are ORed, so its counts ignore
	// its own terms and honour all the others
	base := func(field string) bitset {
		for _, c := range conds {
			if c.field == field && !c.negate {
				return l.combine(conds, field)
			}
		}
		return matched
	}
	var f Facets
	edBase := base("edition")
	for e, set := range l.values.editions {
		v, label := strconv.Itoa(e), OrdinalLabel(e)
		if e == 0 {
			v, label = "none", "none"
		}
		f.Editions = append(f.Editions, FacetValue{Field: "edition", Value: v, Label: label, Count: edBase.andCount(set), Active: q.Has("edition", v)})
	}
	slices.SortFunc(f.Editions, func(a, b FacetValue) int {
		if a.Value == "none" || b.Value == "none" {
			return boolCmp(a.Value == "none", b.Value == "none")
		}
		an, _ := strconv.Atoi(a.Value)
		bn, _ := strconv.Atoi(b.Value)
		return cmp.Compare(an, bn)
	})
	coBase := base("country")
	active := l.activeCountries(q)
	for code, set := range l.values.countries {
		f.Countries = append(f.Countries, FacetValue{Field: "country", Value: code, Label: code + " " + l.values.names[code], Count: coBase.andCount(set), Active: active[code]})
	}
	sortByCount(f.Countries)
	tgBase := base("tag")
	for t, ids := range tagSets {
		c := 0
		for _, i := range ids {
			if tgBase.has(i) {
				c++
			}
		}
		f.Tags = append(f.Tags, FacetValue{Field: "tag", Value: t, Label: t, Count: c, Active: q.Has("tag", t)})
	}
	sortByCount(f.Tags)
	soBase := base("source")
	for src, set := range l.values.sources {
		f.Sources = append(f.Sources, FacetValue{Field: "source", Value: src, Label: src, Count: soBase.andCount(set), Active: q.Has("source", src)})
	}
	sortByCount(f.Sources)
	res.Facets = f
	return res, nil
}

// combine intersects the conditions, leaving out the positive condition of
// the field skip ("" skips none).
func (l *Library) combine(conds []cond, skip string) bitset {
	out := newBitset(len(l.briefs))
	out.fill(len(l.briefs))
	for _, c := range conds {
		switch {
		case c.negate:
			out.andNot(c.set)
		case c.field == skip && skip != "":
		default:
			out.and(c.set)
		}
	}
	return out
}

// tagPostings maps each tag (user's and front matter) to its briefs,
// ascending.
func (l *Library) tagPostings(tags Tags) map[string][]int32 {
	out := make(map[string][]int32, len(l.values.stated)+16)
	for t, ids := range l.values.stated {
		out[t] = slices.Clone(ids)
	}
	for id, ts := range tags {
		i, ok := l.byID[id]
		if !ok {
			continue
		}
		for _, t := range ts {
			out[t] = append(out[t], i)
		}
	}
	for t, ids := range out {
		slices.Sort(ids)
		out[t] = slices.Compact(ids)
	}
	return out
}

func (l *Library) compile(q Query, tagSets map[string][]int32) ([]cond, error) {
	var conds []cond
	positive := map[string]int{} // field -> index in conds of its OR group
	for _, t := range q.Terms {
		set, err := l.termSet(t, tagSets)
		if err != nil {
			return nil, err
		}
		if t.Field != "" && !t.Negate {
			if k, ok := positive[t.Field]; ok {
				conds[k].set.or(set)
				continue
			}
			positive[t.Field] = len(conds)
		}
		conds = append(conds, cond{field: t.Field, negate: t.Negate, set: set})
	}
	return conds, nil
}

// termSet is the set of briefs a term selects (a fresh bitset the caller
// may change).
func (l *Library) termSet(t Term, tagSets map[string][]int32) (bitset, error) {
	n := len(l.briefs)
	set := newBitset(n)
	switch t.Field {
	case "":
		return l.textMatch(t), nil
	case "edition":
		e, err := parseEdition(t.Value)
		if err != nil {
			return nil, err
		}
		set.or(l.values.editions[e])
	case "country":
		code, ok := l.lookupCountry(t.Value)
		if !ok {
			return nil, fmt.Errorf("country:%s: unknown country (use a name, an ISO code or a demonym, as in country:kuwait, country:KW or country:kuwaiti)", t.Value)
		}
		set.or(l.values.countries[code])
	case "tag":
		for _, i := range tagSets[NormalizeTagValue(t.Value)] {
			set.set(i)
		}
	case "source":
		want := strings.ToLower(t.Value)
		for src, s := range l.values.sources {
			if strings.HasPrefix(strings.ToLower(src), want) {
				set.or(s)
			}
		}
	case "date":
		from, to, err := parseDateRange(t.Value)
		if err != nil {
			return nil, err
		}
		// briefs are in date order, newest first, undated last: a date
		// range is a run of indexes
		lo := sort.Search(n, func(i int) bool {
			p := l.briefs[i].Published
			return p.IsZero() || to.IsZero() || dayOf(p).Before(to)
		})
		hi := sort.Search(n, func(i int) bool {
			p := l.briefs[i].Published
			return p.IsZero() || (!from.IsZero() && dayOf(p).Before(from))
		})
		for i := lo; i < hi; i++ {
			set.set(int32(i))
		}
	default:
		return nil, fmt.Errorf("unknown field %q", t.Field)
	}
	return set, nil
}

func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// activeCountries lists the codes selected by positive country terms,
// whichever name they use (country:kuwait activates KW).
func (l *Library) activeCountries(q Query) map[string]bool {
	out := map[string]bool{}
	for _, t := range q.Terms {
		if t.Field == "country" && !t.Negate {
			if c, ok := l.lookupCountry(t.Value); ok {
				out[c] = true
			}
		}
	}
	return out
}

func (l *Library) lookupCountry(v string) (string, bool) {
	if l.x != nil {
		if code, _, ok := l.x.LookupCountry(v); ok {
			return code, true
		}
	}
	// codes and names seen in the collection work without an extractor
	up := strings.ToUpper(v)
	if _, ok := l.values.names[up]; ok {
		return up, true
	}
	for code, name := range l.values.names {
		if strings.EqualFold(name, v) {
			return code, true
		}
	}
	// as the user types: a unique prefix of a country in the collection
	if len(v) >= 3 {
		found := ""
		lv := strings.ToLower(v)
		for code, name := range l.values.names {
			if strings.HasPrefix(strings.ToLower(name), lv) {
				if found != "" {
					return "", false
				}
				found = code
			}
		}
		if found != "" {
			return found, true
		}
	}
	return "", false
}

// CountryName is the display name of a country code seen in the
// collection, or "".
func (l *Library) CountryName(code string) string { return l.values.names[code] }

// NormalizeTagValue writes a tag the way the store keeps it (lower case,
// words joined with "-", no leading "#"); a value the store would refuse is
// only lower-cased, so it matches nothing.
func NormalizeTagValue(s string) string {
	if t, err := store.NormalizeTag(s); err == nil {
		return t
	}
	return strings.ToLower(strings.Join(strings.Fields(s), "-"))
}

// effectiveTags is the union of a brief's front-matter tags and the user's.
func effectiveTags(b *brief.Brief, tags Tags) []string {
	user := tags[b.ID]
	if len(b.Stated.Tags) == 0 {
		return user
	}
	out := make([]string, 0, len(user)+len(b.Stated.Tags))
	out = append(out, user...)
	for _, t := range statedTags(b) {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// statedTags are the front-matter tags the store would accept, normalised;
// others are left out.
func statedTags(b *brief.Brief) []string {
	var out []string
	for _, t := range b.Stated.Tags {
		if n, err := store.NormalizeTag(t); err == nil && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// TagsOf returns a brief's tags (front matter and user), sorted.
func TagsOf(b *brief.Brief, tags Tags) []string {
	out := slices.Clone(effectiveTags(b, tags))
	slices.Sort(out)
	return out
}

// ToggleFacet adds the facet value's term to the query, or removes every
// positive term that selects it (country:kuwait as well as country:KW).
func (l *Library) ToggleFacet(q Query, v FacetValue) Query {
	if !v.Active {
		return q.Toggle(v.Field, v.Value)
	}
	out := Query{}
	for _, t := range q.Terms {
		if !t.Negate && t.Field == v.Field {
			if strings.EqualFold(t.Value, v.Value) {
				continue
			}
			if v.Field == "country" {
				if c, ok := l.lookupCountry(t.Value); ok && c == v.Value {
					continue
				}
			}
		}
		out.Terms = append(out.Terms, t)
	}
	return out
}

func sortByCount(vs []FacetValue) {
	slices.SortFunc(vs, func(a, b FacetValue) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Label, b.Label))
	})
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
