package extract

import "strings"

// Arabic mentions: the name follows the event noun, and so do ordinals
// ("مؤتمر بغداد الدولي الثالث لمكافحة المخدرات", "القمة العربية الـ34");
// edition nouns come first ("الدورة الثالثة والثلاثين للقمة العربية",
// "النسخة الثانية من مؤتمر ...") or after ("القمة العربية في دورتها الـ34").

// isArabicHead reports whether event noun i names an event: not a press
// conference (مؤتمر صحفي) or a conference hall (قاعة المؤتمرات).
func (s *evScan) isArabicHead(i int) bool {
	if i > 0 && s.joined(i-1) && s.lex(i-1).flags&lxNotHeadPrev != 0 {
		return false
	}
	if i+1 < len(s.c.toks) && s.joined(i) && s.lex(i+1).flags&lxPressMod != 0 {
		return false
	}
	return true
}

// arabicMention reads the mention at event noun h; it returns the last
// token of its name.
func (s *evScan) arabicMention(h int) int32 {
	toks := s.c.toks
	mi := int32(len(s.sc.mentions))
	m := s.newMention(h)
	s.sc.names = append(s.sc.names, int32(h))
	// أول قمة، ثالث مؤتمر: an ordinal without article before the noun
	if h > 0 && s.joined(h-1) && toks[h-1].arabic && !hasArticle(toks[h-1].key) && !hasArticle(toks[h].key) {
		if v, w := s.arabicOrdinalAt(h-1, false); v > 0 && w == 1 {
			s.addCand(mi, v, 0, h-1, h, 0)
		}
	}
	j := s.arabicName(&m, mi, h+1)
	s.arabicTail(&m, mi, j)
	m.names[1] = int32(len(s.sc.names))
	s.sc.mentions = append(s.sc.mentions, m)
	return m.last
}

// arabicName reads the name after an Arabic event noun, with the ordinals in
// it; it returns the token after it.
func (s *evScan) arabicName(m *mention, mi int32, j int) int {
	toks, n := s.c.toks, len(s.c.toks)
	h := int(m.head)
	words := 0
	afterOrd := false
	prevDef := hasArticle(toks[h].key)
	for j < n && s.joined(j-1) && words < 7 {
		if v, w := s.arabicOrdinalAt(j, false); v > 0 {
			s.addCand(mi, v, 0, j, h, 0)
			j += w
			m.last = int32(j - 1)
			afterOrd = true
			continue
		}
		t := &toks[j]
		if !t.arabic || afterOrd && !strings.HasPrefix(t.key, "ل") {
			break // after an ordinal only a complement goes on: الثالث لمكافحة المخدرات
		}
		afterOrd = false
		e := s.lex(j)
		if e.flags&lxSpecial != 0 {
			m.flags |= mSpecial
		}
		if e.flags&(lxFuture|lxRetro) != 0 && e.flags&lxSince == 0 {
			if e.flags&lxFuture != 0 {
				m.flags |= mFuture
			} else {
				m.flags |= mRetro
			}
			if v, _ := s.arabicOrdinalAt(min(j+1, n-1), false); j+1 < n && s.joined(j) && v > 0 {
				j++ // القمة المقبلة الرابعة والثلاثين
				continue
			}
			break
		}
		const ends = lxStop | lxPresent | lxDecoy | lxAnchor | lxAnchorPron | lxCue | lxPressMod | lxTeen | lxCompound
		if e.flags&ends != 0 || e.flags&lxMonth != 0 && j+1 < n && s.lex(j+1).ordinal != 0 {
			break // كانون الثاني; but ربيع الشهادة is a name
		}
		// a conjunction ends the name unless it joins two definite words
		// (للثقافات والفنون); a few words start with و (مؤتمر وزراء)
		if strings.HasPrefix(t.key, "و") && !strings.HasPrefix(t.key, "وال") && (words > 0 || !wawWords[t.key]) {
			break
		}
		// after a definite word only a definite word (القمة العربية) or a
		// genitive with ل (المؤتمر الدولي لمكافحة) goes on: المؤتمر ناقش
		// is a sentence
		if prevDef && !hasArticle(t.key) && !strings.HasPrefix(t.key, "ل") {
			break
		}
		prevDef = hasArticle(t.key)
		s.sc.names = append(s.sc.names, int32(j))
		words++
		m.flags |= mProper
		m.last = int32(j)
		j++
	}
	if words == 0 {
		m.flags &^= mProper
	}
	return j
}

// wawWords are words of names that start with و of their own.
var wawWords = map[string]bool{"وزراء": true, "وزير": true, "وزاري": true, "وزاريه": true, "وطني": true,
	"وطنيه": true, "ولايه": true, "وكاله": true, "وحده": true, "ورشه": true}

// arabicTail reads what follows an Arabic name: "على مستوى القمة", an edition
// noun with a pronoun and its ordinal (في دورتها الـ34), a host (في
// المنامة), a year (لعام 2024), a relative year (العام الماضي).
func (s *evScan) arabicTail(m *mention, mi int32, j int) {
	toks, n := s.c.toks, len(s.c.toks)
	if j >= n || toks[j].sent != toks[j-1].sent {
		return
	}
	if j+2 < n && s.key(j) == "علي" && s.key(j+1) == "مستوي" && stripArticle(s.key(j+2)) == "قمه" && s.joined(j) && s.joined(j+1) {
		// مجلس جامعة الدول العربية على مستوى القمة
		s.sc.names = append(s.sc.names, int32(j), int32(j+1), int32(j+2))
		m.last = int32(j + 2)
		j += 3
		if j >= n || toks[j].sent != toks[j-1].sent {
			return
		}
	}
	if j+1 < n && s.lex(j).flags&(lxFuture|lxRetro) != 0 && s.joined(j) && s.key(j+1) == "في" {
		// القمة العربية المقبلة في بغداد
		if s.lex(j).flags&lxFuture != 0 {
			m.flags |= mFuture
		} else {
			m.flags |= mRetro
		}
		j++
	}
	k := j
	if s.key(k) == "في" && s.joined(k) {
		k++
	}
	if k < n && s.lex(k).flags&lxAnchorPron != 0 && s.joined(k-1) {
		if s.notOwner(m) {
			m.flags |= mDead // مجلس الوزراء دورته الحادية عشرة: a sitting
			s.sc.used = append(s.sc.used, int32(k))
			return
		}
		s.sc.used = append(s.sc.used, int32(k))
		s.arabicOrdinals(mi, k+1, k, 0)
		return
	}
	if s.key(j) == "في" && s.joined(j) && j+1 < n && s.isPlace(j+1) {
		m.host = [2]int32{int32(j + 1), int32(j + 1)}
		return
	}
	if y := s.yearAt(j); y > 0 && s.joined(j-1) {
		s.addNumber(mi, 0, y, j, int(m.head), 0)
		m.year = int16(y)
		return
	}
	s.arabicRelativeYear(m, mi, j)
}

// arabicRelativeYear reads العام الماضي، العام المقبل، هذا العام، لعام 2024
// after a name.
func (s *evScan) arabicRelativeYear(m *mention, mi int32, j int) {
	n := len(s.c.toks)
	if j+1 >= n || !s.joined(j) {
		return
	}
	k1, k2 := stripArticle(arabicNameWord(s.key(j))), stripArticle(s.key(j+1))
	if k1 == "لعام" || k1 == "عام" {
		if y := s.yearAt(j + 1); y > 0 {
			s.addNumber(mi, 0, y, j+1, int(m.head), 0)
			m.year = int16(y)
			return
		}
	}
	var fl cFlags
	switch {
	case k1 == "هذا" && k2 == "عام", k1 == "عام" && (k2 == "حالي" || k2 == "جاري"):
		fl = cThisYear
	case k1 == "عام" && (k2 == "ماضي" || k2 == "فائت"):
		fl = cRetro
		m.flags |= mRetro
	case k1 == "عام" && (k2 == "مقبل" || k2 == "قادم"):
		fl = cFuture
		m.flags |= mFuture
	default:
		return
	}
	s.relativeYearCand(m, mi, j, fl)
}

// arabicOrdinals reads the ordinals after an edition noun at anchor, from
// token k (العادية الرابعة والثلاثين، الـ33، 33); it returns the token after
// them and how many it read.
func (s *evScan) arabicOrdinals(mi int32, k, anchor int, fl cFlags) (int, int) {
	toks, n := s.c.toks, len(s.c.toks)
	for k < n && s.joined(k-1) && s.lex(k).flags&(lxDrop|lxRetro|lxFuture) != 0 {
		// العادية؛ السابقة، المقبلة: the edition's tense
		if s.lex(k).flags&lxRetro != 0 {
			fl |= cRetro
		} else if s.lex(k).flags&lxFuture != 0 {
			fl |= cFuture
		}
		k++
	}
	count := 0
	for k < n && (s.joined(k-1) || s.parenNumber(k)) {
		v, w := s.arabicOrdinalAt(k, true)
		if v == 0 && toks[k].digits && len(toks[k].key) <= 3 {
			v, w = tokInt(toks[k]), 1
		}
		if v == 0 {
			if y := s.yearAt(k); y > 0 {
				s.addNumber(mi, 0, y, k, anchor, fl)
				count++
				k++
				continue
			}
			break
		}
		s.addCand(mi, v, 0, k, anchor, fl)
		count++
		k += w
	}
	for k < n && s.joined(k-1) && s.lex(k).flags&lxDrop != 0 {
		k++
	}
	return k, count
}

// arabicAnchor reads the editions an Arabic edition noun counts: الدورة
// الثالثة والثلاثين للقمة العربية، النسخة الثانية من مؤتمر، دورتها الـ34.
func (s *evScan) arabicAnchor(a int) {
	n := len(s.c.toks)
	mark := len(s.sc.cands)
	k, count := s.arabicOrdinals(-1, a+1, a, cAnchor)
	if count == 0 {
		return
	}
	target := int32(-1)
	if k < n && s.key(k) == "من" && s.joined(k-1) && k+1 < n && s.joined(k) {
		k++
	}
	if k < n && (s.joined(k-1) || strings.Trim(s.c.text[s.c.toks[k-1].end:s.c.toks[k].start], " )") == "") {
		target = s.mentionAt(k)
		if target >= 0 && s.sc.mentions[target].head != int32(k) {
			target = -1
		}
	}
	if target < 0 && k < n && s.joined(k-1) {
		target = s.catalogueName(k) // النسخة التاسعة من مبادرة مستقبل الاستثمار
	}
	if target < 0 && s.lex(a).flags&lxAnchorPron != 0 {
		target = s.arabicOwner(a) // افتتح مجلس حقوق الإنسان اليوم دورته الـ58
	}
	for ci := mark; ci < len(s.sc.cands); ci++ {
		s.sc.cands[ci].mention = target
	}
}

// notOwnerAr are words that make a body whose numbered sittings are no
// events: a cabinet's, parliament's, council's of a governorate or a
// board's (normalised, without the article).
var notOwnerAr = map[string]bool{"وزراء": true, "نواب": true, "شوري": true, "امه": true, "محافظه": true,
	"محافظين": true, "بلدي": true, "بلديه": true, "اداره": true, "امناء": true, "قضاء": true, "حكومه": true,
	"وطني": true, "تشريعي": true, "شعب": true, "اعيان": true, "دوله": true, "حزب": true, "لجنه": true}

// arabicOwner returns the mention whose body owns the pronoun edition noun
// at a (دورته، نسختها): the nearest one before it in its clause, with no
// other event or edition noun between them, or -1.
func (s *evScan) arabicOwner(a int) int32 {
	for mi := len(s.sc.mentions) - 1; mi >= 0; mi-- {
		m := &s.sc.mentions[mi]
		if m.flags&mDead != 0 || int(m.head) >= a {
			continue
		}
		if int(m.last) >= a || a-int(m.last) > 7 || !s.c.toks[m.head].arabic {
			return -1
		}
		for j := int(m.last); j < a; j++ {
			if !s.joined(j) || j > int(m.last) && s.lex(j).flags&(lxHead|lxWeak|lxAnchor|lxAnchorPron) != 0 {
				return -1
			}
		}
		if s.notOwner(m) {
			return -1
		}
		return int32(mi)
	}
	return -1
}

// notOwner reports whether Arabic mention m names a council whose numbered
// sittings are no events (مجلس الوزراء، مجلس محافظة بغداد).
func (s *evScan) notOwner(m *mention) bool {
	if m.noun == 0 || s.f.nouns[m.noun-1].kind != kindCouncil {
		return false // مؤتمر وزراء الخارجية بدورته: a conference is an event
	}
	for j := int(m.head); j <= int(m.last); j++ {
		if notOwnerAr[stripArticle(arabicNameWord(s.key(j)))] {
			return true
		}
	}
	return false
}

// catalogueName reads a catalogue name with no event noun at token k
// (مبادرة مستقبل الاستثمار, after an edition noun) as a mention of its
// series; it returns the mention, or -1.
func (s *evScan) catalogueName(k int) int32 {
	n := len(s.c.toks)
	if s.lex(k).flags&(lxHead|lxWeak|lxStop) != 0 {
		return -1
	}
	var buf []byte
	cat, last := -1, -1
	for j := k; j < n && j < k+6; j++ {
		if j > k && !s.joined(j-1) || s.lex(j).flags&(lxHead|lxStop) != 0 {
			break
		}
		w := nameWord(s.key(j), s.lex(j), s.f.nouns)
		if w == "" {
			continue
		}
		if len(buf) > 0 {
			buf = append(buf, '-')
		}
		buf = append(buf, w...)
		if c, ok := s.f.cat.byName[string(buf)]; ok && strings.Contains(string(buf), "-") {
			cat, last = c, j
		}
	}
	if cat < 0 {
		return -1
	}
	mi := int32(len(s.sc.mentions))
	m := s.newMention(k)
	m.noun = 0
	m.flags |= mProper | mAcronym
	m.last = int32(last)
	m.cat = int32(cat)
	for j := k; j <= last; j++ {
		s.sc.names = append(s.sc.names, int32(j))
	}
	m.names[1] = int32(len(s.sc.names))
	s.sc.mentions = append(s.sc.mentions, m)
	return mi
}
