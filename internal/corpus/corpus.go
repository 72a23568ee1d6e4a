// Package corpus generates deterministic test corpora of briefs in the
// formats briefs reads (NINA and Shafaq text dumps, Markdown with front
// matter), for benchmarks and load tests.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// File is one generated source file.
type File struct {
	Name string // e.g. "nina/000123.txt"
	Data []byte
}

var (
	people   = []string{"Abdul Amir Al-Shammari", "Ahmad Vahidi", "Fahad Yusuf Saud Al-Sabah", "Bassam Al-Mawlawi", "Muqdad Miri", "Mohammed Shia Al-Sudani", "Ali Al-Lami", "Hakan Fidan"}
	places   = []string{"Iraq", "Iran", "Kuwait", "Lebanon", "Saudi Arabia", "Jordan", "Syria", "Türkiye", "Egypt", "Qatar", "Bahrain", "Oman", "Pakistan", "Afghanistan", "the United States", "the United Kingdom", "France", "Germany", "China", "Russia"}
	demonyms = []string{"Iraqi", "Iranian", "Kuwaiti", "Lebanese", "Saudi", "Jordanian", "Syrian", "Turkish", "Egyptian", "Qatari"}
	ordinals = []string{"First", "Second", "Third"}
	topics   = []string{"drug trafficking", "border control", "captagon smuggling", "intelligence exchange", "demand reduction", "port monitoring", "money laundering", "treatment centres"}
	filler   = []string{
		"Officials said the measures would strengthen cooperation between the agencies involved.",
		"The ministry added that training programmes would continue throughout the year.",
		"Delegates discussed the exchange of information and the coordination of field operations.",
		"Observers noted that the results depended on sustained political support and funding.",
		"The statement called for joint planning and the dismantling of smuggling routes.",
		"A spokesman said further arrests were expected in the coming weeks.",
	}
)

// Generate returns n briefs, a third in each format, the same for the same
// n and seed. Each is roughly size bytes long (0 means about 3 KB).
func Generate(n int, seed uint64, size int) []File {
	if size <= 0 {
		size = 3000
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]File, n)
	base := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		ed := r.IntN(4) // 0: not about the conference
		day := base.AddDate(0, 0, r.IntN(3*365))
		if ed > 0 {
			day = time.Date(2022+ed, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		}
		body := paragraphs(r, ed, size)
		title := fmt.Sprintf("%s minister discusses %s with %s counterpart", pick(r, demonyms), pick(r, topics), pick(r, demonyms))
		switch i % 3 {
		case 0:
			hh, mm := r.IntN(24), r.IntN(60)
			var b strings.Builder
			fmt.Fprintf(&b, "ID :\n%d\n%s, %02d/%02d/%d - %02d:%02d\nAuther :\n\n%s\n\nBaghdad / NINA/- %s\n\n•    %s\n\n•    %s/ End\n\u00a0\n",
				700000+i, day.Format("Mon"), int(day.Month()), day.Day(), day.Year(), hh, mm, title, body, pick(r, filler), pick(r, filler))
			out[i] = File{Name: fmt.Sprintf("nina/%06d.txt", i), Data: []byte(b.String())}
		case 1:
			var b strings.Builder
			fmt.Fprintf(&b, " date %s Shafaq News/ On %s, %s arrived in Baghdad. %s\n\n- %s\n\n- %s", day.Format("2006-01-02"), day.Format("Monday"), pick(r, people), body, pick(r, filler), pick(r, filler))
			out[i] = File{Name: fmt.Sprintf("shafaq/%06d.txt", i), Data: []byte(b.String())}
		default:
			var b strings.Builder
			fmt.Fprintf(&b, "---\ntitle: %q\ndate: %s\nsource: Rudaw\n---\n\n# %s\n\n%s\n", title, day.Format("2006-01-02"), title, body)
			out[i] = File{Name: fmt.Sprintf("md/%06d.md", i), Data: []byte(b.String())}
		}
	}
	return out
}

func paragraphs(r *rand.Rand, ed, size int) string {
	var b strings.Builder
	if ed > 0 {
		fmt.Fprintf(&b, "Speaking at the %s Baghdad International Conference on Drug Control, %s said that %s and %s were working together on %s.\n\n",
			ordinals[ed-1], pick(r, people), pick(r, places), pick(r, places), pick(r, topics))
	} else {
		fmt.Fprintf(&b, "%s said on %s that %s and %s had agreed to expand cooperation on %s.\n\n",
			pick(r, people), pick(r, []string{"Monday", "Tuesday", "Sunday"}), pick(r, places), pick(r, places), pick(r, topics))
	}
	for b.Len() < size {
		for range 3 {
			b.WriteString(pick(r, filler))
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "Delegations from %s, %s and %s attended.\n\n", pick(r, places), pick(r, places), pick(r, places))
	}
	return strings.TrimSpace(b.String())
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }
