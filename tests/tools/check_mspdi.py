#!/usr/bin/env python3
"""check_mspdi.py: an independent check of baton's MS Project XML import and
export. It shares nothing with src/lib: the XML is read with Python's
xml.etree, the plan with a small reader of its own, and the rules are the
format's documentation (Microsoft, "Project XML Data Interchange Schema
Reference", mspdi_pj12.xsd):

  Duration        xsd:duration of working time, PTnHnMnS; MinutesPerDay
                  (480 unless the project says otherwise) makes a day
  PredecessorLink Type 0=FF 1=FS 2=SF 3=SS; LinkLag in tenths of a minute;
                  LagFormat 3=m 4=em 5=h 6=eh 7=d 8=ed 9=w 10=ew 11=mo
                  12=emo 19=% 20=e% (35-52 the same, estimated); elapsed
                  formats count 24-hour calendar days
  OutlineLevel    tasks in outline order; a task followed by a deeper one
                  is a summary task
  Deadline        a date (a milestone's is its commitment)

Modes:
  check_mspdi.py mspdi FILE.xml PLAN.baton
      every task, milestone, duration, link, lag and deadline of the XML is
      in the plan (matched by the plan's `source "UID:N"` attributes or the
      "baton id" field), and the plan has no link the XML does not have
  check_mspdi.py planner PLANNER.xml FILE.xml PLAN.baton
      the output of Planner's msp2planner.xsl on FILE.xml (exported from
      PLAN) has every task and milestone of the plan with its duration,
      and every link with its type and lag (Planner: seconds)
  check_mspdi.py schedule A.json B.json
      two `baton schedule --json` outputs (a plan, and the import of its
      export) give every task the same start and finish, every milestone
      the same planned date and commitment, the program the same dates
Prints what differs; exits 1 when anything does.
"""
import json
import math
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://schemas.microsoft.com/project}"
TYPES = {0: "ff", 1: "fs", 2: "sf", 3: "ss"}
problems = []


def bad(msg):
    problems.append(msg)


# ------------------------------------------------------------- the plan

TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|[,:]|[^\s,:"]+')


def tokens(line):
    """The tokens of a plan line, without its comment."""
    out, comment = [], None
    i = 0
    while i < len(line):
        if line[i] == "#":
            comment = line[i + 1:].strip()
            break
        m = TOKEN.match(line, i)
        if not m:
            i += 1
            continue
        if m.group(0).strip():
            out.append(m.group(0))
        i = m.end()
        while i < len(line) and line[i] in " \t":
            i += 1
    return out, comment


def days(tok):
    """A duration or lag of the plan language: working days."""
    m = re.fullmatch(r"([+-]?)(\d+)([dw])", tok)
    if not m:
        return None
    n = int(m.group(2)) * (5 if m.group(3) == "w" else 1)
    return -n if m.group(1) == "-" else n


def read_plan(path):
    """Tasks and milestones: id -> {kind, title, estimate, after, commit,
    deadline, uid}; status re-estimates applied in date order."""
    items, order = {}, []
    cur, kind = None, None
    reest = []
    status_date = None
    pending_after = False
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        toks, comment = tokens(line)
        if not toks:
            continue
        if line[0] not in " \t":
            kind = toks[0]
            cur = None
            pending_after = False
            if kind in ("task", "milestone"):
                cur = {"kind": kind, "title": None, "estimate": None, "after": [], "commit": None,
                       "deadline": None, "uid": None, "id": toks[1]}
                if len(toks) > 2 and toks[2].startswith('"'):
                    cur["title"] = toks[2][1:-1].replace('\\"', '"').replace("\\\\", "\\")
                    toks = toks[3:]
                else:
                    toks = toks[2:]
                if comment:
                    m = re.search(r"source UID (\d+)", comment)
                    if m:
                        cur["uid"] = int(m.group(1))
                items[cur["id"]] = cur
                order.append(cur["id"])
            elif kind == "status":
                status_date = toks[1]
                continue
            else:
                continue
        elif kind == "status":
            if len(toks) >= 3 and toks[1] == "estimate":
                ests = [days(t) for t in toks[2:]]
                reest.append((status_date, toks[0], ests[1] if len(ests) == 3 else ests[0]))
            continue
        if cur is None:
            continue
        i = 0
        while i < len(toks):
            t = toks[i]
            if pending_after or t == "after":
                if not pending_after:
                    i += 1
                pending_after = False
                while i < len(toks):
                    dep = {"id": toks[i], "type": "fs", "lag": 0}
                    i += 1
                    if i < len(toks) and toks[i] in ("fs", "ss", "ff", "sf"):
                        dep["type"] = toks[i]
                        i += 1
                    if i < len(toks) and toks[i][0] in "+-" and days(toks[i]) is not None:
                        dep["lag"] = days(toks[i])
                        i += 1
                    cur["after"].append(dep)
                    if i < len(toks) and toks[i] == ",":
                        i += 1
                        if i == len(toks):
                            pending_after = True
                        continue
                    break
                continue
            if t == "estimate":
                vals = []
                i += 1
                while i < len(toks) and days(toks[i]) is not None and toks[i][0] not in "+-":
                    vals.append(days(toks[i]))
                    i += 1
                cur["estimate"] = vals[1] if len(vals) == 3 else vals[0]
                continue
            if t == "source" and i + 1 < len(toks):
                m = re.fullmatch(r'"UID:(\d+)"', toks[i + 1])
                if m:
                    cur["uid"] = int(m.group(1))
                i += 2
                continue
            if t in ("commit", "deadline", "not-before") and i + 1 < len(toks):
                if t != "not-before":
                    cur[t] = toks[i + 1]
                i += 2
                continue
            i += 1
    for _, tid, est in sorted(reest, key=lambda x: x[0]):
        if tid in items:
            items[tid]["estimate"] = est
    return items, order


# ------------------------------------------------------------- the XML

def text(el, name, default=None):
    k = el.find(NS + name)
    return k.text.strip() if k is not None and k.text is not None else default


def seconds(iso):
    m = re.fullmatch(r"-?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?", iso)
    if not m:
        raise ValueError("bad duration " + iso)
    d, h, mi, s = (float(x) if x else 0.0 for x in m.groups())
    return d * 86400 + h * 3600 + mi * 60 + s


def read_mspdi(path):
    root = ET.parse(path).getroot()
    if root.tag != NS + "Project":
        bad(f"{path}: the root is {root.tag}, not Project in the MSPDI namespace")
    mpd = int(text(root, "MinutesPerDay", "480"))
    start = (text(root, "StartDate") or "")[:10]
    # working weekdays of the project calendar (DayType 1 = Sunday)
    per_week = 5
    cal_uid = text(root, "CalendarUID")
    for cal in root.iter(NS + "Calendar"):
        if text(cal, "UID") == cal_uid:
            flags = [text(wd, "DayWorking") for wd in cal.iter(NS + "WeekDay") if text(wd, "DayType") != "0"]
            if flags:
                per_week = sum(1 for f in flags if f in ("1", "true"))
    id_field = None
    for ea in root.iter(NS + "ExtendedAttribute"):
        if text(ea, "Alias") == "baton id":
            id_field = text(ea, "FieldID")
    tasks = []
    for t in root.find(NS + "Tasks") or []:
        if t.tag != NS + "Task":
            continue
        tasks.append(t)
    info = []
    for t in tasks:
        uid = int(text(t, "UID"))
        level = int(text(t, "OutlineLevel", "1"))
        skip = uid == 0 or level == 0 or text(t, "IsNull") in ("1", "true") or text(t, "Active") in ("0", "false")
        baton_id = None
        for ea in t.findall(NS + "ExtendedAttribute"):
            if id_field and text(ea, "FieldID") == id_field:
                baton_id = text(ea, "Value")
        info.append({"el": t, "uid": uid, "level": level, "skip": skip, "id": baton_id,
                     "name": text(t, "Name", ""), "ID": text(t, "ID"),
                     "milestone": text(t, "Milestone") in ("1", "true")})
    live = [x for x in info if not x["skip"]]
    for a, b in zip(live, live[1:]):
        a["summary"] = b["level"] > a["level"]
    if live:
        live[-1]["summary"] = False
    return root, mpd, per_week, start, info


def expected_lag(lag, fmt, mpd, per_week):
    """The lag in working days, by the schema's LagFormat."""
    if fmt in (19, 20, 51, 52):
        return 0  # percent lags: not supported, the link is kept without one
    elapsed = (4 <= fmt <= 12 or 36 <= fmt <= 44) and fmt % 2 == 0
    d = lag / 14400 * per_week / 7 if elapsed else lag / (10 * mpd)
    return int(math.floor(d + 0.5))


def check_mspdi(xml_path, plan_path):
    root, mpd, per_week, start, info = read_mspdi(xml_path)
    items, _ = read_plan(plan_path)
    by_uid = {x["uid"]: x for x in info}
    plan_of = {}
    by_plan_uid = {v["uid"]: v for v in items.values() if v["uid"] is not None}
    for x in info:
        if x["skip"] or x["summary"]:
            continue
        p = items.get(x["id"]) if x["id"] else None
        p = p or by_plan_uid.get(x["uid"])
        if not p:
            bad(f"UID {x['uid']} '{x['name']}' is not in the plan")
            continue
        plan_of[x["uid"]] = p
    for uid, p in plan_of.items():
        x = by_uid[uid]
        t = x["el"]
        want_kind = "milestone" if x["milestone"] else "task"
        if p["kind"] != want_kind:
            bad(f"{p['id']}: a {p['kind']}, the XML has a {want_kind}")
        # a plan string is one line: control characters become spaces
        one_line = "".join(" " if ord(ch) < 0x20 or ord(ch) == 0x7f else ch for ch in x["name"])
        if x["name"] and p["title"] != one_line:
            bad(f"{p['id']}: title {p['title']!r}, the XML's Name is {x['name']!r}")
        if want_kind == "task":
            dur = text(t, "Duration")
            want = math.ceil(seconds(dur) / (60 * mpd)) if dur else 0
            if p["estimate"] != want:
                bad(f"{p['id']}: estimate {p['estimate']}d, the XML's Duration {dur} is {want}d")
        dl = (text(t, "Deadline") or "")[:10]
        got = p["commit"] if want_kind == "milestone" else p["deadline"]
        if dl and dl >= start and got != dl:
            bad(f"{p['id']}: {'commit' if want_kind == 'milestone' else 'deadline'} {got}, the XML's Deadline is {dl}")
        if not dl and got:
            bad(f"{p['id']}: has {got}, the XML has no Deadline")
        want_links = {}
        for pl in t.findall(NS + "PredecessorLink"):
            puid = int(text(pl, "PredecessorUID"))
            if puid not in plan_of or text(pl, "CrossProject") in ("1", "true"):
                continue  # a summary, inactive or missing task: reported, not imported
            if puid == uid or plan_of[puid]["id"] in want_links:
                continue
            typ = TYPES[int(text(pl, "Type", "1"))]
            lag = expected_lag(int(text(pl, "LinkLag", "0")), int(text(pl, "LagFormat", "7")), mpd, per_week)
            want_links[plan_of[puid]["id"]] = (typ, lag)
        got_links = {d["id"]: (d["type"], d["lag"]) for d in p["after"]}
        for k, v in want_links.items():
            if got_links.get(k) != v:
                bad(f"{p['id']}: link after {k} is {got_links.get(k)}, the XML says {v}")
        for k in got_links:
            if k not in want_links:
                bad(f"{p['id']}: link after {k} is not in the XML")
    extra = [i for i, v in items.items() if v not in plan_of.values()]
    if extra:
        bad(f"the plan has tasks the XML does not: {extra}")
    return len(plan_of)


def check_planner(planner_path, xml_path, plan_path):
    """Planner's own reading of the export against the plan."""
    _, _, _, _, info = read_mspdi(xml_path)
    items, _ = read_plan(plan_path)
    ms_id = {x["id"]: x["ID"] for x in info if x["id"]}
    proot = ET.parse(planner_path).getroot()
    ptasks = {t.get("id"): t for t in proot.iter("task")}
    for pid, p in items.items():
        if pid not in ms_id or ms_id[pid] not in ptasks:
            bad(f"{pid}: not in Planner's output")
            continue
        pt = ptasks[ms_id[pid]]
        title = p["title"] or pid
        if pt.get("name") != title:
            bad(f"{pid}: Planner's name {pt.get('name')!r}, the plan's {title!r}")
        kind = "milestone" if p["kind"] == "milestone" else "normal"
        if pt.get("type") != kind:
            bad(f"{pid}: Planner's type {pt.get('type')}, expected {kind}")
        want_dur = (p["estimate"] or 0) * 8 * 3600
        if float(pt.get("duration")) != want_dur:
            bad(f"{pid}: Planner's duration {pt.get('duration')} s, the plan's {p['estimate']}d is {want_dur} s")
        got = {}
        preds = pt.find("predecessors")
        for pr in (preds if preds is not None else []):
            got[pr.get("predecessor-id")] = (pr.get("type"), float(pr.get("lag")))
        want = {}
        for d in p["after"]:
            if d["id"] not in ms_id:
                bad(f"{pid}: predecessor {d['id']} has no MSPDI ID")
                continue
            want[ms_id[d["id"]]] = (d["type"].upper(), float(d["lag"] * 8 * 3600))
        if got != want:
            bad(f"{pid}: Planner's links {sorted(got.items())}, the plan's {sorted(want.items())}")
    if len(ptasks) < len(items):
        bad(f"Planner has {len(ptasks)} tasks, the plan {len(items)} tasks and milestones")
    return len(items)


def check_schedules(a_path, b_path):
    a, b = json.load(open(a_path)), json.load(open(b_path))
    for kind, fields in (("tasks", ("start", "finish", "state")), ("milestones", ("planned", "commit"))):
        A = {t["id"]: t for t in a[kind]}
        B = {t["id"]: t for t in b[kind]}
        if set(A) != set(B):
            bad(f"{kind} differ: {sorted(set(A) ^ set(B))}")
        for i in sorted(set(A) & set(B)):
            for f in fields:
                if A[i].get(f) != B[i].get(f):
                    bad(f"{i}: {f} {A[i].get(f)} then {B[i].get(f)}")
    for f in ("start", "end", "commit", "as_of"):
        if a.get(f) != b.get(f):
            bad(f"program {f}: {a.get(f)} then {b.get(f)}")
    return len(a["tasks"]) + len(a["milestones"])


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "mspdi":
        n = check_mspdi(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "schedule":
        n = check_schedules(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "planner":
        n = check_planner(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for p in problems:
        print(p)
    if not problems:
        print(f"ok: {n} tasks and milestones")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
