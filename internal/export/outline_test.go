package export

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gmtext "github.com/yuin/goldmark/text"

	"github.com/briefs/briefs/internal/brief"
)

// outline is the document's headings as "level text", as a Markdown
// reader (goldmark, CommonMark) sees them.
func outline(t *testing.T, md string) []string {
	t.Helper()
	src := []byte(md)
	// the YAML front matter is not Markdown: skip it
	if rest, ok := bytes.CutPrefix(src, []byte("---\n")); ok {
		if k := bytes.Index(rest, []byte("\n---\n")); k >= 0 {
			src = rest[k+5:]
		}
	}
	doc := goldmark.DefaultParser().Parse(gmtext.NewReader(src))
	var out []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			var b strings.Builder
			for c := h.FirstChild(); c != nil; c = c.NextSibling() {
				if tx, ok := c.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
					if tx.SoftLineBreak() {
						b.WriteByte(' ')
					}
				}
			}
			out = append(out, fmt.Sprintf("%d %s", h.Level, b.String()))
		}
		return ast.WalkContinue, nil
	})
	return out
}

// TestNotesKeepTheOutline (issue 11, item 16): headings, setext
// underlines, "---" rules and an open code fence in notes stay inside the
// note's section: the export's outline is its title, one section per
// brief (with its Note) and the orphans' part, whatever the notes hold.
func TestNotesKeepTheOutline(t *testing.T) {
	hostile := []string{
		"# Plans\n\nCall the ministry.\n\n## Later\n\nWrite up.",
		"Summary\n---\nThe numbers are wrong.\n\n---\n\nAfter a rule.",
		"Heading one\nover two lines\n===\n\n###### deep\n\n#nohash is a tag",
		"```go\n# not a heading\n---\n",
		"- item\n---\n\n> quote\n---\n\n    indented\n    ---",
	}
	var items []Item
	for i, n := range hostile {
		items = append(items, Item{Brief: &brief.Brief{ID: fmt.Sprintf("%012d", i), Title: fmt.Sprintf("Brief %d", i),
			Source: "NINA", Published: time.Date(2025, 1, i+1, 0, 0, 0, 0, time.UTC)}, Note: n})
	}
	opt := Options{Title: "briefs export", Exported: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC),
		Orphans: []Orphan{{ID: "ffffffffffff", Title: "Lost", Note: "# Mine\n\nText\n---\n```\nopen"}}}
	var buf bytes.Buffer
	if err := Markdown(&buf, items, opt); err != nil {
		t.Fatal(err)
	}
	got := outline(t, buf.String())
	want := []string{"1 briefs export",
		"2 Brief 0", "3 Note", "4 Plans", "5 Later",
		"2 Brief 1", "3 Note", "5 Summary",
		"2 Brief 2", "3 Note", "4 Heading one over two lines", "6 deep",
		"2 Brief 3", "3 Note",
		"2 Brief 4", "3 Note",
		"2 Orphaned notes", "3 Lost", "4 Note", "5 Mine", "6 Text"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outline:\n%s\nwant:\n%s\n\ndocument:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), buf.String())
	}
	md := buf.String()
	for _, keep := range []string{"# not a heading\n---\n```", "#nohash is a tag", "Call the ministry.", "* * *\n\nAfter a rule.", "    indented\n    ---"} {
		if !strings.Contains(md, keep) {
			t.Errorf("document lacks %q:\n%s", keep, md)
		}
	}
	// after the front matter, a "---" line only inside the fenced code
	if n := strings.Count(md[strings.Index(md, "# briefs export"):], "\n---\n"); n != 1 {
		t.Errorf("%d --- lines after the front matter, want 1 (in code):\n%s", n, md)
	}
}
