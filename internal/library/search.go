package library

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/briefs/briefs/internal/brief"
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
	match  func(i int32, b *brief.Brief) bool
}

// Search runs the query over the library with the user's tags, returning
// the matching briefs in order and the facet counts.
func (l *Library) Search(q Query, tags Tags, by SortKey) (Result, error) {
	conds, err := l.compile(q, tags)
	if err != nil {
		return Result{}, err
	}
	n := len(l.briefs)
	matched := newBitset(n)
	ed := map[int]int{}
	co := map[string]int{}
	tg := map[string]int{}
	so := map[string]int{}
	for i, b := range l.briefs {
		idx := int32(i)
		failed := -1
		nfail := 0
		for k := range conds {
			if conds[k].match(idx, b) == conds[k].negate {
				nfail++
				failed = k
				if nfail > 1 {
					break
				}
			}
		}
		var only string
		switch {
		case nfail == 0:
			matched.set(idx)
		case nfail == 1 && !conds[failed].negate:
			only = conds[failed].field
			if only == "" || only == "date" {
				continue
			}
		default:
			continue
		}
		if only == "" || only == "edition" {
			ed[b.Edition]++
		}
		if only == "" || only == "country" {
			for _, c := range b.Countries {
				co[c.Code]++
			}
		}
		if only == "" || only == "tag" {
			for _, t := range effectiveTags(b, tags) {
				tg[t]++
			}
		}
		if only == "" || only == "source" {
			if b.Source != "" {
				so[b.Source]++
			}
		}
	}
	res := Result{Total: n}
	order := l.orders[by]
	if order == nil {
		order = l.orders[ByDate]
	}
	res.Items = make([]int32, 0, 64)
	for _, i := range order {
		if matched.has(i) {
			res.Items = append(res.Items, i)
		}
	}
	res.Facets = l.facets(q, tags, ed, co, tg, so)
	return res, nil
}

func (l *Library) compile(q Query, tags Tags) ([]cond, error) {
	var conds []cond
	positive := map[string]int{} // field -> index in conds of its OR group
	for _, t := range q.Terms {
		m, err := l.termMatcher(t, tags)
		if err != nil {
			return nil, err
		}
		if t.Field != "" && !t.Negate {
			if k, ok := positive[t.Field]; ok {
				prev := conds[k].match
				conds[k].match = func(i int32, b *brief.Brief) bool { return prev(i, b) || m(i, b) }
				continue
			}
			positive[t.Field] = len(conds)
		}
		conds = append(conds, cond{field: t.Field, negate: t.Negate, match: m})
	}
	return conds, nil
}

func (l *Library) termMatcher(t Term, tags Tags) (func(int32, *brief.Brief) bool, error) {
	switch t.Field {
	case "":
		set := l.textMatch(t)
		return func(i int32, _ *brief.Brief) bool { return set.has(i) }, nil
	case "edition":
		n, err := parseEdition(t.Value)
		if err != nil {
			return nil, err
		}
		return func(_ int32, b *brief.Brief) bool { return b.Edition == n }, nil
	case "country":
		code, ok := l.lookupCountry(t.Value)
		if !ok {
			return nil, fmt.Errorf("country:%s: unknown country (use a name, an ISO code or a demonym, as in country:kuwait, country:KW or country:kuwaiti)", t.Value)
		}
		return func(_ int32, b *brief.Brief) bool {
			for _, c := range b.Countries {
				if c.Code == code {
					return true
				}
			}
			return false
		}, nil
	case "tag":
		want := NormalizeTagValue(t.Value)
		return func(_ int32, b *brief.Brief) bool { return slices.Contains(effectiveTags(b, tags), want) }, nil
	case "source":
		want := strings.ToLower(t.Value)
		return func(_ int32, b *brief.Brief) bool {
			s := strings.ToLower(b.Source)
			return s == want || strings.HasPrefix(s, want+" ") || s != "" && strings.HasPrefix(s, want)
		}, nil
	case "date":
		from, to, err := parseDateRange(t.Value)
		if err != nil {
			return nil, err
		}
		return func(_ int32, b *brief.Brief) bool {
			if b.Published.IsZero() {
				return false
			}
			d := time.Date(b.Published.Year(), b.Published.Month(), b.Published.Day(), 0, 0, 0, 0, time.UTC)
			return (from.IsZero() || !d.Before(from)) && (to.IsZero() || d.Before(to))
		}, nil
	}
	return nil, fmt.Errorf("unknown field %q", t.Field)
}

func (l *Library) lookupCountry(v string) (string, bool) {
	if l.x != nil {
		if code, _, ok := l.x.LookupCountry(v); ok {
			return code, true
		}
	}
	up := strings.ToUpper(v)
	for _, b := range l.briefs { // codes seen in the collection still work without an extractor
		for _, c := range b.Countries {
			if c.Code == up || strings.EqualFold(c.Name, v) {
				return c.Code, true
			}
		}
	}
	return "", false
}

// NormalizeTagValue lower-cases a tag and joins its words with "-".
func NormalizeTagValue(s string) string {
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
	for _, t := range b.Stated.Tags {
		if t = NormalizeTagValue(t); !slices.Contains(out, t) {
			out = append(out, t)
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

func (l *Library) facets(q Query, tags Tags, ed map[int]int, co, tg, so map[string]int) Facets {
	var f Facets
	// every value present in the collection is listed, with its count
	edAll, coAll, soAll := l.values.editions, l.values.countries, l.values.sources
	for e := range edAll {
		v, label := strconv.Itoa(e), ""
		if e == 0 {
			v, label = "none", "none"
		} else {
			label = OrdinalLabel(e)
		}
		f.Editions = append(f.Editions, FacetValue{Field: "edition", Value: v, Label: label, Count: ed[e], Active: q.Has("edition", v)})
	}
	slices.SortFunc(f.Editions, func(a, b FacetValue) int {
		if a.Value == "none" || b.Value == "none" {
			return boolCmp(a.Value == "none", b.Value == "none")
		}
		an, _ := strconv.Atoi(a.Value)
		bn, _ := strconv.Atoi(b.Value)
		return cmp.Compare(an, bn)
	})
	for code, name := range coAll {
		f.Countries = append(f.Countries, FacetValue{Field: "country", Value: code, Label: code + " " + name, Count: co[code], Active: q.Has("country", code) || l.hasCountryTerm(q, code)})
	}
	sortByCount(f.Countries)
	allTags := map[string]bool{}
	for _, ts := range tags {
		for _, t := range ts {
			allTags[t] = true
		}
	}
	for _, b := range l.briefs {
		for _, t := range b.Stated.Tags {
			allTags[NormalizeTagValue(t)] = true
		}
	}
	for t := range allTags {
		f.Tags = append(f.Tags, FacetValue{Field: "tag", Value: t, Label: t, Count: tg[t], Active: q.Has("tag", t)})
	}
	sortByCount(f.Tags)
	for s := range soAll {
		f.Sources = append(f.Sources, FacetValue{Field: "source", Value: s, Label: s, Count: so[s], Active: q.Has("source", s)})
	}
	sortByCount(f.Sources)
	return f
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

// hasCountryTerm reports whether a positive country term names code by any
// of its names ("country:kuwait" activates KW).
func (l *Library) hasCountryTerm(q Query, code string) bool {
	for _, t := range q.Terms {
		if t.Field == "country" && !t.Negate {
			if c, ok := l.lookupCountry(t.Value); ok && c == code {
				return true
			}
		}
	}
	return false
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
