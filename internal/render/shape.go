package render

import (
	"strconv"
	"strings"

	xansi "github.com/charmbracelet/x/ansi"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// The shaping pass: what Glamour is given.
//
// Glamour re-wraps and pads a block's whole text once for every level it is
// nested in, to the full width: a quote or list level costs about two
// passes over everything inside it, and a level whose indentation leaves no
// room makes every character a line of its own (100 nested quotes: minutes
// and 15 GB). Deep inline nesting (10,000 nested emphases) costs deep
// recursion, and a wide table costs time quadratic in its columns.
//
// So after parsing, the document tree is shaped:
//   - block containers (quotes, lists, definition lists) nested deeper than
//     maxDepth, or deeper than the width leaves room for, are flattened: a
//     quote gives way to its content, a list item to its content after a
//     "•" (or its number), a definition to its term and description;
//   - inline containers (emphasis, strikethrough, links, images) nested
//     deeper than maxInline give way to their content;
//   - tables wider than maxColumns columns, or too wide for the room left
//     (Glamour would cut their cells short), become one paragraph per row,
//     cells separated by " | ";
//   - code blocks longer than maxCodeLines lines are split;
//   - code blocks are not syntax-highlighted (see styleFor).
//
// Nothing is dropped: every text node of the parsed document is still in
// the shaped one. The pass also estimates what rendering will cost (cells
// of output, weighted by depth); past maxCost the brief is shown as plain
// text.
const (
	maxDepth   = 6  // nested block containers
	maxInline  = 8  // nested inline containers
	maxColumns = 16 // table columns

	// maxCost bounds the estimated rendering cost: output cells (lines
	// times width) times (1 + 2*depth), about 150 MB of allocation and a
	// second of rendering here. A brief of 256 KiB in paragraphs of 140
	// bytes estimates 0.7e6 at width 80, 1.1e6 at width 200.
	maxCost = 1_500_000

	// Costs, in cells (about 75 bytes of allocation each, which is what
	// rendering time follows): every block has padLines of margin, a code
	// line costs codeWeight lines of text, a line of a heading
	// headingWeight, a thematic break ruleLines; links, images and other
	// inline elements cost a fixed amount.
	padLines       = 2
	codeWeight     = 5
	headingWeight  = 8
	ruleLines      = 5
	linkCost       = 200
	linkLineWeight = 100
	inlineCost     = 50
	textCost       = 10
	// maxCodeLines: code blocks are split into blocks of this many lines.
	maxCodeLines = 100

	// levelWidth is what one level of nesting takes from the width (quote
	// bar and indentation, list indentation), and minRoom the columns a
	// nested block must keep for its text.
	levelWidth = 4
	minRoom    = 20
	// docMargin: the document's margin on each side.
	docMargin = 2
)

// shaper shapes one document. Text it adds (list markers, cell
// separators) is appended to src, which the render must then use.
type shaper struct {
	src     []byte
	width   int
	depth   int // the depth limit for this width
	nested  int // the deepest container kept
	room    int // columns for text in the block being shaped
	breaks  int // hard line breaks in the block being shaped
	cost    int64
	changed bool
}

func newShaper(src []byte, width int) *shaper {
	depth := (width - 2*docMargin - minRoom) / levelWidth
	return &shaper{src: src, width: width, depth: max(0, min(maxDepth, depth))}
}

// isContainer reports whether n is a block container that nests (and
// indents) what it holds.
func isContainer(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindBlockquote, ast.KindList, east.KindDefinitionList:
		return true
	}
	return false
}

func isInlineContainer(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindEmphasis, ast.KindLink, ast.KindImage, east.KindStrikethrough:
		return true
	}
	return false
}

// blocks shapes the children of n, a block at nesting depth depth.
func (s *shaper) blocks(n ast.Node, depth int) {
	for c := n.FirstChild(); c != nil; {
		if isContainer(c) && depth >= s.depth {
			c = s.flatten(c)
			continue
		}
		s.block(c, depth) // may add siblings after c, never removes it
		c = c.NextSibling()
	}
}

// block shapes n, a block at nesting depth depth, and adds its cost.
func (s *shaper) block(n ast.Node, depth int) {
	switch n.Kind() {
	case ast.KindBlockquote, ast.KindList, east.KindDefinitionList:
		s.nested = max(s.nested, depth+1)
		s.add(depth+1, padLines, 0)
		s.blocks(n, depth+1)
		return
	case ast.KindListItem, east.KindDefinitionDescription:
		s.blocks(n, depth)
		return
	case east.KindTable:
		s.table(n.(*east.Table), depth)
		return
	case ast.KindCodeBlock, ast.KindFencedCodeBlock:
		s.splitCode(n)
		s.add(depth, padLines+codeWeight*n.Lines().Len(), 0)
		return
	case ast.KindThematicBreak:
		s.add(depth, ruleLines, 0)
		return
	}
	// a leaf block: paragraph, heading, HTML, definition term
	s.room, s.breaks = s.roomAt(depth), 0
	s.inlines(n, 0)
	lines, size := 0, 0
	if l := n.Lines(); l != nil {
		lines = l.Len()
		for i := 0; i < l.Len(); i++ {
			seg := l.At(i)
			size += seg.Stop - seg.Start
		}
	}
	switch n.Kind() {
	case ast.KindParagraph, ast.KindTextBlock:
		lines = s.breaks // soft line breaks become spaces, hard ones stay
	case ast.KindHeading:
		lines *= headingWeight
	}
	s.add(depth, padLines+lines, size)
}

// add counts a block of lines lines and size bytes of text (which wrap) at
// depth: cells of output, weighted by depth.
func (s *shaper) add(depth, lines, size int) {
	out := int64(lines + size/s.roomAt(depth))
	s.cost += out * int64(s.width) * int64(1+2*depth)
}

// roomAt is the number of columns left for text at depth.
func (s *shaper) roomAt(depth int) int {
	return max(s.width-2*docMargin-levelWidth*depth, 1)
}

// splitCode splits a code block longer than maxCodeLines lines into
// blocks of maxCodeLines (Glamour's cost grows with the square of a code
// block's length).
func (s *shaper) splitCode(n ast.Node) {
	lines := n.Lines()
	if lines.Len() <= maxCodeLines {
		return
	}
	s.changed = true
	p := n.Parent()
	at := n
	for i := maxCodeLines; i < lines.Len(); i += maxCodeLines {
		var part ast.Node
		if f, ok := n.(*ast.FencedCodeBlock); ok {
			part = ast.NewFencedCodeBlock(f.Info)
		} else {
			part = ast.NewCodeBlock()
		}
		part.Lines().AppendAll(lines.Sliced(i, min(i+maxCodeLines, lines.Len())))
		p.InsertAfter(p, at, part)
		at = part
	}
	lines.SetSliced(0, maxCodeLines)
}

// inlines shapes the inline children of n at inline depth depth and adds
// their cost.
func (s *shaper) inlines(n ast.Node, depth int) {
	for c := n.FirstChild(); c != nil; {
		if isInlineContainer(c) && depth >= maxInline {
			c = s.unwrap(c)
			continue
		}
		next := c.NextSibling()
		switch c := c.(type) {
		case *ast.Link:
			s.addLink(len(c.Destination))
		case *ast.Image:
			s.addLink(len(c.Destination))
		case *ast.AutoLink:
			s.addLink(len(c.URL(s.src)))
		case *ast.Text:
			s.cost += textCost
			if c.HardLineBreak() {
				s.breaks++
			}
		default:
			s.cost += inlineCost
		}
		if isInlineContainer(c) {
			s.inlines(c, depth+1)
		}
		c = next
	}
}

// addLink adds the cost of a link or image to an address of n bytes:
// Glamour prints the address after the text, and every line it wraps onto
// costs linkLineWeight lines of text.
func (s *shaper) addLink(n int) {
	s.cost += linkCost + int64(n/s.room)*linkLineWeight*int64(s.width)
}

// unwrap puts n's children in its place and returns the first of them (or
// what followed n when it had none).
func (s *shaper) unwrap(n ast.Node) ast.Node {
	s.changed = true
	p := n.Parent()
	first := n.FirstChild()
	for c := first; c != nil; {
		next := c.NextSibling()
		p.InsertBefore(p, n, c)
		c = next
	}
	next := n.NextSibling()
	p.RemoveChild(p, n)
	if first != nil {
		return first
	}
	return next
}

// flatten replaces a block container that is nested too deep with its
// content and returns the first node that took its place (or what followed
// it). List items start with "• " or their number; tight list items and
// definition terms become paragraphs so that they stay apart.
func (s *shaper) flatten(n ast.Node) ast.Node {
	s.changed = true
	p := n.Parent()
	var first ast.Node
	move := func(c ast.Node) {
		if c.Kind() == ast.KindTextBlock || c.Kind() == east.KindDefinitionTerm {
			c = s.toParagraph(c)
		}
		p.InsertBefore(p, n, c)
		if first == nil {
			first = c
		}
	}
	moveChildren := func(from ast.Node, marker string) {
		for c := from.FirstChild(); c != nil; {
			next := c.NextSibling()
			if marker != "" && c == from.FirstChild() && (c.Kind() == ast.KindTextBlock || c.Kind() == ast.KindParagraph) {
				if fc := c.FirstChild(); fc != nil {
					c.InsertBefore(c, fc, s.text(marker))
				} else {
					c.AppendChild(c, s.text(marker))
				}
			}
			move(c)
			c = next
		}
	}
	switch n.Kind() {
	case ast.KindList:
		l := n.(*ast.List)
		num := l.Start
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			marker := "• "
			if l.IsOrdered() {
				marker = strconv.Itoa(num) + string(l.Marker) + " "
				num++
			}
			moveChildren(item, marker)
		}
	case east.KindDefinitionList:
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			if c.Kind() == east.KindDefinitionDescription {
				moveChildren(c, "")
			} else {
				move(c)
			}
			c = next
		}
	default: // a quote
		moveChildren(n, "")
	}
	next := n.NextSibling()
	p.RemoveChild(p, n)
	if first != nil {
		return first
	}
	return next
}

// toParagraph replaces n (a text block or definition term) with a
// paragraph holding its lines and inline children, and returns the
// paragraph.
func (s *shaper) toParagraph(n ast.Node) ast.Node {
	para := ast.NewParagraph()
	para.SetLines(n.Lines())
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		para.AppendChild(para, c)
		c = next
	}
	p := n.Parent()
	p.InsertBefore(p, n, para)
	p.RemoveChild(p, n)
	return para
}

// text returns a text node holding t, appended to the source.
func (s *shaper) text(t string) ast.Node {
	start := len(s.src)
	s.src = append(s.src, t...)
	return ast.NewTextSegment(text.NewSegment(start, len(s.src)))
}

// table adds a table's cost, or, when the table has more than maxColumns
// columns or does not fit the room left at depth (Glamour then cuts cells
// short or drops them), turns it into one paragraph per row, cells
// separated by " | ", the header row in bold.
func (s *shaper) table(t *east.Table, depth int) {
	room := s.roomAt(depth)
	s.room = room
	cols := len(t.Alignments)
	widest := make([]int, cols)
	rows, size := 0, 0
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		rows++
		i := 0
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			s.cost += inlineCost
			s.inlines(cell, 0)
			w := longestWord(cell, s.src)
			if i < cols {
				widest[i] = max(widest[i], w)
			}
			size += w + 3
			i++
		}
	}
	need := 0
	for _, w := range widest {
		need += w + 3
	}
	if cols <= maxColumns && need <= room {
		s.add(depth, 2*padLines+2*rows, size)
		return
	}
	s.changed = true
	p := t.Parent()
	for row := t.FirstChild(); row != nil; {
		next := row.NextSibling()
		para := ast.NewParagraph()
		var into ast.Node = para
		if row.Kind() == east.KindTableHeader {
			into = ast.NewEmphasis(2)
			para.AppendChild(para, into)
		}
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			if cell != row.FirstChild() {
				into.AppendChild(into, s.text(" | "))
			}
			for c := cell.FirstChild(); c != nil; {
				cn := c.NextSibling()
				into.AppendChild(into, c)
				c = cn
			}
		}
		p.InsertBefore(p, t, para)
		s.add(depth, padLines+1, size/max(rows, 1))
		row = next
	}
	p.RemoveChild(p, t)
}

// longestWord is the display width of the longest word n shows (text, not
// link destinations).
func longestWord(n ast.Node, src []byte) int {
	longest := 0
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var seg []byte
		switch c := c.(type) {
		case *ast.Text:
			seg = c.Segment.Value(src)
		case *ast.AutoLink:
			seg = c.Label(src)
		default:
			return ast.WalkContinue, nil
		}
		for _, w := range strings.Fields(string(seg)) {
			if len(w) > longest {
				longest = max(longest, xansi.StringWidth(w))
			}
		}
		return ast.WalkContinue, nil
	})
	return longest
}
