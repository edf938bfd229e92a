#!/usr/bin/env python3
"""gen_tjp_plans.py BATON OUTDIR SEED COUNT: write COUNT random plans
OUTDIR/gen-SEED-K.baton for the TaskJuggler round trip (tests/tjp.sh).

Each plan is a random DAG of tasks and milestones with every link type
(FS, SS, FF, SF), lags and leads, two links between the same tasks, zero-length tasks, three-point
estimates, not-before dates, workstreams, a workweek that is sometimes
not Monday to Friday, program holidays (days and ranges), teams with days
off of their own, ids tj3 cannot take as they are (dashes, dots, "__")
and titles with quotes and "${". Most plans get a status block: the plan
is scheduled once by BATON, and a status date inside it marks the tasks
finished by then done (on their finish, sometimes a day or two off) and
the ones under way started (with a remaining estimate now and then).
The same SEED writes the same plans.
"""
import datetime as dt
import json
import os
import random
import subprocess
import sys

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def plan_text(rng, k):
    start = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(700))
    lines = [f'program gen{k} "Generated plan {k}"', f"  start {start}"]
    r = rng.random()
    if r < 0.15:
        lines.append("  workweek mon tue wed thu")
    elif r < 0.25:
        lines.append("  workweek mon tue wed thu fri sat")
    elif r < 0.3:
        lines.append("  workweek tue wed thu fri sat")

    def rng_range(span):
        a = start + dt.timedelta(days=rng.randrange(span))
        if rng.random() < 0.4:
            return f"{a}..{a + dt.timedelta(days=rng.randrange(1, 4))}"
        return str(a)

    for _ in range(rng.randrange(4)):
        lines.append(f'  holiday {rng_range(90)} "Holiday"')
    lines.append("")
    teams = [f"team{i}" if i % 2 else f"team-{i}" for i in range(rng.randrange(1, 4))]
    for t in teams:
        lines.append(f'team {t} "Team {t}" capacity {rng.randrange(1, 5)}')
        for _ in range(rng.choice([0, 0, 1, 2, 4])):
            lines.append(f'  holiday {rng_range(80)} "Off"')
    lines.append("")
    ws = [None, "core", "edge cases", "ws-3"][: rng.randrange(1, 5)]
    nodes = []  # (id, is_task)
    ntask = rng.randrange(10, 24)
    for i in range(ntask):
        style = rng.random()
        tid = f"t{i}" if style < 0.6 else f"t-{i}" if style < 0.8 else f"t.{i}x" if style < 0.9 else f"t__{i}"
        title = f"Task {i}" if rng.random() < 0.8 else f'Task \\"{i}\\" ${{x}} costs $5'
        est_m = rng.choice([0, 1, 1, 2, 3, 4, 5, 6, 8]) if rng.random() > 0.08 else 0
        if est_m and rng.random() < 0.3:
            est = f"{max(1, est_m - 1)}d {est_m}d {est_m + 3}d"
        else:
            est = f"{est_m}d"
        lines.append(f'task {tid} "{title}"')
        lines.append(f"  team {rng.choice(teams)} estimate {est}")
        w = rng.choice(ws)
        if w:
            lines.append(f'  workstream "{w}"' if " " in w else f"  workstream {w}")
        deps = deps_for(rng, nodes)
        if deps:
            lines.append(f"  after {deps}")
        if rng.random() < 0.12:
            lines.append(f"  not-before {start + dt.timedelta(days=rng.randrange(3, 40))}")
        nodes.append((tid, True))
        if rng.random() < 0.15:
            mid = f"m{i}" if rng.random() < 0.7 else f"m-{i}"
            lines.append(f'milestone {mid} "Milestone {i}"')
            deps = deps_for(rng, nodes) or nodes[-1][0]
            lines.append(f"  after {deps}")
            nodes.append((mid, False))
    return "\n".join(lines) + "\n", start


def deps_for(rng, nodes):
    if not nodes:
        return ""
    out = []
    for pid, _ in rng.sample(nodes, min(len(nodes), rng.choice([0, 1, 1, 2, 2, 3]))):
        d = pid
        ty = rng.choice(["", "", "fs", "ss", "ff", "sf"])
        if ty:
            d += " " + ty
        r = rng.random()
        if r < 0.25:
            d += f" +{rng.randrange(1, 4)}d"
        elif r < 0.35:
            d += f" -{rng.randrange(1, 3)}d"
        out.append(d)
        if rng.random() < 0.08:  # a second link between the same two
            out.append(f"{pid} {rng.choice(['ss', 'ff', 'sf'])} +{rng.randrange(0, 3)}d")
    return ", ".join(out)


def status_block(rng, baton, path, start):
    res = subprocess.run([baton, "schedule", "--json", "--no-level", path], capture_output=True, text=True)
    if res.returncode != 0:
        return ""
    s = json.loads(res.stdout)
    tasks = s["tasks"]
    if not tasks:
        return ""
    end = max(dt.date.fromisoformat(t["finish"]) for t in tasks)
    span = (end - start).days
    if span < 4:
        return ""
    asof = start + dt.timedelta(days=rng.randrange(span // 4, span * 3 // 4 + 1))
    out = [f"status {asof}"]
    for t in tasks:
        ts, tf = dt.date.fromisoformat(t["start"]), dt.date.fromisoformat(t["finish"])
        if ts < start:
            continue
        if tf <= asof and t["working_days"] > 0:
            f = tf + dt.timedelta(days=rng.choice([0, 0, 0, -1, 1, 2]))
            f = min(max(f, ts), asof)
            out.append(f"  {t['id']} done {f}")
        elif ts <= asof:
            st = min(max(ts + dt.timedelta(days=rng.choice([0, 0, -1, 1])), start), asof)
            e = f"  {t['id']} started {st}"
            if rng.random() < 0.5:
                e += f" remaining {rng.randrange(0, 6)}d"
            out.append(e)
    return "\n" + "\n".join(out) + "\n"


def main():
    baton, outdir, seed, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    os.makedirs(outdir, exist_ok=True)
    for k in range(count):
        text, start = plan_text(rng, k)
        path = os.path.join(outdir, f"gen-{seed}-{k}.baton")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        if rng.random() < 0.75:
            st = status_block(rng, baton, path, start)
            if st:
                with open(path, "a", encoding="utf-8") as f:
                    f.write(st)
        print(path)


if __name__ == "__main__":
    main()
