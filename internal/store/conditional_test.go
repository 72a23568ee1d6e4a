package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestSetNoteIf(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	rev := func() int64 {
		t.Helper()
		n, err := s.Revision(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	// no note yet: base "" matches
	must(t, s.SetNoteIf(ctx, "n1", "", "first"))
	if got := rowsOf(t, s, "SELECT body FROM notes WHERE brief_id = 'n1'"); !reflect.DeepEqual(got, []string{"first"}) {
		t.Fatalf("rows = %q", got)
	}
	// the base matches: written, revision bumped
	r0 := rev()
	must(t, s.SetNoteIf(ctx, "n1", "first", "second"))
	if got := rowsOf(t, s, "SELECT body FROM notes WHERE brief_id = 'n1'"); !reflect.DeepEqual(got, []string{"second"}) {
		t.Fatalf("rows = %q", got)
	}
	if rev() == r0 {
		t.Error("revision not bumped by a conditional write")
	}

	// another handle (as another process) appends; a write from the old
	// base is refused, names the current text, and writes nothing
	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	must(t, other.AppendNote(ctx, "n1", "from script"))
	r1 := rev()
	err = s.SetNoteIf(ctx, "n1", "second", "mine")
	if !errors.Is(err, ErrNoteChanged) {
		t.Fatalf("SetNoteIf on a changed note: %v", err)
	}
	var nc *NoteChangedError
	if !errors.As(err, &nc) || nc.Current != "second\n\nfrom script" || nc.ID != "n1" {
		t.Fatalf("error %#v", nc)
	}
	if !strings.Contains(err.Error(), "n1") || !strings.Contains(err.Error(), "changed elsewhere") {
		t.Errorf("message %q", err)
	}
	if got := rowsOf(t, s, "SELECT body FROM notes WHERE brief_id = 'n1'"); !reflect.DeepEqual(got, []string{"second\n\nfrom script"}) {
		t.Fatalf("a refused write changed the row: %q", got)
	}
	if rev() != r1 {
		t.Error("a refused write bumped the revision")
	}
	// from the current text it goes through
	must(t, s.SetNoteIf(ctx, "n1", nc.Current, "mine"))
	if got := rowsOf(t, s, "SELECT body FROM notes WHERE brief_id = 'n1'"); !reflect.DeepEqual(got, []string{"mine"}) {
		t.Fatalf("rows = %q", got)
	}

	// deleted elsewhere: base "mine" no longer matches
	must(t, other.SetNote(ctx, "n1", ""))
	err = s.SetNoteIf(ctx, "n1", "mine", "again")
	if !errors.As(err, &nc) || nc.Current != "" || !strings.Contains(err.Error(), "deleted elsewhere") {
		t.Fatalf("after delete: %v", err)
	}
	// white space deletes, as SetNote does
	must(t, s.SetNoteIf(ctx, "n2", "", "x"))
	must(t, s.SetNoteIf(ctx, "n2", "x", " \n"))
	if got := rowsOf(t, s, "SELECT body FROM notes"); len(got) != 0 {
		t.Errorf("rows = %q", got)
	}
	if err := s.SetNoteIf(ctx, "bad id", "", "x"); err == nil {
		t.Error("invalid ID accepted")
	}
}

func TestApplyTags(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	must(t, s.AddTags(ctx, "b1", "old", "keep"))
	must(t, s.AddTags(ctx, "b2", "old"))

	must(t, s.ApplyTags(ctx, []string{"b1", "b2", "b3", "b1"}, []string{"New", "#Both"}, []string{"OLD"}))
	want := []string{"b1|both", "b1|keep", "b1|new", "b2|both", "b2|new", "b3|both", "b3|new"}
	if got := rowsOf(t, s, "SELECT brief_id, tag FROM tags ORDER BY brief_id, tag"); !reflect.DeepEqual(got, want) {
		t.Fatalf("rows = %q, want %q", got, want)
	}

	// invalid input: nothing is written
	r0, _ := s.Revision(ctx)
	for _, c := range []struct {
		ids      []string
		add, del []string
		msg      string
	}{
		{[]string{"b1", "b2"}, []string{"fine", "no|pe"}, nil, `invalid tag "no|pe"`},
		{[]string{"b1", ""}, []string{"fine"}, nil, "empty brief ID"},
		{[]string{"b1"}, nil, []string{"-x"}, "must not start with '-'"},
		{[]string{"b1"}, []string{"same"}, []string{"SAME"}, `"same" is both added and removed`},
	} {
		err := s.ApplyTags(ctx, c.ids, c.add, c.del)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("ApplyTags(%q, %q, %q) = %v, want %q", c.ids, c.add, c.del, err, c.msg)
		}
	}
	if got := rowsOf(t, s, "SELECT brief_id, tag FROM tags ORDER BY brief_id, tag"); !reflect.DeepEqual(got, want) {
		t.Fatalf("invalid input wrote: %q", got)
	}
	if r, _ := s.Revision(ctx); r != r0 {
		t.Error("invalid input bumped the revision")
	}

	// a failure in the middle of the transaction (a trigger refuses the
	// third brief) leaves the first two untouched
	if _, err := s.db.ExecContext(ctx, `CREATE TRIGGER refuse BEFORE INSERT ON tags WHEN NEW.brief_id = 'b3'
		BEGIN SELECT RAISE(ABORT, 'refused by test'); END`); err != nil {
		t.Fatal(err)
	}
	err := s.ApplyTags(ctx, []string{"b1", "b2", "b3"}, []string{"late"}, []string{"both"})
	if err == nil || !strings.Contains(err.Error(), "refused by test") || !strings.Contains(err.Error(), "b3") {
		t.Fatalf("ApplyTags with a failing brief: %v", err)
	}
	if got := rowsOf(t, s, "SELECT brief_id, tag FROM tags ORDER BY brief_id, tag"); !reflect.DeepEqual(got, want) {
		t.Fatalf("a failed transaction left %q", got)
	}
	// no-ops
	must(t, s.ApplyTags(ctx, nil, []string{"x"}, nil))
	must(t, s.ApplyTags(ctx, []string{"b1"}, nil, nil))
	if r, _ := s.Revision(ctx); r != r0 {
		t.Error("no-ops bumped the revision")
	}
}
