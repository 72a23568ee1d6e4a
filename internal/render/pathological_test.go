package render

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestPathological: inputs known to cost Goldmark or Glamour time or memory
// far out of proportion to their size (from CommonMark's pathological
// tests and our own measurements: each took from seconds to minutes, or
// gigabytes, at 64 KB) render within bounds, formatted or as plain text.
func TestPathological(t *testing.T) {
	size := 64 << 10
	if raceEnabled {
		size = 24 << 10
	}
	rep := func(s string, n int) string { return strings.Repeat(s, n) }
	backticks := func(n int) string {
		var b strings.Builder
		for i := 1; i < n && b.Len() < n*4; i++ {
			b.WriteString("e" + rep("`", i))
		}
		return b.String()
	}
	var refs, indented strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&refs, "[%d]: u\n", i)
	}
	refs.WriteString(rep("[0] ", 20000))
	for i := range 2000 {
		fmt.Fprintf(&indented, "%s- x\n", rep(" ", 2*i))
	}
	cases := map[string]string{
		"quotes":      rep(">", 100000),
		"lists":       rep("- ", 50000) + "x",
		"indented":    indented.String(),
		"nestedlinks": rep("[", 20000) + "x" + rep("]", 20000),
		"closers_":    rep("a_ ", 60000),
		"openers_":    rep("_a ", 60000),
		"linkclose":   rep("a]", 60000),
		"linkopen":    rep("[a", 60000),
		"mismatch":    rep("*a_ ", 50000),
		"mult3":       "a**b" + rep("c* ", 60000),
		"linkemph":    rep("[ a_", 50000),
		"paren":       rep("[ (](", 40000),
		"backticks":   backticks(60000),
		"unclosedA":   rep("[a](<b", 30000),
		"unclosedB":   rep("[a](b", 30000),
		"comment":     "</" + rep("<!--", 50000),
		"pi":          rep("<?", 60000),
		"decl":        rep("<!A ", 50000),
		"cdata":       rep("<![CDATA[", 20000),
		"tablepipes":  rep("aaa|", 20000) + "\n" + rep("-|", 20000) + "\n" + rep("a|", 20000),
		"refs":        refs.String(),
		"entities":    rep("&#x", 60000),
		"autolinkish": rep("<http://", 30000),
		"www":         rep("www.", 60000),
		"emailish":    rep("a@", 60000),
		"tildes":      rep("~", 200000),
		"stars":       rep("*", 200000),
		"starsp":      rep("* ", 100000),
		"escapes":     rep("\\", 200000),
		"lines_lt":    rep("<a\n", 60000),
		"setextmany":  rep("a\n=\n", 50000),
		"listnum":     rep("1) ", 60000),
		"hardbreaks":  rep("a  \n", 50000),
		"deflines":    "a\n" + rep(": b\n", 50000),
		"tasklist":    rep("- [ ] ", 40000),
		"fences":      rep("```\n", 60000),
		"htmlblocks":  rep("<div>\n\n", 30000),
		"linkdefmany": rep("[a]: <", 40000),
		"imgs":        rep("![", 100000),
		"quoteslazy":  rep("> a\nb\n", 30000),
		"strike":      rep("~~a ", 50000),
		"linkify":     rep("http://a.b/", 20000),
		"linkify2":    rep("http://a.b/(", 20000),
		"linkify3":    rep("www.a.b/x_", 20000),
	}
	cases["longauto"] = "<http://" + rep("x", 100000) + ">"
	cases["longlinkify"] = "http://" + rep("x", 100000)
	cases["longdest"] = "[a](http://" + rep("x", 100000) + ")"
	cases["longimg"] = "![a](http://" + rep("x", 100000) + ")"
	cases["longauto"] = "<http://" + rep("x", size) + ">"
	cases["longdest"] = "[a](http://" + rep("x", size) + ")"
	cases["longimg"] = "![a](http://" + rep("x", size) + ")"
	for name, md := range cases {
		md = md[:min(len(md), size)]
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		start := time.Now()
		r, err := Markdown(context.Background(), md, Options{Style: Dark, Width: 120, Deadline: time.Minute})
		el := time.Since(start)
		runtime.ReadMemStats(&m1)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		alloc := (m1.TotalAlloc - m0.TotalAlloc) >> 20
		if testing.Verbose() {
			t.Logf("%-12s %8v %4d MB notice=%q", name, el.Round(time.Millisecond), alloc, r.Notice)
		}
		if !raceEnabled && alloc > 200 || el > 20*time.Second*slowdown() {
			t.Errorf("%s: %v, %d MB", name, el, alloc)
		}
	}
}

// slowdown is how much slower than usual tests may run.
func slowdown() time.Duration {
	if raceEnabled {
		return 10
	}
	return 1
}
