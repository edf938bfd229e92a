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
            the teams are fixed and nothing is optional;
  fasttrack the second task of the only chain may overlap the first
            (`fast-track t1 +LAG`); the team has two people and is fixed;
  crash     one task on the only chain can take three people of its team
            (`crash 3`), which has them; the team is fixed;
  borrow    as capacity, but team b, idle while a's tasks run, is not
            fixed: lending a person matches hiring one, and the program's
            own people come first;
  resequence team a (fixed, one person) runs a long task whose successor
            on team b sets the program's end, so the levelling puts it
            first, and the short task the milestone waits for second;
            doing the short one first is the only way back.
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
    elif kind == "fasttrack":
        a, b, lag = rnd.randint(9, 12), rnd.randint(7, 9), rnd.randint(2, 4)
        out += ["team a capacity 2 fixed",
                "task t1 \"One\" team a estimate %dd" % a,
                "task t2 \"Two\" team a estimate %dd %dd %dd" % (b - 1, b, b + 1), "  after t1",
                "  fast-track t1 +%dd" % lag,
                "milestone m \"M\" commit %s" % workday(max(a, lag + b) + 2), "  after t2"]
    elif kind == "crash":
        lead, d = rnd.randint(2, 4), rnd.randint(12, 15)
        out += ["team a capacity 3 fixed",
                "task prep \"Prep\" team a estimate %dd" % lead,
                "task x \"X\" team a estimate %dd %dd %dd crash 3" % (d - 1, d, d + 1), "  after prep",
                "milestone m \"M\" commit %s" % workday(lead + d // 3 + 3), "  after x"]
    elif kind == "borrow":
        d1, d2 = rnd.randint(8, 12), rnd.randint(8, 12)
        lead = rnd.randint(2, 4)
        out += ["team a capacity 1", "team b capacity 2",
                "task prep \"Prep\" team b estimate %dd" % lead,
                "task x \"X\" team a estimate %dd %dd %dd" % (d1 - 1, d1, d1 + 1), "  after prep",
                "task y \"Y\" team a estimate %dd %dd %dd" % (d2 - 1, d2, d2 + 1), "  after prep",
                "milestone m \"M\" commit %s" % workday(lead + max(d1, d2) + 3), "  after x, y"]
    elif kind == "resequence":
        long_, short, tail = rnd.randint(9, 12), rnd.randint(4, 6), rnd.randint(9, 12)
        out += ["team a capacity 1 fixed", "team b capacity 1 fixed",
                "task u \"Long\" team a estimate %dd" % long_,
                "task x \"Short\" team a estimate %dd %dd %dd" % (short - 1, short, short + 1),
                "task w \"Tail\" team b estimate %dd" % tail, "  after u",
                "milestone m \"M\" commit %s" % workday(short + 2), "  after x",
                "milestone m2 \"Tail done\"", "  after w"]
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
