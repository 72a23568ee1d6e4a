package extract

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/briefs/briefs/internal/brief"
)

// agencies knows the news agencies and how texts name them.
type agencies struct {
	list    []agency
	lookup  map[string]int // normalised alias -> index
	byName  map[string]int // common name -> index
	matcher *phraseMatcher
}

// agency is one line of data/agencies.tsv.
type agency struct {
	name    string
	aliases []string // as written in the data file, without markers
	conv    dateConv // how it writes dates and which zone its times are in
	kingdom string   // the country code a bare "the Kingdom" names in its copy
}

// Columns of data/agencies.tsv.
const (
	agName = iota
	agAliases
	agZone
	agOrder
	agKingdom
	agCols
)

func loadAgencies(data string) (*agencies, error) {
	a := &agencies{lookup: map[string]int{}, byName: map[string]int{}, matcher: newPhraseMatcher()}
	for ln, line := range dataLines(data) {
		f := strings.Split(line, "\t")
		if len(f) > agCols {
			return nil, fmt.Errorf("agencies line %d: %d columns, want at most %d", ln, len(f), agCols)
		}
		for len(f) < agCols {
			f = append(f, "")
		}
		ag, err := parseAgency(f)
		if err != nil {
			return nil, fmt.Errorf("agencies line %d: %w", ln, err)
		}
		if err := a.add(ag, f[agAliases]); err != nil {
			return nil, fmt.Errorf("agencies line %d: %w", ln, err)
		}
	}
	return a, nil
}

// parseAgency reads an agency's name, zone and numeric date order.
func parseAgency(f []string) (agency, error) {
	ag := agency{name: strings.TrimSpace(f[agName])}
	if ag.name == "" {
		return ag, fmt.Errorf("want a name, a TAB and aliases")
	}
	if z := strings.TrimSpace(f[agZone]); z != "" {
		loc, err := time.LoadLocation(z)
		if err != nil {
			return ag, fmt.Errorf("zone: %w", err)
		}
		ag.conv.loc = loc
	}
	ag.kingdom = strings.TrimSpace(f[agKingdom])
	switch o := strings.TrimSpace(f[agOrder]); o {
	case "":
	case "dmy":
		ag.conv.order = orderDMY
	case "mdy":
		ag.conv.order = orderMDY
	default:
		return ag, fmt.Errorf("date order %q: want dmy or mdy", o)
	}
	return ag, nil
}

// add registers an agency and its aliases (the "|"-separated column).
func (a *agencies) add(ag agency, aliases string) error {
	idx := len(a.list)
	for _, al := range append([]string{ag.name}, splitList(aliases)...) {
		key, err := a.matcher.add(al, idx)
		if err != nil {
			return err
		}
		if key == "" {
			continue
		}
		if plain, _, _, _ := parseMarkers(al); plain != ag.name {
			ag.aliases = append(ag.aliases, plain)
		}
		if _, ok := a.lookup[key]; !ok {
			a.lookup[key] = idx
		}
	}
	if _, dup := a.byName[ag.name]; dup {
		return fmt.Errorf("%s listed twice", ag.name)
	}
	a.byName[ag.name] = idx
	a.list = append(a.list, ag)
	return nil
}

// find returns the index of the agency named s: an alias, or the one agency
// an alias names inside s ("National Iraqi News Agency (NINA)", "وكالة
// الأنباء العراقية (واع)"); -1 when s names none or several.
func (a *agencies) find(s string, w *wordIndex, sc *scratch) int {
	if i, ok := a.lookup[string(sc.lookupKey(s))]; ok {
		return i
	}
	tz := &sc.small
	tz.words = w
	tz.run(s)
	found := -1
	for next := 0; ; {
		f, i, n := w.nextMatch(s, tz.toks, tz.infos, next, mAgency)
		if f == nil {
			return found
		}
		if found >= 0 && found != f.value {
			return -1
		}
		found = f.value
		next = i + n
	}
}

// normalise returns the common name of an agency named s, or s trimmed when it
// is not known.
func (a *agencies) normalise(s string, w *wordIndex, sc *scratch) string {
	s = strings.TrimSpace(s)
	if i := a.find(s, w, sc); i >= 0 {
		return a.list[i].name
	}
	return s
}

// convention returns how the agency named name (a common name) writes
// dates.
func (a *agencies) convention(name string) dateConv {
	if name == "" {
		return dateConv{}
	}
	if i, ok := a.byName[name]; ok {
		return a.list[i].conv
	}
	return dateConv{}
}

// detect finds the agency that published a text. bodyStart is the byte offset
// of the body in text. Agency positions ("(Reuters)" near the top, "Shafaq
// News/" at the start, "/ NINA/", "— AFP" at the end) beat mere mentions;
// among mentions, "told X" beats "according to X".
func (a *agencies) detect(text string, toks []token, infos []tokInfo, w *wordIndex, bodyStart int) string {
	best, bestScore := -1, 0.0
	m := agencyMention{text: text, toks: toks, bodyStart: bodyStart, firstBody: -1}
	for i := range toks {
		if toks[i].start >= bodyStart {
			m.firstBody = i
			break
		}
	}
	for next := 0; ; {
		f, i, n := w.nextMatch(text, toks, infos, next, mAgency)
		if f == nil {
			break
		}
		if score := m.score(f, i, n); score > bestScore {
			best, bestScore = f.value, score
		}
		next = i + n
	}
	if best < 0 {
		return ""
	}
	return a.list[best].name
}

// agencyMention scores the places where a text names an agency.
type agencyMention struct {
	text      string
	toks      []token
	bodyStart int
	firstBody int // the body's first token
}

// score rates an agency name at tokens i to i+n-1: its position first, else
// the words around a mere mention.
func (m *agencyMention) score(f *phraseForm, i, n int) float64 {
	if s := m.positionScore(i, n); s > 0 {
		return s
	}
	if f.strong {
		return 0
	}
	return m.mentionScore(i, n)
}

// positionScore rates an agency position: "(Reuters)" near the top, "Shafaq
// News/" or "Baghdad / NINA/-" at the start, "بغداد - واع", "— AFP" at the
// end; 0 when the name is not in one.
func (m *agencyMention) positionScore(i, n int) float64 {
	text, toks := m.text, m.toks
	start, end := toks[i].start, toks[i+n-1].end
	before := text[max(0, start-8):start]
	if i > 0 {
		before = text[max(toks[i-1].end, start-8):start]
	}
	after := text[end:min(len(text), end+8)]
	if i+n < len(toks) {
		after = text[end:min(toks[i+n].start, end+8)]
	}
	fromBody := start - m.bodyStart
	atStart := start >= m.bodyStart && i <= m.firstBody+3
	switch {
	case strings.Contains(before, "(") && strings.HasPrefix(strings.TrimSpace(after), ")"):
		if fromBody < 300 {
			return 10
		}
		return 3
	case fromBody < 80 && (strings.Contains(before, "«") && strings.HasPrefix(strings.TrimSpace(after), "»") ||
		strings.Contains(before, "“") && strings.HasPrefix(strings.TrimSpace(after), "”")):
		return 9 // "لندن: «الشرق الأوسط»", Asharq Al-Awsat's byline
	case atStart && fromBody < 60 && agencySep(after):
		return 9 // "Shafaq News/ On Monday", "Baghdad / NINA/-"
	case strings.Contains(before, "/") && strings.Contains(after, "/") && fromBody < 80:
		return 9
	case atStart && fromBody < 40 && strings.ContainsAny(before, "-—–/"):
		return 9 // "Baghdad – INA", "بغداد - واع"
	case i+n == len(toks) && (strings.ContainsAny(before, "-—–(") || strings.Contains(before, "\n")):
		return 8 // "— AFP" closing the story
	}
	return 0
}

// mentionScore rates a mere mention: "told X" beats "X reported" and
// "according to X".
func (m *agencyMention) mentionScore(i, n int) float64 {
	toks := m.toks
	score := 1.0
	if i > 0 {
		switch prev := toks[i-1].key; prev {
		case "told", "to", "for", "with":
			score = 2
			if prev == "to" && i > 1 && toks[i-2].key == "according" {
				score = 0.5
			}
		case "by", "cited", "quoted":
			score = 0.5
		}
	}
	if i+n < len(toks) {
		switch toks[i+n].key {
		case "reported", "reports", "said", "quoted", "cited":
			score = 0.5
		}
	}
	return score
}

func agencySep(after string) bool {
	after = strings.TrimLeft(after, " \u00a0")
	for _, p := range []string{"/", "-", "—", "–", ":", "|"} {
		if strings.HasPrefix(after, p) {
			return true
		}
	}
	return false
}

// datelineRE matches a dateline at the start of a body: a place, maybe a
// date, maybe an agency in parentheses or between slashes, then a dash, a
// slash or a colon: "BAGHDAD, July 22 (Reuters) -", "Baghdad / NINA/-",
// "Erbil (Kurdistan24) –", "بغداد/ شفق نيوز/", "Rio de Janeiro (AFP) -",
// "ABU DHABI, 4th November, 2024 (WAM) --".
var datelineRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[\s\x{00a0}]*((?:\p{Lu}|\p{Arabic})[\p{L}\p{M}'’.]*(?:[ -](?:(?:de|da|do|dos|das|del|des|es|di|al|el) )?(?:\p{Lu}|\p{Arabic})[\p{L}\p{M}'’.]*){0,2})[\s\x{00a0}]*(?:,[\s\x{00a0}]*\p{Lu}[\p{L}'’.]*(?:[ -]\p{Lu}[\p{L}'’.]*){0,2}[\s\x{00a0}]*)?(,[\s\x{00a0}]*(?:[\p{L}.]{3,10}[\s\x{00a0}]+\d{1,2}|\d{1,2}(?:st|nd|rd|th)?[\s\x{00a0}]+[\p{L}.]{3,10}|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4})(?:,?[\s\x{00a0}]+\d{4})?)?(?:,[\s\x{00a0}]*\p{Lu}{2,10})?[\s\x{00a0}]*(\([^()\n]{1,40}\))?[\s\x{00a0}]*(/[^/\n]{1,40}/)?[\s\x{00a0}]*(--|-|—|–|/|:)`)
}) // compiled when first used (0.7 ms at start-up otherwise)

// datelineMayMatch reports whether datelineRE can match head: a necessary
// condition, checked without the regexp. After the place (one to three words
// starting with an upper-case or Arabic letter, joined by a space or a
// hyphen) and any blanks, every match goes on with one of , ( / - — – or :.
func datelineMayMatch(head string) bool {
	i := 0
	for i < len(head) {
		r, sz := utf8.DecodeRuneInString(head[i:])
		if !reBlank(r) {
			break
		}
		i += sz
	}
	for range 3 {
		if i >= len(head) {
			return false
		}
		r, sz := utf8.DecodeRuneInString(head[i:])
		if !unicode.Is(unicode.Lu, r) && !unicode.Is(unicode.Arabic, r) {
			return false
		}
		i += sz
		for i < len(head) {
			r, sz := utf8.DecodeRuneInString(head[i:])
			if !unicode.IsLetter(r) && !unicode.IsMark(r) && r != '\'' && r != '’' && r != '.' {
				break
			}
			i += sz
		}
		j := i
		for j < len(head) {
			r, sz := utf8.DecodeRuneInString(head[j:])
			if !reBlank(r) {
				break
			}
			j += sz
		}
		if j < len(head) {
			switch r, _ := utf8.DecodeRuneInString(head[j:]); r {
			case ',', '(', '/', '-', '—', '–', ':':
				return true
			}
		}
		if i >= len(head) || head[i] != ' ' {
			return false
		}
		i++
		i += placeParticle(head[i:])
	}
	return false
}

// placeParticle returns the length of a lower-case particle and its space
// at the start of s ("de " in "Rio de Janeiro"), or 0.
func placeParticle(s string) int {
	for _, p := range placeParticles {
		if len(s) > len(p) && s[len(p)] == ' ' && s[:len(p)] == p {
			return len(p) + 1
		}
	}
	return 0
}

// arabicDateline reads the datelines of Arabic agencies: a place, then the
// agency within a short head ("قازان - إرنا -", "سوتشي / الأناضول",
// "القاهرة في 23 يناير /أ ش أ/", "المنامة 08 ذو القعدة 1445 هـ الموافق 16
// مايو 2024 م واس"), or the agency, then the place closing the line
// ("السومرية نيوز/ كركوك").
func (x *Extractor) arabicDateline(head string, sc *scratch) string {
	line, _, _ := strings.Cut(head, "\n")
	if a, p, ok := strings.Cut(line, "/"); ok {
		p = strings.TrimSpace(p)
		if n, end := arabicWordsAt(p); n > 0 && end == len(p) && x.agencies.find(a, &x.words, sc) >= 0 {
			return p
		}
	}
	_, end := arabicWordsAt(line)
	if end == 0 {
		return ""
	}
	place, rest := line[:end], strings.TrimLeft(line[end:], " \u00a0")
	r, _ := utf8.DecodeRuneInString(rest)
	switch {
	case r == '-' || r == '/' || r == '(' || r == '–' || unicode.IsDigit(r):
	case strings.HasPrefix(rest, "في "):
		if d, _ := utf8.DecodeRuneInString(strings.TrimLeft(rest[len("في "):], " ")); !unicode.IsDigit(d) {
			return "" // "انطلقت في العاصمة": a sentence, not "القاهرة في 23 يناير"
		}
	default:
		return ""
	}
	seg, n := rest, 0
	for i := range seg {
		if n == 60 {
			seg = seg[:i]
			break
		}
		n++
	}
	if x.agencies.find(seg, &x.words, sc) < 0 || x.agencies.find(place, &x.words, sc) >= 0 {
		return ""
	}
	return place
}

// arabicWordsAt reads one or two Arabic words opening s (a place's name:
// "بغداد", "أبو ظبي"): how many, and where they end; a second word only
// when what follows it is no word.
func arabicWordsAt(s string) (n, end int) {
	word := func(i int) int { // end of the Arabic word at i, or i
		j := i
		for j < len(s) {
			r, sz := utf8.DecodeRuneInString(s[j:])
			if !unicode.Is(unicode.Arabic, r) || !unicode.IsLetter(r) && !unicode.IsMark(r) {
				break
			}
			j += sz
		}
		return j
	}
	e1 := word(0)
	if e1 == 0 {
		return 0, 0
	}
	if e1+1 < len(s) && s[e1] == ' ' {
		if e2 := word(e1 + 1); e2 > e1+1 && s[e1+1:e2] != "في" {
			e3 := e2
			if e2+1 < len(s) && s[e2] == ' ' {
				e3 = word(e2 + 1)
			}
			if e3 == e2 || s[e2+1:e3] == "في" {
				return 2, e2 // a word after the place's two is "في" or none
			}
		}
	}
	return 1, e1
}

// emphasis removes Markdown's emphasis markers.
var emphasis = strings.NewReplacer("**", "", "__", "", "*", "", "_", "")

// placeWords counts the words of a place's name but its particles.
func placeWords(place string) int {
	n := 0
	for _, w := range strings.Fields(place) {
		if !slices.Contains(placeParticles, w) {
			n++
		}
	}
	return n
}

// placeParticles may stand lower-case inside a place's name (datelineRE
// lists them too).
var placeParticles = []string{"de", "da", "do", "dos", "das", "del", "des", "es", "di", "al", "el"}

// reBlank reports whether r is in [\s\x{00a0}] (\s is ASCII in RE2).
func reBlank(r rune) bool {
	switch r {
	case '\t', '\n', '\f', '\r', ' ', '\u00a0':
		return true
	}
	return false
}

// detectDateline finds the place a body's dateline names, in its usual case.
// The dateline opens the lead: short lines before it (a date, "Updated 28
// May 2024", the outlet's name) are passed over.
func (x *Extractor) detectDateline(body string, sc *scratch) string {
	rest := body
	for range 4 {
		rest = strings.TrimLeft(rest, " \t\r\n\u00a0")
		if rest == "" {
			return ""
		}
		if d := x.datelineAt(rest, sc); d != "" {
			return d
		}
		line, after, _ := strings.Cut(rest, "\n")
		if len(line) > 80 {
			return ""
		}
		rest = after
	}
	return ""
}

// datelineAt reads a dateline at the start of head.
func (x *Extractor) datelineAt(head string, sc *scratch) string {
	if len(head) > 200 {
		head = head[:200]
	}
	if head[0] == '*' || head[0] == '_' {
		head = emphasis.Replace(head) // "**BAGHDAD, April 22 (Reuters)** -" in Markdown
	}
	if r, _ := utf8.DecodeRuneInString(head); unicode.Is(unicode.Arabic, r) {
		if d := x.arabicDateline(head, sc); d != "" {
			return d
		}
	}
	if !datelineMayMatch(head) {
		return ""
	}
	m := datelineRE().FindStringSubmatch(head)
	if m == nil {
		return ""
	}
	place := strings.TrimSpace(m[1])
	key := sc.lookupKey(place)
	if len(key) == 0 {
		return ""
	}
	if _, ok := x.agencies.lookup[string(key)]; ok {
		return "" // "Shafaq News/ ..." names the agency, not a place
	}
	decorated := m[2] != "" || m[3] != "" || m[4] != ""
	allCaps := titleCase(place) != place
	known := false
	if _, ok := x.gaz.places[string(key)]; ok {
		known = true
	} else if x.places[string(key)] {
		known = true
	}
	sep := m[5]
	switch {
	case decorated && (known || allCaps || placeWords(place) <= 2):
	case sep != ":" && (known || allCaps):
	case known: // "DUBAI: ..." (Arab News), "Abu Dhabi: ..." (Gulf News)
	default:
		return ""
	}
	if m[2] == "" && m[3] == "" && m[4] == "" && sep == ":" && !known {
		return ""
	}
	return titleCase(place)
}

// detectSource returns the brief's agency: what it states, else what its
// layout names, else what the text names in an agency position.
func (x *Extractor) detectSource(b *brief.Brief, text string, toks []token, infos []tokInfo, bodyStart int, sc *scratch) string {
	switch {
	case strings.TrimSpace(b.Stated.Source) != "":
		return x.agencies.normalise(b.Stated.Source, &x.words, sc)
	case strings.TrimSpace(b.Hints.Source) != "":
		return x.agencies.normalise(b.Hints.Source, &x.words, sc)
	}
	return x.agencies.detect(text, toks, infos, &x.words, bodyStart)
}

// applyDateline fills b.Dateline from the layout's hint or the body's
// opening. It reports whether the hint gave it.
func (x *Extractor) applyDateline(b *brief.Brief, sc *scratch) bool {
	if d := strings.TrimSpace(b.Hints.Dateline); d != "" {
		b.Dateline = titleCase(d)
		return true
	}
	b.Dateline = x.detectDateline(b.Body, sc)
	return false
}

// ResolveSource returns the common name of the agency s names: any of its
// aliases in English or Arabic, its sign-off abbreviation ("واع", "أ ش أ"),
// or a longer form holding one ("National Iraqi News Agency (NINA)").
// Case, Arabic spelling variants and diacritics do not matter. ok is false
// when s names no known agency (or several).
func (x *Extractor) ResolveSource(s string) (name string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	sc := x.scratch.Get().(*scratch)
	defer x.scratch.Put(sc)
	if i := x.agencies.find(s, &x.words, sc); i >= 0 {
		return x.agencies.list[i].name, true
	}
	return "", false
}

// Agency is a news agency the extractor knows: the name briefs show as
// their source, and the other ways texts write it.
type Agency struct {
	Name    string
	Aliases []string
}

// Agencies returns the agencies the extractor knows, in data-file order.
// The query layer may offer the aliases for source: values.
func (x *Extractor) Agencies() []Agency {
	out := make([]Agency, len(x.agencies.list))
	for i, a := range x.agencies.list {
		out[i] = Agency{Name: a.name, Aliases: slices.Clone(a.aliases)}
	}
	return out
}
