package library

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/tags"
	"github.com/briefs/briefs/internal/textmatch"
)

// field is one entry of the registry: a field of the query language
// (edition:3). A field with a title is a facet: the picker lists its values
// with counts, Search counts them and ToggleFacet writes their terms.
//
// Adding a facet is adding one entry to fields(): postings (index, or user
// for facets that come from the user's data), how a query value selects
// them (resolve), labels and order. Parse, Search, Facets and ToggleFacet
// iterate the registry and know no field by name.
type field struct {
	name    string // in the query language, lower case
	title   string // the picker's heading; "" for a field that is not a facet
	example string // shown when a value is missing: "edition:3"

	// check validates a value's form when the query is parsed (nil: any
	// value); names that need the collection are resolved at search time.
	check func(v string) error
	// index builds the postings of each value over the collection, once,
	// in New (nil: none).
	index func(bs []*brief.Brief) map[string]postings
	// user adds what the user's data holds to the indexed postings, per
	// search (nil: the indexed postings are all).
	user func(l *Library, indexed map[string]postings, u User) map[string]postings
	// resolve maps a query value to the keys of the postings it selects.
	resolve func(l *Library, v string, vals map[string]postings) ([]string, error)
	// match selects briefs for a field without postings (dates); it is
	// used instead of resolve.
	match func(l *Library, v string) (bitset, error)
	// label is a key's display label (nil: the key itself).
	label func(l *Library, key string) string
	// order sorts the facet's values (nil: by count, most first, then label).
	order func(a, b FacetValue) int
}

// registry is the list of fields, in the order the picker shows them.
type registry []field

// fields is the registry of the query language's fields.
func fields() registry {
	return registry{
		{
			name: "edition", title: "Edition", example: "edition:3",
			check: func(v string) error { _, err := parseEdition(v); return err },
			index: func(bs []*brief.Brief) map[string]postings {
				return indexBy(bs, func(b *brief.Brief, add func(string)) { add(editionKey(b.Edition)) })
			},
			resolve: func(_ *Library, v string, _ map[string]postings) ([]string, error) {
				e, err := parseEdition(v)
				return []string{editionKey(e)}, err
			},
			label: func(_ *Library, k string) string {
				if n, err := strconv.Atoi(k); err == nil {
					return OrdinalLabel(n)
				}
				return k
			},
			order: byEdition,
		},
		{
			name: "country", title: "Country", example: "country:kuwait",
			index: func(bs []*brief.Brief) map[string]postings {
				return indexBy(bs, func(b *brief.Brief, add func(string)) {
					for _, c := range b.Countries {
						add(c.Code)
					}
				})
			},
			resolve: func(l *Library, v string, _ map[string]postings) ([]string, error) {
				code, err := l.lookupCountry(v)
				return []string{code}, err
			},
			label: func(l *Library, k string) string { return k + " " + l.names[k] },
		},
		{
			name: "source", title: "Source", example: "source:nina",
			index: func(bs []*brief.Brief) map[string]postings {
				return indexBy(bs, func(b *brief.Brief, add func(string)) {
					if b.Source != "" {
						add(b.Source)
					}
				})
			},
			resolve: func(_ *Library, v string, vals map[string]postings) ([]string, error) {
				return keysWithPrefix(vals, v), nil // source:shafaq
			},
		},
		{
			name: "tag", title: "Tag", example: "tag:followup",
			index: func(bs []*brief.Brief) map[string]postings {
				return indexBy(bs, func(b *brief.Brief, add func(string)) {
					for _, t := range statedTags(b) {
						add(t)
					}
				})
			},
			user: userTags,
			resolve: func(_ *Library, v string, _ map[string]postings) ([]string, error) {
				return []string{tags.Value(v)}, nil
			},
		},
		{
			name: "date", example: "date:2024-07 or date:2024-01..2024-12",
			check: func(v string) error { _, _, err := parseDateRange(v); return err },
			match: (*Library).dateMatch,
		},
	}
}

// lookup returns the field named name.
func (r registry) lookup(name string) (*field, bool) {
	for i := range r {
		if r[i].name == name {
			return &r[i], true
		}
	}
	return nil, false
}

// names lists the field names, for messages.
func (r registry) names() []string {
	out := make([]string, len(r))
	for i, f := range r {
		out[i] = f.name
	}
	return out
}

// postings is the set of briefs holding one value of a field: dense (a
// bitset over the collection) for common values, sparse (ascending brief
// indexes) for rare ones.
type postings interface {
	orInto(set bitset)
	countIn(base bitset) int
	appendTo(out []int32) []int32
}

func (s bitset) orInto(set bitset)            { set.or(s) }
func (s bitset) countIn(base bitset) int      { return base.andCount(s) }
func (s bitset) appendTo(out []int32) []int32 { return s.appendEach(out) }
func (s sparse) appendTo(out []int32) []int32 { return append(out, s...) }

// sparse postings: ascending brief indexes.
type sparse []int32

func (s sparse) orInto(set bitset) {
	for _, i := range s {
		set.set(i)
	}
}

func (s sparse) countIn(base bitset) int {
	n := 0
	for _, i := range s {
		if base.has(i) {
			n++
		}
	}
	return n
}

// newPostings stores ascending indexes of a collection of n briefs in the
// cheaper form: a bitset costs n/64 words whatever it holds.
func newPostings(ids []int32, n int) postings {
	if len(ids) < n/64 {
		return sparse(ids)
	}
	s := newBitset(n)
	for _, i := range ids {
		s.set(i)
	}
	return s
}

// indexBy builds postings: each brief goes under the keys keys adds.
func indexBy(bs []*brief.Brief, keys func(b *brief.Brief, add func(string))) map[string]postings {
	lists := map[string][]int32{}
	for i, b := range bs {
		keys(b, func(k string) {
			if l := lists[k]; len(l) == 0 || l[len(l)-1] != int32(i) {
				lists[k] = append(l, int32(i))
			}
		})
	}
	out := make(map[string]postings, len(lists))
	for k, l := range lists {
		out[k] = newPostings(l, len(bs))
	}
	return out
}

// keysWithPrefix lists the keys starting with prefix, ignoring case and,
// for Arabic, spelling variants and the article (textmatch.NameHasPrefix).
func keysWithPrefix(vals map[string]postings, prefix string) []string {
	var out []string
	for k := range vals {
		if textmatch.NameHasPrefix(k, prefix) {
			out = append(out, k)
		}
	}
	return out
}

// editionKey is an edition as written in the query: "3", or "none" for 0.
func editionKey(e int) string {
	if e == 0 {
		return "none"
	}
	return strconv.Itoa(e)
}

// byEdition orders editions by number, "none" last.
func byEdition(a, b FacetValue) int {
	if a.Value == "none" || b.Value == "none" {
		return boolCmp(a.Value == "none", b.Value == "none")
	}
	an, _ := strconv.Atoi(a.Value)
	bn, _ := strconv.Atoi(b.Value)
	return cmp.Compare(an, bn)
}

// userTags adds the user's tags to the front-matter tags.
func userTags(l *Library, indexed map[string]postings, u User) map[string]postings {
	lists := make(map[string][]int32, len(indexed)+16)
	for t, p := range indexed {
		lists[t] = p.appendTo(nil)
	}
	for id, ts := range u.Tags {
		i, ok := l.byID[id]
		if !ok {
			continue
		}
		for _, t := range ts {
			lists[t] = append(lists[t], i)
		}
	}
	out := make(map[string]postings, len(lists))
	for t, ids := range lists {
		slices.Sort(ids)
		out[t] = newPostings(slices.Compact(ids), len(l.briefs))
	}
	return out
}

// dateMatch selects the briefs published in a date range. Briefs are in
// date order, newest first, undated last: a range is a run of indexes.
func (l *Library) dateMatch(v string) (bitset, error) {
	from, to, err := parseDateRange(v)
	if err != nil {
		return nil, err
	}
	n := len(l.briefs)
	lo := sort.Search(n, func(i int) bool {
		p := l.briefs[i].Published
		return p.IsZero() || to.IsZero() || dayOf(p).Before(to)
	})
	hi := sort.Search(n, func(i int) bool {
		p := l.briefs[i].Published
		return p.IsZero() || (!from.IsZero() && dayOf(p).Before(from))
	})
	set := newBitset(n)
	for i := lo; i < hi; i++ {
		set.set(int32(i))
	}
	return set, nil
}

func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// lookupCountry resolves a country: by the extractor (codes, names,
// demonyms), by a code or name seen in the collection, or, as the user
// types, by a unique prefix of a name in the collection (country:kuw). A
// prefix of several names is ambiguous and says which.
func (l *Library) lookupCountry(v string) (string, error) {
	if l.x != nil {
		if code, _, ok := l.x.LookupCountry(v); ok {
			return code, nil
		}
	}
	up := strings.ToUpper(v)
	if _, ok := l.names[up]; ok {
		return up, nil
	}
	for code, name := range l.names {
		if textmatch.NameEqual(name, v) {
			return code, nil
		}
	}
	var found []string
	if utf8.RuneCountInString(v) >= 3 {
		for code, name := range l.names {
			if textmatch.NameHasPrefix(name, v) {
				found = append(found, code)
			}
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fmt.Errorf("country:%s: unknown country (use a name, an ISO code or a demonym, as in country:kuwait, country:KW or country:kuwaiti)", v)
	}
	names := make([]string, len(found))
	for i, c := range found {
		names[i] = l.names[c]
	}
	slices.Sort(names)
	return "", fmt.Errorf("country:%s is ambiguous: %s (type more of the name)", v, strings.Join(names, ", "))
}

// statedTags are the front-matter tags the store would accept, normalised;
// others are left out.
func statedTags(b *brief.Brief) []string {
	var out []string
	for _, t := range b.Stated.Tags {
		if n, err := tags.Normalize(t); err == nil && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
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

// index builds the postings of every field that has an index, and the
// country names.
func (l *Library) index() {
	l.postings = make(map[string]map[string]postings, len(l.fields))
	for _, f := range l.fields {
		if f.index != nil {
			l.postings[f.name] = f.index(l.briefs)
		}
	}
	l.names = map[string]string{}
	for _, b := range l.briefs {
		for _, c := range b.Countries {
			l.names[c.Code] = c.Name
		}
	}
}
