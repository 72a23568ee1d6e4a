package extract

import (
	"strings"
	"unicode/utf8"
)

// mention is one event noun of a text with the name around it.
type mention struct {
	head, first, last int32    // the event noun (or acronym) and the name's span
	names             [2]int32 // sc.names[names[0]:names[1]]: the name's words, event noun included
	noun              uint8    // 1 + index of the event noun; 0 for an acronym
	flags             mFlags
	year              int16    // the year it is held, as written next to it
	host              [2]int32 // token span of a host place ("in Manama", "Baghdad summit"), -1 for none
	cat               int32    // catalogue series, -1 until resolved
	slot              int32    // series slot, -1 for none
}

type mFlags uint32

const (
	mProper    mFlags = 1 << iota // a capitalised (or Arabic) name word
	mLower                        // a lower-case name word
	mAnnual                       // "annual": a recurring event
	mFuture                       // "next summit", القمة المقبلة
	mRetro                        // "previous summit", القمة السابقة
	mAcronym                      // COP29
	mTitle                        // in the headline
	mLead                         // in the lead
	mPresent                      // a word of the event being held in its sentence
	mDead                         // no event after all
	mPlaceOnly                    // only a place names it: "the Baghdad summit"
	mBare                         // no name: "the summit", القمة
	mTopic                        // its series was found by a topic word
	mSpecial                      // an emergency or extraordinary meeting: no edition of the series
)

// candidate is an edition a text names.
type candidate struct {
	mention int32 // -1: an edition noun that names no event here
	value   int32 // the edition; 0 when only the year is known
	year    int16 // the year it was held, when written instead of (or besides) the ordinal
	pos     int32 // token of the ordinal (or year)
	anchor  int32 // token of the noun it counts
	flags   cFlags
	score   int32
}

type cFlags uint16

const (
	cAnchor   cFlags = 1 << iota // counted by an edition noun: "third edition"
	cSession                     // counted by "session"
	cRetro                       // looks back
	cPresent                     // being held
	cFuture                      // looks ahead
	cDecoy                       // no edition: "the first summit since 1990"
	cThisYear                    // "this year's"
	cHost                        // from a host place, not written
	cYear                        // from a year, not written as an ordinal
)

// joined reports whether tokens i and i+1 belong to one phrase: same
// sentence, only a space, hyphen or apostrophe between.
func (s *evScan) joined(i int) bool {
	toks := s.c.toks
	if i < 0 || i+1 >= len(toks) || toks[i].sent != toks[i+1].sent {
		return false
	}
	return softGap(s.c.text[toks[i].end:toks[i+1].start])
}

// listed reports whether tokens i and i+1 may be items of one list: joined,
// or separated by a comma.
func (s *evScan) listed(i int) bool {
	if s.joined(i) {
		return true
	}
	toks := s.c.toks
	if i < 0 || i+1 >= len(toks) || toks[i].sent != toks[i+1].sent {
		return false
	}
	g := strings.TrimSpace(s.c.text[toks[i].end:toks[i+1].start])
	return g == "," || g == "،"
}

// yearAt returns the year token i writes, or 0.
func (s *evScan) yearAt(i int) int {
	t := &s.c.toks[i]
	if !t.digits || len(t.key) != 4 {
		return 0
	}
	if y := tokInt(*t); y >= 1950 && y <= 2100 {
		return y
	}
	return 0
}

func (s *evScan) lex(i int) lexEntry { return s.c.infos[i].lex }

func (s *evScan) key(i int) string { return s.c.toks[i].key }

// isPlace reports whether token i is (part of) a place name.
func (s *evScan) isPlace(i int) bool {
	return s.lex(i).flags&lxPlace != 0
}

// gapHas reports whether the gap before token i holds c.
func (s *evScan) gapHas(i int, c byte) bool {
	if i <= 0 {
		return false
	}
	return strings.IndexByte(s.c.text[s.c.toks[i-1].end:s.c.toks[i].start], c) >= 0
}

// allUpper reports whether token i is written in capitals.
func (s *evScan) allUpper(i int) bool {
	t := &s.c.toks[i]
	w := s.c.text[t.start:t.end]
	for j := 0; j < len(w); j++ {
		if c := w[j]; c >= 'a' && c <= 'z' {
			return false
		}
	}
	return t.upper
}

// addCand records an edition for mention mi.
func (s *evScan) addCand(mi int32, value, year, pos, anchor int, fl cFlags) {
	if value < 0 || value > 999 || len(s.sc.cands) >= 4*maxHits {
		return
	}
	s.sc.cands = append(s.sc.cands, candidate{mention: mi, value: int32(value), year: int16(year),
		pos: int32(pos), anchor: int32(anchor), flags: fl})
}

// newMention starts a mention at event noun h.
func (s *evScan) newMention(h int) mention {
	return mention{head: int32(h), first: int32(h), last: int32(h), noun: s.lex(h).head,
		names: [2]int32{int32(len(s.sc.names)), int32(len(s.sc.names))}, host: [2]int32{-1, -1}, cat: -1, slot: -1}
}

// ordinalAt reads an ordinal starting at token i: its value and how many
// tokens it takes (0 for none).
func (s *evScan) ordinalAt(i int) (int, int) {
	toks, n := s.c.toks, len(s.c.toks)
	t := &toks[i]
	e := s.lex(i)
	switch {
	case t.digits:
		if len(t.key) <= 3 && isOrdinalSuffix(toks, i+1) {
			return tokInt(*t), 2
		}
	case t.arabic:
		return s.arabicOrdinalAt(i, false)
	case e.tens > 0:
		if i+1 < n && s.joined(i) && s.lex(i+1).ordinal > 0 && s.lex(i+1).ordinal < 10 && !toks[i+1].arabic {
			return int(e.tens) + int(s.lex(i+1).ordinal), 2
		}
	case e.ordinal > 0:
		if t.key == "first" && i+1 < n && s.key(i+1) == "ever" && s.joined(i) {
			return 1, 2
		}
		return int(e.ordinal), 1
	}
	return 0, 0
}

// arabicOrdinalAt reads an Arabic ordinal at token i: الثالث, الرابعة
// والثلاثين, الحادي عشر, الـ33; with tens, العشرين alone too (after an
// edition noun: in a name it is a number, قمة العشرين).
func (s *evScan) arabicOrdinalAt(i int, tens bool) (int, int) {
	toks, n := s.c.toks, len(s.c.toks)
	e := s.lex(i)
	k := toks[i].key
	if k == "ال" && i+1 < n && toks[i+1].digits && len(toks[i+1].key) <= 3 && (s.joined(i) || s.parenNumber(i+1)) {
		return tokInt(toks[i+1]), 2 // الـ33, الـ(33)
	}
	if e.tens > 0 && tens && hasArticle(k) {
		return int(e.tens), 1
	}
	if e.ordinal <= 0 || i > 0 && s.lex(i-1).flags&lxMonth != 0 {
		return 0, 0
	}
	unit := int(e.ordinal)
	if i+1 < n && s.joined(i) && unit < 10 {
		next := s.lex(i + 1)
		if next.flags&lxTeen != 0 {
			if unit == 1 && e.flags&lxCompound == 0 {
				return 0, 0 // الأول عشر is no ordinal
			}
			return unit + 10, 2
		}
		if next.tens > 0 && strings.HasPrefix(toks[i+1].key, "و") {
			return unit + int(next.tens), 2
		}
	}
	if e.flags&lxCompound != 0 {
		return 0, 0
	}
	return unit, 1
}

func hasArticle(k string) bool {
	if r, sz := utf8.DecodeRuneInString(k); r == 'و' {
		k = k[sz:]
	}
	return strings.HasPrefix(k, "ال") || strings.HasPrefix(k, "لل")
}

// parenNumber reports whether token i is a number in parentheses right
// after the token before it: الدورة (33), الـ(34).
func (s *evScan) parenNumber(i int) bool {
	toks := s.c.toks
	if i <= 0 || i+1 > len(toks) || toks[i].sent != toks[i-1].sent {
		return false
	}
	g := strings.TrimSpace(s.c.text[toks[i-1].end:toks[i].start])
	if g != "(" {
		return false
	}
	rest := s.c.text[toks[i].end:]
	return strings.HasPrefix(strings.TrimLeft(rest, " "), ")")
}

// ordinalEndingAt reads an ordinal that ends at token j, reading leftwards:
// its value and first token (v == 0 for none).
func (s *evScan) ordinalEndingAt(j int) (v, start int) {
	toks := s.c.toks
	t := &toks[j]
	switch t.key {
	case "st", "nd", "rd", "th":
		if j > 0 && toks[j-1].digits && len(toks[j-1].key) <= 3 && toks[j-1].end == t.start {
			return tokInt(toks[j-1]), j - 1
		}
		return 0, 0
	}
	e := s.lex(j)
	if e.ordinal > 0 && !t.arabic {
		if e.ordinal < 10 && j > 0 && s.lex(j-1).tens > 0 && s.joined(j-1) {
			return int(s.lex(j-1).tens) + int(e.ordinal), j - 1
		}
		return int(e.ordinal), j
	}
	if r := s.romanAt(j); r > 0 {
		return r, j
	}
	return 0, 0
}

// romanAt reads a Roman numeral written in capitals before a capitalised
// name ("the XXV Summit"), not after one ("Pope Leo XIV").
func (s *evScan) romanAt(j int) int {
	toks := s.c.toks
	t := &toks[j]
	if t.arabic || t.digits || len(t.key) < 2 || len(t.key) > 7 || !s.allUpper(j) {
		return 0
	}
	if j > 0 && toks[j-1].upper && toks[j-1].sent == t.sent && s.key(j-1) != "the" {
		return 0
	}
	if j+1 >= len(toks) || !toks[j+1].upper {
		return 0
	}
	return romanValue(t.key)
}

// romanValue returns the value of a lower-case Roman numeral from 2 to 99, or 0.
func romanValue(k string) int {
	total, prev := 0, 0
	for i := len(k) - 1; i >= 0; i-- {
		v := 0
		switch k[i] {
		case 'i':
			v = 1
		case 'v':
			v = 5
		case 'x':
			v = 10
		case 'l':
			v = 50
		case 'c':
			v = 100
		default:
			return 0
		}
		if v < prev {
			total -= v
		} else {
			total += v
			prev = v
		}
	}
	if total < 2 || total > 99 || romanString(total) != k {
		return 0
	}
	return total
}

func romanString(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}
