package identity_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/corpus"
	"github.com/briefs/briefs/internal/identity"
	"github.com/briefs/briefs/seeds"
)

// file is a source file as the user has it.
type file struct {
	path string
	data string
}

// cand parses a file the way loading does and describes it for Decide.
func cand(t testing.TB, f file) identity.Candidate {
	t.Helper()
	b, err := brief.Parse(f.path, []byte(f.data))
	if err != nil {
		t.Fatalf("parse %s: %v", f.path, err)
	}
	return identity.Candidate{ID: b.ID, Paths: []string{f.path}, Title: b.Title, Date: b.Day(), Source: b.Hints.Source, Story: b.Hints.AgencyID, Body: b.Body, Legacy: b.Hints.Legacy}
}

// record is what the store kept about an annotated file.
func record(t testing.TB, f file) identity.Record {
	c := cand(t, f)
	return c.Record()
}

func seedText(t testing.TB, name string) string {
	t.Helper()
	data, err := seeds.FS().(interface{ ReadFile(string) ([]byte, error) }).ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

const ninaSeed = "000_2f5fd0d68d9114d4.txt"
const shafaqSeed = "001_0120ff17fa13518d.txt"

func decide1(t *testing.T, rec identity.Record, files []file, opt identity.Options) identity.Decision {
	t.Helper()
	var cs []identity.Candidate
	for _, f := range files {
		cs = append(cs, cand(t, f))
	}
	d := identity.Decide([]identity.Record{rec}, cs, opt)
	if len(d) != 1 || d[0].From != rec.ID {
		t.Fatalf("Decide = %+v", d)
	}
	return d[0]
}

func TestDecideFollows(t *testing.T) {
	nina := seedText(t, ninaSeed)
	shafaq := seedText(t, shafaqSeed)
	other := file{"/b/shafaq.txt", shafaq}
	orig := file{"/b/nina.txt", nina}
	rec := record(t, orig)
	update := "\n\nUPDATE: " + shafaq[200:1800]
	cases := []struct {
		name string
		now  file // what the annotated file became
		why  string
	}{
		{"typo fixed in the body", file{orig.path, strings.Replace(nina, "significant progress", "significant progres", 1)}, "edited in place"},
		{"several words changed", file{orig.path, strings.NewReplacer("Sunday", "Saturday", "affirmed", "said", "advanced", "modern", "Scourge", "scourge").Replace(nina)}, "edited in place"},
		{"update appended", file{orig.path, strings.Replace(nina, "/ End", update+"/ End", 1)}, "text added"},
		{"title edited in place", file{orig.path, strings.Replace(nina, "Interior Minister: Iraq Has", "Interior Minister Says Iraq Has", 1)}, "edited in place"},
		{"moved, unchanged but for line endings", file{"/elsewhere/x.txt", strings.ReplaceAll(nina, "\n", "\r\n") + "\n\n\n"}, ""},
		{"moved and a typo fixed", file{"/elsewhere/renamed.txt", strings.Replace(nina, "significant progress", "significant progres", 1)}, "moved or renamed"},
		{"renamed to Markdown", file{"/b/nina.md", "# " + strings.Replace(nina, "ID :\n", "", 1)}, "moved or renamed"},
		{"moved and an update appended", file{"/b/2025/nina.txt", strings.Replace(nina, "/ End", update+"/ End", 1)}, "moved or renamed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := []file{other, c.now}
			if cand(t, c.now).ID == rec.ID {
				if c.why != "" {
					t.Fatalf("the change kept the ID %s", rec.ID)
				}
				return // the same content is the same brief: nothing to follow
			}
			d := decide1(t, rec, files, identity.Options{})
			t.Logf("%+v", d)
			if d.Verdict != identity.Follow || d.To != cand(t, c.now).ID || !strings.Contains(d.Reason, c.why) {
				t.Errorf("Decide = %+v, want to follow %s (%s)", d, cand(t, c.now).ID, c.why)
			}
		})
	}
}

func TestDecideLeavesOrphans(t *testing.T) {
	nina := seedText(t, ninaSeed)
	shafaq := seedText(t, shafaqSeed)
	orig := file{"/b/nina.txt", nina}
	rec := record(t, orig)
	typo := strings.Replace(nina, "significant progress", "significant progres", 1)
	other := corpus.Generate(30, 3, 3000)
	var unrelated []file
	for _, f := range other {
		unrelated = append(unrelated, file{"/c/" + f.Name, string(f.Data)})
	}
	cases := []struct {
		name   string
		files  []file
		opt    identity.Options
		reason string
	}{
		{"deleted", []file{{"/b/shafaq.txt", shafaq}}, identity.Options{}, "no brief"},
		{"another brief written over it", []file{{orig.path, shafaq}}, identity.Options{}, "no brief"},
		{"replaced by a brief of the same agency and template", []file{{orig.path, string(other[0].Data)}}, identity.Options{}, "no brief"},
		{"a similar brief elsewhere, same title, mostly rewritten", []file{{"/d/x.txt", strings.SplitAfter(nina, "Drugs\n")[0] + "\nBaghdad / NINA/- A short statement about something else entirely, with new words."}}, identity.Options{}, "no brief"},
		{"ambiguous: two edited copies", []file{{"/d/a.txt", typo}, {"/d/b.txt", strings.Replace(nina, "Iraq’s commitment", "Iraq's commitment", 1)}}, identity.Options{}, "ambiguous"},
		{"the likely brief has annotations of its own", []file{{"/d/a.txt", typo}}, identity.Options{Annotated: func(string) bool { return true }}, "annotations of its own"},
		{"a big unrelated collection", unrelated, identity.Options{}, "no brief"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := decide1(t, rec, c.files, c.opt)
			t.Logf("%+v", d)
			if d.Verdict != identity.Orphaned || d.To != "" || !strings.Contains(d.Reason, c.reason) {
				t.Errorf("Decide = %+v, want orphaned (%s)", d, c.reason)
			}
		})
	}

	t.Run("file exists but is not loaded", func(t *testing.T) {
		rec := rec
		rec.Path = filepath.Join(t.TempDir(), "nina.txt")
		d := decide1(t, rec, []file{{"/d/a.txt", typo}}, identity.Options{Exists: func(p string) bool { return p == rec.Path }})
		if d.Verdict != identity.NotLoaded {
			t.Errorf("Decide = %+v, want NotLoaded", d)
		}
	})

	t.Run("two orphans resemble one brief", func(t *testing.T) {
		rec2 := record(t, file{"/b/nina-copy.txt", strings.Replace(nina, "Iraq’s commitment", "Iraq's commitment", 1)})
		ds := identity.Decide([]identity.Record{rec, rec2}, []identity.Candidate{cand(t, file{"/d/a.txt", typo})}, identity.Options{})
		for _, d := range ds {
			if d.Verdict != identity.Orphaned || !strings.Contains(d.Reason, "attach by hand") {
				t.Errorf("Decide = %+v, want both orphaned", d)
			}
		}
	})
}

// Over a generated corpus (briefs from the same few templates, the worst
// case for text similarity) no deleted brief is ever taken for another.
func TestDecideNeverTakesUnrelated(t *testing.T) {
	files := corpus.Generate(600, 11, 2500)
	var cs []identity.Candidate
	var recs []identity.Record
	for i, f := range files {
		c := cand(t, file{"/corpus/" + f.Name, string(f.Data)})
		if i%10 == 0 { // deleted: only the record remains
			recs = append(recs, c.Record())
			continue
		}
		cs = append(cs, c)
	}
	// The deleted ones' paths now hold other briefs of the corpus.
	for i := range recs {
		cs[i].Paths = append(cs[i].Paths, recs[i].Path)
	}
	for _, d := range identity.Decide(recs, cs, identity.Options{}) {
		if d.Verdict != identity.Orphaned {
			t.Errorf("deleted %s: %+v", d.From, d)
		}
	}
}

func TestDecideLegacy(t *testing.T) {
	nina := file{"seeds/" + ninaSeed, seedText(t, ninaSeed)}
	shafaq := file{"seeds/" + shafaqSeed, seedText(t, shafaqSeed)}
	cs := []identity.Candidate{cand(t, nina), cand(t, shafaq)}
	// The seeds' IDs of schema 2 databases (they appeared in docs and tests).
	ds := identity.Decide([]identity.Record{{ID: "2b63c3eaae58", Legacy: true}, {ID: "f9b3bfc62cea", Legacy: true}, {ID: "0123456789ab", Legacy: true}}, cs, identity.Options{})
	// If this fails, the parser now cleans the seeds' bodies differently
	// from the release before identity: databases of that release lose the
	// automatic upgrade of their annotations for briefs cleaned differently
	// (they become orphans, to attach by hand). Keep the cleaning of bodies
	// as it was, or accept that knowingly and update this test.
	if ds[0].Verdict != identity.Follow || ds[0].To != cs[0].ID {
		t.Errorf("NINA seed legacy ID: %+v, want to follow %s (see the comment)", ds[0], cs[0].ID)
	}
	if ds[1].Verdict != identity.Follow || ds[1].To != cs[1].ID {
		t.Errorf("Shafaq seed legacy ID: %+v, want to follow %s (see the comment)", ds[1], cs[1].ID)
	}
	if ds[2].Verdict != identity.Orphaned || !strings.Contains(ds[2].Reason, "older version") {
		t.Errorf("unknown legacy ID: %+v", ds[2])
	}
	if cs[0].ID != "0e253ee020f5" || cs[1].ID != "c38e74662e74" {
		t.Errorf("seed IDs changed: %s %s (they must stay stable: update docs, goldens and tests deliberately)", cs[0].ID, cs[1].ID)
	}
}

func TestSimilarity(t *testing.T) {
	nina := seedText(t, ninaSeed)
	a := identity.FingerprintOf("T", nina)
	if j, c := identity.Similarity(a, a); j != 1 || c != 1 {
		t.Errorf("self similarity = %v %v", j, c)
	}
	// Layout, case and punctuation do not count.
	b := identity.FingerprintOf("t", strings.ToUpper(strings.NewReplacer(",", " ", "\n", "  ", ".", "!").Replace(nina)))
	if j, _ := identity.Similarity(a, b); j != 1 {
		t.Errorf("layout changes: similarity %v", j)
	}
	z := identity.Fingerprint{}
	if j, c := identity.Similarity(a, z); j != 0 || c != 0 || !z.IsZero() {
		t.Error("unknown fingerprint is similar")
	}
	short := identity.FingerprintOf("Hi", "")
	if j, _ := identity.Similarity(short, short); j != 1 || short.Shingles() != 1 {
		t.Errorf("one-word text: %v %d", j, short.Shingles())
	}
	// Round trip.
	data, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back, err := identity.ParseFingerprint(data)
	if err != nil {
		t.Fatal(err)
	}
	if j, _ := identity.Similarity(a, back); j != 1 || back.Shingles() != a.Shingles() {
		t.Error("fingerprint does not survive MarshalBinary/ParseFingerprint")
	}
	for _, bad := range [][]byte{{9, 1}, {1}, append(slices.Clone(data), 1), append(data[:1+1+8:1+1+8], data[1+1:1+1+8]...)} {
		if _, err := identity.ParseFingerprint(bad); err == nil {
			t.Errorf("ParseFingerprint(%x) accepted", bad)
		}
	}
}

func BenchmarkFingerprint(b *testing.B) {
	files := corpus.Generate(100, 7, 3000)
	var cs []identity.Candidate
	for _, f := range files {
		cs = append(cs, cand(b, file{f.Name, string(f.Data)}))
	}
	for i := 0; b.Loop(); i++ {
		c := &cs[i%len(cs)]
		identity.FingerprintOf(c.Title, c.Body)
	}
}

// BenchmarkDecide10k is the worst case of a load: orphans whose search
// needs every fingerprint of a 10,000-brief collection.
func BenchmarkDecide10k(b *testing.B) {
	files := corpus.Generate(10000, 5, 3000)
	var cs []identity.Candidate
	for _, f := range files {
		cs = append(cs, cand(b, file{"/c/" + f.Name, string(f.Data)}))
	}
	recs := []identity.Record{cs[0].Record(), cs[1].Record()}
	for i := range recs {
		recs[i].ID = fmt.Sprintf("gone%08d", i)
		recs[i].Path = "/gone/" + recs[i].Path
		recs[i].Title = "a title no one has"
	}
	for b.Loop() {
		identity.Decide(recs, slices.Clone(cs), identity.Options{})
	}
}

// BenchmarkOf and BenchmarkLegacyID compare the cost of the brief ID now
// (the file's normalised content) and before (the cleaned body), per
// generated 3 KB brief.
func BenchmarkOf(b *testing.B) {
	files := corpus.Generate(100, 7, 3000)
	var n int64
	for _, f := range files {
		n += int64(len(f.Data))
	}
	b.SetBytes(n / int64(len(files)))
	for i := 0; b.Loop(); i++ {
		identity.Of(files[i%len(files)].Data)
	}
}

func BenchmarkLegacyID(b *testing.B) {
	files := corpus.Generate(100, 7, 3000)
	var cs []identity.Candidate
	var n int64
	for _, f := range files {
		cs = append(cs, cand(b, file{f.Name, string(f.Data)}))
		n += int64(len(f.Data))
	}
	b.SetBytes(n / int64(len(files)))
	for i := 0; b.Loop(); i++ {
		c := &cs[i%len(cs)]
		identity.LegacyID(c.Title, c.Body)
	}
}
