package library

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/briefs/briefs/internal/extract"
)

// Loading infers editions across the collection: a brief that names a
// series and its year but no ordinal gets the edition another brief gives
// for that year (extract.InferEditions, one call in Load).
func TestLoadInfersEditions(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a.md": "---\ntitle: Forum opens\ndate: 2025-03-01\n---\nThe 11th Kirkuk Forum opened today, a year after the 10th Kirkuk Forum, held in 2024.\n",
		"b.md": "---\ntitle: Kirkuk Forum 2024 ends\ndate: 2024-03-04\n---\nThe Kirkuk Forum 2024 closed on Monday with a call for dialogue.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	l, warns, err := Load(context.Background(), x, Options{Paths: []string{dir}})
	if err != nil || len(warns) != 0 {
		t.Fatalf("load: %v %v", err, warns)
	}
	for _, b := range l.briefs {
		if b.Title == "Kirkuk Forum 2024 ends" && (b.Series.Key != "kirkuk-forum" || b.Edition != 10 || !b.EditionInferred) {
			t.Errorf("%q: series %q edition %d inferred %v", b.Title, b.Series.Key, b.Edition, b.EditionInferred)
		}
	}
}
