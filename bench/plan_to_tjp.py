#!/usr/bin/env python3
"""plan_to_tjp.py: write a baton plan as a TaskJuggler 3 project (.tjp).

    bench/plan_to_tjp.py PLAN.baton OUT.tjp [--report NAME] [--horizon DAYS]
    bench/plan_to_tjp.py --check PLAN.baton TJ_REPORT.csv
                         (tj3's dates in the plan's terms; see check())

Made for the plans bench/gen_plan writes (program with start and holidays,
teams with a capacity, tasks with team, estimate, needs and `after` links,
milestones), so that tj3 schedules the same levelling problem as
`baton schedule --level`. It also reads workweek, team holidays and
capacity changes; status blocks, risks and decisions are ignored (a
warning says so). The mapping, and where TaskJuggler cannot follow it:

  calendar   project-wide `leaves holiday` for every program holiday (given
             before the resources, so they inherit it); TJ's default working
             hours (Mon-Fri, 8 h a day, `dailyworkinghours 8`), or the
             plan's workweek at 9:00-12:00, 13:00-18:00. Timing resolution
             1 h (TJ's coarsest).
  team       a team of capacity c is a resource group `<team>` with c member
             resources `<team>_1 .. <team>_c`. Team holidays become leaves of
             every member. A capacity change to n < c takes members n+1..c
             away (`leaves unemployed`) for that period; the group has as
             many members as the highest capacity it ever has.
  task       needing k people of team T for d working days (d = the likely
             estimate): `effort` d*k days and k allocations, each one member
             of T with every other member as an `alternative` (TJ books one
             resource per allocation per hour, and never the same resource
             twice in one hour, so the k allocations are k different people).
             With k > 1, or several teams, every allocation is `mandatory`:
             TJ books an hour only when all k people are free, so the task
             runs with k people in parallel for d days, as in baton.
             No `needs`: one person of the task's own team (baton's default).
             d = 0: a TJ milestone.
  links      FS +L (L >= 0):  depends A { gaplength Ld }
             SS +L (L >= 0):  depends A { onstart gaplength Ld }
             anything else (FS with a lead, SS with a lead, FF, SF) has no TJ
             form. baton's leveller itself turns every link into a minimum
             start-to-start lag with the fixed likely durations (FS: dA+L,
             SS: L, FF: dA-dB+L, SF: L-dB; src/lib/level.c); those links are
             written as that start-to-start lag, `depends A { onstart
             gaplength Gd }`, when G >= 0. TJ has no negative gap, so a
             link with G < 0 is re-routed to A's own predecessors P: in the
             critical-path schedule S(A) = max(0, S(P) + lag(P,A)), so
             S(B) >= S(A) + G is S(B) >= S(P) + lag(P,A) + G for every P,
             recursively while the sum stays negative (void at a task with
             no predecessors). That is exact for the critical path, but a
             resource delay of A no longer holds B back in TJ (in baton it
             does). The counts are printed on stderr.
  start markers  TJ 3.7.1 mis-schedules `depends A { onstart }` when A is an
             effort task: a successor may read A's start before A's first
             booking fixes it (an earlier date), and the final check then
             fails with "must start ... after start of task A. This
             condition could not be met". So every start-to-start link on an
             effort task A goes through a milestone `A__start` that
             `depends A { onstart }`; TJ propagates A's start to it only at
             A's first booking. A task with such links and no link left in TJ
             depends on a `_start` milestone at the program start, since TJ
             would otherwise propagate the project start to its marker
             before it books.
  not-before a dependency on a milestone `A__not_before` with `start DATE`
             (not the task's own `start`, which TJ would propagate to its
             start marker before the first booking).
  report     a CSV taskreport NAME.csv with columns id, start, end (dates).

The project's end (TJ needs one) is a horizon computed from the plan: 1.5
times the larger of the critical-path length and the busiest team's work,
plus 40 working days, in calendar days; --horizon DAYS sets it. TJ's time
and memory grow with it (every hour of it is a slot of every resource's
scoreboard), so it is kept moderate; a task that does not fit makes tj3
fail ("runaway"), not finish early.
"""
import datetime as dt
import re
import sys

TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|\.\.|[,:]|[+-]?[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*|\S')
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def die(msg):
    sys.stderr.write("plan_to_tjp: %s\n" % msg)
    sys.exit(2)


def tokens(line):
    out, i = [], 0
    # strip a comment (a # outside a string)
    instr, cut = False, len(line)
    j = 0
    while j < len(line):
        c = line[j]
        if instr and c == "\\":
            j += 2
            continue
        if c == '"':
            instr = not instr
        elif c == "#" and not instr:
            cut = j
            break
        j += 1
    return TOKEN.findall(line[:cut])


def dur_days(tok):
    m = re.fullmatch(r"([+-]?)(\d+)([dw])", tok)
    if not m:
        die("bad duration %r" % tok)
    v = int(m.group(2)) * (5 if m.group(3) == "w" else 1)
    return -v if m.group(1) == "-" else v


def date(tok):
    return dt.date.fromisoformat(tok)


def read_plan(path):
    """Group lines into declarations: [(keyword, [tokens...])]."""
    decls = []
    cont = False
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            toks = tokens(line)
            if not toks:
                continue
            if line[0] not in " \t":
                decls.append([toks])
            elif decls:
                if cont and decls[-1]:
                    decls[-1][-1] = decls[-1][-1] + toks
                else:
                    decls[-1].append(toks)
            cont = toks[-1] == ","
    return decls


class Plan:
    def __init__(self):
        self.id, self.title, self.start = "p", "", None
        self.workweek = DAYS[:5]
        self.holidays = []      # (from, to, name)
        self.teams = {}         # id -> dict
        self.team_order = []
        self.items = {}         # id -> dict (tasks and milestones)
        self.order = []
        self.ignored = set()


def parse(path):
    P = Plan()
    for lines in read_plan(path):
        kw = lines[0][0]
        head = lines[0][1:]
        ident = head[0] if head else None
        title = None
        rest = head[1:]
        if rest and rest[0].startswith('"'):
            title = rest[0][1:-1].replace('\\"', '"').replace("\\\\", "\\")
            rest = rest[1:]
        # attribute lines: first line's rest, then the continuation lines
        attr_lines = [rest] + lines[1:]
        if kw == "program":
            P.id, P.title = ident, title or ident
            for toks in attr_lines:
                i = 0
                while i < len(toks):
                    a = toks[i]
                    if a == "start":
                        P.start = date(toks[i + 1]); i += 2
                    elif a == "commit":
                        i += 2
                    elif a == "workweek":
                        i += 1
                        P.workweek = []
                        while i < len(toks) and toks[i] in DAYS:
                            P.workweek.append(toks[i]); i += 1
                    elif a == "holiday":
                        a0 = date(toks[i + 1]); a1 = a0; i += 2
                        if i < len(toks) and toks[i] == "..":
                            a1 = date(toks[i + 1]); i += 2
                        name = "holiday"
                        if i < len(toks) and toks[i].startswith('"'):
                            name = toks[i][1:-1]; i += 1
                        P.holidays.append((a0, a1, name))
                    elif a == "level":
                        i += 1
                        if i < len(toks) and toks[i] in ("on", "off"):
                            i += 1
                    else:
                        die("program: unknown attribute %r" % a)
        elif kw == "team":
            t = {"id": ident, "title": title or ident, "cap": None,
                 "changes": [], "hol": []}
            for toks in attr_lines:
                i = 0
                while i < len(toks):
                    a = toks[i]
                    if a == "capacity":
                        n = int(toks[i + 1]); i += 2
                        if i < len(toks) and toks[i] == "from":
                            f0 = date(toks[i + 1]); f1 = None; i += 2
                            if i < len(toks) and toks[i] == "to":
                                f1 = date(toks[i + 1]); i += 2
                            t["changes"].append((n, f0, f1))
                        else:
                            t["cap"] = n
                    elif a == "lead":
                        i += 2
                    elif a == "holiday":
                        a0 = date(toks[i + 1]); a1 = a0; i += 2
                        if i < len(toks) and toks[i] == "..":
                            a1 = date(toks[i + 1]); i += 2
                        if i < len(toks) and toks[i].startswith('"'):
                            i += 1
                        t["hol"].append((a0, a1))
                    else:
                        die("team %s: unknown attribute %r" % (ident, a))
            P.teams[ident] = t
            P.team_order.append(ident)
        elif kw in ("task", "milestone"):
            x = {"id": ident, "title": title or ident, "kind": kw,
                 "team": None, "dur": 0, "needs": None, "after": [],
                 "not_before": None}
            for toks in attr_lines:
                i = 0
                while i < len(toks):
                    a = toks[i]
                    if a == "team":
                        x["team"] = toks[i + 1]; i += 2
                    elif a == "estimate":
                        ds = []
                        i += 1
                        while i < len(toks) and re.fullmatch(r"\d+[dw]", toks[i]):
                            ds.append(dur_days(toks[i])); i += 1
                        x["dur"] = ds[1] if len(ds) == 3 else ds[0]
                    elif a == "needs":
                        i += 1
                        if i < len(toks) and toks[i].isdigit():
                            x["needs"] = int(toks[i]); i += 1
                        else:
                            pairs = []
                            while i + 2 < len(toks) + 0 and toks[i + 1] == ":":
                                pairs.append((toks[i], int(toks[i + 2]))); i += 3
                            x["needs"] = pairs
                    elif a == "after":
                        i += 1
                        while i < len(toks):
                            dep = {"id": toks[i], "type": "fs", "lag": 0}
                            i += 1
                            if i < len(toks) and toks[i] in ("fs", "ss", "ff", "sf"):
                                dep["type"] = toks[i]; i += 1
                            if i < len(toks) and toks[i][0] in "+-":
                                dep["lag"] = dur_days(toks[i]); i += 1
                            x["after"].append(dep)
                            if i < len(toks) and toks[i] == ",":
                                i += 1
                                continue
                            break
                    elif a == "not-before":
                        x["not_before"] = date(toks[i + 1]); i += 2
                    elif a in ("deadline", "commit"):
                        i += 2
                    elif a in ("workstream", "owner"):
                        i += 2
                    else:
                        die("%s %s: unknown attribute %r" % (kw, ident, a))
            P.items[ident] = x
            P.order.append(ident)
        else:
            P.ignored.add(kw)
    if P.start is None:
        die("no program start")
    return P


def tj_id(s, used, cache):
    """A TaskJuggler id: letters, digits and _ only; unique."""
    if s in cache:
        return cache[s]
    base = re.sub(r"[^A-Za-z0-9_]", "_", s)
    if not re.match(r"[A-Za-z_]", base):
        base = "_" + base
    t, n = base, 1
    while t in used:
        n += 1
        t = "%s_%d" % (base, n)
    used.add(t)
    cache[s] = t
    return t


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def check(plan_path, csv_path):
    """Read tj3's CSV report back in the plan's terms. Prints one line:
    END_DATE END_DAY STRETCHED VIOLATED LINKS: the last finish, its
    working-day offset (exclusive, as baton's end_day), the tasks whose TJ
    span is not their estimate (TJ paused them), and the plan's links that
    TJ's dates break, read with baton's semantics (docs/plan-language.md)."""
    import csv
    P = parse(plan_path)
    with open(csv_path, encoding="utf-8") as f:
        rows = {r[0]: r for r in list(csv.reader(f, delimiter=";"))[1:]}
    hol = set()
    for a, b, _ in P.holidays:
        while a <= b:
            hol.add(a)
            a += dt.timedelta(days=1)
    ww = {DAYS.index(x) for x in P.workweek}

    def working(d):
        return d.weekday() in ww and d not in hol

    end = max(dt.date.fromisoformat(r[2]) for r in rows.values())
    idx, d, n = {}, P.start, 0
    while d <= end:
        if working(d):
            idx[d] = n
            n += 1
        d += dt.timedelta(days=1)
    end_day = n
    used, cache = set(), {}
    for i in P.order:
        tj_id(i, used, cache)
    S, F, stretched = {}, {}, 0
    for i in P.order:
        x = P.items[i]
        r = rows[cache[i]]
        s0, e0 = dt.date.fromisoformat(r[1]), dt.date.fromisoformat(r[2])
        if x["kind"] == "milestone" or x["dur"] == 0:
            # at the end of the day TJ puts it on (after its predecessors)
            S[i] = F[i] = idx[e0] + 1 if x["after"] else idx[s0]
            continue
        S[i], F[i] = idx[s0], idx[e0] + 1
        stretched += F[i] - S[i] != x["dur"]
    links = bad = 0
    for i in P.order:
        for dep in P.items[i]["after"]:
            a, lag = dep["id"], dep["lag"]
            ok = {"fs": S[i] >= F[a] + lag, "ss": S[i] >= S[a] + lag,
                  "ff": F[i] >= F[a] + lag, "sf": F[i] >= S[a] + lag}[dep["type"]]
            links += 1
            bad += not ok
    print(end.isoformat(), end_day, stretched, bad, links)
    return 0


def main(argv):
    args = [a for a in argv[1:]]
    if args and args[0] == "--check":
        if len(args) != 3:
            die("usage: plan_to_tjp.py --check PLAN.baton TJ_REPORT.csv")
        return check(args[1], args[2])
    report = "tj_tasks"
    if "--report" in args:
        k = args.index("--report")
        report = args[k + 1]
        del args[k:k + 2]
    horizon_opt = None
    if "--horizon" in args:
        k = args.index("--horizon")
        horizon_opt = int(args[k + 1])
        del args[k:k + 2]
    if len(args) != 2:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    P = parse(args[0])
    if P.ignored - {"risk", "decision"}:
        sys.stderr.write("plan_to_tjp: ignored: %s\n" % ", ".join(sorted(P.ignored)))

    # --- needs per item: list of (team, k)
    def needs_of(x):
        if x["kind"] == "milestone" or x["dur"] == 0:
            return []
        n = x["needs"]
        if n is None:
            return [(x["team"], 1)]
        if isinstance(n, int):
            return [(x["team"], n)]
        return n

    # --- horizon: CPM with start-to-start lags, and the busiest team's work
    dur = {i: P.items[i]["dur"] if P.items[i]["kind"] == "task" else 0 for i in P.order}
    succ = {i: [] for i in P.order}
    indeg = {i: 0 for i in P.order}
    for i in P.order:
        for d in P.items[i]["after"]:
            if d["id"] not in P.items:
                die("unknown predecessor %r of %s" % (d["id"], i))
            succ[d["id"]].append((i, d))
            indeg[i] += 1
    es = {i: 0 for i in P.order}
    stack = [i for i in P.order if indeg[i] == 0]
    seen = 0
    while stack:
        u = stack.pop()
        seen += 1
        for v, d in succ[u]:
            g = {"fs": dur[u] + d["lag"], "ss": d["lag"],
                 "ff": dur[u] - dur[v] + d["lag"], "sf": d["lag"] - dur[v]}[d["type"]]
            es[v] = max(es[v], es[u] + g)
            indeg[v] -= 1
            if indeg[v] == 0:
                stack.append(v)
    if seen != len(P.order):
        die("dependency cycle")
    cpm = max([es[i] + dur[i] for i in P.order] or [0])
    work = {}
    for i in P.order:
        for t, k in needs_of(P.items[i]):
            work[t] = work.get(t, 0) + dur[i] * k
    team_lb = max([w / max(1, P.teams[t]["cap"] or 1) for t, w in work.items()] or [0])
    horizon_wd = int(1.5 * max(cpm, team_lb)) + 40
    per_week = max(1, len(P.workweek))
    horizon_cal = horizon_wd * 7 // per_week + 14 + sum(
        (b - a).days + 1 for a, b, _ in P.holidays)
    if horizon_opt:
        horizon_cal = horizon_opt

    used, tcache, rcache = set(), {}, {}
    out = []
    w = out.append
    w("# Generated by bench/plan_to_tjp.py from %s: do not edit." % args[0])
    w("project %s %s %s +%dd {" % (tj_id(P.id, set(), {}), q(P.title or P.id),
                                   P.start.isoformat(), horizon_cal))
    w('  timezone "UTC"')
    w("  now %s" % P.start.isoformat())
    w("  dailyworkinghours 8")
    if P.workweek != DAYS[:5]:
        w("  workinghours %s 9:00 - 12:00, 13:00 - 18:00" % ", ".join(P.workweek))
        off = [d for d in DAYS if d not in P.workweek]
        if off:
            w("  workinghours %s off" % ", ".join(off))
    w("}")
    for a, b, name in P.holidays:
        iv = a.isoformat() if a == b else "%s - %s" % (a.isoformat(), (b + dt.timedelta(days=1)).isoformat())
        w("leaves holiday %s %s" % (q(name), iv))

    # --- resources
    members = {}
    for tid in P.team_order:
        t = P.teams[tid]
        caps = [t["cap"] or 0] + [n for n, _, _ in t["changes"]]
        c = max(caps)
        g = tj_id(tid, used, rcache)
        members[tid] = ["%s_%d" % (g, j + 1) for j in range(c)]
        for m in members[tid]:
            used.add(m)
        w("resource %s %s {" % (g, q(t["title"])))
        for j, m in enumerate(members[tid]):
            leaves = []
            for a, b in t["hol"]:
                leaves.append("holiday %s - %s" % (a.isoformat(), (b + dt.timedelta(days=1)).isoformat()))
            # capacity over time: base, permanent changes (latest begun wins),
            # temporary ones override while they last. Member j+1 is away
            # whenever the capacity is <= j.
            if t["changes"]:
                pts = sorted({P.start} | {f0 for _, f0, _ in t["changes"]} |
                             {f1 + dt.timedelta(days=1) for _, _, f1 in t["changes"] if f1})
                def cap_on(d):
                    cval, best = t["cap"] or 0, None
                    for n, f0, f1 in t["changes"]:
                        if f1 is None and f0 <= d and (best is None or f0 >= best):
                            best, cval = f0, n
                    for n, f0, f1 in t["changes"]:
                        if f1 is not None and f0 <= d <= f1:
                            cval = n
                    return cval
                for x, p0 in enumerate(pts):
                    if cap_on(p0) <= j:
                        p1 = pts[x + 1] if x + 1 < len(pts) else P.start + dt.timedelta(days=horizon_cal)
                        leaves.append("unemployed %s - %s" % (p0.isoformat(), p1.isoformat()))
            body = (" { leaves %s }" % ", ".join(leaves)) if leaves else ""
            w("  resource %s %s%s" % (m, q("%s #%d" % (t["title"], j + 1)), body))
        w("}")

    # --- tasks and milestones
    for i in P.order:
        tj_id(i, used, tcache)
    counts = {"fs": 0, "ss": 0, "as_ss": 0, "rerouted": 0, "rerouted_links": 0,
              "dropped": 0}

    def start_lag(i, d):
        """baton's leveller's minimum start-to-start lag for link d of i."""
        du, dv, lag = dur[d["id"]], dur[i], d["lag"]
        return {"fs": du + lag, "ss": lag, "ff": du - dv + lag,
                "sf": lag - dv}[d["type"]]

    # TJ links per item: {(pred, onstart): gap}, gaps >= 0, the largest kept.
    tjdeps = {i: {} for i in P.order}

    def add(i, pred, onstart, gap):
        k = (pred, onstart)
        if tjdeps[i].get(k, -1) < gap:
            tjdeps[i][k] = gap

    def reroute(i, a, g, depth):
        """S(i) >= S(a) + g with g < 0: TJ has no negative gap, so bound i
        by a's own predecessors instead. In the critical-path schedule
        S(a) = max(0, S(p) + lag(p, a)) over a's links, so the bound is
        S(i) >= S(p) + lag(p, a) + g for each p (the 0 term gives g < 0,
        which is void). Returns the number of TJ links written."""
        n = 0
        if depth > 50:
            return 0
        for d in P.items[a]["after"]:
            p = d["id"]
            if d["type"] == "fs" and d["lag"] >= 0 and d["lag"] + g >= 0:
                add(i, p, False, d["lag"] + g)   # still finish-based in TJ
                n += 1
                continue
            g2 = start_lag(a, d) + g
            if g2 >= 0:
                add(i, p, True, g2)
                n += 1
            else:
                n += reroute(i, p, g2, depth + 1)
        return n

    for i in P.order:
        for d in P.items[i]["after"]:
            p, typ, lag = d["id"], d["type"], d["lag"]
            if typ == "fs" and lag >= 0:
                counts["fs"] += 1
                add(i, p, False, lag)
            elif typ == "ss" and lag >= 0:
                counts["ss"] += 1
                add(i, p, True, lag)
            else:
                g = start_lag(i, d)
                if g >= 0:
                    counts["as_ss"] += 1
                    add(i, p, True, g)
                else:
                    n = reroute(i, p, g, 0)
                    counts["rerouted" if n else "dropped"] += 1
                    counts["rerouted_links"] += n

    def is_effort(i):
        return bool(needs_of(P.items[i]))

    # Effort tasks that are the target of a start-based link get a start
    # marker (see "start markers" in the docstring).
    marked = set()
    for i in P.order:
        for (p, onstart) in tjdeps[i]:
            if onstart and is_effort(p):
                marked.add(p)
    smark = {i: tj_id(i + "__start", used, {}) for i in P.order if i in marked}
    if marked:
        w("task _start \"Program start\" {")
        w("  milestone")
        w("  start %s" % P.start.isoformat())
        w("}")

    for i in P.order:
        x = P.items[i]
        if i in smark:
            w("task %s %s {" % (smark[i], q("Start of " + x["title"])))
            w("  milestone")
            w("  depends %s { onstart }" % tcache[i])
            w("}")
        w("task %s %s {" % (tcache[i], q(x["title"])))
        nd = needs_of(x)
        if not nd:
            w("  milestone")
        else:
            tot = sum(k for _, k in nd)
            w("  effort %dd" % (x["dur"] * tot))
            mand = " mandatory" if tot > 1 else ""
            for t, k in nd:
                if t not in members:
                    die("unknown team %r" % t)
                ms = members[t]
                if k > len(ms):
                    die("%s needs %d of team %s, which has %d" % (i, k, t, len(ms)))
                for s in range(k):
                    # rotate the first choice so the k allocations start apart
                    rot = ms[s:] + ms[:s]
                    alt = (" alternative %s" % ", ".join(rot[1:])) if len(rot) > 1 else ""
                    body = (alt + mand).strip()
                    w("  allocate %s%s" % (rot[0], (" { %s }" % body) if body else ""))
        deps = []
        for (p, onstart), gap in tjdeps[i].items():
            gaps = " gaplength %dd" % gap if gap else ""
            if not onstart:
                deps.append(tcache[p] + (" {%s }" % gaps if gaps else ""))
            elif p in smark:
                # through the start marker (a milestone): the same date
                deps.append(smark[p] + (" {%s }" % gaps if gaps else ""))
            else:
                deps.append(tcache[p] + " { onstart%s }" % gaps)
        if x["not_before"]:
            nb = tj_id(i + "__not_before", used, {})
            w("}")
            w("task %s %s {" % (nb, q("Not before, " + x["title"])))
            w("  milestone")
            w("  start %s" % x["not_before"].isoformat())
            w("}")
            w("supplement task %s {" % tcache[i])
            deps.append(nb)
        elif i in marked and not deps:
            deps.append("_start")
        if deps:
            w("  depends " + ", ".join(deps))
        w("}")

    w("taskreport %s %s {" % (tj_id(report, used, {}), q(report)))
    w("  formats csv")
    w("  columns id, start, end")
    w('  timeformat "%Y-%m-%d"')
    w("  sorttasks id.up")
    w("}")
    with open(args[1], "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    sys.stderr.write(
        "plan_to_tjp: %d tasks and milestones, %d resources in %d teams; links: "
        "%d fs and %d ss exact, %d as start-to-start lags, %d negative ones "
        "re-routed to %d links on earlier tasks, %d void; "
        "horizon %d days (CPM %d, busiest team %.0f working days)\n"
        % (len(P.order), sum(len(m) for m in members.values()), len(members),
           counts["fs"], counts["ss"], counts["as_ss"], counts["rerouted"],
           counts["rerouted_links"], counts["dropped"],
           horizon_cal, cpm, team_lb))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
