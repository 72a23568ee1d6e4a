package extract

import (
	"strings"
	"time"

	"github.com/briefs/briefs/internal/brief"
)

// How the publication date is found (applyPublished), first that applies:
//
//  1. the date the brief states (front matter), in the zone written;
//  2. the date its layout gives (a NINA header "Sun, 12/07/2025 - 11:25",
//     a Shafaq head or a "date 2024-05-15" line at the top of a plain file),
//     read with the agency's convention (data/agencies.tsv): NINA writes
//     month/day/year, and agencies' times are local (NINA, Shafaq, INA...
//     are Baghdad time, UTC+3), so Published carries the agency's zone;
//  3. a date in the title or the lead (the dateline "BAGHDAD, July 23
//     (Reuters)", "١٦ أيار ٢٠٢٣"), else one standing on a line of its own
//     ("Published: 22 July 2024"), else one further down that falls on the
//     weekday the lead names ("اليوم الأحد" ... "يوم 18 شباط 2024").
//     A date without a year takes it from a labelled date elsewhere in the
//     text, else from the latest year of the text's other full dates, else
//     from the file's modification time (the latest such day not after it),
//     else, when a weekday is written with the date or in the lead ("on
//     Tuesday", "اليوم الثلاثاء"), the latest year up to now in which the
//     date falls on it, not before the latest year the text mentions; else
//     that year. With a reference year, the lead's weekday picks the year
//     next to it in which the date falls on that weekday;
//  4. with no date at all, "today, Tuesday" ("اليوم الثلاثاء", "on
//     Tuesday") in the lead is the latest such day not after the file's
//     modification time.
//
// Dates without a time of day are midnight UTC: only the day is known.
func (x *Extractor) applyPublished(b *brief.Brief, text string, toks []token, bodyStart int, sc *scratch) {
	b.Published, b.HasTime = time.Time{}, false
	if b.Stated.HasDate && !b.Stated.Date.IsZero() {
		b.Published, b.HasTime = statedDate(b.Stated)
		return
	}
	conv := x.agencies.convention(b.Source)
	if strings.TrimSpace(b.Hints.DateText) != "" {
		if t, hasTime, ok := parseDate(b.Hints.DateText, b.Hints.FileTime, conv, &sc.small); ok {
			b.Published, b.HasTime = t, hasTime
			return
		}
	}
	b.Published, b.HasTime = dateFromText(text, toks, bodyStart, conv, b.Hints.FileTime, x.now, sc)
}

// statedDate is the stated date: with its time in the zone written, or the
// day alone.
func statedDate(s brief.Stated) (time.Time, bool) {
	d := s.Date
	if !s.HasTime {
		return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC), false
	}
	return d, true
}

// dateFromText finds a publication date in a brief without a dated header
// (steps 3 and 4 of applyPublished).
func dateFromText(text string, toks []token, bodyStart int, conv dateConv, fileTime time.Time, now func() time.Time, sc *scratch) (time.Time, bool) {
	sc.hits = findDates(text, toks, 0, len(toks), conv, sc.hits[:0])
	hits := sc.hits
	lead := leadWeekday(toks, bodyStart)
	if len(hits) == 0 {
		return weekdayDate(lead, fileTime), false
	}
	ev := newYearEvidence(text, toks, hits, fileTime, now)
	leadEnd := leadToken(toks, bodyStart) + leadWords
	// pass 0: a date in the title or the lead; 1: a date on a line of its
	// own; 2: a date falling on the weekday the lead names
	for pass := range 3 {
		for _, h := range hits {
			switch {
			case pass == 0 && toks[h.first].start >= bodyStart+400 && h.first >= leadEnd:
				continue
			case pass == 1 && !standalone(text, toks, h):
				continue
			case pass == 2 && (lead.weekday < 0 || h.year == 0 || weekdayAt(h.year, h.month, h.day) != lead.weekday):
				continue
			}
			y := h.year
			if y == 0 {
				wd := h.weekday
				if wd < 0 {
					wd = lead.weekday
				}
				y = ev.year(h.month, h.day, wd)
			}
			if y != 0 && validDate(y, h.month, h.day) {
				return h.time(y, conv.loc), h.hasTime
			}
		}
	}
	return time.Time{}, false
}

// newYearEvidence gathers the evidence for the year of dates written
// without one.
func newYearEvidence(text string, toks []token, hits []dateHit, fileTime time.Time, now func() time.Time) yearEvidence {
	limit := fileTime
	if limit.IsZero() && now != nil {
		limit = now()
	}
	ev := yearEvidence{fileTime: fileTime, mentioned: latestYear(toks, limit), now: now}
	for _, h := range hits {
		if h.year == 0 {
			continue
		}
		ev.full = max(ev.full, h.year)
		if ev.labelled == 0 && standalone(text, toks, h) {
			ev.labelled = h.year
		}
	}
	return ev
}

// standalone reports whether a date stands on a line of its own, perhaps after
// a label such as "Published:".
func standalone(text string, toks []token, h dateHit) bool {
	ls := strings.LastIndexByte(text[:toks[h.first].start], '\n') + 1
	le := strings.IndexByte(text[toks[h.last].end:], '\n')
	if le < 0 {
		le = len(text)
	} else {
		le += toks[h.last].end
	}
	before := strings.TrimSpace(text[ls:toks[h.first].start])
	after := strings.TrimSpace(text[toks[h.last].end:le])
	if len(after) > 12 {
		return false
	}
	if before == "" {
		return true
	}
	before = strings.ToLower(strings.TrimRight(before, ": -|"))
	switch before {
	case "published", "published on", "posted", "posted on", "updated", "date", "dated", "last updated",
		"تاريخ النشر", "التاريخ", "نشر في", "نشر بتاريخ", "بتاريخ":
		return true
	}
	return false
}

// yearEvidence is what a text and its file say about the year of a date
// written without one.
type yearEvidence struct {
	labelled  int              // the year of a date on a line of its own ("Posted: 2025-12-07")
	full      int              // the latest year of the text's full dates
	fileTime  time.Time        // the file's modification time
	mentioned int              // the latest year the text mentions (not after fileTime)
	now       func() time.Time // the time of extraction: the last resort, when a weekday is known
}

// year returns the year of month m, day d, which falls on weekday wd (-1:
// unknown), or 0.
func (ev yearEvidence) year(m time.Month, d int, wd time.Weekday) int {
	switch {
	case ev.labelled != 0:
		return nearYear(ev.labelled, m, d, wd)
	case ev.full != 0:
		return nearYear(ev.full, m, d, wd)
	case !ev.fileTime.IsZero():
		y, _ := yearBefore(ev.fileTime, ev.mentioned, m, d, wd)
		return y
	}
	if wd >= 0 && ev.now != nil {
		// the latest year, not before the latest one the text mentions,
		// in which m/d falls on wd: stable for years
		if y, ok := yearBefore(ev.now(), ev.mentioned, m, d, wd); ok {
			return y
		}
	}
	if ev.mentioned != 0 {
		return yearFrom(ev.mentioned, m, d, wd)
	}
	return 0
}

// nearYear returns ref, or the year next to it where m/d falls on wd.
func nearYear(ref int, m time.Month, d int, wd time.Weekday) int {
	if wd < 0 {
		return ref
	}
	for _, y := range [3]int{ref, ref + 1, ref - 1} {
		if validDate(y, m, d) && weekdayAt(y, m, d) == wd {
			return y
		}
	}
	return ref
}

// yearBefore returns the latest year, not before floor (when set), whose
// m/d is not after the file time (a day's grace for zones) and falls on wd
// (ok); without such a year in eleven, the latest whose m/d is not after
// it.
func yearBefore(file time.Time, floor int, m time.Month, d int, wd time.Weekday) (year int, ok bool) {
	limit := time.Date(file.Year(), file.Month(), file.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	y := file.Year()
	if time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(limit) {
		y--
	}
	if wd >= 0 {
		for c := y; c > y-11 && (floor == 0 || c >= floor); c-- {
			if validDate(c, m, d) && weekdayAt(c, m, d) == wd {
				return c, true
			}
		}
	}
	return y, false
}

// yearFrom returns the first year from ref on where m/d falls on wd (ref
// itself when wd is unknown or no year in seven does).
func yearFrom(ref int, m time.Month, d int, wd time.Weekday) int {
	if wd < 0 {
		return ref
	}
	for y := ref; y < ref+7; y++ {
		if validDate(y, m, d) && weekdayAt(y, m, d) == wd {
			return y
		}
	}
	return ref
}

// latestYear returns the latest four-digit year the text mentions, not
// after the file time's year when there is one; 0 when it mentions none.
func latestYear(toks []token, fileTime time.Time) int {
	limit := 2100
	if !fileTime.IsZero() {
		limit = fileTime.Year()
	}
	best := 0
	for i := range toks {
		if isYearTok(toks, i) {
			if y := tokInt(toks[i]); y <= limit && y > best {
				best = y
			}
		}
	}
	return best
}

// weekdayMention is the weekday a lead names as the day of its news: "on
// Tuesday", "اليوم الثلاثاء", not "last Tuesday" or "يوم الأحد الماضي".
type weekdayMention struct {
	weekday time.Weekday // -1: none
	today   bool         // "today" ("اليوم") names it
}

// leadWords is how many of the body's first tokens make its lead.
const leadWords = 60

// leadToken returns the body's first token.
func leadToken(toks []token, bodyStart int) int {
	i := 0
	for i < len(toks) && toks[i].start < bodyStart {
		i++
	}
	return i
}

// leadWeekday finds the weekday of the lead (the first words of the body).
func leadWeekday(toks []token, bodyStart int) weekdayMention {
	i := leadToken(toks, bodyStart)
	for end := min(len(toks), i+leadWords); i < end; i++ {
		wd := weekdayOf(toks, i)
		if wd < 0 {
			continue
		}
		if i > 0 && weekdayAway[toks[i-1].key] || i+1 < len(toks) && weekdayAway[toks[i+1].key] {
			continue
		}
		today := i > 0 && (toks[i-1].key == "اليوم" || toks[i-1].key == "today")
		return weekdayMention{weekday: wd, today: today}
	}
	return weekdayMention{weekday: -1}
}

// weekdayDate resolves the lead's weekday against the file's modification
// time: the latest such day not after it (step 4 of applyPublished).
func weekdayDate(w weekdayMention, fileTime time.Time) time.Time {
	if w.weekday < 0 || fileTime.IsZero() {
		return time.Time{}
	}
	d := time.Date(fileTime.Year(), fileTime.Month(), fileTime.Day(), 0, 0, 0, 0, time.UTC)
	back := (int(d.Weekday()) - int(w.weekday) + 7) % 7
	return d.AddDate(0, 0, -back)
}
