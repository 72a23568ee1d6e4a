package library

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/seeds"
)

// stubX is a tiny extractor for tests: it knows a few countries.
type stubX struct{}

var stubCountries = map[string][2]string{
	"iq": {"IQ", "Iraq"}, "iraq": {"IQ", "Iraq"}, "iraqi": {"IQ", "Iraq"},
	"ir": {"IR", "Iran"}, "iran": {"IR", "Iran"}, "iranian": {"IR", "Iran"},
	"kw": {"KW", "Kuwait"}, "kuwait": {"KW", "Kuwait"}, "kuwaiti": {"KW", "Kuwait"},
	"lb": {"LB", "Lebanon"}, "lebanon": {"LB", "Lebanon"},
}

func (stubX) Apply(b *brief.Brief) {}
func (stubX) LookupCountry(s string) (string, string, bool) {
	c, ok := stubCountries[strings.ToLower(s)]
	return c[0], c[1], ok
}

func mk(id, title, body, source string, date string, ed int, countries ...string) *brief.Brief {
	b := &brief.Brief{ID: id, Title: title, Body: body, Source: source, Edition: ed}
	if date != "" {
		b.Published, _ = time.Parse("2006-01-02", date)
	}
	for _, c := range countries {
		code, name, _ := stubX{}.LookupCountry(c)
		b.Countries = append(b.Countries, brief.Country{Code: code, Name: name, Mentions: 1})
	}
	return b
}

func testLib() *Library {
	return New(stubX{}, []*brief.Brief{
		mk("a1", "Third conference opens", "Al-Shammari spoke about border control in Baghdad.", "NINA", "2025-12-07", 3, "IQ"),
		mk("b2", "Ministers arrive", "Ahmad Vahidi and the Kuwaiti minister arrived. c++ is not here.", "Shafaq News", "2024-07-22", 2, "IQ", "IR", "KW", "LB"),
		mk("c3", "Oil exports", "Basra oil exports rose; no conference here.\nIraq's drug\n  control board met.", "Rudaw", "2024-03-01", 0, "IQ"),
		mk("d4", "Undated note", "Border talks with Iran.", "", "", 1, "IR"),
	})
}

func ids(l *Library, r Result) string {
	var out []string
	for _, i := range r.Items {
		out = append(out, l.Brief(i).ID)
	}
	return strings.Join(out, ",")
}

func TestSearch(t *testing.T) {
	l := testLib()
	tags := Tags{"a1": {"followup"}, "b2": {"followup", "done"}}
	cases := []struct{ q, want string }{
		{"", "a1,b2,c3,d4"},
		{"edition:3", "a1"},
		{"edition:third", "a1"},
		{"edition:2 edition:3", "a1,b2"},
		{"edition:none", "c3"},
		{"country:kuwait", "b2"},
		{"country:KW", "b2"},
		{"country:kuwaiti", "b2"},
		{"country:kuw", "b2"},
		{"country:LEBA", "b2"},
		{"country:IR country:KW", "b2,d4"},
		{"country:iraq -country:iran", "a1,c3"},
		{"tag:followup", "a1,b2"},
		{"tag:followup -tag:done", "a1"},
		{"tag:FollowUp", "a1,b2"},
		{"source:nina", "a1"},
		{"source:shafaq", "b2"},
		{`source:"shafaq news"`, "b2"},
		{"date:2024", "b2,c3"},
		{"date:2024-07", "b2"},
		{"date:2024-01..2024-06", "c3"},
		{"date:..2024-12", "b2,c3"},
		{"vahidi", "b2"},
		{"vahid", "b2"},
		{"VAHIDI", "b2"},
		{"border", "a1,d4"},
		{`"border control"`, "a1"},
		{`"control border"`, ""},
		{"al-shammari", "a1"},
		{"c++", "b2"},
		{"border -country:iran", "a1"},
		{"edition:3 country:kuwait", ""},
		{"exports oil", "c3"},
		{`"drug control"`, "c3"},
		{`"Drug Control"`, "c3"},
	}
	for _, c := range cases {
		q, err := Parse(c.q)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.q, err)
		}
		r, err := l.Search(q, User{Tags: tags}, ByDate)
		if err != nil {
			t.Fatalf("Search(%q): %v", c.q, err)
		}
		if got := ids(l, r); got != c.want {
			t.Errorf("%q: got [%s], want [%s]", c.q, got, c.want)
		}
	}
}

func TestSearchErrors(t *testing.T) {
	l := testLib()
	for s, want := range map[string]string{
		"country:atlantis": "unknown country",
		// a prefix of several countries names them (issue 8)
		"country:ira": "country:ira is ambiguous: Iran, Iraq",
	} {
		q, err := Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := l.Search(q, User{}, ByDate); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", s, err, want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	cases := map[string]string{
		`"unbalanced`:        "unbalanced quote",
		"edition:":           "needs a value",
		"edition:abc":        "not an edition",
		"date:2024-13":       "not a date",
		"date:2025..2024":    "ends before",
		"date:..":            "at least one end",
		"foo:bar":            "unknown field",
		"- x":                `"-" must stand`,
		`ab"c"`:              "quote may only open",
		`"abc"def`:           "space after a closing quote",
		"country:":           "needs a value",
		"http://example.org": "unknown field",
	}
	for in, want := range cases {
		_, err := Parse(in)
		var se *SyntaxError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want a syntax error with %q", in, err, want)
		}
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	_, err := Parse("vahidi\u00a0\u3000foo:bar")
	var se *SyntaxError
	if !errors.As(err, &se) || se.Pos != 8 || !strings.Contains(err.Error(), "at character 9") {
		t.Errorf("err = %v (pos %v)", err, se)
	}
}

func TestQueryStringRoundTrip(t *testing.T) {
	for _, s := range []string{
		`edition:3 country:kuwait tag:followup source:nina "border control" vahidi -tag:done`,
		`source:"shafaq news" date:2024-01..2024-12`,
	} {
		q, err := Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		if q.String() != s {
			t.Errorf("String() = %q, want %q", q.String(), s)
		}
	}
}

func TestToggleAndFacets(t *testing.T) {
	l := testLib()
	q := Query{}
	r, _ := l.Search(q, User{}, ByDate)
	if c := count(r.Facets.Of("edition"), "3"); c != 1 {
		t.Errorf("edition 3 count = %d", c)
	}
	if c := count(r.Facets.Of("country"), "IQ"); c != 3 {
		t.Errorf("IQ count = %d", c)
	}
	q = q.Toggle("edition", "2")
	r, _ = l.Search(q, User{}, ByDate)
	if ids(l, r) != "b2" {
		t.Fatalf("edition:2 -> %s", ids(l, r))
	}
	// edition counts ignore the edition filter itself (values are ORed) ...
	if c := count(r.Facets.Of("edition"), "3"); c != 1 {
		t.Errorf("with edition:2, edition 3 count = %d, want 1", c)
	}
	// ... while other facets count within it
	if c := count(r.Facets.Of("country"), "IQ"); c != 1 {
		t.Errorf("with edition:2, IQ count = %d, want 1", c)
	}
	if !active(r.Facets.Of("edition"), "2") || active(r.Facets.Of("edition"), "3") {
		t.Error("active flags wrong")
	}
	q = q.Toggle("edition", "3")
	if q.String() != "edition:2 edition:3" {
		t.Errorf("query = %q", q.String())
	}
	r, _ = l.Search(q, User{}, ByDate)
	if ids(l, r) != "a1,b2" {
		t.Errorf("edition:2|3 -> %s", ids(l, r))
	}
	q = q.Toggle("edition", "2")
	if q.String() != "edition:3" {
		t.Errorf("after untoggle query = %q", q.String())
	}
	// a country term written by name is shown active on its code and untoggled by it
	q, _ = Parse("country:kuwait")
	r, _ = l.Search(q, User{}, ByDate)
	for _, v := range r.Facets.Of("country") {
		if v.Value == "KW" {
			if !v.Active {
				t.Error("KW not active for country:kuwait")
			}
			if got := l.ToggleFacet(q, v).String(); got != "" {
				t.Errorf("untoggle KW left %q", got)
			}
		}
	}
}

func count(vs []FacetValue, v string) int {
	for _, x := range vs {
		if x.Value == v {
			return x.Count
		}
	}
	return -1
}

func active(vs []FacetValue, v string) bool {
	for _, x := range vs {
		if x.Value == v {
			return x.Active
		}
	}
	return false
}

func TestSortOrders(t *testing.T) {
	l := testLib()
	want := map[SortKey]string{ByDate: "a1,b2,c3,d4", ByTitle: "b2,c3,a1,d4", ByEdition: "a1,b2,d4,c3", BySource: "a1,c3,b2,d4"}
	for k, w := range want {
		r, _ := l.Search(Query{}, User{}, k)
		if got := ids(l, r); got != w {
			t.Errorf("sort %s: %s, want %s", k, got, w)
		}
	}
}

func TestFind(t *testing.T) {
	l := New(nil, []*brief.Brief{{ID: "abcd1234ef00", Title: "x", Path: "p/one.txt"}, {ID: "abcd9999ef00", Title: "y"}, {ID: "ffff00001111", Title: "z"}})
	if b, err := l.Find("ffff"); err != nil || b.ID != "ffff00001111" {
		t.Errorf("prefix: %v %v", b, err)
	}
	if _, err := l.Find("abcd"); err == nil || !strings.Contains(err.Error(), "ambiguous") {
		t.Errorf("ambiguous: %v", err)
	}
	if _, err := l.Find("0000"); err == nil || !strings.Contains(err.Error(), `no brief with ID "0000"`) {
		t.Errorf("missing: %v", err)
	}
	if b, err := l.Find("p/one.txt"); err != nil || b.ID != "abcd1234ef00" {
		t.Errorf("by path: %v %v", b, err)
	}
}

func TestLoadSeedsAndDedup(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("../../seeds/000_2f5fd0d68d9114d4.txt")
	if err != nil {
		t.Fatal(err)
	}
	// the same seed text in a user folder is the same brief
	if err := os.WriteFile(filepath.Join(dir, "copy.txt"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	l, warns, err := Load(context.Background(), nil, Options{Paths: []string{dir}, Seeds: seeds.FS(), SeedsPrefix: "seeds"})
	if err != nil || len(warns) != 0 {
		t.Fatalf("load: %v %v", err, warns)
	}
	if l.Len() != 2 {
		t.Fatalf("len = %d, want 2", l.Len())
	}
}

// Identity in the collection: files with the same content (whatever the
// line endings) are one brief found at every path; the same body with
// other metadata is another brief.
func TestLoadIdentity(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	body := "\n\nBaghdad / NINA/- The minister spoke about border control and the conference.\n"
	a := write("a/one.txt", "Minister speaks"+body)
	dup := write("b/copy.txt", strings.ReplaceAll("Minister speaks"+body, "\n", "\r\n"))
	other := write("c/retitled.txt", "Minister speaks again"+body)
	md1 := write("d/x.md", "---\ntitle: Same body\ndate: 2024-01-01\n---\nShared text of two briefs.\n")
	md2 := write("d/y.md", "---\ntitle: Same body\ndate: 2024-02-01\n---\nShared text of two briefs.\n")
	l, warns, err := Load(context.Background(), nil, Options{Paths: []string{dir}})
	if err != nil || len(warns) != 0 {
		t.Fatalf("load: %v %v", err, warns)
	}
	if l.Len() != 4 {
		t.Fatalf("len = %d, want 4 (one and its copy are one brief; same body, other metadata: two)", l.Len())
	}
	one, err := l.Find(a)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := l.Find(dup); err != nil || b != one {
		t.Errorf("the copy's path finds %v, %v; want the brief of %s", b, err, a)
	}
	if got := l.Paths(one); !slices.Equal(got, []string{a, dup}) {
		t.Errorf("Paths = %q", got)
	}
	x, _ := l.Find(md1)
	y, _ := l.Find(md2)
	o, _ := l.Find(other)
	if x == nil || y == nil || o == nil || x.ID == y.ID || o.ID == one.ID {
		t.Errorf("briefs with the same body and other metadata share an ID: %v %v %v", x, y, o)
	}
	// Candidates: every brief once, absolute paths, load order.
	cs := l.Candidates()
	if len(cs) != 4 || cs[0].ID != one.ID || !slices.Equal(cs[0].Paths, []string{a, dup}) || cs[0].Title != "Minister speaks" || cs[0].Body == "" {
		t.Errorf("Candidates[0] = %+v", cs[0])
	}
	for _, c := range cs {
		for _, p := range c.Paths {
			if !filepath.IsAbs(p) {
				t.Errorf("candidate path %q is not absolute", p)
			}
		}
	}
	// Seeds keep their seeds/ path.
	l, _, _ = Load(context.Background(), nil, Options{Seeds: seeds.FS(), SeedsPrefix: "seeds"})
	if cs := l.Candidates(); len(cs) != 2 || cs[0].Paths[0] != "seeds/000_2f5fd0d68d9114d4.txt" {
		t.Errorf("seed candidates = %+v", cs)
	}
}

// TestLoadBadInput: every bad file gives one warning naming it and the
// reason; the good ones still load.
func TestLoadBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.txt", []byte("Good title\n\nGood body.\n"))
	write("sub/deeper/good2.md", []byte("# Second\n\nBody two.\n"))
	write("empty.txt", nil)
	write("blank.md", []byte(" \n\t\n"))
	write("binary.txt", []byte("PK\x03\x04\x00\x00binary"))
	write("ignored.pdf", []byte("%PDF"))
	write(".hidden/secret.txt", []byte("Hidden\n\nx"))
	write("badfm.md", []byte("---\ntitle: [oops\n---\nx"))
	big := make([]byte, brief.MaxFileSize+10)
	for i := range big {
		big[i] = 'a'
	}
	write("huge.txt", big)
	must(t, os.Symlink(filepath.Join(dir, "nowhere.txt"), filepath.Join(dir, "dangling.txt")))
	must(t, os.Symlink(filepath.Join(dir, "loop.txt"), filepath.Join(dir, "loop.txt")))
	must(t, syscall.Mkfifo(filepath.Join(dir, "fifo.txt"), 0o644))
	write("unreadable.txt", []byte("Secret\n\nx"))
	must(t, os.Chmod(filepath.Join(dir, "unreadable.txt"), 0))
	canReadAnyway := os.Geteuid() == 0

	done := make(chan struct{})
	var l *Library
	var warns []Warning
	var err error
	go func() {
		l, warns, err = Load(context.Background(), nil, Options{Paths: []string{dir, filepath.Join(dir, "missing-folder")}})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Load blocked (FIFO?)")
	}
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	wantLoaded := 2
	if canReadAnyway {
		wantLoaded = 3
	}
	if l.Len() != wantLoaded {
		t.Errorf("loaded %d briefs, want %d", l.Len(), wantLoaded)
	}
	got := map[string]string{}
	for _, w := range warns {
		if _, dup := got[filepath.Base(w.Path)]; dup {
			t.Errorf("two warnings for %s", w.Path)
		}
		got[filepath.Base(w.Path)] = w.Err.Error()
	}
	want := map[string]string{
		"empty.txt":      "empty file",
		"blank.md":       "empty file",
		"binary.txt":     "binary file",
		"badfm.md":       "front matter",
		"huge.txt":       "too large",
		"dangling.txt":   "dangling symbolic link",
		"loop.txt":       "symbolic link loop",
		"fifo.txt":       "not a regular file (a named pipe)",
		"missing-folder": "no such file",
	}
	if !canReadAnyway {
		want["unreadable.txt"] = "permission denied"
	}
	for name, reason := range want {
		if !strings.Contains(got[name], reason) {
			t.Errorf("warning for %s = %q, want it to say %q", name, got[name], reason)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("unexpected warning for %s: %s", name, got[name])
		}
	}
	titles := []string{}
	for _, b := range l.Briefs() {
		titles = append(titles, b.Title)
	}
	slices.Sort(titles)
	if titles[0] != "Good title" || titles[1] != "Second" {
		t.Errorf("titles = %v", titles)
	}
}

func TestLoadNothing(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	_, warns, err := Load(context.Background(), nil, Options{Paths: []string{dir}})
	if !errors.Is(err, ErrNothingLoaded) || len(warns) != 1 {
		t.Errorf("err = %v, warns = %v", err, warns)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func FuzzQuery(f *testing.F) {
	for _, s := range []string{`edition:3 country:kuwait tag:followup source:nina "border control" vahidi -tag:done`, `date:2024-01..2024-12`, `"`, `-`, `c++`, `“smart quotes”`, `edition:3rd`, `x:`, `date:..2024`} {
		f.Add(s)
	}
	l := testLib()
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			return
		}
		// the canonical form parses to the same query
		q2, err := Parse(q.String())
		if err != nil {
			t.Fatalf("canonical %q of %q does not parse: %v", q.String(), s, err)
		}
		if q2.String() != q.String() {
			t.Fatalf("not stable: %q -> %q", q.String(), q2.String())
		}
		_, _ = l.Search(q, User{Tags: Tags{"a1": {"x"}}}, ByTitle) // must not panic
	})
}
