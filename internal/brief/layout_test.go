package brief

import (
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/identity"
)

// paras splits a body on blank lines.
func paras(body string) []string {
	var out []string
	for _, p := range strings.Split(body, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Agency dumps in the two layouts that have no blank line between
// paragraphs: one paragraph per line (copied from the agencies' sites) and
// hard-wrapped (wire copy). Each paragraph of the file must be a paragraph
// of the body, and a wrapped paragraph one line.
func TestParagraphLayout(t *testing.T) {
	cases := []struct {
		name, path, in string
		title          string
		paras          []string // the start of each paragraph, in order
	}{
		{name: "NINA, one paragraph per line", path: "nina.txt", in: `ID :
712345
Mon, 12/08/2025 - 14:10
Auther :

Iraq, Iran Discuss Border Security And Drug Smuggling
Baghdad / NINA/- Iraqi Interior Minister Abdul Amir Al-Shammari discussed with his Iranian counterpart Eskandar Momeni on Monday ways to strengthen border security and combat drug smuggling between the two countries.
The two ministers stressed the importance of exchanging intelligence information and coordinating joint operations along the border strip.
Momeni said that Iran is ready to expand cooperation with Iraq in training and technical support.
Al-Shammari invited his Iranian counterpart to take part in the fourth Baghdad International Conference on Drug Control next year./ End
 X
`,
			title: "Iraq, Iran Discuss Border Security And Drug Smuggling",
			paras: []string{"Iraqi Interior Minister Abdul Amir Al-Shammari discussed", "The two ministers stressed", "Momeni said that Iran", "Al-Shammari invited his Iranian counterpart"}},
		{name: "INA, dateline line, one paragraph per line", path: "ina.txt", in: `Al-Sudani Receives Kuwaiti Interior Minister
Baghdad-INA
Prime Minister Mohammed Shia Al-Sudani received on Monday Kuwaiti Deputy Prime Minister and Interior Minister Sheikh Fahad Yusuf Saud Al-Sabah and his accompanying delegation.
According to a statement by the Prime Minister's Media Office, the meeting discussed bilateral relations and ways to enhance security cooperation between the two brotherly countries.
Al-Sudani stressed Iraq's keenness to strengthen its relations with Kuwait in all fields.
`,
			title: "Al-Sudani Receives Kuwaiti Interior Minister",
			paras: []string{"Baghdad-INA", "Prime Minister Mohammed Shia Al-Sudani received", "According to a statement", "Al-Sudani stressed"}},
		{name: "KUNA, one paragraph per line", path: "kuna.txt", in: `Kuwait, Iraq discuss border pillars, missing persons
KUWAIT CITY, April 17 (KUNA) -- Kuwait's Deputy Foreign Minister met on Wednesday with Iraq's ambassador to the State of Kuwait, and discussed the maintenance of border pillars and the file of Kuwaiti prisoners and missing persons.
The Kuwaiti official stressed the importance of completing the demarcation of the maritime border beyond marker 162.
Iraqi officials are expected to visit Kuwait later this month.
(end) km
`,
			title: "Kuwait, Iraq discuss border pillars, missing persons",
			paras: []string{"KUWAIT CITY, April 17 (KUNA)", "The Kuwaiti official stressed", "Iraqi officials are expected", "(end) km"}},
		{name: "Shafaq, one paragraph per line, with a list", path: "shafaq.txt", in: ` date 2025-03-10 Shafaq News/ On Sunday, Iraq's Ministry of Water Resources warned that water reserves had fallen to their lowest level in eighty years.
Ministry spokesman Khaled Shamal told Shafaq News that the country's strategic reserves do not exceed eight billion cubic meters.
He called on farmers to adopt modern irrigation methods, including:
- drip irrigation;
- sprinkler systems.
The ministry will meet Turkish officials next week to discuss water releases.
`,
			title: "Iraq's Ministry of Water Resources: Water reserves had fallen to their lowest…",
			paras: []string{"On Sunday, Iraq's Ministry", "Ministry spokesman Khaled Shamal", "He called on farmers", "- drip irrigation;\n- sprinkler systems.", "The ministry will meet"}},
		{name: "Shafaq Arabic, one paragraph per line", path: "shafaq_ar.txt", in: ` date 2024-07-22 شفق نيوز/ استقبل رئيس مجلس الوزراء محمد شياع السوداني، اليوم الاثنين، وفداً إيرانياً رفيع المستوى برئاسة وزير الداخلية، وبحث معه ملف أمن الحدود.
وذكر بيان لمكتب السوداني أن اللقاء تناول أيضاً استعدادات الزيارة الأربعينية.
ويتوقع وصول ملايين الزائرين الإيرانيين إلى كربلاء عبر المنافذ الحدودية.
`,
			title: "استقبل رئيس مجلس الوزراء محمد شياع السوداني وفداً إيرانياً رفيع المستوى برئاسة…",
			paras: []string{"استقبل رئيس مجلس الوزراء", "وذكر بيان لمكتب السوداني", "ويتوقع وصول ملايين"}},
		{name: "INA Arabic, dateline line, one paragraph per line", path: "ina_ar.txt", in: `رئيس الجمهورية يستقبل وزير الخارجية الإيراني
بغداد - واع
استقبل رئيس الجمهورية عبد اللطيف جمال رشيد، اليوم الأحد، وزير الخارجية الإيراني، وبحث معه العلاقات الثنائية بين العراق وإيران.
وأكد رئيس الجمهورية خلال اللقاء أهمية احترام السيادة العراقية وعدم التدخل في الشؤون الداخلية
وأعرب الوزير الإيراني عن تطلع بلاده إلى تعزيز التعاون مع العراق في مختلف المجالات
`,
			title: "رئيس الجمهورية يستقبل وزير الخارجية الإيراني",
			paras: []string{"بغداد - واع", "استقبل رئيس الجمهورية", "وأكد رئيس الجمهورية", "وأعرب الوزير الإيراني"}},
		{name: "Reuters, hard-wrapped, blank lines between", path: "reuters.txt", in: `Iraq's oil exports steady in May, SOMO says

BAGHDAD, June 2 (Reuters) - Iraq's crude oil exports averaged 3.4 million
barrels per day in May, state oil marketer SOMO said on Sunday, as the
country tries to comply with OPEC+ output cuts agreed with Saudi Arabia
and Russia.

Iraq, OPEC's second-largest producer, has faced pressure from the group
after overproducing in the first months of 2024.
(Reporting by Ahmed Rasheed; Editing by Alex Richardson)
`,
			title: "Iraq's oil exports steady in May, SOMO says",
			paras: []string{"BAGHDAD, June 2 (Reuters) - Iraq's crude oil exports averaged 3.4 million barrels per day in May, state oil marketer SOMO said on Sunday, as the country tries to comply with OPEC+ output cuts agreed with Saudi Arabia and Russia.",
				"Iraq, OPEC's second-largest producer, has faced pressure from the group after overproducing in the first months of 2024.", "(Reporting by"}},
		{name: "Reuters, hard-wrapped, no blank lines", path: "reuters2.txt", in: `Kurdistan Region water levels fall
ERBIL, Iraq, Aug 5 (Reuters) - Water levels in the Kurdistan Region's two
largest dams have fallen to their lowest in a decade, officials said on
Monday, as a heatwave and upstream damming cut inflows.
The Dukan and Darbandikhan reservoirs hold less than a third of their
capacity, the region's water ministry said in a statement.
Farmers in the Sharazur plain said they had cut planting by half this
year, and some have left their land for work in Sulaimani.
`,
			title: "Kurdistan Region water levels fall",
			paras: []string{"ERBIL, Iraq, Aug 5 (Reuters) - Water levels in the Kurdistan Region's two largest dams have fallen to their lowest in a decade, officials said on Monday, as a heatwave and upstream damming cut inflows.",
				"The Dukan and Darbandikhan reservoirs hold less than a third of their capacity, the region's water ministry said in a statement.",
				"Farmers in the Sharazur plain said they had cut planting by half this year, and some have left their land for work in Sulaimani."}},
		{name: "Arabic, hard-wrapped", path: "wrapped_ar.txt", in: `العراق وتركيا يبحثان ملف المياه

بغداد - واع - بحث وزير الموارد المائية العراقي مع السفير التركي في بغداد
اليوم الثلاثاء ملف الإطلاقات المائية من نهري دجلة والفرات، وسبل تعزيز
التعاون الفني بين البلدين في إدارة الموارد المائية المشتركة.
وأكد الوزير أن العراق يمر بأزمة مياه غير مسبوقة بسبب قلة الأمطار وارتفاع
درجات الحرارة وتراجع الإطلاقات من دول المنبع.
`,
			title: "العراق وتركيا يبحثان ملف المياه",
			paras: []string{"بغداد - واع - بحث وزير الموارد المائية العراقي مع السفير التركي في بغداد اليوم الثلاثاء ملف الإطلاقات المائية من نهري دجلة والفرات، وسبل تعزيز التعاون الفني بين البلدين في إدارة الموارد المائية المشتركة.",
				"وأكد الوزير أن العراق يمر بأزمة مياه غير مسبوقة بسبب قلة الأمطار وارتفاع درجات الحرارة وتراجع الإطلاقات من دول المنبع."}},
		{name: "plain, hard-wrapped, no headline", path: "nohead.txt", in: `BAGHDAD, July 23 (Reuters) - Iraq's prime minister said on Tuesday that
the country would not allow its territory to be used to attack its
neighbours, after a drone strike near the Syrian border.
The statement followed a meeting of the ministerial council for national
security in Baghdad.
`,
			title: "Iraq's prime minister: The country would not allow its territory to be used…",
			paras: []string{"BAGHDAD, July 23 (Reuters) - Iraq's prime minister said on Tuesday that the country would not allow its territory to be used to attack its neighbours, after a drone strike near the Syrian border.",
				"The statement followed a meeting of the ministerial council for national security in Baghdad."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := Parse(c.path, []byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if b.Title != c.title {
				t.Errorf("title %q, want %q", b.Title, c.title)
			}
			got := paras(b.Body)
			if len(got) != len(c.paras) {
				t.Fatalf("%d paragraphs, want %d:\n%s", len(got), len(c.paras), strings.Join(got, "\n--\n"))
			}
			for i, p := range got {
				if !strings.HasPrefix(p, c.paras[i]) {
					t.Errorf("paragraph %d = %q, want it to start %q", i, p, c.paras[i])
				}
				if !strings.HasPrefix(p, "- ") && strings.Contains(p, "\n") {
					t.Errorf("paragraph %d spans lines: %q", i, p)
				}
			}
		})
	}
}

// Files whose paragraphs are already separated by blank lines are read as
// before, whatever their line lengths; so are the seeds.
func TestParagraphLayoutUnchanged(t *testing.T) {
	for _, in := range []string{
		"Title\n\nShort one.\n\nShort two.\n",
		"Title\n\nA paragraph that is a single long line and goes on well past any wrapping width anybody would use, ending here.\n\nAnother.\n",
		"Title\n\n- one\n- two\n\nAfter the list.\n",
	} {
		b, err := Parse("x.txt", []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if b.Hints.Legacy != "" {
			t.Errorf("%q: body cleaned differently from before (legacy %s)", in, b.Hints.Legacy)
		}
	}
	for _, name := range []string{"000_2f5fd0d68d9114d4.txt"} {
		if b := seed(t, name); b.Hints.Legacy != "" {
			t.Errorf("seed %s: body cleaned differently from before", name)
		}
	}
}

// A body laid out anew or a title made from the first sentence keeps the
// ID earlier releases gave the brief (identity.LegacyID of what they made
// of the file), so that their databases are still upgraded.
func TestLegacyIDOfRelaidBriefs(t *testing.T) {
	// what the parser before paragraph layout made of these files
	cases := []struct{ in, oldTitle, oldBody string }{
		{"Title\nOne.\nTwo.\n", "Title", "One.\nTwo."},
		{" date 2024-01-02 Shafaq News/ First sentence here. Rest of it.\nNext line.\n", "First sentence here.", "Rest of it.\nNext line."},
		{" date 2024-01-02 Shafaq News/ Only one sentence here.\n", "Only one sentence here.", ""},
		{"ID :\n1\nSun, 12/07/2025 - 11:25\nAuther :\n\nHead\nBaghdad / NINA/- One.\nTwo./ End\n", "Head", "One.\nTwo."},
	}
	for _, c := range cases {
		b, err := Parse("x.txt", []byte(c.in))
		if err != nil {
			t.Fatal(err)
		}
		if want := identity.LegacyID(c.oldTitle, c.oldBody); b.Hints.Legacy != want {
			t.Errorf("%q: legacy %q, want %q (title %q body %q)", c.in, b.Hints.Legacy, want, b.Title, b.Body)
		}
	}
}

// Metadata is read from what the old title was: the extractor's headline is
// the first sentence (Shafaq) or the first line (plain dumps without a
// headline), as before titles were made.
func TestHeadAndBody(t *testing.T) {
	b, err := Parse("x.txt", []byte("BAGHDAD, July 23 (Reuters) - Iraq's prime minister said on Tuesday that the country would act.\nSecond paragraph.\n"))
	if err != nil {
		t.Fatal(err)
	}
	head, body := b.HeadAndBody()
	if head != "BAGHDAD, July 23 (Reuters) - Iraq's prime minister said on Tuesday that the country would act." || body != "Second paragraph." {
		t.Errorf("HeadAndBody = %q, %q", head, body)
	}
	if b.Title != "Iraq's prime minister: The country would act" {
		t.Errorf("title %q", b.Title)
	}
	plain := &Brief{Title: "T", Body: "B"}
	if h, bd := plain.HeadAndBody(); h != "T" || bd != "B" {
		t.Errorf("plain HeadAndBody = %q %q", h, bd)
	}
}
