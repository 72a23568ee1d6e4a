package ui

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/brief"
	"github.com/charmbracelet/x/ansi"
)

// refQuote is the former quote mode, which laid out every paragraph on
// each frame: kept here as the reference the incremental one must match.
type refQuote struct {
	r    *quoteMode // for width, height, theme, paragraphs and selection
	qoff int
}

func (q *refQuote) layout(styled bool) (lines []string, starts, ends []int) {
	r := q.r
	cw := readWidth(r.width)
	w := max(1, cw-2)
	lines = append(lines,
		r.th.quote.head.Render(ansi.Truncate("Quote: choose a paragraph for the note", cw, "…")),
		r.th.quote.rule.Render(strings.Repeat("─", cw)))
	for i, p := range r.paras {
		lines = append(lines, "")
		starts = append(starts, len(lines))
		sel := i == r.qsel
		for _, pl := range strings.Split(p, "\n") {
			for _, l := range strings.Split(ansi.Wordwrap(clean(pl), w, ""), "\n") {
				l = ansi.Truncate(l, w, "…")
				switch {
				case !styled:
					lines = append(lines, l)
				case sel:
					lines = append(lines, r.th.quote.marker.Render("▌ ")+r.th.quote.selected.Render(fit(l, w)))
				default:
					lines = append(lines, "  "+r.th.quote.text.Render(l))
				}
			}
		}
		ends = append(ends, len(lines))
	}
	return lines, starts, ends
}

// follow is the former moveQuote's scrolling, after the selection moved.
func (q *refQuote) follow() {
	r := q.r
	_, starts, ends := q.layout(false)
	st, en := starts[r.qsel], ends[r.qsel]
	if en > q.qoff+r.height {
		q.qoff = en - r.height
	}
	if st < q.qoff {
		q.qoff = st
	}
	if r.qsel == 0 && r.height >= 4 { // formerly at any height, hiding the text
		q.qoff = 0
	}
	q.qoff = max(0, q.qoff)
}

func (q *refQuote) view() string {
	r := q.r
	margin := marginOf(r.width)
	lines, _, _ := q.layout(true)
	out := make([]string, 0, r.height)
	for i := q.qoff; i < len(lines) && len(out) < r.height; i++ {
		out = append(out, margin+lines[i])
	}
	return padLines(out, r.width, r.height)
}

// quoteBrief has n paragraphs of varied length, some of several lines.
func quoteBrief(n int, seed uint64) *brief.Brief {
	rnd := rand.New(rand.NewPCG(seed, 2))
	words := strings.Fields("the minister said border control drug seizures rose sharply across provinces while cooperation with neighbouring countries improved markedly")
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "P%d", i)
		for range rnd.IntN(60) {
			b.WriteString(" " + words[rnd.IntN(len(words))])
		}
		if rnd.IntN(5) == 0 {
			b.WriteString("\n- a bullet line " + words[rnd.IntN(len(words))])
		}
		b.WriteString("\n\n")
	}
	return &brief.Brief{ID: "q1", Title: "Quote test", Body: b.String()}
}

// TestQuoteModeMatchesFullLayout moves the selection at random (keys,
// wheel, jumps) over several sizes and checks every frame equals the one
// the full layout gives.
func TestQuoteModeMatchesFullLayout(t *testing.T) {
	b := quoteBrief(14, 1)
	rnd := rand.New(rand.NewPCG(3, 4))
	for _, sz := range [][2]int{{80, 20}, {40, 7}, {16, 5}, {120, 3}, {30, 1}} {
		km := defaultKeyMap()
		r := newQuote(newTheme(true, false), &km, b, paragraphs(b.Body))
		r.setSize(sz[0], sz[1])
		ref := &refQuote{r: r}
		for step := range 120 {
			switch k := rnd.IntN(20); {
			case k == 0:
				r.move(len(r.paras))
			case k == 1:
				r.move(-len(r.paras))
			case k < 4:
				r.move(rnd.IntN(7) - 3)
			case k == 4:
				// a resize keeps the selection on screen; the reference
				// (which did not re-scroll on resize) is re-synced
				r.setSize(max(1, sz[0]+rnd.IntN(9)-4), max(1, sz[1]+rnd.IntN(5)-2))
				if v := r.View(); !strings.Contains(v, "▌") {
					t.Fatalf("%v step %d: selection off screen after resize to %dx%d:\n%s", sz, step, r.width, r.height, ansi.Strip(v))
				}
				if want, got := refAfterResize(r), r.View(); got != want {
					t.Fatalf("%v step %d after resize to %dx%d: frames differ\ngot:\n%s\nwant:\n%s", sz, step, r.width, r.height, ansi.Strip(got), ansi.Strip(want))
				}
				ref = &refQuote{r: r}
				ref.qoff = refOffset(r)
				continue
			default:
				r.move(rnd.IntN(3) - 1)
			}
			ref.follow()
			if got, want := r.View(), ref.view(); got != want {
				t.Fatalf("%v step %d (sel %d): frames differ\ngot:\n%s\nwant:\n%s", sz, step, r.qsel, ansi.Strip(got), ansi.Strip(want))
			}
		}
	}
}

// refOffset is the line offset of the incremental model's scroll position.
func refOffset(r *quoteMode) int {
	off := r.qskip
	for b := -1; b < r.qtop; b++ {
		off += r.quoteBlockLen(b, false)
	}
	return off
}

// refAfterResize is the frame the full layout gives at the incremental
// model's scroll position, after checking the selection is on screen.
func refAfterResize(r *quoteMode) string {
	q := &refQuote{r: r, qoff: refOffset(r)}
	return q.view()
}

// TestQuoteModeWrapsOnlyWhatIsShown: on a brief of 20,000 paragraphs,
// entering quote mode, moving and jumping to the end wrap a screenful of
// paragraphs, not the brief.
func TestQuoteModeWrapsOnlyWhatIsShown(t *testing.T) {
	b := quoteBrief(20_000, 5)
	h := newHarness(t, seedLibrary(t), 140, 40, true)
	r := newQuote(h.m.th, h.m.km, b, paragraphs(b.Body))
	r.setSize(h.m.reader.width, h.m.reader.height)
	wrapped := func() int { return len(r.wraps) }
	if n := wrapped(); n == 0 || n > r.height {
		t.Errorf("start wrapped %d paragraphs", n)
	}
	for range 10 {
		r.move(1)
	}
	r.move(len(r.paras)) // G
	if n := wrapped(); n > 3*r.height {
		t.Errorf("after G, %d paragraphs wrapped", n)
	}
	v := ansi.Strip(r.View())
	if !strings.Contains(v, "▌ P19999") {
		t.Errorf("last paragraph not selected on screen:\n%s", v)
	}
	r.move(-len(r.paras))
	if v := ansi.Strip(r.View()); !strings.Contains(v, "Quote: choose a paragraph") || !strings.Contains(v, "▌ P0") {
		t.Errorf("top:\n%s", v)
	}
}

// BenchmarkQuoteView: a frame, and a key plus a frame, in quote mode on a
// brief of 20,000 paragraphs (the full layout took 650 ms per frame).
func BenchmarkQuoteView(b *testing.B) {
	br := quoteBrief(20_000, 5)
	km := defaultKeyMap()
	r := newQuote(newTheme(true, false), &km, br, paragraphs(br.Body))
	r.setSize(90, 38)
	r.move(10_000)
	b.Run("view", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = r.View()
		}
	})
	b.Run("move_and_view", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			r.move(1 - 2*(i%2))
			_ = r.View()
		}
	})
	b.Run("jump_and_view", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			r.move(len(r.paras) * (1 - 2*(i%2)))
			_ = r.View()
		}
	})
}
