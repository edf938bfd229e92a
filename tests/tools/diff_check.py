#!/usr/bin/env python3
"""tests/tools/diff_check.py: checks of `baton diff --json` (tests/diff.sh).

  diff_check.py consistency DIFF.json STATUS_OLD.json STATUS_NEW.json FORECAST_OLD.json FORECAST_NEW.json
      Each side's figures in the diff are the ones `status --json` and
      `forecast --json` print for that plan alone: commit, PLANNED, P50,
      P85, chance and RAG of every milestone and of the program end, and
      every delta is new minus old. Prints one "ok ..." or "bad ..." line
      per check.
  diff_check.py same DIFF.json
      Two identical plans: no change, nothing moved, every figure equal.
"""
import json
import sys


def load(p):
    with open(p) as f:
        return json.load(f)


def out(good, what):
    print(("ok " if good else "bad ") + what)


def consistency(d, so, sn, fo, fn):
    for side, st, fc in (("old", so, fo), ("new", sn, fn)):
        st_ms = {m["id"]: m for m in st["milestones"]}
        fc_ms = {m["id"]: m for m in fc["milestones"]}
        items = [(m["id"], m[side], st_ms.get(m["id"]), fc_ms.get(m["id"])) for m in d["milestones"]]
        items.append(("program end", d["program_end"][side], st["program_end"], fc["end"]))
        for mid, fig, s, f in items:
            if fig is None:
                out(s is None and f is None, "%s %s absent on both" % (side, mid))
                continue
            if s is None or f is None:
                out(False, "%s %s missing from status or forecast" % (side, mid))
                continue
            for k in ("commit", "planned", "p50", "p85", "chance", "rag"):
                out(fig[k] == s.get(k), "%s %s %s: diff %r, status %r" % (side, mid, k, fig[k], s.get(k)))
            for k in ("p50", "p85", "chance"):
                out(fig[k] == f.get(k), "%s %s %s: diff %r, forecast %r" % (side, mid, k, fig[k], f.get(k)))
            out(fig["planned"] == f.get("planned"), "%s %s planned: diff %r, forecast %r" % (side, mid, fig["planned"], f.get("planned")))
        out(d[side]["as_of"] == st["as_of"], "%s as_of: diff %r, status %r" % (side, d[side]["as_of"], st["as_of"]))
        out(d[side]["rag"] == st["rag"], "%s rag: diff %r, status %r" % (side, d[side]["rag"], st["rag"]))
    # The chance delta is new minus old as printed.
    for m in d["milestones"] + [d["program_end"]]:
        if m["old"] and m["new"] and m["old"]["chance"] is not None and m["new"]["chance"] is not None:
            want = round(m["new"]["chance"] - m["old"]["chance"], 4)
            out(abs(m["delta"]["chance"] - want) < 1e-9, "%s chance delta %r = %r" % (m["id"], m["delta"]["chance"], want))


def same(d):
    out(d["changed"] is False, "changed is false")
    out(d["changes"] == [], "no changes")
    out(d["moved"] == 0, "nothing moved")
    for m in d["milestones"] + [d["program_end"]]:
        out(m["change"] == "same", "%s same" % m["id"])
        out(m["old"] == m["new"], "%s figures equal: %r %r" % (m["id"], m["old"], m["new"]))
        dl = m["delta"]
        out(all(v in (0, None) for v in dl.values()), "%s deltas zero: %r" % (m["id"], dl))


def main():
    if sys.argv[1] == "consistency":
        consistency(*[load(p) for p in sys.argv[2:7]])
    elif sys.argv[1] == "same":
        same(load(sys.argv[2]))
    else:
        sys.exit("usage: diff_check.py consistency|same ...")


main()
