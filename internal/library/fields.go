package library

import (
	"cmp"
	"errors"
	"strconv"
	"strings"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/tags"
)

// field is one entry of the registry: a field of the query language
// (edition:3). A field with a title is a facet: the picker lists its values
// with counts, Search counts them and ToggleFacet writes their terms.
//
// Adding a facet is adding one entry to fields(): which values a brief has
// (index, or user for values from the user's data), how a query value
// selects them (resolve), labels and order. Parse, Search, the facet counts
// and ToggleFacet iterate the registry and know no field by name
// (postings.go).
type field struct {
	name    string // in the query language, lower case
	title   string // the picker's heading; "" for a field that is not a facet
	example string // shown when a value is missing: "edition:3"

	// check validates a value's form when the query is parsed (nil: any
	// value); names that need the collection are resolved at search time.
	check func(v string) error
	// index tells the values of a brief: add(key, name) for each, name
	// being the value's display name ("" for none). Called for every brief
	// once, in New (nil: the field has no indexed values).
	index func(b *brief.Brief, add func(key, name string))
	// user adds what the user's data holds to the indexed postings, per
	// search (nil: the indexed postings are all).
	user func(l *Library, indexed map[string]postings, u User) map[string]postings
	// resolve maps a query value to the keys of the postings it selects.
	resolve func(l *Library, v string, vals map[string]postings) ([]string, error)
	// match selects briefs for a field without postings (dates); it is
	// used instead of resolve.
	match func(l *Library, v string) (bitset, error)
	// label is a key's display label (nil: its name, or the key).
	label func(l *Library, key string) string
	// order sorts the facet's values (nil: by count, most first, then label).
	order func(a, b FacetValue) int
	// readState: the facet is the read state (is:): its values get no
	// unread counts, and a reader without the read state hides it.
	readState bool
}

// registry is the list of fields, in the order the picker shows them.
type registry []field

// fields is the registry of the query language's fields.
func fields() registry {
	return registry{
		{
			name: "series", title: "Series", example: `series:cop or series:"arab league summit"`,
			index: func(b *brief.Brief, add func(key, name string)) {
				if !b.Series.IsZero() {
					add(b.Series.Key, b.Series.Name)
				}
			},
			resolve: func(l *Library, v string, _ map[string]postings) ([]string, error) {
				var known func(string) (string, bool)
				if x, ok := l.x.(interface {
					LookupSeries(string) (brief.Series, bool)
				}); ok {
					known = func(v string) (string, bool) { s, ok := x.LookupSeries(v); return s.Key, ok }
				}
				return l.named("series", v, known, "unknown series (use its name, an alias or its key, as in series:cop)")
			},
		},
		{
			name: "edition", title: "Edition", example: "edition:3",
			check: func(v string) error { _, err := parseEdition(v); return err },
			index: func(b *brief.Brief, add func(key, name string)) { add(editionKey(b.Edition), "") },
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
			index: func(b *brief.Brief, add func(key, name string)) {
				for _, c := range b.Countries {
					add(c.Code, c.Name)
				}
			},
			resolve: func(l *Library, v string, _ map[string]postings) ([]string, error) {
				var known func(string) (string, bool)
				if l.x != nil {
					known = func(v string) (string, bool) { code, _, ok := l.x.LookupCountry(v); return code, ok }
				}
				return l.named("country", v, known,
					"unknown country (use a name, an ISO code or a demonym, as in country:kuwait, country:KW or country:kuwaiti)")
			},
			label: func(l *Library, k string) string { return k + " " + l.names["country"][k] },
		},
		{
			name: "source", title: "Source", example: "source:nina",
			index: func(b *brief.Brief, add func(key, name string)) {
				if b.Source != "" {
					add(b.Source, "")
				}
			},
			resolve: func(l *Library, v string, vals map[string]postings) ([]string, error) {
				// any alias the extractor knows (source:واع, source:"أ ش أ",
				// "National Iraqi News Agency"), else a prefix (source:shafaq)
				if r, ok := l.x.(interface{ ResolveSource(string) (string, bool) }); ok {
					if name, ok := r.ResolveSource(v); ok {
						return []string{name}, nil
					}
				}
				return keysWithPrefix(vals, v), nil
			},
		},
		{
			name: "tag", title: "Tag", example: "tag:followup",
			index: func(b *brief.Brief, add func(key, name string)) {
				for _, t := range statedTags(b) {
					add(t, "")
				}
			},
			user: userTags,
			resolve: func(_ *Library, v string, _ map[string]postings) ([]string, error) {
				return []string{tags.Value(v)}, nil
			},
		},
		{
			name: "is", title: "Read", example: "is:unread or is:read",
			check: func(v string) error { _, err := readKey(v); return err },
			user:  userRead, readState: true,
			resolve: func(_ *Library, v string, _ map[string]postings) ([]string, error) {
				k, err := readKey(v)
				return []string{k}, err
			},
			order: func(a, b FacetValue) int { return boolCmp(a.Value == "read", b.Value == "read") },
		},
		{
			// who tagged, wrote a note on or corrected a brief (a team
			// store's people; on your own database, you)
			name: "by", example: "by:ali",
			user: userPeople,
			resolve: func(_ *Library, v string, vals map[string]postings) ([]string, error) {
				for k := range vals {
					if strings.EqualFold(k, v) {
						return []string{k}, nil
					}
				}
				return keysWithPrefix(vals, v), nil
			},
		},
		{
			name: "date", example: "date:2024-07 or date:2024-01..2024-12",
			check: func(v string) error { _, _, err := parseDateRange(v); return err },
			match: (*Library).dateMatch,
		},
	}
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

// readKey is the value of is: as a key: "unread" or "read".
func readKey(v string) (string, error) {
	switch k := strings.ToLower(v); k {
	case "unread", "read":
		return k, nil
	}
	return "", errors.New("is: takes unread or read, as in is:unread")
}
