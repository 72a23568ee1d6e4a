package brief

import (
	"fmt"
	"math/bits"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/adrg/frontmatter"

	"github.com/briefs/briefs/internal/bytescan"
	"github.com/briefs/briefs/internal/identity"
)

// Parse reads one source file's bytes into a Brief. path names the file in
// messages and is kept in Brief.Path; its extension chooses Markdown (.md,
// .markdown) or text. Metadata extraction is not done here (see package
// extract); the parser records layout hints for it.
func Parse(path string, data []byte) (*Brief, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	text = Sanitize(text)
	if strings.TrimFunc(text, isBlank) == "" {
		return nil, ErrEmpty
	}
	b := &Brief{Path: path}
	var lg legacy
	if isMarkdownPath(path) {
		err = parseMarkdown(b, text)
	} else {
		lg = parseText(b, text)
	}
	if err != nil {
		return nil, err
	}
	b.Title = oneLine(b.Title)
	b.Body = finishBody(b.Body)
	if b.Title == "" && b.Body == "" {
		return nil, ErrEmpty
	}
	if b.Title == "" {
		b.Title = "(untitled)"
	}
	if lg.head != "" {
		b.Hints.LeadLen = leadLen(b.Body, lg.head)
	}
	if lg.differs {
		b.Hints.Legacy = identity.LegacyID(oneLine(lg.title), finishBody(cleanBody(lg.body)))
	}
	b.ID = identity.Of(data)
	b.Words = countWords(b.Title) + countWords(b.Body)
	return b, nil
}

// finishBody is the last cleaning of every body: blank lines collapsed,
// ends trimmed, unsafe references neutralised.
func finishBody(body string) string {
	return NeutralizeRefs(strings.TrimSpace(collapseBlankLines(body)))
}

// legacy is what the parser made of a text dump before it laid out
// paragraphs and made headlines (the body's lines as they were, the title
// as it was): schema 2 databases keyed briefs by it (identity.LegacyID).
// differs is false when today's title and body are the same.
type legacy struct {
	differs bool
	title   string
	body    []string // the lines cleanBody made the body from
	// head is the old title when the body now holds it (a headline was
	// made from it): the extractor reads it as the headline still.
	head string
}

// leadLen is the length of head at the start of body (as the body writes
// it: escaped), or 0 when the body does not start with it.
func leadLen(body, head string) int {
	var b strings.Builder
	writeEscaped(&b, oneLine(head))
	h := b.String()
	if h == "" || !strings.HasPrefix(body, h) {
		return 0
	}
	return len(h)
}

// ErrEmpty: a file that holds no brief (ErrBinary and ErrEncoding, files
// that hold no text, are in read.go).
var ErrEmpty = fmt.Errorf("empty file (no text)")

// IDLen is the number of hex digits in a brief ID.
const IDLen = identity.Len

func isMarkdownPath(p string) bool {
	l := strings.ToLower(p)
	return strings.HasSuffix(l, ".md") || strings.HasSuffix(l, ".markdown")
}

func isBlank(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == utf8.RuneError }

// ---- Markdown -------------------------------------------------------------

type frontMatter struct {
	Title     string `yaml:"title"`
	Date      string `yaml:"date"`
	Source    string `yaml:"source"`
	URL       string `yaml:"url"`
	Series    string `yaml:"series"`
	Edition   any    `yaml:"edition"`
	Countries any    `yaml:"countries"`
	Tags      any    `yaml:"tags"`
	Dateline  string `yaml:"dateline"`
}

// h1Text reads a level-one ATX heading ("# Title ##"), t being a trimmed
// line: its text without the closing hashes, as the regexp
// ^#{1,6}[ \t]+(.+?)[ \t#]*$ captures it.
func h1Text(t string) (string, bool) {
	if !strings.HasPrefix(t, "# ") {
		return "", false
	}
	rest := strings.TrimLeft(t[1:], " \t")
	if strings.IndexByte(rest, '\n') >= 0 {
		return "", false
	}
	if rest == "" { // blanks only (t untrimmed): the last is the text
		if len(t) < 3 {
			return "", false
		}
		return t[len(t)-1:], true
	}
	_, first := utf8.DecodeRuneInString(rest) // the text has a rune at least
	end := len(strings.TrimRight(rest, " \t#"))
	return rest[:max(end, first)], true
}

func parseMarkdown(b *Brief, text string) error {
	b.Format = "markdown"
	body := text
	if hasFrontMatter(text) {
		var fm frontMatter
		if strings.HasPrefix(text, "---\n") {
			block, rest, ok := splitYAML(text)
			if ok {
				if err := decodeYAML(block, &fm); err != nil {
					return fmt.Errorf("front matter: %w", err)
				}
			}
			body = rest
		} else {
			rest, err := frontmatter.Parse(strings.NewReader(text), &fm)
			if err != nil {
				return fmt.Errorf("front matter: %w", err)
			}
			body = string(rest)
		}
		if err := fm.apply(&b.Stated); err != nil {
			return fmt.Errorf("front matter: %w", err)
		}
		b.Hints.Dateline = oneLine(fm.Dateline)
	}
	// the first line that is not blank may be the title: the body is
	// what follows it (the lines as they are, a substring)
	title := b.Stated.Title
	for off := 0; ; {
		l, next := body[off:], len(body)
		if nl := strings.IndexByte(l, '\n'); nl >= 0 {
			l, next = l[:nl], off+nl+1
		}
		t := strings.TrimSpace(l)
		if t == "" {
			if next == len(body) {
				break
			}
			off = next
			continue
		}
		if h, ok := h1Text(t); ok {
			if title == "" || strings.EqualFold(oneLine(h), title) {
				title = h
				body = body[next:]
			}
		} else if title == "" {
			title = strings.TrimLeft(t, "#>*-_ ")
			body = body[next:]
		}
		break
	}
	b.Title = title
	b.Body = body
	return nil
}

func hasFrontMatter(text string) bool {
	return strings.HasPrefix(text, "---\n") || strings.HasPrefix(text, "+++\n")
}

func (fm *frontMatter) apply(s *Stated) error {
	s.Title = oneLine(fm.Title)
	s.Source = oneLine(fm.Source)
	s.URL = oneLine(fm.URL)
	s.Series = oneLine(fm.Series)
	if d := strings.TrimSpace(fm.Date); d != "" {
		t, hasTime, err := parseStatedDate(d)
		if err != nil {
			return fmt.Errorf("date %q: %w", d, err)
		}
		s.Date, s.HasDate, s.HasTime = t, true, hasTime
	}
	switch v := fm.Edition.(type) {
	case nil:
	case int:
		s.Edition = v
	case string:
		if _, err := fmt.Sscanf(strings.TrimSpace(v), "%d", &s.Edition); err != nil {
			return fmt.Errorf("edition %q: want a number", v)
		}
	default:
		return fmt.Errorf("edition: want a number, got %v", v)
	}
	if s.Edition < 0 || s.Edition > 1000 {
		return fmt.Errorf("edition %d out of range", s.Edition)
	}
	s.Countries = stringList(fm.Countries)
	s.Tags = stringList(fm.Tags)
	return nil
}

// parseStatedDate accepts the dates YAML front matter usually holds.
func parseStatedDate(d string) (time.Time, bool, error) {
	for _, f := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.Parse(f, d); err == nil {
			return t, true, nil
		}
	}
	for _, f := range []string{"2006-01-02", "2006/01/02", "January 2, 2006", "2 January 2006"} {
		if t, err := time.Parse(f, d); err == nil {
			return t, false, nil
		}
	}
	return time.Time{}, false, fmt.Errorf("not a date (want YYYY-MM-DD or RFC 3339)")
}

func stringList(v any) []string {
	var out []string
	add := func(s string) {
		if s = oneLine(s); s != "" {
			out = append(out, s)
		}
	}
	switch x := v.(type) {
	case string:
		for _, p := range strings.Split(x, ",") {
			add(p)
		}
	case []any:
		for _, e := range x {
			add(fmt.Sprint(e))
		}
	}
	return out
}

// ---- text dumps -----------------------------------------------------------

var (
	ninaID     = lazyRegexp(`^ID\s*:\s*(\d*)\s*$`)
	authorLine = lazyRegexp(`^(?i:auth?er|author)\s*:\s*(.*)$`)
	headerDate = lazyRegexp(`^(?:[A-Z][a-z]{2},\s*)?\d{1,2}/\d{1,2}/\d{4}(?:\s*-\s*\d{1,2}:\d{2})?$`)
	shafaqHead = lazyRegexp(`^\s*date\s+(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)\s+([^/\n]{2,40}?)\s*/$`)
	dateLine   = lazyRegexp(`^\s*(?i:date)\s*:?\s+(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?)\s*$`)
	agencyLead = lazyRegexp(`^([\p{Lu}][\p{L}'’.-]*(?:[ -][\p{Lu}][\p{L}'’.-]*){0,3})\s*/\s*([\p{Lu}][\p{L}0-9 ]{1,20}?)\s*/\s*-?\s*`)
)

func parseText(b *Brief, text string) legacy {
	lines := strings.Split(text, "\n")
	first := firstNonBlank(lines)
	switch {
	case first >= 0 && isNINAID(lines[first]):
		return parseNINA(b, lines[first:])
	}
	if first >= 0 {
		if m := shafaqMatch(lines[first]); m != nil {
			return parseShafaq(b, lines[first:], m)
		}
	}
	b.Format = "text"
	if first < 0 {
		return legacy{}
	}
	if m := dateLineMatch(lines[first]); m != nil {
		// "date 2024-05-15" above a plain brief: its date, not its title
		b.Hints.DateText = m[1]
		next := firstNonBlank(lines[first+1:])
		if next < 0 {
			return legacy{}
		}
		first += 1 + next
	}
	lines = lines[first:]
	old := legacy{title: strings.TrimSpace(lines[0]), body: lines[1:]}
	ll := newLayout(lines)
	if ll.continues(0) || isLead(old.title) || isDatelineOnly(old.title) && len(lines) > 1 {
		// no headline: the story starts on the first line
		body, _ := ll.apply(0)
		b.Body = cleanBody(body)
		b.Title = Headline(firstSentence(ll.paragraphAfterDateline()))
		old.differs, old.head = true, old.title
		return old
	}
	b.Title = old.title
	body, changed := ll.apply(1)
	b.Body = cleanBody(body)
	old.differs = changed
	return old
}

// isNINAID: the line is NINA's "ID :" line.
func isNINAID(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "ID") && ninaID().MatchString(t)
}

// dateLineMatch is dateLine().FindStringSubmatch(line), the regexp run only
// when the line starts with "date" (in any case, after white space).
func dateLineMatch(line string) []string {
	t := strings.TrimLeft(line, "\t\n\f\r ")
	if len(t) < 4 || t[0]|0x20 != 'd' || t[1]|0x20 != 'a' || t[2]|0x20 != 't' || t[3]|0x20 != 'e' {
		return nil
	}
	return dateLine().FindStringSubmatch(line)
}

// agencyLeadMatch is agencyLead().FindStringSubmatchIndex(line), the regexp
// run only on the head of the line that a match can cover: up to the
// second slash and the white space and dash after it (the line goes on
// with the story).
func agencyLeadMatch(line string) []int {
	a := strings.IndexByte(line, '/')
	if a < 0 {
		return nil
	}
	b := strings.IndexByte(line[a+1:], '/')
	if b < 0 {
		return nil
	}
	end := a + 1 + b + 1
	end = len(line) - len(strings.TrimLeft(line[end:], "\t\n\f\r "))
	if end < len(line) && line[end] == '-' {
		end++
	}
	end = len(line) - len(strings.TrimLeft(line[end:], "\t\n\f\r "))
	return agencyLead().FindStringSubmatchIndex(line[:end])
}

// isLead: the first line of a plain dump opens the story rather than
// heading it: a long sentence ending in a full stop, or a dateline
// ("BAGHDAD, July 23 (Reuters) - Iraq's ...").
func isLead(line string) bool {
	n := utf8.RuneCountInString(line)
	if n > 150 {
		return true
	}
	if n > 40 && mayDatelineParen(line) && datelineParen().MatchString(line) {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(line, "\"'”’») "))
	return n >= 60 && (r == '.' || r == '۔')
}

// datelineOnly is a line holding only a dateline: "Baghdad-INA", "Baghdad
// / NINA/", "بغداد - واع", "KUWAIT CITY (KUNA) --".
var datelineOnly = lazyRegexp(`^[\p{L}][\p{L} .'’]{1,30}?\s*(?:[-/–—]|\()\s*(?:\p{Lu}{2,6}|[\p{Arabic} ]{2,12})\s*\)?\s*[-/–—]{0,2}$`)

func isDatelineOnly(line string) bool {
	return utf8.RuneCountInString(line) <= 40 && datelineOnly().MatchString(line)
}

// firstSentence is the first sentence of a paragraph.
func firstSentence(p string) string {
	s, _ := splitFirstSentence(strings.TrimSpace(p))
	return s
}

func firstNonBlank(lines []string) int {
	for i, l := range lines {
		if strings.TrimFunc(l, isBlank) != "" {
			return i
		}
	}
	return -1
}

// parseNINA reads the NINA layout: "ID :", the agency number, a date line,
// an "Auther :" field, the headline, then a body opening "Baghdad / NINA/-".
func parseNINA(b *Brief, lines []string) legacy {
	b.Format = "nina"
	i := 0
	if m := ninaID().FindStringSubmatch(strings.TrimSpace(lines[0])); m != nil {
		b.Hints.AgencyID = m[1]
		i = 1
	}
	// header fields until the headline
	for ; i < len(lines); i++ {
		t := strings.TrimFunc(lines[i], isBlank)
		switch {
		case t == "":
			continue
		case b.Hints.AgencyID == "" && isDigits(t):
			b.Hints.AgencyID = t
			continue
		case b.Hints.DateText == "" && headerDate().MatchString(t):
			b.Hints.DateText = t
			continue
		case authorLine().MatchString(t):
			continue
		}
		break
	}
	if i < len(lines) {
		b.Title = strings.TrimSpace(lines[i])
		i++
	}
	rest := lines[i:]
	if j := firstNonBlank(rest); j >= 0 {
		if m := agencyLeadMatch(rest[j]); m != nil {
			b.Hints.Dateline = rest[j][m[2]:m[3]]
			b.Hints.Source = strings.TrimSpace(rest[j][m[4]:m[5]])
			rest[j] = rest[j][m[1]:]
		}
	}
	body, changed := newLayout(rest).apply(0)
	b.Body = cleanBody(body)
	return legacy{differs: changed, title: b.Title, body: rest}
}

// parseShafaq reads the Shafaq layout: " date 2024-07-22 Shafaq News/ first
// sentence..." The source has no headline: the title is made from the
// first sentence (Headline), which the body keeps.
func parseShafaq(b *Brief, lines []string, m []string) legacy {
	b.Format = "shafaq"
	b.Hints.DateText = m[0]
	b.Hints.Source = strings.TrimSpace(m[1])
	lead := strings.TrimSpace(m[2])
	first, restOfLead := splitFirstSentence(lead)
	b.Title = Headline(first)
	body := append([]string{lead}, lines[1:]...)
	relaid, _ := newLayout(body).apply(0)
	b.Body = cleanBody(relaid)
	return legacy{differs: true, title: first, head: first, body: append([]string{restOfLead}, lines[1:]...)}
}

// shafaqMatch reads a Shafaq lead line " date 2024-07-22 Shafaq News/ text"
// into date, agency and text, or returns nil. The regexp sees only the
// short head before the first slash.
func shafaqMatch(line string) []string {
	t := strings.TrimLeft(line, " \t")
	if !strings.HasPrefix(t, "date") {
		return nil
	}
	slash := strings.IndexByte(line, '/')
	if slash < 0 || slash > 100 {
		return nil
	}
	m := shafaqHead().FindStringSubmatch(line[:slash+1])
	if m == nil {
		return nil
	}
	return []string{m[1], m[2], line[slash+1:]}
}

// splitFirstSentence splits at the first ". " (or "? ", "! ") that ends a
// sentence, not an initial or abbreviation such as "U.S." or "Gen.".
func splitFirstSentence(s string) (string, string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		if i+1 < len(s) && s[i+1] != ' ' {
			continue
		}
		if c == '.' && isAbbrevBefore(s[:i]) {
			continue
		}
		return strings.TrimSpace(s[:i+1]), strings.TrimSpace(s[i+1:])
	}
	return s, ""
}

func isAbbrevBefore(s string) bool {
	w := s
	if k := strings.LastIndexAny(s, " (\"“"); k >= 0 {
		w = s[k+1:]
	}
	if utf8.RuneCountInString(w) <= 1 || strings.Contains(w, ".") {
		return true
	}
	switch strings.ToLower(w) {
	case "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "brig", "st", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "prof", "sen", "rep", "gov":
		return true
	}
	return false
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// cleanBody turns the lines of a text dump into Markdown: agency bullets
// become list items, "/ End" markers and stray trailing bytes go.
func cleanBody(lines []string) string {
	var b strings.Builder
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	b.Grow(n + 16)
	blank := 0
	for i, l := range lines {
		l = trimRightBlank(l)
		if item, ok := bulletItem(l); ok {
			blank = 0
			b.WriteString("- ")
			writeEscaped(&b, item)
		} else {
			l = trimLeftBlank(l)
			if l == "" {
				blank++
				if blank > 1 {
					continue // one blank line between paragraphs is enough
				}
			} else {
				blank = 0
			}
			writeEscaped(&b, l)
		}
		if i < len(lines)-1 {
			b.WriteByte('\n')
		}
	}
	return trimStrayTail(stripEndMarker(b.String()))
}

// writeEscaped writes one line of plain text so that Markdown keeps it
// plain: a line that would become a heading, a quote, a table or code by
// accident is escaped, and so is every "<" (no HTML).
func writeEscaped(b *strings.Builder, l string) {
	if l == "" {
		return
	}
	switch l[0] {
	case '#', '>', '=', '+', '|', '`', '~':
		b.WriteByte('\\')
	}
	for {
		k := strings.IndexByte(l, '<')
		if k < 0 {
			b.WriteString(l)
			return
		}
		b.WriteString(l[:k])
		b.WriteString(`\<`)
		l = l[k+1:]
	}
}

func trimRightBlank(l string) string {
	for len(l) > 0 {
		switch c := l[len(l)-1]; {
		case c == ' ' || c == '\t':
			l = l[:len(l)-1]
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeLastRuneInString(l)
			if !isBlank(r) {
				return l
			}
			l = l[:len(l)-size]
		default:
			return l
		}
	}
	return l
}

func trimLeftBlank(l string) string {
	for len(l) > 0 {
		switch c := l[0]; {
		case c == ' ' || c == '\t':
			l = l[1:]
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(l)
			if !isBlank(r) {
				return l
			}
			l = l[size:]
		default:
			return l
		}
	}
	return l
}

// bulletItem recognises a list item written with an agency's bullet
// ("•    text", "- text", "* text", "– text") and returns its text.
func bulletItem(l string) (string, bool) {
	if l != "" && l[0] < utf8.RuneSelf && l[0] != ' ' && l[0] != '\t' && l[0] != '-' && l[0] != '*' {
		return "", false // most lines: no space or bullet first
	}
	t := strings.TrimLeft(l, " \t\u00a0")
	if t == "" {
		return "", false
	}
	r, size := utf8.DecodeRuneInString(t)
	switch r {
	case '•', '·', '▪', '●', '◦', '‣', '∙', '-', '–', '*':
	default:
		return "", false
	}
	rest := t[size:]
	if rest == "" || (rest[0] != ' ' && rest[0] != '\t' && !strings.HasPrefix(rest, "\u00a0")) {
		return "", false
	}
	item := strings.TrimFunc(rest, isBlank)
	return item, item != ""
}

// stripEndMarker removes a final "/ End" marker (the word End after a
// slash, ending its line) and the few stray bytes that may follow it.
func stripEndMarker(text string) string {
	i := lastEnd(text)
	if i < 0 {
		return text
	}
	rest := text[i+3:]
	eol := strings.IndexByte(rest, '\n')
	if eol < 0 {
		eol = len(rest)
	}
	if strings.TrimFunc(rest[:eol], isBlank) != "" || utf8.RuneCountInString(strings.TrimFunc(rest[eol:], isBlank)) > 3 {
		return text
	}
	before := strings.TrimRightFunc(text[:i], isBlank)
	if !strings.HasSuffix(before, "/") {
		return text
	}
	return strings.TrimRightFunc(before[:len(before)-1], isBlank)
}

// lastEnd is strings.LastIndex(text, "End") when the text after it may be
// an end marker's tail (blank, at most three other runes, blank), and
// otherwise the same or -1: it searches only the end of the text that
// such a tail can cover.
func lastEnd(text string) int {
	t := strings.TrimRightFunc(text, isBlank)
	for range 3 {
		_, n := utf8.DecodeLastRuneInString(t)
		t = t[:len(t)-n]
	}
	from := max(len(strings.TrimRightFunc(t, isBlank))-len("End"), 0)
	if i := strings.LastIndex(text[from:], "End"); i >= 0 {
		return from + i
	}
	return -1
}

// trimStrayTail drops trailing lines of one or two characters with no words
// in them (the "X" and no-break space some dumps end with).
func trimStrayTail(text string) string {
	for {
		text = strings.TrimRightFunc(text, isBlank)
		k := strings.LastIndexByte(text, '\n')
		last := strings.TrimFunc(text[k+1:], isBlank)
		if k < 0 || utf8.RuneCountInString(last) > 2 {
			return text
		}
		text = text[:k]
	}
}

func collapseBlankLines(s string) string {
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	return s
}

// oneLine sanitises s (front matter values are decoded by YAML after the
// file was sanitised, so escapes such as "\e" come back) and folds it onto
// one line.
func oneLine(s string) string {
	s = Sanitize(s)
	if isOneLine(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isOneLine reports whether s is ASCII with no white space but single
// spaces between other characters: as strings.Fields and strings.Join
// with " " leave it.
func isOneLine(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && s[i+1] == ' ':
			return false
		}
	}
	return true
}

func countWords(s string) int {
	n := 0
	var in uint8
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			if x := bytescan.Load64(s[i:]); x&bytescan.Highs == 0 && !bytescan.HasByte(x, '\'') && !bytescan.HasByte(x, '-') {
				// eight ASCII bytes, no joiner: a word starts at
				// each letter or digit after a byte that is neither
				w := bytescan.Mask(bytescan.InRange(x|0x20*bytescan.Ones, 'a', 'z') | bytescan.InRange(x, '0', '9'))
				n += bits.OnesCount8(w &^ (w<<1 | in))
				in = w >> 7
				i += 8
				continue
			}
		}
		c := s[i]
		var w, joiner uint8
		if c < utf8.RuneSelf {
			cls := asciiClass[c]
			w, joiner = cls&1, cls>>1
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				w = 1
			} else if r == '’' {
				joiner = 1
			}
			i += size
		}
		n += int(w &^ in)
		in = w | (in & joiner)
	}
	return n
}

// asciiClass: bit 0 marks ASCII letters and digits, bit 1 the characters
// that join a word ("don't", "al-Sabah").
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			t[c] = 1
		}
	}
	t['\''], t['-'] = 2, 2
	return t
}()

// lazyRegexp is a regular expression compiled when first used: most runs
// (briefs show of an indexed brief, list from the index) parse few files
// or none, and compiling them all at start-up cost 3 ms or more.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
