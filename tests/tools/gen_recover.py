#!/usr/bin/env python3
"""Plans with one planted way back (tests/recover.sh).

usage: gen_recover.py KIND SEED > plan.baton
KIND is one of:
  capacity  team a (one person) holds two parallel tasks that lead to the
            milestone; one more person in a runs them side by side, and
            nothing else can help (every other team is fixed, nothing is
            optional or mitigable);
  descope   an optional task sits in the middle of the only chain; the
            teams are fixed;
  risk      one likely risk with a large impact on the chain, mitigable;
            the teams are fixed and nothing is optional.
The milestone's commitment is met without the problem and missed with it.
SEED varies the durations, so the check holds for more than one plan.
"""
import random
import sys


def main():
    kind, seed = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(seed * 7919 + len(kind))
    out = ['program planted "Planted %s, seed %d"' % (kind, seed), "  start 2027-01-04"]
    if kind == "capacity":
        d1, d2 = rnd.randint(8, 12), rnd.randint(8, 12)
        lead = rnd.randint(2, 4)
        commit_days = lead + max(d1, d2) + 3
        out += ["team a capacity 1", "team b capacity 2 fixed",
                "task prep \"Prep\" team b estimate %dd" % lead,
                "task x \"X\" team a estimate %dd %dd %dd" % (d1 - 1, d1, d1 + 1), "  after prep",
                "task y \"Y\" team a estimate %dd %dd %dd" % (d2 - 1, d2, d2 + 1), "  after prep",
                "milestone m \"M\" commit %s" % workday(commit_days), "  after x, y"]
    elif kind == "descope":
        a, b, c = rnd.randint(4, 6), rnd.randint(8, 12), rnd.randint(4, 6)
        out += ["team a capacity 2 fixed",
                "task t1 \"One\" team a estimate %dd" % a,
                "task t2 \"Two\" team a estimate %dd optional" % b, "  after t1",
                "task t3 \"Three\" team a estimate %dd" % c, "  after t2",
                "milestone m \"M\" commit %s" % workday(a + c + 2), "  after t3"]
    elif kind == "risk":
        a, b = rnd.randint(5, 8), rnd.randint(5, 8)
        out += ["team a capacity 2 fixed",
                "task t1 \"One\" team a estimate %dd" % a,
                "task t2 \"Two\" team a estimate %dd" % b, "  after t1",
                "milestone m \"M\" commit %s" % workday(a + b + 3), "  after t2",
                "risk big \"Big\" probability 70%% impact %dd on t2 mitigated 5%% mitigation-cost 3d" % rnd.randint(8, 12)]
    else:
        sys.exit("unknown kind " + kind)
    print("\n".join(out))


def workday(n):
    """The date of working day n (0 = Monday 2027-01-04), Monday to Friday."""
    import datetime as dt
    d = dt.date(2027, 1, 4)
    k = 0
    while True:
        if d.weekday() < 5:
            if k == n:
                return d.isoformat()
            k += 1
        d += dt.timedelta(days=1)


if __name__ == "__main__":
    main()
