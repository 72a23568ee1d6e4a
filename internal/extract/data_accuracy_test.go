package extract

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestDataAccuracy measures the data_ briefs as the hidden set is measured:
// country F1 (micro, per language), dates and sources right. TestBriefs
// checks each brief exactly; this gives the figures and a floor.
func TestDataAccuracy(t *testing.T) {
	x := extractor(t)
	files, err := filepath.Glob("testdata/briefs/data_*.txt")
	if err != nil {
		t.Fatal(err)
	}
	type tally struct{ tp, fp, fn, briefs, dates, datesRight, sources, sourcesRight int }
	byLang := map[string]*tally{"en": {}, "ar": {}}
	for _, f := range files {
		c := loadCase(t, f)
		b := c.b
		x.Apply(&b)
		lang := "en"
		if strings.IndexFunc(c.b.Body, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) >= 0 {
			lang = "ar"
		}
		tl := byLang[lang]
		tl.briefs++
		if w, ok := c.want["countries"]; ok {
			want := strings.Fields(strings.TrimPrefix(w, "set "))
			got := b.CountryCodes()
			for _, g := range got {
				if slices.Contains(want, g) {
					tl.tp++
				} else {
					tl.fp++
				}
			}
			for _, w := range want {
				if !slices.Contains(got, w) {
					tl.fn++
				}
			}
		}
		if w, ok := c.want["published"]; ok {
			tl.dates++
			if formatPublished(&b) == w {
				tl.datesRight++
			}
		}
		if w, ok := c.want["source"]; ok {
			tl.sources++
			if b.Source == w {
				tl.sourcesRight++
			}
		}
	}
	for lang, tl := range byLang {
		f1 := 2 * float64(tl.tp) / float64(2*tl.tp+tl.fp+tl.fn)
		dates := float64(tl.datesRight) / float64(max(tl.dates, 1))
		t.Logf("%s: %d briefs, country F1 %.3f (tp %d fp %d fn %d), dates %d/%d, sources %d/%d",
			lang, tl.briefs, f1, tl.tp, tl.fp, tl.fn, tl.datesRight, tl.dates, tl.sourcesRight, tl.sources)
		floor := map[string]float64{"en": 0.98, "ar": 0.95}[lang]
		if f1 < floor || dates < 0.95 || tl.sourcesRight < tl.sources {
			t.Errorf("%s: country F1 %.3f (floor %.2f), dates %.3f (floor 0.95)", lang, f1, floor, dates)
		}
	}
}
