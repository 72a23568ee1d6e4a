package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Subprocess helpers: the test binary re-runs itself with -test.run=TestHelperProcess
// and these variables set.
const (
	envHelper = "BRIEFS_STORE_HELPER" // what to do: "addtags" or "appendnotes"
	envDB     = "BRIEFS_STORE_HELPER_DB"
	envArg    = "BRIEFS_STORE_HELPER_ARG"
)

// TestHelperProcess is not a test: it is the body of the subprocesses started
// by the multi-process tests.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(envHelper)
	if mode == "" {
		t.Skip("helper process for the multi-process tests")
	}
	err := helperMain(mode, os.Getenv(envDB), os.Getenv(envArg))
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

func helperMain(mode, path, arg string) error {
	ctx := context.Background()
	switch mode {
	case "readonly":
		return readOnlyMain(ctx, path)
	case "fulldisk":
		return fullDiskMain(ctx, path, arg)
	}
	s, err := Open(path)
	if err != nil {
		return err
	}
	defer s.Close()
	switch mode {
	case "addtags":
		// 500 transactions, one tag each, interleaving with the other process.
		for i := range 500 {
			if err := s.AddTags(ctx, fmt.Sprintf("brief-%03d", i%50), fmt.Sprintf("%s-%03d", arg, i)); err != nil {
				return err
			}
		}
	case "appendnotes":
		// Append forever; print each note number once its commit returned.
		for i := 0; ; i++ {
			id := fmt.Sprintf("crash-%d", i%7)
			if err := s.AppendNote(ctx, id, fmt.Sprintf("line %d", i)); err != nil {
				return err
			}
			if _, err := fmt.Fprintf(os.Stdout, "ack %d\n", i); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("unknown helper mode %q", mode)
	}
	return nil
}

func helperCmd(t *testing.T, mode, db, arg string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), envHelper+"="+mode, envDB+"="+db, envArg+"="+arg)
	return cmd
}

func TestTwoProcessesAddTags(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process test")
	}
	db := filepath.Join(t.TempDir(), "shared.db")
	// Let the processes race on creating the database too.
	var cmds []*exec.Cmd
	var outs []*strings.Builder
	for _, p := range []string{"p1", "p2"} {
		cmd := helperCmd(t, "addtags", db, p)
		out := &strings.Builder{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
		outs = append(outs, out)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("process %d: %v\n%s", i+1, err, outs[i])
		}
	}
	s, err := Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n, distinct int
	must(t, s.db.QueryRow("SELECT COUNT(*), COUNT(DISTINCT tag) FROM tags").Scan(&n, &distinct))
	if n != 1000 || distinct != 1000 {
		t.Errorf("tags rows = %d (%d distinct), want 1000", n, distinct)
	}
	for _, p := range []string{"p1", "p2"} {
		var c int
		must(t, s.db.QueryRow("SELECT COUNT(*) FROM tags WHERE tag LIKE ?", p+"-%").Scan(&c))
		if c != 500 {
			t.Errorf("process %s: %d tags, want 500", p, c)
		}
	}
	if rev, _ := s.Revision(context.Background()); rev != 1001 {
		t.Errorf("revision = %d, want 1001 (the migration, then one per committed write)", rev)
	}
}

func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("multi-process test")
	}
	db := filepath.Join(t.TempDir(), "crash.db")
	// Create the schema first so the writer starts appending at once.
	s0, err := Open(db)
	must(t, err)
	must(t, s0.Close())

	cmd := helperCmd(t, "appendnotes", db, "")
	stdout, err := cmd.StdoutPipe()
	must(t, err)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	must(t, cmd.Start())

	// Read acknowledgements; kill the writer mid-stream, without warning.
	acked := map[int]bool{}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	const killAfter = 500
	deadline := time.After(2 * time.Minute)
	killed := false
	for !killed {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("writer exited early: %s", stderr.String())
			}
			if i, ok := parseAck(line); ok {
				acked[i] = true
			}
			if len(acked) >= killAfter {
				must(t, cmd.Process.Signal(syscall.SIGKILL))
				killed = true
			}
		case <-deadline:
			cmd.Process.Kill()
			t.Fatalf("writer too slow: %d acks; stderr: %s", len(acked), stderr.String())
		}
	}
	// Acks written before the kill are still in the pipe.
	for line := range lines {
		if i, ok := parseAck(line); ok {
			acked[i] = true
		}
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("writer did not die by SIGKILL: %v; stderr: %s", err, stderr.String())
	}

	s, err := Open(db)
	if err != nil {
		t.Fatalf("reopen after crash: %v", err)
	}
	defer s.Close()
	var check string
	must(t, s.db.QueryRow("PRAGMA integrity_check").Scan(&check))
	if check != "ok" {
		t.Fatalf("integrity_check = %q", check)
	}
	notes, err := s.AllNotes(context.Background())
	must(t, err)
	present := map[int]bool{}
	for id, body := range notes {
		for _, l := range strings.Split(body, "\n\n") {
			i, err := strconv.Atoi(strings.TrimPrefix(l, "line "))
			if err != nil || !strings.HasPrefix(l, "line ") {
				t.Errorf("note %s: unexpected paragraph %q", id, l)
				continue
			}
			if want := fmt.Sprintf("crash-%d", i%7); id != want {
				t.Errorf("line %d in note %s, want %s", i, id, want)
			}
			if present[i] {
				t.Errorf("line %d twice", i)
			}
			present[i] = true
		}
	}
	missing := 0
	for i := range acked {
		if !present[i] {
			missing++
			if missing < 10 {
				t.Errorf("acknowledged note line %d lost", i)
			}
		}
	}
	// At most the one append in flight at the kill may be committed unacknowledged.
	if extra := len(present) - len(acked); extra < 0 || extra > 1 {
		t.Errorf("%d lines present, %d acknowledged", len(present), len(acked))
	}
	t.Logf("%d acknowledged appends before SIGKILL, %d present after reopen", len(acked), len(present))
}

func parseAck(line string) (int, bool) {
	rest, ok := strings.CutPrefix(line, "ack ")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(rest)
	return i, err == nil
}
