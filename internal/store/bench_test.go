package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/corpus"
	"github.com/briefs/briefs/internal/identity"
)

// corpusCandidates parses a generated corpus of n briefs as loading does.
func corpusCandidatesT(b testing.TB, n int) []identity.Candidate { return corpusCandidates(b, n) }

func corpusCandidates(b testing.TB, n int) []identity.Candidate {
	b.Helper()
	var out []identity.Candidate
	for _, f := range corpus.Generate(n, 3, 3000) {
		br, err := brief.Parse("/corpus/"+f.Name, f.Data)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, identity.Candidate{ID: br.ID, Paths: []string{br.Path}, Title: br.Title, Date: br.Day(), Source: br.Hints.Source, Story: br.Hints.AgencyID, Body: br.Body, Legacy: br.Hints.Legacy})
	}
	return out
}

// BenchmarkReattach10k is what every load of 10,000 briefs pays: 200
// annotated briefs, and orphans that were already searched for (steady),
// or none.
func BenchmarkReattach10k(b *testing.B) {
	cands := corpusCandidates(b, 10000)
	for _, orphans := range []int{0, 5} {
		b.Run(fmt.Sprintf("orphans=%d", orphans), func(b *testing.B) {
			ctx := context.Background()
			s, err := Open(filepath.Join(b.TempDir(), "b.db"))
			must(b, err)
			defer s.Close()
			_, err = s.Reattach(ctx, cands)
			must(b, err)
			for i := 0; i < 200+orphans; i++ {
				must(b, s.AddTags(ctx, cands[i*7].ID, "t"))
				must(b, s.SetNote(ctx, cands[i*7].ID, "a note"))
			}
			// the orphans' briefs are deleted
			rest := append([]identity.Candidate{}, cands[:7*200]...)
			for i := 7 * 200; i < len(cands); i++ {
				if i%7 != 0 || i >= 7*(200+orphans) {
					rest = append(rest, cands[i])
				}
			}
			if _, err := s.Reattach(ctx, rest); err != nil { // the first search
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				rep, err := s.Reattach(ctx, rest)
				if err != nil || rep.Orphaned != orphans {
					b.Fatalf("%+v %v", rep, err)
				}
			}
		})
	}
}
