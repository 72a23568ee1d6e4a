package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	xansi "github.com/charmbracelet/x/ansi"

	"github.com/briefs/briefs/internal/bidi"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/termsafe"
)

// Style names accepted by Markdown.
const (
	Dark  = styles.DarkStyle
	Light = styles.LightStyle
	NoTTY = styles.NoTTYStyle
	ASCII = styles.AsciiStyle
)

// Bounds on rendering. Text from briefs is untrusted, and Glamour's cost
// grows much faster than its input for some shapes of Markdown (see
// bound.go and shape.go), so what Glamour is given is bounded and the
// render runs under a deadline; past any bound the brief is shown as plain
// text (wrapped, filtered) with a notice saying so.
const (
	// MaxInput is the most Markdown formatted with Glamour (a brief of
	// 256 KiB is about 40,000 words).
	MaxInput = 256 << 10
	// MaxOutput bounds what a render may produce.
	MaxOutput = 32 << 20
	// DefaultDeadline is how long formatting may take.
	DefaultDeadline = 2 * time.Second
	// MinWidth and MaxWidth bound the wrap width.
	MinWidth, MaxWidth = 10, 1000
)

// Notices that come with plain text.
const (
	NoticeComplex = "shown as plain text: the brief is too complex to format"
	NoticeLong    = "shown as plain text: the brief is too long to format"
)

// Options say how to render.
type Options struct {
	Style    string        // Dark, Light, NoTTY or ASCII
	Width    int           // wrap width in columns, clamped to MinWidth..MaxWidth
	Deadline time.Duration // how long formatting may take; 0 means DefaultDeadline
}

// Result is a rendered brief.
type Result struct {
	// Text is the rendered text, filtered for the terminal: text, newline,
	// tab, SGR and OSC 8 web links (Dark, Light), or text, newline and tab
	// only (NoTTY, ASCII, and the plain-text fallback).
	Text string
	// Notice is empty when Text is formatted, or says why it is plain
	// text (NoticeComplex, NoticeLong). Show it to the user.
	Notice string
	// Flattened reports that structure nested deeper (or tables wider)
	// than the bounds was flattened to fit.
	Flattened bool
}

var errTooComplex = errors.New("too complex to format")

// Markdown renders md for a terminal with the named Glamour style. It is
// bounded in time and memory whatever md holds: it returns when the render
// is done, when the deadline passes (then with the brief as plain text and
// NoticeComplex), or when ctx is done (then with ctx's error, at once). A
// render overtaken by the deadline or ctx runs on in the background until
// it ends, on an input small enough for that to be harmless.
//
// md is sanitised (brief.Sanitize) and character references that would
// decode to controls are neutralised before anything else sees it.
//
// Paragraphs that are mostly right-to-left (Arabic, Hebrew, Persian) are
// right-aligned within the width (internal/bidi); no bidi control
// character is added.
func Markdown(ctx context.Context, md string, o Options) (Result, error) {
	r, err := markdown(ctx, md, o)
	if err != nil {
		return r, err
	}
	r.Text = bidi.AlignParagraphs(r.Text, min(max(o.Width, MinWidth), MaxWidth))
	return r, nil
}

// markdown is Markdown before right-to-left paragraphs are aligned.
func markdown(ctx context.Context, md string, o Options) (Result, error) {
	cfg, ok := styles.DefaultStyles[o.Style]
	if !ok {
		return Result{}, fmt.Errorf("markdown renderer: unknown style %q", o.Style)
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	width := min(max(o.Width, MinWidth), MaxWidth)
	md = brief.NeutralizeRefs(brief.Sanitize(md))
	if len(md) > MaxInput {
		return plain(ctx, md, width, NoticeLong)
	}
	src, ok := boundText(md)
	if !ok {
		return plain(ctx, md, width, NoticeComplex)
	}

	deadline := o.Deadline
	if deadline <= 0 {
		deadline = DefaultDeadline
	}
	done := make(chan formatted, 1) // buffered: a late render never blocks
	go func() {
		var f formatted
		defer func() {
			if p := recover(); p != nil {
				f = formatted{err: fmt.Errorf("glamour: %v", p)}
			}
			done <- f
		}()
		f = format(src, *cfg, width, maxCost)
	}()
	timer := time.NewTimer(deadline)
	defer timer.Stop()
	select {
	case f := <-done:
		if f.err != nil {
			return plain(ctx, md, width, NoticeComplex)
		}
		if o.Style == NoTTY || o.Style == ASCII {
			return Result{Text: trimLines(termsafe.Plain(f.out)), Flattened: f.flattened}, nil
		}
		return Result{Text: termsafe.Filter(f.out), Flattened: f.flattened}, nil
	case <-timer.C:
		return plain(ctx, md, width, NoticeComplex)
	case <-ctx.Done():
		return Result{}, ctx.Err()
	}
}

type formatted struct {
	out       string
	flattened bool
	err       error
}

// format parses src, shapes it (shape.go) and renders it with Glamour's
// ANSI renderer, configured as glamour.NewTermRenderer configures it but
// without syntax highlighting: Chroma's lexers are backtracking regular
// expressions (each match may take up to 250 ms) that guess a language for
// unlabelled code by running every lexer's analyser over it. Code blocks
// keep the style's colour.
func format(src string, style ansi.StyleConfig, width int, budget int64) formatted {
	style.CodeBlock.Chroma = nil
	style.CodeBlock.Theme = ""
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList))
	// Shape with the depth the width allows; if that costs too much,
	// flatten more (half the depth, down to none) before giving up.
	var doc ast.Node
	var sh *shaper
	for depth := -1; ; {
		source := []byte(src)
		doc = md.Parser().Parse(text.NewReader(source))
		sh = newShaper(source, width)
		if depth >= 0 {
			sh.depth = depth
		}
		sh.blocks(doc, 0)
		if sh.cost <= budget {
			break
		}
		if sh.nested <= sh.depth/2 {
			return formatted{err: errTooComplex} // flattening more would not help
		}
		depth = sh.depth / 2
	}
	r := renderer.NewRenderer(renderer.WithNodeRenderers(
		util.Prioritized(ansi.NewRenderer(ansi.Options{WordWrap: width, Styles: style}), 1000)))
	var buf bytes.Buffer
	if err := r.Render(&buf, sh.src, doc); err != nil {
		return formatted{err: fmt.Errorf("render markdown: %w", err)}
	}
	if buf.Len() > MaxOutput {
		return formatted{err: errTooComplex}
	}
	return formatted{out: buf.String(), flattened: sh.changed}
}

// plain is the fallback: md as plain text, wrapped at width, with notice.
// It takes time linear in md (about a second for the largest brief read,
// 8 MiB on one line) and gives up when ctx is done.
func plain(ctx context.Context, md string, width int, notice string) (Result, error) {
	s := termsafe.Plain(md)
	var b strings.Builder
	b.Grow(len(s) + len(s)/width + 1)
	for line := range strings.Lines(s) {
		line = strings.TrimRight(line, " \t\n")
		for len(line) > 0 {
			if err := ctx.Err(); err != nil {
				return Result{}, err
			}
			// wrap long lines a piece at a time (a piece ends a line)
			piece := line
			if len(piece) > plainPiece {
				cut := plainPiece
				for cut > 0 && !utf8.RuneStart(piece[cut]) {
					cut--
				}
				if sp := strings.LastIndexByte(piece[:cut], ' '); sp > 0 {
					cut = sp + 1
				}
				piece = piece[:cut]
			}
			line = line[len(piece):]
			if len(piece) > width && xansi.StringWidth(piece) > width {
				piece = trimLines(xansi.Wrap(piece, width, ""))
			}
			b.WriteString(strings.TrimRight(piece, " "))
			if len(line) > 0 {
				b.WriteByte('\n')
			}
		}
		b.WriteByte('\n')
	}
	return Result{Text: b.String(), Notice: notice}, nil
}

// plainPiece: plain wraps long lines this many bytes at a time.
const plainPiece = 64 << 10

// trimLines drops the padding Glamour puts at the end of every line.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
