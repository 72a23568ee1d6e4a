package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// A write that meets another process's lock says so after a second, and
// gives up with a clear message once LockTimeout has passed; nothing is
// written then.
func TestLockWaitingAndGivingUp(t *testing.T) {
	_, path := openTemp(t)
	var mu sync.Mutex
	var told []string
	opt := Options{LockTimeout: 1500 * time.Millisecond, Waiting: func(msg string) {
		mu.Lock()
		told = append(told, msg)
		mu.Unlock()
	}}
	s, err := OpenWith(context.Background(), path, opt)
	must(t, err)
	defer s.Close()
	ctx := context.Background()

	// Held for longer than the timeout: a clear failure.
	done := holdWriteLock(t, path, 3*time.Second)
	start := time.Now()
	err = s.AddTags(ctx, "waiter", "too-late")
	took := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "stayed locked by another process") || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("AddTags under a long lock = %v", err)
	}
	// no upper bound: a loaded machine may take longer to give up, and a
	// wait past the 3 s the lock is held would succeed (checked above)
	if took < 1400*time.Millisecond {
		t.Errorf("gave up after %v, want about 1.5s", took)
	}
	mu.Lock()
	if len(told) != 1 || !strings.Contains(told[0], "waiting for the database "+path) || !strings.Contains(told[0], "locked by another process") {
		t.Errorf("Waiting was told %q", told)
	}
	told = nil
	mu.Unlock()
	must(t, <-done)
	if got, _ := s.Tags(ctx, "waiter"); len(got) != 0 {
		t.Errorf("the failed write left %v", got)
	}

	// Held for a moment: no message, the write goes through.
	done = holdWriteLock(t, path, 300*time.Millisecond)
	must(t, s.AddTags(ctx, "waiter", "in-time"))
	must(t, <-done)
	mu.Lock()
	if len(told) != 0 {
		t.Errorf("Waiting told %q for a short wait", told)
	}
	mu.Unlock()
}

// fullDiskMain is the helper of TestFileTooLarge: with a file size limit
// just above the database's size, it writes until a write fails and prints
// the error.
func fullDiskMain(ctx context.Context, path, when string) error {
	signal.Ignore(syscall.SIGXFSZ)
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	limit := uint64(fi.Size()) + 4096
	if when == "open" {
		limit = 0 // not even the shared-memory file can grow
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		return err
	}
	s, err := Open(path)
	if err != nil {
		fmt.Println(err)
		return nil
	}
	defer s.Close()
	for i := range 1000 {
		if err := s.SetNote(ctx, fmt.Sprintf("full-%d", i), strings.Repeat("x", 8000)); err != nil {
			fmt.Println(err)
			return nil
		}
	}
	return fmt.Errorf("1000 notes of 8 KB written under a limit of %d bytes", limit)
}

// A file that may not grow (a quota, a size limit) is an input/output
// error in words, naming the file, not a bare "disk I/O error (778)".
func TestFileTooLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process test")
	}
	for _, when := range []string{"write", "open"} {
		t.Run(when, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "briefs.db")
			s, err := Open(path)
			must(t, err)
			must(t, s.AddTags(context.Background(), "b1", "keep"))
			must(t, s.Close())
			out, err := helperCmd(t, "fulldisk", path, when).CombinedOutput()
			if err != nil {
				t.Fatalf("helper: %v\n%s", err, out)
			}
			msg := strings.TrimSpace(string(out))
			if !strings.Contains(msg, "input/output error on "+path) {
				t.Errorf("error = %q, want it to say input/output error and name %s", msg, path)
			}
			checkIntact(t, path)
		})
	}
}

func checkIntact(t *testing.T, path string) {
	t.Helper()
	s, err := Open(path)
	must(t, err)
	defer s.Close()
	if got, err := s.Tags(context.Background(), "b1"); err != nil || len(got) != 1 {
		t.Errorf("what was saved before: tags %v, %v", got, err)
	}
}

// mountTiny mounts a small tmpfs (root only) and returns its path, or
// skips the test.
func mountTiny(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small file system")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a tmpfs: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// fill takes every free byte of the file system holding dir.
func fill(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	must(t, err)
	defer f.Close()
	buf := make([]byte, 4096)
	for {
		if _, err := f.Write(buf); err != nil {
			break
		}
	}
	for {
		if _, err := f.Write(buf[:1]); err != nil {
			break
		}
	}
}

// A full disk is said in words ("the disk is full"), at a write and at
// open, and what was saved before stays intact.
func TestDiskFull(t *testing.T) {
	t.Run("write", func(t *testing.T) {
		dir := mountTiny(t, "256k")
		path := filepath.Join(dir, "briefs.db")
		s, err := Open(path)
		must(t, err)
		defer s.Close()
		ctx := context.Background()
		must(t, s.AddTags(ctx, "b1", "keep"))
		var werr error
		for i := 0; i < 100 && werr == nil; i++ {
			werr = s.SetNote(ctx, fmt.Sprintf("full-%d", i), strings.Repeat("x", 8000))
		}
		t.Log(werr)
		if werr == nil || !strings.Contains(werr.Error(), "the disk is full") || !strings.Contains(werr.Error(), path) {
			t.Errorf("write on a full disk = %v", werr)
		}
		s.Close()
		os.Remove(filepath.Join(dir, "filler"))
	})
	t.Run("open", func(t *testing.T) {
		dir := mountTiny(t, "256k")
		path := filepath.Join(dir, "briefs.db")
		s, err := Open(path)
		must(t, err)
		must(t, s.AddTags(context.Background(), "b1", "keep"))
		must(t, s.Close())
		fill(t, dir)
		s, err = Open(path)
		if err == nil {
			s.Close()
			t.Fatal("Open on a full disk succeeded")
		}
		t.Log(err)
		if !strings.Contains(err.Error(), "the disk is full") || strings.Contains(err.Error(), "input/output") {
			t.Errorf("Open on a full disk = %v", err)
		}
		must(t, os.Remove(filepath.Join(dir, "filler")))
		checkIntact(t, path)
	})
}

// holdExclusive creates an empty SQLite database at path (rollback
// journal) and holds an exclusive lock on it for d: no one can read it
// meanwhile, as while another process creates or upgrades a database.
func holdExclusive(t *testing.T, path string, d time.Duration) <-chan error {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	must(t, err)
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("PRAGMA journal_mode=DELETE"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		time.Sleep(d)
		_, err := db.Exec("COMMIT")
		db.Close()
		done <- err
	}()
	return done
}

// Opening a database another process holds locked (creating or upgrading
// it) waits as a write does: it opens once the lock is gone, saying after
// a second that it waits, or gives up with a clear message after
// LockTimeout.
func TestOpenWaitsForLock(t *testing.T) {
	var mu sync.Mutex
	var told []string
	waiting := func(msg string) {
		mu.Lock()
		told = append(told, msg)
		mu.Unlock()
	}
	path := filepath.Join(t.TempDir(), "held.db")
	done := holdExclusive(t, path, 1500*time.Millisecond) // longer than SQLite's own busy wait
	s, err := OpenWith(context.Background(), path, Options{LockTimeout: 20 * time.Second, Waiting: waiting})
	must(t, err)
	must(t, <-done)
	must(t, s.AddTags(context.Background(), "opened", "after-the-lock"))
	s.Close()
	mu.Lock()
	if len(told) != 1 || !strings.Contains(told[0], "waiting for the database "+path) {
		t.Errorf("Waiting was told %q", told)
	}
	mu.Unlock()

	path2 := filepath.Join(t.TempDir(), "held-long.db")
	done = holdExclusive(t, path2, 4*time.Second)
	_, err = OpenWith(context.Background(), path2, Options{LockTimeout: 1200 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "locked by another process") || !strings.Contains(err.Error(), path2) {
		t.Errorf("open under a long lock = %v", err)
	}
	must(t, <-done)
}
