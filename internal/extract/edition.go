package extract

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Series describes a conference series: how texts name it and which edition
// was held in which year. The default (data/series.json) is the Baghdad
// International Conference on Drug Control.
type Series struct {
	Name string `json:"name"`
	// Patterns are names of the series, matched case-insensitively on whole
	// words ("Baghdad International Conference on Drug Control", "anti-drug
	// conference", "مؤتمر بغداد الدولي لمكافحة المخدرات").
	Patterns []string `json:"patterns"`
	// Heads are the nouns for the event itself ("conference", "مؤتمر"); a head
	// near a topic word ("Conference on Combating Narcotics") also names the
	// series. Ordinals attach to heads and anchors.
	Heads []string `json:"heads"`
	// Anchors are nouns that count editions ("edition", "النسخة", "الدورة").
	Anchors []string `json:"anchors"`
	// Topics are the series' subject words ("drugs", "narcotics", "المخدرات").
	Topics   []string  `json:"topics"`
	Editions []Edition `json:"editions"`
}

// Edition is one edition of a series: its ordinal and the year it was held
// (0 if not known).
type Edition struct {
	Ordinal int `json:"ordinal"`
	Year    int `json:"year"`
}

// ParseSeries reads a Series from JSON.
func ParseSeries(data []byte) (Series, error) {
	var s Series
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Series{}, fmt.Errorf("parsing conference series: %w", err)
	}
	return s, nil
}

// DefaultSeries returns the built-in conference series.
func DefaultSeries() (Series, error) {
	return ParseSeries(seriesJSON)
}

type lexFlags uint16

const (
	lxHead lexFlags = 1 << iota
	lxAnchor
	lxTopic
	lxVocab
	lxConn
	lxRetro
	lxPresent
	lxPressMod
)

type lexEntry struct {
	flags   lexFlags
	ordinal int8
}

// editionFinder is a compiled Series.
type editionFinder struct {
	series   Series
	lex      map[string]lexEntry
	patterns *phraseMatcher
	byYear   map[int]int
	yearOf   map[int]int
	valid    map[int]bool
}

var (
	englishOrdinals = map[string]int{
		"first": 1, "inaugural": 1, "maiden": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
		"sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
	}
	// Arabic ordinals, masculine and feminine (normalised: ة is ه, ى is ي)
	arabicOrdinals = map[string]int{
		"اول": 1, "اولي": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4, "رابعه": 4,
		"خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7, "ثامن": 8, "ثامنه": 8,
		"تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10,
	}
	connectors = []string{"and", "or", "the", "of", "its", "annual", "such", "ever", "consecutive",
		"successive", "international", "regional", "edition", "on", "to", "for", "in", "سنوي", "سنويه", "و"}
	retroWords = []string{"previous", "previously", "past", "earlier", "prior", "preceding", "former",
		"ago", "since", "success", "successful", "successes", "already", "predecessor", "predecessors",
		"سابق", "سابقه", "سابقتين", "سابقين", "سابقتان", "سابقا", "ماضي", "ماضيه", "منذ", "سبق", "سبقت",
		"نجاح", "نجاحات", "سالف", "سالفه"}
	presentWords = []string{"opening", "opened", "opens", "kicked", "kicks", "launched", "launches",
		"inaugurated", "inaugurates", "began", "begins", "started", "starts", "underway", "today",
		"current", "ongoing", "this", "will", "participate", "participating", "participates", "attend",
		"attending", "attends", "sidelines", "hosting", "hosts", "convened", "convenes", "concluded",
		"concludes", "closing", "upcoming", "tomorrow", "preparations", "preparing", "currently",
		"انطلاق", "انطلقت", "تنطلق", "انطلاقه", "افتتاح", "افتتح", "افتتاحيه", "يفتتح", "اليوم", "حالي",
		"حاليه", "هذا", "هذه", "يشارك", "تشارك", "مشاركه", "انعقاد", "ينعقد", "تنعقد", "يستضيف",
		"تستضيف", "اعمال", "ختام", "اختتام", "اختتمت", "فعاليات", "جلسات", "مرتقب", "مقبل"}
	pressMods = []string{"press", "news", "video", "virtual", "صحفي", "صحفيا", "صحافي"}
)

func newEditionFinder(s Series) (*editionFinder, error) {
	f := &editionFinder{
		series:   s,
		lex:      map[string]lexEntry{},
		patterns: newPhraseMatcher(),
		byYear:   map[int]int{},
		yearOf:   map[int]int{},
		valid:    map[int]bool{},
	}
	if len(s.Editions) == 0 {
		return nil, fmt.Errorf("conference series %q: no editions", s.Name)
	}
	if len(s.Patterns) == 0 && (len(s.Heads) == 0 || len(s.Topics) == 0) {
		return nil, fmt.Errorf("conference series %q: no patterns, and no heads with topics", s.Name)
	}
	for _, e := range s.Editions {
		if e.Ordinal < 1 || e.Ordinal > 99 {
			return nil, fmt.Errorf("conference series %q: edition ordinal %d out of range 1-99", s.Name, e.Ordinal)
		}
		if f.valid[e.Ordinal] {
			return nil, fmt.Errorf("conference series %q: edition %d listed twice", s.Name, e.Ordinal)
		}
		f.valid[e.Ordinal] = true
		if e.Year != 0 {
			if _, dup := f.byYear[e.Year]; dup {
				return nil, fmt.Errorf("conference series %q: two editions in %d", s.Name, e.Year)
			}
			f.byYear[e.Year] = e.Ordinal
			f.yearOf[e.Ordinal] = e.Year
		}
	}
	for i, p := range s.Patterns {
		if _, err := f.patterns.add(strings.ToLower(p), i); err != nil {
			return nil, fmt.Errorf("conference series %q: pattern: %w", s.Name, err)
		}
		keys, _, _ := phraseKeys(p)
		for _, k := range keys {
			f.addLex(k, lxVocab, 0)
		}
	}
	for _, h := range s.Heads {
		f.addWords(h, lxHead)
	}
	for _, a := range s.Anchors {
		f.addWords(a, lxAnchor)
	}
	for _, t := range s.Topics {
		f.addWords(t, lxTopic)
	}
	for k, v := range englishOrdinals {
		f.addLex(k, 0, v)
	}
	for k, v := range arabicOrdinals {
		f.addLex(k, 0, v)
	}
	for _, w := range connectors {
		f.addLex(w, lxConn, 0)
	}
	for _, w := range retroWords {
		f.addLex(w, lxRetro, 0)
	}
	for _, w := range presentWords {
		f.addLex(w, lxPresent, 0)
	}
	for _, w := range pressMods {
		f.addLex(w, lxPressMod, 0)
	}
	return f, nil
}

func (f *editionFinder) addWords(s string, fl lexFlags) {
	keys, _, _ := phraseKeys(s)
	for _, k := range keys {
		f.addLex(k, fl, 0)
	}
}

// addLex adds a word; Arabic words are added with and without the article.
func (f *editionFinder) addLex(k string, fl lexFlags, ord int) {
	keys := []string{lookupKey(k)}
	if keys[0] == "" {
		return
	}
	if isArabicKey(keys[0]) {
		if s := stripArticle(keys[0]); s != keys[0] {
			keys = append(keys, s)
		} else {
			keys = append(keys, "ال"+keys[0])
		}
	}
	for _, key := range keys {
		e := f.lex[key]
		e.flags |= fl
		if ord != 0 {
			e.ordinal = int8(ord)
		}
		f.lex[key] = e
	}
}

func isArabicKey(k string) bool {
	for _, r := range k {
		if isArabicRune(r) {
			return true
		}
	}
	return false
}

// candidate is an edition the text names.
type candidate struct {
	value   int
	pos     int // token of the ordinal (or year)
	anchor  int // token of the noun it attaches to
	score   int
	retro   bool
	present bool
}

// editionContext is what the finder needs to know about the brief.
type editionContext struct {
	text      string
	toks      []token
	infos     []tokInfo
	words     *wordIndex
	titleEnd  int // byte offset where the title ends
	bodyStart int // byte offset where the body starts
	year      int // publication year, 0 if unknown
}

// find returns the edition a brief is about (0: none) and the other editions it
// mentions, ascending.
func (f *editionFinder) find(c editionContext, stated int, sc *scratch) (int, []int) {
	toks := c.toks
	n := len(toks)
	if n == 0 {
		return stated, nil
	}
	fbs := firstBodySent(toks, c.bodyStart)
	infos := c.infos
	isHead := func(i int) bool {
		if infos[i].lex.flags&lxHead == 0 {
			return false
		}
		if i > 0 && infos[i-1].lex.flags&lxPressMod != 0 && !toks[i].arabic {
			return false
		}
		if i+1 < n && infos[i+1].lex.flags&lxPressMod != 0 && toks[i].arabic {
			return false
		}
		return true
	}

	// Is the brief about the series at all?
	about := false
	patSpans := sc.patSpans[:0]
	defer func() { sc.patSpans = patSpans[:0] }()
	for next := 0; ; {
		pf, i, m := c.words.nextMatch(c.text, toks, infos, next, mPattern)
		if pf == nil {
			break
		}
		patSpans = append(patSpans, [2]int{i, i + m - 1})
		about = true
		next = i + m
	}
	if !about {
	outer:
		for i := range toks {
			if !isHead(i) {
				continue
			}
			for j := max(0, i-8); j < min(n, i+9); j++ {
				if infos[j].lex.flags&lxTopic != 0 && toks[j].sent == toks[i].sent {
					about = true
					break outer
				}
			}
		}
	}
	if !about {
		if stated > 0 {
			return stated, nil
		}
		return 0, nil
	}

	inPattern := func(i int) bool {
		for _, s := range patSpans {
			if i >= s[0] && i <= s[1] {
				return true
			}
		}
		return false
	}
	isOrd := func(i int) (int, int) { // value, tokens
		if infos[i].lex.ordinal > 0 {
			return int(infos[i].lex.ordinal), 1
		}
		if toks[i].digits && len(toks[i].key) <= 2 && isOrdinalSuffix(toks, i+1) {
			return tokInt(toks[i]), 2
		}
		return 0, 0
	}
	isAnchor := func(i int) bool { return isHead(i) || infos[i].lex.flags&lxAnchor != 0 }
	// attach walks from an ordinal to the noun it qualifies.
	attach := func(from, dir, maxSteps int, sent int32) (anchor int, named bool) {
		j := from
		for steps := 0; j >= 0 && j < n && toks[j].sent == sent && steps <= maxSteps; steps++ {
			if isAnchor(j) {
				return j, named
			}
			if v, w := isOrd(j); v > 0 {
				if dir > 0 {
					j += w
				} else {
					j--
				}
				continue
			}
			if toks[j].key == "s" || toks[j].key == "st" || toks[j].key == "nd" || toks[j].key == "rd" || toks[j].key == "th" {
				j += dir
				continue
			}
			fl := infos[j].lex.flags
			if fl&(lxConn|lxVocab) == 0 {
				return -1, false
			}
			if fl&lxVocab != 0 && fl&lxConn == 0 {
				named = true
			}
			j += dir
		}
		return -1, false
	}

	cands := sc.cands[:0]
	defer func() { sc.cands = cands[:0] }()
	add := func(value, pos, anchor int, named, thisYear, lastYear bool) {
		if !f.valid[value] {
			return
		}
		cd := candidate{value: value, pos: pos, anchor: anchor, score: 1}
		if named || inPattern(anchor) {
			cd.score += 2
		}
		if infos[anchor].lex.flags&lxAnchor != 0 {
			cd.score++
		}
		switch {
		case toks[pos].start < c.titleEnd:
			cd.score += 2
		case toks[pos].start-c.bodyStart < 300 || toks[pos].sent == fbs:
			cd.score++
		}
		if thisYear {
			cd.score += 2
		}
		if lastYear {
			cd.retro = true
		}
		cands = append(cands, cd)
	}

	for i := 0; i < n; i++ {
		if tp := &toks[i]; !tp.digits && !tp.arabic && infos[i].lex.ordinal <= 0 && tp.key != "this" && tp.key != "last" {
			continue // none of the cases below
		}
		t := toks[i]
		if v, w := isOrd(i); v > 0 {
			a, named := attach(i+w, 1, 6, t.sent)
			if a < 0 && t.arabic {
				a, named = attach(i-1, -1, 5, t.sent)
			}
			if a >= 0 {
				add(v, i, a, named, false, false)
			} else if j := i + w; j+1 < n && toks[j].key == "in" && toks[j+1].sent == t.sent &&
				f.byYear[tokInt(toks[j+1])] == v && len(cands) > 0 {
				// "the first conference in 2023 and the second in 2024"
				add(v, i, i, false, false, false)
			}
			continue
		}
		if t.digits && len(t.key) == 4 {
			if v, ok := f.byYear[tokInt(t)]; ok {
				if a, named := attach(i+1, 1, 4, t.sent); a >= 0 {
					// "the 2023 edition" in a 2024 brief looks back
					add(v, i, a, named, false, c.year != 0 && tokInt(t) < c.year)
				}
			}
			continue
		}
		// this year's / last year's conference
		if (t.key == "this" || t.key == "last") && i+1 < n && toks[i+1].key == "year" && c.year != 0 {
			j := i + 2
			if j < n && toks[j].key == "s" {
				j++
			}
			if a, named := attach(j, 1, 4, t.sent); a >= 0 {
				if t.key == "this" {
					add(f.byYear[c.year], i, a, named, true, false)
				} else {
					add(f.byYear[c.year-1], i, a, named, false, true)
				}
			}
			continue
		}
		// Arabic: مؤتمر هذا العام / نسخة العام الماضي
		if t.arabic && isAnchor(i) && c.year != 0 && i+2 < n && toks[i+2].sent == t.sent {
			k1, k2 := stripArticle(toks[i+1].key), stripArticle(toks[i+2].key)
			switch {
			case k1 == "هذا" && k2 == "عام", k1 == "عام" && (k2 == "حالي" || k2 == "جاري"):
				add(f.byYear[c.year], i+1, i, false, true, false)
			case k1 == "عام" && k2 == "ماضي":
				add(f.byYear[c.year-1], i+1, i, false, false, true)
			}
		}
	}
	if len(cands) == 0 {
		if stated > 0 {
			return stated, nil
		}
		if v, ok := f.byYear[c.year]; ok && c.year != 0 {
			return v, nil
		}
		return 0, nil
	}

	// context cues: retrospective words before the ordinal (or, for years and
	// Arabic words, after it) in the same sentence, with no other edition in
	// between; present-tense words anywhere in the sentence.
	between := func(a, b, anchor int) bool {
		for _, o := range cands {
			if o.anchor != anchor && o.pos > a && o.pos < b {
				return true
			}
		}
		return false
	}
	for ci := range cands {
		cd := &cands[ci]
		p := cd.pos
		s := toks[p].sent
		for j := p - 1; j >= 0 && j >= p-12 && toks[j].sent == s; j-- {
			if f.isRetro(toks, infos, j, c.year, p) && !between(j, p, cd.anchor) {
				cd.retro = true
				break
			}
		}
		if !cd.retro {
			for j := p + 1; j < n && j <= p+8 && toks[j].sent == s; j++ {
				if j == cd.anchor {
					continue
				}
				if (toks[j].arabic || toks[j].digits || toks[j].key == "ago" || toks[j].key == "last") &&
					f.isRetro(toks, infos, j, c.year, p) && !between(p, j, cd.anchor) {
					cd.retro = true
					break
				}
			}
		}
		for j := p - 1; j >= 0 && toks[j].sent == s; j-- {
			if infos[j].lex.flags&lxPresent != 0 {
				cd.present = true
				break
			}
		}
		for j := p + 1; !cd.present && j < n && toks[j].sent == s; j++ {
			if infos[j].lex.flags&lxPresent != 0 {
				cd.present = true
			}
		}
		if cd.present && !cd.retro {
			cd.score++
		}
		if cd.retro {
			cd.score -= 4
		}
		if y, ok := f.yearOf[cd.value]; ok && c.year != 0 {
			switch {
			case y == c.year:
				cd.score += 2
			case y < c.year:
				cd.score -= 2
			}
		}
	}

	best, bestScore := 0, 0
	allRetro := true
	maxVal := 0
	for _, cd := range cands {
		if cd.score > bestScore || cd.score == bestScore && bestScore > 0 && cd.value > best {
			best, bestScore = cd.value, cd.score
		}
		if !cd.retro {
			allRetro = false
		}
		maxVal = max(maxVal, cd.value)
	}
	edition := 0
	switch {
	case stated > 0:
		edition = stated
	case bestScore > 0:
		edition = best
	case c.year != 0 && f.byYear[c.year] != 0:
		edition = f.byYear[c.year]
	case allRetro && f.valid[maxVal+1]:
		edition = maxVal + 1
	}
	var mentioned []int
	for _, cd := range cands {
		if cd.value != edition && !slices.Contains(mentioned, cd.value) {
			mentioned = append(mentioned, cd.value)
		}
	}
	slices.Sort(mentioned)
	return edition, mentioned
}

// isRetro reports whether token j looks back in time: "previous", "earlier",
// a year before the brief's, "last year".
func (f *editionFinder) isRetro(toks []token, infos []tokInfo, j, year, self int) bool {
	if infos[j].lex.flags&lxRetro != 0 {
		return true
	}
	t := toks[j]
	switch t.key {
	case "last":
		if j+1 < len(toks) {
			switch toks[j+1].key {
			case "year", "edition", "conference", "session", "one", "two", "editions", "conferences":
				return true
			}
		}
		return false
	}
	if t.digits && len(t.key) == 4 && j != self && year != 0 {
		if y := tokInt(t); isYear(y) && y < year {
			return true
		}
	}
	return false
}

func firstBodySent(toks []token, bodyStart int) int32 {
	for _, t := range toks {
		if t.start >= bodyStart {
			return t.sent
		}
	}
	return -1
}
