package extract

import (
	"strings"
	"time"
)

// dateHit is a date found in a text.
type dateHit struct {
	first, last int // token range
	year        int // 0 when the text gives none
	month       time.Month
	day         int
	hour, min   int
	sec         int
	hasTime     bool
	weekday     time.Weekday   // written with the date; -1 when not
	loc         *time.Location // the zone written with the time, or nil
}

// time returns the hit as a time in year. A time of day is in the zone
// written with it, else in loc (the agency's zone), else UTC.
func (h dateHit) time(year int, loc *time.Location) time.Time {
	if !h.hasTime {
		return time.Date(year, h.month, h.day, 0, 0, 0, 0, time.UTC)
	}
	switch {
	case h.loc != nil:
		loc = h.loc
	case loc == nil:
		loc = time.UTC
	}
	return time.Date(year, h.month, h.day, h.hour, h.min, h.sec, 0, loc)
}

// numOrder is how a source writes all-numeric dates.
type numOrder uint8

const (
	orderAuto numOrder = iota // day first unless only month first is valid or the weekday says so
	orderDMY                  // 12/07/2025 is 12 July
	orderMDY                  // 12/07/2025 is 7 December (NINA)
)

// dateConv is a source's convention for dates: the order of numeric dates,
// and the zone its times of day are in (nil: unknown).
type dateConv struct {
	order numOrder
	loc   *time.Location
}

func tokInt(t token) int {
	if !t.digits || len(t.key) > 4 {
		return -1
	}
	n := 0
	for i := 0; i < len(t.key); i++ {
		n = n*10 + int(t.key[i]-'0')
	}
	return n
}

func validDate(y int, m time.Month, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	if y == 0 {
		y = 2000 // leap year: 29 February is possible
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return t.Month() == m && t.Day() == d
}

func weekdayAt(y int, m time.Month, d int) time.Weekday {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Weekday()
}

func isYear(n int) bool { return n >= 1900 && n <= 2100 }

// isYearTok reports whether token k is a four-digit year.
func isYearTok(toks []token, k int) bool {
	return k < len(toks) && toks[k].digits && len(toks[k].key) == 4 && isYear(tokInt(toks[k]))
}

// numericSep returns the separator between two number tokens, or "".
func numericSep(text string, toks []token, j int) string {
	g := text[toks[j-1].end:toks[j].start]
	switch g {
	case "/", "-", ".", " / ", "\\":
		return strings.TrimSpace(g)
	}
	return ""
}

// isOrdinalSuffix reports whether token j is "st", "nd", "rd" or "th" glued to
// the number before it.
func isOrdinalSuffix(toks []token, j int) bool {
	if j >= len(toks) || toks[j].start != toks[j-1].end {
		return false
	}
	switch toks[j].key {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// gapIs reports whether the text between tokens k-1 and k, trimmed, is one
// of seps.
func gapIs(text string, toks []token, k int, seps ...string) bool {
	g := strings.TrimSpace(text[toks[k-1].end:toks[k].start])
	for _, s := range seps {
		if g == s {
			return true
		}
	}
	return false
}

// dateAt reads a date starting at token i (a weekday name may come first),
// with the time of day that follows it.
func dateAt(text string, toks []token, i int, conv dateConv) (dateHit, bool) {
	j, wd, ok := weekdayPrefix(text, toks, i)
	if !ok {
		return dateHit{}, false
	}
	t := toks[j]
	n := tokInt(t)
	var h dateHit
	switch {
	case t.digits && len(t.key) == 4 && isYear(n):
		h, ok = isoDateAt(text, toks, j, n)
	case t.digits && len(t.key) <= 2 && n >= 1 && n <= 31:
		switch {
		case j+2 < len(toks) && toks[j+1].digits && toks[j+2].digits:
			h, ok = numericDateAt(text, toks, j, wd, conv.order)
		case j+1 < len(toks) && toks[j+1].digits:
			h, ok = agencyDayMonthAt(text, toks, j, n)
		default:
			h, ok = dayMonthAt(text, toks, j, n)
		}
	default:
		h, ok = monthDayAt(text, toks, j)
	}
	if !ok || h.year != 0 && !validDate(h.year, h.month, h.day) {
		return dateHit{}, false
	}
	h.first, h.weekday = i, wd
	timeAt(text, toks, &h)
	return h, true
}

// weekdayPrefix skips a weekday name at token i and what may follow it
// ("Sun, ", "الثلاثاء الموافق "): the token where the date proper starts,
// and the weekday (-1 when there is none).
func weekdayPrefix(text string, toks []token, i int) (int, time.Weekday, bool) {
	wd := weekdayOf(toks, i)
	if wd < 0 {
		return i, -1, true
	}
	j := i + 1
	if j < len(toks) && isAfterWeekday(toks[j].key) && gapIs(text, toks, j, "", ",", "،") {
		j++
	}
	if j >= len(toks) || !gapIs(text, toks, j, "", ",", "،", "-", ".") {
		return 0, -1, false
	}
	return j, wd, true
}

// isoDateAt reads year-month-day from token j, the year: 2024-07-22,
// 2024/07/22, 2024.07.22 (and year/day/month where only that is valid).
func isoDateAt(text string, toks []token, j, year int) (dateHit, bool) {
	var h dateHit
	if j+2 >= len(toks) {
		return h, false
	}
	s1, s2 := numericSep(text, toks, j+1), numericSep(text, toks, j+2)
	if s1 == "" || s1 != s2 || len(toks[j+1].key) > 2 || len(toks[j+2].key) > 2 {
		return h, false
	}
	a, b := tokInt(toks[j+1]), tokInt(toks[j+2])
	switch {
	case validDate(year, time.Month(a), b):
		h.year, h.month, h.day = year, time.Month(a), b
	case s1 == "/" && validDate(year, time.Month(b), a):
		h.year, h.month, h.day = year, time.Month(b), a
	default:
		return h, false
	}
	h.last = j + 2
	return h, true
}

// numericDateAt reads day/month/year or month/day/year from token j: the
// source's order decides, a weekday written before the date overrules it
// when only the other reading falls on that weekday, and a reading that is
// no date gives way to one that is.
func numericDateAt(text string, toks []token, j int, wd time.Weekday, order numOrder) (dateHit, bool) {
	var h dateHit
	s1, s2 := numericSep(text, toks, j+1), numericSep(text, toks, j+2)
	if s1 == "" || s1 != s2 || len(toks[j+1].key) > 2 || len(toks[j+2].key) != 4 {
		return h, false
	}
	a, b, y := tokInt(toks[j]), tokInt(toks[j+1]), tokInt(toks[j+2])
	if !isYear(y) {
		return h, false
	}
	m, d, ok := pickNumeric(y, a, b, wd, order)
	if !ok {
		return h, false
	}
	h.year, h.month, h.day, h.last = y, m, d, j+2
	return h, true
}

// pickNumeric chooses the reading of a/b/y (see numericDateAt).
func pickNumeric(y, a, b int, wd time.Weekday, order numOrder) (time.Month, int, bool) {
	// first and second reading: (month, day)
	m1, d1, m2, d2 := time.Month(b), a, time.Month(a), b
	if order == orderMDY {
		m1, d1, m2, d2 = m2, d2, m1, d1
	}
	ok1, ok2 := validDate(y, m1, d1), validDate(y, m2, d2)
	switch {
	case ok1 && ok2:
		if wd >= 0 && weekdayAt(y, m1, d1) != wd && weekdayAt(y, m2, d2) == wd {
			return m2, d2, true
		}
		return m1, d1, true
	case ok1:
		return m1, d1, true
	case ok2:
		return m2, d2, true
	}
	return 0, 0, false
}

// agencyDayMonthAt reads the yearless "day - month" that KUNA's Arabic
// service writes before its name: "الكويت - 14 - 10 (كونا) --". Spaced
// hyphens and the parenthesis after it are required: "2 - 1" alone is a
// score.
func agencyDayMonthAt(text string, toks []token, j, day int) (dateHit, bool) {
	var h dateHit
	m := tokInt(toks[j+1])
	if text[toks[j].end:toks[j+1].start] != " - " || len(toks[j+1].key) > 2 || !validDate(0, time.Month(m), day) {
		return h, false
	}
	rest := text[toks[j+1].end:]
	if !strings.HasPrefix(strings.TrimLeft(rest, " "), "(") {
		return h, false
	}
	h.month, h.day, h.last = time.Month(m), day, j+1
	return h, true
}

// dayMonthAt reads a day then a month name from token j, the day n: "22
// July 2024", "22nd of July, 2024", "٢٢ تموز ٢٠٢٤", "16 أيار (مايو) من عام
// 2023". The year is optional.
func dayMonthAt(text string, toks []token, j, n int) (dateHit, bool) {
	var h dateHit
	k := j + 1
	if isOrdinalSuffix(toks, k) {
		k++
	}
	if k < len(toks) && isDayFiller(toks[k].key) {
		k++
	}
	if k >= len(toks) || !softGap(text[toks[k-1].end:toks[k].start]) {
		return h, false
	}
	m, mn := monthAt(text, toks, k)
	if mn == 0 || !validDate(0, m, n) {
		return h, false
	}
	h.month, h.day = m, n
	k = skipMonthAlias(text, toks, k+mn, m)
	h.last = k - 1
	h.year, h.last = yearAfter(text, toks, k, h.last)
	return h, true
}

// yearAfter reads the year that may follow a month (or a day after a
// month) ending at token last, from token k: "July 2024", "July, 2024",
// "تموز، 2024", "(مايو) 2023", "أيار من عام 2023". It returns the year (0
// when there is none) and the date's last token.
func yearAfter(text string, toks []token, k, last int) (int, int) {
	for f := 0; f < 2 && k < len(toks) && toks[k].arabic && isYearFiller(toks[k].key); f++ {
		k++
	}
	if k >= len(toks) || !isYearTok(toks, k) {
		return 0, last
	}
	if !gapIs(text, toks, k, "", ",", "،", ")", "-") {
		return 0, last
	}
	return tokInt(toks[k]), k
}

// monthDayAt reads a month name then a day from token j: "July 22, 2024",
// "Dec. 7", "July 22nd". The year is optional.
func monthDayAt(text string, toks []token, j int) (dateHit, bool) {
	var h dateHit
	m, mn := monthAt(text, toks, j)
	if mn == 0 {
		return h, false
	}
	k := j + mn
	if k >= len(toks) || !toks[k].digits || len(toks[k].key) > 2 || !gapIs(text, toks, k, "", ".") {
		return h, false
	}
	d := tokInt(toks[k])
	if !validDate(0, m, d) {
		return h, false
	}
	h.month, h.day, h.last = m, d, k
	k++
	if isOrdinalSuffix(toks, k) {
		h.last = k
		k++
	}
	if k < len(toks) && isYearTok(toks, k) && gapIs(text, toks, k, "", ",") {
		h.year, h.last = tokInt(toks[k]), k
	}
	return h, true
}

// mayStartDate reports whether a date may start at token t: a number of at
// most four digits, or a word that may be a weekday or a month.
func mayStartDate(t *token) bool {
	if t.digits {
		return len(t.key) <= 4
	}
	if !t.upper && !t.arabic {
		return false
	}
	// a word looked up in the word index that is neither a weekday nor a
	// month starts no date
	return t.date != dwKnown || t.arabic
}

// findDates lists the dates in toks[from:to].
func findDates(text string, toks []token, from, to int, conv dateConv, out []dateHit) []dateHit {
	for i := from; i < to; i++ {
		if !mayStartDate(&toks[i]) {
			continue
		}
		h, ok := dateAt(text, toks, i, conv)
		if !ok {
			continue
		}
		out = append(out, h)
		i = h.last
	}
	return out
}

// ParseDate reads the first date in s: ISO dates and RFC 3339 times
// ("2024-07-22", "2024-07-22T10:30:00+03:00"), numeric dates where a weekday
// tells day/month from month/day ("Sun, 12/07/2025 - 11:25"; without one,
// day/month is preferred unless only month/day is valid), "July 22, 2024",
// "22 July 2024", Arabic month names of both systems with Arabic-Indic
// digits ("١٦ أيار ٢٠٢٣"), and dates without a year ("Dec. 7"), which take
// ref's year (ok is false when ref is zero). A time of day keeps the zone
// written with it ("Z", "+03:00", "GMT"), else it is in UTC.
func ParseDate(s string, ref time.Time) (t time.Time, hasTime bool, ok bool) {
	var tz tokenizer
	return parseDate(s, ref, dateConv{}, &tz)
}

// parseDate is ParseDate with a source's convention and a reusable
// tokenizer.
func parseDate(s string, ref time.Time, conv dateConv, tz *tokenizer) (t time.Time, hasTime bool, ok bool) {
	tz.run(s)
	toks := tz.toks
	for i := range toks {
		if !mayStartDate(&toks[i]) {
			continue
		}
		h, found := dateAt(s, toks, i, conv)
		if !found {
			continue
		}
		y := h.year
		if y == 0 {
			if ref.IsZero() || !validDate(ref.Year(), h.month, h.day) {
				return time.Time{}, false, false
			}
			y = ref.Year()
		}
		return h.time(y, conv.loc), h.hasTime, true
	}
	return time.Time{}, false, false
}
