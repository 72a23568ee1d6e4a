package extract

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/biter777/countries"

	"github.com/briefs/briefs/internal/brief"
)

// country is one entry of the gazetteer: a UN member state, an observer
// state or a territory with a code of its own.
type country struct {
	code   string // upper-case alpha-2 (XK for Kosovo)
	name   string // display name
	member bool   // a UN member state
}

// gazetteer names the countries of the whole map: the 193 UN member states
// (data/gazetteer.tsv), and the observer states and widely named territories
// (data/territories.tsv), on top of github.com/biter777/countries.
type gazetteer struct {
	countries []country
	byCode    map[string]int    // "IQ" -> index
	lookup    map[string]int    // normalised name, variant, demonym, capital, alpha-3 -> index
	matcher   *phraseMatcher    // names as they appear in text
	places    map[string]string // normalised capital or city -> place name as written (datelines)
	codeRank  []int             // country index -> rank by code
	byRank    []int             // rank by code -> country index
	ambiguous []ambiguousName   // value -2-i in the matcher
}

// ambiguousName is a name that may name one of several countries, or none
// ("Tripoli": Libya or Lebanon; "عمان": Oman, or Amman in Jordan; "Georgia":
// the country or the US state). It counts for the one candidate the text
// names otherwise; else for the one its leans point to; else for the
// default unless the text holds one of the veto phrases.
type ambiguousName struct {
	candidates []int      // country indexes
	def        int        // default country index, -1 for none
	veto       []string   // phrases (as written) that make the name none of them
	leans      []leanRule // other countries whose mention points to a candidate
}

// leanRule points an ambiguous name to candidate when the text names one of
// the countries in by.
type leanRule struct {
	candidate int
	by        []int
}

const unMembers = 193

// Column numbers of a country line in the gazetteer files.
const (
	colCode = iota
	colName
	colVariants
	colDemonyms
	colCapitals
	colArabic
	colArabicDemonyms
	numCols
)

// gazRow is one line of a gazetteer file, split into its columns.
type gazRow struct {
	file   string
	line   int
	fields []string
	member bool
}

func (r gazRow) errorf(format string, a ...any) error {
	return fmt.Errorf("%s line %d: %s", r.file, r.line, fmt.Sprintf(format, a...))
}

// gazData is what the gazetteer files hold, before names are registered.
type gazData struct {
	rows      []gazRow
	blockers  []string
	ambiguous []gazRow
}

// loadGazetteer parses data/gazetteer.tsv (member states, blockers and
// ambiguous names) and data/territories.tsv, and merges the library's names.
func loadGazetteer(members, territories string) (*gazetteer, error) {
	var d gazData
	if err := d.read("gazetteer.tsv", members, true); err != nil {
		return nil, err
	}
	if err := d.read("territories.tsv", territories, false); err != nil {
		return nil, err
	}
	g := &gazetteer{
		byCode:  map[string]int{},
		lookup:  map[string]int{},
		matcher: newPhraseMatcher(),
		places:  map[string]string{},
	}
	lib := map[string]countries.CountryCode{}
	for _, c := range countries.All() {
		lib[c.Alpha2()] = c
	}
	// entries first, so that ambiguous names can name them; their forms
	// after the ambiguous names, so that a country's form does not take an
	// ambiguous name's key
	for _, r := range d.rows {
		if err := g.addEntry(r, lib); err != nil {
			return nil, err
		}
	}
	if err := g.checkMembers(); err != nil {
		return nil, err
	}
	for _, r := range d.ambiguous {
		if err := g.addAmbiguous(r); err != nil {
			return nil, err
		}
	}
	for i, r := range d.rows {
		if err := g.addForms(r, i, lib[g.countries[i].code]); err != nil {
			return nil, err
		}
	}
	for _, b := range d.blockers {
		if _, err := g.matcher.add(b, -1); err != nil {
			return nil, fmt.Errorf("gazetteer blocker: %w", err)
		}
	}
	g.rank()
	return g, nil
}

// read splits a gazetteer file into country rows, blockers ("-" lines) and
// ambiguous names ("?" lines).
func (d *gazData) read(file, data string, members bool) error {
	for ln, line := range dataLines(data) {
		f := strings.Split(line, "\t")
		for len(f) < numCols {
			f = append(f, "")
		}
		r := gazRow{file: file, line: ln, fields: f, member: members}
		if len(f) > numCols {
			return r.errorf("%d columns, want %d", len(f), numCols)
		}
		switch f[colCode] {
		case "-":
			d.blockers = append(d.blockers, splitList(f[colVariants])...)
			d.blockers = append(d.blockers, splitList(f[colArabic])...)
		case "?":
			d.ambiguous = append(d.ambiguous, r)
		default:
			d.rows = append(d.rows, r)
		}
	}
	return nil
}

// addEntry adds the country of a row, without its names.
func (g *gazetteer) addEntry(r gazRow, lib map[string]countries.CountryCode) error {
	code := strings.ToUpper(strings.TrimSpace(r.fields[colCode]))
	lc, ok := lib[code]
	if !ok || len(code) != 2 {
		return r.errorf("%q is not an ISO 3166-1 alpha-2 code", r.fields[colCode])
	}
	if _, dup := g.byCode[code]; dup {
		return r.errorf("%s listed twice", code)
	}
	name := strings.TrimSpace(r.fields[colName])
	if name == "" {
		name = stripParens(lc.String())
	}
	g.byCode[code] = len(g.countries)
	g.countries = append(g.countries, country{code: code, name: name, member: r.member})
	return nil
}

// checkMembers checks that gazetteer.tsv lists the member states, all of
// them, and territories.tsv none of them.
func (g *gazetteer) checkMembers() error {
	n := 0
	for _, c := range g.countries {
		if c.member {
			n++
		}
	}
	if n != unMembers {
		return fmt.Errorf("gazetteer lists %d member states, want %d", n, unMembers)
	}
	return nil
}

// addAmbiguous registers a "?" line: the name, its candidates (codes
// separated by "|"), the default code (may be empty) and veto phrases.
func (g *gazetteer) addAmbiguous(r gazRow) error {
	f := r.fields
	a := ambiguousName{def: -1, veto: splitList(f[4])}
	for _, c := range splitList(f[2]) {
		i, ok := g.byCode[strings.ToUpper(c)]
		if !ok {
			return r.errorf("unknown code %q", c)
		}
		a.candidates = append(a.candidates, i)
	}
	if d := strings.TrimSpace(f[3]); d != "" {
		i, ok := g.byCode[strings.ToUpper(d)]
		if !ok || !slices.Contains(a.candidates, i) {
			return r.errorf("default %q is not a candidate", d)
		}
		a.def = i
	}
	if len(a.candidates) == 0 {
		return r.errorf("ambiguous name without candidates")
	}
	leans, err := g.parseLeans(f[5], a.candidates)
	if err != nil {
		return r.errorf("%v", err)
	}
	a.leans = leans
	for _, form := range splitList(f[1]) {
		if _, err := g.matcher.add(form, -2-len(g.ambiguous)); err != nil {
			return r.errorf("%v", err)
		}
	}
	g.ambiguous = append(g.ambiguous, a)
	return nil
}

// parseLeans reads the leans column: "OM=SA|KW|QA" (rules separated by ";").
func (g *gazetteer) parseLeans(s string, candidates []int) ([]leanRule, error) {
	var out []leanRule
	for _, rule := range strings.Split(s, ";") {
		if strings.TrimSpace(rule) == "" {
			continue
		}
		cand, by, ok := strings.Cut(rule, "=")
		ci, known := g.byCode[strings.ToUpper(strings.TrimSpace(cand))]
		if !ok || !known || !slices.Contains(candidates, ci) {
			return nil, fmt.Errorf("lean %q: want CANDIDATE=CODE|CODE", rule)
		}
		l := leanRule{candidate: ci}
		for _, c := range splitList(by) {
			i, ok := g.byCode[strings.ToUpper(c)]
			if !ok {
				return nil, fmt.Errorf("lean %q: unknown code %q", rule, c)
			}
			l.by = append(l.by, i)
		}
		out = append(out, l)
	}
	return out, nil
}

// rowForms lists the names of a row: the display name, variants, demonyms
// with their generated plurals, capitals, Arabic names and the inflections
// of Arabic demonyms. Forms written "-form" are dropped, and a marked form
// ("~Jordan") decides how its plain twin is read.
func rowForms(f []string, name string) []string {
	forms := []string{name}
	forms = append(forms, splitList(f[colVariants])...)
	for _, d := range splitList(f[colDemonyms]) {
		forms = append(forms, d)
		if p := englishPlural(d); p != "" {
			forms = append(forms, p)
		}
	}
	forms = append(forms, splitList(f[colCapitals])...)
	forms = append(forms, splitList(f[colArabic])...)
	for _, d := range splitList(f[colArabicDemonyms]) {
		forms = append(forms, arabicDemonymForms(d)...)
	}
	var drop []string
	kept := forms[:0]
	for _, form := range forms {
		if rest, ok := strings.CutPrefix(form, "-"); ok {
			drop = append(drop, lookupKey(rest))
			continue
		}
		kept = append(kept, form)
	}
	var marked []string
	for _, form := range kept {
		if m, _, _, _ := parseMarkers(form); m != form {
			marked = append(marked, lookupKey(m))
		}
	}
	return slices.DeleteFunc(kept, func(form string) bool {
		k := lookupKey(form)
		if slices.Contains(drop, k) {
			return true
		}
		m, _, _, _ := parseMarkers(form)
		return m == form && slices.Contains(marked, k)
	})
}

// addForms registers the names of row r, country idx, in the matcher, the
// lookup table and the dateline places.
func (g *gazetteer) addForms(r gazRow, idx int, lc countries.CountryCode) error {
	c := g.countries[idx]
	forms := rowForms(r.fields, c.name)
	for _, form := range forms {
		if rest, ok := strings.CutPrefix(form, "@"); ok {
			g.addLookup(lookupKey(rest), idx) // a name for queries, not for texts
			continue
		}
		if g.ambiguousKey(lookupKey(form)) {
			continue // the "?" line decides
		}
		if rest, ok := strings.CutPrefix(lookupKey(form), "the "); ok && slices.ContainsFunc(forms, func(f string) bool { return lookupKey(f) == rest }) {
			g.addLookup(lookupKey(form), idx) // "Netherlands" finds "the Netherlands" in texts
			continue
		}
		key, err := g.matcher.add(form, idx)
		if err != nil {
			return r.errorf("(%s) %v", c.code, err)
		}
		g.addLookup(key, idx)
	}
	// the library's name, unless the data files already say how to read it
	libName := stripParens(lc.String())
	if key := lookupKey(libName); key != "" && !g.matcher.has(key) {
		if _, err := g.matcher.add(libName, idx); err != nil {
			return fmt.Errorf("gazetteer (%s, library name): %w", c.code, err)
		}
		g.addLookup(key, idx)
	}
	g.addLookup(strings.ToLower(lc.Alpha3()), idx)
	g.addLookup(lookupKey(c.name), idx)
	for _, p := range append(splitList(r.fields[colCapitals]), c.name) {
		g.addPlace(p)
	}
	for _, p := range splitList(r.fields[colArabic]) {
		g.addPlace(p)
	}
	return nil
}

// ambiguousKey reports whether key is the key of an ambiguous name.
func (g *gazetteer) ambiguousKey(key string) bool {
	for _, f := range g.matcher.phrases[key] {
		if f.value <= -2 {
			return true
		}
	}
	return false
}

// addPlace records a capital or country name as a known dateline place.
func (g *gazetteer) addPlace(p string) {
	p, _, _, _ = parseMarkers(p)
	if k := lookupKey(p); k != "" {
		if _, ok := g.places[k]; !ok {
			g.places[k] = p
		}
	}
}

// rank orders the countries by code, for results sorted by code.
func (g *gazetteer) rank() {
	g.byRank = make([]int, len(g.countries))
	for i := range g.byRank {
		g.byRank[i] = i
	}
	slices.SortFunc(g.byRank, func(a, b int) int { return strings.Compare(g.countries[a].code, g.countries[b].code) })
	g.codeRank = make([]int, len(g.countries))
	for r, i := range g.byRank {
		g.codeRank[i] = r
	}
}

func (g *gazetteer) addLookup(key string, idx int) {
	if key == "" {
		return
	}
	if _, ok := g.lookup[key]; !ok {
		g.lookup[key] = idx
	}
	// "the Netherlands" is also found as "netherlands"
	if rest, ok := strings.CutPrefix(key, "the "); ok {
		if _, ok := g.lookup[rest]; !ok {
			g.lookup[rest] = idx
		}
	}
}

// dataLines yields the lines of a data file that hold data, with their
// numbers from 1: blank lines and # comments are left out, and line ends
// (LF or CRLF) are trimmed.
func dataLines(data string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		ln := 0
		for line := range strings.Lines(data) {
			ln++
			line = strings.TrimRight(line, "\r\n")
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if !yield(ln, line) {
				return
			}
		}
	}
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func stripParens(s string) string {
	if i := strings.IndexByte(s, '('); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// countMentions counts the countries named in text, longest names first,
// without overlaps. counts is indexed like g.countries; the ambiguous names
// found are appended to amb (their indexes in g.ambiguous) and returned.
func (g *gazetteer) countMentions(text string, toks []token, infos []tokInfo, w *wordIndex, counts []int, amb []int) []int {
	for next := 0; ; {
		f, i, n := w.nextMatch(text, toks, infos, next, mCountry)
		if f == nil {
			return amb
		}
		switch {
		case f.value >= 0:
			counts[f.value]++
		case f.value <= -2:
			amb = append(amb, -2-f.value)
		}
		next = i + n
	}
}

// resolveAmbiguous adds the ambiguous names found (see countMentions) to
// counts: each to the one candidate the text names otherwise, else to its
// default unless a veto phrase is in the text.
func (g *gazetteer) resolveAmbiguous(text string, amb []int, counts []int) {
	if len(amb) == 0 {
		return
	}
	resolved := make([]int, len(amb))
	for k, ai := range amb {
		a := &g.ambiguous[ai]
		pick, named := -1, 0
		for _, c := range a.candidates {
			if counts[c] > 0 {
				pick = c
				named++
			}
		}
		switch {
		case named == 1:
		case named > 1 && a.def >= 0 && counts[a.def] > 0:
			pick = a.def
		case named > 1:
			pick = -1
		case a.lean(counts) >= 0:
			pick = a.lean(counts)
		case a.def >= 0 && !containsAnyPhrase(text, a.veto):
			pick = a.def
		}
		resolved[k] = pick
	}
	// counted after all are resolved: one ambiguous name is no evidence
	// for another
	for _, c := range resolved {
		if c >= 0 {
			counts[c]++
		}
	}
}

// lean returns the one candidate the leans point to, or -1.
func (a *ambiguousName) lean(counts []int) int {
	pick := -1
	for _, l := range a.leans {
		for _, c := range l.by {
			if counts[c] > 0 {
				if pick >= 0 && pick != l.candidate {
					return -1
				}
				pick = l.candidate
				break
			}
		}
	}
	return pick
}

// containsAnyPhrase reports whether text holds one of phrases as whole
// words, in the case written.
func containsAnyPhrase(text string, phrases []string) bool {
	for _, p := range phrases {
		for off := 0; ; {
			i := strings.Index(text[off:], p)
			if i < 0 {
				break
			}
			s, e := off+i, off+i+len(p)
			if (s == 0 || !isASCIIWord(text[s-1])) && (e == len(text) || !isASCIIWord(text[e])) {
				return true
			}
			off = e
		}
	}
	return false
}

// result turns counts into the brief's sorted country list.
func (g *gazetteer) result(counts []int, extra map[int]bool, keys []uint64) ([]brief.Country, []uint64) {
	// sort keys: most mentions first, then by code
	keys = keys[:0]
	for i, c := range counts {
		if c > 0 || extra != nil && extra[i] {
			keys = append(keys, uint64(^uint32(c))<<32|uint64(g.codeRank[i]))
		}
	}
	if len(keys) == 0 {
		return nil, keys
	}
	slices.Sort(keys)
	out := make([]brief.Country, len(keys))
	for k, key := range keys {
		i := g.byRank[uint32(key)]
		out[k] = brief.Country{Code: g.countries[i].code, Name: g.countries[i].name, Mentions: counts[i]}
	}
	return out, keys
}

// placeKeys returns the normalised names of places and countries: capitals,
// cities, country names and their variants.
func (g *gazetteer) placeKeys() map[string]bool {
	out := make(map[string]bool, len(g.places)+len(g.lookup))
	for k := range g.places {
		out[k] = true
	}
	for k := range g.lookup {
		out[k] = true
	}
	return out
}
