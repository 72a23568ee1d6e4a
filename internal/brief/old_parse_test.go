package brief

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/adrg/frontmatter"

	"github.com/briefs/briefs/internal/corpus"
)

// The parser's functions as they were before they were made faster (kept
// to test the new ones against: the same results on the seeds, the
// extractor's test briefs, generated briefs and fuzz inputs).

// oldCountBad is decodeText's counting loop as it was: runes, control
// characters and invalid bytes.
func oldCountBad(text string, wide bool) (runes, controls, invalid int) {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f {
				controls++
			}
			runes++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			invalid++
		case r >= 0x80 && r <= 0x9f:
			controls++
		case wide && (r == utf8.RuneError || !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cf)):
			invalid++
		}
		runes++
		i += size
	}
	return runes, controls, invalid
}

// oldStripEndMarker is stripEndMarker with strings.LastIndex over the
// whole text.
func oldStripEndMarker(text string) string {
	i := strings.LastIndex(text, "End")
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

var oldATXHeading = regexp.MustCompile(`^#{1,6}[ \t]+(.+?)[ \t#]*$`)

// oldH1Text is how parseMarkdown read a first-level heading.
func oldH1Text(t string) (string, bool) {
	if m := oldATXHeading.FindStringSubmatch(t); m != nil && strings.HasPrefix(t, "# ") {
		return m[1], true
	}
	return "", false
}

// oldHeadline is Headline with every regexp run on every sentence.
func oldHeadline(sentence string) string {
	if len(sentence) > maxHeadlineInput {
		sentence = sentence[:maxHeadlineInput]
		for !utf8.ValidString(sentence) {
			sentence = sentence[:len(sentence)-1]
		}
	}
	s := strings.Join(strings.Fields(sentence), " ")
	if s == "" {
		return ""
	}
	orig := s
	s = oldStripDateline(s)
	arabic := isMostlyArabic(s)
	if arabic {
		s = headlineAr(s)
	} else {
		s = oldHeadlineEn(s)
	}
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ".،,;۔ "))
	if utf8.RuneCountInString(s) < 3 || countWords(s) < 2 {
		s = strings.TrimRight(orig, ".۔ ")
	}
	if !arabic && utf8.RuneCountInString(s) > HeadlineMax {
		if short := titledName().ReplaceAllString(s, "$1"); short != s {
			s = short
		}
	}
	return capHeadline(s, HeadlineMax)
}

var oldLeadAdverbial = regexp.MustCompile(`^(?i:on|in|during|earlier|later|late|early|today|yesterday|tonight|last|meanwhile|separately|however|moreover|following|after|before|amid|according|overnight|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b(?:[^,،.\s]*\s+){0,5}[^,،.\s]*[,،]\s+`)

func oldHeadlineEn(s string) string {
	for range 3 {
		m := oldLeadAdverbial.FindStringIndex(s)
		if m == nil || m[1] >= len(s) {
			break
		}
		s = s[m[1]:]
	}
	if m := anonymousSource().FindStringIndex(s); m != nil && m[1] < len(s) {
		s = s[m[1]:]
	}
	s = timeInClauseEn().ReplaceAllString(s, "")
	s = strings.TrimRight(s, ". ")
	s = dropTrailing(s, ", ", func(tail string) bool {
		if trailingEn().MatchString(tail) {
			return true
		}
		m := saidEn().FindStringSubmatch(tail)
		return m != nil && countWords(tail) <= 12 && !strings.Contains(tail, " that ") && !strings.Contains(m[1], " and ")
	})
	if m := speakerThat().FindStringSubmatchIndex(s); m != nil && m[1] < len(s) && countWords(s[m[1]:]) >= 3 && countWords(s[m[2]:m[3]]) <= 10 {
		s = s[m[2]:m[3]] + ": " + upperFirst(s[m[1]:])
	}
	if rest, ok := strings.CutPrefix(s, "the "); ok {
		s = rest
	} else if rest, ok := strings.CutPrefix(s, "The "); ok {
		s = rest
	}
	return upperFirst(s)
}

func oldStripDateline(s string) string {
	for _, re := range []func() *regexp.Regexp{datelineParen, datelineSlash, datelineDash} {
		if m := re().FindStringIndex(s); m != nil && m[1] < len(s) && countWords(s[m[1]:]) >= 3 {
			return s[m[1]:]
		}
	}
	return s
}

func oldIsLead(line string) bool {
	n := utf8.RuneCountInString(line)
	if n > 150 {
		return true
	}
	if datelineParen().MatchString(line) && n > 40 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(line, "\"'”’») "))
	return n >= 60 && (r == '.' || r == '۔')
}

// checkLineSameAsOld compares the line-level functions.
func checkLineSameAsOld(t *testing.T, l string) {
	t.Helper()
	same := func(name string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s(%.100q) = %#v, old %#v", name, l, got, want)
		}
	}
	same("oneLine", oneLine(l), oldOneLine(l))
	for _, x := range []string{l, "- " + l, " * " + l, "\u00a0• " + l, "\t" + l} {
		item, ok := bulletItem(x)
		oldItem, oldOK := oldBulletItem(x)
		same("bulletItem", [2]any{item, ok}, [2]any{oldItem, oldOK})
	}
	same("isNINAID", isNINAID(l), ninaID().MatchString(strings.TrimSpace(l)))
	same("dateLineMatch", dateLineMatch(l), dateLine().FindStringSubmatch(l))
	same("agencyLeadMatch", agencyLeadMatch(l), agencyLead().FindStringSubmatchIndex(l))
	same("isLead", isLead(l), oldIsLead(l))
	same("Headline", Headline(l), oldHeadline(l))
	same("stripDateline", stripDateline(l), oldStripDateline(l))
	same("leadAdverbial", mayLeadAdverbial(l) || oldLeadAdverbial.FindStringIndex(l) == nil, true)
	same("mayDatelineParen", mayDatelineParen(l) || !datelineParen().MatchString(l), true)
	same("mayDatelineSlash", mayDatelineSlash(l) || !datelineSlash().MatchString(l), true)
	same("mayDatelineDash", mayDatelineDash(l) || !datelineDash().MatchString(l), true)
	same("anonymousSource", containsFoldASCII(l, "ource") || !anonymousSource().MatchString(l), true)
	same("timeInClauseEn", containsFoldASCII(l, "day") || !timeInClauseEn().MatchString(l), true)
	same("speakerThat", strings.Contains(l, "that") || !speakerThat().MatchString(l), true)
}

// oldBulletItem is bulletItem without its first-byte test.
func oldBulletItem(l string) (string, bool) {
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

// oldCountWords is countWords one byte at a time.
func oldCountWords(s string) int {
	n := 0
	var in uint8
	for i := 0; i < len(s); {
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

// oldParseMarkdown is parseMarkdown splitting the text into lines and
// joining them again.
func oldParseMarkdown(b *Brief, text string) error {
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
		b.Hints.Dateline = oldOneLine(fm.Dateline)
	}
	lines := strings.Split(body, "\n")
	title := b.Stated.Title
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if h, ok := oldH1Text(t); ok {
			if title == "" || strings.EqualFold(oldOneLine(h), title) {
				title = h
				lines = lines[i+1:]
			}
		} else if title == "" {
			title = strings.TrimLeft(t, "#>*-_ ")
			lines = lines[i+1:]
		}
		break
	}
	b.Title = title
	b.Body = strings.Join(lines, "\n")
	return nil
}

func oldOneLine(s string) string {
	return strings.Join(strings.Fields(Sanitize(s)), " ")
}

// checkMarkdownSameAsOld compares parseMarkdown with the old one.
func checkMarkdownSameAsOld(t *testing.T, s string) {
	t.Helper()
	var got, want Brief
	err, oldErr := parseMarkdown(&got, s), oldParseMarkdown(&want, s)
	if fmt.Sprint(err) != fmt.Sprint(oldErr) || !reflect.DeepEqual(got, want) {
		t.Fatalf("parseMarkdown(%.80q) = %+v, %v; old %+v, %v", s, got, err, want, oldErr)
	}
}

// diffCases are the corner cases the differential tests read.
var diffCases = []string{"\n\n", "\n \n# T\nx", "# T", "# T\n", "x\n\n", "\n\n  \n", "  a  b\t", "a\u00a0b", "+++\ntitle = 'x'\n+++\n# x\nbody", "Yeſterday, ſome ſources told ſhafaq that the Miniſter ſaid that it was fine on Sunday",
	"ON MONDAY, a source said that x y z", "In2023, a b c", "On\u00e9 day, x", "Baghdad / NINA/- x", "Baghdad / NINA /  -  x", "A/B/C", "KUWAIT CITY, April 17 (KUNA) -- Kuwait's minister said that", "بغداد - واع - قال الوزير إن",
	"", "End", "x / End", "a/End\n X\n", "/ End \u00a0\n\n xy\n", "End\nEnd", "/End\nabcd", "# # ##", "# \t x # #", "#  ", "# é#", "#\tx"}

// diffTexts are the texts the differential tests read: the seeds, the
// extractor's test briefs, generated briefs, and each of them cut short
// and with its lines trimmed (the inputs of the line-level functions).
func diffTexts(t testing.TB) []string {
	var texts []string
	for _, pat := range []string{"../../seeds/*.txt", "../extract/testdata/briefs/*.txt", "../textmatch/testdata/ar/*.txt"} {
		files, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range files {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(data))
		}
	}
	for _, f := range corpus.Generate(150, 17, 3000) {
		texts = append(texts, string(f.Data))
	}
	if raceDetector { // every tenth, and the cases below
		for i := range len(texts) / 10 {
			texts[i] = texts[i*10]
		}
		texts = texts[:len(texts)/10]
	}
	texts = append(texts, diffCases...)
	return texts
}

// lineInputs are the lines of texts, trimmed and not.
func lineInputs(texts []string) []string {
	var out []string
	for _, s := range texts {
		for _, l := range strings.Split(s, "\n") {
			out = append(out, l, strings.TrimSpace(l), "# "+strings.TrimSpace(l), "# "+l+" ##")
		}
	}
	return out
}

func checkSameAsOld(t *testing.T, s string) {
	t.Helper()
	checkMarkdownSameAsOld(t, s)
	checkMarkdownSameAsOld(t, "---\ntitle: A b\n---\n\n"+s)
	for _, wide := range []bool{false, true} {
		runes, controls, invalid := oldCountBad(s, wide)
		c, i := countBad(s, wide)
		if c != controls || i != invalid || utf8.RuneCountInString(s) != runes {
			t.Fatalf("countBad(%.60q, %v) = %d, %d; old %d, %d (runes %d, %d)", s, wide, c, i, controls, invalid, utf8.RuneCountInString(s), runes)
		}
	}
	for k := range min(len(s), 9) { // every alignment of the 8-byte steps
		if got, want := countWords(s[k:]), oldCountWords(s[k:]); got != want {
			t.Fatalf("countWords(%.80q) = %d, old %d", s[k:], got, want)
		}
	}
	if got, want := stripEndMarker(s), oldStripEndMarker(s); got != want {
		t.Fatalf("stripEndMarker(%.80q) = %.80q, old %.80q", s, got, want)
	}
	for _, l := range []string{s, strings.TrimSpace(s)} {
		h, ok := h1Text(l)
		oh, ook := oldH1Text(l)
		if h != oh || ok != ook {
			t.Fatalf("h1Text(%.80q) = %q, %v; old %q, %v", l, h, ok, oh, ook)
		}
	}
}

// TestSameAsOld: the faster functions give the old ones' results.
func TestSameAsOld(t *testing.T) {
	texts := diffTexts(t)
	for _, s := range texts {
		checkSameAsOld(t, s)
	}
	for i, l := range lineInputs(texts) {
		checkSameAsOld(t, l)
		if i%4 == 1 { // the trimmed line
			checkLineSameAsOld(t, l)
		}
	}
	for _, s := range texts {
		for _, p := range strings.Split(s, "\n\n") {
			checkLineSameAsOld(t, firstSentence(p))
			checkLineSameAsOld(t, firstSentence(strings.Join(strings.Fields(p), " ")))
		}
	}
}

// FuzzSameAsOld: the faster functions give the old ones' results on any
// text.
func FuzzSameAsOld(f *testing.F) {
	// short seeds: the cases, and the heads of a few briefs
	for _, s := range diffCases {
		f.Add(s)
	}
	for _, s := range diffTexts(f)[:20] {
		f.Add(s[:min(len(s), 300)])
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSameAsOld(t, s)
		if utf8.ValidString(s) {
			checkSameAsOld(t, Sanitize(s))
		}
		for _, l := range strings.Split(s, "\n") {
			checkLineSameAsOld(t, l)
		}
	})
}
