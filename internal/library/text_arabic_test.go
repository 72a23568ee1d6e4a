package library

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/extract"
)

// arabicLibrary loads the Arabic test briefs (internal/textmatch/testdata/ar)
// with the seeds.
func arabicLibrary(t testing.TB) *Library {
	t.Helper()
	files, err := filepath.Glob("../textmatch/testdata/ar/*.txt")
	if err != nil || len(files) < 20 {
		t.Fatalf("Arabic test briefs: %d, %v", len(files), err)
	}
	var bs []*brief.Brief
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := brief.Parse(filepath.Base(f), data)
		if err != nil {
			t.Fatal(err)
		}
		bs = append(bs, b)
	}
	return New(stubX{}, bs)
}

// matchIDs runs a query's free-text terms and returns the file numbers of
// the matching briefs ("01 03").
func matchIDs(t *testing.T, l *Library, qs string) string {
	t.Helper()
	q, err := Parse(qs)
	if err != nil {
		t.Fatalf("%s: %v", qs, err)
	}
	set := newBitset(l.Len())
	set.fill(l.Len())
	for _, term := range q.Terms {
		if term.Field != "" {
			t.Fatalf("%s: only free text here", qs)
		}
		m := l.textMatchUncached(term)
		if term.Negate {
			set.andNot(m)
		} else {
			set.and(m)
		}
	}
	var ids []string
	for _, i := range set.each() {
		ids = append(ids, strings.SplitN(l.Brief(i).Path, "_", 2)[0])
	}
	return strings.Join(sortedCopy(ids), " ")
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestArabicSearch(t *testing.T) {
	l := arabicLibrary(t)
	for _, c := range []struct{ q, want string }{
		{"وزراء", "01 03 08 09 17 21"},
		{"زعماء", "02 10"},
		{"القمه", "01 02 03 10 16 17"},
		{"جده", "03 17"},
		{"الامير", "03 09"},
		{"السعوديه", "03"},
		{"مسؤول", "04 12 15"},
		{"شئون", "06 15"},
		{"2023", "07 08 19"},
		{"عاجل", "08"},
		{"القمة جدة", "03 17"},
		{"وزراء -جدة", "01 08 09 21"},
		{`"وزير الخارجية"`, "02 04 05 15"},
		{`"مجلس الوزراء"`, "01 03 08 09 17 21"},
		{`"الوزراء مجلس"`, ""},
		{`"قمة عربية"`, "01 02 03 10 17"}, // للقمة العربية، القمة العربية
		{`"مُسْؤُولٌ"`, "04 12 15"},
		{"UNODC", "22"},
		{"baghdad", "23"},
		{`"arab summit"`, "23"},
		{"ُ", "03 06 08"}, // a lone mark is searched as written, like punctuation
	} {
		if got := matchIDs(t, l, c.q); got != c.want {
			t.Errorf("%s: %q, want %q", c.q, got, c.want)
		}
	}
}

// TestArabicQueryFields: the whole query path (Parse, Search) with the real
// extractor: Arabic words and country names in their written variants.
func TestArabicQueryFields(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	src := arabicLibrary(t)
	bs := make([]*brief.Brief, 0, src.Len())
	for i := range src.Len() {
		b := *src.Brief(int32(i))
		x.Apply(&b)
		bs = append(bs, &b)
	}
	l := New(x, bs)
	for _, c := range []struct{ q, want string }{
		{"country:السعوديه", "03 16 17"},
		{"country:السعودية وزراء", "03 17"},
		{"country:الاردن", "04 21"},
		{"country:الأردن -القمه", "04 21"},
		{"country:SA القمة", "03 16 17"},
		{`country:iq "وزير الخارجية"`, "02 04 05 15"},
	} {
		if got := searchIDs(t, l, c.q); got != c.want {
			t.Errorf("%s: %q, want %q", c.q, got, c.want)
		}
	}
	// series: names in their variants select what the usual spelling does
	// (which briefs that is, is the series detector's business)
	for _, group := range [][]string{
		{`series:"القمة العربية"`, `series:"القمه العربيه"`, `series:"قمة عربية"`, `series:"Arab League Summit"`},
		{`series:"القمة العربية" الزعماء`, `series:"القمه العربيه" زعماء`},
		{`series:"القمة الخليجية"`, `series:"القمه الخليجيه"`, `series:"قمة خليجية"`},
	} {
		want := searchIDs(t, l, group[0])
		if want == "" {
			t.Errorf("%s selects nothing", group[0])
		}
		for _, q := range group[1:] {
			if got := searchIDs(t, l, q); got != want {
				t.Errorf("%s: %q, but %s: %q", q, got, group[0], want)
			}
		}
	}
}

// searchIDs runs a query through Parse and Search and returns the file
// numbers of the briefs found ("01 03").
func searchIDs(t *testing.T, l *Library, qs string) string {
	t.Helper()
	q, err := Parse(qs)
	if err != nil {
		t.Fatalf("%s: %v", qs, err)
	}
	res, err := l.Search(q, User{}, ByDate)
	if err != nil {
		t.Fatalf("%s: %v", qs, err)
	}
	var ids []string
	for _, i := range res.Items {
		ids = append(ids, strings.SplitN(l.Brief(i).Path, "_", 2)[0])
	}
	return strings.Join(sortedCopy(ids), " ")
}

func TestSourcePrefixVariants(t *testing.T) {
	mk := func(id, src string) *brief.Brief { return &brief.Brief{ID: id, Title: id, Source: src, Path: id} }
	l := New(stubX{}, []*brief.Brief{mk("a", "السومرية نيوز"), mk("b", "Shafaq News"), mk("c", "شفق نيوز")})
	for _, c := range []struct{ q, want string }{
		{"source:الس", "a"}, {"source:السومريه", "a"}, {"source:سومرية", "a"},
		{"source:shafaq", "b"}, {`source:"SHAFAQ  N"`, "b"}, {"source:شفق", "c"},
	} {
		q, err := Parse(c.q)
		if err != nil {
			t.Fatal(err)
		}
		res, err := l.Search(q, User{}, ByTitle)
		if err != nil {
			t.Fatalf("%s: %v", c.q, err)
		}
		var ids []string
		for _, i := range res.Items {
			ids = append(ids, l.Brief(i).ID)
		}
		if got := strings.Join(ids, " "); got != c.want {
			t.Errorf("%s: %q, want %q", c.q, got, c.want)
		}
	}
}

// TestSourceAliases: source: takes any alias of an agency the extractor
// knows, in English or Arabic, and its sign-off abbreviation.
func TestSourceAliases(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	mk := func(id, src string) *brief.Brief { return &brief.Brief{ID: id, Title: id, Source: src, Path: id} }
	l := New(x, []*brief.Brief{mk("a", "INA"), mk("b", "NINA"), mk("c", "MENA"), mk("d", "Shafaq News")})
	for _, c := range []struct{ q, want string }{
		{"source:واع", "a"}, {`source:"Iraqi News Agency"`, "a"}, {`source:"National Iraqi News Agency (NINA)"`, "b"},
		{"source:nina", "b"}, {"source:نينا", "b"}, {`source:"أ ش أ"`, "c"}, {"source:شفق", "d"}, {"source:sha", "d"},
	} {
		q, err := Parse(c.q)
		if err != nil {
			t.Fatal(err)
		}
		res, err := l.Search(q, User{}, ByTitle)
		if err != nil {
			t.Fatalf("%s: %v", c.q, err)
		}
		var ids []string
		for _, i := range res.Items {
			ids = append(ids, l.Brief(i).ID)
		}
		if got := strings.Join(ids, " "); got != c.want {
			t.Errorf("%s: %q, want %q", c.q, got, c.want)
		}
	}
}
