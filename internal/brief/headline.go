package brief

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Headlines for briefs whose source has none (Shafaq News puts the first
// sentence where a headline would be; plain dumps start with the story).
// Many such openings look alike in a list ("On Monday, the Iraqi ..."), so
// the title is made from the first sentence's main clause, the way a desk
// writes a headline:
//
//   - the dateline and the agency before the story go ("Shafaq News/",
//     "BAGHDAD, July 23 (Reuters) -", "بغداد - واع");
//   - leading time and place adverbials go ("On Monday,", "In 2023,",
//     "Earlier today,"), and so do days inside the clause ("affirmed on
//     Sunday that", "، اليوم الاثنين،");
//   - so do a leading "the", an anonymous source ("A security source told
//     Shafaq News that ..."), trailing attributions and add-on clauses
//     (", the ministry said", ", according to ...", ", noting that ...",
//     "، بحسب ...") and the final full stop;
//   - a named speaker's statement becomes "Speaker: statement" ("Iraqi
//     Interior Minister affirmed that Iraq ..." → "Iraqi Interior Minister:
//     Iraq ..."; "أكد وزير الداخلية ... أن العراق ..." → "وزير الداخلية ...:
//     العراق ...");
//   - still too long, the names after titles go ("Interior Minister Ahmad
//     Vahidi" → "Interior Minister"), then it is cut at a word boundary
//     near HeadlineMax characters, with an ellipsis.
//
// The full sentence stays in the body: nothing is lost, the list just tells
// briefs apart. Anything the rules cannot shorten safely is kept as written.

// HeadlineMax is the length a made headline is cut to (in characters).
const HeadlineMax = 80

// maxHeadlineInput is the most of a sentence Headline reads, in bytes.
const maxHeadlineInput = 1000

// The words a leading adverbial (leadAdverbial) starts with, and the
// weekdays without "day".
var (
	leadWords    = []string{"on", "in", "during", "earlier", "later", "late", "early", "today", "yesterday", "tonight", "last", "meanwhile", "separately", "however", "moreover", "following", "after", "before", "amid", "according", "overnight"}
	weekdayStems = []string{"Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun"}
)

var (
	// "BAGHDAD, July 23 (Reuters) - ", "KUWAIT CITY, April 17 (KUNA) -- ",
	// "Baghdad (INA) - ", "بغداد (واع) - "
	datelineParen = lazyRegexp(`^[^()\n]{0,60}\([\p{L}\p{N} .'’-]{2,30}\)\s*(?:-{1,2}|–|—)\s*`)
	// "Shafaq News/ ", "Baghdad / NINA/- ", "شفق نيوز/ ", "بغداد/ واع/ "
	datelineSlash = lazyRegexp(`^[\p{L} .'’]{2,40}/(?:\s*[\p{L} .'’]{2,25}/)?\s*(?:-\s*)?`)
	// "بغداد - واع - ", "Baghdad - INA - "
	datelineDash = lazyRegexp(`^[\p{L} ]{2,30}\s[-–—]\s(?:\p{Lu}{2,6}|[\p{Arabic} ]{2,12})\s?[-–—/]\s*`)

	weekdayEn = `(?:` + strings.Join(weekdayStems, "|") + `)day`
	// "affirmed on Sunday that", " on Monday evening", " earlier today"
	timeInClauseEn = lazyRegexp(`(?i:\s+(?:(?:late|early|earlier|later)\s+)?on\s+` + weekdayEn + `(?:\s+(?:morning|afternoon|evening|night))?|\s+(?:earlier\s+)?today|\s+(?:on\s+)?` + weekdayEn + `\s+(?:morning|afternoon|evening|night))\b`)

	// a leading adverbial up to its comma: "On Monday,", "In 2023,",
	// "Earlier today,", "According to the ministry,"
	leadAdverbial   = lazyRegexp(`^(?i:` + strings.Join(leadWords, "|") + `|` + weekdayEn + `)\b(?:[^,،.\s]*\s+){0,5}[^,،.\s]*[,،]\s+`)
	leadAdverbialAr = lazyRegexp(`^(?:من جهته|من جهتها|من جانبه|من جانبها|إلى ذلك|الى ذلك|وفي سياق متصل|في سياق متصل|في غضون ذلك|وفي الأثناء|في الأثناء)\s*[،,]\s*`)

	// "A security source told Shafaq News Agency that ", "Sources said that "
	anonymousSource = lazyRegexp(`^(?i:(?:an?|the)\s+)?(?:[\p{L}-]+\s+){0,3}(?i:sources?)\b[^,.]{0,60}?\b(?i:told|said|says|stated|reported|revealed|confirmed)\b[^,.]{0,50}?\bthat\s+`)

	// "Iraqi Interior Minister Abdul Amir Al-Shammari affirmed that Iraq"
	speakerThat = lazyRegexp(`^([^,.;:]{3,90}?)\s+(?:said|says|affirmed|affirms|stated|states|announced|announces|stressed|stresses|confirmed|confirms|declared|declares|emphasized|emphasised|warned|warns|noted|notes|revealed|reveals|asserted|asserts)\s+that\s+`)
	// "أكد وزير الداخلية عبد الأمير الشمري أن العراق"
	speakerThatAr = lazyRegexp(`^(?:أعلن|اعلن|أكد|اكد|قال|ذكر|أفاد|افاد|كشف|أوضح|اوضح|صرح|شدد|بيّن|أشار|اشار|رأى|اعتبر)ت?\s+([^،,.:]{3,90}?)\s+(?:على|إلى|الى)?\s*(?:أن|ان|إن|بأن|بان)\s+`)

	// trailing clauses: attributions and add-ons
	trailingEn = lazyRegexp(`^(?i:according\s+to|noting|adding|saying|stressing|pointing|indicating|explaining|citing|as\s|while\s|amid\s|in\s+a\s+statement|in\s+remarks|in\s+comments|in\s+an?\s+interview)`)
	saidEn     = lazyRegexp(`^([^,]*?)\b(?i:said|says|told|reported|stated|added|noted|announced|confirmed|quoted|reports|tweeted|wrote)\b`)
	trailingAr = lazyRegexp(`^(?:بحسب|حسب|حسبما|وفق|وفقا|وفقاً|طبقا|طبقاً|نقلا|نقلاً|وذلك|مشيرا|مشيراً|مؤكدا|مؤكداً|مضيفا|مضيفاً|لافتا|لافتاً|موضحا|موضحاً|وأضاف|واضاف|وأكد|واكد|وتابع|وقال|وأشار|واشار)`)

	// a title, then a name of two or more capitalised words: "Minister
	// Ahmad Vahidi", "Minister Sheikh Fahad Yusuf Saud Al-Sabah"
	titledName = lazyRegexp(`\b((?:Minister|President|Premier|Speaker|Ambassador|Spokesman|Spokeswoman|Spokesperson|Governor|Commander|Chief|Secretary|Secretary-General|Director|Director-General|Chairman|Envoy|Emir|King|Prince|Crown Prince|Mayor|Counterpart|counterpart|Cleric|Leader|leader|Head|head|MP|lawmaker|Deputy|deputy))((?:\s+(?:Sheikh|Sayyid|Dr\.|bin|ibn|(?:al-|el-)?[\p{Lu}][\p{L}'’-]*)){2,7})`)
)

// Headline makes a short headline from a brief's first sentence (see the
// rules above). It returns "" for an empty sentence.
func Headline(sentence string) string {
	if len(sentence) > maxHeadlineInput {
		// a headline is made from the start; the rules cost at most
		// this much (a "sentence" of a megabyte is no sentence)
		sentence = sentence[:maxHeadlineInput]
		for !utf8.ValidString(sentence) {
			sentence = sentence[:len(sentence)-1]
		}
	}
	s := strings.Join(strings.Fields(sentence), " ")
	if s == "" {
		return ""
	}
	orig := s
	s = stripDateline(s)
	arabic := isMostlyArabic(s)
	if arabic {
		s = headlineAr(s)
	} else {
		s = headlineEn(s)
	}
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ".،,;۔ "))
	if utf8.RuneCountInString(s) < 3 || countWords(s) < 2 {
		s = strings.TrimRight(orig, ".۔ ")
	}
	if !arabic && utf8.RuneCountInString(s) > HeadlineMax {
		if short := titledName().ReplaceAllString(s, "$1"); short != s {
			s = short
		}
	}
	return capHeadline(s, HeadlineMax)
}

func headlineEn(s string) string {
	for range 3 { // "On Monday, in Baghdad, ..."
		if !mayLeadAdverbial(s) {
			break
		}
		m := leadAdverbial().FindStringIndex(s)
		if m == nil || m[1] >= len(s) {
			break
		}
		s = s[m[1]:]
	}
	if !containsFoldASCII(s, "ource") {
		// no "source": anonymousSource cannot match
	} else if m := anonymousSource().FindStringIndex(s); m != nil && m[1] < len(s) {
		s = s[m[1]:]
	}
	if containsFoldASCII(s, "day") { // every time timeInClauseEn removes has a day
		s = timeInClauseEn().ReplaceAllString(s, "")
	}
	s = strings.TrimRight(s, ". ")
	s = dropTrailing(s, ", ", func(tail string) bool {
		if trailingEn().MatchString(tail) {
			return true
		}
		// an attribution: "the ministry said in a statement", not
		// "Kuwait and Iran said they would ..." (a list goes on)
		m := saidEn().FindStringSubmatch(tail)
		return m != nil && countWords(tail) <= 12 && !strings.Contains(tail, " that ") && !strings.Contains(m[1], " and ")
	})
	if !strings.Contains(s, "that") {
		// speakerThat cannot match
	} else if m := speakerThat().FindStringSubmatchIndex(s); m != nil && m[1] < len(s) && countWords(s[m[1]:]) >= 3 && countWords(s[m[2]:m[3]]) <= 10 {
		s = s[m[2]:m[3]] + ": " + upperFirst(s[m[1]:])
	}
	if rest, ok := strings.CutPrefix(s, "the "); ok {
		s = rest
	} else if rest, ok := strings.CutPrefix(s, "The "); ok {
		s = rest
	}
	return upperFirst(s)
}

func headlineAr(s string) string {
	if m := leadAdverbialAr().FindStringIndex(s); m != nil && m[1] < len(s) {
		s = s[m[1]:]
	}
	s = dropTimeAr(s)
	s = strings.TrimRight(s, ".۔ ")
	s = dropTrailing(s, "، ", func(tail string) bool { return trailingAr().MatchString(tail) })
	if m := speakerThatAr().FindStringSubmatchIndex(s); m != nil && m[1] < len(s) && countWords(s[m[1]:]) >= 3 && countWords(s[m[2]:m[3]]) <= 10 {
		s = s[m[2]:m[3]] + ": " + s[m[1]:]
	}
	return s
}

// stripDateline removes a dateline or agency before the story.
func stripDateline(s string) string {
	for _, d := range []struct {
		re  func() *regexp.Regexp
		may func(string) bool
	}{{datelineParen, mayDatelineParen}, {datelineSlash, mayDatelineSlash}, {datelineDash, mayDatelineDash}} {
		if !d.may(s) {
			continue
		}
		if m := d.re().FindStringIndex(s); m != nil && m[1] < len(s) && countWords(s[m[1]:]) >= 3 {
			return s[m[1]:]
		}
	}
	return s
}

// Cheap tests of what the regexps need to match, so that they run only
// on the lines they may match (each is false only when its regexp cannot
// match).

// mayDatelineParen: datelineParen needs a "(" within 60 runes, before any
// ")" or line break.
func mayDatelineParen(s string) bool {
	k := strings.IndexAny(s, "()\n")
	return k >= 0 && s[k] == '(' && utf8.RuneCountInString(s[:k]) <= 60
}

// mayDatelineSlash: datelineSlash needs the first "/" after 2 to 40 runes.
func mayDatelineSlash(s string) bool {
	k := strings.IndexByte(s, '/')
	return k >= 2 && utf8.RuneCountInString(s[:k]) <= 40
}

// mayDatelineDash: datelineDash needs the first dash after 3 to 31 runes.
func mayDatelineDash(s string) bool {
	k := strings.IndexAny(s, "-–—")
	if k < 0 {
		return false
	}
	n := utf8.RuneCountInString(s[:k])
	return n >= 3 && n <= 31
}

// leadWordSet holds leadWords and the weekdays, in lower case.
var leadWordSet = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range leadWords {
		m[w] = true
	}
	for _, w := range weekdayStems {
		m[strings.ToLower(w)+"day"] = true
	}
	return m
}()

// mayLeadAdverbial: leadAdverbial needs one of its words, in any case,
// as the first ASCII word (letters, digits, '_') of s. A non-ASCII rune
// in or just after that word (ſ folds to s) is left to the regexp.
func mayLeadAdverbial(s string) bool {
	n := 0
	for n < len(s) && isASCIIWordByte(s[n]) {
		n++
	}
	if n < len(s) && s[n] >= utf8.RuneSelf {
		return true
	}
	var buf [16]byte
	if n > len(buf) {
		return false
	}
	for i := range n {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return leadWordSet[string(buf[:n])]
}

func isASCIIWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// containsFoldASCII reports whether s contains sub (lower-case ASCII
// letters) in any case; as regexp's (?i) sees it for letters other than
// k and s, which fold to non-ASCII runes too.
func containsFoldASCII(s, sub string) bool {
	if sub == "" {
		return true
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i]|0x20 != sub[0] {
			continue
		}
		j := 1
		for j < len(sub) && s[i+j]|0x20 == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// dropTrailing removes, from the end, the clauses after sep that drop says
// add nothing to the headline, keeping at least the first clause.
func dropTrailing(s, sep string, drop func(tail string) bool) string {
	for {
		k := strings.LastIndex(s, sep)
		if k <= 0 || !drop(s[k+len(sep):]) || countWords(s[:k]) < 3 {
			return s
		}
		s = s[:k]
	}
}

// capHeadline cuts s at a word boundary so that it holds at most n
// characters with the ellipsis, leaving no dangling small word or comma.
func capHeadline(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut, runes := 0, 0
	for i := range s {
		if runes >= n {
			break
		}
		if s[i] == ' ' {
			cut = i
		}
		runes++
	}
	if cut == 0 {
		rs := []rune(s)
		return string(rs[:n-1]) + "…"
	}
	s = s[:cut]
	for {
		k := strings.LastIndexByte(s, ' ')
		if k <= 0 || !danglingWords[strings.ToLower(s[k+1:])] {
			break
		}
		s = s[:k]
	}
	return strings.TrimRight(s, ",،;:-– ") + "…"
}

// danglingWords end no headline before an ellipsis.
var danglingWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "in": true, "on": true, "at": true,
	"to": true, "for": true, "with": true, "from": true, "by": true, "as": true, "that": true, "its": true, "their": true,
	"his": true, "her": true, "into": true, "over": true, "after": true, "before": true, "between": true,
	"و": true, "في": true, "من": true, "على": true, "إلى": true, "الى": true, "عن": true, "مع": true, "أن": true,
	"ان": true, "بين": true, "خلال": true, "حول": true, "بعد": true, "قبل": true,
}

// isMostlyArabic: more Arabic letters than Latin ones.
func isMostlyArabic(s string) bool {
	ar, lat := 0, 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			ar++
		case r < utf8.RuneSelf && unicode.IsLetter(r):
			lat++
		}
	}
	return ar > lat
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// Arabic words of a time adverbial: parts of the day, "today", "day",
// "yesterday", and the weekdays (with the article).
var (
	arDayPart = map[string]bool{"صباح": true, "مساء": true, "ظهر": true, "ظهيرة": true, "عصر": true, "فجر": true, "ليلة": true}
	arDay     = map[string]bool{"اليوم": true, "يوم": true, "أمس": true, "امس": true}
	arWeekday = map[string]bool{"الاثنين": true, "الإثنين": true, "الثلاثاء": true, "الأربعاء": true, "الاربعاء": true,
		"الخميس": true, "الجمعة": true, "الجمعه": true, "السبت": true, "الأحد": true, "الاحد": true}
)

// dropTimeAr removes the time adverbials of an Arabic sentence: "، اليوم
// الاثنين،", " يوم الأحد", "، مساء أمس،", " صباح اليوم". A bare "اليوم" or
// "يوم" stays unless commas set it apart ("حتى اليوم" is not a time of
// the news).
func dropTimeAr(s string) string {
	ws := strings.Fields(s)
	out := make([]string, 0, len(ws))
	for i := 0; i < len(ws); {
		j := i
		word := func(k int) string { return strings.TrimRight(ws[k], "،,") }
		if j < len(ws) && arDayPart[word(j)] && j+1 < len(ws) && (arDay[word(j+1)] || arWeekday[word(j+1)]) {
			j++
		}
		day := j < len(ws) && arDay[word(j)]
		if day {
			j++
		}
		weekday := j < len(ws) && arWeekday[word(j)]
		if weekday {
			j++
		}
		if !day && !weekday || j == i {
			out = append(out, ws[i])
			i++
			continue
		}
		before := len(out) > 0 && strings.HasSuffix(out[len(out)-1], "،")
		after := strings.HasSuffix(ws[j-1], "،") || strings.HasSuffix(ws[j-1], ",")
		partOfDay := j-i > 1 && arDayPart[word(i)]
		if !weekday && !partOfDay && !(before && after) {
			out = append(out, ws[i:j]...) // "حتى اليوم", "يوم 18 شباط"
			i = j
			continue
		}
		switch {
		case before && after: // "الشمري، اليوم الأحد، أن": one clause again
			out[len(out)-1] = strings.TrimSuffix(out[len(out)-1], "،")
		case after && len(out) > 0: // "بغداد مساء اليوم، بحسب": the comma stays
			out[len(out)-1] += "،"
		}
		i = j
	}
	return strings.Join(out, " ")
}
