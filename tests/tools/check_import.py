#!/usr/bin/env python3
"""check_import.py: an independent check of `baton import jira|csv`.

Reads the export (Jira CSV, Jira search-API JSON, or a spreadsheet CSV)
with Python's own csv/json modules, and the imported plan as text, and
checks, from the formats' documentation and docs/interop.md (nothing is
shared with src/lib): every issue is a task whose `source` is its key, or an
epic reported as a workstream; every Blocks link between two tasks is an
`after` on the blocked issue; estimates are the original estimate in days
of HOURS hours rounded up (else the given days); done issues are `done`,
in-progress ones `started`.

usage: check_import.py jira|csv EXPORT PLAN [HOURS [SUMMARY]]
SUMMARY, the import's stderr: every epic and every Blocks link to an issue
outside the export must be listed there (dropped, but reported).
Prints "ok N issues" or the problems, exit 1.
"""
import csv, json, math, re, sys

fmt, export, plan_path = sys.argv[1:4]
hours = int(sys.argv[4]) if len(sys.argv) > 4 else 8
summary = open(sys.argv[5], encoding="utf-8").read() if len(sys.argv) > 5 else None

def seconds(v):
    v = v.strip()
    if not v:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", v):
        return float(v)
    unit = {"w": 5 * hours * 3600, "d": hours * 3600, "h": 3600, "m": 60}
    return sum(float(n) * unit[u] for n, u in re.findall(r"(\d+(?:\.\d+)?)\s*([wdhm])", v))

issues = {}  # key -> dict(epic, est, state, blocks=set of successor keys)
def issue(key):
    return issues.setdefault(key, {"epic": False, "est": None, "state": "todo", "pred": set()})

if fmt == "jira" and export.endswith(".json"):
    text = open(export, encoding="utf-8").read()
    dec, pos, pages = json.JSONDecoder(), 0, []
    while pos < len(text):
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        obj, pos = dec.raw_decode(text, pos)
        pages += obj if isinstance(obj, list) else [obj]
    for page in pages:
        for js in page["issues"]:
            f, it = js["fields"], issue(js["key"])
            it["epic"] = f.get("issuetype", {}).get("name", "").lower() == "epic"
            if f.get("timeoriginalestimate") is not None:
                it["est"] = math.ceil(f["timeoriginalestimate"] / (hours * 3600))
            cat = f.get("status", {}).get("statusCategory", {}).get("key")
            it["state"] = {"done": "done", "indeterminate": "started"}.get(cat, "todo")
            for l in f.get("issuelinks", []):
                if l["type"]["name"].lower() != "blocks":
                    continue
                if "outwardIssue" in l:
                    issues[js["key"]].setdefault("succ", set()).add(l["outwardIssue"]["key"])
                else:
                    it["pred"].add(l["inwardIssue"]["key"])
elif fmt == "jira":
    with open(export, newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    head = [h.strip().lower() for h in rows[0]]
    def col(*names):
        for n in names:
            if n.lower() in head:
                return head.index(n.lower())
        return None
    k, ty, st, cat, res = col("Issue key"), col("Issue Type"), col("Status"), col("Status Category"), col("Resolution")
    oe = col("Original estimate")
    for r in rows[1:]:
        if not any(r):
            continue
        r += [""] * (len(head) - len(r))
        it = issue(r[k])
        it["epic"] = r[ty].lower() == "epic"
        s = seconds(r[oe]) if oe is not None else None
        if s is not None:
            it["est"] = math.ceil(s / (hours * 3600) - 1e-9)
        c = r[cat].lower() if cat is not None else ""
        if c:
            it["state"] = {"done": "done", "in progress": "started"}.get(c, "todo")
        elif res is not None and r[res] and r[res] != "Unresolved":
            it["state"] = "done"
        elif r[st].lower() in ("in progress", "in review"):
            it["state"] = "started"
        for i, h in enumerate(head):
            if not r[i] or not h.endswith("issue link (blocks)"):
                continue
            if h.startswith("outward"):
                it.setdefault("succ", set()).add(r[i])
            else:
                it["pred"].add(r[i])
else:
    with open(export, newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        it = issue(r["Key"])
        d = r.get("Days", "").strip()
        if d:
            m = re.fullmatch(r"(\d+)/(\d+)/(\d+)", d) or re.fullmatch(r"(\d+)([dw]?)", d)
            it["est"] = int(m.group(2)) if "/" in d else int(m.group(1)) * (5 if m.group(2) == "w" else 1)
        for p in re.split(r"[,;]", r.get("Depends on", "")):
            if p.strip():
                it["pred"].add(p.strip())
outside = []  # (issue, key outside the export)
for key, it in list(issues.items()):
    for s in it.pop("succ", set()):
        if s in issues:
            issues[s]["pred"].add(key)
        else:
            outside.append((key, s))
for key, it in list(issues.items()):
    outside += [(key, p) for p in it["pred"] if p not in issues]

# The plan, as text: task blocks, their source, estimate and after lists.
tasks, status = {}, {}
cur = None
for line in open(plan_path, encoding="utf-8"):
    m = re.match(r'task (\S+)', line)
    if m:
        cur = tasks[m.group(1)] = {"after": set()}
        continue
    if not line.startswith(" "):
        cur = None
    m = re.match(r'  (\S+) (done|started) ', line)
    if m and cur is None:
        status[m.group(1)] = m.group(2)
        continue
    if cur is None:
        continue
    m = re.search(r'source "((?:[^"\\]|\\.)*)"', line)
    if m:
        cur["source"] = m.group(1)
    m = re.search(r'estimate (\d+)d(?: (\d+)d (\d+)d)?', line)
    if m:
        cur["est"] = int(m.group(2) or m.group(1))
    m = re.match(r'\s+after (.*)', line)
    if m:
        cur["after"] |= {d.strip().split()[0] for d in m.group(1).split(",") if d.strip()}

by_source = {t["source"]: (tid, t) for tid, t in tasks.items()}
problems = []
for key, it in issues.items():
    if "epic" not in it or key not in by_source and not it["epic"]:
        if it.get("epic") is False and key not in by_source:
            problems.append(f"{key}: no task with source \"{key}\"")
        continue
    if it["epic"]:
        if key in by_source:
            problems.append(f"{key}: an epic imported as a task")
        continue
    tid, t = by_source[key]
    if it["est"] is not None and t.get("est") != it["est"]:
        problems.append(f"{key}: estimate {t.get('est')}d, expected {it['est']}d")
    want = it["state"]
    got = status.get(tid, "todo")
    if want != got:
        problems.append(f"{key}: status {got}, expected {want}")
    for p in it["pred"]:
        if p in by_source and not issues.get(p, {}).get("epic"):
            if by_source[p][0] not in t["after"]:
                problems.append(f"{key}: no 'after {by_source[p][0]}' for the link from {p}")
    for a in t["after"]:
        src = tasks[a]["source"] if a in tasks else a
        if src not in it["pred"] and fmt == "jira":
            problems.append(f"{key}: 'after {a}' that no Blocks link gives")
if summary is not None:
    line = {l.split(":", 1)[0].strip(): l for l in summary.splitlines()}
    for key, it in issues.items():
        if it["epic"] and not re.search(r"\b%s\b" % re.escape(key.lower()), line.get("epics (workstreams)", "")):
            problems.append(f"{key}: an epic not reported in the summary")
    for key, other in outside:
        if other not in line.get("links to issues outside the export", ""):
            problems.append(f"{key}: its link to {other}, outside the export, is not reported")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"ok {len(issues)} issues")
