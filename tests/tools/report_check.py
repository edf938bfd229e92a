#!/usr/bin/env python3
"""report_check.py HTML PLAN [--slips N | --rollup]: check a `baton report` page.

- well-formed enough: every tag closed in order (html.parser), one <html>;
- self-contained: no http(s) fetches (<script src>, <link href>, url(http..),
  <img src=http..>, @import) and one inline <script>, baton's own zoom and
  pan of the wide figures (no src, no handler attributes, no eval);
- one Gantt bar per task, one milestone marker per milestone, one map node
  per task and milestone, one map edge per dependency, counted from the
  plan text (an independent reading of its `after` lists);
- every data-task / data-milestone / data-id names a declared item.
With --rollup, a plan too big to draw task by task: the page says so at the
top; no task bar, map node or edge is drawn at load; the Gantt has one bar
per workstream (per team when the plan names no workstream), named and
counted as the plan text groups its tasks; each group's drill-down data
lists exactly its tasks; the link matrix counts every task-to-task
dependency once; and the two inline scripts are the zoom and the
drill-down, the rest JSON data blocks.
Prints "ok: ..." or the problems, exit status 0 or 1.
"""
import html.parser
import re
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Balance(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags = [], [], {}
        self.attrs = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.attrs.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.attrs.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack:
            self.errors.append(f"</{tag}> at {self.getpos()} closes nothing")
            return
        top, pos = self.stack.pop()
        if top != tag:
            self.errors.append(f"</{tag}> at {self.getpos()} closes <{top}> from {pos}")


def plan_items(text):
    """Tasks, milestones and the number of dependencies of the plan."""
    tasks, ms, deps = [], [], 0
    blocks, cur = [], None
    for line in text.split("\n"):
        # Drop strings and comments.
        line = re.sub(r'"(\\.|[^"\\])*"', ' "" ', line)
        line = line.split("#", 1)[0]
        if not line.strip():
            continue
        if not line[0].isspace():
            cur = [line.split()[0], line.split()[1:]]
            blocks.append(cur)
        elif cur is not None:
            cur[1].extend(line.split())
    for kind, toks in blocks:
        if kind not in ("task", "milestone") or not toks:
            continue
        (tasks if kind == "task" else ms).append(toks[0])
        t = []
        for tok in toks[1:]:
            parts = tok.split(",")
            for i, p in enumerate(parts):
                if p:
                    t.append(p)
                if i + 1 < len(parts):
                    t.append(",")
        i = 0
        while i < len(t):
            if t[i] == "after":
                i += 1
                while i < len(t):
                    deps += 1  # an id
                    i += 1
                    if i < len(t) and t[i] in ("fs", "ss", "ff", "sf"):
                        i += 1
                    if i < len(t) and t[i][:1] in "+-" and len(t[i]) > 1:
                        i += 1
                    if i < len(t) and t[i] == ",":
                        i += 1
                        continue
                    break
                continue
            i += 1
    return tasks, ms, deps


def task_groups(text):
    """Each task's group as the report names it (its workstream, else its
    team's title when the plan has no workstream at all) and its task
    predecessors, read from the plan text on its own."""
    titles, tasks, cur = {}, [], None
    for line in text.split("\n"):
        code = line.split("#", 1)[0] if '"' not in line else line
        m = re.match(r'team\s+(\S+)(?:\s+"((?:\\.|[^"\\])*)")?', code)
        if m:
            titles[m.group(1)] = m.group(2) or m.group(1)
            cur = None
            continue
        m = re.match(r'task\s+(\S+)', code)
        if m:
            cur = {"id": m.group(1), "ws": None, "team": None, "after": []}
            tasks.append(cur)
            continue
        if code and not code[0].isspace():
            cur = None
            continue
        if cur is None:
            continue
        m = re.search(r'\bworkstream\s+(?:"((?:\\.|[^"\\])*)"|(\S+))', code)
        if m:
            cur["ws"] = m.group(1) if m.group(1) is not None else m.group(2)
        m = re.search(r'\bteam\s+(\S+)', re.sub(r'"(\\.|[^"\\])*"', '""', code))
        if m:
            cur["team"] = m.group(1)
        m = re.search(r'\bafter\s+(.*)', code)
        if m:
            for part in m.group(1).split(","):
                if part.split():
                    cur["after"].append(part.split()[0])
    by_ws = any(t["ws"] is not None for t in tasks)
    # More than 200 groups are no summary: teams then (rollup.h).
    if by_ws and len({t["ws"] for t in tasks}) > 200:
        by_ws = False
    for t in tasks:
        t["group"] = (t["ws"] if t["ws"] is not None else "No workstream") if by_ws else \
            titles.get(t["team"], "No team")
    return tasks, by_ws


def check_rollup(page, plan_text, b, bad):
    import html as htmlmod
    import json
    tasks, by_ws = task_groups(plan_text)
    ids = {t["id"] for t in tasks}
    groups = {}
    for t in tasks:
        groups.setdefault(t["group"], []).append(t["id"])
    what = "workstream" if by_ws else "team"
    n = len(tasks)
    notice = f"This plan has {n:,} tasks: the Gantt shows {len(groups):,} {what}s; click one to see its tasks."
    if notice not in page:
        bad.append(f"the notice is missing: {notice!r}")
    for pat, what_ in ((r'<rect class="bar[ "]', "task bars"), (r'<g class="node[ "]', "map nodes"),
                       (r'<path class="edge[ "]', "map edges")):
        if re.search(pat, page):
            bad.append(f"{what_} drawn at load on a rolled-up page")
    bars = {}
    for tag, a in b.attrs:
        if tag == "rect" and "wsbar" in a.get("class", "").split():
            bars[a["data-ws"]] = int(a["data-tasks"])
    want = {g: len(v) for g, v in groups.items()}
    if bars != want:
        diff = sorted(set(bars.items()) ^ set(want.items()))[:5]
        bad.append(f"{len(bars)} {what} bars for {len(want)} {what}s; differing: {diff}")
    blocks = re.findall(r'<details class="ws" data-ws="([^"]*)"[^>]*>.*?<script type="application/json" '
                        r'class="wsdata">(.*?)</script></details>', page, re.S)
    seen = set()
    for name, data in blocks:
        name = htmlmod.unescape(name)
        rows = json.loads(data)
        got = [r[0] for r in rows]
        if sorted(got) != sorted(groups.get(name, [])):
            bad.append(f"drill-down of {name!r}: {len(got)} tasks, the plan puts {len(groups.get(name, []))} in it")
        seen.update(got)
    if len(blocks) != len(groups) or seen != ids:
        bad.append(f"drill-down data: {len(blocks)} groups holding {len(seen)} tasks, expected {len(groups)} and {n}")
    group = {t["id"]: t["group"] for t in tasks}
    pairs = {}
    for t in tasks:
        for u in t["after"]:
            if u in ids:
                key = (group[u], t["group"])
                pairs[key] = pairs.get(key, 0) + 1
    cells = {(htmlmod.unescape(a["data-from"]), htmlmod.unescape(a["data-to"])): int(a["data-links"])
             for tag, a in b.attrs if tag in ("g", "tr") and "data-links" in a}
    links = sum(cells.values())
    if len(groups) <= 100:
        if cells != pairs:
            bad.append(f"the link matrix counts {links} links in {len(cells)} cells, the plan has "
                       f"{sum(pairs.values())} in {len(pairs)} pairs of {what}s")
    else:
        # The busiest pairs between two groups, at most 30: each count
        # right, none left out that has more links than one shown.
        cross = {k: v for k, v in pairs.items() if k[0] != k[1]}
        wrong = [k for k, v in cells.items() if cross.get(k) != v]
        rest = max([v for k, v in cross.items() if k not in cells] or [0])
        if not 0 < len(cells) <= 30 or wrong or (cells and rest > min(cells.values())):
            bad.append(f"busiest pairs: {len(cells)} listed, {len(wrong)} miscounted, one left out has {rest} links")
    return len(bars), len(blocks), links


def main():
    path, plan = sys.argv[1], sys.argv[2]
    slips = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--slips" else None
    rollup = len(sys.argv) > 3 and sys.argv[3] == "--rollup"
    page = open(path, encoding="utf-8").read()
    plan_text = open(plan, encoding="utf-8").read()
    tasks, ms, deps = plan_items(plan_text)
    bad = []
    b = Balance()
    b.feed(page)
    b.close()
    bad += b.errors[:10]
    if b.stack:
        bad.append("unclosed: " + ", ".join(f"<{t}> {p}" for t, p in b.stack[:5]))
    if b.tags.get("html") != 1 or b.tags.get("body") != 1:
        bad.append("expected one <html> and one <body>")
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.S | re.I)
    code = [sc for sc in scripts if 'type="application/json"' not in sc[0]]
    if rollup:
        if len(code) != 2 or any(sc[0].strip() for sc in code) or \
                "document.querySelectorAll('.zoomable')" not in code[0][1] or "details.ws" not in code[1][1]:
            bad.append(f"expected two inline scripts, the zoom and the drill-down, found {len(code)}")
    elif len(scripts) != 1 or scripts[0][0].strip() or "document.querySelectorAll('.zoomable')" not in scripts[0][1]:
        bad.append(f"expected one inline <script>, the zoom, found {len(scripts)}")
    if re.search(r"<[^>]*\son[a-z]+\s*=|\beval\(|new Function", page, re.I):
        bad.append("the page has an event-handler attribute or eval")
    for pat, what in ((r"https?://", "a URL"), (r"@import", "an @import"),
                      (r"<link\b", "a <link>"), (r"<img\b", "an <img>"), (r"url\(\s*['\"]?(?!#)", "a url() that is not a fragment")):
        if re.search(pat, page, re.I):
            bad.append(f"the page contains {what}: {re.search(pat, page, re.I).group(0)!r}")
    if rollup:
        nb, nd, nl = check_rollup(page, plan_text, b, bad)
        if bad:
            print("\n".join(f"{path}: {m}" for m in bad))
            return 1
        print(f"ok: rolled up, {nb} group bars, {nd} drill-downs, {nl} links, {len(page)} bytes")
        return 0
    count = lambda pat: len(re.findall(pat, page))
    bars = count(r'<rect class="bar[ "]')
    marks = count(r'<g class="milestone" data-milestone="')
    nodes = count(r'<g class="node[ "][^>]*data-id="')
    edges = count(r'<path class="edge[ "][^>]*data-from="[^"]*" data-to="')
    for got, want, what in ((bars, len(tasks), "Gantt bars"), (marks, len(ms), "milestone markers"),
                            (nodes, len(tasks) + len(ms), "map nodes"), (edges, deps, "map edges")):
        if got != want:
            bad.append(f"{what}: {got}, expected {want}")
    ids = set(tasks) | set(ms)
    for tag, a in b.attrs:
        for k in ("data-task", "data-milestone", "data-id", "data-from", "data-to"):
            if k in a and a[k] not in ids:
                bad.append(f"{k}={a[k]!r} names nothing in the plan")
    if b.tags.get("title", 0) < bars + marks + nodes + edges:
        bad.append("marks without <title> tooltips")
    if slips is not None and count(r'<svg class="slip"') != slips:
        bad.append(f"slip charts: {count(r'<svg class=.slip.')}, expected {slips}")
    if bad:
        print("\n".join(f"{path}: {m}" for m in bad))
        return 1
    print(f"ok: {bars} bars, {marks} milestones, {nodes} nodes, {edges} edges, {len(page)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
