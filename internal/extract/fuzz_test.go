package extract

import (
	"os"
	"path/filepath"
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
	x := extractor(f)
	valid := map[int]bool{}
	for _, e := range x.Series().Editions {
		valid[e.Ordinal] = true
	}
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
		if b.Edition != 0 && !valid[b.Edition] {
			t.Fatalf("edition %d outside the series", b.Edition)
		}
		for i, m := range b.EditionsMentioned {
			if !valid[m] || m == b.Edition || i > 0 && m <= b.EditionsMentioned[i-1] {
				t.Fatalf("bad mentions %v (edition %d)", b.EditionsMentioned, b.Edition)
			}
		}
		if !b.Published.IsZero() && b.Published.Location() != time.UTC {
			t.Fatalf("published in %v", b.Published.Location())
		}
		if b.HasTime && b.Published.IsZero() {
			t.Fatal("time without a date")
		}
		if _, _, ok := ParseDate(body, time.Time{}); ok {
			_ = ok
		}
	})
}
