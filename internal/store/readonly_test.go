package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// envOwner names the owner of the database for the helper process.
const envOwner = "BRIEFS_STORE_HELPER_OWNER"

// owner is who the test's stores write as (the default user).
func owner(t *testing.T) string {
	t.Helper()
	s, err := OpenWith(context.Background(), filepath.Join(t.TempDir(), "who.db"), Options{})
	must(t, err)
	defer s.Close()
	return s.User()
}

// readOnlyMain is the helper process of TestReadOnlyDatabase: as a user
// who may not write the database, it reads everything and tries to write.
func readOnlyMain(ctx context.Context, path string) error {
	// the same person, with another account's rights (notes are per person)
	s, err := OpenWith(ctx, path, Options{ReadOnly: true, User: os.Getenv(envOwner)})
	if err != nil {
		return err
	}
	defer s.Close()
	tags, err := s.AllTags(ctx)
	if err != nil {
		return err
	}
	note, _, err := s.Note(ctx, "briefone0001")
	if err != nil {
		return err
	}
	counts, err := s.TagCounts(ctx)
	if err != nil {
		return err
	}
	corr, err := s.Corrections(ctx, "briefone0001")
	if err != nil {
		return err
	}
	rev, err := s.Revision(ctx)
	if err != nil {
		return err
	}
	werr := s.AddTags(ctx, "briefone0001", "nope")
	fmt.Printf("tags=%v note=%q counts=%v title=%q rev=%d write=%v readonly=%v\n", tags, note, counts, corr.Title, rev, werr != nil, errors.Is(werr, ErrReadOnly))
	return nil
}

// A user who may not write the database (nor its folder) still reads it:
// tags, notes, counts, corrections; writes are refused with a clear error,
// and nothing changes on disk.
func TestReadOnlyDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process test")
	}
	for _, leftover := range []bool{false, true} {
		t.Run(fmt.Sprintf("writer still open=%v", leftover), func(t *testing.T) {
			base, err := os.MkdirTemp("", "briefs-ro-")
			must(t, err)
			t.Cleanup(func() { os.Chmod(filepath.Join(base, "db"), 0o755); os.RemoveAll(base) })
			must(t, os.Chmod(base, 0o755))
			dir := filepath.Join(base, "db")
			path := filepath.Join(dir, "briefs.db")
			s, err := Open(path)
			must(t, err)
			ctx := context.Background()
			must(t, s.AddTags(ctx, "briefone0001", "followup", "iraq"))
			must(t, s.SetNote(ctx, "briefone0001", "A note."))
			must(t, s.Correct(ctx, "briefone0001", FieldTitle, "Corrected"))
			if leftover {
				// The owner's reader is running: -wal and -shm exist, with
				// the last writes only in the WAL.
				raw, err := s.db.Conn(ctx)
				must(t, err)
				_, err = raw.ExecContext(ctx, "PRAGMA wal_autocheckpoint = 0")
				must(t, err)
				raw.Close()
				must(t, s.AddTags(ctx, "briefone0001", "late"))
				t.Cleanup(func() { s.Close() })
			} else {
				must(t, s.Close())
			}
			must(t, os.Chmod(dir, 0o555))
			for _, f := range []string{path, path + "-wal", path + "-shm"} {
				if err := os.Chmod(f, 0o444); err != nil && !errors.Is(err, os.ErrNotExist) {
					t.Fatal(err)
				}
			}
			before := snapshot(t, dir)

			out := runAsOtherUser(t, base, path)
			want := "tags=map[briefone0001:[followup iraq]] note=\"A note.\" counts=[{followup 1} {iraq 1}] title=\"Corrected\" rev=4 write=true readonly=true"
			if leftover {
				want = "tags=map[briefone0001:[followup iraq late]] note=\"A note.\" counts=[{followup 1} {iraq 1} {late 1}] title=\"Corrected\" rev=5 write=true readonly=true"
			}
			if strings.TrimSpace(out) != want {
				t.Errorf("read-only user got\n%s\nwant\n%s", out, want)
			}
			if after := snapshot(t, dir); !mapsEqual(before, after) {
				t.Errorf("reading changed the folder:\nbefore %q\nafter  %q", keys(before), keys(after))
			}
		})
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// runAsOtherUser runs the read-only helper as a user without write access:
// "nobody" when the tests run as root (permissions do not stop root), else
// the current user.
func runAsOtherUser(t *testing.T, base, db string) string {
	t.Helper()
	bin := os.Args[0]
	cmd := exec.Command(bin)
	if os.Geteuid() == 0 {
		// The test binary must be reachable by nobody.
		copyPath := filepath.Join(base, "store.test")
		src, err := os.Open(bin)
		must(t, err)
		dst, err := os.OpenFile(copyPath, os.O_CREATE|os.O_WRONLY, 0o755)
		must(t, err)
		_, err = io.Copy(dst, src)
		must(t, err)
		src.Close()
		must(t, dst.Close())
		cmd = exec.Command(copyPath)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		cmd.Dir = base
	}
	cmd.Args = append(cmd.Args, "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), envHelper+"=readonly", envDB+"="+db, envOwner+"="+owner(t), "HOME="+base, "GOCOVERDIR="+base)
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("helper: %v\n%s%s", err, out, ee.Stderr)
		}
		t.Fatalf("helper: %v", err)
	}
	return string(out)
}
