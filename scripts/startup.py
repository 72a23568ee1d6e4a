#!/usr/bin/env python3
"""Times the start-up of the real binaries in a pseudo-terminal (tmux).

For a folder of N generated briefs (scripts/gencorpus) it measures, each
REPEAT times, and prints the median:

  briefs, first build (no index) and warm (index present):
      time to the first row on screen, time until all N are listed and
      filterable (the status bar says "N of N" and no longer "indexed"),
      resident memory then (VmRSS) and at its peak (VmHWM)
  glow on the same folder (it lists the Markdown files only):
      time to the first row, time until its count reaches them all, memory
  cat of every file (find | xargs cat > /dev/null)
  briefs show FILE vs glow FILE (a 3 KB Markdown brief, rendered styled
      at 80 columns to a pipe), and briefs list -q WORD on the folder (warm)

Times are wall clock from just before the process is started; the file
cache is warm (the corpus was just written or read). Run through
scripts/startup.sh, which builds what is needed.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SOCK = "briefs-startup-%d" % os.getpid()


def tmux(*args, check=True):
    return subprocess.run(["tmux", "-L", SOCK, *args], check=check, capture_output=True, text=True).stdout


def screen():
    return tmux("capture-pane", "-p", check=False)


def pane_pid():
    out = tmux("list-panes", "-F", "#{pane_pid}", check=False).strip()
    return int(out) if out else 0


def mem(pid):
    rss = hwm = 0
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) // 1024
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1]) // 1024
    except OSError:
        pass
    return rss, hwm


def run_tui(cmd, env, first_row, loaded, timeout):
    """Starts cmd in a 120x40 tmux pane; returns (first row s, loaded s,
    RSS MiB, peak MiB)."""
    tmux("kill-server", check=False)
    envs = " ".join("%s=%s" % (k, shell_quote(v)) for k, v in env.items())
    t0 = time.perf_counter()
    tmux("new-session", "-d", "-x", "120", "-y", "40", "env %s %s" % (envs, cmd))
    t_first = t_loaded = None
    pid = 0
    deadline = t0 + timeout
    while time.perf_counter() < deadline:
        s = screen()
        now = time.perf_counter()
        if not pid:
            pid = pane_pid()
        if t_first is None and first_row(s):
            t_first = now - t0
        if loaded(s):
            t_loaded = now - t0
            if t_first is None:
                t_first = t_loaded
            break
        time.sleep(0.002)
    rss, hwm = mem(pid)
    tmux("kill-server", check=False)
    return t_first, t_loaded, rss, hwm


def shell_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt_s(x):
    if x is None:
        return "timeout"
    return "%.0f ms" % (x * 1000) if x < 1 else "%.2f s" % x


def timed(argv, n, **kw):
    ts = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--briefs", required=True)
    ap.add_argument("--glow", default="")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120)
    a = ap.parse_args()

    corpus = os.path.abspath(a.corpus)
    files = [os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs]
    n = len(files)
    md = len([f for f in files if f.endswith(".md")])
    work = tempfile.mkdtemp(prefix="briefs-startup-")
    cfg = os.path.join(work, "config.yaml")
    with open(cfg, "w") as f:
        f.write("folders: [%s]\nseeds: false\n" % corpus)
    index = os.path.join(work, "index.db")
    env = {"HOME": work, "TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8",
           "BRIEFS_CONFIG": cfg, "BRIEFS_DB": os.path.join(work, "briefs.db"), "BRIEFS_INDEX": index}
    row = lambda s: "counterpart" in s
    done = re.compile(r"\b%d of %d\b" % (n, n))
    loaded = lambda s: done.search(s) is not None and "indexed" not in s

    print("corpus: %s, %d files (%d Markdown), %.0f MB; load: %s" % (
        corpus, n, md, sum(os.path.getsize(f) for f in files) / 1e6, os.getloadavg()))
    results = {}

    def record(name, runs):
        results[name] = [median([r[i] for r in runs]) for i in range(4)]
        f, l, rss, hwm = results[name]
        print("%-22s first row %-9s all listed %-9s RSS %s MiB (peak %s MiB)" % (
            name, fmt_s(f), fmt_s(l), rss, hwm), flush=True)

    cat = []
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        subprocess.run("find %s -type f -print0 | xargs -0 cat > /dev/null" % shell_quote(corpus), shell=True, check=True)
        cat.append(time.perf_counter() - t0)
    results["cat"] = median(cat)
    print("%-22s %s" % ("cat of every file", fmt_s(results["cat"])), flush=True)

    cold = []
    for _ in range(a.repeat):
        for p in (index, index + "-wal", index + "-shm"):
            if os.path.exists(p):
                os.remove(p)
        cold.append(run_tui(a.briefs, env, row, loaded, a.timeout))
    record("briefs, first build", cold)
    warm = [run_tui(a.briefs, env, row, loaded, a.timeout) for _ in range(a.repeat)]
    record("briefs, warm", warm)

    if a.glow:
        gdone = re.compile(r"\b%d documents\b" % md)
        grow = lambda s: re.search(r"md/\d+\.md", s) is not None
        gl = [run_tui("%s %s" % (a.glow, shell_quote(corpus)), {"HOME": work, "TERM": "xterm-256color", "COLORTERM": "truecolor"},
                      grow, lambda s: gdone.search(s) is not None, a.timeout) for _ in range(a.repeat)]
        record("glow", gl)

    # one brief: briefs show vs glow, styled, 80 columns, to a pipe
    sample = sorted(f for f in files if f.endswith(".md"))[0]
    senv = dict(os.environ, **env)
    reps = max(5, a.repeat * 5)
    timed([a.briefs, "show", sample, "--style", "dark", "--width", "80"], 2, env=senv)
    t_show = timed([a.briefs, "show", sample, "--style", "dark", "--width", "80"], reps, env=senv)
    line = "%-22s briefs %s" % ("show one brief (%d B)" % os.path.getsize(sample), fmt_s(t_show))
    if a.glow:
        genv = dict(os.environ, HOME=work)
        timed([a.glow, "-s", "dark", "-w", "80", sample], 2, env=genv)
        t_glow = timed([a.glow, "-s", "dark", "-w", "80", sample], reps, env=genv)
        line += ", glow %s (%.2fx)" % (fmt_s(t_glow), t_show / t_glow)
    print(line, flush=True)
    t_list = timed([a.briefs, "list", "-q", "border", corpus], a.repeat, env=senv)
    print("%-22s %s" % ("list -q border (warm)", fmt_s(t_list)), flush=True)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
