package extract

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// slot is one series a brief names.
type slot struct {
	cat   int32    // catalogue series, -1 for one found only in the text
	key   [2]int32 // sc.keys[key[0]:key[1]]: its key, for a series not in the catalogue
	kinds uint32   // event-noun kinds of its mentions
	arab  bool     // its key is made of Arabic words
	score int32    // how much the brief is about it (see primary)
	count int32    // its mentions, one a sentence ("the COP29 climate conference" is one)
	last  int32    // 1 + the sentence of the last mention counted
	// salient: the headline or lead names it, or an edition being held
	salient bool
}

// nameWordRef is a word of a mention's name as keys use it.
type nameWordRef struct {
	tok   int32
	w     string
	glued bool // digits glued to the word before: G20
}

// resolve gives every mention its series.
func (s *evScan) resolve() {
	for mi := range s.sc.mentions {
		if s.sc.mentions[mi].flags&mDead == 0 {
			s.resolveMention(int32(mi))
		}
	}
	s.unifySlots()
	for mi := range s.sc.mentions {
		if m := &s.sc.mentions[mi]; m.flags&(mDead|mPlaceOnly) == mPlaceOnly {
			s.resolveHostLabel(int32(mi))
		}
	}
	for mi := range s.sc.mentions {
		if m := &s.sc.mentions[mi]; m.flags&mDead == 0 && m.slot >= 0 && m.host[0] >= 0 {
			s.hostEdition(int32(mi), m.host[0], m.host[1])
		}
	}
}

// nameWords returns the words of mention m's name as keys use them, and the
// index of its event noun among them (-1 for an acronym).
func (s *evScan) nameWords(m *mention, out []nameWordRef) ([]nameWordRef, int) {
	hi := -1
	toks := s.c.toks
	for _, ti := range s.sc.names[m.names[0]:m.names[1]] {
		t := &toks[ti]
		e := s.lex(int(ti))
		if t.digits && s.gluedDigits(int(ti)) && len(out) > 0 {
			out = append(out, nameWordRef{ti, t.key, true})
			continue
		}
		w := nameWord(t.key, e, s.f.nouns)
		if w == "" || len(out) == cap(out) {
			continue
		}
		if ti == m.head {
			hi = len(out)
		}
		out = append(out, nameWordRef{tok: ti, w: w})
	}
	return out, hi
}

// appendKey appends the key of words to b.
func appendKey(b []byte, words []nameWordRef) []byte {
	for i, w := range words {
		if i > 0 && !w.glued {
			b = append(b, '-')
		}
		b = append(b, w.w...)
	}
	return b
}

// resolveMention finds mention mi's series.
func (s *evScan) resolveMention(mi int32) {
	m := &s.sc.mentions[mi]
	if m.flags&mAcronym != 0 {
		s.toSlot(mi, m.cat, nil)
		return
	}
	var arr [16]nameWordRef
	words, hi := s.nameWords(m, arr[:0])
	if cat := s.matchCatalogue(words, hi); cat >= 0 {
		s.toSlot(mi, cat, nil)
		return
	}
	if cat := s.matchAcronymOrTopic(m, words); cat >= 0 {
		s.toSlot(mi, cat, nil)
		return
	}
	others, places := 0, 0
	for _, w := range words {
		if w.tok != m.head {
			others++
			if s.isPlace(int(w.tok)) {
				places++
			}
		}
	}
	weak := m.noun > 0 && s.f.nouns[m.noun-1].weak
	hasCand := s.hasCand(mi)
	switch {
	case others == 0:
		m.flags |= mBare
		if weak && (s.f.nouns[m.noun-1].kind != kindGathering || m.flags&(mFuture|mRetro) == 0) {
			m.flags |= mDead // "the meeting"; but "the next gathering" is the next of the brief's event
		}
	case places == others:
		m.flags |= mPlaceOnly
	case weak && (!hasCand || m.flags&mProper == 0):
		m.flags |= mDead
	case m.flags&mProper == 0 && !hasCand && m.flags&mAnnual == 0:
		m.flags |= mBare // "a conference on water": no name of a series
	case !hasCand && s.c.toks[m.head].arabic && s.f.nouns[m.noun-1].kind == kindSummit && !s.summitName(words):
		m.flags |= mBare // قمة الجبل، في قمة أولوياتها: a top, not a summit
	default:
		s.toSlot(mi, -1, words)
	}
}

// summitName reports whether the words after an Arabic قمة make it a
// summit: a place (قمة بغداد) or an adjective (القمة الثلاثية).
func (s *evScan) summitName(words []nameWordRef) bool {
	for _, w := range words[1:] {
		t := int(w.tok)
		if s.isPlace(t) || hasArticle(s.key(t)) && (strings.HasSuffix(w.w, "يه") || strings.HasSuffix(w.w, "ي")) {
			return true
		}
	}
	return false
}

func (s *evScan) hasCand(mi int32) bool {
	for _, c := range s.sc.cands {
		if c.mention == mi {
			return true
		}
	}
	return false
}

// matchCatalogue returns the catalogue series whose name is the longest run
// of words holding the event noun, or -1. A run may leave out words before
// it ("Iraq-hosted Arab League summit") but not a capitalised one that makes
// another name ("Africa Climate Summit"), and in Arabic no adjective after it
// (القمة العربية الإسلامية).
func (s *evScan) matchCatalogue(words []nameWordRef, hi int) int32 {
	if hi < 0 || len(words) == 0 {
		return -1
	}
	if cat := s.matchSpans(words, hi); cat >= 0 {
		return cat
	}
	// "the Annual Meeting of the World Economic Forum": a name in the name
	for i, w := range words {
		if i != hi && s.lex(int(w.tok)).flags&lxHead != 0 {
			if cat := s.matchSpans(words, i); cat >= 0 {
				return cat
			}
		}
	}
	return -1
}

// matchSpans tries the runs of words holding words[hi], longest first.
func (s *evScan) matchSpans(words []nameWordRef, hi int) int32 {
	for l := len(words); l >= 1; l-- {
		for a := max(0, hi-l+1); a <= hi && a+l <= len(words); a++ {
			s.sc.buf = appendKey(s.sc.buf[:0], words[a:a+l])
			cat, ok := s.f.cat.byName[string(s.sc.buf)]
			if !ok || !s.spanFits(words, a, a+l) {
				continue
			}
			return int32(cat)
		}
	}
	return -1
}

// spanFits reports whether the words left out around words[a:b] leave it a
// name of its own.
func (s *evScan) spanFits(words []nameWordRef, a, b int) bool {
	toks := s.c.toks
	if a > 0 {
		t := int(words[a-1].tok)
		if next := int(words[a].tok); toks[t].upper && !toks[t].arabic && s.c.text[toks[t].end:toks[next].start] == "-" {
			return false // China-GCC summit, Arab-China summit: a summit of two
		}
		if toks[t].upper && !toks[t].arabic && !s.isPlace(t) && s.lex(t).flags&(lxStop|lxHead|lxWeak) == 0 && !s.isTitleCase(t) {
			return false
		}
	}
	if b < len(words) {
		t := int(words[b].tok)
		if toks[t].arabic && hasArticle(toks[t].key) {
			w := arabicNameWord(toks[t].key)
			if strings.HasSuffix(w, "يه") || strings.HasSuffix(w, "ي") {
				return false
			}
		}
	}
	return true
}

// isTitleCase reports whether token i is in a headline written in title case.
func (s *evScan) isTitleCase(i int) bool {
	if s.c.toks[i].start >= s.c.titleEnd {
		return false
	}
	upper, words := 0, 0
	for j := range s.c.toks {
		t := &s.c.toks[j]
		if t.start >= s.c.titleEnd {
			break
		}
		if t.arabic || t.digits || len(t.key) < 4 {
			continue
		}
		words++
		if t.upper {
			upper++
		}
	}
	return words > 0 && upper*5 >= words*4
}

// matchAcronymOrTopic finds a catalogue series by an acronym in a name ("the
// COP summit") or, for a name of common words, by a topic word ("climate
// summit", "conference on drugs").
func (s *evScan) matchAcronymOrTopic(m *mention, words []nameWordRef) int32 {
	cat := s.f.cat
	proper := false
	for _, w := range words {
		t := int(w.tok)
		if s.lex(t).flags&lxAcronym != 0 && s.allUpper(t) {
			if i, ok := cat.acronyms[s.key(t)]; ok {
				return int32(i)
			}
		}
		if s.c.toks[t].upper && t != int(m.head) && !s.isPlace(t) && !s.isTitleCase(t) && t != s.sentStart(t) {
			proper = true
		}
	}
	if proper || m.noun == 0 {
		return -1
	}
	kind := s.f.nouns[m.noun-1].kindBits()
	for _, w := range words {
		for _, si := range cat.topics[w.w] {
			if cat.series[si].kinds&kind != 0 {
				m.flags |= mTopic
				return int32(si)
			}
		}
	}
	return -1
}

// sentStart returns the first token of token i's sentence.
func (s *evScan) sentStart(i int) int {
	for i > 0 && s.c.toks[i-1].sent == s.c.toks[i].sent {
		i--
	}
	return i
}

// toSlot gives mention mi the series cat (>= 0) or the one keyed by words.
func (s *evScan) toSlot(mi int32, cat int32, words []nameWordRef) {
	m := &s.sc.mentions[mi]
	var kind uint32
	if m.noun > 0 && s.f.nouns[m.noun-1].kind != kindGathering {
		kind = 1 << s.f.nouns[m.noun-1].kind // a gathering gives its series no kind
	}
	if cat < 0 && words == nil {
		m.flags |= mDead
		return
	}
	var key []byte
	if cat < 0 {
		s.sc.buf = appendKey(s.sc.buf[:0], words)
		key = s.sc.buf
	}
	for si := range s.sc.slots {
		sl := &s.sc.slots[si]
		if sl.count < 0 {
			continue // merged away
		}
		if cat >= 0 && sl.cat == cat || cat < 0 && sl.cat < 0 && bytes.Equal(s.sc.keys[sl.key[0]:sl.key[1]], key) {
			m.slot = int32(si)
			sl.kinds |= kind
			return
		}
	}
	sl := slot{cat: cat, kinds: kind}
	if cat >= 0 {
		sl.kinds |= s.f.cat.series[cat].kinds
	} else {
		a := len(s.sc.keys)
		s.sc.keys = append(s.sc.keys, key...)
		sl.key = [2]int32{int32(a), int32(len(s.sc.keys))}
		sl.arab = s.c.toks[m.head].arabic
	}
	m.slot = int32(len(s.sc.slots))
	s.sc.slots = append(s.sc.slots, sl)
}

// unifySlots merges a series found only in the text into another whose key
// ends its key (English: "PM Sudani Attends Sulaimani Forum" is the
// Sulaimani Forum) or starts it (Arabic); and a series found only in the
// headline into the one of its kind the body names (a headline words its
// event loosely: "Gaza war overshadows summit").
func (s *evScan) unifySlots() {
	s.unifyHeadline()
	s.unifyCommon()
	slots := s.sc.slots
	for a := range slots {
		if slots[a].cat >= 0 {
			continue
		}
		ka := s.sc.keys[slots[a].key[0]:slots[a].key[1]]
		for b := range slots {
			if a == b || slots[b].cat >= 0 || slots[a].kinds&slots[b].kinds == 0 || slots[a].arab != slots[b].arab {
				continue
			}
			kb := s.sc.keys[slots[b].key[0]:slots[b].key[1]]
			if len(kb) >= len(ka) {
				continue
			}
			// English names grow leftwards by modifiers and rightwards by "of ...",
			// "for ...": "Arab-China Summit for Cooperation and Development"
			if bytes.HasSuffix(ka, kb) && ka[len(ka)-len(kb)-1] == '-' && !slots[a].arab ||
				bytes.HasPrefix(ka, kb) && ka[len(kb)] == '-' {
				s.moveSlot(int32(a), int32(b))
				break
			}
		}
	}
}

// unifyCommon merges a series named only in common words ("the first
// conference on border security") into a named series of its kind in the
// brief: it is that series, described.
func (s *evScan) unifyCommon() {
	for a := range s.sc.slots {
		if s.sc.slots[a].cat >= 0 || s.slotProper(int32(a)) {
			continue
		}
		for b := range s.sc.slots {
			if b != a && s.sc.slots[a].kinds&s.sc.slots[b].kinds != 0 && (s.sc.slots[b].cat >= 0 || s.slotProper(int32(b))) {
				s.moveSlot(int32(a), int32(b))
				break
			}
		}
	}
}

// slotProper reports whether a mention of slot si has a proper name.
func (s *evScan) slotProper(si int32) bool {
	for mi := range s.sc.mentions {
		m := &s.sc.mentions[mi]
		if m.slot == si && m.flags&(mDead|mProper) == mProper {
			return true
		}
	}
	return false
}

// unifyHeadline merges a series only the headline names into a series of
// its kind the body names.
func (s *evScan) unifyHeadline() {
	for a := range s.sc.slots {
		if s.sc.slots[a].cat >= 0 {
			continue
		}
		inTitle, inBody := false, false
		for mi := range s.sc.mentions {
			m := &s.sc.mentions[mi]
			if m.slot == int32(a) && m.flags&mDead == 0 {
				if s.c.toks[m.head].start < s.c.titleEnd {
					inTitle = true
				} else {
					inBody = true
				}
			}
		}
		if !inTitle || inBody {
			continue
		}
		for b := range s.sc.slots {
			if b != a && s.sc.slots[a].kinds&s.sc.slots[b].kinds != 0 && s.slotInBody(int32(b)) {
				s.moveSlot(int32(a), int32(b))
				break
			}
		}
	}
}

func (s *evScan) slotInBody(si int32) bool {
	for mi := range s.sc.mentions {
		m := &s.sc.mentions[mi]
		if m.slot == si && m.flags&mDead == 0 && s.c.toks[m.head].start >= s.c.titleEnd {
			return true
		}
	}
	return false
}

// moveSlot gives slot from's mentions to slot to.
func (s *evScan) moveSlot(from, to int32) {
	for mi := range s.sc.mentions {
		if s.sc.mentions[mi].slot == from {
			s.sc.mentions[mi].slot = to
		}
	}
	s.sc.slots[to].kinds |= s.sc.slots[from].kinds
	s.sc.slots[from].kinds = 0
	s.sc.slots[from].count = -1
}

// placeKeyOf writes the key of the place named by tokens a..b into sc.buf.
func (s *evScan) placeKeyOf(a, b int32) []byte {
	buf := s.sc.buf[:0]
	for i := a; i <= b; i++ {
		if i > a {
			buf = append(buf, ' ')
		}
		t := &s.c.toks[i]
		if t.arabic {
			buf = append(buf, arabicNameWord(t.key)...)
		} else {
			buf = append(buf, t.key...)
		}
	}
	s.sc.buf = buf
	return buf
}

// resolveHostLabel finds the series of a mention named only by a place ("the
// Baghdad summit", قمة المنامة): a series of the same kind the brief names
// otherwise, or the one the catalogue knows the place hosted; else the
// place and the noun make a series of their own.
func (s *evScan) resolveHostLabel(mi int32) {
	m := &s.sc.mentions[mi]
	kind := s.f.nouns[m.noun-1].kindBits()
	best := int32(-1)
	for si := range s.sc.slots {
		if sl := &s.sc.slots[si]; sl.kinds&kind != 0 && (best < 0 || s.slotMentions(int32(si)) > s.slotMentions(best)) {
			best = int32(si)
		}
	}
	a, b := s.placeSpan(m)
	if best >= 0 {
		m.slot = best
		m.host = [2]int32{a, b}
		return
	}
	// the series whose edition there is nearest the brief's year
	cat, bestDist := int32(-1), -1
	for _, r := range s.f.cat.hosts[string(s.placeKeyOf(a, b))] {
		sr := &s.f.cat.series[r.series]
		if sr.kinds&kind == 0 {
			continue
		}
		y, ok := sr.yearOf[r.edition]
		if !ok || s.c.year == 0 || abs(y-s.c.year) > 1 {
			continue // a place names an edition of its year only
		}
		d := abs(y - s.c.year)
		// nearest first; on a tie the series listed first in the catalogue
		// (the Arab League summit before the development summit held with it)
		if bestDist < 0 || d < bestDist || d == bestDist && int32(r.series) < cat {
			cat, bestDist = int32(r.series), d
		}
	}
	if cat >= 0 {
		s.toSlot(mi, cat, nil)
		m.host = [2]int32{a, b}
		return
	}
	var arr [16]nameWordRef
	words, _ := s.nameWords(m, arr[:0])
	s.toSlot(mi, -1, words)
}

// placeSpan returns the tokens of the place in a place-only name.
func (s *evScan) placeSpan(m *mention) (int32, int32) {
	a, b := int32(-1), int32(-1)
	for _, ti := range s.sc.names[m.names[0]:m.names[1]] {
		if ti == m.head {
			continue
		}
		if a < 0 {
			a = ti
		}
		b = ti
	}
	return a, b
}

func (s *evScan) slotMentions(si int32) int {
	n := 0
	for mi := range s.sc.mentions {
		if s.sc.mentions[mi].slot == si && s.sc.mentions[mi].flags&mDead == 0 {
			n++
		}
	}
	return n
}

// hostEdition adds the edition the catalogue knows a host place held, for a
// mention without an ordinal: the one nearest the brief's year.
func (s *evScan) hostEdition(mi, a, b int32) {
	m := &s.sc.mentions[mi]
	cat := s.sc.slots[m.slot].cat
	if cat < 0 || s.hasCand(mi) {
		return
	}
	best, bestDist := 0, 0
	for _, r := range s.f.cat.hosts[string(s.placeKeyOf(a, b))] {
		if int32(r.series) != cat {
			continue
		}
		d := 0
		if y, ok := s.f.cat.series[cat].yearOf[r.edition]; ok && s.c.year != 0 {
			d = abs(y - s.c.year)
		}
		if best == 0 || d < bestDist || d == bestDist && r.edition > best {
			best, bestDist = r.edition, d
		}
	}
	if best > 0 {
		s.addCand(mi, best, 0, int(a), int(m.head), cHost)
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// mentionName returns the name of mention m as written, without ordinals
// and years.
func (s *evScan) mentionName(m *mention) string {
	var b strings.Builder
	toks := s.c.toks
	prev := int32(-1)
	for _, ti := range s.sc.names[m.names[0]:m.names[1]] {
		if prev >= 0 {
			if g := s.c.text[toks[prev].end:toks[ti].start]; ti == prev+1 && softGap(g) && utf8.RuneCountInString(g) <= 2 {
				b.WriteString(g)
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(s.c.text[toks[ti].start:toks[ti].end])
		prev = ti
	}
	return b.String()
}
