package extract

import (
	"strings"

	"github.com/biter777/countries"

	"github.com/briefs/briefs/internal/brief"
)

// applyCountries fills b.Countries: the countries the text names (and the
// dateline hint, when the layout gave one), restricted to the stated ones
// when the brief states any.
func (x *Extractor) applyCountries(b *brief.Brief, text string, toks []token, infos []tokInfo, datelineHint bool, sc *scratch) {
	g := x.gaz
	n := len(g.countries)
	if cap(sc.counts) < n {
		sc.counts = make([]int, n)
	}
	counts := sc.counts[:n]
	clear(counts)
	sc.amb = g.countMentions(text, toks, infos, &x.words, counts, sc.amb[:0])
	g.resolveAmbiguous(text, sc.amb, counts)
	x.countKingdom(b.Source, toks, counts)
	if datelineHint {
		sc.small.words = &x.words
		sc.small.run(b.Dateline)
		sc.amb = g.countMentions(b.Dateline, sc.small.toks, sc.small.infos, &x.words, counts, sc.amb[:0])
		g.resolveAmbiguous(b.Dateline, sc.amb, counts)
	}
	stated := x.statedCountries(b)
	if len(stated) > 0 {
		for i := range counts {
			if !stated[i] {
				counts[i] = 0
			}
		}
	}
	b.Countries, sc.sortKeys = g.result(counts, stated, sc.sortKeys)
}

// countKingdom counts "the Kingdom" and a bare "المملكة" as the country the
// brief's agency means by them (SPA: Saudi Arabia, BNA: Bahrain): not
// "the Kingdom of ...", "المملكة المتحدة" or "مملكة البحرين", which name
// their country themselves.
func (x *Extractor) countKingdom(source string, toks []token, counts []int) {
	ai, ok := x.agencies.byName[source]
	if !ok || x.agencies.list[ai].kingdom == "" {
		return
	}
	ci, ok := x.gaz.byCode[x.agencies.list[ai].kingdom]
	if !ok {
		return
	}
	for i := range toks {
		t := &toks[i]
		next := ""
		if i+1 < len(toks) && toks[i+1].sent == t.sent {
			next = toks[i+1].key
		}
		switch {
		case t.arabic:
			if !kingdomWords[t.key] || hasArticle(next) && !notAdjective[next] {
				continue
			}
		case t.key != "kingdom" || !t.upper || i == 0 || toks[i-1].key != "the" || next == "of":
			continue
		}
		counts[ci]++
	}
}

// notAdjective are words with ال that never qualify the noun before them.
var notAdjective = map[string]bool{"الي": true, "التي": true, "الذي": true, "الذين": true, "اللتين": true,
	"اللذين": true, "الا": true, "الان": true}

// kingdomWords are "المملكة" with the article and attached particles.
var kingdomWords = map[string]bool{"المملكه": true, "والمملكه": true, "بالمملكه": true, "للمملكه": true,
	"وللمملكه": true, "وبالمملكه": true, "فالمملكه": true}

// statedCountries returns the gazetteer indexes of the countries the brief
// states, or nil.
func (x *Extractor) statedCountries(b *brief.Brief) map[int]bool {
	if len(b.Stated.Countries) == 0 {
		return nil
	}
	stated := map[int]bool{}
	for _, s := range b.Stated.Countries {
		if code, _, ok := x.LookupCountry(s); ok {
			stated[x.gaz.byCode[code]] = true
		}
	}
	return stated
}

// LookupCountry resolves a code (alpha-2 or alpha-3), an English name or
// variant, a demonym, a capital or an Arabic name to a country's upper-case
// alpha-2 code and English name. Countries are the UN member states, the
// observer states (Palestine, the Holy See) and the territories with a code
// of their own (Taiwan, Kosovo as XK, Western Sahara, Hong Kong, ...). Case
// does not matter, nor do Arabic spelling variants and attached particles.
func (x *Extractor) LookupCountry(s string) (code, name string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", "", false
	}
	g := x.gaz
	found := func(i int) (string, string, bool) {
		c := g.countries[i]
		return c.code, c.name, true
	}
	if len(s) == 2 {
		if i, ok := g.byCode[strings.ToUpper(s)]; ok {
			return found(i)
		}
	}
	key := lookupKey(s)
	if i, ok := g.lookup[key]; ok {
		return found(i)
	}
	if isArabicKey(key) && !strings.Contains(key, " ") {
		var forms [4]string
		for _, f := range arabicForms(key, forms[:0]) {
			if i, ok := g.lookup[f]; ok {
				return found(i)
			}
		}
	}
	if strings.Contains(s, "&") {
		return x.LookupCountry(strings.ReplaceAll(s, "&", " and "))
	}
	if cc := countries.ByName(s); cc.IsValid() {
		if i, ok := g.byCode[cc.Alpha2()]; ok {
			return found(i)
		}
	}
	return "", "", false
}

// CountryName returns the English name of a country's alpha-2 code (either
// case), or "" when the gazetteer does not know the code.
func (x *Extractor) CountryName(code string) string {
	if i, ok := x.gaz.byCode[strings.ToUpper(strings.TrimSpace(code))]; ok {
		return x.gaz.countries[i].name
	}
	return ""
}

// Countries returns the alpha-2 codes of the countries the gazetteer knows:
// the UN member states in data-file order (alphabetical by code), then the
// observer states and territories.
func (x *Extractor) Countries() []string {
	out := make([]string, len(x.gaz.countries))
	for i, c := range x.gaz.countries {
		out[i] = c.code
	}
	return out
}

// IsMemberState reports whether code (either case) is a UN member state's.
func (x *Extractor) IsMemberState(code string) bool {
	i, ok := x.gaz.byCode[strings.ToUpper(strings.TrimSpace(code))]
	return ok && x.gaz.countries[i].member
}
