package library

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/briefs/briefs/internal/brief"
)

// Tags maps brief IDs to the user's tags (from the store). A Tags value is
// treated as immutable once passed to Search.
type Tags map[string][]string

// User is what the user's store adds to the collection for a search. Its
// maps are treated as immutable once passed to Search.
type User struct {
	Tags Tags // brief ID -> the user's tags
	// Read holds the IDs of the briefs the user has read; nil when the
	// read state is unknown (no store): then Result.Unread and
	// FacetValue.Unread are not counted.
	Read map[string]bool
	// Reading is the brief the user has open: is:unread still selects it
	// after opening it marked it read, so it does not vanish from a list
	// of unread briefs while it is read.
	Reading string
	// People is, by brief ID, who tagged, noted or corrected it (by:NAME;
	// store.People).
	People map[string][]string
}

// FacetValue is one value of a facet with the number of briefs it would
// show given the other active filters.
type FacetValue struct {
	Field  string // the query field: "edition", "country", "tag", "source"
	Value  string // as written into the query: "3", "KW", "followup", "NINA"
	Label  string // for display: "3rd", "KW Kuwait"
	Count  int
	Unread int  // how many of Count the user has not read (0 when the read state is unknown)
	Active bool // a positive term of the query selects it
	// Series is, for an edition listed under a series (in Editions), the
	// series' key; "" otherwise.
	Series string
	// Editions are, for a series, its editions with their counts, by
	// number (issue 7 item 4); nil for other values.
	Editions []FacetValue
}

// FacetGroup is one facet: its field, its heading and its values.
type FacetGroup struct {
	Field  string
	Title  string
	Values []FacetValue
	// ReadState: the facet is the read state (is:); its values have no
	// unread counts.
	ReadState bool
}

// Facets are the facets of a result, in the registry's order.
type Facets []FacetGroup

// Of returns the values of the facet of field.
func (f Facets) Of(field string) []FacetValue {
	for _, g := range f {
		if g.Field == field {
			return g.Values
		}
	}
	return nil
}

// Result is the outcome of a search.
type Result struct {
	Items  []int32 // brief indexes in the requested order
	Facets Facets
	Total  int // briefs in the library
	// Unread is how many of Items the user has not read; ReadKnown says
	// whether the read state was given (User.Read not nil).
	Unread    int
	ReadKnown bool
}

type cond struct {
	field  string
	negate bool
	set    bitset
}

// Search runs the query over the library with the user's data, returning
// the matching briefs in order and the facet counts. Every term is a set of
// briefs (postings for facet values; the text index for words; a range of
// the date order for dates), so a search costs a few word-wise passes over
// bitsets, not a pass over the briefs.
func (l *Library) Search(q Query, u User, by SortKey) (Result, error) {
	vals := l.values(u)
	conds, err := l.compile(q, vals)
	if err != nil {
		return Result{}, err
	}
	n := len(l.briefs)
	matched := l.combine(conds, "")
	res := Result{Total: n}
	res.Items = make([]int32, 0, min(n, 1024))
	if (by == ByDate || by < 0 || int(by) >= len(l.orders)) && l.byDate == nil {
		res.Items = matched.appendEach(res.Items)
	} else {
		for _, i := range l.order(by) {
			if matched.has(i) {
				res.Items = append(res.Items, i)
			}
		}
	}
	var unread bitset // the briefs not read, when the read state is known
	if u.Read != nil {
		unread = newBitset(n)
		unread.fill(n)
		for id, ok := range u.Read {
			if i, in := l.byID[id]; ok && in {
				unread.clear(i)
			}
		}
		res.ReadKnown, res.Unread = true, matched.andCount(unread)
	}
	for _, f := range l.fields {
		if f.title != "" {
			res.Facets = append(res.Facets, l.facet(&f, q, conds, matched, vals[f.name], unread))
		}
	}
	return res, nil
}

// values are the postings of every field for this search: the indexed
// ones, with the user's data added where a field takes it.
func (l *Library) values(u User) map[string]map[string]postings {
	out := make(map[string]map[string]postings, len(l.fields))
	for _, f := range l.fields {
		out[f.name] = l.postings[f.name]
		if f.user != nil {
			out[f.name] = f.user(l, out[f.name], u)
		}
	}
	return out
}

// facet counts the values of a facet. Its own values are ORed, so its
// counts ignore its own positive terms and honour all the others.
func (l *Library) facet(f *field, q Query, conds []cond, matched bitset, vals map[string]postings, unread bitset) FacetGroup {
	base := matched
	for _, c := range conds {
		if c.field == f.name && !c.negate {
			base = l.combine(conds, f.name)
			break
		}
	}
	var baseUnread bitset // base ∧ unread: the unread briefs a value would add
	if unread != nil && !f.readState {
		baseUnread = slices.Clone(base)
		baseUnread.and(unread)
	}
	active := l.activeKeys(f, q, vals)
	g := FacetGroup{Field: f.name, Title: f.title, Values: make([]FacetValue, 0, len(vals)), ReadState: f.readState}
	for k, p := range vals {
		label := cmp.Or(l.names[f.name][k], k)
		if f.label != nil {
			label = f.label(l, k)
		}
		v := FacetValue{Field: f.name, Value: k, Label: label, Count: p.countIn(base), Active: active[k]}
		if baseUnread != nil {
			v.Unread = p.countIn(baseUnread)
		}
		g.Values = append(g.Values, v)
	}
	order := f.order
	if order == nil {
		order = byCount
	}
	slices.SortFunc(g.Values, order)
	if f.name == "series" {
		l.seriesEditions(q, conds, g.Values, unread)
	}
	return g
}

// seriesEditions lists under every series value its editions, each with
// the briefs of the series and the edition, given the terms of the other
// fields.
func (l *Library) seriesEditions(q Query, conds []cond, series []FacetValue, unread bitset) {
	eds, ok := l.fields.lookup("edition")
	if !ok {
		return
	}
	evals := l.postings["edition"]
	base := l.combine(conds, "series", "edition")
	active := l.activeKeys(eds, q, evals)
	in := newBitset(len(l.briefs))
	for i := range series {
		sp, ok := l.postings["series"][series[i].Value]
		if !ok {
			continue
		}
		clear(in)
		sp.orInto(in)
		in.and(base)
		var inUnread bitset
		if unread != nil {
			inUnread = slices.Clone(in)
			inUnread.and(unread)
		}
		var out []FacetValue
		for k, p := range evals {
			if k == editionKey(0) {
				continue
			}
			n := p.countIn(in)
			if n == 0 {
				continue
			}
			v := FacetValue{Field: "edition", Value: k, Label: eds.label(l, k), Count: n,
				Active: series[i].Active && active[k], Series: series[i].Value}
			if inUnread != nil {
				v.Unread = p.countIn(inUnread)
			}
			out = append(out, v)
		}
		slices.SortFunc(out, byEdition)
		series[i].Editions = out
	}
}

// activeKeys lists the values the positive terms of f select, whichever
// way they are written (country:kuwait selects KW, edition:3rd 3).
func (l *Library) activeKeys(f *field, q Query, vals map[string]postings) map[string]bool {
	out := map[string]bool{}
	for _, t := range q.Terms {
		if t.Field != f.name || t.Negate || f.resolve == nil {
			continue
		}
		keys, err := f.resolve(l, t.Value, vals)
		if err != nil {
			continue
		}
		for _, k := range keys {
			out[k] = true
		}
	}
	return out
}

// combine intersects the conditions, leaving out the positive conditions
// of the fields skip ("" skips none).
func (l *Library) combine(conds []cond, skip ...string) bitset {
	out := newBitset(len(l.briefs))
	out.fill(len(l.briefs))
	for _, c := range conds {
		switch {
		case c.negate:
			out.andNot(c.set)
		case c.field != "" && slices.Contains(skip, c.field):
		default:
			out.and(c.set)
		}
	}
	return out
}

func (l *Library) compile(q Query, vals map[string]map[string]postings) ([]cond, error) {
	var conds []cond
	positive := map[string]int{} // field -> index in conds of its OR group
	for _, t := range q.Terms {
		set, err := l.termSet(t, vals)
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
func (l *Library) termSet(t Term, vals map[string]map[string]postings) (bitset, error) {
	if t.Field == "" {
		return l.textMatch(t), nil
	}
	f, ok := l.fields.lookup(t.Field)
	if !ok {
		return nil, fmt.Errorf("unknown field %q", t.Field)
	}
	if f.match != nil {
		return f.match(l, t.Value)
	}
	keys, err := f.resolve(l, t.Value, vals[f.name])
	if err != nil {
		return nil, err
	}
	set := newBitset(len(l.briefs))
	for _, k := range keys {
		if p, ok := vals[f.name][k]; ok {
			p.orInto(set)
		}
	}
	return set, nil
}

// ToggleFacet adds the facet value's term to the query, or removes every
// positive term that selects it (country:kuwait as well as country:KW).
//
// An edition listed under a series (v.Series set) selects both: it adds
// series:KEY and edition:N, whichever the query lacks; taken out, it
// removes the edition and keeps the series.
func (l *Library) ToggleFacet(q Query, v FacetValue) Query {
	if v.Series != "" {
		ed := FacetValue{Field: v.Field, Value: v.Value, Active: v.Active}
		if v.Active {
			return l.ToggleFacet(q, ed)
		}
		for _, fv := range []FacetValue{{Field: "series", Value: v.Series}, ed} {
			if f, ok := l.fields.lookup(fv.Field); ok && !l.activeKeys(f, q, l.postings[fv.Field])[fv.Value] {
				q = q.Toggle(fv.Field, fv.Value)
			}
		}
		return q
	}
	if !v.Active {
		return q.Toggle(v.Field, v.Value)
	}
	f, ok := l.fields.lookup(v.Field)
	if !ok || f.resolve == nil {
		return q.Toggle(v.Field, v.Value)
	}
	vals := l.postings[f.name]
	out := Query{}
	for _, t := range q.Terms {
		if !t.Negate && t.Field == v.Field {
			if keys, err := f.resolve(l, t.Value, vals); err == nil && slices.Contains(keys, v.Value) {
				continue
			}
		}
		out.Terms = append(out.Terms, t)
	}
	return out
}

// CountryName is the display name of a country code seen in the
// collection, or "".
func (l *Library) CountryName(code string) string { return l.names["country"][code] }

// effectiveTags is the union of a brief's front-matter tags and the user's.
func effectiveTags(b *brief.Brief, user Tags) []string {
	mine := user[b.ID]
	if len(b.Stated.Tags) == 0 {
		return mine
	}
	out := make([]string, 0, len(mine)+len(b.Stated.Tags))
	out = append(out, mine...)
	for _, t := range statedTags(b) {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// TagsOf returns a brief's tags (front matter and user), sorted.
func TagsOf(b *brief.Brief, user Tags) []string {
	out := slices.Clone(effectiveTags(b, user))
	slices.Sort(out)
	return out
}

// byCount orders facet values by count, most first, then by label.
func byCount(a, b FacetValue) int {
	return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Label, b.Label))
}
