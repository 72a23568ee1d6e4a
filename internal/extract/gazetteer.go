package extract

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/biter777/countries"

	"github.com/briefs/briefs/internal/brief"
)

// country is one UN member state.
type country struct {
	code string // upper-case alpha-2
	name string // display name
}

// gazetteer names the 193 UN member states: base names from
// github.com/biter777/countries, additions from data/gazetteer.tsv.
type gazetteer struct {
	countries []country
	byCode    map[string]int    // "IQ" -> index
	lookup    map[string]int    // normalised name, variant, demonym, capital, alpha-3 -> index
	matcher   *phraseMatcher    // names as they appear in text
	places    map[string]string // normalised capital or city -> place name as written (datelines)
	codeRank  []int             // country index -> rank by code
	byRank    []int             // rank by code -> country index
}

const unMembers = 193

// loadGazetteer parses data/gazetteer.tsv and merges the library's names.
func loadGazetteer(data string) (*gazetteer, error) {
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
	type row struct {
		line   int
		fields []string
	}
	var rows []row
	var blockers []string
	for ln, line := range dataLines(data) {
		f := strings.Split(line, "\t")
		for len(f) < 7 {
			f = append(f, "")
		}
		if len(f) > 7 {
			return nil, fmt.Errorf("gazetteer line %d: %d columns, want 7", ln, len(f))
		}
		if f[0] == "-" {
			blockers = append(blockers, splitList(f[2])...)
			blockers = append(blockers, splitList(f[5])...)
			continue
		}
		rows = append(rows, row{ln, f})
	}
	for _, r := range rows {
		f := r.fields
		code := strings.ToUpper(strings.TrimSpace(f[0]))
		lc, ok := lib[code]
		if !ok || len(code) != 2 {
			return nil, fmt.Errorf("gazetteer line %d: %q is not an ISO 3166-1 alpha-2 code", r.line, f[0])
		}
		if _, dup := g.byCode[code]; dup {
			return nil, fmt.Errorf("gazetteer line %d: %s listed twice", r.line, code)
		}
		libName := stripParens(lc.String())
		name := strings.TrimSpace(f[1])
		if name == "" {
			name = libName
		}
		idx := len(g.countries)
		g.countries = append(g.countries, country{code: code, name: name})
		g.byCode[code] = idx

		var forms []string
		forms = append(forms, name)
		forms = append(forms, splitList(f[2])...)
		for _, d := range splitList(f[3]) {
			forms = append(forms, d)
			if p := englishPlural(d); p != "" {
				forms = append(forms, p)
			}
		}
		capitals := splitList(f[4])
		forms = append(forms, capitals...)
		ar := splitList(f[5])
		forms = append(forms, ar...)
		for _, d := range splitList(f[6]) {
			forms = append(forms, arabicDemonymForms(d)...)
		}
		// "-form" in any column drops a generated form ("-السوداني": the Iraqi
		// prime minister's name, not "the Sudanese")
		var drop []string
		kept := forms[:0]
		for _, form := range forms {
			if rest, ok := strings.CutPrefix(form, "-"); ok {
				drop = append(drop, lookupKey(rest))
				continue
			}
			kept = append(kept, form)
		}
		forms = kept
		// a marked form ("~Jordan") decides how its plain twin (the name) is read
		for _, form := range forms {
			if m, _, _, _ := parseMarkers(form); m != form {
				drop = append(drop, "plain:"+lookupKey(m))
			}
		}
		for _, form := range forms {
			if slices.Contains(drop, lookupKey(form)) {
				continue
			}
			if m, _, _, _ := parseMarkers(form); m == form && slices.Contains(drop, "plain:"+lookupKey(form)) {
				continue
			}
			key, err := g.matcher.add(form, idx)
			if err != nil {
				return nil, fmt.Errorf("gazetteer line %d (%s): %w", r.line, code, err)
			}
			g.addLookup(key, idx)
		}
		// the library's name, unless the data file already says how to read it
		if key := lookupKey(libName); key != "" && !g.matcher.has(key) {
			if _, err := g.matcher.add(libName, idx); err != nil {
				return nil, fmt.Errorf("gazetteer (%s, library name): %w", code, err)
			}
			g.addLookup(key, idx)
		}
		g.addLookup(strings.ToLower(lc.Alpha3()), idx)
		for _, p := range append(capitals, name) {
			p, _, _, _ = parseMarkers(p)
			if k := lookupKey(p); k != "" {
				if _, ok := g.places[k]; !ok {
					g.places[k] = p
				}
			}
		}
		for _, p := range ar {
			if k := lookupKey(p); k != "" {
				if _, ok := g.places[k]; !ok {
					g.places[k] = p
				}
			}
		}
	}
	if len(g.countries) != unMembers {
		return nil, fmt.Errorf("gazetteer lists %d member states, want %d", len(g.countries), unMembers)
	}
	g.byRank = make([]int, len(g.countries))
	for i := range g.byRank {
		g.byRank[i] = i
	}
	slices.SortFunc(g.byRank, func(a, b int) int { return strings.Compare(g.countries[a].code, g.countries[b].code) })
	g.codeRank = make([]int, len(g.countries))
	for r, i := range g.byRank {
		g.codeRank[i] = r
	}
	for _, b := range blockers {
		if _, err := g.matcher.add(b, -1); err != nil {
			return nil, fmt.Errorf("gazetteer blocker: %w", err)
		}
	}
	return g, nil
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

// countMentions counts the member states named in text, longest names first,
// without overlaps. counts is indexed like g.countries.
func (g *gazetteer) countMentions(text string, toks []token, infos []tokInfo, w *wordIndex, counts []int) {
	for next := 0; ; {
		f, i, n := w.nextMatch(text, toks, infos, next, mCountry)
		if f == nil {
			return
		}
		if f.value >= 0 {
			counts[f.value]++
		}
		next = i + n
	}
}

// result turns counts into the brief's sorted country list.
func (g *gazetteer) result(counts []int, extra map[int]bool, keys []uint64) ([]brief.Country, []uint64) {
	// sort keys: most mentions first, then by code
	keys = keys[:0]
	for i, c := range counts {
		if c > 0 || extra[i] {
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
