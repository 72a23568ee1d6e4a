package correct

import (
	"context"
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/extract"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/store"
)

func extractor(t *testing.T) *extract.Extractor {
	t.Helper()
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func TestParse(t *testing.T) {
	x := extractor(t)
	cases := []struct {
		args        []string
		set         map[store.Field]string
		add, remove []string
		err         string
	}{
		{args: []string{"series=Baghdad International Water Conference", "edition=4", "date=2024-05-15", "source=واع", "title=  A   title ", "country=+IR", "country=-US"},
			set: map[store.Field]string{"series": "Baghdad International Water Conference", "edition": "4", "date": "2024-05-15", "source": "INA", "title": "A title"},
			add: []string{"IR"}, remove: []string{"US"}},
		{args: []string{"edition=4th", "date=2024-05-15 09:30", "Source=Iraqi News Agency"}, set: map[store.Field]string{"edition": "4", "date": "2024-05-15T09:30", "source": "INA"}},
		{args: []string{"edition=none", "series=none", "source=Kirkuk Now"}, set: map[store.Field]string{"edition": "0", "series": "none", "source": "Kirkuk Now"}},
		{args: []string{"countries=+Iranian,-United States, Kuwaiti", "country=+إيران"}, add: []string{"IR", "KW"}, remove: []string{"US"}},
		{args: []string{"title=", "country="}, set: map[store.Field]string{"title": "", "countries": ""}},
		{args: []string{"edition=3", "--reset", "title", "Country"}, set: map[store.Field]string{"edition": "3", "title": "", "countries": ""}},
		{args: []string{"--reset"}, set: map[store.Field]string{"title": "", "source": "", "date": "", "dateline": "", "series": "", "edition": "", "countries": ""}},
		{args: []string{"colour=red"}, err: `unknown field "colour"`},
		{args: []string{"date=2024-02-30"}, err: "not a date"},
		{args: []string{"edition=0"}, err: "not a positive whole number"},
		{args: []string{"edition=+3"}, err: "not a positive whole number"},
		{args: []string{"edition=1001"}, err: "not a positive whole number"},
		{args: []string{"country=+Atlantis"}, err: `unknown country "Atlantis"`},
		{args: []string{"country=,"}, err: "name a country"},
		{args: []string{"country=+IR", "country=-IR"}, err: "both added and removed"},
		{args: []string{"title=x", "title=y"}, err: "given twice"},
		{args: []string{"title"}, err: "not an assignment"},
		{args: []string{"--reset", "nope"}, err: `--reset: unknown field "nope"`},
		{args: []string{"title=" + strings.Repeat("x", 501)}, err: "at most 500"},
		{args: []string{"dateline=a\u202eb"}, err: "not allowed"},
	}
	for _, c := range cases {
		e, err := Parse(c.args, x)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) || !errors.Is(err, ErrUsage) {
				t.Errorf("Parse(%q) = %v, want a usage error with %q", c.args, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", c.args, err)
			continue
		}
		if c.set == nil {
			c.set = map[store.Field]string{}
		}
		if !maps.Equal(e.Set, c.set) || !slices.Equal(e.Add, c.add) || !slices.Equal(e.Remove, c.remove) {
			t.Errorf("Parse(%q) = %+v, want set %v add %v remove %v", c.args, e, c.set, c.add, c.remove)
		}
	}
}

func TestApplyThroughTheStoreAndLibrary(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var w Writer = st // any store.Backend
	var _ Writer = store.Backend(nil)
	x := extractor(t)
	const id = "0123456789ab"
	e, err := Parse([]string{"edition=4", "source=واع", "country=+IR", "country=-IQ", "series=COP"}, x)
	if err != nil {
		t.Fatal(err)
	}
	if err := Apply(ctx, w, id, e); err != nil {
		t.Fatal(err)
	}
	// more changes of countries add to those stored
	if e, err = Parse([]string{"country=+KW", "title=T"}, x); err != nil {
		t.Fatal(err)
	}
	if err := Apply(ctx, w, id, e); err != nil {
		t.Fatal(err)
	}
	all, err := st.AllCorrections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lc := Library(all)
	got := lc[id]
	want := library.Correction{Title: "T", Source: "INA", Series: "COP", Edition: 4, HasEdition: true,
		AddCountries: []string{"IR", "KW"}, RemoveCountries: []string{"IQ"}}
	if !slices.Equal(got.AddCountries, want.AddCountries) || !slices.Equal(got.RemoveCountries, want.RemoveCountries) ||
		got.Title != want.Title || got.Source != want.Source || got.Series != want.Series || got.Edition != 4 || !got.HasEdition {
		t.Errorf("library correction = %+v, want %+v", got, want)
	}
	b := &brief.Brief{ID: id, Title: "Orig", Source: "NINA", Edition: 3, Published: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
		Countries: []brief.Country{{Code: "IQ", Name: "Iraq", Mentions: 2}}}
	lib := library.New(x, []*brief.Brief{b}).WithCorrections(lc)
	nb, _ := lib.Find(id)
	if nb.Title != "T" || nb.Source != "INA" || nb.Series.Key != "cop" || nb.Edition != 4 || !slices.Equal(nb.CountryCodes(), []string{"IR", "KW"}) {
		t.Errorf("corrected brief = %+v", nb)
	}
	ch := Changes(b, nb)
	var fields []string
	for _, c := range ch {
		fields = append(fields, string(c.Field))
	}
	if !slices.Equal(fields, []string{"title", "source", "series", "edition", "countries"}) || ch[4].Before != "IQ" || ch[4].After != "IR, KW" {
		t.Errorf("Changes = %+v", ch)
	}
	// reset all
	if e, err = Parse([]string{"--reset"}, x); err != nil {
		t.Fatal(err)
	}
	if err := Apply(ctx, w, id, e); err != nil {
		t.Fatal(err)
	}
	if c, _ := st.Corrections(ctx, id); !c.IsZero() {
		t.Errorf("after --reset: %+v", c)
	}
}

func TestForm(t *testing.T) {
	x := extractor(t)
	orig := &brief.Brief{ID: "a", Title: "Orig", Source: "NINA", Edition: 3, Published: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
		Series:    brief.Series{Key: "cop", Name: "UN Climate Change Conference (COP)"},
		Countries: []brief.Country{{Code: "IQ", Name: "Iraq"}, {Code: "IR", Name: "Iran"}}}
	cur := *orig
	cur.Title, cur.Corrected = "Corrected", []string{"title"}
	shown := func(b *brief.Brief) map[store.Field]string {
		m := map[store.Field]string{}
		for _, f := range store.Fields() {
			m[f] = Shown(b, f)
		}
		return m
	}
	cases := []struct {
		name string
		edit map[store.Field]string
		set  map[store.Field]string
		errs []store.Field
	}{
		{"nothing changed", nil, map[store.Field]string{}, nil},
		{"back to the extracted title resets it", map[store.Field]string{"title": "Orig"}, map[store.Field]string{"title": ""}, nil},
		{"an emptied title resets it", map[store.Field]string{"title": " "}, map[store.Field]string{"title": ""}, nil},
		{"new values", map[store.Field]string{"source": "واع", "edition": "4", "date": "2024-05-15", "series": "Arab League summit"},
			map[store.Field]string{"source": "INA", "edition": "4", "date": "2024-05-15", "series": "Arab League summit"}, nil},
		{"emptied edition and series mean none", map[store.Field]string{"edition": "", "series": ""},
			map[store.Field]string{"edition": "0", "series": "none"}, nil},
		{"countries as a list", map[store.Field]string{"countries": "Iraq, Kuwaiti, US"},
			map[store.Field]string{"countries": "+KW +US -IR"}, nil},
		{"countries back to the extracted list", map[store.Field]string{"countries": "IR, IQ"}, map[store.Field]string{"countries": ""}, nil},
		{"errors per field", map[store.Field]string{"edition": "zero", "date": "soon", "countries": "IQ, Atlantis", "title": "ok"}, nil,
			[]store.Field{"date", "edition", "countries"}},
	}
	for _, c := range cases {
		text := shown(&cur)
		maps.Copy(text, c.edit)
		e, errs := Form(orig, &cur, text, x)
		if c.errs != nil {
			if len(errs) != len(c.errs) {
				t.Errorf("%s: errors %v, want for %v", c.name, errs, c.errs)
			}
			for _, f := range c.errs {
				if !errors.Is(errs[f], ErrUsage) {
					t.Errorf("%s: no usage error for %s: %v", c.name, f, errs)
				}
			}
			continue
		}
		if len(errs) > 0 || !maps.Equal(e.Set, c.set) {
			t.Errorf("%s: Form = %+v %v, want %v", c.name, e.Set, errs, c.set)
		}
	}
}

func TestParseField(t *testing.T) {
	for name, want := range map[string]store.Field{"country": "countries", "Countries": "countries", "EDITION": "edition", " title ": "title"} {
		if f, err := ParseField(name); err != nil || f != want {
			t.Errorf("ParseField(%q) = %q, %v", name, f, err)
		}
	}
	if _, err := ParseField("colour"); !errors.Is(err, ErrUsage) {
		t.Errorf("ParseField(colour) = %v", err)
	}
}
