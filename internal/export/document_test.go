package export

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
)

func TestBuild(t *testing.T) {
	a := &brief.Brief{ID: "a1", Title: "A", Countries: []brief.Country{{Code: "IQ"}}}
	b := &brief.Brief{ID: "b2", Title: "B"}
	c := &brief.Brief{ID: "c3", Title: "C", Stated: brief.Stated{Tags: []string{"From Front"}}}
	lib := library.New(nil, []*brief.Brief{{ID: "x", Countries: []brief.Country{{Code: "IQ", Name: "Iraq"}}}})
	env := map[string]string{"SOURCE_DATE_EPOCH": "1700000000"}
	r := Request{
		Briefs: []*brief.Brief{a, b, c},
		Tags:   library.Tags{"a1": {"z", "followup"}},
		Notes:  map[string]string{"b2": "a note"},
		Query:  "q",
		Lib:    lib,
		Getenv: func(k string) string { return env[k] },
	}
	d, err := Build(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Items) != 3 || strings.Join(d.Items[0].Tags, ",") != "followup,z" || d.Items[1].Note != "a note" || d.Items[2].Tags[0] != "from-front" {
		t.Errorf("items %+v", d.Items)
	}
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"exported: 2023-11-14T22:13:20Z", `title: "briefs export"`, "count: 3", "Iraq (IQ)"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("document lacks %q:\n%s", want, buf.String())
		}
	}
	// the command line's default: only annotated briefs; JSON
	r.Annotated, r.Format = true, FormatJSON
	d, _ = Build(r)
	buf.Reset()
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if len(d.Items) != 3 || !strings.HasPrefix(buf.String(), "{") {
		t.Errorf("annotated JSON: %d items\n%s", len(d.Items), buf.String())
	}
	r.Briefs = []*brief.Brief{b, {ID: "d4"}}
	r.Notes = map[string]string{"b2": "  \n"}
	if d, _ := Build(r); len(d.Items) != 0 {
		t.Errorf("annotated kept %+v", d.Items)
	}
}

func TestFormat(t *testing.T) {
	if FormatOf("x/Notes.JSON") != FormatJSON || FormatOf("notes.md") != FormatMarkdown || FormatOf("json") != FormatMarkdown {
		t.Error("FormatOf")
	}
	if f, err := ParseFormat("json"); err != nil || f != FormatJSON {
		t.Error("ParseFormat json")
	}
	if _, err := ParseFormat("yaml"); err == nil {
		t.Error("ParseFormat yaml accepted")
	}
}

// TestTime: SOURCE_DATE_EPOCH fixes the time, in both the reader and the
// command line (both Build); a value RFC 3339 cannot write is an error
// (issue 8), not an invalid timestamp.
func TestTime(t *testing.T) {
	env := func(v string) func(string) string {
		return func(string) string { return v }
	}
	if got, err := Time(env("0")); err != nil || !got.Equal(time.Unix(0, 0)) {
		t.Errorf("0: %v %v", got, err)
	}
	if got, err := Time(env("253402300799")); err != nil || got.Format(time.RFC3339) != "9999-12-31T23:59:59Z" {
		t.Errorf("max: %v %v", got, err)
	}
	for _, v := range []string{"253402300800", "-1", "99999999999999999999", "1.5", "soon", " 17"} {
		if _, err := Time(env(v)); err == nil || !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH") {
			t.Errorf("%q: %v", v, err)
		}
	}
	now := time.Now().UTC()
	if got, err := Time(nil); err != nil || got.Location() != time.UTC || got.Sub(now) > time.Second || now.Sub(got) > time.Second {
		t.Errorf("now: %v %v", got, err)
	}
	if _, err := Build(Request{Getenv: env("1e9")}); err == nil {
		t.Error("Build took a bad SOURCE_DATE_EPOCH")
	}
}
