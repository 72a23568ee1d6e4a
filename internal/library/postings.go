package library

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/tags"
	"github.com/briefs/briefs/internal/textmatch"
)

// The machinery behind the registry (fields.go): postings, the index of
// every field's values, and the lookups the entries share.

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

// fieldsBuilder indexes the values of the fields of a registry that have
// an index: indexRun for every run of briefs, then merge for every field
// (the runs of a step may go on at once). It reads the briefs in the order
// they are in memory, the order of loading (in the default order, a brief
// and its values are anywhere: reading them was most of the work).
type fieldsBuilder struct {
	r     registry
	bs    []*brief.Brief // in load order
	pos   []int32        // pos[k]: the index of bs[k] in the library
	runs  briefRuns
	found [][]map[string]*fieldValue // [run][field]: the values found
	vals  []map[string]postings      // [field]: the briefs of each value
	names []map[string]string        // [field]: the names of the values
}

// fieldValue is what the briefs of a run hold of a value of a field.
type fieldValue struct {
	ids    []int32 // in load order
	name   string  // the name given by the last brief (in the library's order) giving one
	nameAt int32   // that brief; -1: none
}

func newFieldsBuilder(r registry, bs []*brief.Brief, pos []int32, workers int) *fieldsBuilder {
	runs := splitRuns(len(bs), workers)
	return &fieldsBuilder{r: r, bs: bs, pos: pos, runs: runs, found: make([][]map[string]*fieldValue, runs.count),
		vals: make([]map[string]postings, len(r)), names: make([]map[string]string, len(r))}
}

// indexRun finds the values of the briefs of run r, every field's in one
// pass.
func (fb *fieldsBuilder) indexRun(r int) {
	found := make([]map[string]*fieldValue, len(fb.r))
	adds := make([]func(k, name string), len(fb.r))
	var i int32 // the brief being indexed
	for f := range fb.r {
		if fb.r[f].index == nil {
			continue
		}
		seen := map[string]*fieldValue{}
		found[f] = seen
		adds[f] = func(k, name string) {
			v := seen[k]
			if v == nil {
				v = &fieldValue{nameAt: -1}
				seen[k] = v
			}
			if n := len(v.ids); n == 0 || v.ids[n-1] != i {
				v.ids = append(v.ids, i)
			}
			if name != "" && i >= v.nameAt {
				v.name, v.nameAt = name, i
			}
		}
	}
	lo, hi := fb.runs.bounds(r)
	for k, b := range fb.bs[lo:hi] {
		i = fb.pos[lo+k]
		for f, add := range adds {
			if add != nil {
				fb.r[f].index(b, add)
			}
		}
	}
	fb.found[r] = found
}

// merge makes the postings and the names of field f from its runs'.
func (fb *fieldsBuilder) merge(f int) {
	seen := fb.found[0][f]
	for _, run := range fb.found[1:] {
		for k, v := range run[f] {
			a := seen[k]
			if a == nil {
				seen[k] = v
				continue
			}
			a.ids = append(a.ids, v.ids...)
			if v.nameAt > a.nameAt {
				a.name, a.nameAt = v.name, v.nameAt
			}
		}
	}
	n := len(fb.bs)
	vals, names := make(map[string]postings, len(seen)), map[string]string{}
	for k, v := range seen {
		if len(v.ids) < n/64 { // sparse: ascending (a bitset sets them in any order)
			slices.Sort(v.ids)
		}
		vals[k] = newPostings(v.ids, n)
		if v.name != "" {
			names[k] = v.name
		}
	}
	fb.vals[f], fb.names[f] = vals, names
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

// named resolves a value of a facet whose values have names (countries,
// series): by known (the extractor's lookup; nil for none), by a key or a
// name seen in the collection, or, as the user types, by a unique prefix of
// a name (country:kuw). A prefix of several names is ambiguous and says
// which; unknown is the message for a value that matches nothing.
func (l *Library) named(field, v string, known func(string) (string, bool), unknown string) ([]string, error) {
	if known != nil {
		if k, ok := known(v); ok {
			return []string{k}, nil
		}
	}
	names := l.names[field]
	for k, name := range names {
		if strings.EqualFold(k, v) || textmatch.NameEqual(name, v) {
			return []string{k}, nil
		}
	}
	var found []string
	if utf8.RuneCountInString(v) >= 3 {
		for k, name := range names {
			if textmatch.NameHasPrefix(name, v) || textmatch.NameHasPrefix(k, v) {
				found = append(found, k)
			}
		}
	}
	switch len(found) {
	case 1:
		return found, nil
	case 0:
		return nil, fmt.Errorf("%s:%s: %s", field, v, unknown)
	}
	ns := make([]string, len(found))
	for i, k := range found {
		ns[i] = names[k]
	}
	slices.Sort(ns)
	return nil, fmt.Errorf("%s:%s is ambiguous: %s (type more of the name)", field, v, strings.Join(ns, ", "))
}

// userTags adds the user's tags to the front-matter tags.
func userTags(l *Library, indexed map[string]postings, u User) map[string]postings {
	lists := make(map[string][]int32, len(indexed)+16)
	for t, p := range indexed {
		lists[t] = p.appendTo(nil)
	}
	return l.listsPostings(lists, u.Tags)
}

// userRead is the read state as postings: "read" holds the briefs the
// user has read, "unread" the others; the brief being read (User.Reading)
// is in both, so a list of unread briefs keeps it while it is open.
func userRead(l *Library, _ map[string]postings, u User) map[string]postings {
	n := len(l.briefs)
	read, unread := newBitset(n), newBitset(n)
	unread.fill(n)
	for id, ok := range u.Read {
		if i, in := l.byID[id]; ok && in {
			read.set(i)
			if id != u.Reading {
				unread.clear(i)
			}
		}
	}
	return map[string]postings{"read": read, "unread": unread}
}

// userPeople makes the postings of by: from User.People (nothing is
// indexed: who annotated is the store's).
func userPeople(l *Library, _ map[string]postings, u User) map[string]postings {
	return l.listsPostings(map[string][]int32{}, u.People)
}

// listsPostings adds to lists (value -> brief indexes) the values byID
// gives the briefs of the collection, and makes each list postings.
func (l *Library) listsPostings(lists map[string][]int32, byID map[string][]string) map[string]postings {
	for id, values := range byID {
		i, ok := l.byID[id]
		if !ok {
			continue
		}
		for _, v := range values {
			lists[v] = append(lists[v], i)
		}
	}
	out := make(map[string]postings, len(lists))
	for v, ids := range lists {
		slices.Sort(ids)
		out[v] = newPostings(slices.Compact(ids), len(l.briefs))
	}
	return out
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

// dateMatch selects the briefs published in a date range. Briefs are in
// date order, newest first, undated last: a range is a run of indexes.
func (l *Library) dateMatch(v string) (bitset, error) {
	from, to, err := parseDateRange(v)
	if err != nil {
		return nil, err
	}
	n := len(l.briefs)
	if l.byDate != nil { // corrected dates: not in date order
		set := newBitset(n)
		for i, b := range l.briefs {
			if p := b.Published; !p.IsZero() && (from.IsZero() || !dayOf(p).Before(from)) && (to.IsZero() || dayOf(p).Before(to)) {
				set.set(int32(i))
			}
		}
		return set, nil
	}
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

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
