#!/usr/bin/env python3
"""tests/tools/gen_calib.py: a plan whose true estimate bias is known, and
the checker of what baton measures on it (tests/calibration.sh).

  gen_calib.py gen PLAN TRUTH [SEED]   write the plan and the true durations
  gen_calib.py check PLAN TRUTH CAL FC FC0
      CAL: `calibration --json`; FC/FC0: `forecast --json` with and without
      --calibrate. Exit 1 with the reason when a claim fails.

Team `platform` finished 80 tasks and team `data` 3, each taking 1.3 times
a draw of its own estimate (symmetric three-point estimates, so the draw's
median is the likely value and the true bias on the log scale is 1.3 up
to rounding to whole days). 300 held-out open platform tasks, each alone
before a milestone, have true durations drawn the same way: a calibrated
P85 of a milestone should be on or after its true date about 85% of the
time. Written from the plan language and the forecast's documented
conventions only (Monday-to-Friday working days, unstarted work from the
data day, a milestone's date the last working day of its prerequisite),
not from src/lib.
"""
import datetime
import json
import math
import random
import sys

START = datetime.date(2027, 1, 4)  # a Monday
BIAS = 1.3
TRAIN, TRAIN_DATA, HELD = 80, 3, 300


def workday(n):
    """The date of working day n (0 = START), Monday to Friday."""
    w, d = divmod(n, 5)
    return START + datetime.timedelta(days=7 * w + d)


def index(date):
    days = (date - START).days
    w, d = divmod(days, 7)
    return 5 * w + min(d, 5)


def pert(rng, o, m, p):
    a = 1 + 4 * (m - o) / (p - o)
    b = 1 + 4 * (p - m) / (p - o)
    return o + (p - o) * rng.betavariate(a, b)


def estimate(rng):
    # Long, wide estimates: a whole day is then a small share of the
    # spread, so rounding to days moves the share of P85 met little.
    m = rng.randint(30, 90)
    return round(0.6 * m), m, round(1.4 * m)


def gen(plan, truth, seed):
    rng = random.Random(seed)
    out = ['program calib "Generated: tasks run 30% over"', "  start 2027-01-04", "",
           'team platform "Platform" capacity 999', 'team data "Data" capacity 999', ""]
    started, status = [], []
    last = 0
    for i in range(TRAIN + TRAIN_DATA):
        team = "platform" if i < TRAIN else "data"
        o, m, p = estimate(rng)
        d = max(1, round(BIAS * pert(rng, o, m, p)))
        out += [f'task done{i} "Finished {i}"', f"  team {team}  estimate {o}d {m}d {p}d"]
        started.append(f"  done{i} started {workday(0)}")
        status.append(f"  done{i} done {workday(d - 1)}")
        last = max(last, d)
    true = {}
    for i in range(HELD):
        o, m, p = estimate(rng)
        true[f"m{i}"] = max(1, round(BIAS * pert(rng, o, m, p)))
        out += [f'task open{i} "Open {i}"', f"  team platform  estimate {o}d {m}d {p}d",
                f'milestone m{i} "After open {i}"', f"  after open{i}"]
    out += ["", f"status {workday(0)}"] + started + ["", f"status {workday(last)}"] + status
    with open(plan, "w") as f:
        f.write("\n".join(out) + "\n")
    with open(truth, "w") as f:
        json.dump(true, f)


def check(plan, truth, cal, fc, fc0):
    true = json.load(open(truth))
    c = json.load(open(cal))
    teams = {t["id"]: t for t in c["teams"]}
    bad = []
    pl = teams["platform"]
    # The geometric mean of a symmetric draw sits about 1% below its
    # median, and 80 tasks estimate it within about 2% (one standard error).
    if pl["tasks"] != TRAIN or abs(pl["bias"] / BIAS - 1) > 0.03:
        bad.append(f"platform bias {pl['bias']} from {pl['tasks']} tasks, want {BIAS} within 3% from {TRAIN}")
    if teams["data"]["needs"] != 5 - TRAIN_DATA:
        bad.append(f"data needs {teams['data']['needs']}, want {5 - TRAIN_DATA}")

    def hit_rate(path):
        f = json.load(open(path))
        data_day = f["data_day"]
        met = 0
        for m in f["milestones"]:
            p85 = datetime.date.fromisoformat(m["p85"])
            # Working days from the data day through the P85 date.
            if true[m["id"]] <= index(p85) + 1 - data_day:
                met += 1
        return met / len(f["milestones"]), f

    rate, f = hit_rate(fc)
    rate0, _ = hit_rate(fc0)
    applied = {t["team"]: t["applied"] for t in f.get("calibration", [])}
    if applied != {"platform": True, "data": False}:
        bad.append(f"forecast --calibrate says {applied}")
    # 300 independent milestones: the hit rate's standard error is about
    # 2 points, the bias's own error moves all of them together by about
    # as much again, and whole days make a P85 cover a little more than
    # 85%: the band is 85% - 6 to 85% + 9.
    if not 0.79 <= rate <= 0.94:
        bad.append(f"calibrated P85 met {rate:.1%} of the time, want about 85% (79%..94%)")
    if rate0 > 0.5:
        bad.append(f"uncalibrated P85 met {rate0:.1%}: the generated bias does not show")
    print(f"platform bias {pl['bias']:.4f} from {pl['tasks']} tasks (true {BIAS}); "
          f"P85 met {rate:.1%} calibrated, {rate0:.1%} not, over {len(true)} milestones")
    for b in bad:
        print("FAIL:", b)
    return 1 if bad else 0


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    else:
        sys.exit(check(*sys.argv[2:7]))
