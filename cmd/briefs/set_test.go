package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/store"
)

// findJSON returns the brief with the ID from list --json output.
func findJSON(t *testing.T, out, id string) jsonBrief {
	t.Helper()
	for _, b := range listJSON(t, out) {
		if b.ID == id {
			return b
		}
	}
	t.Fatalf("%s not listed in\n%s", id, out)
	return jsonBrief{}
}

func TestSetCorrectsEverywhere(t *testing.T) {
	s := newSandbox(t)
	const id = "0e253ee020f5"
	out := s.mustRun("set", "0e25", `series=Baghdad International Water Conference`, "edition=4", "date=2024-05-15",
		"source=واع", "title=Water conference opens", "dateline=Basra", "country=+IR", "country=-US", "country=+Kuwaiti,+إيران")
	for _, want := range []string{
		id + " Water conference opens",
		"series     Baghdad International Conference on Drug Control → Baghdad International Water Conference",
		"edition    3 → 4", "source     NINA → INA", "date       2025-12-07 11:25 → 2024-05-15", "dateline   Baghdad → Basra",
		"countries  IQ → IQ, IR, KW",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("set printed\n%s\nwithout %q", out, want)
		}
	}

	// list --json
	b := findJSON(t, s.mustRun("list", "--json"), id)
	if b.Title != "Water conference opens" || b.Source != "INA" || b.Published == nil || *b.Published != "2024-05-15" ||
		b.Dateline != "Basra" || b.Series == nil || b.Series.Key != "baghdad-water-conference" || b.Edition == nil || *b.Edition != 4 ||
		len(b.EditionsMentioned) != 0 || len(b.Countries) != 3 {
		t.Errorf("list --json after set: %+v", b)
	}
	if want := []string{"title", "source", "date", "dateline", "series", "edition", "countries"}; !slices.Equal(b.Corrected, want) {
		t.Errorf("corrected = %q, want %q", b.Corrected, want)
	}
	if other := findJSON(t, s.mustRun("list", "--json"), "c38e74662e74"); other.Corrected == nil || len(other.Corrected) != 0 {
		t.Errorf("an uncorrected brief: corrected = %#v, want []", other.Corrected)
	}

	// queries
	for q, want := range map[string]bool{
		`series:"baghdad international water conference"`: true, "series:baghdad-water-conference edition:4": true,
		"edition:3": false, "source:ina": true, "source:nina": false, "date:2024-05": true, "date:2025": false,
		"country:kuwait": true, "country:US": false, "water": true,
	} {
		got := strings.Contains(s.mustRun("list", "-q", q), id)
		if got != want {
			t.Errorf("list -q %q lists %s: %v, want %v", q, id, got, want)
		}
	}

	// export: JSON names the corrected fields, Markdown says so
	s.mustRun("tag", "0e25", "+water")
	var doc struct {
		Briefs []struct {
			ID        string   `json:"id"`
			Source    string   `json:"source"`
			Corrected []string `json:"corrected"`
		} `json:"briefs"`
	}
	if err := json.Unmarshal([]byte(s.mustRun("export", "--format", "json")), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Briefs) != 1 || doc.Briefs[0].Source != "INA" || len(doc.Briefs[0].Corrected) != 7 {
		t.Errorf("export JSON: %+v", doc.Briefs)
	}
	md := s.mustRun("export")
	for _, want := range []string{"## Water conference opens", "INA · 2024-05-15 · Baghdad International Water Conference, 4th",
		"Corrected: title, source, date, dateline, series, edition, countries"} {
		if !strings.Contains(md, want) {
			t.Errorf("export Markdown lacks %q:\n%s", want, md)
		}
	}
	// show (the reader's header on the command line)
	if out := s.mustRun("show", "0e25", "--width", "100"); !strings.Contains(out, "Water conference opens") || !strings.Contains(out, "INA") {
		t.Errorf("show after set:\n%s", out)
	}

	// reset some, then all
	out = s.mustRun("set", "0e25", "--reset", "edition", "country")
	if !strings.Contains(out, "edition    4 → 3 (as extracted)") || !strings.Contains(out, "countries  IQ, IR, KW → IQ (as extracted)") {
		t.Errorf("set --reset edition country printed\n%s", out)
	}
	b = findJSON(t, s.mustRun("list", "--json"), id)
	if *b.Edition != 3 || slices.Contains(b.Corrected, "edition") || slices.Contains(b.Corrected, "countries") || !slices.Contains(b.Corrected, "title") {
		t.Errorf("after a partial reset: %+v", b)
	}
	s.mustRun("set", "0e25", "title=") // an empty value gives the field back
	if b := findJSON(t, s.mustRun("list", "--json"), id); slices.Contains(b.Corrected, "title") {
		t.Errorf("title= left the title corrected: %+v", b)
	}
	s.mustRun("set", "--reset", "0e25")
	b = findJSON(t, s.mustRun("list", "--json"), id)
	if len(b.Corrected) != 0 || b.Source != "NINA" || b.Title == "Water conference opens" {
		t.Errorf("after --reset: %+v", b)
	}
	if out := s.mustRun("set", "0e25", "--reset"); !strings.Contains(out, "nothing changed") {
		t.Errorf("a reset of nothing printed\n%s", out)
	}
}

func TestSetJSON(t *testing.T) {
	s := newSandbox(t)
	var j jsonSet
	if err := json.Unmarshal([]byte(s.mustRun("set", "--json", "c38e", "edition=none", "series=COP")), &j); err != nil {
		t.Fatal(err)
	}
	if j.ID != "c38e74662e74" || len(j.Changed) != 2 || j.Changed[0].Field != "series" || j.Changed[1] != (jsonChange{"edition", "2", ""}) ||
		!slices.Equal(j.Corrected, []string{"series", "edition"}) {
		t.Errorf("set --json = %+v", j)
	}
	b := findJSON(t, s.mustRun("list", "--json", "-q", "series:cop edition:none"), "c38e74662e74")
	if b.Edition != nil || b.Series.Key != "cop" {
		t.Errorf("after edition=none series=COP: %+v", b)
	}
}

func TestSetUsageErrors(t *testing.T) {
	s := newSandbox(t)
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"set"}, 2, "give a brief ID"},
		{[]string{"set", "0e25"}, 2, "nothing to change"},
		{[]string{"set", "0e25", "colour=red"}, 2, `unknown field "colour" (fields: title, source, date, dateline, series, edition, country)`},
		{[]string{"set", "0e25", "date=2024-02-30"}, 2, "date=2024-02-30: not a date"},
		{[]string{"set", "0e25", "date=yesterday"}, 2, "not a date"},
		{[]string{"set", "0e25", "edition=0"}, 2, "edition=0: not a positive whole number"},
		{[]string{"set", "0e25", "edition=-3"}, 2, "not a positive whole number"},
		{[]string{"set", "0e25", "edition=four"}, 2, "not a positive whole number"},
		{[]string{"set", "0e25", "country=+Narnia"}, 2, `unknown country "Narnia"`},
		{[]string{"set", "0e25", "country=+IR", "country=-Iran"}, 2, "IR is both added and removed"},
		{[]string{"set", "0e25", "title=a", "title=b"}, 2, "title is given twice"},
		{[]string{"set", "0e25", "edition"}, 2, `"edition" is not an assignment`},
		{[]string{"set", "0e25", "--reset", "flavour"}, 2, `--reset: unknown field "flavour"`},
		{[]string{"set", "0e25", "title=bad\x1b[31mred"}, 2, "not allowed"},
		{[]string{"set", "ffffffff", "edition=3"}, 1, `no brief with ID "ffffffff"`},
	}
	for _, c := range cases {
		code := s.run(c.args...)
		if code != c.code || !strings.Contains(s.stderr.String(), c.msg) {
			t.Errorf("briefs %q: exit %d, stderr %q; want exit %d and %q", c.args, code, s.stderr.String(), c.code, c.msg)
		}
		if s.stdout.Len() != 0 {
			t.Errorf("briefs %q wrote to stdout on error: %q", c.args, s.stdout.String())
		}
	}
	if _, err := os.Stat(s.env["BRIEFS_DB"]); !os.IsNotExist(err) {
		t.Error("a refused set created the database")
	}
	// after the ID, -like words are assignments or --reset, never options
	if code := s.run("set", "0e25", "--json"); code != 2 || !strings.Contains(s.stderr.String(), `"--json" is not an assignment`) {
		t.Errorf("set ID --json: exit %d %q", code, s.stderr.String())
	}
}

func TestSetCompletion(t *testing.T) {
	s := newSandbox(t)
	for _, c := range []struct {
		args []string
		want []string
		not  []string
	}{
		{[]string{"set", ""}, []string{"0e253ee020f5", "c38e74662e74"}, nil},
		{[]string{"set", "0e25", ""}, []string{"title=", "source=", "date=", "dateline=", "series=", "edition=", "country=", "--reset"}, nil},
		{[]string{"set", "0e25", "ed"}, []string{"edition="}, []string{"date="}},
		{[]string{"set", "0e25", "--r"}, []string{"--reset"}, []string{"title="}},
		{[]string{"set", "0e25", "--reset", "co"}, []string{"country"}, []string{"country="}},
		{[]string{"set", "--reset", "0e25", ""}, []string{"title", "edition"}, []string{"title="}},
		// values: series keys of the collection, countries to add (the
		// collection's, not the brief's) and to remove (the brief's)
		{[]string{"set", "0e25", "series="}, []string{"series=baghdad-drug-conference", "series=none"}, nil},
		{[]string{"set", "0e25", "series=bag"}, []string{"series=baghdad-drug-conference"}, []string{"series=none"}},
		{[]string{"set", "0e25", "country="}, []string{"country=+IR", "country=+KW", "country=+LB"}, []string{"country=+IQ", "country=-IQ"}},
		{[]string{"set", "0e25", "country=-"}, []string{"country=-IQ"}, []string{"country=-IR"}},
		{[]string{"set", "c38e", "country=-"}, []string{"country=-IQ", "country=-IR", "country=-KW", "country=-LB"}, nil},
		{[]string{"set", "0e25", "edition="}, []string{"edition=none"}, nil},
	} {
		got, _ := s.complete(c.args...)
		for _, w := range c.want {
			if !hasCandidate(got, w) {
				t.Errorf("__complete %q lacks %q: %q", c.args, w, got)
			}
		}
		for _, w := range c.not {
			if hasCandidate(got, w) {
				t.Errorf("__complete %q offers %q: %q", c.args, w, got)
			}
		}
	}
}

// A correction follows its brief when the file is edited and moved, like
// tags (store re-attachment by identity).
func TestCorrectionsFollowEdits(t *testing.T) {
	s := newSandbox(t)
	folder := filepath.Join(s.dir, "briefs")
	s.write("config.yaml", "folders: ["+folder+"]\nseeds: false\n")
	seed, err := os.ReadFile("../../seeds/000_2f5fd0d68d9114d4.txt")
	if err != nil {
		t.Fatal(err)
	}
	path := s.write("briefs/nina.txt", string(seed))
	s.mustRun("set", "0e25", "edition=5", "source=Reuters")

	edited := strings.Replace(string(seed), "significant progress", "significant progres", 1)
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	moved := filepath.Join(folder, "2025", "renamed.txt")
	os.MkdirAll(filepath.Dir(moved), 0o755)
	if err := os.Rename(path, moved); err != nil {
		t.Fatal(err)
	}
	bs := listJSON(t, s.mustRun("list", "--json"))
	if len(bs) != 1 || bs[0].ID == "0e253ee020f5" {
		t.Fatalf("after the edit: %+v", bs)
	}
	if b := bs[0]; b.Source != "Reuters" || b.Edition == nil || *b.Edition != 5 || !slices.Equal(b.Corrected, []string{"source", "edition"}) {
		t.Errorf("the correction did not follow the edit: %+v", b)
	}
	if out := s.mustRun("list", "-q", "source:reuters edition:5"); !strings.Contains(out, bs[0].ID) {
		t.Errorf("query after the edit:\n%s", out)
	}
}

// Corrections made by an earlier version (schema 2, old body-hash IDs)
// come through the upgrade onto the briefs as they are identified now.
func TestCorrectionsSurviveUpgrade(t *testing.T) {
	s := newSandbox(t)
	db := s.env["BRIEFS_DB"]
	os.MkdirAll(filepath.Dir(db), 0o755)
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = raw.Exec(`
CREATE TABLE tags (brief_id TEXT NOT NULL, tag TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (brief_id, tag)) WITHOUT ROWID;
CREATE TABLE notes (brief_id TEXT PRIMARY KEY, body TEXT NOT NULL, updated TEXT NOT NULL);
CREATE INDEX tags_by_tag ON tags (tag, brief_id);
CREATE TABLE read_state (brief_id TEXT PRIMARY KEY, read_at TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE overrides (brief_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, updated TEXT NOT NULL, PRIMARY KEY (brief_id, field)) WITHOUT ROWID;
CREATE TABLE revision (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO revision (id, n) VALUES (1, 7);
INSERT INTO tags VALUES ('2b63c3eaae58', 'followup', '2025-01-02T03:04:05.000000000Z');
INSERT INTO overrides VALUES ('f9b3bfc62cea', 'edition', '5', '2025-01-04T03:00:00.000000000Z');
INSERT INTO overrides VALUES ('2b63c3eaae58', 'title', 'Shammari on drugs', '2025-01-04T03:00:00.000000000Z');
PRAGMA user_version = 2;`)
	if err != nil {
		t.Fatal(err)
	}
	raw.Close()
	s.mustRun("tag", "0e25", "+upgraded") // a write: the upgrade and the moves are saved
	out := s.mustRun("list", "--json")
	if b := findJSON(t, out, "0e253ee020f5"); b.Title != "Shammari on drugs" || !slices.Equal(b.Corrected, []string{"title"}) {
		t.Errorf("NINA seed after the upgrade: %q %q", b.Title, b.Corrected)
	}
	if b := findJSON(t, out, "c38e74662e74"); b.Edition == nil || *b.Edition != 5 || !slices.Equal(b.Corrected, []string{"edition"}) {
		t.Errorf("Shafaq seed after the upgrade: %+v", b)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	all, err := st.AllCorrections(t.Context())
	if err != nil || all["0e253ee020f5"].Title != "Shammari on drugs" {
		t.Errorf("store after the upgrade: %+v %v", all, err)
	}
}
