package render

import (
	"context"
	"testing"

	"charm.land/glamour/v2"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/termsafe"
	"github.com/briefs/briefs/seeds"
)

// seedDocument is the NINA seed (3.4 KB) as `briefs show` renders it.
func seedDocument(b *testing.B) string {
	br, err := brief.ReadFS(seeds.FS(), "000_2f5fd0d68d9114d4.txt", "seeds")
	if err != nil {
		b.Fatal(err)
	}
	return Document(br, []string{"followup"}, "A note with *emphasis*.")
}

// BenchmarkMarkdown: a 3 KB brief through the bounded renderer.
func BenchmarkMarkdown(b *testing.B) {
	doc := seedDocument(b)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := Markdown(context.Background(), doc, Options{Style: Dark, Width: 80}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGlamourUnbounded: the same brief as render.Markdown rendered it
// before bounding (for comparison): Glamour, then the output filter.
func BenchmarkGlamourUnbounded(b *testing.B) {
	doc := seedDocument(b)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(Dark), glamour.WithWordWrap(80))
		if err != nil {
			b.Fatal(err)
		}
		out, err := r.Render(brief.NeutralizeRefs(doc))
		if err != nil {
			b.Fatal(err)
		}
		_ = termsafe.Filter(out)
	}
}
