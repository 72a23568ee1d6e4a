package library

import (
	"slices"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/extract"
)

// corrLib is testLib with the real extractor (series, agencies, countries)
// and two briefs about events.
func corrLib(t *testing.T) *Library {
	t.Helper()
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	bs := []*brief.Brief{
		mk("a1", "Third conference opens", "Al-Shammari spoke about border control in Baghdad.", "NINA", "2025-12-07", 3, "IQ"),
		mk("b2", "Ministers arrive", "Ahmad Vahidi and the Kuwaiti minister arrived.", "Shafaq News", "2024-07-22", 2, "IQ", "IR", "KW", "LB"),
		mk("c3", "Oil exports", "Basra oil exports rose; no conference here.", "Rudaw", "2024-03-01", 0, "IQ"),
		mk("d4", "Undated note", "Border talks with Iran.", "", "", 1, "IR"),
	}
	bs[0].Series = brief.Series{Key: "baghdad-drug-control-conference", Name: "Baghdad International Conference on Drug Control"}
	bs[0].EditionsMentioned = []int{1, 2}
	bs[1].Series = brief.Series{Key: "kirkuk-book-fair", Name: "Kirkuk Book Fair"}
	bs[1].EventsMentioned = []brief.Event{{Series: "cop", Edition: 28}, {Series: "cop", Edition: 29}}
	return New(x, bs)
}

func search(t *testing.T, l *Library, q string, by SortKey) string {
	t.Helper()
	pq, err := Parse(q)
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	r, err := l.Search(pq, User{}, by)
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	return ids(l, r)
}

func TestCorrectionsWinEverywhere(t *testing.T) {
	base := corrLib(t)
	l := base.WithCorrections(Corrections{
		"a1": {Title: "Water conference ends", Source: "Iraqi News Agency", Date: "2023-05-15", Dateline: "Basra",
			Series: "Baghdad International Water Conference", Edition: 4, HasEdition: true,
			AddCountries: []string{"IR", "US"}, RemoveCountries: []string{"IQ"}},
		"c3":      {Series: "kirkuk book fair"},                                  // joins the collection's series
		"d4":      {Series: "Najaf Poetry Nights", Edition: 2, HasEdition: true}, // a series of the user's own
		"missing": {Title: "not in the collection"},
	})
	if l == base {
		t.Fatal("WithCorrections returned the collection unchanged")
	}
	a1, _ := l.Find("a1")
	if a1.Title != "Water conference ends" || a1.Source != "INA" || a1.Day() != "2023-05-15" || a1.HasTime || a1.Dateline != "Basra" ||
		a1.Series.Key != "baghdad-water-conference" || a1.Edition != 4 || a1.EditionInferred || len(a1.EditionsMentioned) != 0 ||
		!slices.Equal(a1.CountryCodes(), []string{"IR", "US"}) || a1.Countries[1].Name != "United States" {
		t.Errorf("a1 corrected = %+v", a1)
	}
	if want := []string{"title", "source", "date", "dateline", "series", "edition", "countries"}; !slices.Equal(a1.Corrected, want) || !a1.IsCorrected("series") {
		t.Errorf("a1.Corrected = %v, want %v", a1.Corrected, want)
	}
	if o := l.Original("a1"); o.Title != "Third conference opens" || o.Corrected != nil {
		t.Errorf("Original(a1) = %q %v", o.Title, o.Corrected)
	}
	if b, _ := base.Find("a1"); b.Title != "Third conference opens" {
		t.Error("the corrected collection changed the brief of the one it corrects")
	}
	if c3, _ := l.Find("c3"); c3.Series.Key != "kirkuk-book-fair" || c3.Series.Name != "Kirkuk Book Fair" {
		t.Errorf("c3 series = %+v", c3.Series)
	}
	if d4, _ := l.Find("d4"); d4.Series.Key != "najaf-poetry-nights" || d4.Series.Name != "Najaf Poetry Nights" || d4.Edition != 2 {
		t.Errorf("d4 series = %+v edition %d", d4.Series, d4.Edition)
	}

	cases := []struct{ q, want string }{
		{"", "b2,c3,a1,d4"}, // a1 is now from 2023: the default order follows
		{"source:ina", "a1"},
		{"source:واع", "a1"},
		{"source:nina", ""},
		{`series:"baghdad international water conference"`, "a1"},
		{"series:baghdad-water-conference edition:4", "a1"},
		{`series:"Baghdad International Conference on Drug Control"`, ""},
		{"series:kirkuk-book-fair", "b2,c3"},
		{`series:"najaf poetry nights"`, "d4"},
		{"edition:3", ""},
		{"edition:4", "a1"},
		{"country:IQ", "b2,c3"},
		{"country:US", "a1"},
		{"country:iran", "b2,a1,d4"},
		{"date:2023", "a1"},
		{"date:2025", ""},
		{"date:2023-05..2024-03", "c3,a1"},
		{"water", "a1"},             // the corrected title's words
		{`"conference ends"`, "a1"}, // a phrase of it
		{"shammari", "a1"},          // the body as before
	}
	for _, c := range cases {
		if got := search(t, l, c.q, ByDate); got != c.want {
			t.Errorf("corrected %q = %q, want %q", c.q, got, c.want)
		}
	}
	if got := search(t, l, "", ByTitle); got != "b2,c3,d4,a1" {
		t.Errorf("by title = %q", got)
	}
	if got := search(t, l, "", BySource); got != "a1,c3,b2,d4" {
		t.Errorf("by source = %q", got)
	}
	var got []string
	for _, b := range l.Briefs() {
		got = append(got, b.ID)
	}
	if strings.Join(got, ",") != "b2,c3,a1,d4" {
		t.Errorf("Briefs() = %v", got)
	}

	// facets and counts
	res, err := l.Search(Query{}, User{}, ByDate)
	if err != nil {
		t.Fatal(err)
	}
	count := func(field, value string) int {
		for _, v := range res.Facets.Of(field) {
			if v.Value == value {
				return v.Count
			}
		}
		return -1
	}
	for _, c := range []struct {
		field, value string
		want         int
	}{
		{"source", "INA", 1}, {"source", "NINA", -1}, {"edition", "3", -1}, {"edition", "4", 1},
		{"country", "IQ", 2}, {"country", "US", 1}, {"series", "kirkuk-book-fair", 2},
		{"series", "baghdad-drug-control-conference", -1}, {"series", "baghdad-water-conference", 1},
	} {
		if n := count(c.field, c.value); n != c.want {
			t.Errorf("facet %s %s = %d, want %d", c.field, c.value, n, c.want)
		}
	}

	// identity stays the files'
	for _, c := range l.Candidates() {
		if c.ID == "a1" && c.Title != "Third conference opens" {
			t.Errorf("candidate a1 title %q: identity must not see corrections", c.Title)
		}
	}

	// the same corrections give the same collection; none give the base
	if l.WithCorrections(l.Corrections()) != l {
		t.Error("the same corrections built another collection")
	}
	if l.WithCorrections(nil) != base || base.WithCorrections(Corrections{"zz": {Title: "x"}}) != base {
		t.Error("no applicable correction should give the uncorrected collection")
	}
	// corrections replace the earlier ones, they do not add to them
	l2 := l.WithCorrections(Corrections{"b2": {Edition: 0, HasEdition: true}})
	if b, _ := l2.Find("a1"); b.Title != "Third conference opens" || b.Corrected != nil {
		t.Errorf("a1 after its correction was dropped: %q %v", b.Title, b.Corrected)
	}
	if got := search(t, l2, "edition:none", ByDate); got != "b2,c3" {
		t.Errorf("edition:none after b2's edition was corrected to none = %q", got)
	}
}

func TestCorrectionDetails(t *testing.T) {
	base := corrLib(t)
	cases := []struct {
		name  string
		id    string
		c     Correction
		check func(b *brief.Brief) string
	}{
		{"series none drops the event", "a1", Correction{Series: "none"}, func(b *brief.Brief) string {
			if !b.Series.IsZero() || b.Edition != 0 || b.EditionsMentioned != nil {
				return "still an event"
			}
			return ""
		}},
		{"another series takes its mentions", "b2", Correction{Series: "COP"}, func(b *brief.Brief) string {
			if b.Series.Key != "cop" || b.Edition != 2 || !slices.Equal(b.EditionsMentioned, []int{28, 29}) {
				return "not COP with its mentions"
			}
			return ""
		}},
		{"an edition mentioned becomes the edition", "a1", Correction{Edition: 2, HasEdition: true}, func(b *brief.Brief) string {
			if b.Edition != 2 || !slices.Equal(b.EditionsMentioned, []int{1}) {
				return "mentions should exclude the edition"
			}
			return ""
		}},
		{"a time in the brief's zone", "a1", Correction{Date: "2025-12-08T09:30"}, func(b *brief.Brief) string {
			if !b.HasTime || b.DateText() != "2025-12-08 09:30" {
				return "time not kept"
			}
			return ""
		}},
		{"an unknown agency kept as written", "c3", Correction{Source: "Kirkuk Now"}, func(b *brief.Brief) string {
			if b.Source != "Kirkuk Now" {
				return "source changed"
			}
			return ""
		}},
		{"adding a country it has and removing one it lacks", "b2", Correction{AddCountries: []string{"IQ"}, RemoveCountries: []string{"US"}},
			func(b *brief.Brief) string {
				if !slices.Equal(b.CountryCodes(), []string{"IQ", "IR", "KW", "LB"}) {
					return "countries changed"
				}
				return ""
			}},
	}
	for _, c := range cases {
		l := base.WithCorrections(Corrections{c.id: c.c})
		b, _ := l.Find(c.id)
		if msg := c.check(b); msg != "" {
			t.Errorf("%s: %s: %+v", c.name, msg, b)
		}
	}
}

// BenchmarkWithCorrections: applying the user's corrections (100 briefs,
// dates among them, so the default order is rebuilt) to 100,000 briefs,
// and a search of the corrected collection.
func BenchmarkWithCorrections(b *testing.B) {
	lib := benchLib(b, 100000, map[int]*sized{100000: {}})
	c := Corrections{}
	for i := range 100 {
		id := lib.Brief(int32(i * 997)).ID
		c[id] = Correction{Edition: i%9 + 1, HasEdition: true, Source: "INA", Date: "2020-01-02", Title: "Corrected title"}
	}
	b.Run("apply", func(b *testing.B) {
		for b.Loop() {
			lib.WithCorrections(c)
		}
	})
	corrected := lib.WithCorrections(c)
	q, _ := Parse("edition:3 source:ina")
	b.Run("search", func(b *testing.B) {
		for b.Loop() {
			if _, err := corrected.Search(q, User{}, ByDate); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// The corrected collection answers every query, facet and order as a
// collection built afresh from the corrected briefs would.
func TestCorrectionsAsIfBuiltAfresh(t *testing.T) {
	base := corrLib(t)
	for _, c := range []Corrections{
		{"a1": {Date: "2024-03-01", Edition: 2, HasEdition: true}, "d4": {Date: "2026-01-01", Source: "Rudaw", AddCountries: []string{"KW"}}},
		{"b2": {Title: "Aardvark", Series: "none", RemoveCountries: []string{"IQ", "IR", "KW", "LB"}}, "c3": {Series: "Doha Forum", Edition: 7, HasEdition: true}},
		{"c3": {Date: "2024-07-22", Title: "Ministers arrive"}, "b2": {Dateline: "Kuwait City"}},
	} {
		l := base.WithCorrections(c)
		var bs []*brief.Brief
		for _, b := range l.Briefs() {
			n := *b
			bs = append(bs, &n)
		}
		fresh := New(base.Extractor(), bs)
		for _, q := range []string{"", "edition:2", "edition:none", "edition:7", "country:KW", "-country:IQ", "source:rudaw", "source:nina",
			"series:doha-forum", "series:kirkuk-book-fair", "date:2024", "date:2026", "date:2024-03..2024-08", "aardvark", "ministers"} {
			pq, _ := Parse(q)
			for _, by := range SortKeys {
				ra, erra := l.Search(pq, User{}, by)
				rb, errb := fresh.Search(pq, User{}, by)
				if a, b := ids(l, ra), ids(fresh, rb); a != b || (erra == nil) != (errb == nil) {
					t.Errorf("%v: %q by %s = %q %v, afresh %q %v", c, q, by, a, erra, b, errb)
				}
			}
			ra, _ := l.Search(pq, User{}, ByDate)
			rb, _ := fresh.Search(pq, User{}, ByDate)
			for i := range ra.Facets {
				fa, fb := ra.Facets[i].Values, rb.Facets[i].Values
				if len(fa) != len(fb) {
					t.Errorf("%v: %q facet %s: %v, afresh %v", c, q, ra.Facets[i].Field, fa, fb)
					continue
				}
				for j := range fa {
					if fa[j].Value != fb[j].Value || fa[j].Count != fb[j].Count || fa[j].Label != fb[j].Label {
						t.Errorf("%v: %q facet %s: %v, afresh %v", c, q, ra.Facets[i].Field, fa, fb)
						break
					}
				}
			}
		}
	}
}
