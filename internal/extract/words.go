package extract

// wordInfo is what the extractor knows about one word form: how long the
// phrases starting with it are in each matcher, and its lexicon entry for
// editions. One map lookup per token serves all extractors.
type wordInfo struct {
	country, agency, pattern uint8
	lex                      lexEntry
}

// tokInfo is wordInfo resolved for one token of a text: for Arabic words, the
// forms without proclitics are tried too, and each matcher gets the form that
// starts one of its phrases.
type tokInfo struct {
	cN, aN, pN uint8 // longest phrase in words; 0: none starts here
	cF, aF, pF uint8 // which form of the word starts it (see arabicForms; 0: the word itself)
	lex        lexEntry
}

// form returns form number f of token t (see tokInfo).
func form(t *token, f uint8) string {
	if f == 0 {
		return t.key
	}
	var forms [4]string
	return arabicForms(t.key, forms[:0])[f]
}

type wordIndex struct {
	index map[string]int32
	infos []wordInfo
}

func (x *Extractor) buildWords() {
	w := wordIndex{index: map[string]int32{}}
	get := func(k string) *wordInfo {
		i, ok := w.index[k]
		if !ok {
			i = int32(len(w.infos))
			w.index[k] = i
			w.infos = append(w.infos, wordInfo{})
		}
		return &w.infos[i]
	}
	for k, n := range x.gaz.matcher.first {
		get(k).country = uint8(min(n, 255))
	}
	for k, n := range x.agencies.matcher.first {
		get(k).agency = uint8(min(n, 255))
	}
	for k, n := range x.editions.patterns.first {
		get(k).pattern = uint8(min(n, 255))
	}
	for k, e := range x.editions.lex {
		get(k).lex = e
	}
	x.words = w
}

// tokenInfos resolves every token of a text against the word index.
func (x *Extractor) tokenInfos(toks []token) []tokInfo {
	out := make([]tokInfo, len(toks))
	var forms [4]string
	for i := range toks {
		t := &toks[i]
		ti := &out[i]
		if !t.arabic {
			if j, ok := x.words.index[t.key]; ok {
				wi := &x.words.infos[j]
				ti.cN, ti.aN, ti.pN, ti.lex = wi.country, wi.agency, wi.pattern, wi.lex
			}
			continue
		}
		lexSet := false
		for fi, f := range arabicForms(t.key, forms[:0]) {
			fu := uint8(fi)
			j, ok := x.words.index[f]
			if !ok {
				continue
			}
			wi := &x.words.infos[j]
			if ti.cN == 0 && wi.country > 0 {
				ti.cN, ti.cF = wi.country, fu
			}
			if ti.aN == 0 && wi.agency > 0 {
				ti.aN, ti.aF = wi.agency, fu
			}
			if ti.pN == 0 && wi.pattern > 0 {
				ti.pN, ti.pF = wi.pattern, fu
			}
			if !lexSet && (wi.lex.flags != 0 || wi.lex.ordinal != 0) {
				ti.lex, lexSet = wi.lex, true
			}
		}
	}
	return out
}
