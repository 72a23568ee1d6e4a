package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/brief"
)

var (
	testXOnce sync.Once
	testX     *Extractor
	testXErr  error
)

func extractor(t testing.TB) *Extractor {
	t.Helper()
	testXOnce.Do(func() { testX, testXErr = New() })
	if testXErr != nil {
		t.Fatalf("New: %v", testXErr)
	}
	return testX
}

// caseFile is a test brief in testdata/briefs: "key: value" header lines (the
// brief as the parser would build it, then the expected metadata), a "---"
// line, and the body.
type caseFile struct {
	b    brief.Brief
	want map[string]string
	// known are expectations the extractor is known to miss (header
	// "known: field field"): TestBriefs skips them, the accuracy figures
	// count them.
	known []string
}

func loadCase(t *testing.T, path string) caseFile {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, body, ok := strings.Cut(string(data), "\n---\n")
	if !ok {
		t.Fatalf("%s: no --- line", path)
	}
	c := caseFile{want: map[string]string{}}
	c.b.Body = body
	c.b.Path = path
	parseAs := ""
	for _, line := range strings.Split(head, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("%s: bad header line %q", path, line)
		}
		v = strings.TrimSpace(v)
		switch k {
		case "title":
			c.b.Title = v
		case "known":
			c.known = strings.Fields(v)
		case "parse":
			// the body is the file as written: brief.Parse reads it as a
			// file with this extension (txt, md)
			parseAs = v
		case "format":
			c.b.Format = v
		case "hint.date":
			c.b.Hints.DateText = v
		case "hint.source":
			c.b.Hints.Source = v
		case "hint.dateline":
			c.b.Hints.Dateline = v
		case "hint.agencyid":
			c.b.Hints.AgencyID = v
		case "hint.filetime":
			d, err := time.Parse("2006-01-02", v)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			c.b.Hints.FileTime = d
		case "stated.source":
			c.b.Stated.Source = v
		case "stated.series":
			c.b.Stated.Series = v
		case "stated.edition":
			c.b.Stated.Edition, _ = strconv.Atoi(v)
		case "stated.countries":
			c.b.Stated.Countries = strings.Fields(v)
		case "stated.date":
			d, err := time.Parse("2006-01-02", v)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			c.b.Stated.Date, c.b.Stated.HasDate = d, true
		default:
			if !strings.HasPrefix(k, "want.") {
				t.Fatalf("%s: unknown header %q", path, k)
			}
			c.want[strings.TrimPrefix(k, "want.")] = v
		}
	}
	if parseAs != "" {
		pb, err := brief.Parse(strings.TrimSuffix(path, filepath.Ext(path))+"."+parseAs, []byte(body))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		pb.Hints.FileTime = c.b.Hints.FileTime
		c.b = *pb
	}
	return c
}

func formatPublished(b *brief.Brief) string {
	switch {
	case !b.HasDate():
		return ""
	case b.HasTime:
		return b.Published.Format("2006-01-02T15:04")
	default:
		return b.Published.Format("2006-01-02")
	}
}

func intsString(v []int) string {
	var s []string
	for _, n := range v {
		s = append(s, strconv.Itoa(n))
	}
	return strings.Join(s, " ")
}

func eventsString(v []brief.Event) string {
	var s []string
	for _, e := range v {
		s = append(s, e.Series+":"+strconv.Itoa(e.Edition))
	}
	return strings.Join(s, " ")
}

func TestBriefs(t *testing.T) {
	x := extractor(t)
	files, err := filepath.Glob("testdata/briefs/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 12 {
		t.Fatalf("only %d test briefs", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			c := loadCase(t, f)
			b := c.b
			x.Apply(&b)
			got := gotFields(&b)
			keys := make([]string, 0, len(c.want))
			for k := range c.want {
				if !slices.Contains(c.known, k) {
					keys = append(keys, k)
				}
			}
			slices.Sort(keys)
			for _, k := range keys {
				want := c.want[k]
				g, ok := got[k]
				if !ok {
					t.Fatalf("unknown expectation %q", k)
				}
				if !fieldMatches(k, want, g) {
					t.Errorf("%s = %q, want %q", k, g, want)
				}
			}
			if testing.Verbose() {
				t.Logf("countries %v", b.Countries)
			}
		})
	}
}

// gotFields are the extracted values as the test briefs' want. lines
// write them.
func gotFields(b *brief.Brief) map[string]string {
	return map[string]string{
		"source":    b.Source,
		"published": formatPublished(b),
		"dateline":  b.Dateline,
		"edition":   strconv.Itoa(b.Edition),
		"mentioned": intsString(b.EditionsMentioned),
		"countries": strings.Join(b.CountryCodes(), " "),
		"series":    b.Series.Key,
		"name":      b.Series.Name,
		"events":    eventsString(b.EventsMentioned),
		"inferred":  strconv.FormatBool(b.EditionInferred),
		"year":      strconv.Itoa(b.EventYear),
		"title":     b.Title,
	}
}

// fieldMatches compares an extracted value with a want. line: countries
// written "set A B" compare as sets.
func fieldMatches(k, want, got string) bool {
	if k == "countries" && strings.HasPrefix(want, "set ") {
		w := strings.Fields(strings.TrimPrefix(want, "set "))
		g := strings.Fields(got)
		slices.Sort(w)
		slices.Sort(g)
		return slices.Equal(w, g)
	}
	return got == want
}
