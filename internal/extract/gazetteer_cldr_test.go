package extract

import (
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// TestArabicNamesCoverCLDR checks the gazetteer against a well-kept source:
// the Unicode CLDR's Arabic (and English) name of every country it lists
// must resolve to that country.
func TestArabicNamesCoverCLDR(t *testing.T) {
	x := extractor(t)
	ar, en := display.Arabic.Regions(), display.English.Regions()
	for _, code := range x.Countries() {
		r, err := language.ParseRegion(code)
		if err != nil {
			t.Errorf("%s: %v", code, err)
			continue
		}
		for lang, name := range map[string]string{"ar": stripParens(ar.Name(r)), "en": stripParens(en.Name(r))} {
			if name == "" {
				continue
			}
			if got, _, ok := x.LookupCountry(name); !ok || got != code {
				t.Errorf("%s: CLDR %s name %q resolves to %q (%v)", code, lang, name, got, ok)
			}
		}
	}
}
