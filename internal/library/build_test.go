package library

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/briefs/briefs/internal/corpus"
	"github.com/briefs/briefs/internal/extract"
)

// genDocs makes the Docs of n generated briefs of about size bytes as Load
// does: parsed, extracted and tokenized on all cores (readJobs), the
// editions inferred.
func genDocs(tb testing.TB, n, size int) ([]Doc, *Vocab, Extractor) {
	tb.Helper()
	x, err := extract.New()
	if err != nil {
		tb.Fatal(err)
	}
	fsys := fstest.MapFS{}
	jobs := make([]loadJob, 0, n)
	for _, f := range corpus.Generate(n, 1, size) {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		jobs = append(jobs, loadJob{path: f.Name, seed: true})
	}
	vocab := NewVocab(nil)
	docs, errs := readJobs(context.Background(), x, Options{Seeds: fsys}, vocab, jobs)
	for i := range docs {
		if errs[i] != nil {
			tb.Fatal(errs[i])
		}
		docs[i].Seed = false
	}
	Infer(x, docs)
	return docs, vocab, x
}

// TestBuildSameEveryWay builds one collection on 1, 2, 3 and 8
// goroutines, from Terms and from the text, and from the Docs shuffled:
// the libraries hold the same (digest) and answer the same.
func TestBuildSameEveryWay(t *testing.T) {
	docs, vocab, x := genDocs(t, 3074, 300) // enough for the sort and the text index to be split (minRun)
	// undated briefs, briefs of the same date and title (without Terms),
	// seeds
	for i := 0; i < len(docs); i += 37 {
		c := *docs[i].Brief
		c.Published = time.Time{}
		docs[i].Brief = &c
	}
	for i := 5; i < len(docs); i += 41 {
		c := *docs[i].Brief
		c.Title, c.Published = docs[i-1].Brief.Title, docs[i-1].Brief.Published
		docs[i] = Doc{Brief: &c} // Build tokenizes it
	}
	for i := 3; i < len(docs); i += 200 {
		docs[i].Seed = true
	}
	// values named differently (the name of the last brief giving one
	// is the value's) or not named
	for i := 2; i < len(docs); i += 29 {
		c := *docs[i].Brief
		c.Countries = slices.Clone(c.Countries)
		for k := range c.Countries {
			c.Countries[k].Name = []string{"", "Other " + c.Countries[k].Code, fmt.Sprint("Name ", i)}[(i+k)%3]
		}
		docs[i].Brief = &c
	}
	distinct := len(docs)
	// the same content in other files
	for i := range 50 {
		c := *docs[i*7].Brief
		c.Path = "copy/" + c.Path
		docs = append(docs, Doc{Brief: &c, Terms: docs[i*7].Terms})
	}
	docs = append(docs, docs[10])

	want := Build(Config{Extractor: x, Vocab: vocab, Workers: 1}, docs)
	if want.Len() != distinct {
		t.Fatalf("%d briefs, want %d", want.Len(), distinct)
	}
	var wantDigest [2]string // without and with the load order
	var wantAnswers string
	setWant := func(l *Library) {
		want = l
		for k := range wantDigest {
			wantDigest[k] = digest(l, k == 1)
		}
		wantAnswers = answers(t, l)
	}
	setWant(want)
	check := func(name string, got *Library, loadOrder bool) {
		t.Helper()
		checkNames(t, got)
		k := 0
		if loadOrder {
			k = 1
		}
		if d := digest(got, loadOrder); d != wantDigest[k] {
			t.Errorf("%s: not the same library:\n%s", name, firstDiff(wantDigest[k], d))
		}
		if a := answers(t, got); a != wantAnswers {
			t.Errorf("%s: not the same answers:\n%s", name, firstDiff(wantAnswers, a))
		}
	}
	for _, w := range []int{2, 3, 8} {
		check(fmt.Sprintf("workers=%d", w), Build(Config{Extractor: x, Vocab: vocab, Workers: w}, docs), true)
	}
	text := make([]Doc, len(docs))
	for i, d := range docs {
		text[i] = Doc{Brief: d.Brief, Seed: d.Seed}
	}
	check("tokenized", Build(Config{Extractor: x}, text), true)

	// shuffled (without the copies, which depend on what comes first)
	r := rand.New(rand.NewPCG(1, 2))
	shuffled := slices.Clone(docs[:distinct])
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	setWant(Build(Config{Extractor: x, Vocab: vocab, Workers: 1}, docs[:distinct]))
	for _, w := range []int{1, 2} {
		check(fmt.Sprintf("shuffled/workers=%d", w), Build(Config{Extractor: x, Vocab: vocab, Workers: w}, shuffled), false)
	}
}

// checkNames checks that the names of the countries and the series are
// the last given in the library's order that are not "".
func checkNames(t *testing.T, l *Library) {
	t.Helper()
	countries, series := map[string]string{}, map[string]string{}
	for _, b := range l.briefs {
		for _, c := range b.Countries {
			if c.Name != "" {
				countries[c.Code] = c.Name
			}
		}
		if !b.Series.IsZero() && b.Series.Name != "" {
			series[b.Series.Key] = b.Series.Name
		}
	}
	if !maps.Equal(countries, l.names["country"]) || !maps.Equal(series, l.names["series"]) {
		t.Errorf("names:\n%v\n%v\nwant\n%v\n%v", l.names["country"], l.names["series"], countries, series)
	}
}

// answers lists what the library answers a few queries in every order:
// the IDs found and the facets with their counts.
func answers(t *testing.T, l *Library) string {
	t.Helper()
	var out strings.Builder
	queries := []string{"", "edition:2", "country:kuwait -country:iran", "source:nina", "border", `"border control"`, "date:2024 minister"}
	for _, k := range slices.Sorted(maps.Keys(l.postings["series"])) {
		queries = append(queries, fmt.Sprintf("series:%q", k))
	}
	for _, qs := range queries {
		q, err := Parse(qs)
		if err != nil {
			t.Fatal(err)
		}
		for _, by := range SortKeys {
			res, err := l.Search(q, User{Tags: Tags{l.Brief(0).ID: {"followup"}}}, by)
			if err != nil {
				t.Fatalf("%s: %v", qs, err)
			}
			fmt.Fprintf(&out, "%s by %s: %d of %d:", qs, by, len(res.Items), res.Total)
			for _, i := range res.Items {
				out.WriteString(" " + l.Brief(i).ID)
			}
			fmt.Fprintf(&out, "\n%+v\n", res.Facets)
		}
	}
	return out.String()
}

// firstDiff shows where a and b part.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\nwant %.300s\ngot  %.300s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(bl), len(al))
}

// digest is what a library holds, in a stable form: the briefs in order
// (with loadOrder, their paths, the other paths of each and the load
// order), the seeds, every field's values with their names and briefs,
// and the text index's postings by term.
func digest(l *Library, loadOrder bool) string {
	var w bytes.Buffer
	for i, b := range l.briefs {
		j, ok := l.byID[b.ID]
		fmt.Fprintf(&w, "brief %d %s %v %d %v\n", i, b.ID, b.Published, j, ok)
		if loadOrder {
			fmt.Fprintf(&w, "  %s %q\n", b.Path, l.also[b.ID])
		}
	}
	fmt.Fprintf(&w, "byID %d\n", len(l.byID))
	if loadOrder {
		w.Write(appendInts([]byte("loaded"), l.loaded))
	}
	fmt.Fprintf(&w, "\nseeds %v\n", slices.Sorted(maps.Keys(l.seeds)))
	for _, f := range slices.Sorted(maps.Keys(l.postings)) {
		vals := l.postings[f]
		for _, k := range slices.Sorted(maps.Keys(vals)) {
			name, named := l.names[f][k]
			fmt.Fprintf(&w, "%s %q %q %v %T", f, k, name, named, vals[k])
			w.Write(appendInts(nil, vals[k].appendTo(nil)))
			w.WriteByte('\n')
		}
		fmt.Fprintf(&w, "%s names %d\n", f, len(l.names[f]))
	}
	var terms []string
	for id, p := range l.text.post {
		if p != nil {
			line := fmt.Appendf(nil, "%q %T", l.text.vocab.Term(uint32(id)), p)
			terms = append(terms, string(appendInts(line, p.appendTo(nil))))
		}
	}
	slices.Sort(terms)
	fmt.Fprintf(&w, "text %d terms\n%s\n", len(terms), strings.Join(terms, "\n"))
	return w.String()
}

func appendInts(out []byte, is []int32) []byte {
	for _, i := range is {
		out = strconv.AppendInt(append(out, ' '), int64(i), 10)
	}
	return out
}
