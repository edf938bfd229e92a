#!/usr/bin/env python3
"""peer_networkx.py: the peer for bench/cpm_bench, CPM with networkx.

    python3 bench/peer_networkx.py [--estimate likely|pert|optimistic|pessimistic] EDGES

Reads the edge list that `gen_plan --edges` writes (see bench/gen_plan.c),
builds a networkx DiGraph, orders it with nx.topological_sort and runs the
critical path method on it: a forward pass for early starts, a backward pass
for late starts, total float, and the project end.

Semantics (times are working-day offsets, a task of duration d that starts
at S occupies [S, S+d), finish F = S+d), for an edge i -> k with lag L:
    fs: S_k >= F_i + L        ss: S_k >= S_i + L
    ff: F_k >= F_i + L        sf: F_k >= S_i + L
and S >= 0. Project end = max F. Late starts satisfy the same constraints
backwards from the end; total float = LS - ES.

Prints one line of key=value pairs on stdout, for cpm_bench to read:
    end_day=... critical=... nodes=... edges=... read_s=... build_s=...
    cpm_s=... total_s=... maxrss_kib=...
where build_s is building the DiGraph, cpm_s the sort plus both passes and
total_s = read_s + build_s + cpm_s.
"""

import argparse
import resource
import sys
import time

import networkx as nx

FS, SS, FF, SF = 0, 1, 2, 3


def read_edges(path, estimate):
    """Return (durations, edges) from a gen_plan edge list."""
    with open(path, "rb") as f:
        first = f.readline().split()
        nnodes, nedges = int(first[0]), int(first[1])
        dur = [0] * nnodes
        for i in range(nnodes):
            o, m, p = map(int, f.readline().split())
            if estimate == "likely":
                dur[i] = m
            elif estimate == "pert":
                # the PERT mean (o + 4m + p) / 6, rounded half up
                dur[i] = (o + 4 * m + p + 3) // 6
            elif estimate == "optimistic":
                dur[i] = o
            else:
                dur[i] = p
        edges = []
        append = edges.append
        for line in f:
            u, v, t, lag = line.split()
            append((int(u), int(v), {"t": int(t), "lag": int(lag)}))
        if len(edges) != nedges:
            sys.exit("peer_networkx: %s: expected %d edges, found %d"
                     % (path, nedges, len(edges)))
    return dur, edges


def cpm(g, dur):
    """Forward and backward pass; returns (end, early starts, total floats)."""
    order = list(nx.topological_sort(g))  # raises NetworkXUnfeasible on a cycle
    es = [0] * len(dur)
    pred = g.pred
    for k in order:
        s = 0
        dk = dur[k]
        for i, a in pred[k].items():
            t, lag = a["t"], a["lag"]
            if t == FS:
                c = es[i] + dur[i] + lag
            elif t == SS:
                c = es[i] + lag
            elif t == FF:
                c = es[i] + dur[i] + lag - dk
            else:
                c = es[i] + lag - dk
            if c > s:
                s = c
        es[k] = s
    end = max((es[k] + dur[k] for k in order), default=0)

    ls = [0] * len(dur)
    succ = g.succ
    for i in reversed(order):
        di = dur[i]
        s = end - di
        for k, a in succ[i].items():
            t, lag = a["t"], a["lag"]
            if t == FS:
                c = ls[k] - lag - di
            elif t == SS:
                c = ls[k] - lag
            elif t == FF:
                c = ls[k] + dur[k] - lag - di
            else:
                c = ls[k] + dur[k] - lag
            if c < s:
                s = c
        ls[i] = s
    tf = [ls[i] - es[i] for i in range(len(dur))]
    return end, es, tf


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("edges")
    ap.add_argument("--estimate", default="likely",
                    choices=["likely", "pert", "optimistic", "pessimistic"])
    args = ap.parse_args()

    t0 = time.perf_counter()
    dur, edges = read_edges(args.edges, args.estimate)
    t1 = time.perf_counter()
    g = nx.DiGraph()
    g.add_nodes_from(range(len(dur)))
    g.add_edges_from(edges)
    del edges
    t2 = time.perf_counter()
    end, es, tf = cpm(g, dur)
    t3 = time.perf_counter()

    if any(f < 0 for f in tf):
        sys.exit("peer_networkx: negative total float: the passes disagree")
    critical = sum(1 for f in tf if f == 0)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("end_day=%d critical=%d nodes=%d edges=%d read_s=%.3f build_s=%.3f "
          "cpm_s=%.3f total_s=%.3f maxrss_kib=%d"
          % (end, critical, g.number_of_nodes(), g.number_of_edges(),
             t1 - t0, t2 - t1, t3 - t2, t3 - t0, rss))


if __name__ == "__main__":
    main()
