package brief

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefs/briefs/internal/bytescan"
)

// Paragraph layout of text dumps. Agencies lay paragraphs out in one of
// two ways when no blank line separates them:
//
//   - one paragraph per line (NINA, INA, KUNA and Shafaq copy pasted from
//     their sites): every line ends a paragraph, lines are of any length
//     and end sentences;
//   - hard-wrapped at a width (wire copy, mail, fmt): lines of nearly the
//     same width (60 to 100 characters) that end mid-sentence, the next word
//     too long to fit on the line.
//
// layout reads which from the whole file (each file is read on its own)
// and rewrites the lines so that Markdown sees the paragraphs: a blank line
// between paragraphs, the lines of a wrapped paragraph joined into one.
// Lines already separated by blank lines are left as they are, and so are
// files in which every paragraph is one line with blank lines between
// (nothing to decide).

// maxWrapWidth is the widest a hard-wrapped line is taken to be: a line
// longer than that ends a paragraph.
const maxWrapWidth = 100

// minWrapWidth is the narrowest width text is taken to be wrapped at:
// narrower lines are short paragraphs, headings or list-like lines.
const minWrapWidth = 40

// lineKind classifies one line of a dump.
type lineKind uint8

const (
	lineBlank lineKind = iota
	lineText
	lineBullet
)

type layoutLine struct {
	kind  lineKind
	text  string // trimmed
	width int    // runes of text
}

// layoutMode is what a file's breaks say.
type layoutMode uint8

const (
	modeNone      layoutMode = iota // no line break between two text lines
	modeParagraph                   // one paragraph per line
	modeWrapped                     // hard-wrapped paragraphs
)

// lineLayout is a dump's lines with the layout read from them.
type lineLayout struct {
	lines []string
	ls    []layoutLine
	mode  layoutMode
	width int // the width the file is wrapped at (its widest wrapped line)
}

// newLayout reads the layout of lines (a dump's text, untrimmed).
func newLayout(lines []string) *lineLayout {
	ls := make([]layoutLine, len(lines))
	for i, l := range lines {
		t := strings.TrimFunc(l, isBlank)
		switch {
		case t == "":
			ls[i] = layoutLine{kind: lineBlank}
		case isBulletLine(l):
			ls[i] = layoutLine{kind: lineBullet, text: t, width: bytescan.RuneCount(t)}
		default:
			ls[i] = layoutLine{kind: lineText, text: t, width: bytescan.RuneCount(t)}
		}
	}
	mode, width := layoutModeOf(ls)
	return &lineLayout{lines: lines, ls: ls, mode: mode, width: width}
}

// continues reports whether line i+1 goes on with line i's paragraph.
func (l *lineLayout) continues(i int) bool {
	if i+1 >= len(l.ls) || l.ls[i].kind == lineBlank || l.ls[i+1].kind != lineText || l.mode == modeNone {
		return false
	}
	return joins(l.mode, l.width, l.ls[i], l.ls[i+1], l.lines[i+1])
}

// apply rewrites lines[from:] so that paragraphs are separated by blank
// lines and wrapped paragraphs are joined; changed reports whether anything
// was rewritten.
func (l *lineLayout) apply(from int) (out []string, changed bool) {
	lines, ls := l.lines[from:], l.ls[from:]
	if l.mode == modeNone {
		return lines, false
	}
	out = make([]string, 0, len(lines)+len(lines)/2)
	for i := range lines {
		if ls[i].kind == lineBlank || i == 0 || ls[i-1].kind == lineBlank {
			out = append(out, lines[i])
			continue
		}
		prev, cur := ls[i-1], ls[i]
		if cur.kind == lineBullet {
			if prev.kind == lineText {
				// a list after a paragraph: Markdown needs no blank
				// line, but with one the paragraph ends there for
				// every reader
				out = append(out, "")
				changed = true
			}
			out = append(out, lines[i])
			continue
		}
		// a text line after a text or bullet line: it goes on, or starts
		// a paragraph
		if joins(l.mode, l.width, prev, cur, lines[i]) {
			last := len(out) - 1
			out[last] = joinLines(trimRightBlank(out[last]), cur.text)
			changed = true
			continue
		}
		out = append(out, "", lines[i])
		changed = true
	}
	return out, changed
}

// paragraphAfterDateline is the text of the first paragraph, or of the
// second when the first is a dateline alone ("Baghdad-INA"), its wrapped
// lines joined.
func (l *lineLayout) paragraphAfterDateline() string {
	start := -1
	for i, x := range l.ls {
		if x.kind == lineBlank {
			continue
		}
		if start < 0 && isDatelineOnly(x.text) && !l.continues(i) {
			start = -2 // skip it
			continue
		}
		start = i
		break
	}
	if start < 0 {
		return ""
	}
	p := l.ls[start].text
	for i := start; l.continues(i); i++ {
		p = joinLines(p, l.ls[i+1].text)
	}
	return p
}

// layoutModeOf reads the file's layout from its breaks (a text line
// followed by a text line), and the width it is wrapped at.
func layoutModeOf(ls []layoutLine) (layoutMode, int) {
	width := 0
	breaks := 0
	for i := 1; i < len(ls); i++ {
		if ls[i].kind == lineText && ls[i-1].kind == lineText {
			breaks++
			if w := ls[i-1].width; w <= maxWrapWidth {
				width = max(width, w)
			}
		}
	}
	if breaks == 0 {
		for i := 1; i < len(ls); i++ {
			if ls[i].kind == lineText && ls[i-1].kind == lineBullet {
				return modeParagraph, width // a paragraph after a list
			}
		}
		return modeNone, 0
	}
	wrap, para := 0, 0
	for i := 1; i < len(ls); i++ {
		if ls[i].kind != lineText || ls[i-1].kind != lineText {
			continue
		}
		if wrappedBreak(width, ls[i-1], ls[i]) {
			wrap++
		} else {
			para++
		}
	}
	if wrap > para && width >= minWrapWidth {
		return modeWrapped, width
	}
	return modeParagraph, width
}

// wrappedBreak: the break between prev and cur looks like a hard wrap: the
// line is not too long to be wrapped, and the sentence goes on (the next
// line starts in lower case, or the line ends mid-sentence with no room
// left for the next word).
func wrappedBreak(width int, prev, cur layoutLine) bool {
	if prev.width > maxWrapWidth {
		return false
	}
	if startsLower(cur.text) {
		return true
	}
	return !endsSentence(prev.text) && !hasRoom(width-width/4, prev, cur)
}

// hasRoom: the first word of cur would have fitted on prev within limit
// characters.
func hasRoom(limit int, prev, cur layoutLine) bool {
	w := cur.text
	if k := strings.IndexAny(w, " \t"); k >= 0 {
		w = w[:k]
	}
	return prev.width+1+utf8.RuneCountInString(w) <= limit
}

// joins decides one break of a file of the given mode: whether cur
// continues prev's paragraph.
func joins(mode layoutMode, width int, prev, cur layoutLine, raw string) bool {
	if mode != modeWrapped {
		// one paragraph per line; a line going on in lower case after
		// an unfinished sentence is still the same paragraph
		return prev.kind == lineText && startsLower(cur.text) && !endsSentence(prev.text)
	}
	switch {
	case startsLower(cur.text):
		return true
	case prev.kind == lineBullet:
		// a wrapped list item goes on indented, or mid-sentence
		indented := len(raw) > 0 && (raw[0] == ' ' || raw[0] == '\t')
		return indented || !endsSentence(prev.text) && !hasRoom(width-width/4, prev, cur)
	case prev.width > maxWrapWidth:
		return false
	case endsSentence(prev.text):
		// a paragraph ends on a line with room left for the next word
		return !hasRoom(width, prev, cur)
	default:
		// mid-sentence, a line far shorter than the width is a headline
		// or a dateline line
		return !hasRoom(width-width/4, prev, cur)
	}
}

// joinLines joins the next line of a wrapped paragraph to the last: with a
// space, or none after a hyphen ending a word ("so-" "called").
func joinLines(last, next string) string {
	if n := len(last); n >= 2 && last[n-1] == '-' && last[n-2] != ' ' && last[n-2] != '-' && startsLower(next) {
		return last + next
	}
	return last + " " + next
}

// isBulletLine reports whether l is an agency's list item.
func isBulletLine(l string) bool {
	_, ok := bulletItem(l)
	return ok
}

// endsSentence reports whether a line ends a sentence (or introduces what
// follows: a colon), closing quotes and brackets aside; English and Arabic
// punctuation.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		switch r {
		case '"', '\'', '”', '’', '»', ')', ']', '*', '_':
			return true
		}
		return isBlank(r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', ':', '…', '؟', '。', '۔':
		return true
	}
	return false
}

// startsLower reports whether a line starts with a lower-case letter (after
// opening quotes): it goes on with the sentence before it.
func startsLower(s string) bool {
	for _, r := range s {
		switch r {
		case '"', '\'', '“', '‘', '(', '«':
			continue
		}
		return unicode.IsLower(r)
	}
	return false
}
