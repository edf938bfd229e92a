#!/usr/bin/env python3
"""consistency.py DIR: one vocabulary, the same answer in every command.

DIR holds what tests/consistency.sh collected for one plan at one status
date; each file is optional except schedule.json and status.json:

  schedule.json   baton schedule --json        (the reference for PLANNED)
  status.json     baton status --json          (the reference for P50/P85/chance)
  forecast.json   baton forecast --json
  forecast0.json  baton forecast --spread 0 --json   (PLANNED only)
  risks.json      baton risks --json
  milestones.ics  baton milestones --format ical
  report.html     baton report
  api-*.json, page.html   the same from `baton serve` (/api/*, /)

For every milestone (and the program end) each source must give the same
PLANNED date and slack under the name `planned`/`slack`, and each source
with a forecast the same P50, P85 and chance under `p50`/`p85`/`chance`;
every task the same planned start and finish. The RAG must be the one the
chance sets (an escalation may only raise green to amber), the report
and the API must show the status's headline, and no milestone may carry
the old names (forecast, schedule, date, day). Prints one line per
source, "ok SOURCE" or "FAIL SOURCE: what differs"; exit 1 on a failure.
"""
import html
import html.parser
import json
import math
import os
import sys

OLD_KEYS = ("forecast", "schedule", "schedule_day", "date", "day", "previous_forecast")


def pct(p):
    """A chance as the renderers print it (table.c: bt_fmt_chance)."""
    if p is None:
        return None
    if 0 < p < 0.01:
        return "<1%"
    if 0.99 < p < 1:
        return ">99%"
    return "%d%%" % math.floor(p * 100 + 1e-9)


class Source:
    """What one output says: milestone figures by id, task dates by id."""

    def __init__(self, name):
        self.name, self.ms, self.tasks, self.problems = name, {}, {}, []
        self.end = None  # the program end's figures
        self.headline = None
        self.note = None  # what was checked, when not figures

    def bad(self, msg):
        self.problems.append(msg)


def load(d, f):
    p = os.path.join(d, f)
    return json.load(open(p, encoding="utf-8")) if os.path.exists(p) else None


def figures(o, src, what, forecast=True):
    """planned/slack (and p50/p85/chance) of one milestone object."""
    for k in OLD_KEYS:
        if k in o:
            src.bad(f"{what} has the old key '{k}'")
    if "planned" not in o:
        src.bad(f"{what} has no 'planned'")
    r = {"planned": o.get("planned"), "slack": o.get("slack")}
    if forecast:
        for k in ("p50", "p85", "chance"):
            if k not in o:
                src.bad(f"{what} has no '{k}'")
            r[k] = o.get(k)
    return r


def old_keys_anywhere(v, src, path="$"):
    """No key of the old vocabulary anywhere ('forecast' only as a flag)."""
    if isinstance(v, dict):
        for k, x in v.items():
            if k in ("schedule", "schedule_day", "previous_forecast") or (k == "forecast" and not isinstance(x, bool)):
                src.bad(f"{path}.{k}: a key of the old vocabulary")
            old_keys_anywhere(x, src, f"{path}.{k}")
    elif isinstance(v, list):
        for i, x in enumerate(v):
            old_keys_anywhere(x, src, f"{path}[{i}]")


def from_schedule(j, name):
    s = Source(name)
    old_keys_anywhere(j, s)
    for m in j["milestones"]:
        s.ms[m["id"]] = figures(m, s, f"milestone {m['id']}", forecast=False)
    s.end = {"planned": j["end"], "slack": j.get("slack")}
    s.tasks = {t["id"]: (t["start"], t["finish"]) for t in j["tasks"]}
    return s


def from_forecast(j, name, forecast=True):
    s = Source(name)
    old_keys_anywhere(j, s)
    for m in j["milestones"]:
        s.ms[m["id"]] = figures(m, s, f"milestone {m['id']}", forecast)
    s.end = figures(j["end"], s, "end", forecast)
    return s


def from_status(j, name):
    s = Source(name)
    old_keys_anywhere(j, s)
    th = j["thresholds"]
    for m in j["milestones"] + [j["program_end"]]:
        f = figures(m, s, f"milestone {m['id']}")
        if m is j["program_end"]:
            s.end = f
        else:
            s.ms[m["id"]] = f
        # The RAG tells the chance's story: the thresholds set it, and an
        # escalated risk or an overdue decision may raise green to amber.
        c, rag = m.get("chance"), m.get("rag")
        if c is not None and rag is not None and not m.get("reached"):
            by = "green" if c >= th["green"] - 1e-9 else "amber" if c >= th["amber"] - 1e-9 else "red"
            if not (rag == by or (by == "green" and rag == "amber")):
                s.bad(f"{m['id']}: RAG {rag} but a {pct(c)} chance makes it {by}")
    s.tasks = {t["id"]: (t["start"], t["finish"]) for t in j["tasks"]}
    s.headline = j.get("headline")
    return s


def from_risks(j, name, status):
    s = Source(name)
    old_keys_anywhere(j, s)
    known = set(status.ms) | {status.program}
    for r in j["risks"]:
        if r["threatens"] is not None and r["threatens"] not in known:
            s.bad(f"risk {r['id']} threatens '{r['threatens']}', not a commitment of the plan")
    if j["as_of"] != status.as_of:
        s.bad(f"as_of {j['as_of']}, status says {status.as_of}")
    s.note = f"{len(j['risks'])} risks threaten commitments of the plan, as of {j['as_of']}"
    return s


def unfold_ics(text):
    lines = []
    for raw in text.split("\r\n"):
        if raw.startswith(" ") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def ics_text(v):
    out, i = [], 0
    while i < len(v):
        if v[i] == "\\" and i + 1 < len(v):
            out.append("\n" if v[i + 1] in "nN" else v[i + 1])
            i += 2
        else:
            out.append(v[i])
            i += 1
    return "".join(out)


def from_ical(path, name, program):
    """The figures in each event's description (and its day)."""
    s = Source(name)
    events, cur = [], None
    for line in unfold_ics(open(path, encoding="utf-8", newline="").read()):
        key, _, val = line.partition(":")
        if line == "BEGIN:VEVENT":
            cur = {}
        elif line == "END:VEVENT":
            events.append(cur)
            cur = None
        elif cur is not None:
            cur[key.split(";")[0]] = ics_text(val)
    for ev in events:
        uid = ev["UID"]
        if "+commit@" in uid:
            continue
        mid = uid.rsplit("@", 1)[0]
        reached = "\nReached: " in "\n" + ev["DESCRIPTION"]
        # A reached milestone's event gives the day it was reached, no forecast.
        f = {"planned": None, "slack": None, "rag": None}
        if not reached:
            f.update({"p50": None, "p85": None, "chance": None})
        for ln in ev["DESCRIPTION"].split("\n"):
            if ln.startswith("Planned: "):
                f["planned"] = ln[9:19]
                if ", slack " in ln:
                    f["slack"] = int(ln.split(", slack ")[1].split()[0])
            elif ln.startswith("Reached: "):
                f["planned"] = ln[9:19]
                if ", slack " in ln:
                    f["slack"] = int(ln.split(", slack ")[1].split()[0])
            elif ln.startswith("Forecast: P50 "):
                f["p50"], f["p85"] = ln[14:24], ln.split("P85 ")[1][:10]
                if "% chance" in ln:
                    f["chance"] = ln.split("; ")[1].split(" chance")[0]
            elif ln.startswith("RAG: "):
                f["rag"] = ln[5:].split(",")[0].rstrip(".").lower()
        day = ev["DTSTART"]
        day = f"{day[:4]}-{day[4:6]}-{day[6:8]}"
        if day != (f.get("p50") or f["planned"]):
            s.bad(f"{mid}: the event is on {day}, not on its P50 (or planned date)")
        if "forecast)" in ev["SUMMARY"]:
            s.bad(f"{mid}: the summary still calls the planned date a forecast")
        if f["rag"] and f["rag"].upper() not in ev["SUMMARY"]:
            s.bad(f"{mid}: the summary does not carry the RAG {f['rag']}")
        s.ms[mid] = f
    return s


class Report(html.parser.HTMLParser):
    """Milestone rows and marks, task bars and the headline of a report."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marks, self.rows, self.bars = {}, {}, {}
        self.cell, self.row, self.in_head, self.headline = None, None, False, ""

    def handle_starttag(self, tag, a):
        a = dict(a)
        cls = (a.get("class") or "").split()
        if tag == "g" and ("data-milestone" in a or "data-program" in a):
            self.marks[a.get("data-milestone") or ("program:" + a["data-program"])] = a
        elif tag == "rect" and "data-task" in a:
            self.bars[a["data-task"]] = (a.get("data-start"), a.get("data-finish"))
        elif tag == "tr" and ("data-ms" in a or "data-program" in a):
            self.row = a.get("data-ms") or ("program:" + a["data-program"])
            self.rows[self.row] = {}
        elif tag == "td" and self.row:
            self.cell = next((c for c in ("planned", "slack", "p50", "p85", "chance") if c in cls), None)
            if self.cell:
                self.rows[self.row][self.cell] = ""
                if "data-chance" in a:
                    self.rows[self.row]["chance_value"] = float(a["data-chance"])
        elif tag == "p" and "headline" in cls:
            self.in_head = True
        elif tag == "span" and self.in_head:
            self.in_head = "pill"

    def handle_endtag(self, tag):
        if tag == "td":
            self.cell = None
        elif tag == "tr":
            self.row = None
        elif tag == "p":
            self.in_head = False
        elif tag == "span" and self.in_head == "pill":
            self.in_head = True

    def handle_data(self, data):
        if self.cell and self.row:
            self.rows[self.row][self.cell] += data
        elif self.in_head is True:
            self.headline += data


def from_report(path, name, program):
    """The Gantt marks' data-* attributes, the milestone table's cells
    (as printed), the task bars and the headline."""
    s = Source(name)
    p = Report()
    p.feed(open(path, encoding="utf-8").read())
    s.headline = p.headline.strip()
    s.tasks = p.bars
    for key, a in p.marks.items():
        f = {"planned": a.get("data-planned"), "slack": int(a["data-slack"]) if "data-slack" in a else None,
             "p50": a.get("data-p50"), "p85": a.get("data-p85"),
             "chance": float(a["data-chance"]) if "data-chance" in a else None}
        row = p.rows.get(key)
        if row is None:
            s.bad(f"{key}: a Gantt mark but no milestone table row")
        else:
            shown = {"planned": row.get("planned"), "slack": row.get("slack", "").replace("+", ""),
                     "p50": row.get("p50"), "p85": row.get("p85"), "chance": row.get("chance")}
            want = {"planned": f["planned"], "slack": "\u2013" if f["slack"] is None else str(f["slack"]),
                    "p50": f["p50"], "p85": f["p85"],
                    "chance": None if "chance" not in row else "\u2013" if f["chance"] is None else pct(f["chance"])}
            for k in want:
                if k in ("p50", "p85", "chance") and k not in row:
                    continue
                if shown[k] != want[k]:
                    s.bad(f"{key}: the table shows {k} {shown[k]!r}, the Gantt mark {want[k]!r}")
            if "chance_value" in row and row["chance_value"] != f["chance"]:
                s.bad(f"{key}: the table's data-chance {row['chance_value']}, the Gantt mark's {f['chance']}")
        if key.startswith("program:"):
            s.end = f
        else:
            s.ms[key] = f
    return s


def compare(ref, src, keys, what):
    """src against ref on `keys` of every milestone and the end."""
    for mid, r in ref.ms.items():
        got = src.ms.get(mid)
        if got is None:
            src.bad(f"{mid}: missing")
            continue
        for k in keys:
            if k not in got:
                continue
            a, b = r.get(k), got[k]
            if k == "chance" and isinstance(b, str):
                a = pct(a)
            if isinstance(a, float) and isinstance(b, float):
                same = abs(a - b) < 1e-9
            else:
                same = a == b
            if not same:
                src.bad(f"{mid}: {k} {b!r}, {what} says {a!r}")
    for mid in src.ms:
        if mid not in ref.ms:
            src.bad(f"{mid}: not a milestone of {what}")
    if src.end is not None and ref.end is not None:
        for k in keys:
            if k in src.end and k in ref.end:
                a, b = ref.end[k], src.end[k]
                same = abs(a - b) < 1e-9 if isinstance(a, float) and isinstance(b, float) else a == b
                if not same:
                    src.bad(f"program end: {k} {b!r}, {what} says {a!r}")


def compare_tasks(ref, src, what):
    if src.tasks != ref.tasks:
        diff = sorted(set(ref.tasks.items()) ^ set(src.tasks.items()))[:4]
        src.bad(f"task dates differ from {what}: {diff}")


def main():
    d = sys.argv[1]
    sched_j, status_j = load(d, "schedule.json"), load(d, "status.json")
    if not sched_j or not status_j:
        print(f"FAIL {d}: schedule.json and status.json are needed")
        return 1
    sched = from_schedule(sched_j, "schedule --json")
    status = from_status(status_j, "status --json")
    status.program, status.as_of = status_j["program"], status_j["as_of"]
    program = status.program
    plan_keys, fc_keys = ("planned", "slack"), ("planned", "slack", "p50", "p85", "chance")
    compare(sched, status, plan_keys, "schedule --json")
    compare_tasks(sched, status, "schedule --json")
    sources = [sched, status]

    for prefix, label in (("", ""), ("api-", "serve /api/")):
        j = load(d, prefix + "schedule.json") if prefix else None
        if j:
            s = from_schedule(j, label + "schedule")
            compare(sched, s, plan_keys, "schedule --json")
            compare_tasks(sched, s, "schedule --json")
            sources.append(s)
        j = load(d, prefix + "status.json") if prefix else None
        if j:
            s = from_status(j, label + "status")
            compare(status, s, fc_keys, "status --json")
            compare_tasks(sched, s, "schedule --json")
            if s.headline != status.headline:
                s.bad(f"headline {s.headline!r}, status --json says {status.headline!r}")
            sources.append(s)
        j = load(d, prefix + "forecast.json")
        if j:
            s = from_forecast(j, label + "forecast" if prefix else "forecast --json")
            compare(sched, s, plan_keys, "schedule --json")
            compare(status, s, fc_keys, "status --json")
            sources.append(s)
        j = load(d, prefix + "risks.json")
        if j:
            sources.append(from_risks(j, label + "risks" if prefix else "risks --json", status))
    j = load(d, "forecast0.json")
    if j:
        s = from_forecast(j, "forecast --spread 0 --json", forecast=False)
        compare(sched, s, plan_keys, "schedule --json")
        sources.append(s)
    j = load(d, "api-version.json")
    if j is not None:
        s = Source("serve /api/version")
        if j.get("ok") is not True:
            s.bad(f"not ok: {j}")
        s.note = "the plan is ok"
        sources.append(s)
    if os.path.exists(os.path.join(d, "milestones.ics")):
        s = from_ical(os.path.join(d, "milestones.ics"), "milestones --format ical", program)
        compare(status, s, fc_keys, "status --json")
        for mid, f in s.ms.items():
            want = status_j_rag(status_j, mid)
            if f["rag"] != want:
                s.bad(f"{mid}: RAG {f['rag']}, status says {want}")
        sources.append(s)
    for f, label in (("report.html", "report"), ("page.html", "serve /")):
        if os.path.exists(os.path.join(d, f)):
            s = from_report(os.path.join(d, f), label, program)
            compare(sched, s, plan_keys, "schedule --json")
            compare(status, s, fc_keys, "status --json")
            compare_tasks(sched, s, "schedule --json")
            if html.unescape(s.headline) != status.headline:
                s.bad(f"headline {s.headline!r}, status --json says {status.headline!r}")
            sources.append(s)

    failed = 0
    for s in sources:
        if s.problems:
            failed = 1
            print(f"FAIL {s.name}: " + "; ".join(s.problems[:6]) + (" ..." if len(s.problems) > 6 else ""))
        else:
            print(f"ok {s.name}: " + (s.note or f"{len(s.ms)} milestones{' and the program end' if s.end else ''}"
                                      f"{f', {len(s.tasks)} tasks' if s.tasks else ''}"))
    return failed


def status_j_rag(j, mid):
    for m in j["milestones"]:
        if m["id"] == mid:
            return None if m.get("reached") else m.get("rag")
    return None


if __name__ == "__main__":
    sys.exit(main())
