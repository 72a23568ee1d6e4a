// Package storetest is the conformance suite of store backends: every
// implementation of store.Backend (SQLite today, PostgreSQL for teams) runs
// Run and must pass all of it. The suite uses the Backend interface only.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/identity"
	"github.com/briefs/briefs/internal/store"
	"github.com/briefs/briefs/internal/team"
	"github.com/briefs/briefs/seeds"
)

// Factory makes the databases the suite runs on.
type Factory struct {
	// Open returns a new, empty database; it is closed when the test ends.
	Open func(t *testing.T) store.Backend
	// Another returns a second handle on the database of b, as another
	// process would have it; it is closed when the test ends.
	Another func(t *testing.T, b store.Backend) store.Backend
	// ReadOnly returns a read-only handle on the database of b (as a user
	// who may only read it); it is closed when the test ends.
	ReadOnly func(t *testing.T, b store.Backend) store.Backend
	// As returns a handle on the database of b for another person (the
	// store's User); it is closed when the test ends.
	As func(t *testing.T, b store.Backend, user string) store.Backend
}

// Run runs the whole suite.
func Run(t *testing.T, f Factory) {
	for _, c := range []struct {
		name string
		fn   func(*testing.T, Factory)
	}{
		{"Tags", testTags},
		{"ApplyTags", testApplyTags},
		{"RenameTag", testRenameTag},
		{"Notes", testNotes},
		{"SetNoteIf", testSetNoteIf},
		{"ReadState", testReadState},
		{"Corrections", testCorrections},
		{"Revision", testRevision},
		{"ConcurrentWriters", testConcurrentWriters},
		{"ReadOnly", testReadOnly},
		{"IdentityEqualBodies", testEqualBodies},
		{"ReattachFollows", testReattachFollows},
		{"ReattachOrphans", testReattachOrphans},
		{"ReattachReadsFewBodies", testReattachReadsFewBodies},
		{"AttachAndDelete", testAttachAndDelete},
		{"StaleWriter", testStaleWriter},
		{"People", testPeople},
		{"PeopleFollowTheBrief", testPeopleFollow},
		{"Changes", testChanges},
		{"Watch", testWatch},
	} {
		t.Run(c.name, func(t *testing.T) { c.fn(t, f) })
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var ctx = context.Background()

func testTags(t *testing.T, f Factory) {
	s := f.Open(t)
	must(t, s.AddTags(ctx, "a1b2c3", "Iran", "follow up", "iran", "#Kuwait"))
	must(t, s.AddTags(ctx, "d4e5f6", "iran"))
	must(t, s.AddTags(ctx, "d4e5f6")) // no tags: nothing
	if got, err := s.Tags(ctx, "a1b2c3"); err != nil || !slices.Equal(got, []string{"follow-up", "iran", "kuwait"}) {
		t.Errorf("Tags = %q, %v", got, err)
	}
	if err := s.AddTags(ctx, "a1b2c3", "ok", "a b,c"); err == nil || !strings.Contains(err.Error(), `"a b,c"`) {
		t.Errorf("AddTags with an invalid tag = %v", err)
	}
	if got, _ := s.Tags(ctx, "a1b2c3"); len(got) != 3 {
		t.Errorf("an invalid AddTags added: %q", got)
	}
	if err := s.AddTags(ctx, "", "x"); err == nil {
		t.Error("AddTags with an empty ID succeeded")
	}
	must(t, s.RemoveTags(ctx, "a1b2c3", "KUWAIT", "not-there"))
	all, err := s.AllTags(ctx)
	must(t, err)
	if want := map[string][]string{"a1b2c3": {"follow-up", "iran"}, "d4e5f6": {"iran"}}; !reflect.DeepEqual(all, want) {
		t.Errorf("AllTags = %v, want %v", all, want)
	}
	counts, err := s.TagCounts(ctx)
	must(t, err)
	if want := []store.TagCount{{Tag: "follow-up", Count: 1}, {Tag: "iran", Count: 2}}; !reflect.DeepEqual(counts, want) {
		t.Errorf("TagCounts = %v", counts)
	}
	if got, err := s.Tags(ctx, "unknown"); err != nil || got == nil || len(got) != 0 {
		t.Errorf("Tags(unknown) = %#v, %v; want empty, not nil", got, err)
	}
}

func testApplyTags(t *testing.T, f Factory) {
	s := f.Open(t)
	must(t, s.AddTags(ctx, "b1", "old", "keep"))
	must(t, s.AddTags(ctx, "b2", "old"))
	must(t, s.ApplyTags(ctx, []string{"b1", "b2", "b3", "b1"}, []string{"New", "#Both"}, []string{"OLD"}))
	want := map[string][]string{"b1": {"both", "keep", "new"}, "b2": {"both", "new"}, "b3": {"both", "new"}}
	all, err := s.AllTags(ctx)
	must(t, err)
	if !reflect.DeepEqual(all, want) {
		t.Fatalf("AllTags = %v, want %v", all, want)
	}
	r0, _ := s.Revision(ctx)
	for _, bad := range []struct{ ids, add, del []string }{
		{[]string{"b1", "b2"}, []string{"fine", "no|pe"}, nil},
		{[]string{"b1", ""}, []string{"fine"}, nil},
		{[]string{"b1"}, []string{"same"}, []string{"SAME"}},
	} {
		if err := s.ApplyTags(ctx, bad.ids, bad.add, bad.del); err == nil {
			t.Errorf("ApplyTags(%q, %q, %q) succeeded", bad.ids, bad.add, bad.del)
		}
	}
	if all, _ := s.AllTags(ctx); !reflect.DeepEqual(all, want) {
		t.Errorf("invalid ApplyTags wrote: %v", all)
	}
	if r, _ := s.Revision(ctx); r != r0 {
		t.Error("invalid ApplyTags bumped the revision")
	}
}

func testRenameTag(t *testing.T, f Factory) {
	s := f.Open(t)
	must(t, s.AddTags(ctx, "b1", "todo", "iran"))
	must(t, s.AddTags(ctx, "b2", "todo", "followup"))
	must(t, s.AddTags(ctx, "b3", "iran"))
	if n, err := s.RenameTag(ctx, "TODO", "followup"); err != nil || n != 2 {
		t.Fatalf("RenameTag = %d, %v", n, err)
	}
	all, _ := s.AllTags(ctx)
	if want := map[string][]string{"b1": {"followup", "iran"}, "b2": {"followup"}, "b3": {"iran"}}; !reflect.DeepEqual(all, want) {
		t.Errorf("after rename: %v", all)
	}
	if n, err := s.RenameTag(ctx, "nothing", "x"); err != nil || n != 0 {
		t.Errorf("RenameTag(missing) = %d, %v", n, err)
	}
	if _, err := s.RenameTag(ctx, "iran", "-bad"); err == nil {
		t.Error("RenameTag to an invalid tag succeeded")
	}
}

func testNotes(t *testing.T, f Factory) {
	s := f.Open(t)
	if body, when, err := s.Note(ctx, "n1"); err != nil || body != "" || !when.IsZero() {
		t.Fatalf("Note(missing) = %q, %v, %v", body, when, err)
	}
	before := time.Now().Add(-time.Second)
	note := "First *thought*.\n\n> quoted passage\n> continues\n"
	must(t, s.SetNote(ctx, "n1", note))
	body, when, err := s.Note(ctx, "n1")
	if err != nil || body != note || when.Before(before) || when.After(time.Now().Add(time.Second)) {
		t.Fatalf("Note = %q, %v, %v", body, when, err)
	}
	must(t, s.AppendNote(ctx, "n1", "Second."))
	must(t, s.AppendNote(ctx, "n1", "   "))
	must(t, s.AppendNote(ctx, "n2", "\nStarts a note\n"))
	body, _, _ = s.Note(ctx, "n1")
	if want := strings.TrimSpace(note) + "\n\nSecond."; body != want {
		t.Errorf("after AppendNote = %q, want %q", body, want)
	}
	must(t, s.SetNote(ctx, "n1", " \n "))
	all, err := s.AllNotes(ctx)
	must(t, err)
	if !reflect.DeepEqual(all, map[string]string{"n2": "Starts a note"}) {
		t.Errorf("AllNotes = %q", all)
	}
}

func testSetNoteIf(t *testing.T, f Factory) {
	s := f.Open(t)
	other := f.Another(t, s)
	must(t, s.SetNoteIf(ctx, "n1", "", "first"))
	must(t, s.SetNoteIf(ctx, "n1", "first", "second"))
	must(t, other.AppendNote(ctx, "n1", "from script"))
	r0, _ := s.Revision(ctx)
	err := s.SetNoteIf(ctx, "n1", "second", "mine")
	var nc *store.NoteChangedError
	if !errors.Is(err, store.ErrNoteChanged) || !errors.As(err, &nc) || nc.Current != "second\n\nfrom script" || nc.ID != "n1" {
		t.Fatalf("SetNoteIf on a changed note = %v", err)
	}
	if body, _, _ := s.Note(ctx, "n1"); body != "second\n\nfrom script" {
		t.Errorf("a refused write changed the note: %q", body)
	}
	if r, _ := s.Revision(ctx); r != r0 {
		t.Error("a refused write bumped the revision")
	}
	must(t, s.SetNoteIf(ctx, "n1", nc.Current, "mine"))
	must(t, other.SetNote(ctx, "n1", ""))
	if err := s.SetNoteIf(ctx, "n1", "mine", "again"); !errors.As(err, &nc) || nc.Current != "" {
		t.Errorf("after a delete elsewhere: %v", err)
	}
}

func testReadState(t *testing.T, f Factory) {
	s := f.Open(t)
	must(t, s.MarkRead(ctx, "r1"))
	must(t, s.MarkRead(ctx, "r2"))
	first, err := s.ReadAt(ctx, "r1")
	must(t, err)
	time.Sleep(5 * time.Millisecond)
	must(t, s.MarkRead(ctx, "r1"))
	if again, _ := s.ReadAt(ctx, "r1"); !again.Equal(first) || first.IsZero() {
		t.Errorf("ReadAt changed: %v -> %v", first, again)
	}
	must(t, s.MarkUnread(ctx, "r2"))
	set, err := s.ReadSet(ctx)
	must(t, err)
	if !reflect.DeepEqual(set, map[string]bool{"r1": true}) {
		t.Errorf("ReadSet = %v", set)
	}
	if at, err := s.ReadAt(ctx, "r2"); err != nil || !at.IsZero() {
		t.Errorf("ReadAt(unread) = %v, %v", at, err)
	}
}

func testCorrections(t *testing.T, f Factory) {
	s := f.Open(t)
	id := "c0ffee000001"
	for _, c := range []struct {
		f     store.Field
		value string
		want  string
	}{
		{store.FieldTitle, "  A  better   title ", "A better title"},
		{store.FieldSource, "NINA", "NINA"},
		{store.FieldDate, "2025-12-07", "2025-12-07"},
		{store.FieldDate, "2025-12-07 11:25", "2025-12-07T11:25"},
		{store.FieldDateline, "Baghdad", "Baghdad"},
		{store.FieldSeries, "baghdad-drug-control", "baghdad-drug-control"},
		{store.FieldEdition, "3rd", "3"},
		{store.FieldEdition, "none", "0"},
		{store.FieldCountries, "+iq -KW, IR", "+IQ +IR -KW"},
	} {
		must(t, s.Correct(ctx, id, c.f, c.value))
		got, err := s.Corrections(ctx, id)
		must(t, err)
		if v := got.Values()[c.f]; v != c.want {
			t.Errorf("Correct(%s, %q): stored %q, want %q", c.f, c.value, v, c.want)
		}
	}
	for _, bad := range []struct {
		f     store.Field
		value string
	}{
		{store.FieldDate, "yesterday"}, {store.FieldEdition, "-1"}, {store.FieldEdition, "third-ish"},
		{store.FieldCountries, "+IRQ"}, {store.FieldCountries, "+IQ -IQ"}, {store.FieldTitle, "two\nlines"},
		{store.FieldTitle, "bidi \u202e"}, {store.Field("colour"), "red"},
	} {
		if err := s.Correct(ctx, id, bad.f, bad.value); err == nil {
			t.Errorf("Correct(%s, %q) accepted", bad.f, bad.value)
		}
	}
	must(t, s.CorrectCountries(ctx, id, []string{"kw", "LB"}, []string{"ir"}))
	c, _ := s.Corrections(ctx, id)
	if !slices.Equal(c.AddCountries, []string{"IQ", "KW", "LB"}) || !slices.Equal(c.RemoveCountries, []string{"IR"}) {
		t.Errorf("after CorrectCountries: +%v -%v", c.AddCountries, c.RemoveCountries)
	}
	if !c.HasEdition || c.Edition != 0 || c.Title != "A better title" || c.Updated.IsZero() {
		t.Errorf("Corrections = %+v", c)
	}
	must(t, s.ResetCorrections(ctx, id, store.FieldTitle, store.FieldEdition))
	c, _ = s.Corrections(ctx, id)
	if c.Title != "" || c.HasEdition || c.Source != "NINA" {
		t.Errorf("after ResetCorrections(title, edition): %+v", c)
	}
	must(t, s.Correct(ctx, "other0000001", store.FieldTitle, "T"))
	all, err := s.AllCorrections(ctx)
	must(t, err)
	if len(all) != 2 || all["other0000001"].Title != "T" || all[id].Source != "NINA" {
		t.Errorf("AllCorrections = %+v", all)
	}
	must(t, s.ResetCorrections(ctx, id))
	if c, _ := s.Corrections(ctx, id); !c.IsZero() {
		t.Errorf("after ResetCorrections(): %+v", c)
	}
}

func testRevision(t *testing.T, f Factory) {
	s := f.Open(t)
	other := f.Another(t, s)
	rev := func(b store.Backend) int64 {
		t.Helper()
		n, err := b.Revision(ctx)
		must(t, err)
		return n
	}
	r0 := rev(s)
	must(t, s.AddTags(ctx, "x", "a"))
	r1 := rev(s)
	if r1 == r0 {
		t.Fatal("revision unchanged after AddTags")
	}
	must(t, s.AddTags(ctx, "x", "a"))
	must(t, s.RemoveTags(ctx, "x", "b"))
	must(t, s.SetNote(ctx, "x", ""))
	must(t, s.Correct(ctx, "x", store.FieldTitle, ""))
	if r := rev(s); r != r1 {
		t.Errorf("revision changed on writes that change nothing: %d -> %d", r1, r)
	}
	for i, w := range []func(store.Backend) error{
		func(o store.Backend) error { return o.SetNote(ctx, "x", "hello") },
		func(o store.Backend) error { return o.AppendNote(ctx, "x", "more") },
		func(o store.Backend) error { return o.MarkRead(ctx, "x") },
		func(o store.Backend) error { _, err := o.RenameTag(ctx, "a", "b"); return err },
		func(o store.Backend) error { return o.Correct(ctx, "x", store.FieldTitle, "T") },
		func(o store.Backend) error { return o.RemoveTags(ctx, "x", "b") },
	} {
		before := rev(s)
		must(t, w(other))
		if after := rev(s); after == before {
			t.Errorf("write %d by another handle did not change the revision", i)
		}
	}
}

// Several handles (processes) and goroutines writing at once lose nothing.
func testConcurrentWriters(t *testing.T, f Factory) {
	s := f.Open(t)
	handles := []store.Backend{s, f.Another(t, s), f.Another(t, s)}
	const perWriter = 40
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for h, b := range handles {
		for g := range 2 {
			wg.Go(func() {
				for i := range perWriter {
					w := fmt.Sprintf("w%d-%d", h, g)
					if err := b.AddTags(ctx, fmt.Sprintf("brief%02d", i%5), fmt.Sprintf("%s-%03d", w, i)); err != nil {
						errs <- err
						return
					}
					if i%4 == 0 {
						if err := b.AppendNote(ctx, "shared", fmt.Sprintf("%s-%03d", w, i)); err != nil {
							errs <- err
							return
						}
					}
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	all, err := s.AllTags(ctx)
	must(t, err)
	n := 0
	for _, tags := range all {
		n += len(tags)
	}
	if want := len(handles) * 2 * perWriter; n != want {
		t.Errorf("%d tags saved, want %d", n, want)
	}
	body, _, _ := s.Note(ctx, "shared")
	if paras := strings.Split(body, "\n\n"); len(paras) != len(handles)*2*perWriter/4 {
		t.Errorf("note has %d paragraphs, want %d", len(paras), len(handles)*2*perWriter/4)
	}
}

func testReadOnly(t *testing.T, f Factory) {
	s := f.Open(t)
	cs := seedCandidates(t)
	_, err := s.Reattach(ctx, cs)
	must(t, err)
	must(t, s.AddTags(ctx, cs[0].ID, "followup"))
	must(t, s.SetNote(ctx, cs[0].ID, "A note."))
	must(t, s.Correct(ctx, cs[0].ID, store.FieldEdition, "3"))
	ro := f.ReadOnly(t, s)
	if !ro.ReadOnly() || s.ReadOnly() {
		t.Error("ReadOnly() does not say how the handle was opened")
	}
	if _, err := ro.Reattach(ctx, cs); err != nil {
		t.Fatal(err)
	}
	if got, _ := ro.Tags(ctx, cs[0].ID); !slices.Equal(got, []string{"followup"}) {
		t.Errorf("read-only Tags = %q", got)
	}
	if body, _, _ := ro.Note(ctx, cs[0].ID); body != "A note." {
		t.Errorf("read-only Note = %q", body)
	}
	if c, _ := ro.Corrections(ctx, cs[0].ID); c.Edition != 3 {
		t.Errorf("read-only Corrections = %+v", c)
	}
	for name, w := range map[string]func() error{
		"AddTags":      func() error { return ro.AddTags(ctx, cs[0].ID, "x") },
		"SetNote":      func() error { return ro.SetNote(ctx, cs[0].ID, "x") },
		"MarkRead":     func() error { return ro.MarkRead(ctx, cs[0].ID) },
		"Correct":      func() error { return ro.Correct(ctx, cs[0].ID, store.FieldTitle, "x") },
		"DeleteOrphan": func() error { return ro.DeleteOrphan(ctx, "0123456789ab") },
	} {
		if err := w(); !errors.Is(err, store.ErrReadOnly) {
			t.Errorf("%s on a read-only handle = %v, want ErrReadOnly", name, err)
		}
	}
}

// ---- identity ---------------------------------------------------------------

// source is a source file as the user has it.
type source struct{ path, text string }

// candidates parses files as loading does and describes them for Reattach,
// one brief per content (the first path wins, as in package library).
func candidates(t *testing.T, files ...source) []identity.Candidate {
	t.Helper()
	var out []identity.Candidate
	at := map[string]int{}
	for _, f := range files {
		b, err := brief.Parse(f.path, []byte(f.text))
		must(t, err)
		if i, ok := at[b.ID]; ok {
			out[i].Paths = append(out[i].Paths, f.path)
			continue
		}
		at[b.ID] = len(out)
		out = append(out, identity.Candidate{ID: b.ID, Paths: []string{f.path}, Title: b.Title, Date: b.Day(), Source: b.Hints.Source, Story: b.Hints.AgencyID, Body: b.Body, Legacy: b.Hints.Legacy})
	}
	return out
}

func seedText(t *testing.T, name string) string {
	t.Helper()
	data, err := fs.ReadFile(seeds.FS(), name)
	must(t, err)
	return string(data)
}

// SeedCandidates are the two built-in seed briefs as Reattach takes them.
func SeedCandidates(t *testing.T) []identity.Candidate { return seedCandidates(t) }

func seedCandidates(t *testing.T) []identity.Candidate {
	return candidates(t, source{"seeds/000_2f5fd0d68d9114d4.txt", seedText(t, "000_2f5fd0d68d9114d4.txt")},
		source{"seeds/001_0120ff17fa13518d.txt", seedText(t, "001_0120ff17fa13518d.txt")})
}

// annotate gives a brief every kind of annotation.
func annotate(t *testing.T, s store.Backend, id, tag, note string) {
	t.Helper()
	must(t, s.AddTags(ctx, id, tag))
	must(t, s.SetNote(ctx, id, note))
	must(t, s.MarkRead(ctx, id))
	must(t, s.Correct(ctx, id, store.FieldDateline, "Baghdad"))
}

// holds checks that id carries exactly what annotate gave it.
func holds(t *testing.T, s store.Backend, id, tag, note string) {
	t.Helper()
	if got, _ := s.Tags(ctx, id); !slices.Equal(got, []string{tag}) {
		t.Errorf("%s: tags %q, want [%s]", id, got, tag)
	}
	if got, _, _ := s.Note(ctx, id); got != note {
		t.Errorf("%s: note %q, want %q", id, got, note)
	}
	if at, _ := s.ReadAt(ctx, id); at.IsZero() {
		t.Errorf("%s: not read", id)
	}
	if c, _ := s.Corrections(ctx, id); c.Dateline != "Baghdad" {
		t.Errorf("%s: corrections %+v", id, c)
	}
}

func bare(t *testing.T, s store.Backend, id string) {
	t.Helper()
	tags, _ := s.Tags(ctx, id)
	note, _, _ := s.Note(ctx, id)
	at, _ := s.ReadAt(ctx, id)
	c, _ := s.Corrections(ctx, id)
	if len(tags) != 0 || note != "" || !at.IsZero() || !c.IsZero() {
		t.Errorf("%s carries annotations it should not: %q %q %v %+v", id, tags, note, at, c)
	}
}

// Briefs with the same body and other metadata are two briefs, annotated
// separately.
func testEqualBodies(t *testing.T, f Factory) {
	s := f.Open(t)
	a := source{"/b/a.md", "---\ntitle: First\ndate: 2024-01-01\n---\nThe same body text in two files.\n"}
	b := source{"/b/b.md", "---\ntitle: Second\ndate: 2024-02-01\n---\nThe same body text in two files.\n"}
	cs := candidates(t, a, b)
	if len(cs) != 2 || cs[0].ID == cs[1].ID {
		t.Fatalf("same body, other metadata: %d briefs", len(cs))
	}
	_, err := s.Reattach(ctx, cs)
	must(t, err)
	annotate(t, s, cs[0].ID, "first", "On the first.")
	holds(t, s, cs[0].ID, "first", "On the first.")
	bare(t, s, cs[1].ID)
}

// Records without reading bodies where none is needed: a read-only
// handle, which cannot keep records, reads no brief's body; a brief seen
// at another path (moved, or a team member's folder) keeps its
// fingerprint, so its body is not read again either. A single-user store
// records the new path; a team store keeps the first path rather than
// rewriting it at each reader's start.
func testReattachReadsFewBodies(t *testing.T, f Factory) {
	nina := seedText(t, "000_2f5fd0d68d9114d4.txt")
	shafaq := seedText(t, "001_0120ff17fa13518d.txt")
	reads := 0
	lazy := func(files ...source) []identity.Candidate {
		cs := candidates(t, files...)
		for i := range cs {
			body := cs[i].Body
			cs[i].Body, cs[i].ReadBody = "", func() string { reads++; return body }
		}
		return cs
	}
	s := f.Open(t)
	cs := lazy(source{"/b/nina.txt", nina}, source{"/b/shafaq.txt", shafaq})
	must(t, s.AddTags(ctx, cs[0].ID, "followup")) // no collection known: no record yet
	if _, err := f.ReadOnly(t, s).Reattach(ctx, cs); err != nil {
		t.Fatal(err)
	}
	if reads != 0 {
		t.Errorf("a read-only Reattach read %d bodies, want 0", reads)
	}
	_, err := s.Reattach(ctx, cs)
	must(t, err)
	if reads != 1 {
		t.Errorf("the first Reattach read %d bodies, want 1 (the annotated brief's)", reads)
	}
	rev, err := s.Revision(ctx)
	must(t, err)
	reads = 0
	other := f.Another(t, s)
	_, err = other.Reattach(ctx, lazy(source{"/home/ali/briefs/nina.txt", nina}, source{"/home/ali/briefs/shafaq.txt", shafaq}))
	must(t, err)
	if reads != 0 {
		t.Errorf("the brief at another path: %d bodies read, want 0", reads)
	}
	after, err := s.Revision(ctx)
	must(t, err)
	b, ok := s.(interface{ Backend() string })
	isTeam := ok && b.Backend() == "postgres"
	switch {
	case isTeam && after != rev:
		t.Errorf("team store: a reader's own path rewrote the record (revision %d -> %d)", rev, after)
	case !isTeam && after == rev:
		t.Errorf("single-user store: the new path was not recorded (revision %d)", rev)
	}
}

// Edits, moves and renames: the annotations follow, in one go, and a
// second load changes nothing.
func testReattachFollows(t *testing.T, f Factory) {
	nina := seedText(t, "000_2f5fd0d68d9114d4.txt")
	shafaq := seedText(t, "001_0120ff17fa13518d.txt")
	typo := strings.Replace(nina, "significant progress", "significant progres", 1)
	for _, c := range []struct {
		name string
		now  []source
	}{
		{"edited in place", []source{{"/b/nina.txt", typo}}},
		{"moved and renamed", []source{{"/elsewhere/2025-12-07 nina.txt", nina + "\n\n"}}},
		{"moved, renamed and edited", []source{{"/elsewhere/x.txt", typo}}},
		{"update appended", []source{{"/b/nina.txt", strings.Replace(nina, "/ End", "\n\nUPDATE: "+shafaq[300:1500]+"/ End", 1)}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := f.Open(t)
			before := candidates(t, source{"/b/nina.txt", nina}, source{"/b/shafaq.txt", shafaq})
			_, err := s.Reattach(ctx, before)
			must(t, err)
			annotate(t, s, before[0].ID, "followup", "Check the figures.")
			after := candidates(t, append(c.now, source{"/b/shafaq.txt", shafaq})...)
			rep, err := s.Reattach(ctx, after)
			must(t, err)
			to := after[0].ID
			if to == before[0].ID {
				if len(rep.Moved) != 0 {
					t.Errorf("same content, same ID: moved %v", rep.Moved)
				}
			} else if len(rep.Moved) != 1 || rep.Moved[0] != (store.Move{From: before[0].ID, To: to, Reason: rep.Moved[0].Reason}) || rep.Orphaned != 0 || rep.ReadOnly {
				t.Fatalf("Reattach = %+v", rep)
			}
			holds(t, s, to, "followup", "Check the figures.")
			bare(t, s, after[1].ID)
			if to != before[0].ID {
				bare(t, s, before[0].ID)
			}
			if o, _ := s.Orphans(ctx); len(o) != 0 {
				t.Errorf("Orphans = %+v", o)
			}
			// Another handle sees the move without being told.
			other := f.Another(t, s)
			holds(t, other, to, "followup", "Check the figures.")
			r0, _ := s.Revision(ctx)
			rep, err = s.Reattach(ctx, after)
			must(t, err)
			if r1, _ := s.Revision(ctx); len(rep.Moved) != 0 || r1 != r0 {
				t.Errorf("a second Reattach: %+v, revision %d -> %d", rep, r0, r1)
			}
			// And it follows again after a second edit.
			again := candidates(t, append([]source{{"/b/final.txt", strings.Replace(c.now[0].text, "Iraq’s commitment", "Iraq's commitment", 1)}}, source{"/b/shafaq.txt", shafaq})...)
			_, err = s.Reattach(ctx, again)
			must(t, err)
			holds(t, s, again[0].ID, "followup", "Check the figures.")
		})
	}
}

// Unrelated, ambiguous or deleted: left as orphans, with everything they
// hold, and never attached to the wrong brief.
func testReattachOrphans(t *testing.T, f Factory) {
	nina := seedText(t, "000_2f5fd0d68d9114d4.txt")
	shafaq := seedText(t, "001_0120ff17fa13518d.txt")
	typo1 := strings.Replace(nina, "significant progress", "significant progres", 1)
	typo2 := strings.Replace(nina, "Iraq’s commitment", "Iraq's commitment", 1)
	for _, c := range []struct {
		name   string
		now    []source
		reason string
	}{
		{"deleted", []source{{"/b/shafaq.txt", shafaq}}, "no brief"},
		{"another brief written over it", []source{{"/b/nina.txt", shafaq}}, "no brief"},
		{"two edited copies", []source{{"/c/1.txt", typo1}, {"/c/2.txt", typo2}}, "ambiguous"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := f.Open(t)
			before := candidates(t, source{"/b/nina.txt", nina})
			_, err := s.Reattach(ctx, before)
			must(t, err)
			id := before[0].ID
			annotate(t, s, id, "followup", "Check the figures.")
			after := candidates(t, c.now...)
			rep, err := s.Reattach(ctx, after)
			must(t, err)
			if len(rep.Moved) != 0 || rep.Orphaned != 1 || !strings.Contains(rep.Summary(), "briefs orphans") {
				t.Errorf("Reattach = %+v (%s)", rep, rep.Summary())
			}
			for _, a := range after {
				bare(t, s, a.ID)
			}
			holds(t, s, id, "followup", "Check the figures.") // kept under its ID
			o, err := s.Orphans(ctx)
			must(t, err)
			if len(o) != 1 || o[0].ID != id || o[0].Record.Path != "/b/nina.txt" || !strings.HasPrefix(o[0].Record.Title, "Interior Minister") ||
				o[0].Record.Story != "709761" || o[0].Note != "Check the figures." || !slices.Equal(o[0].Tags, []string{"followup"}) ||
				o[0].ReadAt.IsZero() || o[0].Corrections.Dateline != "Baghdad" || o[0].Verdict != identity.Orphaned || !strings.Contains(o[0].Reason, c.reason) {
				t.Errorf("Orphans = %+v", o)
			}
			// Loading again decides the same, and does not write.
			r0, _ := s.Revision(ctx)
			rep, _ = s.Reattach(ctx, after)
			if r1, _ := s.Revision(ctx); rep.Orphaned != 1 || r1 != r0 {
				t.Errorf("second Reattach: %+v, revision %d -> %d", rep, r0, r1)
			}
			if o, _ := s.Orphans(ctx); len(o) != 1 || !strings.Contains(o[0].Reason, c.reason) {
				t.Errorf("second Orphans = %+v", o)
			}
			// The file comes back: the annotations are there.
			_, err = s.Reattach(ctx, candidates(t, append(c.now, source{"/b/back.txt", nina})...))
			must(t, err)
			holds(t, s, id, "followup", "Check the figures.")
			if o, _ := s.Orphans(ctx); len(o) != 0 {
				t.Errorf("Orphans once the file is back = %+v", o)
			}
		})
	}
}

func testAttachAndDelete(t *testing.T, f Factory) {
	s := f.Open(t)
	nina := seedText(t, "000_2f5fd0d68d9114d4.txt")
	shafaq := seedText(t, "001_0120ff17fa13518d.txt")
	if err := s.Attach(ctx, "aaaaaaaaaaaa", "bbbbbbbbbbbb"); !errors.Is(err, store.ErrNoCollection) {
		t.Errorf("Attach before Reattach = %v", err)
	}
	before := candidates(t, source{"/b/nina.txt", nina}, source{"/b/other.txt", "Gone\n\nA brief that will be deleted, with its own words.\n"})
	_, err := s.Reattach(ctx, before)
	must(t, err)
	orphan, gone := before[0].ID, before[1].ID
	annotate(t, s, orphan, "followup", "Orphan's note.")
	must(t, s.AddTags(ctx, gone, "gone"))
	after := candidates(t, source{"/b/shafaq.txt", shafaq})
	_, err = s.Reattach(ctx, after)
	must(t, err)
	target := after[0].ID
	must(t, s.AddTags(ctx, target, "kuwait"))
	must(t, s.SetNote(ctx, target, "Target's note."))
	must(t, s.Correct(ctx, target, store.FieldDateline, "Basra")) // differs from the orphan's

	for _, bad := range [][2]string{{target, orphan}, {orphan, "cccccccccccc"}, {orphan, orphan}, {"not an id", target}} {
		if err := s.Attach(ctx, bad[0], bad[1]); err == nil {
			t.Errorf("Attach(%s, %s) succeeded", bad[0], bad[1])
		}
	}
	must(t, s.Attach(ctx, orphan, target))
	if got, _ := s.Tags(ctx, target); !slices.Equal(got, []string{"followup", "kuwait"}) {
		t.Errorf("tags after Attach = %q", got)
	}
	if got, _, _ := s.Note(ctx, target); got != "Target's note.\n\nOrphan's note." {
		t.Errorf("note after Attach = %q", got)
	}
	if at, _ := s.ReadAt(ctx, target); at.IsZero() {
		t.Error("read state not moved")
	}
	// The conflicting correction stays with the orphan, visible.
	if c, _ := s.Corrections(ctx, target); c.Dateline != "Basra" {
		t.Errorf("target's correction = %+v", c)
	}
	o, err := s.Orphans(ctx)
	must(t, err)
	ids := []string{}
	for _, x := range o {
		ids = append(ids, x.ID)
	}
	if !slices.Equal(ids, sorted(orphan, gone)) {
		t.Fatalf("orphans after Attach = %q, want %s (conflicting correction) and %s", ids, orphan, gone)
	}
	for _, x := range o {
		if x.ID == orphan && (x.Corrections.Dateline != "Baghdad" || len(x.Tags) != 0 || x.Note != "") {
			t.Errorf("what stays with the orphan: %+v", x)
		}
	}

	if err := s.DeleteOrphan(ctx, target); err == nil {
		t.Error("DeleteOrphan of a brief of the collection succeeded")
	}
	must(t, s.DeleteOrphan(ctx, gone))
	must(t, s.DeleteOrphan(ctx, orphan))
	if err := s.DeleteOrphan(ctx, gone); err == nil {
		t.Error("DeleteOrphan twice succeeded")
	}
	if o, _ := s.Orphans(ctx); len(o) != 0 {
		t.Errorf("Orphans after DeleteOrphan = %+v", o)
	}
	all, _ := s.AllTags(ctx)
	if !reflect.DeepEqual(all, map[string][]string{target: {"followup", "kuwait"}}) {
		t.Errorf("AllTags after deletes = %v", all)
	}
}

func sorted(s ...string) []string {
	slices.Sort(s)
	return s
}

// A process that loaded the collection before an edit writes under the
// old ID after another process moved the annotations: the next load joins
// them to the brief.
func testStaleWriter(t *testing.T, f Factory) {
	nina := seedText(t, "000_2f5fd0d68d9114d4.txt")
	typo := strings.Replace(nina, "significant progress", "significant progres", 1)
	s := f.Open(t)
	stale := f.Another(t, s)
	before := candidates(t, source{"/b/nina.txt", nina})
	_, err := stale.Reattach(ctx, before)
	must(t, err)
	must(t, stale.AddTags(ctx, before[0].ID, "first"))
	after := candidates(t, source{"/b/nina.txt", typo})
	_, err = s.Reattach(ctx, after)
	must(t, err)
	// The stale reader still shows the brief's tags under the ID it knows.
	if got, _ := stale.Tags(ctx, before[0].ID); !slices.Equal(got, []string{"first"}) {
		t.Errorf("stale reader: Tags = %q", got)
	}
	if all, _ := stale.AllTags(ctx); !reflect.DeepEqual(all, map[string][]string{before[0].ID: {"first"}}) {
		t.Errorf("stale reader: AllTags = %v", all)
	}
	must(t, stale.AddTags(ctx, before[0].ID, "late")) // the stale reader writes on
	if got, _ := stale.Tags(ctx, before[0].ID); !slices.Equal(got, []string{"first", "late"}) {
		t.Errorf("stale reader after its write: Tags = %q", got)
	}
	rep, err := s.Reattach(ctx, after)
	must(t, err)
	if len(rep.Moved) != 1 || !strings.Contains(rep.Moved[0].Reason, "earlier") {
		t.Errorf("Reattach = %+v", rep)
	}
	if got, _ := s.Tags(ctx, after[0].ID); !slices.Equal(got, []string{"first", "late"}) {
		t.Errorf("tags = %q", got)
	}
}

// ---- people -----------------------------------------------------------------

// Tags and corrections are shared and say who made them; notes and read
// state are each person's own; everyone reads everyone's notes.
func testPeople(t *testing.T, f Factory) {
	ana := f.Open(t)
	ali := f.As(t, ana, "Ali")
	if ana.User() == "Ali" || ali.User() != "Ali" {
		t.Fatalf("users: %q and %q", ana.User(), ali.User())
	}
	before := time.Now().Add(-time.Second)
	must(t, ana.AddTags(ctx, "b1", "iran"))
	must(t, ali.AddTags(ctx, "b1", "followup", "iran")) // iran: ana's already
	must(t, ali.AddTags(ctx, "b2", "kuwait"))
	// one shared set of tags
	for _, h := range []store.Backend{ana, ali} {
		if got, _ := h.Tags(ctx, "b1"); !slices.Equal(got, []string{"followup", "iran"}) {
			t.Errorf("%s sees tags %q", h.User(), got)
		}
	}
	by, err := ali.TagsBy(ctx, "b1")
	must(t, err)
	if len(by) != 2 || by[0].Tag != "followup" || by[0].Author != "Ali" || by[1].Author != ana.User() || by[0].Added.Before(before) {
		t.Errorf("TagsBy = %+v", by)
	}
	// a tag removed by anyone is gone for everyone
	must(t, ali.RemoveTags(ctx, "b1", "iran"))
	if got, _ := ana.Tags(ctx, "b1"); !slices.Equal(got, []string{"followup"}) {
		t.Errorf("after Ali removed iran, ana sees %q", got)
	}

	// notes: each their own, compare-and-set on one's own
	must(t, ana.SetNote(ctx, "b1", "Ana's view."))
	must(t, ali.SetNote(ctx, "b1", "Ali's view."))
	must(t, ali.SetNoteIf(ctx, "b1", "Ali's view.", "Ali's second view."))
	if n, _, _ := ana.Note(ctx, "b1"); n != "Ana's view." {
		t.Errorf("ana's own note = %q", n)
	}
	if err := ana.SetNoteIf(ctx, "b1", "", "x"); !errors.Is(err, store.ErrNoteChanged) {
		t.Errorf("SetNoteIf against one's own changed note = %v", err)
	}
	for _, h := range []store.Backend{ana, ali} {
		ns, err := h.Notes(ctx, "b1")
		must(t, err)
		if len(ns) != 2 || ns[0].Author != h.User() {
			t.Fatalf("%s: Notes = %+v (own first)", h.User(), ns)
		}
		bodies := map[string]string{ns[0].Author: ns[0].Body, ns[1].Author: ns[1].Body}
		if bodies["Ali"] != "Ali's second view." || bodies[ana.User()] != "Ana's view." || ns[1].Updated.IsZero() {
			t.Errorf("%s: Notes = %+v", h.User(), ns)
		}
	}
	if all, _ := ali.AllNotes(ctx); !reflect.DeepEqual(all, map[string]string{"b1": "Ali's second view."}) {
		t.Errorf("Ali's AllNotes = %q (his own only)", all)
	}
	tn, err := ana.TeamNotes(ctx)
	must(t, err)
	if len(tn) != 1 || len(tn["b1"]) != 2 || tn["b1"][0].Author != ana.User() {
		t.Errorf("TeamNotes = %+v", tn)
	}
	// one person deleting their note leaves the other's
	must(t, ali.SetNote(ctx, "b1", ""))
	if ns, _ := ana.Notes(ctx, "b1"); len(ns) != 1 || ns[0].Author != ana.User() {
		t.Errorf("after Ali deleted his note: %+v", ns)
	}

	// read state per person
	must(t, ali.MarkRead(ctx, "b2"))
	if set, _ := ana.ReadSet(ctx); len(set) != 0 {
		t.Errorf("ana's read set holds Ali's reading: %v", set)
	}
	if set, _ := ali.ReadSet(ctx); !reflect.DeepEqual(set, map[string]bool{"b2": true}) {
		t.Errorf("Ali's read set = %v", set)
	}

	// corrections: shared
	must(t, ali.Correct(ctx, "b2", store.FieldTitle, "Ali's title"))
	if c, _ := ana.Corrections(ctx, "b2"); c.Title != "Ali's title" {
		t.Errorf("ana sees corrections %+v", c)
	}

	// who annotated what (by:NAME)
	people, err := ana.People(ctx)
	must(t, err)
	want := map[string][]string{"b1": sorted("Ali", ana.User()), "b2": {"Ali"}}
	if !reflect.DeepEqual(people, want) {
		t.Errorf("People = %v, want %v", people, want)
	}
}

// Re-attachment keeps every person's annotations apart.
func testPeopleFollow(t *testing.T, f Factory) {
	nina := seedText(t, "000_2f5fd0d68d9114d4.txt")
	typo := strings.Replace(nina, "significant progress", "significant progres", 1)
	ana := f.Open(t)
	ali := f.As(t, ana, "Ali")
	before := candidates(t, source{"/b/nina.txt", nina})
	_, err := ana.Reattach(ctx, before)
	must(t, err)
	id := before[0].ID
	must(t, ana.SetNote(ctx, id, "Ana's."))
	must(t, ali.SetNote(ctx, id, "Ali's."))
	must(t, ali.AddTags(ctx, id, "followup"))
	must(t, ali.MarkRead(ctx, id))
	after := candidates(t, source{"/b/nina.txt", typo})
	rep, err := ana.Reattach(ctx, after)
	must(t, err)
	if len(rep.Moved) != 1 {
		t.Fatalf("Reattach = %+v", rep)
	}
	to := after[0].ID
	if n, _, _ := ana.Note(ctx, to); n != "Ana's." {
		t.Errorf("ana's note after the move = %q", n)
	}
	if n, _, _ := ali.Note(ctx, to); n != "Ali's." {
		t.Errorf("Ali's note after the move = %q", n)
	}
	if at, _ := ali.ReadAt(ctx, to); at.IsZero() {
		t.Error("Ali's read state did not follow")
	}
	if at, _ := ana.ReadAt(ctx, to); !at.IsZero() {
		t.Error("ana got Ali's read state")
	}
	if by, _ := ana.TagsBy(ctx, to); len(by) != 1 || by[0].Author != "Ali" {
		t.Errorf("TagsBy after the move = %+v", by)
	}
}

// Every change is journalled with who made it, what and where.
func testChanges(t *testing.T, f Factory) {
	ana := f.Open(t)
	ali := f.As(t, ana, "Ali")
	r0, err := ana.Revision(ctx)
	must(t, err)
	must(t, ali.AddTags(ctx, "b1", "followup", "#Iran"))
	must(t, ali.AddTags(ctx, "b1", "followup")) // nothing new: no change
	must(t, ana.SetNote(ctx, "b1", "Mine."))
	must(t, ali.ApplyTags(ctx, []string{"b1", "b2"}, []string{"done"}, []string{"followup"}))
	must(t, ana.Correct(ctx, "b2", store.FieldDate, "2025-01-02"))
	_, err = ali.RenameTag(ctx, "done", "closed")
	must(t, err)
	cs, err := ana.Changes(ctx, r0)
	must(t, err)
	var got []string
	for _, c := range cs {
		if c.Rev <= r0 || c.At.IsZero() {
			t.Errorf("change %+v: revision or time", c)
		}
		got = append(got, fmt.Sprintf("%s|%s|%s|%d|%s", c.Author, c.Verb, c.Brief, c.Briefs, c.Detail))
	}
	me := ana.User()
	want := []string{
		"Ali|tagged|b1|1|#followup #iran",
		me + "|noted|b1|1|",
		"Ali|tagged||2|#done",
		"Ali|untagged|b1|1|#followup",
		me + "|corrected|b2|1|date",
		"Ali|renamed tag||2|#done to #closed",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Changes:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s := cs[0].Sentence(me, "b1", ""); s != "Ali tagged this #followup #iran" {
		t.Errorf("Sentence = %q", s)
	}
	last := cs[len(cs)-1].Rev
	if r, _ := ana.Revision(ctx); r != last {
		t.Errorf("revision %d, last change at %d", r, last)
	}
	if cs, _ := ana.Changes(ctx, last); len(cs) != 0 {
		t.Errorf("Changes after the last = %+v", cs)
	}
}

// A backend that pushes changes tells a watcher within a second of
// another handle's commit.
func testWatch(t *testing.T, f Factory) {
	s := f.Open(t)
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch, ok := s.Watch(wctx)
	if !ok {
		t.Skip("this backend does not push changes (readers poll Revision)")
	}
	first := waitStatus(t, ch, 5*time.Second)
	if !first.Online {
		t.Fatalf("first status = %+v", first)
	}
	other := f.As(t, s, "Ali")
	r0, _ := s.Revision(ctx)
	start := time.Now()
	must(t, other.AddTags(ctx, "b1", "followup"))
	st := waitStatus(t, ch, time.Second)
	if !st.Changed || !st.Online {
		t.Fatalf("status after a write = %+v", st)
	}
	t.Logf("told in %s", time.Since(start))
	cs, err := s.Changes(ctx, r0)
	must(t, err)
	if len(cs) != 1 || cs[0].Sentence(s.User(), "b1", "") != "Ali tagged this #followup" {
		t.Errorf("Changes = %+v", cs)
	}
	// Ali reading a brief is his alone: nothing to re-read here; the
	// reader's own read state, written elsewhere, is
	must(t, other.MarkRead(ctx, "b1"))
	select {
	case st := <-ch:
		t.Errorf("another person's read state woke the watcher: %+v", st)
	case <-time.After(300 * time.Millisecond):
	}
	must(t, f.As(t, s, s.User()).MarkRead(ctx, "b1"))
	if st := waitStatus(t, ch, time.Second); !st.Changed {
		t.Errorf("status after the reader's own read state = %+v", st)
	}
	cancel()
	for range ch { // closed when the context ends
	}
}

func waitStatus(t *testing.T, ch <-chan team.Status, d time.Duration) team.Status {
	t.Helper()
	select {
	case st, ok := <-ch:
		if !ok {
			t.Fatal("watch channel closed")
		}
		return st
	case <-time.After(d):
		t.Fatalf("no status within %s", d)
	}
	return team.Status{}
}
