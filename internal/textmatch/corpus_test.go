package textmatch

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// snippet is one test brief of testdata/ar: written from public Arabic
// reporting by INA (واع), Shafaq News, Alsumaria, MENA (أ ش أ), SPA (واس),
// KUNA (كونا), NINA, QNA (قنا), BNA (بنا), WAM (وام), IRNA (إرنا) and Petra
// (بترا), in the spellings each agency uses (Egyptian ى and ئ, Persian
// keyboard letters, tashkeel, tatweel, Eastern Arabic digits).
type snippet struct {
	id   string // file name up to the first "_", e.g. "03"
	text string
	keys map[string]bool // its index keys
}

func loadSnippets(t testing.TB) []snippet {
	t.Helper()
	files, err := filepath.Glob("testdata/ar/*.txt")
	if err != nil || len(files) < 20 {
		t.Fatalf("test briefs: %d files, %v", len(files), err)
	}
	var out []snippet
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := snippet{id: strings.SplitN(filepath.Base(f), "_", 2)[0], text: string(data), keys: map[string]bool{}}
		EachKey(s.text, func(k string) { s.keys[strings.Clone(k)] = true })
		out = append(out, s)
	}
	return out
}

// indexMatch is how the library's index answers a query: every word must
// have a key equal to (for the last word: starting with) its full or
// stripped form.
func (s snippet) indexMatch(q string) bool {
	ws := QueryWords(q)
	if len(ws) == 0 {
		return false
	}
	for i, w := range ws {
		found := false
		for k := range s.keys {
			for _, f := range []string{w.Full, w.Stem} {
				if f != "" && (k == f || i == len(ws)-1 && strings.HasPrefix(k, f)) {
					found = true
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func TestArabicBriefs(t *testing.T) {
	snips := loadSnippets(t)
	for _, c := range []struct {
		q    string
		want string // ids of the briefs that match, space-separated
	}{
		// the article and attached particles
		{"وزراء", "01 03 08 09 17 21"},                     // الوزراء، وزراء، مجلسُ الوزراءِ
		{"الوزراء", "01 03 08 09 17 21"},                   // and the reverse
		{"زعماء", "02 10"},                                 // وزعماء، والزعماء
		{"بالعراق", "01 02 04 05 07 09 11 13 15 20 21 22"}, // العراق، العراقي، العراقى...
		{"العراقي", "01 02 04 05 07 09 11 13 15 20 21"},
		{"ميناء", "18 20 22"}, // وميناء
		{"المخدرات", "06 08 12 22"},
		// spelling variants
		{"القمه", "01 02 03 10 16 17"},
		{"القمة", "01 02 03 10 16 17"},
		{"جده", "03 17"},
		{"الامير", "03 09"},
		{"السعوديه", "03"},
		{"الامارات", "11"},
		{"مسؤول", "04 12 15"}, // المسئولين، مسؤولية، مسئولاً
		{"مسئول", "04 12 15"},
		{"شئون", "06 15"}, // لشؤون، للشئون
		{"الداخليه", "06 12"},
		{"مكافحه", "08 12"}, // لمكافحةِ، مکافحة (Persian kaf)
		{"وزير", "02 04 05 11 12 15 17 18"},
		{"عاجل", "08"},            // عـاجـل
		{"مُسْؤُولٌ", "04 12 15"}, // diacritics in the query
		// digits
		{"2023", "07 08 19"},
		{"٢٠٢٣", "07 08 19"},
		{"147500", "13"},
		{"١٤٧٥٠٠", "13"},
		// phrases
		{"وزير الخارجية", "02 04 05 15"},
		{"مجلس الوزراء", "01 03 08 09 17 21"},
		{"وزير الداخليه", "12"},
		// agency signatures
		{"واع", "01 08 19 22"},
		// Latin script in Arabic briefs, Arabic in an English one
		{"UNODC", "22"},
		{"unodc", "22"},
		{"baghdad", "23"},
		{"التحديات", "01 23"},
		// a word that begins with a particle letter is not stripped
		{"لبنان", "01"},
		{"بغداد", "01 02 06 07 08 12 13 19 20 22"},
	} {
		var got []string
		for _, s := range snips {
			if s.indexMatch(c.q) {
				got = append(got, s.id)
			}
		}
		sort.Strings(got)
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%s: matched %s, want %s", c.q, g, c.want)
		}
	}
}

// TestPatternAgreesWithIndex: a one-word pattern matches the text of a
// brief exactly when the index says so, and a phrase only where the index
// holds all its words.
func TestPatternAgreesWithIndex(t *testing.T) {
	snips := loadSnippets(t)
	queries := []string{"وزراء", "الوزراء", "زعماء", "القمه", "جده", "الامير", "السعوديه", "مسؤول", "شئون", "2023", "عاجل", "واع", "UNODC", "baghdad", "العراق", "ال", "و", "وزير الخارجية", "مجلس الوزراء", "الالتزام", "للعراق"}
	for _, s := range snips {
		for _, q := range queries {
			p := Compile(q)
			pm, im := p.Match(s.text), s.indexMatch(q)
			if p.Len() == 1 && pm != im {
				t.Errorf("%s in %s: pattern %v, index %v", q, s.id, pm, im)
			}
			if pm && !im {
				t.Errorf("%s in %s: the pattern matches where the index does not", q, s.id)
			}
		}
	}
}

func TestFindAllWrittenForms(t *testing.T) {
	for _, c := range []struct {
		q, text string
		want    []string // the written forms highlighted
	}{
		{"وزراء", "استقبل وزراء الخارجية. وأضاف أن الوزراء أشادوا", []string{"وزراء", "وزراء"}},
		{"الوزراء", "رئيس مجلس الوزراء وزراء", []string{"الوزراء", "وزراء"}},
		{"القمه", "الاجتماع التحضيري للقمة العربية", []string{"قمة"}},
		{"الامير", "رأس الأمير محمد", []string{"الأمير"}},
		{"الامير", "قال للأمير", []string{"أمير"}},
		{"عاجل", "عـاجـل | مجلس", []string{"عـاجـل"}},
		{"مجلس الوزراء", "قرّر مجلسُ الوزراءِ، في", []string{"مجلسُ الوزراءِ"}},
		{"2023", "في ١٨ كانون الأول ٢٠٢٣، بنسبة", []string{"٢٠٢٣"}},
		{"وزير", "وزیر الداخلیة", []string{"وزیر"}},
		{"مسؤول", "استقبل مسئولاً عراقياً", []string{"مسئول"}},
		{"مكافحه", "إن مکافحة تهريب", []string{"مکافحة"}},
		{"vahid", "Ahmad Vahidi and VAHID", []string{"Vahid", "VAHID"}},
		{"border control", "on border\n  control and border, control", []string{"border\n  control"}},
		{"al-sudani", "Al-Sudani, al sudani", []string{"Al-Sudani"}},
		{"ﻻ", "قال لا", []string{"لا"}},
		{"لا", "قال ﻻ", []string{"ﻻ"}},
		{"زعماء", "والقادة والزعماء العرب", []string{"زعماء"}},
		{"", "anything", nil},
		{"...", "anything...", nil},
	} {
		var got []string
		prev := -1
		for _, r := range Compile(c.q).FindAll(c.text) {
			if r[0] < prev || r[0] >= r[1] || r[1] > len(c.text) {
				t.Errorf("%s: bad range %v", c.q, r)
				continue
			}
			prev = r[1]
			got = append(got, c.text[r[0]:r[1]])
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s in %q: found %q, want %q", c.q, c.text, got, c.want)
		}
	}
}

func TestFinder(t *testing.T) {
	for _, c := range []struct {
		q, line string
		want    []string
	}{
		{"ahid", "Ahmad Vahidi, VAHID", []string{"ahid", "AHID"}},
		{" vahidi ", "Vahidi", []string{"Vahidi"}},
		{"a", "aAa", []string{"a", "A", "a"}},
		{"aa", "aaa", []string{"aa"}},
		{"border control", "on border control", []string{"border control"}},
		{"türk", "Türkiye and türkiye", []string{"Türk", "türk"}},
		{"2023", "في ٢٠٢٣ و 2023", []string{"٢٠٢٣", "2023"}},
		{"unodc", "مكتب (UNODC) اليوم", []string{"UNODC"}},
		{"الوزراء", "وأضاف أن الوزراء والوزراء", []string{"الوزراء", "الوزراء"}}, // the article as written
		{"", "anything", nil},
		{"   ", "anything", nil},
	} {
		f := NewFinder(c.q)
		var got []string
		for _, r := range f.FindAll(c.line) {
			got = append(got, c.line[r[0]:r[1]])
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("find %q in %q: %q, want %q", c.q, c.line, got, c.want)
		}
		if f.Empty() != (strings.TrimSpace(c.q) == "") {
			t.Errorf("%q: Empty = %v", c.q, f.Empty())
		}
	}
}
