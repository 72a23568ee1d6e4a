package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/briefs/briefs/internal/brief"
)

func FuzzApply(f *testing.F) {
	files, _ := filepath.Glob("testdata/briefs/*.txt")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		_, body, _ := strings.Cut(string(data), "\n---\n")
		f.Add("Title", body, "", "", "")
	}
	f.Add("Third Baghdad International Conference on Drug Control", "the first and second conferences", "Sun, 12/07/2025 - 11:25", "NINA", "Baghdad")
	f.Add("", "BAGHDAD, Dec. 7 (Xinhua) -- 3rd 2nd 1st edition conference drugs", "2024-07-22T10:30:00Z", "", "")
	f.Add("مؤتمر", "مؤتمر بغداد الدولي الثالث لمكافحة المخدرات والكويت وبالعراق للل", "الأحد 7 كانون الأول 2025", "شفق نيوز", "بغداد")
	f.Add("U.S.", "U.S.A. U.K. 31/02/2024 99/99/9999 2024-13-45 Feb 29 ١٢/٠٧/٢٠٢٥", "Mon, 1/1/1", "", "")
	f.Add("COP29 opens in Baku", "The 29th UN Climate Change Conference (COP29) opened; CMP 19 and SBSTA 61 met. القمة العربية الـ34 والدورة الثالثة والثلاثين", "2024-11-11", "", "")
	f.Add("", "the XXV Summit, the thirty-fourth Arab League summit, the first-ever forum, الحادي عشر", "", "", "")
	x := extractor(f)
	f.Fuzz(func(t *testing.T, title, body, dateText, source, dateline string) {
		if !utf8.ValidString(title) || !utf8.ValidString(body) {
			t.Skip("the parser sanitises text to valid UTF-8")
		}
		b := brief.Brief{Title: title, Body: body, Hints: brief.Hints{DateText: dateText, Source: source, Dateline: dateline}}
		x.Apply(&b)
		for _, c := range b.Countries {
			if x.CountryName(c.Code) != c.Name || c.Name == "" || c.Mentions < 0 {
				t.Fatalf("bad country %+v", c)
			}
		}
		checkEvent(t, &b)
		if !b.Published.IsZero() && !b.HasTime && b.Published.Location() != time.UTC {
			t.Fatalf("a day without a time in %v", b.Published.Location())
		}
		if b.HasTime && b.Published.IsZero() {
			t.Fatal("time without a date")
		}
		if _, _, ok := ParseDate(body, time.Time{}); ok {
			_ = ok
		}
	})
}

// checkEvent checks the invariants of a brief's event fields.
func checkEvent(t *testing.T, b *brief.Brief) {
	t.Helper()
	if b.Edition < 0 || b.Edition > 999 {
		t.Fatalf("edition %d", b.Edition)
	}
	if (b.Series.Key == "") != (b.Series.Name == "") && b.Series.Key == "" {
		t.Fatalf("series %+v", b.Series)
	}
	if b.Series.Key == "" && (len(b.EditionsMentioned) > 0 || b.EditionInferred) {
		t.Fatalf("no series but mentions %v inferred %v", b.EditionsMentioned, b.EditionInferred)
	}
	for i, m := range b.EditionsMentioned {
		if m <= 0 || m == b.Edition || i > 0 && m <= b.EditionsMentioned[i-1] {
			t.Fatalf("bad mentions %v (edition %d)", b.EditionsMentioned, b.Edition)
		}
		if !slices.ContainsFunc(b.EventsMentioned, func(e brief.Event) bool { return e.Series == b.Series.Key && e.Edition == m }) {
			t.Fatalf("mention %d of %s not in events %v", m, b.Series.Key, b.EventsMentioned)
		}
	}
	for i, e := range b.EventsMentioned {
		if e.Series == "" || e.Edition <= 0 || e.Series == b.Series.Key && e.Edition == b.Edition {
			t.Fatalf("bad event %+v in %v", e, b.EventsMentioned)
		}
		if i > 0 {
			p := b.EventsMentioned[i-1]
			if p.Series > e.Series || p.Series == e.Series && p.Edition >= e.Edition {
				t.Fatalf("events out of order: %v", b.EventsMentioned)
			}
		}
	}
}

// FuzzEvents feeds the event finder headlines, bodies and stated series, and
// a collection to InferEditions.
func FuzzEvents(f *testing.F) {
	files, _ := filepath.Glob("testdata/briefs/series_*.txt")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		head, body, _ := strings.Cut(string(data), "\n---\n")
		title, _, _ := strings.Cut(strings.TrimPrefix(head, "title: "), "\n")
		f.Add(title, body, "2024-05-16", "", 0)
	}
	f.Add("COP29", "the 29th COP, COP 28, the XXV Summit, الدورة ٣٤ للقمة العربية الـ 34", "2024-11-11", "cop", 29)
	f.Add("", "the 10th Kirkuk Forum, held in 2024; Kirkuk Forum 2024; the first and second and third editions", "2025-01-01", "Kirkuk Forum", 0)
	f.Add("القمة", "القمة العربية المقبلة الرابعة والثلاثين في دورتها الحادية عشرة للقمة الـ", "", "القمة العربية", 3)
	x := extractor(f)
	f.Fuzz(func(t *testing.T, title, body, date, series string, edition int) {
		if !utf8.ValidString(title) || !utf8.ValidString(body) || !utf8.ValidString(series) {
			t.Skip("the parser sanitises text to valid UTF-8")
		}
		if edition < 0 || edition > 1000 {
			t.Skip("the parser refuses such editions")
		}
		b := &brief.Brief{Title: title, Body: body, Hints: brief.Hints{DateText: date},
			Stated: brief.Stated{Series: series, Edition: edition}}
		x.Apply(b)
		checkEvent(t, b)
		if edition > 0 && b.Edition != edition {
			t.Fatalf("stated edition %d, got %d", edition, b.Edition)
		}
		c := *b
		c.Stated = brief.Stated{}
		x.Apply(&c)
		other := &brief.Brief{Body: body + " " + title, Hints: brief.Hints{DateText: date}}
		x.Apply(other)
		x.InferEditions([]*brief.Brief{b, &c, other})
		for _, r := range []*brief.Brief{b, &c, other} {
			checkEvent(t, r)
		}
	})
}

// FuzzParseDate feeds the date reader arbitrary text with each numeric
// order and zone convention: it must not panic, and what it returns must be
// a real date, in UTC or the zone given or written.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"Sun, 12/07/2025 - 11:25", "Wed, 12/03/2025", "2024-07-22T10:30:00+03:00", "July 22, 2024 3:45 p.m. GMT",
		"22nd of July, 2024", "٢٢ تموز ٢٠٢٤", "الثلاثاء الموافق 16 أيار (مايو) من عام 2023", "7 كانون الأول 2025 الساعة 11:25 مساء",
		"الكويت - 14 - 10 (كونا)", "Dec. 7", "31/02/2024", "2024/13/45", "12:99", "T-5", "1/1/1", "+14:00", "Feb 29",
	} {
		f.Add(s, int64(0))
		f.Add(s, int64(1733565900))
	}
	baghdad, err := time.LoadLocation("Asia/Baghdad")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, refUnix int64) {
		var ref time.Time
		if refUnix > 0 && refUnix < 1<<34 {
			ref = time.Unix(refUnix, 0).UTC()
		}
		var tz tokenizer
		for _, conv := range []dateConv{{}, {order: orderMDY, loc: baghdad}, {order: orderDMY}} {
			got, hasTime, ok := parseDate(s, ref, conv, &tz)
			if !ok {
				if !got.IsZero() || hasTime {
					t.Fatalf("%q: not ok but %v %v", s, got, hasTime)
				}
				continue
			}
			if y := got.Year(); y < 1900 || y > 2100 && ref.IsZero() {
				t.Fatalf("%q: year %d", s, y)
			}
			if !hasTime && got.Location() != time.UTC {
				t.Fatalf("%q: a day in %v", s, got.Location())
			}
			if !hasTime && (got.Hour() != 0 || got.Minute() != 0) {
				t.Fatalf("%q: a day at %v", s, got)
			}
		}
	})
}
