#!/usr/bin/env python3
"""Times the start-up of the real binaries in a pseudo-terminal (tmux).

For a folder of N generated briefs (scripts/gencorpus) it measures, each
REPEAT times, and prints the median:

  cat of every file (find | xargs cat > /dev/null), warm and cold-ish
  briefs, first index build (no index file), warm (index present, files
  unchanged, page cache warm) and cold-ish (index present, the corpus's
  and the index's pages evicted from the page cache first):
      time to the first row on screen, time until all N are listed and
      filterable (the status bar says "N of N" and no longer "indexed"),
      and, when later, until the check of the folders for changes is over
      (no longer "checking for changes": "checked"),
      the process's CPU time then (user+system, all threads), resident
      memory 5 s later (VmRSS, once loading is over) and at its peak (VmHWM)
  glow on the same folder (it lists the Markdown files only, a third):
      time to the first row, time until its count reaches them all
  briefs show FILE vs glow FILE (a 3 KB Markdown brief, rendered styled
      at 80 columns to a pipe), and briefs list -q WORD on the folder (warm)

Times are wall clock from just before the process is started. Cold-ish:
pages are dropped with posix_fadvise(DONTNEED) (no root needed), which
empties the page cache of those files unless another process holds them;
the program's own binary and libraries stay cached. Run through
scripts/startup.sh, which builds what is needed and makes the corpora.
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
TICK = os.sysconf("SC_CLK_TCK")


def tmux(*args, check=True):
    return subprocess.run(["tmux", "-L", SOCK, "-f", "/dev/null", *args], check=check,
                          capture_output=True, text=True).stdout


def screen():
    return tmux("capture-pane", "-p", check=False)


def pane_pid():
    out = tmux("list-panes", "-F", "#{pane_pid}", check=False).strip()
    return int(out) if out else 0


def proc_stats(pid):
    """(RSS MiB, peak MiB, CPU seconds) of a process."""
    rss = hwm = 0
    cpu = 0.0
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) // 1024
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1]) // 1024
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) / TICK  # utime, stime
    except (OSError, IndexError, ValueError):
        pass
    return rss, hwm, cpu


def evict(paths):
    """Drops the files' pages from the page cache (cold-ish)."""
    for p in paths:
        try:
            fd = os.open(p, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)  # dirty pages cannot be dropped
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            pass
        finally:
            os.close(fd)


def run_tui(cmd, env, first_row, loaded, timeout, before=None, settle=5, done=None):
    """Starts cmd in a 120x40 tmux pane; returns (first row s, loaded s,
    RSS MiB settle seconds after loading, peak MiB, CPU s when loaded,
    done s: when done(screen) holds too, the check for changes over)."""
    tmux("kill-server", check=False)
    if before:
        before()
    envs = " ".join("%s=%s" % (k, shell_quote(v)) for k, v in env.items())
    t0 = time.perf_counter()
    for attempt in range(3):  # a server still going away refuses at first
        try:
            tmux("new-session", "-d", "-x", "120", "-y", "40", "exec env %s %s" % (envs, cmd))
            break
        except subprocess.CalledProcessError:
            if attempt == 2:
                raise
            time.sleep(0.5)
            t0 = time.perf_counter()
    t_first = t_loaded = t_done = None
    pid = 0
    deadline = t0 + timeout
    while time.perf_counter() < deadline:
        s = screen()
        now = time.perf_counter()
        if not pid:
            pid = pane_pid()
        if t_first is None and first_row(s):
            t_first = now - t0
        if t_loaded is None and loaded(s):
            t_loaded = now - t0
            if t_first is None:
                t_first = t_loaded
            cpu_loaded = proc_stats(pid)[2]
        if t_loaded is not None and (done is None or done(s)):
            t_done = now - t0
            break
        time.sleep(0.002)
    rss, hwm, cpu = proc_stats(pid)
    if t_loaded is not None:
        cpu = cpu_loaded
    if t_loaded is not None and settle > 0:
        time.sleep(settle)  # what stays resident once loading is over
        rss = proc_stats(pid)[0] or rss
    tmux("kill-server", check=False)
    return t_first, t_loaded, rss, hwm, cpu, t_done


def shell_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt_s(x):
    if x is None:
        return "timeout"
    return "%.0f ms" % (x * 1000) if x < 1 else "%.2f s" % x


def timed(argv, n, before=None, **kw):
    ts = []
    for _ in range(n):
        if before:
            before()
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
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--no-build", action="store_true", help="skip the first-build runs")
    a = ap.parse_args()

    corpus = os.path.abspath(a.corpus)
    files = [os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs if not f.startswith(".")]
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
    checked = lambda s: "checking" not in s
    index_files = [index, index + "-wal", index + "-shm"]
    cold = lambda: evict(files + index_files + [a.briefs])

    print("corpus: %s, %d files (%d Markdown), %.0f MB; %d CPUs; load average %s" % (
        corpus, n, md, sum(os.path.getsize(f) for f in files) / 1e6, os.cpu_count(),
        " ".join("%.1f" % x for x in os.getloadavg())))
    results = {}

    def record(name, runs):
        results[name] = [median([r[i] for r in runs]) for i in range(6)]
        f, l, rss, hwm, cpu, d = results[name]
        checked = "" if d is None or l is None or d - l < 0.005 else " (checked %s)" % fmt_s(d)
        print("%-24s first row %-9s all listed %-9s CPU %-9s RSS %s MiB (peak %s MiB)%s" % (
            name, fmt_s(f), fmt_s(l), fmt_s(cpu), rss, hwm, checked), flush=True)

    find_cat = "find %s -type f -print0 | xargs -0 cat > /dev/null" % shell_quote(corpus)
    results["cat"] = timed(["sh", "-c", find_cat], a.repeat)
    results["cat cold"] = timed(["sh", "-c", find_cat], a.repeat, before=cold)
    print("%-24s warm %s, cold-ish %s" % ("cat of every file", fmt_s(results["cat"]), fmt_s(results["cat cold"])), flush=True)

    if not a.no_build:
        def fresh():
            for p in index_files:
                if os.path.exists(p):
                    os.remove(p)
        record("briefs, first build", [run_tui(a.briefs, env, row, loaded, a.timeout, done=checked, before=fresh)
                                       for _ in range(a.repeat)])
    else:
        run_tui(a.briefs, env, row, loaded, a.timeout, done=checked)
    # the run before leaves the index (and the first screen) for the next
    record("briefs, warm", [run_tui(a.briefs, env, row, loaded, a.timeout, done=checked) for _ in range(a.repeat)])
    record("briefs, cold-ish", [run_tui(a.briefs, env, row, loaded, a.timeout, done=checked, before=cold)
                                for _ in range(a.repeat)])

    if a.glow:
        gdone = re.compile(r"\b%d documents\b" % md)
        grow = lambda s: re.search(r"\d{6}\.md", s) is not None
        genv = {"HOME": work, "TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8"}
        gcmd = "%s %s" % (a.glow, shell_quote(corpus))
        record("glow, warm", [run_tui(gcmd, genv, grow, lambda s: gdone.search(s) is not None, a.timeout)
                              for _ in range(a.repeat)])
        record("glow, cold-ish", [run_tui(gcmd, genv, grow, lambda s: gdone.search(s) is not None, a.timeout,
                                          before=lambda: evict(files + [a.glow])) for _ in range(a.repeat)])

    # one brief: briefs show vs glow, styled, 80 columns, to a pipe
    sample = sorted(f for f in files if f.endswith(".md"))[0]
    senv = dict(os.environ, **env)
    reps = max(5, a.repeat * 5)
    show = [a.briefs, "show", sample, "--style", "dark", "--width", "80"]
    timed(show, 2, env=senv)
    t_show = timed(show, reps, env=senv)
    line = "%-24s briefs %s" % ("show one brief (%d B)" % os.path.getsize(sample), fmt_s(t_show))
    if a.glow:
        gshow = [a.glow, "-s", "dark", "-w", "80", sample]
        genv = dict(os.environ, HOME=work)
        timed(gshow, 2, env=genv)
        t_glow = timed(gshow, reps, env=genv)
        line += ", glow %s (briefs/glow %.2fx)" % (fmt_s(t_glow), t_show / t_glow)
    print(line, flush=True)
    t_list = timed([a.briefs, "list", "-q", "border", corpus], a.repeat, env=senv)
    print("%-24s %s" % ("list -q border (warm)", fmt_s(t_list)), flush=True)
    print("load average after: %s" % " ".join("%.1f" % x for x in os.getloadavg()))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
