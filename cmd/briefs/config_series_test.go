package main

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

const (
	basraEnglish = `Basra Dates Festival 2024 draws farmers from across Iraq

BASRA, Oct 14 (INA) - The Basra Dates Festival 2024 opened on Monday with farmers and traders from across Iraq showing more than 100 varieties of dates, the organisers said.
`
	basraArabic = `انطلاق مهرجان البصرة للتمور بمشاركة واسعة

البصرة - انطلقت اليوم فعاليات مهرجان البصرة للتمور بمشاركة مزارعين وتجار من مختلف محافظات العراق لعرض أكثر من مئة صنف من التمور.
`
	basraSeries = `series:
  - key: basra-date-festival
    name: Basra Date Palm Festival
    aliases: [Basra Dates Festival, مهرجان البصرة للتمور]
    editions: {2023: 5, 2024: 6}
`
)

// TestConfigSeries: a series declared in config.yaml groups an English and
// an Arabic name under one key, gives a brief naming the year its edition,
// reaches queries and briefs set, and applies to collections given as
// PATHs; declaring it (or taking it away) re-derives the indexed briefs.
func TestConfigSeries(t *testing.T) {
	s := newSandbox(t)
	folder := s.dir + "/briefs"
	s.write("briefs/basra-en.txt", basraEnglish)
	s.write("briefs/basra-ar.txt", basraArabic)
	plain := "folders: [" + folder + "]\nseeds: false\n"
	s.write("config.yaml", plain)
	series := func() map[string]jsonBrief {
		out := map[string]jsonBrief{}
		for _, b := range listJSON(t, s.mustRun("list", "--json")) {
			out[strings.Fields(b.Title)[0]] = b
		}
		return out
	}
	before := series() // indexed without the declaration
	if en, ar := before["Basra"], before["انطلاق"]; en.Series == nil || ar.Series == nil || en.Series.Key == ar.Series.Key || en.Edition != nil {
		t.Fatalf("without the declaration: %+v / %+v", en, ar)
	}

	s.write("config.yaml", plain+basraSeries)
	after := series()
	en, ar := after["Basra"], after["انطلاق"]
	if en.Series == nil || en.Series.Key != "basra-date-festival" || en.Series.Name != "Basra Date Palm Festival" {
		t.Errorf("English brief's series with the declaration: %+v", en.Series)
	}
	if en.Edition == nil || *en.Edition != 6 || !en.EditionInferred {
		t.Errorf("English brief's edition (2024 is the 6th): %v inferred %v", en.Edition, en.EditionInferred)
	}
	if ar.Series == nil || ar.Series.Key != "basra-date-festival" {
		t.Errorf("Arabic brief's series with the declaration: %+v", ar.Series)
	}
	for q, want := range map[string]int{
		"series:basra-date-festival": 2, `series:"basra date palm festival"`: 2, `series:"مهرجان البصرة للتمور"`: 2,
		"series:basra-date-festival edition:6": 1,
	} {
		if got := len(listJSON(t, s.mustRun("list", "--json", "-q", q))); got != want {
			t.Errorf("list -q %q: %d briefs, want %d", q, got, want)
		}
	}
	// briefs set names the user's series by any of its names
	var set jsonSet
	if err := json.Unmarshal([]byte(s.mustRun("set", "--json", ar.ID, "series=Basra Dates Festival", "edition=6")), &set); err != nil ||
		!slices.Equal(set.Corrected, []string{"series", "edition"}) {
		t.Errorf("set --json: %+v %v", set, err)
	}
	if got := listJSON(t, s.mustRun("list", "--json", "-q", "series:basra-date-festival edition:6")); len(got) != 2 {
		t.Errorf("after set: %d briefs of the 6th edition, want 2", len(got))
	}
	// the configuration's series apply to PATHs too
	if b := listJSON(t, s.mustRun("list", "--json", folder+"/basra-en.txt")); len(b) != 1 || b[0].Series == nil || b[0].Series.Key != "basra-date-festival" {
		t.Errorf("list PATH: %+v", b)
	}
	if out := s.mustRun("doctor"); !strings.Contains(out, "1 series of your own") {
		t.Errorf("doctor does not count the series:\n%s", out)
	}

	// taken away again: derived again without it
	s.write("config.yaml", plain)
	if en := series()["Basra"]; en.Series == nil || en.Series.Key == "basra-date-festival" || en.Edition != nil {
		t.Errorf("after removing the declaration: %+v", en)
	}
}

// TestConfigSeriesErrors: a mistake in the series block stops every
// command with a message naming the configuration file, the entry and
// what is wrong; nothing is written.
func TestConfigSeriesErrors(t *testing.T) {
	for _, c := range []struct{ block, want string }{
		{"series:\n  - name: Erbil Forum\n  - aliases: [x]\n", "series entry 2: no name (each series needs name:"},
		{"series:\n  - name: Erbil Forum\n    nam: x\n", "line 3: field nam not found in a series (the keys are name, key, aliases"},
		{"series:\n  - name: Erbil Forum\n    editions: {2024: 0}\n", "series entry 1 (Erbil Forum): edition 0 in 2024 out of range"},
		{"series:\n  - name: Erbil Forum\n    editions: {2024: 10, 2025: 10}\n", "series entry 1 (Erbil Forum): edition 10 held in 202"},
		{"series:\n  - name: Erbil Forum\n    editions: [2024]\n", "line 3: cannot read a list into editions (year: edition, as in 2024: 10)"},
		{"series:\n  - name: Kirkuk Forum\n    key: k\n  - name: Mosul Forum\n    key: k\n", "series entry 2 (Mosul Forum): key k is also the key of entry 1"},
		{"series:\n  - name: Kirkuk Forum\n  - name: Mosul Forum\n    aliases: [kirkuk  forum, Nineveh Forum]\n", "series entry 2 (Mosul Forum): kirkuk  forum is also a name of entry 1 (one entry per series)"},
		{"series:\n  - name: the\n", "series entry 1 (the): no words to make a key of"},
		{"series: Erbil Forum\n", "line 1: cannot read the text `Erbil F...` into series (a list of series, each with a name:)"},
		{"series:\n  - name: \"Bad\\e]0;t\\a Forum\"\n", `series entry 1 ("Bad\x1b]0;t\a Forum"): "Bad\x1b]0;t\a Forum" holds a control character`},
		{"serie:\n  - name: Erbil Forum\n", "line 1: field serie not found (the keys are folders, seeds, store, user and series)"},
	} {
		s := newSandbox(t)
		cfg := s.write("config.yaml", c.block)
		brief := s.write("b/one.txt", basraEnglish)
		for _, args := range [][]string{{"list"}, {"list", brief}, {"set", "0e25", "edition=4"}, {"show", "0e25"}, {brief}} {
			code := s.run(args...)
			msg := s.stderr.String()
			if code != 1 || !strings.Contains(msg, "config "+cfg+": ") || !strings.Contains(msg, c.want) {
				t.Errorf("%q with\n%s: exit %d, stderr %q; want exit 1 naming %s and %q", args, c.block, code, msg, cfg, c.want)
			}
			if strings.ContainsRune(msg, 0x1b) || s.stdout.Len() != 0 {
				t.Errorf("%q: stdout %q, stderr %q", args, s.stdout.String(), msg)
			}
		}
		if _, err := os.Stat(s.env["BRIEFS_DB"]); !os.IsNotExist(err) {
			t.Errorf("%s: a refused configuration created the database", c.block)
		}
	}
}
