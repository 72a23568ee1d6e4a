package extract

import (
	"fmt"
	"os"
	"testing"

	"github.com/briefs/briefs/internal/brief"
)

func TestDbg(t *testing.T) {
	if os.Getenv("B") == "" && os.Getenv("T") == "" {
		t.Skip()
	}
	x := extractor(t)
	b := brief.Brief{Title: os.Getenv("T"), Body: os.Getenv("B"), Hints: brief.Hints{DateText: os.Getenv("D")}}
	sc := x.scratch.Get().(*scratch)
	text := b.Title + "\n\n" + b.Body
	sc.tz.words = &x.words
	sc.tz.run(text)
	for i, tk := range sc.tz.toks {
		e := sc.tz.infos[i].lex
		if e.flags != 0 || e.ordinal != 0 || e.tens != 0 || e.head != 0 {
			fmt.Printf("%d %q sent=%d flags=%b ord=%d tens=%d head=%d\n", i, tk.key, tk.sent, e.flags, e.ordinal, e.tens, e.head)
		}
	}
	x.Apply(&b)
	fmt.Printf("series=%+v edition=%d inferred=%v year=%d mentioned=%v events=%v\n", b.Series, b.Edition, b.EditionInferred, b.EventYear, b.EditionsMentioned, b.EventsMentioned)
	for _, m := range sc.ev.mentions {
		fmt.Printf("mention head=%d %d-%d flags=%b slot=%d cat=%d year=%d host=%v\n", m.head, m.first, m.last, m.flags, m.slot, m.cat, m.year, m.host)
	}
	for _, c := range sc.ev.cands {
		fmt.Printf("cand %+v\n", c)
	}
	for _, s := range sc.ev.slots {
		fmt.Printf("slot %+v key=%s\n", s, sc.ev.keys[s.key[0]:s.key[1]])
	}
}
