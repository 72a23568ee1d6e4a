#!/bin/sh
# Times the reader's start-up in a pseudo-terminal (tmux) at 10,000 and
# 100,000 briefs, beside glow and cat (scripts/startup.py says what is
# measured). Builds bin/briefs; the corpora are made once under $TMPDIR
# (briefs-bench-N, shared with `make bench`), never in the repository.
#
#   scripts/startup.sh                 10k and 100k, 3 runs each
#   SIZES=10000 REPEAT=5 scripts/startup.sh
#   GLOW=/path/to/glow scripts/startup.sh   (default: glow on PATH, else none)
set -eu
cd "$(dirname "$0")/.."
SIZES=${SIZES:-10000 100000}
REPEAT=${REPEAT:-3}
TMP=${TMPDIR:-/tmp}
GLOW=${GLOW:-$(command -v glow || true)}
command -v tmux >/dev/null || { echo "startup.sh: tmux is needed" >&2; exit 1; }
make build >/dev/null
for n in $SIZES; do
	dir="$TMP/briefs-bench-$n"
	if [ ! -e "$dir/.complete" ]; then
		rm -rf "$dir"
		go run ./scripts/gencorpus -n "$n" -out "$dir"
	fi
	python3 scripts/startup.py --briefs "$PWD/bin/briefs" ${GLOW:+--glow "$GLOW"} \
		--corpus "$dir" --repeat "$REPEAT"
	echo
done
