package extract

import (
	"strings"

	"github.com/briefs/briefs/internal/brief"
)

// The event finder reads which recurring event a brief is about and which
// editions it mentions, in phases:
//
//  1. collect: the event nouns, edition nouns and acronyms of the text (a
//     brief without any is about no event);
//  2. mentions: each event noun with the name around it ("the 34th Arab
//     League summit", "مؤتمر بغداد الدولي الثالث لمكافحة المخدرات"), the
//     ordinals, years and host places that go with it; edition nouns
//     ("the third edition of ...", "الدورة الـ33 لـ...") and compact forms
//     ("COP29", "MSC 2025") give more;
//  3. resolve: each name becomes a series: one of the catalogue, by its
//     names, acronyms, topics or hosts, or one keyed from its own words;
//     bare nouns ("the summit") and host labels ("the Baghdad summit")
//     refer to a series named elsewhere in the brief;
//  4. score: what the words around each edition say (being held, past,
//     next), where it stands (headline, lead) and what year it was held;
//  5. choose: the series most written about, then its best edition; the
//     other editions are mentions.
//
// Nothing here depends on the catalogue to find an event: it only names
// series the texts name in many ways, and knows editions by year.

// eventFinder finds events; it is immutable.
type eventFinder struct {
	keyer
	cat *catalogue
}

// newEventFinderFor builds the event vocabulary and the catalogue (the
// built-in one unless opt says not, and opt's series); places are the
// gazetteer's and the dateline places, which name hosts.
func newEventFinderFor(opt Options, g *gazetteer, places map[string]bool) (*eventFinder, error) {
	lex, nouns := buildLexicon()
	k := keyer{lex: lex, nouns: nouns}
	var builtin []SeriesDecl
	if !opt.NoCatalogue {
		var err error
		if builtin, err = Catalogue(); err != nil {
			return nil, err
		}
	}
	cat, err := newCatalogue(k, builtin, opt.Series)
	if err != nil {
		return nil, err
	}
	flag := func(key string, fl lexFlags) {
		e := lex[key]
		e.flags |= fl
		lex[key] = e
	}
	for _, src := range []map[string]bool{places, g.placeKeys()} {
		for key := range src {
			if len(key) > 3 && !strings.Contains(key, " ") {
				flag(key, lxPlace)
			}
		}
	}
	for _, w := range cat.placeWords() {
		flag(w, lxPlace)
		if isArabicKey(w) {
			flag("ال"+w, lxPlace)
		}
	}
	for a := range cat.acronyms {
		flag(a, lxAcronym)
	}
	return &eventFinder{keyer: k, cat: cat}, nil
}

// resolve returns the series a name stands for: a known series, or one
// keyed from the name's words as series found in texts are.
func (f *eventFinder) resolve(name string) brief.Series {
	if s, ok := f.lookup(name); ok {
		return s
	}
	name = strings.TrimSpace(name)
	key, _ := f.nameKey(name)
	if key == "" {
		return brief.Series{}
	}
	return brief.Series{Key: key, Name: name}
}

// lookup finds a known series by key, name, alias or acronym.
func (f *eventFinder) lookup(s string) (brief.Series, bool) {
	c := f.cat
	s = strings.TrimSpace(s)
	if i, ok := c.lookup[s]; ok {
		return c.series[i].brief(), true
	}
	if i, ok := c.lookup[lookupKey(s)]; ok {
		return c.series[i].brief(), true
	}
	if nk, _ := f.nameKey(s); nk != "" {
		if i, ok := c.byName[nk]; ok {
			return c.series[i].brief(), true
		}
	}
	if i, ok := c.acronyms[lookupKey(s)]; ok {
		return c.series[i].brief(), true
	}
	return brief.Series{}, false
}

// editionContext is what the finder needs to know about the brief.
type editionContext struct {
	text      string
	toks      []token
	infos     []tokInfo
	titleEnd  int // byte offset where the title ends
	bodyStart int // byte offset where the body starts
	year      int // publication year, 0 if unknown
}

// statedEvent is what front matter says about the event.
type statedEvent struct {
	series  string
	edition int
}

// eventResult is the event a brief is about and the editions it mentions.
type eventResult struct {
	series    brief.Series
	edition   int
	inferred  bool
	year      int
	mentioned []int
	events    []brief.Event
}

// apply stores r in b.
func (r eventResult) apply(b *brief.Brief) {
	b.Series, b.Edition, b.EditionInferred, b.EventYear = r.series, r.edition, r.inferred, r.year
	b.EditionsMentioned, b.EventsMentioned = r.mentioned, r.events
}

// eventScratch is the working memory of the finder, reused across briefs.
type eventScratch struct {
	hits     []int32 // tokens of event nouns, edition nouns and acronyms
	mentions []mention
	cands    []candidate
	names    []int32 // tokens of mentions' names (see mention.names)
	slots    []slot
	keys     []byte  // generic series keys of slots, back to back
	buf      []byte  // a key being built
	used     []int32 // edition nouns a mention has read already
	eds      []int   // editions mentioned, being collected
	evs      []slotEvent
}

// find returns the event a brief is about.
func (f *eventFinder) find(c editionContext, st statedEvent, sc *eventScratch) eventResult {
	s := evScan{f: f, c: &c, sc: sc}
	s.reset()
	if !s.collect() && st.series == "" {
		return eventResult{edition: st.edition}
	}
	s.fbs = firstBodySent(c.toks, c.bodyStart)
	s.mentions()
	s.anchors()
	s.ellipses()
	s.resolve()
	s.score()
	return s.choose(st)
}

// evScan is one run of the finder over a brief.
type evScan struct {
	f   *eventFinder
	c   *editionContext
	sc  *eventScratch
	fbs int32 // the first sentence of the body
}

func (s *evScan) reset() {
	sc := s.sc
	sc.hits, sc.mentions, sc.cands, sc.names = sc.hits[:0], sc.mentions[:0], sc.cands[:0], sc.names[:0]
	sc.slots, sc.keys, sc.used = sc.slots[:0], sc.keys[:0], sc.used[:0]
}

// maxHits bounds the event nouns read in one brief: the first ones tell
// what it is about, and the later phases cost the square of their number.
const maxHits = 80

// collect finds the event nouns, edition nouns and acronyms; it reports
// whether there are any.
func (s *evScan) collect() bool {
	const want = lxHead | lxWeak | lxAnchor | lxAnchorPron | lxAcronym
	infos := s.c.infos
	for i := range infos {
		if infos[i].lex.flags&want != 0 {
			s.sc.hits = append(s.sc.hits, int32(i))
			if len(s.sc.hits) == maxHits {
				break
			}
		}
	}
	return len(s.sc.hits) > 0
}

// mentions reads a mention at every event noun and acronym.
func (s *evScan) mentions() {
	end := int32(-1) // the last token of the last Arabic mention: nouns inside its name are part of it
	for _, h := range s.sc.hits {
		i := int(h)
		fl := s.c.infos[i].lex.flags
		switch {
		case fl&lxAcronym != 0:
			s.acronymMention(i)
		case fl&(lxHead|lxWeak) == 0 || h <= end:
		case s.c.toks[i].arabic:
			if s.isArabicHead(i) {
				end = s.arabicMention(i)
			}
		case s.isEnglishHead(i):
			s.englishMention(i)
		}
	}
}

// anchors reads the editions that edition nouns count.
func (s *evScan) anchors() {
	for _, h := range s.sc.hits {
		i := int(h)
		fl := s.c.infos[i].lex.flags
		if fl&(lxAnchor|lxAnchorPron) == 0 || s.usedAnchor(h) {
			continue
		}
		if s.c.toks[i].arabic {
			s.arabicAnchor(i)
		} else {
			s.englishAnchor(i)
		}
	}
}

// ellipses reads ordinals whose event noun is left out, after a mention in
// the same sentence: "the first conference in 2023 and the second in 2024",
// المؤتمر الأول عام 2023 والثاني عام 2024.
func (s *evScan) ellipses() {
	toks, n := s.c.toks, len(s.c.toks)
	for mi := range s.sc.mentions {
		m := &s.sc.mentions[mi]
		if m.flags&mDead != 0 || !s.hasCand(int32(mi)) {
			continue
		}
		sent := toks[m.head].sent
		for j := int(m.last) + 1; j < n && toks[j].sent == sent; j++ {
			if s.lex(j).flags&(lxHead|lxWeak|lxAnchor) != 0 {
				break
			}
			v, w := s.ordinalAt(j)
			if v == 0 || j+w+1 >= n {
				continue
			}
			k := j + w
			if s.key(k) == "in" || s.key(k) == "في" || stripArticle(s.key(k)) == "عام" {
				if y := s.yearAt(k + 1); y > 0 && toks[k+1].sent == sent {
					s.addCand(int32(mi), v, y, j, int(m.head), 0)
				}
			}
			j = k - 1
		}
	}
}

func (s *evScan) usedAnchor(i int32) bool {
	for _, u := range s.sc.used {
		if u == i {
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
