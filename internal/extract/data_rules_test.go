package extract

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/brief"
)

// TestCountryRules covers each rule of the gazetteer: territories and
// observer states, ambiguous names decided by context, capitals versus other
// cities, Arabic inflections and particles, and decoys.
func TestCountryRules(t *testing.T) {
	x := extractor(t)
	tests := []struct{ name, text, want string }{
		// observer states and territories
		{"palestine by demonym", "Palestinians in Gaza and the West Bank; the Palestinian Authority.", "PS:4"},
		{"palestine arabic", "وقال السفير الفلسطيني إن قطاع غزة والضفة الغربية ورام الله", "PS:4"},
		{"territories", "Hong Kong and Macau, Taiwan and Kosovo, the Vatican and Western Sahara.", "EH:1 HK:1 MO:1 TW:1 VA:1 XK:1"},
		{"holy see", "The Holy See and the Vatican City State.", "VA:2"},
		{"arabic territories", "الفاتيكان وكوسوفو وتايوان والصحراء الغربية وفلسطين", "EH:1 PS:1 TW:1 VA:1 XK:1"},
		{"regions are not countries", "The Kurdistan Region and Crimea, Darfur and Sinai.", ""},
		{"chinese taipei", "Chinese Taipei beat Iran.", "IR:1 TW:1"},
		// capitals count, other cities do not
		{"non-capital cities", "He visited Dubai, Jeddah, Basra, Erbil, Lagos and Istanbul.", ""},
		{"arabic non-capital cities", "زار دبي وجدة والبصرة وأربيل وإسطنبول", ""},
		{"capitals", "Talks in Ankara, Amman, Abu Dhabi and Riyadh.", "AE:1 JO:1 SA:1 TR:1"},
		{"metonyms", "The White House and the Kremlin; the Pentagon said.", "US:2 RU:1"},
		// ambiguous names
		{"bare amman unresolved", "وصل رئيس الوزراء إلى عمان في زيارة رسمية.", ""},
		{"amman with jordan", "وصل وزير الخارجية إلى العاصمة الأردنية عمان.", "JO:2"},
		{"oman with omani", "التقى السفير العماني في مسقط ثم زار عمان.", "OM:3"},
		{"oman in a gulf list", "قال المتحدث إن الكويت وعمان وقطر اتفقت.", "KW:1 OM:1 QA:1"},
		{"sultanate", "سلطنة عمان", "OM:1"},
		{"tripoli lebanon", "Fighting in Tripoli, Lebanon's second city.", "LB:2"},
		{"tripoli default libya", "Clashes erupted in Tripoli overnight.", "LY:1"},
		{"tripoli both named", "Libya and Lebanon; fighting in Tripoli.", "LY:2 LB:1"},
		{"georgia us state", "Voters in Atlanta, Georgia, lined up.", ""},
		{"georgia country", "Georgia's president met EU officials in Tbilisi.", "GE:2"},
		{"georgia default", "Georgia and Armenia signed.", "AM:1 GE:1"},
		// person names, rivers, seas, organisations
		{"jordan river and valley", "The Jordan River and the Jordan Valley.", ""},
		{"washington as a name", "George Washington and Washington.", "US:1"},
		{"seas and gulfs", "The Gulf of Oman, the Gulf of Aden and the Niger Delta.", ""},
		{"organisations", "Iraqi dinar fell; the Arab League and the Gulf Cooperation Council and the European Union met.", "IQ:1"},
		{"abbreviations", "The U.S. and the USA and the UAE.", "US:2 AE:1"},
		{"turkmen are iraqis", "Iraqi Turkmen Front leaders in Kirkuk.", "IQ:1"},
		{"poles", "An expedition to the North Pole and the South Pole.", ""},
		{"arabic organisations", "جامعة الدول العربية والمغرب العربي", ""},
		// agreements and formats named after a capital are not the country
		{"paris agreement", "Nations reaffirmed the Paris Agreement and the Paris climate accord.", ""},
		{"paris itself", "The minister flew to Paris.", "FR:1"},
		{"astana format", "Iran and Russia met under the Astana format.", "IR:1 RU:1"},
		{"arabic paris agreement", "أكد التزامه باتفاق باريس للمناخ ومسار أستانا", ""},
		// a bare Arabic demonym after a definite noun is a name
		{"arabic turki name", "وقال النائب تركي العتبي إن العملية نجحت", ""},
		{"arabic turkish adjective", "وصل وفد تركي إلى بغداد", "IQ:1 TR:1"},
		{"arabic turkish definite", "وقال الرئيس التركي إن", "TR:1"},
		// Arabic inflections, particles, spelling
		{"demonym forms", "العراقي والعراقية والعراقيين والإيرانية والكويتية والأمريكية والأميركية والتركية والسعودية", "IQ:3 US:2 IR:1 KW:1 SA:1 TR:1"},
		{"accusative", "وفداً إيرانياً وتعاوناً عراقياً", "IQ:1 IR:1"},
		{"particles", "وبغداد ولإيران وبالعراق وللكويت ومصرف الرافدين", "IQ:2 IR:1 KW:1"},
		{"korea", "وفد كوري شمالي والكورية الشمالية وبيونغيانغ وكوريا الجنوبية", "KP:2 KR:1"},
		{"broken plurals", "الأتراك والروس والألمان والأفغان", "AF:1 DE:1 RU:1 TR:1"},
		{"zionist entity", "قصف الكيان الصهيوني جنوب لبنان", "IL:1 LB:1"},
		{"egyptian spelling", "الرئيس المصرى", "EG:1"},
		{"latin america arabic", "دول أمريكا اللاتينية وأميركا الجنوبية", ""},
		{"volker turk is a name", "UN rights chief Volker Turk said on Monday. Turk urged restraint.", ""},
		{"a turk", "The Turkish delegation arrived; Ankara said it would attend.", "TR:2"},
		// Arabic decoys
		{"floods are not seoul", "السيول تضرب المدينة", ""},
		{"right hand is not yemeni", "أصيب في يده اليمنى وفي العين اليمنى", ""},
		{"yemeni", "الوفد اليمني والحكومة اليمنية", "YE:2"},
		{"sunset prayer", "بعد صلاة المغرب", ""},
		{"birthplace", "عاد إلى مسقط رأسه", ""},
		{"cable", "مد كابل ضوئي", ""},
		{"desert areas", "المناطق الصحراوية", ""},
		{"turki is a name", "استقبل الأمير تركي بن محمد وفداً، وتحدث تركي آل الشيخ", ""},
		{"turkish", "وفد تركي والجانب التركي", "TR:2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := countriesOf(x, "", tt.text); got != tt.want {
				t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestDateRules covers the publication date rules (see applyPublished).
func TestDateRules(t *testing.T) {
	x := extractor(t)
	file := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name, body, hint, source string
		fileTime                 time.Time
		want                     string // DateISO
	}{
		{"nina month first", "text", "Wed, 12/03/2025 - 10:40", "NINA", time.Time{}, "2025-12-03T10:40:00+03:00"},
		{"nina seed", "text", "Sun, 12/07/2025 - 11:25", "NINA", time.Time{}, "2025-12-07T11:25:00+03:00"},
		{"nina weekday overrules", "text", "Sat, 12/07/2025 - 11:25", "NINA", time.Time{}, "2025-07-12T11:25:00+03:00"},
		{"nina arabic name", "text", "Mon, 11/10/2025 - 14:05", "نينا", time.Time{}, "2025-11-10T14:05:00+03:00"},
		{"unknown agency day first", "text", "12/03/2025 10:40", "", time.Time{}, "2025-03-12T10:40:00Z"},
		{"shafaq day", "text", "2024-07-22", "Shafaq News", time.Time{}, "2024-07-22"},
		{"shafaq time", "text", "2024-07-22 09:15", "Shafaq News", time.Time{}, "2024-07-22T09:15:00+03:00"},
		{"explicit zone wins", "text", "2024-07-22T09:15:00Z", "Shafaq News", time.Time{}, "2024-07-22T09:15:00Z"},
		{"kuna zone", "KUWAIT, July 22, 2024, 10:30 (KUNA) -- text", "", "", time.Time{}, "2024-07-22T10:30:00+03:00"},
		{"wam zone", "ABU DHABI, 22nd July, 2024 - 10:30 (WAM) -- text", "", "", time.Time{}, "2024-07-22T10:30:00+04:00"},
		{"yearless, weekday and a year mentioned", "BAGHDAD, July 23 (Reuters) - Iraq said on Tuesday it would. Talks began in 2023.", "", "", time.Time{}, "2024-07-23"},
		{"yearless, weekday and the file", "BAGHDAD, July 23 (Reuters) - Iraq said on Tuesday it would.", "", "", file, "2024-07-23"},
		{"yearless, file only", "BAGHDAD, July 23 (Reuters) - Iraq said it would.", "", "", file, "2026-07-23"},
		{"yearless, after the file day", "BAGHDAD, Dec 23 (Reuters) - Iraq said it would.", "", "", file, "2025-12-23"},
		{"yearless, labelled date", "BAGHDAD, Dec. 7 (Xinhua) -- Iraq hosted.\n\nPosted: 2025-12-07", "", "", file, "2025-12-07"},
		{"yearless, full date elsewhere", "BAGHDAD, July 23 (Reuters) - On July 22, 2024, Iraq said on Tuesday.", "", "", time.Time{}, "2024-07-23"},
		{"yearless, weekday alone", "KUWAIT, April 17 (KUNA) -- Kuwait met on Wednesday.", "", "", time.Time{}, "2024-04-17"},
		{"yearless, nothing", "KUWAIT, April 17 (KUNA) -- Kuwait met.", "", "", time.Time{}, ""},
		{"kuna arabic short", "الكويت - 14 - 10 (كونا) -- رحبت دولة الكويت اليوم الجمعة", "", "", time.Time{}, "2022-10-14"},
		{"score is not a date", "Iraq beat Kuwait 2 - 1 on Friday.", "", "", time.Time{}, ""},
		{"arabic levantine month", "بغداد - واع: الثلاثاء ١٦ أيار ٢٠٢٣", "", "", time.Time{}, "2023-05-16"},
		{"arabic two-word month", "أعلنت الوزارة اليوم الاثنين 25 تشرين الثاني 2024", "", "", time.Time{}, "2024-11-25"},
		{"arabic kanun", "في 7 كانون الأول 2025", "", "", time.Time{}, "2025-12-07"},
		{"arabic egyptian month and alias", "القاهرة، 3 يونيه/حزيران 2024 (أ ش أ)", "", "", time.Time{}, "2024-06-03"},
		{"arabic parenthesised alias", "في 16 أيار (مايو) من عام 2023", "", "", time.Time{}, "2023-05-16"},
		{"arabic hijri then gregorian", "الرياض 06 ذو القعدة 1445 هـ الموافق 14 مايو 2024 م واس", "", "", time.Time{}, "2024-05-14"},
		{"arabic maghreb month", "الجزائر في 5 جويلية 2024", "", "", time.Time{}, "2024-07-05"},
		{"arabic numeric eastern digits", "عقد يوم ٢٠٢٤/١/١٥ اجتماع", "", "", time.Time{}, "2024-01-15"},
		{"arabic time with meridiem", "الأحد 7 كانون الأول 2025 الساعة 11:25 صباحا", "", "", time.Time{}, "2025-12-07T11:25:00Z"},
		{"arabic yearless with weekday", "عمان 20 آب (بترا)- استقبل الملك اليوم الأحد. القمة في 2023.", "", "", time.Time{}, "2023-08-20"},
		{"arabic last sunday is not today", "بغداد - 9 آب (واع) - قال الوزير إن يوم الأحد الماضي شهد. منذ 2023.", "", "", time.Time{}, "2023-08-09"},
		{"today weekday against the file", "بغداد - واع - أعلنت الوزارة اليوم الثلاثاء عن", "", "", file, "2026-11-24"},
		{"today weekday without a file", "بغداد - واع - أعلنت الوزارة اليوم الثلاثاء عن", "", "", time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := brief.Brief{Body: tt.body, Hints: brief.Hints{DateText: tt.hint, Source: tt.source, FileTime: tt.fileTime}}
			x.Apply(&b)
			if got := b.DateISO(); got != tt.want {
				t.Errorf("%q: published %q, want %q", tt.body, got, tt.want)
			}
		})
	}
}

// TestSourceRules covers the agency table: aliases in both languages, sign-off
// abbreviations, long forms folded to one source, and words that are agencies
// only in an agency position.
func TestSourceRules(t *testing.T) {
	x := extractor(t)
	tests := []struct{ body, hint, want string }{
		{"text", "National Iraqi News Agency (NINA)", "NINA"},
		{"text", "الوكالة الوطنية العراقية للأنباء", "NINA"},
		{"text", "Iraqi News Agency (INA)", "INA"},
		{"text", "وكالة الأنباء العراقية (واع)", "INA"},
		{"text", "shafaq news agency", "Shafaq News"},
		{"text", "My Own Blog", "My Own Blog"},
		{"بغداد - واع - قال الوزير", "", "INA"},
		{"القاهرة، 3 يونيه/حزيران 2024 (أ ش أ) - قال", "", "MENA"},
		{"الرياض 14 أيار 2024 (واس) - قال", "", "SPA"},
		{"الكويت - 14 - 10 (كونا) -- رحبت", "", "KUNA"},
		{"الدوحة في 10 سبتمبر /قنا/ وقعت", "", "QNA"},
		{"المنامة في 10 سبتمبر / بنا / أكد", "", "BNA"},
		{"أبوظبي في 10 سبتمبر / وام / أكد", "", "WAM"},
		{"طهران - إرنا - قال", "", "IRNA"},
		{"عمان 20 آب (بترا)- استقبل", "", "Petra"},
		{"دمشق - سانا - قال", "", "SANA"},
		{"أنقرة (الأناضول) - قال", "", "Anadolu"},
		{"باريس (أ ف ب) - قال", "", "AFP"},
		{"بغداد/ السومرية نيوز/ شهدت", "", "Alsumaria"},
		{"بغداد اليوم - بغداد\n\nكشف مصدر", "", "Baghdad Today"},
		{"ANKARA (AA) - Turkish officials", "", "Anadolu"},
		{"The minister told Al Jazeera that", "", "Al Jazeera"},
		// common words that are agencies only in an agency position
		{"جاء بنا القطار إلى قنا عبر العربية والجزيرة", "", ""},
		{"أعلنت روسيا اليوم أنها", "", ""},
		{"استقبلت بغداد اليوم وفداً", "", ""},
	}
	for _, tt := range tests {
		b := brief.Brief{Body: tt.body, Hints: brief.Hints{Source: tt.hint}}
		x.Apply(&b)
		if b.Source != tt.want {
			t.Errorf("%q (hint %q): source %q, want %q", tt.body, tt.hint, b.Source, tt.want)
		}
	}
	for in, want := range map[string]string{
		"nina": "NINA", "National Iraqi News Agency (NINA)": "NINA", "واع": "INA", "أ ش أ": "MENA",
		"كونا": "KUNA", "شفق نيوز": "Shafaq News", "al-sumaria": "Alsumaria", "kurdistan 24": "Kurdistan24",
		"فرانس برس": "AFP", "Associated Press": "AP", "رويترز": "Reuters",
	} {
		if got, ok := x.ResolveSource(in); !ok || got != want {
			t.Errorf("ResolveSource(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "my blog", "NINA and Reuters"} {
		if got, ok := x.ResolveSource(bad); ok {
			t.Errorf("ResolveSource(%q) = %q, want not found", bad, got)
		}
	}
	found := false
	for _, a := range x.Agencies() {
		if a.Name == "INA" {
			found = len(a.Aliases) > 3
		}
	}
	if !found {
		t.Error("Agencies: INA without its aliases")
	}
}

// TestKingdomRule: "the Kingdom" and a bare "المملكة" name the agency's own
// kingdom (data/agencies.tsv, column kingdom); named kingdoms name
// themselves; other agencies' "Kingdom" names nothing.
func TestKingdomRule(t *testing.T) {
	x := extractor(t)
	for _, tt := range []struct{ source, body, want string }{
		{"SPA", "وصل وفد المملكة إلى دولة الكويت للمشاركة في القمة.", "KW SA"},
		{"SPA", "وأكد سموه حرص المملكة العربية السعودية على ذلك.", "SA"},
		{"BNA", "وزار الوزير المملكة المتحدة.", "GB"},
		{"BNA", "رحب سموه بضيوف المملكة.", "BH"},
		{"Arab News", "The Kingdom's non-oil exports rose.", "SA"},
		{"Arab News", "The Kingdom of Bahrain hosted the talks.", "BH"},
		{"Reuters", "The Kingdom's non-oil exports rose.", ""},
		{"", "رحب سموه بضيوف المملكة.", ""},
	} {
		b := brief.Brief{Body: tt.body, Hints: brief.Hints{Source: tt.source}}
		x.Apply(&b)
		got := b.CountryCodes()
		slices.Sort(got)
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s %q: %v, want %s", tt.source, tt.body, got, tt.want)
		}
	}
}
