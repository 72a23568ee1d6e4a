package brief

import (
	"reflect"
	"strings"
	"testing"

	"github.com/adrg/frontmatter"
)

// viaPackage is the front matter as github.com/adrg/frontmatter read it
// before (whole document, yaml.v2).
func viaPackage(text string) (frontMatter, string, error) {
	var fm frontMatter
	rest, err := frontmatter.Parse(strings.NewReader(text), &fm)
	return fm, string(rest), err
}

// viaSplit is the front matter as Parse reads it now.
func viaSplit(text string) (frontMatter, string, error) {
	var fm frontMatter
	block, rest, ok := splitYAML(text)
	if !ok {
		return fm, rest, nil
	}
	err := decodeYAML(block, &fm)
	return fm, rest, err
}

var frontMatterCases = []string{
	"---\ntitle: Hello\ndate: 2024-07-22\nsource: Rudaw\n---\n\n# Hello\n\nbody\n",
	"---\ntitle: \"Quoted: yes\"\n---\nbody",
	"---\ntitle: 'single'\nurl: https://example.com/a?b=c#frag\n---\n",
	"---\ntitle: a # comment\n---\nx",
	"---\ntitle: C# and F#\n---\nx",
	"---\ntitle: \"esc \\\" aped\"\n---\nx",
	"---\ntitle: ~\nsource: null\ndateline:\n---\nx",
	"---\ntitle: yes\nsource: 0x1F\nseries: .inf\n---\nx",
	"---\nedition: 3\ntags: [a, b]\ncountries: Iraq, Iran\n---\nx",
	"---\nedition: third\n---\nx",
	"---\ntitle: one\ntitle: two\n---\nx",
	"---\nTitle: ignored\nauthor:\n  name: x\n---\nbody",
	"---\ntitle: no closing line\n\nbody",
	"---\ntitle: spaces   \n  ---  \nbody after an indented close",
	"---\n- a list\n---\nx",
	"---\ntitle:value\n---\nx",
	"---\ntitle: a: b\n---\nx",
	"---\ntitle: [unclosed\n---\nx",
	"---\ntitle: \"unclosed\n---\nx",
	"---\n# only a comment\n\n---\nbody",
	"---\n---\n",
	"---\ntitle: القمة العربية في جدة\nsource: واع\n---\nنص",
	"---\ntitle: -5\n---\nx",
	"---\ntitle: *alias\n---\nx",
	"---\ntitle: |\n  block\n---\nx",
	"---\ntitle: a\tb\n---\nx",
	"---\ntitle: end:\n---\nx",
	"---\r\ntitle: crlf\r\n---\r\nx",
	"---\nkey-with-dash: v\n_k: v\n9k: v\n---\nx",
}

// TestFrontMatterSameAsYAML: splitting the block and decoding it (fast
// path or yaml.v2) gives the fields, the body and the errors the
// frontmatter package gave.
func TestFrontMatterSameAsYAML(t *testing.T) {
	for _, text := range frontMatterCases {
		checkSame(t, text)
	}
}

func checkSame(t *testing.T, text string) {
	t.Helper()
	wantFM, wantRest, wantErr := viaPackage(text)
	gotFM, gotRest, gotErr := viaSplit(text)
	if (wantErr != nil) != (gotErr != nil) {
		t.Fatalf("%q: error %v, want %v", text, gotErr, wantErr)
	}
	if wantErr != nil {
		if gotErr.Error() != wantErr.Error() {
			t.Errorf("%q: error %q, want %q", text, gotErr, wantErr)
		}
		return
	}
	if !reflect.DeepEqual(gotFM, wantFM) {
		t.Errorf("%q: fields %+v, want %+v", text, gotFM, wantFM)
	}
	if gotRest != wantRest {
		t.Errorf("%q: body %q, want %q", text, gotRest, wantRest)
	}
}

// TestFastYAMLTaken: the usual blocks take the fast path.
func TestFastYAMLTaken(t *testing.T) {
	for _, block := range []string{"title: \"A title\"\ndate: 2024-07-22\nsource: Rudaw\n", "title: plain words\n# note\n\nurl: https://x.org/a#b\n"} {
		var fm frontMatter
		if !fastYAML(block, &fm) {
			t.Errorf("%q: not fast", block)
		}
	}
}

func FuzzFrontMatter(f *testing.F) {
	for _, c := range frontMatterCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !strings.HasPrefix(text, "---\n") {
			text = "---\n" + text
		}
		checkSame(t, text)
	})
}
