package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/briefs/briefs/internal/brief"
)

// sandbox is a run of the program with its own config, database and
// data folders.
type sandbox struct {
	t      *testing.T
	dir    string
	env    map[string]string
	stdout bytes.Buffer
	stderr bytes.Buffer
	stdin  string // what the next run reads on standard input

	noLookup bool // env.noLookup
	mu       sync.Mutex
	events   []string // what env.probe heard, since the last run began
}

func newSandbox(t *testing.T) *sandbox {
	t.Helper()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("folders: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return &sandbox{t: t, dir: dir, env: map[string]string{
		"BRIEFS_CONFIG": cfg,
		"BRIEFS_DB":     filepath.Join(dir, "data", "briefs.db"),
		"BRIEFS_INDEX":  filepath.Join(dir, "cache", "index.db"),
	}}
}

func (s *sandbox) run(args ...string) int {
	s.t.Helper()
	s.stdout.Reset()
	s.stderr.Reset()
	s.mu.Lock()
	s.events = nil
	s.mu.Unlock()
	return run(context.Background(), args, env{
		stdin: strings.NewReader(s.stdin), stdout: &s.stdout, stderr: &s.stderr,
		getenv: func(k string) string { return s.env[k] },
		probe: func(e string) {
			s.mu.Lock()
			s.events = append(s.events, e)
			s.mu.Unlock()
		},
		noLookup: s.noLookup,
	})
}

func (s *sandbox) mustRun(args ...string) string {
	s.t.Helper()
	if code := s.run(args...); code != 0 {
		s.t.Fatalf("briefs %v: exit %d\nstderr: %s", args, code, s.stderr.String())
	}
	return s.stdout.String()
}

func (s *sandbox) write(name, content string) string {
	s.t.Helper()
	p := filepath.Join(s.dir, name)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		s.t.Fatal(err)
	}
	return p
}

func listJSON(t *testing.T, out string) []jsonBrief {
	t.Helper()
	var bs []jsonBrief
	if err := json.Unmarshal([]byte(out), &bs); err != nil {
		t.Fatalf("list --json output is not a JSON array: %v\n%s", err, out)
	}
	return bs
}

// TestSeedsGolden pins every extracted field of the two seed briefs.
func TestSeedsGolden(t *testing.T) {
	s := newSandbox(t)
	out := s.mustRun("list", "--json")
	golden.RequireEqual(t, []byte(out))
	bs := listJSON(t, out)
	if len(bs) != 2 {
		t.Fatalf("%d briefs, want 2", len(bs))
	}
	nina, shafaq := bs[0], bs[1]
	check := func(name string, got, want any) {
		t.Helper()
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		if string(gj) != string(wj) {
			t.Errorf("%s = %s, want %s", name, gj, wj)
		}
	}
	check("nina.source", nina.Source, "NINA")
	check("nina.published", nina.Published, "2025-12-07T11:25:00+03:00")
	check("nina.dateline", nina.Dateline, "Baghdad")
	check("nina.series", nina.Series, brief.Series{Key: "baghdad-drug-conference", Name: "Baghdad International Conference on Drug Control"})
	check("nina.edition", nina.Edition, 3)
	check("nina.edition_inferred", nina.EditionInferred, false)
	check("nina.editions_mentioned", nina.EditionsMentioned, []int{1, 2})
	check("nina.events_mentioned", nina.EventsMentioned, []brief.Event{{Series: "baghdad-drug-conference", Edition: 1}, {Series: "baghdad-drug-conference", Edition: 2}})
	check("nina.countries", codes(nina), []string{"IQ"})
	check("nina.path", nina.Path, "seeds/000_2f5fd0d68d9114d4.txt")
	check("shafaq.source", shafaq.Source, "Shafaq News")
	check("shafaq.published", shafaq.Published, "2024-07-22")
	check("shafaq.series", shafaq.Series.Key, "baghdad-drug-conference")
	check("shafaq.edition", shafaq.Edition, 2)
	check("shafaq.editions_mentioned", shafaq.EditionsMentioned, []int{1})
	check("shafaq.countries", sortedCodes(shafaq), []string{"IQ", "IR", "KW", "LB"})
}

func codes(b jsonBrief) []string {
	var out []string
	for _, c := range b.Countries {
		out = append(out, c.Code)
	}
	return out
}

func sortedCodes(b jsonBrief) []string {
	out := codes(b)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestListQuery(t *testing.T) {
	s := newSandbox(t)
	for q, want := range map[string]string{
		"edition:3":                "NINA",
		"country:kuwait":           "Shafaq News",
		"country:IR vahidi":        "Shafaq News",
		"date:2025":                "NINA",
		`"border-control"`:         "NINA",
		"edition:3 country:kuwait": "",
	} {
		bs := listJSON(t, s.mustRun("list", "--json", "-q", q))
		got := ""
		if len(bs) == 1 {
			got = bs[0].Source
		} else if len(bs) > 1 {
			got = "many"
		}
		if got != want {
			t.Errorf("-q %q: got %q, want %q", q, got, want)
		}
	}
	out := s.mustRun("list")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "ID") || !strings.Contains(lines[1], "NINA") || !strings.Contains(lines[1], "3rd") {
		t.Errorf("table:\n%s", out)
	}
}

func TestUsageErrors(t *testing.T) {
	s := newSandbox(t)
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"list", "-q", `"unbalanced`}, 2, "unbalanced quote"},
		{[]string{"list", "-q", "foo:bar"}, 2, "unknown field"},
		{[]string{"list", "-q", "country:atlantis"}, 2, "unknown country"},
		{[]string{"list", "--bogus"}, 2, "unknown option --bogus"},
		{[]string{"show"}, 2, "give one brief ID"},
		{[]string{"show", "abc", "--style", "neon"}, 2, "--style"},
		{[]string{"show", "ffffffff"}, 1, `no brief with ID "ffffffff"`},
		{[]string{"tag", "x"}, 2, "give a brief ID and tags"},
		{[]string{"tag", "ffffffff", "a", "-a"}, 2, "both added and removed"},
		{[]string{"tag", "ffffffff", "+bad,tag"}, 2, "invalid tag"},
		{[]string{"note", "a", "--text", "x", "--edit"}, 2, "not both"},
		{[]string{"export", "--format", "pdf"}, 2, "use md or json"},
		{[]string{"list", filepath.Join(s.dir, "missing")}, 1, "missing: cannot open"},
		{[]string{"bogus"}, 2, `unknown command or file "bogus"`},
		{[]string{"show", filepath.Join(s.dir, "nope.txt")}, 1, "nope.txt: no such file"},
		{[]string{"show", s.dir}, 1, "is a folder"},
		{[]string{"show", "2b6"}, 1, "at least 4 digits"},
		{[]string{"show", "0e25", "--width", "5"}, 2, "10 to 1000"},
		{[]string{"tag", "--help"}, 0, ""},
	}
	for _, c := range cases {
		code := s.run(c.args...)
		if code != c.code || !strings.Contains(s.stderr.String(), c.msg) {
			t.Errorf("briefs %v: exit %d, stderr %q; want exit %d and %q", c.args, code, s.stderr.String(), c.code, c.msg)
		}
		if c.code != 0 && s.stdout.Len() != 0 && c.args[0] != "list" {
			t.Errorf("briefs %v wrote to stdout on error: %q", c.args, s.stdout.String())
		}
	}
	if code := s.run("--help"); code != 0 || !strings.Contains(s.stdout.String(), "briefs list") {
		t.Errorf("--help: %d %q", code, s.stdout.String())
	}
	for _, args := range [][]string{{"--version"}, {"list", "--version"}, {"--version", "tags"}} {
		if code := s.run(args...); code != 0 || !strings.HasPrefix(s.stdout.String(), "briefs ") {
			t.Errorf("%v: %d %q", args, code, s.stdout.String())
		}
	}
	// reading commands never create the database
	s.mustRun("tags")
	s.mustRun("note", "0e25")
	s.mustRun("list")
	if _, err := os.Stat(s.env["BRIEFS_DB"]); !os.IsNotExist(err) {
		t.Errorf("a reading command created the database: %v", err)
	}
	// global options in their short form before a command that takes -tags
	if code := s.run("-db", s.env["BRIEFS_DB"], "tag", "0e25", "+x"); code != 0 {
		t.Errorf("-db before tag: %d %s", code, s.stderr.String())
	}
}

func TestShow(t *testing.T) {
	s := newSandbox(t)
	out := s.mustRun("show", "0e25", "--width", "60")
	golden.RequireEqual(t, []byte(out))
	if strings.Contains(out, "\x1b") {
		t.Error("piped show holds escape sequences")
	}
	for _, want := range []string{"Interior Minister", "NINA · 2025-12-07 11:25 · Baghdad · 3rd conference", "(mentions 1st, 2nd)", "IQ Iraq"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q", want)
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if len([]rune(l)) > 60 {
			t.Errorf("line wider than 60: %q", l)
		}
	}
	// styled output on request, still filtered
	out = s.mustRun("show", "--style", "dark", "0e25")
	if !strings.Contains(out, "\x1b[") {
		t.Error("dark style holds no SGR")
	}
	// a file path works too
	p := s.write("one.md", "# Hello there\n\nSome text about Kuwait.\n")
	if out := s.mustRun("show", p); !strings.Contains(out, "Hello there") || !strings.Contains(out, "KW Kuwait") {
		t.Errorf("show PATH:\n%s", out)
	}
}

// TestHostileText: control sequences in a brief never reach the output of
// list, show or export.
func TestHostileText(t *testing.T) {
	s := newSandbox(t)
	p := s.write("evil/evil.txt", "Evil \x1b]0;pwned\x07title\u202e\n\nBody \x1b]52;c;ZXZpbA==\x07 clip \x1b[2J clear \u009b2J c1 &#27;[31m &#x1b;]52;c;QQ== &#x9b \x1b]8;;file:///etc/passwd\x07link\x1b]8;;\x07 Kuwait.\n")
	s.write("evil/fm.md", "---\ntitle: \"Evil \\e]0;PWNED\\a title \\x9b31m red \\u202e rtl\"\nsource: \"NINA\\e[2J\"\ndateline: \"Bag\\e[5mdad\"\ntags: [\"ok\", \"a\\e[31mb\"]\n---\nBody about Kuwait.\n")
	s.write("evil/bad\x1b]0;name\x07.txt", "Named badly\n\nKuwait.\n")
	s.write("evil/empty\x1b[2J\n.txt", "")
	dir := filepath.Dir(p)
	outs := []string{
		s.mustRun("show", filepath.Join(dir, "fm.md")),
		s.stderr.String(),
		s.mustRun("list", dir),
		s.mustRun("list", "--json", dir),
		s.mustRun("show", p),
		s.mustRun("show", "--style", "dark", p),
		s.mustRun("export", "-q", "kuwait", dir),
	}
	outs[1] = s.stderr.String() // the warnings of the last run
	for _, l := range strings.Split(strings.TrimSpace(outs[1]), "\n") {
		if !strings.HasPrefix(l, "briefs: ") {
			t.Errorf("warning line not from briefs (a file name broke it?): %q", l)
		}
	}
	for i, out := range outs {
		for _, bad := range []string{"\x1b]", "\x1b[2J", "\u009b", "\u202e", "\x07", "\x1b[31m"} {
			if strings.Contains(out, bad) {
				t.Errorf("output %d holds %q:\n%q", i, bad, out)
			}
		}
		if i != 5 && strings.Contains(out, "\x1b") {
			t.Errorf("plain output %d holds ESC: %q", i, out)
		}
	}
}

func TestBadInputFolder(t *testing.T) {
	s := newSandbox(t)
	s.write("in/good.txt", "Good\n\nBody about Iraq.\n")
	s.write("in/empty.txt", "")
	s.write("in/bin.txt", "a\x00b")
	out := s.mustRun("list", filepath.Join(s.dir, "in"))
	if !strings.Contains(out, "Good") {
		t.Errorf("good brief missing: %s", out)
	}
	for _, w := range []string{"empty.txt: empty file", "bin.txt: binary file"} {
		if !strings.Contains(s.stderr.String(), w) {
			t.Errorf("stderr lacks %q: %s", w, s.stderr.String())
		}
	}
	s.write("bad/empty.txt", "")
	if code := s.run("list", filepath.Join(s.dir, "bad")); code != 1 || !strings.Contains(s.stderr.String(), "no brief could be loaded") {
		t.Errorf("all bad: exit %d, %s", code, s.stderr.String())
	}
}

func TestConfigFolders(t *testing.T) {
	s := newSandbox(t)
	s.write("mine/a.md", "# Mine\n\nText.\n")
	s.write("config.yaml", "folders:\n  - mine\nseeds: false\n")
	bs := listJSON(t, s.mustRun("list", "--json"))
	if len(bs) != 1 || bs[0].Title != "Mine" {
		t.Errorf("config folders: %+v", bs)
	}
	s.write("config.yaml", "folderz: [x]\n")
	if code := s.run("list"); code != 1 || !strings.Contains(s.stderr.String(), "config.yaml") {
		t.Errorf("bad config: %d %s", code, s.stderr.String())
	}
}

func TestTagNoteExport(t *testing.T) {
	s := newSandbox(t)
	if out := s.mustRun("tag", "--db", s.env["BRIEFS_DB"], "0e25", "+FollowUp", "+border control"); out != "0e253ee020f5 border-control followup\n" {
		t.Errorf("tag output %q", out)
	}
	if _, err := os.Stat(s.env["BRIEFS_DB"]); err != nil {
		t.Fatalf("database not created: %v", err)
	}
	s.mustRun("tag", "c38e", "+followup", "+iran")
	if out := s.mustRun("tag", "0e25", "-border-control"); out != "0e253ee020f5 followup\n" {
		t.Errorf("untag output %q", out)
	}
	if out := s.mustRun("tags"); out != "followup  2\niran      1\n" {
		t.Errorf("tags output %q", out)
	}
	bs := listJSON(t, s.mustRun("list", "--json", "-q", "tag:followup -tag:iran"))
	if len(bs) != 1 || bs[0].ID != "0e253ee020f5" || strings.Join(bs[0].Tags, ",") != "followup" {
		t.Errorf("tag query: %+v", bs)
	}
	s.mustRun("note", "0e25", "--text", "First line.")
	s.mustRun("note", "0e25", "--text", "> Iraq has made significant progress")
	if out := s.mustRun("note", "0e25"); out != "First line.\n\n> Iraq has made significant progress\n" {
		t.Errorf("note output %q", out)
	}
	// export to a file; refuses to overwrite without --force
	out := filepath.Join(s.dir, "out", "notes.md")
	os.MkdirAll(filepath.Dir(out), 0o755)
	s.mustRun("export", "--out", out)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	md := string(data)
	for _, want := range []string{"count: 2", "## Interior Minister", "#followup", "> Iraq has made significant progress", "Shafaq News"} {
		if !strings.Contains(md, want) {
			t.Errorf("export lacks %q:\n%s", want, md)
		}
	}
	// reproducible with SOURCE_DATE_EPOCH
	s.env["SOURCE_DATE_EPOCH"] = "1700000000"
	first := s.mustRun("export")
	if !strings.Contains(first, `exported: 2023-11-14T22:13:20Z`) || s.mustRun("export") != first {
		t.Errorf("export not reproducible:\n%s", first)
	}
	if code := s.run("export", "--out", out, "-q", "edition:3"); code != 1 || !strings.Contains(s.stderr.String(), "already exists") || !strings.Contains(s.stderr.String(), "--force") {
		t.Errorf("overwrite without --force: exit %d %q", code, s.stderr.String())
	}
	if after, _ := os.ReadFile(out); string(after) != md {
		t.Error("file changed by a refused export")
	}
	s.mustRun("export", "--out", out, "--force", "--format", "json", "-q", "edition:3")
	var doc struct {
		Count  int `json:"count"`
		Briefs []struct {
			ID   string   `json:"id"`
			Tags []string `json:"tags"`
			Note string   `json:"note"`
		} `json:"briefs"`
	}
	data, _ = os.ReadFile(out)
	if err := json.Unmarshal(data, &doc); err != nil || doc.Count != 1 || doc.Briefs[0].ID != "0e253ee020f5" || !strings.Contains(doc.Briefs[0].Note, "First line.") {
		t.Errorf("json export: %v %+v", err, doc)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestUnusableDatabase(t *testing.T) {
	s := newSandbox(t)
	bad := s.write("garbage.db", "this is not a database at all, not even close......")
	s.env["BRIEFS_DB"] = bad
	if code := s.run("tag", "0e25", "+x"); code != 1 || !strings.Contains(s.stderr.String(), bad) {
		t.Errorf("tag with a corrupt db: exit %d, %q", code, s.stderr.String())
	}
	if data, _ := os.ReadFile(bad); string(data) != "this is not a database at all, not even close......" {
		t.Error("corrupt database was modified")
	}
	// export needs the user's data: an unusable database is an error, and
	// an existing export is left alone
	prev := s.write("prev.md", "count: 1\n")
	if code := s.run("export", "--out", prev, "--force"); code != 1 || !strings.Contains(s.stderr.String(), bad) {
		t.Errorf("export with a corrupt db: exit %d, %q", code, s.stderr.String())
	}
	if data, _ := os.ReadFile(prev); string(data) != "count: 1\n" {
		t.Error("export with a corrupt db replaced the file")
	}
	// reading still works, with a warning
	if code := s.run("list"); code != 0 || !strings.Contains(s.stderr.String(), "tags and notes unavailable") || !strings.Contains(s.stdout.String(), "NINA") {
		t.Errorf("list with a corrupt db: exit %d, %q", code, s.stderr.String())
	}
}

func TestRenameTagAndEditNote(t *testing.T) {
	s := newSandbox(t)
	s.mustRun("tag", "0e25", "+follow-up")
	s.mustRun("tag", "c38e", "+follow-up", "+followup")
	if out := s.mustRun("tags", "--rename", "follow-up", "followup"); out != "renamed follow-up to followup on 2 briefs\n" {
		t.Errorf("rename output %q", out)
	}
	if out := s.mustRun("tags"); out != "followup  2\n" {
		t.Errorf("after rename: %q", out)
	}
	if code := s.run("tags", "--rename", "nosuch", "x"); code != 1 || !strings.Contains(s.stderr.String(), `no brief has the tag "nosuch"`) {
		t.Errorf("rename missing: %d %q", code, s.stderr.String())
	}

	// --edit runs $EDITOR on the note and saves what it leaves
	script := s.write("fake-editor.sh", "#!/bin/sh\nprintf 'Edited in the editor.\\n' >> \"$1\"\n")
	os.Chmod(script, 0o755)
	t.Setenv("EDITOR", script)
	t.Setenv("VISUAL", "")
	s.mustRun("note", "0e25", "--text", "Before.")
	s.mustRun("note", "0e25", "--edit")
	if out := s.mustRun("note", "0e25"); out != "Before.Edited in the editor.\n" {
		t.Errorf("edited note %q", out)
	}
	// an editor that fails leaves the note alone; the text it wrote is
	// kept in the temporary file, which the message names
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	bad := s.write("bad-editor.sh", "#!/bin/sh\necho scribble >> \"$1\"; exit 3\n")
	os.Chmod(bad, 0o755)
	t.Setenv("EDITOR", bad)
	if code := s.run("note", "0e25", "--edit"); code != 1 || !strings.Contains(s.stderr.String(), "left unchanged") {
		t.Errorf("failing editor: %d %q", code, s.stderr.String())
	}
	if kept, _ := filepath.Glob(filepath.Join(tmp, "briefs-note-*.md")); len(kept) != 1 || !strings.Contains(s.stderr.String(), kept[0]) {
		t.Errorf("failing editor: kept %v, message %q", kept, s.stderr.String())
	} else if data, _ := os.ReadFile(kept[0]); string(data) != "Before.Edited in the editor.scribble\n" {
		t.Errorf("kept file holds %q", data)
	}
	if out := s.mustRun("note", "0e25"); out != "Before.Edited in the editor.\n" {
		t.Errorf("note changed by a failing editor: %q", out)
	}
}
