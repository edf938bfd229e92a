#!/usr/bin/env python3
"""Independent check of a portfolio's levelled schedule (docs/portfolio.md).

Reads `baton portfolio schedule --json` (every task's dates and people)
and the pools' declarations from a teams file in the plan language
(`team ID ... capacity N`, `capacity N from DATE [to DATE]`,
`holiday DATE[..DATE]`), written from docs/plan-language.md alone, and
checks that on every working day (Monday to Friday, not a holiday given
with --holiday) on which a task not yet started uses a pool, the open
tasks of all programs together use no more of it than it has (started
work is a fact and may exceed it). Shares nothing with src/lib.

usage: check_portfolio.py SCHEDULE.json TEAMS.baton [--holiday DATE]...
Prints "ok: N tasks, M team-days checked" or the violations; exit 1 on any.
"""
import datetime as dt
import json
import re
import sys


def day(s):
    return dt.date.fromisoformat(s)


def read_pools(path):
    pools = {}
    cur = None
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        toks = re.findall(r'"[^"]*"|\S+', line)
        if not line.startswith(" "):
            cur = None
            if toks[0] == "team":
                cur = {"cap": None, "changes": [], "off": set()}
                pools[toks[1]] = cur
                if "capacity" in toks:
                    cur["cap"] = float(toks[toks.index("capacity") + 1])
            continue
        if cur is None:
            continue
        if toks[0] == "capacity":
            n = float(toks[1])
            frm = day(toks[3])
            to = day(toks[5]) if len(toks) > 5 and toks[4] == "to" else None
            cur["changes"].append((frm, to, n))
        elif toks[0] == "holiday":
            a, _, b = toks[1].partition("..")
            d, e = day(a), day(b or a)
            while d <= e:
                cur["off"].add(d)
                d += dt.timedelta(days=1)
    return pools


def capacity(pool, d):
    if d in pool["off"]:
        return 0.0
    c = pool["cap"]
    for frm, to, n in pool["changes"]:
        if d >= frm and (to is None or d <= to):
            c = n
    return c


def main():
    args = sys.argv[1:]
    hol = set()
    while "--holiday" in args:
        i = args.index("--holiday")
        hol.add(day(args[i + 1]))
        del args[i:i + 2]
    sched = json.load(open(args[0], encoding="utf-8"))
    pools = read_pools(args[1])
    use = {}
    n = 0
    for t in sched["tasks"]:
        if t["state"] == "done":
            continue
        n += 1
        d, e = day(t["start"]), day(t["finish"])
        while d <= e:
            if d.weekday() < 5 and d not in hol:
                for team, people in t["needs"].items():
                    if team in pools and d not in pools[team]["off"]:
                        use.setdefault((team, d), []).append((t["id"], people, t["state"]))
            d += dt.timedelta(days=1)
    bad = 0
    for (team, d), items in sorted(use.items()):
        total = sum(p for _, p, _ in items)
        cap = capacity(pools[team], d)
        # Work in progress is a fact and may exceed a pool; a task not yet
        # started may only go where there is room for it.
        if total > cap + 1e-9 and any(s == "planned" for _, _, s in items):
            bad += 1
            if bad <= 10:
                print("over: %s on %s uses %.1f of %.1f: %s" % (team, d, total, cap,
                      ", ".join("%s %.1f (%s)" % x for x in items)))
    if bad:
        print("%d team-days over capacity" % bad)
        return 1
    print("ok: %d tasks, %d team-days checked" % (n, len(use)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
