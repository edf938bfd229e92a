#!/usr/bin/env python3
"""check_tjp.py FILE.tjp TJ3.csv SCHEDULE.json: compare the dates tj3
scheduled for a `baton export tjp` file with `baton schedule --json`.

tj3's CSV taskreport (columns id, Bid, start, end; timeformat
"%Y-%m-%d %H:%M") gives timestamps; baton gives inclusive days. The
conventions, reconciled once here:
  - tj3 starts a task at the time its dependencies allow: the end of a
    predecessor's last day (17:00) or 00:00 of a fixed date, not at its
    first working hour. A start becomes the first day, on or after the
    timestamp's day (the next day when it is at or past 17:00), that is a
    working day of the task: a working weekday (the file's workinghours),
    not a program holiday (top-level leaves) and outside the task's
    `shifts baton_off` intervals.
  - An end is exclusive: 17:00 is the end of that day's work, 00:00 the
    end of the day before.
  - A milestone is a point in time. baton's `planned` is the day it falls
    at the end of (the last working day before its start day offset; the
    program's first working day for one at offset 0): a timestamp at or
    past 17:00 is that day's end, an earlier one the end of the last
    program working day before its day. A zero-length task (a tj3
    milestone too) has start and finish on the day of its start, as
    above.
Each task and milestone of the schedule must appear once with the same
start and finish; each mismatch is printed naming the task. Exit 0 when
all agree, 1 otherwise.
"""
import csv
import datetime as dt
import json
import re
import sys

WD = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def day(s):
    return dt.date.fromisoformat(s)


def parse_tjp(path):
    working = set(range(7))
    hol = []  # (from, to) exclusive
    off = {}  # baton id -> [(from, to)]
    cur = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*workinghours (\w+) off\s*$", line)
            if m:
                working.discard(WD[m.group(1)])
            m = re.match(r'leaves holiday "[^"]*" (\S+) - (\S+)\s*$', line)  # top level only
            if m:
                hol.append((day(m.group(1)), day(m.group(2))))
            m = re.match(r'\s*Bid "([^"]*)"', line)
            if m:
                cur = m.group(1)
            m = re.match(r"\s*shifts (.*)$", line)
            if m and cur is not None:
                for a, b in re.findall(r"baton_off (\S+) - ([0-9-]+)", m.group(1)):
                    off.setdefault(cur, []).append((day(a), day(b)))
    return working, hol, off


def main():
    tjp, csvpath, jpath = sys.argv[1:4]
    working, hol, off = parse_tjp(tjp)

    def works(d, bid):
        if d.weekday() not in working:
            return False
        for a, b in hol + (off.get(bid, []) if bid else []):
            if a <= d < b:
                return False
        return True

    def start_day(ts, bid):
        t = dt.datetime.strptime(ts, "%Y-%m-%d %H:%M")
        d = t.date() + dt.timedelta(days=1 if t.hour >= 17 else 0)
        for _ in range(4000):
            if works(d, bid):
                return d
            d += dt.timedelta(days=1)
        return None

    def end_day(ts):
        t = dt.datetime.strptime(ts, "%Y-%m-%d %H:%M")
        return t.date() - dt.timedelta(days=1 if (t.hour, t.minute) == (0, 0) else 0)

    with open(jpath, encoding="utf-8") as f:
        sched = json.load(f)
    origin = day(sched["start"])
    while not works(origin, None):
        origin += dt.timedelta(days=1)
    milestones = {m["id"] for m in sched["milestones"]}

    def ms_day(ts):
        t = dt.datetime.strptime(ts, "%Y-%m-%d %H:%M")
        if t.hour >= 17:
            return t.date()
        d = t.date() - dt.timedelta(days=1)
        while d > origin and not works(d, None):
            d -= dt.timedelta(days=1)
        return max(d, origin)

    got = {}
    with open(csvpath, encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter=";"))
    for r in rows[1:]:
        if len(r) < 4 or not r[1]:
            continue  # containers and helpers carry no baton id
        bid, s, e = r[1], r[2], r[3]
        if bid in milestones:
            d = ms_day(s)
            got[bid] = (d, d)
        elif s == e:
            d = start_day(s, None)
            got[bid] = (d, d)
        else:
            got[bid] = (start_day(s, bid), end_day(e))

    want = {}
    for t in sched["tasks"]:
        want[t["id"]] = (day(t["start"]), day(t["finish"]))
    for m in sched["milestones"]:
        want[m["id"]] = (day(m["planned"]), day(m["planned"]))

    bad = 0
    for k, (ws, wf) in want.items():
        if k not in got:
            print(f"{k}: not in tj3's report")
            bad += 1
            continue
        gs, gf = got[k]
        if (gs, gf) != (ws, wf):
            print(f"{k}: baton {ws}..{wf}, tj3 {gs}..{gf}")
            bad += 1
    for k in got:
        if k not in want:
            print(f"{k}: in tj3's report, not in baton's schedule")
            bad += 1
    print(f"{len(want)} tasks and milestones, {bad} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
