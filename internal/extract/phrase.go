package extract

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// phraseForm is one way of writing a name, as the matcher knows it.
type phraseForm struct {
	value  int      // what the phrase names (a country or agency index); -1 for a blocker
	words  []string // the words as written in the data file
	caps   []bool   // words whose first letter must be upper case in the text
	exact  bool     // "=": the words must be written exactly so
	person bool     // "~": also a person's name
	strong bool     // "!": only in an agency position
	// "^": not when the text ends the word with alef maqsura (ى), which
	// normalises like ي: "اليمنى" is "the right (hand, side)", not "the
	// Yemeni"
	notMaqsura bool
}

// phraseMatcher finds names of one or more words in a token stream: one map
// lookup per token for the first word, then the longest phrase that fits.
type phraseMatcher struct {
	first   map[string]int // first word key -> most words of a phrase starting with it
	phrases map[string][]phraseForm
}

func newPhraseMatcher() *phraseMatcher {
	return &phraseMatcher{first: map[string]int{}, phrases: map[string][]phraseForm{}}
}

// parseMarkers strips the "=", "~", "!" and "^" markers from the front of
// a form.
func parseMarkers(s string) (form string, exact, person, strong bool) {
	m := markersOf(s)
	return m.form, m.exact, m.person, m.strong
}

// formMarkers are a form's markers (see phraseForm).
type formMarkers struct {
	form                              string
	exact, person, strong, notMaqsura bool
}

func markersOf(s string) formMarkers {
	var m formMarkers
	for len(s) > 0 {
		switch s[0] {
		case '=':
			m.exact = true
		case '~':
			m.person = true
		case '!':
			m.strong = true
		case '^':
			m.notMaqsura = true
		default:
			m.form = strings.TrimSpace(s)
			return m
		}
		s = s[1:]
	}
	return m
}

// add registers a form. It returns the phrase key, or "" when the form has no
// words. A key already registered for a different value is an error.
func (m *phraseMatcher) add(raw string, value int) (string, error) {
	mk := markersOf(raw)
	keys, words, toks := phraseKeys(mk.form)
	if len(keys) == 0 {
		return "", nil
	}
	key := strings.Join(keys, " ")
	f := phraseForm{value: value, words: words, exact: mk.exact, person: mk.person, strong: mk.strong, notMaqsura: mk.notMaqsura}
	f.caps = make([]bool, len(toks))
	for i, t := range toks {
		f.caps[i] = t.upper && !t.arabic
	}
	for _, old := range m.phrases[key] {
		if old.value != value {
			return "", fmt.Errorf("%q names two different entries (%d and %d)", raw, old.value, value)
		}
	}
	m.phrases[key] = append(m.phrases[key], f)
	if len(keys) > m.first[keys[0]] {
		m.first[keys[0]] = len(keys)
	}
	return key, nil
}

// has reports whether key is already registered.
func (m *phraseMatcher) has(key string) bool { return len(m.phrases[key]) > 0 }

// personOK are capitalised words that may come right before a name that is also
// a person's name ("Visiting Jordan", "Kingdom Of Jordan" in a headline).
var personOK = map[string]bool{
	"in": true, "and": true, "of": true, "to": true, "from": true, "with": true, "the": true, "for": true,
	"on": true, "at": true, "by": true, "between": true, "visits": true, "visit": true, "visiting": true,
	"hosts": true, "host": true, "hashemite": true, "kingdom": true, "republic": true, "neighbouring": true,
	"neighboring": true, "as": true, "about": true, "against": true, "via": true, "into": true, "across": true,
	"over": true, "within": true, "toward": true, "towards": true, "amid": true, "near": true, "says": true,
	"meets": true, "urges": true, "calls": true, "sign": true, "signs": true, "lake": true, "both": true,
	"while": true, "but": true, "or": true, "nor": true, "if": true, "when": true, "where": true,
	"announces": true, "condemns": true, "welcomes": true, "receives": true, "rejects": true,
	"discuss": true, "discusses": true, "agree": true, "agrees": true, "is": true, "has": true,
	"will": true, "after": true, "before": true, "border": true, "ministry": true,
	"government": true, "minister": true, "embassy": true, "ambassador": true, "delegation": true,
	"president": true, "king": true, "valley": true, "river": true,
}

// phraseGroup is the forms of one phrase, keyed by its first word in the
// word index: the keys of its other words, and its forms.
type phraseGroup struct {
	rest  []string
	forms []phraseForm
}

// nextMatch finds the first phrase of matcher m starting at token i or
// later (see match): the phrase, the token it starts at and how many tokens
// it covers; a nil phrase when there is none.
func (w *wordIndex) nextMatch(text string, toks []token, infos []tokInfo, i, m int) (*phraseForm, int, int) {
	for ; i < len(toks); i++ {
		if infos[i].first[m] == 0 {
			continue
		}
		if f, n := match(text, toks, i, w.phrases(&infos[i], m)); f != nil {
			return f, i, n
		}
	}
	return nil, i, 0
}

// match returns the longest phrase starting at token i whose case fits the
// text, and how many tokens it covers. groups are the phrases that the form
// of token i starts, longest first (see wordIndex).
func match(text string, toks []token, i int, groups []phraseGroup) (*phraseForm, int) {
	// span: how many tokens from i may form one name (same sentence, soft
	// gaps); known up to checked, final once a gap fails
	span, final := 1, false
	for gi := range groups {
		g := &groups[gi]
		n := len(g.rest) + 1
		if i+n > len(toks) {
			continue
		}
		same := true
		for k, w := range g.rest {
			if toks[i+1+k].key != w {
				same = false
				break
			}
		}
		if !same {
			continue
		}
		for !final && span < n {
			if toks[i+span].sent == toks[i].sent && softGap(text[toks[i+span-1].end:toks[i+span].start]) {
				span++
			} else {
				final = true
			}
		}
		if span < n {
			continue
		}
		for fi := range g.forms {
			if fits(text, toks, i, &g.forms[fi]) {
				return &g.forms[fi], n
			}
		}
	}
	return nil, 0
}

func fits(text string, toks []token, i int, f *phraseForm) bool {
	if f.notMaqsura {
		t := toks[i+len(f.words)-1]
		if strings.HasSuffix(text[t.start:t.end], "ى") {
			return false
		}
	}
	if f.exact {
		for k, w := range f.words {
			t := toks[i+k]
			if !toks[i+k].arabic && text[t.start:t.end] != w {
				return false
			}
		}
	} else {
		for k, c := range f.caps {
			if c && !toks[i+k].upper {
				return false
			}
		}
	}
	if f.person && i > 0 && toks[i].arabic {
		// "النائب تركي العتبي": a bare word after a definite noun is no
		// adjective of it (they would agree: "النائب التركي") but a name
		p := toks[i-1]
		gap := text[p.end:toks[i].start]
		if p.arabic && p.sent == toks[i].sent && strings.TrimSpace(gap) == "" && hasArticle(p.key) && !hasArticle(toks[i].key) {
			return false
		}
	}
	if f.person && i > 0 {
		p := toks[i-1]
		gap := text[p.end:toks[i].start]
		if p.upper && !p.arabic && p.sent == toks[i].sent && strings.TrimSpace(gap) == "" && !personOK[p.key] {
			return false
		}
	}
	if f.person && i+1 < len(toks) {
		// "Chad Smith": a first name before a surname
		nx := toks[i+1]
		gap := text[toks[i].end:nx.start]
		if nx.upper && !nx.arabic && nx.sent == toks[i].sent && strings.TrimSpace(gap) == "" && !personOK[nx.key] {
			return false
		}
	}
	return true
}

// lookupKey normalises a user's query the way names are keyed.
func lookupKey(s string) string {
	keys, _, _ := phraseKeys(s)
	return strings.Join(keys, " ")
}

// englishPlural returns the plural of a demonym, or "" when it has none.
func englishPlural(d string) string {
	l := strings.ToLower(d)
	for _, suf := range []string{"ese", "ish", "ss", "sh", "men", "man", "tch", "ench", "s", "x", "z"} {
		if strings.HasSuffix(l, suf) {
			return ""
		}
	}
	return d + "s"
}

// arabicDemonymForms inflects a masculine Arabic demonym (ending in ي):
// feminine, plural and dual forms, and the adverbial accusative (عراقياً),
// each with and without the article. A "^" in front of the base marks its
// masculine forms (see phraseForm.notMaqsura).
func arabicDemonymForms(base string) []string {
	base = strings.TrimSpace(base)
	mark, hasMark := "", false
	if b, ok := strings.CutPrefix(base, "^"); ok {
		base, mark, hasMark = b, "^", true
	}
	if base == "" || strings.ContainsRune(base, ' ') {
		return []string{base}
	}
	var out []string
	for _, suf := range []string{"", "ة", "ين", "ون", "ان", "تان", "تين", "ا"} {
		m := ""
		if hasMark && suf == "" {
			m = mark
		}
		out = append(out, m+base+suf, m+"ال"+base+suf)
	}
	return out
}

// titleCase turns an all-capitals Latin place name into title case
// ("BAGHDAD" -> "Baghdad"); anything else is returned unchanged.
func titleCase(s string) string {
	s = strings.TrimSpace(s)
	hasLower := false
	hasUpper := false
	for _, r := range s {
		if unicode.IsLower(r) {
			hasLower = true
		}
		if unicode.IsUpper(r) {
			hasUpper = true
		}
	}
	if hasLower || !hasUpper {
		return s
	}
	var b strings.Builder
	start := true
	lower := 0 // bytes of a particle to write in lower case: "RIO DE JANEIRO"
	for i, r := range s {
		if start && i > 0 && s[i-1] == ' ' {
			lower = placeParticle(strings.ToLower(s[i:]))
		}
		if lower > 0 {
			lower -= utf8.RuneLen(r)
			b.WriteRune(unicode.ToLower(r))
			start = r == ' '
			continue
		}
		if unicode.IsLetter(r) {
			if start {
				b.WriteRune(r)
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			start = false
			continue
		}
		start = r == ' ' || r == '-' || r == '/'
		b.WriteRune(r)
	}
	return b.String()
}

// firstRuneUpper reports whether s starts with an upper-case letter.
func firstRuneUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
