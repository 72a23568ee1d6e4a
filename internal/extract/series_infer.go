package extract

import (
	"slices"

	"github.com/briefs/briefs/internal/brief"
)

// InferEditions fills in the edition of briefs that name a series and the
// year of its event but no ordinal ("Erbil Forum 2024"), from the editions
// other briefs of the collection give for that series and year ("the 10th
// Erbil Forum, held in 2024", the brief's own event or one it mentions).
// Editions the catalogue knows by year were filled in by Apply already; a
// stated or written edition is never changed. Filled briefs get
// EditionInferred. It returns how many briefs it filled; briefs must not be
// in use by other goroutines.
func (x *Extractor) InferEditions(bs []*brief.Brief) int {
	type seriesYear struct {
		key  string
		year int
	}
	votes := map[seriesYear]map[int]int{}
	vote := func(key string, year, edition int) {
		if key == "" || year == 0 || edition <= 0 {
			return
		}
		if i, ok := x.events.cat.lookup[key]; ok {
			if _, known := x.events.cat.series[i].byYear[year]; known {
				return // the catalogue knows
			}
		}
		k := seriesYear{key, year}
		if votes[k] == nil {
			votes[k] = map[int]int{}
		}
		votes[k][edition]++
	}
	for _, b := range bs {
		if !b.EditionInferred {
			vote(b.Series.Key, b.EventYear, b.Edition)
		}
		for _, e := range b.EventsMentioned {
			vote(e.Series, e.Year, e.Edition)
		}
	}
	filled := 0
	for _, b := range bs {
		if b.Series.Key == "" || b.Edition != 0 || b.EventYear == 0 || b.Stated.Edition != 0 {
			continue
		}
		ed, ok := majority(votes[seriesYear{b.Series.Key, b.EventYear}])
		if !ok {
			continue
		}
		b.Edition, b.EditionInferred = ed, true
		b.EditionsMentioned = slices.DeleteFunc(b.EditionsMentioned, func(v int) bool { return v == ed })
		b.EventsMentioned = slices.DeleteFunc(b.EventsMentioned, func(e brief.Event) bool {
			return e.Series == b.Series.Key && e.Edition == ed
		})
		filled++
	}
	return filled
}

// majority returns the edition with the most votes, if one has more than
// any other.
func majority(votes map[int]int) (int, bool) {
	best, bestN, tie := 0, 0, false
	for ed, n := range votes {
		switch {
		case n > bestN:
			best, bestN, tie = ed, n, false
		case n == bestN:
			tie = true
		}
	}
	return best, bestN > 0 && !tie
}
