package brief

import (
	"github.com/briefs/briefs/internal/termsafe"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefs/briefs/internal/identity"
	"github.com/briefs/briefs/seeds"
)

func seed(t testing.TB, name string) *Brief {
	t.Helper()
	b, err := ReadFS(seeds.FS(), name, "seeds")
	if err != nil {
		t.Fatalf("read seed %s: %v", name, err)
	}
	return b
}

func TestSeedNINA(t *testing.T) {
	b := seed(t, "000_2f5fd0d68d9114d4.txt")
	want := Hints{DateText: "Sun, 12/07/2025 - 11:25", Source: "NINA", Dateline: "Baghdad", AgencyID: "709761"}
	if b.Hints != want {
		t.Errorf("hints = %+v, want %+v", b.Hints, want)
	}
	if b.Format != "nina" || b.Path != "seeds/000_2f5fd0d68d9114d4.txt" {
		t.Errorf("format %q path %q", b.Format, b.Path)
	}
	if b.Title != "Interior Minister: Iraq Has Succeeded In Building An Advanced Security System To Combat The Scourge Of Drugs" {
		t.Errorf("title = %q", b.Title)
	}
	if !strings.HasPrefix(b.Body, "Iraqi Interior Minister Abdul Amir Al-Shammari affirmed on Sunday") {
		t.Errorf("body starts %q (dateline not removed?)", b.Body[:60])
	}
	if !strings.HasSuffix(b.Body, "strengthen security and stability.") {
		t.Errorf("body ends %q (End marker or stray bytes left?)", b.Body[len(b.Body)-60:])
	}
	for _, bad := range []string{"ID :", "709761", "Auther", "/ End", "\u00a0", "•", b.Title} {
		if strings.Contains(b.Body, bad) {
			t.Errorf("body still holds %q", bad)
		}
	}
	if n := strings.Count(b.Body, "\n- "); n != 5 {
		t.Errorf("body has %d list items, want 5", n)
	}
	for _, keep := range []string{"“the drug epidemic", "Iraq’s commitment", "Shia’ Al-Sudani"} {
		if !strings.Contains(b.Body, keep) {
			t.Errorf("quotes/apostrophes lost: %q missing", keep)
		}
	}
	if b.Words < 400 || b.Words > 450 {
		t.Errorf("words = %d", b.Words)
	}
	if len(b.ID) != IDLen || !identity.Valid(b.ID) {
		t.Errorf("id = %q", b.ID)
	}
}

func TestSeedShafaq(t *testing.T) {
	b := seed(t, "001_0120ff17fa13518d.txt")
	if b.Format != "shafaq" || b.Hints.DateText != "2024-07-22" || b.Hints.Source != "Shafaq News" {
		t.Errorf("format %q hints %+v", b.Format, b.Hints)
	}
	// Shafaq has no headline: the title is made from the first sentence,
	// which the body keeps
	if b.Title != "Iranian Interior Minister and Kuwaiti Interior Minister arrived in Baghdad" {
		t.Errorf("title = %q", b.Title)
	}
	const first = "On Monday, the Iranian Interior Minister Ahmad Vahidi and Kuwaiti Interior Minister Sheikh Fahad Yusuf Saud Al-Sabah arrived in Baghdad."
	if !strings.HasPrefix(b.Body, first+"\n\nA security source told Shafaq News Agency") {
		t.Errorf("body starts %q", b.Body[:50])
	}
	if strings.Contains(b.Body, "date 2024") || strings.Count(b.Body, "Ahmad Vahidi and Kuwaiti") != 1 {
		t.Error("header in body, or first sentence not once")
	}
	// metadata is read as before: the first sentence as the headline
	if head, body := b.HeadAndBody(); head != first || !strings.HasPrefix(body, "A security source") {
		t.Errorf("HeadAndBody = %q, %.20q", head, body)
	}
	if n := strings.Count(b.Body, "\n- "); n != 2 {
		t.Errorf("list items = %d, want 2", n)
	}
	if !strings.Contains(b.Body, `"drug trafficking and smuggling`) || !strings.Contains(b.Body, "media's role") {
		t.Error("quotes or apostrophes lost")
	}
}

func TestSeedIDsStableAndDistinct(t *testing.T) {
	a, b := seed(t, "000_2f5fd0d68d9114d4.txt"), seed(t, "001_0120ff17fa13518d.txt")
	if a.ID == b.ID {
		t.Fatal("seed IDs collide")
	}
	// the ID depends on the text, not the path
	data, _ := os.ReadFile("../../seeds/000_2f5fd0d68d9114d4.txt")
	moved, err := Parse("/elsewhere/renamed.txt", data)
	if err != nil || moved.ID != a.ID {
		t.Errorf("moved brief ID = %v, %v; want %s", moved.ID, err, a.ID)
	}
}

func TestParseFormats(t *testing.T) {
	cases := []struct {
		name, path, in string
		title, format  string
		bodyHas        []string
		bodyNot        []string
		check          func(t *testing.T, b *Brief)
	}{
		{name: "generic text", path: "a.txt", in: "\n\n  Oil exports rise  \n\nBasra - Exports rose.\n* one\n* two\n",
			title: "Oil exports rise", format: "text", bodyHas: []string{"Basra - Exports rose.", "- one\n- two"}},
		{name: "crlf and bom", path: "a.txt", in: "\ufeffTitle line\r\n\r\nBody one.\r\nBody two.\r\n",
			title: "Title line", format: "text", bodyHas: []string{"Body one.\n\nBody two."}, bodyNot: []string{"\r"}},
		{name: "markdown heading", path: "a.md", in: "# Heading here\n\nSome *text*.\n",
			title: "Heading here", format: "markdown", bodyHas: []string{"Some *text*."}, bodyNot: []string{"# Heading"}},
		{name: "markdown front matter", path: "x.MD", in: "---\ntitle: \"Stated: title\"\ndate: 2024-07-22\nsource: Rudaw\nedition: 2\ncountries: [IQ, Kuwait]\ntags: [follow up, iran]\nurl: https://example.org/a\n---\n# Stated: title\n\nBody.\n",
			title: "Stated: title", format: "markdown", bodyHas: []string{"Body."}, bodyNot: []string{"# Stated"},
			check: func(t *testing.T, b *Brief) {
				s := b.Stated
				if s.Source != "Rudaw" || s.Edition != 2 || !s.HasDate || s.Date.Format("2006-01-02") != "2024-07-22" || s.HasTime {
					t.Errorf("stated = %+v", s)
				}
				if strings.Join(s.Countries, "|") != "IQ|Kuwait" || strings.Join(s.Tags, "|") != "follow up|iran" || s.URL != "https://example.org/a" {
					t.Errorf("stated lists = %+v", s)
				}
			}},
		{name: "markdown no heading", path: "a.md", in: "First line is the title\n\nand the body\n",
			title: "First line is the title", format: "markdown", bodyHas: []string{"and the body"}},
		{name: "nina variant with author", path: "n.txt", in: "ID : 12345\nMon, 07/22/2024 - 09:05\nAuther : Staff\n\nHeadline Here\n\nErbil / NINA /- Text of the brief.\n•\tpoint one\n/ End\n",
			title: "Headline Here", format: "nina", bodyHas: []string{"Text of the brief.", "- point one"}, bodyNot: []string{"End", "Staff"},
			check: func(t *testing.T, b *Brief) {
				if b.Hints.Dateline != "Erbil" || b.Hints.Source != "NINA" || b.Hints.AgencyID != "12345" || b.Hints.DateText != "Mon, 07/22/2024 - 09:05" {
					t.Errorf("hints = %+v", b.Hints)
				}
			}},
		{name: "shafaq abbreviations", path: "s.txt", in: " date 2025-01-05 Shafaq News/ The U.S. envoy met Gen. Smith in Baghdad. More text here.\n\nSecond paragraph.",
			title: "U.S. envoy met Gen. Smith in Baghdad", format: "shafaq", bodyHas: []string{"The U.S. envoy met Gen. Smith in Baghdad. More text here.", "Second paragraph."}},
		{name: "markdown-looking text escaped", path: "a.txt", in: "Title\n\n# not a heading\n> not a quote\n<script>x</script>\n",
			title: "Title", format: "text", bodyHas: []string{`\# not a heading`, `\> not a quote`, `\<script>`}},
		{name: "control characters", path: "a.txt", in: "Ti\x1b]0;evil\x07tle\u202e\n\nBody \x1b[2J\u009b with &#27;[2J and &#x1b and &#X9B; &amp; &#233;\n",
			title: "Ti]0;eviltle", format: "text", bodyHas: []string{"Body [2J with &amp;#27;[2J and &amp;#x1b and &amp;#X9B; &amp; &#233;"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := Parse(c.path, []byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if b.Title != c.title || b.Format != c.format {
				t.Errorf("title %q format %q; want %q %q", b.Title, b.Format, c.title, c.format)
			}
			for _, s := range c.bodyHas {
				if !strings.Contains(b.Body, s) {
					t.Errorf("body %q lacks %q", b.Body, s)
				}
			}
			for _, s := range c.bodyNot {
				if strings.Contains(b.Body, s) {
					t.Errorf("body %q holds %q", b.Body, s)
				}
			}
			if c.check != nil {
				c.check(t, b)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	for name, in := range map[string]string{"empty": "", "blank": " \n\t\n\u00a0\n", "binary": "abc\x00def"} {
		if _, err := Parse(name+".txt", []byte(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := Parse("bad.md", []byte("---\ndate: yesterday-ish\n---\nx\n")); err == nil || !strings.Contains(err.Error(), "front matter") {
		t.Errorf("bad front matter date: %v", err)
	}
	if _, err := Parse("bad.md", []byte("---\ntitle: [unclosed\n---\nx\n")); err == nil {
		t.Error("broken YAML: no error")
	}
}

func TestSanitize(t *testing.T) {
	cases := map[string]string{
		"plain":             "plain",
		"a\r\nb\rc":         "a\nb\nc",
		"\ufeffbom":         "bom",
		"x\x00\x01\x7fy":    "xy",
		"c1\u0085\u009b":    "c1",
		"bidi\u202a\u2067.": "bidi.",
		"bad\xff\xfe":       "bad\uFFFD\uFFFD",
		"keep\ttab\nnl":     "keep\ttab\nnl",
		"عربي":              "عربي",
	}
	for in, want := range cases {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzParse: parsing never panics, and every string in a Brief is valid
// UTF-8 with no control characters but tab and newline, and no numeric
// reference a Markdown renderer would decode into one.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"000_2f5fd0d68d9114d4.txt", "001_0120ff17fa13518d.txt"} {
		data, err := os.ReadFile("../../seeds/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add("x.txt", data)
	}
	f.Add("x.md", []byte("---\ntitle: a\ndate: 2024-01-01\n---\n# a\nb &#27;[2J \x1b]52;c;AA\x07"))
	f.Add("x.txt", []byte("ID :\n1\nSun, 12/07/2025 - 11:25\n\nT\n\nBaghdad / NINA/- x / End\n X"))
	f.Add("x.txt", []byte(" date 2024-07-22 Shafaq News/ A. B. C."))
	f.Add("x.txt", []byte("BAGHDAD, July 23 (Reuters) - Iraq's prime minister said on Tuesday that\nthe country would not allow\nits territory to be used.\nNext one.\n"))
	f.Add("x.txt", []byte(" date 2024-07-22 شفق نيوز/ أعلن الوزير، اليوم الأحد، أن العراق نجح.\nسطر.\n- بند\nسطر"))
	f.Fuzz(func(t *testing.T, path string, data []byte) {
		b, err := Parse(path, data)
		if err != nil {
			return
		}
		s := b.Stated
		for _, v := range append([]string{b.Title, b.Body, b.ID, b.Hints.DateText, b.Hints.Source, b.Hints.Dateline, b.Hints.AgencyID, s.Title, s.Source, s.URL}, append(s.Tags, s.Countries...)...) {
			if !utf8.ValidString(v) {
				t.Fatalf("invalid UTF-8: %q", v)
			}
			for _, r := range v {
				if termsafe.IsUnsafeRune(r) || r == '\r' {
					t.Fatalf("control %U in %q", r, v)
				}
			}
			if termsafe.Plain(v) != v {
				t.Fatalf("not clean (a joiner out of place?): %q", v)
			}
		}
		if strings.ContainsAny(b.Title, "\n\t") {
			t.Fatalf("title spans lines: %q", b.Title)
		}
		if NeutralizeRefs(b.Body) != b.Body {
			t.Fatalf("unsafe reference left in body %q", b.Body)
		}
		if head, body := b.HeadAndBody(); b.Hints.LeadLen > 0 && (!strings.HasPrefix(b.Body, head) || !strings.HasSuffix(b.Body, body)) {
			t.Fatalf("HeadAndBody %q %q of body %q", head, body, b.Body)
		}
	})
}
