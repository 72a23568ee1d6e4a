package library

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/brief"
)

// TestNewFacetIsOneEntry adds a facet (the dateline) as one entry of the
// registry and checks that the query language, Search, the facet counts
// and ToggleFacet all know it, with nothing else written for it. The
// series facet is such an entry (TestSeriesFacet); is:unread is one
// with a user func reading User, as tag: is (TestReadState).
func TestNewFacetIsOneEntry(t *testing.T) {
	dateline := field{
		name: "dateline", title: "Dateline", example: "dateline:baghdad",
		index: func(b *brief.Brief, add func(key, name string)) {
			if b.Dateline != "" {
				add(b.Dateline, "")
			}
		},
		resolve: func(_ *Library, v string, vals map[string]postings) ([]string, error) {
			return keysWithPrefix(vals, v), nil
		},
	}
	reg := append(fields(), dateline)
	bs := testLib().Briefs()
	bs[0].Dateline, bs[1].Dateline, bs[2].Dateline = "Baghdad", "Basra", "Baghdad"
	l := newLibrary(stubX{}, bs, reg)

	q, err := reg.parse("dateline:bag")
	if err != nil {
		t.Fatal(err)
	}
	r, err := l.Search(q, User{}, ByDate)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(l, r); got != "a1,c3" {
		t.Errorf("dateline:bag -> %s", got)
	}
	if g := r.Facets[len(r.Facets)-1]; g.Field != "dateline" || g.Title != "Dateline" {
		t.Fatalf("last facet %+v", g)
	}
	vs := r.Facets.Of("dateline")
	if len(vs) != 2 || vs[0].Value != "Baghdad" || vs[0].Count != 2 || !vs[0].Active || vs[1].Count != 1 || vs[1].Active {
		t.Errorf("dateline values %+v", vs)
	}
	if got := l.ToggleFacet(q, vs[0]).String(); got != "" {
		t.Errorf("untoggle Baghdad left %q", got)
	}
	if got := l.ToggleFacet(q, vs[1]).String(); got != "dateline:bag dateline:Basra" {
		t.Errorf("toggle Basra gives %q", got)
	}
	if _, err := reg.parse("dateline:"); err == nil || !strings.Contains(err.Error(), "as in dateline:baghdad") {
		t.Errorf("empty value: %v", err)
	}
	// the default registry does not know it
	if _, err := Parse("dateline:x"); err == nil || !strings.Contains(err.Error(), "fields: series, edition, country, source, tag, is, by, date") {
		t.Errorf("Parse(dateline:x) = %v", err)
	}
}

// TestFacetsFollowTheRegistry: Search reports the facets in the registry's
// order; editions by number with none last, others by count.
func TestFacetsFollowTheRegistry(t *testing.T) {
	l := testLib()
	r, err := l.Search(Query{}, User{Tags: Tags{"a1": {"x"}, "b2": {"x", "y"}}}, ByDate)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range r.Facets {
		got = append(got, g.Title)
	}
	if want := []string{"Series", "Edition", "Country", "Source", "Tag", "Read"}; !slices.Equal(got, want) {
		t.Errorf("facets %q, want %q", got, want)
	}
	var eds []string
	for _, v := range r.Facets.Of("edition") {
		eds = append(eds, v.Label)
	}
	if want := []string{"1st", "2nd", "3rd", "none"}; !slices.Equal(eds, want) {
		t.Errorf("editions %q", eds)
	}
	if tg := r.Facets.Of("tag"); len(tg) != 2 || tg[0].Value != "x" || tg[0].Count != 2 {
		t.Errorf("tags %+v", tg)
	}
	// edition:3rd is the value 3: shown active, and untoggled by it
	q, _ := Parse("edition:3rd")
	r, _ = l.Search(q, User{}, ByDate)
	for _, v := range r.Facets.Of("edition") {
		if v.Active != (v.Value == "3") {
			t.Errorf("edition %s active %v", v.Value, v.Active)
		}
		if v.Value == "3" && l.ToggleFacet(q, v).String() != "" {
			t.Errorf("untoggle 3 left %q", l.ToggleFacet(q, v).String())
		}
	}
}

// seriesX is stubX that also knows series by alias, as the extractor does.
type seriesX struct{ stubX }

func (seriesX) LookupSeries(s string) (brief.Series, bool) {
	if strings.EqualFold(s, "UN Climate Change Conference") {
		return brief.Series{Key: "cop", Name: "COP"}, true
	}
	return brief.Series{}, false
}

// TestSeriesFacet: series: by key, name, the extractor's aliases and a
// unique prefix; the facet lists the series by name; a prefix of several
// says which.
func TestSeriesFacet(t *testing.T) {
	bs := testLib().Briefs()
	bs[0].Series = brief.Series{Key: "baghdad-drug-control-conference", Name: "Baghdad International Conference on Drug Control"}
	bs[1].Series = bs[0].Series
	bs[2].Series = brief.Series{Key: "cop", Name: "COP"}
	bs[3].Series = brief.Series{Key: "arab-league-summit", Name: "Arab League Summit"}
	e5 := mk("e5", "Arab-China summit", "Leaders met.", "SPA", "2023-01-01", 1)
	e5.Series = brief.Series{Key: "arab-china-summit", Name: "Arab-China Summit"}
	l := New(seriesX{}, append(bs, e5))
	for q, want := range map[string]string{
		"series:cop":                              "c3",
		`series:"arab league summit"`:             "d4",
		`series:"UN Climate Change Conference"`:   "c3",
		"series:bagh edition:3":                   "a1",
		"series:cop series:arab-league-summit":    "c3,d4",
		"-series:baghdad-drug-control-conference": "c3,e5,d4",
	} {
		pq, err := Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		r, err := l.Search(pq, User{}, ByDate)
		if err != nil {
			t.Errorf("%s: %v", q, err)
			continue
		}
		if got := ids(l, r); got != want {
			t.Errorf("%s -> %s, want %s", q, got, want)
		}
	}
	for q, want := range map[string]string{
		"series:atlantis": "series:atlantis: unknown series",
		"series:arab":     "series:arab is ambiguous: Arab League Summit, Arab-China Summit",
	} {
		pq, _ := Parse(q)
		if _, err := l.Search(pq, User{}, ByDate); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", q, err, want)
		}
	}
	q, _ := Parse("series:cop")
	r, _ := l.Search(q, User{}, ByDate)
	vs := r.Facets.Of("series")
	if len(vs) != 4 || vs[0].Label != "Baghdad International Conference on Drug Control" || vs[0].Count != 2 {
		t.Fatalf("series values %+v", vs)
	}
	for _, v := range vs {
		if v.Active != (v.Value == "cop") {
			t.Errorf("%s active %v", v.Value, v.Active)
		}
	}
}

// TestReadState: is:unread and is:read select by the user's read state
// (User.Read), the brief being read stays unread for is:unread, and every
// facet value counts its unread briefs when the read state is known.
func TestReadState(t *testing.T) {
	l := testLib()
	u := User{Read: map[string]bool{"a1": true, "c3": true}}
	cases := []struct{ q, want string }{
		{"is:unread", "b2,d4"},
		{"is:read", "a1,c3"},
		{"IS:Unread", "b2,d4"},
		{"-is:read country:iq", "b2"},
		{"is:read is:unread", "a1,b2,c3,d4"},
	}
	for _, c := range cases {
		q, err := Parse(c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.q, err)
		}
		r, err := l.Search(q, u, ByDate)
		if err != nil {
			t.Fatalf("%s: %v", c.q, err)
		}
		if got := ids(l, r); got != c.want {
			t.Errorf("%s -> %s, want %s", c.q, got, c.want)
		}
	}
	if _, err := Parse("is:new"); err == nil || !strings.Contains(err.Error(), "is:unread") {
		t.Errorf("is:new: %v", err)
	}
	// the brief being read stays in a list of unread briefs
	q, _ := Parse("is:unread")
	r, _ := l.Search(q, User{Read: u.Read, Reading: "a1"}, ByDate)
	if got := ids(l, r); got != "a1,b2,d4" {
		t.Errorf("is:unread while reading a1 -> %s", got)
	}
	// counts: the result and every facet value know their unread briefs
	r, _ = l.Search(Query{}, u, ByDate)
	if !r.ReadKnown || r.Unread != 2 {
		t.Errorf("result: known %v unread %d", r.ReadKnown, r.Unread)
	}
	for _, v := range r.Facets.Of("country") {
		want := map[string]int{"IQ": 1, "IR": 2, "KW": 1, "LB": 1}[v.Value]
		if v.Unread != want {
			t.Errorf("country %s: %d unread, want %d", v.Value, v.Unread, want)
		}
	}
	var read []string
	for _, v := range r.Facets.Of("is") {
		read = append(read, fmt.Sprintf("%s %d", v.Value, v.Count))
	}
	if got := strings.Join(read, ", "); got != "unread 2, read 2" {
		t.Errorf("the Read facet: %s", got)
	}
	// without the read state nothing is counted, and nothing is read
	r, _ = l.Search(q, User{}, ByDate)
	if r.ReadKnown || len(r.Items) != 4 || r.Facets.Of("country")[0].Unread != 0 {
		t.Errorf("unknown read state: known %v, %d items", r.ReadKnown, len(r.Items))
	}
}

// by:NAME selects the briefs a person tagged, noted or corrected (from
// User.People), any case, a prefix while typing; negated too.
func TestByPerson(t *testing.T) {
	l := testLib()
	bs := l.Briefs()
	u := User{People: map[string][]string{bs[0].ID: {"Ali", "ana"}, bs[2].ID: {"Ali"}, "not-loaded": {"Sara"}}}
	for q, want := range map[string]string{
		"by:ali":  "a1,c3",
		"by:ANA":  "a1",
		"by:al":   "a1,c3",
		"-by:ali": "b2,d4",
		"by:sara": "",
	} {
		pq, err := Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		r, err := l.Search(pq, u, ByDate)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if got := ids(l, r); got != want {
			t.Errorf("%s -> %q, want %q", q, got, want)
		}
	}
}

// TestSeriesEditionsFacet: issue 7 item 4, every series value lists its
// editions with counts (given the other fields' terms); an edition under a
// series selects both, and taken out keeps the series.
func TestSeriesEditionsFacet(t *testing.T) {
	bs := testLib().Briefs()
	drug := brief.Series{Key: "baghdad-drug-control-conference", Name: "Baghdad International Conference on Drug Control"}
	bs[0].Series, bs[1].Series = drug, drug              // editions 3 and 2
	bs[2].Series = brief.Series{Key: "cop", Name: "COP"} // no edition
	bs[3].Series = brief.Series{Key: "arab-league-summit", Name: "Arab League Summit"}
	l := New(seriesX{}, bs)
	editions := func(q string) map[string]string {
		pq, err := Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		r, err := l.Search(pq, User{}, ByDate)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, v := range r.Facets.Of("series") {
			var s []string
			for _, e := range v.Editions {
				if e.Series != v.Value || e.Field != "edition" {
					t.Errorf("%s: edition %+v", q, e)
				}
				s = append(s, fmt.Sprintf("%s:%d:%v", e.Label, e.Count, e.Active))
			}
			out[v.Value] = strings.Join(s, " ")
		}
		return out
	}
	for q, want := range map[string]map[string]string{
		"":           {drug.Key: "2nd:1:false 3rd:1:false", "cop": "", "arab-league-summit": "1st:1:false"},
		"country:kw": {drug.Key: "2nd:1:false"},
		"edition:3":  {drug.Key: "2nd:1:false 3rd:1:false", "cop": "", "arab-league-summit": "1st:1:false"},
		"series:baghdad-drug-control-conference edition:3": {drug.Key: "2nd:1:false 3rd:1:true",
			"cop": "", "arab-league-summit": "1st:1:false"},
	} {
		got := editions(q)
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%q: %s editions %q, want %q", q, k, got[k], w)
			}
		}
	}
	pq, _ := Parse("country:iq")
	r, _ := l.Search(pq, User{}, ByDate)
	var third FacetValue
	for _, v := range r.Facets.Of("series") {
		for _, e := range v.Editions {
			if e.Value == "3" {
				third = e
			}
		}
	}
	q := l.ToggleFacet(pq, third)
	if got := q.String(); got != "country:iq series:baghdad-drug-control-conference edition:3" {
		t.Fatalf("toggled on: %q", got)
	}
	third.Active = true
	if got := l.ToggleFacet(q, third).String(); got != "country:iq series:baghdad-drug-control-conference" {
		t.Errorf("toggled off: %q", got)
	}
}
