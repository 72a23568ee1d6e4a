package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// overrideRows reads the overrides table: "id field=value" per row, in
// order.
func overrideRows(t *testing.T, db string) []string {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query("SELECT brief_id, field, value FROM overrides ORDER BY brief_id, field")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, f, v string
		if err := rows.Scan(&id, &f, &v); err != nil {
			t.Fatal(err)
		}
		out = append(out, id+" "+f+"="+v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSetDatabaseRows: what briefs set writes to the store's overrides
// table (one row per corrected field, values as the store keeps them),
// and that --reset and FIELD= delete the rows.
func TestSetDatabaseRows(t *testing.T) {
	s := newSandbox(t)
	db := s.env["BRIEFS_DB"]
	s.mustRun("set", "0e25", "series=COP", "edition=29", "source=Iraqi News Agency", "date=2024-11-11 10:30",
		"country=+Kuwaiti", "country=-IQ", "dateline=Baku", "title=Baku climate talks open")
	got := overrideRows(t, db)
	want := []string{
		"0e253ee020f5 countries=+KW -IQ", "0e253ee020f5 date=2024-11-11T10:30", "0e253ee020f5 dateline=Baku",
		"0e253ee020f5 edition=29", "0e253ee020f5 series=COP", "0e253ee020f5 source=INA", "0e253ee020f5 title=Baku climate talks open",
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows after set:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	s.mustRun("set", "c38e", "edition=none")
	if got := overrideRows(t, db); !slices.Contains(got, "c38e74662e74 edition=0") {
		t.Errorf("edition=none: rows %q", got)
	}
	s.mustRun("set", "0e25", "--reset", "edition", "country")
	s.mustRun("set", "0e25", "title=")
	got = overrideRows(t, db)
	for _, gone := range []string{"edition=", "countries=", "title="} {
		if slices.ContainsFunc(got, func(r string) bool { return strings.HasPrefix(r, "0e253ee020f5 "+gone) }) {
			t.Errorf("%s left a row: %q", gone, got)
		}
	}
	s.mustRun("set", "--reset", "0e25")
	if got := overrideRows(t, db); !slices.Equal(got, []string{"c38e74662e74 edition=0"}) {
		t.Errorf("rows after --reset: %q", got)
	}
}

// TestCorrectionsSurviveReindex: the index is a cache of what extraction
// found; corrections live in the store and are applied after every load,
// so deleting the index or deriving every brief again keeps them.
func TestCorrectionsSurviveReindex(t *testing.T) {
	s := newSandbox(t)
	s.mustRun("set", "0e25", "edition=7", "source=Reuters")
	check := func(when string) {
		t.Helper()
		b := findJSON(t, s.mustRun("list", "--json"), "0e253ee020f5")
		if b.Edition == nil || *b.Edition != 7 || b.Source != "Reuters" || !slices.Equal(b.Corrected, []string{"source", "edition"}) {
			t.Errorf("%s: %+v", when, b)
		}
	}
	check("from the index")
	if err := os.Remove(s.env["BRIEFS_INDEX"]); err != nil {
		t.Fatal(err)
	}
	check("index deleted")
	// user series change the derive version: every brief derived again
	s.write("config.yaml", "folders: []\nseries:\n  - name: Kirkuk Dates Festival\n")
	check("derived again")
	if _, err := os.Stat(filepath.Dir(s.env["BRIEFS_INDEX"])); err != nil {
		t.Errorf("no index: %v", err)
	}
}
