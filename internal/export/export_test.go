package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/termsafe"
	"github.com/charmbracelet/x/exp/golden"
)

func fixture() ([]Item, Options) {
	baghdad := time.FixedZone("AST", 3*3600)
	items := []Item{
		{
			Brief: &brief.Brief{
				ID:                "a1b2c3d4",
				Title:             "Third Baghdad International Conference on Drug Control opens",
				Source:            "NINA",
				Published:         time.Date(2025, 12, 7, 11, 25, 0, 0, baghdad),
				HasTime:           true,
				Dateline:          "Baghdad",
				Series:            brief.Series{Key: "baghdad-drug-conference", Name: "Baghdad International Conference on Drug Control"},
				Edition:           3,
				EditionsMentioned: []int{1, 2},
				EventsMentioned:   []brief.Event{{Series: "baghdad-drug-conference", Edition: 1}, {Series: "baghdad-drug-conference", Edition: 2}},
				Countries: []brief.Country{
					{Code: "IQ", Name: "Iraq", Mentions: 4},
					{Code: "IR", Name: "Iran", Mentions: 2},
					{Code: "KW", Name: "", Mentions: 1},
				},
				Body:  "Baghdad / NINA/- The conference opened on Sunday.\n\n- Delegations from 30 countries\n- Border control on the agenda",
				Path:  "seeds/000_nina.txt",
				Words: 212,
			},
			Tags: []string{"followup", "iran", "region/middle-east"},
			Note: "Check the **Kuwaiti** delegation.\n\n> The first and second conferences laid the groundwork.\n> — minister\n\nSee also #followup.",
		},
		{
			Brief: &brief.Brief{
				ID:              "e5f6a7b8",
				Title:           "../../etc: \"Quoted\" title #1 with [link](x) and \x1b]52;c;aGVsbG8=\x07ESC\x1b[31m red\u202e evil\r\nsecond line\u009b2J and bad \xff byte",
				Source:          "Shafaq News",
				Published:       time.Date(2024, 7, 22, 0, 0, 0, 0, time.UTC),
				Series:          brief.Series{Key: "odd-\x1b[31m-fair", Name: "Odd *Fair* \x1b[31m\u202e\nnext"},
				Edition:         2,
				EditionInferred: true,
				Countries:       []brief.Country{{Code: "IQ", Name: "Iraq", Mentions: 1}},
				Body:            "Shafaq News/ On Monday, <b>html</b> &#27;[2J and `code`.",
				Path:            "/home/user/briefs/odd `name`.md",
				Words:           57,
			},
			Tags: []string{"2024", "yes", "followup"},
			Note: "Note with a control \x1b[2J sequence, an entity &#x1b;]52 and &amp; kept.\r\n> quoted line\n\n",
		},
		{
			Brief: &brief.Brief{
				ID:    "0badc0de",
				Title: "",
				Path:  "notes/plain.txt",
				Words: 3,
			},
		},
	}
	opt := Options{
		Title:    "Iran: follow-ups \"Q4\" # draft",
		Query:    `edition:3 tag:followup "border control"`,
		Exported: time.Date(2025, 12, 8, 10, 0, 0, 0, time.UTC),
		CountryName: func(code string) string {
			if code == "KW" {
				return "Kuwait"
			}
			return ""
		},
	}
	return items, opt
}

// assertNoControls fails if out holds anything a terminal would act on.
func assertNoControls(t *testing.T, out []byte) {
	t.Helper()
	if !utf8.Valid(out) {
		t.Error("output is not valid UTF-8")
	}
	for i, r := range string(out) {
		if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) ||
			(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			t.Errorf("control character %U at byte %d", r, i)
		}
	}
}

func TestMarkdownGolden(t *testing.T) {
	items, opt := fixture()
	var buf bytes.Buffer
	if err := Markdown(&buf, items, opt); err != nil {
		t.Fatal(err)
	}
	assertNoControls(t, buf.Bytes())
	golden.RequireEqual(t, buf.Bytes())

	// Deterministic.
	var again bytes.Buffer
	if err := Markdown(&again, items, opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two exports of the same data differ")
	}
}

func TestMarkdownWithBodyGolden(t *testing.T) {
	items, opt := fixture()
	opt.QuoteBody = true
	var buf bytes.Buffer
	if err := Markdown(&buf, items[:2], opt); err != nil {
		t.Fatal(err)
	}
	assertNoControls(t, buf.Bytes())
	golden.RequireEqual(t, buf.Bytes())
}

func TestMarkdownFrontMatter(t *testing.T) {
	items, opt := fixture()
	var buf bytes.Buffer
	if err := Markdown(&buf, items, opt); err != nil {
		t.Fatal(err)
	}
	fm, _, ok := strings.Cut(strings.TrimPrefix(buf.String(), "---\n"), "\n---\n")
	if !ok || !strings.HasPrefix(buf.String(), "---\n") {
		t.Fatalf("no front matter block:\n%s", buf.String())
	}
	want := `title: "Iran: follow-ups \"Q4\" # draft"
exported: 2025-12-08T10:00:00Z
query: "edition:3 tag:followup \"border control\""
count: 3
tags:
  - "2024"
  - followup
  - iran
  - region/middle-east
  - "yes"`
	if fm != want {
		t.Errorf("front matter:\n%s\nwant:\n%s", fm, want)
	}

	// Empty export: still a valid document.
	buf.Reset()
	if err := Markdown(&buf, nil, Options{Exported: opt.Exported}); err != nil {
		t.Fatal(err)
	}
	if want := "---\ntitle: \"Briefs\"\nexported: 2025-12-08T10:00:00Z\nquery: \"\"\ncount: 0\ntags: []\n---\n\n# Briefs\n"; buf.String() != want {
		t.Errorf("empty export = %q, want %q", buf.String(), want)
	}
}

func TestJSONGolden(t *testing.T) {
	items, opt := fixture()
	var buf bytes.Buffer
	if err := JSON(&buf, items, opt); err != nil {
		t.Fatal(err)
	}
	assertNoControls(t, buf.Bytes())
	golden.RequireEqual(t, buf.Bytes())

	// Shape: the fields the contract names, with the right types.
	var doc struct {
		Title, Exported, Query string
		Count                  int
		Briefs                 []map[string]any
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Count != 3 || len(doc.Briefs) != 3 {
		t.Fatalf("count %d, briefs %d", doc.Count, len(doc.Briefs))
	}
	b0, b1, b2 := doc.Briefs[0], doc.Briefs[1], doc.Briefs[2]
	if b0["published"] != "2025-12-07T11:25:00+03:00" || b1["published"] != "2024-07-22" || b2["published"] != nil {
		t.Errorf("published = %v, %v, %v", b0["published"], b1["published"], b2["published"])
	}
	if b0["edition"] != 3.0 || b2["edition"] != nil {
		t.Errorf("edition = %v, %v", b0["edition"], b2["edition"])
	}
	for _, k := range []string{"editions_mentioned", "events_mentioned", "countries", "tags"} {
		if _, ok := b2[k].([]any); !ok {
			t.Errorf("%s of an empty brief = %#v, want []", k, b2[k])
		}
	}
	if s, ok := b0["series"].(map[string]any); !ok || s["key"] != "baghdad-drug-conference" || b2["series"] != nil {
		t.Errorf("series = %#v, %#v", b0["series"], b2["series"])
	}
	if b1["edition_inferred"] != true || b0["edition_inferred"] != false {
		t.Errorf("edition_inferred = %v, %v", b0["edition_inferred"], b1["edition_inferred"])
	}
	if c, ok := b0["corrected"].([]any); !ok || len(c) != 0 {
		t.Errorf("corrected of an uncorrected brief = %#v, want []", b0["corrected"])
	}
	if len(b0) != 15 {
		t.Errorf("brief has %d fields, want 15: %v", len(b0), b0)
	}
}

// TestSanitize pins what export relies on termsafe.Plain for (its own copy
// of the stripper is gone; termsafe's tests cover all three modes).
func TestSanitize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"tab\tand\nnewline", "tab\tand\nnewline"},
		{"crlf\r\nline\rold mac", "crlf\nline\nold mac"},
		{"red \x1b[1;31mtext\x1b[0m", "red text"},
		{"clip \x1b]52;c;aGVsbG8=\x07board", "clip board"},
		{"st \x1b]0;title\x1b\\end", "st end"},
		{"link \x1b]8;;http://x\x1b\\a\x1b]8;;\x1b\\", "link a"},
		{"dcs \x1bPq#0;2;0;0;0\x1b\\x", "dcs x"},
		{"apc \x1b_Gf=100;AAAA\x1b\\x", "apc x"},
		{"charset \x1b(Bx", "charset x"},
		{"keypad \x1b=x", "keypad x"},
		{"c1 csi \u009b2Jx", "c1 csi x"},
		{"c1 osc \u009d52;c;x\u009cy", "c1 osc y"},
		{"c1 \u0085nel", "c1 nel"},
		{"unterminated \x1b]52;c;AAAA\nnext line", "unterminated \nnext line"},
		{"trailing esc \x1b", "trailing esc "},
		{"bidi \u202eevil\u202c \u2066iso\u2069", "bidi evil iso"},
		{"nul\x00 bel\x07 del\x7f", "nul bel del"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
		{"drops \u200f rlm and keeps عربي", "drops  rlm and keeps عربي"},
	}
	for _, c := range cases {
		if got := termsafe.Plain(c.in); got != c.want {
			t.Errorf("termsafe.Plain(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestNeutraliseEntities pins what export relies on brief.NeutralizeRefs for.
func TestNeutraliseEntities(t *testing.T) {
	cases := []struct{ in, want string }{
		{"no refs &amp; here", "no refs &amp; here"},
		{"&#27;[2J", "&amp;#27;[2J"},
		{"&#x1b;", "&amp;#x1b;"},
		{"&#X1B", "&amp;#X1B"},
		{"&#155;", "&amp;#155;"},
		{"&#x202e;", "&amp;#x202e;"},
		{"&#0;", "&amp;#0;"},
		{"&#65; &#x41; &#233;", "&#65; &#x41; &#233;"},
		// Newline, tab and CR are controls too: brief.NeutralizeRefs escapes
		// them (export's old copy kept &#10;).
		{"&#10; &#x9; &#13;", "&amp;#10; &amp;#x9; &amp;#13;"},
		{"&#xd800; &#xDFFF;", "&amp;#xd800; &amp;#xDFFF;"},
		{"&#x110000; &#99999999999999;", "&amp;#x110000; &amp;#99999999999999;"},
		{"&#xfeff; &#x2066;", "&amp;#xfeff; &amp;#x2066;"},
		{"&#0000027; &#x00001b", "&amp;#0000027; &amp;#x00001b"},
		{"&amp;#27; already escaped", "&amp;#27; already escaped"},
		{"&#;", "&#;"},
		{"&#x;", "&#x;"},
		{"&#", "&#"},
	}
	for _, c := range cases {
		if got := brief.NeutralizeRefs(c.in); got != c.want {
			t.Errorf("brief.NeutralizeRefs(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := brief.NeutralizeRefs(c.want); got != c.want {
			t.Errorf("brief.NeutralizeRefs not idempotent on %q: %q", c.want, got)
		}
	}
}

func TestEscapeInline(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Plain title", "Plain title"},
		{"a *b* _c_ `d` [e](f) <g> #h |i| ~j~ $k$ &l; ==m==", `a \*b\* \_c\_ \` + "`" + `d\` + "`" + ` \[e\](f) \<g\> \#h \|i\| \~j\~ \$k\$ \&l; \=\=m\=\=`},
		{"- list", `\- list`},
		{"2025. year", `2025\. year`},
		{"a-b 1.5", "a-b 1.5"},
		{`back\slash`, `back\\slash`},
	}
	for _, c := range cases {
		if got := brief.EscapeInline(c.in); got != c.want {
			t.Errorf("escapeInline(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := codeSpan("odd `name`"); got != "`` odd `name` ``" {
		t.Errorf("codeSpan = %q", got)
	}
}

func TestOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 101: "101st", 111: "111th"} {
		if got := brief.Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFileName(t *testing.T) {
	long := strings.Repeat("Conference ", 20)
	longArabic := strings.Repeat("مؤتمر بغداد الدولي ", 10)
	cases := []struct{ in, want string }{
		{"Iran follow-ups", "Iran-follow-ups.md"},
		{"../../etc/passwd", "etc-passwd.md"},
		{"..\\..\\windows\\system32", "windows-system32.md"},
		{"\x1b]52;c;aGVsbG8=\a", DefaultFileName},
		{"\x1b]52;c;aGVsbG8=\aafter", "after.md"},
		{"", DefaultFileName},
		{"...", DefaultFileName},
		{".hidden", "hidden.md"},
		{"-rf", "rf.md"},
		{"--help me", "help-me.md"},
		{"a/../b", "a-b.md"},
		{"notes.md", "notes.md"},
		{"notes.MD", "notes.md"},
		{"title: with \"quotes\" & more?", "title-with-quotes-more.md"},
		{"tab\there\nnewline", "tab-here-newline.md"},
		{"bidi\u202eexe.md", "bidiexe.md"},
		{"CON", "CON-export.md"},
		{"lpt1", "lpt1-export.md"},
		{"مؤتمر بغداد", "مؤتمر-بغداد.md"},
		{"version 1.2.3", "version-1.2.3.md"},
		{long, strings.TrimRight(strings.ReplaceAll(long, " ", "-")[:77], "-") + ".md"},
	}
	for _, c := range cases {
		got := FileName(c.in)
		if got != c.want {
			t.Errorf("FileName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// Properties, over the cases and a few more.
	extra := []string{longArabic, strings.Repeat("é", 100), strings.Repeat("e\u0301", 60), strings.Repeat(".", 200), "a\x00b", "\u202e\u2066"}
	for _, c := range cases {
		extra = append(extra, c.in)
	}
	for _, in := range extra {
		got := FileName(in)
		switch {
		case len(got) > 80:
			t.Errorf("FileName(%q) = %q: %d bytes", in, got, len(got))
		case !utf8.ValidString(got):
			t.Errorf("FileName(%q) = %q: invalid UTF-8", in, got)
		case strings.ContainsAny(got, `/\`) || strings.Contains(got, ".."):
			t.Errorf("FileName(%q) = %q: separator or ..", in, got)
		case strings.HasPrefix(got, ".") || strings.HasPrefix(got, "-"):
			t.Errorf("FileName(%q) = %q: leading dot or dash", in, got)
		case !strings.HasSuffix(got, ".md") || got == ".md":
			t.Errorf("FileName(%q) = %q: no name or no .md", in, got)
		case termsafe.Plain(got) != got || strings.ContainsAny(got, " \t\n"):
			t.Errorf("FileName(%q) = %q: control or space", in, got)
		}
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.md")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}

	if err := WriteFile(path, false, write("first")); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "first")
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode = %v, want 0644", fi.Mode().Perm())
	}

	// Refuses to overwrite; the file is unchanged.
	err := WriteFile(path, false, write("second"))
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), path) {
		t.Errorf("WriteFile over existing = %v, want ErrExists naming the file", err)
	}
	assertFile(t, path, "first")

	// force overwrites, keeping the existing file's mode.
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, true, write("second")); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "second")
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode after force = %v, want 0600", fi.Mode().Perm())
	}

	// A failing writer: error returned, the old file intact, no temp file.
	boom := errors.New("boom")
	err = WriteFile(path, true, func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("partial", 20000))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want boom", err)
	}
	assertFile(t, path, "second")
	err = WriteFile(filepath.Join(dir, "new.md"), false, func(io.Writer) error { return boom })
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want boom", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.md")); !errors.Is(err, os.ErrNotExist) {
		t.Error("failed write left the target file")
	}

	// A directory at the path is refused, even with force.
	if err := os.Mkdir(filepath.Join(dir, "d.md"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(filepath.Join(dir, "d.md"), true, write("x")); err == nil {
		t.Error("WriteFile over a directory succeeded")
	}
	// A missing folder is an error, not a crash.
	if err := WriteFile(filepath.Join(dir, "missing", "x.md"), false, write("x")); err == nil {
		t.Error("WriteFile into a missing folder succeeded")
	}

	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, ","); got != "d.md,out.md" {
		t.Errorf("folder holds %s, want d.md,out.md (temporary files left behind?)", got)
	}
}

func TestWriteFileRelative(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := WriteFile("rel.md", false, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); err != nil {
		t.Fatal(err)
	}
	assertFile(t, "rel.md", "x")
}

func TestWriteFileMarkdown(t *testing.T) {
	items, opt := fixture()
	path := filepath.Join(t.TempDir(), FileName(opt.Title))
	if err := WriteFile(path, false, func(w io.Writer) error { return Markdown(w, items, opt) }); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := Markdown(&want, items, opt); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, want.String())
	if filepath.Base(path) != "Iran-follow-ups-Q4-draft.md" {
		t.Errorf("file name = %q", filepath.Base(path))
	}
}

func assertFile(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s holds %q, want %q", path, got, want)
	}
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errors.New("disk full")
	}
	f.n--
	return len(p), nil
}

func TestWriteErrorsPropagate(t *testing.T) {
	items, opt := fixture()
	if err := Markdown(&failWriter{n: 1}, items, opt); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Markdown error = %v", err)
	}
	if err := JSON(&failWriter{}, items, opt); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("JSON error = %v", err)
	}
}

func benchItems(n int) []Item {
	items := make([]Item, n)
	body := strings.Repeat("The delegations discussed border control and precursor chemicals. ", 40)
	for i := range items {
		items[i] = Item{
			Brief: &brief.Brief{
				ID:        fmt.Sprintf("%08x", i*2654435761),
				Title:     fmt.Sprintf("Brief number %d on the Baghdad conference: \"drug control\"", i),
				Source:    "NINA",
				Published: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%365),
				Edition:   1 + i%3,
				Countries: []brief.Country{{Code: "IQ", Name: "Iraq", Mentions: 3}, {Code: "IR", Name: "Iran", Mentions: 1}},
				Body:      body,
				Path:      fmt.Sprintf("briefs/%05d.txt", i),
				Words:     400,
			},
			Tags: []string{"followup", fmt.Sprintf("batch-%d", i%20)},
			Note: "A short note.\n\n> A quoted passage from the brief.",
		}
	}
	return items
}

func BenchmarkMarkdown10k(b *testing.B) {
	items := benchItems(10000)
	opt := Options{Title: "Bench", Exported: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	b.ReportAllocs()
	for b.Loop() {
		if err := Markdown(io.Discard, items, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSON10k(b *testing.B) {
	items := benchItems(10000)
	opt := Options{Title: "Bench", Exported: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	b.ReportAllocs()
	for b.Loop() {
		if err := JSON(io.Discard, items, opt); err != nil {
			b.Fatal(err)
		}
	}
}
