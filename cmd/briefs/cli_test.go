package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/store"
)

// complete runs Cobra's completion protocol and returns the candidates
// (without the directive line) and the directive.
func (s *sandbox) complete(args ...string) ([]string, string) {
	s.t.Helper()
	out := s.mustRun(append([]string{"__complete"}, args...)...)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, ":") {
		s.t.Fatalf("__complete %q: no directive in %q", args, out)
	}
	return lines[:len(lines)-1], last
}

func hasCandidate(cands []string, want string) bool {
	for _, c := range cands {
		if c == want || strings.HasPrefix(c, want+"\t") || strings.Contains(want, "\t") && strings.HasPrefix(c, want) {
			return true
		}
	}
	return false
}

func TestCompletion(t *testing.T) {
	s := newSandbox(t)
	s.mustRun("tag", "0e25", "+followup", "+iraq")
	s.mustRun("tag", "c38e", "+iran")
	cases := []struct {
		args []string
		want []string
		not  []string
	}{
		{[]string{""}, []string{"list", "show", "tag", "tags", "note", "export", "man", "completion"}, []string{"__complete"}},
		{[]string{"show", ""}, []string{"0e253ee020f5\tInterior Minister: Iraq Has Succeeded", "c38e74662e74"}, nil},
		{[]string{"show", "c3"}, []string{"c38e74662e74"}, []string{"0e253ee020f5"}},
		{[]string{"note", "0e"}, []string{"0e253ee020f5"}, nil},
		{[]string{"tag", ""}, []string{"0e253ee020f5", "c38e74662e74"}, nil},
		{[]string{"tag", "0e25", ""}, []string{"+iran\t1 brief", "-followup", "-iraq"}, []string{"+followup", "-iran"}},
		{[]string{"tag", "0e25", "-"}, []string{"-followup", "-iraq"}, []string{"+iran"}},
		{[]string{"tag", "0e25", "+"}, []string{"+iran"}, []string{"-iraq"}},
		{[]string{"tag", "0e25", "-iraq", "-"}, []string{"-followup"}, []string{"-iraq"}},
		{[]string{"tags", "--rename", "f"}, []string{"followup"}, []string{"iran"}},
		{[]string{"list", "-q", ""}, []string{"edition:", "country:", "tag:", "source:", "date:"}, nil},
		{[]string{"list", "-q", "co"}, []string{"country:"}, []string{"edition:"}},
		{[]string{"list", "-q", "edition:3 co"}, []string{"edition:3 country:"}, nil},
		{[]string{"list", "-q", "edition:3 -t"}, []string{"edition:3 -tag:"}, nil},
		{[]string{"list", "-q", "edition:"}, []string{"edition:2\t2nd (1)", "edition:3\t3rd (1)"}, nil},
		{[]string{"list", "-q", "country:ku"}, []string{"country:kuwait\tKW Kuwait (1)"}, []string{"country:iraq"}},
		{[]string{"list", "-q", "country:K"}, []string{"country:KW"}, nil},
		{[]string{"list", "-q", "country:Ir"}, []string{"country:Iraq", "country:Iran"}, nil},
		{[]string{"export", "-q", "tag:"}, []string{"tag:followup\tfollowup (1)", "tag:iran", "tag:iraq"}, nil},
		{[]string{"list", "-q", "edition:3 -tag:f"}, []string{"edition:3 -tag:followup"}, nil},
		{[]string{"list", "-q", "source:s"}, []string{"source:shafaq"}, []string{"source:NINA"}},
		{[]string{"export", "--format", ""}, []string{"md", "json"}, nil},
		{[]string{"show", "--style", ""}, []string{"auto", "dark", "light", "notty"}, nil},
		{[]string{"completion", ""}, []string{"bash", "zsh", "fish"}, nil},
		{[]string{"list", "--j"}, []string{"--json"}, nil},
	}
	for _, c := range cases {
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
	// files where a file is meant
	for _, args := range [][]string{{"list", ""}, {"show", "./"}, {"export", "--out", ""}, {""}} {
		if _, d := s.complete(args...); d != ":0" && d != ":8" {
			t.Errorf("__complete %q: directive %s, want file completion", args, d)
		}
	}
	// the scripts
	for _, sh := range []string{"bash", "zsh", "fish"} {
		out := s.mustRun("completion", sh)
		if !strings.Contains(out, "__complete") || !strings.Contains(out, "briefs") {
			t.Errorf("completion %s: %.200s", sh, out)
		}
	}
}

// TestCompletionScriptBash sources the bash script and completes through it.
func TestCompletionScriptBash(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	s := newSandbox(t)
	script := s.write("briefs.bash", s.mustRun("completion", "bash"))
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// the test binary stands in for briefs: TestMain runs main() when
	// BRIEFS_TEST_MAIN is set
	bin := filepath.Join(s.dir, "bin", "briefs")
	os.MkdirAll(filepath.Dir(bin), 0o755)
	if err := os.Symlink(exe, bin); err != nil {
		t.Fatal(err)
	}
	// _get_comp_words_by_ref stands in for the bash-completion package
	shim := `_get_comp_words_by_ref() { cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; }; `
	cmd := exec.Command("bash", "--norc", "-c", shim+`source "$1"; COMP_WORDS=(briefs show c3); COMP_CWORD=2; COMP_LINE="briefs show c3"; COMP_POINT=${#COMP_LINE}; __start_briefs; printf '%s\n' "${COMPREPLY[@]}"`, "_", script)
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+":"+os.Getenv("PATH"), "BRIEFS_TEST_MAIN=1",
		"BRIEFS_CONFIG="+s.env["BRIEFS_CONFIG"], "BRIEFS_DB="+s.env["BRIEFS_DB"], "BRIEFS_INDEX="+s.env["BRIEFS_INDEX"])
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "c38e74662e74") {
		t.Errorf("bash completion of `briefs show c3`: %v\n%s", err, out)
	}
}

func TestMain(m *testing.M) {
	if os.Getenv("BRIEFS_TEST_MAIN") != "" {
		main()
	}
	os.Exit(m.Run())
}

// TestManPage: `briefs man` is a roff page groff accepts without warnings,
// naming every command and option.
func TestManPage(t *testing.T) {
	s := newSandbox(t)
	page := s.mustRun("man")
	if !strings.HasPrefix(page, ".TH BRIEFS 1") && !strings.Contains(page, "\n.TH BRIEFS 1") {
		t.Fatalf("no .TH header:\n%.300s", page)
	}
	for _, want := range []string{".SH NAME", "briefs", "list", "export", "\\-\\-db", "EXIT STATUS", "BRIEFS_DB"} {
		if !strings.Contains(page, want) {
			t.Errorf("man page lacks %q", want)
		}
	}
	groff, err := exec.LookPath("groff")
	if err != nil {
		t.Log("groff not found: roff checked by its header only")
		return
	}
	cmd := exec.Command(groff, "-man", "-Tutf8", "-ww")
	cmd.Stdin = strings.NewReader(page)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Errorf("groff: %v\n%s", err, stderr.String())
	}
	text := string(out)
	for _, want := range []string{"NAME", "briefs", "SYNOPSIS", "tag", "--config"} {
		if !strings.Contains(stripOverstrike(text), want) {
			t.Errorf("formatted page lacks %q:\n%s", want, text)
		}
	}
}

// stripOverstrike removes groff's backspace overstriking (bold, underline).
func stripOverstrike(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if i+1 < len(rs) && rs[i+1] == '\b' {
			i++
			continue
		}
		b.WriteRune(rs[i])
	}
	return b.String()
}

// TestTagArgumentsAreNeverOptions: after the ID every argument is a tag
// operation, whatever it looks like.
func TestTagArgumentsAreNeverOptions(t *testing.T) {
	s := newSandbox(t)
	if out := s.mustRun("tag", "0e25", "+help", "+version", "+db"); out != "0e253ee020f5 db help version\n" {
		t.Fatalf("tag: %q", out)
	}
	if out := s.mustRun("tag", "0e25", "-help", "-version"); out != "0e253ee020f5 db\n" {
		t.Errorf("tag ID -help: %q", out)
	}
	if out := s.mustRun("tag", "0e25", "-h"); out != "0e253ee020f5 db\n" {
		t.Errorf("tag ID -h: %q", out)
	}
	other := filepath.Join(s.dir, "other.db")
	for _, args := range [][]string{{"tag", "0e25", "--db", other}, {"tag", "0e25", "-db=" + other}, {"tag", "0e25", "--db=" + other}} {
		if code := s.run(args...); code != 2 || !strings.Contains(s.stderr.String(), "tag") {
			t.Errorf("%q: exit %d %q", args, code, s.stderr.String())
		}
	}
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Error("a tag argument chose the database")
	}
	// options before the ID still work, in both spellings
	if code := s.run("tag", "-db", other, "0e25", "+x"); code != 0 {
		t.Errorf("tag -db FILE ID: %d %s", code, s.stderr.String())
	}
	if code := s.run("tag", "--help"); code != 0 || !strings.Contains(s.stdout.String(), "never an option") {
		t.Errorf("tag --help: %d %q", code, s.stdout.String())
	}
	if code := s.run("help", "tag"); code != 0 || !strings.Contains(s.stdout.String(), "briefs tag") {
		t.Errorf("help tag: %d %q", code, s.stdout.String())
	}
}

func TestJSONOutputs(t *testing.T) {
	s := newSandbox(t)
	var tags []jsonTagCount
	if err := json.Unmarshal([]byte(s.mustRun("tags", "--json")), &tags); err != nil || len(tags) != 0 {
		t.Errorf("tags --json without a database: %v %q", err, s.stdout.String())
	}
	s.mustRun("tag", "0e25", "+b", "+a")
	s.mustRun("tag", "c38e", "+a")
	if err := json.Unmarshal([]byte(s.mustRun("tags", "--json")), &tags); err != nil || len(tags) != 2 || tags[0] != (jsonTagCount{"a", 2}) {
		t.Errorf("tags --json: %v %q", err, s.stdout.String())
	}
	var n jsonNote
	if err := json.Unmarshal([]byte(s.mustRun("note", "--json", "0e25")), &n); err != nil || n.ID != "0e253ee020f5" || n.Note != "" || n.Updated != nil {
		t.Errorf("note --json, no note: %v %q", err, s.stdout.String())
	}
	s.mustRun("note", "0e25", "--text", "Line \"one\".")
	if err := json.Unmarshal([]byte(s.mustRun("note", "0e25", "--json")), &n); err != nil || n.Note != `Line "one".` || n.Updated == nil {
		t.Errorf("note --json: %v %q", err, s.stdout.String())
	}
	var tj jsonTags
	if err := json.Unmarshal([]byte(s.mustRun("tag", "--json", "0e25", "-b")), &tj); err != nil || strings.Join(tj.Tags, ",") != "a" {
		t.Errorf("tag --json: %v %q", err, s.stdout.String())
	}
}

// TestExportRules: the format follows --out's extension; an export with
// nothing in it is an error that says why, and writes nothing.
func TestExportRules(t *testing.T) {
	s := newSandbox(t)
	out := filepath.Join(s.dir, "notes.json")
	if code := s.run("export", "--out", out); code != 1 || !strings.Contains(s.stderr.String(), "no brief has a tag or a note yet") {
		t.Errorf("empty export: exit %d %q", code, s.stderr.String())
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("an empty export wrote a file")
	}
	if code := s.run("export", "-q", "edition:7"); code != 1 || !strings.Contains(s.stderr.String(), `no brief matches -q "edition:7"`) || s.stdout.Len() != 0 {
		t.Errorf("export of no match: exit %d %q %q", code, s.stderr.String(), s.stdout.String())
	}
	// tagged briefs that live outside the configured folders: the
	// database remembers their files, the export holds them (issue 11,
	// item 6: with no folders configured it exports what the database holds)
	p := s.write("elsewhere/a.md", "# Elsewhere\n\nAbout Iraq.\n")
	s.mustRun("tag", p, "+far")
	s.write("config.yaml", "folders: []\nseeds: false\n")
	if out := s.mustRun("export"); !strings.Contains(out, "## Elsewhere") || !strings.Contains(out, "#far") {
		t.Errorf("export of briefs elsewhere:\n%s\n%s", out, s.stderr.String())
	}
	s.write("config.yaml", "folders: []\n")
	s.mustRun("tag", "0e25", "+near")
	s.mustRun("export", "--out", out)
	var doc struct {
		Count int `json:"count"`
	}
	data, _ := os.ReadFile(out)
	if err := json.Unmarshal(data, &doc); err != nil || doc.Count != 2 {
		t.Errorf("--out notes.json is not JSON of both briefs: %v\n%s", err, data)
	}
	md := filepath.Join(s.dir, "notes.json.md")
	s.mustRun("export", "--out", md)
	if data, _ := os.ReadFile(md); !bytes.HasPrefix(data, []byte("---\n")) {
		t.Errorf("--out x.md is not Markdown: %s", data)
	}
	s.mustRun("export", "--out", filepath.Join(s.dir, "forced.json"), "--format", "md")
	if data, _ := os.ReadFile(filepath.Join(s.dir, "forced.json")); !bytes.HasPrefix(data, []byte("---\n")) {
		t.Errorf("--format md ignored: %s", data)
	}
	// the folder given as PATH exports its tagged brief
	s.mustRun("export", "--format", "json", filepath.Dir(p))
	s.env["SOURCE_DATE_EPOCH"] = "99999999999999"
	if code := s.run("export", "--format", "json"); code != 1 || !strings.Contains(s.stderr.String(), "SOURCE_DATE_EPOCH") || s.stdout.Len() != 0 {
		t.Errorf("out-of-range SOURCE_DATE_EPOCH: exit %d %q", code, s.stderr.String())
	}
}

// TestBriefsOutsideTheConfig: tag, note and show reach a brief of another
// folder by its file or with --in, and the error for an unknown ID says so.
func TestBriefsOutsideTheConfig(t *testing.T) {
	s := newSandbox(t)
	p := s.write("dumps/a.md", "# Far away\n\nAbout Kuwait.\n")
	dir := filepath.Dir(p)
	bs := listJSON(t, s.mustRun("list", "--json", dir))
	id := bs[0].ID
	if code := s.run("tag", id[:6], "+x"); code != 1 || !strings.Contains(s.stderr.String(), "--in FOLDER") {
		t.Errorf("unknown ID: exit %d %q", code, s.stderr.String())
	}
	if out := s.mustRun("tag", "--in", dir, id[:6], "+x"); out != id+" x\n" {
		t.Errorf("tag --in: %q", out)
	}
	s.mustRun("note", "--in", dir, id[:6], "--text", "far note")
	if out := s.mustRun("note", p); out != "far note\n" {
		t.Errorf("note PATH: %q", out)
	}
	if out := s.mustRun("show", "--in", dir, id); !strings.Contains(out, "Far away") || !strings.Contains(out, "far note") {
		t.Errorf("show --in: %q", out)
	}
	if code := s.run("show", "--in", dir, "0e25"); code != 1 || !strings.Contains(s.stderr.String(), "no brief with ID \"0e25\" in "+dir) {
		t.Errorf("show --in, wrong ID: %d %q", code, s.stderr.String())
	}
}

// TestReaderRefusesNothing: the reader does not start on paths from which
// nothing can be shown; the message names them.
func TestReaderRefusesNothing(t *testing.T) {
	s := newSandbox(t)
	empty := filepath.Join(s.dir, "emptydir")
	os.MkdirAll(filepath.Join(empty, ".hidden"), 0o755)
	s.write("emptydir/.hidden/a.txt", "hidden\n")
	s.write("emptydir/notes.pdf", "x")
	missing := filepath.Join(s.dir, "nonexistent")
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{empty}, []string{empty, "no brief files"}},
		{[]string{missing}, []string{missing, "no such file"}},
		{[]string{missing, empty}, []string{missing, empty}},
	} {
		if code := s.run(c.args...); code != 1 {
			t.Errorf("briefs %q: exit %d, want 1", c.args, code)
		}
		for _, w := range c.want {
			if !strings.Contains(s.stderr.String(), w) {
				t.Errorf("briefs %q: %q lacks %q", c.args, s.stderr.String(), w)
			}
		}
	}
}

func TestUnknownCommandSuggests(t *testing.T) {
	s := newSandbox(t)
	if code := s.run("lsit"); code != 2 || !strings.Contains(s.stderr.String(), `unknown command or file "lsit": did you mean list`) {
		t.Errorf("lsit: exit %d %q", code, s.stderr.String())
	}
}

func TestNormalizeArgs(t *testing.T) {
	a := newApp(env{stdin: strings.NewReader(""), stdout: &strings.Builder{}, stderr: &strings.Builder{}, getenv: func(string) string { return "" }})
	root := a.root()
	for _, c := range []struct{ in, want string }{
		{"-db x list -json -q a", "--db x list --json -q a"},
		{"list -config=c -help", "list --config=c --help"},
		{"tag -db x 0e25 -help -db", "tag --db x 0e25 -help -db"},
		{"-version", "--version"},
		{"list -- -json", "list -- -json"},
		{"show -width 5 -style dark x", "show --width 5 --style dark x"},
		{"note 0e25 -text -json", "note 0e25 --text -json"},
		{"list -bogus", "list -bogus"},
	} {
		got := strings.Join(normalizeArgs(root, strings.Fields(c.in)), " ")
		if got != c.want {
			t.Errorf("normalizeArgs(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}

func doctorFindings(t *testing.T, out string) map[string]finding {
	t.Helper()
	var fs []finding
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatalf("doctor --json: %v\n%s", err, out)
	}
	m := map[string]finding{}
	for _, f := range fs {
		m[f.Group+"/"+f.Item] = f
	}
	return m
}

// TestDoctor: each check says OK or what to do; a failed check makes the
// exit status 1; nothing is created or changed.
func TestDoctor(t *testing.T) {
	s := newSandbox(t)
	s.env["EDITOR"] = "/nonexistent/editor --wait"
	s.env["LANG"] = "C"
	s.write("good/a.md", "# A\n\nAbout Iraq.\n")
	s.write("good/b.txt", "")
	os.MkdirAll(filepath.Join(s.dir, "empty"), 0o755)
	s.write("config.yaml", "folders:\n  - good\n  - empty\n  - \"missing\\e]0;t\\a\"\n")
	code := s.run("doctor", "--json")
	if code != 1 {
		t.Errorf("doctor with a missing folder and editor: exit %d", code)
	}
	m := doctorFindings(t, s.stdout.String())
	good, empty := filepath.Join(s.dir, "good"), filepath.Join(s.dir, "empty")
	missing := `"` + filepath.Join(s.dir, "missing") + `\x1b]0;t\a"`
	for key, want := range map[string]string{
		"Configuration/file":      "config.yaml: 3 folders, built-in briefs on",
		"Folders/" + good:         "warn: 1 brief; 1 file cannot be read",
		"Folders/" + empty:        "warn: no brief files",
		"Folders/" + missing:      "fail: no such file or folder: create it",
		"Folders/built-in":        "ok: 2 briefs",
		"Database/file":           "ok: " + s.env["BRIEFS_DB"] + " does not exist yet",
		"Terminal/output":         "ok: not a terminal",
		"Terminal/locale":         "warn: C is not UTF-8",
		"Editor/editor":           "fail: $EDITOR is /nonexistent/editor --wait, which is not found",
		"Database/schema":         "",
		"Configuration/nonexists": "",
	} {
		f, ok := m[key]
		got := f.Status + ": " + f.Detail
		switch {
		case want == "" && ok:
			t.Errorf("%s: unexpected %q", key, got)
		case want != "" && !strings.Contains(got, want):
			t.Errorf("%s: %q, want %q", key, got, want)
		}
	}
	if _, err := os.Stat(s.env["BRIEFS_DB"]); !os.IsNotExist(err) {
		t.Error("doctor created the database")
	}
	// a database with data; a corrupt one
	s.write("config.yaml", "folders: []\n")
	s.env["EDITOR"] = "sh"
	s.mustRun("tag", "0e25", "+a", "+b")
	s.mustRun("note", "0e25", "--text", "n")
	out := s.mustRun("doctor")
	for _, want := range []string{"Database", "OK    schema", "OK    integrity  ok", "2 tags on 1 brief, 1 note", "KiB"} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor lacks %q:\n%s", want, out)
		}
	}
	bad := s.write("garbage.db", strings.Repeat("not a database ", 10))
	s.env["BRIEFS_DB"] = bad
	if code := s.run("doctor"); code != 1 || !strings.Contains(s.stdout.String(), "FAIL  open") || !strings.Contains(s.stdout.String(), "move it aside") {
		t.Errorf("doctor on a corrupt database: exit %d\n%s", code, s.stdout.String())
	}
	if data, _ := os.ReadFile(bad); string(data) != strings.Repeat("not a database ", 10) {
		t.Error("doctor changed a corrupt database")
	}
}

// TestListJSONReadAndSeries: list --json carries the event (series) and
// the read state kept in the store.
func TestListJSONReadAndSeries(t *testing.T) {
	s := newSandbox(t)
	s.mustRun("tag", "0e25", "+x") // creates the database
	st, err := store.Open(s.env["BRIEFS_DB"])
	if err != nil {
		t.Fatal(err)
	}
	if err := st.MarkRead(context.Background(), "0e253ee020f5"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	var bs []map[string]any
	if err := json.Unmarshal([]byte(s.mustRun("list", "--json")), &bs); err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		read, _ := b["read"].(bool)
		if read != (b["id"] == "0e253ee020f5") {
			t.Errorf("%v: read %v", b["id"], b["read"])
		}
		if _, ok := b["series"].(map[string]any); !ok {
			t.Errorf("%v: series %v", b["id"], b["series"])
		}
		if _, ok := b["events_mentioned"].([]any); !ok {
			t.Errorf("%v: events_mentioned %v", b["id"], b["events_mentioned"])
		}
	}
	// is:unread and is:read in -q select by the same read state
	for q, want := range map[string]string{"is:read": "0e253ee020f5", "is:unread": "c38e74662e74"} {
		if err := json.Unmarshal([]byte(s.mustRun("list", "--json", "-q", q)), &bs); err != nil {
			t.Fatal(err)
		}
		if len(bs) != 1 || bs[0]["id"] != want {
			t.Errorf("-q %s: %v", q, bs)
		}
	}
	if code := s.run("list", "-q", "is:new"); code != 2 || !strings.Contains(s.stderr.String(), "is:unread") {
		t.Errorf("-q is:new: exit %d, %s", code, s.stderr.String())
	}
}
