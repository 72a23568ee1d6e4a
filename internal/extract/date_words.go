package extract

import (
	"strings"
	"time"
)

// monthKeys are the month names dates are written with, as normalised keys
// (see appendArabic): English names and abbreviations; Arabic names of the
// Syriac (Levantine and Iraqi) and Latin-derived (Egyptian and Gulf)
// systems, with common spellings; the Maghreb's. The two-word Syriac names
// (كانون الثاني، تشرين الأول...) are read by monthAt.
var monthKeys = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
	"sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
	// Syriac: شباط، آذار، نيسان، أيار، حزيران، تموز، آب، أيلول
	"شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8, "ايلول": 9,
	// Latin-derived: يناير، فبراير، مارس، أبريل/ابريل/إبريل، مايو، يونيو/يونيه،
	// يوليو/يوليه، أغسطس/اغسطس، سبتمبر، أكتوبر، نوفمبر، ديسمبر
	"يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
	"يوليو": 7, "يوليه": 7, "اغسطس": 8, "اغسطوس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
	"نونبر": 11, "دجنبر": 12, "شتنبر": 9, "غشت": 8, "يوليوز": 7,
	// Maghreb (Algeria, Tunisia): جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت
	"جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "اوت": 8,
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

// weekdayOf returns the weekday token j names, or -1. English names must be
// capitalised (a "sun", a "sat" are words); Arabic ones may carry a particle
// (ويوم، والثلاثاء).
func weekdayOf(toks []token, j int) time.Weekday {
	t := &toks[j]
	if !t.upper && !t.arabic {
		return -1
	}
	if w, ok := weekdayKeys[t.key]; ok {
		return w
	}
	if t.arabic {
		if k, ok := strings.CutPrefix(t.key, "و"); ok {
			if w, ok := weekdayKeys[k]; ok {
				return w
			}
		}
	}
	return -1
}

// monthAt reads a month name at token j: how many tokens it takes (0: none).
func monthAt(text string, toks []token, j int) (time.Month, int) {
	if j >= len(toks) {
		return 0, 0
	}
	t := toks[j]
	if t.arabic {
		return arabicMonthAt(toks, j)
	}
	if !t.upper {
		return 0, 0 // "may", "march" as words
	}
	m, ok := monthKeys[t.key]
	if !ok {
		return 0, 0
	}
	if t.key == "may" || t.key == "mar" {
		if w := text[t.start:t.end]; w != "May" && w != "MAY" && w != "Mar" {
			return 0, 0
		}
	}
	return m, 1
}

// arabicMonthAt is monthAt for an Arabic word: كانون and تشرين take the
// next word (الأول، الثاني, with or without the article).
func arabicMonthAt(toks []token, j int) (time.Month, int) {
	k := toks[j].key
	if k != "كانون" && k != "تشرين" {
		if m, ok := monthKeys[k]; ok {
			return m, 1
		}
		return 0, 0
	}
	if j+1 >= len(toks) {
		return 0, 0
	}
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
	return 0, 0
}

// skipMonthAlias skips a second name of month m written after the first,
// as in "22 يوليو/تموز 2024" or "16 أيار (مايو) 2023". It returns the token
// after the alias (and its closing parenthesis), or j.
func skipMonthAlias(text string, toks []token, j int, m time.Month) int {
	if j >= len(toks) || !toks[j].arabic {
		return j
	}
	switch strings.TrimSpace(text[toks[j-1].end:toks[j].start]) {
	case "/", "-", "(", "،":
	default:
		return j
	}
	if m2, n := arabicMonthAt(toks, j); n > 0 && m2 == m {
		return j + n
	}
	return j
}

// isYearFiller reports whether an Arabic word may stand between a month
// and its year: "16 أيار من عام 2023", "من العام", "لسنة".
func isYearFiller(k string) bool {
	switch k {
	case "من", "عام", "العام", "لعام", "سنه", "لسنه", "السنه":
		return true
	}
	return false
}

// isDayFiller reports whether a word may stand between a day and its
// month: "22nd of July", "16 من أيار".
func isDayFiller(k string) bool { return k == "of" || k == "من" }

// isAfterWeekday reports whether a word may stand between a weekday and its
// date: "الثلاثاء الموافق 16 أيار", "Tuesday the 16th".
func isAfterWeekday(k string) bool {
	switch k {
	case "الموافق", "الموافقه", "the":
		return true
	}
	return false
}

// Words that make a weekday name point away from the publication day.
var weekdayAway = map[string]bool{
	"last": true, "next": true, "previous": true, "since": true, "until": true, "before": true,
	"الماضي": true, "الماضيه": true, "المقبل": true, "المقبله": true, "القادم": true, "القادمه": true,
	"السابق": true, "الفائت": true,
}
