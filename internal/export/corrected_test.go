package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// Corrected fields are named: in JSON as "corrected", in Markdown on a line
// under the metadata line.
func TestCorrectedFields(t *testing.T) {
	items, opt := fixture()
	b := *items[0].Brief
	b.Source, b.Corrected = "INA", []string{"source", "edition"}
	items[0].Brief = &b
	var md bytes.Buffer
	if err := Markdown(&md, items[:2], opt); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "\nINA · ") || !strings.Contains(md.String(), "\nCorrected: source, edition\n") ||
		strings.Count(md.String(), "Corrected:") != 1 {
		t.Errorf("Markdown:\n%s", md.String())
	}
	var js bytes.Buffer
	if err := JSON(&js, items[:2], opt); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Briefs []struct {
			Corrected []string `json:"corrected"`
		} `json:"briefs"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if strings.Join(doc.Briefs[0].Corrected, ",") != "source,edition" || doc.Briefs[1].Corrected == nil || len(doc.Briefs[1].Corrected) != 0 {
		t.Errorf("JSON corrected: %+v", doc.Briefs)
	}
}
