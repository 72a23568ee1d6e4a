package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/store"
	"github.com/briefs/briefs/internal/store/pgtest"
	"github.com/briefs/briefs/internal/store/storetest"
	"github.com/briefs/briefs/internal/team"
)

// server is the PostgreSQL server of this package's tests (pgtest).
var server *pgtest.Server

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m, &server)) }

// openPG opens a team store for the test, closed when it ends.
func openPG(t *testing.T, url string, opt store.Options) *store.Store {
	t.Helper()
	s, err := store.OpenAt(context.Background(), url, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// The PostgreSQL store passes the conformance suite every backend must
// pass: each test on a new database; the read-only handle is a role that
// may only read.
func TestConformancePostgres(t *testing.T) {
	server.Require(t)
	urls := map[store.Backend]string{}
	storetest.Run(t, storetest.Factory{
		Open: func(t *testing.T) store.Backend {
			u := server.Database(t)
			s := openPG(t, u, store.Options{User: "ana"})
			urls[s] = u
			return s
		},
		Another: func(t *testing.T, b store.Backend) store.Backend {
			s := openPG(t, urls[b], store.Options{User: "ana"})
			urls[s] = urls[b]
			return s
		},
		ReadOnly: func(t *testing.T, b store.Backend) store.Backend {
			return openPG(t, server.Role(t, urls[b], "reader", true), store.Options{User: "ana", ReadOnly: true})
		},
		As: func(t *testing.T, b store.Backend, user string) store.Backend {
			s := openPG(t, urls[b], store.Options{User: user})
			urls[s] = urls[b]
			return s
		},
	})
}

// A role granted only SELECT reads the team store without asking for
// read-only, and is refused writes in words; the password appears in no
// message.
func TestPostgresReadOnlyRole(t *testing.T) {
	server.Require(t)
	ctx := context.Background()
	u := server.Database(t)
	owner := openPG(t, u, store.Options{User: "ana"})
	must(t, owner.AddTags(ctx, "b1", "followup"))
	reader := server.Role(t, u, "reader", true)
	if !strings.Contains(reader, "s3cret-pw") {
		t.Fatal("the role's URL has no password")
	}
	s := openPG(t, reader, store.Options{User: "ali"})
	if !s.ReadOnly() {
		t.Error("a SELECT-only role is not read-only")
	}
	if got, _ := s.Tags(ctx, "b1"); len(got) != 1 {
		t.Errorf("the reader sees %q", got)
	}
	err := s.AddTags(ctx, "b1", "x")
	if !errors.Is(err, store.ErrReadOnly) || !strings.Contains(err.Error(), "may only read") {
		t.Errorf("write as a reader = %v", err)
	}
	for _, msg := range []string{s.Path(), err.Error()} {
		if strings.Contains(msg, "s3cret-pw") {
			t.Errorf("password shown: %s", msg)
		}
	}
	if !strings.Contains(s.Path(), "xxxxx") {
		t.Errorf("Path = %s", s.Path())
	}
	// a writer role (no right to create) uses the existing schema
	w := openPG(t, server.Role(t, u, "writer", false), store.Options{User: "sara"})
	if w.ReadOnly() {
		t.Error("a writer role is read-only")
	}
	must(t, w.AddTags(ctx, "b1", "checked"))
}

// No team store yet and a role that may not create one: a clear error.
func TestPostgresNotSetUp(t *testing.T) {
	server.Require(t)
	u := server.Fresh(t)
	_, err := store.OpenAt(context.Background(), u, store.Options{User: "ana", ReadOnly: true})
	if err == nil || !strings.Contains(err.Error(), "no team store in this database yet") {
		t.Errorf("read-only open of an empty database = %v", err)
	}
}

func TestMaskURL(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://ana:pw@db.example/briefs":                  "postgres://ana:xxxxx@db.example/briefs",
		"postgres://ana@db.example/briefs":                     "postgres://ana@db.example/briefs",
		"postgresql://db/briefs?password=pw&sslmode=require":   "postgresql://db/briefs?password=xxxxx&sslmode=require",
		"/home/ana/briefs.db":                                  "/home/ana/briefs.db",
		"postgres://ana:p%20w@[::1]:5432/briefs?schema=desk_2": "postgres://ana:xxxxx@[::1]:5432/briefs?schema=desk_2",
	} {
		if got := store.MaskURL(in); got != want {
			t.Errorf("MaskURL(%s) = %s, want %s", in, got, want)
		}
	}
}

// The server goes away: a watcher is told within seconds, writes are
// refused at once with a clear message (nothing is queued or dropped
// silently), reads of what was loaded are the caller's; the server comes
// back: the watcher reconnects by itself and writes work again.
func TestPostgresReconnects(t *testing.T) {
	server.Require(t)
	if !server.Own() {
		t.Skip("the server is not ours to stop")
	}
	ctx := context.Background()
	u := server.Database(t)
	s := openPG(t, u, store.Options{User: "ana"})
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch, ok := s.Watch(wctx)
	if !ok {
		t.Fatal("no watch on PostgreSQL")
	}
	if st := next(t, ch, 5*time.Second); !st.Online {
		t.Fatalf("first status %+v", st)
	}
	must(t, s.AddTags(ctx, "b1", "before"))
	next(t, ch, 2*time.Second) // our own change

	server.StopServer(t)
	st := next(t, ch, 10*time.Second)
	if st.Online || !errors.Is(st.Err, store.ErrOffline) {
		t.Fatalf("status after the server stopped = %+v", st)
	}
	start := time.Now()
	err := s.AddTags(ctx, "b1", "while-away")
	if !errors.Is(err, store.ErrOffline) || !strings.Contains(err.Error(), "not saved") || time.Since(start) > 10*time.Second { // at once when idle; 10 s tells a retry loop from a loaded machine
		t.Errorf("write while offline = %v (after %s)", err, time.Since(start))
	}
	if on, _ := s.Online(); on {
		t.Error("Online() while the server is stopped")
	}

	server.StartServer(t)
	st = next(t, ch, 15*time.Second)
	if !st.Online || !st.Changed {
		t.Fatalf("status after the server came back = %+v", st)
	}
	must(t, s.AddTags(ctx, "b1", "after"))
	if got, _ := s.Tags(ctx, "b1"); !slices.Equal(got, []string{"after", "before"}) {
		t.Errorf("tags = %q (the refused write must not appear)", got)
	}
}

func next(t *testing.T, ch <-chan team.Status, d time.Duration) team.Status {
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

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Copying a SQLite database into a team store and back keeps everything,
// identities included: the three dumps are equal, and copying again
// changes nothing.
func TestCopyBothWays(t *testing.T) {
	server.Require(t)
	ctx := context.Background()
	dir := t.TempDir()
	a, err := store.OpenAt(ctx, "sqlite:"+dir+"/a.db", store.Options{User: "ana"})
	must(t, err)
	defer a.Close()
	ali, err := store.OpenAt(ctx, dir+"/a.db", store.Options{User: "ali"})
	must(t, err)
	defer ali.Close()
	cs := storetest.SeedCandidates(t)
	_, err = a.Reattach(ctx, cs)
	must(t, err)
	must(t, a.AddTags(ctx, cs[0].ID, "followup", "iraq"))
	must(t, ali.AddTags(ctx, cs[1].ID, "kuwait"))
	must(t, a.SetNote(ctx, cs[0].ID, "Ana's note.\n\nTwo paragraphs."))
	must(t, ali.SetNote(ctx, cs[0].ID, "Ali's note."))
	must(t, a.MarkRead(ctx, cs[0].ID))
	must(t, ali.MarkRead(ctx, cs[1].ID))
	must(t, a.Correct(ctx, cs[1].ID, store.FieldEdition, "3"))
	must(t, a.AddTags(ctx, "0123456789ab", "orphaned")) // not in the collection

	pg := openPG(t, server.Database(t), store.Options{User: "sara"})
	rep, err := store.Copy(ctx, pg, a, store.CopyOptions{})
	must(t, err)
	if rep.Tags.Copied != 4 || rep.Notes.Copied != 2 || rep.Read.Copied != 2 || rep.Corrections.Copied != 1 || rep.Records.Copied != 2 {
		t.Errorf("copy into the team store: %s", rep.Summary())
	}
	again, err := store.Copy(ctx, pg, a, store.CopyOptions{})
	must(t, err)
	if again.Total() != 0 || again.Tags.Present != 4 {
		t.Errorf("second copy: %s", again.Summary())
	}
	b, err := store.OpenAt(ctx, dir+"/b.db", store.Options{User: "ana"})
	must(t, err)
	defer b.Close()
	_, err = store.Copy(ctx, b, pg, store.CopyOptions{})
	must(t, err)
	da, _ := a.Dump(ctx)
	dp, _ := pg.Dump(ctx)
	db, _ := b.Dump(ctx)
	if da != dp || dp != db || !strings.Contains(da, "note\t"+cs[0].ID+"\tali\t") {
		t.Errorf("dumps differ:\nsqlite:\n%s\npostgres:\n%s\nback:\n%s", da, dp, db)
	}
	// identities intact: the brief records re-attach in the copy as in
	// the original
	if _, err := b.Reattach(ctx, cs); err != nil {
		t.Fatal(err)
	}
	if tags, _ := b.Tags(ctx, cs[0].ID); !slices.Equal(tags, []string{"followup", "iraq"}) {
		t.Errorf("copy's tags = %q", tags)
	}
	if o, _ := b.Orphans(ctx); len(o) != 1 || o[0].ID != "0123456789ab" {
		t.Errorf("copy's orphans = %+v", o)
	}

	// merging one person's own file under their team name; a differing
	// correction stays as the team store has it
	c, err := store.OpenAt(ctx, dir+"/c.db", store.Options{User: "root"})
	must(t, err)
	defer c.Close()
	must(t, c.AddTags(ctx, cs[0].ID, "mine"))
	must(t, c.SetNote(ctx, cs[0].ID, "Ana's note."))
	must(t, c.Correct(ctx, cs[1].ID, store.FieldEdition, "4"))
	rep, err = store.Copy(ctx, pg, c, store.CopyOptions{As: "ana"})
	must(t, err)
	if rep.Tags.Copied != 1 || rep.Notes.Present != 1 || rep.Corrections.Conflicts != 1 || len(rep.Conflicting) != 1 {
		t.Errorf("merge: %s %q", rep.Summary(), rep.Conflicting)
	}
	if by, _ := pg.TagsBy(ctx, cs[0].ID); len(by) != 3 || by[2].Tag != "mine" || by[2].Author != "ana" {
		t.Errorf("merged tags = %+v", by)
	}
}

// BenchmarkPostgresAddTag and BenchmarkPostgresSetNote are the latency of
// one write to a team store on a loopback server (a transaction: the
// write lock, the rows, the journal, NOTIFY); BenchmarkPostgresReadAll is
// what a reader re-reads when told of a change, at 2,000 tagged briefs
// and 500 notes of five people.
func BenchmarkPostgresAddTag(b *testing.B) {
	server.Require(b)
	s, err := store.OpenAt(context.Background(), server.Database(b), store.Options{User: "ana"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		if err := s.AddTags(ctx, "bench", "tag-"+strconv.Itoa(i)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPostgresSetNote(b *testing.B) {
	server.Require(b)
	s, err := store.OpenAt(context.Background(), server.Database(b), store.Options{User: "ana"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	body := strings.Repeat("A note about the brief. ", 40)
	for i := 0; b.Loop(); i++ {
		if err := s.SetNote(ctx, "bench", body+strconv.Itoa(i)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPostgresReadAll(b *testing.B) {
	server.Require(b)
	ctx := context.Background()
	url := server.Database(b)
	var s *store.Store
	for p, name := range []string{"ana", "Ali", "Sara", "Omar", "Lena"} {
		st, err := store.OpenAt(ctx, url, store.Options{User: name})
		if err != nil {
			b.Fatal(err)
		}
		ids := make([]string, 400)
		for i := range ids {
			ids[i] = fmt.Sprintf("%06x%06x", p, i)
		}
		if err := st.ApplyTags(ctx, ids, []string{"followup", "desk-" + name}, nil); err != nil {
			b.Fatal(err)
		}
		for _, id := range ids[:100] {
			if err := st.SetNote(ctx, id, name+"'s note on "+id); err != nil {
				b.Fatal(err)
			}
		}
		if p == 0 {
			s = st
			defer s.Close()
		} else {
			st.Close()
		}
	}
	for b.Loop() {
		if _, err := s.AllTags(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := s.AllNotes(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := s.TeamNotes(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := s.People(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := s.AllCorrections(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := s.ReadSet(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
