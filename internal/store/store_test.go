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
		"user_version": "4",
	} {
		var got string
		if err := conn.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
			t.Fatalf("PRAGMA %s: %v", pragma, err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
	if SchemaVersion() != 4 {
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

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
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
	if _, err := tx.Exec("INSERT INTO tags (brief_id, tag, created) VALUES ('holder', 'held', '2025-01-01T00:00:00.000000000Z') ON CONFLICT DO NOTHING"); err != nil {
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
	s := newStore(raw, sqliteDialect{}, path, Options{LockTimeout: time.Second, User: "ana"})
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
