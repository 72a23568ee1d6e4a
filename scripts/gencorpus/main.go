// Command gencorpus writes a generated corpus of briefs (internal/corpus)
// into a folder, for the start-up measurements (scripts/startup.sh), and
// an empty .complete file when done (hidden: not a brief), as the
// benchmarks of internal/index do with theirs.
//
//	go run ./scripts/gencorpus -n 10000 -out /tmp/briefs-bench-10000
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/briefs/briefs/internal/corpus"
)

func main() {
	n := flag.Int("n", 10000, "number of briefs")
	out := flag.String("out", "", "folder to write (created)")
	size := flag.Int("size", 3000, "approximate size of a brief in bytes")
	seed := flag.Uint64("seed", 1, "generator seed")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gencorpus: -out FOLDER is required")
		os.Exit(2)
	}
	for _, f := range corpus.Generate(*n, *seed, *size) {
		p := filepath.Join(*out, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
	}
	if err := os.WriteFile(filepath.Join(*out, ".complete"), nil, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
