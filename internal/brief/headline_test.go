package brief

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHeadline(t *testing.T) {
	cases := []struct{ in, want string }{
		// the seed: time adverbial and article go, the names go to fit
		{"On Monday, the Iranian Interior Minister Ahmad Vahidi and Kuwaiti Interior Minister Sheikh Fahad Yusuf Saud Al-Sabah arrived in Baghdad.",
			"Iranian Interior Minister and Kuwaiti Interior Minister arrived in Baghdad"},
		// short enough: names stay
		{"Lebanese Interior Minister Bassam Al-Mawlawi also arrived.", "Lebanese Interior Minister Bassam Al-Mawlawi also arrived"},
		// an anonymous source adds nothing
		{"A security source told Shafaq News Agency that the ministers will participate in the second Baghdad International Regional Conference on Combating Drugs.",
			"Ministers will participate in the second Baghdad International Regional…"},
		// a named speaker's statement
		{"Iraqi Interior Minister Abdul Amir Al-Shammari affirmed on Sunday that Iraq has made significant progress in building an advanced security system to combat narcotics, noting that the drug threat has evolved into a cross-border challenge.",
			"Iraqi Interior Minister: Iraq has made significant progress in building…"},
		// datelines and trailing attributions
		{"BAGHDAD, June 2 (Reuters) - Iraq's crude oil exports averaged 3.4 million barrels per day in May, state oil marketer SOMO said on Sunday, as the country tries to comply with OPEC+ output cuts.",
			"Iraq's crude oil exports averaged 3.4 million barrels per day in May"},
		{"Shafaq News/ In 2023, Iraq hosted the first conference to enhance collaboration.", "Iraq hosted the first conference to enhance collaboration"},
		{"KUWAIT CITY, April 17 (KUNA) -- Kuwait's Deputy Foreign Minister met on Wednesday with Iraq's ambassador.", "Kuwait's Deputy Foreign Minister met with Iraq's ambassador"},
		{"Baghdad / NINA/- Prices of gold rose in local markets, according to traders.", "Prices of gold rose in local markets"},
		// not adverbials, not attributions
		{"At least 10 people were killed, officials said.", "At least 10 people were killed"},
		{"Iraq, Kuwait and Iran said they would meet again.", "Iraq, Kuwait and Iran said they would meet again"},
		{"The U.S. envoy met Gen. Smith in Baghdad.", "U.S. envoy met Gen. Smith in Baghdad"},
		{"On Monday.", "On Monday"},
		{"What next for Iraq's water?", "What next for Iraq's water?"},
		// Arabic: the speaker's statement, time adverbials, attributions
		{"أعلن وزير الداخلية عبد الأمير الشمري، اليوم الأحد، أن العراق نجح في بناء منظومة أمنية متطورة.",
			"وزير الداخلية عبد الأمير الشمري: العراق نجح في بناء منظومة أمنية متطورة"},
		{"شفق نيوز/ وصل وزير الخارجية التركي إلى بغداد مساء اليوم الأحد، بحسب مصدر حكومي.", "وصل وزير الخارجية التركي إلى بغداد"},
		{"بغداد - واع - استقبل رئيس الجمهورية، يوم الخميس، السفير الفرنسي.", "استقبل رئيس الجمهورية السفير الفرنسي"},
		{"لم تصل الإطلاقات المائية حتى اليوم إلى المستوى المطلوب.", "لم تصل الإطلاقات المائية حتى اليوم إلى المستوى المطلوب"},
		{"من جانبه، أكد المتحدث باسم الوزارة أن الاستعدادات اكتملت لاستقبال الوفود.", "المتحدث باسم الوزارة: الاستعدادات اكتملت لاستقبال الوفود"},
		{"", ""},
	}
	for _, c := range cases {
		if got := Headline(c.in); got != c.want {
			t.Errorf("Headline(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// Every made headline is one line of at most HeadlineMax characters, and
// not empty for a sentence with words.
func TestHeadlineBounds(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("word ", 100),
		strings.Repeat("x", 300),
		strings.Repeat("كلمة ", 60),
		"On Monday, ,",
		"Shafaq News/ x",
		"a\n\tb   c.",
	} {
		got := Headline(in)
		if got == "" || utf8.RuneCountInString(got) > HeadlineMax || strings.ContainsAny(got, "\n\t") {
			t.Errorf("Headline(%.30q) = %q", in, got)
		}
	}
}
