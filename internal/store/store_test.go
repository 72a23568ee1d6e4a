package store

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data", "briefs", "briefs.db")
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func TestDefaultPath(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	got, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "briefs", "briefs.db"); got != want {
		t.Errorf("DefaultPath() = %q, want %q", got, want)
	}

	t.Setenv("XDG_DATA_HOME", "relative/ignored")
	got, err = DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(got) || strings.Contains(got, "relative") || filepath.Base(got) != "briefs.db" {
		t.Errorf("DefaultPath() with relative XDG_DATA_HOME = %q, want an absolute default", got)
	}
}

func TestOpenCreatesFolderAndSettings(t *testing.T) {
	s, path := openTemp(t)
	fi, err := os.Stat(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o700 {
		t.Errorf("folder mode = %v, want 0700", perm)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file not created: %v", err)
	}

	ctx := context.Background()
	// Every connection carries the DSN's settings; check on one held conn.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for pragma, want := range map[string]string{
		"journal_mode": "wal",
		"busy_timeout": "1000",
		"synchronous":  "2", // FULL
		"foreign_keys": "1",
		"user_version": "3",
	} {
		var got string
		if err := conn.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
			t.Fatalf("PRAGMA %s: %v", pragma, err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
	if SchemaVersion() != 3 {
		t.Errorf("SchemaVersion() = %d; update this test", SchemaVersion())
	}

	// Reopening an existing database works and keeps the version.
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	s2.Close()
}

func TestOpenOddPath(t *testing.T) {
	// '?', '#' and '%' must not be taken for URI syntax.
	path := filepath.Join(t.TempDir(), "we?ird #50%", "b.db")
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	defer s.Close()
	if err := s.AddTags(context.Background(), "abc", "x"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at the path given: %v", err)
	}
}

func TestNormalizeTag(t *testing.T) {
	ok := []struct{ in, want string }{
		{"followup", "followup"},
		{"  FollowUp  ", "followup"},
		{"follow  up", "follow-up"},
		{"follow \t\n up now", "follow-up-now"},
		{"#Iran", "iran"},
		{"region/middle-east", "region/middle-east"},
		{"v1.2_draft", "v1.2_draft"},
		{"2025", "2025"},
		{"Ärger", "ärger"},
		{"е\u0301", "е\u0301"},     // Cyrillic e + combining acute (no precomposed form)
		{"e\u0301te\u0301", "été"}, // NFC composes
		{"العراق", "العراق"},
		{"مخدرات جديدة", "مخدرات-جديدة"},
		{"日本", "日本"},
		{"a-", "a-"},
		{strings.Repeat("x", 64), strings.Repeat("x", 64)},
		{strings.Repeat("é", 64), strings.Repeat("é", 64)}, // 64 characters, 128 bytes
	}
	for _, c := range ok {
		got, err := NormalizeTag(c.in)
		if err != nil || got != c.want {
			t.Errorf("NormalizeTag(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	bad := []struct{ in, msg string }{
		{"", "empty"},
		{"   ", "empty"},
		{"#", "empty"},
		{"a b,c", `invalid tag "a b,c": character ','`},
		{"-done", "must not start with '-'"},
		{" -done", "must not start with '-'"},
		{strings.Repeat("x", 65), "65 characters, at most 64"},
		{"tag!", "character '!'"},
		{"a#b", "character '#'"},
		{"x\x1b[31m", `character '\x1b'`},
		{"rtl\u202eevil", `character '\u202e'`},
		{"\xff", "not valid UTF-8"},
		{"\u0301x", "(U+0301)"}, // a mark cannot start a tag
		{"a:b", "character ':'"},
	}
	for _, c := range bad {
		got, err := NormalizeTag(c.in)
		if err == nil {
			t.Errorf("NormalizeTag(%q) = %q, want an error", c.in, got)
			continue
		}
		if !strings.Contains(err.Error(), c.msg) || !strings.HasPrefix(err.Error(), "invalid tag ") {
			t.Errorf("NormalizeTag(%q) error = %q, want it to mention %q", c.in, err, c.msg)
		}
	}
}

func rowsOf(t *testing.T, s *Store, query string, args ...any) []string {
	t.Helper()
	rows, err := s.db.Query(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	cols, _ := rows.Columns()
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = v.String
		}
		out = append(out, strings.Join(parts, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestTagsRoundTrip(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()

	if err := s.AddTags(ctx, "a1b2c3", "Iran", "follow up", "iran", "#Kuwait"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddTags(ctx, "d4e5f6", "iran"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddTags(ctx, "d4e5f6"); err != nil { // no tags: no-op
		t.Fatal(err)
	}
	got, err := s.Tags(ctx, "a1b2c3")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"follow-up", "iran", "kuwait"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Tags = %q, want %q", got, want)
	}
	if got := rowsOf(t, s, "SELECT brief_id, tag FROM tags ORDER BY brief_id, tag"); !reflect.DeepEqual(got, []string{
		"a1b2c3|follow-up", "a1b2c3|iran", "a1b2c3|kuwait", "d4e5f6|iran",
	}) {
		t.Errorf("tag rows = %q", got)
	}
	for _, c := range rowsOf(t, s, "SELECT created FROM tags") {
		if _, err := parseTime(c); err != nil {
			t.Errorf("created %q: %v", c, err)
		}
	}

	// One invalid tag: nothing is added, and the message names it.
	err = s.AddTags(ctx, "a1b2c3", "ok", "a b,c")
	if err == nil || !strings.Contains(err.Error(), `invalid tag "a b,c"`) {
		t.Errorf("AddTags with invalid tag: %v", err)
	}
	if got, _ := s.Tags(ctx, "a1b2c3"); len(got) != 3 {
		t.Errorf("invalid AddTags added something: %q", got)
	}
	if err := s.AddTags(ctx, "", "x"); err == nil {
		t.Error("AddTags with empty ID succeeded")
	}

	if err := s.RemoveTags(ctx, "a1b2c3", "KUWAIT", "not-there"); err != nil {
		t.Fatal(err)
	}
	all, err := s.AllTags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string][]string{"a1b2c3": {"follow-up", "iran"}, "d4e5f6": {"iran"}}; !reflect.DeepEqual(all, want) {
		t.Errorf("AllTags = %v, want %v", all, want)
	}
	counts, err := s.TagCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []TagCount{{"follow-up", 1}, {"iran", 2}}; !reflect.DeepEqual(counts, want) {
		t.Errorf("TagCounts = %v, want %v", counts, want)
	}
	if got, _ := s.Tags(ctx, "unknown"); got == nil || len(got) != 0 {
		t.Errorf("Tags(unknown) = %#v, want empty non-nil", got)
	}
}

func TestRenameTag(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	must(t, s.AddTags(ctx, "b1", "todo", "iran"))
	must(t, s.AddTags(ctx, "b2", "todo", "followup")) // already has the new tag
	must(t, s.AddTags(ctx, "b3", "iran"))

	n, err := s.RenameTag(ctx, "TODO", "followup")
	if err != nil || n != 2 {
		t.Fatalf("RenameTag = %d, %v; want 2, nil", n, err)
	}
	if got := rowsOf(t, s, "SELECT brief_id, tag FROM tags ORDER BY brief_id, tag"); !reflect.DeepEqual(got, []string{
		"b1|followup", "b1|iran", "b2|followup", "b3|iran",
	}) {
		t.Errorf("rows after rename = %q", got)
	}
	if n, err := s.RenameTag(ctx, "nothing", "x"); err != nil || n != 0 {
		t.Errorf("RenameTag(missing) = %d, %v", n, err)
	}
	if n, err := s.RenameTag(ctx, "iran", " IRAN "); err != nil || n != 2 {
		t.Errorf("RenameTag(same) = %d, %v", n, err)
	}
	if _, err := s.RenameTag(ctx, "iran", "-bad"); err == nil {
		t.Error("RenameTag to an invalid tag succeeded")
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestNotes(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()

	body, when, err := s.Note(ctx, "n1")
	if err != nil || body != "" || !when.IsZero() {
		t.Fatalf("Note(missing) = %q, %v, %v", body, when, err)
	}
	before := time.Now().Add(-time.Second)
	note := "First *thought*.\n\n> quoted passage\n> continues\n"
	must(t, s.SetNote(ctx, "n1", note))
	body, when, err = s.Note(ctx, "n1")
	if err != nil || body != note {
		t.Fatalf("Note = %q, %v; want %q", body, err, note)
	}
	if when.Before(before) || when.After(time.Now().Add(time.Second)) {
		t.Errorf("updated = %v, want about now", when)
	}

	must(t, s.AppendNote(ctx, "n1", "Second."))
	must(t, s.AppendNote(ctx, "n1", "   "))               // ignored
	must(t, s.AppendNote(ctx, "n2", "\nStarts a note\n")) // no note yet
	body, _, _ = s.Note(ctx, "n1")
	if want := "First *thought*.\n\n> quoted passage\n> continues\n\nSecond."; body != want {
		t.Errorf("after append = %q, want %q", body, want)
	}
	all, err := s.AllNotes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"n1": body, "n2": "Starts a note"}; !reflect.DeepEqual(all, want) {
		t.Errorf("AllNotes = %q, want %q", all, want)
	}

	must(t, s.SetNote(ctx, "n1", " \n "))
	if got := rowsOf(t, s, "SELECT brief_id, body FROM notes ORDER BY brief_id"); !reflect.DeepEqual(got, []string{"n2|Starts a note"}) {
		t.Errorf("rows after deleting n1 = %q", got)
	}
}

func TestReadStateAndOverrides(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	must(t, s.MarkRead(ctx, "r1"))
	must(t, s.MarkRead(ctx, "r2"))
	first := rowsOf(t, s, "SELECT read_at FROM read_state WHERE brief_id = 'r1'")
	must(t, s.MarkRead(ctx, "r1")) // keeps the first time
	if again := rowsOf(t, s, "SELECT read_at FROM read_state WHERE brief_id = 'r1'"); !reflect.DeepEqual(first, again) {
		t.Errorf("read_at changed: %q -> %q", first, again)
	}
	must(t, s.MarkUnread(ctx, "r2"))
	set, err := s.ReadSet(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(set, map[string]bool{"r1": true}) {
		t.Errorf("ReadSet = %v", set)
	}

	must(t, s.Correct(ctx, "r1", FieldEdition, "3rd"))
	must(t, s.Correct(ctx, "r1", FieldSource, "NINA"))
	must(t, s.Correct(ctx, "r1", FieldSource, ""))
	ov, err := s.AllCorrections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := ov["r1"].Values(); len(ov) != 1 || !reflect.DeepEqual(got, map[Field]string{FieldEdition: "3"}) {
		t.Errorf("AllCorrections = %v", ov)
	}
	if err := s.Correct(ctx, "r1", Field("Bad Field"), "x"); err == nil {
		t.Error("Correct accepted a bad field name")
	}
}

func TestRevision(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	rev := func(s *Store) int64 {
		t.Helper()
		n, err := s.Revision(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	r0 := rev(s)
	must(t, s.AddTags(ctx, "x", "a"))
	r1 := rev(s)
	if r1 == r0 {
		t.Fatal("revision unchanged after AddTags")
	}
	// Writes that change nothing do not bump it.
	must(t, s.AddTags(ctx, "x", "a"))
	must(t, s.RemoveTags(ctx, "x", "b"))
	must(t, s.SetNote(ctx, "x", ""))
	if r := rev(s); r != r1 {
		t.Errorf("revision changed on no-op writes: %d -> %d", r1, r)
	}
	// Another handle (as another process would) sees our writes, and we see its.
	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if r := rev(other); r != r1 {
		t.Errorf("other handle sees revision %d, want %d", r, r1)
	}
	for _, w := range []func(*Store) error{
		func(o *Store) error { return o.SetNote(ctx, "x", "hello") },
		func(o *Store) error { return o.AppendNote(ctx, "x", "more") },
		func(o *Store) error { return o.MarkRead(ctx, "x") },
		func(o *Store) error { _, err := o.RenameTag(ctx, "a", "b"); return err },
		func(o *Store) error { return o.Correct(ctx, "x", FieldTitle, "T") },
		func(o *Store) error { return o.RemoveTags(ctx, "x", "b") },
	} {
		before := rev(s)
		must(t, w(other))
		if after := rev(s); after == before {
			t.Errorf("revision did not change after another handle wrote (%d)", after)
		}
	}
}

// v1Schema is the schema as the first release created it (migration 1),
// written out here so that later edits to migrations cannot hide a break.
const v1Schema = `
CREATE TABLE tags (
	brief_id TEXT NOT NULL,
	tag      TEXT NOT NULL,
	created  TEXT NOT NULL,
	PRIMARY KEY (brief_id, tag)
) WITHOUT ROWID;
CREATE TABLE notes (
	brief_id TEXT PRIMARY KEY,
	body     TEXT NOT NULL,
	updated  TEXT NOT NULL
);
INSERT INTO tags VALUES ('abc123', 'iran', '2025-01-02T03:04:05.000000000Z');
INSERT INTO tags VALUES ('abc123', 'followup', '2025-01-02T03:04:05.000000000Z');
INSERT INTO tags VALUES ('def456', 'iran', '2025-01-03T03:04:05.000000000Z');
INSERT INTO notes VALUES ('abc123', 'old note', '2025-01-02T03:04:06.000000000Z');
PRAGMA user_version = 1;
`

func TestMigrateFromV1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	// Build the old database with a plain connection, not through Open.
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(v1Schema); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open v1 database: %v", err)
	}
	defer s.Close()
	ctx := context.Background()
	if got := rowsOf(t, s, "PRAGMA user_version"); got[0] != strconv.Itoa(SchemaVersion()) {
		t.Errorf("user_version = %s, want %d", got[0], SchemaVersion())
	}
	all, err := s.AllTags(ctx)
	must(t, err)
	if want := map[string][]string{"abc123": {"followup", "iran"}, "def456": {"iran"}}; !reflect.DeepEqual(all, want) {
		t.Errorf("tags after migration = %v", all)
	}
	body, when, err := s.Note(ctx, "abc123")
	must(t, err)
	if body != "old note" || !when.Equal(time.Date(2025, 1, 2, 3, 4, 6, 0, time.UTC)) {
		t.Errorf("note after migration = %q %v", body, when)
	}
	// The new tables work.
	must(t, s.MarkRead(ctx, "abc123"))
	must(t, s.Correct(ctx, "abc123", FieldEdition, "2"))
	if n, err := s.Revision(ctx); err != nil || n == 0 {
		t.Errorf("Revision after migration = %d, %v", n, err)
	}
	if got := rowsOf(t, s, "SELECT name FROM sqlite_schema WHERE name = 'tags_by_tag'"); len(got) != 1 {
		t.Error("index tags_by_tag missing after migration")
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("CREATE TABLE future (x); PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	s, err := Open(path)
	if err == nil {
		s.Close()
		t.Fatal("Open of a newer schema succeeded")
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "newer") {
		t.Errorf("error = %q", err)
	}
}

func TestOpenUnusable(t *testing.T) {
	garbage := bytes.Repeat([]byte("this is not a database \x00\xff\n"), 300)
	cases := []struct {
		name  string
		root  bool // meaningful when running as root
		setup func(t *testing.T, dir string) string
		msg   string
	}{
		{"garbage file", true, func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "briefs.db")
			must(t, os.WriteFile(p, garbage, 0o600))
			return p
		}, "file is not a database (corrupt?)"},
		{"short garbage file", true, func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "briefs.db")
			must(t, os.WriteFile(p, []byte("hello"), 0o600))
			return p
		}, "file is not a database (corrupt?)"},
		{"valid header, damaged rest", true, func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "briefs.db")
			b := append([]byte(sqliteHeader), garbage...)
			must(t, os.WriteFile(p, b, 0o600))
			return p
		}, "corrupt?"},
		{"directory", true, func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "briefs.db")
			must(t, os.Mkdir(p, 0o700))
			return p
		}, "is a directory"},
		{"parent is a file", true, func(t *testing.T, dir string) string {
			must(t, os.WriteFile(filepath.Join(dir, "notadir"), []byte("x"), 0o600))
			return filepath.Join(dir, "notadir", "briefs.db")
		}, "not a directory"},
		{"read-only folder", false, func(t *testing.T, dir string) string {
			ro := filepath.Join(dir, "ro")
			must(t, os.Mkdir(ro, 0o500))
			t.Cleanup(func() { os.Chmod(ro, 0o700) })
			return filepath.Join(ro, "briefs.db")
		}, "permission denied"},
		{"read-only file", false, func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "briefs.db")
			s, err := Open(p)
			must(t, err)
			must(t, s.Close())
			must(t, os.Chmod(p, 0o400))
			t.Cleanup(func() { os.Chmod(p, 0o600) })
			return p
		}, "permission denied"},
		{"unreadable file", false, func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "briefs.db")
			s, err := Open(p)
			must(t, err)
			must(t, s.AddTags(context.Background(), "x", "keep"))
			must(t, s.Close())
			must(t, os.Chmod(p, 0))
			t.Cleanup(func() { os.Chmod(p, 0o600) })
			return p
		}, "permission denied"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !c.root && os.Geteuid() == 0 {
				t.Skip("permissions do not stop root")
			}
			dir := t.TempDir()
			path := c.setup(t, dir)
			before := snapshot(t, dir)
			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%s) succeeded", path)
			}
			t.Logf("%v", err)
			msg := err.Error()
			if !strings.HasPrefix(msg, "open database "+path+": ") || !strings.Contains(msg, c.msg) {
				t.Errorf("error = %q, want it to start with %q and mention %q", msg, "open database "+path, c.msg)
			}
			if after := snapshot(t, dir); !reflect.DeepEqual(before, after) {
				t.Errorf("folder changed by failed Open:\nbefore %q\nafter  %q", before, after)
			}
		})
	}
}

// snapshot lists every file under dir with its mode and contents.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			out[p] = "error: " + err.Error()
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		v := fi.Mode().String()
		if fi.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				v += " unreadable"
			} else {
				v += " " + string(b)
			}
		}
		out[p] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func BenchmarkAddTag(b *testing.B) {
	s, _ := openTemp(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := s.AddTags(ctx, "bench", "tag-"+strconv.Itoa(i)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSetNote(b *testing.B) {
	s, _ := openTemp(b)
	ctx := context.Background()
	body := strings.Repeat("A note about the brief. ", 40)
	for i := 0; b.Loop(); i++ {
		if err := s.SetNote(ctx, "bench", body+strconv.Itoa(i)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRevision(b *testing.B) {
	s, _ := openTemp(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Revision(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// holdWriteLock takes the database's write lock through another handle (as
// another process would) and releases it after d.
func holdWriteLock(t *testing.T, path string, d time.Duration) <-chan error {
	t.Helper()
	other, err := Open(path)
	must(t, err)
	tx, err := other.db.BeginTx(context.Background(), nil) // BEGIN IMMEDIATE
	must(t, err)
	if _, err := tx.Exec("INSERT INTO tags VALUES ('holder', 'held', '2025-01-01T00:00:00.000000000Z') ON CONFLICT DO NOTHING"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		time.Sleep(d)
		err := tx.Commit()
		other.Close()
		done <- err
	}()
	return done
}

func TestWriteWaitsForLock(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	done := holdWriteLock(t, path, 300*time.Millisecond)
	start := time.Now()
	must(t, s.AddTags(ctx, "waiter", "got-in"))
	if waited := time.Since(start); waited < 250*time.Millisecond {
		t.Errorf("AddTags returned after %v while the lock was held for 300ms", waited)
	}
	must(t, <-done)
	all, err := s.AllTags(ctx)
	must(t, err)
	if len(all["holder"]) != 1 || len(all["waiter"]) != 1 {
		t.Errorf("tags = %v, want both writers' rows", all)
	}
}

func TestWriteRetriesOnBusy(t *testing.T) {
	_, path := openTemp(t)
	// A handle without busy_timeout, so SQLITE_BUSY surfaces at once and
	// only the retry loop can save the write.
	q := "?_pragma=busy_timeout(0)&_pragma=journal_mode(WAL)&_txlock=immediate"
	raw, err := sql.Open("sqlite", "file:"+path+q)
	must(t, err)
	defer raw.Close()
	s := &Store{db: raw, path: path, opt: Options{LockTimeout: time.Second}}
	ctx := context.Background()
	must(t, s.inspect(ctx))

	done := holdWriteLock(t, path, 50*time.Millisecond)
	_, err = raw.BeginTx(ctx, nil)
	if err == nil || !isBusy(err) {
		t.Fatalf("BEGIN IMMEDIATE under a held lock = %v, want SQLITE_BUSY", err)
	}
	must(t, s.AddTags(ctx, "retry", "made-it"))
	must(t, <-done)
	if got, _ := s.Tags(ctx, "retry"); len(got) != 1 {
		t.Errorf("tags = %q", got)
	}

	// A lock held past every retry gives a clear error, not a bare "database is locked".
	done = holdWriteLock(t, path, 1500*time.Millisecond)
	err = s.AddTags(ctx, "retry", "too-late")
	if err == nil || !strings.Contains(err.Error(), "stayed locked by another process") {
		t.Errorf("AddTags under a long lock = %v", err)
	}
	must(t, <-done)
}

func TestConcurrentAppendNote(t *testing.T) {
	s, path := openTemp(t)
	other, err := Open(path)
	must(t, err)
	defer other.Close()
	ctx := context.Background()
	errs := make(chan error, 2)
	for w, st := range []*Store{s, other} {
		go func() {
			for i := range 50 {
				if err := st.AppendNote(ctx, "shared", "w"+strconv.Itoa(w)+"-"+strconv.Itoa(i)); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	must(t, <-errs)
	must(t, <-errs)
	body, _, err := s.Note(ctx, "shared")
	must(t, err)
	paras := strings.Split(body, "\n\n")
	seen := map[string]bool{}
	for _, p := range paras {
		seen[p] = true
	}
	if len(paras) != 100 || len(seen) != 100 {
		t.Errorf("note has %d paragraphs (%d distinct), want 100", len(paras), len(seen))
	}
}
