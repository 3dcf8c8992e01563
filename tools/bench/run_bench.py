#!/usr/bin/env python3
"""Import benchmark: quotedb against SQLite FTS5 on the same articles, as ratios.

    python3 tools/bench/run_bench.py [--build build] [--corpus ../shared/corpus/bbc]
                                     [--runs 5] [--scales 1,4,10] [--skip-queries]

For each scale (1x = the corpus; kx = k copies, each copy's headline changed so it is new),
it alternates `quotedb import` into a fresh database and `fts5_peer` building an FTS5 table of
the same files, --runs times, and prints the median wall time, the median peak RSS and the
ratio quotedb/FTS5. Then extraction alone (extract_bench, MB/s on one core) and in-process
query latency (query_bench, p50/p99 against FTS5 MATCH). Standard library only.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run(cmd):
    """Runs cmd; returns (seconds, peak RSS in MiB). Fails loudly on a non-zero exit."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    secs = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"run_bench: {' '.join(cmd)} exited {code}: {err[-2000:]}")
    return secs, usage.ru_maxrss / 1024.0


def make_copies(corpus, k, dest):
    """k copies of corpus under dest; copy i > 0 has ' (copy i)' appended to each headline."""
    for i in range(k):
        for root, _, files in os.walk(corpus):
            rel = os.path.relpath(root, corpus)
            out_dir = os.path.join(dest, f"copy{i}", rel)
            os.makedirs(out_dir, exist_ok=True)
            for name in files:
                src = os.path.join(root, name)
                dst = os.path.join(out_dir, f"c{i}-{name}")
                if i == 0:
                    shutil.copyfile(src, dst)
                    continue
                with open(src, "rb") as f:
                    data = f.read()
                nl = data.find(b"\n")
                if nl < 0:
                    nl = len(data)
                data = data[:nl] + f" (copy {i})".encode() + data[nl:]
                with open(dst, "wb") as f:
                    f.write(data)


def dir_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--corpus", default="../shared/corpus/bbc")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scales", default="1,4,10")
    ap.add_argument("--skip-queries", action="store_true")
    args = ap.parse_args()
    if not os.path.isdir(args.corpus):
        print(f"run_bench: {args.corpus} is absent; skipping")
        return 0
    qdb = os.path.join(args.build, "quotedb")
    peer = os.path.join(args.build, "fts5_peer")
    for exe in (qdb, peer):
        if not os.access(exe, os.X_OK):
            sys.exit(f"run_bench: {exe} is missing; build first (tools/scripts/build.sh)")

    print(f"machine: {os.cpu_count()} cores; {time.strftime('%Y-%m-%d %H:%M')}; runs per figure: {args.runs}")
    print()
    print("| input | MB | quotedb s | FTS5 s | ratio | quotedb peak RSS MiB | FTS5 peak RSS MiB |")
    print("|---|---|---|---|---|---|---|")
    work = tempfile.mkdtemp(prefix="qdb-bench-")
    try:
        for k in [int(x) for x in args.scales.split(",") if x]:
            if k == 1:
                src = args.corpus
            else:
                src = os.path.join(work, f"x{k}")
                make_copies(args.corpus, k, src)
            mb = dir_bytes(src) / 1e6
            q_times, q_rss, f_times, f_rss = [], [], [], []
            for r in range(args.runs):
                db = os.path.join(work, f"db-{k}-{r}")
                fts = os.path.join(work, f"fts-{k}-{r}.sqlite")
                s, m = run([qdb, "--db", db, "--quiet", "import", src])
                q_times.append(s)
                q_rss.append(m)
                s, m = run([peer, fts, src])
                f_times.append(s)
                f_rss.append(m)
                shutil.rmtree(db, ignore_errors=True)
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(fts + suffix):
                        os.remove(fts + suffix)
            qt, ft = statistics.median(q_times), statistics.median(f_times)
            print(f"| BBC x{k} | {mb:.1f} | {qt:.3f} | {ft:.3f} | {qt / ft:.2f}x | "
                  f"{statistics.median(q_rss):.0f} | {statistics.median(f_rss):.0f} |", flush=True)
            if k != 1:
                shutil.rmtree(src, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    out = subprocess.run([os.path.join(args.build, "extract_bench"), "--runs", str(args.runs), args.corpus],
                         capture_output=True, text=True)
    print(out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr)
    if not args.skip_queries:
        print()
        out = subprocess.run([os.path.join(args.build, "query_bench"), args.corpus],
                             capture_output=True, text=True)
        print(out.stdout.strip() or out.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
