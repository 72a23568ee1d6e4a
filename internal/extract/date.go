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
}

func (h dateHit) time(year int) time.Time {
	if h.hasTime {
		return time.Date(year, h.month, h.day, h.hour, h.min, h.sec, 0, time.UTC)
	}
	return time.Date(year, h.month, h.day, 0, 0, 0, 0, time.UTC)
}

var monthKeys = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
	"sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
	// Arabic (normalised keys): Egyptian-style and Levantine/Iraqi names
	"يناير": 1, "فبراير": 2, "شباط": 2, "مارس": 3, "اذار": 3, "ابريل": 4, "نيسان": 4,
	"مايو": 5, "ايار": 5, "يونيو": 6, "يونيه": 6, "حزيران": 6, "يوليو": 7, "يوليه": 7, "تموز": 7,
	"اغسطس": 8, "اب": 8, "سبتمبر": 9, "ايلول": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
}

var weekdayKeys = map[string]time.Weekday{
	"sunday": time.Sunday, "sun": time.Sunday, "monday": time.Monday, "mon": time.Monday,
	"tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday, "thursday": time.Thursday, "thu": time.Thursday,
	"thur": time.Thursday, "thurs": time.Thursday, "friday": time.Friday, "fri": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday,
	"الاحد": time.Sunday, "الاثنين": time.Monday, "الثلاثاء": time.Tuesday, "الاربعاء": time.Wednesday,
	"الخميس": time.Thursday, "الجمعه": time.Friday, "السبت": time.Saturday,
}

// monthAt reads a month name at token j: how many tokens it takes (0: none).
func monthAt(text string, toks []token, j int) (time.Month, int) {
	if j >= len(toks) {
		return 0, 0
	}
	t := toks[j]
	if t.arabic {
		k := t.key
		if k == "كانون" || k == "تشرين" {
			if j+1 < len(toks) {
				switch stripArticle(toks[j+1].key) {
				case "ثاني":
					if k == "كانون" {
						return 1, 2
					}
					return 11, 2
				case "اول":
					if k == "كانون" {
						return 12, 2
					}
					return 10, 2
				}
			}
			return 0, 0
		}
		if m, ok := monthKeys[k]; ok {
			return m, 1
		}
		return 0, 0
	}
	if !t.upper {
		return 0, 0 // "may", "march" as words
	}
	if m, ok := monthKeys[t.key]; ok {
		if t.key == "may" || t.key == "mar" {
			if text[t.start:t.end] != "May" && text[t.start:t.end] != "MAY" && text[t.start:t.end] != "Mar" {
				return 0, 0
			}
		}
		return m, 1
	}
	return 0, 0
}

// skipMonthAlias skips a second month name written after the first, as in
// "22 يوليو/تموز 2024".
func skipMonthAlias(text string, toks []token, j int, m time.Month) int {
	if j < len(toks) && toks[j].arabic {
		g := text[toks[j-1].end:toks[j].start]
		if strings.TrimSpace(g) == "/" || strings.TrimSpace(g) == "-" || strings.TrimSpace(g) == "(" {
			if m2, n := monthAt(text, toks, j); n > 0 && m2 == m {
				return j + n
			}
		}
	}
	return j
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

func isYear(n int) bool { return n >= 1900 && n <= 2100 }

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

// dateAt reads a date starting at token i (a weekday name may come first).
func dateAt(text string, toks []token, i int) (dateHit, bool) {
	var h dateHit
	wd := time.Weekday(-1)
	j := i
	if w, ok := weekdayKeys[toks[i].key]; ok && (toks[i].upper || toks[i].arabic) {
		wd = w
		j++
		if j >= len(toks) {
			return h, false
		}
		g := strings.TrimSpace(text[toks[j-1].end:toks[j].start])
		if g != "" && g != "," && g != "،" && g != "-" && g != "." {
			return h, false
		}
	}
	h.first = i
	t := toks[j]
	n := tokInt(t)
	switch {
	case t.digits && len(t.key) == 4 && isYear(n):
		// 2024-07-22, 2024/07/22, 2024.07.22
		if j+2 >= len(toks) {
			return h, false
		}
		s1, s2 := numericSep(text, toks, j+1), numericSep(text, toks, j+2)
		if s1 == "" || s1 != s2 {
			return h, false
		}
		a, b := tokInt(toks[j+1]), tokInt(toks[j+2])
		if len(toks[j+1].key) > 2 || len(toks[j+2].key) > 2 {
			return h, false
		}
		switch {
		case validDate(n, time.Month(a), b):
			h.year, h.month, h.day = n, time.Month(a), b
		case s1 == "/" && validDate(n, time.Month(b), a):
			h.year, h.month, h.day = n, time.Month(b), a
		default:
			return h, false
		}
		h.last = j + 2
	case t.digits && len(t.key) <= 2 && n >= 1 && n <= 31:
		if j+2 < len(toks) && toks[j+1].digits && toks[j+2].digits {
			s1, s2 := numericSep(text, toks, j+1), numericSep(text, toks, j+2)
			if s1 != "" && s1 == s2 && len(toks[j+1].key) <= 2 && len(toks[j+2].key) == 4 {
				b, y := tokInt(toks[j+1]), tokInt(toks[j+2])
				if !isYear(y) {
					return h, false
				}
				dm := validDate(y, time.Month(b), n) // day/month
				md := validDate(y, time.Month(n), b) // month/day
				switch {
				case dm && md:
					h.year, h.month, h.day = y, time.Month(b), n
					if wd >= 0 && time.Date(y, time.Month(b), n, 0, 0, 0, 0, time.UTC).Weekday() != wd &&
						time.Date(y, time.Month(n), b, 0, 0, 0, 0, time.UTC).Weekday() == wd {
						h.month, h.day = time.Month(n), b
					}
				case dm:
					h.year, h.month, h.day = y, time.Month(b), n
				case md:
					h.year, h.month, h.day = y, time.Month(n), b
				default:
					return h, false
				}
				h.last = j + 2
				break
			}
			return h, false
		}
		// 22 July 2024, 22nd July, 2024, 22 تموز 2024
		k := j + 1
		if isOrdinalSuffix(toks, k) {
			k++
		}
		if k < len(toks) && toks[k].key == "of" {
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
		h.last = k + mn - 1
		k = skipMonthAlias(text, toks, k+mn, m)
		h.last = k - 1
		if k < len(toks) {
			g := strings.TrimSpace(text[toks[k-1].end:toks[k].start])
			if (g == "" || g == "," || g == "،") && toks[k].digits && len(toks[k].key) == 4 && isYear(tokInt(toks[k])) {
				h.year = tokInt(toks[k])
				h.last = k
			}
		}
	default:
		// July 22, 2024; Dec. 7
		m, mn := monthAt(text, toks, j)
		if mn == 0 {
			return h, false
		}
		k := j + mn
		if k >= len(toks) || !toks[k].digits || len(toks[k].key) > 2 {
			return h, false
		}
		g := strings.TrimSpace(text[toks[k-1].end:toks[k].start])
		if g != "" && g != "." {
			return h, false
		}
		d := tokInt(toks[k])
		if !validDate(0, m, d) {
			return h, false
		}
		h.month, h.day = m, d
		h.last = k
		k++
		if isOrdinalSuffix(toks, k) {
			h.last = k
			k++
		}
		if k < len(toks) {
			g := strings.TrimSpace(text[toks[k-1].end:toks[k].start])
			if (g == "" || g == ",") && toks[k].digits && len(toks[k].key) == 4 && isYear(tokInt(toks[k])) {
				h.year = tokInt(toks[k])
				h.last = k
			}
		}
	}
	if h.year != 0 && !validDate(h.year, h.month, h.day) {
		return h, false
	}
	timeAt(text, toks, &h)
	return h, true
}

// timeAt reads a time of day right after a date: "- 11:25", "T10:30:00Z",
// ", 3:45 p.m.", "at 09:00".
func timeAt(text string, toks []token, h *dateHit) {
	k := h.last + 1
	if k >= len(toks) {
		return
	}
	g := text[toks[k-1].end:toks[k].start]
	switch {
	case g == "" && toks[k].key == "t":
		k++
		if k >= len(toks) || toks[k].start != toks[k-1].end {
			return
		}
	case toks[k].key == "at" || toks[k].key == "الساعه":
		k++
	default:
		switch strings.TrimSpace(g) {
		case "", ",", "-", "–", "—", "|", "،":
		default:
			return
		}
		if strings.Count(g, "\n") > 0 {
			return
		}
	}
	if k+1 >= len(toks) || !toks[k].digits || !toks[k+1].digits || len(toks[k].key) > 2 || len(toks[k+1].key) != 2 {
		return
	}
	if text[toks[k].end:toks[k+1].start] != ":" {
		return
	}
	hh, mm := tokInt(toks[k]), tokInt(toks[k+1])
	last := k + 1
	ss := 0
	if last+1 < len(toks) && toks[last+1].digits && len(toks[last+1].key) == 2 && text[toks[last].end:toks[last+1].start] == ":" {
		ss = tokInt(toks[last+1])
		last++
	}
	if last+1 < len(toks) && strings.TrimSpace(text[toks[last].end:toks[last+1].start]) == "" {
		switch toks[last+1].key {
		case "pm", "p":
			if hh < 12 {
				hh += 12
			}
			last++
		case "am", "a":
			if hh == 12 {
				hh = 0
			}
			last++
		}
	}
	if hh > 23 || mm > 59 || ss > 59 {
		return
	}
	h.hour, h.min, h.sec, h.hasTime = hh, mm, ss, true
	h.last = last
}

// findDates lists the dates in toks[from:to].
func findDates(text string, toks []token, from, to int, out []dateHit) []dateHit {
	for i := from; i < to; i++ {
		t := toks[i]
		if !t.digits && !t.upper && !t.arabic {
			continue
		}
		if t.digits && len(t.key) > 4 {
			continue
		}
		if t.date == dwKnown && !t.digits && !t.arabic {
			continue // neither a weekday nor a month: no date starts here
		}
		h, ok := dateAt(text, toks, i)
		if !ok {
			continue
		}
		out = append(out, h)
		i = h.last
	}
	return out
}

// ParseDate reads the first date in s: ISO dates and RFC 3339 times
// ("2024-07-22", "2024-07-22T10:30:00Z"), numeric dates where a weekday tells
// day/month from month/day ("Sun, 12/07/2025 - 11:25"; without one, day/month
// is preferred unless only month/day is valid), "July 22, 2024",
// "22 July 2024", Arabic month names, and dates without a year ("Dec. 7"),
// which take ref's year (ok is false when ref is zero). Times of day are kept
// as written, in UTC.
func ParseDate(s string, ref time.Time) (t time.Time, hasTime bool, ok bool) {
	var tz tokenizer
	return parseDate(s, ref, &tz)
}

// parseDate is ParseDate with a reusable tokenizer.
func parseDate(s string, ref time.Time, tz *tokenizer) (t time.Time, hasTime bool, ok bool) {
	tz.run(s)
	toks := tz.toks
	var h dateHit
	found := false
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.digits && !t.upper && !t.arabic || t.digits && len(t.key) > 4 {
			continue
		}
		if h, found = dateAt(s, toks, i); found {
			break
		}
	}
	if !found {
		return time.Time{}, false, false
	}
	y := h.year
	if y == 0 {
		if ref.IsZero() {
			return time.Time{}, false, false
		}
		y = ref.Year()
		if !validDate(y, h.month, h.day) {
			return time.Time{}, false, false
		}
	}
	return h.time(y), h.hasTime, true
}
