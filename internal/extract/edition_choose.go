package extract

import (
	"cmp"
	"slices"
	"strings"

	"github.com/briefs/briefs/internal/brief"
)

// score reads the cues around every mention and candidate: where it stands,
// and whether its sentence says the event is being held, is past or is next.
func (s *evScan) score() {
	for mi := range s.sc.mentions {
		m := &s.sc.mentions[mi]
		if m.flags&mDead != 0 {
			continue
		}
		p := s.position(int(m.head))
		if p == 2 {
			m.flags |= mTitle
		}
		if p < 2 && s.timeRef(m) {
			continue // "before the Arab summit": when something else happens
		}
		if p == 1 {
			m.flags |= mLead
		}
		if s.sentenceHas(int(m.head), lxPresent) {
			m.flags |= mPresent
		}
	}
	for ci := range s.sc.cands {
		s.scoreCand(&s.sc.cands[ci])
	}
	for mi := range s.sc.mentions {
		m := &s.sc.mentions[mi]
		if s.hasEdition(int32(mi)) && !s.liveCand(int32(mi)) {
			m.flags |= mRetro // all its editions are past
		}
	}
}

// timeRef reports whether mention m only dates something else: "before the
// Arab League summit", "ahead of COP29", "قبيل انعقاد القمة العربية".
func (s *evScan) timeRef(m *mention) bool {
	toks := s.c.toks
	f := int(m.first)
	for j := f - 1; j >= 0 && j >= f-3 && toks[j].sent == toks[f].sent; j-- {
		switch toks[j].key {
		case "the", "of", "next", "upcoming", "coming", "forthcoming", "انعقاد", "عقد", "موعد":
			continue
		case "before", "ahead", "after", "until", "قبيل", "قبل", "بعد", "عقب", "حتي":
			return true
		}
		return false
	}
	return false
}

// position is 2 for a token in the headline, 1 in the lead, 0 below.
func (s *evScan) position(i int) int {
	t := &s.c.toks[i]
	switch {
	case t.start < s.c.titleEnd:
		return 2
	case t.start-s.c.bodyStart < 300 || t.sent == s.fbs:
		return 1
	}
	return 0
}

// sentenceHas reports whether token i's sentence has a word with flag fl
// (within 40 words of it).
func (s *evScan) sentenceHas(i int, fl lexFlags) bool {
	toks, infos := s.c.toks, s.c.infos
	sent := toks[i].sent
	for j := i; j >= 0 && j > i-40 && toks[j].sent == sent; j-- {
		if infos[j].lex.flags&fl != 0 {
			return true
		}
	}
	for j := i + 1; j < len(toks) && j < i+40 && toks[j].sent == sent; j++ {
		if infos[j].lex.flags&fl != 0 {
			return true
		}
	}
	return false
}

// scoreCand scores one candidate on what is around it; the year it was
// held counts when its series is known (see choose).
func (s *evScan) scoreCand(cd *candidate) {
	var m *mention
	if cd.mention >= 0 {
		m = &s.sc.mentions[cd.mention]
		if m.flags&mDead != 0 {
			cd.flags |= cDecoy
			return
		}
		if m.flags&mRetro != 0 {
			cd.flags |= cRetro
		}
		if m.flags&mFuture != 0 {
			cd.flags |= cFuture
		}
		if cd.value == 1 && s.superlative(int(m.last)+1) {
			cd.flags |= cDecoy
		}
	}
	p := int(cd.pos)
	if y := int(cd.year); y != 0 && s.c.year != 0 && cd.flags&(cRetro|cFuture|cThisYear) == 0 {
		if y < s.c.year {
			cd.flags |= cRetro // "the 2023 edition" in a 2024 brief
		} else if y > s.c.year {
			cd.flags |= cFuture
		}
	}
	if s.retroNear(p, cd.anchor) {
		cd.flags |= cRetro
	}
	if s.futureNear(p) {
		cd.flags |= cFuture
	}
	if s.sentenceHas(p, lxPresent) {
		cd.flags |= cPresent
	}
	sc := int32(1)
	if m != nil && (m.flags&(mProper|mAcronym) != 0 || m.slot >= 0 && s.sc.slots[m.slot].cat >= 0 && m.flags&mTopic == 0) {
		sc += 2
	}
	if cd.flags&cAnchor != 0 {
		sc++
	}
	pos := s.position(p)
	sc += int32(pos)
	if cd.flags&cThisYear != 0 {
		sc += 2
	}
	switch {
	case cd.flags&cRetro != 0:
		sc -= 4
	case cd.flags&cPresent != 0:
		sc++
	}
	if cd.flags&cFuture != 0 && pos < 2 {
		sc -= 2
	}
	cd.score = sc
}

// superlative reports whether the words after a "first" make it a
// superlative, not an edition: "the first Arab summit in Baghdad since
// 1990", "the first summit in 30 years", أول قمة ... منذ.
func (s *evScan) superlative(j int) bool {
	toks := s.c.toks
	if j <= 0 || j >= len(toks) {
		return false
	}
	sent := toks[j-1].sent
	for k := j; k < len(toks) && k < j+8 && toks[k].sent == sent; k++ {
		if s.lex(k).flags&lxSince != 0 {
			return true
		}
		if s.key(k) == "in" && k+2 < len(toks) && (toks[k+1].digits || s.lex(k+1).tens > 0 || s.key(k+1) == "decades") &&
			(s.key(k+2) == "years" || s.key(k+2) == "decades") {
			return true
		}
		if s.key(k) == "decades" || s.key(k) == "outside" {
			return true
		}
	}
	return false
}

// retroNear reports whether words before token p (or, for years and Arabic
// words, after it) in its sentence look back, with no other edition between.
func (s *evScan) retroNear(p int, anchor int32) bool {
	toks := s.c.toks
	sent := toks[p].sent
	clause := true // no comma between: "Following the previous editions, the third ..." is not past
	for j := p - 1; j >= 0 && j >= p-12 && toks[j].sent == sent; j-- {
		if g := s.c.text[toks[j].end:toks[j+1].start]; strings.Contains(g, ",") || strings.Contains(g, "،") {
			clause = false
		}
		if s.isRetro(j, p) && !s.candBetween(j, p, anchor) && (clause || toks[j].digits) {
			return true
		}
	}
	for j := p + 1; j < len(toks) && j <= p+8 && toks[j].sent == sent; j++ {
		if int32(j) == anchor {
			continue
		}
		t := &toks[j]
		if (t.arabic || t.digits || t.key == "ago" || t.key == "last") && s.isRetro(j, p) && !s.candBetween(p, j, anchor) {
			return true
		}
	}
	return false
}

// isRetro reports whether token j looks back in time: "previous",
// "earlier", a year before the brief's, "last year".
func (s *evScan) isRetro(j, self int) bool {
	if s.lex(j).flags&lxRetro != 0 {
		return true
	}
	toks := s.c.toks
	t := &toks[j]
	if t.key == "last" {
		if j+1 < len(toks) {
			switch toks[j+1].key {
			case "year", "edition", "conference", "session", "one", "two", "editions", "conferences", "summit", "week", "month":
				return true
			}
		}
		return false
	}
	if t.digits && len(t.key) == 4 && j != self && s.c.year != 0 {
		if y := tokInt(*t); isYear(y) && y < s.c.year {
			return true
		}
	}
	return false
}

// futureNear reports whether the words right after token p say "next year".
func (s *evScan) futureNear(p int) bool {
	toks := s.c.toks
	for j := p + 1; j+1 < len(toks) && j <= p+10 && toks[j].sent == toks[p].sent; j++ {
		if toks[j].key == "next" && (toks[j+1].key == "year" || toks[j+1].key == "month") {
			return true
		}
	}
	return false
}

func (s *evScan) candBetween(a, b int, anchor int32) bool {
	for _, o := range s.sc.cands {
		if o.anchor != anchor && int(o.pos) > a && int(o.pos) < b {
			return true
		}
	}
	return false
}

// choose picks the event: the stated series or the one most written about,
// and its edition.
func (s *evScan) choose(st statedEvent) eventResult {
	primary, series := s.primary(st)
	s.attach(primary)
	var r eventResult
	r.series = series
	if primary >= 0 || st.series != "" {
		r.edition, r.inferred, r.year = s.edition(primary, st.edition)
	} else {
		r.edition = st.edition
	}
	r.mentioned, r.events = s.mentioned(primary, r.edition)
	return r
}

// primary returns the slot of the event the brief is about (-1 for none)
// and its series. A series is the event when the headline or the lead names
// it, or the brief names it twice, or names an edition being held; then the
// one most written about wins.
func (s *evScan) primary(st statedEvent) (int32, brief.Series) {
	for pass := 0; pass < 2; pass++ {
		for mi := range s.sc.mentions {
			m := &s.sc.mentions[mi]
			if m.flags&mDead != 0 || (pass == 0) == (m.flags&mBare != 0) {
				continue
			}
			si := m.slot
			if pass == 1 {
				si = s.bestSlotOfKind(m) // "the summit" counts for the summit it refers to
			}
			if si < 0 {
				continue
			}
			sl := &s.sc.slots[si]
			sl.score = max(sl.score, s.mentionWeight(m, sl))
			if sent := s.c.toks[m.head].sent + 1; sent != sl.last {
				sl.count++
				sl.last = sent
			}
			if m.flags&(mTitle|mLead) != 0 || s.liveCand(int32(mi)) && !s.closing(int(m.head)) {
				sl.salient = true
			}
		}
	}
	if st.series != "" {
		return s.statedSlot(st.series)
	}
	best, bestScore := int32(-1), int32(2)
	for si := range s.sc.slots {
		sl := &s.sc.slots[si]
		if !sl.salient && sl.count < 2 || sl.count <= 0 {
			continue
		}
		if t := sl.score + min(sl.count-1, 2); t > bestScore {
			best, bestScore = int32(si), t
		}
	}
	if best < 0 {
		return -1, brief.Series{}
	}
	return best, s.slotSeries(best)
}

// closing reports whether token i is in the last paragraph of a body of
// several, below the lead: where a brief adds what comes next ("officials
// will meet again at the 61st Munich Security Conference, which opens on
// Friday").
func (s *evScan) closing(i int) bool {
	if s.position(i) > 0 {
		return false
	}
	nl := strings.LastIndexByte(strings.TrimRight(s.c.text, " \t\r\n"), '\n') // from the end: the last paragraph is short
	return nl > s.c.bodyStart && s.c.toks[i].start > nl
}

// mentionWeight says how much mention m makes its series the brief's event.
func (s *evScan) mentionWeight(m *mention, sl *slot) int32 {
	w := int32(1)
	switch {
	case m.flags&mTitle != 0:
		w += 3
	case m.flags&mLead != 0:
		w += 2
	}
	if m.flags&mPresent != 0 {
		w++
	}
	if m.flags&mRetro != 0 {
		w -= 2
	}
	if m.flags&(mFuture|mTitle) == mFuture {
		w--
	}
	if m.flags&mProper != 0 || sl.cat >= 0 {
		w++
	}
	return w
}

// bestSlotOfKind returns the slot with the best score among those of bare
// mention m's kind, or -1.
func (s *evScan) bestSlotOfKind(m *mention) int32 {
	if m.noun == 0 {
		return -1
	}
	kind := s.f.nouns[m.noun-1].kindBits()
	best := int32(-1)
	for si := range s.sc.slots {
		if sl := &s.sc.slots[si]; sl.kinds&kind != 0 && (best < 0 || sl.score > s.sc.slots[best].score) {
			best = int32(si)
		}
	}
	return best
}

// hasEdition reports whether mention mi has an edition (decoys aside).
func (s *evScan) hasEdition(mi int32) bool {
	for _, c := range s.sc.cands {
		if c.mention == mi && c.flags&cDecoy == 0 {
			return true
		}
	}
	return false
}

// liveCand reports whether mention mi has an edition that is not past.
func (s *evScan) liveCand(mi int32) bool {
	for _, c := range s.sc.cands {
		if c.mention == mi && c.flags&(cRetro|cDecoy) == 0 {
			return true
		}
	}
	return false
}

// statedSlot returns the slot of the series front matter states, if the
// text names it, and the series.
func (s *evScan) statedSlot(name string) (int32, brief.Series) {
	series := s.f.resolve(name)
	for si := range s.sc.slots {
		sl := &s.sc.slots[si]
		if sl.cat >= 0 && s.f.cat.series[sl.cat].key == series.Key ||
			sl.cat < 0 && string(s.sc.keys[sl.key[0]:sl.key[1]]) == series.Key {
			return int32(si), series
		}
	}
	return -1, series
}

// slotSeries returns the series of a slot: the catalogue's, or one keyed
// and named from the text.
func (s *evScan) slotSeries(si int32) brief.Series {
	sl := &s.sc.slots[si]
	if sl.cat >= 0 {
		return s.f.cat.series[sl.cat].brief()
	}
	best := -1
	bestRank := 0
	for mi := range s.sc.mentions {
		m := &s.sc.mentions[mi]
		if m.slot != si || m.flags&mDead != 0 {
			continue
		}
		rank := int(m.names[1]-m.names[0]) + 1
		if m.flags&mProper != 0 {
			rank += 10
		}
		if m.flags&mTitle == 0 {
			rank += 5
		}
		if rank > bestRank {
			best, bestRank = mi, rank
		}
	}
	name := ""
	if best >= 0 {
		name = s.mentionName(&s.sc.mentions[best])
	}
	return brief.Series{Key: string(s.sc.keys[sl.key[0]:sl.key[1]]), Name: name}
}

// attach gives bare mentions ("the summit") and edition nouns that name no
// event ("the first and second editions") the series they refer to: the
// brief's event when of its kind, else the last series of their kind named
// before them.
func (s *evScan) attach(primary int32) {
	for mi := range s.sc.mentions {
		m := &s.sc.mentions[mi]
		if m.flags&(mDead|mBare) != mBare || m.noun == 0 {
			continue
		}
		kind := s.f.nouns[m.noun-1].kindBits()
		if primary >= 0 && s.sc.slots[primary].kinds&kind != 0 {
			m.slot = primary
			continue
		}
		for k := mi - 1; k >= 0; k-- {
			o := &s.sc.mentions[k]
			if o.flags&(mDead|mBare) == 0 && o.slot >= 0 && s.sc.slots[o.slot].kinds&kind != 0 {
				m.slot = o.slot
				break
			}
		}
	}
	for ci := range s.sc.cands {
		cd := &s.sc.cands[ci]
		if cd.mention >= 0 || primary < 0 {
			continue
		}
		if cd.flags&cSession != 0 && s.sc.slots[primary].kinds&(1<<kindAssembly|1<<kindCouncil) == 0 {
			continue
		}
		cd.mention = -2 - primary // floating, given to the primary slot
	}
}

// candSlot returns the slot of candidate cd, or -1.
func (s *evScan) candSlot(cd *candidate) int32 {
	switch {
	case cd.flags&cDecoy != 0 || cd.mention == -1:
		return -1
	case cd.mention <= -2:
		return -2 - cd.mention
	}
	m := &s.sc.mentions[cd.mention]
	if m.flags&mDead != 0 {
		return -1
	}
	return m.slot
}

// candValue returns the edition of candidate cd in slot si: its ordinal, or
// the one the catalogue knows for its year (inferred).
func (s *evScan) candValue(cd *candidate, si int32) (int, bool) {
	if cd.value > 0 {
		return int(cd.value), cd.flags&cHost != 0
	}
	if cat := s.sc.slots[si].cat; cat >= 0 && cd.year > 0 {
		if v, ok := s.f.cat.series[cat].byYear[int(cd.year)]; ok {
			return v, true
		}
	}
	return 0, false
}

// edition picks the edition of the event in slot si.
func (s *evScan) edition(si int32, stated int) (edition int, inferred bool, year int) {
	if si < 0 {
		return stated, false, 0
	}
	best, bestScore, bestInf, bestYear := 0, int32(0), false, 0
	allRetro, maxVal, any := true, 0, false
	var cat *seriesInfo
	if c := s.sc.slots[si].cat; c >= 0 {
		cat = &s.f.cat.series[c]
	}
	for ci := range s.sc.cands {
		cd := &s.sc.cands[ci]
		if s.candSlot(cd) != si {
			continue
		}
		v, inf := s.candValue(cd, si)
		if v == 0 {
			continue
		}
		any = true
		sc := cd.score + s.yearScore(cd, cat, v)
		if sc > bestScore || sc == bestScore && bestScore > 0 && v > best {
			best, bestScore, bestInf, bestYear = v, sc, inf, int(cd.year)
		}
		if cd.flags&cRetro == 0 {
			allRetro = false
		}
		maxVal = max(maxVal, v)
	}
	switch {
	case stated > 0:
		return stated, false, s.eventYear(si, stated, 0)
	case bestScore > 0:
		return best, bestInf, s.eventYear(si, best, bestYear)
	}
	if cat != nil && s.c.year != 0 && s.heldNow(si) {
		if v, ok := cat.byYear[s.c.year]; ok {
			return v, true, s.c.year
		}
	}
	if cat != nil && any && allRetro {
		if _, ok := cat.yearOf[maxVal+1]; ok {
			return maxVal + 1, true, 0
		}
	}
	return 0, false, s.eventYear(si, 0, 0)
}

// yearScore weighs the year an edition was held against the brief's.
func (s *evScan) yearScore(cd *candidate, cat *seriesInfo, v int) int32 {
	if s.c.year == 0 {
		return 0
	}
	y := int(cd.year)
	if y == 0 && cat != nil {
		y = cat.yearOf[v]
	}
	switch {
	case y == 0:
		return 0
	case y == s.c.year:
		return 2
	case y < s.c.year:
		return -2
	}
	return 0
}

// heldNow reports whether the brief writes of the event in slot si as
// current: a mention that is neither past nor next.
func (s *evScan) heldNow(si int32) bool {
	for mi := range s.sc.mentions {
		m := &s.sc.mentions[mi]
		if m.slot == si && m.flags&(mDead|mRetro|mFuture|mSpecial) == 0 && m.year == 0 {
			return true
		}
	}
	return false
}

// eventYear returns the year the event is held, as the brief writes it
// (next to a mention) or implies it (the publication year of a brief on an
// event being held); 0 when it does not say.
func (s *evScan) eventYear(si int32, edition, written int) int {
	if written > 0 {
		return written
	}
	for mi := range s.sc.mentions {
		m := &s.sc.mentions[mi]
		if m.slot == si && m.flags&(mDead|mRetro|mFuture) == 0 && m.year > 0 {
			if edition == 0 || s.mentionHas(int32(mi), edition) || !s.hasCand(int32(mi)) {
				return int(m.year)
			}
		}
	}
	if s.c.year == 0 {
		return 0
	}
	for mi := range s.sc.mentions {
		m := &s.sc.mentions[mi]
		if m.slot == si && m.flags&(mDead|mRetro|mFuture) == 0 && m.flags&(mTitle|mPresent) != 0 {
			return s.c.year
		}
	}
	return 0
}

func (s *evScan) mentionHas(mi int32, v int) bool {
	for _, c := range s.sc.cands {
		if c.mention == mi && int(c.value) == v {
			return true
		}
	}
	return false
}

// mentioned returns the other editions of the event's series, and every
// other edition of any series, the brief names.
func (s *evScan) mentioned(primary int32, edition int) ([]int, []brief.Event) {
	eds, evs := s.sc.eds[:0], s.sc.evs[:0]
	for ci := range s.sc.cands {
		cd := &s.sc.cands[ci]
		si := s.candSlot(cd)
		if si < 0 {
			continue
		}
		v, _ := s.candValue(cd, si)
		if v == 0 || si == primary && v == edition {
			continue
		}
		if si == primary && !slices.Contains(eds, v) {
			eds = append(eds, v)
		}
		year := int(cd.year)
		if year == 0 && cd.mention >= 0 {
			year = int(s.sc.mentions[cd.mention].year)
		}
		if i := slices.IndexFunc(evs, func(e slotEvent) bool { return e.slot == si && e.edition == v }); i < 0 {
			evs = append(evs, slotEvent{slot: si, edition: v, year: year})
		} else if evs[i].year == 0 {
			evs[i].year = year
		}
	}
	s.sc.eds, s.sc.evs = eds, evs
	var outEds []int
	if len(eds) > 0 {
		outEds = slices.Clone(eds)
		slices.Sort(outEds)
	}
	var outEvs []brief.Event
	if len(evs) > 0 {
		outEvs = make([]brief.Event, len(evs))
		for i, e := range evs {
			outEvs[i] = brief.Event{Series: s.slotKey(e.slot), Edition: e.edition, Year: e.year}
		}
		slices.SortFunc(outEvs, func(a, b brief.Event) int {
			return cmp.Or(cmp.Compare(a.Series, b.Series), cmp.Compare(a.Edition, b.Edition))
		})
	}
	return outEds, outEvs
}

// slotEvent is an edition of a slot's series the brief mentions.
type slotEvent struct {
	slot          int32
	edition, year int
}

func (s *evScan) slotKey(si int32) string {
	sl := &s.sc.slots[si]
	if sl.cat >= 0 {
		return s.f.cat.series[sl.cat].key
	}
	return string(s.sc.keys[sl.key[0]:sl.key[1]])
}
