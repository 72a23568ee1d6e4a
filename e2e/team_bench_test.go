package e2e

// Start-up with the team store (issue 13): the same command on the same
// collection with no store, with a SQLite store and with a team store on
// PostgreSQL holding the same annotations of five people. Run it with
//
//	go test -run '^$' -bench TeamStartup -benchtime 5x ./e2e/
//
// (BRIEFS_BENCH_BRIEFS sets the collection's size, 100,000 by default).

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/briefs/briefs/internal/corpus"
	"github.com/briefs/briefs/internal/store"
)

// BenchmarkTeamStartup times `briefs list -q tag:followup` (a table: load
// the collection through a warm index, re-attach the annotations, read
// every tag, note, correction, read state and who annotated what, search)
// with no store, a SQLite store and a team store holding the same
// annotations: five people, 2,000 tagged briefs, 500 notes, 1,000 briefs
// read each and 50 corrected titles.
func BenchmarkTeamStartup(b *testing.B) {
	n := 100000
	if v := os.Getenv("BRIEFS_BENCH_BRIEFS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	pg.Require(b)
	bin := benchBuild(b)
	dir := b.TempDir()
	folder := filepath.Join(dir, "briefs")
	for _, f := range corpus.Generate(n, 13, 1500) {
		p := filepath.Join(folder, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("folders: ["+folder+"]\nseeds: false\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	env := []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "LANG=C.UTF-8", "USER=ana",
		"BRIEFS_CONFIG=" + cfg,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"XDG_CACHE_HOME=" + filepath.Join(dir, "cache"), "XDG_STATE_HOME=" + filepath.Join(dir, "state"),
	}
	none := append(env[:len(env):len(env)], "BRIEFS_DB="+filepath.Join(dir, "none.db"))
	start := time.Now()
	var list []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(benchRun(b, bin, none, "list", "--json")), &list); err != nil {
		b.Fatal(err)
	}
	if len(list) != n {
		b.Fatalf("%d briefs listed, want %d", len(list), n)
	}
	b.Logf("%d briefs: first list (index built) in %s", n, time.Since(start).Round(time.Millisecond))
	ids := make([]string, len(list))
	for i, e := range list {
		ids[i] = e.ID
	}

	sqlitePath := filepath.Join(dir, "team.db")
	url := pg.Database(b)
	for _, where := range []string{sqlitePath, url} {
		start := time.Now()
		seedTeam(b, where, ids)
		b.Logf("annotations written to %s in %s", store.MaskURL(where), time.Since(start).Round(time.Millisecond))
	}
	cases := []struct {
		name string
		env  []string
	}{
		{"none", none},
		{"sqlite", append(env[:len(env):len(env)], "BRIEFS_DB="+sqlitePath)},
		{"team", append(env[:len(env):len(env)], "BRIEFS_STORE="+url)},
	}
	for _, c := range cases[1:] {
		// a command that writes keeps the records that find the annotated
		// briefs again, as the reader does at its start
		benchRun(b, bin, c.env, "tag", ids[0], "+seen")
		out := benchRun(b, bin, c.env, "list", "-q", "tag:followup", "--json")
		if strings.Count(out, `"id"`) != 400 {
			b.Fatalf("%s: tag:followup: %d briefs, want 400", c.name, strings.Count(out, `"id"`))
		}
	}
	// The three in turn, so that a busy machine slows each alike; the
	// process's CPU time (user + system) is steadier than the wall clock.
	wall := make([]time.Duration, len(cases))
	cpu := make([]time.Duration, len(cases))
	runs := 0
	for b.Loop() {
		for i, c := range cases {
			start := time.Now()
			cmd := exec.Command(bin, "list", "-q", "tag:followup")
			cmd.Env = c.env
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("%s: %v\n%s", c.name, err, out)
			}
			wall[i] += time.Since(start)
			cpu[i] += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		}
		runs++
	}
	for i, c := range cases {
		b.ReportMetric(float64(wall[i].Milliseconds())/float64(runs), c.name+"-wall-ms")
		b.ReportMetric(float64(cpu[i].Milliseconds())/float64(runs), c.name+"-cpu-ms")
	}
	b.ReportMetric(0, "ns/op")
}

// seedTeam writes the same annotations of five people to a store.
func seedTeam(b *testing.B, where string, ids []string) {
	ctx := context.Background()
	for p, name := range []string{"ana", "Ali", "Sara", "Omar", "Lena"} {
		st, err := store.OpenAt(ctx, where, store.Options{User: name})
		if err != nil {
			b.Fatal(err)
		}
		// person p tags 400 briefs of their own (the first person's with
		// followup), notes 100 and reads 1,000
		mine := ids[p*1000 : p*1000+1000]
		tag := "followup"
		if p > 0 {
			tag = "desk-" + strconv.Itoa(p)
		}
		if err := st.ApplyTags(ctx, mine[:400], []string{tag, "seen"}, nil); err != nil {
			b.Fatal(err)
		}
		for i, id := range mine[400:500] {
			if err := st.SetNote(ctx, id, fmt.Sprintf("%s's note %d: follow the conference.", name, i)); err != nil {
				b.Fatal(err)
			}
		}
		for _, id := range mine {
			if err := st.MarkRead(ctx, id); err != nil {
				b.Fatal(err)
			}
		}
		for _, id := range mine[500:510] {
			if err := st.Correct(ctx, id, store.FieldTitle, "Corrected by "+name); err != nil {
				b.Fatal(err)
			}
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// benchBuild builds the binary once for a benchmark.
func benchBuild(b *testing.B) string {
	b.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(b.TempDir(), "briefs")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/briefs")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build ./cmd/briefs: %v\n%s", err, out)
	}
	return bin
}

// benchRun runs the binary and returns its output.
func benchRun(b *testing.B, bin string, env []string, args ...string) string {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("briefs %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}
