package extract

import "strings"

// English mentions: the name stands before the event noun ("the 34th Arab
// League summit") and after it ("Conference on Drug Control", "Summit of
// the Arab League"); ordinals come first.

// isEnglishHead reports whether event noun i names an event: not a press
// conference, a conference room or a fair trial.
func (s *evScan) isEnglishHead(i int) bool {
	if i > 0 && s.lex(i-1).flags&lxPressMod != 0 && s.joined(i-1) {
		return false
	}
	if i+1 < len(s.c.toks) && s.joined(i) && s.lex(i+1).flags&lxNotHeadNext != 0 {
		return false
	}
	return true
}

// englishMention reads the mention at event noun h.
func (s *evScan) englishMention(h int) {
	mi := int32(len(s.sc.mentions))
	m := s.newMention(h)
	s.preWalk(&m, mi)
	s.sc.names = append(s.sc.names, int32(h))
	j := h + 1
	if s.lex(h).flags&lxAnchor == 0 {
		j = s.postWalk(&m, j) // "the 79th session of ..." is the edition noun's
	}
	s.afterName(&m, mi, j)
	m.names[1] = int32(len(s.sc.names))
	if k := len(s.sc.mentions) - 1; k >= 0 && s.sc.mentions[k].head >= m.first && !s.c.toks[s.sc.mentions[k].head].arabic {
		// "World Economic Forum Annual Meeting": one name
		s.sc.mentions[k].flags |= mDead
		for ci := range s.sc.cands {
			if s.sc.cands[ci].mention == int32(k) {
				s.sc.cands[ci].mention = mi
			}
		}
	}
	s.sc.mentions = append(s.sc.mentions, m)
}

// isPossessive reports whether token j is the s of "League's".
func (s *evScan) isPossessive(j int) bool {
	if j <= 0 || s.key(j) != "s" {
		return false
	}
	g := s.c.text[s.c.toks[j-1].end:s.c.toks[j].start]
	return g == "'" || g == "’"
}

// preWalk reads the name and ordinals before event noun m.head, leftwards.
func (s *evScan) preWalk(m *mention, mi int32) {
	var buf [10]int32
	nb, lower := 0, 0
	h := int(m.head)
	afterNum := false
	for j := h - 1; j >= 0 && s.joined(j) && nb < len(buf); {
		if v, y, st := s.numberEndingAt(j); v > 0 || y > 0 {
			s.addNumber(mi, v, y, st, h, 0)
			if y > 0 && m.year == 0 {
				m.year = int16(y)
			}
			j = s.moreNumbers(st-1, mi, h, 0)
			afterNum = true
			continue
		}
		if s.isPossessive(j) {
			if s.relativeYear(m, mi, j-1) || s.hostBefore(m, j-1) {
				break
			}
			afterNum = false
			j--
			continue
		}
		if afterNum || !s.nameWordEn(m, j, &lower) {
			if afterNum && m.flags&mProper == 0 && s.key(j) == "its" && !s.ofAfter(h) {
				nb = s.ownerName(m, j, buf[:], nb)
			}
			break
		}
		if s.lex(j).flags&lxConn == 0 {
			buf[nb] = int32(j)
			nb++
			m.first = int32(j)
		}
		j--
	}
	for k := nb - 1; k >= 0; k-- {
		s.sc.names = append(s.sc.names, buf[k])
	}
}

// nameWordEn reports whether token j, before an event noun, may be part of
// its name; it notes what the word says about the mention.
func (s *evScan) nameWordEn(m *mention, j int, lower *int) bool {
	e := s.lex(j)
	t := &s.c.toks[j]
	k := t.key
	if e.flags&lxSpecial != 0 {
		m.flags |= mSpecial
	}
	switch {
	case e.flags&lxFuture != 0:
		m.flags |= mFuture
		return false
	case e.flags&lxRetro != 0 || k == "last":
		m.flags |= mRetro
		return false
	case e.flags&lxConn != 0:
		if k == "annual" {
			m.flags |= mAnnual
		}
		return true
	case (k == "and" || k == "of" || k == "for") && m.flags&mProper != 0 && j > 0 && s.c.toks[j-1].upper &&
		s.lex(j-1).flags&lxStop == 0 && s.joined(j-1):
		return true // Basra Oil and Gas Exhibition, Organisation of Islamic Cooperation summit
	case e.flags&(lxStop|lxDecoy) != 0 || t.arabic:
		return false
	case t.digits:
		// G20: digits glued to letters are part of a name, COP29 is an edition
		return s.gluedDigits(j) && s.lex(j-1).flags&lxAcronym == 0
	case t.upper:
		m.flags |= mProper
		return true
	case *lower >= 3 || t.date&dwMonth != 0:
		return false
	}
	*lower++
	m.flags |= mLower
	return true
}

// gluedDigits reports whether digits token j belong to the letters before
// them: G20, G-20.
func (s *evScan) gluedDigits(j int) bool {
	toks := s.c.toks
	if j <= 0 || !toks[j].digits || toks[j-1].digits || toks[j-1].arabic {
		return false
	}
	g := s.c.text[toks[j-1].end:toks[j].start]
	return g == "" || g == "-" && len(toks[j-1].key) <= 2 && toks[j-1].upper
}

// numberEndingAt reads an ordinal or a year that ends at token j: the
// ordinal's value or the year, and where it starts.
func (s *evScan) numberEndingAt(j int) (v, year, start int) {
	if v, st := s.ordinalEndingAt(j); v > 0 {
		if s.thousandsPart(st) {
			return 0, 0, j // "its 9,850th meeting": a count of sittings, no edition
		}
		return v, 0, st
	}
	if y := s.yearAt(j); y > 0 {
		return 0, y, j
	}
	return 0, 0, j
}

// addNumber records an ordinal or a year.
func (s *evScan) addNumber(mi int32, v, y, pos, anchor int, fl cFlags) {
	if y > 0 {
		fl |= cYear
	}
	s.addCand(mi, v, y, pos, anchor, fl)
}

// moreNumbers reads the other items of a list of ordinals or years ending at
// token j ("the first and second", "1st, 2nd and 3rd", "2023 and 2024");
// it returns the token before the list.
func (s *evScan) moreNumbers(j int, mi int32, anchor int, fl cFlags) int {
	for j >= 0 {
		end := -1
		switch k := s.key(j); {
		case (k == "and" || k == "or") && s.joined(j) && s.joined(j-1):
			end = j - 1
		case s.listed(j) && !s.joined(j):
			end = j
		}
		if end < 0 {
			return j
		}
		v, y, st := s.numberEndingAt(end)
		if v == 0 && y == 0 {
			return j
		}
		s.addNumber(mi, v, y, st, anchor, fl)
		j = st - 1
	}
	return j
}

// relativeYear reads "this year's", "last year's", "next year's" ending at
// token j ("year"), before a mention.
func (s *evScan) relativeYear(m *mention, mi int32, j int) bool {
	if j < 1 || s.key(j) != "year" || !s.joined(j-1) {
		return false
	}
	var fl cFlags
	switch s.key(j - 1) {
	case "this":
		fl = cThisYear
	case "last":
		fl = cRetro
		m.flags |= mRetro
	case "next":
		fl = cFuture
		m.flags |= mFuture
	default:
		return false
	}
	s.relativeYearCand(m, mi, j-1, fl)
	return true
}

// relativeYearCand records the year a relative year names (fl: cThisYear,
// cRetro for last year, cFuture for next year) at token pos.
func (s *evScan) relativeYearCand(m *mention, mi int32, pos int, fl cFlags) {
	if s.c.year == 0 {
		return
	}
	y := s.c.year
	if fl&cRetro != 0 {
		y--
	} else if fl&cFuture != 0 {
		y++
	}
	s.addNumber(mi, 0, y, pos, int(m.head), fl)
}

// hostBefore reads a place before a possessive ("Baghdad's anti-drug
// conference") as the host of the mention.
func (s *evScan) hostBefore(m *mention, j int) bool {
	if j < 0 || !s.isPlace(j) {
		return false
	}
	m.host = [2]int32{int32(j), int32(j)}
	return true
}

// postWalk reads the name after event noun h ("of the Arab League", "on
// Drug Control", "on combating drugs"); it returns the token after it.
func (s *evScan) postWalk(m *mention, j int) int {
	n := len(s.c.toks)
	h := j - 1
	if j+1 >= n || !s.joined(h) || !s.joined(j) {
		return j
	}
	k := s.key(j)
	if k != "of" && k != "on" && k != "for" && k != "to" {
		return j
	}
	from := j + 1
	if s.key(from) == "the" && from+1 < n && s.joined(from) {
		from++
	}
	if s.key(from) == "mount" || s.key(from) == "mountain" {
		return j // the summit of Mount Halgurd
	}
	end := s.capRun(from)
	if end < from && m.flags&mProper == 0 && (k == "on" || k == "for") && !s.c.toks[h].upper {
		end = s.lowerRun(from)
	}
	if end < from {
		return j
	}
	for i := from; i <= end; i++ {
		s.sc.names = append(s.sc.names, int32(i))
	}
	if s.c.toks[from].upper {
		m.flags |= mProper
	} else {
		m.flags |= mLower
	}
	m.last = int32(end)
	return end + 1
}

// capRun returns the last token of a run of capitalised words from k (with
// "and", "of", "in"... between them), or k-1.
func (s *evScan) capRun(k int) int {
	toks, n := s.c.toks, len(s.c.toks)
	end := k - 1
	for j := k; j < n; j++ {
		if j > k && !s.joined(j-1) {
			break
		}
		t := &toks[j]
		e := s.lex(j)
		if t.upper && !t.arabic && e.flags&lxStop == 0 && t.date&dwMonth == 0 {
			end = j
			continue
		}
		if t.digits && s.gluedDigits(j) {
			end = j // G20
			continue
		}
		switch t.key {
		case "and", "of", "the", "for", "on", "in", "to":
			if j+1 < n && s.joined(j) && toks[j+1].upper && !(t.key == "in" && s.isPlace(j+1)) {
				continue
			}
		}
		break
	}
	return end
}

// lowerRun returns the last of up to three lower-case name words from k, or
// k-1: "conference on combating drugs".
func (s *evScan) lowerRun(k int) int {
	toks, n := s.c.toks, len(s.c.toks)
	end := k - 1
	for j := k; j < n && j < k+3; j++ {
		if j > k && !s.joined(j-1) {
			break
		}
		t := &toks[j]
		if t.upper || t.digits || t.arabic || s.lex(j).flags&(lxStop|lxDecoy|lxPresent) != 0 || t.date != dwKnown && t.date != 0 {
			break
		}
		end = j
	}
	return end
}

// afterName reads what follows a name: an acronym with an edition in
// parentheses ("(COP29)", "(WUF12)"), a year ("Doha Forum 2024"), a host
// ("in Manama"), the year it was held ("held in 2024").
func (s *evScan) afterName(m *mention, mi int32, j int) {
	toks, n := s.c.toks, len(s.c.toks)
	if j+3 < n && s.key(j) == "at" && s.key(j+1) == "the" && s.key(j+2) == "summit" && s.key(j+3) == "level" && s.joined(j) {
		// the Arab League Council at the summit level
		s.sc.names = append(s.sc.names, int32(j+2), int32(j+3))
		m.last = int32(j + 3)
		j += 4
	}
	if j >= n || toks[j].sent != toks[j-1].sent {
		return
	}
	if s.gapHas(j, '(') {
		s.parenEdition(m, mi, j)
		return
	}
	if y := s.yearAt(j); y > 0 && s.joined(j-1) {
		s.addNumber(mi, 0, y, j, int(m.head), 0)
		m.year = int16(y)
		return
	}
	if s.key(j) == "in" && s.joined(j) && s.isPlace(j+1) {
		e := j + 1
		for e+1 < n && s.joined(e) && s.isPlace(e+1) {
			e++
		}
		m.host = [2]int32{int32(j + 1), int32(e)}
		j = e + 1
	}
	s.heldIn(m, mi, j)
}

// heldIn reads "in 2024", "held in 2024" within a few words after a name:
// the year it is held, and an edition when the catalogue knows that year's
// ("Iraq will host the next summit in Baghdad in 2025").
func (s *evScan) heldIn(m *mention, mi int32, j int) {
	toks, n := s.c.toks, len(s.c.toks)
	if m.year != 0 || j >= n {
		return
	}
	sent := toks[j-1].sent
	for k := j; k < n && k < j+5 && toks[k].sent == sent; k++ {
		if s.lex(k).flags&(lxHead|lxWeak|lxAnchor) != 0 {
			return
		}
		if (s.key(k) == "in" || s.key(k) == "of") && k+1 < n && s.joined(k) {
			if y := s.yearAt(k + 1); y > 0 {
				m.year = int16(y)
				s.addNumber(mi, 0, y, k+1, int(m.head), 0)
				return
			}
		}
	}
}

// parenEdition reads "(COP29)", "(WUF12)", "(MSC 2025)" at token j.
func (s *evScan) parenEdition(m *mention, mi int32, j int) {
	toks, n := s.c.toks, len(s.c.toks)
	if j+1 >= n || toks[j].digits || !s.allUpper(j) || !toks[j+1].digits || len(toks[j].key) < 2 {
		return
	}
	if g := s.c.text[toks[j].end:toks[j+1].start]; g != "" && g != " " && g != "-" {
		return
	}
	if y := s.yearAt(j + 1); y > 0 {
		s.addNumber(mi, 0, y, j+1, int(m.head), 0)
		m.year = int16(y)
	} else if len(toks[j+1].key) <= 3 {
		s.addCand(mi, tokInt(toks[j+1]), 0, j+1, int(m.head), 0)
	}
}

// acronymMention reads a compact edition: COP29, COP 28, MSC 2025.
func (s *evScan) acronymMention(i int) {
	toks, n := s.c.toks, len(s.c.toks)
	j := i + 1
	if j >= n || !toks[j].digits || toks[j].sent != toks[i].sent {
		return
	}
	// COP29, COP 28; Cop28 as some papers write it, glued to its number;
	// a name with a year: Davos 2025
	if !toks[i].arabic && !s.allUpper(i) && !(toks[i].upper && (toks[i].end == toks[j].start || s.yearAt(j) > 0)) {
		return
	}
	if g := s.c.text[toks[i].end:toks[j].start]; g != "" && g != " " && g != "-" && g != "\u00a0" {
		return
	}
	v, y := 0, s.yearAt(j)
	if y == 0 {
		if len(toks[j].key) > 3 {
			return
		}
		v = tokInt(toks[j])
	}
	mi := int32(len(s.sc.mentions))
	m := s.newMention(i)
	m.noun = 0
	m.flags |= mProper | mAcronym
	m.last = int32(j)
	m.cat = int32(s.f.cat.acronyms[stripArticle(toks[i].key)])
	s.sc.names = append(s.sc.names, int32(i))
	m.names[1] = int32(len(s.sc.names))
	s.addNumber(mi, v, y, j, i, 0)
	if y > 0 {
		m.year = int16(y)
	}
	s.sc.mentions = append(s.sc.mentions, m)
}

// englishAnchor reads the editions an English edition noun counts: "the
// third edition of ...", "the 79th session of the UN General Assembly",
// "the first and second editions", "the 2023 edition".
func (s *evScan) englishAnchor(a int) {
	toks, n := s.c.toks, len(s.c.toks)
	mark := len(s.sc.cands)
	fl := cAnchor
	if strings.HasPrefix(toks[a].key, "session") {
		fl |= cSession
	}
	j := a - 1
	for j >= 0 && s.joined(j) && s.lex(j).flags&lxConn != 0 {
		j--
	}
	if j < 0 || !s.joined(j) {
		return
	}
	v, y, st := s.numberEndingAt(j)
	if v == 0 && y == 0 {
		return
	}
	if k := st - 1; k >= 0 && (s.key(k) == "its" || s.key(k) == "their") && s.joined(k) {
		fl &^= cSession // "in its 47th session": an edition, not a sitting
	}
	s.addNumber(-1, v, y, st, a, fl)
	j = s.moreNumbers(st-1, -1, a, fl)
	target := int32(-1)
	if j >= 1 && s.isPossessive(j) {
		target = s.mentionAt(j - 1)
	}
	if a+1 < n && s.key(a+1) == "of" && s.joined(a) {
		target = s.headAfter(a + 2)
		if k := a + 2; target < 0 && k < n && s.joined(a+1) {
			if s.key(k) == "the" && k+1 < n && s.joined(k) {
				k++
			}
			target = s.catalogueName(k) // "the ninth edition of the Future Investment Initiative"
		}
		if target < 0 {
			s.sc.cands = s.sc.cands[:mark] // "the second session of parliament"
			return
		}
	}
	if target >= 0 && fl&cSession != 0 {
		m := &s.sc.mentions[target]
		if m.flags&(mProper|mLower|mAcronym) == 0 && !s.f.nouns[m.noun-1].weak {
			s.sc.cands = s.sc.cands[:mark] // "the second session of the conference": a sitting
			return
		}
	}
	for ci := mark; ci < len(s.sc.cands); ci++ {
		s.sc.cands[ci].mention = target
	}
}

// mentionAt returns the live mention whose span holds token i, or -1.
func (s *evScan) mentionAt(i int) int32 {
	for mi := range s.sc.mentions {
		m := &s.sc.mentions[mi]
		if m.flags&mDead == 0 && int32(i) >= m.first && int32(i) <= m.last {
			return int32(mi)
		}
	}
	return -1
}

// headAfter returns the mention that the words from token k lead to
// ("the Baghdad International Conference", "the UN General Assembly"), or -1.
func (s *evScan) headAfter(k int) int32 {
	n := len(s.c.toks)
	for j := k; j < n && j < k+9; j++ {
		if j > k && !s.joined(j-1) {
			return -1
		}
		if mi := s.mentionAt(j); mi >= 0 {
			return mi
		}
		if e := s.lex(j); e.flags&lxStop != 0 && s.key(j) != "the" || e.flags&lxDecoy != 0 {
			return -1
		}
	}
	return -1
}

// ownerWords are lower-case nouns that may stand between a body's name and
// the verb of "its Nth meeting": "the OPEC+ group held its 38th meeting".
var ownerWords = map[string]bool{"group": true, "alliance": true, "bloc": true, "organisation": true,
	"organization": true, "body": true, "forum": true}

// notOwnerWords make a body whose numbered sittings are no events: a
// cabinet's or parliament's 25th session.
var notOwnerWords = map[string]bool{"cabinet": true, "parliament": true, "ministers": true, "government": true,
	"senate": true, "house": true, "representatives": true, "court": true, "committee": true,
	"assembly": true, "legislature": true, "majlis": true, "board": true, "party": true, "congress": true,
	"provincial": true, "municipal": true, "local": true, "city": true, "county": true, "governorate": true}

// joinedPlus is joined, also across the plus of "OPEC+ group".
func (s *evScan) joinedPlus(i int) bool {
	toks := s.c.toks
	if i < 0 || i+1 >= len(toks) || toks[i].sent != toks[i+1].sent {
		return false
	}
	return softGap(strings.Replace(s.c.text[toks[i].end:toks[i+1].start], "+", "", 1))
}

// ownerName reads the name of the body that owns the event of "its Nth
// session" (at token k, "its"): "the Human Rights Council opened its 58th
// session". The owner stands in the same clause, ended by a verb of holding
// (and a collective noun: "the OPEC+ group held"). Its words come first in
// buf's order (buf holds the name right to left); it returns the new count.
func (s *evScan) ownerName(m *mention, k int, buf []int32, nb int) int {
	toks := s.c.toks
	j := k - 1
	verb := false
	for ; j >= 0 && s.joinedPlus(j) && k-j <= 3; j-- {
		t := &toks[j]
		if t.upper || t.digits || t.arabic {
			break
		}
		switch e := s.lex(j); {
		case e.flags&lxStop != 0 && !verb:
			verb = true
		case ownerWords[t.key] && verb:
		default:
			return nb
		}
	}
	if !verb {
		return nb
	}
	var own [6]int32
	no := 0
	for ; j >= 0 && no < len(own); j-- {
		t := &toks[j]
		if !s.joinedPlus(j) {
			break
		}
		if notOwnerWords[t.key] {
			return nb
		}
		if (t.key == "of" || t.key == "and") && no > 0 && j > 0 && toks[j-1].upper {
			own[no] = int32(j)
			no++
			continue
		}
		if !t.upper || t.arabic || len(t.key) < 2 || s.lex(j).flags&(lxStop|lxDecoy) != 0 {
			break
		}
		own[no] = int32(j)
		no++
	}
	if no == 0 || toks[own[no-1]].key == "of" || toks[own[no-1]].key == "and" || nb+no > len(buf) {
		return nb
	}
	for i := range no {
		buf[nb] = own[i]
		nb++
	}
	m.first = own[no-1]
	m.flags |= mProper
	return nb
}

// ofAfter reports whether "of" follows token h: "its third session of
// talks" names what the session is of, not its owner's event.
func (s *evScan) ofAfter(h int) bool {
	return h+1 < len(s.c.toks) && s.joined(h) && s.key(h+1) == "of"
}

// thousandsPart reports whether digits token i follows other digits across
// a comma or point: the end of 9,850 or 2.5.
func (s *evScan) thousandsPart(i int) bool {
	toks := s.c.toks
	if i <= 0 || !toks[i].digits || !toks[i-1].digits || toks[i-1].sent != toks[i].sent {
		return false
	}
	g := s.c.text[toks[i-1].end:toks[i].start]
	return g == "," || g == "."
}
