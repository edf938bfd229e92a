#!/usr/bin/python3
"""peer_numpy.py: the peer for bench/forecast_bench, a Monte Carlo schedule
forecast written the straightforward way with numpy, vectorised over runs.

    /usr/bin/python3 bench/peer_numpy.py [--runs N] [--block B] [--seed S] EDGES

Reads the edge list `gen_plan --edges` writes (see bench/gen_plan.c) and
simulates it with baton's model (docs/forecast.md): each task's duration is
PERT-beta over its three-point estimate (numpy's Generator.beta, scaled),
a single-point estimate m spreads over m*0.9 .. m*1.25 with its mode at m,
and durations are rounded to the nearest working day; then the forward
pass of the critical-path method with fs/ss/ff/sf links and lags, node by
node in index order (gen_plan numbers predecessors first), on vectors of
B runs at a time. No risks (gen_plan writes none), no status (all tasks
planned), no criticality or drivers: the peer does strictly less work.

Prints one line of key=value pairs on stdout for forecast_bench:
    runs=... nodes=... edges=... mean_end=... p50_end=... p85_end=...
    sample_s=... cpm_s=... total_s=... cpu_s=...
(cpu_s: process CPU time of sampling and passes, robust to other load).
"""

import argparse
import sys
import time

import numpy as np

FS, SS, FF, SF = 0, 1, 2, 3


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10000)
    ap.add_argument("--block", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("edges")
    a = ap.parse_args()

    t0 = time.perf_counter()
    with open(a.edges, "rb") as f:
        n, ne = map(int, f.readline().split())
        est = np.loadtxt(f, dtype=np.int64, max_rows=n, ndmin=2)
        ed = np.loadtxt(f, dtype=np.int64, max_rows=ne, ndmin=2)
    o, m, p = est[:, 0].astype(float), est[:, 1].astype(float), est[:, 2].astype(float)
    single = o == p
    o = np.where(single, m * 0.9, o)
    p = np.where(single, m * 1.25, p)
    w = p - o
    fixed = w <= 1e-9
    ws = np.where(fixed, 1.0, w)
    alpha = 1 + 4 * (m - o) / ws
    beta = 1 + 4 * (p - m) / ws
    # predecessors of each node, grouped by type (CSR by target)
    order = np.argsort(ed[:, 1], kind="stable")
    ed = ed[order]
    off = np.searchsorted(ed[:, 1], np.arange(n + 1))
    t_read = time.perf_counter() - t0

    c0 = time.process_time()
    rng = np.random.default_rng(a.seed)
    ends = []
    t_sample = t_cpm = 0.0
    runs_left = a.runs
    while runs_left > 0:
        R = min(a.block, runs_left)
        runs_left -= R
        t1 = time.perf_counter()
        x = rng.beta(alpha[:, None], beta[:, None], size=(n, R))
        dur = np.floor(o[:, None] + x * w[:, None] + 0.5).astype(np.int32)
        dur[fixed] = np.floor(m[fixed] + 0.5).astype(np.int32)[:, None]
        t2 = time.perf_counter()
        es = np.empty((n, R), dtype=np.int32)
        ef = np.empty((n, R), dtype=np.int32)
        zero = np.zeros(R, dtype=np.int32)
        for v in range(n):
            s = zero
            fb = None
            for k in range(off[v], off[v + 1]):
                u, t, lag = ed[k, 0], ed[k, 2], ed[k, 3]
                if t == FS:
                    s = np.maximum(s, ef[u] + lag)
                elif t == SS:
                    s = np.maximum(s, es[u] + lag)
                elif t == FF:
                    b = ef[u] + lag
                    fb = b if fb is None else np.maximum(fb, b)
                else:
                    b = es[u] + lag
                    fb = b if fb is None else np.maximum(fb, b)
            d = dur[v]
            if fb is not None:
                s = np.maximum(s, fb - d)
            es[v] = s
            ef[v] = s + d
        ends.append(ef.max(axis=0))
        t_cpm += time.perf_counter() - t2
        t_sample += t2 - t1
    end = np.concatenate(ends)
    srt = np.sort(end)

    def q(pct):
        return int(srt[(pct * len(srt) + 99) // 100 - 1])

    print(
        "runs=%d nodes=%d edges=%d mean_end=%.3f p50_end=%d p85_end=%d "
        "read_s=%.3f sample_s=%.3f cpm_s=%.3f total_s=%.3f cpu_s=%.3f"
        % (a.runs, n, ne, end.mean(), q(50), q(85), t_read, t_sample, t_cpm,
           t_sample + t_cpm, time.process_time() - c0)
    )


if __name__ == "__main__":
    sys.exit(main())
