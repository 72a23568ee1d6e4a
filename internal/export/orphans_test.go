package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// Orphaned notes are exported after the briefs, sanitised like everything
// else; an export without orphans is unchanged.
func TestOrphansExported(t *testing.T) {
	opt := Options{Exported: time.Unix(0, 0).UTC(), Orphans: []Orphan{{
		ID: "0e253ee020f5", Title: "Gone *brief*\x1b]0;pwned\x07", Path: "/b/nina.txt", Date: "2025-12-07", Source: "NINA",
		Reason: "no brief of the collection is alike enough", Tags: []string{"followup", "iraq"}, Note: "Check the figures.\n\n> quoted",
	}}}
	var md bytes.Buffer
	if err := Markdown(&md, nil, opt); err != nil {
		t.Fatal(err)
	}
	out := md.String()
	for _, want := range []string{"count: 0\norphans: 1\n", "tags:\n  - followup\n  - iraq\n", "## Orphaned notes", `### Gone \*brief\*`,
		"NINA · 2025-12-07", "Tags: #followup #iraq", "ID: `0e253ee020f5` · Was at: `/b/nina.txt`", "Not re-attached: no brief", "#### Note\n\nCheck the figures.\n\n> quoted\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") || strings.Contains(out, "pwned\x07") {
		t.Errorf("escape sequence exported:\n%q", out)
	}
	var js bytes.Buffer
	if err := JSON(&js, nil, opt); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Orphans []jsonOrphan `json:"orphans"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil || len(doc.Orphans) != 1 || doc.Orphans[0].Note != "Check the figures.\n\n> quoted" || doc.Orphans[0].Path != "/b/nina.txt" {
		t.Errorf("JSON orphans: %v %+v", err, doc)
	}
	// none: no trace of them
	opt.Orphans = nil
	md.Reset()
	js.Reset()
	if err := Markdown(&md, nil, opt); err != nil {
		t.Fatal(err)
	}
	if err := JSON(&js, nil, opt); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(md.String(), "rphan") || strings.Contains(js.String(), "orphans") {
		t.Errorf("an export without orphans mentions them:\n%s\n%s", md.String(), js.String())
	}
}
