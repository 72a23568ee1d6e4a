package identity

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Record is what the store remembers about an annotated brief so that its
// annotations can find it again after an edit, a move or a rename.
type Record struct {
	ID     string
	Path   string // where it was last seen (absolute for files, "seeds/NAME" for built-in briefs)
	Title  string
	Date   string // YYYY-MM-DD, or ""
	Source string // agency, or ""
	Story  string // the agency's own story number, or ""
	Print  Fingerprint
	// Legacy marks an ID of the schema 2 scheme (LegacyID) that has not been
	// matched yet: nothing else is known about it.
	Legacy bool
}

// Candidate is a brief of the loaded collection, as re-attachment sees it.
// Print and the legacy ID are computed from Title and Body when first
// needed, unless already known (Print set, or Legacy non-empty), so a
// collection without orphans costs nothing. A collection that does not
// hold bodies in memory (a persistent index) sets Print and Legacy from
// what it stored, or ReadBody, and leaves Body empty.
type Candidate struct {
	ID     string
	Paths  []string // every path holding this content; the first is the one shown
	Title  string
	Date   string // YYYY-MM-DD, or ""
	Source string
	Story  string
	Body   string // the cleaned body, as read by the current parser
	// ReadBody reads the body of a brief whose Body is not held in memory
	// ("" and ReadBody set); called only when a fingerprint is needed, from
	// several goroutines at once.
	ReadBody func() string

	Print  Fingerprint // optional: computed from Title and Body when zero
	Legacy string      // optional: LegacyID(Title, Body) when empty
}

// Path is the candidate's first path, or "".
func (c *Candidate) Path() string {
	if len(c.Paths) == 0 {
		return ""
	}
	return c.Paths[0]
}

// Fingerprint returns c.Print, computing it from Title and Body if unset.
func (c *Candidate) Fingerprint() Fingerprint {
	if c.Print.IsZero() {
		return FingerprintOf(c.Title, c.body())
	}
	return c.Print
}

// LegacyID returns c.Legacy, computing it from Title and Body if unset.
func (c *Candidate) LegacyID() string {
	if c.Legacy == "" {
		return LegacyID(c.Title, c.body())
	}
	return c.Legacy
}

// body is Body, read by ReadBody when not held.
func (c *Candidate) body() string {
	if c.Body == "" && c.ReadBody != nil {
		return c.ReadBody()
	}
	return c.Body
}

// Record is the record the store keeps for an annotated candidate.
func (c *Candidate) Record() Record {
	return Record{ID: c.ID, Path: c.Path(), Title: c.Title, Date: c.Date, Source: c.Source, Story: c.Story, Print: c.Fingerprint()}
}

// Verdict is what Decide concludes for one orphaned ID.
type Verdict int

// Verdicts.
const (
	Orphaned  Verdict = iota // no brief of the collection is it with confidence
	Follow                   // the annotations follow the brief To
	NotLoaded                // its file still exists but is not in the collection: leave it alone
)

// Decision is Decide's conclusion about one annotated ID missing from the
// collection.
type Decision struct {
	From    string // the annotated ID
	Verdict Verdict
	To      string  // the brief the annotations follow (Verdict Follow)
	Score   float64 // estimated similarity (Jaccard) of the texts, 0 to 1
	Reason  string  // why, in words: "edited in place (93% alike)", "2 briefs are alike: 2f1c..., 8b0a..."
}

// Options tune Decide.
type Options struct {
	// Exists reports whether a file still exists at an absolute path; nil
	// means nothing exists (every missing brief is treated as moved or
	// deleted).
	Exists func(path string) bool
	// Annotated reports whether a brief of the collection has annotations
	// of its own: such a brief is never the target of an automatic
	// re-attachment (merging two sets of annotations is for the user to
	// decide). nil means none has.
	Annotated func(id string) bool
}

// Thresholds of Decide (estimated similarities, 0 to 1).
const (
	// A brief at the same path counts as the same one edited when this much
	// alike (or when the old text is almost all still there: an update was
	// appended).
	samePathJaccard   = 0.65
	samePathContained = 0.9
	// With the same title or the same agency story number elsewhere.
	sameKeyJaccard   = 0.7
	sameKeyContained = 0.95
	// Anywhere else, by the text alone.
	anywhereJaccard = 0.85
	// Two candidates of the same strength this close are ambiguous.
	margin = 0.1
)

// Decide finds, for each orphaned record (an annotated ID that is not in the
// collection), the brief of the collection it has become, when that is
// clear:
//
//   - a legacy ID (schema 2) follows the first candidate whose LegacyID is
//     the same (the brief that showed its annotations before);
//   - a record whose file still exists but is not loaded is NotLoaded (a
//     command run on part of the collection must not move anything);
//   - otherwise candidates are compared by fingerprint, strongest evidence
//     first: the same path (at least 65% alike, or 90% of the old text
//     still there), the same title or the same agency story number (70%,
//     or 95% of the old text), or the text alone (85%). The best candidate
//     is chosen only if no other of the same strength comes within 10
//     points of it, no other orphan chooses it too, and it carries no
//     annotations of its own; anything else stays Orphaned, with the reason.
//
// Decisions are returned in the order of orphans. Decide does not modify
// its arguments; it computes the fingerprints it needs (in parallel for a
// full scan) and nothing else.
func Decide(orphans []Record, cands []Candidate, opt Options) []Decision {
	if len(orphans) == 0 {
		return nil
	}
	ix := newIndex(cands)
	out := make([]Decision, len(orphans))
	for i := range orphans {
		out[i] = ix.decide(&orphans[i], opt)
	}
	// Two orphans following one brief: neither is clear.
	count := map[string]int{}
	for _, d := range out {
		if d.Verdict == Follow {
			count[d.To]++
		}
	}
	for i, d := range out {
		if d.Verdict == Follow && count[d.To] > 1 && !orphans[i].Legacy {
			out[i] = Decision{From: d.From, Verdict: Orphaned, Score: d.Score,
				Reason: fmt.Sprintf("%d annotated briefs are alike to %s: attach by hand", count[d.To], d.To)}
		}
	}
	return out
}

// index looks candidates up by path, title, story number and legacy ID, and
// computes fingerprints once.
type index struct {
	cands   []Candidate
	byPath  map[string]int
	byTitle map[string][]int
	byStory map[string][]int

	legacyOnce sync.Once
	byLegacy   map[string]int

	prints    []Fingerprint
	printDone []bool
	fullOnce  sync.Once
	band      map[uint64][]int // the bandSize smallest hashes of every candidate -> candidates
}

// bandSize is how many of a fingerprint's smallest hashes index it for the
// search by text alone: two texts 85% alike share several of them with near
// certainty, two unrelated texts almost never one.
const bandSize = 16

// nearby returns the candidates sharing one of the bandSize smallest hashes
// with f, in candidate order.
func (ix *index) nearby(f Fingerprint) []int {
	ix.allPrints()
	var out []int
	for _, h := range f.mins[:min(len(f.mins), bandSize)] {
		out = append(out, ix.band[h]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func newIndex(cands []Candidate) *index {
	ix := &index{cands: cands, byPath: map[string]int{}, byTitle: map[string][]int{}, byStory: map[string][]int{},
		prints: make([]Fingerprint, len(cands)), printDone: make([]bool, len(cands))}
	for i := range cands {
		c := &cands[i]
		for _, p := range c.Paths {
			if _, dup := ix.byPath[p]; !dup {
				ix.byPath[p] = i
			}
		}
		if t := titleKey(c.Title); t != "" {
			ix.byTitle[t] = append(ix.byTitle[t], i)
		}
		if s := storyKey(c.Source, c.Story); s != "" {
			ix.byStory[s] = append(ix.byStory[s], i)
		}
	}
	return ix
}

func titleKey(t string) string {
	t = strings.ToLower(strings.Join(strings.Fields(t), " "))
	if t == "(untitled)" {
		return ""
	}
	return t
}

func storyKey(source, story string) string {
	if story == "" {
		return ""
	}
	return strings.ToLower(source) + "\x00" + story
}

func (ix *index) print(i int) Fingerprint {
	if !ix.printDone[i] {
		ix.prints[i] = ix.cands[i].Fingerprint()
		ix.printDone[i] = true
	}
	return ix.prints[i]
}

// allPrints computes every candidate's fingerprint, on all cores.
func (ix *index) allPrints() {
	ix.fullOnce.Do(func() {
		var wg sync.WaitGroup
		workers := 4
		chunk := (len(ix.cands) + workers - 1) / workers
		for w := 0; w < workers; w++ {
			lo, hi := w*chunk, min(len(ix.cands), (w+1)*chunk)
			if lo >= hi {
				continue
			}
			wg.Go(func() {
				for i := lo; i < hi; i++ {
					if !ix.printDone[i] {
						ix.prints[i] = ix.cands[i].Fingerprint()
						ix.printDone[i] = true
					}
				}
			})
		}
		wg.Wait()
		ix.band = make(map[uint64][]int, len(ix.cands)*bandSize)
		for i, f := range ix.prints {
			for _, h := range f.mins[:min(len(f.mins), bandSize)] {
				ix.band[h] = append(ix.band[h], i)
			}
		}
	})
}

func (ix *index) legacy(id string) (int, bool) {
	ix.legacyOnce.Do(func() {
		ix.byLegacy = make(map[string]int, len(ix.cands))
		for i := range ix.cands {
			l := ix.cands[i].LegacyID()
			if _, dup := ix.byLegacy[l]; !dup {
				ix.byLegacy[l] = i
			}
		}
	})
	i, ok := ix.byLegacy[id]
	return i, ok
}

// strength of the evidence tying a candidate to an orphan, strongest first.
const (
	bySamePath = iota
	bySameKey
	byText
)

type scored struct {
	i         int
	strength  int
	jaccard   float64
	contained float64
}

func (ix *index) decide(r *Record, opt Options) Decision {
	d := Decision{From: r.ID, Verdict: Orphaned}
	if early, done := ix.decideEarly(r, opt); done {
		early.From = r.ID
		return early
	}
	found := ix.candidates(r)
	if len(found) == 0 {
		d.Reason = "no brief of the collection is alike enough"
		return d
	}
	slices.SortStableFunc(found, func(a, b scored) int {
		return cmp.Or(cmp.Compare(a.strength, b.strength), cmp.Compare(b.jaccard, a.jaccard), cmp.Compare(b.contained, a.contained))
	})
	best := found[0]
	d.Score = best.jaccard
	if len(found) > 1 {
		next := found[1]
		if next.strength == best.strength && best.jaccard-next.jaccard < margin {
			ids := []string{ix.cands[best.i].ID, ix.cands[next.i].ID}
			d.Reason = fmt.Sprintf("ambiguous: %d briefs are alike (%s, %s): attach by hand", len(found), ids[0], ids[1])
			return d
		}
	}
	to := ix.cands[best.i].ID
	if opt.Annotated != nil && opt.Annotated(to) {
		d.Reason = fmt.Sprintf("the brief it resembles, %s (%.0f%% alike), has annotations of its own: attach by hand", to, 100*best.jaccard)
		return d
	}
	d.Verdict, d.To = Follow, to
	d.Reason = ix.followReason(r, best)
	return d
}

// decideEarly settles the records that need no search for candidates:
// identities of an older version, records with nothing to go on, and
// briefs whose file exists outside the collection loaded.
func (ix *index) decideEarly(r *Record, opt Options) (Decision, bool) {
	d := Decision{Verdict: Orphaned}
	switch {
	case r.Legacy:
		if i, ok := ix.legacy(r.ID); ok {
			d.Verdict, d.To, d.Score, d.Reason = Follow, ix.cands[i].ID, 1, "same text (identity of an older version of briefs)"
			return d, true
		}
		d.Reason = "annotated with an older version of briefs; no brief of the collection has the same text"
		return d, true
	case r.Print.IsZero():
		d.Reason = "nothing is known about this brief to find it again"
		return d, true
	}
	if _, loaded := ix.byPath[r.Path]; !loaded && r.Path != "" && filepath.IsAbs(r.Path) && opt.Exists != nil && opt.Exists(r.Path) {
		d.Verdict, d.Reason = NotLoaded, "its file "+r.Path+" is not in the collection loaded"
		return d, true
	}
	return d, false
}

// candidates are the briefs alike enough to r for the evidence that found
// them: the same path, the same story number or title, or similar text.
func (ix *index) candidates(r *Record) []scored {
	var found []scored
	seen := map[int]bool{}
	consider := func(i, strength int) {
		if seen[i] {
			return
		}
		seen[i] = true
		j, c := Similarity(r.Print, ix.print(i))
		ok := false
		switch strength {
		case bySamePath:
			ok = j >= samePathJaccard || c >= samePathContained
		case bySameKey:
			ok = j >= sameKeyJaccard || c >= sameKeyContained
		default:
			ok = j >= anywhereJaccard
		}
		if ok {
			found = append(found, scored{i, strength, j, c})
		}
	}
	if i, ok := ix.byPath[r.Path]; ok && r.Path != "" {
		consider(i, bySamePath)
	}
	for _, i := range ix.byStory[storyKey(r.Source, r.Story)] {
		consider(i, bySameKey)
	}
	for _, i := range ix.byTitle[titleKey(r.Title)] {
		consider(i, bySameKey)
	}
	for _, i := range ix.nearby(r.Print) {
		consider(i, byText)
	}
	return found
}

// followReason says in words why r follows the candidate best.
func (ix *index) followReason(r *Record, best scored) string {
	switch {
	case best.strength == bySamePath && best.contained > best.jaccard+margin:
		return fmt.Sprintf("edited in place, text added (%.0f%% of the old text kept)", 100*best.contained)
	case best.strength == bySamePath:
		return fmt.Sprintf("edited in place (%.0f%% alike)", 100*best.jaccard)
	}
	return fmt.Sprintf("moved or renamed from %s to %s (%.0f%% alike)", orUnknown(r.Path), orUnknown(ix.cands[best.i].Path()), 100*best.jaccard)
}

func orUnknown(p string) string {
	if p == "" {
		return "an unknown path"
	}
	return p
}
